"""briefgen: speeches in, verbatim and sourced briefing notes out."""

__version__ = "0.1.0"

"""Expected failures: printed as one line naming the place, never as a traceback."""

from __future__ import annotations


class BriefgenError(Exception):
    """A problem with the user's input or environment; `exit_code` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.others: list[BriefgenError] = []  # further problems found in the same pass

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def lines(self) -> list[str]:
        """One line per problem, this one first: users fix them all in one go."""
        return [str(self), *(str(other) for other in self.others)]


class SpecError(BriefgenError):
    """A bad spec or command line: exit code 2."""

    exit_code = 2


class SpeechError(BriefgenError):
    """A speech that cannot be read."""


class TemplateError(BriefgenError):
    """A template that cannot be loaded or rendered."""


class RenderError(BriefgenError):
    """An output that could not be produced."""


class OutputError(BriefgenError):
    """An output that could not be written: no permission, disk full, a file in the way."""

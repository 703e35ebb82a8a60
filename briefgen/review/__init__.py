"""`briefgen review SPEC`: the desk officer's page (server.py), what it shows (page.py) and how
a decision reaches the spec (decide.py)."""

"""Shared pytest options: `--update-golden` rewrites golden files on purpose (review the diff)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/* from what is built now, instead of comparing with them.",
    )


@pytest.fixture()
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True, scope="session")
def private_parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the parse cache of the test run (and its subprocesses) out of the user's cache."""
    before = os.environ.get("BRIEFGEN_CACHE_DIR")
    os.environ["BRIEFGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("parse-cache"))
    yield
    if before is None:
        os.environ.pop("BRIEFGEN_CACHE_DIR", None)
    else:
        os.environ["BRIEFGEN_CACHE_DIR"] = before

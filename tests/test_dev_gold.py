"""The development corpora (statements written for briefgen's tests, labelled in
tests/data/dev-*.yaml) scored by goldcheck, as the acceptance checks score unseen statements.

Each gold file scores the speeches in tests/data/dev/<name>/ (dev-migration.yaml: dev/migration).
The floors are the measured scores less a margin: a change that loses ground fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_gold import BRIEFGEN, DATA

GOLD = sorted(DATA.glob("dev-*.yaml"))
FLOOR = 0.9  # F1, overall and in each section
POSITIONS_PRECISION = 0.95


def test_the_development_corpora_are_there() -> None:
    """Says so in the test report (a skip with its reason) until the corpora are merged."""
    if not GOLD:
        pytest.skip(f"no tests/data/dev-*.yaml in {DATA}: the development corpora are not here")


@pytest.mark.parametrize("gold", GOLD, ids=[g.stem for g in GOLD])
def test_development_corpus_scores_above_the_floor(gold: Path) -> None:
    folder = DATA / "dev" / gold.stem.removeprefix("dev-")
    assert folder.is_dir(), f"{gold.name}: no speeches folder {folder}"
    proc = subprocess.run(
        [sys.executable, str(DATA / "goldcheck.py"), "--gold", str(gold), "--speeches",
         str(folder), "--briefgen", BRIEFGEN],
        capture_output=True, text=True, check=False, timeout=1200,
    )
    lines = proc.stdout.splitlines()
    assert lines, proc.stderr
    overall = re.match(r"F1 ([\d.]+)", lines[-1])
    assert overall and float(overall.group(1)) >= FLOOR, proc.stdout
    for line in lines:
        if section := re.match(r"(\w+): F1 ([\d.]+) \((\d+) found, (\d+) false", line):
            name, f1, found, false = section.groups()
            assert float(f1) >= FLOOR, f"{gold.name} {name}: {line}"
            if name == "positions" and int(found) + int(false):
                precision = int(found) / (int(found) + int(false))
                assert precision >= POSITIONS_PRECISION, f"{gold.name} positions: {line}"

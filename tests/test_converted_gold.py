"""The seeds as users have them (Word with automatic numbering, multi-page PDF, Markdown)
extract every gold item: goldcheck scores the converted files as it scores the text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.seedconvert import to_docx, to_pdf
from tests.test_gold import BRIEFGEN, DATA, ROOT, SEEDS


def converted_gold(tmp_path: Path, suffix: str) -> Path:
    """The gold file with its speech names ending in `suffix` instead of .txt."""
    gold = yaml.safe_load((DATA / "gold-seeds.yaml").read_text(encoding="utf-8"))
    gold["speeches"] = {name.replace(".txt", suffix): entry
                        for name, entry in gold["speeches"].items()}
    path = tmp_path / f"gold{suffix}.yaml"
    path.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    return path


def goldcheck(gold: Path, folder: Path) -> str:
    proc = subprocess.run(
        [sys.executable, str(DATA / "goldcheck.py"), "--gold", str(gold), "--speeches",
         str(folder), "--briefgen", BRIEFGEN],
        capture_output=True, text=True, check=False, timeout=600,
    )
    return proc.stdout


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".md"])
def test_converted_seeds_gold_f1_is_one(tmp_path: Path, suffix: str) -> None:
    if suffix == ".docx" and not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    for gold_name, ours in SEEDS.items():
        text = (ROOT / "speeches" / ours).read_text(encoding="utf-8")
        target = tmp_path / gold_name.replace(".txt", suffix)
        if suffix == ".pdf":
            to_pdf(text, target)
        elif suffix == ".docx":
            to_docx(text, target)
        else:
            target.write_text(text, encoding="utf-8")
    out = goldcheck(converted_gold(tmp_path, suffix), tmp_path)
    assert out.splitlines()[-1].startswith("F1 1.000"), out

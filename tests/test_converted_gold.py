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


def soffice(target: str, sources: list[Path], outdir: Path) -> None:
    """LibreOffice headless conversion of several files in one run, with a profile of its own
    (a LibreOffice already running with the default profile would take the job and fail it)."""
    outdir.mkdir(exist_ok=True)
    profile = (outdir.parent / f"lo-profile-{outdir.name}").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    target, "--outdir", str(outdir), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)


def pandoc(source: Path, target: Path, *options: str) -> None:
    import pypandoc

    subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", str(source), "-o",
                    str(target), *options], check=True, capture_output=True, timeout=120)


# The routes by which users' Word and PDF files are made from a speech's text: pandoc
# (reading it as Markdown) and LibreOffice (importing it as plain text), to Word, and on to PDF.
ROUTES = ["pandoc-docx", "pandoc-docx-libreoffice-pdf", "pandoc-weasyprint-pdf",
          "libreoffice-docx", "libreoffice-pdf", "libreoffice-docx-pdf"]


@pytest.mark.parametrize("route", ROUTES)
def test_seeds_converted_by_common_tools_gold_f1_is_one(tmp_path: Path, route: str) -> None:
    if not shutil.which("soffice") and "libreoffice" in route:
        pytest.skip("LibreOffice (soffice) is not installed")
    if route.startswith("pandoc"):
        pytest.importorskip("pypandoc")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for gold_name, ours in SEEDS.items():
        shutil.copyfile(ROOT / "speeches" / ours, seeds / gold_name)
    texts = sorted(seeds.glob("*.txt"))
    out = tmp_path / "out"
    out.mkdir()
    if route.startswith("pandoc"):
        suffix = ".pdf" if route == "pandoc-weasyprint-pdf" else ".docx"
        options = ["--pdf-engine=weasyprint"] if suffix == ".pdf" else []
        for text in texts:
            pandoc(text, out / f"{text.stem}{suffix}", *options)
        if route == "pandoc-docx-libreoffice-pdf":
            soffice("pdf", sorted(out.glob("*.docx")), tmp_path / "pdf")
            out = tmp_path / "pdf"
    elif route == "libreoffice-docx-pdf":
        soffice("docx:MS Word 2007 XML", texts, tmp_path / "docx")
        soffice("pdf", sorted((tmp_path / "docx").glob("*.docx")), out)
    else:
        soffice("pdf" if route.endswith("pdf") else "docx:MS Word 2007 XML", texts, out)
    suffix = ".pdf" if route.endswith("pdf") else ".docx"
    assert len(list(out.glob(f"*{suffix}"))) == len(SEEDS)
    result = goldcheck(converted_gold(tmp_path, suffix), out)
    assert result.splitlines()[-1].startswith("F1 1.000"), result

"""The flagship brief built end to end into a copy of the project; asserts on the real files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from docx import Document

import briefgen.build
import briefgen.outputs
import briefgen.render.workers
from briefgen.build import build
from briefgen.errors import OutputError
from briefgen.render.workers import Renderers

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).parent / "data" / "gold-seeds.yaml"
GOLDEN = Path(__file__).parent / "golden" / "gcm-prep.json"
SPEC = "config/gcm-prep.yaml"
SEEDS = {  # gold file name -> speech id in speeches/
    "000": "2018-03-27-iom-idm-closing-remarks",
    "001": "2018-03-26-iom-idm-opening-remarks-swing",
    "002": "2018-03-27-srsg-idm-closing-remarks-arbour",
    "003": "2022-10-19-un-migration-network-annual-meeting-way-forward",
    "004": "2017-11-08-sweden-gcm-thematic-consultation-3",
}
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})


def copy_project(target: Path) -> Path:
    """A copy of the project's inputs, so a build never touches the working tree's out/."""
    for name in ("config", "speeches", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target


def fold(text: str) -> str:
    """Lower case, ASCII quotes and dashes, one space, no break after a line-end hyphen."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    return re.sub(r"\s+", " ", re.sub(r"-\s+", "-", text)).strip()


def gold_headlines() -> list[str]:
    """Every gold item of the seeds: takeaways, priorities and positions."""
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["speeches"]
    found = []
    for name, speech in data.items():
        assert name[:3] in SEEDS
        for kind in ("takeaways", "priorities"):
            found += (speech.get(kind) or {}).get("items", [])
        for group in (speech.get("positions") or {}).get("groups", []):
            found += group["items"]
    assert len(found) > 20
    return [fold(headline).rstrip(";") for headline in found]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> briefgen.build.BuildResult:
    project = copy_project(tmp_path_factory.mktemp("project"))
    return build(project / SPEC)


def docx_path(result: briefgen.build.BuildResult) -> Path:
    return result.spec.output_path("docx")


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_writes_both_outputs(built: briefgen.build.BuildResult) -> None:
    assert [p.name for p in built.written] == ["gcm-prep.docx", "gcm-prep.pdf"]
    assert sorted(p.name for p in built.written[0].parent.iterdir()) == [
        ".gcm-prep.lock", ".gcm-prep.manifest.json",
        "gcm-prep.changes.md", "gcm-prep.docx", "gcm-prep.pdf"]


def test_docx_headings_header_footer_and_gold(built: briefgen.build.BuildResult) -> None:
    document = Document(str(docx_path(built)))
    headings = [p.text for p in document.paragraphs
                if p.style.name in ("Heading 1", "Heading 1 Unnumbered")]
    assert headings == [s.title for s in built.spec.sections] + ["Sources cited"]
    section = document.sections[0]
    assert "UNCLASSIFIED" in " ".join(p.text for p in section.header.paragraphs)
    footer = section.footer._element.xml
    assert re.search(r'instr="\s*PAGE\s*"|>\s*PAGE\s*<', footer)
    assert re.search(r'instr="\s*NUMPAGES\s*"|>\s*NUMPAGES\s*<', footer)
    text = fold(" ".join(p.text for p in document.paragraphs))
    missing = [g for g in gold_headlines() if g not in text]
    assert not missing


def test_pdf_text_pages_and_gold(built: briefgen.build.BuildResult) -> None:
    pages = pdf_pages(built.spec.output_path("pdf"))
    assert 3 <= len(pages) <= 15
    assert all("UNCLASSIFIED" in page for page in pages)
    assert f"Page 1 of {len(pages)}" in pages[0]
    text = fold(" ".join(pages))
    missing = [g for g in gold_headlines() if g not in text]
    assert not missing


def test_pdf_passes_qpdf_check(built: briefgen.build.BuildResult) -> None:
    if not shutil.which("qpdf"):
        pytest.skip("qpdf not installed")
    result = subprocess.run(["qpdf", "--check", str(built.spec.output_path("pdf"))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_libreoffice_converts_the_docx(built: briefgen.build.BuildResult, tmp_path: Path) -> None:
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice not installed")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path(built))],
                   check=True, capture_output=True, timeout=180)
    pages = pdf_pages(tmp_path / "gcm-prep.pdf")
    assert 3 <= len(pages) <= 15
    assert all("UNCLASSIFIED" in page for page in pages)


def test_brief_matches_golden_json(built: briefgen.build.BuildResult, update_golden: bool) -> None:
    text = json.dumps(built.brief.to_dict(), ensure_ascii=False, indent=1) + "\n"
    if update_golden:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), "no golden file yet: run pytest --update-golden"
    assert text == GOLDEN.read_text(encoding="utf-8"), "brief changed; review, then --update-golden"


def test_brief_model(built: briefgen.build.BuildResult) -> None:
    brief = built.brief
    items = [i for s in brief.sections for _, group in s.topics for i in group]
    assert [i.citation for i in items] == list(range(1, len(brief.citations) + 1))
    assert [s.id for s in brief.sources] == list(dict.fromkeys(c.speech for c in brief.citations))
    assert all(not Path(s.path).is_absolute() for s in brief.sources)
    assert re.fullmatch(r"Built by briefgen \S+ from 5 speeches; inputs [0-9a-f]{12}", brief.stamp)
    assert all(s.items or s.paragraphs or s.type == "sources" for s in brief.sections)


def test_same_inputs_same_bytes(built: briefgen.build.BuildResult) -> None:
    before = {p: p.read_bytes() for p in built.written}
    again = build(built.spec.path, force=True)
    assert {p: p.read_bytes() for p in again.written} == before
    assert again.brief.stamp == built.brief.stamp


@pytest.mark.parametrize("parallel", [True, False], ids=["workers", "in-process"])
def test_renderer_failure_leaves_previous_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  parallel: bool) -> None:
    result = build(copy_project(tmp_path) / SPEC)
    before = {p: p.read_bytes() for p in result.spec.output_folder.iterdir()}
    real = briefgen.render.workers.render

    def failing(brief: object, template: object, fmt: str, source: str | None = None) -> bytes:
        if fmt == "pdf":
            raise RuntimeError("renderer crashed")
        return real(brief, template, fmt, source) + b"changed"  # type: ignore[arg-type]

    monkeypatch.setattr(briefgen.render.workers, "render", failing)  # forked workers inherit it
    with pytest.raises(RuntimeError, match="renderer crashed"):
        build(result.spec.path, force=True, renderers=None if parallel else Renderers([]))
    assert {p: p.read_bytes() for p in result.spec.output_folder.iterdir()} == before


@pytest.mark.parametrize(("error", "raised"), [(KeyboardInterrupt, KeyboardInterrupt),
                                               (OSError, OutputError)])
def test_interrupted_write_removes_its_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 error: type[BaseException],
                                                 raised: type[BaseException]) -> None:
    """Ctrl-C goes on up; a file system error becomes one OutputError line naming the file."""
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"previous")

    def interrupted(fd: int) -> None:
        raise error()

    monkeypatch.setattr(briefgen.outputs.os, "fsync", interrupted)
    with pytest.raises(raised):
        briefgen.outputs.write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]

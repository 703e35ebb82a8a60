"""How closely the Word layout follows the PDF's: the page of every section and citation.

The DOCX's contents print the page numbers of the PDF rendered from the same brief
(briefgen/render/docx_fields.py), and LibreOffice computes its own as it lays the DOCX
out. This measures, over several briefs, on how many pages LibreOffice's layout of the
DOCX puts each section heading and each citation, against the PDF: a difference is a
page number that Word shows wrongly until its fields are updated. Needs LibreOffice.

Run from the project root: python benchmarks/docx_pages.py  (writes benchmarks/docx-pages.md)
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import copy_project, corpus_spec, synthetic_corpus  # noqa: E402

from briefgen.build import build  # noqa: E402
from briefgen.render.docx_fields import bookmark_name  # noqa: E402
from briefgen.render.pages import anchor_pages  # noqa: E402

EXPORT = ('pdf:writer_pdf_Export:'
          '{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}')
SUMMARY = """\
  - title: "Speech {number}: its central sentences"
    type: summary
    sentences: 4
    from: "{number:04d}-*"
"""


def libreoffice_pages(docx: Path, folder: Path) -> dict[str, int]:
    """Bookmark -> page in LibreOffice's PDF of `docx` (it writes '_' in names as '5F')."""
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", EXPORT, "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=300)
    pages = anchor_pages((folder / f"{docx.stem}.pdf").read_bytes())
    return {name.replace("5F", "_"): page for name, page in pages.items()}


def compare(pdf: Path, docx: Path, folder: Path) -> tuple[int, int, int, int, int]:
    """(pages of the PDF, anchors compared, on another page, of them sections, largest gap)."""
    weasy = anchor_pages(pdf.read_bytes())
    office = libreoffice_pages(docx, folder)
    pairs = [(anchor, page, office[bookmark_name(anchor)]) for anchor, page in weasy.items()
             if bookmark_name(anchor) in office]
    off = [(anchor, a, b) for anchor, a, b in pairs if a != b]
    sections = [anchor for anchor, _, _ in off if not anchor.startswith("cite-")]
    gap = max((abs(a - b) for _, a, b in off), default=0)
    return max(weasy.values()), len(pairs), len(off), len(sections), gap


def variants(project: Path) -> list[tuple[str, str]]:
    """(name, spec path) of each brief measured."""
    flagship = (project / "config" / "gcm-prep.yaml").read_text(encoding="utf-8")
    full = re.sub(r"(\n    type: (?:takeaways|summary|priorities|positions)\n)",
                  r"\1    body: full\n", flagship)
    specs = {"flagship": flagship, "flagship, body: full": full,
             "flagship, draft": flagship.replace("  keywords:", "  draft: true\n  keywords:")}
    found = []
    for number, (name, text) in enumerate(specs.items()):
        path = project / "config" / f"v{number}.yaml"
        path.write_text(text.replace("output: gcm-prep", f"output: v{number}"), encoding="utf-8")
        found.append((name, str(path)))
    synthetic_corpus(project, 60)
    for count in (15, 60):
        sections = "".join(SUMMARY.format(number=i) for i in range(count))
        spec = corpus_spec(project, f"summaries-{count}", sections)
        found.append((f"{count} synthetic speeches, a summary section each", str(project / spec)))
    return found


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        copy_project(project)
        for name, spec in variants(project):
            began = time.monotonic()
            written = {p.suffix: p for p in build(Path(spec), force=True).written}
            seconds = time.monotonic() - began
            pages, compared, off, sections, gap = compare(written[".pdf"], written[".docx"],
                                                          Path(tmp) / "lo")
            rows.append(f"| {name} | {pages} | {compared} | {off} | {sections} | {gap} | "
                        f"{seconds:.1f} |")
            print(rows[-1], flush=True)
    table = ["| brief | PDF pages | anchors compared | on another page | of them sections "
             "| largest difference (pages) | build s |", "|---|---:|---:|---:|---:|---:|---:|",
             *rows]
    text = ("# Page numbers of the Word contents\n\n`python benchmarks/docx_pages.py`: the page "
            "of each section heading and citation in the PDF against LibreOffice's layout of "
            "the DOCX built from the same spec.\n\n" + "\n".join(table) + "\n")
    (ROOT / "benchmarks" / "docx-pages.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

"""The flagship's DOCX, laid out by LibreOffice, against its PDF: the same document.

Both are turned into text (pdftotext) and PNG pages (pdftoppm), and compared: the header
block, the running header, the contents with their page numbers, the sections, the items,
the citations and where their links lead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.brief import assemble
from briefgen.build import load_speeches, template_for
from briefgen.render import render
from briefgen.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("soffice", "pdftotext", "pdftoppm")
HEADING = re.compile(r"(?m)^[ \t]*(\d+)[ \t]+(\S.*?)[ \t]*$")
LABEL = re.compile(r"(?m)^\s*(\d+\.\d+)\s")
CONTENTS_LINE = re.compile(r"(?m)^[ \t]*(\d*)[ \t]+(\S.*?)[ .]{3,}[ \t]*(\d+)[ \t]*$")
CITATIONS = 60  # the flagship's items, one citation each

pytestmark = pytest.mark.skipif(not all(map(shutil.which, TOOLS)),
                                reason="LibreOffice or poppler-utils not installed")


@dataclass
class Rendering:
    """One PDF: its file, and its pages as text and as PNG files."""

    pdf: Path

    @cached_property
    def pages(self) -> list[str]:
        text = subprocess.run(["pdftotext", "-layout", str(self.pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        return text.split("\f")[: len(PdfReader(self.pdf).pages)]

    @cached_property
    def text(self) -> str:
        return "\n".join(self.pages)

    def pngs(self, folder: Path) -> list[Path]:
        folder.mkdir()
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(self.pdf), str(folder / "page")],
                       check=True)
        return sorted(folder.glob("page-*.png"))

    def links(self) -> dict[str, tuple[int, float]]:
        """Each internal link -> the page it leads to and its height on the page (pt), by
        which a reader clicks it; a link is named by what it says
        (LibreOffice: the words under it, "[3]") or by its destination (WeasyPrint:
        "cite-3", said here as "[3]")."""
        reader = PdfReader(self.pdf)
        numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
        found = {}
        for page in reader.pages:
            for annotation in page.get("/Annots", []):
                annotation = annotation.get_object()
                target = annotation.get("/Dest")
                if target is None:
                    continue
                target = (reader.named_destinations[target].page if isinstance(target, str)
                          else target[0])
                label = re.sub(r"^cite-(\d+)$", r"[\1]", str(annotation.get("/Contents")))
                rect = [float(v) for v in annotation["/Rect"]]
                found[label] = numbers[target.idnum], abs(rect[3] - rect[1])
        return found


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendering, Rendering]:
    """(the flagship's PDF, its DOCX converted by LibreOffice), rendered from one brief."""
    folder = tmp_path_factory.mktemp("parity")
    spec = load_spec(ROOT / "config" / "gcm-prep.yaml")
    brief = assemble(spec, load_speeches(spec))
    template = template_for(spec)
    pdf = render(brief, template, "pdf")
    (folder / "weasy.pdf").write_bytes(pdf)
    (folder / "word.docx").write_bytes(render(brief, template, "docx", pdf))
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(folder / "word.docx")], check=True, capture_output=True, timeout=300)
    return Rendering(folder / "weasy.pdf"), Rendering(folder / "word.pdf")


def test_both_render_to_the_same_number_of_pages(both: tuple[Rendering, Rendering],
                                                 tmp_path: Path) -> None:
    weasy, word = both
    images = weasy.pngs(tmp_path / "pdf"), word.pngs(tmp_path / "docx")
    assert len(images[0]) == len(images[1]) == len(weasy.pages) >= 5
    assert all(path.stat().st_size > 1000 for path in images[0] + images[1])  # not blank


def test_the_header_block_and_the_meeting(both: tuple[Rendering, Rendering]) -> None:
    for rendering in both:
        first = " ".join(rendering.pages[0].split())
        for words in ("MINISTRY OF JUSTICE", "Division for Migration and Asylum Policy",
                      "Document Briefing note", "Classification UNCLASSIFIED",
                      "Global Compact for Migration: preparatory brief",
                      "Meeting International Migration Review Forum 2026",
                      "Date 1 December 2026", "Place United Nations Headquarters, New York",
                      "Delegation Sweden", "Prepared by Division for Migration"):
            assert words in first, (rendering.pdf.name, words)


def test_the_running_header_names_the_ministry_from_page_two(
        both: tuple[Rendering, Rendering]) -> None:
    for rendering in both:
        tops = [page.strip().splitlines()[0].split() for page in rendering.pages]
        assert tops[0] == ["UNCLASSIFIED"]
        assert all(top == ["Ministry", "of", "Justice", "UNCLASSIFIED"] for top in tops[1:])
        for number, page in enumerate(rendering.pages, 1):
            assert f"Page {number} of {len(rendering.pages)}" in page


def test_the_contents_have_the_same_page_numbers(both: tuple[Rendering, Rendering]) -> None:
    weasy, word = (CONTENTS_LINE.findall(r.pages[0]) for r in both)
    assert len(weasy) == 11 and [(n, int(p)) for n, _, p in weasy] == [
        (n, int(p)) for n, _, p in word]
    links = both[1].links()
    for number, title, page in weasy:  # each entry's page is where its heading is
        heading = rf"(?m)^\s*{number}\s+{re.escape(title[:30])}" if number else title
        assert re.search(heading, both[1].pages[int(page) - 1])
        assert links[title][0] == links[page][0] == int(page)  # entry and number are links


def test_the_same_sections_items_and_citations(both: tuple[Rendering, Rendering]) -> None:
    body = [r.text[r.text.index("Purpose", r.text.index("Sources cited")):] for r in both]
    assert [h for h in HEADING.findall(body[0])] == [h for h in HEADING.findall(body[1])]
    assert LABEL.findall(body[0]) == LABEL.findall(body[1])
    assert {"7.12", "8.14"} <= set(LABEL.findall(body[0]))
    citations = [re.findall(r"(?m)^[ \t]*\[(\d+)\][ \t]+(\S.*?, para\. \d+.*?)[ \t]*$", r.text)
                 for r in both]
    assert citations[0] == citations[1] and len(citations[0]) == CITATIONS


def test_the_citations_are_links_to_the_citations_list(
        both: tuple[Rendering, Rendering]) -> None:
    pages = []
    for rendering in both:
        links = rendering.links()
        listed = next(n for n, page in enumerate(rendering.pages, 1)
                      if re.search(r"(?m)^\s*\[1\]\s", page))
        cites = {text: page for text, (page, height) in links.items()
                 if re.fullmatch(r"\[\d+\]", text) and height >= 5}  # one can click it
        assert len(cites) == CITATIONS, rendering.pdf.name
        assert min(cites.values()) >= listed
        pages.append(cites)
    assert pages[0] == pages[1]


def bold_words(pdf: Path, start: str, end: str) -> set[str]:
    """The words set in a bold font from each text `start` to the next `end`, in the order
    the PDF draws its text."""
    words: set[str] = set()
    inside = False

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        nonlocal inside
        inside = (inside or start in text) and end not in text
        if inside and font and "Bold" in str(font.get("/BaseFont")):  # type: ignore[attr-defined]
            words.update(re.findall(r"[a-z]+", text.lower()))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return words


def test_the_mentions_in_bold_and_the_acronyms_annex(both: tuple[Rendering, Rendering]) -> None:
    for rendering in both:
        bold = bold_words(rendering.pdf, "What was said on return", "Speeches this brief")
        assert {"returns", "readmission"} <= bold, rendering.pdf.name  # found in the quotes
        assert not {"voluntary", "migration", "agreements"} & bold, rendering.pdf.name
        text = " ".join(rendering.text.split())
        assert "GMDAC Global Migration Data Analysis Center" in text
        assert re.search(r"IMRF International Migration Review Forum ?\[\d+\] not expanded in "
                         r"the sources", text), rendering.pdf.name
        assert {"gmdac", "imrf"} <= bold_words(rendering.pdf, "Acronyms", "Sources cited")

"""Readers on files made by real tools at test time: python-docx, WeasyPrint, Pillow, pypdf."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from briefgen.corpus import load_speech
from briefgen.corpus.decode import decode
from briefgen.corpus.readers import READERS
from briefgen.corpus.readers.hyphens import Dehyphenator
from briefgen.errors import SpeechError
from briefgen.places import SPEECH_SUFFIXES

BRIEFGEN = [sys.executable, "-m", "briefgen"]
POINTS = [
    "partnerships are required at all levels of governance;",
    "partnerships must include all stakeholders;",
    "partnerships are about new and creative ways of working.",
]


def make_docx(path: Path) -> Path:
    """Title, numbered list (Word numbering, no "1." in the text), nested bullets, a table."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "RUNNING HEADER TEXT"
    document.add_paragraph("Opening remarks", style="Title")
    document.add_paragraph("26 March 2018, New York")
    intro = document.add_paragraph("Excellencies, I would like to make 3 points today:")
    document.add_comment(intro.runs, text="A reviewer's comment", author="R")
    for point in POINTS:
        document.add_paragraph(point, style="List Number")
    document.add_paragraph("a nested bullet under the last point", style="List Bullet 2")
    document.add_heading("Borders", level=1)
    split = document.add_paragraph("Sweden supports a strong compact that protects the rights of")
    split.add_run().add_break(WD_BREAK.PAGE)
    split.add_run("all migrants at borders.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one says something."
    table.cell(0, 1).text = "Cell two says more."
    document.save(path)
    return path


def test_docx_numbering_headings_pages_and_tables(tmp_path: Path) -> None:
    speech = load_speech(make_docx(tmp_path / "s.docx"))
    items = [b for b in speech.blocks if b.kind == "item"]
    assert [(b.marker, b.level, b.text) for b in items[:3]] == [
        (f"{n}.", 0, text) for n, text in enumerate(POINTS, start=1)
    ]
    assert (items[3].marker, items[3].level) == ("-", 1)
    assert any(b.kind == "heading" and b.text == "Borders" for b in speech.blocks)
    texts = [b.text for b in speech.blocks]
    joined = "Sweden supports a strong compact that protects the rights of all migrants at borders."
    assert joined in texts
    assert next(b.page for b in speech.blocks if b.text == joined) == 1
    assert next(b.page for b in speech.blocks if b.text.startswith("Cell one")) == 2
    assert "Cell two says more." in texts
    assert not any("RUNNING HEADER" in t or "reviewer" in t for t in texts)
    assert speech.metadata.title == "Opening remarks" and speech.metadata.date == "2018-03-26"


def test_docx_items_are_takeaways(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "s.docx")
    out = subprocess.run([*BRIEFGEN, "extract", str(path), "--section", "takeaways",
                          "--format", "json"], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["announced_count"] == 3
    assert [i["headline"] for i in result["items"]] == [p.rstrip(";") for p in POINTS]
    assert result["items"][2]["subitems"] == ["a nested bullet under the last point"]


def test_bad_files_are_one_line_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (120 * 2**20))
    odd = tmp_path / "speech.rtf"
    odd.write_text("{\\rtf1 hello}")
    for path, words in ((broken, "not a readable Word"), (bomb, "unpacks to"),
                        (odd, "unknown kind")):
        with pytest.raises(SpeechError) as caught:
            load_speech(path)
        assert str(caught.value).startswith(str(path)) and words in str(caught.value)
        assert "\n" not in str(caught.value)


def make_pdf(path: Path) -> Path:
    from weasyprint import HTML

    paragraphs = "".join(
        f"<p>Paragraph {n} says that the governance of migration needs partnerships "
        f"between States, and that cooperation is paramount to success in every region "
        f"of the world, now and in the years to come.</p>" for n in range(1, 40)
    )
    html = (
        "<html><head><style>@page { size: A5; margin: 20mm;"
        " @top-center { content: 'Ministry of Justice: speech' }"
        " @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages) } }"
        "</style></head><body><p>I would like to make 2 points:</p><ol><li>First item of "
        "the list, which is long enough to wrap onto a second line of the page.</li>"
        "<li>Second item.</li></ol>" + paragraphs + "</body></html>"
    )
    HTML(string=html).write_pdf(path)
    return path


def test_pdf_pages_running_heads_and_order(tmp_path: Path) -> None:
    speech = load_speech(make_pdf(tmp_path / "s.pdf"))
    texts = [b.text for b in speech.blocks]
    assert not any("Ministry of Justice" in t or t.startswith("Page ") for t in texts)
    assert all(b.page is not None for b in speech.blocks)
    assert max(b.page or 0 for b in speech.blocks) >= 3
    items = [b for b in speech.blocks if b.kind == "item"]
    assert [b.marker for b in items] == ["1.", "2."]
    assert items[0].text.endswith("a second line of the page.")
    last = next(b for b in speech.blocks if b.text.startswith("Paragraph 39 "))
    assert last.text.endswith("years to come.") and last.page == max(b.page or 0 for b in
                                                                     speech.blocks)


def test_pdf_items_cite_their_page(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "s.pdf")
    out = subprocess.run([*BRIEFGEN, "extract", str(path), "--section", "takeaways",
                          "--format", "json"], capture_output=True, text=True, check=True)
    items = json.loads(out.stdout)["items"]
    assert [i["source"]["page"] for i in items] == [1, 1]


def test_pdf_without_text_encrypted_or_damaged(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw
    from pypdf import PdfReader, PdfWriter

    scan = tmp_path / "scan.pdf"
    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((50, 50), "Statement by Sweden", fill="black")
    image.save(scan)
    locked = tmp_path / "locked.pdf"
    writer = PdfWriter()
    writer.append(PdfReader(make_pdf(tmp_path / "open.pdf")))
    writer.encrypt("secret")
    writer.write(locked)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n garbage")
    for path, words in ((scan, "ocrmypdf"), (locked, "encrypted"), (damaged, "damaged")):
        with pytest.raises(SpeechError) as caught:
            load_speech(path)
        assert str(caught.value).startswith(str(path)) and words in str(caught.value)


def test_hyphens_joined_only_into_words() -> None:
    fix = Dehyphenator("the well-being of migrants and their governance")
    assert fix.joins("effective gover-", "nance of migration")
    assert fix.join("effective gover-", "nance, of migration") == (
        "effective governance,", "of migration")
    assert not fix.joins("the well-", "being of all")  # written with a hyphen elsewhere
    assert not fix.joins("evidence-based policy-", "making matters")  # two words: a compound
    assert not fix.joins("the xqz-", "vlor thing")  # no word either way: the hyphen stays
    assert not fix.joins("in 2017-", "2018")


def test_html_main_text_without_navigation(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Statement by Sweden</title></head><body><nav><ul>"
        "<li><a href='/'>Home</a></li><li><a href='/news'>News and press releases</a></li>"
        "</ul></nav><main><article><h1>Statement by Sweden</h1><p>8 November 2017, Geneva</p>"
        "<p>Mr Chair, Sweden aligns itself with the statement of the European Union. We would "
        "like to make two points:</p><ol><li>Sweden supports a strong compact for all.</li>"
        "<li>Sweden advocates cooperation.<ul><li>with countries of origin;</li></ul></li></ol>"
        "<p>Thank you, Mr Chair.</p></article></main><footer><p>Copyright 2024 Government "
        "Offices. Privacy policy and cookies.</p></footer></body></html>", encoding="utf-8")
    speech = load_speech(page)
    texts = " ".join(b.text for b in speech.blocks)
    assert "Home" not in texts and "Copyright" not in texts
    items = [(b.marker, b.level) for b in speech.blocks if b.kind == "item"]
    assert items == [("1.", 0), ("2.", 0), ("-", 1)]
    assert speech.metadata.date == "2017-11-08"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings(encoding: str) -> None:
    text = "Déclaration – « l’Europe » naïve, Straße. “Quoted” text — 50 €.\n" * 3
    assert decode(text.encode(encoding)) == text


def test_undecodable_bytes_never_crash() -> None:
    assert isinstance(decode(bytes(range(256)) * 3), str)


def test_markdown_lists_headings_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text("---\ntitle: A speech\n---\n# Statement\n\nWe make 2 points:\n\n"
                    "3. **third** point\n4. fourth point\n   - nested\n", encoding="utf-8")
    speech = load_speech(path)
    assert speech.metadata.title == "A speech"
    items = [(b.marker, b.level, b.text) for b in speech.blocks if b.kind == "item"]
    assert items == [("3.", 0, "third point"), ("4.", 0, "fourth point"), ("-", 1, "nested")]


def test_speeches_add_writes_marked_sidecar(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "original.docx")
    proc = subprocess.run([*BRIEFGEN, "speeches", "add", str(source), "--id", "swing-2018"],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "speeches/swing-2018.docx" in proc.stdout
    sidecar = (tmp_path / "speeches" / "swing-2018.yaml").read_text(encoding="utf-8")
    assert "title: Opening remarks  # detected, please check" in sidecar
    assert "language: en  # detected, please check" in sidecar
    listed = subprocess.run([*BRIEFGEN, "speeches"], cwd=tmp_path, capture_output=True,
                            text=True, check=True)
    assert "swing-2018" in listed.stdout and "2018-03-26" in listed.stdout


def test_word_number_formats_and_counters() -> None:
    from briefgen.corpus.readers.numbering import Level, Numbering, format_number

    assert [format_number(n, "lowerLetter") for n in (1, 2, 27)] == ["a", "b", "aa"]
    assert [format_number(n, "upperRoman") for n in (4, 9, 14)] == ["IV", "IX", "XIV"]
    levels = {0: Level("decimal", "%1."), 1: Level("lowerLetter", "%2)"),
              2: Level("lowerRoman", "(%3)"), 3: Level("bullet", "")}
    numbering = Numbering(levels={"1": levels, "2": levels}, overrides={"2": {0: 4}})
    shown = [numbering.marker("1", lvl) for lvl in (0, 1, 1, 2, 3, 0, 1)]
    assert shown == ["1.", "a)", "b)", "(i)", "o", "2.", "a)"]  # deeper levels restart
    assert numbering.marker("2", 0) == "4."  # startOverride restarts a list at 4
    assert numbering.marker("0", 0) is None  # numId 0: numbering switched off


@pytest.mark.parametrize(("name", "text", "message"), [
    ("s.yaml", "title: " + "[" * 100_000 + "]" * 100_000, "nested more than 40 levels"),
    ("s.yaml", "- " * 100_000 + "x", "nested more than 40 levels"),
    ("s.yaml", "a: &a [x, x]\nb: &b [*a, *a, *a]\ntitle: *b", "aliases"),
    ("s.md", "---\ntitle: " + "{a: " * 50_000 + "x" + "}" * 50_000 + "\n---\nText.", "nested"),
], ids=["flow", "block", "aliases", "front-matter"])
def test_hostile_metadata_is_a_one_line_error(tmp_path: Path, name: str, text: str,
                                              message: str) -> None:
    """Deep nesting would crash libyaml's loader (a segfault, not an exception)."""
    speech = tmp_path / "s.txt" if name.endswith(".yaml") else tmp_path / name
    if name.endswith(".yaml"):
        speech.write_text("We support the compact and want it to work for everyone.\n")
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(SpeechError, match=message) as caught:
        load_speech(speech)
    assert "s." in str(caught.value) and "\n" not in str(caught.value)


def test_every_speech_suffix_has_a_reader() -> None:
    """briefgen.places names the kinds of speech files without importing the readers."""
    assert set(READERS) == set(SPEECH_SUFFIXES)

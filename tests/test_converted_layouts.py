"""Layouts that converters give speeches, on files made at test time by python-docx,
WeasyPrint and LibreOffice: each was met converting the seeds by a route users take."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from briefgen.corpus import load_speech

# A Word file that is a PDF's text pasted or imported a line per paragraph (pandoc and
# LibreOffice make one from a .txt): a sentence runs on past a line that opens with a dash.
DASH_LINES = [
    "safeguarding the rights of migrants. We are pleased that forced labour is being",
    "addressed in the negotiations – we need to continue working together",
    "– States, international organizations and civil society partners –",
    "to eradicate all forms of modern slavery and forced labour.",
    "As was well put this week, migration is a source of development.",
]
# Wrapped lines whose blank lines were lost: a heading stands between two paragraphs.
WRAPPED = [
    "Successful governance of migration depends on building relationships of",
    "trust between all States and actors involved, and on the patience to keep",
    "talking when the talks are hard. We heard that message from many of you",
    "over these two days, and we will carry it into the negotiations that are",
    "ahead of us, in the capitals and in New York, with the same conviction.",
    "Conclusions",
    "Excellencies, ladies and gentlemen,",
    "We must continue working together in an equal, transparent and responsible",
    "way to reap the benefits of migration and to reduce its risks, for migrants",
    "and for the communities that receive them, in every region of the world.",
    "This is a crucial year for migration, as the compact is being negotiated",
    "and its commitments are being written by the States that will keep them.",
]


def line_per_paragraph_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Excellencies, I would like to highlight two main takeaways:")
    document.add_paragraph("We must redouble our efforts to end forced labour. This is "
                           "essential to", style="List Number")
    for line in DASH_LINES:
        document.add_paragraph(line)
    document.add_paragraph("Migration is not a crisis, but a reality to be governed.",
                           style="List Number")
    for line in WRAPPED:
        document.add_paragraph(line)
    for line in ("We call on all States to", "– ratify the convention;",
                 "– implement its provisions."):  # in the wrapped lines
        document.add_paragraph(line)
    document.add_heading("Commitments", level=1)
    for line in ("We call on all donors to", "– fund the programmes;",
                 "– report on them."):  # paragraphs of their own
        document.add_paragraph(line)
    document.save(path)
    return path


def test_a_dash_inside_a_sentence_is_not_a_list_item(tmp_path: Path) -> None:
    blocks = load_speech(line_per_paragraph_docx(tmp_path / "s.docx")).blocks
    first = next(b for b in blocks if b.text.startswith("We must redouble"))
    assert first.kind == "item" and first.text.endswith(
        "working together – States, international organizations and civil society partners "
        "– to eradicate all forms of modern slavery and forced labour.")
    assert not any(b.text.startswith("States, international") for b in blocks)
    # A dash that opens a run of dash items after an unfinished line is still a marker.
    dashes = [b for b in blocks if b.marker == "–"]
    assert [b.text for b in dashes] == ["ratify the convention;", "implement its provisions.",
                                        "fund the programmes;", "report on them."]


def test_a_heading_line_between_wrapped_paragraphs_stands_alone(tmp_path: Path) -> None:
    blocks = load_speech(line_per_paragraph_docx(tmp_path / "s.docx")).blocks
    texts = [b.text for b in blocks]
    assert any(t.endswith("with the same conviction.") for t in texts), texts
    heading = next(b for b in blocks if b.text == "Conclusions")
    assert heading.kind == "heading"
    assert "Excellencies, ladies and gentlemen," in texts


def woven_pdf(path: Path) -> Path:
    """A heading whose last line has only short letters, one bullet for both list levels,
    and a compound broken after its hyphen before a capital."""
    from weasyprint import HTML

    filler = "".join(f"<p>Paragraph {n} says that the governance of migration needs "
                     "partnerships between States, in every region of the world.</p>"
                     for n in range(1, 3))
    HTML(string=(
        "<html><head><style>@page { size: A5; margin: 20mm }"
        " body { font-family: 'DejaVu Serif', serif; font-size: 11pt }"
        " h2 { font-size: 17pt } li { list-style-type: disc }</style></head><body>"
        "<h2>Summary of the discussion<br>on common concerns</h2>"
        "<p>Sweden would like to make 2 points:</p>"
        "<ul><li>Drawing on our experience, lessons can be learnt:<ul>"
        "<li>voluntary return should be preferred;</li>"
        "<li>every State is required to readmit its own citizens.</li></ul></li>"
        "<li>Cooperation between countries of origin and destination is necessary.</li></ul>"
        f"{filler}<p>In closing, we all wish to thank the Secretary-<br>General for the "
        "report, and the many colleagues who worked on it over the year.</p>"
        "</body></html>"
    )).write_pdf(path)
    return path


def test_pdf_heading_by_font_size_nesting_by_indent_and_capital_compounds(
        tmp_path: Path) -> None:
    path = woven_pdf(tmp_path / "s.pdf")
    blocks = load_speech(path).blocks
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings[:1] == ["Summary of the discussion on common concerns"], headings
    items = [(b.text, b.level) for b in blocks if b.kind == "item"]
    assert items == [
        ("Drawing on our experience, lessons can be learnt:", 0),
        ("voluntary return should be preferred;", 1),
        ("every State is required to readmit its own citizens.", 1),
        ("Cooperation between countries of origin and destination is necessary.", 0),
    ], items
    thanks = next(b.text for b in blocks if b.text.startswith("In closing"))
    assert thanks.startswith("In closing, we all wish to thank the Secretary-General for the "
                             "report, and"), thanks


def test_pdf_sub_points_drawn_at_the_margin_still_nest_by_their_marker(tmp_path: Path) -> None:
    """pandoc makes '- point' a Word bullet but leaves 'o sub-point' a paragraph at the margin,
    left of its point: the change of marker, not the placing, says how they nest."""
    from weasyprint import HTML

    HTML(string=(
        "<html><body style='font-size: 11pt'><ul><li>Sweden supports a number of lessons:"
        "</li></ul><p>o voluntary return should be preferred;</p>"
        "<p>o every State is required to readmit its own citizens.</p>"
        "<ul><li>Sweden also supports cooperation on return.</li></ul></body></html>"
    )).write_pdf(tmp_path / "s.pdf")
    items = [(b.text, b.level) for b in load_speech(tmp_path / "s.pdf").blocks
             if b.kind == "item"]
    assert [level for _, level in items] == [0, 1, 1, 0], items


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_keeps_the_space_after_a_dash(tmp_path: Path) -> None:
    """LibreOffice draws a space as a sliver at the baseline, below a dash's short box."""
    source = tmp_path / "s.html"
    lines = [
        "<p>We are pleased that forced labour is being addressed in the negotiations</p>",
        "<p>– we need to continue working together</p>",
        "<p>– States, international organizations, the private sector and partners –</p>",
        "<p>to eradicate all forms of modern slavery and forced labour.</p>",
    ]
    source.write_text("<html><body>" + "".join(lines) + "</body></html>", encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf:writer_web_pdf_Export", "--outdir",
                    str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    text = " ".join(b.text for b in load_speech(tmp_path / "s.pdf").blocks)
    assert "– States, international" in text and "–States" not in text, text



def test_pdf_words_hyphenated_by_the_typesetter_are_joined(tmp_path: Path) -> None:
    """WeasyPrint (hyphens: auto) breaks words with U+2010; the speech's own hyphens stay."""
    from pypdf import PdfReader
    from weasyprint import HTML

    words = ("Intergovernmental negotiations on international migration governance require "
             "comprehensive, collaborative and accountable partnerships; policy-making "
             "institutions, humanitarian organizations and development cooperation "
             "agencies must strengthen their coordination mechanisms considerably.")
    HTML(string=(
        "<html lang='en'><body style='font-size: 12pt'><p style='width: 55mm; hyphens: auto;"
        f" text-align: justify'>{words}</p></body></html>"
    )).write_pdf(tmp_path / "s.pdf")
    assert "\u2010" in PdfReader(tmp_path / "s.pdf").pages[0].extract_text()  # broken words
    assert [b.text for b in load_speech(tmp_path / "s.pdf").blocks] == [words]

"""Pieces shared by the Word templates: running header and footer, text sections, notes.

Every Jinja expression here uses the filters of briefgen/render/jinja.py (`date`,
`paragraphs`, ...) and render/docx_fields.py (`rich`, ...), the same ones the HTML and
Markdown templates use, so a value reads the same in every format.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentType
from docx.shared import Mm, RGBColor
from docx.text.paragraph import Paragraph
from docx_kit import TAB, cstyle, field, para, pstyle, tag, text_width_mm

GREY = RGBColor(0x55, 0x55, 0x55)
MARKING = "{{ brief.info.classification }}{% if brief.info.draft %} \u2013 DRAFT{% endif %}"
ISSUER = "{{ brief.info.ministry or brief.info.unit or '' }}"  # one short line, as in the PDF
EMPTY = "{{ section.empty_message or 'Nothing to report.' }}"


def running_styles(doc: DocumentType, marking_pt: float) -> None:
    """Header and Footer: one line, the marking centred, the page number on the right."""
    width = text_width_mm(doc)
    tabs = ((width / 2, "center", None), (width, "right", None))
    for name in ("Header", "Footer"):
        pstyle(doc, name, marking_pt, line=1.0, tabs=tabs)
    cstyle(doc, "Marking", bold=True, tracking=0.12 * marking_pt)
    cstyle(doc, "Running Text", size=7.5, color=GREY)
    cstyle(doc, "Page Number", size=8)


def header_footer(doc: DocumentType, *, running: bool, top_mm: float,
                  bottom_mm: float) -> None:
    """The marking at the top and bottom of every page and "Page X of Y", as the PDF's page
    margins print them; `running`: from page 2 the header also names the ministry (left)
    and the reference (right). `top_mm`, `bottom_mm`: where the header's and footer's text
    stand, from the page's edges."""
    section = doc.sections[0]
    section.header_distance, section.footer_distance = Mm(top_mm), Mm(bottom_mm)
    section.different_first_page_header_footer = running
    headers = [section.header] + ([section.first_page_header] if running else [])
    for header in headers:
        runs = [TAB, (MARKING, "Marking")]
        if running and header is section.header:
            runs = [(ISSUER, "Running Text"), *runs, TAB,
                    ("{{ brief.info.reference or '' }}", "Running Text")]
        _only(header, para(header, "Header", *runs))
    for footer in [section.footer] + ([section.first_page_footer] if running else []):
        line = para(footer, "Footer", TAB, (MARKING, "Marking"), TAB, ("Page ", "Page Number"))
        field(line, "PAGE", "1")
        line.add_run(" of ", style="Page Number")
        field(line, "NUMPAGES", "1")
        _only(footer, line)


def _only(part: Any, keep: Paragraph) -> None:
    """Remove the empty paragraph python-docx starts a header or footer with."""
    for paragraph in part.paragraphs:
        if paragraph._p is not keep._p:
            paragraph._p.getparent().remove(paragraph._p)


def text_paragraphs(doc: DocumentType, plain: str, bullet: str, number: str) -> None:
    """A text section's hand-written paragraphs, bullets and numbered points, with their
    bold and italic."""
    tag(doc, "for paragraph in section.paragraphs")
    tag(doc, "if paragraph.kind == 'bullet'")
    para(doc, bullet, "{{r paragraph | rich }}")
    tag(doc, "elif paragraph.kind == 'number'")
    para(doc, number, "{{r paragraph | rich }}")
    tag(doc, "else")
    para(doc, plain, "{{r paragraph | rich }}")
    tag(doc, "endif")
    tag(doc, "endfor")


def empty(doc: DocumentType) -> None:
    """What a section without content says instead of leaving its heading bare."""
    para(doc, "Empty", EMPTY)


def stamp(doc: DocumentType) -> None:
    """The build stamp, in small print at the end."""
    tag(doc, "if brief.stamp")
    para(doc, "Stamp", "{{ brief.stamp }}")
    tag(doc, "endif")

"""Pieces shared by the Word templates: running header and footer, text sections, notes.

Every Jinja expression here uses the filters of briefgen/render/jinja.py (`date`,
`paragraphs`, ...) and render/docx_fields.py (`rich`, ...), the same ones the HTML and
Markdown templates use, so a value reads the same in every format.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentType
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
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
        line = para(header, "Header", *runs)
        watermark(line)
        _only(header, line)
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


VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
# Word's preset text-path shape (ECMA-376 VML shape type 136), as Word writes a watermark.
TEXT_SHAPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{eqn}"/>' for eqn in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3",
        "if @0 @3 0", "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6",
        "mid @8 @5", "mid @7 @8", "mid @6 @7", "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" '
    'xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
)


def watermark(header: Paragraph) -> None:
    """DRAFT across every page, behind the text, while the brief is a draft (`draft: auto`
    makes it one while a section is not reviewed): a VML text shape in the header, as Word's
    own watermarks are, so Word and LibreOffice both show it."""
    header.add_run("{% if brief.info.draft %}")
    shape = (
        '<v:shape id="DraftWatermark" type="#_x0000_t136" o:allowincell="f" fillcolor="#c8c8c8" '
        'stroked="f" style="position:absolute;margin-left:0;margin-top:0;width:430pt;'
        "height:110pt;rotation:315;z-index:-251654144;mso-position-horizontal:center;"
        'mso-position-horizontal-relative:margin;mso-position-vertical:center;'
        'mso-position-vertical-relative:margin"><v:fill opacity=".45"/>'
        '<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string="DRAFT"/>'
        "</v:shape>"
    )
    run = header.add_run()
    run._r.append(parse_xml(f'<w:pict {nsdecls("w")} {VML}>{TEXT_SHAPE}{shape}</w:pict>'))
    header.add_run("{% endif %}")


def review_mark(doc: DocumentType, style: str = "Caption", changed: str = "Draft Note") -> None:
    """A section's sign-off under its heading: reviewed, changed since review (in the shaded
    box of draft notes), or, in drafts, not reviewed; text and sources sections have no
    fingerprint and show none."""
    tag(doc, "if section.review and section.review.changed")
    para(doc, changed, "Changed since review: the items are no longer those "
         "{{ section.review.by }} reviewed on {{ section.review.on | date }}.")
    tag(doc, "elif section.review")
    para(doc, style, "Reviewed by {{ section.review.by }} on {{ section.review.on | date }}.")
    tag(doc, "elif brief.info.draft and section.fingerprint")
    para(doc, style, "Not reviewed.")
    tag(doc, "endif")

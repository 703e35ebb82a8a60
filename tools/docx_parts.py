"""Pieces shared by the Word templates: styles, running header and footer, text sections.

Every Jinja expression here uses the filters of briefgen/render/jinja.py (`date`,
`paragraphs`, ...), the same ones the HTML and Markdown templates use, so a value
reads the same in every format.
"""

from __future__ import annotations

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docx_kit import GREY, TAB, box, field, list_format, para, style, tag

BOLD, ITALIC = {"bold": True}, {"italic": True}
EMPTY = "{{ section.empty_message or 'Nothing to report.' }}"


def styles(doc: DocumentType, body: float, bullet: float) -> None:
    """Sober typography: one family, black headings, clear sizes, no theme colours or rules."""
    style(doc, "Normal", body, after=6)
    style(doc, "Title", body + 9, bold=True, after=4, line=1.0)
    style(doc, "Subtitle", body + 2, color=GREY, after=12)
    style(doc, "Heading 1", body + 3, bold=True, before=16, after=6, keep=True)
    style(doc, "Heading 2", body + 1, bold=True, before=10, after=4, keep=True)
    style(doc, "Heading 3", body, bold=True, italic=True, before=8, after=3, keep=True)
    style(doc, "TOC Heading", body + 1, bold=True, before=12, after=4, keep=True)
    style(doc, "List Bullet", bullet, after=4)
    style(doc, "List Bullet 2", body, after=3)
    style(doc, "List Number", body, after=4)
    style(doc, "List Continue", body, after=4)
    style(doc, "Quote", body, italic=True, after=6, left=0.8)
    style(doc, "Caption", 8.5, color=GREY, after=4)
    for name in ("Header", "Footer"):
        style(doc, name, 8.5, after=0, line=1.0)
        tabs = doc.styles[name].paragraph_format.tab_stops
        tabs.clear_all()  # the default's stops are for US Letter
        tabs.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    list_format(doc, 1, "\u2022", 0.6)
    list_format(doc, 2, "\u2013", 1.6)


def header_footer(doc: DocumentType) -> None:
    """Classification top and bottom of every page; reference and 'Page X of Y' in the footer."""
    section = doc.sections[0]
    top = para(
        section.header,
        "Header",
        ("{{ brief.info.classification }}", BOLD),
        ("{% if brief.info.draft %}  \u2013  DRAFT{% endif %}", BOLD),
    )
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    watermark(top)
    section.header.paragraphs[0]._p.getparent().remove(section.header.paragraphs[0]._p)
    footer = section.footer
    mark = para(footer, "Footer", ("{{ brief.info.classification }}", BOLD))
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line = para(footer, "Footer", "{{ brief.info.reference }}", TAB, TAB, "Page ")
    field(line, "PAGE", "1")
    line.add_run(" of ")
    field(line, "NUMPAGES", "1")
    footer.paragraphs[0]._p.getparent().remove(footer.paragraphs[0]._p)


def text_paragraphs(doc: DocumentType, plain: str, bullet: str, number: str) -> None:
    """A text section's hand-written paragraphs, bullets and numbered points."""
    tag(doc, "for paragraph in section.paragraphs")
    tag(doc, "if paragraph.kind == 'bullet'")
    para(doc, bullet, "{{ paragraph.text }}")
    tag(doc, "elif paragraph.kind == 'number'")
    para(doc, number, "{{ paragraph.text }}")
    tag(doc, "else")
    para(doc, plain, "{{ paragraph.text }}")
    tag(doc, "endif")
    tag(doc, "endfor")


def empty(doc: DocumentType) -> None:
    """What a section without content says instead of leaving its heading bare."""
    para(doc, "Normal", (EMPTY, ITALIC))


def stamp(doc: DocumentType) -> None:
    """The build stamp, in small print at the end."""
    tag(doc, "if brief.stamp")
    para(doc, "Caption", "{{ brief.stamp }}").paragraph_format.space_before = Pt(18)
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


def review_mark(doc: DocumentType) -> None:
    """A section's sign-off under its heading: reviewed, changed since review (boxed), or, in
    drafts, not reviewed; text and sources sections have no fingerprint and show none."""
    who = "{{ section.review.by }} reviewed on {{ section.review.on | date }}."
    tag(doc, "if section.review and section.review.changed")
    box(para(doc, "Caption", ("Changed since review: ", BOLD),
             "the items are no longer those " + who), fill="FFFFFF")
    tag(doc, "elif section.review")
    para(doc, "Caption", "Reviewed by {{ section.review.by }} on {{ section.review.on | date }}.")
    tag(doc, "elif brief.info.draft and section.fingerprint")
    para(doc, "Caption", "Not reviewed.")
    tag(doc, "endif")

"""Building blocks for the Word templates: page, styles, fields and tag paragraphs.

Used by make_docx_templates.py. python-docx's default document carries Word's
built-in styles (Title, Heading 1-9, List Bullet, List Number, Quote, caption,
TOC Heading); these helpers restyle them soberly and write Jinja tags so that
each tag sits in one run, where Word's run splitting cannot break it.
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
INK = RGBColor(0x00, 0x00, 0x00)
GREY = RGBColor(0x55, 0x55, 0x55)
TEXT_WIDTH = Cm(16)  # A4 (21 cm) less 2.5 cm margins each side
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
TAB = object()  # marks a tab between runs in para()


def new_document() -> DocumentType:
    """An empty A4 document with Word's built-in styles and no stray metadata."""
    doc = Document()
    for rels, kind in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_WITH_EFFECTS)):
        for rid in [rid for rid, rel in rels.items() if rel.reltype == kind]:
            rels.pop(rid)
    props = doc.core_properties
    props.author = props.comments = props.title = props.subject = props.keywords = ""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    _one_font(doc)
    return doc


def _one_font(doc: DocumentType) -> None:
    """One family everywhere: drop theme fonts (Calibri/Cambria) and set the default font."""
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def style(doc: DocumentType, name: str, size: float, **fmt: Any) -> None:
    """Restyle a built-in style: size, weight, colour, spacing; no borders, no theme colours."""
    st = doc.styles[name]
    font, para = st.font, st.paragraph_format
    font.size = Pt(size)
    font.bold = fmt.get("bold", False)
    font.italic = fmt.get("italic", False)
    font.color.rgb = fmt.get("color", INK)
    font.all_caps = fmt.get("caps", False)
    para.space_before = Pt(fmt.get("before", 0))
    para.space_after = Pt(fmt.get("after", 6))
    para.line_spacing = fmt.get("line", 1.1)
    para.keep_with_next = fmt.get("keep")
    ppr = st.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    if "left" in fmt:
        para.left_indent = Cm(fmt["left"])
    rpr = st.element.get_or_add_rPr()
    for kern in rpr.findall(qn("w:spacing")):
        rpr.remove(kern)


def toc_style(doc: DocumentType, level: int, size: float, number_cm: float = 0) -> None:
    """Add Word's built-in 'toc N' paragraph style (python-docx's default lacks it).

    `number_cm` leaves room for a section number before a tab, as Word's TOC field
    writes entries of numbered headings.
    """
    st = doc.styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
    st.element.find(qn("w:name")).set(qn("w:val"), f"toc {level}")
    st.base_style = doc.styles["Normal"]
    st.font.size = Pt(size)
    fmt = st.paragraph_format
    fmt.space_after = Pt(2)
    fmt.left_indent = Cm(0.6 * (level - 1) + number_cm)
    fmt.first_line_indent = Cm(-number_cm)
    if number_cm:
        fmt.tab_stops.add_tab_stop(Cm(0.6 * (level - 1) + number_cm))
    fmt.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def list_format(
    doc: DocumentType, num_id: int, glyph: str | None, left_cm: float, hang_cm: float = 0.5
) -> None:
    """Give a list definition a compact indent and, for bullets, a plain glyph in the body font."""
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    level = abstract.find(qn("w:lvl"))
    if glyph is not None:
        level.find(qn("w:lvlText")).set(qn("w:val"), glyph)
    left, hanging = str(int(Cm(left_cm).twips)), str(int(Cm(hang_cm).twips))
    level.find(qn("w:pPr")).find(qn("w:tabs")).find(qn("w:tab")).set(qn("w:pos"), left)
    ind = level.find(qn("w:pPr")).find(qn("w:ind"))
    ind.set(qn("w:left"), left)
    ind.set(qn("w:hanging"), hanging)
    fonts = level.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if glyph is not None and fonts is not None:
        for attr in ("w:ascii", "w:hAnsi"):
            fonts.set(qn(attr), FONT)


def para(container: Any, style_name: str | None, *runs: Any) -> Paragraph:
    """A paragraph of runs: a string, TAB, or (text, {bold, italic, size, color})."""
    p = container.add_paragraph(style=style_name)
    add_runs(p, *runs)
    return p


def add_runs(p: Paragraph, *runs: Any) -> Paragraph:
    """Append runs to a paragraph: a string, TAB, or (text, {bold, italic, size, color})."""
    for run in runs:
        if run is TAB:
            p.add_run().add_tab()
            continue
        text, fmt = (run, {}) if isinstance(run, str) else run
        r = p.add_run(text)
        r.bold, r.italic = fmt.get("bold"), fmt.get("italic")
        if "size" in fmt:
            r.font.size = Pt(fmt["size"])
        if "color" in fmt:
            r.font.color.rgb = fmt["color"]
    return p


def tag(container: Any, text: str) -> None:
    """A paragraph holding one docxtpl paragraph tag (`{%p ... %}`); docxtpl removes it."""
    container.add_paragraph().add_run("{%p " + text + " %}")


def hanging(p: Paragraph, left_cm: float, first_cm: float) -> Paragraph:
    """Hang the first line (label or number) left of the text, with a tab stop at the text."""
    p.paragraph_format.left_indent = Cm(left_cm)
    p.paragraph_format.first_line_indent = Cm(-first_cm)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(left_cm))
    return p


def no_numbering(p: Paragraph) -> Paragraph:
    """Keep a list style but switch its automatic number off: the number is written as text."""
    num = p._p.get_or_add_pPr().get_or_add_numPr()  # in schema order
    num.get_or_add_ilvl().val = 0
    num.get_or_add_numId().val = 0
    return p


def box(p: Paragraph, fill: str = "F2F2F2") -> Paragraph:
    """Frame a paragraph with a thin border and a light shade (the DRAFT notice)."""
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="6" w:space="4" w:color="404040"/>'
        for side in ("top", "left", "bottom", "right")
    )
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>"))
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))
    return p


def rule(p: Paragraph) -> Paragraph:
    """A thin line under a paragraph, closing the title block."""
    ppr = p._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f"<w:pBdr {nsdecls('w')}>"
            '<w:bottom w:val="single" w:sz="6" w:space="6" w:color="000000"/></w:pBdr>'
        )
    )
    return p


def field(p: Paragraph, instr: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) with a cached result for readers that do not update."""
    p._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} ">'
            f"<w:r><w:t>{shown}</w:t></w:r></w:fldSimple>"
        )
    )


def field_char(p: Paragraph, kind: str, instr: str | None = None) -> None:
    """A complex-field marker run (begin/separate/end), or the run carrying its instruction."""
    run = OxmlElement("w:r")
    if instr is None:
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
    else:
        mark = OxmlElement("w:instrText")
        mark.set(qn("xml:space"), "preserve")
        mark.text = instr
    run.append(mark)
    p._p.append(run)


def number_headings(doc: DocumentType, style_name: str, indent_cm: float) -> None:
    """Number a heading style 1, 2, 3 through the document as Word does ("Heading numbering").

    The briefing note's items are labelled "2.1", "2.2" by the template, so the
    heading numbers must come from the same count: one per section, in order.
    """
    numbering = doc.part.numbering_part.element
    abstract_id = 1 + max(int(a.get(qn("w:abstractNumId"))) for a in
                          numbering.findall(qn("w:abstractNum")))
    indent = int(Cm(indent_cm).twips)
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="{doc.styles[style_name].style_id}"/>'
        '<w:suff w:val="tab"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
        f'<w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr></w:lvl></w:abstractNum>'
    )
    numbering.findall(qn("w:num"))[0].addprevious(abstract)
    num = numbering.add_num(abstract_id)
    ppr = doc.styles[style_name].element.get_or_add_pPr()
    ppr.get_or_add_numPr().get_or_add_numId().val = num.numId  # in schema order


def unnumbered_style(doc: DocumentType, style_name: str) -> None:
    """Switch off numbering a style inherits (TOC Heading is based on Heading 1)."""
    ppr = doc.styles[style_name].element.get_or_add_pPr()
    ppr.get_or_add_numPr().get_or_add_numId().val = 0


def spaced(doc: DocumentType, style_name: str) -> None:
    """Drop a style's contextual spacing, so its paragraphs keep their space between them."""
    ppr = doc.styles[style_name].element.get_or_add_pPr()
    for spacing in ppr.findall(qn("w:contextualSpacing")):
        ppr.remove(spacing)

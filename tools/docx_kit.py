"""Building blocks for the Word templates: page, styles, fields and tag paragraphs.

Used by make_docx_templates.py. python-docx's default document carries Word's
built-in styles (Title, Heading 1-9, List Bullet, List Number, Quote, Caption,
TOC Heading); these helpers restyle them and add the template's own, so that every
size, indent and space between paragraphs comes from a style, never from a single
paragraph; they also write Jinja tags so that each tag sits in one run, where Word's
run splitting cannot break it.

The Word layout follows the PDF's (templates/*/style.css): the same page and margins,
the same type sizes, line heights as minimums ("at least" the CSS line-height) and the
CSS margins as space before and after. Word, like CSS, takes the larger of one
paragraph's space after and the next one's space before (LibreOffice does the same with
a Word file: measured), so the margins carry over as they are.
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
INK = RGBColor(0x11, 0x11, 0x11)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
TAB = object()  # marks a tab between runs in para()
ALIGN = {"left": WD_TAB_ALIGNMENT.LEFT, "center": WD_TAB_ALIGNMENT.CENTER,
         "right": WD_TAB_ALIGNMENT.RIGHT}


def new_document(margins_mm: tuple[float, float, float, float]) -> DocumentType:
    """An empty A4 document (margins top, right, bottom, left in mm, as in CSS), Word's
    built-in styles, no stray metadata, one font."""
    doc = Document()
    for rels, kind in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_WITH_EFFECTS)):
        for rid in [rid for rid, rel in rels.items() if rel.reltype == kind]:
            rels.pop(rid)
    props = doc.core_properties
    props.author = props.comments = props.title = props.subject = props.keywords = ""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    _one_font(doc)
    return doc


def text_width_mm(doc: DocumentType) -> float:
    """The width between the margins, in millimetres."""
    section = doc.sections[0]
    return float((section.page_width - section.left_margin - section.right_margin) / Mm(1))


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


def _get_or_add(doc: DocumentType, name: str, kind: WD_STYLE_TYPE, base: str | None) -> Any:
    try:
        found = doc.styles[name]
    except KeyError:
        found = doc.styles.add_style(name, kind)
        found.quick_style = True
    if base is not None:
        found.base_style = doc.styles[base]
    return found


def pstyle(doc: DocumentType, name: str, size: float, *, base: str | None = None,
           **fmt: Any) -> BaseStyle:
    """Define (or restyle a built-in) paragraph style, every property from `fmt`.

    size and spacing in points; `line`: the CSS line-height factor (an "at least" line of
    size * line points); `before`, `after`: space in points; `left`, `hang`: indent and
    hanging first line in mm; `tabs`: (mm, "left"|"center"|"right", leader or None);
    `keep`: keep with next; `together`: keep lines together; `border`: a paragraph
    border, e.g. {"bottom": (0.5, "888888", 1.0)} (width pt, colour, distance pt);
    `shade`: fill colour; also bold, italic, color, caps, tracking (letter spacing, pt).
    """
    st = _get_or_add(doc, name, WD_STYLE_TYPE.PARAGRAPH, base)
    if fmt.get("next"):
        st.next_paragraph_style = doc.styles[fmt["next"]]
    _font(st, size, fmt)
    para = st.paragraph_format
    para.space_before, para.space_after = Pt(fmt.get("before", 0)), Pt(fmt.get("after", 0))
    para.line_spacing = Pt(round(size * fmt.get("line", 1.4), 2))
    para.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    para.left_indent = Mm(fmt.get("left", 0))
    para.first_line_indent = Mm(-fmt.get("hang", 0))
    para.keep_with_next = fmt.get("keep", False)
    para.keep_together = fmt.get("together", False)
    para.widow_control = True
    para.tab_stops.clear_all()
    for position, align, leader in fmt.get("tabs", ()):
        para.tab_stops.add_tab_stop(
            Mm(position), ALIGN[align], WD_TAB_LEADER.DOTS if leader else WD_TAB_LEADER.SPACES)
    ppr = st.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")) + ppr.findall(qn("w:shd")) + ppr.findall(
            qn("w:contextualSpacing")):
        ppr.remove(old)
    if fmt.get("border"):
        sides = "".join(
            f'<w:{side} w:val="single" w:sz="{round(width * 8)}" w:space="{round(space)}" '
            f'w:color="{colour}"/>'
            for side, (width, colour, space) in fmt["border"].items())
        _insert_in_order(ppr, parse_xml(f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>"))
    if fmt.get("shade"):
        _insert_in_order(ppr, parse_xml(
            f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fmt["shade"]}"/>'))
    return st


def cstyle(doc: DocumentType, name: str, **fmt: Any) -> BaseStyle:
    """Define a character style: size, bold, italic, color, caps, tracking, superscript."""
    st = _get_or_add(doc, name, WD_STYLE_TYPE.CHARACTER, None)
    _font(st, fmt.get("size"), fmt)
    st.font.superscript = fmt.get("superscript")
    if fmt.get("border"):
        width, colour, space = fmt["border"]
        st.element.get_or_add_rPr().append(parse_xml(
            f'<w:bdr {nsdecls("w")} w:val="single" w:sz="{round(width * 8)}" '
            f'w:space="{round(space)}" w:color="{colour}"/>'))
    return st


def _font(st: Any, size: float | None, fmt: dict[str, Any]) -> None:
    font = st.font
    if size is not None:
        font.size = Pt(size)
    font.bold = fmt.get("bold", False)
    font.italic = fmt.get("italic", False)
    font.all_caps = fmt.get("caps", False)
    if "color" in fmt or size is not None:
        font.color.rgb = fmt.get("color", INK)
    rpr = st.element.get_or_add_rPr()
    for kern in rpr.findall(qn("w:spacing")):
        rpr.remove(kern)
    if fmt.get("tracking"):
        _insert_in_order(rpr, parse_xml(
            f'<w:spacing {nsdecls("w")} w:val="{round(fmt["tracking"] * 20)}"/>'))


# Where a property goes among its siblings (Word refuses properties out of schema order).
_ORDER = {
    qn("w:pPr"): ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
                  "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
                  "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
                  "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
                  "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
                  "jc", "textDirection", "textAlignment", "textboxTightWrap",
                  "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    qn("w:rPr"): ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
                  "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
                  "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
                  "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign"),
}


def _insert_in_order(parent: Any, child: Any) -> None:
    """Insert `child` into `parent` (a pPr or rPr) where the schema puts it."""
    order = [qn(f"w:{name}") for name in _ORDER[parent.tag]]
    rank = order.index(child.tag)
    later = next((c for c in parent if c.tag in order and order.index(c.tag) > rank), None)
    if later is None:
        parent.append(child)
    else:
        later.addprevious(child)


def para(container: Any, style_name: str | None, *runs: Any) -> Paragraph:
    """A paragraph of runs: a string, TAB, or (text, character style name)."""
    p = container.add_paragraph(style=style_name)
    add_runs(p, *runs)
    return p


def add_runs(p: Paragraph, *runs: Any) -> Paragraph:
    """Append runs to a paragraph: a string, TAB, or (text, character style name)."""
    for run in runs:
        if run is TAB:
            p.add_run().add_tab()
            continue
        text, char_style = (run, None) if isinstance(run, str) else run
        p.add_run(text, style=char_style)
    return p


def tag(container: Any, text: str) -> None:
    """A paragraph holding one docxtpl paragraph tag (`{%p ... %}`); docxtpl removes it."""
    container.add_paragraph().add_run("{%p " + text + " %}")


def field(p: Paragraph, instr: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) with a cached result for readers that do not update."""
    p._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} ">'
            f"<w:r><w:t>{shown}</w:t></w:r></w:fldSimple>"
        )
    )


def list_format(doc: DocumentType, num_id: int, glyph: str | None, left_mm: float,
                hang_mm: float) -> None:
    """Give a list definition an indent and, for bullets, a plain glyph in the body font."""
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
    left, hanging = str(int(Mm(left_mm).twips)), str(int(Mm(hang_mm).twips))
    level.find(qn("w:pPr")).find(qn("w:tabs")).find(qn("w:tab")).set(qn("w:pos"), left)
    ind = level.find(qn("w:pPr")).find(qn("w:ind"))
    ind.set(qn("w:left"), left)
    ind.set(qn("w:hanging"), hanging)
    fonts = level.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if glyph is not None and fonts is not None:
        for attr in ("w:ascii", "w:hAnsi"):
            fonts.set(qn(attr), FONT)


def number_headings(doc: DocumentType, style_name: str, indent_mm: float) -> None:
    """Number a heading style 1, 2, 3 through the document as Word does ("Heading numbering").

    The briefing note's items are labelled "2.1", "2.2" by the template, so the
    heading numbers must come from the same count: one per section, in order.
    """
    numbering = doc.part.numbering_part.element
    abstract_id = 1 + max(int(a.get(qn("w:abstractNumId"))) for a in
                          numbering.findall(qn("w:abstractNum")))
    indent = int(Mm(indent_mm).twips)
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


def unnumbered(doc: DocumentType, style_name: str) -> None:
    """Switch off numbering a style inherits (from a numbered heading style)."""
    ppr = doc.styles[style_name].element.get_or_add_pPr()
    ppr.get_or_add_numPr().get_or_add_numId().val = 0

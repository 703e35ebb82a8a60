"""Write templates/*/brief.docx: Word documents with docxtpl (Jinja) tags.

No Word is at hand, so the Word templates are generated with python-docx;
run `python tools/make_docx_templates.py` from the repository root after
editing this file (or docx_kit.py, docx_parts.py, docx_card.py) and commit the
result. A user may instead edit a copy of brief.docx in Word (keeping each tag in
one run; `briefgen check` finds split tags).

The briefing note is the PDF's layout (templates/briefing-note/style.css) in Word
styles: the same header block, running header, contents with page numbers, numbered
items with linked citations, sources annex and citations list; every size and space
comes from a style (tools/docx_kit.py says how the CSS carries over).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx.document import Document as DocumentType
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, RGBColor
from docx_card import talking_points
from docx_kit import (
    TAB,
    add_runs,
    cstyle,
    list_format,
    new_document,
    number_headings,
    para,
    pstyle,
    tag,
    text_width_mm,
    unnumbered,
)
from docx_parts import (
    GREY,
    empty,
    header_footer,
    review_mark,
    running_styles,
    stamp,
    text_paragraphs,
)

from briefgen.render.docx_package import DEFAULT_DATE, normalise_zip

ROOT = Path(__file__).resolve().parents[1] / "templates"
MARGINS = (24, 22, 24, 25)  # mm, top right bottom left: @page's margin in style.css
BODY = 10.5  # pt, html's font-size
LABEL_MM = 11  # the "2.10" item labels and the section numbers (.inum, .snum)
ISSUER_SHARE = 0.58  # the ministry's part of the title block; the document facts float right
DOCREF_LABEL_MM = 22.5  # "Classification" at 9 pt and the cell's 1.2em padding
MEETING_LABEL_MM = 32.4  # .meeting th: 28 mm and 1.2em padding
ACRONYM_MM = 25  # table.acronyms th: 22 mm and 3 mm padding
EM = BODY  # 1em in points, for the CSS margins below
INFO_ROWS = (
    "[('Meeting', brief.info.meeting), ('Date', brief.info.date | date), "
    "('Place', brief.info.place), ('Delegation', brief.info.delegation), "
    "('Prepared by', brief.info.author), ('Contact', brief.info.contact)]"
)
WHEN = "[m.event, m.date | date, m.place] | select | join(' \u00b7 ')"
CITE = ("{% if item.citation %}{{r ('[' ~ item.citation ~ ']') | link('cite-' ~ item.citation, "
        "'Citation Link') }}{% endif %}")


def mm(value: float) -> float:
    """Millimetres in points."""
    return value * 72 / 25.4


def briefing_styles(doc: DocumentType) -> None:
    """The styles of the briefing note, from style.css (sizes in pt, margins as spacing)."""
    width = text_width_mm(doc)
    ink2, ink3 = RGBColor(0x33, 0x33, 0x33), RGBColor(0x44, 0x44, 0x44)
    pstyle(doc, "Normal", BODY, after=0.5 * EM)
    pstyle(doc, "Ministry", 12, bold=True, caps=True, tracking=0.48, base="Normal")
    pstyle(doc, "Unit", BODY, before=0.2 * EM, base="Normal")
    pstyle(doc, "Document Info", 9, bold=True, before=1.35, after=2.7, base="Normal",
           tabs=[(DOCREF_LABEL_MM, "left", None)], left=DOCREF_LABEL_MM, hang=DOCREF_LABEL_MM)
    pstyle(doc, "Title", 19, bold=True, line=1.2, before=mm(14), base="Normal")
    pstyle(doc, "Subtitle", 12, color=ink2, before=0.4 * 12, base="Normal")
    meeting = {"tabs": [(MEETING_LABEL_MM, "left", None)], "left": MEETING_LABEL_MM,
               "hang": MEETING_LABEL_MM, "before": 1.575, "after": 3.15, "base": "Normal"}
    pstyle(doc, "Meeting Info", BODY, **meeting)
    pstyle(doc, "Meeting Info First", BODY, **{**meeting, "before": mm(6) + 1.575})
    pstyle(doc, "Title Block End", 1, line=1.0, after=mm(6), base="Normal",
           border={"bottom": (1.5, "111111", mm(6) - 1.575)})
    cstyle(doc, "Info Label", color=ink3)
    pstyle(doc, "TOC Heading", 11, bold=True, caps=True, tracking=0.88, before=mm(4),
           after=mm(3), keep=True, base="Normal")
    unnumbered(doc, "TOC Heading")  # python-docx bases it on Heading 1
    pstyle(doc, "toc 1", BODY, before=0.25 * EM, after=0.25 * EM, left=LABEL_MM, hang=LABEL_MM,
           tabs=[(LABEL_MM, "left", None), (width, "right", "dots")], base="Normal")
    pstyle(doc, "Section Break", 1, line=1.0, base="Normal")
    pstyle(doc, "Heading 1", 13, bold=True, before=mm(9), after=mm(3), keep=True,
           left=LABEL_MM, hang=LABEL_MM, border={"bottom": (0.5, "888888", mm(1))},
           base="Normal", next="Normal")
    number_headings(doc, "Heading 1", LABEL_MM)
    pstyle(doc, "Heading 1 Unnumbered", 13, bold=True, before=mm(9), after=mm(3), keep=True,
           border={"bottom": (0.5, "888888", mm(1))}, base="Heading 1", next="Normal")
    unnumbered(doc, "Heading 1 Unnumbered")
    pstyle(doc, "Heading 2", BODY, bold=True, italic=True, before=mm(5), after=mm(2), keep=True,
           base="Normal", next="Normal")
    pstyle(doc, "Caption", 8.5, color=GREY, after=0.5 * 8.5, base="Normal")
    pstyle(doc, "Empty", BODY, italic=True, color=ink2, after=0.5 * EM, base="Normal")
    item = {"left": LABEL_MM, "hang": LABEL_MM, "tabs": [(LABEL_MM, "left", None)],
            "before": mm(3.5), "after": 0.35 * EM, "base": "Normal"}
    pstyle(doc, "Item", BODY, **item)
    pstyle(doc, "Quote", BODY, italic=True, **item)
    pstyle(doc, "Item Continue", BODY, left=LABEL_MM, after=0.35 * EM, base="Normal")
    pstyle(doc, "List Bullet 2", BODY, left=LABEL_MM + 6, hang=3.5, before=0.2 * EM,
           after=0.2 * EM, base="Normal")
    list_format(doc, 2, "\u2013", LABEL_MM + 6, 3.5)
    for name, num_id in (("List Bullet", 1), ("List Number", 5)):
        pstyle(doc, name, BODY, left=6, hang=4, after=0.2 * EM, base="Normal")
        list_format(doc, num_id, "\u2022" if num_id == 1 else None, 6, 4)
    cstyle(doc, "Item Number", bold=True, italic=False)
    cstyle(doc, "Headline", bold=True)
    cstyle(doc, "Citation Link", superscript=True, color=RGBColor(0x1D, 0x3F, 0x73))
    cstyle(doc, "Cut", color=GREY)
    cstyle(doc, "Mark", size=8, italic=True, color=RGBColor(0x66, 0x66, 0x66))
    cstyle(doc, "New Mark", size=7, caps=True, tracking=0.35, color=GREY,
           border=(0.5, "999999", 1))
    source = {"keep": True, "base": "Normal"}
    pstyle(doc, "Source Label", BODY, bold=True, **source)
    pstyle(doc, "Source", BODY, **source)
    pstyle(doc, "Source Title", BODY, italic=True, **source)
    pstyle(doc, "Source Small", 8.5, color=GREY, **source)
    pstyle(doc, "Source File", 8.5, color=GREY, after=mm(4), base="Normal")
    pstyle(doc, "Acronym", BODY, after=mm(1.2), left=ACRONYM_MM, hang=ACRONYM_MM,
           tabs=[(ACRONYM_MM, "left", None)], together=True, base="Normal")
    pstyle(doc, "Citation", 9, after=mm(1), left=10, hang=10, tabs=[(10, "left", None)],
           base="Normal")
    pstyle(doc, "Stamp", 7, color=RGBColor(0x66, 0x66, 0x66), before=mm(10),
           border={"top": (0.5, "BBBBBB", mm(1))}, base="Normal")
    box = {"border": {side: (1, "8A5A00", mm(2) if side in ("top", "bottom") else mm(4))
                      for side in ("top", "left", "bottom", "right")},
           "shade": "FDF6E3", "base": "Normal"}
    pstyle(doc, "Draft Note Title", 9, bold=True, before=mm(3), after=mm(1), keep=True, **box)
    pstyle(doc, "Draft Note", 9, **box)
    running_styles(doc, 9)


def layout_table(doc: DocumentType, widths_mm: tuple[float, ...]) -> Any:
    """A table without borders or cell padding, for placing blocks side by side."""
    try:
        doc.styles["Layout Table"]
    except KeyError:
        table_style = doc.styles.add_style("Layout Table", WD_STYLE_TYPE.TABLE)
        margins = "".join(f'<w:{side} w:w="0" w:type="dxa"/>'
                          for side in ("top", "left", "bottom", "right"))
        table_style.element.append(parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>"))
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.style = doc.styles["Layout Table"]
    table.autofit = False  # a fixed layout: the widths below, in Word and LibreOffice
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths_mm, strict=True):
        column.width = cell.width = Mm(width)
    for cell in table.rows[0].cells:  # the empty paragraph each new cell has
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def title_block(doc: DocumentType) -> None:
    """Ministry and unit, the document facts, title, subject, the meeting, a rule."""
    width = text_width_mm(doc)
    table = layout_table(doc, (width * ISSUER_SHARE, width * (1 - ISSUER_SHARE)))
    left, right = table.rows[0].cells
    para(left, "Ministry", "{{ brief.info.ministry or '' }}")  # a cell needs a paragraph
    tag(left, "if brief.info.unit")
    para(left, "Unit", "{{ brief.info.unit }}")
    tag(left, "endif")
    para(right, "Document Info", ("Document", "Info Label"), TAB,
         "Briefing note{{ ' (draft)' if brief.info.draft }}")
    tag(right, "if brief.info.reference")
    para(right, "Document Info", ("Reference", "Info Label"), TAB, "{{ brief.info.reference }}")
    tag(right, "endif")
    para(right, "Document Info", ("Classification", "Info Label"), TAB,
         "{{ brief.info.classification }}")
    para(doc, "Title", "{{ brief.info.title }}")
    tag(doc, "if brief.info.subject")
    para(doc, "Subtitle", "{{ brief.info.subject }}")
    tag(doc, "endif")
    tag(doc, f"for label, value in {INFO_ROWS} if value")
    tag(doc, "if loop.first")
    para(doc, "Meeting Info First", ("{{ label }}", "Info Label"), TAB, "{{ value }}")
    tag(doc, "else")
    para(doc, "Meeting Info", ("{{ label }}", "Info Label"), TAB, "{{ value }}")
    tag(doc, "endif")
    tag(doc, "endfor")
    para(doc, "Title Block End")


def draft_notice(doc: DocumentType, heading: str, warnings: str) -> None:
    """The warnings of a draft in a shaded box (the PDF's .warnings aside)."""
    tag(doc, f"if brief.info.draft and {warnings}")
    para(doc, "Draft Note Title", heading)
    tag(doc, f"for warning in {warnings}")
    para(doc, "Draft Note", "\u2022 {{ warning }}")
    tag(doc, "endfor")
    tag(doc, "endif")


def contents(doc: DocumentType) -> None:
    """The sections and "Sources cited", each linked to its heading, with its page number
    (render/docx_fields.py); a new page follows, as in the PDF."""
    para(doc, "TOC Heading", "Contents")
    tag(doc, "for section in brief.sections")
    para(doc, "toc 1", "{{ loop.index }}", TAB,
         "{{r section.title | link('section-' ~ loop.index) }}", TAB,
         "{{r ('section-' ~ loop.index) | pageref }}")
    tag(doc, "endfor")
    tag(doc, "if brief.citations")
    para(doc, "toc 1", TAB, "{{r 'Sources cited' | link('sources-cited') }}", TAB,
         "{{r 'sources-cited' | pageref }}")
    tag(doc, "endif")
    doc.add_section(WD_SECTION.NEW_PAGE)  # ends the first section in its own paragraph
    breaks = [p for p in doc.paragraphs if p._p.pPr is not None and p._p.pPr.sectPr is not None]
    breaks[-1].style = doc.styles["Section Break"]
    doc.sections[-1].different_first_page_header_footer = False


def section_notes(doc: DocumentType) -> None:
    """The sign-off, notes (small) and, in drafts, warnings under the section heading."""
    review_mark(doc)
    tag(doc, "for note in section.notes")
    para(doc, "Caption", "{{ note }}")
    tag(doc, "endfor")
    draft_notice(doc, "Draft: check", "section.warnings")


NEW = ("{% if item.new %} ", ("new", "New Mark"), "{% endif %}")  # the mark's frame, not the space
EARLIER = ("{{r ('[' ~ item.earlier_citation ~ ']') | link('cite-' ~ item.earlier_citation, "
           "'Citation Link') }}")
# evolution's "restated, as in [5]" (the earlier statement's citation, linked), acronyms' mark
MARK = ("{% if item.mark %} ", ("{{ item.mark }}", "Mark"), "{% if item.earlier_citation %}",
        (", as in ", "Mark"), EARLIER, "{% endif %}{% endif %}")
ITEM_END = (("{% if item | cut %} [\u2026]{% endif %}", "Cut"), CITE, *MARK, *NEW)


def item_end(p: Any, when: str) -> Any:
    """After whichever paragraph of the item is its last: "[…]", the citation, the mark,
    "new"."""
    return add_runs(p, "{% if " + when + " %}", *ITEM_END, "{% endif %}")


def numbered_items(doc: DocumentType) -> None:
    """Items by topic: "2.1" label, headline bold, each further paragraph indented, citation."""
    tag(doc, "for topic, items in section.topics")
    tag(doc, "if topic")
    para(doc, "Heading 2", "{{ topic }}")
    tag(doc, "endif")
    tag(doc, "for item in items")
    tag(doc, "set parts = item | paragraphs")
    rest = "{% if parts[0] %} {{ parts[0] }}{% endif %}"
    headline = "{{ '\u2026 ' if item.mid_sentence }}{{ item.headline }}"
    first = para(doc, "Item", ("{{ number }}.{{ item.number }}", "Item Number"), TAB,
                 (headline, "Headline"), rest)
    item_end(first, "parts | length == 1")
    tag(doc, "for part in parts[1:]")
    item_end(para(doc, "Item Continue", "{{ part }}"), "loop.last")
    tag(doc, "endfor")
    tag(doc, "for subitem in item.subitems if item.body != 'none'")
    para(doc, "List Bullet 2", "{{ subitem }}")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endfor")


def quoted_items(doc: DocumentType) -> None:
    """A summary's or mentions section's sentences, numbered like items and set as
    quotations, by topic (a mentions section's speeches), the matched words bold."""
    tag(doc, "for topic, items in section.topics")
    tag(doc, "if topic")
    para(doc, "Heading 2", "{{ topic }}")
    tag(doc, "endif")
    tag(doc, "for item in items")
    quote = para(doc, "Quote", ("{{ number }}.{{ item.number }}", "Item Number"), TAB,
                 "\u201c", "{{r item | rich }}", "\u201d")
    add_runs(quote, CITE, *MARK, *NEW)
    tag(doc, "endfor")
    tag(doc, "endfor")


def acronym_rows(doc: DocumentType) -> None:
    """The acronyms annex, as the PDF's table: the acronym (once for several expansions),
    its expansion, the citation of its first source, its mark."""
    tag(doc, "for item in section.items")
    shown = "{% if loop.first or loop.previtem.headline != item.headline %}{{ item.headline }}"
    row = para(doc, "Acronym", (shown + "{% endif %}", "Headline"), TAB, "{{ item.text }}")
    add_runs(row, CITE, *MARK, *NEW)
    tag(doc, "endfor")


def sources(doc: DocumentType) -> None:
    """The speeches the brief draws on, laid out as the PDF's annex."""
    tag(doc, "for src in brief.sources")
    tag(doc, "set m = src.metadata")
    para(doc, "Source Label", "{{ src.label }}")
    for test, style, text in (("m.who", "Source", "{{ m.who }}"),
                              ("m.title", "Source Title", "{{ m.title }}"),
                              (WHEN, "Source", "{{ " + WHEN + " }}"),
                              ("m.reference", "Source", "Reference: {{ m.reference }}"),
                              ("m.source", "Source Small", "{{ m.source }}")):
        tag(doc, f"if {test}")
        para(doc, style, text)
        tag(doc, "endif")
    para(doc, "Source File", "File: {{ src.path }}")
    tag(doc, "endfor")


def citations(doc: DocumentType) -> None:
    """The numbered citations under an unnumbered heading, each the target of its links."""
    tag(doc, "if brief.citations")
    para(doc, "Heading 1 Unnumbered", "{{r 'Sources cited' | bookmark('sources-cited') }}")
    tag(doc, "for c in brief.citations")
    para(doc, "Citation", "{{r ('[' ~ c.number ~ ']') | bookmark('cite-' ~ c.number) }}", TAB,
         "{{ c.text }}")
    tag(doc, "endfor")
    tag(doc, "endif")


def briefing_note() -> DocumentType:
    """The full brief: title block, contents, numbered sections of numbered sourced items."""
    doc = new_document(MARGINS)
    briefing_styles(doc)
    header_footer(doc, running=True, top_mm=16, bottom_mm=16.5)
    title_block(doc)
    draft_notice(doc, "Draft: points to check before this brief is sent", "brief.warnings")
    contents(doc)
    tag(doc, "for section in brief.sections")
    tag(doc, "set number = loop.index")
    para(doc, "Heading 1", "{{r section.title | bookmark('section-' ~ number) }}")
    section_notes(doc)
    tag(doc, "if section.type == 'text' and section.paragraphs")
    text_paragraphs(doc, "Normal", "List Bullet", "List Number")
    tag(doc, "elif section.type == 'sources' and brief.sources")
    sources(doc)
    tag(doc, "elif not section.items")
    empty(doc)
    tag(doc, "elif section.type in ('summary', 'mentions')")
    quoted_items(doc)
    tag(doc, "elif section.type == 'acronyms'")
    acronym_rows(doc)
    tag(doc, "else")
    numbered_items(doc)
    tag(doc, "endif")
    tag(doc, "endfor")
    citations(doc)
    stamp(doc)
    return doc


def save(doc: Any, path: Path) -> None:
    """Write reproducibly, so regenerating unchanged templates changes no bytes."""
    buffer = io.BytesIO()
    doc.core_properties.created = doc.core_properties.modified = DEFAULT_DATE
    doc.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(normalise_zip(buffer.getvalue(), DEFAULT_DATE))
    print(f"wrote {path}")


def main() -> None:
    save(briefing_note(), ROOT / "briefing-note" / "brief.docx")
    save(talking_points(), ROOT / "talking-points" / "brief.docx")


if __name__ == "__main__":
    main()


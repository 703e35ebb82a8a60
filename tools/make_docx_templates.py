"""Write templates/*/brief.docx: Word documents with docxtpl (Jinja) tags.

No Word is at hand, so the Word templates are generated with python-docx;
run `python tools/make_docx_templates.py` from the repository root after
editing this file and commit the result. A user may instead edit a copy of
brief.docx in Word (keeping each tag in one run; `briefgen check` finds
split tags).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx_kit import (
    GREY,
    TAB,
    box,
    field,
    field_char,
    hanging,
    list_format,
    new_document,
    no_numbering,
    para,
    rule,
    style,
    tag,
    toc_style,
)

from briefgen.render.docx_package import DEFAULT_DATE, normalise_zip

ROOT = Path(__file__).resolve().parents[1] / "templates"
BOLD, ITALIC = {"bold": True}, {"italic": True}
SMALL = {"size": 8.5, "color": GREY}
INFO_ROWS = (
    "[('Meeting', brief.info.meeting), ('Date', brief.info.date), ('Place', brief.info.place), "
    "('Delegation', brief.info.delegation), ('Reference', brief.info.reference), "
    "('Author', brief.info.author), ('Contact', brief.info.contact)]"
)
SOURCE_ROWS = (
    "[('Speaker', [m.speaker, m.role]|select|join(', ')), ('Organisation', m.organisation), "
    "('Title', m.title), ('Event', m.event), ('Date', m.date), ('Place', m.place), "
    "('Reference', m.reference), ('File', src.path)]"
)
REST = (
    "{% if item.text.startswith(item.headline) %}{{ item.text[item.headline|length:] }}"
    "{% else %} {{ item.text }}{% endif %}"
)
CITE = "{% if item.citation %} [{{ item.citation }}]{% endif %}"


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
    style(doc, "List Number", body, after=6)
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
    list_format(doc, 5, None, 0.8, 0.8)  # List Number: as wide as the numbered items
    toc_style(doc, 1, body)


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
    section.header.paragraphs[0]._p.getparent().remove(section.header.paragraphs[0]._p)
    footer = section.footer
    mark = para(footer, "Footer", ("{{ brief.info.classification }}", BOLD))
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line = para(footer, "Footer", "{{ brief.info.reference }}", TAB, TAB, "Page ")
    field(line, "PAGE", "1")
    line.add_run(" of ")
    field(line, "NUMPAGES", "1")
    footer.paragraphs[0]._p.getparent().remove(footer.paragraphs[0]._p)


def title_block(doc: DocumentType, subtitle: str, rows: str) -> None:
    """Ministry and unit, title, subtitle, the meeting facts, and the DRAFT notice."""
    tag(doc, "for line in [brief.info.ministry, brief.info.unit] if line")
    para(doc, "Normal", ("{{ line }}", BOLD)).paragraph_format.space_after = Pt(0)
    tag(doc, "endfor")
    para(doc, "Normal").paragraph_format.space_after = Pt(18)
    para(doc, "Title", "{{ brief.info.title }}")
    para(doc, "Subtitle", subtitle)
    tag(doc, f"for label, value in {rows} if value")
    row = hanging(para(doc, "Normal", ("{{ label }}", BOLD), TAB, "{{ value }}"), 3.0, 3.0)
    row.paragraph_format.space_after = Pt(2)
    tag(doc, "endfor")
    rule(para(doc, "Normal")).paragraph_format.space_after = Pt(12)
    tag(doc, "if brief.info.draft")
    notice = " \u2013 not cleared for use.{% if brief.warnings %} Check before use:{% endif %}"
    box(para(doc, "Normal", ("DRAFT", BOLD), notice)).paragraph_format.space_after = Pt(0)
    tag(doc, "for warning in brief.warnings")
    box(para(doc, "Normal", "\u2022 {{ warning }}")).paragraph_format.space_after = Pt(0)
    tag(doc, "endfor")
    para(doc, "Normal").paragraph_format.space_after = Pt(0)
    tag(doc, "endif")


def toc(doc: DocumentType) -> None:
    """A TOC field whose cached result lists the sections, for readers that do not update it.

    The field begins in the first entry and ends in the last (run tags `{%r %}`),
    as Word writes it, so no blank paragraph frames the list.
    """
    para(doc, "TOC Heading", "Contents")
    tag(doc, "for section in brief.sections")
    entry = para(doc, "toc 1", "{%r if loop.first %}")
    begin(entry)
    entry.add_run("{%r endif %}")
    entry.add_run("{{ section.title }}")
    entry.add_run("{%r if loop.last and not brief.citations %}")
    field_char(entry, "end")
    entry.add_run("{%r endif %}")
    tag(doc, "endfor")
    tag(doc, "if brief.citations")
    entry = para(doc, "toc 1", "{%r if not brief.sections %}")
    begin(entry)
    entry.add_run("{%r endif %}")
    entry.add_run("Sources cited")
    field_char(entry, "end")
    tag(doc, "endif")


def begin(entry: Any) -> None:
    """The runs that open the TOC field: begin, instruction, separate."""
    field_char(entry, "begin")
    field_char(entry, "instr", ' TOC \\o "1-3" \\h \\z \\u ')
    field_char(entry, "separate")


def section_notes(doc: DocumentType) -> None:
    """Notes (small) and, in drafts, warnings under the section heading."""
    tag(doc, "for note in section.notes")
    para(doc, "Caption", "{{ note }}")
    tag(doc, "endfor")
    tag(doc, "for warning in section.warnings if brief.info.draft")
    para(doc, "Caption", ("Check: ", BOLD), "{{ warning }}")
    tag(doc, "endfor")


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


def numbered_items(doc: DocumentType) -> None:
    """Items by topic: number as text, headline bold, the rest, citation; subitems nested."""
    tag(doc, "for topic, items in section.topics")
    tag(doc, "if topic")
    para(doc, "Heading 2", "{{ topic }}")
    tag(doc, "endif")
    tag(doc, "for item in items")
    item = para(
        doc,
        "List Number",
        "{{ item.number }}.",
        TAB,
        ("{{ item.headline }}", BOLD),
        REST,
        (CITE, {"color": GREY}),
    )
    hanging(no_numbering(item), 0.8, 0.8)
    tag(doc, "for subitem in item.subitems")
    para(doc, "List Bullet 2", "{{ subitem }}")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endfor")


def sources(doc: DocumentType) -> None:
    """The speeches the brief draws on, each with its metadata as label/value rows."""
    tag(doc, "for src in brief.sources")
    para(doc, "Normal", ("{{ src.label }}", BOLD)).paragraph_format.keep_with_next = True
    tag(doc, "set m = src.metadata")
    tag(doc, f"for label, value in {SOURCE_ROWS} if value")
    label = ("{{ label }}", {"color": GREY})
    row = hanging(para(doc, "Normal", label, TAB, "{{ value }}"), 3.0, 2.4)
    row.paragraph_format.space_after = Pt(1)
    tag(doc, "endfor")
    para(doc, "Normal").paragraph_format.space_after = Pt(0)
    tag(doc, "endfor")


def empty(doc: DocumentType) -> None:
    """What a section without content says instead of leaving its heading bare."""
    para(
        doc,
        "Normal",
        ("{{ section.empty_message or 'Nothing was found for this section.' }}", ITALIC),
    )


def citations(doc: DocumentType, heading: str, style_name: str) -> None:
    """The numbered citations, after the last section; then the build stamp."""
    tag(doc, "if brief.citations")
    para(doc, style_name, heading)
    tag(doc, "for citation in brief.citations")
    cite = hanging(
        para(doc, "Normal", "[{{ citation.number }}]", TAB, "{{ citation.text }}"), 0.8, 0.8
    )
    cite.paragraph_format.space_after = Pt(2)
    cite.runs[0].font.size = cite.runs[-1].font.size = Pt(9)
    tag(doc, "endfor")
    tag(doc, "endif")
    tag(doc, "if brief.stamp")
    para(doc, "Caption", "{{ brief.stamp }}").paragraph_format.space_before = Pt(18)
    tag(doc, "endif")


def briefing_note() -> DocumentType:
    """The full brief: title block, contents, sections with numbered sourced items, annexes."""
    doc = new_document()
    styles(doc, body=10.5, bullet=10.5)
    header_footer(doc)
    title_block(doc, "{{ brief.info.subject or 'Briefing note' }}", INFO_ROWS)
    toc(doc)
    tag(doc, "for section in brief.sections")
    para(doc, "Heading 1", "{{ section.title }}")
    section_notes(doc)
    tag(doc, "if section.type == 'text' and section.paragraphs")
    text_paragraphs(doc, "Normal", "List Bullet", "List Number")
    tag(doc, "elif section.type == 'sources' and brief.sources")
    sources(doc)
    tag(doc, "elif not section.items")
    empty(doc)
    tag(doc, "elif section.type == 'summary'")
    tag(doc, "for item in section.items")
    para(doc, "Quote", "\u201c{{ item.text }}\u201d", (CITE, {"color": GREY, "italic": False}))
    tag(doc, "endfor")
    tag(doc, "else")
    numbered_items(doc)
    tag(doc, "endif")
    tag(doc, "endfor")
    citations(doc, "Sources cited", "Heading 1")
    return doc


def talking_points() -> DocumentType:
    """A one- or two-page card: the headlines as large bullets, section by section."""
    doc = new_document()
    styles(doc, body=11, bullet=13)
    bullet_style = doc.styles["List Bullet"]
    bullet_style.paragraph_format.space_after = Pt(8)
    for spacing in bullet_style.element.pPr.findall(qn("w:contextualSpacing")):
        bullet_style.element.pPr.remove(spacing)
    header_footer(doc)
    title_block(
        doc,
        "Talking points{% if brief.info.meeting %} \u00b7 {{ brief.info.meeting }}{% endif %}",
        "[('Date', brief.info.date), ('Place', brief.info.place), "
        "('Delegation', brief.info.delegation), ('Contact', brief.info.contact)]",
    )
    tag(doc, "for section in brief.sections if section.type != 'sources'")
    para(doc, "Heading 1", "{{ section.title }}")
    tag(doc, "if section.type == 'text' and section.paragraphs")
    text_paragraphs(doc, "List Bullet", "List Bullet", "List Bullet")
    tag(doc, "elif section.items")
    tag(doc, "for item in section.items")
    para(doc, "List Bullet", "{{ item.headline }}", (CITE, {"color": GREY, "size": 10}))
    tag(doc, "endfor")
    tag(doc, "else")
    empty(doc)
    tag(doc, "endif")
    tag(doc, "endfor")
    citations(doc, "Sources", "Heading 1")
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

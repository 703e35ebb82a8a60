"""Write templates/*/brief.docx: Word documents with docxtpl (Jinja) tags.

No Word is at hand, so the Word templates are generated with python-docx;
run `python tools/make_docx_templates.py` from the repository root after
editing this file (or docx_parts.py, docx_card.py) and commit the result. A
user may instead edit a copy of brief.docx in Word (keeping each tag in one
run; `briefgen check` finds split tags).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docx.document import Document as DocumentType
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docx_card import talking_points
from docx_kit import (
    GREY,
    TAB,
    add_runs,
    box,
    field_char,
    hanging,
    list_format,
    new_document,
    no_numbering,
    number_headings,
    para,
    rule,
    spaced,
    tag,
    toc_style,
    unnumbered_style,
)
from docx_parts import BOLD, empty, header_footer, stamp, styles, text_paragraphs

from briefgen.render.docx_package import DEFAULT_DATE, normalise_zip

ROOT = Path(__file__).resolve().parents[1] / "templates"
LABEL_CM = 1.1  # width of the "2.10" item labels and of the section numbers
INFO_ROWS = (
    "[('Meeting', brief.info.meeting), ('Date', brief.info.date | date), "
    "('Place', brief.info.place), ('Delegation', brief.info.delegation), "
    "('Reference', brief.info.reference), ('Prepared by', brief.info.author), "
    "('Contact', brief.info.contact)]"
)
SOURCE_ROWS = (
    "[('Speaker', [m.speaker, m.role]|select|join(', ')), ('Organisation', m.organisation), "
    "('Title', m.title), ('Event', m.event), ('Date', m.date | date), ('Place', m.place), "
    "('Reference', m.reference), ('Where', m.source), ('File', src.path)]"
)
LABEL = ("{{ number }}.{{ item.number }}", {"bold": True, "italic": False})
CITE = ("{% if item.citation %} [{{ item.citation }}]{% endif %}", {"color": GREY, "italic": False})
MARKS = (
    "{% if item.stance and item.stance != 'other' %} ({{ item.stance }}){% endif %}"
    "{% if item.mark %} {{ item.mark }}{% if item.earlier_citation %}, as in "
    "[{{ item.earlier_citation }}]{% endif %}{% endif %}"
    "{% if item.new %} new{% endif %}",
    {"color": GREY, "italic": True, "size": 8.5},
)


def title_block(doc: DocumentType) -> None:
    """Ministry and unit, title, subject, the meeting facts, and the DRAFT notice."""
    tag(doc, "for line in [brief.info.ministry, brief.info.unit] if line")
    para(doc, "Normal", ("{{ line }}", BOLD)).paragraph_format.space_after = Pt(0)
    tag(doc, "endfor")
    para(doc, "Normal").paragraph_format.space_after = Pt(18)
    para(doc, "Title", "{{ brief.info.title }}")
    para(doc, "Subtitle", "{{ brief.info.subject or 'Briefing note' }}")
    tag(doc, f"for label, value in {INFO_ROWS} if value")
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
    """A TOC field whose cached result lists the numbered sections, for readers that do not
    update it.

    The field begins in the first entry and ends in the last (run tags `{%r %}`),
    as Word writes it, so no blank paragraph frames the list.
    """
    para(doc, "TOC Heading", "Contents")
    tag(doc, "for section in brief.sections")
    entry = para(doc, "toc 1", "{%r if loop.first %}")
    begin(entry)
    add_runs(entry, "{%r endif %}", "{{ loop.index }}", TAB, "{{ section.title }}")
    entry.add_run("{%r if loop.last and not brief.citations %}")
    field_char(entry, "end")
    entry.add_run("{%r endif %}")
    tag(doc, "endfor")
    tag(doc, "if brief.citations")
    entry = para(doc, "toc 1", "{%r if not brief.sections %}")
    begin(entry)
    add_runs(entry, "{%r endif %}", TAB, "Sources cited")
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


def item_end(p: Paragraph, when: str) -> Paragraph:
    """The citation and stance, after whichever paragraph of the item is its last."""
    return add_runs(p, "{% if " + when + " %}", CITE, MARKS, "{% endif %}")


def numbered_items(doc: DocumentType) -> None:
    """Items by topic: "2.1" label, headline bold, each further paragraph indented, citation."""
    tag(doc, "for topic, items in section.topics")
    tag(doc, "if topic")
    para(doc, "Heading 2", "{{ topic }}")
    tag(doc, "endif")
    tag(doc, "for item in items")
    tag(doc, "set parts = item | paragraphs")
    rest = "{% if parts[0] %} {{ parts[0] }}{% endif %}"
    first = para(doc, "List Number", LABEL, TAB, ("{{ item.headline }}", BOLD), rest)
    item_end(first, "parts | length == 1")
    hanging(no_numbering(first), LABEL_CM, LABEL_CM).paragraph_format.space_before = Pt(4)
    tag(doc, "for part in parts[1:]")
    item_end(para(doc, "List Continue", "{{ part }}"), "loop.last")
    tag(doc, "endfor")
    tag(doc, "for subitem in item.subitems")
    para(doc, "List Bullet 2", "{{ subitem }}")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endfor")


def quoted_items(doc: DocumentType) -> None:
    """A summary's or mentions section's sentences, numbered like items and set as
    quotations, by topic (a mentions section's speeches); matched words in bold."""
    tag(doc, "for topic, items in section.topics")
    tag(doc, "if topic")
    para(doc, "Heading 2", "{{ topic }}")
    tag(doc, "endif")
    tag(doc, "for item in items")
    quote = para(doc, "Quote", LABEL, TAB, "\u201c", *item_runs(), "\u201d", CITE, MARKS)
    hanging(quote, LABEL_CM, LABEL_CM)
    tag(doc, "endfor")
    tag(doc, "endfor")


def item_runs() -> list[Any]:
    """The item's runs, matched words bold (each a run of its own), else its whole text."""
    return ["{%r if item.runs %}", "{%r for run in item.runs %}", "{%r if run.term %}",
            ("{{ run.text }}", BOLD), "{%r else %}", "{{ run.text }}", "{%r endif %}",
            "{%r endfor %}", "{%r else %}", "{{ item.text }}", "{%r endif %}"]


def acronym_rows(doc: DocumentType) -> None:
    """The acronyms annex: the acronym (once for several expansions), its expansion, the
    citation of its first source and its mark."""
    tag(doc, "for item in section.items")
    shown = "{% if loop.first or loop.previtem.headline != item.headline %}{{ item.headline }}"
    mark = ("{% if item.mark %} {{ item.mark }}{% endif %}", {"color": GREY, "italic": True,
                                                                "size": 8.5})
    row = para(doc, "Normal", (shown + "{% endif %}", BOLD), TAB, "{{ item.text }}", CITE, mark)
    hanging(row, 2.6, 2.6).paragraph_format.space_after = Pt(2)
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


def citations(doc: DocumentType) -> None:
    """The numbered citations under an unnumbered heading, after the last section."""
    tag(doc, "if brief.citations")
    no_numbering(para(doc, "Heading 1", "Sources cited")).paragraph_format.left_indent = Pt(0)
    tag(doc, "for citation in brief.citations")
    cite = hanging(
        para(doc, "Normal", "[{{ citation.number }}]", TAB, "{{ citation.text }}"), 0.8, 0.8
    )
    cite.paragraph_format.space_after = Pt(2)
    cite.runs[0].font.size = cite.runs[-1].font.size = Pt(9)
    tag(doc, "endfor")
    tag(doc, "endif")


def briefing_note() -> DocumentType:
    """The full brief: title block, contents, numbered sections of numbered sourced items."""
    doc = new_document()
    styles(doc, body=10.5, bullet=10.5)
    number_headings(doc, "Heading 1", LABEL_CM)
    unnumbered_style(doc, "TOC Heading")
    list_format(doc, 5, None, LABEL_CM, LABEL_CM)  # List Number: as wide as the items
    doc.styles["List Continue"].paragraph_format.left_indent = Cm(LABEL_CM)
    spaced(doc, "List Continue")
    toc_style(doc, 1, 10.5, LABEL_CM)
    header_footer(doc)
    title_block(doc)
    toc(doc)
    tag(doc, "for section in brief.sections")
    tag(doc, "set number = loop.index")
    para(doc, "Heading 1", "{{ section.title }}")
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

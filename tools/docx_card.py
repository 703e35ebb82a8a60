"""The talking-points card as a Word template: headlines in large type, sources inline.

A card is read at the table, so it must fit on one or two pages: each bullet is
an item's headline followed by a short "(para. 12)" (or "(short title, para. 12)"
when a section draws on more than one speech); the speech a section quotes is
named once under its heading; the speeches are listed in one small paragraph at the end.
"""

from __future__ import annotations

from docx.document import Document as DocumentType
from docx.shared import Pt
from docx_kit import GREY, new_document, para, rule, spaced, tag
from docx_parts import header_footer, stamp, styles, text_paragraphs

SMALL = {"color": GREY, "size": 9.5}
MEETING_LINE = (
    "{{ [brief.info.meeting, brief.info.date | date, brief.info.place]"
    " | select | join(' \u00b7 ') }}"
)
SOURCES = (
    "{% for src in brief.sources %}{{ src.label }}"
    "{{ (' (' ~ src.metadata.date | date ~ ')') if src.metadata.date }}"
    "{{ '; ' if not loop.last else '.' }}{% endfor %}"
)
# An item's point: its runs (matched words bold), an acronym with its expansion, or the
# headline.
POINT = ("{%r if item.runs %}", "{%r for run in item.runs %}", "{%r if run.term %}",
         ("{{ run.text }}", {"bold": True}), "{%r else %}", "{{ run.text }}", "{%r endif %}",
         "{%r endfor %}", "{%r elif section.type == 'acronyms' %}",
         ("{{ item.headline }}", {"bold": True}), "{{ ': ' ~ item.text if item.text }}",
         "{%r else %}", "{{ item.headline }}", "{%r endif %}")
MARK = "{% if item.mark %} ({{ item.mark }}){% endif %}"
HAS_SOURCES = "brief.sources and brief.sections | selectattr('type', 'equalto', 'sources') | list"
WHERE = (
    "{% if item.citation %}{% set c = brief.citations[item.citation - 1] %}"
    " ({{ '' if one_speech else c.label ~ ', ' }}para.\u00a0{{ c.paragraph }}"
    "{{ ', p.\u00a0' ~ c.page if c.page }}){% endif %}"
)


def card_styles(doc: DocumentType) -> None:
    """Larger type than the brief, tight spacing: a card, not a document."""
    styles(doc, body=11, bullet=11.5)
    for name, size, before, after in (("Heading 1", 12.5, 9, 3), ("Title", 18, 0, 2)):
        fmt = doc.styles[name].paragraph_format
        doc.styles[name].font.size = Pt(size)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    doc.styles["Heading 1"].font.all_caps = True
    doc.styles["List Bullet"].paragraph_format.space_after = Pt(3)
    doc.styles["Caption"].paragraph_format.space_after = Pt(2)
    spaced(doc, "List Bullet")


def card_title(doc: DocumentType) -> None:
    """'Talking points', the title, the meeting in one line, the delegation."""
    para(doc, "Caption", "TALKING POINTS{% if brief.info.draft %} (DRAFT){% endif %}")
    para(doc, "Title", "{{ brief.info.title }}")
    line = para(doc, "Subtitle", MEETING_LINE)
    line.paragraph_format.space_after = Pt(0)
    tag(doc, "if brief.info.delegation")
    delegation = para(doc, "Subtitle", "Delegation: {{ brief.info.delegation }}")
    delegation.paragraph_format.space_after = Pt(0)
    tag(doc, "endif")
    rule(para(doc, "Normal")).paragraph_format.space_after = Pt(4)


def headline_bullets(doc: DocumentType) -> None:
    """The section's headlines; the speech is named once when the section quotes only one."""
    tag(doc, "set speeches = section.items | map(attribute='source.speech') | unique | list")
    tag(doc, "set one_speech = speeches | length == 1")
    tag(doc, "if one_speech and section.items[0].citation")
    label = para(doc, "Caption", "{{ brief.citations[section.items[0].citation - 1].label }}")
    label.paragraph_format.keep_with_next = True
    tag(doc, "endif")
    tag(doc, "for item in section.items")
    para(doc, "List Bullet", *POINT, (MARK + WHERE, SMALL))
    tag(doc, "endfor")


def source_lines(doc: DocumentType) -> None:
    """The speeches in one small paragraph, when the spec has a sources section."""
    tag(doc, f"if {HAS_SOURCES}")
    line = para(doc, "Caption", ("Sources: ", {"bold": True}), SOURCES)
    line.paragraph_format.space_before = Pt(8)
    tag(doc, "endif")


def talking_points() -> DocumentType:
    """A one- or two-page card: the headlines as large bullets, section by section."""
    doc = new_document()
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = (
        Pt(57)  # 2 cm
    )
    card_styles(doc)
    header_footer(doc)
    card_title(doc)
    tag(doc, "for section in brief.sections if section.type != 'sources' and "
             "(section.items or section.paragraphs)")
    para(doc, "Heading 1", "{{ section.title }}")
    tag(doc, "if section.items")
    headline_bullets(doc)
    tag(doc, "else")
    text_paragraphs(doc, "List Bullet", "List Bullet", "List Bullet")
    tag(doc, "endif")
    tag(doc, "endfor")
    source_lines(doc)
    stamp(doc)
    return doc

"""The talking-points card as a Word template: headlines in large type, sources inline.

A card is read at the table, so it must fit on one or two pages: each bullet is
an item's headline followed by a short "(para. 12)" (or "(short title, para. 12)"
when a section draws on more than one speech); the speech a section quotes is
named once under its heading; the speeches are listed in one small paragraph at the end.
The styles follow templates/talking-points/style.css, as the briefing note's follow its own.
"""

from __future__ import annotations

from docx.document import Document as DocumentType
from docx.shared import RGBColor
from docx_kit import cstyle, list_format, new_document, para, pstyle, tag
from docx_parts import GREY, header_footer, review_mark, running_styles, stamp, text_paragraphs

BODY = 11.5  # pt, the card's html font-size
LINE = 1.25
MM = 72 / 25.4  # points in a millimetre
MEETING_LINE = (
    "{{ [brief.info.meeting, brief.info.date | date, brief.info.place]"
    " | select | join(' \u00b7 ') }}"
)
SOURCES = (
    "{% for src in brief.sources %}{{ src.label }}"
    "{{ (' (' ~ src.metadata.date | date ~ ')') if src.metadata.date }}"
    "{{ '; ' if not loop.last else '.' }}{% endfor %}"
)
# An item's point: an acronym with its expansion; else the headline, or a mentions item's
# sentence with the matched words bold.
POINT = ("{% if section.type == 'acronyms' %}", ("{{ item.headline }}", "Strong"),
         "{{ ': ' ~ item.text if item.text }}{% else %}{{ '\u2026 ' if item.mid_sentence }}",
         "{% if item.runs %}", "{{r item | rich }}", "{% else %}{{ item.headline }}{% endif %}",
         "{% endif %}")
MARK = ("{% if item.mark %} ", ("({{ item.mark }})", "Mark"), "{% endif %}")
HAS_SOURCES = "brief.sources and brief.sections | selectattr('type', 'equalto', 'sources') | list"
WHERE = (
    "{% if item.citation %}{% set c = brief.citations[item.citation - 1] %}"
    " ({{ '' if one_speech else c.label ~ ', ' }}para.\u00a0{{ c.paragraph }}"
    "{{ ', p.\u00a0' ~ c.page if c.page }}){% endif %}"
)


def card_styles(doc: DocumentType) -> None:
    """Larger type than the brief, tight spacing: a card, not a document."""
    ink2, ink3 = RGBColor(0x33, 0x33, 0x33), RGBColor(0x44, 0x44, 0x44)
    card = {"line": LINE, "base": "Normal"}
    pstyle(doc, "Normal", BODY, line=LINE, after=0.4 * BODY)
    pstyle(doc, "Kicker", 10, caps=True, tracking=1.0, color=ink3, after=4, **card)
    pstyle(doc, "Title", 20, bold=True, line=1.2, after=2 * MM, base="Normal")
    pstyle(doc, "Subtitle", 11, color=ink2, **card)
    pstyle(doc, "Title Block End", 1, line=1.0, after=3 * MM, base="Normal",
           border={"bottom": (1.5, "111111", 3 * MM)})
    pstyle(doc, "Heading 1", 12.5, bold=True, caps=True, tracking=0.5, before=4 * MM,
           after=0.5 * MM, keep=True, **card)
    pstyle(doc, "Caption", 9, color=GREY, after=1.5 * MM, keep=True, **card)
    pstyle(doc, "List Bullet", BODY, left=6, hang=6, after=1.2 * MM, together=True, **card)
    list_format(doc, 1, "\u25a0", 6, 6)
    pstyle(doc, "Sources Line", 8.5, color=ink2, before=4 * MM, **card)
    pstyle(doc, "Stamp", 7, color=RGBColor(0x66, 0x66, 0x66), before=4 * MM,
           border={"top": (0.5, "BBBBBB", 1 * MM)}, **card)
    cstyle(doc, "Where", size=9, color=GREY)
    cstyle(doc, "New Mark", size=7.5, caps=True, tracking=0.4, color=GREY,
           border=(0.5, "999999", 1))
    cstyle(doc, "Strong", bold=True)
    cstyle(doc, "Mark", size=9, italic=True, color=GREY)
    running_styles(doc, 10)


def card_title(doc: DocumentType) -> None:
    """'Talking points', the title, the meeting in one line, the delegation."""
    para(doc, "Kicker", "Talking points{% if brief.info.draft %} (draft){% endif %}")
    para(doc, "Title", "{{ brief.info.title }}")
    para(doc, "Subtitle", MEETING_LINE)
    tag(doc, "if brief.info.delegation")
    para(doc, "Subtitle", "Delegation: {{ brief.info.delegation }}")
    tag(doc, "endif")
    para(doc, "Title Block End")


def headline_bullets(doc: DocumentType) -> None:
    """The section's headlines; the speech is named once when the section quotes only one."""
    tag(doc, "set speeches = section.items | map(attribute='source.speech') | unique | list")
    tag(doc, "set one_speech = speeches | length == 1")
    tag(doc, "if one_speech and section.items[0].citation")
    para(doc, "Caption", "{{ brief.citations[section.items[0].citation - 1].label }}")
    tag(doc, "endif")
    tag(doc, "for item in section.items")
    para(doc, "List Bullet", *POINT, *MARK, (WHERE, "Where"), "{% if item.new %} ",
         ("new", "New Mark"), "{% endif %}")
    tag(doc, "endfor")


def source_lines(doc: DocumentType) -> None:
    """The speeches in one small paragraph, when the spec has a sources section."""
    tag(doc, f"if {HAS_SOURCES}")
    para(doc, "Sources Line", ("Sources: ", "Strong"), SOURCES)
    tag(doc, "endif")


def talking_points() -> DocumentType:
    """A one- or two-page card: the headlines as large bullets, section by section."""
    doc = new_document((20, 20, 20, 20))
    card_styles(doc)
    header_footer(doc, running=False, top_mm=12.5, bottom_mm=12.5)
    card_title(doc)
    tag(doc, "for section in brief.sections if section.type != 'sources' and "
             "(section.items or section.paragraphs)")
    para(doc, "Heading 1", "{{ section.title }}")
    review_mark(doc, changed="Caption")
    tag(doc, "if section.items")
    headline_bullets(doc)
    tag(doc, "else")
    text_paragraphs(doc, "List Bullet", "List Bullet", "List Bullet")
    tag(doc, "endif")
    tag(doc, "endfor")
    source_lines(doc)
    stamp(doc)
    return doc

"""From extracted text to raw blocks: undo hard wraps, double spacing and page breaks.

Text extracted from PDF and Word files breaks lines where the page did, puts a
blank line after every line, and cuts sentences at page breaks. These are the
normal case, so each is undone by a general rule, not by a rule for one file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from briefgen.corpus.inline import is_emphasised, strip_markup
from briefgen.corpus.markers import ordinal, split_marker
from briefgen.sentences import sentence_spans

FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "between",
        "by",
        "for",
        "from",
        "in",
        "into",
        "its",
        "of",
        "on",
        "or",
        "our",
        "than",
        "that",
        "the",
        "their",
        "to",
        "which",
        "who",
        "whose",
        "with",
        "nor",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "might",
        "his",
        "her",
        "my",
        "your",
        "we",
        "they",
        "this",
        "these",
        "those",
    ]
)
TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]*]*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_LABELLED = re.compile(r"^[^:]{2,60}:\s+[A-Z]")  # "Panel 1: International cooperation ..."
_LETTER_HYPHEN = re.compile(r"[^\W\d_]-")  # matched on a text's last two characters
LISTED_WORDS = 14  # words of a list line under a lead-in, at most
PARAGRAPH_LINE = 160  # characters: longer than the lines of a wrapped paragraph
SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]*[A-Z]")


@dataclass
class Line:
    text: str
    page: int | None
    hard_break: bool  # Markdown's two trailing spaces: the line ends here


@dataclass
class RawBlock:
    """A run of lines that belong together, before it is classified."""

    text: str
    page: int | None
    marker: str | None = None
    indent: int = 0
    heading_level: int | None = None  # from Markdown '#' or a line that is all bold
    lines: int = 1
    listed: bool = False  # an unmarked line of a list under a lead-in ending in ":"


def groups(text: str, first_page: int | None = None) -> list[list[Line]]:
    """Split text into runs of non-blank lines, undoing double spacing; form feeds count pages."""
    lines = text.split("\n")
    double = _double_spaced(lines)
    page = first_page if first_page is not None or "\f" not in text else 1
    result: list[list[Line]] = []
    current: list[Line] = []
    empty_run = 0
    for raw in lines:
        if "\f" in raw and page is not None:
            if current:
                result.append(current)
                current = []
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        if not raw.strip():
            empty_run += raw == ""
            if double and raw == "" and empty_run < 2:
                continue
            if current:
                result.append(current)
                current = []
            continue
        empty_run = 0
        current.append(Line(raw.rstrip(), page, raw.endswith("  ")))
    if current:
        result.append(current)
    return result


def _double_spaced(lines: list[str]) -> bool:
    """Whether hard-wrapped lines are each followed by one empty line (PDF text export)."""
    text_lines = [i for i, line in enumerate(lines) if line.strip()]
    if len(text_lines) < 10 or max(len(lines[i]) for i in text_lines) > 130:
        return False
    doubled = sum(1 for i in text_lines if i + 2 < len(lines) and lines[i + 1] == "")
    return doubled / len(text_lines) > 0.6 and hard_wrapped([lines[i] for i in text_lines])


def hard_wrapped(lines: list[str]) -> bool:
    """Whether these are the lines of wrapped paragraphs, not whole paragraphs.

    Wrapped lines often end mid-sentence with the next line going on in lower case;
    paragraphs (a Word file's, say) end with a stop, and headers do not continue.
    """
    texts = [line for line in lines if line.strip()]
    if len(texts) < 10:
        return False
    continued = sum(
        1
        for here, after in pairwise(texts)
        if not TERMINAL.search(here.rstrip()) and after.lstrip()[:1].islower()
    )
    return continued / len(texts) > 0.2


def split_group(group: list[Line]) -> list[RawBlock]:
    """Cut a run of lines into blocks at list markers, headings, hard breaks and short lines."""
    widest = max(len(line.text) for line in group)
    plain = [strip_markup(line.text) for line in group]  # once per line: the hot spot
    caps = [_all_caps(text) for text in plain]
    blocks: list[RawBlock] = []
    current: list[Line] = []
    for i, line in enumerate(group):
        stripped = line.text.strip()
        starts_block = (
            _starts_item(stripped, current, group[i + 1].text if i + 1 < len(group) else "")
            or _MD_HEADING.match(stripped)
            or is_emphasised(stripped)
            or (bool(current) and caps[i - 1] != caps[i])
            or _opens_emphasis(current, stripped)
        )
        starts_block = starts_block or (
            bool(current) and _stands_alone(plain[i - 1], plain[i], line.text, widest))
        if current and starts_block:
            blocks.append(_make_block(current))
            current = []
        current.append(line)
        following = plain[i + 1] if i + 1 < len(group) else None
        if (line.hard_break or _ends_short_line(line.text, plain[i], following, widest)
                or _whole_paragraph(plain[i], following)):
            blocks.append(_make_block(current))
            current = []
    if current:
        blocks.append(_make_block(current))
    return blocks


def _starts_item(stripped: str, current: list[Line], following: str = "") -> bool:
    """A marker starts an item; a dash only after a finished line or before another dash
    item (else it is punctuation)."""
    marker = split_marker(stripped)[0]
    if marker in ("–", "—"):
        return (not current or bool(TERMINAL.search(current[-1].text.rstrip()))
                or split_marker(following.strip())[0] == marker)
    return marker is not None


def _opens_emphasis(current: list[Line], stripped: str) -> bool:
    """A line opening a bold or italic span after balanced lines starts a new block."""
    return bool(current) and stripped[:1] in "*_" and current[-1].text.count("*") % 2 == 0


def _all_caps(text: str) -> bool:
    """An ALL-CAPS line: four letters or more, every one upper case."""
    if not text.isupper():  # a lower-case letter, or no cased letter: not ALL CAPS
        return False
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 4 and all(map(str.isupper, letters))


def _stands_alone(before: str, plain: str, text: str, widest: int) -> bool:
    """A short capitalised line with no closing stop after a finished sentence stands alone.

    In wrapped text only a paragraph's last line is short, and a paragraph's last line
    ends with its sentence; a short line that does not, after a line that ends one, is
    a heading or a salutation between two paragraphs whose blank line was lost (a Word
    file with a paragraph per line of the PDF's text).
    """
    words = plain.split()
    return (
        0 < len(words) <= 8
        and len(text) <= 0.6 * widest
        and (plain[0].isupper() or plain[0].isdigit())
        and bool(TERMINAL.search(before))
        and not TERMINAL.search(plain)
        and words[-1].lower() not in FUNCTION_WORDS
    )


def _ends_short_line(text: str, plain: str, following: str | None, widest: int) -> bool:
    """A short line followed by a capitalised one is a line of its own (title, heading).

    `plain` and `following` are this line and the next with markup stripped (None: no next).
    """
    if following is None:
        return False
    words = plain.split()
    return (
        0 < len(words) <= 8
        and len(text) <= 0.6 * widest
        and words[-1].lower() not in FUNCTION_WORDS
        and bool(following)
        and (following[0].isupper() or following[0].isdigit())
    )


def _whole_paragraph(plain: str, following: str | None) -> bool:
    """A line longer than any wrapped line, ending its sentence, is a paragraph of its own.

    Text saved from Word or a web page puts one paragraph on a line with no blank line
    between; a PDF's wrapped lines are much shorter than PARAGRAPH_LINE.
    """
    return (
        len(plain) > PARAGRAPH_LINE
        and bool(following)
        and bool(TERMINAL.search(plain))
        and (following[0].isupper() or following[0].isdigit() or following[0] in "-•*(\"'“")
    )


def _make_block(lines: list[Line]) -> RawBlock:
    first = lines[0].text
    indent = len(first) - len(first.lstrip())
    joined = join_lines([line.text.strip() for line in lines])
    heading_level = None
    if match := _MD_HEADING.match(joined):
        heading_level, joined = len(match.group(1)), match.group(2)
    elif (
        is_emphasised(joined)
        and len(joined.split()) <= 12
        and not re.search(r"[,.;!?]\W*$", joined)
    ):
        heading_level = 0  # a heading of unknown level
    plain = strip_markup(joined)
    marker, rest = split_marker(plain)
    text = rest if marker else plain
    return RawBlock(text, lines[0].page, marker, indent, heading_level, len(lines))


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines; a hyphen at a line end after a letter stays, unspaced.

    Before a lower-case letter it may be a compound's or a broken word's (readers that
    know the speech's words join broken words first); before a capital or a digit it
    is a compound's ("Secretary-" + "General", "COVID-" + "19"). A dash used as
    punctuation stands apart from the word ("together -"), and gets a space.
    """
    text = lines[0]
    for line in lines[1:]:
        if _LETTER_HYPHEN.match(text[-2:]) and line[:1].isalnum():
            text += line
        else:
            text += " " + line
    return text


def is_continuation(previous: RawBlock, block: RawBlock) -> bool:
    """Whether `block` continues `previous`'s sentence across a page or paragraph break."""
    if block.marker or block.heading_level is not None or previous.heading_level is not None:
        return False
    text = previous.text
    if not text or not block.text or TERMINAL.search(text):
        return False
    if block.text[0].islower():
        return True
    if ordinal(block.text)[2] or re.search(r"[;,]\s+(?:and|or)$", text):
        return False  # a new enumerated point, or the end of a clause in a series
    last_word = text.split()[-1].lower()
    # "Mr. Rohan Kapoor, Counsellor" is no sentence boundary: the splitter knows abbreviations.
    prose = len(text.split()) >= 12 and SENTENCE_INSIDE.search(text) is not None \
        and len(sentence_spans(text)) > 1
    # A long unfinished line before a finished sentence: one sentence cut in two (a
    # heading, however long, is followed by text that does not close it).
    cut = (
        len(text.split()) >= 12
        and not _LABELLED.search(text)
        and TERMINAL.search(block.text) is not None
        and not SENTENCE_INSIDE.search(block.text)
    )
    return last_word in FUNCTION_WORDS or prose or cut


def dash_as_punctuation(previous: RawBlock, block: RawBlock, following: RawBlock | None) -> None:
    """A lone paragraph opening with a dash inside an unfinished sentence: punctuation.

    Converters that make every line of a PDF's text a paragraph (pandoc, LibreOffice)
    leave "working together" / "– States, ... partners –" / "to eradicate ...": the dash
    goes back into the text when the paragraph before runs on into it. A dash after a
    finished sentence, a heading or a dash item, or one that opens a run of dash
    items, stays a list marker.
    """
    if (block.marker not in ("–", "—") or previous.marker in ("–", "—", "-")
            or (following is not None and following.marker == block.marker)
            or TERMINAL.search(previous.text)):
        return
    as_text = RawBlock(f"{block.marker} {block.text}", block.page, None, block.indent,
                       block.heading_level, block.lines)
    if is_continuation(previous, as_text):
        block.text, block.marker = as_text.text, None


def listed_lines(group: list[Line], after_lead_in: bool) -> list[RawBlock] | None:
    """Short unmarked lines under a lead-in ending in ":", each a list item, or None.

    "Our group will focus on:" then "a broader donor base" / "more flexible funding":
    lines too short and too unfinished to be a wrapped paragraph, none ending with a
    word that would carry the sentence on.
    """
    start = 0 if after_lead_in else next(
        (i + 1 for i, line in enumerate(group) if line.text.rstrip().endswith(":")), None)
    items = group[start:] if start is not None else []
    if len(items) < 2 or any(split_marker(line.text.strip())[0] for line in items):
        return None
    texts = [strip_markup(line.text).strip() for line in items]
    if ordinal(texts[0])[2] or any(t.endswith("-") for t in texts):
        return None  # "First, supporting the ... Secretary-": a wrapped paragraph
    if TERMINAL.search(texts[-1]) and not any(TERMINAL.search(t) for t in texts[:-1]):
        return None  # one sentence over several lines
    for n, line in enumerate(items):
        words = strip_markup(line.text).split()
        last = n == len(items) - 1
        if not 0 < len(words) <= LISTED_WORDS or words[-1].lower().strip(",;") in FUNCTION_WORDS:
            return None
        if re.search(r"[,]$", words[-1]) or (not last and re.search(r"[.!?]$", words[-1])
                                             and len(words) > LISTED_WORDS // 2):
            return None
    head = split_group(group[:start]) if start else []
    listed = [RawBlock(strip_markup(line.text.strip()), line.page, None, 0, None, 1, True)
              for line in items]
    return head + listed


def raw_blocks(text: str, first_page: int | None = None) -> list[RawBlock]:
    """The text as blocks, with sentences cut by page breaks joined again."""
    pieces: list[RawBlock] = []
    for group in groups(text, first_page):
        after_lead_in = bool(pieces) and pieces[-1].text.rstrip().endswith(":")
        pieces += listed_lines(group, after_lead_in) or split_group(group)
    blocks: list[RawBlock] = []
    for i, block in enumerate(pieces):
        if blocks:
            dash_as_punctuation(blocks[-1], block, pieces[i + 1] if i + 1 < len(pieces) else None)
        if blocks and not block.listed and is_continuation(blocks[-1], block):
            blocks[-1].text = join_lines([blocks[-1].text, block.text])
            blocks[-1].lines += block.lines
        else:
            blocks.append(block)
    return blocks

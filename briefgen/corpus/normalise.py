"""Raw blocks to the speech's blocks: headings, list items with levels, numbered paragraphs.

The blocks before the speech proper (letterhead, title, speaker, date) are
returned apart as the header, for metadata detection; contact lines and page
furniture never reach the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.corpus.lines import (
    FUNCTION_WORDS,
    SENTENCE_INSIDE,
    TERMINAL,
    RawBlock,
    is_continuation,
    join_lines,
    raw_blocks,
)
from briefgen.corpus.markers import Marker, ordinal, parse_marker
from briefgen.model import Block

CONTACT = re.compile(
    r"^(?:tel(?:ephone)?|phone|fax|e-?mail|web(?:site)?|www\.|postal address|visitors'? address"
    r"|address|mobile)\b",
    re.I,
)
_PAGE_FURNITURE = re.compile(
    r"^(?:page\s+\d+(?:\s+of\s+\d+)?|-?\s*\d{1,3}\s*-?|\d+\s*/\s*\d+)$", re.I
)
_VOCATIVE = re.compile(
    r"\b(?:excellenc(?:y|ies)|ladies|gentlemen|distinguished|dear|colleagues|friends|delegates"
    r"|ministers?|madam|honou?rable|chair(?:person|man|woman)?|president|participants"
    r"|panelists|panellists|co-?facilitators?|ambassadors?)\b",
    re.I,
)
_ROMAN_HEADING = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]$")


@dataclass
class Normalised:
    """A speech's text split into its header (before the speech proper) and its body."""

    header: list[Block]
    body: list[Block]


@dataclass
class Text:
    """Text whose structure is to be inferred: wraps, markers, headings (PDF, plain paragraphs).

    `page` is the page it starts on (None when the source has no pages); each form
    feed in `text` starts a new page.
    """

    text: str
    page: int | None = None


Part = Block | Text


def normalise(text: str) -> Normalised:
    """Turn extracted text into header and body blocks."""
    return normalise_parts([Text(text)])


def normalise_parts(parts: list[Part]) -> Normalised:
    """Header and body from a reader's parts: Blocks whose structure the file gave, and Text.

    Readers of structured files (Word, Markdown, HTML) give headings and list items
    as Blocks (their level already known) and the rest as Text, so that every kind
    of file gets the same line joining, header split and paragraph numbering.
    """
    blocks: list[Block] = []
    known: set[int] = set()  # ids of blocks whose list level came from the file
    for part in parts:
        if isinstance(part, Text):
            raws = raw_blocks(part.text, part.page)
            if raws and blocks and id(blocks[-1]) in known and blocks[-1].kind != "heading":
                previous = blocks[-1]  # a list item whose sentence runs on past a page break
                first = raws[0]
                if first.marker in ("–", "—") and not TERMINAL.search(previous.text):
                    first.text, first.marker = f"{first.marker} {first.text}", None  # a dash
                if is_continuation(RawBlock(previous.text, previous.page), first):
                    previous.text = join_lines([previous.text, raws.pop(0).text])
            blocks += [_classify(raw, not blocks and i == 0) for i, raw in enumerate(raws)]
        elif part.text.strip():
            blocks.append(part)
            known.add(id(part))
    blocks = [b for b in blocks if b.text.strip() and not _PAGE_FURNITURE.match(b.text)]
    header, body = _split_header(blocks)
    body = [b for b in body if not CONTACT.match(b.text)]
    _assign_levels(body, known)
    number = 0
    for block in body:
        if block.kind != "heading":
            number += 1
            block.paragraph = number
    return Normalised(header, body)


def _classify(raw: RawBlock, first: bool) -> Block:
    if raw.listed:
        return Block(raw.text, "item", page=raw.page)
    if raw.marker and not (_ROMAN_HEADING.match(raw.marker) and _heading_like(raw.text)):
        block = Block(raw.text, "item", marker=raw.marker, page=raw.page)
        block.level = raw.indent  # provisional: indentation, resolved by _assign_levels
        return block
    text = f"{raw.marker} {raw.text}" if raw.marker else raw.text
    is_heading = raw.heading_level is not None or _heading_like(raw.text)
    return Block(text, "heading" if is_heading else "paragraph", page=raw.page)


def _heading_like(text: str) -> bool:
    """Short, capitalised, no closing punctuation, not a salutation or an ordinal point."""
    words = text.split()
    return (
        0 < len(words) <= 20
        and (text[0].isupper() or text[0].isdigit())
        and not TERMINAL.search(text)
        and not SENTENCE_INSIDE.search(text)
        and not text.endswith(",")
        and words[-1].lower() not in FUNCTION_WORDS
        and ordinal(text)[2] == 0
        and not is_salutation(text)
        and not text.lower().startswith("thank")
    )


def is_salutation(text: str) -> bool:
    """'Excellencies, ladies and gentlemen,': a form of address, not content."""
    if len(text.split()) > 25:
        return False  # checked first: searching a long paragraph for a vocative is slow
    chunks = [c for c in re.split(r"[,;]|\band\b", text.rstrip(",.:!")) if c.strip()]
    return bool(_VOCATIVE.search(text)) and all(len(c.split()) <= 6 for c in chunks)


def is_prose(block: Block) -> bool:
    """A paragraph that says something: a sentence of four words or more."""
    return (
        block.kind == "paragraph"
        and len(block.text.split()) >= 4
        and bool(re.search(r"[.!?:;][\"'”’)]*$", block.text))
    )


def _split_header(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The header is what comes before the first salutation, list item or prose paragraph."""
    starts = (
        i
        for i, block in enumerate(blocks)
        if block.kind == "item" or is_prose(block) or is_salutation(block.text)
    )
    i = next(starts, None)
    if i is None:
        return [], blocks
    header, body = blocks[:i], blocks[i:]
    dated = bool(header) and re.search(r"\b(?:19|20)\d\d\b", header[-1].text) is not None
    if header and header[-1].kind == "heading" and not dated and not is_salutation(body[0].text):
        body.insert(0, header.pop())
    return header, body


def _assign_levels(body: list[Block], known: set[int] | frozenset[int] = frozenset()) -> None:
    """Nesting from marker styles and indentation: a new style nests, a known one returns.

    Items whose level the file gave (ids in `known`) keep it and set the context.
    """
    stack: list[tuple[str, int]] = []
    previous: Marker | None = None
    for block in body:
        if block.kind == "heading":
            stack, previous = [], None
            continue
        if block.kind != "item" or block.marker is None:
            continue
        marker = parse_marker(block.marker, previous)
        previous = marker
        if id(block) in known:
            del stack[block.level :]
            stack += [("", -1)] * (block.level - len(stack)) + [(marker.style, -1)]
            continue
        indent = block.level
        for depth, (style, known_indent) in enumerate(stack):
            if style == marker.style and (known_indent < 0 or abs(known_indent - indent) < 2):
                del stack[depth + 1 :]
                break
        else:
            while stack and stack[-1][1] > indent + 1:
                stack.pop()
            stack.append((marker.style, indent))
        block.level = len(stack) - 1

"""Markdown with markdown-it-py: headings and lists from the syntax tree, the rest as text.

'#' headings and list items (with the marker as written, "3." or "b)", and their
nesting) come from markdown-it's tokens. Paragraphs go to the normaliser as the
source lines they came from, so Markdown that is really pasted PDF text (a line
per paragraph, sentences cut at page breaks) is joined as in a .txt.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from briefgen.corpus.decode import decode_text
from briefgen.corpus.inline import strip_markup
from briefgen.corpus.lines import join_lines
from briefgen.corpus.normalise import Part, Text
from briefgen.corpus.readers import Reading
from briefgen.corpus.readers.text import split_front_matter
from briefgen.model import Block


def read(path: Path, data: bytes) -> Reading:
    """Front matter as metadata; headings and list items as Blocks; paragraphs as Text."""
    front, text = split_front_matter(path, decode_text(path, data))
    lines = text.split("\n")
    tokens = MarkdownIt("commonmark").disable("code").parse(text)
    parts: list[Part] = []
    plain: tuple[int, int] | None = None  # source lines of the current run of plain text
    depth = 0  # list nesting
    markers: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            markers.append(_marker(token.info, token.markup))
        elif token.type == "list_item_close":
            markers.pop()
        elif token.type == "heading_open" or (depth and token.type == "paragraph_open"):
            _flush(parts, lines, plain)
            plain = None
            content = strip_markup(join_lines(tokens[i + 1].content.split("\n")))
            first = depth and tokens[i - 1].type == "list_item_open"
            if token.type == "heading_open":
                parts.append(Block(content, "heading"))
            elif first:
                parts.append(Block(content, "item", marker=markers[-1], level=depth - 1))
            else:
                parts.append(Block(content))
        elif (
            token.map
            and token.level == 0
            and token.type.endswith(("_open", "_block", "hr"))
            and not token.type.startswith(("heading", "bullet", "ordered"))
        ):
            plain = (plain[0] if plain else token.map[0], token.map[1])
    _flush(parts, lines, plain)
    return Reading(parts, front)


def _marker(number: str, markup: str) -> str:
    """The item's marker as written: "3." for an ordered item, "-" for any bullet."""
    return f"{number}{markup}" if number else "-"


def _flush(parts: list[Part], lines: list[str], plain: tuple[int, int] | None) -> None:
    if plain:
        parts.append(Text("\n".join(lines[plain[0] : plain[1]])))

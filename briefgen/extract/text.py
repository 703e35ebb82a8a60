"""Hand-written text from the spec (purpose, line to take): paragraphs and lists in Markdown."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from briefgen.extract.base import SectionParams
from briefgen.model import Paragraph, Section, Span, Speech

if TYPE_CHECKING:
    from markdown_it.token import Token

_SPACES = re.compile(r"\s+")


class Params(SectionParams):
    type: Literal["text"]
    text: str = Field(
        description="Markdown: paragraphs separated by blank lines; "
        "'- ' and '1. ' start list items; **bold** and *italic* are kept."
    )


def paragraphs(markdown: str) -> list[Paragraph]:
    """Paragraphs and list items of a Markdown text, with their bold and italic spans.

    Other markup is not carried over: a link keeps its text, inline HTML is dropped.
    """
    from markdown_it import MarkdownIt  # only specs with text sections need it

    result: list[Paragraph] = []
    lists: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("bullet" if token.type == "bullet_list_open" else "number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "inline":
            spans = _spans(token.children or [])
            kind = lists[-1] if lists else "paragraph"
            text = "".join(span.text for span in spans)
            result.append(Paragraph(text, kind, spans))  # type: ignore[arg-type]
    return result


def _spans(children: list[Token]) -> list[Span]:
    """The inline tokens of one paragraph as spans of equal emphasis, white space collapsed."""
    pieces: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for child in children:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type in ("text", "code_inline", "softbreak", "hardbreak"):
            text = child.content if child.type in ("text", "code_inline") else " "
            if pieces and pieces[-1][1:] == (bold, italic):
                pieces[-1] = (pieces[-1][0] + text, bold, italic)
            else:
                pieces.append((text, bold, italic))
    spans = []
    for text, bold_, italic_ in pieces:
        text = _SPACES.sub(" ", text)
        if spans and spans[-1].text.endswith(" "):
            text = text.lstrip(" ")
        if text:
            spans.append(Span(text, bold_, italic_))
    if spans:  # no white space at either end of the paragraph
        spans[0] = Span(spans[0].text.lstrip(), spans[0].bold, spans[0].italic)
        spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].bold, spans[-1].italic)
    return [span for span in spans if span.text]


def extract(speeches: list[Speech], params: Params) -> Section:
    return Section(type="text", title=params.title, paragraphs=paragraphs(params.text))

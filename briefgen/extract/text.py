"""Hand-written text from the spec (purpose, line to take): paragraphs and lists in Markdown."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefgen.extract.base import SectionParams
from briefgen.model import Paragraph, Section, Speech


class Params(SectionParams):
    type: Literal["text"]
    text: str = Field(
        description="Markdown: paragraphs separated by blank lines; "
        "'- ' and '1. ' start list items."
    )


def paragraphs(markdown: str) -> list[Paragraph]:
    """Paragraphs and list items of a Markdown text, as plain text (markup is not carried over)."""
    from markdown_it import MarkdownIt  # only specs with text sections need it

    result: list[Paragraph] = []
    lists: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("bullet" if token.type == "bullet_list_open" else "number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "inline":
            plain = "".join(
                child.content if child.type in ("text", "code_inline") else " "
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak")
            )
            kind = lists[-1] if lists else "paragraph"
            result.append(Paragraph(" ".join(plain.split()), kind))  # type: ignore[arg-type]
    return result


def extract(speeches: list[Speech], params: Params) -> Section:
    return Section(type="text", title=params.title, paragraphs=paragraphs(params.text))

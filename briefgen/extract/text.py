"""Hand-written text from the spec (purpose, line to take), in a small subset of Markdown."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefgen.extract.base import SectionParams
from briefgen.model import Section, Speech


class Params(SectionParams):
    type: Literal["text"]
    text: str = Field(description="Markdown: paragraphs separated by blank lines; "
                      "lines starting with '- ' or '1. ' are list items.")


def extract(speeches: list[Speech], params: Params) -> Section:
    raise NotImplementedError

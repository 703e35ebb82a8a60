"""PLACEHOLDER"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefgen.extract.base import SectionParams
from briefgen.model import Section, Speech


class Params(SectionParams):
    type: Literal["summary"]
    sentences: int = Field(5, ge=1, le=30, description="How many sentences to quote per speech.")


def extract(speeches: list[Speech], params: Params) -> Section:
    raise NotImplementedError

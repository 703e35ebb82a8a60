"""PLACEHOLDER"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefgen.extract.base import SectionParams
from briefgen.model import Section, Speech


class Params(SectionParams):
    type: Literal["positions"]
    actor: str = Field(description="Whose positions: a country, group or organisation, "
                       "e.g. 'Sweden', 'the EU'.", min_length=1)


def extract(speeches: list[Speech], params: Params) -> Section:
    raise NotImplementedError

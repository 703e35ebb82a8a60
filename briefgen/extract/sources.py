"""The speeches the brief cites, with their metadata."""

from __future__ import annotations

from typing import Literal

from briefgen.extract.base import SectionParams
from briefgen.model import Section, Speech


class Params(SectionParams):
    type: Literal["sources"]


def extract(speeches: list[Speech], params: Params) -> Section:
    return Section(type="sources", title=params.title, speeches=[s.id for s in speeches])

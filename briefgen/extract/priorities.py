"""Enumerated priorities of a workplan or strategy ("will focus on four key areas: First, ...")."""

from __future__ import annotations

from typing import Literal

from briefgen.extract.base import SectionParams
from briefgen.extract.enumeration import Cue, enumeration_section
from briefgen.model import Section, Speech

CUE = Cue(
    nouns=r"priorit(?:y|ies)(?:\s+areas?)?|(?:key\s+|focus\s+|thematic\s+)?areas?|pillars?"
    r"|objectives?|goals?|work\s?streams?|strands?|tracks?|commitments?|deliverables?"
    r"|action\s+points?",
    phrases=r"focus(?:es|ing)?\s+on|work\s?plan|strategy",
)


class Params(SectionParams):
    type: Literal["priorities"]


def extract(speeches: list[Speech], params: Params) -> Section:
    return enumeration_section(speeches, CUE, "priorities", params.title, "priorities")

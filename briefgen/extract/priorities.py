"""Enumerated priorities of a workplan or strategy ("will focus on four key areas: First, ...")."""

from __future__ import annotations

from typing import Literal

from briefgen.extract.base import SectionParams
from briefgen.extract.enumeration import Cue, enumeration_section
from briefgen.model import Section, Speech

CUE = Cue(
    nouns=r"priorit(?:y|ies)(?:\s+areas?)?|(?:key\s+|focus\s+|thematic\s+)?areas?|pillars?"
    r"|objectives?|goals?|work\s?streams?|strands?|tracks?|commitments?|deliverables?"
    r"|action\s+points?|pledges?|lines\s+of\s+(?:action|work)|(?:specific\s+)?actions"
    r"|(?:key\s+)?tasks\s+for\s+(?:the|our)\s+(?:presidency|chairmanship)",
    phrases=r"focus(?:es|ing)?\s+(?:\w+\s+){0,2}on|focus(?:es|ing)?\s+(?:its|our|their|his|her"
    r"|the)\s+(?:efforts|work|attention)|work\s?plan|strategy|presidency|chairmanship"
    r"|will\s+pursue|programme\s+of\s+work|work\s+programme|following\s+lines|agenda\s+for"
    r"|the\s+coming\s+(?:year|months)|our\s+(?:first|main|top)\s+priority",
)


class Params(SectionParams):
    type: Literal["priorities"]


def extract(speeches: list[Speech], params: Params) -> Section:
    return enumeration_section(speeches, CUE, "priorities", params.title, "priorities")

"""The points a speaker announces ("five main takeaways", "I would like to make 3 points")."""

from __future__ import annotations

from typing import Literal

from briefgen.extract import priorities
from briefgen.extract.base import SectionParams
from briefgen.extract.enumeration import Cue, enumeration_section
from briefgen.model import Section, Speech

CUE = Cue(
    nouns=r"take-?aways?|points?|messages?|conclusions?|lessons?|observations?|reflections?"
    r"|recommendations?|thoughts|issues|ideas|elements|things|suggestions|proposals"
    r"|highlights|comments?|remarks|aspects|principles|considerations|expectations",
    counted_nouns=r"questions|tasks|concerns|requests|lines|asks|steps|measures|challenges"
    r"|reasons|calls|things|actions",
    rival=priorities.CUE,
    any_noun=True,
)


class Params(SectionParams):
    type: Literal["takeaways"]


def extract(speeches: list[Speech], params: Params) -> Section:
    return enumeration_section(speeches, CUE, "takeaways", params.title, "takeaways")

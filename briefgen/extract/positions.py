"""An actor's stated positions, grouped by topic, from the parts of speeches where it speaks.

Who speaks decides: a part belongs to the actor when the speech is the
actor's (metadata or a "Statement by ..." line) and its heading does not hand
the floor to someone else (a moderator, a chair, another country). Every point
the actor makes there is a position; nothing is taken from parts where others
speak or are summarised, even if they name the actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from briefgen.corpus.metadata import PERSON_NAME
from briefgen.corpus.normalise import is_salutation
from briefgen.extract.base import SectionParams
from briefgen.extract.takeaways import CUE as POINTS
from briefgen.model import Block, Item, Section, Source, Speech
from briefgen.sentences import headline

ALIASES = {
    "eu": ["european union", "eu and its member states"],
    "european union": ["eu"],
    "uk": ["united kingdom"],
    "united kingdom": ["uk"],
    "us": ["united states", "usa"],
    "united states": ["us", "usa"],
    "ldcs": ["least developed countries", "ldc"],
}
# Headings that give the floor to someone who reports or chairs rather than states a position.
_OTHER_VOICE = re.compile(
    r"\b(?:moderator|chair(?:person|man|woman)?|co-?chairs?|facilitator|co-?facilitators?"
    r"|rapporteur|secretariat|secretary-general|summary|president of the|panel(?:ist)?s?'"
    r"|keynote|resident coordinator)\b",
    re.I,
)
# Speakers who are plainly not a state: officials of international organisations.
_INTERNATIONAL = re.compile(
    r"\b(?:international|united nations|UN|IOM|UNHCR|network|secretary-general|commission"
    r"|agency|programme|fund|bank|organi[sz]ation|special representative)\b",
    re.I,
)
_STATEMENT_BY = re.compile(
    r"\b(?:statement|intervention|remarks|address)\s+(?:by|of)\s+(?:the\s+)?(?P<who>.+)$", re.I
)
_COURTESY = re.compile(
    r"^(?:thank you|i thank|thanks)\b[^.!]*[.!]?$"
    r"|^(?:I|we) (?:have|has) the hono(?:u)?r to (?:speak|take the floor|deliver)[^.!]*[.!]?$",
    re.I,
)
PROCEDURAL_WORDS = 15  # an announcement of points this short is no position in itself
STANCES: tuple[tuple[str, str], ...] = (
    ("aligns", r"\balign(?:s|ed)?\b"),
    ("calls for", r"\bcall(?:s|ed)? (?:for|on|upon)\b|\burges?\b"),
    ("prioritises", r"\bprioriti[sz]e[sd]?\b|\bpriority\b"),
    ("welcomes", r"\bwelcome[sd]?\b|\bappreciates?\b"),
    ("advocates", r"\badvocate[sd]?\b"),
    ("supports", r"\bsupport(?:s|ed)?\b"),
    ("highlights", r"\bhighlight(?:s|ed)?\b|\bunderline[sd]?\b|\bstress(?:es|ed)?\b"
                   r"|\bemphasi[sz]e[sd]?\b|\bunderscore[sd]?\b"),
)  # fmt: skip


class Params(SectionParams):
    type: Literal["positions"]
    actor: str = Field(
        description="Whose positions: a country, group or organisation, e.g. 'Sweden', 'the EU'.",
        min_length=1,
    )


@dataclass
class Part:
    """A run of blocks under one heading, and whether the actor is the one speaking in it."""

    topic: str | None
    actors_voice: bool
    blocks: list[Block] = field(default_factory=list)


def names(actor: str) -> list[str]:
    """The ways a text may name the actor: 'the EU' also as 'European Union'."""
    base = re.sub(r"^the\s+", "", actor.strip(), flags=re.I).lower()
    return [base, *ALIASES.get(base, [])]


def mentions(text: str, actor: str) -> bool:
    return any(re.search(rf"\b{re.escape(n)}\b", text, re.I) for n in names(actor))


def speaks_for(speech: Speech, actor: str) -> bool | None:
    """True if the speech is the actor's, False if plainly someone else's, None if unsure.

    A ministry or a minister named without a country leaves it open (None).
    """
    meta = speech.metadata
    who = " ".join(filter(None, (meta.speaker, meta.organisation, meta.role)))
    if mentions(who, actor):
        return True
    if _INTERNATIONAL.search(who):
        return False
    # A named state or group that is not the actor speaks for itself; a person may be the
    # actor's minister or ambassador, so a bare name leaves it open.
    return False if meta.speaker and not PERSON_NAME.match(meta.speaker) else None


def parts(speech: Speech, actor: str, default_voice: bool) -> list[Part]:
    """Split the speech at headings and decide, per part, whose voice it is."""
    result = [Part(None, default_voice)]
    for block in speech.blocks:
        if block.kind == "heading":
            result.append(Part(block.text, _voice(block.text, actor, default_voice)))
        else:
            result[-1].blocks.append(block)
    return [part for part in result if part.blocks]


def _voice(heading: str, actor: str, default_voice: bool) -> bool:
    if match := _STATEMENT_BY.search(heading):
        return mentions(match.group("who"), actor)
    if _OTHER_VOICE.search(heading):
        return mentions(heading, actor) and not re.search(r"summary|moderator", heading, re.I)
    return default_voice


def _announces(block: Block) -> bool:
    """'Let me focus on three issues.': it frames the points that follow."""
    return len(block.text.split()) <= PROCEDURAL_WORDS and bool(POINTS.counted.search(block.text))


def stance(text: str) -> str:
    for name, pattern in STANCES:
        if re.search(pattern, text, re.I):
            return name
    return "other"


def positions_in(speech: Speech, actor: str, default_voice: bool) -> list[Item]:
    """Every point the actor makes in its own parts: top-level paragraphs with their sub-points."""
    items: list[Item] = []
    for part in parts(speech, actor, default_voice):
        if not part.actors_voice:
            continue
        for block in part.blocks:
            if block.level > 0 and items and items[-1].topic == part.topic:
                items[-1].subitems.append(block.text)
                continue
            if is_salutation(block.text) or _COURTESY.match(block.text) or _announces(block):
                continue
            head = headline(block.text)
            items.append(
                Item(
                    number=len(items) + 1,
                    headline=head,
                    text=block.text,
                    source=Source(speech.id, block.paragraph, block.page),
                    topic=part.topic,
                    stance=stance(head),
                )
            )
    return items


def extract(speeches: list[Speech], params: Params) -> Section:
    section = Section(type="positions", title=params.title, speeches=[s.id for s in speeches])
    nothing: list[str] = []  # "no positions in ..." for each speech: the empty message says it
    for speech in speeches:
        voice = speaks_for(speech, params.actor)
        if voice is None:
            section.warnings.append(
                f"{speech.id}: the speech names no speaker; it is taken as {params.actor}'s "
                "statement because the spec asks for its positions there"
            )
        items = positions_in(speech, params.actor, voice is not False)
        if not items:
            nothing.append(f"No positions of {params.actor} in {speech.label}.")
            section.notes.append(nothing[-1])
        section.extend(items)
    if not section.items:
        names_ = ", ".join(s.label for s in speeches) or "the selected speeches"
        section.empty_message = f"No positions of {params.actor} in {names_}."
        section.notes = [note for note in section.notes if note not in nothing]  # said once
    return section

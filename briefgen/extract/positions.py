"""An actor's stated positions, sentence by sentence, grouped by topic, from its own statements.

Who speaks decides (briefgen/extract/voice.py): nothing is taken from a speech
whose text names another speaker, a UN official or a meeting's summary, nor
from parts whose heading gives the floor to someone else (a moderator, a
chair, another country). In the actor's parts, each sentence that passes the
stance rule (briefgen/extract/stance.py) is one position: its headline is the
sentence, its text runs on to the next position in the same paragraph. A
lead-in ending in ":" carries the list under it as sub-points. Every sentence
left out has its reason, for `briefgen extract --explain`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from briefgen.corpus.normalise import is_salutation
from briefgen.extract.base import SectionParams
from briefgen.extract.stance import Verdict, is_lead_in, judge
from briefgen.extract.voice import Voice, mentions, names, speaks_as_group, who_speaks
from briefgen.model import Block, Item, Reason, Section, Source, Speech
from briefgen.sentences import headline, sentence_spans

# Headings that give the floor to someone who reports or chairs rather than states a position.
_OTHER_VOICE = re.compile(
    r"\b(?:moderator|chair(?:person|man|woman)?|co-?chairs?|facilitator|co-?facilitators?"
    r"|rapporteur|secretariat|secretary-general|summary|president of the|panel(?:ist)?s?'"
    r"|keynote|resident coordinator)\b",
    re.I,
)
_STATEMENT_BY = re.compile(
    r"\b(?:statement|intervention|remarks|address)\s+(?:by|of)\s+(?:the\s+)?(?P<who>.+)$", re.I
)


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
    why: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Found:
    """What one speech gives: positions, and the reason for every sentence of the actor's parts."""

    items: list[Item] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    left: Counter[str] = field(default_factory=Counter)


def parts(speech: Speech, actor: str, default_voice: bool) -> list[Part]:
    """Split the speech at headings and decide, per part, whose voice it is."""
    result = [Part(None, default_voice, "")]
    for block in speech.blocks:
        if block.kind == "heading":
            voice, why = _heading_voice(block.text, actor, default_voice)
            result.append(Part(block.text, voice, why))
        else:
            result[-1].blocks.append(block)
    return [part for part in result if part.blocks]


def _heading_voice(heading: str, actor: str, default_voice: bool) -> tuple[bool, str]:
    if match := _STATEMENT_BY.search(heading):
        if mentions(match.group("who"), actor):
            return True, "the heading gives the floor to the actor"
        return False, "the heading gives the floor to someone else"
    if _OTHER_VOICE.search(heading):
        if mentions(heading, actor) and not re.search(r"summary|moderator", heading, re.I):
            return True, "the heading names the actor"
        return False, "a moderator's, chair's or summary part: someone else speaks"
    return default_voice, ""


def positions_in(speech: Speech, actor: str, default_voice: bool, group: bool = False) -> Found:
    """The actor's positions in the speech's parts where it speaks, with every sentence's reason.

    `group`: a group speaks, so "the Group" is the actor too.
    """
    found = Found()
    known = (*names(actor), "group") if group else names(actor)
    for part in parts(speech, actor, default_voice):
        if not part.actors_voice:
            found.reasons.append(
                Reason(speech.id, None, part.topic or speech.label, False,
                       f"part left out ({len(part.blocks)} paragraphs): {part.why}")
            )
            continue
        _part_positions(speech, part, known, found)
    return found


def _part_positions(speech: Speech, part: Part, known: tuple[str, ...], found: Found) -> None:
    blocks = part.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if is_salutation(block.text):
            found.reasons.append(Reason(speech.id, block.paragraph, block.text, False,
                                        "salutation"))
            i += 1
            continue
        taken = _block_positions(speech, part, block, known, found)
        below = _list_below(blocks, i)
        last = _last_sentence(block.text)
        opens_list = bool(below) and last.endswith(":")
        if opens_list and not any(_takes(b, known) for b in below):
            if taken and taken[-1].headline == headline(last):
                parent = taken[-1]
            elif is_lead_in(last, known):
                parent = _item(speech, part, block, last, last, "sets out",
                               "a lead-in in the actor's words, with its list as sub-points")
                _retract(found, block.paragraph, last)
                found.items.append(parent)
                found.reasons.append(Reason(speech.id, block.paragraph, last, True, parent.why
                                            or ""))
            else:
                parent = None
            if parent is not None:
                for sub in below:
                    parent.subitems.append(sub.text)
                    found.reasons.append(Reason(speech.id, sub.paragraph, sub.text, True,
                                                "a sub-point of the item above"))
                i += 1 + len(below)
                continue
        i += 1


def _block_positions(speech: Speech, part: Part, block: Block, known: tuple[str, ...],
                     found: Found) -> list[Item]:
    """Each sentence of one paragraph that passes the stance rule, as a position."""
    text = block.text
    spans = sentence_spans(text)
    verdicts = [judge(text[a:b], known) for a, b in spans]
    if block.kind == "item":
        verdicts = _one_point_per_bullet(verdicts)
    starts = [a for (a, _), v in zip(spans, verdicts, strict=True) if v.taken]
    ends = iter([*starts[1:], len(text)])  # a position's text runs to the next one
    items: list[Item] = []
    for (a, b), verdict in zip(spans, verdicts, strict=True):
        sentence = text[a:b]
        found.reasons.append(Reason(speech.id, block.paragraph, sentence, verdict.taken,
                                    verdict.rule))
        if not verdict.taken:
            found.left[verdict.reason] += 1
            continue
        end = next(ends)
        items.append(_item(speech, part, block, sentence, text[a:end].strip(),
                           verdict.stance or "other", verdict.rule))
    found.items.extend(items)
    return items


def _one_point_per_bullet(verdicts: list[Verdict]) -> list[Verdict]:
    """A talking point's "we need to ..." after its stance elaborates it: the same position.

    A bullet is the author's own unit of one point; an explicit stance verb later in it
    (we support, we call on) is still a position of its own.
    """
    result, seen = [], False
    for verdict in verdicts:
        if verdict.taken and verdict.stance == "must" and seen:
            verdict = Verdict(False, "a 'must' that carries on the bullet's stance above: part "
                              "of that position", reason="elaborates")
        seen = seen or verdict.taken
        result.append(verdict)
    return result


def _item(speech: Speech, part: Part, block: Block, sentence: str, text: str, stance: str,
          why: str) -> Item:
    return Item(number=0, headline=headline(sentence), text=text,
                source=Source(speech.id, block.paragraph, block.page), topic=part.topic,
                stance=stance, why=why)


def _takes(block: Block, known: tuple[str, ...]) -> bool:
    return any(judge(block.text[a:b], known).taken for a, b in sentence_spans(block.text))


def _list_below(blocks: list[Block], i: int) -> list[Block]:
    """The list items right under block i: deeper items, or any items after a paragraph."""
    block = blocks[i]
    below = []
    for other in blocks[i + 1 :]:
        if other.kind != "item":
            break
        if block.kind == "item" and other.level <= block.level:
            break
        if block.kind != "item" and below and other.level < below[0].level:
            break
        below.append(other)
    return below


def _last_sentence(text: str) -> str:
    spans = sentence_spans(text)
    return text[spans[-1][0] : spans[-1][1]] if spans else text


def _retract(found: Found, paragraph: int, sentence: str) -> None:
    """A sentence first left out and then taken as a lead-in is no longer counted as left."""
    for n in range(len(found.reasons) - 1, -1, -1):
        reason = found.reasons[n]
        if reason.paragraph == paragraph and reason.text == sentence and not reason.taken:
            del found.reasons[n]
            break


def extract(speeches: list[Speech], params: Params) -> Section:
    section = Section(type="positions", title=params.title, speeches=[s.id for s in speeches])
    actor = params.actor
    reasons_left: list[str] = []
    for speech in speeches:
        voice = who_speaks(speech, actor)
        if not voice.is_actor:
            why = _not_the_actor(voice, actor)
            reasons_left.append(f"{speech.label}: {why}")
            section.warnings.append(f"{speech.id}: nothing taken: {why}")
            section.explanation.append(Reason(speech.id, None, speech.label, False, why))
            continue
        if voice.kind == "unnamed":
            note = (f"{speech.label} names no speaker; it is taken as {actor}'s statement "
                    f"because this brief asks for {actor}'s positions there.")
            section.notes.append(note)
            section.warnings.append(
                f"{speech.id}: the speech names no speaker; it is taken as {actor}'s "
                "statement because the spec asks for its positions there"
            )
        else:
            section.explanation.append(
                Reason(speech.id, None, speech.label, True,
                       f"{actor} speaks here: {voice.evidence}")
            )
        found = positions_in(speech, actor, True, speaks_as_group(voice))
        section.explanation.extend(found.reasons)
        if found.left["no stance verb"]:
            n = found.left["no stance verb"]
            section.warnings.append(
                f"{speech.id}: {n} sentence{'s' if n > 1 else ''} by {actor} not taken: "
                "no stance verb"
            )
        if not found.items:
            reasons_left.append(f"{speech.label}: no sentence of {actor}'s states a position")
        section.extend(found.items)
    _say_why(section, speeches, actor, reasons_left)
    return section


def _not_the_actor(voice: Voice, actor: str) -> str:
    """Why a speech gives none of the actor's positions, in words for the document."""
    evidence = f" ({voice.evidence})" if voice.evidence else ""
    if voice.kind == "official":
        return (f"the speaker is {_article(voice.name)}{evidence}, not {actor}; their words "
                f"are not {actor}'s positions")
    if voice.kind == "summary":
        return (f"a summary of a meeting{evidence} reports what others said; it is nobody's "
                "statement")
    if voice.kind == "member":
        return (f"the statement is made on behalf of {voice.name}{evidence}; it is the group's, "
                f"not {actor}'s national position (ask for the group to see its positions)")
    return f"the text names its speaker as {voice.name}{evidence}, not {actor}"


def _article(name: str | None) -> str:
    if not name:
        return "someone else"
    return name if re.match(r"(?:the|a|an)\b", name, re.I) else f"the {name}"


def _say_why(section: Section, speeches: list[Speech], actor: str, left: list[str]) -> None:
    """Under the section, in the document: why speeches gave nothing (one line each)."""
    if not section.items:
        if len(left) == 1 and len(speeches) == 1:
            section.empty_message = f"No positions of {actor} in {left[0]}."
        else:
            labels = ", ".join(s.label for s in speeches) or "the selected speeches"
            section.empty_message = f"No positions of {actor} in {labels}."
            section.notes.extend(f"{line}." for line in left)
        return
    section.notes.extend(f"Nothing from {line}." for line in left)

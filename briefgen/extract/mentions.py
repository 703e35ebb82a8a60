"""Every sentence of the chosen speeches that mentions given terms, grouped by speech, by date.

A word matches its inflections ("return": returns, returned, returning; "country":
countries; "stop": stopped), not its derivations ("returnee" only when asked for, or
with "return*"); the words of a phrase may be split by any white space (a line wrap);
matching ignores case, except that a term in capitals ("IOM", "SDG") matches only
capitals and a term in lower case never matches an acronym ("who" is not "WHO"). Each
sentence is kept in runs, the matched words apart, so templates can emphasise them
without ever building markup from speech text. With `actor:`, only the parts of a speech
where that actor speaks count (the positions module decides who speaks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator

from briefgen.extract import positions
from briefgen.extract.base import (
    SectionParams,
    by_date,
    place_included,
    reading_order,
    speech_heading,
)
from briefgen.extract.voice import who_speaks
from briefgen.model import Block, Item, Run, Section, Source, Speech
from briefgen.sentences import sentence_spans

SUFFIXES = ("s", "es", "ed", "ing", "'s", "’s")
# Words of a phrase left as written: inflecting them would only add non-words.
FUNCTION_WORDS = frozenset(
    [
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
        "to", "with",
    ]
)
_VOWELS = "aeiou"
SHOWN = 5  # speeches named in a note; more are counted


class Params(SectionParams):
    type: Literal["mentions"]
    terms: list[str] = Field(
        min_length=1,
        description="Words or phrases to find, e.g. [return, readmission, 'safe and regular "
        "pathways']. A word also finds its inflections (returns, returned, returning); "
        "'return*' finds every word that begins so (returnee too). Case is ignored, except "
        "that a term in capitals (IOM) matches only capitals.",
    )
    actor: str | None = Field(
        None,
        min_length=1,
        description="Only sentences where this actor speaks (a country, group or "
        "organisation, as for positions).",
    )
    max_per_speech: int | None = Field(
        None, ge=1, description="At most this many sentences from each speech (the first ones)."
    )

    @field_validator("terms")
    @classmethod
    def _words(cls, terms: list[str]) -> list[str]:
        cleaned = [" ".join(term.split()) for term in terms]
        for term in cleaned:
            if not re.search(r"\w", term):
                raise ValueError(f"a term needs a letter or digit, not {term!r}")
        return cleaned


def is_acronym(word: str) -> bool:
    """'IOM', 'SDGs', 'COVID-19': two or more capitals and no other lower-case letter."""
    core = word[:-1] if word.endswith("s") else word
    return sum(c.isupper() for c in core) >= 2 and not any(c.islower() for c in core)


def inflections(word: str) -> str:
    """A pattern for a word and its inflections: -s, -es, -ed, -ing, -'s, and the spelling
    changes they bring (manage: managed, managing; country: countries; stop: stopped)."""
    lower = word.lower()
    forms = [re.escape(word) + f"(?:{'|'.join(SUFFIXES)})?"]
    if lower.endswith("e"):
        forms.append(re.escape(word[:-1]) + "(?:ed|ing)")
    if len(lower) > 2 and lower.endswith("y") and lower[-2] not in _VOWELS:
        forms.append(re.escape(word[:-1]) + "(?:ies|ied)")
    if (len(lower) > 2 and lower[-1] not in _VOWELS + "wxy" and lower[-2] in _VOWELS
            and lower[-3] not in _VOWELS):
        forms.append(re.escape(word + word[-1]) + "(?:ed|ing)")
    return "(?:" + "|".join(forms) + ")"


def term_pattern(term: str) -> str:
    """The pattern of one term: its words, inflected, apart by any white space."""
    if term.endswith("*"):
        return r"\b" + r"\s+".join(map(re.escape, term[:-1].split())) + r"\w*"
    words = term.split()
    parts = []
    for word in words:
        if is_acronym(word):
            stem = word[:-1] if word.endswith("s") else word
            parts.append(f"(?-i:{re.escape(stem)}(?:s|'s|’s)?)")
        elif word.lower() in FUNCTION_WORDS or not word[-1].isalpha():
            parts.append(re.escape(word))
        else:
            parts.append(inflections(word))
    return r"\b" + r"\s+".join(parts) + r"(?!\w)"


@dataclass
class Matcher:
    """All the terms in one case-insensitive pattern; each term is a named group."""

    terms: list[str]

    def __post_init__(self) -> None:
        alternatives = (f"(?P<t{i}>{term_pattern(t)})" for i, t in enumerate(self.terms))
        self.pattern = re.compile("|".join(alternatives), re.IGNORECASE)
        self.keys = [_key(term) for term in self.terms]
        self.found: set[str] = set()

    def may_match(self, text: str) -> bool:
        """A cheap first look: does the text hold the letters every form of a term begins
        with? Substring search is many times faster than the pattern on text that has none."""
        lower = text.lower()
        return any(key in lower for key in self.keys)

    def runs(self, sentence: str) -> list[Run] | None:
        """The sentence in runs, matched words apart; None when no term is in it."""
        runs: list[Run] = []
        end = 0
        for match in self.pattern.finditer(sentence):
            term = self.terms[int(match.lastgroup[1:])]  # type: ignore[index]
            if _acronym_in_text(match.group(), term, sentence):
                continue
            if match.start() > end:
                runs.append(Run(sentence[end : match.start()]))
            runs.append(Run(match.group(), term))
            self.found.add(term)
            end = match.end()
        if not runs:
            return None
        if end < len(sentence):
            runs.append(Run(sentence[end:]))
        return runs


def _named(labels: list[str]) -> str:
    """The first few speeches by name, the others counted: a note over 1,000 stays short."""
    more = f"; and {len(labels) - SHOWN} more" if len(labels) > SHOWN else ""
    return "; ".join(labels[:SHOWN]) + more


def _key(term: str) -> str:
    """What every form of the term contains: its first word less an ending that inflection
    changes (manage: manag-ing, country: countr-ies)."""
    word = term.rstrip("*").split()[0].lower()
    return word[:-1] if len(word) > 2 and word[-1] in "ey" else word


def _acronym_in_text(matched: str, term: str, sentence: str) -> bool:
    """'WHO' found by the term 'who': an acronym, unless the whole sentence is in capitals."""
    return (not is_acronym(term) and is_acronym(matched)
            and any(c.islower() for c in sentence))


def speaking_blocks(speech: Speech, actor: str | None, section: Section) -> list[Block] | None:
    """The speech's paragraphs and points (not its headings) where `actor` speaks, or all;
    None when the speech is plainly someone else's."""
    if actor is None:
        return [b for b in speech.blocks if b.kind != "heading"]
    voice = who_speaks(speech, actor)
    if not voice.is_actor:
        return None
    if voice.kind == "unnamed":
        section.warnings.append(f"{speech.id}: the speech names no speaker; it is taken as "
                                f"{actor}'s statement because the spec asks for {actor}")
    return [b for part in positions.parts(speech, actor, True) if part.actors_voice
            for b in part.blocks]


def mentions_in(speech: Speech, blocks: list[Block], matcher: Matcher) -> list[Item]:
    """Every sentence of `blocks` that mentions a term, as an item with its runs."""
    items = []
    heading = speech_heading(speech)
    for block in blocks:
        if not (matcher.may_match(block.text) and matcher.pattern.search(block.text)):
            continue  # most paragraphs mention nothing: no sentence split
        for start, end in sentence_spans(block.text):
            sentence = block.text[start:end]
            runs = matcher.runs(sentence)
            if runs:
                source = Source(speech.id, block.paragraph, block.page)
                items.append(Item(0, sentence, sentence, source, topic=heading, runs=runs))
    return items


def extract(speeches: list[Speech], params: Params) -> Section:
    section = Section(type="mentions", title=params.title, speeches=[s.id for s in speeches])
    matcher = Matcher(params.terms)
    others: list[str] = []
    for speech in by_date(speeches):
        blocks = speaking_blocks(speech, params.actor, section)
        if blocks is None:
            others.append(speech.label)
            continue
        items = mentions_in(speech, blocks, matcher)
        limit = params.max_per_speech
        if limit is not None and len(items) > limit:
            section.notes.append(f"{speech.label}: {len(items) - limit} more sentences "
                                 f"mention the terms (max_per_speech: {limit}).")
            items = items[:limit]
        section.extend(items)
    if others:
        section.notes.append(f"Not searched, as {params.actor} does not speak there: "
                             f"{_named(others)}.")
    names = _named([s.label for s in speeches]) or "the selected speeches"
    where = f" where {params.actor} speaks" if params.actor else ""
    missing = [term for term in params.terms if term not in matcher.found]
    for term in missing:
        section.notes.append(f"“{term}” is not mentioned in the speeches{where}.")
        section.warnings.append(f"the term {term!r} is found in none of its speeches{where}")
    if not section.items:
        section.empty_message = f"None of the terms is mentioned in {names}{where}."
    return section


def curated(section: Section, speeches: list[Speech], params: Params) -> None:
    """A sentence the spec's `include:` added goes under its speech, in date order, with
    its matched words emphasised like those found."""
    matcher = Matcher(params.terms)
    headings = {speech.id: speech_heading(speech) for speech in speeches}
    for item in section.items:
        if item.included:
            item.topic = headings.get(item.source.speech)
            item.runs = matcher.runs(item.text) or []
    place_included(section, reading_order(speeches))

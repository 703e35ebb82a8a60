"""The desk officer's word on a section: `exclude:` leaves items out, `include:` adds quotes.

Applied once, after extraction, to every extracted section type alike (the
extractors know nothing of it). Quotes are compared folded as the gold check
folds them (case, curly quotes, dashes, punctuation and white space do not
count), but always at word boundaries, and an included quote becomes an item
with the speech's own text, not the spec's spelling of it. A quote that
matches nothing, or more than one place, is a spec error naming its line: the
officer meant one thing, and a guess would put words in a brief.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from briefgen.errors import SpecError
from briefgen.model import Item, Section, Source, Speech
from briefgen.sentences import headline

FINGERPRINT_DIGITS = 10
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_DROPPED = frozenset("*_`")  # emphasis marks, as the gold check drops them
_WORD = re.compile(r"\w")


@dataclass
class Folded:
    """A text folded for matching, with the span of the original behind each folded character."""

    text: str
    starts: list[int]
    ends: list[int]


def fold(text: str) -> Folded:
    """Case, quotes, dashes, punctuation and runs of white space folded away, keeping a map
    back to the original so that a match can be quoted as the speech writes it."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, char in enumerate(text):
        if char in _DROPPED:
            continue
        for out in unicodedata.normalize("NFKC", char).translate(_FOLD).lower():
            if out in _DROPPED:
                continue
            out = out if _WORD.match(out) else " "
            if out == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(out)
            starts.append(i)
            ends.append(i + 1)
    while chars and chars[-1] == " ":
        chars.pop()
        starts.pop()
        ends.pop()
    return Folded("".join(chars), starts, ends)


def folded(text: str) -> str:
    """The folded text alone."""
    return fold(text).text


def find_all(needle: str, haystack: str) -> list[int]:
    """Where folded `needle` starts in folded `haystack`, at word boundaries only."""
    found: list[int] = []
    if not needle:
        return found
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if (start == 0 or haystack[start - 1] == " ") and (
            end == len(haystack) or haystack[end] == " "
        ):
            found.append(start)
        start = haystack.find(needle, start + 1)
    return found


@dataclass
class Place:
    """Where an included quote was found: the speech, its block, and the span in the block."""

    speech: Speech
    block: int
    start: int
    end: int

    @property
    def paragraph(self) -> int:
        return self.speech.blocks[self.block].paragraph


@dataclass
class Curation:
    """What the spec's curation did to one section: the items it left out, those it added."""

    excluded: list[tuple[str, Item]] = field(default_factory=list)
    included: list[tuple[str, Item]] = field(default_factory=list)  # (the include, its item)
    redundant: list[str] = field(default_factory=list)  # includes already among the items


def places(quote: str, speeches: list[Speech]) -> list[Place]:
    """Every place in the speeches' blocks where the quote is written (folded)."""
    return [Place(speech, index, start, end)
            for speech in speeches for index, block in enumerate(speech.blocks)
            for start, end in spans(quote, block.text)]


def spans(quote: str, text: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of each place the quote is written, with the punctuation the
    quote was written with at either end (a full stop, quotation marks)."""
    needle = folded(quote)
    haystack = fold(text)
    found = []
    stripped = quote.strip()
    for hit in find_all(needle, haystack.text):
        start, end = haystack.starts[hit], haystack.ends[hit + len(needle) - 1]
        if stripped and not _WORD.match(stripped[-1]):
            while end < len(text) and not text[end].isspace() and not _WORD.match(text[end]):
                end += 1
        if stripped and not _WORD.match(stripped[0]):
            while start > 0 and not text[start - 1].isspace() and not _WORD.match(text[start - 1]):
                start -= 1
        found.append((start, end))
    return found


def excluded_by(quote: str, items: list[Item]) -> list[Item]:
    """The items whose text, or headline, contains the quote (folded): an acronym, whose
    text is its expansion, is left out by its name."""
    needle = folded(quote)
    return [item for item in items
            if find_all(needle, folded(item.text)) or find_all(needle, folded(item.headline))]


def one_per_place(items: list[Item]) -> list[Item]:
    """The first item for each place quoted: an evolution section lists a position under
    its statement and again under "no longer stated", and one exclude leaves out both."""
    first: dict[tuple[Source, str], Item] = {}
    for item in items:
        first.setdefault((item.source, folded(item.text)), item)
    return list(first.values())


Problem = Callable[[str, int, str], SpecError]  # (key, entry index, message) -> the error


def apply(section: Section, exclude: list[str], include: list[str], speeches: list[Speech],
          problem: Problem, where: str) -> Curation:
    """Leave out the excluded items, add the included quotes in speech order, renumber.

    `problem` makes the spec error for one entry of `exclude` or `include`; `where` names
    the section in its messages ("section 3 'Key takeaways'").
    """
    curation = Curation()
    gone: set[int] = set()
    for index, quote in enumerate(exclude):
        hits = excluded_by(quote, section.items)
        distinct = one_per_place(hits)
        _one(problem, ("exclude", index, quote), [f"item {i.number}" for i in distinct],
             f"matches no item of {where}", where)
        curation.excluded.append((quote, distinct[0]))
        gone |= {id(item) for item in hits}
    kept = [item for item in section.items if id(item) not in gone]
    topics = any(item.topic for item in section.items)
    for index, quote in enumerate(include):
        found = places(quote, speeches)
        _one(problem, ("include", index, quote), _labels(found),
             f"is not in the speeches of {where}", where)
        if excluded_by(quote, kept):
            curation.redundant.append(quote)
            continue
        curation.included.append((quote, _item(found[0], topics)))
    order = {speech.id: n for n, speech in enumerate(speeches)}
    merged = _merge(kept, [item for _quote, item in curation.included], order, speeches)
    for number, item in enumerate(merged, 1):
        item.number = number
    section.items = merged
    if merged:
        section.empty_message = None
    elif curation.excluded:
        section.empty_message = "Every item found was left out by the spec's exclude."
    return curation


def _labels(found: list[Place]) -> list[str]:
    """'speech para. 3', then 'para. 7' while the speech stays the same."""
    labels, last = [], None
    for place in found:
        speech = place.speech.id
        labels.append(f"para. {place.paragraph}" if speech == last else
                      f"{speech} para. {place.paragraph}")
        last = speech
    return labels


def _one(problem: Problem, entry: tuple[str, int, str], hits: list[str], none: str,
         where: str) -> None:
    """Raise unless the quote was found exactly once."""
    key, index, quote = entry
    shown = f"{key} {shorten(quote)}"
    if not folded(quote):
        raise problem(key, index, f"{shown} has no words to match")
    if not hits:
        raise problem(key, index, f"{shown} {none}")
    if len(hits) > 1:
        raise problem(key, index, f"{shown} matches {len(hits)} places in {where} "
                      f"({', '.join(hits[:4])}); quote more of the one you mean")


def shorten(quote: str, limit: int = 90) -> str:
    text = " ".join(quote.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _item(place: Place, topics: bool) -> Item:
    """A sourced item for an included quote, in the speech's own words."""
    speech = place.speech
    block = speech.blocks[place.block]
    text = block.text[place.start:place.end].strip()
    topic = None
    if topics:
        topic = next((b.text for b in reversed(speech.blocks[: place.block])
                      if b.kind == "heading"), None)
    return Item(number=0, headline=headline(text), text=text,
                source=Source(speech.id, block.paragraph, block.page), topic=topic,
                included=True)


def _merge(kept: list[Item], added: list[Item], order: dict[str, int],
           speeches: list[Speech]) -> list[Item]:
    """The included items put in speech order among the extracted ones, whose order stays."""
    merged = list(kept)
    for item in sorted(added, key=lambda i: _position(i, order, speeches)):
        key = _position(item, order, speeches)
        at = len(merged)
        while at > 0 and _position(merged[at - 1], order, speeches) > key:
            at -= 1
        merged.insert(at, item)
    return merged


def _position(item: Item, order: dict[str, int], speeches: list[Speech]) -> tuple[int, int, int]:
    """(speech, paragraph, offset in the paragraph) of an item's text."""
    src = item.source
    offset = 0
    speech_index = order.get(src.speech, len(order))
    if speech_index < len(speeches):
        block = next((b for b in speeches[speech_index].blocks if b.paragraph == src.paragraph),
                     None)
        if block is not None:
            hits = find_all(folded(item.headline), fold(block.text).text)
            offset = hits[0] if hits else 0
    return speech_index, src.paragraph, offset


def fingerprint(items: list[Item]) -> str:
    """A short digest of what a section holds: each item's speech and text, in any order.

    A review records it; a later build whose items differ (one added or dropped, a text
    grown by a paragraph, a position now marked restated) has another, so the change
    cannot go unnoticed.
    """
    lines = sorted(f"{item.source.speech}\0{folded(item.text)}" + (
        f"\0{item.headline}\0{item.mark}" if item.mark else "") for item in items)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:FINGERPRINT_DIGITS]

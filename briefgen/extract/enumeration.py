"""Announced enumerations: "I would like to make 3 points: First, ... Second, ...".

Shared by `takeaways` and `priorities`, which differ only in the words that
announce the list. A list counts only when the speaker announces it (a count
and a cue noun, a sentence ending in ":" with a cue noun, or a heading with a
cue noun); its items are numbered list items or paragraphs opening with
ordinal words, and the paragraphs between two items belong to the earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefgen.corpus.markers import ORDINAL_WORDS, Marker, ordinal, parse_marker
from briefgen.corpus.normalise import is_salutation
from briefgen.model import Block, Item, Section, Source, Speech
from briefgen.sentences import headline

COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "eleven", "twelve")  # fmt: skip
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(COUNT_WORDS[1:]) + r")"  # "one" is too common
_PHRASE = re.compile(
    r"^(?:my|the|our|a)\s+(?P<word>" + "|".join(ORDINAL_WORDS) + r"|final|last)\s+"
    r"(?P<final>and\s+(?:final|last)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:point|message|takeaway|take-away|priority|area|issue|lesson|recommendation"
    r"|observation|reflection|conclusion|element|pillar|objective|goal|thing)s?\b",
    re.I,
)
MAX_GAP = 2  # blocks allowed between an announcement and its first item


@dataclass
class Cue:
    """What announces an enumeration of one kind: nouns ("points") and phrases ("focus on")."""

    nouns: str  # regex alternation
    phrases: str = r"(?!x)x"  # never matches unless given

    def __post_init__(self) -> None:
        self.counted = re.compile(
            r"\b"
            + _COUNT
            + r"\s+(?:(?!(?:what|which|that|who|the|of|to|and|or|in)\b)[\w-]+\s+){0,3}?"
            r"(?:" + self.nouns + r")\b",
            re.I,
        )
        self.named = re.compile(r"\b(?:" + self.nouns + r"|" + self.phrases + r")\b", re.I)

    def announces(self, block: Block) -> tuple[bool, int | None]:
        """(is an announcement, announced count) for one block."""
        counted = list(self.counted.finditer(block.text))
        if counted:
            return True, _count(counted[-1].group("count"))
        if block.kind == "heading" and len(block.text.split()) <= 5:
            return bool(self.named.search(block.text)), None  # "Key messages", "Conclusions"
        if block.kind != "heading" and block.text.rstrip().endswith(":"):
            return bool(self.named.search(block.text)), None
        return False, None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else COUNT_WORDS.index(word.lower()) + 1


@dataclass
class Point:
    """An enumerated point under construction."""

    start: Block
    prefix: int  # characters of the leading ordinal word, dropped from the item
    blocks: list[Block] = field(default_factory=list)
    subitems: list[Block] = field(default_factory=list)

    def item(self, number: int, speech: Speech) -> Item:
        first = self.start.text[self.prefix :]
        text = "\n\n".join([first, *(b.text for b in self.blocks)])
        return Item(
            number=number,
            headline=headline(first),
            text=text,
            subitems=[b.text for b in self.subitems],
            source=Source(speech.id, self.start.paragraph, self.start.page),
        )


@dataclass
class Enumerator:
    """How a point is numbered: by list marker (style, value) or by ordinal word."""

    marker: Marker | None
    level: int
    ordinal_number: int | None
    final: bool

    def follows(self, previous: Enumerator, apart: bool = False) -> bool:
        """Whether this numbering continues `previous`'s.

        `apart`: text stands between the two. Converters that make each numbered
        paragraph a list of its own (pandoc to HTML to PDF) restart it at 1, so a 1
        after text continues a run of 1s.
        """
        if previous.marker and self.marker:
            same_list = self.marker.style == previous.marker.style and self.level == previous.level
            value = previous.marker.value
            # An ordinal word ("1. Finally, ...") says as much as text between them.
            evidence = apart or self.final or self.ordinal_number is not None
            restarted = evidence and value == self.marker.value == 1
            return same_list and (value is None or self.marker.value == value + 1 or restarted)
        if previous.ordinal_number is not None:
            return self.final or self.ordinal_number == previous.ordinal_number + 1
        return False


def enumerator(block: Block, previous: Enumerator | None = None) -> Enumerator | None:
    """The numbering of a block that can be a point, or None."""
    number, final, _ = ordinal(block.text)
    if not (number or final):
        number, final = _ordinal_phrase(block.text)
    if block.kind == "item" and block.marker:
        prev_marker = previous.marker if previous else None
        return Enumerator(parse_marker(block.marker, prev_marker), block.level, number, final)
    if block.kind == "paragraph" and (number or final):
        return Enumerator(None, 0, number, final)
    return None


def _ordinal_phrase(text: str) -> tuple[int | None, bool]:
    """'My second point is ...', 'The third and final message ...': an ordinal in a phrase."""
    match = _PHRASE.match(text)
    if not match:
        return None, False
    word = match.group("word").lower()
    final = word in ("final", "last") or bool(match.group("final"))
    return (ORDINAL_WORDS.index(word) + 1 if word in ORDINAL_WORDS else None), final


def _first(e: Enumerator) -> bool:
    if e.marker:
        return e.marker.value in (None, 1)
    return e.ordinal_number == 1


def collect(blocks: list[Block], start: int, count: int | None) -> list[Point]:
    """The points of the enumeration announced at `start`; `count` closes it when reached."""
    first = _first_point(blocks, start)
    if first is None:
        return []
    begin, current = first
    points = [Point(blocks[begin], ordinal(blocks[begin].text)[2])]
    restarts = True  # every point so far numbered 1: a list restarted at each point
    for block in blocks[begin + 1 :]:
        if block.kind == "heading" or is_salutation(block.text):
            break
        finished = current.final or len(points) == count
        candidate = enumerator(block, current)
        apart = restarts and bool(points[-1].blocks)
        if candidate and not finished and candidate.follows(current, apart):
            restarts = restarts and candidate.marker is not None and candidate.marker.value == 1
            current = candidate
            points.append(Point(block, ordinal(block.text)[2]))
        elif block.kind == "item" and (current.marker is None or block.level > current.level):
            points[-1].subitems.append(block)
        elif block.kind == "item" or (candidate and current.marker is None):
            break  # another list, or another run of ordinals: this enumeration is over
        else:
            points[-1].blocks.append(block)
    return points


def _first_point(blocks: list[Block], start: int) -> tuple[int, Enumerator] | None:
    """The block that opens the enumeration, close after its announcement, and its numbering."""
    for j in range(start + 1, min(start + 2 + MAX_GAP, len(blocks))):
        if blocks[j].kind == "heading" and j > start + 1:
            return None
        e = enumerator(blocks[j])
        if e and _first(e):
            return j, e
        if e and e.ordinal_number == 1:  # "12. First, ...": numbered paragraphs, ordinal points
            return j, Enumerator(None, e.level, 1, e.final)
    return None


def extract_enumeration(speech: Speech, cue: Cue) -> tuple[list[Item], int | None]:
    """Items of the first announced enumeration in the speech, and the announced count."""
    for i, block in enumerate(speech.blocks):
        announced, count = cue.announces(block)
        points = collect(speech.blocks, i, count) if announced else []
        if len(points) >= 2 or (points and count == 1):
            return [p.item(n, speech) for n, p in enumerate(points, 1)], count
    return [], None


def enumeration_section(
    speeches: list[Speech], cue: Cue, kind: str, title: str, noun: str
) -> Section:
    """One section of announced points over several speeches, numbered through."""
    section = Section(type=kind, title=title, speeches=[s.id for s in speeches])
    counts, nothing = [], []
    for speech in speeches:
        items, count = extract_enumeration(speech, cue)
        counts.append(count)
        section.extend(items)
        if not items:
            nothing.append(f"No enumerated {noun} in {speech.label}.")
            section.notes.append(nothing[-1])
        elif count is not None and count != len(items):
            section.warnings.append(
                f"{speech.id}: the speaker announced {_word(count)} {noun}; "
                f"{_word(len(items))} were found"
            )
        elif count is not None:
            section.notes.append(f"{speech.label}: {_word(count)} {noun} announced and found.")
    section.announced_count = counts[0] if len(counts) == 1 else None
    if not section.items:
        names = ", ".join(s.label for s in speeches) or "the selected speeches"
        section.empty_message = f"No enumerated {noun} in {names}."
        section.notes = [note for note in section.notes if note not in nothing]  # said once
    return section


def _word(n: int) -> str:
    return COUNT_WORDS[n - 1] if 0 < n <= len(COUNT_WORDS) else str(n)


"""Enumerated points: "I would like to make 3 points: First, ... Second, ...".

Shared by `takeaways` and `priorities`, which differ only in the words that
announce the list. A list counts when
- the speaker announces it: a count and a cue noun ("two general comments",
  "three core principles"), a sentence ending in ":" with a cue noun or "the
  following", or a heading with a cue noun; its items are list items (marked,
  or short unmarked lines under the lead-in), paragraphs opening with ordinal
  words ("Secondly, ...", "My second point ...", "One. ..."), or numbers inline
  in the announcing paragraph ("1) ... 2) ..."); or
- without an announcement, ordinal words run from the first point ("First, ...
  Secondly, ... Finally, ...", in paragraphs or in one paragraph); a run whose
  lead-in or first point speaks of priorities, areas or a workplan belongs to
  priorities, any other to takeaways. A lead-in ending in ":" that announces
  something else ("at a crucial moment:") keeps its list out.
Paragraphs between two items belong to the earlier. Left out: numbered
paragraphs of a statement or an agenda that nobody announces as points, a
triad inside one sentence, letters a) b) c) quoted inline with no announcement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from briefgen.corpus.markers import ORDINAL_WORDS, Marker, ordinal, parse_marker
from briefgen.corpus.normalise import is_salutation
from briefgen.extract.base import Lazy
from briefgen.model import Block, Item, Reason, Section, Source, Speech
from briefgen.sentences import headline, sentence_spans

COUNT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "eleven", "twelve")  # fmt: skip
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(COUNT_WORDS[1:]) + r")"  # "one" is too common
_PHRASE = Lazy(
    r"^(?:(?:on|as\s+(?:for|to|regards)|regarding|turning\s+(?:now\s+)?to|with\s+regard\s+to"
    r"|concerning|coming\s+to|in|(?:that|this|which)\s+brings\s+(?:me|us)\s+to"
    r"|(?:let\s+me|i\s+will|i)\s+(?:now\s+)?(?:turn|come|move)\s+to)\s+)?(?:my|the|our|a)\s+"
    r"(?P<word>" + "|".join(ORDINAL_WORDS) + r"|final|last)\s+"
    r"(?P<final>and\s+(?:final|last)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:point|message|takeaway|take-away|priority|area|issue|lesson|recommendation"
    r"|observation|reflection|conclusion|element|pillar|objective|goal|thing|comment|aspect"
    r"|principle|task|proposal|remark|question|concern|request|line|step|action)s?\b",
    re.I,
)
_FOLLOWING = Lazy(r"\b(?:the\s+following|as\s+follows)\b", re.I)
# Inline numbers in one paragraph: "1) a format ...; 2) regional reviews ...", "(a) ... (b)".
_INLINE = Lazy(r"(?:(?<=\s)|^)\(?(?P<n>\d{1,2}|[a-h])\)\s+(?=\S)")
# A count and any noun ("three fronts", "four asks"), but not a quantity or a document's parts.
_ANY_COUNTED = Lazy(
    r"\b" + _COUNT + r"\s+(?:(?:main|key|core|general|specific|short|brief|concrete|basic"
    r"|important|critical|simple|practical|broad|major|fundamental|interrelated|clear|urgent"
    r"|immediate|additional|further|final|big|particular|priority)\s+){0,2}"
    r"(?!(?:parts|sections|pages|chapters|items|sessions|days|years|months|weeks|hours|minutes"
    r"|times|percent|per|million|billion|thousand|hundred|people|persons|countries|states"
    r"|members|languages|documents|reports|decades|generations|children|women|men|migrants"
    r"|refugees|cases|deaths|dollars|euros|agenda|panels|rounds|meetings|words|tabs|kinds"
    r"|types|of|and|or|to|in)\b)(?P<noun>[a-z][a-z-]+s)\b",
    re.I,
)
MAX_GAP = 2  # blocks allowed between an announcement and its first item


@dataclass
class Cue:
    """What announces an enumeration of one kind: nouns ("points") and phrases ("focus on").

    `rival`: the cue of the other kind; an unannounced run of ordinals that it names
    belongs to it, not to this kind.
    """

    nouns: str  # regex alternation
    phrases: str = r"(?!x)x"  # never matches unless given
    rival: Cue | None = None
    counted_nouns: str = r"(?!x)x"  # nouns that announce a list only with a count
    any_noun: bool = False  # a count with any noun ("three fronts") announces a list of this kind

    def __post_init__(self) -> None:
        self.counted = Lazy(
            r"\b"
            + _COUNT
            + r"\s+(?:(?!(?:what|which|that|who|the|of|to|and|or|in)\b)[\w-]+\s+){0,3}?"
            r"(?:" + self.nouns + "|" + self.counted_nouns + r")\b",
            re.I,
        )
        self.named = Lazy(r"\b(?:" + self.nouns + r"|" + self.phrases + r")\b", re.I)
        self.noun = Lazy(r"\b(?:" + self.nouns + r")\b", re.I)

    def announces(self, block: Block) -> tuple[bool, int | None]:
        """(is an announcement, announced count) for one block."""
        counted = list(self.counted.finditer(block.text))
        if counted:
            return True, _count(counted[-1].group("count"))
        last = _last_sentence(block.text)  # a count of any noun: only where the list follows
        if self.any_noun and (generic := _ANY_COUNTED.search(last)) and not (
            self.rival and self.rival.counted.search(block.text)
        ):
            return True, _count(generic.group("count"))
        if block.kind == "heading" and len(block.text.split()) <= 5:
            return bool(self.noun.search(block.text)), None  # "Key messages", "Conclusions"
        if block.kind != "heading" and block.text.rstrip().endswith(":"):
            lead = _last_sentence(block.text)
            return bool(self.named.search(lead)) or self._follows(lead), None
        return False, None

    def _follows(self, lead: str) -> bool:
        """'We would like to note the following:': the speaker's points, unless the rival's."""
        return bool(_FOLLOWING.search(lead)) and not (self.rival and self.rival.named.search(lead))

    def owns_run(self, lead: str, first: str) -> bool:
        """Whether an unannounced run of ordinals is of this kind (see the module docstring):
        the lead-in's words, or the first point's own ("must be our first priority")."""
        def claims(cue: Cue) -> bool:
            return bool(cue.named.search(lead) or re.search(
                r"\bfirst\s+(?:[\w-]+\s+)?(?:" + cue.nouns + r")\b", headline(first), re.I))
        return claims(self) if self.rival is None else not claims(self.rival)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else COUNT_WORDS.index(word.lower()) + 1


def _last_sentence(text: str) -> str:
    spans = sentence_spans(text)
    return text[spans[-1][0] :] if spans else text


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


_UNMARKED = Marker("", "unmarked", None)


def enumerator(block: Block, previous: Enumerator | None = None) -> Enumerator | None:
    """The numbering of a block that can be a point, or None."""
    number, final, _ = ordinal(block.text)
    if not (number or final):
        number, final = _ordinal_phrase(block.text)
    if block.kind == "item":
        if not block.marker:
            return Enumerator(_UNMARKED, block.level, number, final)
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
    return _run(blocks, *first, count)


def _run(blocks: list[Block], begin: int, current: Enumerator, count: int | None) -> list[Point]:
    """The points from blocks[begin], numbered by `current`, while the numbering goes on."""
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
        if e and e.ordinal_number == 2 and e.marker is None and j > start + 1 \
                and _speaks_of_first(blocks[j - 1]):
            return j - 1, Enumerator(None, 0, 1, False)
    return None


def _speaks_of_first(block: Block) -> bool:
    """'Saving lives must be our first priority.' before 'Secondly, ...': the first point."""
    return block.kind == "paragraph" and bool(re.search(r"\bfirst\b", block.text, re.I))


def explode(blocks: list[Block], cue: Cue) -> list[Block]:
    """Paragraphs holding a whole list split into one block per point (same paragraph number).

    "First, ... Second, ... Finally, ..." inside one paragraph, and "1) ... 2) ..." after an
    announcement in the same paragraph ("three elements will decide: 1) ...; 2) ...").
    """
    result: list[Block] = []
    for block in blocks:
        if block.kind == "heading" or block.level > 0:
            result.append(block)
            continue
        pieces = _split_ordinals(block) if block.kind == "paragraph" else None
        result += pieces or _split_inline(block, cue) or [block]
    return result


def _split_ordinals(block: Block) -> list[Block] | None:
    """'What will we do? First, ... Second, ... Finally, ...' in one paragraph."""
    spans = sentence_spans(block.text)
    if len(spans) < 2:
        return None
    cuts: list[int] = []
    for a, _ in spans:
        number, final, _ = ordinal(block.text[a:])
        if number == len(cuts) + 1 or (final and len(cuts) >= 1):
            cuts.append(a)
        if final and len(cuts) >= 2:
            break
    return _pieces(block, cuts) if len(cuts) >= 2 else None


def _split_inline(block: Block, cue: Cue) -> list[Block] | None:
    matches = list(_INLINE.finditer(block.text))
    if len(matches) < 2:
        return None
    values = [m.group("n") for m in matches]
    first = matches[0]
    before = block.text[: first.start()]
    counted = cue.counted.search(before) or _ANY_COUNTED.search(before)
    announced = cue.announces(Block(before, "paragraph"))[0] or (
        before.rstrip().endswith(":") and counted is not None
    )
    if not announced or values[0] not in ("1", "a") or not _sequence(values):
        return None
    pieces = _pieces(block, [m.start() for m in matches], kind="item")
    for piece, match in zip(pieces[1:], matches, strict=True):
        piece.marker = match.group(0).strip()
        piece.text = piece.text[len(match.group(0).strip()) :].strip()
    return pieces


def _sequence(values: list[str]) -> bool:
    numbers = [int(v) if v.isdigit() else ord(v) - 96 for v in values]
    return numbers == list(range(1, len(numbers) + 1))


def _pieces(block: Block, cuts: list[int], kind: str = "paragraph") -> list[Block]:
    bounds = [0, *cuts, len(block.text)] if cuts[0] > 0 else [*cuts, len(block.text)]
    pieces = []
    for n, (a, b) in enumerate(pairwise(bounds)):
        text = block.text[a:b].strip()
        if not text:
            continue
        piece_kind = "paragraph" if (n == 0 and cuts[0] > 0) else kind
        pieces.append(Block(text, piece_kind, block.paragraph, page=block.page))  # type: ignore[arg-type]
    return pieces


def extract_enumeration(speech: Speech, cue: Cue) -> tuple[list[Item], int | None, list[Reason]]:
    """Items of the first announced enumeration (else of an unannounced run), the count, why."""
    blocks = explode(speech.blocks, cue)
    for i, block in enumerate(blocks):
        announced, count = cue.announces(block)
        points = collect(blocks, i, count) if announced else []
        between = blocks[i + 1 : _index(blocks, points[0].start)] if points else []
        if any(cue.announces(other)[0] for other in between):
            continue  # a closer announcement introduces the list
        if len(points) >= 2 or (points and count == 1):
            why = f"announced by \"{_cut(block.text)}\"" + (f" (count {count})" if count else "")
            return _items(points, speech, why), count, [
                Reason(speech.id, block.paragraph, block.text, True, f"the announcement: {why}")
            ]
    run = _unannounced(blocks, cue)
    if run is None:
        return [], None, [Reason(speech.id, None, speech.label, False,
                                 "no announcement followed by its items, and no run of "
                                 "ordinal words from the first point")]
    lead, points = run
    why = "no announcement of points; ordinal words run from the first point"
    count = None
    if lead is not None and (counted := _ANY_COUNTED.search(lead.text)):
        count = _count(counted.group("count"))  # "Three tasks stand out ...": its count
        why += f" (the lead-in counts {count})"
    reasons = [Reason(speech.id, lead.paragraph if lead else None, lead.text if lead else "",
                      True, why)]
    return _items(points, speech, why), count, reasons


def _index(blocks: list[Block], block: Block) -> int:
    return next(n for n, other in enumerate(blocks) if other is block)


def _items(points: list[Point], speech: Speech, why: str) -> list[Item]:
    items = [p.item(n, speech) for n, p in enumerate(points, 1)]
    for item in items:
        item.why = why
    return items


def _unannounced(blocks: list[Block], cue: Cue) -> tuple[Block | None, list[Point]] | None:
    """The first run of ordinal paragraphs from 'First' with no announcement, if this cue's."""
    for j, block in enumerate(blocks):
        e = enumerator(block)
        if e is None or e.marker is not None:
            continue
        lead = blocks[j - 1] if j else None
        if e.ordinal_number == 2 and lead is not None and _speaks_of_first(lead):
            begin, e = j - 1, Enumerator(None, 0, 1, False)
            lead = blocks[j - 2] if j > 1 else None
        elif e.ordinal_number == 1:
            begin = j
        else:
            continue
        points = _run(blocks, begin, e, None)
        if len(points) < 2:
            continue
        lead_text = lead.text if lead is not None and lead.kind != "heading" else ""
        if lead_text.rstrip().endswith(":") and not cue.announces(lead)[0]:
            continue  # "... at a crucial moment:": the lead-in says what the list is
        if cue.owns_run(lead_text, blocks[begin].text):
            return lead, points
        return None
    return None


def enumeration_section(
    speeches: list[Speech], cue: Cue, kind: str, title: str, noun: str
) -> Section:
    """One section of announced points over several speeches, numbered through."""
    section = Section(type=kind, title=title, speeches=[s.id for s in speeches])
    counts, nothing = [], []
    for speech in speeches:
        items, count, reasons = extract_enumeration(speech, cue)
        section.explanation += reasons
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


def _cut(text: str, width: int = 70) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"

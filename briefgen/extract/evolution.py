"""An actor's positions across its statements in date order: new, restated, no longer stated.

Each statement's positions are what the `positions` section finds in it. A position
is restated when an earlier statement has a similar one (the latest such statement
is cited too), new when none has; a position no later statement echoes closes the
section under "No longer stated", cited to the last statement that has it.

Similarity is weighted token overlap: the content words of the two positions (stop
words, the actor's names and stance verbs left out, hyphenated words split, endings
such as -s, -ed, -ing cut), each weighed by its inverse frequency among all the
positions compared (so 'migration', which most positions share, counts little), the
shared weight over the weight of the lighter position, so a restatement that adds a
clause still matches. Measured against rapidfuzz (`python benchmarks/similarity.py`,
105 labelled pairs: tests/data/similarity-pairs.yaml and the statements of
tests/data/evolution/): F1 0.98 at the default threshold 0.6, and F1 >= 0.95 over a
band of thresholds 0.15 wide; rapidfuzz on the raw sentences reaches at best 0.96
(token_sort_ratio, in a band 0.02 wide), and on the same content words no more than
these plain token measures (0.98). A dependency would buy nothing, so none is added.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import Field

from briefgen.errors import SpeechError
from briefgen.extract import positions
from briefgen.extract.base import (
    SectionParams,
    by_date,
    place_included,
    reading_order,
    speech_heading,
)
from briefgen.extract.summary import STOPWORDS
from briefgen.model import Item, Section, Speech

THRESHOLD = 0.6
NO_LONGER = "no longer stated"
_WORD = re.compile(r"[a-z0-9][a-z0-9'’]*")  # "non-binding": "non" and "binding"
_ENDING = re.compile(r"(?:'s|’s|ies|es|ed|ing|ly|s)$")
# Verbs and words that say how a position is held, not what it is.
STANCE_WORDS = frozenset(
    [
        "again", "also", "call", "calls", "called", "continue", "continues", "continued",
        "committed", "commit", "deeply", "highlight", "highlights", "remain", "remains",
        "reaffirm", "reaffirms", "stress", "stresses", "support", "supports", "supported",
        "urge", "urges", "welcome", "welcomes", "welcomed",
    ]
)


class Params(SectionParams):
    type: Literal["evolution"]
    actor: str = Field(
        min_length=1,
        description="Whose positions: a country, group or organisation, e.g. 'Norway'.",
    )
    threshold: float = Field(
        THRESHOLD,
        ge=0,
        le=1,
        description="How similar two positions must be to count as the same (0 to 1): the "
        "share of the shorter one's content words that the other has too.",
    )


def stem(word: str) -> str:
    """A crude stem: 'returns', 'returned', 'returning' -> 'return'."""
    cut = _ENDING.sub("", word) if len(word) > 4 else word
    return cut if len(cut) >= 3 else word


def tokens(text: str, actor: str) -> set[str]:
    """The content words of a position, stemmed, without the actor's names or stance verbs."""
    left_out = STOPWORDS | STANCE_WORDS | {w for name in positions.names(actor)
                                           for w in name.split()}
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in left_out}


def weights(bags: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency over the positions compared: a word most positions have
    ('migration', 'migrants') says little about which position it is."""
    count: dict[str, int] = {}
    for bag in bags:
        for word in bag:
            count[word] = count.get(word, 0) + 1
    return {word: math.log((len(bags) + 1) / (n + 0.5)) for word, n in count.items()}


def similarity(a: set[str], b: set[str], weight: dict[str, float]) -> float:
    """The weight of the shared words over that of the lighter position (0 if one is empty)."""
    lighter = min(sum(weight[w] for w in a), sum(weight[w] for w in b))
    return sum(weight[w] for w in a & b) / lighter if a and b and lighter else 0.0


def _check_dates(speeches: list[Speech], title: str) -> None:
    undated = [s for s in speeches if not s.metadata.date]
    if undated:
        names = ", ".join(s.id for s in undated)
        raise SpeechError(
            f"section '{title}' (evolution) orders statements by date, and "
            f"{'these have' if len(undated) > 1 else 'this has'} none: {names} (add 'date:' "
            "to the speech's .yaml)", str(undated[0].path))


def statements(speeches: list[Speech], params: Params, section: Section) -> list[list[Item]]:
    """Each statement's positions, in date order, as the positions section finds them."""
    found = []
    for speech in speeches:
        kind = positions.Params(type="positions", title=params.title, actor=params.actor)
        result = positions.extract([speech], kind)
        section.notes += result.notes
        section.warnings += result.warnings
        found.append(result.items)
    return found


def extract(speeches: list[Speech], params: Params) -> Section:
    section = Section(type="evolution", title=params.title, speeches=[s.id for s in speeches])
    _check_dates(speeches, params.title)
    ordered = by_date(speeches)
    found = statements(ordered, params, section)
    bags = [[tokens(item.headline, params.actor) for item in items] for items in found]
    weight = weights([bag for statement in bags for bag in statement])
    for k, (speech, items) in enumerate(zip(ordered, found, strict=True)):
        heading = speech_heading(speech)
        for i, item in enumerate(items):
            earlier = _latest_similar(bags[k - 1 :: -1] if k else [], bags[k][i], weight,
                                      params.threshold)
            source = found[k - 1 - earlier[0]][earlier[1]] if earlier else None
            section.extend([_copy(item, heading, "restated" if source else "new", source)])
    gone = [_copy(item, NO_LONGER.capitalize(), NO_LONGER, None)
            for k, items in enumerate(found[:-1]) for i, item in enumerate(items)
            if not any(similarity(bags[k][i], other, weight) >= params.threshold
                       for later in bags[k + 1 :] for other in later)]
    section.extend(gone)
    if len(ordered) < 2:
        section.notes.append(f"Only one statement of {params.actor}: nothing to compare.")
    if not any(found):
        names = ", ".join(s.label for s in ordered) or "the selected speeches"
        section.empty_message = f"No positions of {params.actor} in {names}."
    return section


def _latest_similar(earlier: list[list[set[str]]], bag: set[str], weight: dict[str, float],
                    threshold: float) -> tuple[int, int] | None:
    """(statement, position) of the most similar position in the first statement of
    `earlier` (latest first) with one at least `threshold` similar."""
    for j, statement in enumerate(earlier):
        best = max(((similarity(bag, other, weight), i) for i, other in enumerate(statement)),
                   default=(0.0, 0))
        if best[0] >= threshold:
            return j, best[1]
    return None


def _copy(item: Item, topic: str, mark: str, earlier: Item | None) -> Item:
    return Item(0, item.headline, item.text, item.source, subitems=list(item.subitems),
                topic=topic, stance=item.stance, mark=mark,
                earlier=earlier.source if earlier else None)


def curated(section: Section, speeches: list[Speech], params: Params) -> None:
    """A position the spec's `include:` added goes under its statement and is marked as the
    others are: restated when an earlier statement has a similar position, else new; what
    it restates is no longer listed as no longer stated."""
    ordered = by_date(speeches)
    rank = {speech.id: k for k, speech in enumerate(ordered)}
    headings = {speech.id: speech_heading(speech) for speech in ordered}
    added = [item for item in section.items if item.included]
    found = [item for item in section.items if not item.included and item.mark != NO_LONGER]
    bags = {id(item): tokens(item.headline, params.actor) for item in section.items}
    weight = weights([bags[id(item)] for item in found + added])

    def echoes(later: Item, item: Item) -> bool:
        return (rank[later.source.speech] > rank[item.source.speech] and
                similarity(bags[id(later)], bags[id(item)], weight) >= params.threshold)

    for item in added:
        item.topic = headings[item.source.speech]
        here = rank[item.source.speech]
        earlier = [(rank[other.source.speech], bags[id(other)], other) for other in found
                   if rank[other.source.speech] < here]
        echo = _most_similar(bags[id(item)], earlier, weight, params.threshold)
        item.mark = "restated" if echo else "new"
        item.earlier = echo.source if echo else None
    section.items = [item for item in section.items if item.mark != NO_LONGER
                     or not any(echoes(later, item) for later in added)]
    where = reading_order(speeches)
    place_included(section, lambda item: (item.mark == NO_LONGER, *where(item)))


def _most_similar(bag: set[str], earlier: list[tuple[int, set[str], Item]],
                  weight: dict[str, float], threshold: float) -> Item | None:
    """As `extract` finds it: of the latest statement with a position at least `threshold`
    similar, its most similar one; `earlier` holds (statement, words, position)."""
    scored = [(k, similarity(bag, words, weight), item) for k, words, item in earlier]
    close = [entry for entry in scored if entry[1] >= threshold]
    return max(close, key=lambda entry: entry[:2])[2] if close else None

"""What every section type shares: its spec parameters and the Section it returns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.model import Body, Item, Section, Speech


class Reviewed(BaseModel):
    """A sign-off: who reviewed the items, when, and (written by `briefgen review`) which."""

    model_config = ConfigDict(extra="forbid")

    by: str = Field(min_length=1, description="Who reviewed, e.g. 'A. Officer'.")
    on: str = Field(json_schema_extra={"format": "date"}, description="When, YYYY-MM-DD.")
    fingerprint: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{6,64}( [0-9a-f]{6,64})*$",
        description="Digest of the items the review saw (one per section, space-separated "
        "for the whole brief); written by `briefgen review`, never by hand.",
    )

    _on_date = field_validator("on", mode="before")(lambda value: iso_date(value))


class SectionParams(BaseModel):
    """Keys every section of a spec accepts; each section type adds its own."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    title: str = Field(description="Heading of the section in the brief.")
    from_: list[str] = Field(
        default_factory=list,
        alias="from",
        description="Speech ids (keys of the spec's `speeches`) or glob patterns of ids "
        "the section draws on; empty means every speech of the spec.",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Quotes of items to leave out: an item whose text contains one is not in "
        "the brief (case, quotes, dashes and spacing do not count). Each must match one item.",
    )
    include: list[str] = Field(
        default_factory=list,
        description="Verbatim quotes from the section's speeches to add as sourced items, in "
        "speech order. Each must be found in exactly one place.",
    )
    reviewed: Reviewed | None = Field(
        None,
        description="Who signed the section off and when; `briefgen review` adds the "
        "fingerprint of the items they saw, so a later change is reported and marked.",
    )

    body: Body = Field(
        default="first-paragraph",
        description="How much of each item the brief prints after its headline: 'full' "
        "(every paragraph of the point), 'first-paragraph' (the headline's own paragraph, "
        "then '[…]' when more follows) or 'none' (the headline alone). The whole text is "
        "always in the JSON output.",
    )

    @field_validator("from_", "exclude", "include", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


def iso_date(value: object) -> object:
    """A date as YYYY-MM-DD: YAML reads an unquoted 2026-11-20 as a date; a quoted one must
    still be a date."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValueError(f"expected a date (YYYY-MM-DD), not {value!r}") from None
    return value


class Lazy:
    """A regular expression compiled on first use.

    `briefgen extract` runs one section type in a fresh process: compiling the patterns
    of the others (the stance rule's are large) would cost it time for nothing.
    """

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text)

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled().sub(replacement, text)


def by_date(speeches: list[Speech]) -> list[Speech]:
    """Speeches in date order (ISO dates sort as text); undated ones last, in the spec's order."""
    return sorted(speeches, key=lambda s: (s.metadata.date is None, s.metadata.date or ""))


def long_date(value: str) -> str:
    """'2017-11-08' as '8 November 2017'; a partial date ('2018-03') as written."""
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day.strftime('%B')} {day.year}"


def speech_heading(speech: Speech) -> str:
    """A speech as the heading of its group of items: 'Sweden, thematic consultation 3
    (8 November 2017)'."""
    date = speech.metadata.date
    return f"{speech.label} ({long_date(date)})" if date else speech.label


Key = Callable[[Item], tuple[object, ...]]


def reading_order(speeches: list[Speech]) -> Key:
    """A sort key for items: the speech's place in date order, the paragraph, and where in
    the paragraph the item's text starts."""
    ordered = {speech.id: (rank, speech) for rank, speech in enumerate(by_date(speeches))}

    def key(item: Item) -> tuple[int, int, int]:
        rank, speech = ordered.get(item.source.speech, (len(ordered), None))
        blocks = speech.blocks if speech else []
        block = next((b for b in blocks if b.paragraph == item.source.paragraph), None)
        return rank, item.source.paragraph, max(block.text.find(item.text), 0) if block else 0

    return key


def place_included(section: Section, key: Key) -> None:
    """Move the items a spec's `include:` added to where `key` puts them among the items
    found (whose order stays), and number the items again."""
    items = [item for item in section.items if not item.included]
    for item in sorted((i for i in section.items if i.included), key=key):
        at = len(items)
        while at and key(items[at - 1]) > key(item):
            at -= 1
        items.insert(at, item)
    for number, item in enumerate(items, 1):
        item.number = number
    section.items = items

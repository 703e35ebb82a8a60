"""What every section type shares: its spec parameters and the Section it returns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.model import Body


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

"""What every section type shares: its spec parameters and the Section it returns."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.model import Speech


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

    @field_validator("from_", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


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

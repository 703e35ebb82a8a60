"""What every section type shares: its spec parameters and the Section it returns."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.model import Body


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

    body: Body = Field(
        default="first-paragraph",
        description="How much of each item the brief prints after its headline: 'full' "
        "(every paragraph of the point), 'first-paragraph' (the headline's own paragraph, "
        "then '[…]' when more follows) or 'none' (the headline alone). The whole text is "
        "always in the JSON output.",
    )

    @field_validator("from_", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

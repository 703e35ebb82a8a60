"""What every section type shares: its spec parameters and the Section it returns."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field, field_validator


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

"""Section types: one module each under briefgen/extract/, registered once in SECTION_TYPES.

A section module defines `Params` (a pydantic model of its spec keys, with a
`type` literal, so the spec's JSON Schema includes it) and
`extract(speeches, params) -> Section`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from briefgen.extract import positions, priorities, sources, summary, takeaways, text
from briefgen.extract.base import SectionParams
from briefgen.model import Section, Speech


@dataclass(frozen=True)
class SectionType:
    """A registered section type: its spec parameters and its extractor."""

    name: str
    params: type[SectionParams]
    extract: Callable[[list[Speech], SectionParams], Section]
    description: str
    uses_speeches: bool = True


def _register(module: ModuleType, uses_speeches: bool = True) -> SectionType:
    name = module.Params.model_fields["type"].annotation.__args__[0]
    doc = (module.__doc__ or "").strip().splitlines()[0]
    return SectionType(name, module.Params, module.extract, doc, uses_speeches)


SECTION_TYPES: dict[str, SectionType] = {
    kind.name: kind
    for kind in (
        _register(takeaways),
        _register(priorities),
        _register(positions),
        _register(summary),
        _register(text, uses_speeches=False),
        _register(sources, uses_speeches=False),
    )
}


def run(speeches: list[Speech], params: SectionParams) -> Section:
    """Extract one section from the speeches it draws on."""
    return SECTION_TYPES[params.type].extract(speeches, params)  # type: ignore[attr-defined]

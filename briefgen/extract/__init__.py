"""Section types: one module each under briefgen/extract/, registered once in SECTION_TYPES.

A section module defines `Params` (a pydantic model of its spec keys, with a
`type` literal, so the spec's JSON Schema includes it) and
`extract(speeches, params) -> Section`; it may define `curated(section, speeches,
params)`, run after the spec's `exclude:`/`include:` (briefgen/curate.py), to give the
items a quote added the shape of its own (topic, runs) and put them back in its order.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from pydantic import ValidationError

from briefgen.errors import SpecError
from briefgen.extract import (
    acronyms,
    evolution,
    mentions,
    positions,
    priorities,
    sources,
    summary,
    takeaways,
    text,
)
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
    curated: Callable[[Section, list[Speech], SectionParams], None] | None = None


def _register(module: ModuleType, uses_speeches: bool = True) -> SectionType:
    name = module.Params.model_fields["type"].annotation.__args__[0]
    doc = (module.__doc__ or "").strip().splitlines()[0]
    return SectionType(name, module.Params, module.extract, doc, uses_speeches,
                       getattr(module, "curated", None))


SECTION_TYPES: dict[str, SectionType] = {
    kind.name: kind
    for kind in (
        _register(takeaways),
        _register(priorities),
        _register(positions),
        _register(summary),
        _register(mentions),
        _register(evolution),
        _register(acronyms),
        _register(text, uses_speeches=False),
        _register(sources, uses_speeches=False),
    )
}


def run(speeches: list[Speech], params: SectionParams) -> Section:
    """Extract one section from the speeches it draws on."""
    return SECTION_TYPES[params.type].extract(speeches, params)  # type: ignore[attr-defined]


def params_for(section_type: str, speech_id: str, options: dict[str, object]) -> SectionParams:
    """Parameters for extracting one section type from one speech (the `extract` command)."""
    if section_type not in SECTION_TYPES:
        near = difflib.get_close_matches(section_type, SECTION_TYPES, n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        known = ", ".join(SECTION_TYPES)
        raise SpecError(f"unknown section type '{section_type}'{hint}; known: {known}", "--section")
    data = {"type": section_type, "title": section_type.capitalize(), "from": speech_id, **options}
    try:
        return SECTION_TYPES[section_type].params.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"])
        raise SpecError(f"{error['msg'].lower()} for {section_type}", f"--{key}") from exc

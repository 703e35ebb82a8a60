"""Assemble the format-neutral Brief: every section of a spec run over its speeches, then cited.

The brief is what every renderer receives, so everything a reader sees is decided
here once: citation numbers, the sources annex, the warnings and the build stamp.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from briefgen import __version__
from briefgen.extract import SECTION_TYPES, run
from briefgen.model import Brief, Citation, Section, Source, SourceEntry, Speech
from briefgen.spec import Spec

STAMP_DIGITS = 12


def assemble(spec: Spec, speeches: dict[str, Speech]) -> Brief:
    """Run each section of `spec` over the speeches it names and number the citations."""
    sections = [_section(spec, params, speeches) for params in spec.sections]
    citations = _cite(sections, speeches)
    sources = _sources(spec, sections, citations, speeches)
    for section in sections:
        if section.type == "sources":
            section.speeches = [entry.id for entry in sources]
    for section in sections:
        if is_empty(section, sources) and not section.empty_message:
            section.empty_message = "Nothing to report."
    return Brief(
        info=spec.info,
        sections=sections,
        citations=citations,
        sources=sources,
        warnings=spec.unread_files() + _warnings(sections, sources, speeches),
        stamp=stamp(spec, speeches),
    )


def _section(spec: Spec, params: object, speeches: dict[str, Speech]) -> Section:
    """One section; `text` and `sources` sections draw on no speech."""
    kind = SECTION_TYPES[params.type]  # type: ignore[attr-defined]
    ids = spec.section_speeches(params, speeches) if kind.uses_speeches else []  # type: ignore[arg-type]
    return run([speeches[i] for i in ids], params)  # type: ignore[arg-type]


def _cite(sections: list[Section], speeches: dict[str, Speech]) -> list[Citation]:
    """One citation per item (and one for the earlier statement it restates), numbered in the
    order the items are printed (topic by topic)."""
    citations: list[Citation] = []

    def cite(src: Source) -> int:
        number = len(citations) + 1
        label = speeches[src.speech].label if src.speech in speeches else src.speech
        citations.append(Citation(number, src.speech, label, src.paragraph, src.page))
        return number

    for section in sections:
        for _topic, items in section.topics:
            for item in items:
                item.citation = cite(item.source)
                if item.earlier:  # a restated position cites the earlier statement too
                    item.earlier_citation = cite(item.earlier)
    return citations


def _sources(spec: Spec, sections: list[Section], citations: list[Citation],
             speeches: dict[str, Speech]) -> list[SourceEntry]:
    """The speeches cited, in order of first citation, then those a sources section names."""
    ids = [c.speech for c in citations]
    for params in spec.sections:
        if params.type == "sources" and params.from_:
            ids += spec.section_speeches(params, speeches)
    return [_entry(spec, speeches[i]) for i in dict.fromkeys(ids) if i in speeches]


def _entry(spec: Spec, speech: Speech) -> SourceEntry:
    """A sources-annex entry; the path is relative to the project, so briefs do not leak homes."""
    return SourceEntry(speech.id, speech.label, speech.metadata, _relative(speech.path, spec.root))


def is_empty(section: Section, sources: list[SourceEntry] | None = None) -> bool:
    """Whether a section has nothing to print (a sources section with no sources included)."""
    if section.type == "sources":
        return not sources
    return not section.items and not section.paragraphs


def _warnings(sections: list[Section], sources: list[SourceEntry],
              speeches: dict[str, Speech]) -> list[str]:
    """Section warnings, one line per empty section, and what the speeches reported."""
    lines: list[str] = []
    for number, section in enumerate(sections, 1):
        where = f"section {number} '{section.title}'"
        lines += [f"{where}: {warning}" for warning in section.warnings]
        if is_empty(section, sources):
            lines.append(f"{where}: found nothing ({section.empty_message})")
    for speech in speeches.values():
        lines += [f"{speech.id}: {warning}" for warning in speech.warnings]
    return lines


def stamp(spec: Spec, speeches: dict[str, Speech]) -> str:
    """A build stamp from the inputs only (never the clock), so equal inputs print equal stamps."""
    digest = input_digest(spec, [s.path for s in speeches.values()])
    count = len(speeches)
    noun = "speech" if count == 1 else "speeches"
    return f"Built by briefgen {__version__} from {count} {noun}; inputs {digest[:STAMP_DIGITS]}"


def input_digest(spec: Spec, speech_paths: Iterable[Path]) -> str:
    """SHA-256 over the spec, the speeches with their metadata sidecars, and the template."""
    root = spec.root
    files = [spec.path.absolute()]
    for path in speech_paths:
        files += [path, *[p for p in (path.with_suffix(".yaml"),) if p.is_file() and p != path]]
    template = root / "templates" / spec.template
    if template.is_dir():
        files += sorted(p for p in template.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for path in files:
        name = _relative(path, root).encode("utf-8")
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)) + data)
    return digest.hexdigest()


def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root` with forward slashes, or as given when outside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()

"""Assemble the format-neutral Brief: every section of a spec run over its speeches, then cited.

The brief is what every renderer receives, so everything a reader sees is decided
here once: citation numbers, the sources annex, the warnings and the build stamp.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen import __version__, curate, signoff
from briefgen.errors import SpecError
from briefgen.extract import SECTION_TYPES, run
from briefgen.extract.base import SectionParams
from briefgen.model import Brief, Citation, Section, Source, SourceEntry, Speech
from briefgen.spec import Spec
from briefgen.template import template_folder

STAMP_DIGITS = 12


@dataclass
class Assembly:
    """A brief and how the spec's curation and reviews shaped it (for builds and the review
    page, not for templates)."""

    brief: Brief
    curations: list[curate.Curation | None]  # one per section; None for text and sources
    adopted: dict[str, str]  # fingerprints taken for review marks without one


def assemble(spec: Spec, speeches: dict[str, Speech],
             adopted: dict[str, str] | None = None) -> Brief:
    """Run each section of `spec` over the speeches it names and number the citations."""
    return assembly(spec, speeches, adopted).brief


def assembly(spec: Spec, speeches: dict[str, Speech],
             adopted: dict[str, str] | None = None) -> Assembly:
    """The brief, with what curation left out and added; `adopted`: the previous build's
    fingerprints of review marks that have none (see briefgen.signoff)."""
    sections: list[Section] = []
    curations: list[curate.Curation | None] = []
    for index, params in enumerate(spec.sections):
        section, curation = _section(spec, index, params, speeches)
        sections.append(section)
        curations.append(curation)
    kept = signoff.apply(spec, sections, adopted or {})
    info = spec.info
    if spec.brief.draft == "auto":
        info.draft = any(signoff.is_extracted(s) and (s.review is None or s.review.changed)
                         for s in sections)
    citations = _cite(sections, speeches)
    sources = _sources(spec, sections, citations, speeches)
    for section in sections:
        if section.type == "sources":
            section.speeches = [entry.id for entry in sources]
    for section in sections:
        if is_empty(section, sources) and not section.empty_message:
            section.empty_message = "Nothing to report."
    brief = Brief(
        info=info,
        sections=sections,
        citations=citations,
        sources=sources,
        warnings=spec.unread_files() + _warnings(sections, sources, speeches, curations),
        stamp=stamp(spec, speeches),
    )
    return Assembly(brief, curations, kept)


def _section(spec: Spec, index: int, params: SectionParams, speeches: dict[str, Speech]
             ) -> tuple[Section, curate.Curation | None]:
    """One section, curated by the spec; `text` and `sources` sections draw on no speech."""
    kind = SECTION_TYPES[params.type]  # type: ignore[attr-defined]
    if not kind.uses_speeches:
        return run([], params), None
    chosen = [speeches[i] for i in spec.section_speeches(params, speeches)]
    section = run(chosen, params)
    raw = spec._doc.data["sections"][index] if spec._doc else {}

    def problem(key: str, entry: int, message: str) -> SpecError:
        path = ("sections", index, key) if isinstance(raw.get(key), str) else (
            "sections", index, key, entry)
        return spec.error(path, message)

    where = f"section {index + 1} '{params.title}'"
    curation = curate.apply(section, params.exclude, params.include, chosen, problem, where)
    if kind.curated and (curation.included or curation.excluded):
        kind.curated(section, chosen, params)
    for item in section.items:
        item.body = params.body
    section.fingerprint = curate.fingerprint(section.items)
    return section, curation


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


def _warnings(sections: list[Section], sources: list[SourceEntry], speeches: dict[str, Speech],
              curations: list[curate.Curation | None]) -> list[str]:
    """Section warnings, one line per empty section, and what the speeches reported."""
    lines: list[str] = []
    for number, (section, curation) in enumerate(zip(sections, curations, strict=True), 1):
        where = f"section {number} '{section.title}'"
        lines += [f"{where}: {warning}" for warning in section.warnings]
        lines += [f"{where}: include {curate.shorten(q)} is already in an item found; "
                  "the include can go" for q in (curation.redundant if curation else [])]
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
    names = [_relative(path, root) for path in files]
    # A template by its place among templates, wherever it is read from (the project's
    # templates/ or briefgen's own): the same files give the same stamp on every machine.
    if template := template_folder(spec.template, root):
        found = sorted(p for p in template.rglob("*") if p.is_file())
        files += found
        names += [f"templates/{template.name}/{p.relative_to(template).as_posix()}" for p in found]
    digest = hashlib.sha256()
    for path, text in zip(files, names, strict=True):
        name = text.encode("utf-8")
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)) + data)
    return digest.hexdigest()


def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root` with forward slashes, or as given when outside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()

"""Approved stays approved: a section's `reviewed:` mark, checked against what a build finds.

A review is only worth its name if a later build cannot change what was signed
off without saying so. `briefgen review` writes, with the name and date, the
fingerprint of the items the officer saw (briefgen.curate.fingerprint) into
the spec itself, so the check holds in a fresh clone with no previous build; a
whole-brief mark holds one fingerprint per section. A mark written by hand has
no fingerprint: the first build that sees it takes its items as the reviewed
ones and keeps that fingerprint in the manifest (out/.NAME.manifest.json),
saying once what to add to the spec so a fresh clone can check it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.extract import SECTION_TYPES
from briefgen.extract.base import Reviewed
from briefgen.model import Brief, Review, Section
from briefgen.spec import Spec
from briefgen.yamlmarks import KeyPath


@dataclass
class Mark:
    """The review mark that covers one section, and where the spec writes it."""

    reviewed: Reviewed
    path: KeyPath
    whole_brief: bool


def mark_for(spec: Spec, index: int) -> Mark | None:
    """The section's own `reviewed:`, else the brief's; None for a section that quotes nothing."""
    params = spec.sections[index]
    if not SECTION_TYPES[params.type].uses_speeches:
        return None
    if params.reviewed:
        return Mark(params.reviewed, ("sections", index, "reviewed"), False)
    if spec.reviewed:
        return Mark(spec.reviewed, ("reviewed",), True)
    return None


def adoption_key(mark: Mark, title: str) -> str:
    """How the manifest knows a mark without a fingerprint: who, when, which section."""
    return f"{mark.reviewed.by}\x1f{mark.reviewed.on}\x1f{title}"


def apply(spec: Spec, sections: list[Section], adopted: dict[str, str]) -> dict[str, str]:
    """Set `section.review` on every reviewed section; returns the fingerprints adopted for
    marks without one (those of `adopted`, the previous build's, else the ones found now)."""
    kept: dict[str, str] = {}
    for index, section in enumerate(sections):
        mark = mark_for(spec, index)
        if mark is None:
            continue
        seen = mark.reviewed.fingerprint
        if seen is None:
            key = adoption_key(mark, section.title)
            seen = kept[key] = adopted.get(key, section.fingerprint)
        section.review = Review(mark.reviewed.by, mark.reviewed.on,
                                changed=section.fingerprint not in seen.split(),
                                whole_brief=mark.whole_brief)
    return kept


def is_extracted(section: Section) -> bool:
    return SECTION_TYPES[section.type].uses_speeches if section.type in SECTION_TYPES else False


def unsigned(brief: Brief) -> list[Section]:
    """The sections that quote speeches and are not reviewed, or changed since their review."""
    return [s for s in brief.sections
            if is_extracted(s) and (s.review is None or s.review.changed)]


def notices(spec: Spec, brief: Brief, items: list[dict[str, Any]],
            seen: dict[str, list[dict[str, Any]]], adopted: dict[str, str],
            previous_adopted: dict[str, str]) -> list[dict[str, Any]]:
    """One entry per section that changed since its review (with the items added and dropped
    when the manifest still has those the review saw) or whose mark has no fingerprint yet."""
    found: list[dict[str, Any]] = []
    for index, section in enumerate(brief.sections):
        mark = mark_for(spec, index)
        if mark is None or section.review is None:
            continue
        review = mark.reviewed
        where = spec.error(mark.path, "").where
        entry = {"section": index + 1, "title": section.title, "by": review.by,
                 "on": review.on, "where": where, "fingerprint": section.fingerprint}
        key = adoption_key(mark, section.title)
        if review.fingerprint is None and key not in previous_adopted:
            found.append({**entry, "kind": "no fingerprint"})
        if not section.review.changed:
            continue
        reviewed = review.fingerprint.split() if review.fingerprint else [adopted[key]]
        before = next((seen[fp] for fp in reviewed if fp in seen
                       and all(r["section"] == section.title for r in seen[fp])), None)
        now = [r for r in items if r["section"] == section.title]
        entry.update(kind="changed", added=[], removed=[])
        if before is not None:
            keys_before = {(r["speech"], r["headline"]) for r in before}
            keys_now = {(r["speech"], r["headline"]) for r in now}
            entry["added"] = [r for r in now if (r["speech"], r["headline"]) not in keys_before]
            entry["removed"] = [r for r in before if (r["speech"], r["headline"]) not in keys_now]
        found.append(entry)
    return found


def remember(spec: Spec, brief: Brief, items: list[dict[str, Any]],
             previous: dict[str, list[dict[str, Any]]], adopted: dict[str, str]
             ) -> dict[str, list[dict[str, Any]]]:
    """The items of every fingerprint a mark of the spec names, for the next build's report:
    those found now when they still match, else the previous build's record."""
    seen: dict[str, list[dict[str, Any]]] = {}
    for index, section in enumerate(brief.sections):
        mark = mark_for(spec, index)
        if mark is None:
            continue
        key = adoption_key(mark, section.title)
        fingerprints = (mark.reviewed.fingerprint.split() if mark.reviewed.fingerprint
                        else [adopted.get(key, "")])
        for fp in fingerprints:
            if fp == section.fingerprint:
                seen[fp] = [r for r in items if r["section"] == section.title]
            elif fp in previous and fp not in seen:
                seen[fp] = previous[fp]
    return seen

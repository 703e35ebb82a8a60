"""Is a spec's brief up to date? Answered from its manifest, without loading the spec.

`briefgen build SPEC...` with nothing changed must cost little more than starting
Python, so this finds each spec's manifest without YAML, pydantic or click: it
reads `output:` and `output_dir:` with a regular expression, and trusts the
result only because the manifest records the spec's own hash. The build asks the
same question again under the spec's lock (`compare`), with the spec loaded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from briefgen import manifest
from briefgen.outputs import leftover_temps
from briefgen.places import (
    DEFAULT_FORMATS,
    DEFAULT_OUTPUT_DIR,
    OutputPlaces,
    Overrides,
    project_root,
    shown,
)

_TOP_KEY = re.compile(rb"^(output|output_dir)[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$", re.M)
_FORMATS = re.compile(rb"^formats[ \t]*:((?:.*)(?:\n[ \t]+-.*)*)", re.M)


class Quick:
    """A spec checked against its manifest, without loading the spec."""

    def __init__(self, spec_path: Path, root: Path, manifest_path: Path,
                 data: dict[str, Any] | None, verdict: manifest.Verdict) -> None:
        self.spec_path, self.root, self.manifest_path = spec_path, root, manifest_path
        self.data, self.verdict = data, verdict

    @property
    def skippable(self) -> bool:
        """Up to date, and no touched file whose new stats the manifest must record."""
        return self.verdict.up_to_date and not self.verdict.refreshed


def guess_output(text: bytes, stem: str) -> tuple[str, str]:
    """(output_dir, output) as the spec sets them at top level, else their defaults."""
    found = {key.decode(): value.decode("utf-8", "replace").strip("'\"")
             for key, value in _TOP_KEY.findall(text)}
    return found.get("output_dir") or DEFAULT_OUTPUT_DIR, found.get("output") or stem


def guess_formats(spec_path: Path) -> list[str]:
    """The formats the spec names at top level, read without YAML; only a guess, for starting
    render workers before the spec is loaded (a wrong one costs time, never bytes)."""
    try:
        found = _FORMATS.search(spec_path.read_bytes())
    except OSError:
        return []
    if not found:
        return list(DEFAULT_FORMATS)
    value = b"\n".join(line.split(b"#")[0] for line in found.group(1).splitlines())
    return [word.decode() for word in re.findall(rb"[a-z]+", value)]


def compare(places: OutputPlaces, spec_path: Path, root: Path,
            formats: list[str] | tuple[str, ...] | None = None
            ) -> tuple[dict[str, Any] | None, manifest.Verdict]:
    """The manifest of `places` (None when it is another spec's or unreadable) and what
    changed since it was written, for the outputs of `formats` (None: those it records)."""
    data = manifest.read(places.manifest)
    if data and data.get("spec") != manifest.relative(spec_path, root):
        data = None  # another spec writes outputs of this name: build to find out
    verdict = manifest.check(data, root, formats)
    if verdict.reasons == [manifest.BROKEN]:
        data = None
    return data, verdict


def quick_check(spec_path: Path, overrides: Overrides | None = None) -> Quick:
    """Check a spec against the manifest its outputs' folder holds (that of `--output-dir`,
    for the formats of `--format`, when the command line gives them)."""
    root = project_root(spec_path)
    try:
        text = spec_path.read_bytes()
    except OSError:
        text = b""
    output_dir, output = guess_output(text, spec_path.stem)
    overrides = overrides or Overrides()
    places = OutputPlaces(root / (overrides.output_dir or output_dir), output)
    data, verdict = compare(places, spec_path, root, overrides.formats)
    if data and leftover_temps(places.folder, written_names(data)):
        verdict.reasons.append("temporary files left by an interrupted build")
    return Quick(spec_path, root, places.manifest, data, verdict)


def written_names(data: dict[str, Any]) -> list[str]:
    """Names of the files a build writes in the output folder, per its manifest."""
    names = [Path(rel).name for _fmt, rel, _state in data["outputs"]]
    return [*names, data["changes"]["file"], data["manifest"]]


def skipped_entry(quick: Quick, seconds: float) -> dict[str, Any]:
    """The --json summary of a spec that was up to date."""
    data = quick.data or {}
    return {"spec": str(quick.spec_path), "status": "skipped", "seconds": round(seconds, 3),
            "outputs": [shown(quick.root / rel) for _fmt, rel, _ in data.get("outputs", [])],
            "warnings": data.get("warnings", []), "reasons": [unchanged(data)], "added": [],
            "removed": [], "review": last_review(data), "written": [], "errors": []}


def last_review(data: dict[str, Any]) -> dict[str, Any]:
    """The review report of the last build: its sections changed since review still are."""
    report = data.get("reviews", {}).get("report", {})
    notices = [n for n in report.get("notices", []) if n.get("kind") == "changed"]
    return {"notices": notices, "unreviewed": report.get("unreviewed", [])}


def unchanged(data: dict[str, Any]) -> str:
    """Why a spec was skipped: its inputs, counted by kind, are those of its last build."""
    counts: dict[str, int] = {}
    for role, _rel, state in data.get("inputs", []):
        counts[role] = counts.get(role, 0) + (state is not None)
    nouns = {"speech": ("speech", "speeches"), "metadata": ("metadata file", "metadata files"),
             "template": ("template file", "template files")}
    kinds = ["spec", *(f"{n} {nouns[role][n != 1]}" for role, n in counts.items() if role in nouns)]
    return f"unchanged since the last build ({', '.join(kinds)}, briefgen {data.get('briefgen')})"

"""Build one spec: spec -> speeches -> brief -> every format rendered -> outputs written atomically.

Reads top to bottom like mkdocs' `build()`: first the manifest says whether
anything changed (briefgen.uptodate, without loading the spec); then, under the
spec's lock, everything is gathered and rendered in memory, then written, so a
failure at any step leaves the previous outputs as they were. The manifest is
written last: a build killed before it is simply done again next time.
"""

from __future__ import annotations

import glob
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen import __version__, changes, manifest, signoff
from briefgen.brief import assemble, assembly
from briefgen.errors import BriefgenError, OutputError, TemplateError, os_reason
from briefgen.model import Brief, Speech
from briefgen.outputs import locked, remove_leftovers, write_all, write_atomic
from briefgen.places import SPEECH_SUFFIXES, Overrides
from briefgen.render import FORMATS, render
from briefgen.render.workers import Renderers
from briefgen.spec import Spec, load_spec
from briefgen.template import PROJECT_FOLDER, Template, find_template, template_folder
from briefgen.uptodate import compare, last_review, quick_check, unchanged

__all__ = ["BuildFailed", "BuildResult", "apply_overrides", "build", "check", "write_atomic"]
DEFAULT_WAIT = 300.0  # seconds a build waits for another build of the same spec


class BuildFailed(BriefgenError):
    """A spec that could not be built; `problems` holds one line per cause."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class BuildResult:
    """What one build did: built or skipped, the files written, why, and what is new."""

    spec_path: Path
    status: str = "built"  # or "skipped"
    spec: Spec | None = None
    brief: Brief | None = None
    written: list[Path] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    added: list[changes.Record] = field(default_factory=list)
    removed: list[changes.Record] = field(default_factory=list)
    review: dict[str, Any] = field(default_factory=dict)  # {"notices": [...], "unreviewed": [...]}
    seconds: float = 0.0


def build(spec_path: Path, force: bool = False, wait: float = DEFAULT_WAIT,
          renderers: Renderers | None = None, precheck: bool = True,
          overrides: Overrides | None = None) -> BuildResult:
    """Build the outputs of a spec whose inputs changed since its last build; all with `force`.

    One pass: is it up to date? load, assemble, render, write, record. The slow formats
    render in worker processes (render/workers.py): those of `renderers`, which the caller
    started before importing this module, else workers started here as soon as the spec is
    read. `precheck=False`: the caller has just found the spec out of date, so the manifest
    is compared (over a big corpus, thousands of files) only once, under the lock.
    `overrides` (`--output-dir`, `--format`) replace the spec's output folder and formats.
    """
    started = time.perf_counter()
    if precheck and not force:
        quick = quick_check(spec_path, overrides)
        if quick.skippable:
            return _skipped(spec_path, quick.root, quick.data, started)
    spec_state = manifest.record(spec_path)  # before reading it: a later edit is seen next time
    spec = load_spec(spec_path)
    own_formats = list(spec.formats)
    apply_overrides(spec, overrides)
    places = spec.places
    _make_folder(places.folder)
    started_here = Renderers(spec.formats) if renderers is None else nullcontext(renderers)
    with started_here as renderers, locked(places.lock, wait):
        remove_leftovers(places.folder, _written_names(spec))
        previous, verdict = compare(places, spec.path, spec.root, spec.formats)
        if verdict.up_to_date and not force:
            if verdict.refreshed and previous:
                write_atomic(places.manifest, manifest.dumps(previous))
            return _skipped(spec_path, spec.root, previous, started, spec)
        full = force or bool(verdict.reasons) or not previous
        data = _snapshot(spec, spec_state)  # before reading the inputs, for the same reason
        speeches = load_speeches(spec)
        template = template_for(spec)
        reviews = (previous or {}).get("reviews", {})
        made = assembly(spec, speeches, reviews.get("adopted", {}))
        brief = made.brief
        data["items"] = changes.records(brief)
        review = _review(spec, made, data["items"], reviews)
        data["reviews"] = {"adopted": made.adopted,
                           "seen": signoff.remember(spec, brief, data["items"],
                                                    reviews.get("seen", {}), made.adopted),
                           "report": review}
        change = changes.compare(previous, data["items"])
        kept = change.pop("kept")  # the previous build's changes, carried over: not news now
        if spec.mark_new:
            changes.mark_new(brief, change["added"])
        outputs = renderers.render(brief, template, spec.formats if full else verdict.formats)
        rendered = {spec.output_path(fmt): content for fmt, content in outputs.items()}
        write_all(rendered)  # all or none: a full disk keeps every previous output
        if full or not places.changes.is_file():
            text = changes.markdown(spec.brief.title, brief.stamp, change)
            write_atomic(places.changes, text.encode("utf-8"))
        kept_outputs = [] if full or not previous else previous["outputs"]
        _record(spec, data, change, brief, kept_outputs, own_formats)
    reasons = ["--force"] if force and not verdict.reasons else verdict.reasons
    return BuildResult(spec.path, "built", spec, brief, list(rendered),
                       [spec.output_path(f) for f in spec.formats],
                       reasons + verdict.output_reasons, brief.warnings,
                       [] if kept else change["added"], [] if kept else change["removed"],
                       review, time.perf_counter() - started)


def _review(spec: Spec, made: Any, items: list[changes.Record],
            reviews: dict[str, Any]) -> dict[str, Any]:
    """The review report of a build: notices (changed since review, marks without a
    fingerprint) and the titles of sections that quote speeches but are not reviewed."""
    brief = made.brief
    notes = signoff.notices(spec, brief, items, reviews.get("seen", {}), made.adopted,
                            reviews.get("adopted", {}))
    return {"notices": notes,
            "unreviewed": [s.title for s in signoff.unsigned(brief) if s.review is None]}


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # e.g. a file of that name is in the way
        raise OutputError(f"cannot create the output folder: {os_reason(exc)}",
                          str(folder)) from exc


def apply_overrides(spec: Spec, overrides: Overrides | None) -> None:
    """The command line's output folder and formats, in place of the spec's."""
    if overrides and overrides.output_dir:
        spec.output_dir = overrides.output_dir  # absolute: root / it is itself
    if overrides and overrides.formats:
        spec.formats = list(overrides.formats)


def _record(spec: Spec, data: dict[str, Any], change: dict[str, Any], brief: Brief,
            kept: list[list[Any]], own_formats: list[str]) -> None:
    """Record the outputs as written and write the manifest, last.

    `kept`: the last build's outputs, still those of the same inputs (only some formats were
    rendered again); those of formats not built now stay recorded while their files exist.
    """
    root = spec.root
    data["outputs"] = [entry for entry in kept
                       if entry[0] not in spec.formats and (root / entry[1]).is_file()]
    for fmt in spec.formats:
        path = spec.output_path(fmt)
        data["outputs"].append([fmt, manifest.relative(path, root),
                                manifest.record(path, racy_check=False)])
    data["partial"] = not set(own_formats) <= {entry[0] for entry in data["outputs"]}
    data["changes"].update(change)
    data["warnings"] = brief.warnings
    data["stamp"] = brief.stamp
    write_atomic(spec.places.manifest, manifest.dumps(data))


def _snapshot(spec: Spec, spec_state: manifest.State) -> dict[str, Any]:
    """A new manifest with the state of every input: spec, speeches, sidecars, template files."""
    root, rel = spec.root, manifest.relative
    spec_rel = rel(spec.path, root)
    inputs: dict[str, list[Any]] = {spec_rel: ["spec", spec_rel, spec_state]}
    for path in spec.speech_paths().values():
        name = rel(path, root)
        inputs.setdefault(name, ["speech", name, manifest.record(path)])
        sidecar = path.with_suffix(".yaml")
        if sidecar != path:
            name = rel(sidecar, root)
            inputs.setdefault(name, ["metadata", name, manifest.record(sidecar)])
    folders: dict[str, list[str]] = {}
    for place in template_places(spec):
        folder = rel(place, root)
        folders[folder] = files = manifest.listing(root / folder, root)
        for name in files:
            inputs.setdefault(name, ["template", name, manifest.record(root / name)])
    places = spec.places
    return {
        "format": manifest.FORMAT, "briefgen": __version__, "code": manifest.code_digest(),
        "options": manifest.options(), "spec": rel(spec.path, root),
        "suffixes": list(SPEECH_SUFFIXES),
        "inputs": list(inputs.values()), "folders": folders, "outputs": [],
        "globs": [{"pattern": p, "matches": [rel(path, root) for path in spec.matching_speeches(p)]}
                  for p in spec.speeches.values() if glob.has_magic(p)],
        "manifest": places.manifest.name, "changes": {"file": places.changes.name},
    }


def _written_names(spec: Spec) -> list[str]:
    """The files a build of `spec` writes in its output folder."""
    places = spec.places
    return [*(spec.output_path(f).name for f in spec.formats), places.changes.name,
            places.manifest.name]


def _skipped(spec_path: Path, root: Path, data: dict[str, Any] | None, started: float,
             spec: Spec | None = None) -> BuildResult:
    """The result of a spec that was up to date; its warnings are the last build's."""
    data = data or {}
    outputs = [root / rel for _fmt, rel, _state in data.get("outputs", [])]
    return BuildResult(spec_path, "skipped", spec, outputs=outputs, reasons=[unchanged(data)],
                       warnings=data.get("warnings", []),
                       review=last_review(data),
                       seconds=time.perf_counter() - started)


def load_speeches(spec: Spec) -> dict[str, Speech]:
    """Every speech of the spec; all that fail are reported together, one line each."""
    from briefgen.corpus import SpeechCache, load_speech

    cache = SpeechCache.default()
    speeches: dict[str, Speech] = {}
    problems: list[str] = []
    for speech_id, path in spec.speech_paths().items():
        try:
            speeches[speech_id] = load_speech(path, speech_id, cache)
        except BriefgenError as exc:
            problems.append(str(exc))
    if problems:
        raise BuildFailed(problems)
    return speeches


def template_places(spec: Spec) -> list[Path]:
    """The folders whose files decide the spec's template: the one it is read from and, for a
    packaged template, the project's folder of that name (a copy made there later is used)."""
    own = spec.root / PROJECT_FOLDER / spec.template
    used = template_folder(spec.template, spec.root) or own
    return [used] if used == own else [used, own]


def template_for(spec: Spec) -> Template:
    """The spec's template, which must provide every format the spec asks for."""
    template = find_template(spec.template, spec.root)
    missing = [fmt for fmt in spec.formats if template.formats and fmt not in template.formats]
    if missing:
        provided = ", ".join(template.formats)
        raise TemplateError(
            f"template '{template.name}' does not provide {', '.join(missing)} "
            f"(it provides {provided})",
            str(spec.path),
        )
    for fmt in spec.formats:
        for name in FORMATS[fmt].template_files:
            template.file(name)
    return template


def check(spec_path: Path) -> list[str]:
    """Validate a spec, its speeches and its template, writing nothing; returns warnings.

    The templates are run on the brief in memory, so an undefined variable or a sandbox
    violation shows with its line; the PDF's layout (WeasyPrint, no template code) is left
    out, and of the Word template only its tags run (check stays fast: no docxtpl).
    """
    from briefgen.render.docx_check import find_split_tags, run_tags
    from briefgen.render.html import build_html

    spec = load_spec(spec_path)
    speeches = load_speeches(spec)
    template = template_for(spec)
    notes = [f"{speech_id}: {w}" for speech_id, s in speeches.items() for w in s.warnings]
    if "docx" in spec.formats:
        notes += find_split_tags(template.file("brief.docx"))
    brief = assemble(spec, speeches)
    for fmt in spec.formats:
        if fmt == "pdf":
            build_html(brief, template, medium="print")
        elif fmt == "docx":
            run_tags(template.file("brief.docx"), brief)
        else:
            render(brief, template, fmt)
    return notes

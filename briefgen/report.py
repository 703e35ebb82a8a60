"""`briefgen build` for people and for schedulers: what it prints, its JSON summary, its exit code.

A nightly job reads nothing but changes and errors, so when stdout is not a
terminal an up-to-date spec prints nothing; at a terminal several specs get a
progress bar. Every spec is tried even when one fails: exit 1 then, 2 for a bad
spec or command line.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.changes import describe
from briefgen.errors import BriefgenError, SpecError, os_reason
from briefgen.outputs import Busy
from briefgen.places import Overrides, shown, tidy
from briefgen.uptodate import guess_formats, quick_check, skipped_entry

if TYPE_CHECKING:
    from briefgen.render.workers import Renderers


def run_builds(specs: list[Path], force: bool = False, explain: bool = False,
               as_json: bool = False, wait: float = 300.0, jobs: int | None = None,
               overrides: Overrides | None = None, verbosity: int = 0) -> int:
    """Build every spec, report each, and return the exit code (0, 1 or 2).

    Specs are built by `jobs` processes (default: one per CPU) and reported in the
    order given, each spec's lines together, whichever finishes first. `verbosity` -1
    (`--quiet`) prints errors alone; 1 (`--verbose`) every spec with its reasons, as
    at a terminal, wherever stdout goes.
    """
    tty = sys.stdout.isatty()
    entries: list[dict[str, Any]] = []
    code = 0
    results = _results(specs, force, wait, jobs or default_jobs(), overrides or Overrides())
    shown_bar = tty and len(specs) > 1 and not as_json and verbosity >= 0
    bar = _progress(len(specs)) if shown_bar else nullcontext()
    with bar as advance:
        for entry in results:
            code = max(code, entry.pop("exit_code"))
            if not as_json and verbosity >= 0:
                _print(_lines(entry, explain or verbosity > 0, tty or verbosity > 0))
            _print([f"error: {p}" for p in entry["errors"]], sys.stderr)
            if entry["status"] == "built":
                _print([review_line(n) for n in entry["review"]["notices"]], sys.stderr)
            entries.append(entry)
            if advance:
                advance()
    if as_json:
        print(json.dumps({"exit_code": code, "specs": entries}, ensure_ascii=False, indent=1))
    return code


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _results(specs: list[Path], force: bool, wait: float, jobs: int,
             overrides: Overrides) -> Iterator[dict[str, Any]]:
    """Each spec's --json entry, in the order of `specs`; a pool of processes when it helps.

    Up-to-date specs are answered here, without loading anything (briefgen.uptodate), so the
    pool starts only for specs that must be built, and only when there are two or more.
    The pool's processes start now, before any progress-bar thread.
    """
    skipped = {} if force else _up_to_date(specs, overrides)
    todo = [path for i, path in enumerate(specs) if i not in skipped]
    workers = min(jobs, len(todo))
    if workers < 2:
        # One spec to build here: with two or more jobs, its formats render side by side.
        built: Iterator[dict[str, Any]] = (build_one(path, force, wait, jobs > 1, overrides)
                                           for path in todo)
    else:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(workers)
        n = len(todo)
        built = _closing(pool, pool.map(build_one, todo, [force] * n, [wait] * n, [False] * n,
                                        [overrides] * n))
    return (skipped[i] if i in skipped else next(built) for i in range(len(specs)))


def _closing(pool: Any, results: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The pool's results, then the pool shut down, waiting for its processes: a pool left
    to the interpreter's exit may write to a pipe already closed, a traceback on stderr."""
    try:
        yield from results
    finally:
        pool.shutdown(wait=True)


def _up_to_date(specs: list[Path], overrides: Overrides) -> dict[int, dict[str, Any]]:
    """The entries of the specs the manifest shows up to date, by position."""
    found: dict[int, dict[str, Any]] = {}
    for i, path in enumerate(specs):
        started = time.perf_counter()
        quick = quick_check(path, overrides)
        if quick.skippable:
            entry = skipped_entry(quick, time.perf_counter() - started)
            entry.update(spec=str(path), warnings=[tidy(w) for w in entry["warnings"]])
            found[i] = {**entry, "exit_code": 0}
    return found


def build_one(path: Path, force: bool, wait: float, parallel: bool = False,
              overrides: Overrides | None = None) -> dict[str, Any]:
    """Build one spec and describe it as its --json entry; never raises.

    With `parallel`, the render workers start first, so that WeasyPrint loads while this
    process imports the pipeline (pydantic, the extractors) and reads the spec.
    """
    from briefgen.render.workers import Renderers

    overrides = overrides or Overrides()
    formats = list(overrides.formats or guess_formats(path)) if parallel else []
    with Renderers(formats) as renderers:
        return _build_one(path, force, wait, renderers, overrides)


def _build_one(path: Path, force: bool, wait: float, renderers: Renderers,
               overrides: Overrides) -> dict[str, Any]:
    from briefgen.build import BuildFailed, build

    started = time.perf_counter()
    entry: dict[str, Any] = {"spec": str(path), "status": "failed", "outputs": [],
                             "warnings": [], "reasons": [], "added": [], "removed": [],
                             "review": {"notices": [], "unreviewed": []},
                             "written": [], "errors": [], "exit_code": 1}
    try:
        result = build(path, force=force, wait=wait, renderers=renderers, precheck=False,
                       overrides=overrides)
    except BuildFailed as exc:
        entry["errors"] = [f"{tidy(p)} ({path} not built)" for p in exc.problems]
    except SpecError as exc:
        lines = exc.lines() if hasattr(exc, "lines") else [str(exc)]
        entry.update(errors=[tidy(line) for line in lines], exit_code=exc.exit_code)
    except Busy as exc:
        entry.update(status="busy", errors=[f"{tidy(str(exc))} ({path} not built)"])
    except BriefgenError as exc:
        entry["errors"] = [f"{tidy(str(exc))} ({path} not built)"]
    except OSError as exc:  # the file system refused (no permission, disk full): not a bug
        where = f"{tidy(str(exc.filename))}: " if exc.filename else ""
        entry["errors"] = [f"{where}{os_reason(exc)} ({path} not built)"]
    except Exception as exc:  # a bug: show it, and still build the other specs
        traceback.print_exc()
        entry["errors"] = [f"internal error: {type(exc).__name__}: {exc} ({path} not built)"]
    else:
        entry.update(status=result.status, outputs=[shown(p) for p in result.outputs],
                     warnings=[tidy(w) for w in result.warnings], reasons=result.reasons,
                     added=result.added, removed=result.removed, exit_code=0,
                     review=_tidy_review(result.review),
                     written=[shown(p) for p in result.written])
    entry["seconds"] = round(time.perf_counter() - started, 3)
    return entry


def _tidy_review(review: dict[str, Any]) -> dict[str, Any]:
    """The review report with its `file:line` places as the user would type them."""
    notices = [{**n, "where": tidy(n["where"])} for n in review.get("notices", [])]
    return {"notices": notices, "unreviewed": review.get("unreviewed", [])}


def _lines(entry: dict[str, Any], explain: bool, tty: bool) -> list[str]:
    """What a person reads about one spec; only changes when stdout is not a terminal."""
    spec, reasons, written = entry["spec"], entry["reasons"], entry["written"]
    if entry["status"] == "skipped":
        if explain:
            return [f"{spec}: up to date: {'; '.join(reasons)}"]
        return [f"{spec}: up to date"] if tty else []
    if entry["status"] != "built":
        return []
    lines = [f"{spec}: rebuilt because {'; '.join(reasons)}"] if explain else []
    lines.append(f"{spec}: wrote {', '.join(written)}")
    lines += [f"{spec}: new: {describe(r)}" for r in entry["added"]]
    lines += [f"{spec}: removed: {describe(r)}" for r in entry["removed"]]
    return lines + [f"{spec}: warning: {w}" for w in entry["warnings"]]


def review_line(entry: dict[str, Any]) -> str:
    """The report line of one notice, `file:line: ...` so an editor can jump to the mark."""
    where = f"review: {entry['where']}: section {entry['section']} '{entry['title']}'"
    who = f"reviewed by {entry['by']} on {entry['on']}"
    if entry["kind"] == "no fingerprint":
        return (f"{where}: {who} has no fingerprint; this build's items are taken as those "
                f"reviewed; add `fingerprint: {entry['fingerprint']}` to the mark (or use "
                "briefgen review) so that a fresh clone can check it")
    counts = []
    if entry["added"]:
        counts.append(f"{len(entry['added'])} added")
    if entry["removed"]:
        counts.append(f"{len(entry['removed'])} dropped")
    detail = f" ({', '.join(counts)})" if counts else ""
    return (f"{where}: changed since it was {who}: the items are not those reviewed{detail}; "
            "marked in the document until it is reviewed again")


def _print(lines: list[str], stream: Any = None) -> None:
    for line in lines:
        print(line, file=stream or sys.stdout, flush=True)


@contextmanager
def _progress(total: int) -> Iterator[Any]:
    """A rich progress bar over the specs; lines printed meanwhile appear above it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("building"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("build", total=total)
        yield lambda: progress.advance(task)

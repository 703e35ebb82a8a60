"""`briefgen watch`: rebuild while someone edits a template, a spec or a speech.

The watcher does not decide what to rebuild: after each debounced batch of
changes it runs the ordinary incremental build of every spec, and the
manifests skip the specs whose inputs did not change. Output folders and
hidden files (temporary files, manifests, locks) are ignored, or every build
would trigger the next.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.places import DEFAULT_OUTPUT_DIR, project_root
from briefgen.report import run_builds
from briefgen.targets import spec_files
from briefgen.uptodate import guess_output


def watch(targets: tuple[Path, ...], debounce: int = 400,
          stop: threading.Event | None = None,
          on_build: Callable[[int], Any] | None = None) -> None:
    """Build now, then after every batch of changes under the specs' projects, until stopped."""
    from watchfiles import watch as changes_of

    specs = spec_files(targets)
    roots = sorted({project_root(spec) for spec in specs})
    ignored = ignored_folders(specs)
    print(f"watching {', '.join(map(str, roots))} (Ctrl-C stops)", flush=True)
    _build(targets, on_build)
    try:
        for _batch in changes_of(*roots, debounce=debounce, stop_event=stop,
                                 watch_filter=lambda _, path: wanted(Path(path), roots, ignored),
                                 raise_interrupt=False):
            _build(targets, on_build)
    except KeyboardInterrupt:
        pass


def _build(targets: tuple[Path, ...], on_build: Callable[[int], Any] | None) -> None:
    """One incremental build of every spec; a folder is listed again (a new spec is built)."""
    try:
        code = run_builds(spec_files(targets), explain=True, wait=30.0)
    except BriefgenError as exc:
        print(f"error: {exc}", flush=True)
        code = exc.exit_code
    if on_build:
        on_build(code)


def ignored_folders(specs: list[Path]) -> list[Path]:
    """The output folders of the specs: what a build writes must not start another build."""
    folders = set()
    for spec in specs:
        try:
            text = spec.read_bytes()
        except OSError:
            text = b""
        folders.add((project_root(spec) / guess_output(text, spec.stem)[0]).resolve())
        folders.add((project_root(spec) / DEFAULT_OUTPUT_DIR).resolve())
    return sorted(folders)


def wanted(path: Path, roots: list[Path], ignored: list[Path]) -> bool:
    """Whether a changed path may change a brief: not hidden, not in an output folder."""
    resolved = path.resolve()
    if any(resolved.is_relative_to(folder) for folder in ignored):
        return False
    root = next((r for r in roots if resolved.is_relative_to(r.resolve())), None)
    parts = resolved.relative_to(root.resolve()).parts if root else resolved.parts[-1:]
    return not any(part.startswith(".") or part == "__pycache__" for part in parts)

"""The `briefgen` command: a fast answer for the nightly no-op build, else the full command line.

`briefgen build SPEC...` with nothing changed is answered here from the manifests
(briefgen.uptodate), without importing click, YAML or pydantic; everything else,
and anything unusual, goes to the click commands in briefgen.cli.commands.
"""

from __future__ import annotations

import json
import os
import sys
import time

from briefgen.errors import SpecError
from briefgen.targets import spec_files
from briefgen.uptodate import quick_check, skipped_entry, unchanged

FLAGS = ("--explain", "--json")  # the only flags the fast answer knows


def main() -> None:
    """The `briefgen` command: the fast no-op check first, else the click command line."""
    # briefgen's spec models use no pydantic plugin; looking for plugins reads the entry
    # points of every installed package, 40 ms of every command that loads a spec.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = try_noop(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from briefgen.cli.commands import cli

    cli()


def try_noop(argv: list[str]) -> int | None:
    """Exit code 0 when `briefgen build` has nothing to do; None when the full command must run."""
    if not argv or argv[0] != "build":
        return None
    args = _without_jobs(argv[1:])
    if args is None:
        return None
    flags = [a for a in args if a.startswith("-")]
    if any(flag not in FLAGS for flag in flags):
        return None
    try:
        specs = spec_files([a for a in args if not a.startswith("-")])
    except SpecError:
        return None  # the full command reports it
    started = time.perf_counter()
    checked = []
    for spec in specs:
        quick = quick_check(spec)
        if not quick.skippable:
            return None  # the full command rebuilds, or records touched files under the lock
        checked.append(quick)
    seconds = time.perf_counter() - started
    if "--json" in flags:
        entries = [skipped_entry(q, seconds / len(checked)) for q in checked]
        print(json.dumps({"exit_code": 0, "specs": entries}, ensure_ascii=False, indent=1))
    elif "--explain" in flags:
        print("\n".join(f"{q.spec_path}: up to date: {unchanged(q.data or {})}" for q in checked))
    elif sys.stdout.isatty():
        print("\n".join(f"{q.spec_path}: up to date" for q in checked))
    return 0


def _without_jobs(args: list[str]) -> list[str] | None:
    """The arguments less a valid `--jobs N` (it changes nothing when nothing is built)."""
    rest: list[str] = []
    words = iter(args)
    for arg in words:
        if arg in ("-j", "--jobs"):
            value = next(words, "")
        elif arg.startswith("--jobs="):
            value = arg[len("--jobs="):]
        else:
            rest.append(arg)
            continue
        if not value.isdigit() or int(value) < 1:
            return None  # the full command line reports it
    return rest

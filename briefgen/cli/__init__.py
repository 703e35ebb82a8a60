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
from briefgen.places import Overrides, format_list
from briefgen.targets import spec_files
from briefgen.uptodate import quick_check, skipped_entry, unchanged

FLAGS = ("--explain", "--json", "--quiet", "-q", "--verbose", "-v")  # what the fast answer knows
VALUED = ("--jobs", "-j", "--output-dir", "--format")  # options that take a value


def main() -> None:
    """The `briefgen` command: the fast no-op check first, else the click command line."""
    # briefgen's spec models use no pydantic plugin; looking for plugins reads the entry
    # points of every installed package, 40 ms of every command that loads a spec.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = try_noop(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from briefgen.cli.commands import cli

    cli(prog_name="briefgen")  # also under `python -m briefgen`: completion's _BRIEFGEN_COMPLETE


def try_noop(argv: list[str]) -> int | None:
    """Exit code 0 when `briefgen build` has nothing to do; None when the full command must run."""
    if not argv or argv[0] != "build":
        return None
    parsed = _options(argv[1:])
    if parsed is None:
        return None
    args, values = parsed
    flags = {a for a in args if a.startswith("-")}
    if any(flag not in FLAGS for flag in flags) or len(values.get("--output-dir", [])) > 1:
        return None
    quiet, verbose = bool(flags & {"--quiet", "-q"}), bool(flags & {"--verbose", "-v"})
    if quiet and verbose:
        return None  # the full command line refuses it
    targets = [a for a in args if not a.startswith("-")]
    if not targets and os.path.isdir("config"):
        targets = ["config"]  # `build` alone builds the project's config/
    elif not targets:
        return None  # the full command says what to do
    try:
        specs = spec_files(targets)
    except SpecError:
        return None  # the full command reports it
    outdir = values.get("--output-dir")
    overrides = Overrides(outdir[0] if outdir else None, format_list(values.get("--format", [])))
    started = time.perf_counter()
    checked = []
    for spec in specs:
        quick = quick_check(spec, overrides)
        if not quick.skippable:
            return None  # the full command rebuilds, or records touched files under the lock
        checked.append(quick)
    seconds = time.perf_counter() - started
    if "--json" in flags:
        entries = [skipped_entry(q, seconds / len(checked)) for q in checked]
        print(json.dumps({"exit_code": 0, "specs": entries}, ensure_ascii=False, indent=1))
    elif quiet:
        pass
    elif "--explain" in flags or verbose:
        print("\n".join(f"{q.spec_path}: up to date: {unchanged(q.data or {})}" for q in checked))
    elif sys.stdout.isatty():
        print("\n".join(f"{q.spec_path}: up to date" for q in checked))
    return 0


def _options(args: list[str]) -> tuple[list[str], dict[str, list[str]]] | None:
    """The arguments less the options that take a value, and those values by option; None
    when one is unusable (a bad `--jobs N`, a missing value: the full command reports it)."""
    rest: list[str] = []
    values: dict[str, list[str]] = {}
    words = iter(args)
    for arg in words:
        name, eq, value = arg.partition("=")
        if name not in VALUED or (eq and not arg.startswith("--")):
            rest.append(arg)
            continue
        if not eq:
            value = next(words, "")
        if not value or value.startswith("-"):
            return None
        if name in ("-j", "--jobs") and (not value.isdigit() or int(value) < 1):
            return None
        values.setdefault("--jobs" if name == "-j" else name, []).append(value)
    return rest, values

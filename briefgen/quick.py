"""The `briefgen` entry point, with a fast path for the nightly no-op build.

`briefgen build SPEC...` with nothing changed must cost little more than starting
Python, so this module finds each spec's manifest without loading the spec
(no YAML, no pydantic, no click): it reads `output:` and `output_dir:` with a
regular expression, and trusts the result only because the manifest records
the spec's own hash. Anything unusual falls through to the full command.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from briefgen import manifest
from briefgen.outputs import leftover_temps

_TOP_KEY = re.compile(rb"^(output|output_dir)[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$", re.M)
_FORMATS = re.compile(rb"^formats[ \t]*:((?:.*)(?:\n[ \t]+-.*)*)", re.M)
DEFAULT_FORMATS = ("docx", "pdf")  # of a spec that names none (Spec.formats)
FLAGS = ("--explain", "--json")


class Quick:
    """A spec checked against its manifest, without loading the spec."""

    def __init__(self, spec_path: Path, root: Path, manifest_path: Path,
                 data: dict[str, Any] | None, verdict: manifest.Verdict) -> None:
        self.spec_path, self.root, self.manifest_path = spec_path, root, manifest_path
        self.data, self.verdict = data, verdict


def project_root(spec_path: Path) -> Path:
    """The spec's folder, or its parent when that folder is `config` (as Spec.root)."""
    folder = Path(os.path.abspath(spec_path)).parent
    return folder.parent if folder.name == "config" else folder


def output_place(folder: Path, output: str) -> tuple[Path, Path, str]:
    """Manifest file, lock file and changes file of the outputs called `output` in `folder`."""
    return (folder / f".{output}.manifest.json", folder / f".{output}.lock",
            f"{output}.changes.md")


def guess_output(text: bytes, stem: str) -> tuple[str, str]:
    """(output_dir, output) as the spec sets them at top level, else their defaults."""
    found = {key.decode(): value.decode("utf-8", "replace").strip("'\"")
             for key, value in _TOP_KEY.findall(text)}
    return found.get("output_dir") or "out", found.get("output") or stem


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


def quick_check(spec_path: Path) -> Quick:
    """Check a spec against the manifest its outputs' folder holds."""
    root = project_root(spec_path)
    try:
        text = spec_path.read_bytes()
    except OSError:
        text = b""
    output_dir, output = guess_output(text, spec_path.stem)
    path = output_place(root / output_dir, output)[0]
    data = manifest.read(path)
    if data and data.get("spec") != manifest.relative(spec_path, root):
        data = None  # another spec writes outputs of this name: build to find out
    verdict = manifest.check(data, root)
    if verdict.reasons == [manifest.BROKEN]:
        data = None
    if data and leftover_temps(path.parent, written_names(data)):
        verdict.reasons.append("temporary files left by an interrupted build")
    return Quick(spec_path, root, path, data, verdict)


def written_names(data: dict[str, Any]) -> list[str]:
    """Names of the files a build writes in the output folder, per its manifest."""
    names = [Path(rel).name for _fmt, rel, _state in data["outputs"]]
    return [*names, data["changes"]["file"], data["manifest"]]


def spec_files(targets: list[str]) -> list[Path] | None:
    """The specs named, a folder giving its *.yaml; None when the full command must decide."""
    files: list[Path] = []
    for target in map(Path, targets):
        if target.is_dir():
            found = sorted(target.glob("*.yaml"))
            if not found:
                return None
            files += found
        elif target.is_file():
            files.append(target)
        else:
            return None
    return files


def shown(path: Path | str) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    text = os.path.abspath(path)
    cwd = os.getcwd() + os.sep
    return text[len(cwd):] if text.startswith(cwd) else text


def skipped_entry(quick: Quick, seconds: float) -> dict[str, Any]:
    """The --json summary of a spec that was up to date."""
    data = quick.data or {}
    return {"spec": str(quick.spec_path), "status": "skipped", "seconds": round(seconds, 3),
            "outputs": [shown(quick.root / rel) for _fmt, rel, _ in data.get("outputs", [])],
            "warnings": data.get("warnings", []), "reasons": [unchanged(data)], "added": [],
            "removed": [], "written": [], "errors": []}


def unchanged(data: dict[str, Any]) -> str:
    """Why a spec was skipped: its inputs, counted by kind, are those of its last build."""
    counts: dict[str, int] = {}
    for role, _rel, state in data.get("inputs", []):
        counts[role] = counts.get(role, 0) + (state is not None)
    nouns = {"speech": ("speech", "speeches"), "metadata": ("metadata file", "metadata files"),
             "template": ("template file", "template files")}
    kinds = ["spec", *(f"{n} {nouns[role][n != 1]}" for role, n in counts.items() if role in nouns)]
    return f"unchanged since the last build ({', '.join(kinds)}, briefgen {data.get('briefgen')})"


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
    specs = spec_files([a for a in args if not a.startswith("-")])
    if not specs:
        return None
    started = time.perf_counter()
    checked = []
    for spec in specs:
        quick = quick_check(spec)
        if not quick.verdict.up_to_date or quick.verdict.refreshed:
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


def main() -> None:
    """The `briefgen` command: the fast no-op check first, else the click command line."""
    # briefgen's spec models use no pydantic plugin; looking for plugins reads the entry
    # points of every installed package, 40 ms of every command that loads a spec.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = try_noop(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from briefgen.cli import main as full

    full()

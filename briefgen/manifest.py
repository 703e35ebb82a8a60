"""The build manifest: what one spec's outputs were built from, so an unchanged build is skipped.

Standard library only, on purpose: the no-op check of a nightly build must not
import pydantic, WeasyPrint or docx. A file's state is (size, mtime_ns, sha256);
size and mtime are a fast pre-check, the content hash is the truth, so touching
a file without changing it rebuilds nothing.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from briefgen import __version__

FORMAT = 1
RACY_SECONDS = 2.0  # a file this fresh may change again within the same mtime tick
BROKEN = "manifest unreadable or written by another briefgen"
State = list[Any] | None  # [size, mtime_ns or None, sha256], None when the file is absent


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's content, read in chunks (speeches may be PDFs of megabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def record(path: Path, racy_check: bool = True) -> State:
    """The state of `path` now; stat first, so a change while hashing is seen next time."""
    try:
        stat = os.stat(path)
        digest = sha256_file(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    mtime: int | None = stat.st_mtime_ns
    if racy_check and time.time() - stat.st_mtime_ns / 1e9 < RACY_SECONDS:
        mtime = None  # too fresh to trust the pre-check: hash it next time
    return [stat.st_size, mtime, digest]


def compare(path: Path, state: State, racy_check: bool = True) -> tuple[str, State]:
    """'same', 'touched' (content same, stat not), 'changed', 'added' or 'removed'."""
    try:
        stat = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return ("removed" if state else "same"), None
    if state is None:
        return "added", None
    size, mtime, digest = state
    if stat.st_size != size:
        return "changed", None
    if mtime is not None and stat.st_mtime_ns == mtime:
        return "same", state
    fresh = record(path, racy_check)
    if fresh is None or fresh[2] != digest:
        return "changed", None
    return ("touched" if fresh != state else "same"), fresh


_DIGESTS: dict[str, str] = {}  # by version: the source is read once per process


def code_digest() -> str:
    """A hash of briefgen's own source, so a changed briefgen rebuilds even at the same version."""
    if __version__ not in _DIGESTS:
        _DIGESTS[__version__] = _source_digest()
    return _DIGESTS[__version__]


def _source_digest() -> str:
    package = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(f for f in files if f.endswith(".py")):
            path = Path(folder, name)
            data = path.read_bytes()
            digest.update(b"%s:%d:" % (path.relative_to(package).as_posix().encode(), len(data)))
            digest.update(data)
    return digest.hexdigest()


def options() -> dict[str, str | None]:
    """Environment that changes the bytes of an output."""
    return {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None}


def expand(root: Path, pattern: str, suffixes: list[str]) -> list[str]:
    """A speech glob's matches, relative to root: the same rule as Spec.speech_paths()."""
    try:
        matches = sorted(glob.glob(str(root / pattern), recursive=True))
    except (OSError, ValueError):
        matches = []
    return [relative(Path(m), root) for m in matches
            if os.path.splitext(m)[1].lower() in suffixes and os.path.isfile(m)]


def listing(folder: Path, root: Path) -> list[str]:
    """Every file under `folder`, relative to root, sorted (as brief.input_digest reads them)."""
    return sorted(relative(p, root) for p in folder.rglob("*") if p.is_file())


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root` with forward slashes, or absolute when outside it.

    With strings, not pathlib: a build over 1,000 speeches asks this 7,000 times.
    """
    full, base = os.path.abspath(path), os.path.abspath(root)
    if full == base:
        return "."
    inside = base.rstrip(os.sep) + os.sep
    return (full[len(inside):] if full.startswith(inside) else full).replace(os.sep, "/")


class Verdict:
    """Why a spec must be rebuilt: `reasons` rebuild everything; `formats` name outputs that
    alone were removed or altered, so only they are rendered again.

    A plain class, not a dataclass: importing dataclasses costs the no-op build 5 ms.
    """

    def __init__(self, reasons: list[str] | None = None) -> None:
        self.reasons = reasons or []
        self.formats: list[str] = []
        self.output_reasons: list[str] = []
        self.refreshed = False  # touched files: the manifest's pre-check stats were updated

    @property
    def up_to_date(self) -> bool:
        return not self.reasons and not self.formats


def check(data: dict[str, Any] | None, root: Path,
          formats: list[str] | tuple[str, ...] | None = None) -> Verdict:
    """Compare a manifest with the files now; updates `data`'s stats in place when touched.

    `formats` are the outputs wanted now (the spec's, or those of `build --format`); None
    when not known (the no-op check reads no spec): then every recorded output counts.
    """
    if not data:
        return Verdict(["first build (no manifest)"])
    if data.get("format") != FORMAT:
        return Verdict([BROKEN])
    try:
        verdict = _check(data, root)
        _check_outputs(data, root, formats, verdict)
        return verdict
    except (KeyError, TypeError, ValueError, AttributeError, OSError):
        return Verdict([BROKEN])  # edited by hand, or from a development version: rebuild


def _check(data: dict[str, Any], root: Path) -> Verdict:
    verdict = Verdict(_settings(data))
    gone: set[str] = set()  # reported once, by the glob or the folder listing
    for entry in data["globs"]:
        now = expand(root, entry["pattern"], data["suffixes"])
        before, after = set(entry["matches"]), set(now)  # sets: a corpus has 1,000s of files
        verdict.reasons += [f"new speech matches {entry['pattern']!r}: {p}"
                            for p in now if p not in before]
        gone.update(p for p in entry["matches"] if p not in after)
        verdict.reasons += [f"speech gone: {p}" for p in entry["matches"] if p not in after]
    for folder, files in data["folders"].items():
        now = listing(root / folder, root)
        verdict.reasons += [f"template file added: {p}" for p in now if p not in files]
        gone.update(p for p in files if p not in now)
        verdict.reasons += [f"template file removed: {p}" for p in files if p not in now]
    for entry in data["inputs"]:
        role, rel, state = entry
        result, fresh = compare(root / rel, state)
        if result == "touched":
            entry[2], verdict.refreshed = fresh, True
        elif result != "same" and rel not in gone:
            verdict.reasons.append(f"{role} {result}: {rel}")
    return verdict


def _check_outputs(data: dict[str, Any], root: Path, formats: list[str] | tuple[str, ...] | None,
                   verdict: Verdict) -> None:
    """The outputs wanted now: each as last written, none missing from the last build.

    An output of another format (an earlier `--format`) is left alone, and forgotten once
    its file is gone; a manifest of fewer outputs than its spec's (`partial`) is up to date
    only for those.
    """
    recorded = [entry[0] for entry in data["outputs"]]
    for entry in list(data["outputs"]):
        fmt, rel, state = entry
        result, fresh = compare(root / rel, state, racy_check=False)
        if formats is not None and fmt not in formats:
            if result == "removed":
                data["outputs"].remove(entry)
                verdict.refreshed = True
        elif result == "touched":
            entry[2], verdict.refreshed = fresh, True
        elif result != "same":
            verdict.formats.append(fmt)
            what = "missing" if result == "removed" else result
            verdict.output_reasons.append(f"output {what}: {rel}")
    if formats is None and data.get("partial"):
        # Which other formats the spec wants, only the spec says: the build reads it.
        verdict.reasons.append(f"the last build made only {', '.join(recorded)}")
    for fmt in formats or ():
        if fmt not in recorded:
            verdict.formats.append(fmt)
            verdict.output_reasons.append(f"no {fmt} output in the last build")


def _settings(data: dict[str, Any]) -> list[str]:
    """What changed in briefgen itself or the options."""
    reasons = []
    if data.get("briefgen") != __version__:
        reasons.append(f"briefgen version changed: {data.get('briefgen')} -> {__version__}")
    elif data.get("code") != code_digest():
        reasons.append("briefgen's code changed")
    if data.get("options") != options():
        reasons.append(f"options changed: {data.get('options')} -> {options()}")
    return reasons


def read(path: Path) -> dict[str, Any] | None:
    """A manifest, or None when there is none or it cannot be read (then everything rebuilds)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def dumps(data: dict[str, Any]) -> bytes:
    """A manifest as stable, readable JSON."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()

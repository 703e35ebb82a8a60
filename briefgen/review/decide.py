"""One decision of the review page, written into the spec: never over an edit the page has not
seen, never a spec that would not build, never half a file.

The page says which version of the spec (a hash of its bytes) it showed; the
file is read again under a lock shared by every review page of the spec, and a
different hash means someone edited it meanwhile (by hand, or from another
page): nothing is written and the page reloads. The edited text must load and
assemble as a build would before it replaces the file, atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.brief import assembly
from briefgen.build import load_speeches
from briefgen.errors import BriefgenError, OutputError
from briefgen.outputs import locked, write_atomic
from briefgen.spec import load_spec
from briefgen.specedit import render, set_keys

ACTIONS = ("exclude", "restore", "include", "uninclude", "review")
LOCK_WAIT = 10.0  # seconds; a decision takes well under one


class Conflict(BriefgenError):
    """The spec changed since the page showed it."""


class NotWritten(BriefgenError):
    """The spec could not be written; `snippet` holds the keys to copy into it by hand."""

    def __init__(self, message: str, where: str, snippet: str) -> None:
        super().__init__(message, where)
        self.snippet = snippet


@dataclass
class Decision:
    """What the officer clicked: an action on one section, with its quote or name."""

    section: int
    action: str
    quote: str = ""
    by: str = ""


def version(data: bytes) -> str:
    """The version of a spec the page shows: a digest of its bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BriefgenError(f"cannot read the spec: {exc.strerror or exc}", str(path)) from exc


def decide(spec_path: Path, decision: Decision, shown: str, lock: Path,
           today: dt.date | None = None) -> str:
    """Write one decision into the spec; returns the spec's new version."""
    with locked(lock, LOCK_WAIT):
        data = read(spec_path)
        if version(data) != shown:
            raise Conflict("the spec changed on disk since this page showed it (edited by "
                           "hand, or from another review page); nothing was written",
                           str(spec_path))
        text = data.decode("utf-8-sig")
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        spec = load_spec(spec_path, text=text)
        if not 0 <= decision.section < len(spec.sections):
            raise BriefgenError(f"no section {decision.section + 1}", str(spec_path))
        values = _values(spec_path, spec, decision, today or dt.date.today())
        edited = bom + set_keys(text, ("sections", decision.section), values, str(spec_path))
        checked = load_spec(spec_path, text=edited)  # a spec that would not build is not written
        assembly(checked, load_speeches(checked))
        _write(spec_path, edited.encode("utf-8"), values)
        return version(edited.encode("utf-8"))


def _values(spec_path: Path, spec: Any, decision: Decision, today: dt.date) -> dict[str, Any]:
    """The section's curation keys after the decision."""
    params = spec.sections[decision.section]
    exclude, include = list(params.exclude), list(params.include)
    quote = decision.quote
    if decision.action == "exclude" and quote not in exclude:
        exclude.append(quote)
    elif decision.action == "restore":
        exclude = [q for q in exclude if q != quote]
    elif decision.action == "include" and quote not in include:
        include.append(quote)
    elif decision.action == "uninclude":
        include = [q for q in include if q != quote]
    elif decision.action == "review":
        if not decision.by.strip():
            raise BriefgenError("give the reviewer's name", str(spec_path))
        speeches = load_speeches(spec)
        section = assembly(spec, speeches).brief.sections[decision.section]
        reviewed = {"by": decision.by.strip(), "on": today, "fingerprint": section.fingerprint}
        return {"reviewed": reviewed}
    elif decision.action not in ACTIONS:
        raise BriefgenError(f"unknown action {decision.action!r}", str(spec_path))
    return {"exclude": exclude, "include": include}


def _write(path: Path, data: bytes, values: dict[str, Any]) -> None:
    """Replace the spec, unless it is read-only: replacing a file its owner made read-only
    (possible in a writable folder, and always as root) would override their choice."""
    snippet = "\n".join(f"{key}: {render(value)}" for key, value in values.items() if value)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise NotWritten(f"cannot write the spec: {exc.strerror}; nothing was written", str(path),
                         snippet) from exc
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise NotWritten("the spec is read-only; nothing was written (make it writable and "
                         "click again, or copy the keys below into it)", str(path), snippet)
    try:
        write_atomic(path, data)
    except OutputError as exc:
        raise NotWritten(f"{exc.message}; nothing was written", str(path), snippet) from exc

"""Which spec files a command line names: a file as given, a folder as its *.yaml specs."""

from __future__ import annotations

import re
from pathlib import Path

from briefgen.errors import SpecError
from briefgen.places import NO_PROJECT, SPEECH_SUFFIXES, is_project


def spec_files(targets: tuple[Path, ...] | list[Path]) -> list[Path]:
    """The spec files named on the command line; a folder gives every *.yaml spec in it.

    In a folder, the metadata files of speeches (`NAME.yaml` beside `NAME.txt`) are not
    specs: `briefgen build speeches/` says so in one line instead of failing on each.
    """
    files: list[Path] = []
    for target in map(Path, targets):
        if target.is_dir():
            found = sorted(target.glob("*.yaml"))
            specs = [path for path in found if not is_speech_metadata(path)]
            if found and not specs:
                raise SpecError("no specs in this folder: its *.yaml files are the metadata of "
                                "the speeches beside them (specs are usually in config/)",
                                str(target))
            if not specs:
                raise SpecError("no *.yaml specs in this folder", str(target))
            files += specs
        elif target.is_file():
            files.append(target)
        elif is_project(Path.cwd()) or target.is_absolute():
            raise SpecError("no such spec file or folder", str(target))
        else:
            raise SpecError(f"no such spec file or folder; {NO_PROJECT}", str(target))
    return files


def is_speech_metadata(path: Path) -> bool:
    """`NAME.yaml` beside a speech `NAME.txt` (or .md, .docx, ...) is its metadata, not a spec
    (unless it has the `sections:` of a spec)."""
    if not any(path.with_suffix(suffix).is_file() for suffix in SPEECH_SUFFIXES):
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(65536)
    except OSError:
        return False
    return re.search(rb"^sections\s*:", head, re.MULTILINE) is None

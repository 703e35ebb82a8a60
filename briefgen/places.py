"""The words every part of briefgen shares: where a project's root is, where a spec's outputs,
manifest, lock and changes file go, which formats a spec gets by default, which files are
speeches, and how a path is shown to the user.

The bottom of the house: standard library only, importing no other briefgen module, so the
no-op build, the spec, the build and the command line can all use it.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_FORMATS = ("docx", "pdf")  # of a spec that names none
DEFAULT_OUTPUT_DIR = "out"
# Every kind of file a reader reads (briefgen.corpus.readers.READERS has one reader each).
SPEECH_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm")


def project_root(spec_path: Path) -> Path:
    """The spec's folder, or its parent when that folder is `config`."""
    folder = Path(os.path.abspath(spec_path)).parent
    return folder.parent if folder.name == "config" else folder


NO_PROJECT = ("this folder is no briefgen project (no config/, speeches/ or templates/): "
              "run `briefgen init` to make one here, or `briefgen init DIR`")


def is_project(folder: Path) -> bool:
    """A folder with any of a project's own folders: config/, speeches/ or templates/."""
    return any(os.path.isdir(os.path.join(folder, name))
               for name in ("config", "speeches", "templates"))


class Overrides:
    """What the command line changes of every spec it builds: the output folder (absolute),
    the formats. None keeps the spec's own. A plain class: it travels to worker processes."""

    def __init__(self, output_dir: str | None = None,
                 formats: tuple[str, ...] | None = None) -> None:
        self.output_dir = os.path.abspath(output_dir) if output_dir else None
        self.formats = formats

    def __bool__(self) -> bool:
        return self.output_dir is not None or self.formats is not None


def format_list(values: list[str] | tuple[str, ...]) -> tuple[str, ...] | None:
    """`--format docx --format pdf` or `--format docx,pdf` as ('docx', 'pdf'); None for none."""
    found: list[str] = []
    for value in values:
        found += [f for f in (part.strip().lower() for part in value.split(",")) if f]
    return tuple(dict.fromkeys(found)) or None


class OutputPlaces:
    """The files a build of the outputs called `name` keeps in `folder` beside the outputs.

    A plain class, not a dataclass: importing dataclasses costs the no-op build 5 ms.
    """

    def __init__(self, folder: Path, name: str) -> None:
        self.folder, self.name = folder, name
        self.manifest = folder / f".{name}.manifest.json"
        self.lock = folder / f".{name}.lock"
        self.changes = folder / f"{name}.changes.md"


def shown(path: Path | str) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    text, here = os.path.abspath(path), os.getcwd()
    if text == here:
        return "."
    return text[len(here) + 1:] if text.startswith(here + os.sep) else text


def tidy(message: str) -> str:
    """A message with the paths under the current folder shown relative to it."""
    return message.replace(os.getcwd() + os.sep, "")

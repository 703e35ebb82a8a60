"""One reader per input kind, found by file suffix (as Pelican's readers are).

A reader turns a file's bytes into `Parts` (Blocks whose structure the file gave,
and Text whose structure the normaliser infers) plus any metadata the file itself
carries. Readers are imported only when a file of their kind is read, so reading
a .txt never loads python-docx, PDFium or trafilatura.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.corpus.normalise import Part
from briefgen.model import Metadata


@dataclass
class Reading:
    """What a reader found in a file: its parts and the metadata written in it (front matter)."""

    parts: list[Part]
    front: Metadata | None = None
    warnings: list[str] = field(default_factory=list)


Reader = Callable[[Path, bytes], Reading]

# suffix -> "module:function" under briefgen.corpus.readers; one line per input kind.
READERS: dict[str, str] = {
    ".txt": "text:read",
    ".text": "text:read",
    ".md": "markdown:read",
    ".markdown": "markdown:read",
    ".docx": "docx:read",
    ".pdf": "pdf:read",
    ".html": "html:read",
    ".htm": "html:read",
}


def reader_for(suffix: str) -> Reader | None:
    """The reader of files with this suffix (case ignored), imported on first use."""
    target = READERS.get(suffix.lower())
    if target is None:
        return None
    module, function = target.split(":")
    reader: Reader = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return reader

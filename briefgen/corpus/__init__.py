"""Speeches from files: read, decode, normalise, attach metadata.

Readers are found by file suffix (one per input kind), as Pelican's readers are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from briefgen.corpus.decode import clean, decode
from briefgen.corpus.metadata import detect, merge, metadata_from_mapping, read_sidecar
from briefgen.corpus.normalise import Normalised, normalise
from briefgen.errors import SpeechError
from briefgen.model import Metadata, Speech

MAX_BYTES = 20 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def read_text(path: Path, data: bytes) -> tuple[Normalised, Metadata | None]:
    """Plain text or Markdown, with optional YAML front matter."""
    text = clean(decode(data))
    front: Metadata | None = None
    if match := _FRONT_MATTER.match(text):
        try:
            mapping = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise SpeechError(f"bad front matter: {str(exc).splitlines()[0]}", str(path)) from exc
        front = metadata_from_mapping(mapping, f"{path} (front matter)")
        text = text[match.end() :]
    return normalise(text), front


READERS: dict[str, Callable[[Path, bytes], tuple[Normalised, Metadata | None]]] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
}


def is_speech(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in READERS


def find_speeches(folder: Path) -> list[Path]:
    """The speech files in `folder` (not its metadata sidecars), by name."""
    return sorted(p for p in folder.iterdir() if is_speech(p))


def load_speech(path: Path, speech_id: str | None = None) -> Speech:
    """Read one speech; a file that cannot be read is a one-line SpeechError naming it."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise SpeechError(
            f"unknown kind of speech file '{path.suffix}' (briefgen reads {known})", str(path)
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SpeechError(
                f"file is {size // 2**20} MB; the limit is {MAX_BYTES // 2**20} MB", str(path)
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SpeechError(f"cannot read: {exc.strerror}", str(path)) from exc
    normalised, front = reader(path, data)
    if not normalised.body:
        raise SpeechError("no text found in the speech", str(path))
    metadata = merge(front or read_sidecar(path), detect(normalised.header, normalised.body))
    return Speech(speech_id or path.stem, path, metadata, normalised.body)

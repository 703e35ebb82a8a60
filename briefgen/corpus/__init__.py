"""Speeches from files: read, decode, normalise, attach metadata.

Readers are found by file suffix, one module per input kind (see `readers`).
"""

from __future__ import annotations

from pathlib import Path

from briefgen.corpus.cache import SpeechCache
from briefgen.corpus.metadata import detect, merge, read_sidecar
from briefgen.corpus.normalise import normalise_parts
from briefgen.corpus.readers import READERS, reader_for
from briefgen.errors import SpeechError, os_reason
from briefgen.model import Speech

MAX_BYTES = 20 * 1024 * 1024

__all__ = ["MAX_BYTES", "READERS", "SpeechCache", "find_speeches", "is_speech", "load_speech"]


def is_speech(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in READERS


def find_speeches(folder: Path) -> list[Path]:
    """The speech files in `folder` (not its metadata sidecars), by name."""
    return sorted(p for p in folder.iterdir() if is_speech(p))


def load_speech(path: Path, speech_id: str | None = None,
                cache: SpeechCache | None = None) -> Speech:
    """Read one speech; a file that cannot be read is a one-line SpeechError naming it.

    With a `cache`, a speech whose bytes (and sidecar) were parsed before is not parsed again.
    """
    reader = reader_for(path.suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise SpeechError(
            f"unknown kind of speech file '{path.suffix}' (briefgen reads {known})", str(path)
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SpeechError(
                f"file is {size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB", str(path)
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SpeechError(f"cannot read: {os_reason(exc)}", str(path)) from exc
    key = _cache_key(cache, path, data)
    if key and cache and (hit := cache.get(key)):
        return Speech(speech_id or path.stem, path, *hit)
    reading = reader(path, data)
    normalised = normalise_parts(reading.parts)
    if not normalised.body:
        raise SpeechError("no text found in the speech", str(path))
    detected = detect(normalised.header, normalised.body)
    metadata = merge(reading.front or read_sidecar(path), detected)
    if key and cache:
        cache.put(key, metadata, normalised.body, reading.warnings)
    return Speech(speech_id or path.stem, path, metadata, normalised.body, reading.warnings)


def _cache_key(cache: SpeechCache | None, path: Path, data: bytes) -> str | None:
    """The speech's cache key, from its bytes and its sidecar's; None: do not use the cache."""
    if cache is None or cache.folder is None:
        return None
    try:
        sidecar: bytes | None = path.with_suffix(".yaml").read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        sidecar = None
    except OSError:
        return None  # an unreadable sidecar: parse, so the error is reported
    return cache.key(path.suffix, data, sidecar)

"""The parse cache: normalised speeches by content hash, so a big corpus parses only what changed.

Where: the user's cache folder (platformdirs: `~/.cache/briefgen/speeches` on Linux), shared
by every spec and project of the user, so specs with different output folders and a fresh
`out/` reuse the same entries; `BRIEFGEN_CACHE_DIR` moves it, and `BRIEFGEN_CACHE_DIR=off`
turns it off. The folder is private to the user (mode 0700): entries hold speech text.

What: one JSON file per speech, named by the SHA-256 of the speech's bytes, its kind
(suffix) and its metadata sidecar's bytes, under a folder named by the hash of briefgen's
own code, so a new version or any code change starts afresh (older folders are removed).
JSON of plain data, never pickle: an entry is only ever data, and one that cannot be read
or has the wrong shape is ignored and parsed again. Entries are written to a temporary
file and renamed, so concurrent builds never see half an entry; two writers of one entry
write the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from briefgen.model import METADATA_FIELDS, Block, Metadata

ENV = "BRIEFGEN_CACHE_DIR"
OFF = ("off", "none", "0", "false", "no")
FORMAT = 2
_BLOCK_KINDS = ("heading", "paragraph", "item")
_FIELDS = (*METADATA_FIELDS, "short_title")
_code: list[str] = []  # the code digest, computed once per process


def cache_root() -> Path | None:
    """The cache folder, or None when the user turned the cache off."""
    setting = os.environ.get(ENV, "").strip()
    if setting.lower() in OFF:
        return None
    if setting:
        return Path(setting)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefgen")) / "speeches"


def code_version() -> str:
    """A short hash of briefgen's version and code: entries of other code are never read."""
    if not _code:
        from briefgen.manifest import code_digest

        _code.append(code_digest()[:16])
    return _code[0]


class SpeechCache:
    """Normalised speeches by content key, in one folder per briefgen code version."""

    def __init__(self, root: Path | None) -> None:
        self.folder = root / code_version() if root else None
        self.hits = self.misses = 0
        self._pruned = False

    @classmethod
    def default(cls) -> SpeechCache:
        return cls(cache_root())

    def key(self, suffix: str, data: bytes, sidecar: bytes | None) -> str:
        """The entry's name: the speech's bytes, its kind and its sidecar's bytes."""
        digest = hashlib.sha256(suffix.lower().encode() + b"\0")
        digest.update(b"%d:" % len(data))
        digest.update(data)
        if sidecar is not None:
            digest.update(b"sidecar:%d:" % len(sidecar))
            digest.update(sidecar)
        return digest.hexdigest()

    def get(self, key: str) -> tuple[Metadata, list[Block], list[str]] | None:
        """The cached (metadata, blocks, warnings), or None when absent or unreadable."""
        if self.folder is None:
            return None
        try:
            entry = decode(json.loads((self.folder / f"{key}.json").read_bytes()))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            entry = None  # absent, corrupt or of another shape: parse again
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def put(self, key: str, metadata: Metadata, blocks: list[Block], warnings: list[str]) -> None:
        """Store an entry atomically; a cache that cannot be written is simply not used."""
        if self.folder is None:
            return
        data = json.dumps(encode(metadata, blocks, warnings), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        try:
            self._prune()
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            temp = self.folder / f".{key}.{os.getpid()}.{id(data):x}.tmp"
            temp.write_bytes(data)
            os.replace(temp, self.folder / f"{key}.json")
        except OSError:
            return

    def _prune(self) -> None:
        """Remove the folders of other code versions, once per process, when starting a new one."""
        if self._pruned or self.folder is None or self.folder.is_dir():
            self._pruned = True
            return
        self._pruned = True
        try:
            others = [p for p in self.folder.parent.iterdir() if p.is_dir() and p != self.folder]
        except OSError:
            return
        for other in others:
            shutil.rmtree(other, ignore_errors=True)


def encode(metadata: Metadata, blocks: list[Block], warnings: list[str]) -> dict[str, Any]:
    """A speech's parse as plain JSON data; blocks as rows to keep entries small and fast."""
    meta = {name: getattr(metadata, name) for name in _FIELDS}
    meta["detected"] = list(metadata.detected)
    meta["header"] = list(metadata.header)
    rows = [[b.text, b.kind, b.paragraph, b.marker, b.level, b.page] for b in blocks]
    return {"format": FORMAT, "metadata": meta, "blocks": rows, "warnings": list(warnings)}


def decode(entry: Any) -> tuple[Metadata, list[Block], list[str]] | None:
    """The parse back from `encode`'s data; None when it does not have that shape."""
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        return None
    meta = entry["metadata"]
    values = {name: _text(meta[name]) for name in _FIELDS}
    detected, header = meta["detected"], meta["header"]
    if not all(isinstance(name, str) for name in [*detected, *header]):
        return None
    blocks = [Block(*row) for row in entry["blocks"]]  # a row of another length: TypeError
    if not all(_is_block(b) for b in blocks):
        return None
    warnings = entry["warnings"]
    if not all(isinstance(w, str) for w in warnings):
        return None
    return Metadata(**values, detected=list(detected), header=list(header)), blocks, list(warnings)


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("metadata field is not text")
    return value


def _is_block(b: Block) -> bool:
    """Whether a block read back has the types a parse gives (a hand-edited entry may not)."""
    return (type(b.text) is str and b.kind in _BLOCK_KINDS and type(b.paragraph) is int
            and type(b.level) is int and (b.marker is None or type(b.marker) is str)
            and (b.page is None or type(b.page) is int))

"""Plain text, as exported from PDF or Word: every structure is inferred by the normaliser."""

from __future__ import annotations

import re
from pathlib import Path

from briefgen.corpus.decode import decode_text
from briefgen.corpus.metadata import metadata_from_mapping
from briefgen.corpus.normalise import Text
from briefgen.corpus.readers import Reading
from briefgen.errors import SpeechError
from briefgen.model import Metadata
from briefgen.yamlmarks import load_yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(path: Path, text: str) -> tuple[Metadata | None, str]:
    """YAML front matter (`---` ... `---`) as metadata, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text
    front = metadata_from_mapping(load_yaml(match.group(1), str(path), SpeechError, first_line=2))
    return front, text[match.end() :]


def read(path: Path, data: bytes) -> Reading:
    """Decode, take off front matter, and leave the rest to the normaliser."""
    front, text = split_front_matter(path, decode_text(path, data))
    return Reading([Text(text)], front)

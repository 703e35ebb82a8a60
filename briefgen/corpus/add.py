"""`briefgen speeches add`: copy a speech into the corpus with a metadata file to check.

The metadata file holds what was detected from the text, each field marked with a
comment, so the user knows which values to check; it is an ordinary sidecar
(`NAME.yaml`) that `metadata.read_sidecar` reads.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from briefgen.corpus import READERS, load_speech
from briefgen.errors import BriefgenError, SpeechError
from briefgen.model import Metadata, Speech

SIDECAR_ORDER = ("title", "speaker", "role", "organisation", "event", "date", "place",
                 "language", "reference", "status")  # fmt: skip
_STOPWORDS = {
    "en": "the and of to in that is we our for with this are on",
    "fr": "le la les et des de du que nous est pour dans une sur",
    "es": "el la los las y de que en nuestro para con una por es",
    "de": "der die das und zu den wir ist mit für von auf nicht eine",
    "pt": "o a os as e de que em nosso para com uma por é",
    "sv": "och att det som för med är på vi av till den har inte",
}
_ID = re.compile(r"[^A-Za-z0-9._-]+")


def detect_language(speech: Speech) -> str | None:
    """ISO 639-1 code of the language whose commonest words the speech uses most."""
    words = re.findall(r"\w+", " ".join(b.text for b in speech.blocks[:60]).lower())
    scores = {lang: sum(w in set(stop.split()) for w in words) for lang, stop in _STOPWORDS.items()}
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    return lang if words and score >= 0.08 * len(words) else None


def sidecar_text(meta: Metadata, detected: set[str]) -> str:
    """The YAML of a sidecar: known fields first, each detected one marked for checking."""
    lines = ["# Speech metadata for briefgen. Fields marked 'detected' were read from the",
             "# text by `briefgen speeches add`: please check them. Missing fields are commented."]
    for name in SIDECAR_ORDER:
        value = getattr(meta, name)
        if value is None:
            lines.append(f"# {name}:")
            continue
        dumped = yaml.safe_dump({name: value}, allow_unicode=True, width=1000).strip()
        lines.append(dumped + ("  # detected, please check" if name in detected else ""))
    return "\n".join(lines) + "\n"


def add_speech(source: Path, folder: Path, speech_id: str | None = None) -> tuple[Path, Path]:
    """Copy `source` into `folder` as ID+suffix and write ID.yaml; refuse to overwrite."""
    suffix = source.suffix.lower()
    if suffix not in READERS:
        raise SpeechError(f"unknown kind of speech file '{source.suffix}' (briefgen reads "
                          f"{', '.join(sorted(READERS))})", str(source))
    stem = _ID.sub("-", speech_id or source.stem).strip("-.") or "speech"
    target, sidecar = folder / f"{stem}{suffix}", folder / f"{stem}.yaml"
    for path in (target, sidecar):
        if path.exists():
            raise BriefgenError("already exists; choose another --id", str(path))
    speech = load_speech(source, stem)  # read before copying: a bad file is not added
    meta = speech.metadata
    detected = set(meta.detected)
    if meta.language is None and (language := detect_language(speech)):
        meta.language = language
        detected.add("language")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    sidecar.write_text(sidecar_text(meta, detected), encoding="utf-8")
    return target, sidecar

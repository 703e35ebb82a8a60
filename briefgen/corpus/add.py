"""`briefgen speeches add`: copy a speech into the corpus with a metadata file to check.

The metadata file holds what was detected from the text, each field marked with a
comment that ends "please check" ("# detected, please check", "# guessed ...",
"# proposed ..."), so the user knows which values to check; it is an ordinary sidecar
(`NAME.yaml`) that `metadata.read_sidecar` reads, and `briefgen speeches` lists the
fields still marked as GUESSED until the user deletes the comment.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import yaml

from briefgen.corpus import READERS, find_speeches, load_speech
from briefgen.corpus.byline import stated_by
from briefgen.corpus.metadata import PERSON_NAME, UNCHECKED_MARK
from briefgen.errors import BriefgenError, SpeechError
from briefgen.model import Metadata, Speech

SIDECAR_ORDER = ("title", "short_title", "speaker", "role", "organisation", "event", "date",
                 "place", "language", "reference", "status")  # fmt: skip
_STOPWORDS = {
    "en": "the and of to in that is we our for with this are on",
    "fr": "le la les et des de du que nous est pour dans une sur",
    "es": "el la los las y de que en nuestro para con una por es",
    "de": "der die das und zu den wir ist mit für von auf nicht eine",
    "pt": "o a os as e de que em nosso para com uma por é",
    "sv": "och att det som för med är på vi av till den har inte",
}
_ID = re.compile(r"[^A-Za-z0-9._-]+")
_FIELD = re.compile(r"\{(\w+)\}")
ID_FIELDS = ("stem", "date", "year", "speaker", "organisation", "title", "n")
_SMALL = {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"}
_NOTES = {"detected": f"detected, {UNCHECKED_MARK}",
          "guessed": f"guessed from the text, {UNCHECKED_MARK}",
          "proposed": f"proposed, {UNCHECKED_MARK}"}


def detect_language(speech: Speech) -> str | None:
    """ISO 639-1 code of the language whose commonest words the speech uses most."""
    words = re.findall(r"\w+", " ".join(b.text for b in speech.blocks[:60]).lower())
    scores = {lang: sum(w in set(stop.split()) for w in words) for lang, stop in _STOPWORDS.items()}
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    return lang if words and score >= 0.08 * len(words) else None


def sidecar_text(meta: Metadata, notes: dict[str, str]) -> str:
    """The YAML of a sidecar: known fields first, each one not read from the user marked
    with how it was found (`notes`: field -> detected, guessed or proposed)."""
    lines = ["# Speech metadata for briefgen, written by `briefgen speeches add`. A value whose",
             "# comment ends 'please check' was read from the text (detected), guessed from it,",
             "# or proposed: check it and delete the comment. Missing fields are commented out.",
             "# short_title is what every citation of the speech prints."]
    for name in SIDECAR_ORDER:
        value = getattr(meta, name)
        if value is None:
            lines.append(f"# {name}:")
            continue
        dumped = yaml.safe_dump({name: value}, allow_unicode=True, width=1000).strip()
        note = notes.get(name)
        lines.append(dumped + (f"  # {_NOTES[note]}" if note else ""))
    return "\n".join(lines) + "\n"


def complete(meta: Metadata, speech: Speech) -> dict[str, str]:
    """Fill what the header did not say from the rest of the speech, and propose a short
    title; returns how each filled field was found (detected, guessed, proposed)."""
    notes = dict.fromkeys(meta.detected, "detected")
    if meta.language is None and (language := detect_language(speech)):
        meta.language, notes["language"] = language, "detected"
    if not meta.speaker and (actor := stated_by([b.text for b in speech.blocks])):
        meta.speaker, notes["speaker"] = actor, "guessed"  # "Sweden supports ..." twice or more
    if not meta.short_title and (short := short_title(meta)):
        meta.short_title, notes["short_title"] = short, "proposed"
    return notes


def short_title(meta: Metadata) -> str | None:
    """'Swing, opening remarks, IDM 2018': who (a person's surname, else the organisation),
    what (the title up to its first colon or dash), where (the event, as its initials when
    it is a long name) and the year."""
    who = _who(meta)
    what = re.split(r"\s*[:–—]\s*|\s+-\s+", meta.title or "")[0].strip()
    if what and len(what.split()) > 1 and what.split()[1].islower():
        what = what[0].lower() + what[1:]  # sentence case reads on: "Swing, opening remarks"
    event = _event_short(meta)
    year = (meta.date or "")[:4]
    parts = [p for p in (who, what, " ".join(filter(None, (event, year)))) if p]
    return ", ".join(parts) if who or what else None


def _who(meta: Metadata) -> str | None:
    if meta.speaker and PERSON_NAME.match(meta.speaker):
        return meta.speaker.split()[-1]
    if meta.speaker:
        return meta.speaker
    if meta.organisation:
        first = meta.organisation.split(",")[0].strip()
        acronym = re.search(r"\(([A-Z]{2,})\)", first)
        return acronym.group(1) if acronym else first
    return None


def _event_short(meta: Metadata) -> str | None:
    """The event without its place ("... in New York") or its organisation ("United Nations
    Network on Migration, 4th Annual Meeting"), as initials when it is a long name."""
    event = meta.event or ""
    if meta.organisation and event.startswith(meta.organisation + ","):
        event = event[len(meta.organisation) + 1:]
    event = re.split(r"\s*[:–—]\s*|,\s*", event.strip())[0].strip()
    if meta.place:
        event = re.sub(rf"\s+(?:in|at)\s+{re.escape(meta.place.split(',')[-1].strip())}$", "",
                       event)
    words = event.split()
    if len(words) <= 3:
        return event or None
    if all(w[0].isupper() or w.lower() in _SMALL for w in words):
        return "".join(w[0] for w in words if w.lower() not in _SMALL)
    return None


def speech_id(pattern: str | None, source: Path, meta: Metadata, n: int) -> str:
    """The id of a speech added: `pattern` with {stem}, {date}, {year}, {speaker},
    {organisation}, {title} and {n} filled in, else the file's name."""
    if not pattern:
        text = source.stem
    else:
        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in ID_FIELDS:
                raise BriefgenError(f"--id: unknown field {{{name}}} (fields: "
                                    f"{', '.join('{' + f + '}' for f in ID_FIELDS)})", "--id")
            value = _id_field(name, source, meta, n)
            if not value:
                raise SpeechError(f"--id: no {name} detected for {{{name}}}; add the file alone "
                                  "with --id naming it", str(source))
            return value

        text = _FIELD.sub(fill, pattern)
    return _ID.sub("-", text).strip("-.") or "speech"


def _id_field(name: str, source: Path, meta: Metadata, n: int) -> str | None:
    values = {"stem": source.stem, "date": meta.date, "year": (meta.date or "")[:4] or None,
              "speaker": _who(meta), "organisation": meta.organisation, "title": meta.title,
              "n": str(n)}
    value = values[name]
    return value if name == "stem" or value is None else _slug(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_digests(folder: Path) -> dict[str, Path]:
    """The speeches already in `folder`, by the hash of their content."""
    if not folder.is_dir():
        return {}
    return {digest(path): path for path in find_speeches(folder)}


def add_speech(source: Path, folder: Path, pattern: str | None = None, n: int = 1,
               known: dict[str, Path] | None = None) -> tuple[Path, Path]:
    """Copy `source` into `folder` as ID+suffix and write ID.yaml; refuse to overwrite, and
    refuse a file whose content is in the corpus already (`known`: content hash -> file)."""
    suffix = source.suffix.lower()
    if suffix not in READERS:
        raise SpeechError(f"unknown kind of speech file '{source.suffix}' (briefgen reads "
                          f"{', '.join(sorted(READERS))})", str(source))
    known = corpus_digests(folder) if known is None else known
    content = digest(source)
    if content in known:
        raise SpeechError(f"already in the corpus as {known[content]}; not added twice",
                          str(source))
    speech = load_speech(source, source.stem)  # read before copying: a bad file is not added
    meta = speech.metadata
    notes = complete(meta, speech)
    stem = speech_id(pattern, source, meta, n)
    target, sidecar = folder / f"{stem}{suffix}", folder / f"{stem}.yaml"
    for path in (target, sidecar):
        if path.exists():
            raise BriefgenError("already exists; choose another --id", str(path))
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    sidecar.write_text(sidecar_text(meta, notes), encoding="utf-8")
    known[content] = target
    return target, sidecar

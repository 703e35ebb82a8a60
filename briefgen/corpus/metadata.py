"""Speech metadata: the sidecar file first, then what the speech's header says.

Detected fields are listed in `Metadata.detected` so `briefgen speeches` can
tell the user what to check, and `Metadata.missing()` what to add.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from briefgen.corpus.byline import is_organisation, split_caps_tail, split_name, split_role
from briefgen.corpus.normalise import CONTACT
from briefgen.errors import SpeechError
from briefgen.model import METADATA_FIELDS, Block, Metadata
from briefgen.yamlmarks import Document, read_yaml

SIDECAR_FIELDS = (*METADATA_FIELDS, "short_title")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")"
_DATES = (
    re.compile(r"(?P<day>\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+" + _MONTH + r",?\s+(?P<year>\d{4})"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:\s*[-–]\s*\d{1,2})?,?\s+(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
)
_TIME = re.compile(
    r"[\s,:]+\d{1,2}(?:[:.]\d{2})?\s*(?:[–-]\s*\d{1,2}(?:[:.]\d{2})?)?\s*(?:[ap]\.?m\.?|h)?$", re.I
)
_REFERENCE = re.compile(r"\b[A-Z][A-Za-z]{0,3}\d{4}/\d+/[A-Z]+\b")
_TITLE = re.compile(r"\b(?:remarks|statement|address|speech|intervention|keynote)\b", re.I)
_EVENT = re.compile(
    r"\b(?:dialogue|meeting|forum|conference|summit|session|consultation|assembly|council"
    r"|workshop|symposium|review)\b",
    re.I,
)
# An event named by its kind alone ("4th Annual Meeting"): the organisation says whose.
_GENERIC_EVENT = re.compile(
    r"^(?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|annual|regular|special"
    r"|extraordinary|general|high-level|plenary|opening|closing|the)\s+)+"
    r"(?:meeting|session|conference|assembly|forum|dialogue|consultation|summit)s?$",
    re.I,
)
_ORGANISATION = re.compile(
    r"^(?:ministry|government|permanent mission|embassy|department|office|division|delegation)\b",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:director|secretary|minister|ambassador|representative|president|chair|coordinator"
    r"|commissioner|head|deputy|envoy|spokesperson|rapporteur|moderator)\b",
    re.I,
)
PERSON_NAME = re.compile(
    r"^(?:[A-Z][a-z]+|[A-Z]\.|de|van|von|da|del|al|bin)(?:\s+(?:[A-Z][a-z'’-]+|[A-Z]\.|de|van|von|da|del|al|bin)){1,4}$"
)
UNCHECKED_MARK = "please check"  # ends the comment `speeches add` writes beside a value
_UNCHECKED = re.compile(r"^(\w+)[ \t]*:.*\s#[^#\n]*\b" + UNCHECKED_MARK + r"[ \t]*$", re.M)
_STATUS = re.compile(r"^(?:draft|check against delivery|as delivered|embargoed.*)$", re.I)
_SPEAKING_FOR = re.compile(
    r"\b(?i:statement|remarks|intervention|address)\s+(?:by|of)\s+"
    r"(?:the\s+)?(?i:delegation\s+of\s+)?"
    r"(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
    r"|\b(?i:on behalf of)\s+"
    r"(?P<group>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and|of|its|[A-Z][\w'’-]*)){0,8})",
)


def read_sidecar(path: Path) -> Metadata | None:
    """Metadata from `NAME.yaml` beside the speech, or None when there is none."""
    sidecar = path.with_suffix(".yaml")
    if not sidecar.is_file():
        return None
    doc = read_yaml(sidecar, SpeechError)
    meta = metadata_from_mapping(doc)
    meta.detected = [name for name in unchecked(doc.text) if getattr(meta, name, None)]
    return meta


def unchecked(text: str) -> list[str]:
    """The fields of a sidecar still marked as `briefgen speeches add` wrote them
    ("# detected, please check"): read from the text or proposed, not yet checked."""
    return [match.group(1) for match in _UNCHECKED.finditer(text)]


def metadata_from_mapping(doc: Document) -> Metadata:
    """Validate a metadata mapping (sidecar or front matter): known keys, text values; each
    problem names its line."""
    if doc.data is None:
        return Metadata()
    if not isinstance(doc.data, dict):
        raise doc.error((), "metadata must be a mapping of field: value (e.g. 'title: ...'), "
                            f"not {'a list' if isinstance(doc.data, list) else 'one value'}")
    values: dict[str, str] = {}
    for key, value in doc.data.items():
        name = str(key)
        if name not in SIDECAR_FIELDS:
            near = difflib.get_close_matches(name, SIDECAR_FIELDS, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise doc.error((name,), f"unknown metadata field '{name}'{hint}")
        if isinstance(value, (list, dict)):
            kind = "a list" if isinstance(value, list) else "a mapping"
            raise doc.error((name,), f"expected one piece of text, not {kind}")
        if value is not None:
            values[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return Metadata(**values)


def iso_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601; a range ("26-27 March 2018") gives its first day."""
    for pattern in _DATES:
        match = pattern.search(text)
        if not match:
            continue
        month = match.group("month")
        number = int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1
        try:
            return dt.date(int(match.group("year")), number, int(match.group("day"))).isoformat()
        except ValueError:
            continue
    return None


def detect(header: list[Block], body: list[Block]) -> Metadata:
    """Read title, speaker, role, organisation, event, date and place from the speech's header."""
    found: dict[str, str] = {}
    texts = [line for block in header for line in split_caps_tail(block.text)]
    consumed = False
    for i, text in enumerate(texts):
        if CONTACT.match(text) or consumed:
            consumed = False
            continue
        consumed = _detect_in(text, texts[i + 1] if i + 1 < len(texts) else "", found)
    if "title" not in found and (long := [t for t in texts if len(t.split()) >= 4]):
        found["title"] = max(long, key=len)
    if found.get("event") == found.get("title"):
        found.pop("event", None)  # one line, read as both: it is the title
    elif "event" in found and "organisation" in found and _GENERIC_EVENT.match(found["event"]):
        found["event"] = f"{found['organisation']}, {found['event']}"  # whose annual meeting
    for block in body[:3]:
        if match := _SPEAKING_FOR.search(block.text):
            found.setdefault("speaker", (match.group("who") or match.group("group")).strip())
    meta = Metadata(**found)
    meta.detected = sorted(found)
    return meta


def _detect_in(text: str, following: str, found: dict[str, str]) -> bool:
    """Read one header line into `found`; True when it took the following line too (a role)."""
    if match := _REFERENCE.search(text):
        found.setdefault("reference", match.group(0))
        text = (text[: match.start()] + text[match.end() :]).strip()
    if (date := iso_date(text)) and "date" not in found:
        found["date"] = date
        rest = re.split(r"\d{4}", text, maxsplit=1)[-1]
        place = _TIME.sub("", rest).strip(" ,:–-")
        if place and not iso_date(place):
            found["place"] = place
        return False
    if _STATUS.match(text):
        found.setdefault("status", text.upper() if len(text) < 8 else text)
        return False
    if _TITLE.search(text) and "title" not in found:
        found["title"] = _sentence_case(text)
        if match := _SPEAKING_FOR.search(text):
            found.setdefault("speaker", (match.group("who") or match.group("group")).strip())
        return False
    if "speaker" not in found and not _EVENT.search(text) and (named := split_name(text)):
        name, rest = named
        role_line = rest or (following if _ROLE.search(following) else "")
        if role_line:
            found["speaker"] = name
            role, organisation = split_role(role_line)
            if role:
                found["role"] = role
            if organisation:
                found.setdefault("organisation", organisation)
            return not rest
    if _ORGANISATION.match(text) or (is_organisation(text) and not _EVENT.search(text)):
        _add_organisation(text, found)
    elif _EVENT.search(text) and "event" not in found:
        found["event"] = _sentence_case(text, title=True)
    return False


def _add_organisation(text: str, found: dict[str, str]) -> None:
    """A letterhead's lines, in order ('Ministry of Justice', 'Division for ...'); a line
    that names all of the ones before ('United Nations' + 'Network on Migration') replaces them."""
    before = found.get("organisation")
    if before:
        old, new = set(re.findall(r"\w+", before)), set(re.findall(r"\w+", text))
        if not (old <= new or new <= old):
            text = f"{before}, {text}"
    found["organisation"] = text


def _sentence_case(text: str, title: bool = False) -> str:
    """'OPENING REMARKS' reads as 'Opening remarks' (or 'Opening Remarks' for names of events)."""
    if text.upper() != text:
        return text
    if title:
        small = {"on", "of", "and", "the", "for", "in", "at", "to"}
        words = text.lower().split()
        return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))
    return text.capitalize()


def merge(first: Metadata | None, detected: Metadata) -> Metadata:
    """Fields from `first` (sidecar, front matter); the rest from detection, marked detected."""
    if first is None:
        return detected
    merged = Metadata(**{f: getattr(first, f) for f in SIDECAR_FIELDS},
                      detected=list(first.detected))
    for name in detected.detected:
        if getattr(merged, name) is None:
            setattr(merged, name, getattr(detected, name))
            merged.detected.append(name)
    return merged

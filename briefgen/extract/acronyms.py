"""An annex of acronyms: those the speeches define, expanded as written, and those used undefined.

A definition is "Long Name (LN)" or "LN (Long Name)". The long form is found as
Schwartz and Hearst (2003) find it: the acronym's letters, read from the last,
are found in order in the words before the parenthesis, the first letter at the
start of a word, and the shortest such words are the expansion; so "the Global
Compact for Safe, Orderly and Regular Migration (GCM)" gives "Global Compact for
Safe, Orderly and Regular Migration", and "(ILO, in particular)" gives nothing.
An acronym defined twice in different words is listed with both. One used twice
or more and never defined is listed as "not expanded in the sources", with the
spec's `known:` expansion when it has one. Words in lines written all in capitals
(headings, markings) and Roman numerals are not acronyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from briefgen.extract.base import SectionParams, by_date
from briefgen.model import Block, Item, Section, Source, Speech

NOT_EXPANDED = "not expanded in the sources"
MIN_USES = 2  # an undefined acronym used once is not worth an annex line
EXTRA_WORDS = 5  # the long form may have this many more words than the acronym has letters
# An acronym: a capital, then capitals, digits, '&' or inner hyphens; a plural or
# possessive ending is not part of it.
ACRONYM = re.compile(
    r"(?<![\w&-])(?P<acr>[A-Z](?:[A-Z0-9&]|-(?=[A-Z0-9]))*[A-Z0-9])(?P<end>s|'s|’s)?(?![\w&])"
)
_IN_PARENS = re.compile(r"\(\s*(?P<inner>[^()]{1,200}?)\s*\)")
_ROMAN = re.compile(r"(?=[IVXLC])X{0,3}(?:IX|IV|V?I{0,3})|L?X{0,3}")
_WORD_START = re.compile(r"(?<![\w'’-])\w")
_CLAUSE_END = re.compile(r"[.;:!?()\[\]]")
JOINING_WORDS = frozenset(
    [
        "a", "an", "and", "de", "des", "du", "for", "in", "of", "on", "the", "to",
    ]
)


class Params(SectionParams):
    type: Literal["acronyms"]
    known: dict[str, str] = Field(
        default_factory=dict,
        description="Expansions for acronyms the speeches use but never define, e.g. "
        "{IMRF: International Migration Review Forum}; shown with the mark 'not expanded in "
        "the sources'.",
    )


@dataclass
class Entry:
    """One acronym: its definitions (expansion -> first place) and where it is first used."""

    shown: str
    definitions: dict[str, tuple[str, Source]] = field(default_factory=dict)
    uses: int = 0
    first_use: Source | None = None


def is_acronym(token: str) -> bool:
    """Two capitals or more, and not a Roman numeral ('II', 'XIV')."""
    return sum(c.isupper() for c in token) >= 2 and not _ROMAN.fullmatch(token)


def long_form(acronym: str, before: str) -> str | None:
    """The words at the end of `before` that `acronym` abbreviates: one word per letter
    (words such as 'of' and 'for' between them), else Schwartz and Hearst's shortest match."""
    letters = [c.lower() for c in acronym if c.isalnum()]
    words = list(re.finditer(r"[^\s,]+", before))
    if not words:
        return None
    found = _initials(letters, words, before)
    if found is None:
        window = before[words[max(0, len(words) - len(letters) - EXTRA_WORDS)].start() :]
        found = _shortest(letters, window)
    if found is None or len(found) <= len(acronym) or acronym in found.split():
        return None
    return found


def _initials(letters: list[str], words: list[re.Match[str]], text: str) -> str | None:
    """'International Recruitment Integrity System' for IRIS: each letter a word's initial."""
    i = len(letters) - 1
    for word in reversed(words):
        if word.group()[0].lower() == letters[i]:
            i -= 1
            if i < 0:
                return text[word.start() :].strip(" ,")
        elif word.group().lower() not in JOINING_WORDS:
            return None
    return None


def _shortest(letters: list[str], window: str) -> str | None:
    """Schwartz and Hearst: the letters found from the last, in order, the first one at
    the start of a word; 'Compact for Safe, Orderly and Regular Migration' has G, C, M."""
    text = window.lower()
    at = len(text) - 1
    for i in range(len(letters) - 1, -1, -1):
        while at >= 0 and (text[at] != letters[i] or (i == 0 and not _starts_word(text, at))):
            at -= 1
        if at < 0:
            return None
        at -= 1
    return window[at + 1 :].strip(" ,")


def _starts_word(text: str, at: int) -> bool:
    return _WORD_START.match(text, at) is not None


def _clause_before(text: str, end: int) -> str:
    """The text before `end` back to the last clause boundary (full stop, bracket, colon)."""
    marks = list(_CLAUSE_END.finditer(text, 0, end))
    return text[marks[-1].end() if marks else 0 : end]


def definitions(text: str) -> list[tuple[str, str, int]]:
    """(acronym as written, expansion as written, offset) for each definition in `text`."""
    found = []
    for paren in _IN_PARENS.finditer(text):
        inner = paren.group("inner")
        token = ACRONYM.fullmatch(inner)
        if token and is_acronym(token.group("acr")):  # Long Name (LN)
            expansion = long_form(token.group("acr"), _clause_before(text, paren.start()))
            if expansion:
                found.append((inner, expansion, paren.start()))
            continue
        before = text[: paren.start()].rstrip()
        last = list(ACRONYM.finditer(before))
        if last and last[-1].end() == len(before) and is_acronym(last[-1].group("acr")):
            # LN (Long Name): the whole parenthesis, when it starts with the acronym's letter
            acr, expansion = last[-1].group("acr"), inner.strip(" ,")
            first = re.sub(r"^the\s+", "", expansion, flags=re.I)[:1].lower()
            if first == acr[0].lower() and long_form(acr, expansion):
                found.append((last[-1].group(), expansion, last[-1].start()))
    return found


def _key(acronym: str) -> str:
    match = ACRONYM.fullmatch(acronym)
    return match.group("acr") if match else acronym


def _same(expansion: str) -> str:
    return " ".join(expansion.casefold().split())


def collect(speeches: list[Speech]) -> dict[str, Entry]:
    """Every acronym of the speeches, by its singular form, with definitions and uses."""
    entries: dict[str, Entry] = {}
    for speech in by_date(speeches):
        for block in speech.blocks:
            _read(block, Source(speech.id, block.paragraph, block.page), entries)
    return entries


def _read(block: Block, source: Source, entries: dict[str, Entry]) -> None:
    text = block.text
    if not any(c.islower() for c in text):
        return  # a line in capitals: its words are not acronyms
    for acronym, expansion, _at in definitions(text):
        entry = entries.setdefault(_key(acronym), Entry(acronym))
        if not entry.definitions:
            entry.shown = acronym
        entry.definitions.setdefault(_same(expansion), (expansion, source))
    for token in ACRONYM.finditer(text):
        acr = token.group("acr")
        if is_acronym(acr):
            entry = entries.setdefault(acr, Entry(acr))
            entry.uses += 1
            entry.first_use = entry.first_use or source


def extract(speeches: list[Speech], params: Params) -> Section:
    section = Section(type="acronyms", title=params.title, speeches=[s.id for s in speeches])
    entries = collect(speeches)
    known = {_key(k.strip()): v.strip() for k, v in params.known.items()}
    items: list[Item] = []
    for key in sorted(entries, key=lambda k: (k.casefold(), k)):
        entry = entries[key]
        for expansion, source in entry.definitions.values():
            items.append(Item(0, entry.shown, expansion, source))
        if entry.definitions or entry.first_use is None:
            continue
        if key in known or entry.uses >= MIN_USES:
            items.append(Item(0, entry.shown, known.get(key, ""), entry.first_use,
                              mark=NOT_EXPANDED))
    for acronym in sorted(set(known) - {k for k, e in entries.items() if e.uses}):
        section.warnings.append(f"known: {acronym} is not used in the section's speeches")
    section.extend(items)
    if not section.items:
        names = ", ".join(s.label for s in speeches) or "the selected speeches"
        section.empty_message = f"No acronyms defined or used twice in {names}."
    return section


def curated(section: Section, speeches: list[Speech], params: Params) -> None:
    """After the spec's `include:`, the annex is in alphabetical order again (an included
    quote is listed under its first words)."""
    section.items.sort(key=lambda item: (_key(item.headline).casefold(), _key(item.headline)))
    for number, item in enumerate(section.items, 1):
        item.number = number

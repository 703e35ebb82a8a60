"""Sentence boundaries that survive "e.g.", "U.N.", "Mr.", "No. 5", quotes and dashes.

A regular expression with an abbreviation guard: about 40 times faster than
pysbd on our speeches with the same boundaries there (benchmarks/sentences.py
measures both), which matters when a summary reads a whole corpus.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "art",
        "arts",
        "para",
        "paras",
        "e.g",
        "i.e",
        "cf",
        "vs",
        "viz",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "amb",
        "h.e",
        "approx",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "govt",
        "fig",
        "vol",
        "pp",
        "p",
        "ch",
        "sec",
        "op",
        "cit",
        "al",
        "ibid",
        "est",
        "min",
        "max",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# A boundary: closing punctuation, optional closing quotes or brackets, white space, then
# something that can open a sentence (a capital, a digit, an opening quote or bracket).
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*$")
_SPACE = re.compile(r"\s*")


def _is_abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "J.", "U.N.", "N.Y."
    return (
        bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))
        and len(word.replace(".", "")) <= 3
        and ("." in word or len(word) == 1)
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, white space between sentences excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        # the word before the full stop; a window, not the whole sentence, keeps this linear
        before = text[max(start, match.start() - 64) : match.start() + 1]
        if match.group(0).startswith(".") and _is_abbreviation(before):
            continue
        spans.append((start, end))
        start = _SPACE.match(text, end).end()  # type: ignore[union-attr]  # not a slice: linear
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of `text`, verbatim."""
    return [text[a:b] for a, b in sentence_spans(text)]


def headline(text: str) -> str:
    """The first sentence; a clause closing a series ("...; and") loses its "; and"."""
    spans = sentence_spans(text)
    first = text[: spans[0][1]] if spans else text
    return re.sub(r"\s*;(?:\s+(?:and|or))?\s*$|,\s+(?:and|or)\s*$", "", first).strip()

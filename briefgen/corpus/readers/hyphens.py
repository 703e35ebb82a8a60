"""End-of-line hyphens in PDF text: join "gover-" + "nance", keep "policy-" + "making".

The evidence, in order: the speech's own spelling elsewhere (either form), then a
dictionary (pyspellchecker's word lists, offline): two words on both sides make a
compound, which keeps its hyphen; a joined form that is a word drops the hyphen.
When nothing says it is a word, the hyphen stays, so no word is ever made up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TAIL = re.compile(r"([^\W\d_]+)-$")
_HEAD = re.compile(r"^([^\W\d_]+)")


@cache
def _dictionary() -> Callable[[str], bool]:
    """English word check from pyspellchecker's bundled list; no list, no word."""
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a declared dependency
        return lambda word: False
    checker = SpellChecker(language="en", distance=1)
    return lambda word: bool(checker.known([word]))


class Dehyphenator:
    """Decides line-end hyphens with the vocabulary of one speech."""

    def __init__(self, text: str) -> None:
        self.words = {w.lower() for w in _WORD.findall(text)}

    def joins(self, line: str, following: str) -> bool:
        """Whether `line`'s final hyphen splits one word whose rest starts `following`."""
        tail, head = _TAIL.search(line), _HEAD.match(following)
        if not tail or not head or not head.group(1)[0].islower():
            return False
        left, right = tail.group(1).lower(), head.group(1).lower()
        if f"{left}-{right}" in self.words:
            return False
        if left + right in self.words:
            return True
        known = _dictionary()
        if known(left) and known(right):
            return False
        return known(left + right)

    def join(self, line: str, following: str) -> tuple[str, str]:
        """Move the word's rest from `following` to the end of `line`, without the hyphen."""
        head = _HEAD.match(following)
        assert head is not None
        rest = following[head.end() :]
        # trailing punctuation stays with the word
        punct = re.match(r"^[^\s]*", rest)
        tail = punct.group(0) if punct else ""
        return line[:-1] + head.group(1) + tail, rest[len(tail) :].lstrip()

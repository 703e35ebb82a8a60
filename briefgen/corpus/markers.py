"""List markers and ordinal words: how speakers and word processors enumerate points."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

# A marker at the start of a line: bullets, 1. 1) (1) a. a) (a) i. iv) (iv) A. I.
# Bullets as typed, and as Word's Symbol/Wingdings fonts put them in a PDF's text
# (private-use code points such as U+F0B7).
_BULLETS = "-•●▪◦‣∙·*–o►➢✓\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf071"
MARKER = re.compile(
    r"^(?P<marker>[" + re.escape(_BULLETS) + r"](?=\s)"
    r"|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)](?=\s))\s+"
)

ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth",
)  # fmt: skip
CARDINAL_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                  "eleven", "twelve")  # fmt: skip
_ORDINAL = re.compile(
    r"^(?:and,?\s+)?(?:(?P<word>" + "|".join(ORDINAL_WORDS) + r")(?:ly)?(?:\s+of\s+all)?"
    r"|(?P<final>finally|lastly|last,?\s+but\s+not\s+least))"
    r"(?:,?\s+and,?\s+(?:most\s+importantly|finally|lastly))?\s*[,:.]?\s+"
    r"|^(?P<cardinal>" + "|".join(w.capitalize() for w in CARDINAL_WORDS) + r")[.:]\s+(?=[A-Z])",
    re.I,
)


@dataclass(frozen=True)
class Marker:
    """A parsed list marker: its style (for nesting) and its value (for sequence)."""

    text: str
    style: str  # "bullet-", "decimal.", "alpha)", "roman." ...
    value: int | None  # 1 for "1.", "a)", "i."; None for bullets


def parse_marker(text: str, previous: Marker | None = None) -> Marker:
    """Read a marker like "(b)" or "iv." or "-"; `previous` decides "i." (letter or roman)."""
    if text in _BULLETS:
        return Marker(text, "bullet" + ("-" if text in "-–" else text), None)
    close = text[-1]
    core = text.strip("().")
    style_suffix = ("(" if text.startswith("(") else "") + close
    if core.isdigit():
        return Marker(text, "decimal" + style_suffix, int(core))
    lower = core.lower()
    case = "upper" if core.isupper() else "lower"
    as_letter = Marker(
        text, f"alpha-{case}{style_suffix}", ord(lower) - 96 if len(lower) == 1 else None
    )
    if not ROMAN.match(lower):
        return as_letter
    as_roman = Marker(text, f"roman-{case}{style_suffix}", roman_to_int(lower))
    if len(lower) > 1 or previous is None:
        return as_roman if len(lower) > 1 or lower == "i" else as_letter
    for candidate in (as_letter, as_roman):
        if previous.style == candidate.style and previous.value == (candidate.value or 0) - 1:
            return candidate
    return as_roman if lower == "i" else as_letter


def roman_to_int(text: str) -> int:
    total = 0
    values = [_ROMAN_VALUES[c] for c in text.lower()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


def split_marker(text: str) -> tuple[str | None, str]:
    """("1.", "rest") for "1. rest"; a bullet followed by a number ("- 1) x") gives the number."""
    match = MARKER.match(text)
    if not match:
        return None, text
    marker, rest = match.group("marker"), text[match.end() :]
    if marker in _BULLETS:
        inner = MARKER.match(rest)
        if inner and inner.group("marker") not in _BULLETS:
            return inner.group("marker"), rest[inner.end() :]
    return marker, rest


def ordinal(text: str) -> tuple[int | None, bool, int]:
    """(n, is_final, length) of a leading ordinal word: "Secondly, x" gives (2, False, 10).

    "Finally"/"Lastly" give (None, True, length); no ordinal gives (None, False, 0).
    """
    match = _ORDINAL.match(text)
    if not match:
        return None, False, 0
    if match.group("cardinal"):  # "One. Deepen dialogue ...", "Two. Support ..."
        return CARDINAL_WORDS.index(match.group("cardinal").lower()) + 1, False, match.end()
    if match.group("word"):
        number = ORDINAL_WORDS.index(match.group("word").lower()) + 1
        final = bool(re.search(r"finally|lastly", match.group(0), re.I))
        return number, final, match.end()
    return None, True, match.end()

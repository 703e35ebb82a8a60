"""Word's automatic numbering: the marker Word would show ("1.", "a)", "iv.", a bullet).

A numbered paragraph stores no number, only `numPr` (a list id and a level); the
number comes from counting, with the formats in numbering.xml. Counters belong to
a list (numId), restart where numbering.xml says so (`startOverride`) and reset
deeper levels when a shallower item appears, as Word does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    indent: int = 0  # left indent in twips: how far in Word draws this level


def _val(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


def indent_of(ppr: Any) -> int | None:
    """The left indent (twips) set in a pPr, or None."""
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    if ind is None:
        return None
    value = ind.get(qn("w:left")) or ind.get(qn("w:start"))
    return int(value) if value and value.lstrip("-").isdigit() else None


def format_number(value: int, fmt: str) -> str:
    """A counter in one of Word's number formats (decimal, letters, roman)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", value
        for number, letters in _ROMAN:
            while rest >= number:
                out, rest = out + letters, rest - number
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


@dataclass
class Numbering:
    """The lists of one document and their running counters."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId -> ilvl -> Level
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> start
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document: Any) -> Numbering:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls()
        abstract: dict[str, dict[int, Level]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                start = _val(lvl, "w:start", "1") or "1"
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = Level(
                    _val(lvl, "w:numFmt", "decimal") or "decimal",
                    _val(lvl, "w:lvlText", "") or "",
                    int(start) if start.isdigit() else 1,
                    indent_of(lvl.find(qn("w:pPr"))) or 0,
                )
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        numbering = cls()
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            numbering.levels[num_id] = abstract.get(_val(num, "w:abstractNumId") or "", {})
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None and start.isdigit():
                    level = int(override.get(qn("w:ilvl"), "0"))
                    numbering.overrides.setdefault(num_id, {})[level] = int(start)
        return numbering

    def indent(self, num_id: str, ilvl: int) -> int:
        level = self.levels.get(num_id, {}).get(ilvl)
        return level.indent if level else 0

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """Count one more item of list `num_id` at level `ilvl` and return its marker."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return None  # numId 0 switches numbering off
        level = levels.get(ilvl, Level())
        counters = self.counters.setdefault(num_id, {})
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = self.overrides.get(num_id, {}).get(ilvl, level.start)
        if level.fmt == "none":
            return None
        if level.fmt == "bullet":
            return "-" if ilvl % 2 == 0 else "o"
        return self._render(levels, counters, ilvl, level)

    def _render(
        self, levels: dict[int, Level], counters: dict[int, int], ilvl: int, level: Level
    ) -> str:
        """This level's number with the punctuation around it: "%1." gives "3.", "(%2)" "(b)"."""
        text = level.text or f"%{ilvl + 1}."
        placeholders = list(_PLACEHOLDER.finditer(text))
        if not placeholders:
            return text.strip() or format_number(counters[ilvl], level.fmt)
        last = placeholders[-1]
        prefix = text[placeholders[-2].end() if len(placeholders) > 1 else 0 : last.start()]
        if len(placeholders) > 1:
            prefix = prefix.lstrip(".")  # "%1.%2." shows as "2." for level 2
        n = int(last.group(1)) - 1
        fmt = levels.get(n, level).fmt
        value = format_number(counters.get(n, 1), fmt)
        return (prefix + value + text[last.end() :]).strip() or value

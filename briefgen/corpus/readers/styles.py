"""Word paragraph styles, resolved through `basedOn`: heading level, numbering, page breaks.

Word keeps a paragraph's list numbering and outline level either on the paragraph
or on its style (python-docx's 'List Number', a company template's 'Heading 2'),
so both are read, the paragraph's own settings first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_HEADING_NAME = re.compile(r"^(?:heading|überschrift|titre|título|titolo|kop)\s*(\d)$", re.I)
_TITLE_NAMES = {"title", "subtitle"}


@dataclass(frozen=True)
class ParagraphStyle:
    """What a paragraph's properties and style say about its place in the structure."""

    heading: int | None = None  # 0 for a title, 1.. for heading levels
    numbered: tuple[str, int] | None = None  # (numId, ilvl)
    page_break_before: bool = False


@dataclass
class _Style:
    name: str
    based_on: str | None
    ppr: Any


@dataclass
class Styles:
    """A document's paragraph styles by id."""

    styles: dict[str, _Style] = field(default_factory=dict)
    default: str | None = None

    @classmethod
    def from_document(cls, document: Any) -> Styles:
        found = cls()
        root = document.styles.element
        for node in root.findall(qn("w:style")):
            if node.get(qn("w:type")) != "paragraph":
                continue
            style_id = node.get(qn("w:styleId"), "")
            name = _val(node.find(qn("w:name"))) or style_id
            found.styles[style_id] = _Style(name, _val(node.find(qn("w:basedOn"))),
                                            node.find(qn("w:pPr")))
            if node.get(qn("w:default")) in ("1", "true"):
                found.default = style_id
        return found

    def of(self, p: Any) -> ParagraphStyle:
        """Heading level, numbering and page break of paragraph `p`."""
        ppr = p.find(qn("w:pPr"))
        style_id = _val(ppr.find(qn("w:pStyle"))) if ppr is not None else None
        chain = [ppr, *self._chain(style_id or self.default)]
        heading = self._heading(style_id or self.default)
        if heading is None:
            heading = _first(chain, _outline)
        return ParagraphStyle(heading, _first(chain, _numbering),
                              bool(_first(chain, _break_before)))

    def _chain(self, style_id: str | None) -> list[Any]:
        """The pPr of the style and of each style it is based on, nearest first."""
        out: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            out.append(self.styles[style_id].ppr)
            style_id = self.styles[style_id].based_on
        return out

    def _heading(self, style_id: str | None) -> int | None:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            name = self.styles[style_id].name.strip()
            if name.lower() in _TITLE_NAMES:
                return 0
            if match := _HEADING_NAME.match(name):
                return int(match.group(1))
            style_id = self.styles[style_id].based_on
        return None


def _val(node: Any) -> str | None:
    return node.get(qn("w:val")) if node is not None else None


def _first(chain: list[Any], read: Any) -> Any:
    """The first setting found along the chain (paragraph, its style, the styles it is based on)."""
    for ppr in chain:
        if ppr is not None and (value := read(ppr)) is not None:
            return value
    return None


def _outline(ppr: Any) -> int | None:
    level = _val(ppr.find(qn("w:outlineLvl")))
    if level is None or not level.isdigit() or int(level) >= 9:  # 9 means body text
        return None
    return int(level) + 1


def _numbering(ppr: Any) -> tuple[str, int] | None:
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = _val(num_pr.find(qn("w:numId")))
    ilvl = _val(num_pr.find(qn("w:ilvl"))) or "0"
    if num_id is None:
        return None
    return (num_id, int(ilvl) if ilvl.isdigit() else 0)


def _break_before(ppr: Any) -> bool | None:
    node = ppr.find(qn("w:pageBreakBefore"))
    if node is None:
        return None
    return _val(node) not in ("0", "false", "off")

"""What is wrong with a YAML text PyYAML refused, said in briefgen's words.

Only the place PyYAML stopped comes from its error; what is wrong there is read from the
text itself (yamltext's scan): nesting too deep, a tab in the indentation, a quote, bracket
or escape, a value holding ': ', bad indentation, a second document. The same words come
out whatever PyYAML's release, C loader or Python.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from briefgen.yamltext import CLOSING, Layout, Line, opens_block, plain_value_with_colon, scan

SYNTAX = "YAML syntax error: "


def nested(limit: int) -> str:
    """The words for nesting past `limit`, whoever noticed it."""
    return f"nested more than {limit} levels deep"


class Problem(NamedTuple):
    """What is wrong with a YAML text, and where: 1-based line and column."""

    message: str
    line: int
    column: int | None = None

    def where(self, name: str, first_line: int = 1) -> str:
        """`name:line:column`, the line counted from `first_line` (front matter starts below
        the file's first line)."""
        line = self.line + first_line - 1
        return f"{name}:{line}:{self.column}" if self.column else f"{name}:{line}"


def describe(text: str, line: int, column: int, limit: int) -> Problem:
    """What is wrong in `text` where PyYAML stopped (0-based `line` and `column`); `limit`
    is the nesting allowed."""
    return _Reading(text, line, column, limit).problem()


class _Reading:
    """The text around the place PyYAML stopped, read for what is wrong there."""

    def __init__(self, text: str, line: int, column: int, limit: int) -> None:
        self.lines = text.split("\n")
        line = min(line, len(self.lines) - 1)
        self.text, self.line, self.limit = text, line + 1, limit
        self.index = min(len(text), sum(len(part) + 1 for part in self.lines[:line]) + column)
        self.layout: Layout = scan(text, self.index, limit)
        self.here = self.lines[line]

    def at(self, index: int) -> tuple[int, int]:
        """(line, column) of an index of the text."""
        line_start = self.text.rfind("\n", 0, index) + 1
        return self.text.count("\n", 0, index) + 1, index - line_start + 1

    def problem(self) -> Problem:
        for check in (self._nested, self._tab, self._quote, self._escape, self._closer,
                      self._bracket, self._after_quote, self._document, self._colon,
                      self._indentation, self._reserved, self._alias):
            found = check()
            if found:
                return found
        return Problem(SYNTAX + "not valid YAML here; check the quotes, colons and indentation "
                       "of this line", *self.at(self.index))

    def _nested(self) -> Problem | None:
        """Block levels (indentation, `- ` items) and flow levels (brackets) past the limit,
        counted as libyaml's events count them, so the place is the same either way."""
        levels: list[int] = []
        block_levels: dict[int, int] = {}  # line number -> the levels it opens within
        for line in self.layout.lines:
            while levels and levels[-1] >= line.indent:
                levels.pop()
            dashes = [m.start() for m in re.finditer("-", line.text[: line.content])]
            own = max(len(dashes), 1)
            if len(levels) + own > self.limit:
                fits = self.limit - len(levels)
                column = dashes[fits] if fits < len(dashes) else line.indent
                return Problem(nested(self.limit), line.number, column + 1)
            levels.extend([line.indent] * own)
            block_levels[line.number] = len(levels)
        first = self.layout.first_at_depth
        if first:
            need = self.limit - block_levels.get(self.at(first[0])[0], 0) + 1
            if 0 < need <= len(first):
                return Problem(nested(self.limit), *self.at(first[need - 1]))
        return None

    def _tab(self) -> Problem | None:
        indent = self.here[: len(self.here) - len(self.here.lstrip(" \t"))]
        if "\t" in indent or self.text[self.index : self.index + 1] == "\t":
            return Problem(SYNTAX + "a tab in the indentation; use spaces, not tabs", self.line, 1)
        return None

    def _quote(self) -> Problem | None:
        at = self.layout.unclosed_quote
        if at is None or at > self.index:
            return None
        quote = self.text[at]
        return Problem(SYNTAX + f"the quote {quote} opened here is never closed; end the value "
                       f"with {quote}", *self.at(at))

    def _escape(self) -> Problem | None:
        at = self.layout.bad_escape
        if at is None or at > self.index:
            return None
        return Problem(SYNTAX + f"unknown escape '\\{self.text[at + 1 : at + 2]}' in a \"...\" "
                       "value; write \\\\ for a backslash, or quote the value with '...'",
                       *self.at(at))

    def _closer(self) -> Problem | None:
        if not self.layout.wrong_closer or self.layout.wrong_closer[0] > self.index:
            return None
        at, opener = self.layout.wrong_closer
        closer = self.text[at]
        if opener is None:
            return Problem(SYNTAX + f"'{closer}' here closes nothing; remove it, or quote the "
                           "value", *self.at(at))
        opened = self.text[opener]
        return Problem(SYNTAX + f"'{closer}' here does not close the '{opened}' opened at line "
                       f"{self.at(opener)[0]}; close that with '{CLOSING[opened]}'", *self.at(at))

    def _bracket(self) -> Problem | None:
        if not self.layout.open_at_stop:
            return None
        opener = self.layout.open_at_stop[-1]
        opened_line, _ = self.at(opener)
        at_end = not self.text[self.index :].strip()
        indent = len(self.here) - len(self.here.lstrip(" "))
        opener_text = self.lines[opened_line - 1]
        if at_end or (opened_line != self.line
                      and indent <= len(opener_text) - len(opener_text.lstrip(" "))):
            opened = self.text[opener]
            kind = "list" if opened == "[" else "mapping"
            return Problem(SYNTAX + f"the '{opened}' opened here is never closed; add "
                           f"'{CLOSING[opened]}' where the {kind} ends", *self.at(opener))
        return None

    def _after_quote(self) -> Problem | None:
        before = [(start, end) for start, end in self.layout.quotes if end < self.index]
        if not before:
            return None
        start, end = before[-1]
        rest = self.text[self.index : self.index + 1]
        if self.text[end + 1 : self.index].strip() or rest in ("", "\n", ",", "]", "}", ":", "#"):
            return None
        if self.at(end)[0] != self.line:
            return None
        if self.text[start] == "'":
            fix = "to put ' inside '...', write it twice ('')"
        else:
            fix = "to put \" inside \"...\", write \\\" (or quote the value with '...')"
        return Problem(SYNTAX + f"text goes on after the closing quote; {fix}", *self.at(start))

    def _document(self) -> Problem | None:
        if self.here.startswith(("---", "...")) and self.line > 1:
            return Problem(SYNTAX + "a second YAML document ('---') is not allowed; a file "
                           "holds one", self.line, 1)
        if self.here.startswith("%"):
            return Problem(SYNTAX + "YAML directives ('%...') are not supported; remove this "
                           "line", self.line, 1)
        return None

    def _colon(self) -> Problem | None:
        column = plain_value_with_colon(self.here)
        if column is None:
            return None
        return Problem(SYNTAX + "quote a value that contains ': '", self.line, column + 1)

    def _indentation(self) -> Problem | None:
        above = [line for line in self.layout.lines if line.number < self.line]
        here = next((line for line in self.layout.lines if line.number == self.line), None)
        if here is None or not above:
            return None
        previous = above[-1]
        if here.indent > previous.content and not opens_block(previous):
            return Problem(SYNTAX + f"bad indentation: line {previous.number} already has a "
                           "value, so this line cannot be indented under it; line it up with "
                           "the keys it belongs with", self.line, here.indent + 1)
        levels = sorted({level for line in above for level in (line.indent, line.content)
                         if level <= previous.content})
        if here.indent < previous.indent and here.indent not in levels:
            shown = ", ".join(map(str, levels[:-1])) + f" or {levels[-1]}" if len(levels) > 1 \
                else str(levels[0])
            spaces = f"{here.indent} space{'s' if here.indent != 1 else ''}"
            return Problem(SYNTAX + f"bad indentation: this line is indented {spaces}, the "
                           f"lines above it {shown}; line it up with the keys it belongs with",
                           self.line, here.indent + 1)
        if here.indent == previous.indent and _is_item(here) != _is_item(previous):
            return Problem(SYNTAX + "bad indentation: list items ('- ') and keys cannot be "
                           "mixed at one indentation; indent the list under its key",
                           self.line, here.indent + 1)
        return None

    def _reserved(self) -> Problem | None:
        char = self.text[self.index : self.index + 1]
        if char in ("@", "`"):
            return Problem(SYNTAX + f"a value cannot start with '{char}'; quote it",
                           *self.at(self.index))
        return None

    def _alias(self) -> Problem | None:
        start = self.index - 1 if self.text[self.index - 1 : self.index] in ("&", "*") \
            else self.index
        token = re.match(r"[&*][\w.-]*", self.text[start:])
        if not token:
            return None
        name = token.group()
        if len(name) == 1:
            return Problem(SYNTAX + f"'{name}' must be followed by a name", *self.at(start))
        if name.startswith("*"):
            return Problem(SYNTAX + f"'{name}' refers to no anchor '&{name[1:]}' above it",
                           *self.at(start))
        return None


def _is_item(line: Line) -> bool:
    return line.content > line.indent


def _is_item(line: Line) -> bool:
    return line.content > line.indent

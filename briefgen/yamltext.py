"""What a YAML text's brackets, quotes and indentation look like, read by briefgen itself.

When PyYAML refuses a file, its message is the library's (and changes between releases);
yamlmarks describes the problem from this reading of the text instead. It is a plain
scan, not a parser: good enough to say "the '[' here is never closed" or "line 4 is
indented under a key that already has a value" at the place the library stopped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PLAIN_END = re.compile(r"\n|:(?=[ \t\r\n]|\Z)|[ \t]#")  # where a plain value may end
_PLAIN_END_FLOW = re.compile(r"\n|:(?=[ \t\r\n,\[\]{}]|\Z)|[ \t]#|[,\[\]{}]")
_TOKEN_END = re.compile(r"[ \t\r\n,\[\]{}]|\Z")
_DOUBLE = re.compile(r'[\\"]')
_ESCAPES = frozenset('0abt\tnvfre "/\\N_LPxuU\n\r')
_INDENT = re.compile(r"[ \t]*")
# `key: value` on one line (after any `- `): the value, when it is plain (not quoted,
# not a collection, block scalar, anchor, tag or alias)
_KEY_VALUE = re.compile(r"""[ \t]*(?:-[ \t]+)*(?:"[^"]*"|'[^']*'|[^\s#'"\[\]{},&*!|>%@`-][^#]*?)"""
                        r"""[ \t]*:[ \t]+(?P<value>[^\s"'\[{|>&!*#].*)""")
_COLON_IN_VALUE = re.compile(r":(?:[ \t]|$)")
CLOSING = {"[": "]", "{": "}"}


@dataclass
class Line:
    """A line that starts in block context (not inside quotes, brackets or a block scalar)."""

    number: int  # 1-based
    indent: int  # spaces before its first character
    content: int  # where its content starts, after any `- ` list markers
    text: str


@dataclass
class Layout:
    """What the scan found; indexes are into the text."""

    first_at_depth: list[int] = field(default_factory=list)  # where flow nesting first
    # reached each depth (1, 2, ...), up to one past the limit
    unclosed_quote: int | None = None  # a quote that is never closed
    wrong_closer: tuple[int, int | None] | None = None  # (closer, the bracket it meets or None)
    bad_escape: int | None = None  # the backslash of an unknown escape in "..."
    open_at_stop: list[int] = field(default_factory=list)  # brackets open at `stop`
    quotes: list[tuple[int, int]] = field(default_factory=list)  # (opening, closing) quotes
    lines: list[Line] = field(default_factory=list)


def scan(text: str, stop: int, limit: int) -> Layout:
    """Read `text` once; `stop` is the index whose open brackets are wanted, `limit` the
    flow nesting up to which `first_at_depth` is recorded."""
    found = Layout()
    stack: list[int] = []
    i, n = 0, len(text)
    start = True  # a value may start here: a bracket or quote here is YAML's, not text
    stopped = False
    _record_line(text, 0, 1, found)
    line_no = 1
    while i < n:
        if not stopped and i >= stop:
            found.open_at_stop, stopped = list(stack), True
        c = text[i]
        if c == "\n":
            i, line_no, start = i + 1, line_no + 1, True
            if not stack:
                _record_line(text, i, line_no, found)
            continue
        if c in " \t\r":
            i += 1
            continue
        if c == "#" and (i == 0 or text[i - 1] in " \t\n"):
            i = _line_end(text, i)
            continue
        if c in "[{" and (start or stack):
            stack.append(i)
            if len(stack) > len(found.first_at_depth) and len(stack) <= limit + 1:
                found.first_at_depth.append(i)
            i, start = i + 1, True
            continue
        if c in "]}" and (stack or start):
            opener = stack.pop() if stack else None
            if found.wrong_closer is None and (opener is None or CLOSING[text[opener]] != c):
                found.wrong_closer = (i, opener)
            i, start = i + 1, False
            continue
        if c == "," and stack:
            i, start = i + 1, True
            continue
        if start and c in "\"'":
            end = _quote_end(text, i, found)
            if end is None:
                found.unclosed_quote = i
                break
            line_no += text.count("\n", i, end)
            found.quotes.append((i, end))
            i, start = end + 1, False
            continue
        if start and not stack and c in "|>":
            i, skipped = _block_scalar_end(text, i)
            line_no += skipped
            if i < n:
                _record_line(text, i, line_no, found)
            continue
        nxt = text[i + 1 : i + 2]
        if start and not stack and c in "-?" and nxt in ("", " ", "\t", "\n", "\r"):
            i += 1
            continue
        if start and c in "&!":
            i = _TOKEN_END.search(text, i).start()  # type: ignore[union-attr]
            continue
        if c == ":" and (nxt in ("", " ", "\t", "\n", "\r") or (stack and nxt in ",[]{}")):
            i, start = i + 1, True
            continue
        start = False
        end_match = (_PLAIN_END_FLOW if stack else _PLAIN_END).search(text, i + 1)
        i = end_match.start() if end_match else n
    if not stopped:
        found.open_at_stop = list(stack)
    return found


def _record_line(text: str, at: int, number: int, found: Layout) -> None:
    """Note a line starting at `at` in block context, unless it is blank or a comment."""
    end = _line_end(text, at)
    line = text[at:end]
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return
    indent = len(_INDENT.match(line).group())  # type: ignore[union-attr]
    content = indent
    while line[content : content + 1] == "-" and line[content + 1 : content + 2] in (" ", "\t"):
        content += 2
        while line[content : content + 1] in (" ", "\t"):
            content += 1
    found.lines.append(Line(number, indent, content, line))


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _quote_end(text: str, i: int, found: Layout) -> int | None:
    """The index of the quote that closes the one at `i`, or None when none does."""
    if text[i] == "'":
        j = i + 1
        while True:
            j = text.find("'", j)
            if j < 0:
                return None
            if text[j + 1 : j + 2] != "'":
                return j
            j += 2
    j = i + 1
    while match := _DOUBLE.search(text, j):
        j = match.start()
        if text[j] == '"':
            return j
        if text[j + 1 : j + 2] not in _ESCAPES and found.bad_escape is None:
            found.bad_escape = j
        j += 2
    return None


def _block_scalar_end(text: str, i: int) -> tuple[int, int]:
    """Skip a `|` or `>` block scalar: the lines indented deeper than the line it starts on.
    Returns the index of the first line after it and the number of lines skipped."""
    line_start = text.rfind("\n", 0, i) + 1
    parent = len(_INDENT.match(text, line_start).group())  # type: ignore[union-attr]
    at, lines = _line_end(text, i), 0
    while at < len(text):
        following = _line_end(text, at + 1)
        line = text[at + 1 : following]
        if line.strip() and len(_INDENT.match(line).group()) <= parent:  # type: ignore[union-attr]
            break
        at, lines = following, lines + 1
    return min(at + 1, len(text)), lines + 1


def plain_value_with_colon(line: str) -> int | None:
    """The column (0-based) of a `key: value` line's plain value that itself holds ': '."""
    match = _KEY_VALUE.match(line)
    if not match:
        return None
    value = re.split(r"[ \t]#", match.group("value"), maxsplit=1)[0].rstrip()
    return match.start("value") if _COLON_IN_VALUE.search(value) else None


def opens_block(line: Line) -> bool:
    """Whether a line leaves its value to the lines below it (`key:`, `-`, `key: &anchor`)."""
    body = re.split(r"[ \t]#", line.text[line.content :], maxsplit=1)[0].rstrip()
    return (not body or body.endswith(":") or body == "-"
            or re.search(r":[ \t]+[&!]\S*$", body) is not None)

"""What is wrong with a template's tags, read by briefgen itself from the template's text.

When Jinja refuses a template, its message is Jinja's; `syntax_problem` says in briefgen's
words what is wrong at the line Jinja stopped on: a block never closed, an end tag that
closes nothing, an unknown tag or filter, a tag left open, an expression cut short.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

_TAG = re.compile(r"\{%[-+]?(.*?)-?%\}|\{\{(.*?)\}\}|\{#.*?#\}", re.S)
_OPENER = re.compile(r"\{[{%]")
_NAME = re.compile(r"\s*([A-Za-z_]\w*)?(.*)", re.S)
BLOCKS = ("for", "if", "macro", "call", "filter", "block", "with", "autoescape", "raw", "set")
MIDDLE = {"else": ("for", "if"), "elif": ("if",)}
SINGLE = ("include", "import", "from", "extends", "print", "set")
KNOWN = (*BLOCKS, *(f"end{name}" for name in BLOCKS), *MIDDLE, *SINGLE)
WORD_LEVELS = {"tr": "table row", "tc": "table cell"}  # docxtpl's, only inside a Word table
NEEDS = {
    "if": "a condition", "elif": "a condition", "for": "a loop: {% for item in list %}",
    "set": "a name and a value: {% set name = value %}", "macro": "a name: {% macro name() %}",
    "block": "a name", "filter": "a filter name", "call": "a macro to call",
    "include": "a file name in quotes", "import": "a file name in quotes",
    "extends": "a file name in quotes", "from": "a file name in quotes",
}
_DANGLING = re.compile(r"(?:[-+*/%~,.(\[|=<>!]|\b(?:and|or|not|in|is|if|else))\s*$")
_LEADING = re.compile(r"^\s*(?:[*/%,)\]}|=]|\b(?:and|or|is)\b)")
_FILTER = re.compile(r"\|\s*([A-Za-z_]\w*)")
_TEST = re.compile(r"\bis\s+(?:not\s+)?([A-Za-z_]\w*)")


@dataclass
class _Tag:
    line: int
    name: str  # the statement's first word ("" for {{ }}), or "{{"
    args: str
    text: str  # the tag as written, on one line

    def shown(self, where: bool) -> str:
        return f"'{self.text}'" + (f" (line {self.line})" if where else "")


def syntax_problem(source: str, line: int | None, filters: Iterable[str] = (),
                   tests: Iterable[str] = (), lines: bool = True) -> str:
    """What is wrong with the template `source`, whose tags Jinja refused at `line`.

    `lines` says whether the source's line numbers mean something to its author (a Word
    template's source is XML made by docxtpl: there, tags are named without lines).
    """
    tags, unclosed = _read(source)
    found, still_open = _structure(tags, line, lines)
    if found:
        return found
    if unclosed is not None and (line is None or unclosed[0] <= line):
        number, text = unclosed
        at = f" (line {number})" if lines else ""
        return f"'{text}'{at} is never closed; end it with '{_closing(text)}'"
    here = [tag for tag in tags if tag.line == line] or tags[-1:]
    for tag in here:
        problem = _expression(tag, set(filters), set(tests))
        if problem:
            return problem
    if still_open:
        return (f"{still_open.shown(lines)} is never closed; add "
                f"'{{% end{still_open.name} %}}' where it ends")
    if here:
        return f"cannot read the tag '{here[0].text}'; check its expression"
    return "cannot read the template's tags here; check that each '{{' and '{%' is closed"


def _read(source: str) -> tuple[list[_Tag], tuple[int, str] | None]:
    """The tags of `source`, and the first opener never closed (line, its text)."""
    tags: list[_Tag] = []
    raw = False
    end = 0
    for match in _TAG.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        text = _one_line(match.group(0))
        if match.group(0).startswith("{#"):
            continue
        if match.group(2) is not None:
            if not raw:  # less the whitespace control of {{- and -}}
                args = re.sub(r"^[-+]|-$", "", match.group(2))
                tags.append(_Tag(line, "{{", args, text))
        else:
            name, args = _NAME.match(match.group(1)).groups()  # type: ignore[union-attr]
            name = name or ""
            if raw and name != "endraw":
                continue
            raw = name == "raw"
            tags.append(_Tag(line, name, args, text))
        end = match.end()
        if "<w:" in match.group(0) or "</w:" in match.group(0):  # a Word tag left open
            return tags, (line, _one_line(re.split(r"<", match.group(0))[0]))
    rest = _TAG.sub(lambda m: " " * len(m.group(0)), source[end:])
    opener = _OPENER.search(rest)
    if opener:
        at = end + opener.start()
        text = _one_line(re.split(r"[<\n]", source[at : at + 60])[0])
        return tags, (source.count("\n", 0, at) + 1, text)
    return tags, None


def _structure(tags: list[_Tag], line: int | None, lines: bool) -> tuple[str | None, _Tag | None]:
    """Blocks opened and closed in the wrong order, unknown tags: the first one at or
    before `line` (Jinja stops at the first); else the innermost block still open at the
    end, when Jinja stopped there."""
    stack: list[_Tag] = []
    for tag in tags:
        if line is not None and tag.line > line:
            break
        name = tag.name
        if name == "{{":
            continue
        if name in WORD_LEVELS:
            return (f"'{{%{name} ... %}}' works only inside a Word {WORD_LEVELS[name]}; "
                    "elsewhere write '{% ... %}' or '{%p ... %}'"), None
        if name in ("p", "r"):  # {%-p: docxtpl reads its {%p and {%r only without the '-'
            return f"unknown tag {tag.shown(lines)}: write '{{%{name} ... %}}', without '-'", None
        if name not in KNOWN:
            near = difflib.get_close_matches(name, KNOWN, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            return f"unknown tag {tag.shown(lines)}{hint}", None
        if name == "set" and "=" in tag.args:
            continue
        if name in BLOCKS:
            stack.append(tag)
        elif name in MIDDLE:
            if not stack or stack[-1].name not in MIDDLE[name]:
                return (f"{tag.shown(lines)} belongs inside "
                        f"{' or '.join(f'{{% {b} %}}' for b in MIDDLE[name])}, and none is "
                        "open"), None
        elif name.startswith("end"):
            opened = name[3:]
            if not stack:
                return f"{tag.shown(lines)} closes nothing: no '{{% {opened} %}}' is open", None
            if stack[-1].name != opened:
                return (f"{tag.shown(lines)} cannot close {stack[-1].shown(lines)}; close "
                        f"that first with '{{% end{stack[-1].name} %}}'"), None
            stack.pop()
    if stack and (line is None or line >= tags[-1].line):
        return None, stack[-1]
    return None, None


def _expression(tag: _Tag, filters: set[str], tests: set[str]) -> str | None:
    """A problem in one tag's expression that briefgen can name."""
    args = tag.args.strip()
    if tag.name == "{{" and not args:
        return f"'{tag.text}' is empty; put a variable or value in it"
    if tag.name in NEEDS and not args:
        return f"{tag.text!r} needs {NEEDS[tag.name]}"
    if tag.name == "for" and not re.search(r"\bin\b", args):
        return f"'{tag.text}' needs 'in': {{% for item in list %}}"
    unbalanced = _unbalanced(args)
    if unbalanced:
        return f"{unbalanced} in '{tag.text}'"
    for pattern, known, kind in ((_FILTER, filters, "filter"), (_TEST, tests, "test")):
        for name in pattern.findall(_without_strings(args)):
            if known and name not in known:
                near = difflib.get_close_matches(name, sorted(known), n=1)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                return f"unknown {kind} '{name}' in '{tag.text}'{hint}"
    if _DANGLING.search(args) or _LEADING.search(args):
        return f"the expression in '{tag.text}' is incomplete"
    return None


def _unbalanced(text: str) -> str | None:
    """A quote or bracket of an expression left open, or closing nothing."""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack: list[str] = []
    quote = None
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            stack.append(char)
        elif char in pairs:
            if not stack or stack[-1] != pairs[char]:
                return f"'{char}' closes nothing"
            stack.pop()
    if quote:
        return f"a quote ({quote}) is never closed"
    if stack:
        return f"'{stack[-1]}' is never closed"
    return None


def _without_strings(text: str) -> str:
    return re.sub(r"'[^']*'|\"[^\"]*\"", "''", text)


def _closing(opener: str) -> str:
    return "}}" if opener.startswith("{{") else "%}"


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

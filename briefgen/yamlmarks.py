"""YAML that remembers where each key was written, so errors can say `file:line: key`.

A spec is composed to a node tree with PyYAML's safe loader (marks give the lines),
then walked once to build plain data: the walk refuses duplicate keys, non-string
keys, merge keys and non-standard tags, and stops alias bombs by counting the values
it builds. Sidecars, front matter and template manifests load faster (load_yaml).

Whatever PyYAML says when it refuses a file, the user reads briefgen's own words:
`problem` describes it from the place PyYAML stopped and the text around it
(yamltext), never from the library's message, which changes between releases.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefgen.errors import BriefgenError, SpecError, os_reason
from briefgen.yamlproblem import SYNTAX, Problem, describe, nested

KeyPath = tuple[str | int, ...]

MAX_BYTES = 1_000_000  # a spec is a page of YAML; this is generous
MAX_DEPTH = 40
MAX_VALUES = 20_000  # counted after aliases are expanded
NESTED = nested(MAX_DEPTH)
_CORE = "tag:yaml.org,2002:"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SCALAR_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_PLAIN_TAGS = {*_SCALAR_TAGS, _CORE + "map", _CORE + "seq", "!"}


def dotted(path: KeyPath) -> str:
    """`('sections', 2, 'type')` -> `sections[2].type`, the form users see."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def one_line(text: str) -> str:
    """Escape line breaks and control characters, so a message stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass
class Document:
    """Plain data from a YAML file and the line of every key path in it (for a sidecar,
    front matter or manifest, of its top-level keys); `kind` is the error it raises."""

    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=lambda: {(): 1})
    kind: type[BriefgenError] = SpecError
    text: str = ""  # the YAML as read (a sidecar's comments mark the fields left unchecked)

    def line(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest ancestor in the file (where a missing key goes)."""
        while path not in self.lines:
            path = path[:-1]
        return self.lines[path]

    def error(self, path: KeyPath, message: str) -> BriefgenError:
        """A one-line `file:line: key.path: message` error."""
        text = f"{dotted(path)}: {message}" if path else message
        return self.kind(one_line(text), f"{self.file}:{self.line(path)}")


class Refused(yaml.MarkedYAMLError):
    """A refusal of briefgen's own (too deep, too many values, a duplicate key, a date that
    does not exist), with its message, at the place in the file."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(problem=message, problem_mark=mark)
        self.message = message


class _Careful:
    """Constructors that say in briefgen's words what a value cannot be, at its place."""

    def construct_yaml_int(self, node: ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)  # type: ignore[misc, no-any-return]
        except ValueError:
            raise Refused(f"{_shorten(node.value)} is a number too long to read (more than "
                          f"{sys.get_int_max_str_digits()} digits); quote it if it is text",
                          node.start_mark) from None

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except (ValueError, OverflowError):
            raise Refused(f"{_shorten(node.value)} is not a real date; write it as YYYY-MM-DD "
                          "(or quote it if it is text)", node.start_mark) from None

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, int] = {}
        for key, _value in node.value:
            if isinstance(key, ScalarNode):
                if key.value in seen:
                    raise Refused(f"duplicate key '{key.value}' (first at line {seen[key.value]})",
                                  key.start_mark)
                seen[key.value] = key.start_mark.line + 1
        return super().construct_mapping(node, deep)  # type: ignore[misc, no-any-return]


class _PlainLoader(_Careful, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader in C where PyYAML has it (libyaml), careful with values."""


class _Loader(_Careful, yaml.SafeLoader):
    """The safe loader, refusing deep nesting before Python's recursion limit does, and
    a file of more than MAX_VALUES values before composing all of it."""

    _depth = 0
    _nodes = 0
    aliases = False  # whether the file uses an alias (*name)

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        self._depth += 1
        self._nodes += 1
        try:
            deep = self._depth > MAX_DEPTH and self.check_event(yaml.CollectionStartEvent)
            if deep or self._nodes > MAX_VALUES:
                mark = self.peek_event().start_mark
                raise Refused(NESTED if deep
                              else f"more than {MAX_VALUES} values; a spec is a page of YAML", mark)
            if self.check_event(yaml.AliasEvent):
                self.aliases = True
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1


for _loader in (_PlainLoader, _Loader):
    _loader.add_constructor(_CORE + "int", _Careful.construct_yaml_int)
    _loader.add_constructor(_CORE + "timestamp", _Careful.construct_yaml_timestamp)


def load(path: Path) -> Document:
    """Read a spec into data with line numbers, or raise a one-line SpecError."""
    name = str(path)
    return parse(decode(_read(path, name), name, SpecError, "the spec"), name)


def parse(text: str, name: str) -> Document:
    """YAML text into data with line numbers (errors name `name`), or raise a SpecError."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        found = problem(exc, text)
        raise SpecError(one_line(found.message), found.where(name)) from None
    if node is None:
        raise SpecError("the spec is empty", f"{name}:1")
    doc = Document(name, None)
    doc.data = _Builder(loader, doc).build(node, ())
    return doc


def read_yaml(path: Path, kind: type[BriefgenError]) -> Document:
    """A small YAML file (a sidecar, a template manifest) read by load_yaml; a file that
    cannot be read, is not UTF-8 or is not YAML is a one-line error of `kind`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise kind(f"cannot read: {os_reason(exc)}", str(path)) from None
    return load_yaml(decode(raw, str(path), kind, "the file"), str(path), kind)


def load_yaml(text: str, where: str, kind: type[BriefgenError], first_line: int = 1) -> Document:
    """Plain data from a small YAML file that needs no marks but those of its top-level keys
    (a sidecar, front matter, a template manifest), by the safe loader in C where PyYAML
    has it: 10 times faster than the Python one, whose parse was a quarter of the time of
    reading a speech. `first_line` is the file's line where `text` starts.

    The C loader builds nested values by recursing in C, so deep nesting would crash the
    process, not raise: its events, which come one at a time, are checked first. Aliases
    are refused too (such a file never needs them, and they make exponential values), and
    tags beyond the plain ones.
    """
    try:
        _check_events(text)
        loader = _PlainLoader(text)
        try:
            node = loader.get_single_node()
            data = None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        found = problem(exc, text)
        raise kind(one_line(found.message), found.where(where, first_line)) from None
    doc = Document(where, data, {(): first_line}, kind, text)
    if isinstance(node, MappingNode):
        for key, _value in node.value:
            if isinstance(key, ScalarNode):
                doc.lines[(key.value,)] = key.start_mark.line + first_line
    return doc


def _check_events(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_PlainLoader):
        if isinstance(event, yaml.AliasEvent):
            raise Refused("aliases (*name) are not allowed here; write the value out",
                          event.start_mark)
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS:
            raise Refused(f"unsupported YAML tag '{tag.replace(_CORE, '!!')}' (only plain text, "
                          "numbers, dates, lists and mappings)", event.start_mark)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(NESTED, event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _read(path: Path, name: str) -> bytes:
    """Read at most MAX_BYTES + 1 bytes, so a huge file is refused without reading it all."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SpecError(f"cannot read the spec: {os_reason(exc)}", name) from None
    if len(raw) > MAX_BYTES:
        raise SpecError(f"the spec is larger than the 1 MB limit ({MAX_BYTES} bytes)", name)
    return raw


def decode(raw: bytes, name: str, kind: type[BriefgenError], what: str) -> str:
    """UTF-8 text (a byte-order mark allowed), or an error naming the line of the first
    byte that is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise kind(
            f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at byte offset "
            f"{exc.start}); save {what} as UTF-8",
            f"{name}:{line}",
        ) from None


# --- what is wrong, in briefgen's words ---------------------------------------------------------

def problem(exc: BaseException, text: str) -> Problem:
    """What is wrong with `text`, which PyYAML refused with `exc`, in briefgen's words.

    Only the place PyYAML stopped (its marks) is taken from the error; what is wrong there
    is read from the text itself, so the message is the same whatever PyYAML's release.
    """
    if isinstance(exc, Refused):
        return Problem(exc.message, *_line_column(exc.problem_mark))
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return Problem(f"the character U+{exc.character:04X} cannot be in a YAML file; remove it",
                       line, column)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return Problem(SYNTAX + "not valid YAML; check its quotes, colons and indentation", 1)
    return describe(text, mark.line, mark.column, MAX_DEPTH)


def _line_column(mark: Any) -> tuple[int, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, None)


class _Builder:
    """Walk the node tree once, building data and recording the line of each key path."""

    def __init__(self, loader: yaml.SafeLoader, doc: Document) -> None:
        self.loader = loader
        self.doc = doc
        self.count = 0

    def fail(self, node: Node, path: KeyPath, message: str) -> SpecError:
        text = f"{dotted(path)}: {message}" if path else message
        return SpecError(one_line(text), f"{self.doc.file}:{node.start_mark.line + 1}")

    def build(self, node: Node, path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(
                node,
                path,
                f"more than {MAX_VALUES} values once YAML aliases are expanded; refusing "
                "(an alias bomb?)" if getattr(self.loader, "aliases", True)
                else f"more than {MAX_VALUES} values; a spec is a page of YAML",
            )
        if len(path) > MAX_DEPTH:
            raise self.fail(node, path, f"{NESTED} (a recursive YAML alias?)")
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode) and node.tag == _CORE + "map":
            return self._mapping(node, path)
        if isinstance(node, SequenceNode) and node.tag == _CORE + "seq":
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, ScalarNode) and node.tag in _SCALAR_TAGS:
            return self._scalar(node, path)
        tag = node.tag.replace(_CORE, "!!")
        raise self.fail(
            node,
            path,
            f"unsupported YAML tag '{tag}' (a spec holds only plain "
            "strings, numbers, booleans, dates, lists and mappings)",
        )

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            child = (*path, key)
            if key in data:
                first = self.doc.lines[child]
                raise self.fail(key_node, child, f"duplicate key '{key}' (first at line {first})")
            self.doc.lines[child] = key_node.start_mark.line + 1
            data[key] = self.build(value_node, child)
        return data

    def _key(self, node: Node, path: KeyPath) -> str:
        if node.tag == _CORE + "merge":
            raise self.fail(
                node, path, "YAML merge keys ('<<') are not supported; write the keys out"
            )
        if isinstance(node, ScalarNode) and node.tag == _CORE + "str":
            return str(node.value)
        if isinstance(node, ScalarNode) and node.tag == _CORE + "bool" and not node.style:
            return str(node.value)  # `on:` is a name, as in YAML 1.2, not YAML 1.1's true
        if not isinstance(node, ScalarNode):
            raise self.fail(node, path, "a key must be a plain name, not a list or mapping")
        raise self.fail(node, path, f"key '{node.value}' is not a string; quote it")

    def _scalar(self, node: ScalarNode, path: KeyPath) -> Any:
        try:
            return self.loader.construct_object(node)
        except Refused as exc:
            raise self.fail(node, path, exc.message) from None
        except (ValueError, OverflowError, yaml.YAMLError):
            kind = node.tag.replace(_CORE, "")
            raise self.fail(node, path, f"cannot read {_shorten(node.value)} as a {kind}") from None


def _shorten(value: str, limit: int = 40) -> str:
    """A value as an error message quotes it: whole when short, else its start and length."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}... ({len(value)} characters)"

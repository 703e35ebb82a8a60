"""YAML that remembers where each key was written, so errors can say `file:line: key`.

The file is composed to a node tree with PyYAML's safe loader (marks give the
lines), then walked once to build plain data: the walk refuses duplicate keys,
non-string keys, merge keys and non-standard tags, and stops alias bombs by
counting the values it builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefgen.errors import SpecError

KeyPath = tuple[str | int, ...]

MAX_BYTES = 1_000_000  # a spec is a page of YAML; this is generous
MAX_DEPTH = 40
MAX_VALUES = 20_000  # counted after aliases are expanded
_CORE = "tag:yaml.org,2002:"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PLAIN_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, when PyYAML has it
_SCALAR_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp")}


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
    """Plain data from a YAML file and the line of every key path in it."""

    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=lambda: {(): 1})

    def line(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest ancestor in the file (where a missing key goes)."""
        while path not in self.lines:
            path = path[:-1]
        return self.lines[path]

    def error(self, path: KeyPath, message: str) -> SpecError:
        """A one-line `file:line: key.path: message` error."""
        text = f"{dotted(path)}: {message}" if path else message
        return SpecError(one_line(text), f"{self.file}:{self.line(path)}")


def load_yaml(text: str) -> Any:
    """Plain data from a small YAML file that needs no marks (a sidecar, front matter, a
    template manifest), by the safe loader in C where PyYAML has it: 10 times faster than the
    Python one, whose parse was a quarter of the time of reading a speech.

    The C loader builds nested values by recursing in C, so deep nesting would crash the
    process, not raise: its events, which come one at a time, are checked first. Aliases
    are refused too (such a file never needs them, and they make exponential values).
    """
    depth = 0
    for event in yaml.parse(text, Loader=_PLAIN_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.YAMLError("aliases (*name) are not allowed here")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.YAMLError(f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return yaml.load(text, Loader=_PLAIN_LOADER)


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing deep nesting before Python's recursion limit does, and
    a file of more than MAX_VALUES values before composing all of it."""

    _depth = 0
    _nodes = 0
    aliases = False  # whether the file uses an alias (*name)

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        self._depth += 1
        self._nodes += 1
        try:
            if self._depth > MAX_DEPTH or self._nodes > MAX_VALUES:
                mark = self.peek_event().start_mark
                problem = (f"nested deeper than {MAX_DEPTH} levels" if self._depth > MAX_DEPTH
                           else f"more than {MAX_VALUES} values; a spec is a page of YAML")
                raise yaml.MarkedYAMLError(problem=problem, problem_mark=mark)
            if self.check_event(yaml.AliasEvent):
                self.aliases = True
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1


def load(path: Path) -> Document:
    """Read a YAML file into data with line numbers, or raise a one-line SpecError."""
    name = str(path)
    return parse(_decode(_read(path, name), name), name)


def parse(text: str, name: str) -> Document:
    """YAML text into data with line numbers (errors name `name`), or raise a SpecError."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, name) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise SpecError(
            f"unacceptable character #x{exc.character:04x}: {exc.reason}", f"{name}:{line}:{col}"
        ) from None
    if node is None:
        raise SpecError("the spec is empty", f"{name}:1")
    doc = Document(name, None)
    doc.data = _Builder(loader, doc).build(node, ())
    return doc


def _read(path: Path, name: str) -> bytes:
    """Read at most MAX_BYTES + 1 bytes, so a huge file is refused without reading it all."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SpecError(f"cannot read the spec: {exc.strerror or exc}", name) from None
    if len(raw) > MAX_BYTES:
        raise SpecError(f"the spec is larger than the 1 MB limit ({MAX_BYTES} bytes)", name)
    return raw


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SpecError(
            f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at byte offset "
            f"{exc.start}); save the spec as UTF-8",
            f"{name}:{line}",
        ) from None


def _syntax_error(exc: yaml.MarkedYAMLError, name: str) -> SpecError:
    mark = exc.problem_mark or exc.context_mark
    where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
    problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
    if exc.context and exc.problem:
        problem += f" ({exc.context}"
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            problem += f" at line {exc.context_mark.line + 1}"
        problem += ")"
    return SpecError(one_line(f"YAML syntax error: {problem}"), where)


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
            raise self.fail(
                node, path, f"nested deeper than {MAX_DEPTH} levels (a recursive YAML alias?)"
            )
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
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            reason = " ".join(str(exc).split()).split("; use sys.set_int_max_str_digits")[0]
            raise self.fail(node, path, f"cannot read {_shorten(node.value)}: {reason}") from None


def _shorten(value: str, limit: int = 40) -> str:
    """A value as an error message quotes it: whole when short, else its start and length."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}... ({len(value)} characters)"

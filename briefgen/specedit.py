"""Change a few keys of a spec in its own text: every other byte (comments, key order, quotes,
indentation, blank lines, line endings) stays as the user wrote it.

`briefgen review` writes its decisions (`exclude:`, `include:`, `reviewed:`)
back into a file that a person keeps. ruamel.yaml's round trip was measured
on hand-formatted specs and re-indented whole files, moved comments and put a
new list entry after a blank line (see briefgen/review/server.py); so this
edits the text instead, where PyYAML's node marks say each key and value is:
an existing list gains or loses whole lines, a new key is written after the
mapping's last one in the mapping's own style (block or flow), and a scalar is
replaced in place. The result is parsed again and must hold exactly the data
intended, else nothing is returned but an error.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefgen.errors import SpecError
from briefgen.yamlmarks import KeyPath, parse

Value = Any  # str, date, list of str, mapping of those, or None to remove the key


def set_keys(text: str, path: KeyPath, values: dict[str, Value], name: str = "spec") -> str:
    """`text` with the mapping at `path` (`()`, `("sections", 3)`) holding `values`; a value
    of None or [] removes its key."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    expected = parse(body, name).data
    target = _walk(expected, path)
    for key, value in values.items():
        body = _set(body, path, key, value, _newline(body))
        if value is None or value == []:
            target.pop(key, None)
        else:
            target[key] = value
    if parse(body, name).data != expected:
        raise SpecError("could not write the change without disturbing the rest of the spec; "
                        "nothing was written", name)
    return bom + body


def render(value: Value) -> str:
    """A value in YAML's flow style: strings double-quoted (JSON escapes are YAML's), dates
    plain."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(render(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {render(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__}")


def _walk(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _node(text: str, path: KeyPath) -> MappingNode:
    """The node of the mapping at `path`."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for part in path:
        if isinstance(part, int):
            node = node.value[part]
        else:
            node = next(v for k, v in node.value if k.value == part)
    return node  # type: ignore[no-any-return]


def _set(text: str, path: KeyPath, key: str, value: Value, nl: str) -> str:
    mapping = _node(text, path)
    pairs = mapping.value
    at = next((i for i, (k, _v) in enumerate(pairs) if k.value == key), None)
    remove = value is None or value == []
    if at is None:
        return text if remove else _insert(text, mapping, key, value, nl)
    value_node = pairs[at][1]
    if remove:
        return _delete(text, mapping, at)
    if isinstance(value, list) and isinstance(value_node, SequenceNode) \
            and not value_node.flow_style and value_node.value:
        return _edit_block_list(text, path, key, value, nl)
    if isinstance(value, dict) and isinstance(value_node, MappingNode) \
            and not value_node.flow_style:
        for sub, sub_value in value.items():
            text = _set(text, (*path, key), sub, sub_value, nl)
        return text
    start, end = value_node.start_mark.index, _end(text, value_node)
    return text[:start] + render(value) + text[end:]


def _insert(text: str, mapping: MappingNode, key: str, value: Value, nl: str) -> str:
    """A new key after the mapping's last, in the mapping's style."""
    last_key, last_value = mapping.value[-1]
    end = _end(text, last_value)
    if mapping.flow_style:
        return text[:end] + f", {key}: {render(value)}" + text[end:]
    end = _line_end(text, end)
    indent = " " * last_key.start_mark.column
    if isinstance(value, list):
        dash = indent + " " * _list_offset(text)
        lines = [f"{indent}{key}:"] + [f"{dash}- {render(v)}" for v in value]
    else:
        lines = [f"{indent}{key}: {render(value)}"]
    return text[:end] + nl + nl.join(lines) + text[end:]


def _delete(text: str, mapping: MappingNode, at: int) -> str:
    """Remove the key at position `at` of the mapping, with its value and trailing comment."""
    key_node, value_node = mapping.value[at]
    if mapping.flow_style:
        if at > 0:
            start = _end(text, mapping.value[at - 1][1])
            return text[:start] + text[_end(text, value_node):]
        following = mapping.value[at + 1][0].start_mark.index if len(mapping.value) > 1 else None
        end = following if following is not None else _end(text, value_node)
        return text[:key_node.start_mark.index] + text[end:]
    start = _line_start(text, key_node.start_mark.index)
    if text[start:key_node.start_mark.index].strip():  # `- key: ...`, the first of an entry
        following = mapping.value[at + 1][0].start_mark.index
        return text[:key_node.start_mark.index] + text[following:]
    end = _past_newline(text, _line_end(text, _end(text, value_node)))
    return text[:start] + text[end:]


def _edit_block_list(text: str, path: KeyPath, key: str, value: list[str], nl: str) -> str:
    """Drop the entries no longer wanted, line by line, then append the new ones."""
    mapping = _node(text, path)
    sequence = next(v for k, v in mapping.value if k.value == key)
    present = [_scalar(node) for node in sequence.value]
    if not any(item in value for item in present):  # nothing to keep: write the key anew
        at = next(i for i, (k, _v) in enumerate(mapping.value) if k.value == key)
        text = _delete(text, mapping, at)
        return _insert(text, _node(text, path), key, value, nl)
    for node, item in reversed(list(zip(sequence.value, present, strict=True))):
        if item not in value:
            start = _line_start(text, node.start_mark.index)
            text = text[:start] + text[_past_newline(text, _line_end(text, _end(text, node))):]
    sequence = next(v for k, v in _node(text, path).value if k.value == key)
    last = sequence.value[-1]
    dash = " " * _dash_column(text, last)
    end = _line_end(text, _end(text, last))
    added = [v for v in value if v not in present]
    return text[:end] + "".join(f"{nl}{dash}- {render(v)}" for v in added) + text[end:]


def _scalar(node: Node) -> Any:
    return yaml.SafeLoader("").construct_object(node) if isinstance(node, ScalarNode) else None


def _end(text: str, node: Node) -> int:
    """Where the node's own text ends: a block collection ends with its last value, not at the
    next key (PyYAML's end mark, past comments and blank lines)."""
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        return len(text[: node.end_mark.index].rstrip())  # a block scalar takes in blank lines
    if isinstance(node, ScalarNode) or node.flow_style:
        return node.end_mark.index  # type: ignore[no-any-return]
    if isinstance(node, SequenceNode):
        return _end(text, node.value[-1]) if node.value else node.end_mark.index  # type: ignore[no-any-return]
    return _end(text, node.value[-1][1]) if node.value else node.end_mark.index  # type: ignore[no-any-return]


def _past_newline(text: str, index: int) -> int:
    """Past the line break at `index`, if there is one."""
    for newline in ("\r\n", "\n"):
        if text.startswith(newline, index):
            return index + len(newline)
    return index


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The end of the line holding `index` (before its newline), past a trailing comment."""
    end = text.find("\n", index)
    end = len(text) if end < 0 else end
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _dash_column(text: str, entry: Node) -> int:
    """The column of the `-` that opens a block sequence entry."""
    line_start = _line_start(text, entry.start_mark.index)
    return text.rindex("-", line_start, entry.start_mark.index) - line_start


def _list_offset(text: str) -> int:
    """How far this file indents a list's dashes past its key: as its `sections:` list."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in root.value if isinstance(root, MappingNode) else []:
        if key.value == "sections" and isinstance(value, SequenceNode) and value.value \
                and not value.flow_style:
            return max(_dash_column(text, value.value[0]) - key.start_mark.column, 0)
    return 2

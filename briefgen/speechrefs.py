"""Keep the specs in step when a speech is renamed or removed (`briefgen speeches rename`,
`briefgen speeches remove`).

A spec names a speech in two places: its `speeches:` entry (`id: path`, or a glob whose
matches take their file names as ids) and the `from:` of sections. Both are edited as
text, at the places YAML's parser found them, so the user's comments, quoting and layout
stay as they were. An edit that would leave a spec broken (a section drawing on nothing
but the removed speech, a glob matching nothing) is refused before anything changes.
"""

from __future__ import annotations

import fnmatch
import glob
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefgen.places import project_root, shown
from briefgen.targets import is_speech_metadata

_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./*?-]*$")


@dataclass
class SpecEdits:
    """The text edits of one spec, what they do, and why a change cannot be made."""

    path: Path
    text: str
    edits: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, new)
    done: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(f"{shown(self.path)}:{node.start_mark.line + 1}: {message}")

    def edited(self) -> str:
        """The spec's text with every edit made, the last first (positions stay valid)."""
        text = self.text
        for start, end, new in sorted(self.edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def project_specs(speeches_folder: Path) -> list[Path]:
    """The specs of the project a speeches folder belongs to: `config/*.yaml` beside it."""
    config = Path(os.path.abspath(speeches_folder)).parent / "config"
    if not config.is_dir():
        return []
    return [p for p in sorted(config.glob("*.yaml")) if not is_speech_metadata(p)]


def _compose(path: Path) -> tuple[str, MappingNode | None]:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return text, None  # `briefgen check` reports it; such a spec names nothing yet
    return text, node if isinstance(node, MappingNode) else None


def _value(mapping: Node | None, key: str) -> Node | None:
    if isinstance(mapping, MappingNode):
        for key_node, value in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value
    return None


def _quoted(node: ScalarNode, value: str) -> str:
    """`value` written as the scalar it replaces was: plain, 'single' or "double" quoted."""
    if node.style == '"':
        return json.dumps(value, ensure_ascii=False)
    if node.style == "'" or not _PLAIN.match(value):
        return "'" + value.replace("'", "''") + "'"
    return value


def _replace(spec: SpecEdits, node: ScalarNode, value: str) -> None:
    spec.edits.append((node.start_mark.index, node.end_mark.index, _quoted(node, value)))


def _cut(spec: SpecEdits, parent: Node, first: Node, last: Node) -> None:
    """Remove an entry (`first` to `last`: a key and its value, or a list item) from `parent`:
    its whole lines in block style, the entry and one comma in flow style."""
    text = spec.text
    start, end = first.start_mark.index, last.end_mark.index
    if parent.flow_style:
        after = re.match(r"\s*,\s*", text[end:])
        before = re.search(r",\s*$", text[:start])
        if after:
            end += after.end()
        elif before:
            start = before.start()
    else:
        start = text.rfind("\n", 0, start) + 1
        newline = text.find("\n", end if last.end_mark.column else end - 1)
        end = len(text) if newline < 0 else newline + 1
    spec.edits.append((start, end, ""))


def _entries(spec: SpecEdits, root: MappingNode, speech: Path
             ) -> list[tuple[Node, Node, str | None, bool]]:
    """The `speeches:` entries that name `speech`: (key node, value node, the id the speech
    has there, whether it is a glob), and for a glob whether it matches anything else."""
    found = []
    entries = _value(root, "speeches")
    if not isinstance(entries, MappingNode):
        return []
    base = project_root(spec.path)
    target = os.path.abspath(speech)
    for key, value in entries.value:
        if not isinstance(value, ScalarNode) or not isinstance(key, ScalarNode):
            continue
        if glob.has_magic(value.value):
            matches = [os.path.abspath(m) for m in glob.glob(str(base / value.value),
                                                             recursive=True)]
            if target in matches:
                found.append((key, value, speech.stem, True))
        elif os.path.abspath(base / value.value) == target:
            found.append((key, value, key.value, False))
    return found


def _from_nodes(root: MappingNode) -> list[tuple[int, Node]]:
    """Every section's `from:` value, with the section's index."""
    sections = _value(root, "sections")
    if not isinstance(sections, SequenceNode):
        return []
    found = []
    for i, section in enumerate(sections.value):
        value = _value(section, "from")
        if value is not None:
            found.append((i, value))
    return found


def rename_in_specs(specs: list[Path], speech: Path, new_path: Path) -> list[SpecEdits]:
    """The edits that make every spec name `speech` by its new file (and id) `new_path`."""
    result = []
    for path in specs:
        text, root = _compose(path)
        spec = SpecEdits(path, text)
        result.append(spec)
        if root is None:
            continue
        renamed: dict[str, str] = {}
        for key, value, speech_id, is_glob in _entries(spec, root, speech):
            if is_glob:
                if not fnmatch.fnmatchcase(_relative(new_path, path), value.value):
                    spec.problem(value, f"speeches.{key.value}: the glob {value.value!r} would "
                                 f"no longer take {new_path.name}")
                renamed[speech.stem] = new_path.stem
                continue
            old = value.value
            cut = len(old) - len(speech.name)
            new = (old[:cut] + new_path.name) if old.endswith(speech.name) else _relative(
                new_path, path)
            _replace(spec, value, new)
            spec.done.append(f"speeches.{key.value}: {old} -> {new}")
            if speech_id == speech.stem:
                _replace(spec, key, new_path.stem)
                spec.done.append(f"speeches: id {speech_id} -> {new_path.stem}")
                renamed[speech_id] = new_path.stem
        _rename_from(spec, root, renamed)
        _check_parses(spec)
    return result


def _rename_from(spec: SpecEdits, root: MappingNode, renamed: dict[str, str]) -> None:
    for i, value in _from_nodes(root):
        items = value.value if isinstance(value, SequenceNode) else [value]
        for item in items:
            if not isinstance(item, ScalarNode):
                continue
            if item.value in renamed:
                _replace(spec, item, renamed[item.value])
                spec.done.append(f"sections[{i}].from: {item.value} -> {renamed[item.value]}")
            elif any(fnmatch.fnmatchcase(old, item.value)
                     and not fnmatch.fnmatchcase(new, item.value)
                     for old, new in renamed.items()):
                spec.problem(item, f"sections[{i}].from: the pattern {item.value!r} would no "
                             "longer take the renamed speech")


def remove_from_specs(specs: list[Path], speech: Path) -> list[SpecEdits]:
    """The edits that take `speech` out of every spec; problems where that breaks one."""
    result = []
    for path in specs:
        text, root = _compose(path)
        spec = SpecEdits(path, text)
        result.append(spec)
        if root is None:
            continue
        entries = _value(root, "speeches")
        removed: set[str] = set()
        found = _entries(spec, root, speech)
        for key, value, speech_id, is_glob in found:
            removed.add(speech_id or speech.stem)
            if is_glob:
                base = project_root(path)
                others = [m for m in glob.glob(str(base / value.value), recursive=True)
                          if os.path.abspath(m) != os.path.abspath(speech)]
                if not others:
                    spec.problem(value, f"speeches.{key.value}: {speech.name} is the only file "
                                 f"{value.value!r} matches; edit the spec first")
                continue
            _cut(spec, entries, key, value)  # type: ignore[arg-type]
            spec.done.append(f"speeches.{key.value} removed")
        listed = [entry for entry in found if not entry[3]]
        if isinstance(entries, MappingNode) and listed and len(listed) == len(entries.value):
            spec.problem(entries, "speeches: it names no other speech; edit the spec first")
        _remove_from(spec, root, removed)
        _check_parses(spec)
    return result


def _remove_from(spec: SpecEdits, root: MappingNode, removed: set[str]) -> None:
    for i, value in _from_nodes(root):
        if isinstance(value, ScalarNode):
            if value.value in removed:
                spec.problem(value, f"sections[{i}].from: {value.value} is the only speech of "
                             "this section; edit or remove the section first")
            continue
        if not isinstance(value, SequenceNode):
            continue
        gone = [item for item in value.value
                if isinstance(item, ScalarNode) and item.value in removed]
        if gone and len(gone) == len(value.value):
            spec.problem(value, f"sections[{i}].from: it names no other speech; edit or "
                         "remove the section first")
            continue
        for item in gone:
            _cut(spec, value, item, item)
            spec.done.append(f"sections[{i}].from: {item.value} removed")


def _relative(path: Path, spec_path: Path) -> str:
    """`path` as a spec writes it: relative to the project root, with forward slashes."""
    return Path(os.path.relpath(os.path.abspath(path), project_root(spec_path))).as_posix()


def _check_parses(spec: SpecEdits) -> None:
    """The edited text must still be YAML (a safety net; the edits are exact spans)."""
    if spec.edits and not spec.problems:
        try:
            yaml.compose(spec.edited(), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            spec.problems.append(f"{shown(spec.path)}: cannot edit this spec as text; edit it "
                                 "by hand")

"""The spec: one YAML file naming a brief's header, its speeches, its sections and its outputs.

Validation is pydantic's; every error becomes one `file:line: key.path: message`
line (see yamlmarks), with the nearest valid name suggested.
"""

from __future__ import annotations

import difflib
import fnmatch
import glob
import re
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from briefgen.errors import SpecError
from briefgen.extract import SECTION_TYPES
from briefgen.extract.base import Reviewed, SectionParams, iso_date
from briefgen.model import BriefInfo
from briefgen.places import (
    DEFAULT_FORMATS,
    DEFAULT_OUTPUT_DIR,
    SPEECH_SUFFIXES,
    OutputPlaces,
    project_root,
)
from briefgen.render import FORMATS
from briefgen.template import template_names
from briefgen.yamlmarks import Document, KeyPath, load, parse

SectionSpec = Annotated[
    Union[tuple(kind.params for kind in SECTION_TYPES.values())],  # noqa: UP007
    Field(discriminator="type"),
]
FormatName = Literal[tuple(FORMATS)]  # type: ignore[valid-type]
CURATION_KEYS = ("exclude", "include", "reviewed")  # for sections that quote speeches only
_NOUNS = {"formats": "format", "pdf_variant": "PDF variant"}
_BOUNDS = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
           "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}
_EXPECTED = {  # pydantic error type -> what the user should have written
    **dict.fromkeys(("dict_type", "model_type", "model_attributes_type"), "a mapping of keys"),
    **dict.fromkeys(("bool_type", "bool_parsing"), "true or false"),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), "a whole number"),
    **{"string_type": "a string", "list_type": "a list"},
}


def _plain_name(value: str) -> str:
    """Refuse names that could reach outside their folder."""
    if not value or value in (".", "..") or any(c in value for c in "/\\:\0"):
        raise ValueError(f"must be a plain name inside its folder, not {value!r}")
    return value


class BriefSpec(BaseModel):
    """The header block of the brief: who it is for, which meeting, how it is marked."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, description="Title of the brief, on its first page.")
    classification: str = Field(
        min_length=1, description="Security marking printed on every page, e.g. UNCLASSIFIED."
    )
    delegation: str | None = Field(None, description="Who the brief is for, e.g. 'Sweden'.")
    meeting: str | None = Field(None, description="The meeting the brief prepares for.")
    date: str | None = Field(
        None, json_schema_extra={"format": "date"}, description="Date of the meeting, YYYY-MM-DD."
    )
    place: str | None = Field(None, description="Where the meeting takes place.")
    author: str | None = Field(None, description="Who wrote the brief (PDF/DOCX metadata).")
    ministry: str | None = Field(None, description="Issuing ministry, in the header block.")
    unit: str | None = Field(None, description="Issuing department or unit.")
    reference: str | None = Field(None, description="File reference, e.g. Ju2017/05987/EMA.")
    contact: str | None = Field(None, description="Contact person: name, phone, e-mail.")
    subject: str | None = Field(None, description="Subject line (PDF/DOCX metadata).")
    keywords: list[str] = Field(default_factory=list, description="Keywords for the metadata.")
    language: str = Field("en", description="Language tag (BCP 47), e.g. en, sv, fr-CA.")
    draft: bool | Literal["auto"] = Field(
        False,
        description="Mark every page DRAFT: true, false, or auto (while any extracted section "
        "is not reviewed, or changed since its review).",
    )

    _date = field_validator("date", mode="before")(lambda value: iso_date(value))

    @field_validator("draft", mode="before")
    @classmethod
    def _draft(cls, value: object) -> object:
        if value is True or value is False or value == "auto":
            return value
        raise ValueError(f"expected true, false or auto, not {_show(value)}")

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", value):
            raise ValueError(f"expected a language tag such as 'en' or 'sv-SE', not {value!r}")
        return value


class Spec(BaseModel):
    """A briefgen spec: the brief's header, its speeches, its sections and where outputs go."""

    model_config = ConfigDict(extra="forbid", title="briefgen spec")

    brief: BriefSpec = Field(description="The header block of the brief.")
    template: str = Field(
        "briefing-note",
        description="Template: a folder under the project's templates/, else one that ships "
        "with briefgen (briefing-note, talking-points).",
    )
    formats: list[FormatName] = Field(  # type: ignore[valid-type]
        default_factory=lambda: list(DEFAULT_FORMATS),
        min_length=1,
        description=f"Output formats, any of: {', '.join(FORMATS)}.",
    )
    output: str | None = Field(
        None,
        validate_default=True,
        description="Base name of the output files, without folders; default: the spec's file "
        "name without .yaml.",
    )
    output_dir: str = Field(
        DEFAULT_OUTPUT_DIR, description="Output folder, relative to the project root."
    )
    pdf_variant: Literal["pdf/ua-1", "pdf/a-3b"] = Field(
        "pdf/ua-1", description="PDF flavour: accessible PDF/UA-1, or archival PDF/A-3b."
    )
    mark_new: bool = Field(False, description="Flag items not in the previous build.")
    reviewed: Reviewed | None = Field(
        None,
        description="A sign-off of the whole brief: every extracted section without a "
        "`reviewed:` of its own counts as reviewed by it.",
    )
    speeches: dict[str, str] = Field(
        default_factory=dict,
        description="Speech id -> file or glob, relative to the project root; a glob adds one "
        "speech per matching file, with the file's stem as id.",
    )
    sections: list[SectionSpec] = Field(  # type: ignore[valid-type]
        min_length=1, description="The sections of the brief, in order."
    )

    _path: Path = PrivateAttr(Path("spec.yaml"))
    _doc: Document | None = PrivateAttr(None)
    _globbed: dict[str, list[Path]] = PrivateAttr(default_factory=dict)

    @field_validator("template")
    @classmethod
    def _template_name(cls, value: str) -> str:
        return _plain_name(value)

    @field_validator("output")
    @classmethod
    def _output_name(cls, value: str | None, info: ValidationInfo) -> str:
        default = (info.context or {}).get("stem", "brief")
        return _plain_name(default if value is None else value)

    @field_validator("output_dir")
    @classmethod
    def _inside_project(cls, value: str) -> str:
        parts = PurePath(value).parts
        if not value or "\0" in value or value[0] in "/\\" or ".." in parts:
            raise ValueError(f"must be a folder inside the project, not {value!r}")
        return value

    @field_validator("formats")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        for fmt in value:
            if value.count(fmt) > 1:
                raise ValueError(f"format {fmt!r} is listed twice")
        return value

    @property
    def path(self) -> Path:
        """The spec file, as given."""
        return self._path

    @property
    def root(self) -> Path:
        """The project root: the spec's folder, or its parent when that folder is `config`."""
        return project_root(self._path)

    @property
    def info(self) -> BriefInfo:
        """The brief's header block, as the renderers receive it."""
        return BriefInfo(**self.brief.model_dump(), pdf_variant=self.pdf_variant)

    @property
    def output_folder(self) -> Path:
        return self.root / self.output_dir

    @property
    def places(self) -> OutputPlaces:
        """Where the build keeps its manifest, lock and changes file beside the outputs."""
        return OutputPlaces(self.output_folder, self.output)

    def output_path(self, fmt: str) -> Path:
        """Where the output in format `fmt` is written."""
        return self.output_folder / f"{self.output}{FORMATS[fmt].suffix}"

    def error(self, path: KeyPath, message: str) -> SpecError:
        """A SpecError pointing at key `path` of this spec (line 1 when not from a file)."""
        return (self._doc or Document(str(self._path), self)).error(path, message)

    def speech_paths(self) -> dict[str, Path]:
        """Speech id -> file, globs expanded in sorted order; a pattern matching nothing fails."""
        found: dict[str, Path] = {}
        for key, pattern in self.speeches.items():
            for speech_id, path in _expand(self, key, pattern):
                if speech_id in found:
                    raise self.error(
                        ("speeches", key),
                        f"speech id {speech_id!r} ({path.name}) is already used by another entry",
                    )
                found[speech_id] = path
        return found

    def unread_files(self) -> list[str]:
        """A warning line per file a speech glob matches that no reader reads (a .doc, an .rtf);
        metadata files (.yaml) and hidden files are not speeches and go unmentioned."""
        lines = []
        for key, pattern in self.speeches.items():
            if not glob.has_magic(pattern):
                continue
            for path in self.matching_files(pattern):
                if path.suffix.lower() in (*SPEECH_SUFFIXES, ".yaml", ".yml"):
                    continue
                if not path.name.startswith("."):
                    lines.append(f"speeches.{key}: {path.name} matches {pattern!r} but is not "
                                 f"a kind of file briefgen reads ({', '.join(SPEECH_SUFFIXES)});"
                                 " left out")
        return lines

    def matching_files(self, pattern: str) -> list[Path]:
        """The files a speech glob matches, in sorted order; globbed once per loaded spec, so
        every step of a build sees the same files (and a corpus of 1,000s is listed once)."""
        if pattern not in self._globbed:
            self._globbed[pattern] = _matches(self.root, pattern)
        return self._globbed[pattern]

    def matching_speeches(self, pattern: str) -> list[Path]:
        """The speech files (of a kind a reader reads) a glob matches, in sorted order."""
        return [p for p in self.matching_files(pattern) if p.suffix.lower() in SPEECH_SUFFIXES]

    def section_speeches(self, section: SectionParams, ids: Iterable[str]) -> list[str]:
        """The ids of `ids` a section draws on: those its `from` patterns match, else all."""
        patterns = section.from_ or ["*"]
        return [i for i in ids if any(fnmatch.fnmatchcase(i, p) for p in patterns)]


def _expand(spec: Spec, key: str, pattern: str) -> list[tuple[str, Path]]:
    """One speech entry's (id, path) pairs."""
    where = ("speeches", key)
    if not glob.has_magic(pattern):
        path = spec.root / pattern
        if not _is_file(path):
            raise spec.error(where, f"no such file {pattern!r}")
        if path.suffix.lower() not in SPEECH_SUFFIXES:
            raise spec.error(where, f"{pattern!r} is not a speech file "
                             f"({', '.join(SPEECH_SUFFIXES)})")
        return [(key, path)]
    paths = spec.matching_speeches(pattern)
    if not paths:
        raise spec.error(where, f"no speech files match {pattern!r}")
    return [(path.stem, path) for path in paths]


def _matches(root: Path, pattern: str) -> list[Path]:
    """The files a glob matches, in sorted order."""
    try:
        matches = sorted(glob.glob(str(root / pattern), recursive=True))
    except (OSError, ValueError):
        return []
    return [path for path in map(Path, matches) if _is_file(path)]


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def load_spec(path: Path, text: str | None = None) -> Spec:
    """Read and validate a spec; every problem is a SpecError naming file, line and key.
    `text`: the spec's text as it would be written to `path` (briefgen review checks its
    edits before writing them)."""
    doc = load(path) if text is None else parse(text, str(path))
    if not isinstance(doc.data, dict):
        raise doc.error(
            (),
            f"the spec must be a mapping of keys (brief:, speeches:, "
            f"sections: ...), not {_show(doc.data)}",
        )
    try:
        spec = Spec.model_validate(doc.data, context={"stem": path.stem})
    except ValidationError as exc:
        described = sorted(
            _merge_typos([_describe(error, doc.data) for error in exc.errors()]),
            key=lambda e: doc.line(e[0]),
        )
        first, *others = (doc.error(key, message) for key, message in described)
        first.others = others
        raise first from None
    spec._path, spec._doc = path, doc
    _check(spec)
    return spec


def _check(spec: Spec) -> None:
    """What pydantic cannot see: the file system, and sections naming speeches."""
    known = template_names(spec.root)
    if known and spec.template not in known:
        raise spec.error(
            ("template",),
            f"unknown template {spec.template!r}"
            + _suggest(spec.template, known, "templates"),
        )
    ids = list(spec.speech_paths())
    for i, section in enumerate(spec.sections):
        raw = spec._doc.data["sections"][i].get("from") if spec._doc else None
        for j, pattern in enumerate(section.from_):
            if not any(fnmatch.fnmatchcase(id_, pattern) for id_ in ids):
                where = (
                    ("sections", i, "from") if isinstance(raw, str) else ("sections", i, "from", j)
                )
                raise spec.error(
                    where, f"no speech id matches {pattern!r}" + _suggest(pattern, ids, "ids")
                )
        if SECTION_TYPES[section.type].uses_speeches and not ids:
            raise spec.error(("sections", i), "needs speeches, but the spec lists none")
        if not SECTION_TYPES[section.type].uses_speeches:
            for key in CURATION_KEYS:
                if key in section.model_fields_set:
                    raise spec.error(("sections", i, key), f"a {section.type} section has no "
                                     f"extracted items; '{key}' is for sections that quote "
                                     "speeches")
    try:
        inside = spec.output_folder.resolve().is_relative_to(spec.root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise spec.error(
            ("output_dir",),
            f"{spec.output_dir} leads outside the project root {spec.root} (a symlink?)",
        )


def _describe(error: Any, data: dict[str, Any]) -> tuple[KeyPath, str]:
    """Turn one pydantic error into (key path, message), in the user's terms."""
    loc: KeyPath = tuple(part for part in error["loc"] if part != "[key]")
    if len(loc) > 2 and loc[0] == "sections" and isinstance(loc[1], int):
        section = data["sections"][loc[1]]
        if isinstance(section, dict) and loc[2] == str(section.get("type")):
            loc = loc[:2] + loc[3:]  # drop the discriminated union's tag
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return loc[:-1], f"missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        return loc, f"unknown key '{loc[-1]}'" + _suggest(str(loc[-1]), _keys(loc[:-1], data))
    if kind == "union_tag_invalid":
        tag = error["ctx"]["tag"]
        return (*loc, "type"), f"unknown section type '{tag}'" + _suggest(tag, SECTION_TYPES)
    if kind == "union_tag_not_found":
        return loc, f"missing required key 'type' (one of: {', '.join(SECTION_TYPES)})"
    if kind == "literal_error":
        choices = [c.strip("'") for c in error["ctx"]["expected"].replace(" or ", ", ").split(", ")]
        if not isinstance(value, str):
            return loc, f"expected one of {', '.join(choices)}, not {_show(value)}"
        noun = _NOUNS.get(str(loc[0]), "value")
        return loc, f"unknown {noun} {value!r}" + _suggest(value, choices, "one of")
    if kind in ("too_short", "string_too_short") and error["ctx"].get("min_length") == 1:
        return loc, "must not be empty"
    if kind in _EXPECTED:
        return loc, f"expected {_EXPECTED[kind]}, not {_show(value)}"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return loc, f"must be {words} {error['ctx'][key]}, not {_show(value)}"
    if kind == "string_pattern_mismatch":
        return loc, f"{_show(value)} is not of the form this key takes (see `briefgen schema`)"
    if kind == "value_error":  # briefgen's own validators
        return loc, str(error["ctx"]["error"])
    return loc, f"cannot use {_show(value)} here ({kind.replace('_', ' ')})"


_DID_YOU_MEAN = re.compile(r"^unknown key '[^']*' \(did you mean '([^']+)'\?\)$")


def _merge_typos(described: list[tuple[KeyPath, str]]) -> list[tuple[KeyPath, str]]:
    """A misspelt required key is one problem, not two: the unknown key, with its suggestion,
    stands for the missing one."""
    meant = {(loc[:-1], m.group(1)) for loc, message in described
             if (m := _DID_YOU_MEAN.match(message))}
    return [(loc, message) for loc, message in described
            if not (message.startswith("missing required key '")
                    and (loc, message.split("'")[1]) in meant)]


def _keys(path: KeyPath, data: dict[str, Any]) -> list[str]:
    """The keys allowed in the mapping at `path`."""
    model: type[BaseModel] | None = {(): Spec, ("brief",): BriefSpec}.get(path)
    if len(path) == 2 and path[0] == "sections":
        model = SECTION_TYPES[data["sections"][path[1]]["type"]].params
    fields = model.model_fields.items() if model else []
    return [info.alias or name for name, info in fields]


def _suggest(word: str, choices: Iterable[str], label: str = "") -> str:
    """' (did you mean 'x'?)', else the choices when `label` names them."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" ({label}: {', '.join(choices)})" if label and choices else ""


def _show(value: object) -> str:
    """A value as a message shows it: 'text', a list, a mapping, the number 3, null."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null (an empty value)"
    return repr(value) if isinstance(value, str) else str(value)


def spec_schema() -> dict[str, Any]:
    """The spec's JSON Schema, for editors (`# yaml-language-server: $schema=...`)."""
    schema = Spec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    for definition in schema["$defs"].values():
        props = definition.get("properties", {})
        kind = SECTION_TYPES.get(props.get("type", {}).get("const"))
        if kind:
            definition["title"] = f"{kind.name} section"
            definition.setdefault("description", kind.description)
            props["type"]["description"] = kind.description
            for key in ("from", "exclude", "include"):
                props[key] = {"anyOf": [{"type": "string"}, props[key]],
                              "description": props[key]["description"]}
            if not kind.uses_speeches:
                for key in CURATION_KEYS:
                    props.pop(key)
    return schema

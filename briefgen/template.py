"""Templates are folders under `templates/`: a `template.yaml` of what they provide, and files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import TemplateError
from briefgen.yamlmarks import read_yaml

MANIFEST = "template.yaml"


@dataclass(frozen=True)
class Template:
    """A template folder and what its manifest declares."""

    name: str
    path: Path
    description: str = ""
    formats: tuple[str, ...] = ()
    options: dict[str, object] = field(default_factory=dict)

    def file(self, name: str) -> Path:
        """The path of one of the template's files, or an error naming what is missing."""
        path = self.path / name
        if not path.is_file():
            raise TemplateError(f"template '{self.name}' has no file {name}", str(self.path))
        return path


def load_template(folder: Path) -> Template:
    """Read a template folder's manifest."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise TemplateError(f"not a template folder (no {MANIFEST})", str(folder))
    doc = read_yaml(manifest, TemplateError)
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        raise doc.error((), "a template manifest must be a mapping of keys (description:, "
                            "formats: ...)")
    formats = data.get("formats") or []
    if not isinstance(formats, list):
        raise doc.error(("formats",), "expected a list of formats, e.g. [docx, pdf]")
    return Template(
        name=folder.name,
        path=folder,
        description=str(data.get("description", "")),
        formats=tuple(str(f) for f in formats),
        options={k: v for k, v in data.items() if k not in ("description", "formats")},
    )


def list_templates(templates_dir: Path) -> list[Template]:
    """Every template folder under `templates_dir`, by name."""
    if not templates_dir.is_dir():
        return []
    return [
        load_template(folder)
        for folder in sorted(templates_dir.iterdir())
        if (folder / MANIFEST).is_file()
    ]


def find_template(name: str, templates_dir: Path) -> Template:
    """The template called `name`, or an error listing the ones there are."""
    folder = templates_dir / name
    if (folder / MANIFEST).is_file():
        return load_template(folder)
    known = ", ".join(t.name for t in list_templates(templates_dir)) or "none"
    raise TemplateError(f"unknown template '{name}' (templates here: {known})", str(templates_dir))

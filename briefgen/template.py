"""Templates are folders: a `template.yaml` of what they provide, and files.

A project's own `templates/` folder comes first; the two templates that ship inside the
package (`briefgen/templates/`, the repository's top-level `templates/` as package data)
are used for any name the project does not have, so a new project builds without copying.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import TemplateError
from briefgen.yamlmarks import read_yaml

MANIFEST = "template.yaml"
PACKAGED = Path(__file__).parent / "templates"
PROJECT_FOLDER = "templates"  # a project's own templates, under its root


@dataclass(frozen=True)
class Template:
    """A template folder and what its manifest declares; `kind` is 'project' or 'packaged'."""

    name: str
    path: Path
    description: str = ""
    formats: tuple[str, ...] = ()
    options: dict[str, object] = field(default_factory=dict)
    kind: str = "project"

    def file(self, name: str) -> Path:
        """The path of one of the template's files, or an error naming what is missing."""
        path = self.path / name
        if not path.is_file():
            raise TemplateError(f"template '{self.name}' has no file {name}", str(self.path))
        return path


def load_template(folder: Path, kind: str = "project") -> Template:
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
        kind=kind,
    )


def _names(folder: Path) -> list[str]:
    """The template folders directly under `folder`, by name."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / MANIFEST).is_file())


def template_folders(root: Path) -> list[tuple[str, Path]]:
    """Where templates are looked up, first first: the project's, then the packaged ones.

    In briefgen's own repository both are the same folder: it is listed once, as the project's.
    """
    project = root / PROJECT_FOLDER
    places = [("project", project)]
    if not project.is_dir() or project.resolve() != PACKAGED.resolve():
        places.append(("packaged", PACKAGED))
    return places


def template_names(root: Path) -> list[str]:
    """Every template name a spec in the project at `root` may use."""
    return sorted({name for _kind, folder in template_folders(root) for name in _names(folder)})


def list_templates(root: Path) -> list[Template]:
    """The project's templates, then the packaged ones (one of the same name as a project's
    too, though the project's is used)."""
    return [load_template(folder / name, kind)
            for kind, folder in template_folders(root) for name in _names(folder)]


def packaged_templates() -> list[Template]:
    """The templates that ship with briefgen."""
    return [load_template(PACKAGED / name, "packaged") for name in _names(PACKAGED)]


def template_folder(name: str, root: Path) -> Path | None:
    """The folder the template `name` is read from, or None when there is none of that name."""
    for _kind, folder in template_folders(root):
        if (folder / name / MANIFEST).is_file():
            return folder / name
    return None


def find_template(name: str, root: Path) -> Template:
    """The template called `name` (the project's first), or an error listing the ones there are."""
    for kind, folder in template_folders(root):
        if (folder / name / MANIFEST).is_file():
            return load_template(folder / name, kind)
    known = ", ".join(template_names(root))
    raise TemplateError(f"unknown template '{name}' (templates: {known})",
                        str(root / PROJECT_FOLDER))

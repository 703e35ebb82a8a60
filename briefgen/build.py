"""Build one spec: spec -> speeches -> brief -> every format rendered -> outputs written atomically.

Reads top to bottom like mkdocs' `build()`: everything is gathered and rendered in
memory first, then written, so a failure at any step leaves the previous outputs
as they were. Each output goes to a temporary file in the output folder and is
renamed over the old one; the temporary file is removed on any failure, Ctrl-C included.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.brief import assemble
from briefgen.errors import BriefgenError, TemplateError
from briefgen.model import Brief, Speech
from briefgen.render import FORMATS, render
from briefgen.spec import Spec, load_spec
from briefgen.template import Template, find_template


class BuildFailed(BriefgenError):
    """A spec that could not be built; `problems` holds one line per cause."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class BuildResult:
    """What one build did: the files written and the warnings a user should read."""

    spec: Spec
    brief: Brief
    written: list[Path] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.brief.warnings


def build(spec_path: Path, force: bool = False) -> BuildResult:
    """Build every format of one spec. `force` is accepted for the incremental build to come."""
    spec = load_spec(spec_path)
    speeches = load_speeches(spec)
    template = template_for(spec)
    brief = assemble(spec, speeches)
    outputs = {spec.output_path(fmt): render(brief, template, fmt) for fmt in spec.formats}
    spec.output_folder.mkdir(parents=True, exist_ok=True)
    for path, data in outputs.items():
        write_atomic(path, data)
    return BuildResult(spec, brief, list(outputs))


def load_speeches(spec: Spec) -> dict[str, Speech]:
    """Every speech of the spec; all that fail are reported together, one line each."""
    from briefgen.corpus import load_speech

    speeches: dict[str, Speech] = {}
    problems: list[str] = []
    for speech_id, path in spec.speech_paths().items():
        try:
            speeches[speech_id] = load_speech(path, speech_id)
        except BriefgenError as exc:
            problems.append(str(exc))
    if problems:
        raise BuildFailed(problems)
    return speeches


def template_for(spec: Spec) -> Template:
    """The spec's template, which must provide every format the spec asks for."""
    template = find_template(spec.template, spec.root / "templates")
    missing = [fmt for fmt in spec.formats if template.formats and fmt not in template.formats]
    if missing:
        provided = ", ".join(template.formats)
        raise TemplateError(
            f"template '{template.name}' does not provide {', '.join(missing)} "
            f"(it provides {provided})",
            str(spec.path),
        )
    for fmt in spec.formats:
        for name in FORMATS[fmt].template_files:
            template.file(name)
    return template


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode(path))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """Keep an existing output's permissions; a new one gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check(spec_path: Path) -> list[str]:
    """Validate a spec, its speeches and its template without rendering; returns warnings."""
    from briefgen.render.docx_check import find_split_tags

    spec = load_spec(spec_path)
    speeches = load_speeches(spec)
    template = template_for(spec)
    notes = [f"{speech_id}: {w}" for speech_id, s in speeches.items() for w in s.warnings]
    if "docx" in spec.formats:
        notes += find_split_tags(template.file("brief.docx"))
    return notes

"""Output formats: one module each, registered once in FORMATS.

A renderer module exposes `render(brief: Brief, template: Template) -> bytes`.
Modules are imported only when their format is rendered, so commands that
render nothing (check, extract, a no-op build) never load WeasyPrint or docx.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from briefgen.model import Brief
from briefgen.template import Template


@dataclass(frozen=True)
class Format:
    """An output format: its file suffix, its module and the template files it needs.

    `worker`: the renderer's libraries are slow to load (WeasyPrint: 0.6 s), so a build
    renders this format in a process of its own that loads them meanwhile
    (render/workers.py).
    """

    name: str
    suffix: str
    module: str
    template_files: tuple[str, ...]
    worker: bool = False


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("html", ".html", "briefgen.render.html", ("brief.html.j2", "style.css")),
        Format("pdf", ".pdf", "briefgen.render.pdf", ("brief.html.j2", "style.css"), worker=True),
        Format("docx", ".docx", "briefgen.render.docx", ("brief.docx",)),
        Format("md", ".md", "briefgen.render.md", ("brief.md.j2",)),
        Format("json", ".json", "briefgen.render.json", ()),
    )
}


def render(brief: Brief, template: Template, fmt: str) -> bytes:
    """Render `brief` in format `fmt` with `template`."""
    module = importlib.import_module(FORMATS[fmt].module)
    return module.render(brief, template)

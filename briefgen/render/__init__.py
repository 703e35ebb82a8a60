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
    (render/workers.py). `source`: "module:function" that makes such a renderer's input
    without those libraries (the PDF's HTML); the build makes it while the worker is still
    loading, and the renderer's `render(brief, template, source)` takes it. `after`: a
    format whose output this renderer reads when the build renders it too (the DOCX takes
    its contents' page numbers from the PDF), as its `source`; without it the renderer
    makes what it needs itself, to the same bytes.
    """

    name: str
    suffix: str
    module: str
    template_files: tuple[str, ...]
    worker: bool = False
    source: str | None = None
    after: str | None = None


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("html", ".html", "briefgen.render.html", ("brief.html.j2", "style.css")),
        Format("pdf", ".pdf", "briefgen.render.pdf", ("brief.html.j2", "style.css"), worker=True,
               source="briefgen.render.html:print_html"),
        Format("docx", ".docx", "briefgen.render.docx", ("brief.docx",), after="pdf"),
        Format("md", ".md", "briefgen.render.md", ("brief.md.j2",)),
        Format("json", ".json", "briefgen.render.json", ()),
    )
}


def render(brief: Brief, template: Template, fmt: str, source: str | bytes | None = None) -> bytes:
    """Render `brief` in format `fmt` with `template`, from `source` when it was made already
    (the PDF's HTML; the DOCX's PDF)."""
    module = importlib.import_module(FORMATS[fmt].module)
    rendered: bytes = (module.render(brief, template) if source is None
                       else module.render(brief, template, source))
    return rendered


def make_source(brief: Brief, template: Template, fmt: str) -> str | None:
    """The input of the renderer of `fmt`, made here (see Format.source); None: it makes its own."""
    name = FORMATS[fmt].source
    if name is None:
        return None
    module, function = name.split(":")
    made: str = getattr(importlib.import_module(module), function)(brief, template)
    return made

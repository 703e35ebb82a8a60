"""HTML output: `brief.html.j2` with `style.css` inlined, so one file is the whole document.

The PDF renderer uses the same HTML, so what a user previews in a browser is what prints.
"""

from __future__ import annotations

from markupsafe import Markup

from briefgen.model import Brief
from briefgen.render.jinja import render_template
from briefgen.template import Template

TEMPLATE = "brief.html.j2"
STYLESHEET = "style.css"


def build_html(brief: Brief, template: Template, medium: str = "screen") -> str:
    """The brief as HTML; `medium` ("screen" or "print") lets a template tell them apart."""
    style = template.file(STYLESHEET).read_text(encoding="utf-8")
    return render_template(
        template,
        TEMPLATE,
        brief=brief,
        style=Markup(style.replace("</", "<\\/")),  # CSS cannot close the <style> element
        medium=medium,
    )


def print_html(brief: Brief, template: Template) -> str:
    """The HTML the PDF lays out."""
    return build_html(brief, template, medium="print")


def render(brief: Brief, template: Template) -> bytes:
    """Render the brief as a standalone UTF-8 HTML document."""
    return build_html(brief, template).encode("utf-8")

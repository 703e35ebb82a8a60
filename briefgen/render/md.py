"""Markdown output from `brief.md.j2` (no autoescape: the template escapes with the `md` filter)."""

from __future__ import annotations

from briefgen.model import Brief
from briefgen.render.jinja import render_template
from briefgen.template import Template

TEMPLATE = "brief.md.j2"


def render(brief: Brief, template: Template) -> bytes:
    """Render the brief as UTF-8 Markdown ending in one newline."""
    text = render_template(template, TEMPLATE, brief=brief)
    return (text.rstrip("\n") + "\n").encode("utf-8")

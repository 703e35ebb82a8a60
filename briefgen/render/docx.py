"""Word output: the template's `brief.docx` (Jinja tags in a Word document) filled by docxtpl.

Templates are data, never code: they run in the sandboxed, strict environment
shared with the HTML and Markdown templates (render/jinja.py, the same filters
`date`, `rest`, `paragraphs`), and every printed value is XML-escaped and stripped of
characters XML cannot carry, so speech text such as `{{ 7*7 }}`, `<script>`
or a NUL byte appears literally (or not at all) and the package stays valid.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from briefgen.errors import TemplateError
from briefgen.model import Brief
from briefgen.render.docx_check import error_kind, error_line
from briefgen.render.docx_package import (
    clean_xml_text,
    fixed_datetime,
    normalise_zip,
    request_field_update,
    restart_numbered_lists,
    set_core_properties,
)
from briefgen.render.jinja import sandbox
from briefgen.template import Template

__all__ = ["make_env", "render"]

TEMPLATE_FILE = "brief.docx"
NOT_WORD = (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError)


def render(brief: Brief, template: Template) -> bytes:
    """The brief as a DOCX package, byte-identical for the same brief and template."""
    path = template.file(TEMPLATE_FILE)
    document = load(path)
    try:
        document.render({"brief": brief}, jinja_env=make_env(), autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(describe(exc, document), str(path)) from None
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"template produced invalid XML: {exc}", str(path)) from None
    when = fixed_datetime(brief.info.date)
    set_core_properties(document.docx, brief, when)
    request_field_update(document.docx)
    restart_numbered_lists(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), when)


def load(path: Path) -> DocxTemplate:
    """Open a Word template, or fail in one line when the file is not a Word document."""
    document = DocxTemplate(path)
    try:
        document.init_docx()
    except NOT_WORD as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TemplateError(f"not a Word document ({reason})", str(path)) from None
    return document


def make_env() -> SandboxedEnvironment:
    """The shared template environment (same filters as HTML and Markdown), escaping for XML."""
    return sandbox(autoescape=True, finalize=_finalize)


def _finalize(value: Any) -> Any:
    """Print None as nothing; escape text for XML and hide docxtpl's `{_{` markers in it."""
    if value is None:
        return ""
    if isinstance(value, Markup):  # the template author's own markup, from |safe
        return Markup(clean_xml_text(str(value)))
    text = str(escape(clean_xml_text(str(value))))
    # docxtpl turns "{_{", "}_}", "{_%", "%_}" in its output into tags; keep speech text as written
    return Markup(text.replace("{_", "{&#95;").replace("_}", "&#95;}"))


def describe(exc: jinja2.TemplateError, document: DocxTemplate) -> str:
    """One line: what went wrong, in which part of the Word file, near which text."""
    message = " ".join(str(exc.message or exc).split())
    part = getattr(document, "current_rendering_part", None)
    where = str(part.partname).lstrip("/") if part is not None else "document"
    near = _near(document, part, error_line(exc))
    return f"{error_kind(exc)}: {message} ({where}{near})"


def _near(document: DocxTemplate, part: Any, lineno: int | None) -> str:
    """`, near 'text'`: the Word paragraph docxtpl placed on that template line."""
    if part is None or not lineno:
        return ""
    try:
        main = part is document.docx.part
        xml = document.get_xml() if main else document.get_part_xml(part)
        lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(xml)).splitlines()
        text = " ".join(re.sub(r"<[^>]+>", "", lines[lineno - 1]).split())
    except (IndexError, AttributeError, ValueError, etree.XMLSyntaxError):
        return ""  # the location only decorates the message; never hide the real error
    return f", near '{text[:80]}'" if text else ""

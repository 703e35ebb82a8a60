"""Word output: the template's `brief.docx` (Jinja tags in a Word document) filled by docxtpl.

Templates are data, never code: they run in the sandboxed, strict environment
shared with the HTML and Markdown templates (render/jinja.py, the same filters
`date`, `rest`, `paragraphs`), and every printed value is XML-escaped and stripped of
characters XML cannot carry, so speech text such as `{{ 7*7 }}`, `<script>`
or a NUL byte appears literally (or not at all) and the package stays valid. Word
templates also get the filters of render/docx_fields.py (bookmarks, links, page numbers).

A template whose tags use `pageref` prints the page numbers of the PDF rendered from the
same brief and template: the build hands over its PDF (render/workers.py), else it is laid
out here, so the DOCX's bytes never depend on whether the spec asks for a PDF too.
"""

from __future__ import annotations

import dataclasses
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
from markupsafe import Markup

from briefgen.errors import BriefgenError, TemplateError
from briefgen.model import Brief
from briefgen.render import FORMATS
from briefgen.render.docx_check import NOT_WORD as NOT_A_WORD_DOCUMENT
from briefgen.render.docx_check import PROPERTIES, error_line, uses_filter
from briefgen.render.docx_fields import Fields, clean_xml_text, xml_text
from briefgen.render.docx_package import (
    fixed_datetime,
    normalise_zip,
    restart_numbered_lists,
    set_core_properties,
)
from briefgen.render.jinja import describe, sandbox
from briefgen.render.pages import anchor_pages
from briefgen.template import Template

__all__ = ["make_env", "render"]

TEMPLATE_FILE = "brief.docx"
NOT_WORD = (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError)


def render(brief: Brief, template: Template, pdf: bytes | None = None) -> bytes:
    """The brief as a DOCX package, byte-identical for the same brief and template;
    `pdf`: the PDF of the same brief and template, when the build rendered it already."""
    path = template.file(TEMPLATE_FILE)
    document = load(path)
    pages = anchor_pages(pdf) if pdf is not None else print_pages(brief, template, path)
    style_ids = {style.name: style.style_id for style in document.docx.styles}
    env = make_env(Fields(pages, style_ids))
    try:
        document.render({"brief": brief}, jinja_env=env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(describe_fault(exc, document, env), str(path)) from None
    except etree.XMLSyntaxError:
        raise TemplateError("the template's tags made a Word document that is not valid XML "
                            "(a '|safe' value with markup?)", str(path)) from None
    when = fixed_datetime(brief.info.date)
    set_core_properties(document.docx, brief, when)
    restart_numbered_lists(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), when)


def load(path: Path) -> DocxTemplate:
    """Open a Word template, or fail in one line when the file is not a Word document."""
    document = DocxTemplate(path)
    try:
        document.init_docx()
    except NOT_WORD:
        raise TemplateError(NOT_A_WORD_DOCUMENT, str(path)) from None
    return document


def print_pages(brief: Brief, template: Template, path: Path) -> dict[str, int]:
    """The PDF's page of each anchor, when the Word template prints page numbers and the
    template makes a PDF; else none (the numbers are left to Word and LibreOffice), and a
    warning when the PDF cannot be made (its HTML template fails, the brief is too long)."""
    if not uses_filter(path, "pageref") or not all(
            (template.path / name).is_file() for name in FORMATS["pdf"].template_files):
        return {}
    from briefgen.render import render as render_format

    copy = dataclasses.replace(brief, warnings=list(brief.warnings))  # not this output's
    try:
        return anchor_pages(render_format(copy, template, "pdf"))
    except BriefgenError as exc:
        brief.warnings.append(f"DOCX: the contents have no page numbers until Word updates "
                              f"them: the PDF they come from cannot be made ({exc})")
        return {}


def make_env(fields: Fields) -> SandboxedEnvironment:
    """The shared template environment (same filters as HTML and Markdown), escaping for XML,
    with the Word filters of `fields`."""
    return fields.install(sandbox(autoescape=True, finalize=_finalize))


def _finalize(value: Any) -> Any:
    """Print None as nothing; escape text for XML and hide docxtpl's `{_{` markers in it."""
    if value is None:
        return ""
    if isinstance(value, Markup):  # the template author's own markup, from |safe
        return Markup(clean_xml_text(str(value)))
    # docxtpl turns "{_{", "}_}", "{_%", "%_}" in its output into tags; keep speech text as written
    return Markup(xml_text(value))


def describe_fault(exc: jinja2.TemplateError, document: DocxTemplate,
                   env: SandboxedEnvironment) -> str:
    """One line: what went wrong, in which part of the Word file, near which text."""
    part = getattr(document, "current_rendering_part", None)
    where = str(part.partname).lstrip("/") if part is not None else "document"
    source = _source(document, part)
    lineno = error_line(exc)
    if _in_properties(exc):  # docxtpl renders them last, without naming the part
        where, lineno = "docProps/core.xml, the document's properties", None
        source = "\n".join(str(getattr(document.docx.core_properties, name) or "")
                           for name in PROPERTIES)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        message = describe(exc, env, exc.source or source, ["brief"], lines=False)
    else:
        lines = source.splitlines()
        line = lines[lineno - 1] if lineno and lineno <= len(lines) else source
        message = describe(exc, env, line, ["brief"], lines=False)
    return f"{message} ({where}{_near(source, lineno)})"


def _in_properties(exc: BaseException) -> bool:
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_name == "render_properties":
            return True
        trace = trace.tb_next
    return False


def _source(document: DocxTemplate, part: Any) -> str:
    """The Jinja source docxtpl made of a part: its XML, one Word paragraph a line."""
    if part is None:
        return ""
    try:
        main = part is document.docx.part
        xml = document.get_xml() if main else document.get_part_xml(part)
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(xml))
    except (AttributeError, ValueError, etree.XMLSyntaxError):
        return ""  # the source only decorates the message; never hide the real error


def _near(source: str, lineno: int | None) -> str:
    """`, near 'text'`: the Word paragraph docxtpl placed on that template line."""
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    text = " ".join(re.sub(r"<[^>]+>", "", lines[lineno - 1]).split())
    return f", near '{text[:80]}'" if text else ""

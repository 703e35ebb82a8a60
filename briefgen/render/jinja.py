"""One Jinja2 environment for every text template: sandboxed, strict, confined to its folder.

Templates are data a user edits, never code: the sandbox refuses attribute tricks such as
`''.__class__`, StrictUndefined turns a misspelt variable into an error instead of a blank,
and every template failure becomes one `TemplateError` line naming the file and line.
"""

from __future__ import annotations

import os
import re
import traceback
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.errors import TemplateError
from briefgen.model import Item
from briefgen.template import Template

AUTOESCAPED = ("html.j2", "htm.j2", "xml.j2", "html", "xml")
_MD_SPECIAL = re.compile(r"([\\`*_<>|\[\]])")
# Errors a template can cause by itself (a filter given the wrong type, a bad index).
_TEMPLATE_CAUSED = (jinja2.TemplateError, TypeError, ValueError, LookupError, ArithmeticError)


def environment(folder: Path) -> SandboxedEnvironment:
    """A sandboxed environment that loads templates from `folder` and nowhere else."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(AUTOESCAPED, default_for_string=False, default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(date=format_date, rest=rest_of_text, md=escape_markdown)
    return env


def render_template(template: Template, name: str, **context: Any) -> str:
    """Render template file `name` of `template`; any template fault becomes a TemplateError."""
    template.file(name)  # a clear error when the file is missing
    env = environment(template.path)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = _where(Path(exc.filename or template.path / name), exc.lineno)
        raise TemplateError(exc.message or "syntax error", where) from None
    except _TEMPLATE_CAUSED as exc:
        path, line = _template_frame(exc.__traceback__, template.path)
        if path is None:
            raise
        raise TemplateError(_message(exc, path, line), _where(path, line)) from None


def format_date(value: object, fmt: str = "long") -> str:
    """Format an ISO date as "1 December 2026" (fmt="long") or "1 Dec 2026" (fmt="short")."""
    if value is None or value == "":
        return ""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)  # a partial date ("2018-03") is shown as written
    month = day.strftime("%B" if fmt == "long" else "%b")
    return f"{day.day} {month} {day.year}"


def rest_of_text(item: Item) -> str:
    """An item's text after its headline, so a template can show the headline in bold once."""
    text, headline = item.text.strip(), item.headline.strip()
    if headline and text.startswith(headline):
        rest = text[len(headline) :].strip()
        # A clause in a series keeps its "; and" in the text, but alone it says nothing.
        return "" if re.fullmatch(r"[;,.:]?\s*(?:and|or)?", rest) else rest
    return text


def escape_markdown(value: object) -> str:
    """Backslash-escape characters Markdown would read as markup, so speech text stays literal."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def _template_frame(tb: TracebackType | None, folder: Path) -> tuple[Path | None, int | None]:
    """The innermost traceback frame that runs a template file inside `folder`."""
    found: tuple[Path | None, int | None] = (None, None)
    root = folder.resolve()
    for frame, lineno in traceback.walk_tb(tb):
        filename = Path(frame.f_code.co_filename)
        if not filename.name.startswith("<") and filename.resolve().is_relative_to(root):
            found = (filename, lineno)
    return found


def _message(exc: BaseException, path: Path, line: int | None) -> str:
    """The error's message, naming the whole dotted variable when an attribute is undefined."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if not isinstance(exc, jinja2.UndefinedError) or line is None:
        return message
    match = re.search(r"has no attribute '(\w+)'|^'(\w+)' is undefined", message)
    if not match:
        return message
    name = match.group(1) or match.group(2)
    source = path.read_text(encoding="utf-8").splitlines()[line - 1 : line]
    dotted = re.search(rf"[A-Za-z_][\w.]*\.{name}\b", source[0]) if source else None
    return f"'{dotted.group(0)}' is undefined" if dotted else message


def _where(path: Path, line: int | None) -> str:
    """`path:line`, the path relative to the working directory when it is below it."""
    try:
        shown = os.path.relpath(path)
        if shown.startswith(".."):
            shown = str(path)
    except ValueError:
        shown = str(path)
    return f"{shown}:{line}" if line else shown

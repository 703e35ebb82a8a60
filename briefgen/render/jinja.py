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
_BLANK_LINE = re.compile(r"\n\s*\n")
_LONE_JOINER = re.compile(r"[;,.:]?\s*(?:and|or)?")
# Errors a template can cause by itself (a filter given the wrong type, a bad index).
_TEMPLATE_CAUSED = (jinja2.TemplateError, TypeError, ValueError, LookupError, ArithmeticError)


def sandbox(**options: Any) -> SandboxedEnvironment:
    """The one policy every renderer shares: sandboxed, strict, the same filters.

    HTML, Markdown and Word templates all go through here, so a date or an item's
    text reads the same in every format.
    """
    env = SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, **options
    )
    env.filters.update(
        date=format_date, rest=rest_of_text, paragraphs=item_paragraphs, md=escape_markdown
    )
    return env


def environment(folder: Path) -> SandboxedEnvironment:
    """A sandboxed environment that loads text templates from `folder` and nowhere else."""
    return sandbox(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(AUTOESCAPED, default_for_string=False, default=False),
        keep_trailing_newline=True,
    )


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
    return "\n\n".join(part for part in item_paragraphs(item) if part)


def item_paragraphs(item: Item) -> list[str]:
    """The text after the headline, one string per paragraph of the speech.

    The first string continues the headline's own paragraph (empty when the headline
    is all of it), so templates print it beside the headline and the others below.
    """
    text, headline = item.text.strip(), item.headline.strip()
    if not (headline and text.startswith(headline)):
        return _split_paragraphs(text)
    first, *more = _split_paragraphs(text[len(headline) :]) or [""]
    # A clause in a series keeps its "; and" in the text, but alone it says nothing.
    return ["" if _LONE_JOINER.fullmatch(first) else first, *more]


def _split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, each stripped; the first may be empty."""
    parts = [part.strip() for part in _BLANK_LINE.split(text)]
    return parts[:1] + [part for part in parts[1:] if part]


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

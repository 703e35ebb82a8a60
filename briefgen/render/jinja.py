"""One Jinja2 environment for every text template: sandboxed, strict, confined to its folder.

Templates are data a user edits, never code: the sandbox refuses attribute tricks such as
`''.__class__`, StrictUndefined turns a misspelt variable into an error instead of a blank,
and every template failure becomes one `TemplateError` line naming the file and line.

Every fault is told in briefgen's words (`describe`), never Jinja's or Python's: an
undefined variable as the template writes it, with the nearest real name; a sandbox
refusal as "a template may not ..."; a syntax error from briefgen's own reading of the tags.

A template is also bounded: `'x' * 10**10` and `9**99999999` are refused before they are
computed, compiling and rendering run under a memory ceiling (MEMORY_HEADROOM above what
the process already uses), and any other fault of the template's own making (a macro that
calls itself, a division by zero, a file that is not UTF-8) is a `jinja2.TemplateError`, so
the Word renderer, which renders through docxtpl, reports it in one line too.
"""

from __future__ import annotations

import difflib
import functools
import math
import os
import re
import threading
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.errors import TemplateError
from briefgen.model import Item
from briefgen.render.tags import syntax_problem
from briefgen.template import Template

AUTOESCAPED = ("html.j2", "htm.j2", "xml.j2", "html", "xml")
_MD_SPECIAL = re.compile(r"([\\`*_<>|\[\]])")
_BLANK_LINE = re.compile(r"\n\s*\n")
_LONE_JOINER = re.compile(r"[;,.:]?\s*(?:and|or)?")
# Errors a template can cause by itself (a filter given the wrong type, a bad index, a macro
# that calls itself, more memory than any brief needs).
_TEMPLATE_CAUSED = (jinja2.TemplateError, TypeError, ValueError, LookupError, ArithmeticError)
_RUNTIME_FAULTS = (TypeError, ValueError, LookupError, ArithmeticError, RecursionError,
                   MemoryError)
MAX_SIZE = 10_000_000  # characters or items one `*` may make; a brief's whole text is less
MAX_POWER_BITS = 10_000  # `**` results beyond this (3,000 digits) are not a brief's numbers
MEMORY_HEADROOM = 2**30  # bytes a template may add to the process while it runs


class TemplateFault(jinja2.TemplateRuntimeError):
    """A fault of the template's own making, raised while it compiles or renders."""


class TooDeep(jinja2.TemplateSyntaxError):
    """A template nested too deeply for Jinja's parser (briefgen's words)."""


class UndefinedVariable(jinja2.UndefinedError):
    """A name or attribute the template uses that does not exist: which, and on what."""

    def __init__(self, message: str | None = None, name: object = None,
                 obj: object = jinja2.runtime.missing) -> None:
        super().__init__(message)
        self.name, self.obj = name, obj


class Undefined(jinja2.StrictUndefined):
    """StrictUndefined whose error knows the name and the object, and speaks our words."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: object = jinja2.runtime.missing,
                 name: str | None = None,
                 exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError) -> None:
        if exc is jinja2.UndefinedError:
            exc = functools.partial(UndefinedVariable, name=name, obj=obj)  # type: ignore[assignment]
        super().__init__(hint, obj, name, exc)

    @property
    def _undefined_message(self) -> str:
        return self._undefined_hint or undefined_words(
            UndefinedVariable(None, self._undefined_name, self._undefined_obj), None, ())


class BoundedTemplate(jinja2.Template):
    """A template whose rendering is memory-bounded and whose faults are TemplateErrors."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with memory_ceiling():
            try:
                return super().render(*args, **kwargs)
            except jinja2.TemplateError:
                raise
            except _RUNTIME_FAULTS as exc:  # the traceback keeps the template's line
                raise TemplateFault(_fault_message(exc)).with_traceback(
                    exc.__traceback__) from None


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, refusing arithmetic that would build a huge value.

    Intercepting `*` and `**` also stops Jinja from folding them at compile time, so
    `{{ 'x' * 10**10 }}` is refused when it runs instead of filling memory while compiling.
    """

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    template_class = BoundedTemplate

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_repeat(left, right)
        try:
            return super().call_binop(context, operator, left, right)
        except TypeError:
            hint = " (join text with '~')" if operator == "+" else ""
            raise TemplateFault(f"'{operator}' cannot combine {_kind(left)} and "
                                f"{_kind(right)}{hint}") from None
        except ZeroDivisionError:
            raise TemplateFault("a division by zero") from None

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        return self.undefined(f"a template may not use '{attribute}' (Python's internals are "
                              "closed to templates)", name=attribute, obj=obj,
                              exc=jinja2.exceptions.SecurityError)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise jinja2.exceptions.SecurityError(f"a template may not call '{name}'")
        return __context.call(__obj, *args, **kwargs)

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,
                raw: bool = False, defer_init: bool = False) -> Any:
        """Compile under the memory ceiling; nesting too deep for the parser is a syntax error."""
        with memory_ceiling():
            try:
                return super().compile(source, name, filename, raw, defer_init)
            except (RecursionError, MemoryError) as exc:
                raise TooDeep(_fault_message(exc), 1, name, filename) from None


def _check_power(base: Any, exponent: Any) -> None:
    if (isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1
            and exponent * math.log2(abs(base)) > MAX_POWER_BITS):
        raise jinja2.exceptions.SecurityError(
            f"a template may not compute {base} ** {exponent}, too large a number (more than "
            f"{MAX_POWER_BITS} bits)")


def _check_repeat(left: Any, right: Any) -> None:
    for seq, count in ((left, right), (right, left)):
        if (isinstance(seq, (str, bytes, list, tuple)) and isinstance(count, int)
                and len(seq) * count > MAX_SIZE):
            raise jinja2.exceptions.SecurityError(
                f"a template may not repeat {_kind(seq)} of length {len(seq)} {count} times "
                f"(more than {MAX_SIZE:,} items)")


def _fault_message(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the template nests or recurses too deeply (a macro that calls itself?)"
    if isinstance(exc, MemoryError):
        return (f"the template needs more than {MEMORY_HEADROOM / 2**30:g} GB of memory; "
                "refused (a value repeated or joined to itself too often?)")
    if isinstance(exc, UnicodeDecodeError):
        return (f"a template file is not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset "
                f"{exc.start}); save it as UTF-8")
    kinds = ((ZeroDivisionError, "a division by zero"),
             (OverflowError, "a number too large to compute"),
             (LookupError, "an index or key that is not there"),
             (TypeError, "a value of the wrong kind for this operation or filter (text and "
                         "a number mixed?)"),
             (ValueError, "a filter, test or function given a value it cannot use"))
    return next((words for kind, words in kinds if isinstance(exc, kind)),
                "the template cannot be run here")


def _kind(value: object) -> str:
    """A value's kind as a template author knows it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "none"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


_NO_FILES = jinja2.FunctionLoader(lambda name: None)
_ceiling_lock = threading.Lock()
_ceiling_depth = 0


@contextmanager
def memory_ceiling(headroom: int | None = None) -> Iterator[None]:
    """Lower the address-space limit to what the process uses plus `headroom`, meanwhile.

    A template that builds a huge value then fails with MemoryError at once instead of
    pushing the machine into swap or the OOM killer. Nested uses keep the outermost ceiling;
    where the limit cannot be read or set (not Linux), this does nothing.
    """
    global _ceiling_depth
    with _ceiling_lock:
        _ceiling_depth += 1
        if _ceiling_depth == 1:
            previous = _lower_limit(MEMORY_HEADROOM if headroom is None else headroom)
        else:
            previous = None
    try:
        yield
    finally:
        with _ceiling_lock:
            _ceiling_depth -= 1
            if previous is not None:
                _restore_limit(previous)


def _lower_limit(headroom: int) -> tuple[int, int] | None:
    try:
        import resource

        with open("/proc/self/statm", "rb") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        ceiling = used + headroom
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        if soft != resource.RLIM_INFINITY and soft <= ceiling:
            return None  # already as tight
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    except (ImportError, OSError, ValueError, AttributeError):
        return None
    return soft, hard


def _restore_limit(previous: tuple[int, int]) -> None:
    import resource

    with suppress(OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_AS, previous)


def sandbox(**options: Any) -> SandboxedEnvironment:
    """The one policy every renderer shares: sandboxed, bounded, strict, the same filters.

    HTML, Markdown and Word templates all go through here, so a date or an item's
    text reads the same in every format.
    """
    options.setdefault("loader", _NO_FILES)  # a Word template includes nothing
    env = BoundedSandbox(undefined=Undefined, trim_blocks=True, lstrip_blocks=True, **options)
    env.filters.update(
        date=format_date, rest=rest_of_text, paragraphs=item_paragraphs, cut=item_cut,
        md=escape_markdown,
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
    except UnicodeDecodeError as exc:  # the file itself, as it loads (an include's: a fault)
        raise _not_utf8(exc, template.path / name) from None
    except jinja2.TemplateSyntaxError as exc:
        path = Path(exc.filename or template.path / name)
        raise TemplateError(describe(exc, env, _source(path), context),
                            _where(path, exc.lineno)) from None
    except jinja2.TemplateNotFound as exc:
        path, line = _template_frame(exc.__traceback__, template.path)
        raise TemplateError(
            f"no template file {exc.name!r} in {_where(template.path, None)} (a template "
            "includes or imports only files of its own folder)",
            _where(path or template.path / name, line)) from None
    except _TEMPLATE_CAUSED as exc:
        path, line = _template_frame(exc.__traceback__, template.path)
        if path is None:
            raise
        text = _source(path).splitlines()[line - 1 : line] if line else []
        raise TemplateError(describe(exc, env, text[0] if text else None, context),
                            _where(path, line)) from None


def _not_utf8(exc: UnicodeDecodeError, path: Path) -> TemplateError:
    """A template file that is not UTF-8: its line and the offending byte."""
    data = exc.object if isinstance(exc.object, bytes) else b""
    line = data.count(b"\n", 0, exc.start) + 1
    return TemplateError(
        f"not UTF-8 (invalid byte 0x{data[exc.start]:02x}); save the template as UTF-8",
        _where(path, line))


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
    """The text after the headline that the brief prints, one string per paragraph.

    The first string continues the headline's own paragraph (empty when the headline
    is all of it), so templates print it beside the headline and the others below.
    The item's `body` decides how much: every paragraph ("full"), the headline's own
    ("first-paragraph") or nothing ("none", which leaves the sub-items out too);
    `item | cut` says whether text was left out.
    """
    parts = _all_paragraphs(item)
    if item.body == "first-paragraph":
        return parts[:1]
    if item.body == "none":
        return [""]
    return parts


def item_cut(item: Item) -> bool:
    """Whether the item's `body` leaves some of its text out (templates mark it "[…]")."""
    shown, every = item_paragraphs(item), _all_paragraphs(item)
    hidden_subitems = item.body == "none" and bool(item.subitems)
    return any(every[len(shown) :]) or (not shown[0] and bool(every[0])) or hidden_subitems


def _all_paragraphs(item: Item) -> list[str]:
    """Every paragraph of the item's text after the headline (see item_paragraphs)."""
    text, headline = item.text.strip(), item.headline.strip()
    if not (headline and text.startswith(headline)):
        return _split_paragraphs(text) or [""]
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


def describe(exc: BaseException, env: jinja2.Environment, source: str | None,
             names: Iterable[str] = (), lines: bool = True) -> str:
    """A template fault in one line of briefgen's words (never Jinja's or Python's).

    `source` is the template's text for a syntax error, else the line that failed (an
    undefined variable is named as written there); `names` are the variables the template
    was given, for a did-you-mean; `lines`: whether the source's lines mean something to
    the template's author (not in a Word template's XML).
    """
    if isinstance(exc, TooDeep):
        return f"template syntax error: {exc.message}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return "template syntax error: " + syntax_problem(source or "", exc.lineno, env.filters,
                                                          env.tests, lines)
    if isinstance(exc, UndefinedVariable):
        return undefined_words(exc, source, [*names, *env.globals])
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return str(exc.message)  # briefgen's own: "a template may not ..."
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"no template file {exc.name!r} (a Word template includes no other files)"
    if isinstance(exc, TemplateFault):
        return f"template error: {exc.message}"
    if isinstance(exc, jinja2.UndefinedError):
        return "undefined variable"
    return f"template error: {_fault_message(exc)}"


def undefined_words(exc: UndefinedVariable, line: str | None, names: Iterable[str]) -> str:
    """`undefined variable 'brief.info.titel' (did you mean 'brief.info.title'?)`: the name
    as the template's `line` writes it, the nearest from `names` or the object's attributes."""
    name, obj = exc.name, exc.obj
    if obj is jinja2.runtime.missing:
        hint = " (it exists only inside a {% for %} loop)" if name == "loop" else _near(
            str(name), names, "")
        return f"undefined variable '{name}'{hint}"
    if not isinstance(name, str):
        size = f" of {len(obj)}" if isinstance(obj, (list, tuple, dict)) else ""
        return f"undefined variable: no item {name!r} in {_kind(obj)}{size}"
    written = re.search(rf"[A-Za-z_][\w.]*\.{re.escape(name)}\b", line or "")
    if written:
        prefix = written.group(0)[: -len(name)]
        return f"undefined variable '{written.group(0)}'" + _near(name, _attributes(obj), prefix)
    return (f"undefined variable '{name}': {_kind(obj)} has no such attribute"
            + _near(name, _attributes(obj), ""))


def _attributes(obj: object) -> list[str]:
    if isinstance(obj, dict):
        return [str(key) for key in obj]
    return [name for name in dir(obj) if not name.startswith("_")]


def _near(name: str, choices: Iterable[str], prefix: str) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean '{prefix}{close[0]}'?)" if close else ""


def _source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _where(path: Path, line: int | None) -> str:
    """`path:line`, the path relative to the working directory when it is below it."""
    try:
        shown = os.path.relpath(path)
        if shown.startswith(".."):
            shown = str(path)
    except ValueError:
        shown = str(path)
    return f"{shown}:{line}" if line else shown

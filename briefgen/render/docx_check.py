"""Check a Word template for `briefgen check`: tags Word split across runs, and the tags run.

Word splits text into runs when formatting, spell-checking or revision marks
change mid-word; a tag such as `{{ brief.info.title }}` typed in Word can end
up as `{{` in one run and `brief.info.title }}` in another. docxtpl often
repairs that, but not always (and the tag takes the first run's formatting),
so a template author should retype such tags. The tags alone are then run on the
brief in the shared sandbox, as docxtpl runs them, so a syntax error or an undefined
variable is found before a build. Reads only the zip and XML: no docxtpl import, so
checking stays cheap.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree

from briefgen.errors import TemplateError
from briefgen.model import Brief
from briefgen.render.docx_fields import install_without_document
from briefgen.render.jinja import sandbox

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
OPENER = re.compile(r"\{[{%#]")
PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
LEVEL = re.compile(r"^(\{[{%]-?)(?:p|tr|tc|r)\s")  # docxtpl's {%p, {%tr, {%tc, {%r, {{r, ...


def find_split_tags(path: Path | str) -> list[str]:
    """One line per tag split across runs, or left open, in the body, headers and footers."""
    findings = []
    for name, root in _parts(Path(path)).items():
        where = "" if name == "word/document.xml" else f"{name.removeprefix('word/')} "
        for number, paragraph in enumerate(root.iter(f"{W}p"), 1):
            for problem in _paragraph_problems(paragraph):
                findings.append(f"{path}: {where}paragraph {number}: {problem}")
    return findings


def run_tags(path: Path | str, brief: Brief) -> None:
    """Run each part's tags on the brief, one line of tags per paragraph, as docxtpl would.

    A fault is the TemplateError `build` would give, naming the part and the paragraph.
    """
    env = install_without_document(sandbox(autoescape=True))
    for name, root in _parts(Path(path)).items():
        paragraphs = []  # (number, its tags) of each paragraph that has tags
        for number, paragraph in enumerate(root.iter(f"{W}p"), 1):
            tags = [LEVEL.sub(r"\1 ", tag) for tag in TAG.findall(_paragraph_text(paragraph))]
            if tags:
                paragraphs.append((number, "".join(tags)))
        source = "\n".join(tags for _number, tags in paragraphs)
        try:
            env.from_string(source).render(brief=brief)
        except jinja2.TemplateError as exc:
            line = error_line(exc)
            number = paragraphs[line - 1][0] if line and line <= len(paragraphs) else None
            where = f"{name}, paragraph {number}" if number else name
            message = " ".join(str(exc.message or exc).split())
            raise TemplateError(f"{error_kind(exc)}: {message} ({where})", str(path)) from None


def uses_filter(path: Path | str, name: str) -> bool:
    """Whether a tag of the Word template pipes a value through the filter `name`."""
    used = re.compile(rf"\|\s*{re.escape(name)}\b")
    return any(used.search(tag) for root in _parts(Path(path)).values()
               for paragraph in root.iter(f"{W}p")
               for tag in TAG.findall(_paragraph_text(paragraph)))


def error_kind(exc: jinja2.TemplateError) -> str:
    """What kind of template fault this is, in a user's words."""
    kinds = {
        jinja2.TemplateSyntaxError: "template syntax error",
        jinja2.UndefinedError: "undefined variable",
        jinja2.exceptions.SecurityError: "not allowed in a template",
    }
    return next((v for k, v in kinds.items() if isinstance(exc, k)), "template error")


def error_line(exc: jinja2.TemplateError) -> int | None:
    """The template line of an error: given for syntax errors, else found in the traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    line = None
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _parts(path: Path) -> dict[str, Any]:
    """The parsed XML of the parts that hold text: body, headers, footers, notes."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = {n: package.read(n) for n in sorted(package.namelist()) if PARTS.fullmatch(n)}
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"not a Word file ({exc})", str(path)) from None
    if "word/document.xml" not in parts:
        raise TemplateError("not a Word file (no word/document.xml)", str(path))
    roots = {}
    for name, xml in parts.items():
        try:
            roots[name] = etree.fromstring(xml)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"{name} is not valid XML ({exc})", str(path)) from None
    return roots


def _paragraph_text(paragraph: etree._Element) -> str:
    """The text of a paragraph's own runs (not of paragraphs nested in its text boxes)."""
    return "".join(t.text or "" for run in _own_runs(paragraph) for t in run.iter(f"{W}t"))


def _own_runs(paragraph: etree._Element) -> list[etree._Element]:
    return [r for r in paragraph.iter(f"{W}r") if _owner(r) is paragraph]


def _paragraph_problems(paragraph: etree._Element) -> list[str]:
    """Tags of one paragraph that span runs or are not closed within it."""
    runs = _own_runs(paragraph)
    texts = ["".join(t.text or "" for t in run.iter(f"{W}t")) for run in runs]
    owners = [i for i, text in enumerate(texts) for _ in text]  # run index of each character
    joined = "".join(texts)
    problems = []
    for match in TAG.finditer(joined):
        spanned = sorted(set(owners[match.start() : match.end()]))
        if len(spanned) > 1:
            formats = {_format(runs[i]) for i in spanned}
            note = " (runs formatted differently)" if len(formats) > 1 else ""
            problems.append(
                f"tag '{match.group()}' is split across {len(spanned)} runs{note}; retype it"
            )
    rest = TAG.sub("", joined)
    for opener in OPENER.finditer(rest):
        tail = rest[opener.start() : opener.start() + 40]
        problems.append(f"tag '{tail}' is not closed in this paragraph")
    return problems


def _owner(run: etree._Element) -> etree._Element | None:
    """The paragraph a run belongs to (text boxes nest paragraphs inside runs)."""
    node = run.getparent()
    while node is not None and node.tag != f"{W}p":
        node = node.getparent()
    return node


def _format(run: etree._Element) -> bytes:
    """A run's formatting, comparable between runs."""
    props = run.find(f"{W}rPr")
    return b"" if props is None else etree.tostring(props, method="c14n")

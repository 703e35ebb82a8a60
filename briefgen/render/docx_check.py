"""Check a Word template for `briefgen check`: tags Word split across runs, and the tags run.

Word splits text into runs when formatting, spell-checking or revision marks
change mid-word; a tag such as `{{ brief.info.title }}` typed in Word can end
up as `{{` in one run and `brief.info.title }}` in another. docxtpl often
repairs that, but not always (and the tag takes the first run's formatting),
so a template author should retype such tags. The tags alone are then run on the
brief in the shared sandbox, as docxtpl runs them, so a syntax error or an undefined
variable is found before a build. Reads only the zip and XML: no docxtpl import, so
checking stays cheap.

What check accepts, build must not reject (and the other way round), so the tags are
read as docxtpl reads them: a tag may run on into the next paragraphs, Word's curly
quotes inside a tag are straight ones, `{%tr %}` and `{%tc %}` work only in a table,
`{% vm %}`, `{% hm %}`, `{% colspan %}` and `{% cellbg %}` only in a table cell, and
the document's properties (title, subject, author, ...) are templates too.
"""

from __future__ import annotations

import bisect
import re
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree

from briefgen.errors import TemplateError
from briefgen.model import Brief
from briefgen.render.docx_fields import install_without_document
from briefgen.render.jinja import describe, sandbox

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
OPENER = re.compile(r"\{[{%#]")
PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
LEVEL = re.compile(r"^(\{[{%])(p|tr|tc|r)\s")  # docxtpl's {%p, {%tr, {%tc, {%r, {{r, ...
CELL_ONLY = re.compile(r"\{%\s*(?:vm|hm)\s*%\}")  # docxtpl's merges, in table cells
CELL_VALUE = re.compile(r"\{%\s*(?:colspan|cellbg)\s+([^%]*)%\}")  # ... and cell settings
CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
# the document's properties docxtpl renders as templates, and their elements in core.xml
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_CORE_XML = {"author": "creator", "comments": "description"}
_DC = "{http://purl.org/dc/elements/1.1/}"
NOT_WORD = "not a Word document (a .docx made by Word or LibreOffice)"


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
    """Run each part's tags on the brief, one line of tags per paragraph, as docxtpl would,
    and the document's properties.

    A fault is the TemplateError `build` would give, naming the part and the paragraph.
    """
    env = install_without_document(sandbox(autoescape=True))
    for name, root in _parts(Path(path)).items():
        lines = _tag_lines(root)
        numbers = sorted(lines)
        try:
            env.from_string("\n".join(lines[n] for n in numbers)).render(brief=brief)
        except jinja2.TemplateError as exc:
            line = error_line(exc)
            number = numbers[line - 1] if line and line <= len(numbers) else None
            where = f"{name}, paragraph {number}" if number else name
            source = exc.source if isinstance(exc, jinja2.TemplateSyntaxError) else (
                lines[number] if number else None)
            message = describe(exc, env, source, ["brief"], lines=False)
            raise TemplateError(f"{message} ({where})", str(path)) from None
    for prop, text in _properties(Path(path)).items():
        try:
            env.from_string(text).render(brief=brief)
        except jinja2.TemplateError as exc:
            source = exc.source if isinstance(exc, jinja2.TemplateSyntaxError) else text
            message = describe(exc, env, source, ["brief"], lines=False)
            raise TemplateError(f"{message} (docProps/core.xml, property '{prop}')",
                                str(path)) from None


def _tag_lines(root: etree._Element) -> dict[int, str]:
    """The tags of each paragraph (by number) as docxtpl hands them to Jinja: a tag runs
    on into the following paragraphs until it closes; one never closed stays open."""
    texts, starts, tables = [], [], []
    at = 0
    for paragraph in root.iter(f"{W}p"):
        text = _paragraph_text(paragraph)
        texts.append(text)
        starts.append(at)
        tables.append(_table_place(paragraph))
        at += len(text) + 1
    joined = "\n".join(texts)
    lines: dict[int, str] = {}

    def number(index: int) -> int:
        return bisect.bisect_right(starts, index)

    end = 0
    for match in TAG.finditer(joined):
        paragraph = number(match.start())
        tag = _as_docxtpl(match.group().replace("\n", ""), tables[paragraph - 1])
        lines[paragraph] = lines.get(paragraph, "") + tag
        end = match.end()
    if opener := OPENER.search(TAG.sub(lambda m: " " * len(m.group()), joined[end:])):
        paragraph = number(end + opener.start())
        rest = joined[end + opener.start() :].split("\n")[0]
        lines[paragraph] = lines.get(paragraph, "") + rest
    return lines


def _as_docxtpl(tag: str, table: set[str]) -> str:
    """A tag as docxtpl rewrites it before Jinja: straight quotes, its own tags resolved
    where they apply (`{%tr` in a table row, `{% vm %}` in a cell, ...), else left as
    written (Jinja refuses them there, in check as in build)."""
    tag = tag.translate(CURLY)
    level = LEVEL.match(tag)
    if level and (level.group(2) in ("p", "r") or level.group(2) in table):
        tag = level.group(1) + " " + tag[level.end() :]
    if "tc" in table:
        tag = CELL_VALUE.sub(r"{{ \1 }}", CELL_ONLY.sub("", tag))
    return tag


def _table_place(paragraph: etree._Element) -> set[str]:
    """`{'tr', 'tc'}` for a paragraph in a table cell, else nothing."""
    node = paragraph.getparent()
    while node is not None:
        if node.tag == f"{W}tc":
            return {"tr", "tc"}
        node = node.getparent()
    return set()


def _properties(path: Path) -> dict[str, str]:
    """The document properties docxtpl renders (title, subject, ...) that hold text."""
    try:
        with zipfile.ZipFile(path) as package:
            root = etree.fromstring(package.read("docProps/core.xml"))
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}  # no properties: docxtpl renders none either
    found = {}
    for prop in PROPERTIES:
        element = root.find(f"{_DC}{_CORE_XML.get(prop, prop)}")
        if element is not None and element.text:
            found[prop] = element.text
    return found


def uses_filter(path: Path | str, name: str) -> bool:
    """Whether a tag of the Word template pipes a value through the filter `name`."""
    used = re.compile(rf"\|\s*{re.escape(name)}\b")
    return any(used.search(tag) for root in _parts(Path(path)).values()
               for paragraph in root.iter(f"{W}p")
               for tag in TAG.findall(_paragraph_text(paragraph)))


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
    except (OSError, zipfile.BadZipFile):
        raise TemplateError(NOT_WORD, str(path)) from None
    if "word/document.xml" not in parts:
        raise TemplateError(NOT_WORD, str(path))
    roots = {}
    for name, xml in parts.items():
        try:
            roots[name] = etree.fromstring(xml)
        except etree.XMLSyntaxError:
            raise TemplateError(f"{NOT_WORD}: its {name} is damaged", str(path)) from None
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

"""Find Jinja tags that Word split across runs, so `briefgen check` can name them.

Word splits text into runs when formatting, spell-checking or revision marks
change mid-word; a tag such as `{{ brief.info.title }}` typed in Word can end
up as `{{` in one run and `brief.info.title }}` in another. docxtpl often
repairs that, but not always (and the tag takes the first run's formatting),
so a template author should retype such tags. Reads only the zip and XML: no
docxtpl import, so checking stays cheap.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from briefgen.errors import TemplateError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
OPENER = re.compile(r"\{[{%#]")
PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


def find_split_tags(path: Path | str) -> list[str]:
    """One line per tag split across runs, or left open, in the body, headers and footers."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as package:
            parts = {n: package.read(n) for n in sorted(package.namelist()) if PARTS.fullmatch(n)}
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"not a Word file ({exc})", str(path)) from None
    if "word/document.xml" not in parts:
        raise TemplateError("not a Word file (no word/document.xml)", str(path))
    findings = []
    for name, xml in parts.items():
        try:
            root = etree.fromstring(xml)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"{name} is not valid XML ({exc})", str(path)) from None
        where = "" if name == "word/document.xml" else f"{name.removeprefix('word/')} "
        for number, paragraph in enumerate(root.iter(f"{W}p"), 1):
            for problem in _paragraph_problems(paragraph):
                findings.append(f"{path}: {where}paragraph {number}: {problem}")
    return findings


def _paragraph_problems(paragraph: etree._Element) -> list[str]:
    """Tags of one paragraph that span runs or are not closed within it."""
    runs = [r for r in paragraph.iter(f"{W}r") if _owner(r) is paragraph]
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

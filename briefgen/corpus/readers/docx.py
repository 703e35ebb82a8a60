"""Word (.docx) with python-docx: headings from styles, list items from Word's numbering.

Headings come from paragraph styles ("Title", "Heading N") and outline levels;
list items from automatic numbering (`numPr`), their markers computed as Word
shows them (see `numbering`). Other paragraphs go to the normaliser as text, so
a Word file that is pasted PDF text gets the same line joining as a .txt.
Tables are read in order; headers, footers, comments, deleted text and text
boxes are left out. Pages come from Word's last rendering
(`lastRenderedPageBreak`), else from hard page breaks; without either, none.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from briefgen.corpus.inline import strip_markup
from briefgen.corpus.lines import hard_wrapped
from briefgen.corpus.normalise import Part, Text
from briefgen.corpus.readers import Reading
from briefgen.corpus.readers.numbering import Numbering, indent_of
from briefgen.corpus.readers.styles import ParagraphStyle, Styles
from briefgen.errors import SpeechError
from briefgen.model import Block

MAX_UNPACKED = 100 * 1024 * 1024  # a speech's .docx unpacks to a few MB; more is a zip bomb
_SKIP = {qn("w:del"), qn("w:txbxContent"), qn("w:pPr"), qn("w:rPr"), qn("w:instrText"),
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}  # fmt: skip
_RENDERED = qn("w:lastRenderedPageBreak")


def read(path: Path, data: bytes) -> Reading:
    """Paragraphs and tables in order, as Blocks (headings, numbered items) and Text."""
    document = open_document(path, data)
    xml = document.element.body
    rendered = any(True for _ in xml.iter(_RENDERED))
    explicit = rendered or any(_is_page_break(e) for e in xml.iter(qn("w:br")))
    explicit = explicit or any(True for _ in xml.iter(qn("w:pageBreakBefore")))
    walker = _Walker(Styles.from_document(document), Numbering.from_document(document),
                     page=1 if explicit else None, rendered=rendered)
    walker.walk(xml)
    walker.flush()
    return Reading(walker.parts)


def open_document(path: Path, data: bytes) -> Any:
    """The python-docx Document; a damaged file or a zip bomb is a one-line SpeechError."""
    import docx
    from lxml import etree

    where = str(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SpeechError("not a readable Word .docx file (damaged, encrypted, or an old .doc "
                          "renamed); open it in Word and save it as .docx", where) from exc
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise SpeechError(f"the .docx unpacks to {unpacked // 2**20} MB (limit "
                          f"{MAX_UNPACKED // 2**20} MB); refusing it", where)
    if "word/document.xml" not in archive.namelist():
        raise SpeechError("not a Word .docx file (no word/document.xml inside)", where)
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a member's bytes are damaged
        raise SpeechError("not a readable Word .docx file (damaged: part of it does not "
                          "unpack); open it in Word to repair it and save it again", where) from exc
    except etree.XMLSyntaxError as exc:
        raise SpeechError("not a readable Word .docx file (damaged: a part of it is not "
                          "well-formed XML); open it in Word to repair it and save it again",
                          where) from exc
    except Exception as exc:  # python-docx raises many kinds on damaged parts
        raise SpeechError(f"not a readable Word .docx file ({type(exc).__name__})", where) from exc


def _is_page_break(element: Any) -> bool:
    return element.get(qn("w:type")) == "page"


@dataclass
class _Walker:
    """Collects parts from the body in document order, keeping count of pages."""

    styles: Styles
    numbering: Numbering
    page: int | None
    rendered: bool  # Word recorded its page breaks: trust those, not the hard breaks
    parts: list[Part] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    text_page: int | None = None
    indents: list[int] = field(default_factory=list)  # list indents seen since the last heading

    def _level(self, p: Any, num_id: str, ilvl: int) -> int:
        """ilvl, or deeper when a separate list is drawn further in ('List Bullet 2')."""
        own = indent_of(p.find(qn("w:pPr")))
        indent = own if own is not None else self.numbering.indent(num_id, ilvl)
        if not any(abs(indent - known) < 180 for known in self.indents):
            self.indents.append(indent)
        return max(ilvl, sum(1 for known in set(self.indents) if known < indent - 180))

    def walk(self, container: Any) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag in (qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"),
                               qn("w:sdtContent"), qn("w:customXml")):
                self.walk(child)

    def paragraph(self, p: Any) -> None:
        style = self.styles.of(p)
        start_page = self.page
        if not self.rendered and style.page_break_before and self.page is not None:
            self.page += 1
            start_page = self.page
        pieces, bold = self._runs(p)
        raw = "".join(pieces)
        if start_page is not None:  # breaks before the first word: the paragraph starts after
            start_page += raw[: len(raw) - len(raw.lstrip("\f \t\n"))].count("\f")
        text = strip_markup(raw.replace("\f", " ").replace("\n", " "))
        if style.heading is not None and text:
            self.flush()
            self.indents = []
            self.parts.append(Block(text, "heading", page=start_page))
            return
        marker = self.numbering.marker(*style.numbered) if style.numbered else None
        if marker and text and style.numbered:
            self.flush()
            level = self._level(p, *style.numbered)
            self.parts.append(Block(text, "item", marker=marker, level=level, page=start_page))
            return
        if not self.text:
            self.text_page = start_page
        self.text.append(f"**{raw.strip()}**" if bold and raw.strip() else raw)

    def flush(self) -> None:
        """End a run of plain paragraphs: one Text part, paragraphs apart by a blank line.

        Text pasted or imported line by line (each line of a PDF's text a paragraph) is
        put back together as lines, so it gets the same joining as a .txt.
        """
        if self.text:
            separator = "\n" if hard_wrapped(self.text) else "\n\n"
            self.parts.append(Text(separator.join(self.text), self.text_page))
            self.text = []

    def _runs(self, p: Any) -> tuple[list[str], bool]:
        """The paragraph's text (line breaks as newlines, page breaks as form feeds); all bold?"""
        pieces: list[str] = []
        bold = [True, False]  # [every run with text is bold, some run has text]
        for element in _content(p):
            tag = element.tag
            if tag == qn("w:t"):
                pieces.append(element.text or "")
                run_bold = _is_bold(element.getparent())
                bold = [bold[0] and run_bold, bold[1] or bool((element.text or "").strip())]
            elif tag in (qn("w:tab"), qn("w:ptab")):
                pieces.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                page_break = _is_page_break(element) and not self.rendered
                pieces.append("\n\f" if page_break and self._next_page() else "\n")
            elif tag == _RENDERED and self.rendered and self._next_page():
                pieces.append("\n\f")
            elif tag == qn("w:noBreakHyphen"):
                pieces.append("\u2011")
        return pieces, bold[0] and bold[1]

    def _next_page(self) -> bool:
        if self.page is None:
            return False
        self.page += 1
        return True


def _content(element: Any) -> Iterator[Any]:
    """Descendants in document order, leaving out deleted text, text boxes and fallbacks."""
    for child in element.iterchildren():
        if child.tag in _SKIP or not isinstance(child.tag, str):
            continue
        yield child
        yield from _content(child)


def _is_bold(run: Any) -> bool:
    props = run.find(qn("w:rPr")) if run is not None else None
    node = props.find(qn("w:b")) if props is not None else None
    return node is not None and node.get(qn("w:val"), "true") not in ("0", "false", "off")


__all__ = ["ParagraphStyle", "read"]

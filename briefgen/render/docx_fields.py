"""Bookmarks, cross-references and page numbers in Word templates, as filters for run tags.

A Word template cannot hold a bookmark or a field whose name comes from the brief (Word
would refuse the tag in an attribute), so these filters write them, and a run tag
(`{{r ... }}`, which docxtpl replaces with the runs a filter returns) places them:

    {{r section.title | bookmark('section-' ~ number) }}      the heading, as a bookmark
    {{r '[' ~ item.citation ~ ']' | link('cite-' ~ item.citation, 'Citation Link') }}
    {{r ('section-' ~ loop.index) | pageref('Contents Page') }}
    {{r paragraph | rich }}                                  hand-written **bold**, *italic*
    {{r item | rich }}                                       an item, its matched words bold

Anchors are the ids of the HTML template (`section-3`, `cite-12`, `sources-cited`), so the
same name means the same place in every format. `link` is a REF field and `pageref` a
PAGEREF field, both with `\\h` (a hyperlink): Word and LibreOffice keep them live (LibreOffice
computes them as it lays the document out, and its PDF export makes them links; it does not
export plain hyperlinks to bookmarks), and Word shows the value written here until its
fields are updated (F9, or printing), with no question on opening. REF shows the
bookmark's own text, so a link's text is the text of the bookmark it points to. A
`pageref`'s written value is the anchor's page in the PDF rendered from the same brief
(render/pages.py); the Word layout follows the PDF's (same page, margins, type and spacing).
"""

from __future__ import annotations

import hashlib
import re
from xml.sax.saxutils import escape as xml_escape

from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from briefgen.model import Item, Paragraph

MAX_NAME = 40  # characters Word allows in a bookmark name
FIRST_ID = 1000  # bookmark ids this module writes start here, clear of a template's own
TERM = '<w:b/><w:i w:val="0"/>'  # a matched word: bold and upright, as the PDF shows it
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (NUL, other controls, lone surrogates)."""
    return _XML_INVALID.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def xml_text(value: object) -> str:
    """Text for a `w:t` element: XML-escaped, without characters XML cannot carry, and with
    docxtpl's `{_{` markers hidden (it would turn them into tags)."""
    text = xml_escape(clean_xml_text(str(value)), {'"': "&quot;"})
    return text.replace("{_", "{&#95;").replace("_}", "&#95;}")


def bookmark_name(anchor: object) -> str:
    """A hidden Word bookmark name for an HTML id: `cite-12` -> `_cite_12` (at most 40 chars)."""
    name = "_" + _NOT_NAME.sub("_", str(anchor))
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha1(str(anchor).encode("utf-8")).hexdigest()[:8]
    return f"{name[: MAX_NAME - 9]}_{digest}"


class Fields:
    """The docx-only filters of one rendering: its page numbers and its bookmark counter.

    `pages`: anchor -> page in the PDF's layout; `style_ids`: style name -> the style id
    the document's XML uses (a name not found is used with its spaces removed).
    """

    def __init__(self, pages: dict[str, int], style_ids: dict[str, str]) -> None:
        self.pages = pages
        self.style_ids = style_ids
        self.next_id = FIRST_ID

    def install(self, env: SandboxedEnvironment) -> SandboxedEnvironment:
        env.filters.update(bookmark=self.bookmark, link=self.link, pageref=self.pageref,
                           rich=self.rich)
        return env

    def bookmark(self, text: object, anchor: object, style: str | None = None) -> Markup:
        """`text` in one run, marked as the bookmark of `anchor`."""
        self.next_id += 1
        name, number = bookmark_name(anchor), self.next_id
        return Markup(f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>'
                      f"{self._run(text, style)}<w:bookmarkEnd w:id=\"{number}\"/>")

    def link(self, text: object, anchor: object, style: str | None = None) -> Markup:
        """A REF field to the bookmark of `anchor`, showing `text` (the bookmark's text)."""
        return self._field(f"REF {bookmark_name(anchor)} \\h", text, style)

    def pageref(self, anchor: object, style: str | None = None) -> Markup:
        """A PAGEREF field: the page of `anchor` (its page in the PDF until Word updates it)."""
        return self._field(f"PAGEREF {bookmark_name(anchor)} \\h",
                           self.pages.get(str(anchor), ""), style)

    def rich(self, text: Paragraph | Item) -> Markup:
        """A hand-written paragraph's spans as runs, bold and italic as written; an item's
        text as its runs (mentions), the words matching a term bold, or as one run."""
        if isinstance(text, Item):
            pieces = [(run.text, TERM if run.term else "") for run in text.runs]
            pieces = pieces or [(text.text, "")]
        else:
            pieces = [(span.text, ("<w:b/>" if span.bold else "") + ("<w:i/>" if span.italic
                                                                      else ""))
                      for span in text.spans]
        return Markup("".join(self._run(piece, None, emphasis) for piece, emphasis in pieces))

    def _field(self, instruction: str, shown: object, style: str | None) -> Markup:
        """A complex field: begin, instruction, separate, the value shown, end; every run in
        `style`, so an update keeps the look."""
        props = self._props(style)
        marks = [f'<w:r>{props}<w:fldChar w:fldCharType="{kind}"/></w:r>'
                 for kind in ("begin", "separate", "end")]
        code = f'<w:r>{props}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        return Markup(marks[0] + code + marks[1] + self._run(shown, style) + marks[2])

    def _run(self, text: object, style: str | None, emphasis: str = "") -> str:
        props = self._props(style, emphasis)
        return f'<w:r>{props}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'

    def _props(self, style: str | None, emphasis: str = "") -> str:
        if not style and not emphasis:
            return ""
        style_id = self.style_ids.get(style, _NOT_NAME.sub("", style)) if style else ""
        named = f'<w:rStyle w:val="{style_id}"/>' if style_id else ""
        return f"<w:rPr>{named}{emphasis}</w:rPr>"


def install_without_document(env: SandboxedEnvironment) -> SandboxedEnvironment:
    """The filters for running a Word template's tags alone (`briefgen check`)."""
    return Fields({}, {}).install(env)


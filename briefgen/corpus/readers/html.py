"""A speech saved from a web page: trafilatura finds the main text, navigation and footers go.

trafilatura (well kept, offline when given the page's bytes) returns the main
content as XML: headings, paragraphs, lists and tables, which become Blocks and
Text here as from any structured file. The page's title goes first, so metadata
detection sees it as it would see a letterhead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.corpus.decode import clean
from briefgen.corpus.inline import strip_markup
from briefgen.corpus.normalise import Part, Text
from briefgen.corpus.readers import Reading
from briefgen.errors import SpeechError
from briefgen.model import Block


def read(path: Path, data: bytes) -> Reading:
    """The page's main content as parts; a page with no main text is a one-line error."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(data, output_format="xml", include_tables=True,
                              include_comments=False, include_links=False, favor_recall=True)
    if not xml:
        raise SpeechError("no main text found in the web page", str(path))
    root = etree.fromstring(xml.encode("utf-8"))
    parts: list[Part] = []
    meta = trafilatura.extract_metadata(data)
    title = clean(meta.title).strip() if meta and meta.title else ""
    main = root.find("main")
    walk(main if main is not None else root, parts, 0)
    if title and not (parts and isinstance(parts[0], Block) and parts[0].text == title):
        parts.insert(0, Block(title, "heading"))
    return Reading(parts)


def _text(element: Any) -> str:
    return strip_markup(clean(" ".join(element.itertext())))


def walk(element: Any, parts: list[Part], depth: int) -> None:
    """Headings, paragraphs, (nested) lists and table cells, in document order."""
    for child in element:
        tag = child.tag
        if tag == "head":
            parts.append(Block(_text(child), "heading"))
        elif tag in ("p", "quote", "cell"):
            text = clean("".join(child.itertext())).strip()
            if text:
                parts.append(Text(text))
        elif tag == "list":
            ordered = child.get("rend") == "ol"
            for number, item in enumerate((c for c in child if c.tag == "item"), start=1):
                own = strip_markup(clean((item.text or "") + "".join(
                    "".join(c.itertext()) + (c.tail or "") for c in item if c.tag != "list")))
                marker = f"{number}." if ordered else "-"
                parts.append(Block(own, "item", marker=marker, level=depth))
                walk(item, parts, depth + 1)
        elif tag in ("table", "row", "div", "list"):
            walk(child, parts, depth)

"""Make a rendered DOCX reproducible and self-describing: metadata, lists, a normalised zip.

Same inputs, same bytes: python-docx stamps zip entries with the clock, so the
saved package is rewritten with fixed timestamps, order and compression, and
the core properties get a date derived from the inputs, never from the clock.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn

from briefgen.model import Brief
from briefgen.render.docx_fields import clean_xml_text

DEFAULT_DATE = datetime(2000, 1, 1)
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
ZIP_FIRST = datetime(1980, 1, 1)  # the dates a zip entry can carry
ZIP_LAST = datetime(2107, 12, 31)
CORE_PROPERTY_LIMIT = 255  # characters; python-docx refuses longer (as Word does)

def fixed_datetime(date_text: str | None) -> datetime:
    """The document's date: SOURCE_DATE_EPOCH, else the brief's date, else 2000-01-01 (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
    if date_text:
        try:
            return datetime.fromisoformat(str(date_text)).replace(tzinfo=None)
        except ValueError:
            pass
    return DEFAULT_DATE


def set_core_properties(doc: Document, brief: Brief, when: datetime) -> None:
    """Fill title, author, subject, keywords and language; fix dates so renders repeat."""
    info = brief.info
    props = doc.core_properties
    props.title = _property(info.title)
    props.author = _property(info.author or info.ministry)
    props.subject = _property(info.subject or info.meeting)
    props.keywords = _property(", ".join(info.keywords))
    props.language = _property(info.language)
    props.identifier = _property(info.reference)
    props.category = "Briefing note"
    props.comments = _property(brief.stamp)
    props.last_modified_by = ""
    props.revision = 1
    props.created = when
    props.modified = when


def _property(value: str | None) -> str:
    """A core property's text: XML-safe and at most the 255 characters Word allows."""
    text = clean_xml_text(value or "")
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"


def restart_numbered_lists(doc: Document, style_name: str = "List Number") -> None:
    """Number each list of `style_name` paragraphs from 1; Word would continue across sections."""
    try:
        style = doc.styles[style_name]
        base = style.element.pPr.numPr.numId.val
        numbering = doc.part.numbering_part.element
        abstract = numbering.num_having_numId(base).abstractNumId.val
    except (KeyError, AttributeError):
        return  # the template has no such numbered style: nothing to restart
    lists: list[list[Any]] = []
    in_list = False
    for block in doc.element.body.iterchildren():
        props = block.pPr if block.tag == qn("w:p") else None
        numbered = props is not None and props.style == style.style_id and props.numPr is None
        if numbered and not in_list:
            lists.append([])
        if numbered:
            lists[-1].append(block)
        in_list = numbered
    for paragraphs in lists[1:]:
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        for paragraph in paragraphs:
            paragraph.pPr.get_or_add_numPr().get_or_add_numId().val = num.numId
            paragraph.pPr.numPr.get_or_add_ilvl().val = 0


def normalise_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a saved package with fixed entry dates, a fixed order and fixed compression."""
    stamp = min(max(when, ZIP_FIRST), ZIP_LAST).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    names = [n for n in FIRST_ENTRIES if n in entries]
    names += sorted(n for n in entries if n not in FIRST_ENTRIES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()

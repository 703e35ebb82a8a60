"""Bytes to text: speeches arrive in whatever encoding the sender's tools used."""

from __future__ import annotations

import codecs
import re
import unicodedata

# C0/C1 control characters other than tab, newline and form feed (page break) are debris
# and would make a DOCX invalid XML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM, else Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def clean(text: str) -> str:
    """Normalise line ends and Unicode form, and drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))

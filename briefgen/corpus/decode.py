"""Bytes to text: speeches arrive in whatever encoding the sender's tools used."""

from __future__ import annotations

import codecs
import re
import unicodedata

from briefgen.errors import SpeechError

# C0/C1 control characters other than tab, newline and form feed (page break) are debris
# and would make a DOCX invalid XML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Files of another kind given a text suffix, by their first bytes.
_MAGIC = ((b"%PDF-", "a PDF file; name it .pdf"), (b"PK\x03\x04", "a zip file (a Word .docx?)"),
          (b"\xd0\xcf\x11\xe0", "an old Word .doc or other Office file; save it as .docx"))
# Random bytes decode to ~13% control codes and ~2% white space; text, even with debris, has
# a space every few words.
BINARY_SHARE = 0.02


def decode_text(path: object, data: bytes) -> str:
    """Decode and clean a text file's bytes; binary data with a text suffix is a SpeechError."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise SpeechError(f"not a text file: this is {kind}", str(path))
    text = decode(data)
    sample = text[:65536]
    debris = len(_CONTROL.findall(sample.replace("\r", ""))) + sample.count("\ufffd")
    spaces = sum(sample.count(c) for c in " \n\t")
    if debris > BINARY_SHARE * len(sample) and spaces < 0.05 * len(sample):
        raise SpeechError(f"not a text file: {debris * 100 // len(sample)}% of its first "
                          "characters are control codes or undecodable bytes", str(path))
    return clean(text)


def decode(data: bytes) -> str:
    """Decode UTF-8 (BOM or not), UTF-16 (BOM or not), else the detected legacy encoding.

    Never raises: bytes that fit no encoding become U+FFFD. Windows-1252 is the
    fallback because that is what Word on Windows writes when asked for "text".
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if utf16 := _utf16_without_bom(data):
        return data.decode(utf16, errors="replace")
    return data.decode(_legacy_encoding(data), errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when most of the odd or even bytes are zero (Latin text in UTF-16)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _legacy_encoding(data: bytes) -> str:
    """The 8-bit encoding charset-normalizer finds; Windows-1252 whenever it is a candidate.

    Short texts fit several code pages equally well; Windows-1252 is then the likely one.
    """
    if sum(byte > 0x7F for byte in data[:200_000]) < 20:
        return "cp1252"  # too little evidence to prefer another code page
    from charset_normalizer import from_bytes

    candidates = [
        match.encoding
        for match in from_bytes(data[:200_000])
        if not match.encoding.startswith(("utf", "ascii"))
    ]
    if not candidates or "cp1252" in candidates:
        return "cp1252"
    return candidates[0]


def clean(text: str) -> str:
    """Normalise line ends and Unicode form, and drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))

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
    fallback because that is what Word on Windows writes when asked for "text". UTF-16
    without a BOM is tried first when the data has NUL bytes (Cyrillic or Greek text in
    UTF-16 is otherwise valid, and wrong, UTF-8), and UTF-8 with stray bytes (a
    Windows-1252 quote pasted in) stays UTF-8, the stray bytes read as Windows-1252.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\0" in data and (utf16 := _utf16_without_bom(data)):
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (mostly := _mostly_utf8(data)) is not None:
        return mostly
    return data.decode(_legacy_encoding(data), errors="replace")


# UTF-16 text of an alphabetic script has few distinct high bytes: 0x00 for ASCII spaces,
# digits and line ends, 0x04 for Cyrillic, 0x03 for Greek, 0x06 for Arabic, 0x20 for
# punctuation. Other bytes read two at a time (8-bit text, binary data) have many.
_UTF16_HIGH_SHARE = 0.7
_TEXT_CATEGORIES = ("L", "M", "N", "P", "S", "Z")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when one byte lane looks like the high bytes of UTF-16 text.

    That lane has zeros (ASCII spaces and line ends), more than the other lane, three values
    cover most of it (or, for CJK, its zeros are many and the other lane has next to none),
    and the text it decodes to is letters, marks, digits, punctuation and spaces.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        zeros = high.count(0)
        if not zeros or low.count(0) > 0.5 * zeros:
            continue
        # CJK's high bytes are many; its line ends and ASCII then must show, in one lane only
        if _top_share(high) < _UTF16_HIGH_SHARE and (
                zeros < max(2, 0.005 * len(high)) or low.count(0) > 0.25 * zeros):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text[:65536]):
            return encoding
    return None


def _top_share(lane: bytes) -> float:
    """The share of `lane` (its first 64 KB) taken by its three most common byte values."""
    sample = lane[:65536]
    counts = sorted((sample.count(b) for b in set(sample)), reverse=True)
    return sum(counts[:3]) / len(sample) if sample else 0.0


def _plausible_text(text: str) -> bool:
    """Nearly all letters, marks, digits, punctuation, symbols, spaces and line ends."""
    good = sum(1 for c in text if c in "\n\r\t\f" or
               unicodedata.category(c)[0] in _TEXT_CATEGORIES)
    return good >= 0.97 * len(text)


_STRAY = re.compile("[\udc80-\udcff]")
_MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with some invalid bytes, those read as Windows-1252; None when it is not UTF-8.

    Text in an 8-bit encoding is almost never valid UTF-8 where it is not ASCII, so valid
    multi-byte sequences, several and not far outnumbered by invalid bytes, mean UTF-8 with
    some Windows-1252 pasted in (a quote, a paragraph).
    """
    sample = data[:1_000_000].decode("utf-8", errors="surrogateescape")
    stray, valid = len(_STRAY.findall(sample)), len(_MULTIBYTE.findall(sample))
    if valid < 4 or 8 * valid < stray:
        return None
    return data.decode("utf-8", errors=_STRAY_BYTES)


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


_STRAY_BYTES = "briefgen-stray-cp1252"
codecs.register_error(_STRAY_BYTES, _stray_as_cp1252)


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
    """Normalise line ends and Unicode form, and drop control characters.

    Unicode's line and paragraph separators (U+2028, U+2029) become a line end and a blank
    line: they are line breaks, and left in they would split a one-line message in two.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))

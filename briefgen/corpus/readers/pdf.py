"""PDF with pypdfium2: the text of each page in reading order, with page numbers.

Why pypdfium2 and not pdfplumber: on the five seed speeches rendered to PDF (30
pages) pypdfium2 read all text in 0.05 s, pdfplumber in 2.1 s, with the same
words. PDFium keeps the content stream's order, which puts list markers and
running headers after the body text, so lines are rebuilt here from PDFium's text
rectangles (top to bottom, left to right), as pdfplumber does from characters.
Paragraph breaks come from the vertical gaps between lines; running headers,
footers and page numbers (lines that repeat at the top or bottom of the pages)
are dropped; end-of-line hyphens are joined only where the joined word is a word
(see `hyphens`). The rest (line joining, lists, headings) is the text normaliser's.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from briefgen.corpus.decode import clean
from briefgen.corpus.markers import parse_marker, split_marker
from briefgen.corpus.normalise import Part, Text
from briefgen.corpus.readers import Reading
from briefgen.corpus.readers.hyphens import Dehyphenator
from briefgen.errors import SpeechError
from briefgen.model import Block

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
EDGE = 2  # lines at the top and at the bottom of a page where running heads are looked for
# What typesetters put where they break a word at a line end: U+2010 (WeasyPrint) and the
# soft hyphen (a break the author allowed); PDFium's own mark becomes "-" on reading.
HYPHEN, SOFT_HYPHEN = "\u2010", "\u00ad"


@dataclass
class Line:
    top: float
    bottom: float
    left: float
    right: float
    text: str
    size: float = 0.0  # the largest font size on the line (points), 0 when PDFium gives none


def read(path: Path, data: bytes) -> Reading:
    """The PDF's text as one Text part: pages apart by form feeds, paragraphs by blank lines."""
    pages = [lines for lines in _pages(path, data)]
    if not any(lines for lines in pages):
        raise SpeechError("the PDF has no text layer (a scan?); run OCR first, e.g. "
                          "'ocrmypdf IN.pdf OUT.pdf', and add the result", str(path))
    pages = _drop_running_lines(pages)
    fix = Dehyphenator(" ".join(line.text for lines in pages for line in lines).replace(
        HYPHEN, "-"))
    return Reading(_parts(pages, fix))


def _pages(path: Path, data: bytes) -> list[list[Line]]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:  # its error code, not its message, says why
        encrypted = getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD
        reason = "encrypted (password-protected)" if encrypted else "damaged or not a PDF"
        raise SpeechError(f"cannot read the PDF: {reason}", str(path)) from exc
    try:
        return [_lines(document[i]) for i in range(len(document))]
    finally:
        document.close()


def _runs(page: object) -> list[tuple[float, float, float, float, str, float]]:
    """Runs of characters on one baseline, in content order.

    Each is (top, bottom, left, right, text, type size): the box from the characters'
    tight boxes, the size the largest of their font sizes as drawn.
    """
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()  # type: ignore[attr-defined]
    matrix = pdfium_c.FS_MATRIX()

    def type_size(i: int) -> float:
        """The font size as drawn: Tf's size times the scale of the text and page matrices
        (producers that set 1 pt type and scale it are common)."""
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
        if pdfium_c.FPDFText_GetMatrix(textpage.raw, i, ctypes.byref(matrix)):
            size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        return float(size)

    text = textpage.get_text_range().replace("\ufffe", "-")  # PDFium marks soft hyphens so
    runs: list[tuple[float, float, float, float, str, float]] = []
    current: list[Any] = []  # [top, bottom, left, right, text, size]
    for i, char in enumerate(text):
        if current and char in " \t\u00a0":
            # A space belongs to the run it follows and says nothing of where lines are:
            # producers draw it as a sliver at the baseline (LibreOffice) that may not
            # overlap a dash's short box, which would cut "– States" into "–" + "States".
            current[4] += char
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if char in "\r\n" or (current and right > left and (
                not same_line((top, bottom), (current[0], current[1]))
                or left < current[3] - 2)):
            if current and current[4].strip():
                runs.append(tuple(current))  # type: ignore[arg-type]
            current = []
            if char in "\r\n":
                continue
        size = type_size(i) if right > left else 0.0
        if not current:
            current = [top, bottom, left, right, "", size]
        elif right > left:
            current = [max(current[0], top), min(current[1], bottom), min(current[2], left),
                       max(current[3], right), current[4], max(current[5], size)]
        current[4] += char
    if current and current[4].strip():
        runs.append(tuple(current))  # type: ignore[arg-type]
    return runs


def same_line(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two (top, bottom) spans share a line: they overlap by a third of the smaller.

    Overlap, not a shared middle: a comma or a full stop sits low on the line, its
    middle below the letters' baseline, yet it belongs to their line.
    """
    overlap = min(a[0], b[0]) - max(a[1], b[1])
    return overlap >= 0.3 * min(a[0] - a[1], b[0] - b[1])


def _lines(page: object) -> list[Line]:
    """The page's runs of text gathered into lines, top to bottom, left to right."""
    rects = []
    for top, bottom, left, right, text, size in _runs(page):
        text = clean(text)  # a run's own trailing space separates it from the next
        rects.append((top, bottom, left, right, text.strip() + " " * (text[-1:] == " "), size))
    lines: list[list[tuple[float, float, float, float, str, float]]] = []
    for rect in sorted(rects, key=lambda r: (-r[0], r[2])):
        if lines and same_line(rect[:2], lines[-1][0][:2]):
            lines[-1].append(rect)
        else:
            lines.append([rect])
    result = []
    for parts in lines:
        parts.sort(key=lambda r: r[2])
        text = parts[0][4]
        for before, rect in pairwise(parts):
            close = rect[2] - before[3] < 0.1 * (before[0] - before[1])
            text += ("" if close or text.endswith(" ") else " ") + rect[4]
        text = text.strip()
        result.append(Line(max(r[0] for r in parts), min(r[1] for r in parts),
                           parts[0][2], max(r[3] for r in parts), text,
                           max(r[5] for r in parts)))
    return result


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Leave out running headers, footers and page numbers: lines repeated at page edges.

    A line counts as running when the same words (digits aside) stand at the same
    height on at least half the pages; a lone page number at an edge always does.
    """
    def key(line: Line) -> tuple[str, int]:  # the same words at the same height on the page
        return re.sub(r"\d+", "#", line.text.lower()), round(line.top / 3)

    edges = Counter(k for lines in pages for k in {key(ln) for ln in lines[:EDGE] + lines[-EDGE:]})
    repeated = {k for k, n in edges.items() if len(pages) > 1 and n >= max(2, len(pages) / 2)}
    kept = []
    for lines in pages:
        edge = lines[:EDGE] + lines[-EDGE:]
        kept.append([ln for ln in lines if not (ln in edge and (
            key(ln) in repeated or _PAGE_NUMBER.match(ln.text.strip())))])
    return kept


def _paragraph_ends(line: Line, following: Line, pitch: float, width: float) -> bool:
    """A wider gap than between lines, or a short line ending a sentence, ends a paragraph."""
    if line.top - following.top > 1.4 * pitch:
        return True
    short = line.right < width - 0.15 * (width - line.left)
    return short and bool(re.search(r"[.!?][\"'”’)]*$", line.text))


def _sizes(pages: list[list[Line]]) -> Callable[[Line], float]:
    """How big a line's type is: its font size, else (PDFium gives none) its letters' height.

    The font size, not the letters' height, tells a heading: "dimensions", the last
    line of a heading in 18 pt, is no taller than a line of 12 pt body text with
    capitals and descenders.
    """
    lines = [ln for page in pages for ln in page]
    if sum(ln.size >= 3 for ln in lines) >= 0.9 * len(lines):
        return lambda line: line.size if line.size >= 3 else 0.0  # no size: never a heading
    return lambda line: line.top - line.bottom


def _indents(pages: list[list[Line]], unit: float) -> Callable[[Line], str]:
    """List items' indentation as spaces, so the normaliser nests them as in a .txt.

    Converters often draw every level of a list with the same bullet; then only how
    far in an item stands tells a sub-point from a point. Only then: where each kind
    of marker always stands at one place, the markers' kinds say how items nest, and
    a converter's stray placing (sub-points drawn at the margin, left of their
    points) must not say otherwise.
    """
    margin = min((ln.left for lines in pages for ln in lines), default=0.0)

    def spaces(line: Line) -> int:
        return max(0, round((line.left - margin) / unit))

    places: dict[str, set[int]] = {}
    for lines in pages:
        for line in lines:
            if (marker := split_marker(line.text)[0]) is not None:
                places.setdefault(parse_marker(marker).style, set()).add(spaces(line))
    if not any(max(found) - min(found) >= 2 for found in places.values()):
        return lambda line: ""
    return lambda line: " " * spaces(line) if split_marker(line.text)[0] else ""


def _parts(pages: list[list[Line]], fix: Dehyphenator) -> list[Part]:
    """Lines as Text (a blank line where a paragraph ends) and headings set in larger type."""
    pitches = [a.top - b.top for lines in pages for a, b in pairwise(lines)]
    pitch = median([p for p in pitches if p > 0] or [1.0])
    width = max((ln.right for lines in pages for ln in lines), default=0.0)
    size = _sizes(pages)
    body = median([size(ln) for lines in pages for ln in lines] or [1.0])
    indent = _indents(pages, max(body / 2, 1.0))  # a unit about one character wide
    parts: list[Part] = []
    out: list[str] = []
    start = 1
    new_page = False  # a page began with the rest of a word broken on the page before
    # U+2010 only at line ends: the typesetter's hyphenation (WeasyPrint's), never the
    # speech's own hyphens, which keep their "-"; used inside lines too, it is the speech's.
    inside = any(HYPHEN in line.text[:-1] for lines in pages for line in lines)
    breaks = SOFT_HYPHEN if inside else SOFT_HYPHEN + HYPHEN
    for number, lines in enumerate(pages, start=1):
        for i, line in enumerate(lines):
            text = line.text
            if size(line) > 1.2 * body and len(text.split()) <= 25:
                previous = parts[-1] if parts and not out else None
                if isinstance(previous, Block) and i and previous.page == number:
                    previous.text += " " + text  # a heading set on two lines
                else:
                    _flush(parts, out, start)
                    out, start, new_page = [], number, False
                    parts.append(Block(text, "heading", page=number))
                continue
            if out and out[-1][-1:] in breaks and text[:1].isalpha():
                out[-1], text = fix.join(out[-1], text)  # a break inside a word
            elif out and out[-1][-1:] == HYPHEN:
                out[-1] = out[-1][:-1] + "-"  # the speech's own hyphens: decided as any other
            if out and out[-1].endswith("-") and fix.joins(out[-1], text):
                out[-1], text = fix.join(out[-1], text)
            if out and not text:  # the line held only the rest of the word
                new_page = new_page or i == 0
                continue
            text = indent(line) + text
            if not out:
                start = number
                out.append(text)
            elif i == 0 or new_page:
                new_page = False
                out.append("\f" + text)
            elif _paragraph_ends(lines[i - 1], line, pitch, width):
                out += ["", text]
            else:
                out.append(text)
    _flush(parts, out, start)
    return parts


def _flush(parts: list[Part], out: list[str], page: int) -> None:
    if out:
        parts.append(Text("\n".join(line for line in out if line.strip(" \f") or not line), page))

"""The page of every anchor in a PDF: the contents' page numbers of the Word output.

WeasyPrint writes a named destination for every id of the HTML it lays out, so the PDF
rendered from the same brief says on which page each section, item and citation begins;
the Word template prints these numbers (its layout follows the PDF's). Read with pdfium
(pypdfium2, already used to read speeches), which takes a few milliseconds.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def anchor_pages(pdf: bytes) -> dict[str, int]:
    """Named destination -> page number (from 1) of the PDF `pdf`."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = {}
        for index in range(pdfium_c.FPDF_CountNamedDests(document.raw)):
            size = ctypes.c_long(0)
            pdfium_c.FPDF_GetNamedDest(document.raw, index, None, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(size.value)
            dest = pdfium_c.FPDF_GetNamedDest(document.raw, index, buffer, ctypes.byref(size))
            page = pdfium_c.FPDFDest_GetDestPageIndex(document.raw, dest) if dest else -1
            name = buffer.raw[: size.value].decode("utf-16-le").rstrip("\x00")
            if name and page >= 0:
                pages[name] = page + 1
        return pages
    finally:
        document.close()

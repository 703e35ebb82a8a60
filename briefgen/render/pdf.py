"""PDF output: the HTML of `brief.html.j2` laid out by WeasyPrint (CSS paged media).

Confined and reproducible: resources are read only from the template folder (a template
is data and must not read /etc/passwd or reach the network), and the PDF's dates come
from the brief or SOURCE_DATE_EPOCH, never the clock, so the same input gives the same bytes.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from briefgen.errors import RenderError
from briefgen.model import Brief
from briefgen.render.html import print_html
from briefgen.template import Template


@contextmanager
def _libraries_from_loader_cache() -> Iterator[None]:
    """Let ctypes find libraries in the dynamic loader's cache (ldconfig) only.

    WeasyPrint tries several names per library (the Windows, macOS and Linux ones); for
    every name this system has not, ctypes' `find_library` runs gcc and ld: 0.3 s and
    temporary files in /tmp. The names the loader can load without LD_LIBRARY_PATH are
    in its cache; with LD_LIBRARY_PATH set, the ordinary search runs.
    """
    import ctypes.util

    search, cached = ctypes.util.find_library, getattr(ctypes.util, "_findSoname_ldconfig", None)
    if sys.platform != "linux" or cached is None or os.environ.get("LD_LIBRARY_PATH"):
        yield
        return
    ctypes.util.find_library = cached
    try:
        yield
    finally:
        ctypes.util.find_library = search


with _libraries_from_loader_cache():
    from weasyprint import HTML
    from weasyprint.document import Document
    from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_HTML = 4_000_000  # bytes of HTML: about 1,000 pages, which WeasyPrint lays out in a minute
VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-3b", "pdf/a-3u", "pdf/a-2b", "pdf/a-2u")
SLOW_SUBSETTER = (
    "warning: WeasyPrint subsets fonts with fontTools because HarfBuzz's subsetter "
    "(libharfbuzz-subset0, HarfBuzz >= 4.1) is missing: each PDF takes about 0.5 s longer; "
    "install it with scripts/install-system-packages.sh"
)
log = logging.getLogger(__name__)
_warned: list[bool] = []  # the subsetter warning is given once per process


class ConfinedFetcher(URLFetcher):
    """Serve files inside the template folder (and data: URLs); refuse everything else."""

    def __init__(self, folder: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.root = folder.resolve()
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.local_path(url)
        if path is None:
            self.refused.append(url)
            log.info("refused to load %s: outside the template folder", url)  # a brief warning
            raise ValueError(f"refused {url}: only files in the template folder are read")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    def local_path(self, url: str) -> Path | None:
        """The file `url` names if it is a file inside the template folder, else None."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None


def render(brief: Brief, template: Template, html: str | None = None) -> bytes:
    """Render the brief as an A4 PDF (PDF/UA-1 unless the brief asks for another variant);
    `html`: the brief's print HTML, when the build made it already."""
    warn_if_slow_subsetter()
    return render_with(brief, template, ConfinedFetcher(template.path), html)


def harfbuzz_subsetter() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz; it decides as in `pdf.fonts.Font.subset`."""
    from weasyprint.pdf import fonts

    return bool(fonts.harfbuzz_subset) and bool(fonts.harfbuzz.hb_version_atleast(4, 1, 0))


def warn_if_slow_subsetter() -> None:
    """Say once, in one line, when WeasyPrint falls back to fontTools (slow and deprecated)."""
    if not _warned and not harfbuzz_subsetter():
        _warned.append(True)
        log.warning(SLOW_SUBSETTER)


def render_with(brief: Brief, template: Template, fetcher: ConfinedFetcher,
                html: str | None = None) -> bytes:
    """Render with a given fetcher, so callers and tests can see what was refused."""
    variant = (brief.info.pdf_variant or "pdf/ua-1").lower()
    if variant not in VARIANTS:
        raise RenderError(f"unknown PDF variant '{variant}' (known: {', '.join(VARIANTS)})")
    html = print_html(brief, template) if html is None else html
    if len(html) > MAX_HTML:  # WeasyPrint takes about 15 s a megabyte: refuse, do not hang
        raise RenderError(f"the brief is {len(html) / 1e6:.1f} MB of HTML; PDF output is limited "
                          f"to {MAX_HTML / 1e6:.0f} MB (about 1,000 pages): choose fewer speeches "
                          "or sections, or build html or docx")
    # pdf_identifier=True: an MD5 of the content, so the same input gives the same ID.
    options = {"pdf_variant": variant, "pdf_identifier": True, "pdf_tags": True}
    missing = _MissingGlyphs()
    weasyprint_log = logging.getLogger("weasyprint")
    weasyprint_log.addHandler(missing)
    try:
        document = HTML(
            string=html, base_url=template.path.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render(**options)
        _fix_metadata(document, brief)
        pdf: bytes = document.write_pdf(**options)
    finally:
        weasyprint_log.removeHandler(missing)
    if missing.chars:
        brief.warnings.append(missing.warning())
    brief.warnings += [f"PDF: template '{template.name}' refers to {_shown(url)}, outside its "
                       "folder: not loaded" for url in dict.fromkeys(fetcher.refused)]
    return pdf


def _shown(url: str) -> str:
    """A file: URL as its path (shown relative to the working folder), others as they are."""
    parts = urlsplit(url)
    return url2pathname(unquote(parts.path)) if parts.scheme == "file" else url[:200]


class _MissingGlyphs(logging.Handler):
    """Collect the characters WeasyPrint drew as empty boxes: no installed font has them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.chars: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(".notdef glyph") and record.args:
            self.chars.add(str(record.args[0]))  # type: ignore[index]

    def warning(self) -> str:
        """One line naming the scripts without a font, e.g. 'Runic (ᚠᚻ)'."""
        scripts: dict[str, str] = {}
        for char in sorted(self.chars):
            script = _script(char)
            scripts[script] = scripts.get(script, "") + char * (len(scripts.get(script, "")) < 5)
        named = ", ".join(f"{name} ({chars})" for name, chars in sorted(scripts.items()))
        return (f"PDF: no installed font has glyphs for {named}; they print as empty boxes "
                "(install a font for them, e.g. Debian's fonts-noto-core)")


def _script(char: str) -> str:
    """A character's script, roughly: the first word of its Unicode name ('emoji' for emoji)."""
    import unicodedata

    if ord(char) >= 0x1F000 and unicodedata.category(char) == "So":
        return "emoji"
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    return name.split()[0].capitalize() if not name.startswith("CJK") else "CJK"


def _fix_metadata(document: Document, brief: Brief) -> None:
    """Fixed dates, and title/author/language from the brief when the template omits them."""
    meta = document.metadata
    stamp = _timestamp(brief.info.date)
    meta.created = meta.modified = stamp
    meta.title = meta.title or brief.info.title
    meta.authors = meta.authors or [a for a in (brief.info.author,) if a]
    meta.lang = meta.lang or brief.info.language


def _timestamp(brief_date: str | None) -> str | None:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the brief's date, as a W3C date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        return date.fromisoformat(str(brief_date)[:10]).strftime("%Y-%m-%dT00:00:00Z")
    except ValueError:
        return None

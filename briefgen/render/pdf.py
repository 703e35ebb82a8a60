"""PDF output: the HTML of `brief.html.j2` laid out by WeasyPrint (CSS paged media).

Confined and reproducible: resources are read only from the template folder (a template
is data and must not read /etc/passwd or reach the network), and the PDF's dates come
from the brief or SOURCE_DATE_EPOCH, never the clock, so the same input gives the same bytes.
"""

from __future__ import annotations

import logging
import mimetypes
import os
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from briefgen.errors import RenderError
from briefgen.model import Brief
from briefgen.render.html import build_html
from briefgen.template import Template

VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-3b", "pdf/a-3u", "pdf/a-2b", "pdf/a-2u")
log = logging.getLogger(__name__)


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
            log.warning("refused to load %s: outside the template folder", url)
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


def render(brief: Brief, template: Template) -> bytes:
    """Render the brief as an A4 PDF (PDF/UA-1 unless the brief asks for another variant)."""
    return render_with(brief, template, ConfinedFetcher(template.path))


def render_with(brief: Brief, template: Template, fetcher: ConfinedFetcher) -> bytes:
    """Render with a given fetcher, so callers and tests can see what was refused."""
    variant = (brief.info.pdf_variant or "pdf/ua-1").lower()
    if variant not in VARIANTS:
        raise RenderError(f"unknown PDF variant '{variant}' (known: {', '.join(VARIANTS)})")
    html = build_html(brief, template, medium="print")
    # pdf_identifier=True: an MD5 of the content, so the same input gives the same ID.
    options = {"pdf_variant": variant, "pdf_identifier": True, "pdf_tags": True}
    document = HTML(
        string=html, base_url=template.path.resolve().as_uri() + "/", url_fetcher=fetcher
    ).render(**options)
    _fix_metadata(document, brief)
    return document.write_pdf(**options)


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

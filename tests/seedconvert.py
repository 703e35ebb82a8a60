"""Seeds (or any text) to the files users have: HTML, then Word via LibreOffice, PDF via WeasyPrint.

The HTML carries the structure the normaliser found (headings, numbered and bulleted
lists with their start values and nesting) so the Word file gets real automatic
numbering and the PDF real wrapped lines, running headers and page numbers.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

from briefgen.corpus.markers import parse_marker
from briefgen.corpus.normalise import normalise
from briefgen.model import Block

PAGE_CSS = """
@page { size: A4; margin: 25mm 22mm;
  @top-center { content: "Statement, check against delivery"; font-size: 9pt }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt } }
body { font-family: 'DejaVu Serif', serif; font-size: 12pt; line-height: 1.4 }
p { margin: 0 0 0.8em 0 }
"""
_TYPES = {"decimal": "1", "alpha-lower": "a", "alpha-upper": "A", "roman-lower": "i",
          "roman-upper": "I"}  # fmt: skip


def to_html(text: str, title: str = "Speech") -> str:
    """The text's blocks as HTML: <h2>, <p>, and nested <ol>/<ul> with start values."""
    result = normalise(text)
    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
           f"</title><style>{PAGE_CSS}</style></head><body>"]
    out += [f"<p>{html.escape(b.text)}</p>" for b in result.header]
    stack: list[tuple[str, int]] = []  # (style, level) of the open lists
    for block in result.body:
        if block.kind != "item" or block.marker is None:
            while stack:
                out.append(_close(stack.pop()[0]))
            tag = "h2" if block.kind == "heading" else "p"
            out.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
            continue
        out += _open_item(block, stack)
    while stack:
        out.append(_close(stack.pop()[0]))
    out.append("</body></html>")
    return "\n".join(out)


def _open_item(block: Block, stack: list[tuple[str, int]]) -> list[str]:
    out: list[str] = []
    marker = parse_marker(block.marker or "-")
    style = marker.style
    while stack and stack[-1][1] > block.level:
        out.append(_close(stack.pop()[0]))
    if stack and stack[-1][1] == block.level and stack[-1][0] != style:
        out.append(_close(stack.pop()[0]))
    if stack and stack[-1] == (style, block.level):
        out.append("</li>")
    else:
        if marker.value is None:
            out.append("<ul>")
        else:
            kind = _TYPES.get(style.split("(")[0].rstrip(".)"), "1")
            reset = f"counter-reset: list-item {marker.value - 1}"  # WeasyPrint ignores start=
            out.append(f'<ol type="{kind}" start="{marker.value}" style="{reset}">')
        stack.append((style, block.level))
    value = f' value="{marker.value}"' if marker.value is not None else ""
    out.append(f"<li{value}>{html.escape(block.text)}")
    return out


def _close(style: str) -> str:
    return "</li></ul>" if style.startswith("bullet") else "</li></ol>"


def to_pdf(text: str, target: Path) -> Path:
    from weasyprint import HTML

    HTML(string=to_html(text)).write_pdf(target)
    return target


def to_docx(text: str, target: Path) -> Path:
    """Word file by LibreOffice from the HTML: real styles and automatic numbering."""
    work = target.parent / f".{target.stem}-convert"
    work.mkdir(exist_ok=True)
    source = work / f"{target.stem}.html"
    source.write_text(to_html(text), encoding="utf-8")
    profile = work / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(work), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    shutil.move(work / f"{target.stem}.docx", target)
    shutil.rmtree(work, ignore_errors=True)
    return target

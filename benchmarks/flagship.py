"""Whole-process time of `briefgen build config/gcm-prep.yaml --force` against its floor.

The floor is the least any tool must do to produce the same two files: a fresh
Python process that lays out the same final HTML with WeasyPrint (same PDF
options) and saves the same DOCX with python-docx. The ratio says how much
briefgen adds on top (spec, speeches, extraction, docxtpl, checks).

Run from the project root: python benchmarks/flagship.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "config" / "gcm-prep.yaml"
RUNS = 5
FLOOR = """\
import sys
from docx import Document
from weasyprint import HTML
html, base, variant, docx_in, pdf_out, docx_out = sys.argv[1:]
options = {"pdf_variant": variant, "pdf_identifier": True, "pdf_tags": True}
HTML(filename=html, base_url=base).write_pdf(pdf_out, **options)
Document(docx_in).save(docx_out)
"""


def median_time(args: list[str]) -> float:
    """Median wall-clock seconds of RUNS runs of a command, each its own process."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_inputs(folder: Path) -> list[str]:
    """Build once, then write the final print HTML the PDF renderer lays out."""
    from briefgen.build import build, template_for
    from briefgen.render.html import build_html

    result = build(SPEC, force=True)
    html = folder / "brief.html"
    template = template_for(result.spec)
    html.write_text(build_html(result.brief, template, medium="print"), encoding="utf-8")
    base = template.path.resolve().as_uri() + "/"
    return [str(html), base, result.brief.info.pdf_variant, str(result.spec.output_path("docx")),
            str(folder / "floor.pdf"), str(folder / "floor.docx")]


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        inputs = floor_inputs(Path(temp))
        build_time = median_time([sys.executable, "-m", "briefgen", "build", str(SPEC), "--force"])
        floor_time = median_time([sys.executable, "-c", FLOOR, *inputs])
    print(f"median of {RUNS}, whole process:")
    print(f"  briefgen build {SPEC.relative_to(ROOT)} --force: {build_time:6.3f} s")
    print(f"  floor (WeasyPrint same HTML + python-docx save): {floor_time:6.3f} s")
    print(f"  ratio: {build_time / floor_time:.2f}x")


if __name__ == "__main__":
    main()

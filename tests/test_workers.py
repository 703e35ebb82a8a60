"""Slow formats render in worker processes: the same bytes and warnings, errors as in-process."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefgen.brief import assemble
from briefgen.build import load_speeches, template_for
from briefgen.errors import RenderError, TemplateError
from briefgen.model import Brief
from briefgen.render.workers import Renderers, can_fork
from briefgen.spec import load_spec
from briefgen.template import Template, load_template
from briefgen.uptodate import guess_formats
from tests.test_build import copy_project

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["pdf", "docx", "md", "json"]
NO_FONT = "\U00013000"  # an Egyptian hieroglyph: no font installed by the set-up has it

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs Linux and two cores")


@pytest.fixture(scope="module")
def brief_and_template() -> tuple[Brief, Template]:
    spec = load_spec(ROOT / "config" / "gcm-prep.yaml")
    brief = assemble(spec, load_speeches(spec))
    brief.info = dataclasses.replace(brief.info, title=f"{brief.info.title} {NO_FONT}")
    brief.warnings.append("assembled warning")
    return brief, template_for(spec)


def test_workers_give_the_bytes_and_warnings_of_one_process(
        brief_and_template: tuple[Brief, Template]) -> None:
    brief, template = brief_and_template
    runs = {}
    for parallel in (True, False):
        copy = dataclasses.replace(brief, warnings=list(brief.warnings))
        with Renderers(FORMATS if parallel else []) as renderers:
            assert list(renderers.workers) == (["pdf"] if parallel else [])
            outputs = renderers.render(copy, template, FORMATS)
        runs[parallel] = (outputs, copy.warnings)
    assert runs[True] == runs[False]
    outputs, warnings = runs[True]
    assert list(outputs) == FORMATS
    assert outputs["pdf"].startswith(b"%PDF") and outputs["docx"].startswith(b"PK")
    assert warnings[0] == "assembled warning"
    assert any("no installed font has glyphs for Egyptian" in w for w in warnings), warnings
    # The PDF's warning is not fed to the formats rendered after it.
    assert b"no installed font" not in outputs["json"] + outputs["md"]


def test_a_worker_that_dies_is_a_render_error(brief_and_template: tuple[Brief, Template]) -> None:
    brief, template = brief_and_template
    with Renderers(["pdf"]) as renderers:
        process = renderers.workers["pdf"][0]
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        with pytest.raises(RenderError, match=r"pdf renderer stopped unexpectedly \(exit code -9"):
            renderers.render(brief, template, ["pdf"])


def test_an_error_in_the_pdf_html_is_the_error_of_one_process(
        brief_and_template: tuple[Brief, Template], tmp_path: Path) -> None:
    """The build makes the PDF's HTML: its template error is raised in the formats' order."""
    brief, template = brief_and_template
    folder = tmp_path / template.name
    shutil.copytree(template.path, folder)
    html = folder / "brief.html.j2"
    html.write_text(html.read_text(encoding="utf-8") + "{{ brief.titel }}\n", encoding="utf-8")
    broken = load_template(folder)
    errors = []
    for parallel in (True, False):
        with Renderers(["pdf"] if parallel else []) as renderers, \
                pytest.raises(TemplateError) as caught:
            renderers.render(brief, broken, ["docx", "pdf"])
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert "brief.html.j2" in errors[0] and "titel" in errors[0]


def test_idle_workers_end_with_the_build() -> None:
    renderers = Renderers(["pdf", "docx", "pdf"])
    processes = [process for process, _ in renderers.workers.values()]
    assert len(processes) == 1 and processes[0].is_alive()
    renderers.close()
    assert not any(p.is_alive() for p in processes)
    assert renderers.workers == {}


def test_no_worker_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert Renderers(["pdf", "docx"]).workers == {}
    finally:
        stop.set()
        thread.join()


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found += [int(child) for child in text.split()]
    return found


def gone(pid: int) -> bool:
    """Whether process `pid` has ended (a zombie waiting to be reaped has ended too)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def test_a_killed_build_leaves_no_worker_behind(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    build = subprocess.Popen([sys.executable, "-m", "briefgen", "build", "--force",
                              "config/gcm-prep.yaml"], cwd=project,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    began = time.monotonic()
    workers: list[int] = []
    while not workers and time.monotonic() - began < 30:
        workers = children(build.pid)
        time.sleep(0.01)
    assert len(workers) == 1, "the build started no PDF worker"
    build.send_signal(signal.SIGKILL)
    build.wait()
    while not all(map(gone, workers)) and time.monotonic() - began < 30:
        time.sleep(0.05)
    assert all(map(gone, workers)), "a worker outlived its build"


@pytest.mark.parametrize(("text", "formats"), [
    ("formats: [docx, pdf]  # both\n", ["docx", "pdf"]),
    ("brief: {title: x}\nformats:\n  - pdf  # the card\n  - md\nsections: []\n", ["pdf", "md"]),
    ("brief: {title: x}\n", ["docx", "pdf"]),  # the default
    ("formats: json\n", ["json"]),
])
def test_formats_are_guessed_without_loading_the_spec(tmp_path: Path, text: str,
                                                      formats: list[str]) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text)
    assert guess_formats(spec) == formats
    assert guess_formats(tmp_path / "missing.yaml") == []

"""A hostile environment from the command line (issue 6): an output folder that cannot be
made, a full disk, Ctrl-C in the middle of a write, and no LibreOffice or poppler on PATH.

Each failure is one `error:` line naming the place, exit 1, no traceback; the previous
outputs stay whole and no temporary file is left behind.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.outputs import SLOW_WRITE
from tests.test_hostile_speeches import BENIGN, briefgen, pdf_file, word_file

ROOT = Path(__file__).resolve().parent.parent
SPEECH = "2018-03-27-iom-idm-closing-remarks"
SPEC = f"""\
brief:
  title: {{title}}
  classification: UNCLASSIFIED
template: briefing-note
formats: [{{formats}}]
output: brief
speeches:
  s: speeches/{SPEECH}.txt
sections:
  - {{{{title: Key takeaways, type: takeaways, from: s}}}}
"""


def make_project(root: Path, formats: str = "json, md, html") -> Path:
    (root / "speeches").mkdir(parents=True)
    for suffix in (".txt", ".yaml"):
        shutil.copy(ROOT / "speeches" / f"{SPEECH}{suffix}", root / "speeches")
    shutil.copytree(ROOT / "templates" / "briefing-note", root / "templates" / "briefing-note")
    (root / "spec.yaml").write_text(SPEC.format(title="First", formats=formats))
    return root


def retitle(project: Path, title: str) -> None:
    spec = project / "spec.yaml"
    spec.write_text(spec.read_text().replace("title: First", f"title: {title}"))


def outputs(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".*.tmp"))


def assert_one_error(stderr: str, fragment: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert fragment in lines[0] and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def test_output_folder_that_cannot_be_created(project: Path) -> None:
    """Tests run as root, where chmod stops nothing, so a regular FILE named `out` stands in
    the way of the output folder (mkdir fails with EEXIST, as it fails with EACCES)."""
    (project / "out").write_text("not a folder\n")
    result = briefgen(project, "build", "spec.yaml")
    assert result.returncode == 1
    assert_one_error(result.stderr, "error: out: cannot create the output folder")
    assert (project / "out").read_text() == "not a folder\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_folder_without_write_permission(project: Path) -> None:
    assert briefgen(project, "build", "spec.yaml").returncode == 0
    before = outputs(project / "out")
    retitle(project, "Second")
    (project / "out").chmod(0o555)
    try:
        result = briefgen(project, "build", "spec.yaml")
    finally:
        (project / "out").chmod(0o755)
    assert result.returncode == 1
    assert_one_error(result.stderr, "out")
    assert outputs(project / "out") == before


def test_disk_full_in_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC from the writer (as fsync reports a full disk): one line, old outputs kept."""
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(main, ["build", "spec.yaml", "--jobs", "1"]).exit_code == 0
    before = outputs(project / "out")
    retitle(project, "Second")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("briefgen.outputs.os.fsync", full)
    result = runner.invoke(main, ["build", "spec.yaml", "--jobs", "1"])
    assert result.exit_code == 1
    assert_one_error(result.stderr, "out/brief.json: cannot write: No space left on device")
    assert outputs(project / "out") == before
    assert temps(project / "out") == []


def test_disk_full_on_a_small_tmpfs(project: Path) -> None:
    """A real full disk: `out` is a 128 KB tmpfs (needs root and mount; skipped otherwise)."""
    out = project / "out"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(out)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; test_disk_full_in_process covers ENOSPC")
    try:
        assert briefgen(project, "build", "spec.yaml").returncode == 0
        before = outputs(out)
        retitle(project, "Long " * 10_000)  # 50 KB in each of three outputs: no room
        result = briefgen(project, "build", "spec.yaml")
        assert result.returncode == 1
        assert_one_error(result.stderr, "No space left on device")
        assert outputs(out) == before
        assert temps(out) == []
    finally:
        subprocess.run(["umount", str(out)], check=False)


def test_ctrl_c_while_writing(project: Path) -> None:
    """SIGINT to the build's process group (as a terminal's Ctrl-C) in the middle of a write."""
    assert briefgen(project, "build", "spec.yaml").returncode == 0
    out = project / "out"
    before = outputs(out)
    retitle(project, "Second")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "build", "spec.yaml"], cwd=project,
        env={**os.environ, SLOW_WRITE: "5"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True)
    began = time.monotonic()
    while not temps(out) and process.poll() is None and time.monotonic() - began < 60:
        time.sleep(0.01)
    assert temps(out), "no temporary file appeared"
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert_one_error(stderr, "interrupted")
    assert outputs(out) == before  # the first write was interrupted: nothing replaced yet
    assert temps(out) == []
    again = briefgen(project, "build", "spec.yaml")
    assert again.returncode == 0 and "wrote" in again.stdout
    assert b"Second" in (out / "brief.md").read_bytes()


def test_build_needs_no_libreoffice_or_poppler(project: Path, tmp_path: Path) -> None:
    """briefgen itself never runs LibreOffice (soffice) or poppler (pdftotext, pdftoppm): Word
    and PDF are read with python-docx and pypdfium2, and written with docxtpl and WeasyPrint;
    only tests use those tools. So a build with Word and PDF in and out works with a PATH
    that has none of them."""
    (project / "speeches" / "word.docx").write_bytes(word_file(BENIGN))
    (project / "speeches" / "paper.pdf").write_bytes(pdf_file(BENIGN))
    spec = project / "spec.yaml"
    spec.write_text(SPEC.format(title="Tools", formats="docx, pdf").replace(
        f"  s: speeches/{SPEECH}.txt\n",
        f"  s: speeches/{SPEECH}.txt\n  w: speeches/word.docx\n  p: speeches/paper.pdf\n",
    ) + "  - {title: Word, type: summary, from: w}\n  - {title: PDF, type: summary, from: p}\n")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    for tool in ("soffice", "libreoffice", "pdftotext", "pdftoppm"):
        assert shutil.which(tool, path=env["PATH"]) is None
    result = briefgen(project, "build", "spec.yaml", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "error:" not in result.stderr
    assert (project / "out" / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert (project / "out" / "brief.docx").read_bytes().startswith(b"PK")

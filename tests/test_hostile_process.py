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

from briefgen.cli.commands import cli
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


NOBODY = 65534
# setpriv: run as `nobody`, keeping only CAP_DAC_READ_SEARCH so the child can read (and run
# Python from) folders only root may enter, like pytest's tmp_path, but writes as `nobody`.
AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
             "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]


def _as_nobody_works() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run([*AS_NOBODY, sys.executable, "-c", "import briefgen, os; "
                            f"assert os.geteuid() == {NOBODY}"], capture_output=True, check=False)
    return probe.returncode == 0


def _immutable(folder: Path, on: bool) -> bool:
    """chattr +i: not even root can add, rename or remove entries (ext4, xfs, btrfs)."""
    if shutil.which("chattr") is None or os.geteuid() != 0:
        return False
    flag = "+i" if on else "-i"
    return subprocess.run(["chattr", flag, str(folder)], capture_output=True,
                          check=False).returncode == 0


def _read_only_mount(folder: Path) -> bool:
    """A read-only bind mount of the folder on itself (root, and a mount namespace allowing it)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True,
                      check=False).returncode != 0:
        return False
    if subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True,
                      check=False).returncode != 0:
        subprocess.run(["umount", str(folder)], check=False)
        return False
    return True


def _refused_in_process(project: Path, monkeypatch: pytest.MonkeyPatch,
                        error: int) -> tuple[int, str]:
    """The last resort, where no real way to make `out` unwritable is allowed: the writer's
    temporary file cannot be made, as the system refuses it (EACCES, EPERM, EROFS)."""
    import tempfile

    real = tempfile.mkstemp

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir", ""))).resolve() == (project / "out").resolve():
            raise OSError(error, os.strerror(error))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.chdir(project)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(cli, ["build", "spec.yaml", "--jobs", "1"])
    return result.exit_code, result.stderr


def _build_refused(project: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> tuple[int, str]:
    """Make `out` unwritable in the way `how` names, or the next way that works here, build,
    and give back (exit code, stderr) and the way it was done."""
    out = project / "out"
    if how == "permissions" and os.geteuid() != 0:  # chmod binds every user but root
        out.chmod(0o555)
        try:
            result = briefgen(project, "build", "spec.yaml")
        finally:
            out.chmod(0o755)
        return result.returncode, result.stderr
    if how == "permissions" and _as_nobody_works():  # root: build as nobody, as a user would
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(project)], check=True)
        out.chmod(0o555)
        env = {**os.environ, "BRIEFGEN_CACHE_DIR": "off"}
        try:
            result = subprocess.run([*AS_NOBODY, sys.executable, "-m", "briefgen", "build",
                                     "spec.yaml"], cwd=project, env=env, capture_output=True,
                                    text=True, timeout=120, check=False)
        finally:
            out.chmod(0o755)
            subprocess.run(["chown", "-R", "0:0", str(project)], check=True)
        return result.returncode, result.stderr
    if how == "immutable" and _immutable(out, True):
        try:
            result = briefgen(project, "build", "spec.yaml")
        finally:
            _immutable(out, False)
        return result.returncode, result.stderr
    if how == "read-only mount" and _read_only_mount(out):
        try:
            result = briefgen(project, "build", "spec.yaml")
        finally:
            subprocess.run(["umount", str(out)], check=True)
        return result.returncode, result.stderr
    error = {"permissions": errno.EACCES, "immutable": errno.EPERM,
             "read-only mount": errno.EROFS}[how]
    return _refused_in_process(project, monkeypatch, error)


@pytest.mark.parametrize(("how", "reason"), [
    ("permissions", "no permission"),
    ("immutable", "not permitted (the file or folder is locked)"),
    ("read-only mount", "the file system is read-only"),
])
def test_output_folder_that_cannot_be_written(project: Path, monkeypatch: pytest.MonkeyPatch,
                                              how: str, reason: str) -> None:
    """An output folder that exists but cannot be written, really: without write permission
    (chmod; as root, the build runs as `nobody`, since root writes anywhere), immutable
    (chattr +i binds root too) or on a read-only mount. Where none of those is allowed
    (not root, no setpriv), the system's refusal is simulated in process: never skipped."""
    assert briefgen(project, "build", "spec.yaml").returncode == 0
    before = outputs(project / "out")
    retitle(project, "Second")
    code, stderr = _build_refused(project, monkeypatch, how)
    assert code == 1, stderr
    line = assert_one_error(stderr, reason)
    assert line.startswith("error: out/") and "(spec.yaml not built)" in line, line
    assert outputs(project / "out") == before
    assert temps(project / "out") == []
    again = briefgen(project, "build", "spec.yaml")  # writable again: the build catches up
    assert again.returncode == 0 and "wrote" in again.stdout, again.stderr


@pytest.mark.parametrize(("error", "reason"), [(errno.EACCES, "no permission"),
                                               (errno.EROFS, "the file system is read-only")])
def test_the_in_process_fallback_refuses_too(project: Path, monkeypatch: pytest.MonkeyPatch,
                                             error: int, reason: str) -> None:
    """The fallback above, exercised everywhere (as root here it is never needed)."""
    assert briefgen(project, "build", "spec.yaml").returncode == 0
    before = outputs(project / "out")
    retitle(project, "Second")
    code, stderr = _refused_in_process(project, monkeypatch, error)
    assert code == 1
    assert_one_error(stderr, f"error: out/brief.json: cannot write: {reason}")
    assert outputs(project / "out") == before
    assert temps(project / "out") == []


def test_disk_full_in_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC from the writer (as fsync reports a full disk): one line, old outputs kept."""
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "spec.yaml", "--jobs", "1"]).exit_code == 0
    before = outputs(project / "out")
    retitle(project, "Second")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("briefgen.outputs.os.fsync", full)
    result = runner.invoke(cli, ["build", "spec.yaml", "--jobs", "1"])
    assert result.exit_code == 1
    assert_one_error(result.stderr, "out/brief.json: cannot write: the disk is full; the previous "
                                    "version is kept")
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
        assert_one_error(result.stderr, "cannot write: the disk is full")
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

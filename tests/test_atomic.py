"""Builds killed at random moments and builds run at once never leave a broken output in place.

Each trial changes the spec, starts `briefgen build` as a process that pauses in
the middle of every write (BRIEFGEN_TEST_SLOW_WRITE), and sends it SIGKILL: at
a random moment, or a random moment after a temporary file appeared. Every
output must then be the previous build's or the new one's, byte for byte (the
new one is built in an untouched reference project), and the next build must
finish the job and leave no temporary file behind.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from briefgen.build import build
from briefgen.cli.commands import cli
from briefgen.outputs import SLOW_WRITE
from briefgen.uptodate import quick_check
from tests.test_incremental import make_project

TRIALS = 24
OUTPUTS = ("a.md", "a.json", "a.html")


def retitle(project: Path, spec: str, title: str) -> None:
    path = project / "config" / spec
    text = path.read_text()
    start = text.index('title: "') + len('title: "')
    path.write_text(text[:start] + title + text[text.index('"', start):])


def outputs(project: Path, names: tuple[str, ...]) -> dict[str, bytes | None]:
    folder = project / "out"
    return {n: (folder / n).read_bytes() if (folder / n).exists() else None for n in names}


def temps(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "out").glob("*.tmp"))


def start(project: Path, spec: str, *args: str, pause: str = "0.03") -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "briefgen", "build", f"config/{spec}", *args],
                            cwd=project, env={**os.environ, SLOW_WRITE: pause},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_at_random(process: subprocess.Popen[bytes], project: Path, rng: random.Random,
                   mid_write: bool, longest: float) -> None:
    """SIGKILL at a random moment, or at a random moment once a temporary file exists."""
    begun = time.monotonic()
    if mid_write:
        while not temps(project) and process.poll() is None and time.monotonic() - begun < 30:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.1))
    else:
        time.sleep(rng.uniform(0, longest))
    process.send_signal(signal.SIGKILL)
    process.wait()


def trial(project: Path, reference: Path, spec: str, names: tuple[str, ...], title: str,
          rng: random.Random, mid_write: bool, longest: float) -> None:
    """One kill: outputs old or new, never partial; the next build completes and cleans up."""
    before = outputs(project, names)
    retitle(project, spec, title)
    retitle(reference, spec, title)
    build(reference / "config" / spec)
    after = outputs(reference, names)
    kill_at_random(start(project, spec), project, rng, mid_write, longest)
    for name, data in outputs(project, names).items():
        assert data in (before[name], after[name]), f"{title}: {name} is neither old nor new"
    build(project / "config" / spec)
    assert outputs(project, names) == after
    assert temps(project) == []
    assert quick_check(project / "config" / spec).verdict.up_to_date


def test_killed_builds_never_leave_a_partial_output(tmp_path: Path) -> None:
    project = make_project(tmp_path / "killed")
    reference = make_project(tmp_path / "reference")
    for folder in (project, reference):
        build(folder / "config" / "a.yaml")
    began = time.monotonic()
    retitle(project, "a.yaml", "Timing run")
    start(project, "a.yaml").wait()
    longest = time.monotonic() - began
    retitle(reference, "a.yaml", "Timing run")
    build(reference / "config" / "a.yaml")
    rng = random.Random(20261201)
    for number in range(TRIALS):
        trial(project, reference, "a.yaml", OUTPUTS, f"Trial {number}", rng,
              mid_write=number % 2 == 1, longest=longest)


def test_a_build_killed_while_writing_a_pdf(tmp_path: Path) -> None:
    projects = [make_project(tmp_path / name) for name in ("killed", "reference")]
    for folder in projects:
        spec = folder / "config" / "b.yaml"
        spec.write_text(spec.read_text().replace("formats: [md, json]", "formats: [pdf]"))
        build(spec)
    trial(*projects, "b.yaml", ("b.pdf",), "PDF trial", random.Random(7), True, 0)


def test_two_builds_at_once_never_corrupt_an_output(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    reference = make_project(tmp_path / "reference")
    retitle(reference, "a.yaml", "Concurrent")
    build(reference / "config" / "a.yaml")
    build(project / "config" / "a.yaml")
    retitle(project, "a.yaml", "Concurrent")
    first, second = start(project, "a.yaml", "--force"), start(project, "a.yaml", "--force")
    assert (first.wait(), second.wait()) == (0, 0)
    assert outputs(project, OUTPUTS) == outputs(reference, OUTPUTS)
    assert temps(project) == []


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path)


def test_a_locked_spec_is_skipped_with_a_clear_message(project: Path) -> None:
    build(project / "config" / "a.yaml")
    retitle(project, "a.yaml", "Changed")
    before = outputs(project, OUTPUTS)
    with FileLock(project / "out" / ".a.lock"):
        result = CliRunner().invoke(cli, ["build", "config/a.yaml", "config/b.yaml", "--wait",
                                           "0.2"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: out: another briefgen build is writing these outputs")
    assert "config/b.yaml: wrote out/b.md, out/b.json" in result.stdout
    assert outputs(project, OUTPUTS) == before


def test_the_second_build_waits_for_the_first(project: Path) -> None:
    build(project / "config" / "a.yaml")
    retitle(project, "a.yaml", "Changed")
    lock = FileLock(project / "out" / ".a.lock", thread_local=False)
    lock.acquire()
    threading.Timer(0.5, lock.release).start()
    result = CliRunner().invoke(cli, ["build", "config/a.yaml", "--wait", "20"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert b"Changed" in (project / "out" / "a.md").read_bytes()

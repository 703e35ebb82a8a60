"""`briefgen build` for schedulers: exit codes, quiet output, --json, --explain, a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli.commands import cli
from tests.test_incremental import make_project


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def break_speech(project: Path) -> None:
    (project / "speeches" / "one.txt").write_text("\n")


def test_up_to_date_is_silent_when_not_a_terminal(project: Path) -> None:
    assert run("build", "config")[0] == 0
    assert run("build", "config") == (0, "", "")


def test_explain_says_why(project: Path) -> None:
    run("build", "config")
    (project / "speeches" / "two.yaml").write_text("title: Closing remarks\n")
    code, out, _ = run("build", "config", "--explain")
    assert code == 0
    assert out.splitlines() == [
        "config/a.yaml: rebuilt because metadata added: speeches/two.yaml",
        "config/a.yaml: wrote out/a.md, out/a.json, out/a.html",
        "config/b.yaml: rebuilt because metadata added: speeches/two.yaml",
        "config/b.yaml: wrote out/b.md, out/b.json",
    ]
    code, out, _ = run("build", "config/b.yaml", "--explain", "--force")
    assert out.splitlines()[0] == "config/b.yaml: rebuilt because --force"


def test_one_failed_spec_exits_1_and_the_others_build(project: Path) -> None:
    break_speech(project)
    code, out, err = run("build", "config")
    assert code == 1
    assert err == ("error: speeches/one.txt: no text found in the speech "
                   "(config/a.yaml not built)\n")
    assert out == "config/b.yaml: wrote out/b.md, out/b.json\n"


def test_a_bad_spec_exits_2(project: Path) -> None:
    spec = project / "config" / "b.yaml"
    spec.write_text(spec.read_text().replace("type: takeaways", "type: takeaway"))
    code, out, err = run("build", "config")
    assert code == 2
    assert "config/b.yaml:" in err and "did you mean 'takeaways'?" in err
    assert out.startswith("config/a.yaml: wrote")
    assert run("build", "config/nope.yaml")[0] == 2
    assert run("build", "config/a.yaml", "--wait", "-1")[0] == 2


def test_json_summary_per_spec(project: Path) -> None:
    break_speech(project)
    code, out, err = run("build", "config", "--json")
    summary = json.loads(out)
    assert summary["exit_code"] == code == 1
    failed, built = summary["specs"]
    assert (failed["spec"], failed["status"], failed["outputs"]) == ("config/a.yaml", "failed", [])
    assert failed["errors"] == [
        "speeches/one.txt: no text found in the speech (config/a.yaml not built)"]
    assert (built["status"], built["outputs"], built["warnings"]) == (
        "built", ["out/b.md", "out/b.json"], [])
    assert built["reasons"] == ["first build (no manifest)"]
    assert isinstance(built["seconds"], float)
    assert err.startswith("error: speeches/one.txt")


def at_terminal(project: Path, *args: str) -> str:
    """Run briefgen with stdout on a pseudo-terminal; what it printed there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "briefgen", *args], cwd=project,
                               stdout=follower, stderr=subprocess.PIPE,
                               env={**os.environ, "COLUMNS": "80", "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_progress_and_up_to_date_lines(project: Path) -> None:
    shown = at_terminal(project, "build", "config")
    assert "building" in shown  # rich's progress bar, several specs
    assert "config/a.yaml: wrote out/a.md, out/a.json, out/a.html" in shown
    shown = at_terminal(project, "build", "config")
    assert shown.splitlines() == ["config/a.yaml: up to date", "config/b.yaml: up to date"]

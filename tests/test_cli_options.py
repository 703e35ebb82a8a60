"""Command-line conventions (issue 16 item 8): `build --quiet/--verbose/--output-dir/--format`
(honoured by the no-op answer and the manifest alike), `check --json`, `extract --json`,
whole one-line descriptions in --help, and shell completion."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import try_noop
from briefgen.cli.commands import cli
from tests.test_incremental import age, make_project


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    project = make_project(tmp_path)
    age(project)
    return project


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), terminal_width=80)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def outputs(project: Path, folder: str = "out") -> list[str]:
    return sorted(p.name for p in (project / folder).glob("[!.]*") if "changes" not in p.name)


def test_quiet_prints_errors_only_and_verbose_everything(project: Path) -> None:
    assert run("build", "config/a.yaml", "--quiet") == (0, "", "")
    assert outputs(project) == ["a.html", "a.json", "a.md"]
    code, out, _ = run("build", "config", "-v")  # b is built, a is up to date
    assert code == 0
    assert out.splitlines()[0].startswith("config/a.yaml: up to date: unchanged since the last "
                                          "build (spec, 2 speeches")
    assert out.splitlines()[1] == "config/b.yaml: rebuilt because first build (no manifest)"
    assert try_noop(["build", "config", "--verbose"]) == 0  # the no-op answer knows both
    assert try_noop(["build"]) == 0  # config/, as the full command takes it
    assert try_noop(["build", "config", "-q"]) == 0
    (project / "speeches" / "one.txt").write_text("\n")
    code, out, err = run("build", "config", "-q")
    assert (code, out) == (1, "")
    assert err.splitlines() == ["error: speeches/one.txt: no text found in the speech "
                                "(config/a.yaml not built)"]
    code, _, err = run("build", "config", "-q", "-v")
    assert code == 2 and err == ("error: --quiet and --verbose contradict each other; "
                                 "give one\n")
    assert try_noop(["build", "config", "-q", "-v"]) is None


def test_output_dir_builds_elsewhere_and_is_up_to_date_there(project: Path) -> None:
    assert run("build", "config/a.yaml")[0] == 0
    assert try_noop(["build", "config/a.yaml"]) == 0
    assert try_noop(["build", "config/a.yaml", "--output-dir", "elsewhere"]) is None
    code, out, _ = run("build", "config/a.yaml", "--output-dir", "elsewhere")
    assert (code, out) == (0, "config/a.yaml: wrote elsewhere/a.md, elsewhere/a.json, "
                              "elsewhere/a.html\n")
    assert outputs(project, "elsewhere") == ["a.html", "a.json", "a.md"]
    assert try_noop(["build", "config/a.yaml", "--output-dir", "elsewhere"]) == 0
    assert try_noop(["build", "config/a.yaml", "--output-dir=elsewhere"]) == 0
    assert run("build", "config/a.yaml", "--output-dir", "elsewhere") == (0, "", "")
    assert try_noop(["build", "config/a.yaml", "--output-dir"]) is None  # no value


def test_format_builds_those_formats_and_the_manifest_knows(project: Path) -> None:
    assert run("build", "config/a.yaml", "--format", "md")[1] == "config/a.yaml: wrote out/a.md\n"
    assert outputs(project) == ["a.md"]
    manifest = json.loads((project / "out" / ".a.manifest.json").read_text())
    assert manifest["partial"] is True
    assert try_noop(["build", "config/a.yaml", "--format", "md"]) == 0
    assert try_noop(["build", "config/a.yaml"]) is None  # the spec wants json and html too
    code, out, _ = run("build", "config/a.yaml", "--explain")
    assert out.splitlines() == [
        "config/a.yaml: rebuilt because no json output in the last build; no html output in "
        "the last build",
        "config/a.yaml: wrote out/a.json, out/a.html"]  # only what was missing is rendered
    assert try_noop(["build", "config/a.yaml"]) == 0
    assert try_noop(["build", "config/a.yaml", "--format", "html,md"]) == 0
    assert try_noop(["build", "config/a.yaml", "--format", "docx"]) is None
    code, out, _ = run("build", "config/a.yaml", "--format", "docx", "--format", "md")
    assert out == "config/a.yaml: wrote out/a.docx\n"
    assert try_noop(["build", "config/a.yaml"]) == 0  # the extra docx changes nothing
    (project / "out" / "a.docx").unlink()
    assert run("build", "config/a.yaml") == (0, "", "")  # not one of the spec's formats
    assert try_noop(["build", "config/a.yaml"]) == 0  # ... and forgotten
    code, _, err = run("build", "config/a.yaml", "--format", "odt")
    assert code == 2
    assert err == "error: --format: unknown format 'odt' (formats: html, pdf, docx, md, json)\n"


def test_inputs_changed_rebuild_only_the_formats_asked_for(project: Path) -> None:
    assert run("build", "config/a.yaml")[0] == 0
    with (project / "speeches" / "two.txt").open("a", encoding="utf-8") as speech:
        speech.write("\nWe add a paragraph.\n")
    assert run("build", "config/a.yaml", "--format", "md")[1] == "config/a.yaml: wrote out/a.md\n"
    # json and html were built from the old speech: the next full build makes them again.
    assert run("build", "config/a.yaml") == (0, "config/a.yaml: wrote out/a.json, out/a.html\n",
                                             "")


def test_check_json(project: Path) -> None:
    (project / "config" / "b.yaml").write_text(
        (project / "config" / "b.yaml").read_text().replace("type: takeaways", "type: takeaway"))
    code, out, err = run("check", "config", "--json")
    summary = json.loads(out)
    assert (code, summary["exit_code"], err) == (2, 2, "")
    first, second = summary["specs"]
    assert first == {"spec": "config/a.yaml", "status": "ok", "warnings": [], "errors": []}
    assert (second["spec"], second["status"], second["warnings"]) == (
        "config/b.yaml", "failed", [])
    (error,) = second["errors"]
    assert error.startswith("config/b.yaml:") and "did you mean 'takeaways'?" in error


def test_extract_json_is_format_json(project: Path) -> None:
    speech = "speeches/one.txt"
    code, spelled, _ = run("extract", speech, "--section", "takeaways", "--json")
    assert code == 0
    assert spelled == run("extract", speech, "--section", "takeaways", "--format", "json")[1]
    assert json.loads(spelled)["section"] == "takeaways"


@pytest.mark.parametrize("group", [(), ("speeches",), ("templates",)])
def test_help_describes_every_command_in_one_whole_line(group: tuple[str, ...]) -> None:
    code, out, _ = run(*group, "--help")
    assert code == 0
    commands = out.split("Commands:\n", 1)[1].splitlines()
    assert commands
    for line in commands:
        assert re.match(r"^  [a-z]+ +[A-Z]", line), line
        assert line.endswith(".") and not line.endswith("..."), line


def test_shell_completion(tmp_path: Path) -> None:
    """What the README says to put in ~/.bashrc works, and completes commands and options."""
    env = {**os.environ, "_BRIEFGEN_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-m", "briefgen"], env=env, capture_output=True,
                            text=True, check=True, timeout=60).stdout
    assert "_briefgen_completion" in script and "complete " in script
    env = {**os.environ, "_BRIEFGEN_COMPLETE": "bash_complete", "COMP_WORDS": "briefgen bu",
           "COMP_CWORD": "1"}
    done = subprocess.run([sys.executable, "-m", "briefgen"], env=env, capture_output=True,
                          text=True, check=True, timeout=60)
    assert done.stdout.splitlines() == ["plain,build"]
    env.update(COMP_WORDS="briefgen build --out", COMP_CWORD="2")
    done = subprocess.run([sys.executable, "-m", "briefgen"], env=env, capture_output=True,
                          text=True, check=True, timeout=60)
    assert done.stdout.splitlines() == ["plain,--output-dir"]

"""A new user's first commands (issue 16 item 2): `briefgen init`, the packaged templates,
and what `templates`, `check` and `build` say in a folder that is no project yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli.commands import cli
from briefgen.template import PACKAGED
from tests.test_build import ROOT

INIT_HINT = "run `briefgen init` to make one here"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def age(folder: Path, seconds: float = 60) -> None:
    """Date every file back, as a build sees inputs edited long ago."""
    for path in folder.rglob("*"):
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - int(seconds * 1e9)))


@pytest.fixture()
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_the_packaged_templates_are_the_repository_templates() -> None:
    """briefgen/templates is the top-level templates/ folder, shipped as package data."""
    assert PACKAGED.resolve() == (ROOT / "templates").resolve()
    data = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'briefgen = ["templates/**/*"]' in data


@pytest.mark.parametrize("command", [("check",), ("build",), ("check", "config/*.yaml"),
                                     ("build", "config/*.yaml"), ("build", "config/")])
def test_an_empty_folder_says_run_init(empty: Path, command: tuple[str, ...]) -> None:
    code, out, err = run(*command)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and INIT_HINT in err
    assert "none" not in err


def test_templates_in_an_empty_folder_lists_the_packaged_ones(empty: Path) -> None:
    code, out, err = run("templates")
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()] == [
        ["briefing-note", "packaged"], ["talking-points", "packaged"]]
    assert INIT_HINT in err and "none" not in out + err


def test_init_makes_a_project_that_builds(empty: Path) -> None:
    code, out, _ = run("init", "brief")
    assert code == 0
    assert out.splitlines()[-1] == "next: cd brief && briefgen build config/example.yaml"
    project = empty / "brief"
    files = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert files == [".gitignore", "briefgen.schema.json", "config/example.yaml",
                     "speeches/README", "speeches/example-closing-remarks.txt",
                     "speeches/example-closing-remarks.yaml"]
    spec = (project / "config/example.yaml").read_text(encoding="utf-8")
    assert spec.startswith("# yaml-language-server: $schema=../briefgen.schema.json\n")
    assert "out/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    from briefgen.spec import spec_schema

    schema = json.loads((project / "briefgen.schema.json").read_text(encoding="utf-8"))
    assert schema == spec_schema()
    jsonschema = pytest.importorskip("jsonschema")
    data = yaml.safe_load(spec)
    data["brief"]["date"] = str(data["brief"]["date"])
    jsonschema.validate(data, schema)

    os.chdir(project)
    code, out, err = run("check")
    assert (code, out, err) == (0, "config/example.yaml: ok\n", "")
    code, out, err = run("build", "config/example.yaml")
    assert code == 0, err
    assert out == "config/example.yaml: wrote out/example.docx, out/example.pdf\n"
    assert (project / "out/example.pdf").read_bytes().startswith(b"%PDF")
    manifest = json.loads((project / "out/.example.manifest.json").read_text(encoding="utf-8"))
    used = [rel for role, rel, _ in manifest["inputs"] if role == "template"]
    # The packaged template's files are inputs, so a change to them rebuilds the brief.
    assert sorted(Path(rel).name for rel in used) == sorted(
        p.name for p in (PACKAGED / "briefing-note").iterdir())
    assert all(Path(rel).resolve().is_relative_to(PACKAGED.resolve()) for rel in used)
    code, out, _ = run("speeches")
    assert code == 0 and out.splitlines()[1].startswith("example-closing-remarks  2025-03-12")


def test_init_takes_the_example_takeaways(empty: Path) -> None:
    run("init")
    code, out, _ = run("extract", "speeches/example-closing-remarks.txt", "--section",
                       "takeaways", "--json")
    found = json.loads(out)
    assert (code, found["announced_count"], len(found["items"])) == (0, 3, 3)
    assert found["items"][2]["text"].endswith("measured and not only announced.")


def test_init_never_overwrites(empty: Path) -> None:
    (empty / "config").mkdir()
    (empty / "config" / "example.yaml").write_text("mine\n")
    code, out, err = run("init")
    assert code == 1 and out == ""
    assert err == ("error: .: already has config/example.yaml; nothing written (a project is "
                   "made only in a folder without these files)\n")
    assert (empty / "config" / "example.yaml").read_text() == "mine\n"
    assert not (empty / "speeches").exists()


def test_templates_new_copies_the_packaged_ones_and_the_build_follows(empty: Path) -> None:
    run("init")
    age(empty)
    assert run("build")[0] == 0
    assert run("build")[1] == ""  # up to date: not a terminal, nothing to say
    code, out, _ = run("templates", "new")
    assert code == 0
    assert out.splitlines() == [
        "created templates/briefing-note from packaged template briefing-note; edit "
        "templates/briefing-note/template.yaml and its files (see templates/README.md)",
        "created templates/talking-points from packaged template talking-points; edit "
        "templates/talking-points/template.yaml and its files (see templates/README.md)"]
    assert (empty / "templates" / "README.md").is_file()
    assert run("templates")[1].splitlines()[0].split()[:2] == ["briefing-note", "project"]
    code, out, _ = run("build", "--explain")
    assert code == 0
    assert "template file added: templates/briefing-note/style.css" in out
    code, _, err = run("templates", "new")
    assert code == 1 and "templates/briefing-note: already exists" in err


def test_a_packaged_template_change_rebuilds(tmp_path: Path) -> None:
    """The manifest records the packaged template's files: edited, the brief is rebuilt."""
    site = tmp_path / "site"
    (site / "briefgen").mkdir(parents=True)
    for path in (ROOT / "briefgen").rglob("*.py"):
        target = site / "briefgen" / path.relative_to(ROOT / "briefgen")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    import shutil

    shutil.copytree(ROOT / "templates", site / "briefgen" / "templates")
    env = {**os.environ, "PYTHONPATH": str(site)}
    project = tmp_path / "p"

    def briefgen(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=project, env=env,
                              capture_output=True, text=True, check=False, timeout=300)

    project.mkdir()
    assert briefgen("init").returncode == 0
    age(project)
    first = briefgen("build", "--format", "md")
    assert (first.returncode, first.stdout) == (0, "config/example.yaml: wrote out/example.md\n")
    assert briefgen("build", "--format", "md").stdout == ""
    md = site / "briefgen" / "templates" / "briefing-note" / "brief.md.j2"
    md.write_text(md.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    again = briefgen("build", "--format", "md", "--explain")
    assert again.returncode == 0
    assert f"template changed: {md}" in again.stdout
    assert (project / "out" / "example.md").read_text(encoding="utf-8").endswith("Edited.\n")

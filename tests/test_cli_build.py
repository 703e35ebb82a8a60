"""The build, check, schema and templates commands: exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli.commands import cli
from briefgen.spec import spec_schema
from tests.test_build import ROOT, copy_project


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project, as the current folder."""
    copy_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def bad_spec(project: Path) -> Path:
    text = (project / "config/gcm-prep.yaml").read_text(encoding="utf-8")
    path = project / "config" / "bad.yaml"
    path.write_text(text.replace("type: takeaways", "type: takeaway", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["build", "check"])
def test_bad_spec_exits_2_with_one_line(project: Path, command: str) -> None:
    spec = bad_spec(project)
    line = spec.read_text(encoding="utf-8").splitlines().index("    type: takeaway") + 1
    code, out, err = run(command, str(spec.relative_to(project)))
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        f"error: config/bad.yaml:{line}: sections[2].type: unknown section type 'takeaway' "
        "(did you mean 'takeaways'?)"
    ]
    assert not (project / "out" / "bad.pdf").exists()


def test_check_renders_nothing(project: Path) -> None:
    code, out, err = run("check", "config/gcm-prep.yaml", "config/gcm-talking-points.yaml")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["config/gcm-prep.yaml: ok", "config/gcm-talking-points.yaml: ok"]
    assert not (project / "out").exists()


def test_check_reports_a_format_the_template_lacks(project: Path) -> None:
    manifest = project / "templates" / "talking-points" / "template.yaml"
    manifest.write_text(manifest.read_text().replace("docx, ", "").replace(", docx", ""))
    assert "docx" not in manifest.read_text()
    code, _, err = run("check", "config/gcm-talking-points.yaml")
    assert code == 1
    assert "template 'talking-points' does not provide docx" in err
    assert len(err.splitlines()) == 1


def test_build_a_folder_one_broken_speech(project: Path) -> None:
    """A speech that cannot be read fails its spec (exit 1); the other specs still build."""
    (project / "speeches" / "empty.txt").write_text("\n", encoding="utf-8")
    spec = project / "config" / "broken.yaml"
    text = (project / "config" / "gcm-talking-points.yaml").read_text(encoding="utf-8")
    spec.write_text(text.replace("speeches:\n", "speeches:\n  empty: speeches/empty.txt\n", 1),
                    encoding="utf-8")
    code, out, err = run("build", "config")
    assert code == 1
    assert err.splitlines() == [
        "error: speeches/empty.txt: no text found in the speech (config/broken.yaml not built)"
    ]
    assert "config/gcm-prep.yaml: wrote out/gcm-prep.docx, out/gcm-prep.pdf" in out
    assert "config/gcm-talking-points.yaml: wrote out/gcm-talking-points.pdf" in out
    assert sorted(p.name for p in (project / "out").glob("*.pdf")) == [
        "gcm-prep.pdf", "gcm-talking-points.pdf"]
    assert not (project / "out" / "broken.pdf").exists()


def test_talking_points_build_and_warnings_are_printed(project: Path) -> None:
    spec = project / "config" / "gcm-talking-points.yaml"
    spec.write_text(spec.read_text().replace(
        "from: 2018-03-27-srsg-idm-closing-remarks-arbour\n",
        "from: 2018-03-27-srsg-idm-closing-remarks-arbour\n"
        "  - {title: Arbour's takeaways, type: takeaways,"
        " from: 2018-03-27-srsg-idm-closing-remarks-arbour}\n"))
    code, out, err = run("build", "config/gcm-talking-points.yaml")
    assert (code, err) == (0, "")
    assert (project / "out" / "gcm-talking-points.pdf").read_bytes().startswith(b"%PDF")
    assert (
        "config/gcm-talking-points.yaml: warning: section 5 'Arbour's takeaways': found nothing "
        "(No enumerated takeaways in Arbour, closing remarks, IDM 2018.)"
    ) in out.splitlines()


def test_missing_target_is_a_command_line_error(project: Path) -> None:
    code, _, err = run("build", "config/nope.yaml")
    assert code == 2
    assert err == "error: config/nope.yaml: no such spec file or folder\n"


def test_schema_prints_the_committed_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out) == spec_schema()
    committed = json.loads((ROOT / "briefgen.schema.json").read_text(encoding="utf-8"))
    assert committed == spec_schema(), "run: briefgen schema -o briefgen.schema.json"


def test_shipped_specs_follow_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    for path in sorted((ROOT / "config").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["brief"]["date"] = str(data["brief"]["date"])  # YAML reads it as a date
        jsonschema.validate(data, spec_schema())


def test_templates_list_and_new(project: Path) -> None:
    code, out, _ = run("templates")
    assert code == 0
    # The project's own copies, then the packaged ones, which the project's replace.
    assert [line.split()[:2] for line in out.splitlines()] == [
        ["briefing-note", "project"], ["talking-points", "project"],
        ["briefing-note", "packaged"], ["talking-points", "packaged"]]
    assert "  packaged (not used: the project has its own)  [" in out.splitlines()[2]
    code, out, _ = run("templates", "new", "my-note", "--from", "briefing-note")
    assert code == 0
    copied = sorted(p.name for p in (project / "templates" / "my-note").iterdir())
    assert copied == sorted(p.name for p in (project / "templates" / "briefing-note").iterdir())
    code, _, err = run("templates", "new", "my-note")
    assert (code, len(err.splitlines())) == (1, 1)
    assert "already exists" in err
    code, _, err = run("templates", "new", "other", "--from", "nope")
    assert code == 1 and "unknown template 'nope'" in err
    code, _, err = run("templates", "new", "../escape")
    assert code == 2 and not (project / "escape").exists()

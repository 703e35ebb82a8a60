"""Incremental builds: what is skipped, what is rebuilt and why (tests/cases/incremental)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import briefgen.manifest
from briefgen.build import build
from briefgen.uptodate import quick_check

ROOT = Path(__file__).resolve().parent.parent
CASE = Path(__file__).parent / "cases" / "incremental"


def make_project(target: Path) -> Path:
    """The incremental case with the shipped briefing-note template, in `target`."""
    shutil.copytree(CASE, target, dirs_exist_ok=True)
    (target / "speeches" / "three.txt.later").unlink()
    shutil.copytree(ROOT / "templates" / "briefing-note", target / "templates" / "briefing-note")
    return target


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def age(project: Path, seconds: float = 60) -> None:
    """Date every file back, as a nightly build sees inputs edited long ago."""
    for path in project.rglob("*"):
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - int(seconds * 1e9)))


def build_all(project: Path, **options: object) -> dict[str, str]:
    """Build both specs; spec name -> built or skipped."""
    return {name: build(project / "config" / f"{name}.yaml", **options).status  # type: ignore[arg-type]
            for name in ("a", "b")}


def add_third_speech(project: Path) -> Path:
    path = project / "speeches" / "three.txt"
    shutil.copy(CASE / "speeches" / "three.txt.later", path)
    return path


def test_second_build_is_skipped_and_writes_nothing(project: Path) -> None:
    assert build_all(project) == {"a": "built", "b": "built"}
    out = project / "out"
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    result = build(project / "config" / "a.yaml")
    assert (result.status, result.written, result.brief) == ("skipped", [], None)
    assert {p.name for p in result.outputs} == {"a.md", "a.json", "a.html"}
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_touching_every_input_rebuilds_nothing(project: Path) -> None:
    build_all(project)
    age(project)
    for path in [*(project / "config").iterdir(), *(project / "speeches").iterdir(),
                 *(project / "templates").rglob("*")]:
        path.touch()
    assert build_all(project) == {"a": "skipped", "b": "skipped"}
    age(project)  # the touched files are no longer too fresh to trust their stat
    assert build_all(project) == {"a": "skipped", "b": "skipped"}  # stats recorded again...
    quick = quick_check(project / "config" / "a.yaml")
    assert quick.verdict.up_to_date and not quick.verdict.refreshed  # ...so no hashing now


def test_changing_one_speech_rebuilds_only_the_specs_using_it(project: Path) -> None:
    build_all(project)
    speech = project / "speeches" / "one.txt"
    speech.write_text(speech.read_text().replace("Third,", "Third, and finally,"))
    assert build_all(project) == {"a": "built", "b": "skipped"}
    two = project / "speeches" / "two.txt"
    two.write_text(two.read_text() + "\nGoodbye.\n")
    assert build_all(project) == {"a": "built", "b": "built"}


def test_new_speech_rebuilds_exactly_the_specs_whose_glob_matches(project: Path) -> None:
    build_all(project)
    add_third_speech(project)
    result = build(project / "config" / "a.yaml")
    assert result.reasons == ["new speech matches 'speeches/*.txt': speeches/three.txt"]
    assert build(project / "config" / "b.yaml").status == "skipped"
    (project / "speeches" / "three.txt").unlink()
    assert build(project / "config" / "a.yaml").reasons == ["speech gone: speeches/three.txt"]


def edit_sidecar(project: Path) -> None:
    (project / "speeches" / "two.yaml").write_text("title: Closing remarks\n")


def edit_template(project: Path) -> None:
    with (project / "templates" / "briefing-note" / "style.css").open("a") as css:
        css.write("\n/* edited */\n")


def add_template_file(project: Path) -> None:
    (project / "templates" / "briefing-note" / "logo.svg").write_text("<svg/>")


def edit_spec(project: Path) -> None:
    spec = project / "config" / "b.yaml"
    spec.write_text(spec.read_text().replace("Test brief B", "Test brief B, revised"))


@pytest.mark.parametrize(("change", "reason"), [
    (edit_sidecar, "metadata added: speeches/two.yaml"),
    (edit_template, "template changed: templates/briefing-note/style.css"),
    (add_template_file, "template file added: templates/briefing-note/logo.svg"),
    (edit_spec, "spec changed: config/b.yaml"),
])
def test_each_kind_of_input_rebuilds(project: Path, change: object, reason: str) -> None:
    build_all(project)
    change(project)  # type: ignore[operator]
    result = build(project / "config" / "b.yaml")
    assert (result.status, result.reasons) == ("built", [reason])
    assert build(project / "config" / "b.yaml").status == "skipped"


def test_briefgen_and_options_rebuild(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_all(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build(project / "config" / "b.yaml").reasons[0].startswith("options changed")
    monkeypatch.setattr(briefgen.manifest, "code_digest", lambda: "another briefgen")
    assert build(project / "config" / "b.yaml").reasons == ["briefgen's code changed"]
    monkeypatch.setattr(briefgen.manifest, "__version__", "99.0")
    assert build(project / "config" / "b.yaml").reasons[0].startswith("briefgen version changed")


def test_a_missing_output_alone_is_rendered_again(project: Path) -> None:
    build_all(project)
    out = project / "out"
    (out / "a.html").unlink()
    (out / "a.md").write_text("edited by hand")
    before = (out / "a.json").stat().st_mtime_ns
    result = build(project / "config" / "a.yaml")
    assert sorted(p.name for p in result.written) == ["a.html", "a.md"]
    assert result.reasons == ["output changed: out/a.md", "output missing: out/a.html"]
    assert (out / "a.json").stat().st_mtime_ns == before
    assert "# Test brief A" in (out / "a.md").read_text()


def test_force_rebuilds_with_the_same_bytes(project: Path) -> None:
    build_all(project)
    out = project / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    result = build(project / "config" / "a.yaml", force=True)
    assert (result.status, result.reasons) == ("built", ["--force"])
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")} == before


def test_leftover_temp_files_are_removed_by_the_next_build(project: Path) -> None:
    build_all(project)
    leftover = project / "out" / ".a.html.x1y2z3w4.tmp"
    leftover.write_text("half a brief")
    other = project / "out" / ".a.html.v2.html.x1y2z3w4.tmp"  # not ours: another output's
    other.write_text("someone else's")
    assert quick_check(project / "config" / "a.yaml").verdict.reasons == [
        "temporary files left by an interrupted build"]
    assert build(project / "config" / "a.yaml").status == "skipped"
    assert not leftover.exists() and other.exists()


@pytest.mark.parametrize("text", ['{"format": 1, "outputs": {}}', "[]", "{", ""])
def test_a_broken_manifest_rebuilds(project: Path, text: str) -> None:
    build_all(project)
    (project / "out" / ".b.manifest.json").write_text(text)
    result = build(project / "config" / "b.yaml")
    assert result.status == "built"
    assert build(project / "config" / "b.yaml").status == "skipped"


def test_output_dir_and_name_from_the_spec(project: Path) -> None:
    spec = project / "config" / "b.yaml"
    spec.write_text(spec.read_text() + "output_dir: 'briefs/night'  # where\noutput: bee\n")
    assert build(spec).status == "built"
    assert (project / "briefs" / "night" / "bee.md").is_file()
    assert quick_check(spec).verdict.up_to_date
    assert build(spec).status == "skipped"


def run_briefgen(project: Path, *args: str, env: dict[str, str] | None = None
                 ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


def test_noop_process_imports_no_renderer_nor_pydantic(project: Path) -> None:
    build_all(project)
    age(project)
    build_all(project)  # records the aged stats
    done = run_briefgen(project, "-X", "importtime", "-m", "briefgen", "build", "config")
    assert (done.returncode, done.stdout) == (0, "")  # not a terminal: quiet
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    heavy = {"weasyprint", "docx", "docxtpl", "pydantic", "click", "yaml", "jinja2", "rich"}
    assert not heavy & imported
    assert "briefgen.uptodate" in imported


def test_noop_process_json_and_explain(project: Path) -> None:
    build_all(project)
    done = run_briefgen(project, "-m", "briefgen", "build", "config", "--json")
    summary = json.loads(done.stdout)
    assert summary["exit_code"] == done.returncode == 0
    assert [(s["spec"], s["status"]) for s in summary["specs"]] == [
        ("config/a.yaml", "skipped"), ("config/b.yaml", "skipped")]
    assert summary["specs"][1]["outputs"] == ["out/b.md", "out/b.json"]
    done = run_briefgen(project, "-m", "briefgen", "build", "config/b.yaml", "--explain")
    assert done.stdout == ("config/b.yaml: up to date: unchanged since the last build "
                           "(spec, 1 speech, 0 metadata files, 5 template files, briefgen "
                           f"{briefgen.__version__})\n")

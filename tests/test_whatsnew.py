"""What's new: items added and removed since the previous build, listed, marked and recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.build import build
from briefgen.cli.commands import cli
from tests.test_incremental import add_third_speech, make_project

NEW = "climate change is already a driver of migration in many regions."


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path)


def items(project: Path) -> list[dict[str, object]]:
    brief = json.loads((project / "out" / "a.json").read_text())
    return [item for section in brief["sections"] for item in section["items"]]


def test_first_build_marks_nothing(project: Path) -> None:
    result = build(project / "config" / "a.yaml")
    assert (result.added, result.removed) == ([], [])
    assert not any(item["new"] for item in items(project))
    assert "First build" in (project / "out" / "a.changes.md").read_text()


def test_a_new_speech_is_listed_marked_and_recorded(project: Path) -> None:
    build(project / "config" / "a.yaml")
    add_third_speech(project)
    result = build(project / "config" / "a.yaml")
    assert [r["headline"] for r in result.added] == [NEW, "local authorities must be part "
                                                     "of the conversation on integration."]
    assert result.removed == []
    marked = {item["headline"]: item["new"] for item in items(project)}
    assert marked[NEW] and sum(marked.values()) == 2 and len(marked) == 7
    changes = (project / "out" / "a.changes.md").read_text()
    assert "## Added (2)" in changes
    assert f"- Takeaways: {NEW} (three, para. 2)" in changes
    assert "## Removed" not in changes


def test_a_rebuild_without_new_items_keeps_the_last_changes(project: Path) -> None:
    build(project / "config" / "a.yaml")
    add_third_speech(project)
    build(project / "config" / "a.yaml")
    changes = (project / "out" / "a.changes.md").read_text()
    again = build(project / "config" / "a.yaml", force=True)
    assert (again.status, again.added) == ("built", [])  # listed once, by the build adding them
    assert (project / "out" / "a.changes.md").read_text() == changes
    assert sum(bool(item["new"]) for item in items(project)) == 2


def test_removed_items_are_recorded(project: Path) -> None:
    build(project / "config" / "a.yaml")
    (project / "speeches" / "two.txt").unlink()
    result = build(project / "config" / "a.yaml")
    assert [r["speech"] for r in result.removed] == ["two", "two"]
    changes = (project / "out" / "a.changes.md").read_text()
    assert "## Removed (2)" in changes and "## Added" not in changes
    assert not any(item["new"] for item in items(project))


def test_without_mark_new_items_are_listed_not_marked(project: Path) -> None:
    spec = project / "config" / "a.yaml"
    spec.write_text(spec.read_text().replace("mark_new: true\n", ""))
    build(spec)
    add_third_speech(project)
    assert len(build(spec).added) == 2
    assert not any(item["new"] for item in items(project))


def test_build_prints_new_items_even_when_quiet(project: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["build", "config/a.yaml"])
    add_third_speech(project)
    result = runner.invoke(cli, ["build", "config/a.yaml"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "config/a.yaml: wrote out/a.md, out/a.json, out/a.html",
        f"config/a.yaml: new: Takeaways: {NEW} (three, para. 2)",
    ]
    result = runner.invoke(cli, ["build", "config/a.yaml", "--json"])
    summary = json.loads(result.stdout)["specs"][0]
    assert (summary["status"], summary["added"]) == ("skipped", [])

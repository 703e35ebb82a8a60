"""`briefgen watch`: a change to a speech or template rebuilds; the outputs' own writes do not."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import pytest

from briefgen.watch import wanted, watch
from tests.test_incremental import make_project


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path)


def test_watch_rebuilds_on_change_and_only_then(project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    builds: queue.Queue[int] = queue.Queue()
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=((Path("config"),), 50, stop, builds.put))
    watcher.start()
    try:
        assert builds.get(timeout=60) == 0  # the first build, at start
        first = (project / "out" / "a.md").read_text()
        speech = project / "speeches" / "one.txt"
        speech.write_text(speech.read_text().replace("Third,", "Third, and last,"))
        assert builds.get(timeout=30) == 0
        assert (project / "out" / "a.md").read_text() != first
        with pytest.raises(queue.Empty):  # what the build wrote started no other build
            builds.get(timeout=1.5)
    finally:
        stop.set()
        watcher.join(timeout=30)
    out = capsys.readouterr().out
    assert "config/a.yaml: rebuilt because speech changed: speeches/one.txt" in out
    assert "config/b.yaml: up to date: unchanged since the last build (spec, 1 speech," in out


def test_what_the_watcher_ignores(tmp_path: Path) -> None:
    roots, out = [tmp_path], [tmp_path / "out"]
    assert wanted(tmp_path / "speeches" / "x.txt", roots, out)
    assert wanted(tmp_path / "templates" / "t" / "style.css", roots, out)
    assert not wanted(tmp_path / "out" / "a.pdf", roots, out)
    assert not wanted(tmp_path / "templates" / "t" / ".style.css.swp", roots, out)
    assert not wanted(tmp_path / ".git" / "index", roots, out)

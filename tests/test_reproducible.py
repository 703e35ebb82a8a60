"""Same inputs, same bytes: DOCX and PDF from two clean builds are identical, dates from inputs."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.build import build
from tests.test_incremental import make_project


def office_project(target: Path) -> Path:
    project = make_project(target)
    spec = project / "config" / "b.yaml"
    spec.write_text(spec.read_text().replace("formats: [md, json]", "formats: [docx, pdf]"))
    return project


def test_two_clean_builds_in_two_folders_are_byte_identical(tmp_path: Path) -> None:
    built = []
    for name in ("first", "second"):
        project = office_project(tmp_path / name)
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        subprocess.run([sys.executable, "-m", "briefgen", "build", "config/b.yaml"],
                       cwd=project, env=env, check=True, capture_output=True, timeout=120)
        built.append({n: (project / "out" / n).read_bytes() for n in ("b.docx", "b.pdf")})
    assert built[0] == built[1]
    core = zipfile.ZipFile(tmp_path / "first" / "out" / "b.docx").read("docProps/core.xml")
    assert b"2026-12-01T00:00:00Z" in core  # the brief's date, not the clock
    info = PdfReader(tmp_path / "first" / "out" / "b.pdf").metadata
    assert (info["/CreationDate"], info["/ModDate"]) == ("D:20261201000000Z",) * 2


def test_source_date_epoch_sets_every_date(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    project = office_project(tmp_path)
    build(project / "config" / "b.yaml")
    docx = zipfile.ZipFile(project / "out" / "b.docx")
    assert b"2023-11-14T22:13:20Z" in docx.read("docProps/core.xml")
    assert {info.date_time for info in docx.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    info = PdfReader(project / "out" / "b.pdf").metadata
    assert (info["/CreationDate"], info["/ModDate"]) == ("D:20231114221320Z",) * 2

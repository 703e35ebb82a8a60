"""Bad specs from the command line: one line per problem naming the file, exit 2, no
traceback, existing outputs untouched, nothing written anywhere else."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEECH = "2018-03-27-iom-idm-closing-remarks"
GOOD = f"""\
brief:
  title: Test brief
  classification: UNCLASSIFIED
template: briefing-note
formats: [json, md]
output: brief
speeches:
  {SPEECH}: speeches/{SPEECH}.txt
sections:
  - {{title: Key takeaways, type: takeaways, from: {SPEECH}}}
"""


def swap(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


CASES = {
    "not YAML": ("brief: [unclosed\n", ":1:"),
    "empty file": ("", "spec.yaml:"),
    "top level not a mapping": ("- a\n- b\n", "mapping"),
    "unknown key": (swap("template:", "templat:"), "did you mean 'template'"),
    "wrong type": (swap("formats: [json, md]", "formats: 3"), "formats"),
    "missing required key": (swap("  title: Test brief\n", ""), "title"),
    "duplicate key": (GOOD + "template: x\n", "duplicate"),
    "unknown section type": (swap("type: takeaways", "type: takeaway"),
                             "did you mean 'takeaways'"),
    "unknown format": (swap("[json, md]", "[json, mdx]"), "mdx"),
    "unknown speech id": (swap(f"from: {SPEECH}}}", "from: nobody}"), "nobody"),
    "path matching nothing": (swap(f"speeches/{SPEECH}.txt", "speeches/none-*.txt"),
                              "none-*.txt"),
    "unknown template": (swap("template: briefing-note", "template: briefing-nte"),
                         "briefing-nte"),
    "output leaves the folder": (swap("output: brief", "output: ../x"), "output"),
    "absolute output": (swap("output: brief", "output: /nonexistent-briefgen/x"), "output"),
    "output_dir leaves the project": (GOOD + "output_dir: ../elsewhere\n", "output_dir"),
    "alias bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\n"
                   + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                             for p, c in zip("abcdefgh", "bcdefghi", strict=True)), "spec.yaml"),
    "python tag": ("brief: !!python/object/apply:os.system ['true']\n", "spec.yaml"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the good spec built once, so its outputs can be watched."""
    (tmp_path / "speeches").mkdir()
    for suffix in (".txt", ".yaml"):
        shutil.copy(ROOT / "speeches" / f"{SPEECH}{suffix}", tmp_path / "speeches")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "spec.yaml").write_text(GOOD)
    assert briefgen(tmp_path, "build", "spec.yaml").returncode == 0
    return tmp_path


def briefgen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


def snapshot(root: Path) -> dict[str, str]:
    """Every file under `root` except the spec, with the hash of its content."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file() and p.name != "spec.yaml"
    }


def assert_refused(project: Path, content: str | bytes, fragment: str) -> None:
    before = snapshot(project)
    spec = project / "spec.yaml"
    spec.write_bytes(content if isinstance(content, bytes) else content.encode())
    for command in ("check", "build"):
        result = briefgen(project, command, "spec.yaml")
        assert result.returncode == 2, (command, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines and all(line.startswith("error: ") and "spec.yaml" in line
                             for line in lines), result.stderr
        assert "Traceback" not in result.stderr
        assert fragment in result.stderr, result.stderr
    assert snapshot(project) == before
    assert not (project.parent / "elsewhere").exists()
    assert not Path("/nonexistent-briefgen").exists()


@pytest.mark.parametrize("case", CASES)
def test_bad_spec_is_refused_without_damage(project: Path, case: str) -> None:
    content, fragment = CASES[case]
    assert_refused(project, content, fragment)


def test_spec_of_ten_megabytes_is_refused(project: Path) -> None:
    assert_refused(project, GOOD + "# " + "x" * 10_000_000 + "\n", "MB")


def test_spec_not_in_utf8_is_refused(project: Path) -> None:
    assert_refused(project, GOOD.replace("Test brief", "Tést brief").encode("cp1252"), "UTF-8")


def test_output_folder_that_is_a_symlink_out_is_refused(project: Path, tmp_path_factory:
                                                        pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    shutil.rmtree(project / "out")
    os.symlink(outside, project / "out")
    assert_refused(project, GOOD, "out")
    assert list(outside.iterdir()) == []

"""Bad specs from the command line: one line per problem naming the file, exit 2, no
traceback, existing outputs untouched, nothing written anywhere else."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import time
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


BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                  for p, c in zip("abcdefgh", "bcdefghi", strict=True)))
# case -> (spec text, the one error line it gives, as a regular expression after "error: ")
CASES = {
    "not YAML": ("brief: [unclosed\n",
                 r"spec\.yaml:1:8: YAML syntax error: the '\[' opened here is never closed; "
                 r"add '\]' where the list ends$"),
    "not YAML, a stray colon": (swap("template: briefing-note", "template: : briefing-note"),
                                r"spec\.yaml:4:11: YAML syntax error: quote a value that "
                                r"contains ': '$"),
    "empty file": ("", r"spec\.yaml:1: the spec is empty"),
    "only comments": ("# nothing here\n", r"spec\.yaml:1: the spec is empty"),
    "top level not a mapping": ("- a\n- b\n", r"spec\.yaml:1: the spec must be a mapping"),
    "unknown key": (swap("template:", "templat:"),
                    r"spec\.yaml:4: templat: unknown key 'templat' \(did you mean 'template'\?\)"),
    "misspelt required key": (
        swap("  classification:", "  clasification:"),
        r"spec\.yaml:3: brief\.clasification: unknown key 'clasification' "
        r"\(did you mean 'classification'\?\)$"),
    "wrong type": (swap("formats: [json, md]", "formats: 3"),
                   r"spec\.yaml:5: formats: expected a list, not 3"),
    "missing required key": (swap("  title: Test brief\n", ""),
                             r"spec\.yaml:1: brief: missing required key 'title'"),
    "duplicate key": (GOOD + "template: x\n",
                      r"spec\.yaml:11: template: duplicate key 'template' \(first at line 4\)"),
    "unknown section type": (swap("type: takeaways", "type: takeaway"),
                             r"spec\.yaml:10: sections\[0\]\.type: unknown section type "
                             r"'takeaway' \(did you mean 'takeaways'\?\)"),
    "unknown format": (swap("[json, md]", "[json, mdx]"),
                       r"spec\.yaml:5: formats\[1\]: unknown format 'mdx' \(did you mean 'md'\?\)"),
    "unknown speech id": (swap(f"from: {SPEECH}}}", "from: nobody}"),
                          r"spec\.yaml:10: sections\[0\]\.from: no speech id matches 'nobody'"),
    "path matching nothing": (swap(f"speeches/{SPEECH}.txt", "speeches/none.txt"),
                              rf"spec\.yaml:8: speeches\.{SPEECH}: no such file "
                              r"'speeches/none\.txt'"),
    "glob matching nothing": (swap(f"speeches/{SPEECH}.txt", "speeches/none-*.txt"),
                              rf"spec\.yaml:8: speeches\.{SPEECH}: no speech files match "
                              r"'speeches/none-\*\.txt'"),
    "unknown template": (swap("template: briefing-note", "template: briefing-nte"),
                         r"spec\.yaml:4: template: unknown template 'briefing-nte' "
                         r"\(did you mean 'briefing-note'\?\)"),
    "output leaves the folder": (swap("output: brief", "output: ../x"),
                                 r"spec\.yaml:6: output: must be a plain name"),
    "absolute output": (swap("output: brief", "output: /nonexistent-briefgen/x"),
                        r"spec\.yaml:6: output: must be a plain name"),
    "output_dir leaves the project": (GOOD + "output_dir: ../elsewhere\n",
                                      r"spec\.yaml:11: output_dir: must be a folder inside"),
    "absolute output_dir": (GOOD + "output_dir: /nonexistent-briefgen\n",
                            r"spec\.yaml:11: output_dir: must be a folder inside"),
    "alias bomb": (BOMB, r"spec\.yaml:1: .*more than 20000 values once YAML aliases are "
                         r"expanded; refusing \(an alias bomb\?\)"),
    "python tag": ("brief: !!python/object/apply:os.system ['true']\n",
                   r"spec\.yaml:1: brief: unsupported YAML tag '!!python/object/apply"),
    "a number too long to read": (
        swap("output: brief", "output: brief\nmark_new: 1" + "0" * 5000),
        r"spec\.yaml:7: mark_new: '1000000000\d*'\.\.\. \(5001 characters\) is a number too "
        r"long to read \(more than 4300 digits\); quote it if it is text$"),
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


MEMORY = 2 * 2**30  # address space a refused spec may cost, far above what briefgen needs


def briefgen(cwd: Path, *args: str, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run briefgen; with `memory`, under that limit of address space (RLIMIT_AS)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, resource.getrlimit(resource.RLIMIT_AS)[1]))

    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False,
                          preexec_fn=limit if memory else None)


def snapshot(root: Path) -> dict[str, str]:
    """Every file under `root` except the spec, with the hash of its content."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file() and p.name != "spec.yaml"
    }


def assert_refused(project: Path, content: str | bytes, expected: str,
                   seconds: float = 60) -> None:
    """check and build each print exactly `error: <expected>` (a regular expression) on one
    line, exit 2, within `seconds`, and change nothing; the spec cannot make them use more
    than MEMORY of address space (they would fail with a traceback)."""
    before = snapshot(project)
    spec = project / "spec.yaml"
    spec.write_bytes(content if isinstance(content, bytes) else content.encode())
    for command in ("check", "build"):
        started = time.monotonic()
        result = briefgen(project, command, "spec.yaml", memory=MEMORY)
        assert time.monotonic() - started < seconds, command
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (command, result.stderr)
        assert re.match("error: " + expected, lines[0]), (command, lines[0])
    assert snapshot(project) == before
    assert not (project.parent / "elsewhere").exists()
    assert not Path("/nonexistent-briefgen").exists()


@pytest.mark.parametrize("case", CASES)
def test_bad_spec_is_refused_without_damage(project: Path, case: str) -> None:
    content, expected = CASES[case]
    assert_refused(project, content, expected)


def test_alias_bomb_is_refused_fast(project: Path) -> None:
    """9 ** 9 values once expanded: refused after counting 20,000, in seconds, within MEMORY."""
    nested = "".join(f"  {line}\n" for line in BOMB.splitlines())
    assert_refused(project, GOOD + "bomb:\n" + nested,
                   r"spec\.yaml:\d+: bomb\..*an alias bomb", seconds=15)


def test_many_values_without_aliases_are_refused_before_parsing_all(project: Path) -> None:
    """Under 1 MB but 70,000 keys: refused once 20,000 are read (it took 13 s to read them
    all), and not called an alias bomb."""
    many = GOOD + "".join(f"k{i}: {i}\n" for i in range(70_000))
    assert len(many) < 1_000_000
    assert_refused(project, many, r"spec\.yaml:\d+:\d+: more than 20000 values; a spec is a "
                                  r"page of YAML$", seconds=15)


def test_spec_of_ten_megabytes_is_refused(project: Path) -> None:
    assert_refused(project, GOOD + "# " + "x" * 10_000_000 + "\n",
                   r"spec\.yaml: the spec is larger than the 1 MB limit", seconds=15)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_spec_not_in_utf8_is_refused(project: Path, encoding: str) -> None:
    assert_refused(project, GOOD.replace("Test brief", "Tést brief").encode(encoding),
                   r"spec\.yaml:\d+: not UTF-8 .*save the spec as UTF-8")


def test_output_folder_that_is_a_symlink_out_is_refused(project: Path, tmp_path_factory:
                                                        pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    shutil.rmtree(project / "out")
    os.symlink(outside, project / "out")
    assert_refused(project, GOOD, r"spec\.yaml:1: output_dir: out leads outside the project root")
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("command", ["check", "build"])
def test_the_speeches_folder_given_for_the_specs_folder(project: Path, command: str) -> None:
    """Its *.yaml are speech metadata: one line saying so, not a dozen 'unknown key' errors
    for each metadata file."""
    before = snapshot(project)
    result = briefgen(project, command, "speeches")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: speeches: no specs in this folder: its *.yaml files are the metadata of the "
        "speeches beside them (specs are usually in config/)"]
    assert snapshot(project) == before


def test_a_spec_beside_a_file_of_the_same_name_is_still_a_spec(project: Path) -> None:
    (project / "spec.md").write_text("Notes on the spec.\n")
    result = briefgen(project, "check", ".")
    assert result.returncode == 0 and result.stdout.strip() == "spec.yaml: ok", result

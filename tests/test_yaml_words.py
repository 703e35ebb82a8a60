"""Every YAML file briefgen reads (spec, sidecar, front matter, template manifest) that is
not valid YAML gets one line of briefgen's own words, with file, line and column, whatever
the installed PyYAML says; `check` exits 2 for a spec and 1 for the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli.commands import cli

ROOT = Path(__file__).resolve().parent.parent
SPEC = """\
brief: {title: Words, classification: UNCLASSIFIED}
template: briefing-note
formats: [md]
speeches:
  s: speeches/s.SUFFIX
sections:
  - {title: Summary, type: summary, from: s}
"""
SPEECH = "We support the compact and want it to work for everyone.\n\nIt matters to us all.\n"
# name -> (a YAML text with one problem, its line, its column, briefgen's words)
SYNTAX = "YAML syntax error: "
PROBLEMS = {
    "tab": ("title: A speech\n\tspeaker: B\n", 2, 1,
            SYNTAX + "a tab in the indentation; use spaces, not tabs"),
    "colon in a value": ("title: Migration: the way forward\n", 1, 8,
                         SYNTAX + "quote a value that contains ': '"),
    "unclosed quote": ('title: "A speech\nspeaker: B\n', 1, 8,
                       SYNTAX + 'the quote " opened here is never closed; end the value with "'),
    "quote in a quoted value": ("title: 'It's a speech'\n", 1, 8,
                                SYNTAX + "text goes on after the closing quote; to put ' inside "
                                "'...', write it twice ('')"),
    "unclosed bracket": ("title: [A, B\nspeaker: C\n", 1, 8,
                         SYNTAX + "the '[' opened here is never closed; add ']' where the list "
                         "ends"),
    "wrong bracket": ("title: [A, B}\n", 1, 13,
                      SYNTAX + "'}' here does not close the '[' opened at line 1; close that "
                      "with ']'"),
    "stray bracket": ("title: A\nspeaker: ]\n", 2, 10,
                      SYNTAX + "']' here closes nothing; remove it, or quote the value"),
    "indented under a value": ("title: A speech\n  speaker: B\n", 2, 3,
                               SYNTAX + "bad indentation: line 1 already has a value, so this "
                               "line cannot be indented under it; line it up with the keys it "
                               "belongs with"),
    "indented between levels": ("event:\n    name: A\n  place: B\n", 3, 3,
                                SYNTAX + "bad indentation: this line is indented 2 spaces, the "
                                "lines above it 0 or 4; line it up with the keys it belongs "
                                "with"),
    "unknown escape": ('title: "C:\\quarterly"\n', 1, 11,
                       SYNTAX + "unknown escape '\\q' in a \"...\" value; write \\\\ for a "
                       "backslash, or quote the value with '...'"),
    "second document": ("title: A\n---\nspeaker: B\n", 2, 1,
                        SYNTAX + "a second YAML document ('---') is not allowed; a file holds "
                        "one"),
    "reserved character": ("title: @home\n", 1, 8,
                           SYNTAX + "a value cannot start with '@'; quote it"),
    "control character": ("title: A\x01\n", 1, 9,
                          "the character U+0001 cannot be in a YAML file; remove it"),
    "nested too deep": ("title: " + "[" * 50 + "]" * 50 + "\n", 1, 47,
                        "nested more than 40 levels deep"),
}
# what a spec says of the same text, where it differs: keys are checked as the spec is built
SPEC_FORM = {
    "duplicate key": ("title: A\ntitle: B\n", 2, None, "title: duplicate key 'title' (first at "
                      "line 1)"),
    "impossible date": ("date: 2018-02-30\n", 1, None, "date: '2018-02-30' is not a real date; "
                        "write it as YYYY-MM-DD (or quote it if it is text)"),
}
SMALL_FORM = {
    "duplicate key": ("title: A\ntitle: B\n", 2, 1, "duplicate key 'title' (first at line 1)"),
    "impossible date": ("date: 2018-02-30\n", 1, 7, "'2018-02-30' is not a real date; write it "
                        "as YYYY-MM-DD (or quote it if it is text)"),
}
KINDS = ("spec", "sidecar", "front matter", "manifest")
# front matter ends at its first `---`, and control characters leave with the speech's debris
NOT_IN_FRONT_MATTER = ("second document", "control character")


def make_project(root: Path, suffix: str = "txt") -> Path:
    (root / "speeches").mkdir(parents=True)
    (root / "config").mkdir()
    shutil.copytree(ROOT / "templates" / "briefing-note", root / "templates" / "briefing-note")
    (root / "speeches" / f"s.{suffix}").write_text(SPEECH, encoding="utf-8")
    (root / "config" / "spec.yaml").write_text(SPEC.replace("SUFFIX", suffix), encoding="utf-8")
    return root


def check(project: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["check", "config/spec.yaml"])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stderr.splitlines()


def place(project: Path, kind: str, text: str) -> tuple[str, int, int]:
    """Put `text` where `kind` of file is read; (its path, the line `text` starts on there,
    the exit code check gives)."""
    if kind == "spec":
        (project / "config" / "spec.yaml").write_text(text, encoding="utf-8")
        return "config/spec.yaml", 1, 2
    if kind == "sidecar":
        (project / "speeches" / "s.yaml").write_text(text, encoding="utf-8")
        return "speeches/s.yaml", 1, 1
    if kind == "front matter":
        (project / "speeches" / "s.md").write_text(f"---\n{text}---\n{SPEECH}", encoding="utf-8")
        return "speeches/s.md", 2, 1
    (project / "templates" / "briefing-note" / "template.yaml").write_text(text, encoding="utf-8")
    return "templates/briefing-note/template.yaml", 1, 1


def cases() -> list[tuple[str, str, tuple[str, int, int | None, str]]]:
    found = []
    for kind in KINDS:
        extra = SPEC_FORM if kind == "spec" else SMALL_FORM
        found += [pytest.param(kind, name, case, id=f"{kind}-{name}")
                  for name, case in {**PROBLEMS, **extra}.items()
                  if not (kind == "front matter" and name in NOT_IN_FRONT_MATTER)]
    return found


@pytest.mark.parametrize(("kind", "name", "case"), cases())
def test_each_yaml_problem_in_our_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        kind: str, name: str,
                                        case: tuple[str, int, int | None, str]) -> None:
    text, line, column, words = case
    project = make_project(tmp_path / "p", "md" if kind == "front matter" else "txt")
    path, first, code = place(project, kind, text)
    at = f"{path}:{line + first - 1}" + (f":{column}" if column else "")
    assert check(project, monkeypatch) == (code, [f"error: {at}: {words}"])


@pytest.mark.parametrize(("text", "line", "words"), [
    ("title: A\ntitel: B\n", 2, "titel: unknown metadata field 'titel' (did you mean 'title'?)"),
    ("title: A\nspeaker: [A, B]\n", 2, "speaker: expected one piece of text, not a list"),
    ("- title\n- speaker\n", 1, "metadata must be a mapping of field: value (e.g. 'title: "
                                "...'), not a list"),
    ("title: A\nsource: &a x\nplace: *a\n", 3, None),
])
def test_metadata_errors_carry_their_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          text: str, line: int, words: str | None) -> None:
    """In a sidecar and in front matter (whose lines count from the file's first)."""
    for kind in ("sidecar", "front matter"):
        project = make_project(tmp_path / kind, "md" if kind == "front matter" else "txt")
        path, first, _ = place(project, kind, text)
        code, lines = check(project, monkeypatch)
        expected = words or "aliases (*name) are not allowed here; write the value out"
        column = ":8" if words is None else ""
        assert (code, lines) == (1, [f"error: {path}:{line + first - 1}{column}: {expected}"])


@pytest.mark.parametrize(("text", "line", "words"), [
    ("- docx\n- pdf\n", 1, "a template manifest must be a mapping of keys (description:, "
                           "formats: ...)"),
    ("description: A note\nformats: docx\n", 2, "formats: expected a list of formats, e.g. "
                                                "[docx, pdf]"),
])
def test_manifest_errors_carry_their_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          text: str, line: int, words: str) -> None:
    project = make_project(tmp_path / "p")
    path, _, _ = place(project, "manifest", text)
    assert check(project, monkeypatch) == (1, [f"error: {path}:{line}: {words}"])


def test_a_sidecar_not_in_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p")
    (project / "speeches" / "s.yaml").write_bytes("title: A\nplace: Genève\n".encode("cp1252"))
    assert check(project, monkeypatch) == (1, [
        "error: speeches/s.yaml:2: not UTF-8 (invalid byte 0xe8 at byte offset 19); save the "
        "file as UTF-8"])


def test_check_never_says_not_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """check builds nothing; only build says which spec it did not build."""
    project = make_project(tmp_path / "p")
    (project / "speeches" / "s.txt").write_text("", encoding="utf-8")
    code, lines = check(project, monkeypatch)
    assert (code, lines) == (1, ["error: speeches/s.txt: no text found in the speech"])
    built = CliRunner().invoke(cli, ["build", "config/spec.yaml", "--jobs", "1"])
    assert built.stderr.splitlines() == [
        "error: speeches/s.txt: no text found in the speech (config/spec.yaml not built)"]

"""A bad command line is one line of briefgen's words and exit code 2, never click's
several lines of usage and wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli.commands import cli

ROOT = Path(__file__).resolve().parent.parent
SPEECH = str(ROOT / "speeches" / "2018-03-27-iom-idm-closing-remarks.txt")
HELP = "(see 'briefgen {} --help')"


@pytest.mark.parametrize(("args", "words"), [
    (["build"], "no spec given and no config/ folder here; this folder is no briefgen project "
                "(no config/, speeches/ or templates/): run `briefgen init` to make one here, "
                "or `briefgen init DIR`"),
    (["biuld", "config"], "briefgen: no command 'biuld' (did you mean 'build'?)"),
    (["build", "--forse", "config"], "briefgen build has no option --forse (did you mean "
                                     "--force?)"),
    (["check", "--wait", "3", "config"], "briefgen check has no option --wait "
                                         + HELP.format("check")),
    (["build", "--jobs", "0", "config"], "briefgen build: --jobs must be a whole number of at "
                                         "least 1, not '0'"),
    (["build", "--jobs=many", "config"], "briefgen build: --jobs must be a whole number of at "
                                         "least 1, not 'many'"),
    (["build", "--wait", "-1", "config"], "briefgen build: --wait must be a number of at least "
                                          "0, not '-1'"),
    (["build", "config", "-j"], "briefgen build: -j needs a value " + HELP.format("build")),
    (["build", "--force=yes", "config"], "briefgen build: --force takes no value "
                                         + HELP.format("build")),
    (["extract", "no-such-speech.txt", "--section", "takeaways"],
     "briefgen extract: SPEECH_FILE must be a file that exists, not 'no-such-speech.txt'"),
    (["extract", SPEECH], "briefgen extract needs --section " + HELP.format("extract")),
    (["extract", SPEECH, "--section", "summary", "--format", "xml"],
     "briefgen extract: --format must be one of json, text, not 'xml'"),
    (["schema", "extra"], "briefgen schema: unexpected argument 'extra' " + HELP.format("schema")),
    (["speeches", "list", "a", "b"], "briefgen speeches list: unexpected argument 'b' "
                                     + HELP.format("speeches list")),
    (["speeches", "add"], "briefgen speeches add needs FILES " + HELP.format("speeches add")),
    (["templates", "new", "a", "b"], "briefgen templates new: unexpected argument 'b' "
                                     + HELP.format("templates new")),
], ids=lambda value: " ".join(value) if isinstance(value, list) else None)
def test_usage_errors_are_one_line_in_our_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                args: list[str], words: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args, prog_name="briefgen")
    assert (result.exit_code, result.stderr.splitlines()) == (2, [f"error: {words}"])
    assert result.stdout == ""


def test_an_unknown_command_lists_the_commands() -> None:
    result = CliRunner().invoke(cli, ["frobnicate"], prog_name="briefgen")
    names = ", ".join(sorted(cli.commands))
    line = f"error: briefgen: no command 'frobnicate' (commands: {names})"
    assert (result.exit_code, result.stderr.splitlines()) == (2, [line])


def test_help_and_version_still_work() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["--version"], prog_name="briefgen").exit_code == 0
    shown = runner.invoke(cli, ["build", "--help"], prog_name="briefgen")
    assert shown.exit_code == 0 and "--force" in shown.stdout

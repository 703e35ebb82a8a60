"""Decisions are written into the spec's own text: every line not edited stays as typed."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest

from briefgen.errors import SpecError
from briefgen.specedit import set_keys

ODD = """\
# yaml-language-server: $schema=../briefgen.schema.json
brief:
    title:   "A brief"      # four-space indent, extra spaces
    classification: 'UNCLASSIFIED'
sections:
- {title: "Takeaways, 2018", type: takeaways, from: a}   # flow style
-   title: Positions
    type: positions
    actor: Sweden
    exclude:
      - "first quote"   # keep this comment
      - second quote

- title: Sources   # last
  type: sources
"""
REVIEWED = {"by": "A. Officer", "on": dt.date(2026, 11, 20), "fingerprint": "0a1b2c3d4e"}


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:1] in "+-"]


def test_a_block_list_gains_and_loses_lines_only() -> None:
    after = set_keys(ODD, ("sections", 1), {"exclude": ["first quote", "third, “quoted”"]})
    assert changed_lines(ODD, after) == ["-       - second quote",
                                         '+       - "third, “quoted”"']
    assert "keep this comment" in after


def test_new_keys_follow_the_mapping_style() -> None:
    after = set_keys(ODD, ("sections", 0), {"include": ["One: two"], "reviewed": REVIEWED})
    assert changed_lines(ODD, after) == [
        '- - {title: "Takeaways, 2018", type: takeaways, from: a}   # flow style',
        '+ - {title: "Takeaways, 2018", type: takeaways, from: a, include: ["One: two"], '
        'reviewed: {by: "A. Officer", on: 2026-11-20, fingerprint: "0a1b2c3d4e"}}   # flow style']
    block = set_keys(ODD, ("sections", 2), {"include": ["x"], "reviewed": REVIEWED})
    assert block.endswith('  type: sources\n  include:\n  - "x"\n  reviewed: {by: "A. Officer", '
                          'on: 2026-11-20, fingerprint: "0a1b2c3d4e"}\n')


def test_a_review_replaces_the_last_one_and_an_empty_list_goes() -> None:
    once = set_keys(ODD, ("sections", 1), {"reviewed": REVIEWED})
    twice = set_keys(once, ("sections", 1), {"reviewed": {**REVIEWED, "by": "B. Officer"},
                                             "exclude": []})
    assert sorted(changed_lines(ODD, twice)) == [
        '+     reviewed: {by: "B. Officer", on: 2026-11-20, fingerprint: "0a1b2c3d4e"}',
        '-       - "first quote"   # keep this comment', "-       - second quote",
        "-     exclude:"]


def test_line_endings_and_byte_order_mark_are_kept() -> None:
    text = "\ufeff" + ODD.replace("\n", "\r\n")
    after = set_keys(text, ("sections", 1), {"include": ["y"]})
    assert after.startswith("\ufeff") and "\n" not in after.replace("\r\n", "")
    assert after[1:].replace("\r\n", "\n") == set_keys(ODD, ("sections", 1), {"include": ["y"]})


def test_an_edit_that_would_change_other_data_is_refused() -> None:
    kept = "sections:\n- title: T\n  type: takeaways\n  note: |+\n    kept blank lines\n\n"
    with pytest.raises(SpecError, match="nothing was written"):
        set_keys(kept, ("sections", 0), {"include": ["z"]})

"""Approved stays approved: a reviewed section whose items change is reported and marked.

The reviewed spec is built in a fresh copy of the project (no previous build,
as in a fresh clone): the fingerprint in the spec is all the check needs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.brief import assembly
from briefgen.build import load_speeches
from briefgen.errors import SpecError
from briefgen.spec import load_spec
from tests.test_build import copy_project
from tests.test_curate import SPEC, curated, docx_text, pdf_text, run

SPEECH = "speeches/2017-11-08-sweden-gcm-thematic-consultation-3.txt"
DROPPED = "- Sweden supports the IOM approach to strengthen the consular capacity of \n"


def fingerprints(spec_path: Path) -> list[str]:
    spec = load_spec(spec_path)
    return [s.fingerprint for s in assembly(spec, load_speeches(spec)).brief.sections]


def draft(root: Path, value: str) -> None:
    spec = root / SPEC
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("  date: 2026-12-01\n", f"  date: 2026-12-01\n  draft: {value}\n"),
                    encoding="utf-8")


@pytest.fixture()
def reviewed(tmp_path: Path) -> Path:
    """The flagship with its positions section signed off by A. Officer, fingerprint and all."""
    root = copy_project(tmp_path)
    fingerprint = fingerprints(root / SPEC)[6]
    curated(root, f'    reviewed: {{by: "A. Officer", on: 2026-11-20, '
                  f'fingerprint: "{fingerprint}"}}\n')
    return root


def test_a_reviewed_section_is_marked_as_reviewed(reviewed: Path) -> None:
    done = run(reviewed, "build", SPEC)
    assert done.returncode == 0, done.stderr
    assert "review:" not in done.stderr
    out = reviewed / "out"
    for text in (pdf_text(out / "gcm-prep.pdf"), docx_text(out / "gcm-prep.docx")):
        assert "reviewed by a. officer on 20 november 2026." in text
        assert "changed since review" not in text


def test_a_changed_extraction_is_reported_and_marked(reviewed: Path) -> None:
    assert run(reviewed, "build", SPEC).returncode == 0
    speech = reviewed / SPEECH
    text = speech.read_text(encoding="utf-8")
    assert DROPPED in text
    speech.write_text(text.replace(DROPPED, "- Sweden welcomes the IOM approach to strengthen the "
                                            "consular capacity of \n"), encoding="utf-8")
    done = run(reviewed, "build", SPEC, "--json")
    assert done.returncode == 0, done.stderr
    line = (reviewed / SPEC).read_text(encoding="utf-8").splitlines().index(
        next(x for x in (reviewed / SPEC).read_text(encoding="utf-8").splitlines()
             if x.startswith("    reviewed:"))) + 1
    [notice_line] = [x for x in done.stderr.splitlines() if x.startswith("review:")]
    assert notice_line.startswith(
        f"review: {SPEC}:{line}: section 7 'Sweden's positions at the third thematic "
        "consultation (November 2017)': changed since it was reviewed by A. Officer on "
        "2026-11-20: the items are not those reviewed (1 added, 1 dropped)")
    [notice] = json.loads(done.stdout)["specs"][0]["review"]["notices"]
    assert (notice["kind"], notice["section"], notice["where"]) == ("changed", 7, f"{SPEC}:{line}")
    assert [r["headline"][:32] for r in notice["removed"]] == ["Sweden supports the IOM approach"]
    out = reviewed / "out"
    for text in (pdf_text(out / "gcm-prep.pdf"), docx_text(out / "gcm-prep.docx")):
        assert ("changed since review: the items are no longer those a. officer reviewed on "
                "20 november 2026.") in text


def test_a_fresh_clone_sees_the_change_from_the_spec_alone(reviewed: Path) -> None:
    speech = reviewed / SPEECH
    speech.write_text(speech.read_text(encoding="utf-8").replace(DROPPED, "- The IOM approach "
                      "strengthens the consular capacity of \n"), encoding="utf-8")
    assert not (reviewed / "out").exists()
    done = run(reviewed, "build", SPEC, "--json")
    [notice] = json.loads(done.stdout)["specs"][0]["review"]["notices"]
    assert notice["kind"] == "changed" and notice["removed"] == []  # no record of the items
    assert "changed since review" in pdf_text(reviewed / "out/gcm-prep.pdf")


def test_draft_auto_marks_drafts_until_every_section_is_reviewed(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    draft(root, "auto")
    assert run(root, "build", SPEC).returncode == 0
    html_like = pdf_text(root / "out/gcm-prep.pdf")
    assert "briefing note (draft)" in html_like and "not reviewed." in html_like
    assert "draft" in docx_text(root / "out/gcm-prep.docx")
    spec = root / SPEC
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text + '\nreviewed: {by: "A. Officer", on: 2026-11-20, fingerprint: "'
                    + " ".join(f for f in fingerprints(spec) if f) + '"}\n', encoding="utf-8")
    done = run(root, "build", SPEC)
    assert done.returncode == 0, done.stderr
    signed = pdf_text(root / "out/gcm-prep.pdf")
    assert "draft" not in signed and "not reviewed" not in signed
    # every extracted section, the mentions section and the acronyms annex among them
    assert signed.count("reviewed by a. officer on 20 november 2026.") == 7


def test_a_mark_without_fingerprint_is_taken_as_of_the_first_build(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    curated(root, "    reviewed: {by: A. Officer, on: 2026-11-20}\n")  # `on:` is a key, not true
    first = run(root, "build", SPEC)
    fingerprint = fingerprints(root / SPEC)[6]
    assert f"has no fingerprint; this build's items are taken as those reviewed; add " \
           f"`fingerprint: {fingerprint}` to the mark" in first.stderr
    again = run(root, "build", SPEC, "--force")
    assert "review:" not in again.stderr
    speech = root / SPEECH
    speech.write_text(speech.read_text(encoding="utf-8").replace(DROPPED, ""), encoding="utf-8")
    changed = run(root, "build", SPEC)
    assert "changed since it was reviewed by A. Officer on 2026-11-20" in changed.stderr


@pytest.mark.parametrize(("mark", "message"), [
    ("{by: A, on: 20 November}", "sections[6].reviewed.on: expected a date (YYYY-MM-DD), not "
                                 "'20 November'"),
    ("{on: 2026-11-20}", "sections[6].reviewed: missing required key 'by'"),
    ("{by: A, on: 2026-11-20, fingerprint: XYZ}", "sections[6].reviewed.fingerprint: 'XYZ' is "
                                                  "not of the form this key takes"),
])
def test_bad_marks_are_spec_errors(tmp_path: Path, mark: str, message: str) -> None:
    root = copy_project(tmp_path)
    spec = curated(root, f"    reviewed: {mark}\n")
    with pytest.raises(SpecError) as info:
        load_spec(spec)
    assert message in str(info.value)

"""Curation in the spec: `exclude:` leaves an item out, `include:` adds a quote as a sourced item.

The flagship is built in a copy of the project and its PDF and DOCX read back;
quotes that match nothing or more than one place fail the build with one line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from briefgen import curate
from briefgen.brief import assembly
from briefgen.build import load_speeches
from briefgen.errors import SpecError
from briefgen.spec import load_spec
from tests.test_build import copy_project, fold

SPEC = "config/gcm-prep.yaml"
POSITIONS = """    actor: Sweden
    from: 2017-11-08-sweden-gcm-thematic-consultation-3
"""
GOLD_ITEM = "In the short term, we prioritize regional co-operation and joint actions"
OTHER = ("There are benefits of negotiating readmission agreements though regional groupings "
         "like the EU")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=root, env=env,
                          capture_output=True, text=True, check=False, timeout=300)


def curated(root: Path, keys: str) -> Path:
    """The flagship with curation keys added to its positions section."""
    spec = root / SPEC
    text = spec.read_text(encoding="utf-8")
    assert POSITIONS in text
    spec.write_text(text.replace(POSITIONS, POSITIONS + keys), encoding="utf-8")
    return spec


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return fold(done.stdout)


def docx_text(path: Path) -> str:
    """The text a reader sees in a DOCX: body paragraphs, table cells and page headers."""
    document = Document(str(path))
    cells = [p for table in document.tables for row in table.rows for cell in row.cells
             for p in cell.paragraphs]
    headers = [p for section in document.sections for p in section.header.paragraphs]
    return fold("\n".join(p.text for p in [*headers, *cells, *document.paragraphs]))


@pytest.fixture(scope="module")
def flagship(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The flagship built with one gold position excluded and one other sentence included."""
    root = copy_project(tmp_path_factory.mktemp("curated"))
    curated(root, f'    exclude: ["{GOLD_ITEM}"]\n    include:\n      - "{OTHER}."\n')
    done = run(root, "build", SPEC)
    assert done.returncode == 0, done.stderr
    return root


@pytest.mark.parametrize("reader", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_flagship_leaves_out_the_excluded_and_adds_the_included(flagship: Path, reader) -> None:
    suffix = ".pdf" if reader is pdf_text else ".docx"
    text = reader(flagship / "out" / f"gcm-prep{suffix}")
    assert fold(GOLD_ITEM) not in text
    assert fold(OTHER) in text
    assert fold("Sweden supports the IOM approach") in text  # the rest is still there


def test_the_included_quote_is_a_sourced_item_in_speech_order(flagship: Path) -> None:
    spec = load_spec(flagship / SPEC)
    made = assembly(spec, load_speeches(spec))
    section = made.brief.sections[6]
    numbers = [item.number for item in section.items]
    assert numbers == list(range(1, len(numbers) + 1))  # no gap where the excluded item was
    added = next(item for item in section.items if item.included)
    assert added.text == f"{OTHER}."  # the speech's text, its full stop taken in
    assert added.source.speech == "2017-11-08-sweden-gcm-thematic-consultation-3"
    paragraphs = [item.source.paragraph for item in section.items]
    assert paragraphs == sorted(paragraphs)
    assert added.topic == "Panel 3: Return, readmission, integration and reintegration"
    citation = made.brief.citations[added.citation - 1]
    assert citation.paragraph == added.source.paragraph
    assert f"[{added.citation}]" in pdf_text(flagship / "out" / "gcm-prep.pdf")


def test_a_quote_found_nowhere_is_one_line_naming_file_line_and_quote(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    assert run(root, "build", SPEC).returncode == 0
    before = {p.name: p.read_bytes() for p in (root / "out").iterdir()}
    spec = curated(root, '    include: ["We are ready to share our experience"]\n')
    line = spec.read_text(encoding="utf-8").splitlines().index(
        '    include: ["We are ready to share our experience"]') + 1
    done = run(root, "build", SPEC)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {SPEC}:{line}: sections[6].include[0]: include 'We are ready to share our "
        "experience' is not in the speeches of section 7 'Sweden's positions at the third "
        "thematic consultation (November 2017)'"]
    assert {p.name: p.read_bytes() for p in (root / "out").iterdir()} == before
    check = run(root, "check", SPEC)
    assert check.returncode == 2 and "We are ready to share our experience" in check.stderr


def test_quotes_matching_more_than_one_place_fail(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    spec = curated(root, '    exclude: "Sweden aligns itself with the statement"\n')
    line = spec.read_text(encoding="utf-8").splitlines().index(
        '    exclude: "Sweden aligns itself with the statement"') + 1
    done = run(root, "build", SPEC, "--json")
    assert done.returncode == 2
    [message] = json.loads(done.stdout)["specs"][0]["errors"]
    assert message.startswith(f"{SPEC}:{line}: sections[6].exclude: exclude 'Sweden aligns itself "
                              "with the statement' matches 2 places in section 7")
    assert message.endswith("(item 1, item 8); quote more of the one you mean")


def test_curation_is_for_sections_that_quote_speeches(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    spec = root / SPEC
    text = spec.read_text(encoding="utf-8").replace(
        "    type: sources\n", "    type: sources\n    exclude: [Sweden]\n")
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(spec)
    assert str(info.value).endswith("sections[8].exclude: a sources section has no extracted "
                                    "items; 'exclude' is for sections that quote speeches")


def test_an_include_already_in_an_item_is_a_warning(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    spec = curated(root, '    include: ["Sweden supports the IOM approach"]\n')
    loaded = load_spec(spec)
    made = assembly(loaded, load_speeches(loaded))
    assert not any(item.included for item in made.brief.sections[6].items)
    assert any("include 'Sweden supports the IOM approach' is already in an item found" in w
               for w in made.brief.warnings)


@pytest.mark.parametrize(("quote", "text", "expected"), [
    ("WE ARE READY", "Well, we are ready: to act.", ["we are ready"]),
    ("we are ready:", "Well, we are ready: to act.", ["we are ready:"]),
    ("“No one behind.”", 'They said "no one  behind." Then', ['"no one  behind."']),
    ("co–operation", "co-operation matters", ["co-operation"]),
    ("eden supports", "Sweden supports it", []),  # words, not parts of words
    ("a b", "a b, a b", ["a b", "a b"]),
])
def test_quotes_are_matched_folded_at_word_boundaries(quote: str, text: str,
                                                      expected: list[str]) -> None:
    assert [text[a:b] for a, b in curate.spans(quote, text)] == expected


def test_the_fingerprint_ignores_order_and_spacing_not_text() -> None:
    from briefgen.model import Item, Source

    one = Item(1, "A.", "A. More  text.", Source("s", 1))
    two = Item(2, "B.", "B.", Source("s", 2))
    again = Item(1, "A.", "A. more text.", Source("s", 1))
    grown = Item(1, "A.", "A. More text. And one paragraph more.", Source("s", 1))
    assert curate.fingerprint([one, two]) == curate.fingerprint([two, again])
    assert curate.fingerprint([one, two]) != curate.fingerprint([grown, two])
    assert curate.fingerprint([one, two]) != curate.fingerprint([one])

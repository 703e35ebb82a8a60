"""The mentions, evolution and acronyms section types: gold on the seeds and on statements
written for these tests, matching rules, spec errors and rendering in every format."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from briefgen import curate
from briefgen.brief import assemble
from briefgen.build import load_speeches
from briefgen.corpus import load_speech
from briefgen.errors import SpecError, SpeechError
from briefgen.extract import acronyms, evolution, mentions
from briefgen.model import Block, Metadata, Run, Source, Speech
from briefgen.spec import load_spec
from tests.seedconvert import to_docx, to_pdf
from tests.test_gold import DATA, ROOT, seeds_folder

EVOLUTION = DATA / "evolution"
BRIEFGEN = [sys.executable, "-m", "briefgen"]


def seeds(tmp_path: Path) -> list[Speech]:
    folder = seeds_folder(tmp_path)
    return [load_speech(path) for path in sorted(folder.glob("*.txt"))]


def speech(text: str, speech_id: str = "s", speaker: str | None = None,
           date: str | None = None) -> Speech:
    blocks = [Block(part, paragraph=i) for i, part in enumerate(text.split("\n\n"), 1)]
    return Speech(speech_id, Path(f"{speech_id}.txt"), Metadata(speaker=speaker, date=date),
                  blocks)


def found(speeches: list[Speech], *terms: str, **options: object) -> list[str]:
    params = mentions.Params(type="mentions", title="M", terms=list(terms), **options)
    return [item.text for item in mentions.extract(speeches, params).items]


def matched(text: str, *terms: str) -> list[str]:
    params = mentions.Params(type="mentions", title="M", terms=list(terms))
    return [run.text for item in mentions.extract([speech(text)], params).items
            for run in item.runs if run.term]


# ---- mentions ------------------------------------------------------------------------------


def test_mentions_of_readmission_are_every_sentence_of_the_seeds_with_it(tmp_path: Path) -> None:
    gold = yaml.safe_load((DATA / "mentions-gold.yaml").read_text(encoding="utf-8"))
    params = mentions.Params(type="mentions", title="Readmission", terms=gold["terms"])
    section = mentions.extract(seeds(tmp_path), params)
    by_speech: dict[str, list[str]] = {}
    for item in section.items:
        by_speech.setdefault(f"{item.source.speech}.txt", []).append(item.text)
    assert by_speech == gold["sentences"]
    assert all(item.topic and item.source.paragraph for item in section.items)
    assert not section.warnings


def test_a_word_matches_its_inflections_and_not_its_derivations() -> None:
    text = ("Returns rose. He returned home. Returning is hard. The returnee spoke. "
            "Two countries agreed. Talks stopped. We manage it. Managing is hard.")
    assert matched(text, "return") == ["Returns", "returned", "Returning"]
    assert matched(text, "returnee") == ["returnee"]
    assert matched(text, "return*") == ["Returns", "returned", "Returning", "returnee"]
    assert matched(text, "country", "stop", "manage") == ["countries", "stopped", "manage",
                                                          "Managing"]


def test_a_phrase_matches_across_a_line_wrap_and_its_words_are_one_run() -> None:
    blocks = [Block("We open safe and regular\npathways; safe and\n  regular pathways too.")]
    one = Speech("s", Path("s.txt"), Metadata(), blocks)
    params = mentions.Params(type="mentions", title="M", terms=["safe and regular pathways"])
    item = mentions.extract([one], params).items[0]
    assert [r.text for r in item.runs if r.term] == ["safe and regular\npathways",
                                                       "safe and\n  regular pathways"]
    assert "".join(r.text for r in item.runs) == item.text == blocks[0].text


def test_case_is_ignored_but_acronyms_are_exact() -> None:
    text = "The WHO met. Who spoke? Those who came. The iom is not IOM. IOM's staff and SDGs."
    assert matched(text, "who") == ["Who", "who"]
    assert matched(text, "IOM", "SDG") == ["IOM", "IOM's", "SDGs"]
    assert matched("WHO SPOKE TO THE PRESS.", "who") == ["WHO"]  # a line in capitals


def test_actor_limits_mentions_to_the_parts_where_it_speaks() -> None:
    own = speech("Moderator's summary\n\nMany stressed return.\n\nStatement by Norway\n\n"
                 "We support voluntary return.", "own", speaker="Norway")
    own.blocks[0].kind = own.blocks[2].kind = "heading"
    other = speech("Return matters.", "other", speaker="International Organization for Migration")
    params = mentions.Params(type="mentions", title="M", terms=["return"], actor="Norway")
    section = mentions.extract([own, other], params)
    assert [i.text for i in section.items] == ["We support voluntary return."]
    assert any("Norway does not speak there: other" in note for note in section.notes)


def test_max_per_speech_keeps_the_first_and_says_how_many_more() -> None:
    text = "Return one. Return two. Return three."
    params = mentions.Params(type="mentions", title="M", terms=["return"], max_per_speech=2)
    section = mentions.extract([speech(text)], params)
    assert [i.text for i in section.items] == ["Return one.", "Return two."]
    assert "1 more sentences mention the terms (max_per_speech: 2)" in " ".join(section.notes)


def test_speeches_are_grouped_by_speech_in_date_order() -> None:
    late = speech("Return later.", "late", date="2021-01-01")
    early = speech("Return earlier.", "early", date="2019-01-01")
    params = mentions.Params(type="mentions", title="M", terms=["return"])
    section = mentions.extract([late, early], params)
    assert [topic for topic, _ in section.topics] == ["early (1 January 2019)",
                                                      "late (1 January 2021)"]


def test_a_term_found_nowhere_is_said_in_the_section() -> None:
    params = mentions.Params(type="mentions", title="M", terms=["return", "pathways"])
    section = mentions.extract([speech("Return matters.")], params)
    assert "“pathways” is not mentioned in the speeches." in section.notes
    assert section.warnings == ["the term 'pathways' is found in none of its speeches"]
    params = mentions.Params(type="mentions", title="M", terms=["pathways"])
    assert "None of the terms" in (mentions.extract([speech("x.")], params).empty_message or "")


def test_mentions_of_a_corpus_cost_little(tmp_path: Path) -> None:
    import time

    corpus = seeds(tmp_path) * 200  # 1,000 speeches
    params = mentions.Params(type="mentions", title="M", terms=["return", "readmission",
                                                                 "safe and regular pathways"])
    started = time.process_time()  # CPU time: other processes on the machine do not count
    section = mentions.extract(corpus, params)
    assert time.process_time() - started < 1.0
    assert len(section.items) == 200 * len(mentions.extract(corpus[:5], params).items)


# ---- acronyms ------------------------------------------------------------------------------


def test_acronyms_of_the_seeds_match_the_gold(tmp_path: Path) -> None:
    gold = yaml.safe_load((DATA / "acronyms-gold.yaml").read_text(encoding="utf-8"))
    section = acronyms.extract(seeds(tmp_path), acronyms.Params(type="acronyms", title="A"))
    defined = {i.headline: {"expansion": i.text, "first": f"{i.source.speech}.txt"}
               for i in section.items if i.mark is None}
    assert defined == gold["defined"]
    undefined = {i.headline for i in section.items if i.mark == acronyms.NOT_EXPANDED}
    assert set(gold["not_expanded"]) <= undefined
    assert not {i.headline for i in section.items} & set(gold["never_listed"])
    keys = [i.headline.casefold() for i in section.items]
    assert keys == sorted(keys)


def test_both_definition_forms_and_two_different_expansions() -> None:
    text = ("The Global Compact for Safe, Orderly and Regular Migration (GCM) matters. "
            "The GCM (Global Compact for Migration) again. Our aim (ILO, in particular) and "
            "phase (II) are no acronyms.")
    section = acronyms.extract([speech(text)], acronyms.Params(type="acronyms", title="A"))
    assert [(i.headline, i.text) for i in section.items] == [
        ("GCM", "Global Compact for Safe, Orderly and Regular Migration"),
        ("GCM", "Global Compact for Migration"),
    ]


def test_known_expands_an_undefined_acronym_and_one_use_is_not_listed() -> None:
    text = "The IMRF met. The IMRF agreed. The UNGA spoke."
    params = acronyms.Params(type="acronyms", title="A",
                             known={"IMRF": "International Migration Review Forum",
                                    "HLPF": "High-level Political Forum"})
    section = acronyms.extract([speech(text)], params)
    assert [(i.headline, i.text, i.mark) for i in section.items] == [
        ("IMRF", "International Migration Review Forum", acronyms.NOT_EXPANDED)]
    assert section.warnings == ["known: HLPF is not used in the section's speeches"]


# ---- evolution -----------------------------------------------------------------------------


def evolution_speeches(folder: Path, suffix: str) -> list[Speech]:
    """The statements of tests/data/evolution as `suffix` files (with their .yaml) in folder."""
    paths = []
    for text in sorted(EVOLUTION.glob("*.txt")):
        target = folder / f"{text.stem}{suffix}"
        if suffix == ".txt":
            shutil.copyfile(text, target)
        elif suffix == ".docx":
            to_docx(text.read_text(encoding="utf-8"), target)
        else:
            to_pdf(text.read_text(encoding="utf-8"), target)
        shutil.copyfile(text.with_suffix(".yaml"), folder / f"{text.stem}.yaml")
        paths.append(target)
    return [load_speech(path) for path in reversed(paths)]  # not in date order


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_evolution_marks_new_restated_and_no_longer_stated_as_the_gold(tmp_path: Path,
                                                                      suffix: str) -> None:
    if suffix == ".docx" and not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    gold = yaml.safe_load((DATA / "evolution-gold.yaml").read_text(encoding="utf-8"))
    params = evolution.Params(type="evolution", title="E", actor=gold["actor"])
    section = evolution.extract(evolution_speeches(tmp_path, suffix), params)
    got: dict[str, list[dict[str, str]]] = {}
    gone = []
    for item in section.items:
        if item.mark == evolution.NO_LONGER:
            gone.append({"headline": item.headline, "statement": item.source.speech})
            continue
        entry = {"headline": item.headline, "mark": item.mark}
        if item.earlier:
            entry["earlier"] = item.earlier.speech
        got.setdefault(item.source.speech, []).append(entry)
    expected = {k: [_marks(p) for p in positions] for k, positions in gold["positions"].items()}
    assert got == expected
    assert gone == [_marks(p) for p in gold["no_longer_stated"]]
    assert [topic for topic, _ in section.topics][-1] == "No longer stated"


def _marks(entry: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in entry.items() if key != "position"}


def test_evolution_threshold_decides_what_is_restated(tmp_path: Path) -> None:
    statements = evolution_speeches(tmp_path, ".txt")

    def restated(threshold: float) -> int:
        params = evolution.Params(type="evolution", title="E", actor="Norway",
                                  threshold=threshold)
        return [i.mark for i in evolution.extract(statements, params).items].count("restated")

    assert restated(0.0) == 10  # every position of the later two statements
    assert restated(evolution.THRESHOLD) == 6
    assert 0 < restated(1.0) < 6  # only those in the very same content words


def test_evolution_without_dates_is_an_error_naming_the_speeches() -> None:
    undated = [speech("Norway supports return.", "a", "Norway"),
               speech("Norway supports return.", "b", "Norway", "2020-01-01"),
               speech("Norway supports return.", "c", "Norway")]
    params = evolution.Params(type="evolution", title="E", actor="Norway")
    with pytest.raises(SpeechError) as error:
        evolution.extract(undated, params)
    assert str(error.value).startswith("a.txt: section 'E' (evolution) orders statements by "
                                       "date, and these have none: a, c")


# ---- spec, check and rendering -------------------------------------------------------------

SPEC = """\
brief: {title: Sections, classification: UNCLASSIFIED, date: 2026-12-01}
formats: [html, pdf, md, docx, json]
template: TEMPLATE
speeches:
  all: "speeches/*.txt"
sections:
  - {title: On readmission, type: mentions, terms: [readmission, "<b>"]}
  - {title: Norway over time, type: evolution, actor: Norway}
  - {title: Acronyms, type: acronyms, known: {IOM: International Organization for Migration}}
"""


def project(tmp_path: Path, spec: str, template: str = "briefing-note") -> Path:
    (tmp_path / "config").mkdir()
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    speeches = tmp_path / "speeches"
    speeches.mkdir()
    for path in EVOLUTION.iterdir():
        shutil.copyfile(path, speeches / path.name)
    (speeches / "2020-01-01-norway-note.txt").write_text(
        "Statement by Norway\n\nNorway supports readmission <script>x</script> agreements.\n",
        encoding="utf-8")
    (speeches / "2020-01-01-norway-note.yaml").write_text(
        "speaker: Norway\ndate: 2020-01-01\ntitle: A note\n", encoding="utf-8")
    path = tmp_path / "config" / "s.yaml"
    path.write_text(spec.replace("TEMPLATE", template), encoding="utf-8")
    return path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BRIEFGEN, *args], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=300)


@pytest.mark.parametrize("template", ["briefing-note", "talking-points"])
def test_every_format_renders_the_three_sections(tmp_path: Path, template: str) -> None:
    spec = project(tmp_path, SPEC, template)
    proc = run("build", str(spec), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "the term '<b>' is found in none of its speeches" in proc.stdout + proc.stderr
    out = tmp_path / "out"
    html = (out / "s.html").read_text(encoding="utf-8")
    assert '<strong class="term">readmission</strong> &lt;script&gt;x&lt;/script&gt;' in html
    assert "<script>x" not in html
    assert "restated" in html and "IOM" in html
    md = (out / "s.md").read_text(encoding="utf-8")
    assert "**readmission** \\<script\\>x\\</script\\>" in md
    assert "not expanded in the sources" in md
    document = docx.Document(io.BytesIO((out / "s.docx").read_bytes()))
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "readmission" in bold
    upright = [r.text for p in document.paragraphs for r in p.runs if r.italic is False]
    assert "readmission" in upright  # in an italic quotation, as the PDF sets it
    text = "\n".join(p.text for p in document.paragraphs)
    assert "<script>x</script>" in text and "restated" in text
    from pypdf import PdfReader

    pdf = " ".join(page.extract_text() for page in PdfReader(out / "s.pdf").pages)
    assert "readmission" in pdf and "restated" in " ".join(pdf.split())
    brief = json.loads((out / "s.json").read_text(encoding="utf-8"))
    runs = brief["sections"][0]["items"][0]["runs"]
    assert {"text": "readmission", "term": "readmission"} in runs
    evolution_items = brief["sections"][1]["items"]
    restated = [i for i in evolution_items if i["mark"] == "restated"]
    assert restated and all(i["earlier_citation"] for i in restated)


def test_pdf_sets_the_matched_words_in_bold(tmp_path: Path) -> None:
    spec = project(tmp_path, SPEC.replace("[html, pdf, md, docx, json]", "[pdf]"))
    assert run("build", str(spec), cwd=tmp_path).returncode == 0
    from pypdf import PdfReader

    fonts: dict[str, set[str]] = {}
    page = PdfReader(tmp_path / "out" / "s.pdf").pages[1]

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        if font and text.strip():
            fonts.setdefault(text.strip(), set()).add(str(font.get("/BaseFont")))

    page.extract_text(visitor_text=visit)
    assert any("Bold" in f for f in fonts.get("readmission", set())), fonts


@pytest.mark.parametrize(("key", "meant"), [("term", "terms"), ("max_per_spech", "max_per_speech"),
                                             ("treshold", "threshold"), ("knwon", "known")])
def test_check_suggests_the_keys_of_the_new_types(tmp_path: Path, key: str, meant: str) -> None:
    kind = {"terms": "mentions", "max_per_speech": "mentions", "threshold": "evolution",
            "known": "acronyms"}[meant]
    value = {"term": "[x]", "max_per_spech": "2", "treshold": "0.5", "knwon": "{A: b}"}[key]
    extra = {"mentions": ", terms: [x]" if meant != "terms" else "", "evolution": ", actor: N",
             "acronyms": ""}[kind]
    spec = SPEC.replace(SPEC[SPEC.index("  - {title: On"):],
                        f"  - {{title: T, type: {kind}{extra}, {key}: {value}}}\n")
    path = project(tmp_path, spec)
    proc = run("check", str(path), cwd=tmp_path)
    assert proc.returncode == 2
    assert re.search(rf"s\.yaml:7: sections\[0\]\.{key}: unknown key '{key}' "
                     rf"\(did you mean '{meant}'\?\)", proc.stderr), proc.stderr


def test_schema_documents_the_new_types() -> None:
    from briefgen.spec import spec_schema

    defs = {d["title"]: d for d in spec_schema()["$defs"].values() if "title" in d}
    for kind, keys in (("mentions", {"terms", "actor", "max_per_speech"}),
                       ("evolution", {"actor", "threshold"}), ("acronyms", {"known"})):
        props = defs[f"{kind} section"]["properties"]
        assert keys <= set(props)
        assert all(props[key].get("description") for key in keys)
    assert defs["evolution section"]["properties"]["threshold"]["default"] == evolution.THRESHOLD


def test_build_of_undated_statements_fails_in_one_line(tmp_path: Path) -> None:
    spec = project(tmp_path, SPEC.replace("[html, pdf, md, docx, json]", "[md]"))
    (tmp_path / "speeches" / "2020-01-01-norway-note.yaml").write_text("speaker: Norway\n")
    proc = run("build", str(spec), cwd=tmp_path)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if "orders statements by date" in line]
    assert len(errors) == 1
    assert "2020-01-01-norway-note.txt: section 'Norway over time' (evolution)" in errors[0]
    assert "none: 2020-01-01-norway-note (add 'date:'" in errors[0]


# ---- curation: exclude, include and reviewed on the new types ------------------------------

CURATED = """\
brief: {title: Curated, classification: UNCLASSIFIED}
formats: [md]
speeches:
  all: "speeches/*.txt"
sections:
  - title: Readmission and return
    type: mentions
    terms: [readmit, return]
    max_per_speech: 1
    from: [2023-11-20-norway-review-forum, 2019-05-14-norway-regional-review,
           2021-06-02-norway-migration-dialogue]
    exclude: [We again call on every State]
    include: [Norway welcomes the work of the IOM on safe and dignified voluntary return]
"""


def brief_of(spec: Path) -> object:
    loaded = load_spec(spec)
    return assemble(loaded, load_speeches(loaded))


def test_curation_on_a_mentions_section(tmp_path: Path) -> None:
    spec = project(tmp_path, CURATED)
    section = brief_of(spec).sections[0]  # type: ignore[attr-defined]
    rows = [(item.number, item.topic, item.text[:20], item.included) for item in section.items]
    assert rows == [
        (1, "Norway, regional review 2019 (14 May 2019)", "We call on all State", False),
        (2, "Norway, regional review 2019 (14 May 2019)", "Norway welcomes the ", True),
        (3, "Norway, review 2023 (20 November 2023)", "Norway calls on all ", False),
    ]  # the spec lists 2023 first: the include still takes its place in date order
    assert Run("return", "return") in section.items[1].runs  # emphasised like those found
    assert run("build", str(spec), cwd=tmp_path).returncode == 0
    md = (tmp_path / "out" / "s.md").read_text(encoding="utf-8")
    assert "dignified voluntary **return**”* [2]" in md
    assert "We again call" not in md


def test_a_reviewed_mentions_section_notices_a_changed_include(tmp_path: Path) -> None:
    spec = project(tmp_path, CURATED)
    fingerprint = brief_of(spec).sections[0].fingerprint  # type: ignore[attr-defined]
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text + f"    reviewed: {{by: A. Officer, on: 2026-11-30, "
                    f"fingerprint: {fingerprint}}}\n", encoding="utf-8")
    assert not brief_of(spec).sections[0].review.changed  # type: ignore[attr-defined]
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "    include: [Norway welcomes the work of the IOM on safe and dignified voluntary "
        "return]\n", ""), encoding="utf-8")
    assert brief_of(spec).sections[0].review.changed  # type: ignore[attr-defined]


def test_a_mentions_exclude_matching_nothing_is_a_spec_error(tmp_path: Path) -> None:
    spec = project(tmp_path, CURATED.replace("We again call on every State", "Sweden says"))
    proc = run("build", str(spec), cwd=tmp_path)
    assert proc.returncode == 2
    assert re.search(r"s\.yaml:\d+: .*exclude 'Sweden says' matches no item of section 1 "
                     r"'Readmission and return'", proc.stderr), proc.stderr


def test_an_included_position_is_marked_and_what_it_restates_stays_stated() -> None:
    statements = [load_speech(path) for path in sorted(EVOLUTION.glob("*.txt"))]
    params = evolution.Params(type="evolution", title="E", actor="Norway",
                              exclude=["regional fund for migration data"])
    section = evolution.extract(statements, params)
    # a paragraph the extraction did not see, as if positions had missed it
    last = statements[2].blocks
    last.insert(-1, Block("We are still deeply concerned that migrants die at sea in the "
                          "Mediterranean.", paragraph=last[-1].paragraph + 1))

    def problem(key: str, entry: int, message: str) -> SpecError:
        return SpecError(message, key)

    curate.apply(section, params.exclude, ["still deeply concerned that migrants die at sea"],
                 statements, problem, "section 1 'E'")
    evolution.curated(section, statements, params)
    items = section.items
    added = next(item for item in items if item.included)
    assert (added.topic, added.mark) == ("Norway, review 2023 (20 November 2023)", "restated")
    assert added.earlier == Source("2021-06-02-norway-migration-dialogue", 4)
    assert items[items.index(added) + 1].topic == "No longer stated"  # the last of 2023
    gone = [item.text for item in items if item.mark == "no longer stated"]
    assert len(gone) == 2 and not any("die at sea" in t or "regional fund" in t for t in gone)
    assert [item.number for item in items] == list(range(1, len(items) + 1))


def test_an_acronym_is_left_out_by_its_name(tmp_path: Path) -> None:
    spec = project(tmp_path, SPEC.replace("known: {IOM: International Organization for "
                                          "Migration}}", "exclude: [IOM]}"))
    assert run("build", str(spec), cwd=tmp_path).returncode == 0
    md = (tmp_path / "out" / "s.md").read_text(encoding="utf-8")
    assert "| **IOM** |" not in md and "IOM" in md  # the speeches still name it

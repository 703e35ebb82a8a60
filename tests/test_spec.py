"""The spec loader: good specs load, and every bad one is one `file:line: key: message` line."""

from __future__ import annotations

import copy
import dataclasses
import os
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import SpecError
from briefgen.extract import SECTION_TYPES
from briefgen.model import BriefInfo
from briefgen.spec import BriefSpec, load_spec, spec_schema
from briefgen.yamlmarks import MAX_BYTES

GOOD = """\
# yaml-language-server: $schema=../briefgen.schema.json
brief:
  title: "Global Compact for Migration: preparatory brief"
  classification: UNCLASSIFIED
  delegation: Sweden
  date: 2026-12-01
  keywords: [migration, GCM]
template: briefing-note
formats: [docx, pdf]
output: gcm-prep
pdf_variant: pdf/a-3b
speeches:
  idm-2018-closing: speeches/2018-03-27-iom-idm-closing-remarks.txt
  tc: speeches/tc-*.txt
sections:
  - {title: Purpose, type: text, text: "Prepare the delegation."}
  - {title: "Key takeaways", type: takeaways, from: idm-2018-closing}
  - title: "Sweden's positions"
    type: positions
    actor: Sweden
    from: ["tc-*"]
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project folder with a config/ folder and three speeches."""
    speeches = tmp_path / "speeches"
    speeches.mkdir()
    for name in ("2018-03-27-iom-idm-closing-remarks.txt", "tc-2.txt", "tc-1.txt", "tc-1.yaml"):
        (speeches / name).write_text("Thank you, Chair.\n", encoding="utf-8")
    (tmp_path / "config").mkdir()
    return tmp_path


def write(project: Path, text: str, name: str = "gcm.yaml") -> Path:
    path = project / "config" / name
    path.write_text(text, encoding="utf-8")
    return path


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def error(path: Path) -> str:
    """Load a spec that must fail; the message, with the file named relative to config/."""
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert info.value.exit_code == 2
    message = str(info.value)
    assert len(message.splitlines()) == 1
    assert message.startswith(str(path))
    return "config/" + message.removeprefix(str(path.parent) + os.sep)


# --- good specs -----------------------------------------------------------------------------


def test_good_spec_loads(project: Path) -> None:
    spec = load_spec(write(project, GOOD))
    assert spec.root == project
    assert spec.path == project / "config" / "gcm.yaml"
    assert spec.brief.date == "2026-12-01"
    assert spec.formats == ["docx", "pdf"]
    assert [s.type for s in spec.sections] == ["text", "takeaways", "positions"]
    assert spec.sections[1].from_ == ["idm-2018-closing"]
    assert spec.sections[2].actor == "Sweden"
    assert spec.speech_paths() == {
        "idm-2018-closing": project / "speeches/2018-03-27-iom-idm-closing-remarks.txt",
        "tc-1": project / "speeches/tc-1.txt",
        "tc-2": project / "speeches/tc-2.txt",
    }
    assert spec.section_speeches(spec.sections[2], spec.speech_paths()) == ["tc-1", "tc-2"]
    assert spec.section_speeches(spec.sections[0], ["a", "b"]) == ["a", "b"]
    assert spec.output_path("pdf") == project / "out" / "gcm-prep.pdf"
    info = spec.info
    assert isinstance(info, BriefInfo)
    assert (info.title, info.pdf_variant, info.keywords) == (
        "Global Compact for Migration: preparatory brief",
        "pdf/a-3b",
        ["migration", "GCM"],
    )


def test_defaults_and_root_outside_config(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.\n", encoding="utf-8")
    path = tmp_path / "my-brief.yaml"
    path.write_text(
        textwrap.dedent("""\
        brief: {title: T, classification: RESTRICTED, date: "2026-01-02"}
        speeches: {a: a.txt}
        sections: [{title: S, type: summary}]
        """),
        encoding="utf-8",
    )
    spec = load_spec(path)
    assert spec.root == tmp_path
    assert (spec.template, spec.formats, spec.output, spec.output_dir) == (
        "briefing-note",
        ["docx", "pdf"],
        "my-brief",
        "out",
    )
    assert (spec.pdf_variant, spec.mark_new, spec.brief.language, spec.brief.draft) == (
        "pdf/ua-1",
        False,
        "en",
        False,
    )
    assert spec.brief.date == "2026-01-02"
    assert spec.output_path("docx") == tmp_path / "out" / "my-brief.docx"


def test_brief_block_matches_brief_info() -> None:
    info_fields = {f.name for f in dataclasses.fields(BriefInfo)} - {"pdf_variant"}
    assert set(BriefSpec.model_fields) == info_fields


def test_template_must_be_in_the_templates_folder(project: Path) -> None:
    for name in ("briefing-note", "memo"):
        (project / "templates" / name).mkdir(parents=True)
        (project / "templates" / name / "template.yaml").write_text("formats: [pdf]\n")
    assert load_spec(write(project, GOOD)).template == "briefing-note"
    path = write(project, edit("template: briefing-note", "template: brifing-note"))
    assert error(path) == (
        "config/gcm.yaml:8: template: unknown template 'brifing-note' "
        "(did you mean 'briefing-note'?)"
    )
    path = write(project, edit("template: briefing-note", "template: letter"))
    assert error(path) == (
        "config/gcm.yaml:8: template: unknown template 'letter' "
        "(templates: briefing-note, memo, talking-points)"
    )


# --- bad specs: one line each ---------------------------------------------------------------

BAD = [
    pytest.param(
        "classification: UNCLASSIFIED",
        "classification: [UNCLASSIFIED",
        "config/gcm.yaml:4:19: YAML syntax error: the '[' opened here is never closed; add ']' "
        "where the list ends",
        id="yaml-syntax",
    ),
    pytest.param(
        "  delegation: Sweden",
        "  delegaton: Sweden",
        "config/gcm.yaml:5: brief.delegaton: unknown key 'delegaton' (did you mean 'delegation'?)",
        id="unknown-brief-key",
    ),
    pytest.param(
        "output: gcm-prep",
        "ouptut: gcm-prep",
        "config/gcm.yaml:10: ouptut: unknown key 'ouptut' (did you mean 'output'?)",
        id="unknown-top-key",
    ),
    pytest.param(
        "    actor: Sweden",
        "    actor: Sweden\n    actors: [EU]",
        "config/gcm.yaml:21: sections[2].actors: unknown key 'actors' (did you mean 'actor'?)",
        id="unknown-section-key",
    ),
    pytest.param(
        "type: takeaways",
        "type: takeaway",
        "config/gcm.yaml:17: sections[1].type: unknown section type 'takeaway' "
        "(did you mean 'takeaways'?)",
        id="unknown-section-type",
    ),
    pytest.param(
        "{title: Purpose, type: text,",
        "{title: Purpose,",
        "config/gcm.yaml:16: sections[0]: missing required key 'type' "
        "(one of: " + ", ".join(SECTION_TYPES) + ")",
        id="missing-section-type",
    ),
    pytest.param(
        '  - {title: Purpose, type: text, text: "Prepare the delegation."}',
        "  - text",
        "config/gcm.yaml:16: sections[0]: expected a mapping of keys, not 'text'",
        id="section-not-a-mapping",
    ),
    pytest.param(
        "  keywords: [migration, GCM]",
        "  keywords: [migration, GCM]\n  language: English",
        "config/gcm.yaml:8: brief.language: expected a language tag such as 'en' or 'sv-SE', "
        "not 'English'",
        id="bad-language",
    ),
    pytest.param(
        "  keywords: [migration, GCM]",
        "  keywords: [migration, GCM]\n  draft: maybe",
        "config/gcm.yaml:8: brief.draft: expected true, false or auto, not 'maybe'",
        id="bad-bool",
    ),
    pytest.param(
        "formats: [docx, pdf]",
        "formats: []",
        "config/gcm.yaml:9: formats: must not be empty",
        id="no-formats",
    ),
    pytest.param(
        "formats: [docx, pdf]",
        "formats: [docx, pfd]",
        "config/gcm.yaml:9: formats[1]: unknown format 'pfd' (did you mean 'pdf'?)",
        id="unknown-format",
    ),
    pytest.param(
        "formats: [docx, pdf]",
        "formats: [docx, docx]",
        "config/gcm.yaml:9: formats: format 'docx' is listed twice",
        id="format-twice",
    ),
    pytest.param(
        "pdf_variant: pdf/a-3b",
        "pdf_variant: pdf/a-3",
        "config/gcm.yaml:11: pdf_variant: unknown PDF variant 'pdf/a-3' (did you mean 'pdf/a-3b'?)",
        id="unknown-pdf-variant",
    ),
    pytest.param(
        '  title: "Global Compact for Migration: preparatory brief"\n',
        "",
        "config/gcm.yaml:2: brief: missing required key 'title'",
        id="missing-brief-key",
    ),
    pytest.param(
        "    actor: Sweden\n",
        "",
        "config/gcm.yaml:18: sections[2]: missing required key 'actor'",
        id="missing-section-key",
    ),
    pytest.param(
        "  delegation: Sweden",
        "  delegation: [Sweden, Norway]",
        "config/gcm.yaml:5: brief.delegation: expected a string, not a list",
        id="wrong-type",
    ),
    pytest.param(
        'text: "Prepare the delegation."',
        "text: 3",
        "config/gcm.yaml:16: sections[0].text: expected a string, not 3",
        id="wrong-type-in-section-named-like-its-type",
    ),
    pytest.param(
        "date: 2026-12-01",
        "date: 1 December 2026",
        "config/gcm.yaml:6: brief.date: expected a date (YYYY-MM-DD), not '1 December 2026'",
        id="bad-date",
    ),
    pytest.param(
        "date: 2026-12-01",
        "date: 2026-13-01",
        "config/gcm.yaml:6: brief.date: '2026-13-01' is not a real date; write it as "
        "YYYY-MM-DD (or quote it if it is text)",
        id="impossible-date",
    ),
    pytest.param(
        "  delegation: Sweden",
        "  delegation: Sweden\n  delegation: Norway",
        "config/gcm.yaml:6: brief.delegation: duplicate key 'delegation' (first at line 5)",
        id="duplicate-nested-key",
    ),
    pytest.param(
        "output: gcm-prep",
        "output: gcm-prep\noutput: other",
        "config/gcm.yaml:11: output: duplicate key 'output' (first at line 10)",
        id="duplicate-top-key",
    ),
    pytest.param(
        "title: Purpose, type: text",
        "title: Purpose, title: Aim, type: text",
        "config/gcm.yaml:16: sections[0].title: duplicate key 'title' (first at line 16)",
        id="duplicate-flow-key",
    ),
    pytest.param(
        "  tc: speeches/tc-*.txt",
        "  tc: speeches/tc-*.txt\n  tc: speeches/tc-1.txt",
        "config/gcm.yaml:15: speeches.tc: duplicate key 'tc' (first at line 14)",
        id="duplicate-speech-id",
    ),
    pytest.param(
        "from: idm-2018-closing",
        "from: idm-2018-clossing",
        "config/gcm.yaml:17: sections[1].from: no speech id matches 'idm-2018-clossing' "
        "(did you mean 'idm-2018-closing'?)",
        id="unknown-speech-id",
    ),
    pytest.param(
        'from: ["tc-*"]',
        'from: ["tc-*", "iom-*"]',
        "config/gcm.yaml:21: sections[2].from[1]: no speech id matches 'iom-*' "
        "(ids: idm-2018-closing, tc-1, tc-2)",
        id="unmatched-id-glob",
    ),
    pytest.param(
        "speeches/tc-*.txt",
        "speeches/tc-*.docx",
        "config/gcm.yaml:14: speeches.tc: no speech files match 'speeches/tc-*.docx'",
        id="glob-matches-nothing",
    ),
    pytest.param(
        "closing-remarks.txt",
        "closing.txt",
        "config/gcm.yaml:13: speeches.idm-2018-closing: no such file "
        "'speeches/2018-03-27-iom-idm-closing.txt'",
        id="missing-speech-file",
    ),
    pytest.param(
        "output: gcm-prep",
        "output: ../x",
        "config/gcm.yaml:10: output: must be a plain name inside its folder, not '../x'",
        id="output-parent",
    ),
    pytest.param(
        "output: gcm-prep",
        "output: /tmp/x",
        "config/gcm.yaml:10: output: must be a plain name inside its folder, not '/tmp/x'",
        id="output-absolute",
    ),
    pytest.param(
        "output: gcm-prep",
        "output: gcm-prep\noutput_dir: out/../../x",
        "config/gcm.yaml:11: output_dir: must be a folder inside the project, not 'out/../../x'",
        id="output-dir-parent",
    ),
    pytest.param(
        "speeches:\n",
        "speeches:\n  1: speeches/tc-1.txt\n",
        "config/gcm.yaml:13: speeches: key '1' is not a string; quote it",
        id="non-string-key",
    ),
    pytest.param(
        "output: gcm-prep",
        'output: gcm-prep\n"out\\u2028put": x',
        "config/gcm.yaml:11: out\\u2028put: unknown key 'out\\u2028put' (did you mean 'output'?)",
        id="key-with-line-separator",
    ),
    pytest.param(
        "  delegation: Sweden",
        "  delegation: !!python/object:os.system Sweden",
        "config/gcm.yaml:5: brief.delegation: unsupported YAML tag '!!python/object:os.system' "
        "(a spec holds only plain strings, numbers, booleans, dates, lists and mappings)",
        id="python-tag",
    ),
    pytest.param(
        "brief:\n",
        "base: &base {classification: X}\nbrief:\n  <<: *base\n",
        "config/gcm.yaml:4: brief: YAML merge keys ('<<') are not supported; write the keys out",
        id="merge-key",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), BAD)
def test_bad_spec(project: Path, old: str, new: str, expected: str) -> None:
    assert error(write(project, edit(old, new))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "config/gcm.yaml:1: the spec is empty"),
        ("# only a comment\n", "config/gcm.yaml:1: the spec is empty"),
        (
            "- a\n- b\n",
            "config/gcm.yaml:1: the spec must be a mapping of keys (brief:, "
            "speeches:, sections: ...), not a list",
        ),
        (
            "just words\n",
            "config/gcm.yaml:1: the spec must be a mapping of keys (brief:, "
            "speeches:, sections: ...), not 'just words'",
        ),
        (
            "brief: {title: T, classification: C}\n",
            "config/gcm.yaml:1: missing required key 'sections'",
        ),
        (
            "a: 1\n---\nb: 2\n",
            "config/gcm.yaml:2:1: YAML syntax error: a second YAML document ('---') is not "
            "allowed; a file holds one",
        ),
        (
            "a: \x01\n",
            "config/gcm.yaml:1:4: the character U+0001 cannot be in a YAML file; remove it",
        ),
        (
            "a: " + "[" * 100 + "]" * 100 + "\n",
            "config/gcm.yaml:1:43: nested more than 40 levels deep",
        ),
    ],
    ids=[
        "empty",
        "comment",
        "list",
        "scalar",
        "missing-top-key",
        "two-documents",
        "control",
        "deep",
    ],
)
def test_bad_file(project: Path, text: str, expected: str) -> None:
    assert error(write(project, text)) == expected


def test_not_utf8(project: Path) -> None:
    path = project / "config" / "gcm.yaml"
    path.write_bytes(GOOD.replace("Sweden", "Sverige \u00e5").encode("latin-1"))
    assert error(path) == (
        "config/gcm.yaml:5: not UTF-8 (invalid byte 0xe5 at byte offset "
        f"{GOOD.index('Sweden') + 8}); save the spec as UTF-8"
    )


def test_too_large_is_refused_before_parsing(project: Path) -> None:
    path = write(project, "a: [" + "1, " * (MAX_BYTES // 3) + "]\n")
    assert error(path) == "config/gcm.yaml: the spec is larger than the 1 MB limit (1000000 bytes)"


def test_alias_bomb_is_refused(project: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    message = error(write(project, "\n".join(lines) + "\n"))
    assert message.startswith("config/gcm.yaml:")
    assert "more than 20000 values once YAML aliases are expanded; refusing" in message


def test_recursive_alias_is_refused(project: Path) -> None:
    assert error(write(project, "a: &a [*a]\n")) == (
        "config/gcm.yaml:1: a" + "[0]" * 40 + ": nested more than 40 levels deep "
        "(a recursive YAML alias?)"
    )


def test_output_dir_symlink_outside_the_project(project: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    (project / "out").symlink_to(outside, target_is_directory=True)
    path = write(project, GOOD)
    assert error(path) == (
        f"config/gcm.yaml:1: output_dir: out leads outside the project root {project} (a symlink?)"
    )


def test_every_kind_of_speech_a_reader_reads_can_be_named(project: Path) -> None:
    for name in ("page.html", "page2.htm", "notes.markdown", "plain.text", "memo.rtf"):
        (project / "speeches" / name).write_text("Hello.\n", encoding="utf-8")
    path = write(project, edit("  tc: speeches/tc-*.txt",
                               "  tc: speeches/tc-*.txt\n"
                               "  page: speeches/page.html\n  web: speeches/*.htm\n"
                               "  notes: speeches/notes.markdown\n  plain: speeches/plain.text"))
    paths = load_spec(path).speech_paths()
    assert [paths[key].name for key in ("page", "page2", "notes", "plain")] == [
        "page.html", "page2.htm", "notes.markdown", "plain.text"]
    path = write(project, edit("  tc: speeches/tc-*.txt",
                               "  tc: speeches/tc-*.txt\n  memo: speeches/memo.rtf"))
    assert error(path).endswith("speeches.memo: 'speeches/memo.rtf' is not a speech file "
                                "(.txt, .text, .md, .markdown, .docx, .pdf, .html, .htm)")


def test_files_a_glob_matches_but_no_reader_reads_are_warned_about(project: Path) -> None:
    for name in ("memo.rtf", "old.doc", ".notes.swp", "tc-1.yaml", "README"):
        (project / "speeches" / name).write_text("x\n", encoding="utf-8")
    spec = load_spec(write(project, edit("  tc: speeches/tc-*.txt", "  tc: speeches/*")))
    assert spec.unread_files() == [
        f"speeches.tc: {name} matches 'speeches/*' but is not a kind of file briefgen reads "
        "(.txt, .text, .md, .markdown, .docx, .pdf, .html, .htm); left out"
        for name in ("README", "memo.rtf", "old.doc")]
    assert load_spec(write(project, GOOD)).unread_files() == []


def test_glob_ids_must_not_collide(project: Path) -> None:
    (project / "speeches" / "idm-2018-closing.md").write_text("Hi.\n", encoding="utf-8")
    path = write(project, edit("  tc: speeches/tc-*.txt", "  more: speeches/*.md"))
    assert error(path) == (
        "config/gcm.yaml:14: speeches.more: speech id 'idm-2018-closing' "
        "(idm-2018-closing.md) is already used by another entry"
    )


def test_spec_error_helper_points_at_a_key(project: Path) -> None:
    spec = load_spec(write(project, GOOD))
    exc = spec.error(("sections", 2, "actor"), "no statements by Sweden found")
    assert str(exc).endswith("gcm.yaml:20: sections[2].actor: no statements by Sweden found")


# --- schema ---------------------------------------------------------------------------------


def test_schema_documents_every_field() -> None:
    schema = spec_schema()
    assert schema["title"] == "briefgen spec"
    models = [schema, *schema["$defs"].values()]
    for model in models:
        assert model.get("description"), model["title"]
        for name, prop in model.get("properties", {}).items():
            assert prop.get("description"), f"{model['title']}.{name}"
    sections = schema["properties"]["sections"]["items"]
    assert set(sections["discriminator"]["mapping"]) == set(SECTION_TYPES)
    takeaways = next(d for d in schema["$defs"].values() if d["title"] == "takeaways section")
    assert {"type": "string"} in takeaways["properties"]["from"]["anyOf"]
    assert takeaways["additionalProperties"] is False


# --- property: nothing but SpecError --------------------------------------------------------

_KEYS = [
    "brief",
    "title",
    "classification",
    "date",
    "formats",
    "output",
    "output_dir",
    "speeches",
    "sections",
    "type",
    "from",
    "text",
    "actor",
    "template",
    "sentences",
    "takeaways",
    "pdf",
    "docx",
    "keywords",
    "a.txt",
    "*.txt",
    "..",
    "/",
]
_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.dates() | st.sampled_from(_KEYS) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=25,
)


def _load_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("a.txt", "b1.txt", "b2.md"):
            (Path(folder) / name).write_text("Hello.\n", encoding="utf-8")
        path = Path(folder) / "spec.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_spec(path)
        except SpecError as exc:
            assert len(str(exc).splitlines()) == 1


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_any_text_fails_only_with_spec_error(text: str) -> None:
    _load_text(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(_KEYS), _values, max_size=6))
def test_any_yaml_mapping_fails_only_with_spec_error(data: dict[str, object]) -> None:
    _load_text(yaml.safe_dump(data, allow_unicode=True))


_SMALL = {
    "brief": {"title": "T", "classification": "C", "date": "2026-01-02", "keywords": ["k"]},
    "formats": ["pdf"],
    "speeches": {"a": "a.txt", "more": "b*.txt"},
    "sections": [
        {"title": "S", "type": "summary", "from": ["a"], "sentences": 3},
        {"title": "P", "type": "positions", "actor": "EU"},
    ],
}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_any_change_to_a_good_spec_fails_only_with_spec_error(data: st.DataObject) -> None:
    spec = copy.deepcopy(_SMALL)
    node: Any = spec
    while True:  # walk down to a random place, then replace or add a value there
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys) | st.sampled_from(_KEYS))
        child = node[key] if key in keys else None
        if isinstance(child, dict | list) and data.draw(st.booleans()):
            node = child
            continue
        if isinstance(node, dict) or key in keys:
            node[key] = data.draw(_values)
        break
    _load_text(yaml.safe_dump(spec, allow_unicode=True))


def test_every_problem_is_reported_one_line_each(project: Path) -> None:
    path = write(project, "brief:\n  title: x\n  classification: U\nsectons: []\nformats: [pfd]\n")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    lines = caught.value.lines()
    # the misspelt `sectons` is one problem: its line stands for the missing `sections`
    assert len(lines) == 2
    assert lines[0].endswith("gcm.yaml:4: sectons: unknown key 'sectons' (did you mean "
                             "'sections'?)")
    assert "gcm.yaml:5:" in lines[1] and "pdf" in lines[1]


def test_a_missing_key_with_no_lookalike_is_still_reported(project: Path) -> None:
    path = write(project, "brief:\n  title: x\n  classification: U\nzzz: []\n")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    lines = caught.value.lines()
    assert len(lines) == 2
    assert lines[0].endswith("gcm.yaml:1: missing required key 'sections'")
    assert lines[1].endswith("gcm.yaml:4: zzz: unknown key 'zzz'")


@pytest.mark.parametrize(("sentences", "words"), [
    ("0", "must be at least 1, not 0"), ("99", "must be at most 30, not 99")])
def test_a_number_out_of_bounds_in_our_words(project: Path, sentences: str, words: str) -> None:
    path = write(project, "brief: {title: T, classification: C}\n"
                          "speeches: {tc: speeches/tc-1.txt}\n"
                          f"sections:\n  - {{title: S, type: summary, sentences: {sentences}}}\n")
    assert error(path) == f"config/gcm.yaml:4: sections[0].sentences: {words}"

"""Readable items (issue 16, item 6): how much of a point is printed, headlines that start
mid-sentence, no stance tags, each organisation once, an empty section said once, Markdown
emphasis in text sections, and new items marked on the card."""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefgen.brief import assemble
from briefgen.build import load_speeches, template_for
from briefgen.corpus import load_speech
from briefgen.extract import params_for, run
from briefgen.extract.text import paragraphs
from briefgen.model import Brief, Item, Metadata, Source
from briefgen.render import render
from briefgen.render.jinja import item_cut, item_paragraphs
from briefgen.spec import load_spec, spec_schema
from briefgen.template import load_template
from tests.sample import sample_brief

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
FLAGSHIP = ROOT / "config" / "gcm-prep.yaml"
ARBOUR = ROOT / "speeches" / "2018-03-27-srsg-idm-closing-remarks-arbour.txt"


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


@pytest.fixture(scope="module")
def flagship() -> Brief:
    spec = load_spec(FLAGSHIP)
    return assemble(spec, load_speeches(spec))


def flagship_with(tmp_path: Path, body: str) -> Brief:
    """The flagship, its takeaways section (3) with `body: BODY`, in a copy of the project."""
    for name in ("config", "speeches", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    spec_path = tmp_path / "config" / "gcm-prep.yaml"
    text = spec_path.read_text(encoding="utf-8").replace(
        "    from: 2018-03-27-iom-idm-closing-remarks\n",
        f"    from: 2018-03-27-iom-idm-closing-remarks\n    body: {body}\n")
    spec_path.write_text(text, encoding="utf-8")
    spec = load_spec(spec_path)
    return assemble(spec, load_speeches(spec))


# ---- body: full | first-paragraph | none ------------------------------------------------


def test_a_point_prints_its_first_paragraph_by_default(flagship: Brief) -> None:
    """Flagship 3.1 runs to eight paragraphs of the speech: the brief prints the first."""
    point = flagship.sections[2].items[0]
    assert point.body == "first-paragraph" and len(point.text.split("\n\n")) >= 8
    html = render(flagship, template_for(load_spec(FLAGSHIP)), "html").decode("utf-8")
    block = html[html.index('id="item-3-1"'):html.index('id="item-3-2"')]
    assert block.count("<p>") == 1 and "[…]" in block
    assert "Throughout our discussions" not in block  # the second paragraph
    as_json = json.loads(render(flagship, template_for(load_spec(FLAGSHIP)), "json"))
    assert as_json["sections"][2]["items"][0]["text"] == point.text  # the whole text stays


@pytest.mark.parametrize(("body", "paragraphs_shown", "cut"), [
    ("full", 8, False), ("first-paragraph", 1, True), ("none", 0, True)])
def test_the_body_option_in_every_format(tmp_path: Path, body: str, paragraphs_shown: int,
                                         cut: bool) -> None:
    brief = flagship_with(tmp_path, body)
    point = brief.sections[2].items[0]
    assert point.body == body and item_cut(point) is cut
    shown = [part for part in item_paragraphs(point) if part]
    assert len(shown) == paragraphs_shown
    template = template_for(load_spec(FLAGSHIP))
    md = render(brief, template, "md").decode("utf-8")
    word = docx_text(render(brief, template, "docx"))
    for text in (md, word):
        assert ("Throughout our discussions" in text) is (body == "full")
        assert ("Genuine partnerships and cooperation" in text) is (body != "none")


def test_the_body_option_is_in_the_schema_with_its_default() -> None:
    schema = json.dumps(spec_schema())
    assert '"enum": ["full", "first-paragraph", "none"]' in schema
    assert '"default": "first-paragraph"' in schema
    committed = json.loads((ROOT / "briefgen.schema.json").read_text(encoding="utf-8"))
    assert committed == spec_schema()


def test_a_wrong_body_value_is_a_spec_error(tmp_path: Path) -> None:
    from briefgen.errors import SpecError

    spec = tmp_path / "config" / "x.yaml"
    spec.parent.mkdir()
    spec.write_text("brief: {title: T, classification: U}\nspeeches: {}\nsections:\n"
                    "  - {title: P, type: text, text: hi, body: short}\n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"x\.yaml:4: sections\[0\]\.body"):
        load_spec(spec)


# ---- headlines that start mid-sentence ------------------------------------------------


def test_a_headline_that_starts_mid_sentence_gets_an_ellipsis(flagship: Brief) -> None:
    point = flagship.sections[2].items[4]  # 3.5: "... as a number of you ..."
    assert point.headline.startswith("as a number of you") and point.mid_sentence
    assert not flagship.sections[2].items[0].mid_sentence
    template = template_for(load_spec(FLAGSHIP))
    html = render(flagship, template, "html").decode("utf-8")
    assert '<strong class="headline">… as a number of you' in html
    assert "**… as a number of you" in render(flagship, template, "md").decode("utf-8")
    assert "3.5\t… as a number of you" in docx_text(render(flagship, template, "docx"))
    card = load_template(TEMPLATES / "talking-points")
    assert "… as a number of you" in render(flagship, card, "html").decode("utf-8")
    assert point.text.startswith("as a number of you")  # the quote itself is unchanged
    as_json = render(flagship, template, "json").decode("utf-8")
    assert "… as a number" not in as_json


# ---- stance tags ------------------------------------------------------------------------


def test_stance_tags_are_not_printed(flagship: Brief) -> None:
    """"(aligns)" after "Sweden aligns itself ..." repeats the verb: no format prints it."""
    assert any(item.stance == "aligns" for item in flagship.sections[6].items)
    template = template_for(load_spec(FLAGSHIP))
    for fmt in ("html", "md"):
        assert "(aligns)" not in render(flagship, template, fmt).decode("utf-8")
    assert "(aligns)" not in docx_text(render(flagship, template, "docx"))
    assert '"stance": "aligns"' in render(flagship, template, "json").decode("utf-8")


# ---- an organisation named once ---------------------------------------------------------


@pytest.mark.parametrize(("speaker", "role", "organisation", "shown"), [
    ("William Lacy Swing", "Director General, International Organization for Migration",
     "International Organization for Migration (IOM)",
     "William Lacy Swing, Director General, International Organization for Migration"),
    ("William Lacy Swing", "International Organization for Migration",
     "International Organization for Migration (IOM)",
     "William Lacy Swing, International Organization for Migration (IOM)"),
    ("Louise Arbour", "Special Representative", "United Nations",
     "Louise Arbour, Special Representative, United Nations"),
    (None, None, "Government Offices of Sweden", "Government Offices of Sweden"),
    ("Coordinator", None, None, "Coordinator"),
])
def test_speaker_role_and_organisation_each_once(speaker: str | None, role: str | None,
                                                 organisation: str | None, shown: str) -> None:
    assert Metadata(speaker=speaker, role=role, organisation=organisation).who == shown


def test_the_sources_annex_names_an_organisation_once(flagship: Brief) -> None:
    template = template_for(load_spec(FLAGSHIP))
    twice = "International Organization for Migration, International Organization for Migration"
    html = render(flagship, template, "html").decode("utf-8")
    word = docx_text(render(flagship, template, "docx"))
    for text in (html, word, render(flagship, template, "md").decode("utf-8")):
        assert "William Lacy Swing, Director General, International Organization for Migration"\
            in text
        assert twice not in text


# ---- an empty section says so once ------------------------------------------------------


def test_an_empty_section_says_it_found_nothing_once() -> None:
    speech = load_speech(ARBOUR, "arbour")
    for kind, options in (("takeaways", {}), ("positions", {"actor": "Norway"})):
        section = run([speech], params_for(kind, "arbour", options))
        assert not section.items and section.empty_message
        assert section.empty_message not in section.notes
    brief = sample_brief()
    brief.sections[3] = run([speech], params_for("takeaways", "arbour", {}))
    html = render(brief, load_template(TEMPLATES / "briefing-note"), "html").decode("utf-8")
    word = docx_text(render(brief, load_template(TEMPLATES / "briefing-note"), "docx"))
    for text in (html, word):
        assert text.count("No enumerated takeaways in") == 1


def test_a_speech_that_gives_nothing_is_named_when_others_give_points() -> None:
    arbour = load_speech(ARBOUR, "arbour")
    closing = load_speech(ROOT / "speeches" / "2018-03-27-iom-idm-closing-remarks.txt", "iom")
    section = run([closing, arbour], params_for("takeaways", "iom", {}))
    assert section.items and any(note.startswith("No enumerated takeaways in")
                                 for note in section.notes)


# ---- Markdown emphasis in text sections -------------------------------------------------


def emphasis_brief() -> Brief:
    brief = sample_brief()
    brief.sections[0].paragraphs = paragraphs(
        "Quote **Boldword** as cited and *Italicword* only.\n\n- a **Strongpoint**")
    return brief


def test_text_sections_keep_bold_and_italic_in_html_and_markdown() -> None:
    brief, template = emphasis_brief(), load_template(TEMPLATES / "briefing-note")
    assert brief.sections[0].paragraphs[0].text == "Quote Boldword as cited and Italicword only."
    html = render(brief, template, "html").decode("utf-8")
    assert "<p>Quote <strong>Boldword</strong> as cited and <em>Italicword</em> only.</p>" in html
    assert "<li>a <strong>Strongpoint</strong></li>" in html
    md = render(brief, template, "md").decode("utf-8")
    assert "Quote **Boldword** as cited and *Italicword* only." in md


def test_text_sections_keep_bold_and_italic_in_the_pdf() -> None:
    brief, template = emphasis_brief(), load_template(TEMPLATES / "briefing-note")
    fonts: dict[str, str] = {}

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        for word in ("Boldword", "Italicword", "Quote", "Strongpoint"):
            if word in text and font is not None:
                fonts[word] = str(font.get("/BaseFont"))  # type: ignore[attr-defined]

    reader = PdfReader(io.BytesIO(render(brief, template, "pdf")))
    reader.pages[1].extract_text(visitor_text=visit)
    assert "Bold" in fonts["Boldword"] and "Bold" in fonts["Strongpoint"]
    assert "Italic" in fonts["Italicword"] and "Bold" not in fonts["Italicword"]
    assert not re.search("Bold|Italic", fonts["Quote"])


# ---- the card marks new items -----------------------------------------------------------


def test_the_talking_points_card_marks_new_items() -> None:
    brief = sample_brief()
    brief.sections[1].items[1].new = True
    card = load_template(TEMPLATES / "talking-points")
    html = render(brief, card, "html").decode("utf-8")
    assert html.count('<span class="new-mark">new</span>') == 1
    assert html.index("<span class=\"new-mark\">") > html.index("Migration data and data analysis")
    md = render(brief, card, "md").decode("utf-8")
    assert md.count("*(new)*") == 1 and "effective policy-making.** (para. 21, p. 2) *(new)*" in md
    document = docx.Document(io.BytesIO(render(brief, card, "docx")))
    marks = [r.text for p in document.paragraphs for r in p.runs if r.style.name == "New Mark"]
    assert [m for m in marks if m.strip()] == ["new"]


def test_an_item_added_by_hand_keeps_the_body_it_was_given() -> None:
    item = Item(1, "Head.", "Head. More.\n\nSecond.", Source("x", 1))
    assert item_paragraphs(item) == ["More.", "Second."] and not item_cut(item)
    short = replace(item, body="first-paragraph")
    assert item_paragraphs(short) == ["More."] and item_cut(short)
    bare = replace(item, body="none", subitems=["a sub-point"])
    assert item_paragraphs(bare) == [""] and item_cut(bare)

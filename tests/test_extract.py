"""Extractors on short cases the seeds do not show."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.corpus.metadata import detect, iso_date
from briefgen.corpus.normalise import normalise
from briefgen.extract import SECTION_TYPES, params_for, run
from briefgen.model import Metadata, Speech
from briefgen.sentences import headline, sentences


def speech(text: str, **meta: str) -> Speech:
    return Speech("s", Path("s.txt"), Metadata(**meta), normalise(text).body)


def extract(text: str, kind: str, **options: object) -> tuple[list[str], int | None, list[str]]:
    meta = options.pop("meta", {})
    section = run([speech(text, **meta)], params_for(kind, "s", options))  # type: ignore[arg-type]
    return [i.headline for i in section.items], section.announced_count, section.warnings


def test_firstly_secondly_lastly() -> None:
    text = (
        "I want to share three messages with you.\n\n"
        "Firstly, data must be shared. It saves lives.\n\n"
        "Some words in between belong to the first point.\n\n"
        "Secondly, we must cooperate.\n\nLastly, we must act now.\n"
    )
    heads, count, warnings = extract(text, "takeaways")
    assert heads == ["data must be shared.", "we must cooperate.", "we must act now."]
    assert count == 3 and warnings == []


def test_lettered_list_after_an_announcement_without_count() -> None:
    text = (
        "My conclusions are the following:\n\n(a) Partnerships matter a great deal.\n\n"
        "(b) Data matters too.\n\n(c) Money matters most.\n"
    )
    heads, count, _ = extract(text, "takeaways")
    assert heads == [
        "Partnerships matter a great deal.",
        "Data matters too.",
        "Money matters most.",
    ]
    assert count is None


def test_parenthesis_numbers_and_paragraphs_between_items() -> None:
    text = (
        "Let me make 2 points.\n\n1) The first point is short.\n\n"
        "More about the first point follows here.\n\n2) The second point ends it.\n"
    )
    section = run([speech(text)], params_for("takeaways", "s", {}))
    assert [i.headline for i in section.items] == [
        "The first point is short.",
        "The second point ends it.",
    ]
    assert "More about the first point" in section.items[0].text
    assert section.items[0].source.paragraph == 2


def test_a_count_that_does_not_match_warns() -> None:
    text = (
        "I have five main takeaways:\n\n1. One is here.\n\n2. Two is here.\n\n"
        "3. Three is here.\n\n4. Four is here.\n"
    )
    heads, count, warnings = extract(text, "takeaways")
    assert len(heads) == 4 and count == 5
    assert warnings == ["s: the speaker announced five takeaways; four were found"]


def test_a_speech_with_no_list_gives_nothing() -> None:
    text = "We met for two days. We talked a lot about partnerships and migration.\n"
    heads, count, _ = extract(text, "takeaways")
    assert heads == [] and count is None
    section = run([speech(text)], params_for("takeaways", "s", {}))
    assert section.empty_message and "No enumerated takeaways" in section.empty_message


def test_a_list_that_is_not_announced_is_not_takeaways() -> None:
    text = (
        "Today's dialogue takes place at a crucial moment:\n\n1. First of all, talks go on.\n\n"
        "2. Second, the report is out.\n"
    )
    assert extract(text, "takeaways")[0] == []


def test_priorities_with_focus_on_and_finally() -> None:
    text = (
        "The workplan will focus on three key areas:\n\nFirst, indicators for all.\n\n"
        "Secondly, tools and guidance.\n\nAnd, finally, the review infrastructure.\n\n"
        "This includes follow-up.\n"
    )
    heads, count, _ = extract(text, "priorities")
    assert heads == ["indicators for all.", "tools and guidance.", "the review infrastructure."]
    assert count == 3


def test_positions_of_another_country() -> None:
    text = (
        "Statement by Norway\n\nMr. Chair,\n\nNorway supports the compact fully.\n\n"
        "We call for more data on migration.\n\nThank you.\n"
    )
    heads, _, _ = extract(text, "positions", actor="Norway")
    assert heads == ["Norway supports the compact fully.", "We call for more data on migration."]
    assert extract(text, "positions", actor="Sweden", meta={"speaker": "Norway"})[0] == []


def test_we_inside_a_moderators_part_is_not_a_position() -> None:
    text = (
        "Moderator's summary of panel 1\n\n- We heard that Sweden supports the compact.\n\n"
        "Statement by Sweden\n\n- Sweden welcomes the compact.\n\n- We prioritize returns.\n"
    )
    section = run(
        [speech(text, organisation="Government of Sweden")],
        params_for("positions", "s", {"actor": "Sweden"}),
    )
    assert [(i.headline, i.stance) for i in section.items] == [
        ("Sweden welcomes the compact.", "welcomes"),
        ("We prioritize returns.", "prioritises"),
    ]
    assert section.items[0].topic == "Statement by Sweden"


def test_positions_from_someone_else_speaking_about_the_actor() -> None:
    text = "I thank Sweden for its support. Sweden supports the Network.\n"
    heads, _, _ = extract(
        text,
        "positions",
        actor="Sweden",
        meta={"speaker": "Jane Doe", "role": "Director General, IOM"},
    )
    assert heads == []


def test_positions_without_a_named_speaker_warn() -> None:
    _, _, warnings = extract("We support the compact.\n", "positions", actor="Sweden")
    assert warnings and "names no speaker" in warnings[0]


def test_summary_quotes_sentences_in_order() -> None:
    text = "\n\n".join(
        f"Partnerships on migration governance matter for sentence number {n} of this speech."
        for n in range(10)
    )
    section = run([speech(text)], params_for("summary", "s", {"sentences": 3}))
    paragraphs = [i.source.paragraph for i in section.items]
    assert len(section.items) == 3 and paragraphs == sorted(paragraphs)
    assert all(i.headline in text for i in section.items)


def test_unknown_section_type_suggests_the_nearest() -> None:
    with pytest.raises(Exception, match="did you mean 'takeaways'"):
        params_for("takeaway", "s", {})


def test_every_section_type_is_registered_with_params() -> None:
    assert set(SECTION_TYPES) >= {
        "takeaways",
        "priorities",
        "positions",
        "summary",
        "text",
        "sources",
    }


def test_sentence_splitter_survives_abbreviations_quotes_and_dashes() -> None:
    text = (
        'He met Mr. Smith at the U.N. in N.Y., e.g. in room No. 5. "It works." '
        "Then – after a pause – he left! Did he?"
    )
    assert sentences(text) == [
        "He met Mr. Smith at the U.N. in N.Y., e.g. in room No. 5.",
        '"It works."',
        "Then – after a pause – he left!",
        "Did he?",
    ]
    assert headline("partnerships must include all: a, b and c; and") == (
        "partnerships must include all: a, b and c"
    )


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("26-27 March 2018, New York", "2018-03-26"),
        ("Wednesday, 19 October 2022: 15h", "2022-10-19"),
        ("March 27, 2018", "2018-03-27"),
        ("no date here", None),
    ],
)
def test_dates_as_iso(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_metadata_detected_from_the_header() -> None:
    result = normalise(
        "CLOSING REMARKS\n\nJane Doe, Special Representative\n\n"
        "International Dialogue on Migration\n\n27 March 2018, UNHQ, New York\n\n"
        "Excellencies,\n\nThank you for coming to this meeting today.\n"
    )
    meta = detect(result.header, result.body)
    assert (meta.title, meta.speaker, meta.role, meta.date, meta.place) == (
        "Closing remarks",
        "Jane Doe",
        "Special Representative",
        "2018-03-27",
        "UNHQ, New York",
    )
    assert "speaker" in meta.detected


EU_STATEMENT = """\
EUROPEAN UNION

Statement on behalf of the European Union and its Member States

International Migration Review Forum
New York, 17 May 2022

Mr. Chair,

I have the honour to speak on behalf of the European Union and its Member States.

The EU and its Member States remain committed to the Global Compact.

Let me focus on three issues.

First, the EU calls for stronger cooperation on return and readmission.

Second, we support the development of legal pathways.

Third, the EU underlines the importance of fighting smuggling of migrants.

Thank you.
"""


def test_positions_of_a_group_speaking_for_itself_skip_procedure() -> None:
    from briefgen.corpus.metadata import detect

    result = normalise(EU_STATEMENT)
    meta = detect(result.header, result.body)
    assert meta.speaker == "the European Union and its Member States"
    section = run([Speech("eu", Path("eu.txt"), meta, result.body)],
                  params_for("positions", "eu", {"actor": "the EU"}))
    assert [(i.headline, i.stance) for i in section.items] == [
        ("The EU and its Member States remain committed to the Global Compact.", "committed"),
        ("First, the EU calls for stronger cooperation on return and readmission.", "calls for"),
        ("Second, we support the development of legal pathways.", "supports"),
        ("Third, the EU underlines the importance of fighting smuggling of migrants.",
         "stresses"),
    ]
    assert section.warnings == []


def test_a_secretary_general_speaking_about_the_actor_gives_no_positions() -> None:
    text = ("# Remarks by the Secretary-General to the Forum\n\n*New York, 17 May 2022*\n\n"
            "Excellencies,\n\nSweden has shown leadership. We thank Sweden for its support.\n")
    result = normalise(text)
    meta = detect(result.header, result.body)
    assert meta.speaker == "Secretary-General"
    section = run([Speech("sg", Path("sg.md"), meta, result.body)],
                  params_for("positions", "sg", {"actor": "Sweden"}))
    assert section.items == [] and section.empty_message


def test_ordinals_inside_a_phrase() -> None:
    text = ("Let me conclude with three key messages.\n\n"
            "My first message is that data saves lives.\n\n"
            "My second message concerns money. It is needed.\n\n"
            "The third and final message is about people.\n\nThank you.\n")
    heads, count, warnings = extract(text, "takeaways")
    assert heads == ["My first message is that data saves lives.",
                     "My second message concerns money.",
                     "The third and final message is about people."]
    assert count == 3 and warnings == []


def test_bullets_after_the_following_points() -> None:
    text = ("I would like to make the following two points:\n\n"
            "• Partnerships are essential for all of us.\n\n• Data is essential too.\n\n"
            "Now to another matter.\n\n• This bullet is not a point.\n")
    heads, count, _ = extract(text, "takeaways")
    assert heads == ["Partnerships are essential for all of us.", "Data is essential too."]
    assert count == 2


def test_ordinal_points_in_numbered_paragraphs() -> None:
    text = ("11. The Committee heard many views.\n\n12. I would like to make two points.\n\n"
            "13. First, funding must be predictable.\n\n14. Second, data must be shared.\n\n"
            "15. The session then closed.\n")
    heads, count, _ = extract(text, "takeaways")
    assert heads == ["funding must be predictable.", "data must be shared."]
    assert count == 2


def test_numbered_points_each_restarted_at_one_by_a_converter() -> None:
    text = ("I will highlight three takeaways:\n\n1. Data matters.\n\nMore on data here.\n\n"
            "1. Money matters.\n\nMore on money.\n\n1. People matter.\n\nClosing words.\n")
    heads, count, _ = extract(text, "takeaways")
    assert heads == ["Data matters.", "Money matters.", "People matter."] and count == 3
    # Without text between them, 1. 1. is no sequence.
    heads, _, _ = extract("Two points:\n\n1. Data matters.\n\n1. Money matters.\n", "takeaways")
    assert heads == []

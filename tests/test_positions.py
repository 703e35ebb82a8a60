"""Positions sentence by sentence, and who speaks: statements written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.corpus.metadata import detect
from briefgen.corpus.normalise import normalise
from briefgen.extract import params_for, run
from briefgen.extract.stance import judge
from briefgen.extract.voice import who_speaks
from briefgen.model import Metadata, Section, Speech


def loaded(text: str, **meta: str) -> Speech:
    """A speech as `load_speech` makes it: header detection, then any metadata given."""
    result = normalise(text)
    found = detect(result.header, result.body)
    for key, value in meta.items():
        setattr(found, key, value)
    return Speech("s", Path("s.txt"), found, result.body)


def positions(text: str, actor: str, **meta: str) -> Section:
    return run([loaded(text, **meta)], params_for("positions", "s", {"actor": actor}))


def heads(section: Section) -> list[str]:
    return [item.headline for item in section.items]


NORWAY = """\
Statement by Norway

Chair,

Thank you for giving me the floor. I have the honour to speak for Norway today.

Last year more people were displaced than ever before. Norway supports the Office in its \
efforts to reach them. We are also deeply concerned about the cuts in food rations.

We have resettled three thousand refugees since January. We cannot accept that host \
countries carry this burden alone.

We would encourage donors to give flexible funding, and we call on all States to keep \
their borders open.

Let me congratulate the High Commissioner on his re-election.

Thank you.
"""


def test_each_stance_sentence_is_a_position_and_the_rest_is_left() -> None:
    section = positions(NORWAY, "Norway")
    assert heads(section) == [
        "Norway supports the Office in its efforts to reach them.",
        "We are also deeply concerned about the cuts in food rations.",
        "We cannot accept that host countries carry this burden alone.",
        "We would encourage donors to give flexible funding, and we call on all States to "
        "keep their borders open.",
    ]
    assert [item.stance for item in section.items] == [
        "supports", "concerned", "rejects", "encourages"]
    assert section.items[0].text.startswith("Norway supports")
    assert all(item.why and "subject" in item.why for item in section.items)
    assert "s: 1 sentence by Norway not taken: no stance verb" in section.warnings


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Sweden aligns itself with the statement of the European Union.", "aligns"),
        ("In this regard, we urge all parties to respect international law.", "calls for"),
        ("My delegation firmly believes that data must guide policy.", "believes"),
        ("The Government of Chile remains committed to the Compact.", "committed"),
        ("We reiterate our full support to the Special Envoy.", "supports"),
        ("We must do more to prevent deaths at sea.", "must"),
        ("We should not forget the victims of trafficking.", "must"),
        ("We do not support the proposal to cut the budget.", "rejects"),
        ("It is essential that the review remains inclusive.", "stresses"),
        ("Our first priority is the protection of children.", "prioritises"),
        ("Saving lives must therefore be our first priority.", "prioritises"),
        ("Let me underline the importance of regular pathways.", "stresses"),
        ("We look forward to the next Forum in 2026.", "looks forward"),
        ("In our view, the Compact is the right framework.", "believes"),
        ("It is with great concern that we look at the numbers.", "concerned"),
        ("It is our firm belief that dialogue works.", "believes"),
        ("We join other delegations in calling for restraint.", "calls for"),
        ("We positively acknowledge the progress made.", "recognises"),
        ("We would like to see the Office well funded.", "hopes"),
        ("We fully associate ourselves with the EU; allow us to add points nationally.", "aligns"),
        ("Finally, Madam President, we join UN Women in asking the Council to act.", "calls for"),
        ("We also welcome the Director General's efforts to widen membership.", "welcomes"),
    ],
)
def test_the_stance_rule_takes(sentence: str, stance: str) -> None:
    verdict = judge(sentence, ("sweden", "chile"))
    assert verdict.taken and verdict.stance == stance, verdict.rule


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Thank you, Madam President.", "thanks or courtesy"),
        ("We thank UNHCR for its report.", "thanks or courtesy"),
        ("We express our deep condolences to the families.", "thanks or courtesy"),
        ("I have the honour to speak on behalf of my country.", "procedure"),
        ("We appreciate your able leadership of this session.", "thanks or courtesy"),
        ("My intervention will focus on three issues.", "procedure"),
        ("We would like to note the following:", "procedure"),
        ("It is with great pleasure that I welcome you to Geneva.", "thanks or courtesy"),
        ("We appreciate this meeting being convened.", "thanks or courtesy"),
        ("Madam Chair, congratulations on your election; we will support you.",
         "thanks or courtesy"),
        ("We are pleased to see Ambassador Dahl at the Council again.", "thanks or courtesy"),
        ("We have resettled 5,000 refugees since 2015.", "no stance verb"),
        ("Migration is a global phenomenon.", "no actor subject"),
        ("Many delegations support the draft.", "no actor subject"),
        ("The candidate countries Albania and Serbia align themselves with this statement.",
         "others align"),
    ],
)
def test_the_stance_rule_leaves_out(sentence: str, reason: str) -> None:
    verdict = judge(sentence, ("sweden",))
    assert not verdict.taken and verdict.reason == reason, verdict.rule


def test_a_bullet_that_goes_on_with_we_need_to_is_one_point() -> None:
    text = ("Statement by Chile\n\n- Chile supports the plan. We need to fund it well.\n\n"
            "- Chile welcomes the report. We also call for more data.\n")
    assert heads(positions(text, "Chile")) == [
        "Chile supports the plan.", "Chile welcomes the report.", "We also call for more data."]
    item = positions(text, "Chile").items[0]
    assert item.text == "Chile supports the plan. We need to fund it well."


def test_a_lead_in_carries_its_list_as_sub_points() -> None:
    text = ("Statement by Chile\n\n- From our own experience, some lessons stand out:\n\n"
            "  o returns need to be humane;\n\n  o data should be shared.\n\n"
            "- Chile supports the review.\n")
    section = positions(text, "Chile")
    assert heads(section) == ["From our own experience, some lessons stand out:",
                              "Chile supports the review."]
    assert section.items[0].subitems == ["returns need to be humane;", "data should be shared."]


BYLINE = """\
Statement by Mr. Arjun Rao, Counsellor, Permanent Mission of India

113th Session of the Council

Statement by India

Mr. Chair,

We support the draft decision. We are concerned about rising costs.
"""


def test_a_byline_gives_the_person_and_the_country_speaks() -> None:
    speech = loaded(BYLINE)
    assert (speech.metadata.speaker, speech.metadata.role) == ("Arjun Rao", "Counsellor")
    assert speech.metadata.organisation == "Permanent Mission of India"
    assert heads(positions(BYLINE, "India")) == [
        "We support the draft decision.", "We are concerned about rising costs."]
    other = positions(BYLINE, "Pakistan")
    assert other.items == [] and "names its speaker as India" in (other.empty_message or "")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Secretary-General's message to the Forum\n\n12 May 2022\n\nExcellencies,\n\n"
         "Chile has shown the way. We support Chile.\n", "official"),
        ("Remarks by the UN Resident Coordinator in Chile\n\n3 March 2021\n\nMinister,\n\n"
         "I commend Chile. We welcome its plan.\n", "official"),
        ("Opening of the meeting\n\nColleagues,\n\nI speak to you today as co-chair of the "
         "Network.\n\nChile supports the Network. We welcome this.\n", "official"),
        ("Chair's summary of the discussion\n\nDelegations welcomed the report. Chile "
         "supports it.\n", "summary"),
        ("Statement on the Compact\n\nMr. President,\n\nOn behalf of a group of States, namely "
         "Peru, Colombia and my own country, Chile, I would like to thank you.\n\n"
         "We support the review.\n", "member"),
        ("GOVERNMENT OFFICES OF SWEDEN\n\nMinistry of Justice\n\nStatement at the Forum\n\n"
         "Chair,\n\nWe support the review.\n", "other"),
    ],
)
def test_someone_elses_voice_gives_none_of_the_actors_positions(text: str, kind: str) -> None:
    assert who_speaks(loaded(text), "Chile").kind == kind
    section = positions(text, "Chile")
    assert section.items == [] and section.empty_message
    assert any("nothing taken" in warning for warning in section.warnings)


def test_a_group_statement_is_the_groups() -> None:
    text = ("Statement on the Compact\n\nMr. President,\n\nOn behalf of a group of States, "
            "namely Peru, Colombia and my own country, Chile, I would like to thank you.\n\n"
            "We support the review.\n")
    section = positions(text, "Chile")
    assert "on behalf of a group of States" in (section.empty_message or "")
    assert "not Chile's national position" in (section.empty_message or "")
    assert heads(positions(text, "group of States")) == ["We support the review."]


def test_eu_statement_leaves_out_the_candidate_countries() -> None:
    text = ("Statement by the EU and its Member States\n\nChair,\n\nI have the honour to speak "
            "on behalf of the European Union and its Member States.\n\nThe candidate countries "
            "Serbia and Albania align themselves with this statement.\n\nThe EU and its Member "
            "States condemn the attacks on aid workers.\n")
    assert heads(positions(text, "EU")) == [
        "The EU and its Member States condemn the attacks on aid workers."]
    assert positions(text, "Serbia").items == []


def test_the_text_names_its_speaker_and_the_document_says_why() -> None:
    text = ("Chair,\n\nSweden aligns itself with the statement of the EU.\n\n"
            "Sweden supports the plan. We call for more data.\n")
    section = positions(text, "Germany")
    assert section.items == []
    assert "names its speaker as Sweden" in (section.empty_message or "")
    assert heads(positions(text, "Sweden"))[0].startswith("Sweden aligns itself")


def test_a_speech_naming_nobody_says_so_under_the_section() -> None:
    section = positions("Chair,\n\nWe support the plan.\n", "Norway")
    assert heads(section) == ["We support the plan."]
    assert section.notes and "names no speaker" in section.notes[0]
    assert "Norway" in section.notes[0]


def test_a_national_title_does_not_make_an_official() -> None:
    text = ("Statement by Norway in the General Debate, delivered by the Special Envoy, "
            "Ms. Kari Dahl, Norwegian Ministry of Foreign Affairs\n\nChair,\n\n"
            "Norway deplores the attacks on aid workers.\n")
    assert heads(positions(text, "Norway")) == ["Norway deplores the attacks on aid workers."]
    hrc = ("Interactive dialogue with the Special Rapporteur on the right to food\n\n"
           "Statement by Chile\n\nMr. President,\n\nChile supports the mandate.\n")
    assert heads(positions(hrc, "Chile")) == ["Chile supports the mandate."]


def test_metadata_first() -> None:
    text = "Chair,\n\nWe support the plan.\n"
    speech = Speech("s", Path("s.txt"), Metadata(organisation="Government of Norway"),
                    normalise(text).body)
    assert who_speaks(speech, "Norway").kind == "actor"
    assert who_speaks(speech, "Chile").kind == "other"


def test_explain_prints_a_reason_for_every_sentence(tmp_path: Path) -> None:
    path = tmp_path / "norway.txt"
    path.write_text(NORWAY, encoding="utf-8")
    command = [sys.executable, "-m", "briefgen", "extract", str(path), "--section",
               "positions", "--actor", "Norway", "--explain"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert "why:" in text
    assert "thanks or courtesy" in text and "no actor as subject" in text
    assert "subject 'Norway' + 'supports' (supports)" in text
    data = json.loads(subprocess.run([*command, "--format", "json"], capture_output=True,
                                     text=True, check=True).stdout)
    assert {"paragraph", "text", "taken", "rule"} == set(data["explanation"][0])
    assert sum(r["taken"] for r in data["explanation"]) == len(data["items"]) + 1  # + speech
    plain = json.loads(subprocess.run([*command[:-1], "--format", "json"], capture_output=True,
                                      text=True, check=True).stdout)
    assert set(plain) == {"speech", "section", "announced_count", "items", "warnings"}


CAPS = """\
STATEMENT ON BEHALF OF THE GROUP OF 77 AND CHINA BY MS. ANA PEREIRA, MINISTER OF \
ENVIRONMENT OF URUGUAY, AT THE HIGH-LEVEL SEGMENT (Belem, 18 November 2025)

Mr. President,

I have the honour to deliver this statement on behalf of the Group of 77 and China.

The Group welcomes the new fund. We cannot stress enough the importance of adaptation \
finance. We affirm that the Convention remains the main forum.
"""


def test_an_all_caps_header_names_the_group() -> None:
    assert who_speaks(loaded(CAPS), "G77").kind == "actor"
    assert who_speaks(loaded(CAPS), "Uruguay").kind == "group"
    section = positions(CAPS, "G77")
    assert [(i.headline, i.stance) for i in section.items] == [
        ("The Group welcomes the new fund.", "welcomes"),
        ("We cannot stress enough the importance of adaptation finance.", "stresses"),
        ("We affirm that the Convention remains the main forum.", "reaffirms"),
    ]
    assert positions(CAPS, "Uruguay").items == []

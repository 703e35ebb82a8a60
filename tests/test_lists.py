"""Announced and unannounced lists (takeaways, priorities), and the lists that must stay out.

Statements written for these tests, in the shapes real statements take.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.corpus.normalise import normalise
from briefgen.extract import params_for, run
from briefgen.model import Metadata, Section, Speech


def section(text: str, kind: str) -> Section:
    speech = Speech("s", Path("s.txt"), Metadata(), normalise(text).body)
    return run([speech], params_for(kind, "s", {}))


def heads(text: str, kind: str = "takeaways") -> tuple[list[str], int | None]:
    found = section(text, kind)
    return [item.headline for item in found.items], found.announced_count


def test_a_count_in_words_with_any_noun() -> None:
    text = ("Chair,\n\nWe would like to make two general comments.\n\n"
            "First, protection must come first. It saves lives.\n\n"
            "Second, funding must be flexible.\n\nThank you.\n")
    assert heads(text) == (["protection must come first.", "funding must be flexible."], 2)
    text = ("For us, the meeting will be judged on three fronts: 1) money for adaptation; "
            "2) a fund that pays out quickly; and 3) an honest review.\n\nThank you.\n")
    assert heads(text) == (["money for adaptation", "a fund that pays out quickly",
                            "an honest review."], 3)


def test_the_following_with_bullets_and_no_count() -> None:
    text = ("The Group would like to note the following:\n\n- Access to asylum must be kept.\n"
            "- We urge States to stop pushbacks.\n- Statelessness needs attention.\n\n"
            "Thank you.\n")
    assert heads(text) == (["Access to asylum must be kept.", "We urge States to stop pushbacks.",
                            "Statelessness needs attention."], None)


def test_unmarked_short_lines_under_a_lead_in() -> None:
    text = ("Looking ahead, our group will focus its efforts on:\n\n"
            "a wider donor base\nmore flexible funding\ncloser work with development banks\n\n"
            "We look forward to working with you.\n")
    assert heads(text, "priorities") == (
        ["a wider donor base", "more flexible funding", "closer work with development banks"],
        None)


def test_first_to_finally_in_one_paragraph_without_an_announcement() -> None:
    text = ("Let me say what we expect from partners. First, predictable funding for host "
            "countries. Second, more resettlement places. Finally, a political end to the "
            "conflict.\n\nThank you.\n")
    assert heads(text) == (["predictable funding for host countries.",
                            "more resettlement places.",
                            "a political end to the conflict."], None)


def test_a_ministry_s_priorities_firstly_secondly_thirdly() -> None:
    text = ("Over the next two years, the Ministry will focus its efforts as follows.\n\n"
            "Firstly, we will strengthen primary care.\n\nSecondly, we will train nurses.\n\n"
            "Thirdly, we will secure financing.\n\nThank you.\n")
    assert heads(text, "priorities") == (["we will strengthen primary care.",
                                          "we will train nurses.",
                                          "we will secure financing."], None)
    assert heads(text, "takeaways") == ([], None)  # the lead-in speaks of the Ministry's focus


def test_a_first_priority_then_secondly() -> None:
    text = ("Saving lives must be our first priority. We fund rescue at sea.\n\n"
            "Secondly, we must tackle root causes.\n\nThirdly, returns must be dignified.\n")
    assert heads(text, "priorities")[0] == [
        "Saving lives must be our first priority.", "we must tackle root causes.",
        "returns must be dignified."]


def test_cardinal_words_and_a_text_that_ends_before_the_count() -> None:
    text = ("The Government is promoting five specific actions:\n\n"
            "One. Deepen regional dialogue.\n\nTwo. Support integration.\n\n"
            "Three. Strengthen asylum procedures.\n")
    found = section(text, "priorities")
    assert [i.headline for i in found.items] == [
        "Deepen regional dialogue.", "Support integration.", "Strengthen asylum procedures."]
    assert found.announced_count == 5
    assert found.warnings == ["s: the speaker announced five priorities; three were found"]


def test_ordinal_phrases_inside_a_sentence() -> None:
    text = ("I would like to address three aspects.\n\nThe first aspect is open debates.\n\n"
            "On the second aspect, we welcome briefings.\n\n"
            "That brings me to my third point: sanctions must be targeted.\n")
    assert heads(text)[0] == ["The first aspect is open debates.",
                              "On the second aspect, we welcome briefings.",
                              "That brings me to my third point: sanctions must be targeted."]


def test_short_headline_fragments_and_a_later_heading_repeating_point_one() -> None:
    text = ("Let me add four points:\n\n1. Solidarity with neighbours\n2. Partnership\n"
            "3. Skilled migration\n4. Coherence\n\n**1. Solidarity with neighbours**\n\n"
            "We help the neighbours.\n")
    assert heads(text) == (["Solidarity with neighbours", "Partnership", "Skilled migration",
                            "Coherence"], 4)


def test_traps_stay_out() -> None:
    traps = [
        # a rhetorical triad in one sentence
        "We need three things: courage, money and time.\n\nThank you.\n",
        # letters quoted inline from a document, with no announcement
        "The Compact asks the Forum to a) review progress, b) share lessons and c) agree a "
        "declaration.\n\nThank you.\n",
        # numbered paragraphs of a statement
        "1. We thank the Director General.\n\n2. We support the budget.\n\n"
        "3. We call for reform.\n",
        # a numbered list describing a web page
        "The new web page has four parts:\n\n1. About us\n2. Members\n3. Resources\n4. News\n",
        # an agenda
        "Allow me to recall how the morning is organised:\n\n1. Opening remarks\n"
        "2. Presentation of the terms of reference\n3. Discussion\n",
        # "my intervention will focus on" with no items
        "My intervention will focus on what we have learned at home.\n\nWe opened a scheme.\n",
        # a list of reasons that the lead-in says is something else
        "Today's meeting comes at a crucial moment:\n\n1. First of all, talks are under way.\n\n"
        "2. Second, the report is out.\n",
    ]
    for text in traps:
        assert heads(text) == ([], None), text
        assert heads(text, "priorities") == ([], None), text


def test_the_announcement_closest_to_the_list_wins() -> None:
    text = ("Leaders set themselves the goal of two compacts by 2018.\n\n"
            "I see three tasks ahead of us.\n\nFirst, implement.\n\nSecond, listen.\n\n"
            "Third, fund.\n")
    assert heads(text) == (["implement.", "listen.", "fund."], 3)


def test_explanations_name_the_announcement() -> None:
    text = "Let me make two points.\n\nFirst, data.\n\nSecond, money.\n"
    found = section(text, "takeaways")
    assert found.explanation[0].rule.startswith("the announcement: announced by")
    assert all(item.why and "count 2" in item.why for item in found.items)

"""Each kind of debris the normaliser removes, and the structure it must keep."""

from __future__ import annotations

from briefgen.corpus.decode import clean, decode
from briefgen.corpus.normalise import normalise


def body(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in normalise(text).body]


def test_hard_wrapped_lines_are_joined() -> None:
    text = "We must continue working together in an equal,\ntransparent and responsible way.\n"
    assert body(text) == [
        (
            "paragraph",
            "We must continue working together in an equal, transparent and responsible way.",
        )
    ]


def test_double_spaced_pdf_text_with_blank_line_paragraph_breaks() -> None:
    lines = [
        "First paragraph line one is long enough to wrap here ",
        "and it goes on for a while before it ends. ",
        " ",
        "Second paragraph starts here and also wraps around ",
        "to the next line of the page. ",
    ] * 3
    text = "\n\n".join(lines) + "\n"
    blocks = normalise(text).body
    assert len(blocks) == 6
    assert blocks[0].text == (
        "First paragraph line one is long enough to wrap here and it goes "
        "on for a while before it ends."
    )


def test_sentence_cut_by_a_page_break_is_joined() -> None:
    text = (
        "1. Global dialogue is paramount to success. Genuine partnerships and\n\n\n \n \n"
        "cooperation, with all relevant actors, will enable us to deliver.\n"
    )
    [item] = normalise(text).body
    assert item.text.endswith(
        "Genuine partnerships and cooperation, with all relevant actors, will enable us to deliver."
    )


def test_prose_cut_before_a_capitalised_word_is_joined() -> None:
    text = (
        "This is the reason why we act as we do. Our commitment to the Global\n\n"
        "Compact is only as valuable as our support.\n"
    )
    assert body(text) == [
        (
            "paragraph",
            "This is the reason why we act as we do. Our commitment "
            "to the Global Compact is only as valuable as our support.",
        )
    ]


def test_trailing_spaces_and_markdown_emphasis_and_inline_html_are_removed() -> None:
    text = "The **4<sup>th</sup> Annual** *Meeting* took place in 2022.   \n"
    assert body(text) == [("paragraph", "The 4th Annual Meeting took place in 2022.")]


def test_letterhead_and_contact_lines_stay_out_of_the_body() -> None:
    text = (
        "8 November 2017\nJu2017/05987/EMA\n\nMinistry of Justice\n\n"
        "Telephone: +46 8 405 10 00\nEmail: registry@example.org\n\n"
        "Panel 2: transit, entry and borders\n\n"
        "- Sweden aligns itself with the statement by the EU.\n"
    )
    result = normalise(text)
    assert [b.text for b in result.body] == [
        "Panel 2: transit, entry and borders",
        "Sweden aligns itself with the statement by the EU.",
    ]
    assert any("Ju2017/05987/EMA" in b.text for b in result.header)


def test_headings_are_recognised() -> None:
    text = (
        "Introduction\n\nIt is an honour to welcome you here today in New York.\n\n"
        "I. Multi-level Partnerships\n\nPartnerships were one of my goals for the year.\n\n"
        "Panel 2: transit, entry and borders\n\nWe stand ready to help with this work.\n\n"
        "## Conclusions\n\nWe must continue working together for all.\n"
    )
    headings = [b.text for b in normalise(text).body if b.kind == "heading"]
    assert headings == [
        "Introduction",
        "I. Multi-level Partnerships",
        "Panel 2: transit, entry and borders",
        "Conclusions",
    ]


def test_list_markers_and_levels() -> None:
    text = (
        "The lessons are these, for all of us:\n\n"
        "1. One point is made here.\n2) Another point is made.\n(a) a sub point here;\n"
        "i. a roman one;\n- a dash\no an o-bullet\n• a dot bullet\n"
    )
    items = [(b.marker, b.level) for b in normalise(text).body if b.kind == "item"]
    assert [m for m, _ in items] == ["1.", "2)", "(a)", "i.", "-", "o", "•"]
    assert items[2][1] > items[1][1]  # a new marker style nests


def test_markers_return_to_their_level() -> None:
    text = "- top one is here.\no sub one;\no sub two;\n- top two is here.\n"
    levels = [b.level for b in normalise(text).body]
    assert levels == [0, 1, 1, 0]


def test_dash_inside_a_wrapped_sentence_is_not_a_bullet() -> None:
    text = (
        "We need to continue working together\n– States, organisations and partners – to "
        "end forced labour.\n"
    )
    assert [b.kind for b in normalise(text).body] == ["paragraph"]


def test_paragraph_numbers_skip_headings() -> None:
    text = "Introduction\n\nFirst paragraph says a thing or two.\n\nSecond one says more.\n"
    assert [(b.kind, b.paragraph) for b in normalise(text).body] == [
        ("heading", 0),
        ("paragraph", 1),
        ("paragraph", 2),
    ]


def test_form_feeds_give_page_numbers() -> None:
    text = "Page one text is here and it ends.\n\fPage two text is here and it ends.\n"
    assert [b.page for b in normalise(text).body] == [1, 2]


def test_page_furniture_is_dropped() -> None:
    text = "A paragraph of real text is here.\n\nPage 2 of 7\n\nAnother real paragraph follows.\n"
    assert len(normalise(text).body) == 2


def test_salutation_opens_the_body() -> None:
    text = (
        "OPENING REMARKS\n\nJane Doe\nDirector General, Example Organization\n\n"
        "Excellencies, ladies and gentlemen,\n\nIt is an honour to be here with you today.\n"
    )
    result = normalise(text)
    assert result.body[0].text == "Excellencies, ladies and gentlemen,"
    assert result.header[0].text == "OPENING REMARKS"


def test_encodings_and_control_characters() -> None:
    assert decode("Café – ok".encode("utf-16")) == "Café – ok"
    assert decode("Café – ok".encode("cp1252")) == "Café – ok"
    assert decode(b"\xef\xbb\xbfplain") == "plain"
    assert clean("a\x00b\x0bc\r\nd") == "abc\nd"

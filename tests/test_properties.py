"""Properties on arbitrary text: no crash, every item verbatim, every source a real paragraph."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.corpus.decode import clean
from briefgen.corpus.normalise import normalise
from briefgen.extract import params_for, run
from briefgen.model import Metadata, Speech

# Lines built from the pieces speeches are made of, so that lists, ordinals, headings and
# announcements actually occur, mixed with arbitrary text.
PIECES = st.sampled_from(
    [
        "1. ",
        "2) ",
        "(a) ",
        "ii. ",
        "- ",
        "o ",
        "• ",
        "First, ",
        "Secondly, ",
        "Finally, ",
        "And, finally, ",
        "I would like to make three points:",
        "five main takeaways:",
        "Panel 2: transit",
        "Moderator's summary",
        "Sweden supports the compact.",
        "We welcome this.",
        "Excellencies,",
        "**bold**",
        "*it*",
        "<sup>th</sup>",
        "\n",
        "\n\n",
        " \n\n",
        "\f",
        "e.g. ",
        "U.N. ",
        "Mr. ",
        "No. 5 ",
        "“quoted.” ",
        " – ",
        "; and",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=60).map("".join)
SECTIONS = [
    ("takeaways", {}),
    ("priorities", {}),
    ("positions", {"actor": "Sweden"}),
    ("summary", {"sentences": 3}),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extractors_quote_verbatim_and_cite_real_paragraphs(text: str) -> None:
    blocks = normalise(clean(text)).body
    speech = Speech("s", Path("s.txt"), Metadata(), blocks)
    whole = "\n\n".join(block.text for block in blocks)
    paragraphs = {block.paragraph: block for block in blocks if block.kind != "heading"}
    for kind, options in SECTIONS:
        section = run([speech], params_for(kind, "s", options))
        for item in section.items:
            assert item.headline.rstrip(";") in item.text or item.headline in whole
            for part in item.text.split("\n\n"):
                assert part in whole
            for sub in item.subitems:
                assert sub in whole
            assert item.source.paragraph in paragraphs
            assert item.text.startswith(item.headline[:20])


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normaliser_never_crashes_and_numbers_paragraphs_in_order(text: str) -> None:
    body = normalise(clean(text)).body
    numbers = [block.paragraph for block in body if block.kind != "heading"]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(block.text == block.text.strip() and block.text for block in body)

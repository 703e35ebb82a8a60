"""What the review page shows: each section's items beside their source paragraph in context,
the items the spec left out, and every other sentence of the section's speeches to include.

Built from the same assembly as a build (briefgen.brief.assembly), so the page
shows exactly the items the brief will hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen import curate, manifest, signoff
from briefgen.brief import Assembly, assembly
from briefgen.build import load_speeches
from briefgen.model import Block, Item, Review, Speech
from briefgen.sentences import sentence_spans
from briefgen.spec import Spec, load_spec


@dataclass
class Context:
    """An item's source paragraph split around the quoted part, with its neighbours."""

    speech: str  # the speech's label (short title, else title, else id)
    paragraph: int
    page: int | None
    before: str  # the last sentence of the paragraph before
    lead: str  # the paragraph up to the quoted part
    quoted: str
    rest: str
    after: str  # the first sentence of the paragraph after


@dataclass
class Row:
    """An item as the page lists it, with the quote that would exclude it."""

    item: Item
    context: Context | None
    exclude_quote: str | None  # None: no quote names this item alone (identical items)
    include_quote: str | None = None  # the spec's `include:` entry that added it


@dataclass
class Sentence:
    """A sentence of a speech that no item holds yet, offered for inclusion."""

    text: str
    unique: bool  # written once in the section's speeches, so an include can name it


@dataclass
class Paragraph:
    speech: str
    number: int
    page: int | None
    sentences: list[Sentence]


@dataclass
class PageSection:
    """One section of the page."""

    index: int  # in the spec's `sections`
    title: str
    type: str
    extracted: bool
    fingerprint: str = ""
    review: Review | None = None
    rows: list[Row] = field(default_factory=list)
    excluded: list[tuple[str, Item]] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty_message: str | None = None

    @property
    def state(self) -> str:
        if not self.review:
            return "unreviewed"
        return "changed" if self.review.changed else "reviewed"


@dataclass
class Page:
    spec: Spec
    sections: list[PageSection]
    warnings: list[str]


def build_page(spec_path: Path) -> Page:
    """Load the spec and its speeches and lay out the page (raises what a build would)."""
    spec = load_spec(spec_path)
    speeches = load_speeches(spec)
    data = manifest.read(spec.places.manifest) or {}
    made = assembly(spec, speeches, data.get("reviews", {}).get("adopted", {}))
    return Page(spec, [_section(spec, made, i, speeches) for i in range(len(spec.sections))],
                made.brief.warnings)


def _section(spec: Spec, made: Assembly, index: int, speeches: dict[str, Speech]) -> PageSection:
    section = made.brief.sections[index]
    params = spec.sections[index]
    extracted = signoff.is_extracted(section)
    page = PageSection(index, section.title, section.type, extracted, section.fingerprint,
                       section.review, notes=section.notes, empty_message=section.empty_message)
    if not extracted:
        return page
    chosen = [speeches[i] for i in spec.section_speeches(params, speeches)]
    curation = made.curations[index]
    added = {id(item): quote for quote, item in curation.included} if curation else {}
    page.rows = [Row(item, context(item, speeches), _exclude_quote(item, section.items),
                     added.get(id(item))) for item in section.items]
    page.excluded = curation.excluded if curation else []
    page.paragraphs = _candidates(chosen, section.items)
    return page


def _exclude_quote(item: Item, items: list[Item]) -> str | None:
    """The shortest quote that names this item alone: its headline, else its whole text."""
    for quote in (item.headline, item.text):
        hits = curate.excluded_by(quote, [i for i in items if not i.included])
        if any(hit is item for hit in hits) and len(curate.one_per_place(hits)) == 1:
            return quote
    return None


def context(item: Item, speeches: dict[str, Speech]) -> Context | None:
    """The item's source paragraph with the quoted part marked, and the sentences around it."""
    speech = speeches.get(item.source.speech)
    if speech is None:
        return None
    blocks = speech.blocks
    at = next((n for n, b in enumerate(blocks) if b.paragraph == item.source.paragraph), None)
    if at is None:
        return None
    block = blocks[at]
    found = curate.spans(item.text.split("\n\n")[0], block.text)
    start, end = found[0] if found else (0, 0)
    return Context(speech.label, block.paragraph, block.page,
                   _last_sentence(blocks[:at]), block.text[:start], block.text[start:end],
                   block.text[end:], _first_sentence(blocks[at + 1:]))


def _last_sentence(blocks: list[Block]) -> str:
    for block in reversed(blocks):
        spans = sentence_spans(block.text)
        if spans:
            return block.text[spans[-1][0]:spans[-1][1]]
    return ""


def _first_sentence(blocks: list[Block]) -> str:
    for block in blocks:
        spans = sentence_spans(block.text)
        if spans:
            return block.text[spans[0][0]:spans[0][1]]
    return ""


def _candidates(speeches: list[Speech], items: list[Item]) -> list[Paragraph]:
    """Every sentence of the speeches that no item's text holds, paragraph by paragraph."""
    held = [curate.folded(item.text) for item in items]
    blocks = [(speech, block) for speech in speeches for block in speech.blocks]
    corpus = [curate.folded(block.text) for _speech, block in blocks]
    paragraphs = []
    for speech, block in blocks:
        offered = []
        for start, end in sentence_spans(block.text):
            text = block.text[start:end]
            key = curate.folded(text)
            if not key or any(curate.find_all(key, h) for h in held):
                continue
            count = sum(len(curate.find_all(key, folded)) for folded in corpus)
            offered.append(Sentence(text, count == 1))
        if offered:
            paragraphs.append(Paragraph(speech.label, block.paragraph, block.page, offered))
    return paragraphs

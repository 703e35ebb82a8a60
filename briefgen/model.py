"""The data that flows through the pipeline: speeches in, a format-neutral brief out.

Plain dataclasses; pydantic is used only at the spec boundary. Templates see
these objects (see templates/README.md), so field names are part of the
template contract.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "item"]
Body = Literal["full", "first-paragraph", "none"]
_ACRONYM = re.compile(r"\([^)]*\)")  # "(IOM)" after a name
_NOT_WORD = re.compile(r"\W+")

METADATA_FIELDS = (
    "title",
    "speaker",
    "role",
    "organisation",
    "event",
    "date",
    "place",
    "language",
    "reference",
    "status",
    "source",
)


@dataclass
class Block:
    """One heading, paragraph or list item of a speech after normalisation."""

    text: str
    kind: BlockKind = "paragraph"
    paragraph: int = 0  # 1-based ordinal among the speech body's blocks
    marker: str | None = None  # list marker as written: "1.", "(a)", "-", "o"
    level: int = 0  # list nesting level (0 = top)
    page: int | None = None


@dataclass
class Metadata:
    """What a brief needs to say about a speech; `detected` names fields read from the text
    (now, or by `briefgen speeches add` and not checked since)."""

    title: str | None = None
    speaker: str | None = None
    role: str | None = None
    organisation: str | None = None
    event: str | None = None
    date: str | None = None  # ISO 8601
    place: str | None = None
    language: str | None = None
    reference: str | None = None
    status: str | None = None
    source: str | None = None
    short_title: str | None = None
    detected: list[str] = field(default_factory=list)
    # The lines before the speech proper as read (letterhead, title, byline): the evidence of
    # who speaks (briefgen/extract/voice.py). Never from a sidecar; not shown in briefs.
    header: list[str] = field(default_factory=list)

    @property
    def who(self) -> str:
        """Speaker, role and organisation in one line, each named once.

        A part that another part already names is left out: the organisation in "Director
        General, International Organization for Migration", or a role that is only the
        organisation's name; of two that name the same, the longer ("... (IOM)") is kept.
        """
        parts = [part for part in (self.speaker, self.role, self.organisation) if part]
        return ", ".join(_each_once(parts))

    def missing(self) -> list[str]:
        """Fields a reader of the brief expects: title, the short title every citation
        prints, who spoke, event and date."""
        have = {"title": self.title, "short_title": self.short_title,
                "speaker/organisation": self.speaker or self.organisation,
                "event": self.event, "date": self.date}
        return [name for name, value in have.items() if not value]


def _each_once(parts: list[str]) -> list[str]:
    """The parts that no other part names (compared word by word, see `_name_key`)."""
    keys = [_name_key(part) for part in parts]

    def named_elsewhere(i: int) -> bool:
        for j, other in enumerate(keys):
            if j == i or not keys[i]:
                continue
            if other == keys[i]:  # the same name twice: keep the longer, else the later
                if (len(parts[j]), j) > (len(parts[i]), i):
                    return True
            elif f" {keys[i]} " in f" {other} ":
                return True
        return False

    return [part for i, part in enumerate(parts) if not named_elsewhere(i)]


def _name_key(name: str) -> str:
    """A name as its words: case, punctuation and a bracketed acronym ("(IOM)") ignored."""
    return " ".join(_NOT_WORD.sub(" ", _ACRONYM.sub(" ", name)).casefold().split())


@dataclass
class Speech:
    """A normalised speech: metadata plus body blocks (letterhead and contact lines excluded)."""

    id: str
    path: Path
    metadata: Metadata
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """A short human name for citations: short title, else title, else id."""
        meta = self.metadata
        return meta.short_title or meta.title or self.id

    @property
    def words(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)


@dataclass(frozen=True)
class Source:
    """Where an item comes from: the speech, its paragraph ordinal and page (if known)."""

    speech: str
    paragraph: int
    page: int | None = None


@dataclass(frozen=True)
class Run:
    """A piece of an item's text; `term` names the spec term it matches (shown emphasised)."""

    text: str
    term: str | None = None


@dataclass
class Item:
    """One extracted point, quoted verbatim with its source."""

    number: int
    headline: str
    text: str
    source: Source
    subitems: list[str] = field(default_factory=list)
    topic: str | None = None
    stance: str | None = None
    included: bool = False  # added by the spec's `include:`, not found by the extractor
    citation: int | None = None  # number of the brief's citation for this item
    new: bool = False  # not in the previous build of this brief
    why: str | None = None  # the rule that took it (positions: the stance rule that fired)
    body: Body = "full"  # how much of `text` a brief prints (the section's `body` option)
    # The text in pieces, the matched terms apart (mentions); empty: print `text` as it is.
    runs: list[Run] = field(default_factory=list)
    mark: str | None = None  # a short label: "new", "restated", "not expanded in the sources"
    earlier: Source | None = None  # evolution: the earlier statement a restated position echoes
    earlier_citation: int | None = None  # number of the brief's citation for `earlier`

    @property
    def mid_sentence(self) -> bool:
        """The headline starts mid-sentence (its first letter is lower-case, as in "as a
        number of you said ..."): templates print an ellipsis before it, never in `text`."""
        first = next((char for char in self.headline if char.isalnum()), "")
        return first.islower()


@dataclass(frozen=True)
class Span:
    """A piece of hand-written text with its Markdown emphasis (`**bold**`, `*italic*`)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Reason:
    """Why one sentence (or part, or speech) was taken into a section or left out."""

    speech: str
    paragraph: int | None  # None: the reason covers a whole speech or part
    text: str  # the sentence, or the part's heading / the speech's label
    taken: bool
    rule: str


@dataclass
class Paragraph:
    """A paragraph of hand-written text in a `text` section; `spans` carry its emphasis."""

    text: str
    kind: Literal["paragraph", "bullet", "number"] = "paragraph"
    spans: list[Span] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.spans:
            self.spans = [Span(self.text)]


@dataclass
class Review:
    """A sign-off of a section (`reviewed:` in the spec) and whether it still holds."""

    by: str
    on: str  # ISO 8601 date
    changed: bool = False  # the items are no longer those the review saw
    whole_brief: bool = False  # the spec's top-level `reviewed:`, not the section's own


@dataclass
class Section:
    """One section of a brief: extracted items, or hand-written paragraphs."""

    type: str
    title: str
    items: list[Item] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    speeches: list[str] = field(default_factory=list)
    announced_count: int | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    empty_message: str | None = None  # shown instead of items when nothing was found
    fingerprint: str = ""  # digest of the items (extracted sections), what a review records
    review: Review | None = None  # None: not reviewed (or not a section that quotes speeches)
    explanation: list[Reason] = field(default_factory=list)  # `briefgen extract --explain`

    def extend(self, items: list[Item]) -> None:
        """Append items from one more speech, numbering them through the section."""
        for item in items:
            item.number = len(self.items) + 1
            self.items.append(item)

    @property
    def topics(self) -> list[tuple[str | None, list[Item]]]:
        """Items grouped by topic, in order of first appearance."""
        groups: dict[str | None, list[Item]] = {}
        for item in self.items:
            groups.setdefault(item.topic, []).append(item)
        return list(groups.items())


@dataclass
class Citation:
    """A numbered reference to a place in a speech, listed at the end of the brief."""

    number: int
    speech: str
    label: str
    paragraph: int
    page: int | None

    @property
    def text(self) -> str:
        where = f"para. {self.paragraph}"
        if self.page is not None:
            where += f", p. {self.page}"
        return f"{self.label}, {where}"


@dataclass
class SourceEntry:
    """A speech the brief draws on, as listed in its sources annex."""

    id: str
    label: str
    metadata: Metadata
    path: str


@dataclass
class BriefInfo:
    """The header block of a brief, from the spec."""

    title: str
    classification: str
    delegation: str | None = None
    meeting: str | None = None
    date: str | None = None
    place: str | None = None
    author: str | None = None
    ministry: str | None = None
    unit: str | None = None
    reference: str | None = None
    contact: str | None = None
    subject: str | None = None
    keywords: list[str] = field(default_factory=list)
    language: str = "en"
    draft: bool = False  # the spec's `draft: auto` is decided by the build
    pdf_variant: str = "pdf/ua-1"  # WeasyPrint variant; "pdf/a-3b" on request


@dataclass
class Brief:
    """The whole document, format-neutral: what every renderer receives."""

    info: BriefInfo
    sections: list[Section]
    citations: list[Citation]
    sources: list[SourceEntry]
    warnings: list[str] = field(default_factory=list)
    stamp: str = ""  # build stamp derived from the inputs, never the clock

    def to_dict(self) -> dict[str, Any]:
        """The brief as data (the JSON format); the reasons for every sentence a section read
        (`Section.explanation`, for `briefgen extract --explain`) and the speeches' header
        lines are working material, not part of the document."""
        data = asdict(self)
        for section in data["sections"]:
            section.pop("explanation", None)
        for source in data["sources"]:
            source["metadata"].pop("header", None)
        return data

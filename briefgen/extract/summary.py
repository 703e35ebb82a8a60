"""The most central sentences of a speech, quoted in speech order (for speeches with no list).

TextRank (Mihalcea and Tarau, 2004): sentences are nodes, shared content words
weigh the edges, and PageRank finds the sentences the rest of the speech
echoes. The graph is small (one speech), so a few power iterations in plain
Python beat importing a graph library.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import Field

from briefgen.corpus.normalise import is_salutation
from briefgen.errors import SpeechError
from briefgen.extract.base import SectionParams
from briefgen.model import Block, Item, Section, Source, Speech
from briefgen.sentences import sentences

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "let",
        "me",
        "more",
        "most",
        "my",
        "no",
        "not",
        "now",
        "of",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "us",
    ]
)
_WORD = re.compile(r"[a-z][a-z'-]+")
MIN_WORDS = 8
# TextRank compares every sentence with every other: 1,000 take seconds, 75,000 (a 10 MB
# file) would take hours and gigabytes. Speeches have tens to a few hundred.
MAX_SENTENCES = 1000


class Params(SectionParams):
    type: Literal["summary"]
    sentences: int = Field(5, ge=1, le=30, description="How many sentences to quote per speech.")


def _words(sentence: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(sentence.lower()) if w not in STOPWORDS}


def _candidates(speech: Speech) -> list[tuple[str, Block]]:
    """Sentences worth quoting: from paragraphs and points, not salutations or thanks."""
    found = []
    for block in speech.blocks:
        if block.kind == "heading" or is_salutation(block.text):
            continue
        for sentence in sentences(block.text):
            if len(sentence.split()) >= MIN_WORDS and not sentence.lower().startswith("thank"):
                found.append((sentence, block))
    return found


def rank(texts: list[str], iterations: int = 40, damping: float = 0.85) -> list[float]:
    """PageRank scores of sentences over a word-overlap similarity graph."""
    bags = [_words(t) for t in texts]
    n = len(bags)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            shared = len(bags[i] & bags[j])
            if shared and len(bags[i]) > 1 and len(bags[j]) > 1:
                weight = shared / (math.log(len(bags[i])) + math.log(len(bags[j])))
                weights[i][j] = weights[j][i] = weight
    totals = [sum(row) or 1.0 for row in weights]
    # The links of each sentence, in order: zero weights add nothing to the sums below.
    links = [[(j, w, totals[j]) for j, w in enumerate(row) if w] for row in weights]
    scores = [1.0 / n] * n if n else []
    for _ in range(iterations):
        scores = [
            (1 - damping) / n + damping * sum(w * scores[j] / t for j, w, t in linked)
            for linked in links
        ]
    return scores


def summarise(speech: Speech, count: int) -> list[Item]:
    candidates = _candidates(speech)
    if len(candidates) > MAX_SENTENCES:
        raise SpeechError(f"too long to summarise: {len(candidates)} sentences (the limit is "
                          f"{MAX_SENTENCES}); summarise a shorter part of it", str(speech.path))
    scores = rank([text for text, _ in candidates])
    best = sorted(sorted(range(len(candidates)), key=lambda i: -scores[i])[:count])
    items = []
    for number, index in enumerate(best, 1):
        text, block = candidates[index]
        items.append(Item(number, text, text, Source(speech.id, block.paragraph, block.page)))
    return items


def extract(speeches: list[Speech], params: Params) -> Section:
    section = Section(type="summary", title=params.title, speeches=[s.id for s in speeches])
    for speech in speeches:
        section.extend(summarise(speech, params.sentences))
    if not section.items:
        names = ", ".join(s.label for s in speeches) or "the selected speeches"
        section.empty_message = f"No sentences to summarise in {names}."
    return section

"""Inline markup that Word-to-Markdown and HTML exports leave in the text."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
# **bold**, __bold__, *italic*, _italic_: the markers, not the words, and only where they
# open or close a span (so snake_case and "5 * 3" survive).
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EMPH = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])", re.S)
_STRAY_STARS = re.compile(r"\*\*+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f]+")


def is_emphasised(text: str) -> bool:
    """Whether a whole line is one bold or italic span (a heading in Word-exported Markdown)."""
    text = text.strip()
    return bool(re.fullmatch(r"(\*\*|__|\*|_)[^*_]+\1:?", text))


def strip_markup(text: str) -> str:
    """Remove emphasis markers and inline HTML, unescape entities, fold white space."""
    text = _BREAK_TAG.sub(" ", text)
    text = _TAG.sub("", text)
    for _ in range(2):  # nested spans: ***x*** or **a *b* c**
        text = _STRONG.sub(r"\2", text)
        text = _EMPH.sub(r"\2", text)
    text = _STRAY_STARS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()

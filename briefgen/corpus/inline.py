"""Inline markup that Word-to-Markdown and HTML exports leave in the text."""

from __future__ import annotations

import html
import re

# The formatting tags that exports leave in text; anything else (`<script>`, `<img ...>`) is
# the speech's own words and stays, to be shown literally (escaped) in every format.
_TAG = re.compile(r"</?(?:a|abbr|b|big|br|cite|code|del|dfn|div|em|font|h[1-6]|i|ins|kbd|mark"
                  r"|p|q|s|samp|small|span|strike|strong|sub|sup|tt|u|var)(?:\s[^<>]*)?/?>", re.I)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
# **bold**, __bold__, *italic*, _italic_: the markers, not the words, and only where they
# open or close a span (so snake_case and "5 * 3" survive).
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EMPH = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])", re.S)
_EMPHASISED = re.compile(r"(\*\*|__|\*|_)[^*_]+\1:?")
_STRAY_STARS = re.compile(r"\*\*+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f]+")
# Anything strip_markup would change besides the ends: text without it is only stripped.
_MARKUP_OR_SPACES = re.compile(r"[<*_\\&\t\u00a0\u2002-\u200a\u202f]|  ")
# What the markup steps of strip_all_markup look for: text without any has only spaces to fold.
_MARKUP = re.compile(r"[<*_\\&]")


def is_emphasised(text: str) -> bool:
    """Whether a whole line is one bold or italic span (a heading in Word-exported Markdown)."""
    return bool(_EMPHASISED.fullmatch(text.strip()))


def strip_markup(text: str) -> str:
    """Remove emphasis markers and inline HTML, unescape entities, fold white space."""
    if not _MARKUP_OR_SPACES.search(text):
        return text.strip()  # the usual line: plain words with single spaces
    if not _MARKUP.search(text):
        return _SPACES.sub(" ", text).strip()  # plain words, some spaces to fold
    return strip_all_markup(text)


def strip_all_markup(text: str) -> str:
    """strip_markup without its shortcut for plain text (the tests compare the two)."""
    text = _BREAK_TAG.sub(" ", text)
    text = _TAG.sub("", text)
    for _ in range(2):  # nested spans: ***x*** or **a *b* c**
        text = _STRONG.sub(r"\2", text)
        text = _EMPH.sub(r"\2", text)
    text = _STRAY_STARS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()

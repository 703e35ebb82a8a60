"""Who is speaking, as a speech's header writes it: a person's name, their role, their
organisation, on one line or several, with or without commas.

Word and PDF conversions often join the header's lines into one ("William Lacy Swing
Director General International Organization for Migration"), or glue the next line's
ALL-CAPS event name to the role. These rules split such a line back into its parts:

- a name is two to five capitalised words at the start, before the first word of a role;
- an organisation is the last run of capitalised words that holds a word organisations
  are named by (Organization, Ministry, Office, Network, Nations, ...), and no number
  (meetings have those), unless the role leads into it ("Representative of ... to the
  United Nations": it is the role's object);
- an ALL-CAPS run of three words or more after mixed-case text is a line of its own.
"""

from __future__ import annotations

import re

ROLE_WORDS = re.compile(
    r"^(?:director|general|deputy|assistant|secretary|under-secretary|minister|ambassador"
    r"|representative|permanent|special|president|vice-president|vice|chair|chairperson"
    r"|co-chair|coordinator|commissioner|high|head|chief|executive|envoy|spokesperson"
    r"|rapporteur|moderator|officer|adviser|advisor|counsellor|counselor|delegate|senior"
    r"|principal|regional|acting|first|state)(?:-general)?$",
    re.I,
)
ORGANISATION_WORDS = re.compile(
    r"^(?:organi[sz]ation|organi[sz]ations|ministry|ministries|office|offices|department"
    r"|division|mission|embassy|network|nations|agency|programme|program|fund|bank|union"
    r"|secretariat|institute|committee|commission|government|delegation|unit|bureau"
    r"|authority|foundation|association|federation|centre|center|council)$",
    re.I,
)
CONNECTORS = {"of", "for", "on", "the", "and", "in", "de", "du", "des", "la", "le", "&"}
# A role ends before its organisation, never on a word that leads into one.
_LEADS_ON = {"of", "for", "to", "on", "the", "at", "in", "and", "with"}
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’-]+|[A-Z]\.|de|van|von|da|del|al|bin|ibn)$")
_CAPS_RUN = re.compile(r"(?:\s|^)((?:[A-Z][A-Z'’&-]+\b[\s,]*){3,})$")


def split_caps_tail(text: str) -> list[str]:
    """'... on International Migration INTERNATIONAL DIALOGUE ON MIGRATION' as two lines."""
    match = _CAPS_RUN.search(text)
    if not match or not re.search(r"\b[A-Za-z]?[a-z]{2,}", text[: match.start(1)]):
        return [text]  # all capitals, or only an ordinal before them ("77th WORLD ...")
    head, tail = text[: match.start(1)].rstrip(" ,;–-"), match.group(1).strip(" ,")
    return [head, tail] if len(re.sub(r"\W", "", tail)) >= 12 else [text]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def organisation_start(words: list[str]) -> int | None:
    """Where the trailing organisation begins among `words`, or None when there is none."""
    start = None
    for i in range(len(words) - 1, -1, -1):
        word = words[i].strip(",;()")
        if not word:
            return None
        if word.lower() in CONNECTORS and i:
            continue
        if not _capitalised(word) or ROLE_WORDS.match(word):
            break
        start = i
    if start is None:
        return None
    while start < len(words) and words[start].lower() in CONNECTORS:
        start += 1
    found = words[start:]
    if not any(ORGANISATION_WORDS.match(w.strip(",;()")) for w in found):
        return None
    return start


def is_organisation(text: str) -> bool:
    """A line that names an organisation and nothing else: 'United Nations Network on Migration'."""
    words = text.split()
    if not words or len(words) > 10 or re.search(r"\d", text):
        return False  # numbers name meetings ("89th Standing Committee"), not organisations
    return organisation_start(words) == 0


def split_role(text: str) -> tuple[str | None, str | None]:
    """(role, organisation) of 'Director General, International Organization for Migration'."""
    head, comma, tail = text.rpartition(",")
    if comma and is_organisation(tail.strip()):
        return head.strip() or None, tail.strip()
    words = text.split()
    start = organisation_start(words)
    if start is None or start == 0:
        return (None, text.strip()) if start == 0 else (text.strip() or None, None)
    if words[start - 1].lower().strip(",") in _LEADS_ON:
        return text.strip(), None  # "Representative of Sweden to the United Nations"
    return " ".join(words[:start]).strip(" ,") or None, " ".join(words[start:])


def _titled(word: str) -> bool:
    """A word of a role or an organisation, which no name has."""
    return bool(ROLE_WORDS.match(word) or ORGANISATION_WORDS.match(word))


def split_name(text: str) -> tuple[str, str] | None:
    """(name, rest) when `text` starts with a person's name followed by a role or nothing:
    'William Lacy Swing Director General ...' or 'Louise Arbour, Special Representative ...'."""
    head, comma, rest = text.partition(",")
    words = head.split()
    if comma and 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) and not _titled(w)
                                              for w in words):
        return head.strip(), rest.strip()
    name: list[str] = []
    for word in text.split():
        if _titled(word.strip(",")):
            break
        if not _NAME_WORD.match(word.strip(",")) or len(name) == 5:
            return None
        name.append(word.strip(","))
        if word.endswith(","):
            break
    if len(name) < 2 or not _NAME_WORD.match(name[-1]) or name[-1][0].islower():
        return None
    rest = text.split(None, len(name))[len(name):]
    tail = rest[0].strip(" ,") if rest else ""
    # What follows a name is a role ("Director General ...") or an organisation, nothing else.
    if tail and not ROLE_WORDS.match(tail.split()[0]) and not is_organisation(tail):
        return None
    return " ".join(name), tail


# A statement's speaker named as the subject of its stances: "Sweden supports ...".
_STANCE_SUBJECT = re.compile(
    r"^(?:the\s+)?(?P<who>[A-Z][\w’'-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w’'-]*){0,3})\s+"
    r"(?:also\s+|strongly\s+|fully\s+|therefore\s+)?"
    r"(?:aligns|supports|welcomes|calls|urges|advocates|appreciates|wants|wishes|believes"
    r"|encourages|recogni[sz]es|reiterates|underlines|stresses|emphasi[sz]es|regrets"
    r"|remains|is\s+committed|reaffirms|commends|proposes|endorses|shares|takes\s+note)\b"
)
_NOT_AN_ACTOR = {"it", "this", "that", "there", "he", "she", "which", "who", "everyone",
                 "each", "all", "one", "nobody"}


def stated_by(paragraphs: list[str]) -> str | None:
    """The name that opens the most paragraphs as the subject of a stance ('Sweden aligns
    itself ...', 'Sweden supports ...'), when it does so at least twice and more often than
    any other: a guess at whose statement a speech with no byline is."""
    counts: dict[str, int] = {}
    for text in paragraphs:
        match = _STANCE_SUBJECT.match(text)
        if match and match.group("who").split()[0].lower() not in _NOT_AN_ACTOR:
            who = match.group("who")
            counts[who] = counts.get(who, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]

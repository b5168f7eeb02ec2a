"""Actors and coreference within one article: named people and bodies, their aliases
('Kerry' -> 'John Kerry'), titles and genders, and what a pronoun or a description refers to."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from extract.rules.gender import Gender, gender_of, pronoun_gender
from extract.rules.lexicons import AGENT_NOUNS, BODY_NOUNS, HONORIFICS, PRONOUNS, ROLE_NOUNS
from extract.rules.parse import inside, phrase
from extract.schemas import Resolution

_OBJECT_DEPS = {"pobj", "dobj", "dative", "iobj", "attr"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_POSSESSIVE = {"his": "he", "her": "she", "their": "they"}
_SUBORDINATE = {"ccomp", "advcl", "xcomp", "relcl", "acl", "pcomp"}
_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
_TITLES = re.compile(r"^(the |mr\.? |mrs\.? |ms\.? |dr\.? |president |secretary )+", re.I)


@dataclass(frozen=True)
class ActorRef:
    """A canonical actor name and kind."""

    name: str
    kind: str


def canonical(name: str) -> str:
    """A name without titles, possessive 's, quote marks or stray punctuation at its ends."""
    name = re.sub(r"[\"\\\u201c\u201d]", "", name)
    name = _TITLES.sub("", name.strip().strip(" ,;:-(")).strip().strip(" ,;:-(")  # a no-break space too
    return re.sub(r"['\u2019]s$", "", name)


def resolution(source: str, ref: ActorRef) -> Resolution:
    """How ``ref`` was found from the source mention as written ('he', 'Mr Lavrov', 'the Russian
    foreign minister'): a pronoun, the full name, another form of it, or a description; an actor
    of no known kind is the description itself, no named antecedent."""
    low = canonical(source).lower()
    if low in PRONOUNS or low in ("who", "which", "that"):
        return Resolution.PRONOUN
    if ref.kind == "other":
        return Resolution.UNRESOLVED
    name = ref.name.lower()
    if name in low:
        return Resolution.NAMED
    if set(re.findall(r"\w+", name)) & set(re.findall(r"\w+", low)):
        return Resolution.ALIAS
    return Resolution.DESCRIPTION


class Actors:
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
        self.subject_sentence: list[int] = []  # each subject's sentence (its first token)
        self.subject_embedded: list[bool] = []  # whether it is the subject of a subordinate clause
        # What a 'they' refers back to: groups ('Republicans') and pairs ('Mr. Rubio and Mr. Cruz')
        # named outside quotes and not as an object.
        self.plurals: list[tuple[int, ActorRef]] = []
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
            narrated = not quoted_here and _role(ent.root) not in _OBJECT_DEPS
            if ref.kind == "person" and narrated:
                self.subjects.append((ent.start_char, ref))
                self.subject_sentence.append(self.sentence_of[ent.root.i].start)
                self.subject_embedded.append(_embedded(ent.root))
            if ref.kind == "group" and narrated and _role(ent.root) in _SUBJECT_DEPS:
                self.plurals.append((ent.start_char, ref))  # 'Republicans say', not 'Syrian President
            if ref.kind == "person":
                before = _title_words(doc, ent.start)
                self.titles.setdefault(ref, set()).update(before - HONORIFICS)
                if (gender := gender_of(ref.name, before)) is not None:
                    self.genders.setdefault(ref, gender)
        for ent in doc.ents:  # pairs of people as a subject, once every name is known
            if _role(ent.root) not in _SUBJECT_DEPS or inside(quoted, ent.start_char):
                continue
            first = self.by_token.get(ent.root.i)
            others = [self.by_token.get(c.i) for c in ent.root.children if c.dep_ == "conj"]
            pair = [r for r in [first, *others] if r is not None and r.kind == "person"]
            if len(pair) == 2 and first in pair and pair[0] != pair[1]:
                self.plurals.append((ent.start_char, ActorRef(" and ".join(r.name for r in pair), "group")))
        self.plurals.sort(key=lambda p: p[0])
        # Lookups by position and by alias, built once (the article can be long).
        self.plural_at = [s for s, _ in self.plurals]
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
        definite = any(t.lower_ in ("the", "his", "her") for t in tok.children)
        if tok.pos_ == "PROPN" and tok.lemma_.lower() in ROLE_NOUNS and definite:
            # "the US Secretary of State": a title the parser takes for a name, of a person named
            # earlier with it
            title = [t for t in tok.subtree if t.i <= tok.i or t.head.lower_ == "of" or t.lower_ == "of"]
            named = {t.lower_ for t in title if t.dep_ not in ("det", "punct")} - {"of"}
            if (titled := self.described(named, tok.idx, salient=False)) is not None:
                return titled
        if tok.pos_ == "NOUN":
            # A named possessor stays with its noun ("Germany's foreign minister", not "'s
            # foreign minister"); a pronoun's ("his spokesman") adds nothing a reader can use.
            mine = {t.i for c in tok.children if c.dep_ == "poss" and c.tag_ == "PRP$" for t in c.subtree}
            words = [
                t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct") and t.i not in mine
            ]
            if any(t.lower_ in ("two", "both") for t in tok.children) and tok.tag_ == "NNS":
                # "the two men", "both leaders": the last two people named.
                pair = self.last_people(2, tok.idx)
                if len(pair) == 2:
                    return ActorRef(" and ".join(r.name for r in pair), "group")
            if tok.lemma_.lower() in ROLE_NOUNS and definite and tok.tag_ == "NN":
                # "the Russian foreign minister": a titled person named earlier.
                return self.described({t.lower_ for t in words}, tok.idx)
            if tok.lemma_.lower() in BODY_NOUNS and definite:
                # "the company", "the companies": the organisations named last.
                bodies = self.last_named("organization", 2 if tok.tag_ == "NNS" else 1, tok.idx)
                if len(bodies) == (2 if tok.tag_ == "NNS" else 1):
                    return ActorRef(" and ".join(r.name for r in bodies), bodies[0].kind)
            # "a senior State Department official": the description is the speaker, as written
            # ("Sixty-six percent") and within its line. A bare possessed noun ("the judge's
            # concern that ...") has no words of its own: no one.
            if not words:
                return None
            written = self.text[words[0].idx : tok.idx + len(tok.text)].rsplit("\n", 1)[-1].strip()
            return ActorRef(written, "other") if written else None
        return self.resolve(phrase(tok), tok.idx)

    def agent(self, tok: Any | None) -> ActorRef | None:
        """:meth:`resolve_token` for a token that can act: a name, a pronoun for a person, or a
        noun for people ('officials'), not 'the talks' or 'such sanctions'."""
        if tok is None:
            return None
        if tok.i in self.by_token or tok.lower_ in PRONOUNS or tok.lemma_.lower() in AGENT_NOUNS | ROLE_NOUNS:
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
        low = _POSSESSIVE.get(low, low)  # 'his contention that ...' is his
        if low == "they":
            return self.plural(at) or self.salient(at)
        if low in PRONOUNS:
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
        fits = [n for n in range(bisect_left(self.subject_at, at) - 1, -1, -1) if self._fits(n, gender)]
        if not fits:
            return None
        # 'Kasich predicted that Republicans will win if Sanders wins. "...," he said': the main
        # clause's subject of that sentence, not one inside its clause.
        main = (
            n
            for n in fits
            if self.subject_sentence[n] == self.subject_sentence[fits[0]] and not self.subject_embedded[n]
        )
        return self.subjects[next(main, fits[0])][1]

    def _fits(self, n: int, gender: Gender | None) -> bool:
        return gender is None or self.genders.get(self.subjects[n][1], gender) == gender

    def plural(self, at: int) -> ActorRef | None:
        """The group or pair a 'they' at ``at`` most likely means: the last one named before it."""
        n = bisect_left(self.plural_at, at) - 1
        return self.plurals[n][1] if n >= 0 else None

    def last_people(self, n: int, at: int) -> list[ActorRef]:
        """The last ``n`` different people named before ``at``, in the order they were named."""
        return self.last_named("person", n, at)

    def last_named(self, kind: str, n: int, at: int) -> list[ActorRef]:
        """The last ``n`` different actors of ``kind`` named before ``at``, in the order named."""
        found: list[ActorRef] = []
        for k in range(bisect_left(self.mention_at, at) - 1, -1, -1):
            ref = self.mentions[k][1]
            if ref.kind == kind and ref not in found:
                found.append(ref)
            if len(found) == n:
                break
        return found[::-1]

    def described(self, words: set[str], at: int, salient: bool = True) -> ActorRef | None:
        """The last person before ``at`` whose title has ``words``, else (``salient``) the salient
        one."""
        wanted = words - {"counterpart"}
        for n in range(bisect_left(self.subject_at, at) - 1, -1, -1):  # the nearest first
            ref = self.subjects[n][1]
            if wanted <= self.titles.get(ref, set()):
                return ref
        return self.salient(at) if salient else None

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


def _role(tok: Any) -> str:
    """The dependency a name fills, through appositions and lists: in 'her husband, Milton Berg'
    and 'Presidents Reagan and George W. Bush' the name is an object as its head is."""
    while tok.dep_ in ("appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return str(tok.dep_)


def _embedded(tok: Any) -> bool:
    """Whether a name is the subject of a subordinate clause ('predicted that Republicans will
    win if Sanders wins': Republicans and Sanders)."""
    head = tok.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return str(head.dep_) in _SUBORDINATE or any(a.dep_ in _SUBORDINATE for a in head.ancestors)


def _title_words(doc: Any, start: int) -> set[str]:
    """Lowercased title words right before a name: 'U.S. Secretary of State John Kerry'."""
    words: set[str] = set()
    i = start - 1
    while i >= 0 and start - i <= 6:
        tok = doc[i]
        if (
            tok.is_punct
            or tok.pos_ == "DET"
            or not (tok.is_title or tok.is_upper or tok.lower_ in ROLE_NOUNS or tok.lower_ == "of")
        ):
            break
        words.add(tok.lower_)
        i -= 1
    return words - {"of"}

"""Positions: who stands for or against whom or what, sentence by sentence.

Three readings of a sentence, each giving (holder, target) pairs:
- what a speaker says, thinks or wants (every attribution the pre-pass found, direct or
  reported): its speaker holds a position on each actor the words name;
- an evaluative predicate ('accused', 'praised', 'held up') or any verb between two actors: its
  agent holds a position on its patient, an actor or an issue;
- a stance word ('legitimate', 'counter-productive') in a clause: the clause's subject (or the
  quote's speaker) holds it on what the clause is about.
The stance itself is the lexicon's where a word says it, else left to :func:`decide_stance`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extract.rules.actors import ActorRef, Actors
from extract.rules.attribution import QuoteCandidate
from extract.rules.gender import pronoun_gender
from extract.rules.lexicons import (
    AGENT_NOUNS,
    CONTACT_VERBS,
    CUE_LEMMAS,
    EVALUATIVE_VERBS,
    PRONOUNS,
    REFUSING,
    ROLE_NOUNS,
    STANCE_AGENTS,
    STANCE_NOUNS,
    STANCE_WORDS,
)
from extract.rules.parse import agents, lines_of, phrase, subject

# Actors a quote's words name that its speaker can take a stance on (places are where, not whom).
_TARGET_KINDS = ("person", "organization", "group")
# Those a quote naming them is a stance on when no word of its cue says so. An institution a
# speaker names is mostly the scene ('turned over to the State Department', 'Congress would
# function'): on SEESAW train, 6 of 115 direct-quote pairs on an organization were annotated.
_SPOKEN_OF = ("person", "group")
# The prepositions whose object a verb acts upon: 'voted against the bill', 'sided with Pelosi'.
_TARGET_PREPS = {"against", "with", "to", "of", "for", "on", "at"}
# What a stance adjective is about: 'concerned about the annexation', 'critical of the plan'.
_ABOUT = {"about", "of", "over", "with", "to", "toward", "towards"}
# What a stance noun is about: 'annexation of Crimea', 'support for the bill', 'confidence in him'.
_NOUN_PREPS = {"of", "for", "to", "in", "against", "toward", "towards", "with", "on"}
_ISSUE_WORDS = 5  # an issue is named in a few words: the head and its nearest modifiers
# What an issue noun is about, after it: 'the plan to ...', 'funding for a wall'.
_ISSUE_PREPS = {"of", "for", "on", "over", "to", "against"}
SALIENT = 2  # mentions an actor needs for a quote naming it to count as a stance on it
# Words the parse can make a speaker that hold no position.
_UNHELD = {"his", "her", "its", "their", "our", "my", "it", "this", "that", "who", "which"}
_RELATIVE = {"who", "that", "which"}
_SUBJECTS = ("nsubj", "nsubjpass")
_OWNER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}  # names that can own what a stance is on
_OWNING = {"his", "her", "their", "its"}  # possessive pronouns
# Third-person pronouns a quote or an object may use for someone named before, as subject forms.
_PERSONAL = {"she": "she", "her": "she", "he": "he", "him": "he"}
_POSSESSIVE = {"his": "he"}  # 'her' is in _PERSONAL
# The readings, as a candidate's ``rule`` names them.
RULES = (
    "direct quote",  # a speaker's quoted words name an actor
    "reported speech",  # a speaker's reported words name an actor
    "evaluative verb",  # 'accused', 'praised', 'held up': agent on patient
    "passive",  # 'was endorsed by Trump'
    "object of a verb",  # any verb's agent on the actor it acts upon ('tapped Ms. Lynch')
    "stance word",  # 'legitimate', 'counter-productive', 'support for'
    "stance agent",  # 'critics of', 'Trump supporters', 'a rival of'
)


@dataclass
class PositionCandidate:
    sentence: str
    start: int
    holder: ActorRef
    target: ActorRef  # kind 'issue' when the target is not an actor
    cue: str
    stance: str | None  # the lexicon's polarity (flipped under negation), None when no word says
    holder_mention: str | None = None
    target_mention: str | None = None
    quote: str | None = None
    spoken: bool = False  # the holder's words are on the target, a person (see stance_of)
    rule: str = ""  # which reading found it (RULES): how benchmarks/position_errors.py sorts them


def _flip(polarity: str | None, negated: bool) -> str | None:
    if polarity is None or not negated:
        return polarity
    return {"support": "oppose", "oppose": "support"}[polarity]


def _negated(tok: Any) -> bool:
    """Negated, or an action its subject refuses ('refused to confirm her'), not both."""
    refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSING
    return any(c.dep_ == "neg" for c in tok.children) != refused


def _stance_word(tok: Any) -> str | None:
    """The lexicon's entry at ``tok``: its text, its lemma, or a hyphenated compound it starts
    ('counter-productive', which spaCy splits in three)."""
    doc = tok.doc
    joined = (
        doc[tok.i : tok.i + 3].text.lower() if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" else ""
    )
    return next((w for w in (tok.text.lower(), tok.lemma_.lower(), joined) if w in STANCE_WORDS), None)


def _issue(tok: Any) -> tuple[str, str]:
    """An issue in a few words, as written: the object's head with its nearest left modifiers
    ('her nomination', 'the immigration order') and the complement that says what it is about,
    when short ('the plan to increase taxes', 'funding for a border wall'); that text as its mention."""
    left = [t for t in tok.lefts if t.dep_ not in ("punct", "cc", "preconj") and t.i >= tok.i - _ISSUE_WORDS]
    first = left[0].i if left and left[0].i > tok.left_edge.i - 1 else tok.i
    last = tok.i
    about = next((c for c in tok.rights if c.dep_ in ("prep", "acl") and c.left_edge.i == tok.i + 1), None)
    if about is not None and (about.dep_ == "acl" or about.lower_ in _ISSUE_PREPS):
        end = about.right_edge.i
        if end - tok.i <= _ISSUE_WORDS and not any(t.is_punct for t in tok.doc[tok.i : end + 1]):
            last = end
    words = tok.doc[first : last + 1].text.strip()
    return words, words


Resolver = Callable[[int, str], "ActorRef | None"]  # offset, pronoun -> whom it means


def _target(tok: Any, actors: Actors, pronoun: Resolver) -> tuple[ActorRef, str] | None:
    """The actor or issue an object token names, with the words naming it."""
    if tok.i in actors.by_token:
        return actors.by_token[tok.i], _entity_text(tok)
    if (named := _untagged(tok, actors)) is not None:
        return named, tok.text
    if tok.lower_ in _PERSONAL or tok.lower_ in _POSSESSIVE:
        found = pronoun(tok.idx, _PERSONAL.get(tok.lower_) or _POSSESSIVE[tok.lower_])
        return (found, tok.text) if found is not None else None
    if tok.pos_ in ("NOUN", "PROPN") and not tok.like_num and tok.ent_type_ not in ("DATE", "TIME", "MONEY"):
        words, mention = _issue(tok)
        return ActorRef(words, "issue"), mention
    if tok.pos_ == "VERB" and tok.dep_ == "xcomp":  # an action: 'negotiate with Russia'
        end = min(tok.right_edge.i, tok.i + _ISSUE_WORDS)
        words = tok.doc[tok.i : end + 1].text.strip(" ,.;")
        return ActorRef(words, "issue"), words
    return None


def _untagged(tok: Any, actors: Actors) -> ActorRef | None:
    """A name the tagger missed here but found elsewhere in the article ('Pelosi's support' after
    'Nancy Pelosi'): a proper noun that is one of its actors' aliases."""
    return actors.by_alias.get(tok.lower_) if tok.pos_ == "PROPN" else None


def _descriptive(tok: Any) -> bool:
    """A name that describes someone else rather than standing for itself: 'Patty Murray, a
    Democrat from Washington', 'a Texas Republican', 'Republican senators'."""
    if tok.dep_ == "poss" and tok.head.pos_ == "NOUN":
        return False  # 'Mrs. Clinton's response': words on what she owns are on her (see _owners)
    if tok.dep_ in ("amod", "compound", "npadvmod", "nmod", "poss") and tok.head.ent_type_ != tok.ent_type_:
        return True
    head = tok
    for _ in range(3):
        if head.dep_ == "appos":
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _about(tok: Any, verb: Any, line: Any, holder_tok: Any) -> Any | None:
    """The token a stance word is about: the object of a verb ('will not recognise the results'),
    the subject an adjective describes ('the Crimea referendum is not legitimate'), the object of
    a noun's preposition ('annexation of Crimea', 'her support for the bill'), else the subject of
    the clause under the speech verb."""
    if tok.pos_ == "VERB":
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
    # 'willing to negotiate with Russia': what the adjective is ready for, an action
    action = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if tok.pos_ == "ADJ" and action is not None:
        return action
    preps = _NOUN_PREPS if tok.pos_ == "NOUN" else _ABOUT if tok.pos_ == "ADJ" else set()
    # 'concerned about the annexation', 'critical of the plan', 'confidence in his ability'
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is not None:
        return pobj
    own = subject(tok.head) if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd", "attr") else None
    if own is not None and own.i != holder_tok.i and own.pos_ != "PRON":
        return own
    about = subject(verb) if verb != line.root else None
    if about is not None and about.i != holder_tok.i:
        return about
    return None


def _negated_at(tok: Any) -> bool:
    """Negation in a stance word's own clause, up to its nearest verb ('is not legitimate',
    'without support', 'no confidence'), not in another one ('will not recognise the results,
    and ... it will amount to backdoor annexation of Crimea')."""
    chain = [tok]
    if tok.pos_ not in ("VERB", "AUX"):
        for a in tok.ancestors:
            chain.append(a)
            if a.pos_ in ("VERB", "AUX"):
                break
    return any(t.dep_ == "neg" or t.lower_ in ("without", "no") for c in chain for t in (c, *c.children))


def _owners(tok: Any) -> list[Any]:
    """Who owns what a stance is on ('held up her nomination', 'critical of Obama's progress'):
    the possessor of a common noun, a stance on it being one on its owner too; 'the comments of
    Barack Obama' is his as 'Obama's comments' is (a name after 'of', not 'the use of force')."""
    if tok.pos_ != "NOUN":
        return []
    of = [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return [c for c in tok.children if c.dep_ == "poss"] + [g for g in of if g.ent_type_ in _OWNER_ENTS]


def _with_owners(
    objects: list[Any], resolve: Callable[[Any], Any], held: set[ActorRef]
) -> list[tuple[Any, Any]]:
    """Each object with its target, and its owners with theirs ('held up her nomination' is on
    her too). A topic someone else owns is a stance on its owner, not a second one on the topic
    ('attacked Obama's comments' is on Obama: on SEESAW train 4 of 67 such topics were annotated);
    the holder's own ('defended his plan') stays the topic."""
    out = []
    for obj in objects:
        found = resolve(obj)
        owned = [(o, f) for o in _owners(obj) if (f := resolve(o)) is not None and f[0].kind != "issue"]
        if found is not None and not (found[0].kind == "issue" and any(f[0] not in held for _, f in owned)):
            out.append((obj, found))
        out += owned
    return out


def _objects(verb: Any, phrasal: str = "") -> list[Any]:
    """A verb's patients: its objects, and the objects of its prepositions ('voted against the
    bill'), or of the phrasal verb's own one ('tore into McConnell') when it is one."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    preps = _TARGET_PREPS | set(phrasal.split()[1:])
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps):
        out += [c for c in prep.children if c.dep_ == "pobj"]
    # 'praised Ms. Lynch and Mr. Holder': each conjunct is a patient.
    return [t for o in out for t in (o, *o.conjuncts) if t.i >= o.i]


def _words(q: QuoteCandidate | None) -> str | None:
    return q.text if q is not None else None


def _cue_polarity(cue: str | None) -> str | None:
    """The evaluative lexicon's polarity for a quote's cue as written ('accused', 'praises')."""
    word = (cue or "").lower()
    forms = [word, *(word[: -len(end)] for end in ("ing", "ed", "es", "s", "d") if word.endswith(end))]
    forms += [f + "e" for f in forms[1:]]
    return next((EVALUATIVE_VERBS[f] for f in forms if f in EVALUATIVE_VERBS), None)


def _entity_text(tok: Any) -> str:
    """The whole entity a token stands in, as written ('Loretta Lynch' for 'Lynch')."""
    if not tok.ent_type_:
        return str(tok.text)
    i = tok.i
    while i > 0 and tok.doc[i].ent_iob_ == "I":
        i -= 1
    return _mention(tok.doc, i)


def _mention(doc: Any, i: int) -> str:
    """The entity mention starting at token ``i``, as written."""
    j = i
    while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
        j += 1
    return str(doc[i : j + 1].text)


class PositionFinder:
    """Finds the positions of one parsed article (see the module)."""

    def __init__(self, actors: Actors, quotes: list[QuoteCandidate]) -> None:
        self.actors = actors
        self.direct = sorted((q.start, q.start + len(q.text), q) for q in quotes if q.direct)
        self.direct_at = [(s, e) for s, e, _ in self.direct]
        # How often the article names each actor: one named in passing is seldom what a stance is on.
        self.named = Counter(ref for _, ref in actors.mentions)

    def quote_at(self, at: int) -> QuoteCandidate | None:
        """The direct quote around offset ``at``, if any."""
        n = bisect_right(self.direct_at, (at, float("inf"))) - 1
        return self.direct[n][2] if n >= 0 and self.direct[n][0] <= at < self.direct[n][1] else None

    def speaker_at(self, at: int) -> ActorRef | None:
        """The speaker of the direct quote around offset ``at``, if any."""
        q = self.quote_at(at)
        return q.speaker if q is not None else None

    def in_line(self, line: Any) -> list[PositionCandidate]:
        """The positions a sentence line states through its verbs and stance words."""
        found: list[PositionCandidate] = []
        for tok in line:
            # A speech verb's object is what was said, unless the verb itself evaluates ('accused').
            if tok.pos_ in ("VERB", "AUX") and (
                tok.lemma_ not in CUE_LEMMAS or EVALUATIVE_VERBS.get(tok.lemma_)
            ):
                found += self._predicate(line, tok)
            if (word := _stance_word(tok)) is not None:
                found += self._stance_word(line, tok, word)
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in STANCE_AGENTS:
                found += self._stance_agent(line, tok)
        return found

    def _stance_agent(self, line: Any, tok: Any) -> list[PositionCandidate]:
        """'critics of the plan', 'Trump supporters', 'Cruz, a rival of Trump': the people the
        noun names (or whom it is said of) on whom they are of, by the side the noun says."""
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        # 'Trump supporters': the tagger may take the name for a noun; an alias of an actor is it.
        whose = [
            c
            for c in tok.children
            if c.dep_ in ("poss", "compound") and (c.pos_ == "PROPN" or c.lower_ in self.actors.by_alias)
        ]
        ons = [t for t in (*of, *whose) if t.dep_ in ("pobj", "poss", "compound")]
        if tok.dep_ == "appos" or (tok.dep_ == "attr" and subject(tok.head) is not None):
            said = tok.head if tok.dep_ == "appos" else subject(tok.head)
            holder = self._agent(said)
            mention = phrase(said).split(",")[0].strip() if holder is not None else None
        else:
            left = [t for t in tok.lefts if t.dep_ == "amod"]
            words = line.doc[left[0].i if left else tok.i : tok.i + 1].text
            holder, mention = ActorRef(words, "group"), words
        if holder is None or not ons:
            return []
        out = []
        for on in ons:
            alias = self.actors.by_alias.get(on.lower_) if on.dep_ == "compound" else None
            found = (alias, on.text) if alias else _target(on, self.actors, self._pronoun([(holder, "")]))
            if found is None or found[0] == holder:
                continue
            target, named = found
            stance = STANCE_AGENTS[tok.lemma_.lower()]
            out.append(
                PositionCandidate(
                    line.text,
                    line.start_char,
                    holder,
                    target,
                    tok.text,
                    stance,
                    mention,
                    named,
                    rule="stance agent",
                )
            )
        return out

    def _holders(self, verb: Any) -> list[tuple[ActorRef, str]]:
        subj = subject(verb)
        if subj is None and verb.dep_ == "xcomp":
            subj = subject(verb.head)  # 'Republicans refused to confirm Lynch': who refused
        if subj is not None and subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subj = verb.head  # 'Kobach, who publicly backed Trump's claim': the relative is Kobach
        if subj is None or (subj.pos_ == "PRON" and subj.lower_ not in PRONOUNS):
            return []
        if subj.lower_ in ("i", "we") and (speaker := self.speaker_at(subj.idx)) is not None:
            return [(speaker, subj.text)]
        # 'Senators say they support her': the pronoun is the speakers themselves.
        if subj.lower_ in ("they", "we") and verb.dep_ == "ccomp" and verb.head.lemma_ in CUE_LEMMAS:
            return self._holders(verb.head)
        out = []
        for t in map(self._named, (subj, *subj.conjuncts)):
            ref = self._agent(t)
            if ref is not None:
                out.append((ref, t.text if t.lower_ in PRONOUNS else phrase(t).split(",")[0].strip()))
        return out

    def _predicate(self, line: Any, verb: Any) -> list[PositionCandidate]:
        """An evaluative verb's agent on its patient (actor or issue), or any verb's agent on
        an actor it acts upon ('Mr. Obama tapped Ms. Lynch')."""
        lemma = verb.lemma_.lower()
        # 'held up', 'voted against', 'went after': the phrasal verb's entry before the verb's.
        phrasal = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "prep")]
        # A particle makes another verb: 'picked up his bag' is not 'picked' (as a nominee).
        particle = next((f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"), lemma)
        entry = next((p for p in phrasal if p in EVALUATIVE_VERBS), particle)
        evaluative = entry in EVALUATIVE_VERBS
        if lemma in CONTACT_VERBS and not evaluative:
            return []
        polarity = EVALUATIVE_VERBS.get(entry)
        passive = self._passive(verb) if evaluative else None
        holders, objects = passive or (self._holders(verb), _objects(verb, entry if " " in entry else ""))
        if not holders:
            return []
        out = []
        pronoun = self._pronoun(holders)

        def resolve(tok: Any) -> tuple[ActorRef, str] | None:
            return _target(tok, self.actors, pronoun)

        if evaluative:  # 'held up her nomination': a stance on the nomination and on its owner
            targets = _with_owners(objects, resolve, {h for h, _ in holders})
        else:
            targets = [(o, f) for o in objects if (f := resolve(o)) is not None]
        for obj, found in targets:
            # Any other verb says something only of the person or body it acts upon directly.
            if not (evaluative or (found[0].kind in _TARGET_KINDS and obj.dep_ == "dobj")):
                continue
            ref, mention = found
            for holder, said in holders:
                if holder == ref:
                    continue
                out.append(
                    PositionCandidate(
                        line.text,
                        line.start_char,
                        holder,
                        ref,
                        verb.text,
                        _flip(polarity, _negated(verb)),
                        said,
                        mention,
                        _words(self.quote_at(obj.idx)),
                        rule="passive"
                        if passive
                        else "evaluative verb"
                        if evaluative
                        else "object of a verb",
                    )
                )
        return out

    def _named(self, tok: Any) -> Any:
        """The person a description names in apposition ('The ranking Democrat on the committee,
        Elijah E. Cummings, defended'), else ``tok``: the named person holds what the subject does."""
        if self._person(tok):
            return tok
        return next((c for c in tok.children if c.dep_ == "appos" and self._person(c)), tok)

    def _person(self, tok: Any) -> bool:
        ref = self.actors.by_token.get(tok.i)
        return ref is not None and ref.kind == "person"

    def _agent(self, tok: Any) -> ActorRef | None:
        """Who a token names that can hold a position (:meth:`Actors.agent`, or an untagged alias)."""
        return self.actors.agent(tok) or _untagged(tok, self.actors)

    def _passive(self, verb: Any) -> tuple[list[tuple[ActorRef, str]], list[Any]] | None:
        """'Balderson was endorsed by Trump', 'Holder, who is disliked by Republicans': the agent
        after 'by' holds the position, on the passive subject (or the noun a relative clause is on)."""
        patient = subject(verb)
        by = agents(verb)
        if patient is None or patient.dep_ != "nsubjpass" or not by:
            return None
        if patient.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            patient = verb.head
        held = [(ref, phrase(t)) for b in by for t in (b, *b.conjuncts) if (ref := self._agent(t))]
        return held, [patient, *patient.conjuncts]

    def _stance_word(self, line: Any, tok: Any, word: str) -> list[PositionCandidate]:
        """'He said such sanctions would be counter-productive': the subject of the sentence's
        speech verb (else of the word's own clause) on what the word is about."""
        if tok.pos_ == "VERB" and tok.lemma_.lower() in EVALUATIVE_VERBS:
            return []  # 'they support her': read as a predicate, with its agent and patient
        verb = tok
        while verb.dep_ not in ("ROOT", "ccomp") and verb.head.i != verb.i:
            verb = verb.head
        # 'Pelosi's support for the bill': a stance noun's possessor holds it.
        owner = next(iter(_owners(tok)), None) if word in STANCE_NOUNS else None
        evaluated = tok.head.lemma_.lower() in EVALUATIVE_VERBS  # 'Palin welcomed his criticism'
        if owner is not None and owner.lower_ in _OWNING and subject(tok.head) is not None and not evaluated:
            owner = subject(tok.head)  # 'Trump intensified his criticism of Clinton': his is Trump's
        holder_tok = owner or (subject(line.root) if line.root.lemma_ in CUE_LEMMAS else subject(verb))
        if holder_tok is None:
            return []
        holder_tok = self._named(holder_tok)
        # 'Ukraine has made clear it is willing': the clause's 'it' is whoever makes it clear.
        outer = subject(verb.head) if verb.dep_ == "ccomp" else None
        if holder_tok.lower_ in ("it", "they") and outer is not None and self._agent(outer) is not None:
            holder_tok = outer
        speaker = self.speaker_at(holder_tok.idx) if holder_tok.lower_ in ("i", "we") else None
        holder = speaker or self._agent(holder_tok)  # 'It', 'the massing' hold no position
        if holder is None:
            return []
        about = _about(tok, verb, line, holder_tok)
        if about is None:
            return []  # 'We are very concerned': a stance, but on nothing this sentence names
        negated = _negated_at(tok)
        polarity = _flip(STANCE_WORDS[word], negated)
        said = holder_tok.text if holder_tok.lower_ in PRONOUNS else phrase(holder_tok)
        out = []
        pronoun = self._pronoun([(holder, "")])
        for _, found in _with_owners([about], lambda t: _target(t, self.actors, pronoun), {holder}):
            if found[0] == holder:
                continue
            target, mention = found
            out.append(
                PositionCandidate(
                    line.text,
                    line.start_char,
                    holder,
                    target,
                    word,
                    polarity,
                    said,
                    mention,
                    rule="stance word",
                )
            )
        return out

    def _pronoun(self, holders: list[tuple[ActorRef, str]]) -> Resolver:
        """Resolves an object pronoun to someone other than the holders ('they support her')."""
        held = {h for h, _ in holders}
        return lambda at, pronoun: self._named_before(at, pronoun, held)

    def _named_before(self, at: int, pronoun: str, speakers: set[ActorRef]) -> ActorRef | None:
        """Whom a pronoun in someone's words means: the last person named before it, object or
        subject, whose known gender fits, other than the speaker ('she' in Obama's words on Lynch)."""
        actors, gender = self.actors, pronoun_gender(pronoun)
        for n in range(
            bisect_left(actors.mention_at, at) - 1, max(-1, bisect_left(actors.mention_at, at) - 12), -1
        ):
            ref = actors.mentions[n][1]
            if ref.kind == "person" and ref not in speakers and actors.genders.get(ref, gender) == gender:
                return ref
        return None

    def _cue_holder(self, q: QuoteCandidate) -> ActorRef | None:
        """The first holder the predicate reading finds for a quote's cue verb, if any."""
        at = self.actors.token_at.get(q.cue[0]) if q.cue is not None else None
        held = self._holders(self.actors.sentence_of[at].doc[at]) if at is not None else []
        return held[0][0] if held else None

    def in_quote(self, q: QuoteCandidate, doc: Any) -> list[PositionCandidate]:
        """The speaker's position on each actor its words name, in the sentence line naming it."""
        actors, end = self.actors, q.start + len(q.text)
        cue = actors.text[q.cue[0] : q.cue[1]] if q.cue is not None else ""
        speaker = q.speaker
        if not q.direct and _cue_polarity(cue) is not None:
            # 'accused Obama of playing politics with Lynch': the cue is a predicate too, and its
            # agent as that reading names it (an appositive's name, the speakers a 'they' is) holds.
            speaker = self._cue_holder(q)
        if speaker is None:
            return []
        out = []
        lo = bisect_left(actors.mention_at, q.start)
        named = [
            (at, ref, actors.token_at.get(at))
            for at, ref in actors.mentions[lo : bisect_left(actors.mention_at, end)]
        ]
        # 'No one can claim she's unqualified': a pronoun in the words is someone named before.
        first = actors.token_at.get(q.start)
        if first is not None:
            i = first
            while i < len(doc) and doc[i].idx < end:
                tok = doc[i]
                if tok.lower_ in _PERSONAL and tok.dep_ != "poss":
                    ref = self._named_before(tok.idx, _PERSONAL[tok.lower_], {speaker})
                    if ref is not None:
                        named.append((tok.idx, ref, i))
                i += 1
        for _, ref, at in named:
            kinds = _TARGET_KINDS if _cue_polarity(cue) is not None else _SPOKEN_OF
            if ref == speaker or ref.kind not in kinds or at is None or _descriptive(doc[at]):
                continue
            if self.named[ref] < SALIENT:
                continue
            line = next(ln for ln in lines_of(actors.sentence_of[at]) if ln.start <= at < ln.end)
            out.append(
                PositionCandidate(
                    line.text,
                    line.start_char,
                    speaker,
                    ref,
                    cue,
                    _cue_polarity(cue),
                    None,
                    _mention(doc, at),
                    q.text if q.direct else None,
                    # direct words on a person, or reported ones with the person as their subject
                    spoken=ref.kind == "person" and (q.direct or doc[at].dep_ in _SUBJECTS),
                    rule="direct quote" if q.direct else "reported speech",
                )
            )
        return out


_CLOSING = ("\u201d", '"', "''")  # the New York Times' two apostrophes too


def continued(q: QuoteCandidate, text: str, lines: int = 6) -> list[QuoteCandidate]:
    """The lines a direct quote runs on to when its line ends with the quote still open (an article
    with a sentence per line): each following line up to the one that closes it, as the same
    speaker's words."""
    end = q.start + len(q.text)
    eol = text.find("\n", end)
    if not q.direct or q.speaker is None or eol < 0 or any(m in text[end:eol] for m in _CLOSING):
        return []
    out = []
    start = eol + 1
    for _ in range(lines):
        stop = text.find("\n", start)
        stop = len(text) if stop < 0 else stop
        line = text[start:stop]
        if not line.strip() or "\u201c" in line:
            break  # an opening mark: another quote, attributed on its own
        close = min((line.find(m) for m in _CLOSING if m in line), default=-1)
        words = line[:close] if close >= 0 else line
        if words.strip():
            out.append(QuoteCandidate(words, start, True, None, q.speaker, [q.speaker], q.context))
        if close >= 0:
            break
        start = stop + 1
    return out


def can_hold(ref: ActorRef) -> bool:
    """Whether an actor can hold a position: a name, or a description of people ('officials',
    'Senators from both parties'), not a stray word the parse made a speaker ('his', 'reports')."""
    words = ref.name.split()
    if not words or ref.name.lower() in _UNHELD:
        return False
    nouns = {w.lower().removesuffix("s") for w in words} | {w.lower() for w in words}
    return (
        ref.kind != "other" or any(w[:1].isupper() for w in words) or bool(nouns & (AGENT_NOUNS | ROLE_NOUNS))
    )


def unique(found: list[PositionCandidate]) -> list[PositionCandidate]:
    """One position per sentence, holder and target, its readings joined: the first stance a word
    gives, the mentions and the quote wherever one reading found them."""
    seen: dict[tuple[int, str, str], PositionCandidate] = {}
    for p in found:
        if not can_hold(p.holder):
            continue
        # By name: 'Critics of Mr Barr have accused him' is one position, read as a noun and a verb.
        key = (p.start, p.holder.name.lower(), p.target.name.lower())
        if key not in seen:
            seen[key] = p
            continue
        kept = seen[key]
        kept.stance = kept.stance or p.stance
        kept.holder_mention = kept.holder_mention or p.holder_mention
        kept.target_mention = kept.target_mention or p.target_mention
        kept.quote = kept.quote or p.quote
        kept.spoken = kept.spoken or p.spoken
        kept.rule = kept.rule if p.rule in kept.rule.split("+") else f"{kept.rule}+{p.rule}"
    return list(seen.values())

"""Positions: a stance word in a sentence line, its holder (the clause's subject, or the
speaker of the quote it stands in) and what it is about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extract.rules.actors import ActorRef, Actors
from extract.rules.lexicons import CUE_LEMMAS, STANCE_WORDS
from extract.rules.parse import phrase, subject


@dataclass
class PositionCandidate:
    sentence: str
    start: int
    holder: ActorRef
    issue: str
    cue: str
    stance: str  # the lexicon's polarity, flipped under negation


def _stance_word(tok: Any) -> str | None:
    """The lexicon's entry at ``tok``: its text, its lemma, or a hyphenated compound it starts
    ('counter-productive', which spaCy splits in three)."""
    doc = tok.doc
    joined = (
        doc[tok.i : tok.i + 3].text.lower() if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" else ""
    )
    return next((w for w in (tok.text.lower(), tok.lemma_.lower(), joined) if w in STANCE_WORDS), None)


def position_in(
    sent: Any, actors: Actors, speaker_at: Callable[[int], ActorRef | None]
) -> PositionCandidate | None:
    """The position a sentence line states at the first stance word whose clause has a subject,
    if that subject can hold one
    (``speaker_at``: the speaker of the direct quote around an offset)."""
    for tok in sent:
        word = _stance_word(tok)
        if word is None:
            continue
        verb = tok
        while verb.dep_ not in ("ROOT", "ccomp") and verb.head.i != verb.i:
            verb = verb.head
        holder_tok = subject(sent.root) if sent.root.lemma_ in CUE_LEMMAS else subject(verb)
        if holder_tok is None:
            continue
        # 'We are very concerned' inside a quote: the quote's speaker holds it.
        speaker = speaker_at(holder_tok.idx) if holder_tok.lower_ in ("i", "we") else None
        holder = speaker or actors.agent(holder_tok)  # 'It', 'the massing' hold no position
        issue_tok = subject(verb) if verb != sent.root else None
        issue = phrase(issue_tok) if issue_tok is not None and issue_tok != holder_tok else tok.text
        polarity = STANCE_WORDS[word]
        if any(t.dep_ == "neg" or t.lower_ in ("without", "no") for t in sent):
            polarity = {"support": "oppose", "oppose": "support"}[polarity]
        if holder is None:
            return None
        return PositionCandidate(sent.text, sent.start_char, holder, issue, word, polarity)
    return None

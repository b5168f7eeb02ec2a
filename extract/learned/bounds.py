"""The boundary chooser: where a found anchor span (the tagger's, or the rules' at the same place)
starts and ends. Each side's candidates come from the parse and the text (the seed's own edge,
the rules' edge, sentence edges, punctuation, clause subtrees' edges, a complementizer "that"),
and a logistic regression over each candidate's edge features, trained on a kind's gold, picks
one per side. A token tagger is weak at exact boundaries; this is learned from the same gold."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from extract.analysis.matching import TRIM
from extract.rules.lexicons import CUE_LEMMAS

Span = tuple[int, int]  # characters [start, end)
# Dependents whose subtree is a clause or a phrase a content can start or end with.
_EDGE_DEPS = frozenset(
    "ccomp xcomp advcl conj relcl acl parataxis dobj pobj nsubj nsubjpass attr prep mark csubj".split()
)
_BREAKS = frozenset(",:;()\u2014\u2013-\"'\u201c\u201d\u2018\u2019")
_SIDES = ("start", "end")
_QUOTES = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')


def trim_start(text: str, at: int) -> int:
    """``at`` moved past the characters the scorer trims (quote marks, punctuation, space)."""
    while at < len(text) and text[at] in TRIM:
        at += 1
    return at


def trim_end(text: str, at: int) -> int:
    while at > 0 and text[at - 1] in TRIM:
        at -= 1
    return at


class View:
    """The token attributes the chooser reads, taken from a parsed document once."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.text: str = doc.text
        toks = list(doc)  # once: spaCy makes a new Token object at every access
        self.w = [t.lower_ for t in toks]
        self.pos = [t.pos_ for t in toks]
        self.dep = [t.dep_ for t in toks]
        self.head_dep = [f"{d}>{self.dep[t.head.i]}" for d, t in zip(self.dep, toks, strict=True)]
        self.space = [t.is_space for t in toks]
        self.brk = [t.text in _BREAKS or t.is_punct for t in toks]
        self.sent_start = [bool(t.is_sent_start) for t in toks]
        self.cue = [t.pos_ == "VERB" and t.lemma_.lower() in CUE_LEMMAS for t in toks]
        self.cues_before = [0]  # speech verbs before each token (a prefix sum)
        for c in self.cue:
            self.cues_before.append(self.cues_before[-1] + c)
        self.left = [t.left_edge.i for t in toks]
        self.right = [t.right_edge.i for t in toks]
        self.starts = [trim_start(self.text, int(t.idx)) for t in toks]
        self.ends = [trim_end(self.text, int(t.idx) + len(t)) for t in toks]
        self.quoted = []  # inside a quotation of its paragraph (marks toggle it; a line break ends it)
        inside = False
        for t in toks:
            if "\n" in t.text:
                inside = False
            elif t.text in _QUOTES:
                inside = not inside
            self.quoted.append(inside)
        self.sents = [(sent.start, sent.end) for sent in doc.sents]
        self.sent_of = [0] * len(doc)
        for n, (a, b) in enumerate(self.sents):
            for i in range(a, b):
                self.sent_of[i] = n

    def window(self, a: int, b: int) -> tuple[int, int]:
        """Token range [lo, hi) the candidates come from: the seed's sentences and the next one."""
        first, last = self.sent_of[a], self.sent_of[b - 1]
        return self.sents[first][0], self.sents[min(last + 1, len(self.sents) - 1)][1]

    def token_range(self, span: Span) -> tuple[int, int] | None:
        found = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        return (found.start, found.end) if found is not None and len(found) else None


def _bucket(n: int) -> str:
    return str(n) if -3 <= n <= 3 else ("far-" if n < 0 else "far+") + ("" if abs(n) < 12 else "x")


@dataclass
class Candidates:
    """Each side's candidate token edges (a start is the first token, an end the last) and the
    generators that proposed each."""

    start: dict[int, set[str]]
    end: dict[int, set[str]]


def candidates(v: View, seed: tuple[int, int], others: Iterable[tuple[int, int]] = ()) -> Candidates:
    """Candidate edges around the seed's token range [a, b) (``others``: other finders' ranges
    for the same item, e.g. the rules')."""
    a, b = seed
    lo, hi = v.window(a, b)
    start: dict[int, set[str]] = {}
    end: dict[int, set[str]] = {}

    def add(side: dict[int, set[str]], i: int, why: str) -> None:
        if lo <= i < hi and not v.space[i]:
            side.setdefault(i, set()).add(why)

    add(start, a, "seed")
    add(end, b - 1, "seed")
    for oa, ob in others:
        add(start, oa, "other")
        add(end, ob - 1, "other")
    for i in range(lo, hi):
        if v.sent_start[i]:
            add(start, i, "sent")
            add(end, i - 1, "sent")
        if i + 1 == hi:
            add(end, i, "sent")
        if v.brk[i]:
            add(start, i + 1, "punct")
            add(end, i - 1, "punct")
        if v.dep[i] in _EDGE_DEPS:
            add(start, v.left[i], f"edge:{v.dep[i]}")
            add(end, v.right[i], f"edge:{v.dep[i]}")
        if v.dep[i] == "mark" or v.w[i] == "that":
            add(start, i + 1, "after_that")
    return Candidates(start, end)


def _tok(v: View, i: int, name: str) -> list[str]:
    if 0 <= i < len(v.w):
        return [f"{name}w={v.w[i]}", f"{name}pos={v.pos[i]}", f"{name}dep={v.dep[i]}",
                f"{name}cue={v.cue[i]}"]  # fmt: skip
    return [f"{name}w=<edge>"]


def edge_features(v: View, side: str, i: int, why: set[str], seed: int) -> list[str]:
    """What the chooser sees of one candidate edge: its token and its neighbours outward and
    inward, sentence and quotation edges, what proposed it, how far it is from the seed's and
    what lies between the two."""
    gens = sorted(why)
    out = [f"gen={w}" for w in gens] + ["gens=" + "+".join(gens)]
    step = -1 if side == "start" else 1  # outward
    n = len(v.w)
    for at, name in ((i, "in0:"), (i - step, "in1:"), (i + step, "out1:"), (i + 2 * step, "out2:")):
        out += _tok(v, at, name)
    outer = v.w[i + step] if 0 <= i + step < n else "<edge>"
    out.append(f"pair={outer}|{v.w[i]}")
    out.append(f"head_dep={v.head_dep[i]}")
    edge = v.sent_start[i] if side == "start" else (i + 1 == n or v.sent_start[i + 1])
    out.append(f"sent_edge={edge}")
    out.append(f"quoted={v.quoted[i]}|{v.quoted[seed]}")
    delta = i - seed
    way = "out" if delta * step > 0 else "in"
    out.append(f"delta={_bucket(delta)}")
    out.append(f"delta_gens={_bucket(delta)}|{out[len(gens)]}")
    lo, hi = sorted((i, seed))
    # a speech verb between this edge and the seed's ("..., he said" cut or kept)
    out.append(f"cue_between={v.cues_before[hi + 1] - v.cues_before[lo] > 0}|{way}")
    out.append(f"sent_between={v.sent_of[i] != v.sent_of[seed]}|{way}")
    if 0 < hi - lo <= 4:  # the words crossed from the seed's edge to this one
        crossed = range(lo, hi) if i < seed else range(lo + 1, hi + 1)
        out += [f"x:{way}:{v.w[j]}" for j in crossed]
        out.append(f"xpos:{way}:" + "_".join(v.pos[j] for j in crossed))
    return [f"{side}:{f}" for f in out]


def groups(v: View, seed: Span, others: Iterable[Span] = ()) -> dict[str, list[tuple[int, list[str]]]] | None:
    """Each side's candidates as (trimmed character edge, features), one per distinct edge."""
    at = v.token_range(seed)
    if at is None:
        return None
    other = [r for s in others if (r := v.token_range(s)) is not None]
    found = candidates(v, at, other)
    out: dict[str, list[tuple[int, list[str]]]] = {}
    for side, edges, place, ref in (("start", found.start, v.starts, at[0]),
                                    ("end", found.end, v.ends, at[1] - 1)):  # fmt: skip
        seen: dict[int, tuple[int, list[str]]] = {}
        for i, why in sorted(edges.items()):
            key = place[i]
            if key in seen:  # two tokens, one edge once trimmed (a quote mark and its word)
                continue
            seen[key] = (key, edge_features(v, side, i, why, ref))
        out[side] = list(seen.values())
    return out


def labelled(v: View, seed: Span, others: list[Span], gold: Span) -> list[tuple[list[str], int]]:
    """Training rows of one seed: each candidate edge's features, 1 where it is the gold item's
    edge (both trimmed as the scorer trims them)."""
    sides = groups(v, seed, others)
    if sides is None:
        return []
    want = {"start": trim_start(v.text, gold[0]), "end": trim_end(v.text, gold[1])}
    return [(feats, int(edge == want[side])) for side in _SIDES for edge, feats in sides[side]]


def choose(clf: Any, doc: Any, items: list[tuple[Span, list[Span]]]) -> list[Span]:
    """The chooser's span for each item found at a seed span (with the other finders' spans for
    it; ``clf``: a fitted pipeline), in one prediction for the document. An edge the chooser
    keeps stays where the seed had it (its quote mark or comma with it); the seed stays whole
    where the two sides picked would not make a span."""
    v = View(doc)
    found = [groups(v, seed, others) for seed, others in items]
    rows = [f for g in found if g is not None for side in _SIDES for _, f in g[side]]
    probs = list(clf.predict_proba(rows)[:, 1]) if rows else []
    out: list[Span] = []
    at = 0
    for (seed, _), g in zip(items, found, strict=True):
        if g is None or not g["start"] or not g["end"]:
            out.append(seed)
            continue
        picked = []
        for side, raw, trim in (("start", seed[0], trim_start), ("end", seed[1], trim_end)):
            edges = g[side]
            edge = edges[max(range(len(edges)), key=lambda k: probs[at + k])][0]
            picked.append(raw if edge == trim(v.text, raw) else edge)
            at += len(edges)
        out.append(_balanced(v.text, picked[0], picked[1]) if picked[0] < picked[1] else seed)
    return out


def _balanced(text: str, start: int, end: int) -> Span:
    """A new edge is trimmed as the scorer trims it; a quotation mark the span opens (or closes)
    and that stands right at the other side is taken back in, so the words read as quoted."""
    words = text[start:end]
    opened = words.count("\u201c") - words.count("\u201d")
    if opened > 0 and text[end : end + 1] == "\u201d":
        end += 1
    elif opened < 0 and start > 0 and text[start - 1] == "\u201c":
        start -= 1
    return start, end

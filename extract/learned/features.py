"""What the learners see: per-token features over spaCy's parse (for the span tagger) and
bags of words around a span (for the field classifiers). Pure functions of a parsed document."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from extract.rules.lexicons import CUE_LEMMAS, CUE_NOUNS, EVALUATIVE_VERBS, STANCE_WORDS

_QUOTE_CHARS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_WINDOW = (-2, -1, 1, 2)
# Links to a speech verb a token can hang from: the reported clause, the speaker, the cue itself.
_MAX_HOPS = 6


def lines(doc: Any) -> Iterator[list[Any]]:
    """The document's tokens cut at line breaks (a paragraph is the tagger's sequence); spaces
    are left out."""
    line: list[Any] = []
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text and line:
                yield line
                line = []
            continue
        line.append(tok)
    if line:
        yield line


def _cue_path(tok: Any) -> tuple[str, str]:
    """The nearest speech word at or above ``tok`` in the parse, and the relation of the branch
    ``tok`` hangs from ('ccomp', 'nsubj', ... or 'self')."""
    if tok.lemma_.lower() in CUE_LEMMAS or tok.lemma_.lower() in CUE_NOUNS:
        return tok.lemma_.lower(), "self"
    child, head = tok, tok.head
    for _ in range(_MAX_HOPS):
        if head.i == child.i:
            break
        if head.lemma_.lower() in CUE_LEMMAS or head.lemma_.lower() in CUE_NOUNS:
            return head.lemma_.lower(), child.dep_
        child, head = head, head.head
    return "", ""


def _inside_quotes(line: list[Any]) -> list[bool]:
    """Whether each token stands between an opening and a closing quotation mark of its line."""
    out, inside = [], False
    for tok in line:
        mark = tok.text in _QUOTE_CHARS or tok.text in ("``", "''")
        if mark:
            out.append(True)
            inside = not inside
        else:
            out.append(inside)
    return out


def _own(tok: Any, quoted: bool) -> dict[str, str]:
    cue, branch = _cue_path(tok)
    return {
        "w": tok.lower_,
        "lemma": tok.lemma_.lower(),
        "pos": tok.pos_,
        "tag": tok.tag_,
        "dep": tok.dep_,
        "shape": tok.shape_[:4],
        "ent": tok.ent_type_ or "-",
        "head": tok.head.lemma_.lower(),
        "head_pos": tok.head.pos_,
        "dep_head": f"{tok.dep_}>{tok.head.dep_}",
        "cue": cue or "-",
        "branch": branch or "-",
        "quoted": str(quoted),
    }


def _sides(line: list[Any]) -> list[str]:
    """Where each token stands from the speech verbs of its sentence (within the line): before
    the first, after one, or in a sentence with none."""
    out: list[str] = []
    start = 0
    for end in [*(i for i, t in enumerate(line) if i and t.is_sent_start), len(line)]:
        part = line[start:end]
        cues = [t.i for t in part if t.pos_ == "VERB" and t.lemma_.lower() in CUE_LEMMAS]
        for tok in part:
            if not cues:
                out.append("none")
            elif tok.i in cues:
                out.append("cue")
            else:
                out.append("before" if tok.i < cues[0] else "after")
        start = end
    return out


def bio(cut: list[list[Any]], spans: list[tuple[int, int, str]]) -> list[list[str]]:
    """BIO labels per token of each line for character ``spans`` (start, end, role): the role
    of the span a token falls in, the first span to claim a token keeping it."""
    ordered = sorted(spans, key=lambda t: (t[0], -t[1]))
    out: list[list[str]] = []
    for line in cut:
        row = ["O"] * len(line)
        # the tokens' offsets once per line, and only the spans that reach into it (a token's
        # attributes are slow to read: this was half of a run's feature time)
        starts = [int(t.idx) for t in line]
        ends = [a + len(t) for a, t in zip(starts, line, strict=True)]
        first, last = (starts[0], ends[-1]) if line else (0, 0)
        for s, e, role in ordered:
            if e <= first or s >= last:
                continue
            inside = [i for i in range(len(line)) if starts[i] < e and ends[i] > s and row[i] == "O"]
            for n, i in enumerate(inside):
                row[i] = f"{'B' if n == 0 else 'I'}-{role}"
        out.append(row)
    return out


def doc_features(cut: list[list[Any]], marks: list[list[str]] | None = None) -> list[list[dict[str, str]]]:
    """Each line's token features, with where the line stands in the document (the first
    paragraphs are headline and byline), whether the line before it left a quotation open, and,
    where given, ``marks``: the rules' own reading as BIO labels (stacking: the tagger learns
    where to trust the rules)."""
    out = []
    open_before = False
    for n, line in enumerate(cut):
        rows = token_features(line, marks[n] if marks is not None else None)
        for row in rows:
            row["para"] = str(min(n, 3))
            row["open_before"] = str(open_before)
        out.append(rows)
        marks_in = sum(t.text in _QUOTE_CHARS or t.text in ("``", "''") for t in line)
        open_before = marks_in % 2 == 1
    return out


def token_features(line: list[Any], marks: list[str] | None = None) -> list[dict[str, str]]:
    """A feature dict per token of one line: its own features, its neighbours' words and tags,
    where it stands in its sentence, and the rules' label for it and its neighbours (``marks``)."""
    quoted = _inside_quotes(line)
    own = [_own(tok, q) for tok, q in zip(line, quoted, strict=True)]
    sides = _sides(line)
    out = []
    for i, (tok, feats) in enumerate(zip(line, own, strict=True)):
        row = dict(feats)
        row["bias"] = "1"
        row["side"] = sides[i]
        row["side_branch"] = f"{sides[i]}|{feats['branch']}"
        row["path"] = f"{tok.dep_}>{tok.head.dep_}>{tok.head.head.dep_}"
        row["sent_start"] = str(tok.is_sent_start)
        row["sent_end"] = str(i + 1 == len(line) or bool(line[i + 1].is_sent_start))
        for d in _WINDOW:
            j = i + d
            if 0 <= j < len(line):
                row[f"{d}:w"] = own[j]["w"]
                row[f"{d}:pos"] = own[j]["pos"]
                row[f"{d}:quoted"] = own[j]["quoted"]
                row[f"{d}:branch"] = own[j]["branch"]
            else:
                row[f"{d}:w"] = "<edge>"
        if marks is not None:
            row["rule"] = marks[i]
            row["rule_quoted"] = f"{marks[i]}|{feats['quoted']}"
            for d in _WINDOW:
                j = i + d
                row[f"{d}:rule"] = marks[j].partition("-")[2] or "O" if 0 <= j < len(line) else "<edge>"
        out.append(row)
    return out


def bag(
    doc: Any, start: int, end: int, extra: dict[str, str], rules: dict[str, str] | None = None
) -> list[str]:
    """Words a field classifier sees for the item at characters [start, end): the span's lemmas,
    its sentence's lemmas and stance words, ``extra`` (the item's other words, e.g. its holder and
    issue) and how the first two of those stand to each other in the parse (which words bear on
    whom), and ``rules``: the rules' own choices for the item (stacking)."""
    stacked = [f"rule:{name}={value}" for name, value in (rules or {}).items()]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return [f"{name}={value.lower()}" for name, value in extra.items()] + stacked
    sentence = span[0].sent
    words = [f"a:{t.lemma_.lower()}" for t in span if not t.is_space and not t.is_punct]
    words += [f"a2:{a.lemma_.lower()}_{b.lemma_.lower()}" for a, b in itertools.pairwise(span)]
    words += [f"s:{t.lemma_.lower()}" for t in sentence if not t.is_space and not t.is_punct]
    words += [f"root:{sentence.root.lemma_.lower()}", f"neg:{any(t.dep_ == 'neg' for t in span)}"]
    words += [f"lex:{m}{'_neg' if _negated(t) else ''}" for t in sentence if (m := _stance_word(t))]
    for name, value in extra.items():
        words += [f"{name}:{w}" for w in value.lower().split()]
    found = [(name, tok) for name, value in extra.items() if (tok := _mention(sentence, value)) is not None]
    if len(found) >= 2:
        words += _relation(found[0], found[1])
    return words + stacked


def _stance_word(tok: Any) -> str | None:
    """The stance a word states by the rules' lexicons ('condemn': oppose), if any."""
    lemma = tok.lemma_.lower()
    meant = STANCE_WORDS.get(lemma) or EVALUATIVE_VERBS.get(lemma)
    return meant if meant is not None else ("ask" if lemma in EVALUATIVE_VERBS else None)


def _negated(tok: Any) -> bool:
    """'did not condemn'; 'is not legitimate' (the negation on the copula), not a verb joined to
    a negated one ('did not condemn X but attacked Y')."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.pos_ != "VERB" and any(c.dep_ == "neg" for c in tok.head.children)


def _mention(sentence: Any, value: str) -> Any | None:
    """The sentence's first token that is one of the last two words of ``value`` (a name; not a
    stop word such as 'the')."""
    wanted = set(value.lower().split()[-2:])
    return next((t for t in sentence if t.lower_ in wanted and not t.is_stop and len(t) > 1), None)


def _relation(a: tuple[str, Any], b: tuple[str, Any]) -> list[str]:
    """How two mentions stand to each other: the lemmas between them, and the dependency path
    through their lowest common head (with its negation)."""
    (na, ta), (nb, tb) = a, b
    lo, hi = sorted((ta.i, tb.i))
    doc = ta.doc
    out = [f"btw:{t.lemma_.lower()}" for t in doc[lo + 1 : hi] if not t.is_punct and not t.is_space]
    out.append(f"order:{na if ta.i < tb.i else nb}_first")
    up_a = [ta, *ta.ancestors]
    up_b = [tb, *tb.ancestors]
    common = next((t for t in up_a if any(t.i == u.i for u in up_b)), None)
    if common is None:
        return out
    path_a = [t.dep_ for t in up_a[: [t.i for t in up_a].index(common.i)]]
    path_b = [t.dep_ for t in up_b[: [t.i for t in up_b].index(common.i)]]
    head = common.lemma_.lower()
    out += [
        f"path:{'^'.join(path_a)}|{'^'.join(path_b)}",
        f"head:{head}",
        f"head_path:{head}|{path_a[:1]}|{path_b[:1]}",
        f"head_neg:{_negated(common)}",
    ]
    if (m := _stance_word(common)) is not None:
        out.append(f"head_lex:{m}{'_neg' if _negated(common) else ''}")
    return out

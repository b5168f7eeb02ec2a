"""Consolidate records across articles: one actor, one event, one position per holder and target.

Every merged item keeps each source's evidence and offsets, so a reader can check any outlet.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from math import ceil

from extract.analysis.names import name_words
from extract.schemas import (
    Actor,
    ArticleRecord,
    Consolidation,
    Event,
    EventType,
    Mention,
    MergedActor,
    MergedEvent,
    MergedPosition,
    Position,
    Quote,
    Stance,
)
from extract.schemas.kinds import Grounding

# Abbreviations and short forms news uses for the same actor.
_SAME = {
    short: name
    for name, shorts in {
        "United States": ("us", "u.s.", "usa", "u.s.a.", "america", "the united states"),
        "United Kingdom": ("uk", "u.k.", "britain", "great britain", "the united kingdom"),
        "European Union": ("eu", "e.u.", "the european union"),
        "United Nations": ("un", "u.n.", "the united nations"),
        # Parties by their members ('Republicans held up her nomination'): the party's stance.
        "Republican Party": ("republicans", "gop", "the gop", "the republican party"),
        "Democratic Party": ("democrats", "the democratic party"),
    }.items()
    for short in shorts
}
_ISSUE_MATCH = 0.5  # Jaccard overlap of content words for two issue phrasings to be one issue


def _spelled(name: str) -> str:
    return _SAME.get(name.strip().lower(), name.strip())


def _key(name: str) -> str:
    words = name_words(_spelled(name))
    return " ".join(words) if words else name.strip().lower()


class ActorIndex:
    """Groups names across articles: same words, a known abbreviation, or an unambiguous
    shorter form with the same last word ('Kerry' -> 'John Kerry'; 'Miliband' stays alone
    beside 'Ed Miliband' and 'David Miliband'). Kinds are not compared: the tagger's are noisy."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.articles: dict[str, set[str]] = defaultdict(set)
        self._group: dict[str, str] = {}

    def add(self, name: str, kind: str, article_id: str) -> None:
        key = _key(name)
        self.names[key][_spelled(name)] += 1
        self.kinds[key][kind] += 1
        self.articles[key].add(article_id)

    def resolve(self) -> None:
        by_word: dict[str, set[str]] = defaultdict(set)
        for key in self.names:
            for word in key.split():
                by_word[word].add(key)
        for key in sorted(self.names, key=len):
            words = key.split()
            longer = {
                other
                for other in set.intersection(*(by_word[w] for w in words))
                if words
                if other != key and other.split()[-1] == words[-1]
            }
            # Join only when every longer form is one actor: 'Miliband' may be Ed or David.
            targets = {self.group(o) for o in longer}
            targets = {t for t in targets if not any(t != u and not self._nested(t, u) for u in targets)}
            self._group[key] = self.group(min(targets, key=len)) if len(targets) == 1 else key
        # Each group's members and name, once: label() is asked for every mention.
        self._members: dict[str, list[str]] = defaultdict(list)
        for key in self.names:
            self._members[self.group(key)].append(key)
        self._labels = {
            root: _fullest(n for m in members for n in self.names[m])
            for root, members in self._members.items()
        }

    def _nested(self, a: str, b: str) -> bool:
        wa, wb = set(a.split()), set(b.split())
        return wa <= wb or wb <= wa

    def kind(self, key: str) -> str:
        kinds = self.kinds[key]
        return max(kinds, key=lambda k: (kinds[k], k != "other"))

    def group(self, key: str) -> str:
        while (up := self._group.get(key, key)) != key:
            key = up
        return key

    def label(self, name: str) -> str:
        """The merged name an article's ``name`` belongs to (after :meth:`resolve`)."""
        return self._labels[self.group(_key(name))]

    def merged(self) -> list[MergedActor]:
        out = []
        for root, members in self._members.items():
            spellings = {n for m in members for n in self.names[m]}
            name = self._labels[root]
            out.append(
                MergedActor(
                    name=name,
                    aliases=sorted(spellings - {name}),
                    kind=self.kind(root),
                    articles=sorted({a for m in members for a in self.articles[m]}),
                )
            )
        return sorted(out, key=lambda a: (-len(a.articles), a.name))


def _fullest(names: Iterable[str]) -> str:
    """The name with the most words (then the longest): 'John Kerry' over 'Kerry'."""
    return max(names, key=lambda n: (len(n.split()), len(n), n))


def _mention(rec: ArticleRecord, item: Grounding) -> Mention:
    return Mention(
        article_id=rec.article_id,
        source=rec.source,
        outlet=_outlet(rec),
        evidence=item.evidence,
        start=item.start,
        end=item.end,
    )


def _outlet(rec: ArticleRecord) -> str | None:
    outlet = rec.meta.get("outlet")
    return str(outlet) if outlet else None


def _content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return {w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in STOP_WORDS and len(w) > 2}


def _same_issue(words: set[str], rep: set[str]) -> bool:
    return len(words & rep) / len(words | rep) >= _ISSUE_MATCH or words <= rep


def _issue_clusters(issues: Iterable[str]) -> dict[str, str]:
    """Each issue phrasing -> the most specific phrasing of its cluster (the first, longest-first,
    whose words it shares by Jaccard >= 0.5 or contains).

    Linear in practice: a cluster is compared only if it holds one of the phrasing's rarest
    ``n - ceil(0.5 n) + 1`` words, which any match must share (prefix filtering), not every cluster.
    """
    phrasings = sorted(set(issues), key=len, reverse=True)
    words_of = {p: _content_words(p) or {p.lower()} for p in phrasings}
    frequency = Counter(w for words in words_of.values() for w in words)
    reps: list[set[str]] = []
    heads: list[str] = []
    index: dict[str, list[int]] = defaultdict(list)
    out: dict[str, str] = {}
    for phrasing in phrasings:
        words = words_of[phrasing]
        probe = sorted(words, key=lambda w: (frequency[w], w))[
            : len(words) - ceil(_ISSUE_MATCH * len(words)) + 1
        ]
        candidates = sorted({c for w in probe for c in index.get(w, ())})
        found = next((c for c in candidates if _same_issue(words, reps[c])), None)
        if found is None:
            found = len(reps)
            reps.append(words)
            heads.append(phrasing)
            for w in words:
                index[w].append(found)
        out[phrasing] = heads[found]
    return out


def _side(people: list[Actor], actors: ActorIndex) -> tuple[str, ...]:
    """One side of an event as merge compares it: a state actor by its country ('Moscow', 'the
    Kremlin' and 'Russia' are RUS), anyone else by their merged name."""
    return tuple(sorted({a.country or actors.label(a.name) for a in people}))


def _events(records: list[ArticleRecord], actors: ActorIndex) -> list[MergedEvent]:
    Who = tuple[str, tuple[str, ...], tuple[str, ...]]
    by_who: dict[Who, dict[str | None, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for rec in records:
        for ev in rec.of(Event):
            key = (ev.type.value, _side(ev.source, actors), _side(ev.target, actors))
            by_who[key][ev.date].append(_mention(rec, ev))
    out = []
    for (kind, source, target), by_date in by_who.items():
        dated = [d for d in by_date if d is not None]
        if len(dated) == 1 and None in by_date:  # an undated report of the one dated event
            by_date[dated[0]].extend(by_date.pop(None))
        for date, mentions in by_date.items():
            out.append(
                MergedEvent(
                    type=EventType(kind),
                    source=list(source),
                    target=list(target),
                    date=date,
                    mentions=mentions,
                )
            )
    return sorted(out, key=lambda e: (-e.outlets, e.date or "", e.type.value))


def _positions(records: list[ArticleRecord], actors: ActorIndex) -> list[MergedPosition]:
    pairs: list[tuple[ArticleRecord, Position]] = [(r, p) for r in records for p in r.of(Position)]
    issue_of = _issue_clusters(p.target.name for _, p in pairs if p.target.kind == "issue")

    def target(pos: Position) -> str:
        name = pos.target.name
        return issue_of[name] if pos.target.kind == "issue" else actors.label(name)

    grouped: dict[tuple[str, str], dict[Stance, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for rec, pos in pairs:
        grouped[(actors.label(pos.holder.name), target(pos))][pos.stance].append(_mention(rec, pos))
    out = []
    for (holder, about), stances in grouped.items():
        by_outlet: dict[str, set[Stance]] = defaultdict(set)
        for stance, mentions in stances.items():
            for m in mentions:
                by_outlet[m.outlet or m.article_id].add(stance)
        # An outlet disagrees when another outlet reports a stance it does not.
        disagreeing = sorted(
            o for o, said in by_outlet.items() if any(said != other for other in by_outlet.values())
        )
        out.append(
            MergedPosition(
                holder=holder,
                target=about,
                stances=dict(stances),
                disagreement=bool(disagreeing),
                disagreeing=disagreeing,
            )
        )
    return sorted(out, key=lambda p: (not p.disagreement, p.holder, p.target))


def merge(records: Iterable[ArticleRecord]) -> Consolidation:
    """Group the same actor, event and position across articles, keeping every source."""
    recs = list(records)
    actors = ActorIndex()
    for rec in recs:
        for q in rec.of(Quote):
            actors.add(q.speaker.name, q.speaker.kind, rec.article_id)
        for e in rec.of(Event):
            for a in (*e.source, *e.target):
                actors.add(a.name, a.kind, rec.article_id)
        for p in rec.of(Position):
            actors.add(p.holder.name, p.holder.kind, rec.article_id)
            if p.target.kind != "issue":
                actors.add(p.target.name, p.target.kind, rec.article_id)
    actors.resolve()
    return Consolidation(
        articles=len(recs),
        actors=actors.merged(),
        events=_events(recs, actors),
        positions=_positions(recs, actors),
    )

"""The news pack's candidate generator: the pre-pass's candidates as drafts of quotes, events and
positions, with the open choices (speaker, event type, stance) put to a :class:`Chooser`.

A chooser answers from a closed list of options, so nothing it says can point outside the text:
every span comes from the pre-pass and is grounded like any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from extract.inputs.load import Article
from extract.rules.actors import ActorRef, resolution
from extract.rules.attribution import QuoteCandidate
from extract.rules.candidates import Analysis, analyse
from extract.rules.countries import country_of
from extract.rules.dates import article_date, date_field, normalise_time
from extract.rules.events import EventCandidate
from extract.rules.lexicons import CUE_LEMMAS, CUE_NOUNS
from extract.rules.positions import PositionCandidate
from extract.rules.stance import stance_of
from extract.schemas import (
    DEFINITIONS,
    EVENTS,
    POSITIONS,
    QUOTES,
    Actor,
    EventDraft,
    EventType,
    Kind,
    PositionDraft,
    QuoteDraft,
    Stance,
    Target,
)
from extract.schemas.kinds import Drafted
from extract.schemas.news import TargetKind


class Chooser(Protocol):
    """Picks one of ``options`` for a question asked with prompt ``prompt_name``.

    ``decide_all``: every choice is put to it (the rules' guess listed first), not only those the
    rules leave open. The rules-only chooser returns the first option.
    """

    decide_all: bool

    def choose(self, prompt_name: str, options: list[str], description: str, **values: str) -> str: ...

    def choose_each(
        self, prompt_name: str, options: list[list[str]], descriptions: list[str], **values: str
    ) -> list[str]:
        """Several choices in one question (each one's options, its rules' guess first)."""
        ...


class RulesChooser:
    """The rules-only chooser: every open choice keeps the rules' guess, listed first."""

    decide_all = False

    def choose(self, prompt_name: str, options: list[str], description: str, **values: str) -> str:
        return options[0]

    def choose_each(
        self, prompt_name: str, options: list[list[str]], descriptions: list[str], **values: str
    ) -> list[str]:
        return [o[0] for o in options]


def _forms(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith(("e", "y")) else lemma
    return {lemma, f"{lemma}s", f"{lemma}ed", f"{lemma}d", f"{stem}ing", f"{stem}ied", f"{stem}ies"}


_IRREGULAR = {"said", "told", "wrote", "written", "according", "spoke", "spoken"}
_CUE_FORMS = "|".join(sorted({f for w in CUE_LEMMAS | CUE_NOUNS for f in _forms(w)} | _IRREGULAR))
_CUE_WORD = re.compile(rf"\b(?:{_CUE_FORMS})\b", re.IGNORECASE)
_CUE_LOWER = re.compile(rf"\b(?:{_CUE_FORMS})\b")
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb]|''")


def worth_asking(passage: str, kinds: tuple[Kind, ...]) -> bool:
    """The pack's sieve for model passes: a passage can hold a quote only if it has a quote mark
    or a speech or belief word; events and positions can be anywhere."""
    if EVENTS in kinds or POSITIONS in kinds:
        return True
    return bool(_QUOTE_MARK.search(passage) or _CUE_WORD.search(passage))


def attributed(text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """Whether a model's extra quote at ``[start, end)`` is attributed speech: it stands in
    quote marks, or its sentence has a speech or belief word outside it, in lower case ('State'
    in 'Secretary of State' is a title, not a cue)."""
    if _QUOTE_MARK.search(text[max(0, start - 2) : start]) or _QUOTE_MARK.search(text[end : end + 2]):
        return True
    before, after = text[sentence[0] : start], text[end : sentence[1]]
    return bool(_CUE_LOWER.search(before) or _CUE_LOWER.search(after))


def _actor(ref: ActorRef) -> Actor:
    kind = ref.kind if ref.kind in ("person", "organization", "country", "group") else "other"
    return Actor(name=ref.name, kind=kind)  # type: ignore[arg-type]


def _event_actor(ref: ActorRef) -> Actor:
    """An event's actor, with the state it is or is an organ of."""
    return _actor(ref).model_copy(update={"country": country_of(ref.name, ref.kind)})


def _speaker(q: QuoteCandidate, source: str | None, ask: Chooser) -> ActorRef | None:
    names = list(dict.fromkeys(o.name for o in q.options))[:8]
    if not names:
        return None
    if q.speaker is not None and not ask.decide_all:
        # The rules named the speaker or resolved its pronoun. On the seeds' gold a small model
        # overruling a resolved pronoun was wrong more often than right: it is asked only where
        # the rules found no one.
        return q.speaker
    picked = ask.choose(
        "speaker",
        names,
        "The name of the person or body who said the quote.",
        context=q.context,
        quote=q.text,
        source=source or "(not named)",
    )
    return next(o for o in q.options if o.name == picked)


def decide_stance(
    ask: Chooser, sentence: str, holder: str, target: str, lexicon: str | None = None
) -> Stance:
    """The rules' stance where they are confident; otherwise (or with ``decide_all``) the chooser's,
    with the rules' guess listed first."""
    rule, sure = stance_of(sentence, lexicon)
    if sure and not ask.decide_all:
        return rule
    options = [rule.value, *(s.value for s in Stance if s is not rule)]
    picked = ask.choose(
        "stance", options, "The actor's stance on the target.", sentence=sentence, holder=holder, issue=target
    )
    return Stance(picked)


def decide_stances(
    ask: Chooser, sentence: str, pairs: list[tuple[str, str, str | None]], spoken: Sequence[bool] = ()
) -> list[Stance]:
    """:func:`decide_stance` for every (holder, target, lexicon) pair of one sentence, the open
    ones put to the chooser together: one question per sentence, not one per pair (the model's
    cost per article is its number of calls). ``spoken``: which pairs are the holder's own words
    on the target (:func:`stance_of`)."""
    said = [*spoken, *[False] * (len(pairs) - len(spoken))]
    rules = [stance_of(sentence, lexicon, s) for (_, _, lexicon), s in zip(pairs, said, strict=True)]
    out = [rule for rule, _ in rules]
    open_ = [n for n, (_, sure) in enumerate(rules) if not sure or ask.decide_all]
    if not open_:
        return out
    picked = ask.choose_each(
        "stances",
        [[out[n].value, *(s.value for s in Stance if s is not out[n])] for n in open_],
        [f"How {pairs[n][0]} regards {pairs[n][1]} in the sentence." for n in open_],
        sentence=sentence,
        pairs="\n".join(f"answer_{k}: {pairs[n][0]} -> {pairs[n][1]}" for k, n in enumerate(open_, 1)),
    )
    for n, value in zip(open_, picked, strict=True):
        out[n] = Stance(value)
    return out


def _quotes(text: str, found: Analysis, ask: Chooser) -> list[Drafted]:
    """Quote drafts with their source and cue as the pre-pass found them, and where each stands
    (grounding looks there first: the "he" of this attribution, not the nearest other "he")."""
    out: list[Drafted] = []
    for q in found.quotes:
        source = text[q.source[0] : q.source[1]] if q.source else None
        speaker = _speaker(q, source, ask)
        if speaker is None:
            continue
        draft = QuoteDraft(
            text=q.text,
            source=source,
            speaker=_actor(speaker),
            direct=q.direct,
            resolution=resolution(source, speaker) if source else None,
            cue=text[q.cue[0] : q.cue[1]] if q.cue else None,
        )
        hints = {"text": q.start} | ({"source": q.source[0]} if q.source else {})
        out.append((QUOTES, draft, hints | ({"cue": q.cue[0]} if q.cue else {})))
    return out


def decide_event_type(ask: Chooser, e: EventCandidate) -> EventType:
    """The rules' category where the lexicon read it plainly; otherwise (or with ``decide_all``) the
    chooser's, over every category's PLOVER definition, the rules' guess listed first."""
    if e.sure and not ask.decide_all:
        return e.type
    options = [e.type.value, *(t.value for t in EventType if t is not e.type)]
    definitions = "\n".join(f"{t.value}: {d}" for t, d in DEFINITIONS.items())
    picked = ask.choose(
        "event_type",
        options,
        "The PLOVER category of the event the sentence reports.",
        sentence=e.sentence,
        trigger=e.trigger,
        definitions=definitions,
    )
    return EventType(picked)


def _events(article: Article, found: Analysis, ask: Chooser) -> list[Drafted]:
    out: list[Drafted] = []
    # The dateline, else the article's own date field: "on Tuesday" needs a week to fall in.
    anchor = article_date(article.text) or date_field(article.meta.get("date"))
    for e in found.events:
        etype = decide_event_type(ask, e)
        draft = EventDraft(
            type=etype,
            mode=e.mode if etype is e.type else None,
            source=[_event_actor(a) for a in e.sources],
            target=[_event_actor(a) for a in e.targets],
            time=e.time,
            date=normalise_time(e.time, anchor),
            place=e.place,
            evidence=e.sentence,
        )
        out.append((EVENTS, draft, e.start))
    return out


def position_drafts(found: Analysis, ask: Chooser) -> list[tuple[PositionCandidate, PositionDraft]]:
    """Each candidate the stance keeps, with its draft: a stance decided per sentence, and no
    position where no word states one and the sentence shows none."""
    out: list[tuple[PositionCandidate, PositionDraft]] = []
    by_line: dict[tuple[int, str], list[PositionCandidate]] = {}
    for p in found.positions:
        by_line.setdefault((p.start, p.sentence), []).append(p)
    stances: dict[int, Stance] = {}
    for (_, sentence), here in by_line.items():
        pairs = [(p.holder.name, p.target.name, p.stance) for p in here]
        decided = decide_stances(ask, sentence, pairs, [p.spoken for p in here])
        stances.update({id(p): s for p, s in zip(here, decided, strict=True)})
    for p in found.positions:
        stance = stances[id(p)]
        if stance is Stance.NEUTRAL and p.stance is None:
            continue  # no word states a stance and the sentence shows none: no position
        draft = PositionDraft(
            evidence=p.sentence,
            holder=_actor(p.holder),
            holder_mention=p.holder_mention,
            target=Target(name=p.target.name, kind=_target_kind(p.target)),
            target_mention=p.target_mention,
            stance=stance,
            quote=p.quote,
        )
        out.append((p, draft))
    return out


def _positions(found: Analysis, ask: Chooser) -> list[Drafted]:
    return [(POSITIONS, draft, p.start) for p, draft in position_drafts(found, ask)]


def _target_kind(ref: ActorRef) -> TargetKind:
    return ref.kind if ref.kind in ("person", "organization", "country", "group", "issue") else "other"  # type: ignore[return-value]


def drafts(article: Article, kinds: tuple[Kind, ...], ask: Chooser, doc: Any | None = None) -> list[Drafted]:
    """Drafts of the pack's ``kinds`` from one pre-pass (over ``doc``, the article's parse, where
    the caller has one), asking only the choices the rules leave open."""
    found = analyse(article.text, doc=doc)
    out: list[Drafted] = []
    if QUOTES in kinds:
        out += _quotes(article.text, found, ask)
    if EVENTS in kinds:
        out += _events(article, found, ask)
    if POSITIONS in kinds:
        out += _positions(found, ask)
    return out

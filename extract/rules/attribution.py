"""Attribution: who said, thinks or wants what. Direct quotes and the eight patterns of
reported speech, each a function over the parse that adds a :class:`QuoteCandidate`."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from extract.rules.actors import ActorRef, Actors
from extract.rules.lexicons import (
    AGENT_NOUNS,
    BODY_NOUNS,
    CUE_LEMMAS,
    CUE_NOUNS,
    OBJECT_CUES,
    OBJECT_PREPS,
    PRONOUNS,
    ROLE_NOUNS,
    words,
)
from extract.rules.parse import (
    agents,
    doc_first,
    inside,
    lemma,
    lines_of,
    paragraph_context,
    same_line,
    subject,
)

_DATELINE = re.compile(
    r"(?:[A-Z][A-Z .'-]+(?:, [A-Z][a-z]+\.? \d{1,2})?|[A-Z][a-z]{2,8}\.? \d{1,2})"  # 'RENO, Nev.', 'Dec 29'
    r" \([^)]*\) *[-\u2013\u2014] *"
)
# Quote marks: curly, straight, and the two apostrophes the New York Times writes for either
# ("''We're anxious,'' said ..."; 116 of PolNeAR train's 840 articles, 7 of dev's 84). A
# quote's words hold none of them; one left open at its line's end closes there.
_QUOTE = re.compile(r"(?:[\u201c\"]|'')((?:[^\u201c\u201d\"'\n]|'(?!'))+)(?:[\u201d\"]|''|(?=\n))")
_CLAUSE_BREAK = re.compile(r"[.,:;!?()\n\u201c\u201d\"\u2014\u2013]|''")
_MIXED_WORDS = 12  # words between a cue and the quote mark that opens inside its clause
_BULLETS = "-\u2013\u2014*\u2022 "
_QUOTE_MARKS = re.compile(r"[\u201c\u201d\"]|''")
_OPENING = ("\u201c", '"', "''")  # as text starts with them: a quote mark that opens
_MARKS_SPACE = " \u201c\u201d\"'"
_END_MARKS = " ,.;:!?\u201d\"'"
_OBJECT_TAIL = {"oprd", "prep"}
_RELATIVE = {"who"}
# Common nouns for those who can hold a view, or a finding (a poll)
_HOLDERS = AGENT_NOUNS | ROLE_NOUNS | BODY_NOUNS | {"campaign", "poll", "survey", "republican", "democrat"}
# Who a headline's "X: ..." gives a finding to, beside the holders ('Poll:', 'Historians:')
_FINDERS = words("report newspaper insider historian study analysis expert")
_FRAGMENT_SPLIT_WORDS = 8
_SPLIT_WORDS = 14  # the cue between two parts of one quote, with its speaker and an aside ('at a rally')

# "Graham: Trump's rhetoric is hateful" (headlines, transcripts): a line led by a name and a colon.
_NAME_COLON = re.compile(r"^([A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+){0,3}): +(\S[^\n]{9,})$", re.M)


# A [start, end) character interval of the article.
At = tuple[int, int]


@dataclass
class QuoteCandidate:
    """An attribution: its content (``text`` at ``start``), where the article names its source and
    its cue (character offsets, None where the text has none), and the actor the source means."""

    text: str
    start: int
    direct: bool
    cue: At | None
    speaker: ActorRef | None
    options: list[ActorRef]
    context: str
    source: At | None = None


def mention(tok: Any, cue: int | None = None) -> At:
    """Where the article names a subject, as PolNeAR's Source spans do: the token's whole phrase
    (titles, coordination, apposition and relative clause included: 'Thomas Wiegold, an expert on
    defense affairs'; not a participle's or a 'which' clause after a comma), within its line,
    without punctuation at its ends; a relative pronoun as written ('who')."""
    doc = tok.doc
    first, last = tok.left_edge.i, tok.right_edge.i
    # Not a participle's clause or a 'which'/'whose' clause after a comma ('Marco Rubio, speaking at
    # a rally', 'Ramos, whose new book ...'): PolNeAR's Source ends before them (train 200: 8 of 9).
    # Nor the cue's own clause, when the cue modifies its source ('pastors supporting Mr. Cruz').
    cut = [c for c in tok.rights if _left_off(c) or (cue is not None and _covers(c, cue))]
    if cut:
        last = max(tok.i, cut[0].left_edge.i - 1)
    for i in range(first, tok.i):  # a parse run across lines (a caption into a sentence)
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            first = i + 1
    for i in range(tok.i, last):
        if "\n" in doc[i].whitespace_ or "\n" in doc[i + 1].text:
            last = i
            break
    while first < tok.i and doc[first].is_punct:
        first += 1
    while last > tok.i and doc[last].is_punct and not _closes(doc[first : last + 1]):
        last -= 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    words = doc[first : last + 1].text
    if words.lstrip(_BULLETS):  # a list's bullet run into its first word: '-Nate Cohn explains'
        start += len(words) - len(words.lstrip(_BULLETS))
    # 'RENO, Nev. (AP) — Republican hopeful Trump'; 'CLEVELAND, July 19 (UPI) — Former Attorney
    # General Michael Mukasey', where the parse makes the dateline's city the subject
    # matched within the phrase's own words: Doc.text joins every token of the article again
    base = doc[first].idx
    dateline = _DATELINE.match(words, start - base)
    return (base + dateline.end(), end) if dateline and base + dateline.end() < end else (start, end)


def _covers(tok: Any, at: int) -> bool:
    """Whether the character offset ``at`` falls within ``tok``'s phrase."""
    last = tok.doc[tok.right_edge.i]
    return bool(tok.doc[tok.left_edge.i].idx <= at < last.idx + len(last.text))


def _left_off(tok: Any) -> bool:
    """A clause after a comma that a Source span leaves off (see :func:`mention`)."""
    if tok.i == 0 or tok.doc[tok.left_edge.i - 1].text != ",":
        return False
    return (tok.dep_ in ("acl", "advcl") and tok.tag_ == "VBG" and tok.left_edge.i == tok.i) or (
        tok.dep_ == "relcl" and tok.doc[tok.left_edge.i].lower_ in ("which", "whose")
    )


def _closes(span: Any) -> bool:
    """Whether the span's last token closes a bracket it opens: '(R-OK)' keeps its ')'."""
    return span[-1].text == ")" and "(" in span.text


# Words before a cue verb that PolNeAR's Cue spans take with it: 'is telling', 'did not mention',
# 'has also said'.
_CUE_LEFT = {"aux", "auxpass", "neg", "advmod"}
# Adverbs it leaves out: a question word ('when asked'), a link to the sentence before ('however').
_NOT_CUE_LEFT = words("however instead meanwhile so thus therefore though")


def cue_span(tok: Any) -> At:
    """Where a cue verb stands, with its auxiliaries, negation and adverbs right before it, its
    'clear' for 'made (it) clear', and the words right after it that PolNeAR's Cue spans take:
    a particle ('pointed out', 'shot back'), the preposition whose object is what is meant ('called for',
    'referred to'), a cue noun as its object ('expressed concern') and 'in a statement'."""
    doc, first, last = tok.doc, _with_left(tok), tok
    if tok.dep_ == "advcl" and first.lower_ == "to" and tok.head.pos_ == "VERB" and tok.head.i < tok.i:
        # 'went off script to comment on', 'will come on the show to talk about': PolNeAR's cue
        # runs from the verb the purpose hangs on (train: twice as often as the infinitive alone)
        first = _with_left(tok.head)
    if tok.lemma_ in _IDIOMS:
        last = _idiom_end(tok) or tok
    elif tok.i + 1 < len(doc) and (after := doc[tok.i + 1]).head.i == tok.i:
        verb = lemma(tok)
        if (
            after.dep_ == "prt"
            or (after.dep_ == "advmod" and after.lower_ == "back")  # 'shot back', 'hit back'
            or (after.dep_ == "prep" and after.lower_ in _object_preps(verb))
            or (after.dep_ == "dobj" and after.lemma_.lower() in CUE_NOUNS)
        ):
            last = after
        elif after.lower_ == "in" and verb in ("say", "write"):
            # 'said in a statement' (PolNeAR takes it with the cue two times in three; not
            # 'in an interview', which it leaves out more often than not)
            words = [t.lower_ for t in doc[after.i + 1 : after.i + 3]]
            if len(words) == 2 and words[0] in ("a", "the") and words[1] == "statement":
                last = doc[after.i + 2]
    return first.idx, last.idx + len(last.text)


def _object_preps(verb: str) -> tuple[str, ...]:
    """The prepositions whose object is what a verb means: its own ('called for'), and 'about' for
    every speech and belief verb ('joked about moving', 'mused about the race', 'worried about
    it': PolNeAR's cue takes the 'about', its content what follows, a noun or a clause)."""
    # not 'asked about': what one is asked about is no one's words (PolNeAR train: 0 of 42)
    about = verb in CUE_LEMMAS and verb != "ask"
    return (*OBJECT_PREPS.get(verb, ()), *(("about",) if about else ()))


def _with_left(verb: Any) -> Any:
    """The first word of a verb with its auxiliaries, negation and adverbs right before it."""
    first = verb
    while first.i > 0 and _cue_left(verb.doc[first.i - 1], verb):
        first = verb.doc[first.i - 1]
    return first


def _cue_left(tok: Any, cue: Any) -> bool:
    """Whether the word before a cue verb goes with it: its auxiliary, negation or adverb."""
    return (
        tok.head.i == cue.i
        and tok.dep_ in _CUE_LEFT
        and tok.tag_ != "WRB"
        and tok.lower_ not in _NOT_CUE_LEFT
    )


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans inside quote marks, in order: a name there is quoted, not narrated."""
    return [(m.start(1), m.end(1)) for m in _QUOTE.finditer(text)]


def find_quotes(
    doc: Any, actors: Actors, spans_in_quotes: list[tuple[int, int]], on_time: Callable[[], None]
) -> list[QuoteCandidate]:
    """Every attribution in ``doc``: direct quotes, lines led by a name and a colon, then the
    reported speech each cue governs. Nested ones are kept (see :func:`outermost`)."""
    text = actors.text
    quotes: list[QuoteCandidate] = []

    def in_quote(i: int) -> bool:
        return inside(spans_in_quotes, i)

    cues = [t for t in doc if _is_cue(t) and not in_quote(t.idx)]
    cue_at = [t.idx for t in cues]
    token_starts = [t.idx for t in doc]
    last_speaker: ActorRef | None = None
    last_said: tuple[At | None, At | None] = (None, None)  # a continuation's source and cue
    last: tuple[Any, QuoteCandidate | None] | None = None  # the last quote marks, and their quote
    for m in _QUOTE.finditer(text):
        on_time()
        content = m.group(1).strip()
        para_start = text.rfind("\n", 0, m.start()) + 1
        para_end = text.find("\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        local = cues[bisect_left(cue_at, para_start) : bisect_left(cue_at, para_end)]
        tagged = _lead_in(actors, doc, m.start()) or _tag(actors, doc, token_starts, m)
        # the nearest cue, one in the quote's own sentence first ('Cruz says that "X." And he
        # said ...' is Cruz's 'says')
        opening = actors.sentence_of[min(bisect_left(token_starts, m.start(1)), len(doc) - 1)]
        cue = tagged or min(
            local,
            key=lambda t: (
                not opening.start <= t.i < opening.end,
                min(abs(t.idx - m.start()), abs(t.idx - m.end())),
            ),
            default=None,
        )
        # 'X," she said. "Y': one quote in two parts, as PolNeAR marks it, with the cue between;
        # a part may be short ('"Your Honor," I said, "I would ...'), and a paragraph left open
        # goes on at the next one's opening mark.
        before, first = last if last is not None else (None, None)
        joins = before is not None and (
            _split_around(text, before.end(), m.start(), cue)
            or (first is not None and _continued(text, before.end(), m.start()))
        )
        # A short quote is scare quotes unless its own tag or lead-in gives it a speaker
        # ('"You tell me," he said.', 'said, "No."'), as PolNeAR marks it.
        if (
            len(content.split()) < 4
            and not (joins and first is not None)
            and not _own_cue(text, m, tagged, cue)
        ):
            last = (m, None)
            continue  # scare quotes: part of the surrounding reported speech
        subj = _speaker_token(cue) if cue is not None else None
        said = (mention(subj, cue.idx), cue_span(cue)) if subj is not None and cue is not None else last_said
        speaker = actors.resolve_token(subj) if subj is not None else last_speaker
        if (named := _name_lead(actors, m.start())) is not None:
            said, speaker = (named[0], named[1]), named[2]
        options = [r for r in [speaker, *actors.near(para_start, para_end)] if r is not None]
        around = paragraph_context(text, para_start, para_end)
        begin = m.start(1)
        if before is not None and joins:
            if first is not None:
                quotes.pop()  # the first part, the last quote added
                speaker, options = first.speaker or speaker, [*first.options, *options]
                if first.cue is not None:  # the tag between the parts, not a cue in the second
                    said = (first.source, first.cue)
            begin = first.start if first is not None else before.start(1)
            content = text[begin : m.end(1)].rstrip()
        elif (lead := _mixed_start(text, cue, m.start())) is not None:
            # 'warned that "when you live by the pen, ...', 'He says Obama "...': the reported
            # clause opens before the quote mark, and PolNeAR's content with it.
            begin, content = lead, text[lead : m.end(1)].rstrip()
        options = list(dict.fromkeys(options))
        found = QuoteCandidate(content, begin, True, said[1], speaker, options, around, said[0])
        quotes.append(found)
        last_speaker, last_said = speaker or last_speaker, said if speaker is not None else last_said
        last = (m, found)
    _name_colon(text, actors, quotes)
    # Beyond the lexicon, PolNeAR counts any verb whose subject states, thinks or wants a clause of
    # its own ('Republicans fret that ...', 'he figures that ...'): taken for its clause alone.
    clausal = [t for t in doc if not in_quote(t.idx) and not _is_cue(t) and _clause_cue(t)]
    for cue in [*cues, *clausal]:
        on_time()
        # Its clause on its own line, and after it where the parse hangs two on it ('Canova has
        # ripped ...: He said he's raised ...').
        comps = [c for c in cue.children if c.dep_ == "ccomp"]
        comps.sort(key=lambda c: (not same_line(c, cue), c.i < cue.i))
        comp = comps[0] if comps else None
        subj = _speaker_token(cue)
        if subj is None or (cue in clausal and (comp is None or not _agentive(subj, actors))):
            continue
        if comp is not None:
            start = comp.left_edge.i
            cue_words = cue_span(cue)
            # The content opens after its cue's words ('said in a statement that', 'made it clear
            # that', 'expressed concern that'), punctuation left off.
            while start < comp.right_edge.i and (doc[start].is_punct or inside([cue_words], doc[start].idx)):
                start += 1
            first = start
            while doc[first].dep_ == "mark" or doc[first].is_punct:
                first += 1
            if in_quote(doc[first].idx):
                # The clause opens inside quote marks: a direct quote, found above. A clause whose
                # verb alone is quoted ('says Obama is "obsessed" with ...') is reported speech.
                continue
            # The complementiser ('that', 'whether') is part of the content, as PolNeAR marks it;
            # so is a clause joined on with its own subject ('that they tried, but a judge refused').
            end = max([comp.right_edge.i, *(c.right_edge.i for c in cue.rights if _own_clause(c, comp))])
            end = _before_next_said(doc, cue, start, end)
            if _reported(quotes, actors, doc[start : end + 1], cue_words, subj):
                continue
        _aside(cue, subj, actors, quotes) or _trailing(cue, subj, actors, quotes)
    for tok in doc:
        if not in_quote(tok.idx):
            (
                _according_to(tok, actors, quotes)
                or _framed(tok, actors, quotes)
                or _cue_noun(tok, actors, quotes)
                or _stance_object(tok, actors, quotes)
            )
    return quotes


def _own_cue(text: str, m: re.Match[str], tagged: Any | None, cue: Any | None) -> bool:
    """Whether the quote at ``m`` is spoken by its cue's subject: a tag after it or a lead-in
    before it, or a cue verb right before its opening mark ('said, "No."')."""
    if tagged is not None:
        return True
    if cue is None or cue.idx > m.start():
        return False
    return text[cue.idx + len(cue.text) : m.start()].strip() in (",", ":")


def _speaker_token(cue: Any) -> Any | None:
    """Who a cue verb's words are: its subject, or the agent of a passive one ('Sanders was asked
    by host Bill Maher', 'was criticized by Democrats'), as PolNeAR's Source marks it."""
    found = agents(cue) if any(c.dep_ == "nsubjpass" for c in cue.children) else []
    if found:
        return found[0]
    if lemma(cue) in _RAISING and any(c.dep_ == "nsubjpass" for c in cue.children):
        # 'Trump is expected to win', 'he is said to be furious': its subject is what is
        # expected, and whoever expects it goes unnamed
        return None
    if lemma(cue) == "ask" and cue.tag_ == "VBN" and not any(c.lower_ == "when" for c in cue.lefts):
        # 'Sanders was asked to name ...', 'Asked whether ...': whoever is asked is not the asker,
        # and no one else is named (PolNeAR marks no attribution there; but 'the senator smiled
        # when asked whether ...' is the senator's).
        return None
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and _holder(cue.head):
        # 'pastors supporting Mr. Cruz', 'a new poll showing Trump down': the noun it modifies
        return cue.head
    if cue.dep_ in ("relcl", "acl") and _infinitive(cue) and not _holder(cue.head):
        # 'ways to express', 'reason to believe': the noun is what the words are about, not who
        # says them ('the first senators to endorse' still speak)
        return None
    if _that_said(cue):
        return None
    if (outer := _reporting(cue)) is not None:
        return _speaker_token(outer)
    return subject(cue) or _inverted(cue)


def _participle(tok: Any) -> bool:
    """A cue in an '-ing' clause of its own, without a subject: '..., saying ...'."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and not _has_subject(tok)


def _reporting(cue: Any) -> Any | None:
    """The cue whose reported clause a participle cue hangs on: 'Trump announced that he filed
    ..., saying it set a benchmark' says it is Trump's 'saying', not 'he''s."""
    if not _participle(cue):
        return None
    clause = cue.head
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    outer = clause.head
    return outer if clause.dep_ == "ccomp" and outer != clause and _is_cue(outer) else None


def _that_said(cue: Any) -> bool:
    """'That said, Millennials say ...': a sentence adverb, no one's words."""
    doc = cue.doc
    return (
        cue.lower_ == "said"
        and 0 < cue.i < len(doc) - 1
        and doc[cue.i - 1].lower_ in ("that", "this")
        and doc[cue.i - 1].is_sent_start
        and doc[cue.i + 1].text == ","
    )


def _infinitive(verb: Any) -> bool:
    """Whether a verb stands as a bare infinitive, with 'to' and no subject of its own."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not _has_subject(verb)


def _inverted(verb: Any) -> Any | None:
    """The subject of a tag that follows its quote verb first, where the parse takes it for the
    verb's object ('...," added a South Carolina Democrat.')."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or not (before.is_quote or before.text in ("''", ",")):
        return None
    return next((c for c in verb.rights if c.dep_ in ("dobj", "attr") and c.left_edge.i == verb.i + 1), None)


def _holder(tok: Any) -> bool:
    """Whether a noun names who can hold a view or report a finding: people and bodies by name, a
    noun for them ('voters', 'a poll'), or a pronoun ('those')."""
    return bool(
        tok.ent_type_ in ("PERSON", "ORG", "NORP")
        or tok.lemma_.lower() in _HOLDERS
        or (tok.pos_ == "PRON" and tok.lower_ in ("those", "anyone", "everyone", "people"))
    )


# Verbs whose passive raises what is said to be so to its subject ('is expected to', 'is believed to').
_RAISING = words("expect believe think know say consider report estimate predict")


_NEW_SENTENCE = re.compile(r"[.!?] +[A-Z]")
_ADDING = re.compile(r"\b(?:adding|added|adds)[,:]?\s*\Z")


def _split_around(text: str, end: int, start: int, cue: Any | None) -> bool:
    """Whether the quote opening at ``start`` goes on from the one ending at ``end``: the cue
    stands between them, in the same paragraph, in a few words ('," Weaver said. "'), or in a
    whole sentence after a part left on a comma."""
    gap = text[end:start]
    if cue is None or not end <= cue.idx < start or "\n" in gap or _QUOTE_MARKS.search(gap):
        return False
    if _ADDING.search(gap):
        return False  # '," he said, adding, "': a second quote, cued 'adding' (PolNeAR train: 8 of 8)
    # The last characters before the closing mark (not the whole prefix: one copy per quote pair).
    before = text[max(0, end - 16) : end].rstrip(_MARKS_SPACE)
    if before.endswith(","):
        # '"X," said A, a ..., who .... "Y': a part left on a comma goes on after the sentence
        # that names its speaker, however long; not into the cue's own clause ('," adding that')
        # ('," Mr. Obama said. But he added, "': a second sentence with its own cue opens a new quote)
        return gap.rstrip().endswith(".") or (
            len(gap.split()) <= _SPLIT_WORDS
            and _mixed_start(text, cue, start) is None
            and not _NEW_SENTENCE.search(gap)
        )
    if before[-1:] in (".", "?", "!"):
        # '... tomorrow." He's predicting he will do "very, very well': a new sentence's own
        # clause opens the second quote
        return len(gap.split()) <= _SPLIT_WORDS and not gap.rstrip()[-1:].isalnum()
    # A part ending on a word: a fragment, joined to the next only across a few words
    return len(gap.split()) < _FRAGMENT_SPLIT_WORDS


def _mixed_start(text: str, cue: Any | None, mark: int) -> int | None:
    """Where a clause opens between its cue and the quote mark at ``mark`` ('says Obama "'),
    when a few words of the same sentence stand between them; None when the quote opens its
    clause."""
    if cue is None or cue.idx >= mark:
        return None
    after = cue_span(cue)[1]  # past the words its cue takes ("says in a statement")
    gap = text[after:mark]
    if not gap.strip() or _CLAUSE_BREAK.search(gap) or len(gap.split()) > _MIXED_WORDS:
        return None
    return after + len(gap) - len(gap.lstrip())


def _own_clause(tok: Any, comp: Any) -> bool:
    """Whether ``tok``, a child of the cue after its clause ``comp``, is a clause of its own joined
    on ('..., but a federal judge refused'), not the cue's subject doing something else, nor
    someone else's attribution ('..., but six in 10 said they want ...': a quote of its own)."""
    return tok.i > comp.i and tok.dep_ == "conj" and _has_subject(tok) and not _is_cue(tok)


def _has_subject(tok: Any) -> bool:
    """Whether a verb has a subject of its own (active or passive)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


_JOINS = words("and but while whereas")


def _before_next_said(doc: Any, cue: Any, start: int, end: int) -> int:
    """Where reported speech ends when another attribution is joined on after a comma: '74
    percent said they are set on voting for him, while 22 percent said they might change their
    mind' is two quotes, the first ending at 'him' (the parse hangs the second on the first's
    clause), and so is 'announced that he filed ..., saying it set a new benchmark' (PolNeAR
    train 0-399: 68 of 71 ', saying' are a cue, one inside another quote's content); a joining
    word left at the end ('..., and') is not content either."""
    for tok in doc[start + 1 : end + 1]:
        if tok.i == cue.i or tok.dep_ not in ("advcl", "conj", "ccomp") or not _is_cue(tok):
            continue
        own = _has_subject(tok) and any(c.dep_ == "ccomp" for c in tok.children)
        if not (own or _participle(tok)):
            continue
        cut = tok.left_edge.i  # its subtree opens with its 'while'; an 'and' or 'but' comes before
        while cut > start and (doc[cut - 1].is_punct or doc[cut - 1].lower_ in _JOINS):
            cut -= 1
        if cut > start and "," in doc[cut : tok.left_edge.i].text:
            end = cut - 1
            break
    while end > start and doc[end].lower_ in _JOINS and doc[end].dep_ == "cc":
        end -= 1
    return end


def _continued(text: str, end: int, start: int) -> bool:
    """A quote left open at its paragraph's end, taken up by the next paragraph's opening mark."""
    return end > 0 and text[end - 1] not in "\u201d\"'" and not text[end:start].strip()


def _is_cue(tok: Any) -> bool:
    """A verb that reports speech or belief: 'said', 'thinks', or 'made (it) clear'."""
    if tok.pos_ != "VERB":
        return False
    if tok.lemma_ in _IDIOMS:
        return _idiom_end(tok) is not None
    return lemma(tok) in CUE_LEMMAS


# Verbs that are cues only with a word of their own after them, which the cue takes: 'made (it)
# clear', 'as he put it' (PolNeAR train: its cue takes the 'it', 12 of 12).
_IDIOMS = ("make", "put")


def _idiom_end(tok: Any) -> Any | None:
    """The last word of an idiom cue ('clear', 'it'), None where the verb stands without it."""
    doc = tok.doc
    if tok.lemma_ == "make":
        return next((t for t in doc[tok.i + 1 : tok.i + 3] if t.lower_ == "clear"), None)
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return after if after is not None and after.lower_ == "it" and after.head.i == tok.i else None


# Verbs that take a clause without attributing it: 'it seems that', 'made sure that'.
_NOT_CUES = words("be have do make get seem appear ensure mean happen let go come take give help turn")
_EXPLETIVE = {"it", "there", "this", "that", "which"}


def _clause_cue(tok: Any) -> bool:
    """A verb outside the cue lexicon with a subject and a clause that has its own subject or a
    complementiser ('fret that', 'figures the party can ...')."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in _NOT_CUES:
        return False
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in _EXPLETIVE:
        return False
    return any(c.dep_ == "ccomp" and any(_opens_clause(g) for g in c.children) for c in tok.children)


def _opens_clause(tok: Any) -> bool:
    """A clause's own subject, or its complementiser."""
    return tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "mark" and tok.lower_ in _MARKS)


_MARKS = {"that", "whether", "if"}


def _agentive(subj: Any, actors: Actors) -> bool:
    """Whether a subject can hold a view: a pronoun for people, a named actor, or a noun for people
    or bodies ('voters', 'the campaign'), not 'the referendum will decide whether ...'."""
    if subj.lower_ in PRONOUNS | _RELATIVE:
        return True
    actor = actors.resolve_token(subj)
    return (actor is not None and actor.kind != "other") or subj.lemma_.lower() in _HOLDERS


def outermost(quotes: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """The quotes no other quote contains: 'he believes his campaign has "the wind at our backs"'
    is one attribution, not three ("believes" inside "said", the quoted words inside both)."""
    # Ends compared without closing punctuation: a reported clause ends before the '.' its
    # quoted last words keep.
    spans = sorted(((q.start, -(q.start + len(q.text.rstrip(_END_MARKS))), n) for n, q in enumerate(quotes)))
    keep: set[int] = set()
    reach = -1
    for _, neg_end, n in spans:  # by start, longest first: a contained span ends within reach
        if -neg_end > reach:
            keep.add(n)
            reach = -neg_end
    return [q for n, q in enumerate(quotes) if n in keep]


def joined_fragments(quotes: list[QuoteCandidate], text: str) -> list[QuoteCandidate]:
    """Each quote carried on over the quoted fragments that open a few words after its closing
    mark: 'Trump as "a pathological sociopath" and "a narcissistic psychopath"', 'the whole game
    has become "screwed up" because "football has become soft"' are one content each in PolNeAR
    (docs/quality.md counts them). A direct quote it takes in is
    then left to :func:`outermost`."""
    marks = quoted_spans(text)
    out = []
    for q in quotes:
        end = start = q.start + len(q.text)
        for n in range(bisect_left(marks, (start, start)), len(marks)):
            s, e = marks[n]
            if not _fragment_gap(text, end, s):
                break
            end = e
        out.append(q if end == start else replace(q, text=text[q.start : end]))
    return out


def _fragment_gap(text: str, end: int, start: int) -> bool:
    """Whether a part ending on a word at ``end`` goes on at the opening quote mark before
    ``start``, past its own closing mark if it has one, in a few words of the same clause
    ('" and "', '" because "', 'would "')."""
    if not 0 < end <= start or not text[end - 1].isalnum():
        return False
    gap = text[end:start].strip(" \u00a0")
    opening = next((m for m in _OPENING if gap.endswith(m)), None)
    if opening is None:
        return False
    inner = gap[: -len(opening)]
    closing = _QUOTE_MARKS.match(inner)
    inner = inner[closing.end() :] if closing else inner
    return not _CLAUSE_BREAK.search(inner) and len(inner.split()) < 4


_TAG_WORDS = 24  # '," Texas delegate Bill Eastland, wearing a cowboy hat, said': a tag's words at most


def _tag(actors: Actors, doc: Any, token_starts: list[int], m: re.Match[str]) -> Any | None:
    """The verb of the tag right after a quote its sentence goes on from ('...," Trump barked.',
    '...?" asked Bolton'): PolNeAR's cue, whatever the verb."""
    if m.group(1).rstrip()[-1:] not in (",", "?", "!"):
        return None  # a title's marks ('"Flip the Script", the actor held'), or a sentence's end
    first = bisect_left(token_starts, m.end())
    while first < len(doc) and doc[first].is_punct and "\n" not in doc[first].text:
        first += 1
    for tok in doc[first : first + _TAG_WORDS]:
        if tok.text in (".", ";", *_OPENING) or "\n" in tok.text:
            return None
        if tok.pos_ != "VERB" or tok.dep_ not in ("ROOT", "parataxis"):
            continue  # a verb inside the subject ('Bill Eastland, wearing a cowboy hat, said')
        subj = subject(tok) or _inverted(tok)
        if subj is None or not _agentive(subj, actors):
            return None
        # the tag is the subject and its verb, in either order, and nothing else
        between = doc[subj.right_edge.i + 1 : tok.i]
        if subj.i < tok.i and subj.left_edge.i == first and all(t.is_punct for t in between):
            return tok
        return tok if tok.i == first and subj.left_edge.i == tok.i + 1 else None
    return None


def _lead_in(actors: Actors, doc: Any, mark: int) -> Any | None:
    """The verb of a lead-in ending in a colon right before the quote mark at ``mark``, in its
    paragraph or closing the one before: 'Cruz continued:', 'the Christie supporter retorted:'.
    A colon hands the quote to the subject of its speech verb, else of whatever verb it has."""
    colon = len(actors.text[:mark].rstrip()) - 1
    if colon < 0 or actors.text[colon] != ":" or colon not in actors.token_at:
        return None
    at = actors.token_at[colon]
    verbs = [t for t in reversed(doc[actors.sentence_of[at].start : at]) if t.pos_ in ("VERB", "AUX")]
    said = [v for v in verbs if _is_cue(v)]  # 'as Pollak observed, the victor was ...:'
    return next((v for v in [*said, *verbs] if subject(v) is not None), None)


# A name and a colon alone before a quote mark, on its own line or after a dash
_LEAD_NAME = re.compile(
    r"(?:^|\n|\s[-\u2013\u2014]+\s*)((?:[A-Z][\w.'\u2019-]*\s+(?:and\s+)?){0,4}[A-Z][\w.'\u2019-]*)\s*(:)\s*\Z"
)


def _name_lead(actors: Actors, mark: int) -> tuple[At, At, ActorRef] | None:
    """A lead-in that is only a name and a colon, opening a line or after a dash, right before
    the quote mark at ``mark`` ('... JUST TOO EARLY - Mark Blumenthal and Jon Cohen: "'): where
    the name stands, the colon (PolNeAR's cue) and the actor."""
    base = max(0, mark - 120)
    found = _LEAD_NAME.search(actors.text, base, mark)
    if found is None:
        return None
    speaker = actors.resolve(found.group(1), found.start(1))
    return (found.span(1), found.span(2), speaker) if speaker is not None else None


def _name_colon(text: str, actors: Actors, quotes: list[QuoteCandidate]) -> None:
    """Lines led by a known actor's name and a colon: the rest of the line is theirs (a lone
    letter, as in an interview's "Q:", names no one)."""
    taken = [(q.start, q.start + len(q.text)) for q in quotes]
    lines = list(_NAME_COLON.finditer(text))
    # A transcript's speakers: names in capitals leading more than one line ('JAKE TAPPER:', then
    # 'TAPPER:'), not a rubric that leads one ('UPDATE:')
    leads = Counter(m.group(1).split()[-1] for m in lines if m.group(1).isupper())
    for m in lines:
        if len(m.group(1)) < 2 or any(s < m.end(2) and m.start(2) < e for s, e in taken):
            continue
        speaker = actors.resolve(m.group(1), m.start(1))
        if speaker is None:
            continue
        last = m.group(1).split()[-1]
        if speaker.kind == "other" and not (
            leads[last] > 1 or last.lower().rstrip("s") in _HOLDERS | _FINDERS
        ):
            continue  # "Wait, it gets better:" or "Update:" name no actor; "Poll:", "Report:" do
        content = m.group(2).rstrip()
        direct = content[:1] in '"\u201c' and content[-1:] in '"\u201d'
        words = content[1:-1] if direct else content
        context = paragraph_context(text, m.start(), m.end())
        colon = (m.end(1), m.end(1) + 1)  # PolNeAR marks the colon as the cue
        found = QuoteCandidate(
            words, m.start(2) + direct, direct, colon, speaker, [speaker], context, m.span(1)
        )
        quotes.append(found)


def _reported(
    quotes: list[QuoteCandidate], actors: Actors, span: Any, cue: At, subj: Any, words: int = 3
) -> bool:
    """Add ``span`` as an indirect quote of ``subj``'s actor, cued by the words at ``cue``, if it
    has ``words`` words or more."""
    content = span.text.split("\n", 1)[0].strip().rstrip(" ,.")  # reported speech ends at its line
    if len(content.split()) < words or subj is None:
        return False
    between = sorted((subj.idx, span.start_char))
    if "\n" in actors.text[between[0] : between[1]]:
        return False  # a parse run across lines (a headline list into a dateline) joins no one
    speaker = actors.resolve_token(subj)
    sent = actors.sentence_of[subj.i]
    options = [r for r in [speaker, *actors.near(sent.start_char, sent.end_char)] if r is not None]
    quotes.append(
        QuoteCandidate(
            content,
            span.start_char,
            False,
            cue,
            speaker,
            list(dict.fromkeys(options)),
            paragraph_context(actors.text, sent.start_char, sent.end_char),
            mention(subj, cue[0]),
        )
    )
    return True


def _line_of(tok: Any, actors: Actors) -> Any:
    """The part of ``tok``'s sentence on its own line (spaCy runs sentences across paragraphs)."""
    return next(line for line in lines_of(actors.sentence_of[tok.i]) if line.start <= tok.i < line.end)


def _according_to(tok: Any, actors: Actors, quotes: list[QuoteCandidate]) -> bool:
    """'X happened, according to U.S. officials': the rest of the sentence is the officials'."""
    if tok.lower_ != "according":
        return False
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return False
    doc = tok.doc
    # Within the line: a sentence that opens with the previous paragraph's closing quote mark
    # would otherwise hand that mark to the source.
    sent = _line_of(tok, actors)
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
    return _reported(quotes, actors, span, (tok.idx, to.idx + len(to.text)), source)


_POLLS = words("poll survey")


def _framed(tok: Any, actors: Actors, quotes: list[QuoteCandidate]) -> bool:
    """'In a CBS News poll last month, she led by 6 points': the clause after the comma is the
    poll's; PolNeAR's cue is the 'In', its object the source. (Not a trailing 'in the polls', nor
    'For most Democrats, ...': on PolNeAR train 0-399 either cost more than it found.)"""
    source = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if tok.lower_ != "in" or tok.dep_ != "prep" or source is None or lemma(source) not in _POLLS:
        return False
    doc = tok.doc
    sent = _line_of(tok, actors)
    if tok.i != sent.start:
        return False
    # its comma, past a word or two of its own ('In a poll released Monday, ...')
    end = source.right_edge.i + 1
    comma = next((t.i for t in doc[end : min(sent.end, end + 3)] if t.text == ","), None)
    if comma is None:
        return False
    return _reported(quotes, actors, doc[comma + 1 : sent.end], (tok.idx, tok.idx + len(tok.text)), source)


def _cue_noun(tok: Any, actors: Actors, quotes: list[QuoteCandidate]) -> bool:
    """'He reinforced the UK's view that the referendum is not legitimate': the clause is his."""
    if tok.lemma_.lower() not in CUE_NOUNS or tok.pos_ != "NOUN":
        return False
    clause = next(
        (c for c in tok.children if c.dep_ in ("acl", "ccomp") and doc_first(c).lower_ == "that"), None
    )
    if clause is None:
        return False
    span = tok.doc[doc_first(clause).i : clause.right_edge.i + 1]
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if tok.head.pos_ == "VERB" and tok.dep_ == "dobj" and (subj := subject(tok.head)) is not None:
        # 'Carson rejected the notion that ...', 'raised concern that ...': the verb's
        return _reported(quotes, actors, span, cue_span(tok.head), subj)
    # 'over her remark that ...', 'Trump's claims that ...': the noun is the cue, its owner the source
    return owner is not None and _reported(quotes, actors, span, cue_span(tok), owner)


def _aside(cue: Any, subj: Any, actors: Actors, quotes: list[QuoteCandidate]) -> bool:
    """A speech verb with no clause of its own: 'In three years, Barden says, far too many lives
    were lost' (an aside: the sentence is his), or 'McCain says the movement ... appeals to ...'
    (the clause misparsed as an object: the rest of the sentence is his)."""
    doc, sent = cue.doc, actors.sentence_of[cue.i]
    if cue.dep_ == "parataxis" and not actors.text[sent.start_char : cue.idx].lstrip().startswith(_OPENING):
        span = doc[sent.start : sent.end]
    elif cue.lemma_ == "say" and any(c.dep_ == "dobj" for c in cue.children) and sent.end - cue.i > 6:
        span = doc[cue.i + 1 : sent.end]
    else:
        return False
    return _reported(quotes, actors, span, cue_span(cue), subj)


def _trailing(cue: Any, subj: Any, actors: Actors, quotes: list[QuoteCandidate]) -> bool:
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
    return span is not None and _reported(quotes, actors, span, cue_span(cue), subj)


# Speech and belief verbs take an object as their content too ('predicted a Cruz win', 'noted the
# attacks'); not 'say' with an object, read as its clause (see :func:`_aside`), nor the senses
# that attribute nothing ('continues to buck the trend', 'maintains a lead', 'boasts a lead').
_SPOKEN_OBJECT = CUE_LEMMAS - OBJECT_CUES - words("say continue maintain assure boast")
# Verbs of those lists whose object PolNeAR train rarely counts as an attribution ('found a way',
# 'released a plan'): a quarter of the rules' cues there, on either half of train.
_OBJECT_NOT_SAID = words("find release")


def _person(tok: Any) -> bool:
    """Whether an object names someone: a pronoun or a person's name."""
    return bool(tok.pos_ == "PRON" or tok.ent_type_ == "PERSON")


def _stance_object(tok: Any, actors: Actors, quotes: list[QuoteCandidate]) -> bool:
    """'Trump wants a wall on the border', 'Pence called for a special prosecutor': what an
    actor wants, backs or condemns is attributed to them (PolNeAR counts intentions and stances)."""
    if (
        lemma(tok) not in (OBJECT_CUES | _SPOKEN_OBJECT) - _OBJECT_NOT_SAID
        or tok.pos_ != "VERB"
        or tok.lower_ in ("seen", "shown")  # 'has seen a surge', 'was shown a video'; 'shows' finds
        or any(c.dep_ == "ccomp" for c in tok.children)
    ):
        return False
    subj = _speaker_token(tok)
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ not in PRONOUNS | _RELATIVE):
        return False
    verb = lemma(tok)
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "xcomp")), None)
    if obj is None:  # 'called her "third-rate"': the parse hangs the object on its predicate
        obj = next((c for c in tok.children if c.dep_ == "oprd"), None)
    if obj is None:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in _object_preps(verb)), None)
        obj = (
            next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if prep is not None
            else None
        )
    if obj is None or obj.ent_type_ in ("DATE", "TIME"):
        return False  # 'spoke on Tuesday' says nothing
    # 'called him a political opportunist', 'slammed Rubio for not having won a state': the object
    # and the rest of the verb's phrase after it, as PolNeAR's content spans run.
    after = [c.right_edge.i for c in tok.rights if c.i > obj.i and c.dep_ in _OBJECT_TAIL]
    # 'asked the congregation to stand', 'told residents not to drink': whom it is said to, with
    # what; a person alone ('told Megyn') is not what was said.
    wanted = [c.right_edge.i for c in tok.rights if c.i > obj.i and c.dep_ in ("xcomp", "ccomp")]
    # 'called Clinton "crazy"': what they are called is said of them
    said_of = any(c.i > obj.i and c.dep_ == "oprd" for c in tok.rights)
    if verb in _SPOKEN_OBJECT and _person(obj) and not wanted and not said_of:
        return False
    after += wanted
    end = _before_venues(tok, obj, max([obj.right_edge.i, *after]))
    return _reported(quotes, actors, tok.doc[obj.left_edge.i : end + 1], cue_span(tok), subj, words=1)


# Where the words were said, not what: 'criticized Trump at a rally in Ohio', 'defended his
# reasoning in an appearance on CBS', 'discussed the incident on Fox News'. Not a date: PolNeAR
# train keeps 'on Monday' after an object about as often as it leaves it out.
_VENUES = words(
    "interview video appearance show radio broadcast podcast statement speech rally event debate "
    "conference meeting hearing session briefing tweet post op-ed column"
)
_VENUE_PREPS = words("on in at during with")
_BROADCASTER = re.compile(
    r"\b(?:News|TV|Radio|Channel|Network|CNN|MSNBC|CNBC|NBC|ABC|CBS|Fox|NPR|PBS|BBC|C-SPAN)\b"
)


def _venue(tok: Any) -> bool:
    """Whether a phrase says where words were said: a medium or an occasion ('in the video',
    'during a rally', 'on Fox News')."""
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if tok.dep_ != "prep" or tok.lower_ not in _VENUE_PREPS or obj is None:
        return False
    # the name up to its head noun ('on the Fox News Channel's The Kelly File'), not what follows
    on_air = tok.lower_ == "on" and _BROADCASTER.search(tok.doc[obj.left_edge.i : obj.i + 1].text)
    return lemma(obj) in _VENUES or bool(on_air)


def _of_phrase(tok: Any, verb: Any, obj: Any) -> bool:
    """Whether ``tok`` hangs from the verb or from its object's noun phrase, with no clause
    between ('what they see in interviews': of 'see', not of the verb)."""
    head = tok.head
    if head.i == obj.i and obj.pos_ in ("VERB", "AUX"):
        return False  # the object is a clause ('what they see in interviews')
    while head.i not in (verb.i, obj.i):
        if head.pos_ in ("VERB", "AUX") or head.i == head.head.i:
            return False
        head = head.head
    return True


def _before_venues(verb: Any, obj: Any, last: int) -> int:
    """The last token of the verb's content, from its object to ``last``, once the phrases of
    where the words were said are cut from its end (with the commas before them)."""
    doc = verb.doc
    while True:
        tail = [
            t
            for t in doc[obj.left_edge.i + 1 : last + 1]
            if t.right_edge.i == last and _venue(t) and _of_phrase(t, verb, obj)
        ]
        if not tail:
            return last
        cut = min(t.left_edge.i for t in tail) - 1
        # the comma before it goes too, a closing quote mark stays ('"crazy" at a rally')
        while cut > obj.left_edge.i and doc[cut].text in (",", ";", "-", "\u2013", "\u2014"):
            cut -= 1
        last = cut

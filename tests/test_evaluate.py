from __future__ import annotations

from pathlib import Path

from extract.analysis.evaluate import score
from extract.analysis.names import name_words, same_actor
from extract.schemas import Actor, ArticleRecord, Event, EventType, Quote

TEXT = 'Kerry said "we will act". Lavrov said "we disagree". Talks were held in London.'


def q(words: str, speaker: str) -> Quote:
    i = TEXT.index(words)
    return Quote(
        text=words,
        evidence=words,
        start=i,
        end=i + len(words),
        speaker=Actor(name=speaker),
        cue="said",
        direct=True,
    )


def rec(quotes: list[Quote], events: list[Event] = ()) -> ArticleRecord:  # type: ignore[assignment]
    return ArticleRecord(
        article_id="a",
        source="a.txt",
        text_sha256="h",
        items={"quotes": quotes, "events": list(events)},
        model="m",
        strategy="s",
        prompt_version="p",
    )


GOLD = [rec([q("we will act", "John Kerry"), q("we disagree", "Sergei Lavrov")])]


def test_perfect_prediction() -> None:
    s = score([rec([q("we will act", "John Kerry"), q("we disagree", "Sergei Lavrov")])], GOLD)
    assert s.kinds["quotes"].strict.f1 == 1.0 and s.kinds["quotes"].lenient.f1 == 1.0


def test_empty_prediction_scores_zero_recall() -> None:
    s = score([rec([])], GOLD)
    ks = s.kinds["quotes"]
    assert (ks.strict.tp, ks.strict.fn, ks.strict.recall, ks.strict.f1) == (0, 2, 0.0, 0.0)


def test_missing_article_counts_as_empty() -> None:
    s = score([], GOLD)
    assert s.missing_predictions == ["a"] and s.kinds["quotes"].lenient.fn == 2


def test_partial_and_alias_names() -> None:
    # "Kerry" = "John Kerry" leniently, not strictly; a wider span overlaps leniently only.
    pred = [rec([q('Kerry said "we will act', "Kerry")])]
    s = score(pred, GOLD)
    ks = s.kinds["quotes"]
    assert ks.strict.tp == 0 and ks.lenient.tp == 1
    assert ks.lenient.precision == 1.0 and ks.lenient.recall == 0.5
    assert ks.attribute_accuracy == 1.0


def test_wrong_speaker_is_a_lenient_miss_but_a_span_hit() -> None:
    s = score([rec([q("we will act", "Sergei Lavrov")])], GOLD)
    ks = s.kinds["quotes"]
    assert ks.lenient.tp == 0 and ks.span.tp == 1 and ks.attribute_accuracy == 0.0


def test_duplicate_predictions_are_false_positives() -> None:
    s = score([rec([q("we will act", "John Kerry")] * 3)], GOLD)
    ks = s.kinds["quotes"].strict
    assert (ks.tp, ks.fp, ks.fn) == (1, 2, 1)


def test_event_type_accuracy() -> None:
    words = "Talks were held in London."
    i = TEXT.index(words)
    ev = Event(type=EventType.CONSULT, evidence=words, start=i, end=i + len(words))
    s = score([rec([], [ev.model_copy(update={"type": EventType.AGREE})])], [rec([], [ev])])
    assert s.kinds["events"].span.tp == 1 and s.kinds["events"].attribute_accuracy == 0.0
    assert s.kinds["events"].lenient.tp == 0


def test_same_actor() -> None:
    assert same_actor("Kerry", "US Secretary of State John Kerry")
    assert same_actor("Mr Lavrov", "Sergei Lavrov")
    assert not same_actor("Kerry", "Lavrov")


def test_a_pronoun_gold_speaker_is_scored_by_span_and_left_out_of_speaker_accuracy() -> None:
    gold = [rec([q("we will act", "he"), q("we disagree", "Sergei Lavrov")])]  # PolNeAR-style source
    s = score([rec([q("we will act", "John Kerry"), q("we disagree", "John Kerry")])], gold)
    ks = s.kinds["quotes"]
    assert (ks.lenient.tp, ks.lenient.fp, ks.lenient.fn) == (1, 1, 1)  # 'he' cannot be checked by name
    assert ks.attribute_checked == 1 and ks.attribute_accuracy == 0.0  # only Lavrov's is checkable


def test_titles_with_a_dot_are_dropped_before_names_are_compared() -> None:
    """'Ms. Batchelder' never matched 'Lily Batchelder': the title was checked before its dot went."""
    assert same_actor("Ms. Batchelder", "Lily Batchelder")
    assert same_actor("Mr. Trump", "Donald Trump") and same_actor("Dr. Fauci", "Anthony Fauci")
    assert same_actor("Mrs. Clinton", "Hillary Clinton") and same_actor("U.S. President Obama", "Obama")
    assert not same_actor("Mr. Trump", "Mrs. Clinton")


def test_a_possessive_is_the_same_name() -> None:
    """'Netanyahu' never matched "Netanyahu's hardline policies": the possessive was another word."""
    assert same_actor("Netanyahu", "Netanyahu's hardline policies")
    assert same_actor("Iran", "Iran\u2019s government") and same_actor("the protesters'", "protesters")
    assert name_words("Khashoggi's death") == ["khashoggi", "death"]
    assert not same_actor("Netanyahu's", "Gantz's office")


def test_a_name_of_title_words_only_is_those_words() -> None:
    """'US' never matched 'U.S.', nor 'British' 'British negotiators': without titles, nothing was left."""
    assert same_actor("US", "U.S.") and same_actor("British", "British negotiators")
    assert not same_actor("US", "Kerry") and not same_actor("British", "Russian")


def test_eval_says_which_articles_were_not_paired_and_fails_when_none_were(tmp_path: Path) -> None:
    """Scores over disjoint files printed zeros with no word of why."""
    from typer.testing import CliRunner

    from extract.cli import app

    runner = CliRunner()
    gold, other = rec([q("we will act", "John Kerry")]), rec([])
    other = other.model_copy(update={"article_id": "b", "text_sha256": "other"})
    (tmp_path / "g.json").write_text(gold.model_dump_json())
    (tmp_path / "p.jsonl").write_text(other.model_dump_json() + "\n")
    result = runner.invoke(app, ["eval", str(tmp_path / "p.jsonl"), str(tmp_path / "g.json")])
    assert result.exit_code == 1, result.output
    assert "1 gold articles with no prediction (scored as empty): a" in result.output
    assert "1 predictions with no gold (not scored): b" in result.output
    assert "share no article" in result.output
    assert "– / 0.00 / 0.00" in result.output  # no predictions: no precision to show
    changed = gold.model_copy(update={"text_sha256": "edited"})
    (tmp_path / "c.jsonl").write_text(changed.model_dump_json() + "\n")
    same_id = runner.invoke(app, ["eval", str(tmp_path / "c.jsonl"), str(tmp_path / "g.json")])
    assert same_id.exit_code == 0 and "matched by id but their text changed" in same_id.output


def test_strict_events_compare_actors_date_and_place_and_positions_the_issue() -> None:
    from extract.schemas import Position, Stance, Target

    words = "Talks were held in London."
    i = TEXT.index(words)
    kerry, lavrov = Actor(name="Kerry"), Actor(name="Lavrov")
    ev = Event(
        type=EventType.CONSULT,
        evidence=words,
        start=i,
        end=i + len(words),
        source=[kerry, lavrov],
        place="London",
    )
    same_in_other_order = ev.model_copy(update={"source": [lavrov, kerry]})
    assert score([rec([], [same_in_other_order])], [rec([], [ev])]).kinds["events"].strict.tp == 1
    elsewhere = ev.model_copy(update={"place": "Geneva"})
    result = score([rec([], [elsewhere])], [rec([], [ev])]).kinds["events"]
    assert result.strict.tp == 0 and result.lenient.tp == 1  # lenient: span and type only

    def pos(issue: str) -> Position:
        span = {"evidence": words, "start": i, "end": i + len(words)}
        return Position(holder=Actor(name="Kerry"), target=Target(name=issue), stance=Stance.OPPOSE, **span)

    def with_positions(p: Position) -> ArticleRecord:
        return rec([]).model_copy(update={"items": {"positions": [p]}})

    gold = [with_positions(pos("the Crimea referendum"))]
    assert score([with_positions(pos("Crimea referendum"))], gold).kinds["positions"].strict.tp == 1
    assert score([with_positions(pos("sanctions on Russia"))], gold).kinds["positions"].strict.tp == 0


def test_a_source_span_that_runs_on_to_an_apposition_is_its_name() -> None:
    # PolNeAR's source spans often include the apposition; before, 'Paul Ryan' did not match it.
    assert same_actor("Paul Ryan", "Ryan, a policy-focused conservative,")
    assert same_actor("Bernie Sanders", "Sanders, runner-up to Hillary Clinton for the nomination")
    assert not same_actor("Paul Ryan", "Pelosi, a Democrat,")


def test_a_relative_or_possessive_pronoun_source_is_scored_by_span_like_any_pronoun() -> None:
    # PolNeAR marks "who" in "Jeb Bush, who announced ..." as the source; before, naming Jeb Bush
    # counted as a wrong speaker.
    gold = [rec([q("we will act", "who"), q("we disagree", "his")])]
    s = score([rec([q("we will act", "Jeb Bush"), q("we disagree", "Sergei Lavrov")])], gold)
    assert s.kinds["quotes"].lenient.f1 == 1.0 and s.kinds["quotes"].attribute_checked == 0


def test_a_pronoun_gold_speaker_is_scored_apart_against_the_nearest_earlier_named_one() -> None:
    """Pronoun sources were only left out: how well they are resolved was never measured."""
    gold = [rec([q("we will act", "John Kerry"), q("we disagree", "he")])]
    resolved = score([rec([q("we will act", "Kerry"), q("we disagree", "Kerry")])], gold).kinds["quotes"]
    assert (resolved.pronouns, resolved.pronouns_named, resolved.pronouns_resolved) == (1, 1, 1)
    assert resolved.pronoun_note() == (
        "pronoun actors: 1 matched, 100% named, 100% the nearest earlier named gold actor"
    )
    left = score([rec([q("we will act", "Kerry"), q("we disagree", "he")])], gold).kinds["quotes"]
    assert (left.pronouns, left.pronouns_named, left.pronouns_resolved) == (1, 0, 0)
    other = score([rec([q("we disagree", "Sergei Lavrov")])], gold).kinds["quotes"]
    assert (other.pronouns, other.pronouns_named, other.pronouns_resolved) == (1, 1, 0)
    # No earlier named source: nothing to compare with.
    first = score([rec([q("we will act", "Kerry")])], [rec([q("we will act", "he")])]).kinds["quotes"]
    assert first.pronouns == 0 and first.pronoun_note() is None

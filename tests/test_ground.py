from hypothesis import given
from hypothesis import strategies as st

from extract.grounding.ground import align, ground
from extract.schemas import QUOTES, Actor, QuoteDraft

TEXT = (
    "Mr Lavrov said the talks had been \u201cuseful\u201d.\n"
    "\u201cNow we have  to see what can be done,\u201d he said."
)


def test_exact_match() -> None:
    span = align("the talks had been", TEXT)
    assert span is not None and span.match == "exact"
    assert TEXT[span.start : span.end] == "the talks had been"


def test_normalised_quotes_and_whitespace() -> None:
    span = align("Now we have to see what can be done", TEXT)
    assert span is not None and span.match == "normalised"
    assert TEXT[span.start : span.end] == "Now we have  to see what can be done"


def test_fuzzy_tolerates_a_small_slip() -> None:
    span = align("the talks had bean useful", TEXT)
    assert span is not None and span.match == "fuzzy"
    assert "talks had been" in TEXT[span.start : span.end]


def test_invented_text_is_not_grounded() -> None:
    assert align("Russia will invade Alaska tomorrow morning", TEXT) is None


def test_nearest_occurrence_is_chosen() -> None:
    text = "he said yes. later he said yes."
    span = align("he said yes", text, near=20)
    assert span is not None and span.start == 19


def test_ground_drops_and_counts_ungrounded_items() -> None:
    good = QuoteDraft(text="useful", speaker=Actor(name="Lavrov"), cue="said", direct=True)
    bad = QuoteDraft(text="sanctions are illegal", speaker=Actor(name="Lavrov"), cue="said", direct=True)
    out = ground([(QUOTES, good, None), (QUOTES, bad, None), (QUOTES, good, None)], TEXT)
    assert [q.text for q in out.items["quotes"]] == ["useful"]  # type: ignore[attr-defined]
    assert out.missing == ["sanctions are illegal"]


@given(st.text(min_size=1, max_size=200), st.text(min_size=1, max_size=60), st.integers(0, 200))
def test_align_offsets_always_valid(text: str, anchor: str, near: int) -> None:
    span = align(anchor, text, near)
    if span is not None:
        assert 0 <= span.start < span.end <= len(text)


@given(st.text(min_size=5, max_size=200), st.data())
def test_substring_is_always_found_exactly(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    anchor = text[i:j]
    span = align(anchor, text)
    core = anchor.strip().strip("\"'\u201c\u201d\u2018\u2019").strip()
    at = i + anchor.find(core) if core else i
    whole = bool(core) and not (
        (core[0].isalnum() and at > 0 and text[at - 1].isalnum())
        or (core[-1].isalnum() and at + len(core) < len(text) and text[at + len(core)].isalnum())
    )
    if whole and sum(c.isalnum() for c in core) >= 2:  # whole words with some substance
        assert span is not None and span.match == "exact"
        assert text[span.start : span.end] in anchor

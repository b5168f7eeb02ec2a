"""Speaker resolution on its own: how often a quote whose source is a pronoun or a description
('he', 'the Florida senator') gets the named actor it refers to, against hand-annotated
antecedents (tests/gold/antecedents.jsonl; the guideline is tests/gold/README.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from extract.analysis.names import same_actor
from extract.errors import ExtractError
from extract.schemas import ArticleRecord, Quote


class Antecedent(BaseModel):
    """One pronoun or description source of a quote and the named actor it refers to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    article: str  # the article's id (its file name without the extension)
    source: tuple[int, int]  # the source mention's [start, end) in the article's text
    mention: str  # the mention as written: 'he', 'the Florida senator'
    content: tuple[int, int]  # the quote's content span, by which a prediction is paired with it
    antecedent: str  # the actor's fullest name; joint sources joined with ' and '


def load_antecedents(path: Path) -> list[Antecedent]:
    """The hand gold, one JSON object a line; a bad line fails with one line naming it."""
    out: list[Antecedent] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read ({exc.strerror})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(Antecedent.model_validate_json(line))
        except ValidationError as exc:
            raise ExtractError(f"{path}:{n}: not an antecedent ({exc.errors()[0]['msg']})") from None
    return out


def same_actors(pred: str, gold: str) -> bool:
    """Every actor of a joint name ('Marco Rubio and Ted Cruz') is named on the other side."""
    ps, gs = pred.split(" and "), gold.split(" and ")
    return all(any(same_actor(p, g) for p in ps) for g in gs) and all(
        any(same_actor(p, g) for g in gs) for p in ps
    )


@dataclass
class Resolution:
    entries: int = 0  # hand-annotated sources
    found: int = 0  # of those, sources whose quote the predictions have (overlapping content)
    right: int = 0  # of those found, resolved to the annotated actor
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)  # article, mention, gold, said

    @property
    def accuracy(self) -> float:
        """The share of found quotes whose speaker is the annotated antecedent."""
        return self.right / self.found if self.found else 0.0

    def note(self) -> str:
        """'speaker resolution (pronoun and description sources): 0.81 of 60 found (74 annotated)'."""
        return (
            f"speaker resolution (pronoun and description sources): {self.accuracy:.2f} of {self.found} "
            f"found ({self.entries} annotated)"
        )

    def as_dict(self) -> dict[str, float | int]:
        return {"entries": self.entries, "found": self.found, "right": self.right, "accuracy": self.accuracy}


def _overlap(q: Quote, span: tuple[int, int]) -> int:
    return max(0, min(q.end, span[1]) - max(q.start, span[0]))


def resolution(preds: Iterable[ArticleRecord], gold: Iterable[Antecedent]) -> Resolution:
    """Pairs each annotated source with the predicted quote overlapping its content most and
    checks that quote's speaker against the antecedent."""
    by_id = {r.article_id: r for r in preds}
    out = Resolution()
    for a in gold:
        out.entries += 1
        record = by_id.get(a.article)
        quotes = [q for q in (record.of(Quote) if record is not None else []) if _overlap(q, a.content)]
        if not quotes:
            continue
        out.found += 1
        said = max(quotes, key=lambda q: _overlap(q, a.content)).speaker.name
        if same_actors(said, a.antecedent):
            out.right += 1
        else:
            out.wrong.append((a.article, a.mention, a.antecedent, said))
    return out

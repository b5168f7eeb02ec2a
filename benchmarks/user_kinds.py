"""User kinds on a small local model: the default path beside `whole` and the path before it.

Usage: python benchmarks/user_kinds.py [--approaches sieve,default,whole,before] [--articles 20]
       [--kinds polls.py:PollFigure,money.py:MoneyFigure]
       [--local-model qwen2.5-1.5b | --base-url URL --model NAME]
The kinds and their hand gold live in benchmarks/kinds/ (20 PolNeAR train articles by corpus
id and character offsets; guidelines beside each kind). Each kind is run alone, each approach with
a fresh cache (cold times). Prints per approach and kind: lenient P/R/F1 and span F1, seconds,
model calls and tokens per article, items the kind's check rejected, timed-out calls, failed
articles, and the slowest call over the median call. `default` is the embedded model's default
strategy (hybrid+paragraph: sieve, one paragraph pass, the kind's check); `before` is the path it
replaced (the whole article, then every paragraph without an item asked again, no sieve, no check);
`sieve` needs no model: the paragraphs the kind's sieve lets through and the gold items they hold.
One untimed call before each run starts the server and evaluates the default path's shared prompt
prefix (its system message and tools: every article after a run's first finds them evaluated).
Skipped when ../shared/corpora is absent.

``--dry`` runs no model: each approach's calls are answered as by a model that finds exactly the
gold items of the passage asked and says yes to every check, and counted with the embedded model's
own tokenizer and chat template (read vocab-only from its GGUF file: no weights, no server; an
estimate of 4 characters a token without llama.cpp): per article the calls, prompt tokens, the
tokens the server would evaluate after reusing the previous call's prefix (llama.cpp's one-slot
prefix cache), the answer's tokens and the reply limits sent, and seconds estimated at 60 prompt
and 10 reply tokens a second under a grammar (the 1.5B model on these 2 cores), with the slowest call over the
median. It compares the cost of two versions of a path before the model is run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.dry import Counted, Tokens, summary, tokens_of
from extract import Extractor
from extract.analysis.corpora import DEFAULT_CORPORA
from extract.analysis.evaluate import score
from extract.grounding.ground import Grounded, span_of
from extract.inputs.load import Article
from extract.kinds import resolve
from extract.providers.base import Message, Provider, T, Tools, Wrapper
from extract.providers.embedded import DEFAULT_LOCAL_MODEL
from extract.providers.models import LOCAL_MODELS
from extract.providers.registry import BACKENDS
from extract.schemas import ArticleRecord, Kind, Usage
from extract.strategies import Strategy
from extract.strategies.check import VERDICT
from extract.strategies.paragraph import ask_windows, pass_tools, sieve_for, system_message, windows
from extract.strategies.whole import run_whole

HERE = Path(__file__).resolve().parent / "kinds"
KINDS = "polls.py:PollFigure,money.py:MoneyFigure"
APPROACHES = "sieve,default,whole,before"


def gold_pairs(
    kind: Kind, corpora: Path = DEFAULT_CORPORA, limit: int | None = None
) -> list[tuple[Article, ArticleRecord]]:
    """The articles of ``gold.jsonl`` and their gold records of ``kind`` (empty when the corpus is absent)."""
    pairs = []
    for line in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
        entry = json.loads(line)
        path = corpora / entry["corpus"] / "text" / f"{entry['article']}.txt"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        article = Article(entry["article"], str(path), text)
        items = [_gold_item(kind, text, i) for i in entry["items"].get(kind.name, [])]
        gold = ArticleRecord(
            article_id=article.id,
            source=str(path),
            text_sha256=article.sha256,
            items={kind.name: items},
            model="human",
            strategy="gold",
            prompt_version="user_kinds",
        )
        pairs.append((article, gold))
    return pairs


def _gold_item(kind: Kind, text: str, item: dict[str, Any]) -> Any:
    words = text[item["start"] : item["end"]]
    fields = {n: "" for n, f in kind.draft.model_fields.items() if f.is_required() and f.annotation is str}
    return kind.record.model_validate({**fields, **item, kind.anchor: words, "evidence": words})


def run_before(article: Article, kinds: tuple[Kind, ...], provider: Provider) -> tuple[Grounded, Usage]:
    """The path the default took for a kind without rules before: the whole article, then every
    paragraph where that call found no item, asked again (no sieve, no check)."""
    found, usage = run_whole(article, kinds, provider)
    starts = [span_of(i)[0] for _, i in found.pairs()]
    more, cost = ask_windows(article, kinds, provider, lambda s, e: not any(s <= x < e for x in starts))
    return found.union(more), usage.add(cost)


@dataclass
class Timed(Wrapper):
    """A provider that keeps the seconds of each call it passes on."""

    inner: Provider
    seconds: list[float] = field(default_factory=list)

    def structured(
        self,
        messages: list[Message],
        response_model: type[T],
        prompt_version: str,
        context: dict[str, Any] | None = None,
        reply_tokens: int | None = None,
        tools: Tools = (),
    ) -> tuple[T, Usage]:
        started = time.perf_counter()
        try:
            return self.inner.structured(
                messages, response_model, prompt_version, context, reply_tokens, tools
            )
        finally:
            self.seconds.append(time.perf_counter() - started)


def warm_up(provider: Provider, kind: Kind) -> None:
    """One call outside the table: it starts the embedded server and the client and evaluates the
    prompt prefix the default path's calls share (its system message and tools), which would
    otherwise count as the first article's slowest call (every later article finds it evaluated)."""
    messages = [system_message((kind,)), {"role": "user", "content": "Answer yes."}]
    provider.structured(messages, VERDICT, "warm-up", reply_tokens=16, tools=pass_tools(kind))


def run(
    approach: str, kind: Kind, spec: str, pairs: list[tuple[Article, ArticleRecord]], **endpoint: Any
) -> str:
    """One row of the table: ``approach`` over ``pairs`` with a fresh cache."""
    default = BACKENDS["embedded"].default_strategy
    strategy = {"default": default, "whole": "whole", "before": "hybrid+paragraph"}[approach]
    with (
        tempfile.TemporaryDirectory() as cache,
        Extractor(schema=(spec,), strategy=strategy, cache_dir=cache, **endpoint) as ex,
    ):
        if approach == "before":
            ex.strategy = Strategy("before", run_before, ("whole", "paragraph", "reask"))
        timed = Timed(ex.provider)
        ex.provider = timed
        warm_up(timed, kind)
        timed.seconds.clear()
        started = time.perf_counter()
        records, failed = [], 0
        for article, _ in pairs:
            got = ex.attempt(article)
            if isinstance(got, ArticleRecord):
                records.append(got)
            else:
                failed += 1
                print(f"error: {got}", file=sys.stderr, flush=True)
        wall = time.perf_counter() - started
    n = max(1, len(pairs))
    total = Usage()
    for r in records:
        total = total.add(r.usage)
    ks = score(records, [g for _, g in pairs], kinds=(kind,), only=(kind.name,)).kinds[kind.name]
    median = statistics.median(timed.seconds) if timed.seconds else 0.0
    slowest = max(timed.seconds, default=0.0) / median if median else 0.0
    return (
        f"{approach:<9}{kind.name:<14}{ks.lenient.precision:6.2f}{ks.lenient.recall:6.2f}{ks.lenient.f1:6.2f}"
        f"{ks.span.f1:9.2f}{wall / n:11.1f}{total.calls / n:8.1f}"
        f"{(total.prompt_tokens + total.completion_tokens) / n:10.0f}{total.rejected:10}{total.timeouts:10}"
        f"{failed:8}{slowest:12.1f}"
    )


def run_dry(
    approach: str, kind: Kind, spec: str, pairs: list[tuple[Article, ArticleRecord]], tokens: Tokens
) -> str:
    """One row of the dry table: what ``approach`` would send the embedded model (see dry.py)."""
    default = BACKENDS["embedded"].default_strategy
    strategy = {"default": default, "whole": "whole", "before": "hybrid+paragraph"}[approach]
    # The endpoint is never called: the counting provider replaces it before the first article.
    with Extractor(
        schema=(spec,), strategy=strategy, cache_dir=None, base_url="http://127.0.0.1:9/v1", model="dry"
    ) as ex:
        if approach == "before":
            ex.strategy = Strategy("before", run_before, ("whole", "paragraph", "reask"))
        counted = Counted(tokens, kind)
        ex.provider = counted
        warm_up(counted, kind)
        counted.calls.clear()
        records = []
        for article, gold in pairs:
            counted.article, counted.gold = article, gold
            records.append(ex.extract(article))
    ks = score(records, [g for _, g in pairs], kinds=(kind,), only=(kind.name,)).kinds[kind.name]
    s = summary(counted.calls, len(pairs))
    return (
        f"{approach:<9}{kind.name:<14}{s['calls']:7.1f}{s['prompt']:9.0f}{s['evaluated']:11.0f}"
        f"{s['reply']:7.0f}{s['limit']:8.0f}{s['seconds']:10.1f}{s['slowest']:12.1f}{ks.lenient.recall:10.2f}"
    )


DRY_HEADER = (
    f"{'approach':<9}{'kind':<14}{'calls':>7}{'prompt':>9}{'evaluated':>11}{'reply':>7}{'limit':>8}"
    f"{'est. s':>10}{'max/median':>12}{'oracle R':>10}"
)

HEADER = (
    f"{'approach':<9}{'kind':<14}{'P':>6}{'R':>6}{'F1':>6}{'span F1':>9}{'s/article':>11}{'calls':>8}"
    f"{'tokens':>10}{'rejected':>10}{'timeouts':>10}{'failed':>8}{'max/median':>12}"
)


def sieve_row(kind: Kind, pairs: list[tuple[Article, ArticleRecord]]) -> str:
    """What the kind's sieve alone does (no model): the share of paragraph windows it lets
    through, and the share of gold items standing in one of them (the recall it leaves)."""
    sieve = sieve_for((kind,))
    assert sieve is not None
    asked = total = kept = items = 0
    for article, gold in pairs:
        spans = windows(article.text)
        passed = [(s, e) for s, e in spans if sieve(article.text[s:e], (kind,))]
        asked, total = asked + len(passed), total + len(spans)
        for item in gold.of(kind.name):
            start = span_of(item)[0]
            items += 1
            kept += any(s <= start < e for s, e in passed)
    return (
        f"sieve    {kind.name:<14} asks {asked}/{total} paragraph windows ({asked / max(1, total):.0%}); "
        f"they hold {kept}/{items} gold items ({kept / max(1, items):.0%})"
    )


def rows(
    approaches: list[str], kinds: str, articles: int | None, dry: Tokens | None = None, **endpoint: Any
) -> list[str]:
    """The table's rows, each printed as it is made (a line saying why when the corpus is absent);
    with ``dry`` the counted cost of each approach instead of a run (per article)."""
    if not (DEFAULT_CORPORA / "polnear").is_dir():
        print(skipped := f"skipped user kinds: {DEFAULT_CORPORA / 'polnear'} is absent")
        return [skipped]
    header = HEADER if dry is None else DRY_HEADER
    out = [header, "-" * len(header)]
    if dry is not None:
        out.insert(0, f"dry: no model; tokens {'of the model' if dry.exact else 'estimated'}, per article")
    print(*out, sep="\n", flush=True)
    for spec in (f"{HERE / s}" for s in kinds.split(",")):
        [kind] = resolve([spec])
        pairs = gold_pairs(kind, limit=articles)
        for approach in approaches:
            if approach == "sieve":
                out.append(sieve_row(kind, pairs))
            elif dry is not None:
                out.append(run_dry(approach, kind, spec, pairs, dry))
            else:
                out.append(run(approach, kind, spec, pairs, **endpoint))
            print(out[-1], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--approaches", default=APPROACHES, help="sieve: no model")
    ap.add_argument("--kinds", default=KINDS, help="FILE.py:Class in benchmarks/kinds/, comma-separated")
    ap.add_argument("--articles", type=int, default=None, help="the first N gold articles (default: all)")
    ap.add_argument("--local-model", default=DEFAULT_LOCAL_MODEL, choices=list(LOCAL_MODELS))
    ap.add_argument("--base-url")
    ap.add_argument("--model")
    ap.add_argument("--dry", action="store_true", help="no model: count the tokens each approach would send")
    args = ap.parse_args()
    endpoint = {"base_url": args.base_url, "model": args.model, "local_model": args.local_model}
    dry = tokens_of(args.local_model) if args.dry else None
    rows(args.approaches.split(","), args.kinds, args.articles, dry, **endpoint)  # printed as they come


if __name__ == "__main__":
    main()

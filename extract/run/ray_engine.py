"""The distributed engine: the same per-article function, on Ray Data actors.

Each actor builds one :class:`~extract.run.extractor.Extractor` from the run's config and calls
``Extractor.attempt`` per article; records come back to the driver, which writes, resumes and keeps
the ledger exactly as the thread engine does. ``ray.init()`` joins the cluster named by
``RAY_ADDRESS`` or starts a local one. Ray is imported here only: the default engine needs none.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from extract.errors import ArticleError, NotStarted
from extract.inputs.load import Article
from extract.kinds import resolve
from extract.providers.budget import Budget
from extract.run.config import RunConfig
from extract.run.extractor import Extractor, admit
from extract.schemas import ArticleRecord, Kind

# Actors wait on the model far more than they compute: several share one CPU.
CPUS_PER_WORKER = 0.25


def as_row(article: Article) -> dict[str, str]:
    """An article as a Ray Data row: the whole of it (metadata and encoding too), as JSON."""
    fields = {
        "id": article.id,
        "source": article.source,
        "text": article.text,
        "encoding": article.encoding,
        "meta": article.meta,
    }
    return {"source": article.source, "article": json.dumps(fields, ensure_ascii=False)}


def result_of(row: dict[str, Any], kinds: Iterable[Kind]) -> ArticleRecord | ArticleError:
    """What an actor sent back for one article: its record, a failure, or not started (a
    budget stop on the actor's side is a stop, not a failure)."""
    if row["status"] == "done":
        return ArticleRecord.load(row["record"], kinds)
    kind = NotStarted if row["status"] == "not started" else ArticleError
    return kind(str(row["source"]), str(row["reason"]))


class _Worker:
    """A Ray Data actor: one Extractor (one client, one cache handle) for many articles."""

    def __init__(self, config: RunConfig) -> None:
        self.extractor = Extractor(config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"source": [], "status": [], "record": [], "reason": []}
        for source, data in zip(batch["source"], batch["article"], strict=True):
            result = self.extractor.attempt(Article(**json.loads(str(data))))
            out["source"].append(str(source))
            if isinstance(result, ArticleError):
                out["status"].append("not started" if isinstance(result, NotStarted) else "failed")
                out["record"].append("")
                out["reason"].append(result.reason)
            else:
                out["status"].append("done")
                out["record"].append(result.model_dump_json())
                out["reason"].append("")
        return out


def run_on_ray(
    config: RunConfig, items: Iterable[Article | ArticleError], budget: Budget | None = None
) -> Iterator[ArticleRecord | ArticleError]:
    """Records or errors in completion order, as ``Extractor.batch`` gives them.

    Budgets are checked here, after each article (actors do not share a counter): once one is
    spent, the articles whose results have not come back are reported as not started; answers
    already cached on the actors' side are reused by the re-run.
    """
    import ray

    rows: list[dict[str, str]] = []
    for item in admit(items):
        if isinstance(item, ArticleError):
            yield item
        else:
            rows.append(as_row(item))
    if not rows:
        return
    if not ray.is_initialized():
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
    # The run's own ledger line reports progress; Ray Data's would repeat it every few seconds.
    ray.data.DataContext.get_current().enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    dataset = ray.data.from_items(rows).map_batches(
        _Worker,
        fn_constructor_kwargs={"config": config},
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=config.workers),
        num_cpus=CPUS_PER_WORKER,
    )
    returned: set[str] = set()
    kinds = resolve(config.schema)
    for row in dataset.iter_rows():
        returned.add(row["source"])
        record = result_of(row, kinds)
        yield record
        if not isinstance(record, ArticleRecord):
            continue
        if budget is not None:
            budget.spend(record.usage)
            if (why := budget.exceeded()) is not None:
                yield from (
                    NotStarted(r["source"], f"not started: {why}")
                    for r in rows
                    if r["source"] not in returned
                )
                return

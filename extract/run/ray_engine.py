"""The distributed engine: the same per-article function, on Ray Data actors.

Each actor builds one :class:`~extract.run.extractor.Extractor` from the run's config and calls
``Extractor.attempt`` per article; records come back to the driver, which writes, resumes and keeps
the ledger exactly as the thread engine does. ``ray.init()`` joins the cluster named by
``RAY_ADDRESS`` or starts a local one. Ray is imported here only: the default engine needs none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from extract.errors import ArticleError, NotStarted
from extract.inputs.load import Article
from extract.kinds import resolve
from extract.providers.budget import Budget
from extract.run.config import RunConfig
from extract.run.extractor import Extractor, admit
from extract.schemas import ArticleRecord

# Actors wait on the model far more than they compute: several share one CPU.
CPUS_PER_WORKER = 0.25


class _Worker:
    """A Ray Data actor: one Extractor (one client, one cache handle) for many articles."""

    def __init__(self, config: RunConfig) -> None:
        self.extractor = Extractor(config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"source": [], "record": [], "error": []}
        for id_, source, text in zip(batch["id"], batch["source"], batch["text"], strict=True):
            result = self.extractor.attempt(Article(str(id_), str(source), str(text)))
            out["source"].append(str(source))
            if isinstance(result, ArticleError):
                out["record"].append("")
                out["error"].append(result.reason)
            else:
                out["record"].append(result.model_dump_json())
                out["error"].append("")
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
            rows.append({"id": item.id, "source": item.source, "text": item.text})
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
        source = row["source"]
        returned.add(source)
        if row["error"]:
            yield ArticleError(source, row["error"])
            continue
        record = ArticleRecord.load(row["record"], kinds)
        yield record
        if budget is not None:
            budget.spend(record.usage)
            if (why := budget.exceeded()) is not None:
                yield from (
                    NotStarted(r["source"], f"not started: {why}")
                    for r in rows
                    if r["source"] not in returned
                )
                return

"""One article through the flow: kinds → strategy (rules and/or model) → grounding → record."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from pydantic import ValidationError

from extract.errors import (
    ArticleError,
    BudgetExceeded,
    ExtractError,
    ModelError,
    NotStarted,
    ServerError,
    StageTimeout,
)
from extract.grounding.ground import Grounded, holds
from extract.inputs.load import Article
from extract.kinds import resolve, rules_for, rules_version
from extract.learned.model import TrainedModel
from extract.learned.parts import unlearned_required
from extract.prompting.templates import load_prompt
from extract.providers.base import Endpoint, Provider
from extract.providers.budget import Budget, Budgeted
from extract.providers.cache import AnswerCache, Cached, cache_key
from extract.providers.calllog import Logged, call_log
from extract.providers.embedded import DEFAULT_LOG_DIR
from extract.providers.registry import BACKENDS, Built
from extract.run.config import RunConfig
from extract.run.workers import completed, completed_in_processes
from extract.schemas import SCHEMA_VERSION, ArticleRecord, Kind, Usage
from extract.strategies import STRATEGIES


def endpoint_of(config: RunConfig) -> Endpoint:
    """Where and how the run's model is asked."""
    return Endpoint(
        base_url=config.base_url or "http://127.0.0.1/v1",
        model=config.model or config.local_model,
        api_key=config.key(),
        temperature=config.temperature,
        reply_tokens=config.reply_tokens,
        timeout=config.timeout,
        http_retries=config.retries,
    )


def build_provider(config: RunConfig, needs_model: bool) -> Provider:
    """The model a run asks: its backend's (``extract.providers.registry``), none for the rules."""
    backend = config.backend if needs_model else BACKENDS["none"]
    endpoint = endpoint_of(config)
    logs = config.cache_dir / "logs" if config.cache_dir is not None else DEFAULT_LOG_DIR
    return backend.build(Built(endpoint, config.local_model, logs))


class Extractor:
    """Extracts one article at a time with one config: its kinds, strategy, provider and cache."""

    def __init__(self, config: RunConfig | None = None, **options: object) -> None:
        self.config = config = RunConfig.of(config, **options)
        self.kinds = resolve(config.schema)
        self.strategy = STRATEGIES[config.strategy_name]
        if self.strategy.rules_only and (bad := [k.name for k in self.kinds if rules_for(k) is None]):
            raise ExtractError(
                f"strategy {self.strategy.name!r} has no rules for {', '.join(bad)}; use whole or hybrid"
            )
        self.trained = self._trained()
        self.budget = Budget(max_calls=config.max_calls, token_budget=config.token_budget)
        self.cache = AnswerCache(config.cache_dir) if config.cache_dir is not None else None
        # Every message that leaves the run (log, stderr, --failures, --ledger) passes through it.
        self.redact = endpoint_of(config).redact
        provider = build_provider(config, self.strategy.needs_model)
        if config.cache_dir is not None and self.strategy.needs_model:
            # Inside the budget: a call the budget refuses is never sent, so never logged.
            provider = Logged(provider, call_log(config.cache_dir), self.redact)
        provider = Budgeted(provider, self.budget)
        self.provider: Provider = Cached(provider, self.cache) if self.cache is not None else provider
        self.kinds_fingerprint = cache_key(kinds=[k.fingerprint for k in self.kinds])[:16]
        prompts = self.strategy.prompts_for(self.kinds)
        self.prompt_version = "+".join(load_prompt(p).version for p in prompts) or "none"
        # Everything in a record's key but the text, hashed once: the kinds' JSON schemas are
        # large, and a cached run looks up a key per article.
        self._config_key = cache_key(
            kind="record",
            **self.provider.identity(),
            strategy=self.strategy.name,
            prompt=self.prompt_version,
            schema=SCHEMA_VERSION,
            kinds=[k.fingerprint for k in self.kinds],
            rules=rules_version() if self.strategy.uses_rules else None,
            trained=self.trained.identity if self.trained is not None else None,
        )

    def _trained(self) -> TrainedModel | None:
        """The model folder a trained strategy runs (``--trained``); every kind it did not learn
        needs rules, or a model to ask."""
        if not self.strategy.trained:
            return None
        if self.config.trained is None:
            raise ExtractError(f"strategy {self.strategy.name!r} needs --trained MODEL_FOLDER")
        trained = TrainedModel(self.config.trained)
        if not self.strategy.needs_model and (
            bad := [k.name for k in self.kinds if not _unaided(k, trained)]
        ):
            raise ExtractError(
                f"{', '.join(bad)}: neither {trained.name} nor the rules fill every required field; "
                "use --strategy trained+model"
            )
        return trained

    def _record_key(self, article: Article) -> str:
        return cache_key(config=self._config_key, text=article.sha256)

    def check(self) -> None:
        """Fail fast, with one line, when the endpoint cannot be reached."""
        self.provider.check()

    def cached(self, article: Article) -> ArticleRecord | None:
        """The article's record from an earlier run with the same configuration, if any."""
        if self.cache is None:
            return None
        started = time.perf_counter()
        if (hit := self.cache.get(self._record_key(article))) is None:
            return None
        try:
            cached = ArticleRecord.load(hit, self.kinds)
        except ValidationError:
            return None  # a damaged entry is a miss, never a wrong record
        if not self._grounded(cached, article.text):
            return None  # an edited entry: re-extract rather than write what the text lacks
        return cached.model_copy(
            update={
                "article_id": article.id,
                "source": article.source,
                "encoding": article.encoding,
                "meta": article.meta,
                "usage": Usage(cache_hits=1, seconds=time.perf_counter() - started),
            }
        )

    def _grounded(self, record: ArticleRecord, text: str) -> bool:
        """Every item still stands in the text, each verbatim value at its own offsets."""
        return all(holds(k, i, text) for k in self.kinds for i in record.of(k.name))

    def extract(self, article: Article) -> ArticleRecord:
        """Extract, ground and type every item of one article (whole records are cached too)."""
        hit = self.cached(article)
        return hit if hit is not None else self._extract_fresh(article)

    def _extract_fresh(self, article: Article) -> ArticleRecord:
        started = time.perf_counter()
        run: Callable[..., tuple[Grounded, Usage]] = self.strategy.function
        if self.trained is not None:
            run = partial(run, trained=self.trained)
        grounded, usage = run(article, self.kinds, self.provider)
        usage = usage.model_copy(
            update={
                "dropped": usage.dropped + len(grounded.missing),
                "flagged": sum(bool(getattr(i, "flags", None)) for _, i in grounded.pairs()),
                "seconds": time.perf_counter() - started,
            }
        )
        items = {
            k.name: sorted(grounded.items.get(k.name, []), key=lambda i: (i.start, i.end))  # type: ignore[attr-defined]
            for k in self.kinds
        }
        record = ArticleRecord(
            article_id=article.id,
            source=article.source,
            text_sha256=article.sha256,
            encoding=article.encoding,
            meta=article.meta,
            items=items,
            **self.made_by(),
            usage=usage,
        )
        if self.cache is not None and not usage.incomplete:  # an incomplete record is asked again
            self.cache.set(self._record_key(article), record.model_dump(mode="json"))
        return record

    def made_by(self) -> dict[str, str]:
        """What a record of this extractor says produced it (resume refuses a mixed file)."""
        return {
            "model": self.provider.model,
            "strategy": self.strategy.name,
            "prompt_version": self.prompt_version,
            "kinds": self.kinds_fingerprint,
        }

    def attempt(self, item: Article | ArticleError, looked_up: bool = False) -> ArticleRecord | ArticleError:
        """One article's record, or the one-line error that stopped it (``looked_up``: the
        record cache was already checked and missed)."""
        if isinstance(item, ArticleError):
            return item
        try:
            return self._extract_fresh(item) if looked_up else self.extract(item)
        except BudgetExceeded as exc:
            return NotStarted(item.source, self.redact(f"not finished: {exc}"))
        except (ModelError, ServerError, StageTimeout) as exc:
            return ArticleError(item.source, self.redact(str(exc)))

    def batch(self, items: Iterable[Article | ArticleError]) -> Iterator[ArticleRecord | ArticleError]:
        """Records, or the error that stopped each article, in completion order.

        One failure never stops the rest. Once a budget is spent, the articles not yet started
        come back as :class:`NotStarted` while those in flight finish.
        """
        admitted = admit(items, self.budget)
        if not self.strategy.needs_model and self.config.workers > 1:
            # CPU-bound (the rules): a process per worker, each with its own Extractor, past the GIL.
            pool = partial(_process_pool, config=self.config)
            yield from completed_in_processes(
                _attempt_here, admitted, self.config.workers, pool, _lost, self._cached_item, ARTICLE_SECONDS
            )
            return
        fresh = partial(self.attempt, looked_up=True)
        yield from completed(fresh, admitted, self.config.workers, inline=self._cached_item)

    def _cached_item(self, item: Article | ArticleError) -> ArticleRecord | ArticleError | None:
        # Cache hits and load errors take microseconds: they never wait for a worker.
        return item if isinstance(item, ArticleError) else self.cached(item)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
        self.provider.close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _unaided(kind: Kind, trained: TrainedModel) -> bool:
    """Whether ``trained`` (with the rules, where the kind has some) makes whole items of ``kind``."""
    if rules_for(kind) is not None:
        return True
    return trained.of(kind) is not None and not unlearned_required(kind)


_HERE: Extractor | None = None  # a worker process's own extractor
# A worker process on one article past the rules' and grounding's own limits together
# (rules/candidates.py, grounding/ground.py) is stuck where they cannot check the clock (in C
# code, say): it is replaced. Not imported from there: spaCy would load with them.
ARTICLE_SECONDS = 600.0


def _lost(item: Article | ArticleError, why: str) -> ArticleError:
    return item if isinstance(item, ArticleError) else ArticleError(item.source, why)


def _start_worker(config: RunConfig) -> None:
    global _HERE
    _HERE = Extractor(config)


def _attempt_here(item: Article | ArticleError) -> ArticleRecord | ArticleError:
    assert _HERE is not None, "a worker process runs _start_worker first"
    return _HERE.attempt(item, looked_up=True)


def _process_pool(workers: int, config: RunConfig) -> ProcessPoolExecutor:
    # spawn, not fork: the parent may hold threads (progress bar, server watcher) whose locks a
    # forked child would inherit taken.
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(config,))


def admit(
    items: Iterable[Article | ArticleError], budget: Budget | None = None
) -> Iterator[Article | ArticleError]:
    """Articles to extract: a text already seen in the batch is reported, not extracted twice,
    and nothing new starts once ``budget`` is spent."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article):
            if item.sha256 in seen:
                item = ArticleError(item.source, f"duplicate of {seen[item.sha256]} (same text); skipped")
            elif budget is not None and (why := budget.exceeded()) is not None:
                item = NotStarted(item.source, f"not started: {why}")
            else:
                seen[item.sha256] = item.source
        yield item

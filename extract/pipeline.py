"""load → prompt → call → validate/ground → record: the one-way flow, for one article or many."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from importlib import import_module
from pathlib import Path

from pydantic import ValidationError

from extract.cache import DEFAULT_CACHE_DIR, AnswerCache, cache_key
from extract.errors import ArticleError, BudgetExceeded, ExtractError, ModelError, NotStarted, ServerError
from extract.ground import Grounded
from extract.ledger import Budget
from extract.llm import LLM, Endpoint
from extract.load import Article, check_text, load_articles
from extract.prompt import load_prompt
from extract.server import DEFAULT_LOCAL_MODEL, LocalServer
from extract.workers import completed
from schemas import SCHEMA_VERSION, ArticleRecord, Usage

Strategy = Callable[[Article, LLM], tuple[Grounded, Usage]]
# name -> (module:function, prompts it uses). Imported on first use: a fully cached run
# never loads spaCy, rapidfuzz or the strategies.
_CHOICE_PROMPTS = ("speaker", "event_type", "stance")
STRATEGIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "whole": ("extract.strategies.whole:run_whole", ("whole", "reask")),
    "hybrid": ("extract.strategies.hybrid:run_hybrid", _CHOICE_PROMPTS),
    "hybrid-all": ("extract.strategies.hybrid:run_hybrid_all", _CHOICE_PROMPTS),
    "rules": ("extract.strategies.hybrid:run_rules", ()),
    "hybrid+whole": ("extract.strategies.combined:run_combined", (*_CHOICE_PROMPTS, "whole", "reask")),
}


def strategy_function(name: str) -> Strategy:
    module, func = STRATEGIES[name][0].split(":")
    fn: Strategy = getattr(import_module(module), func)
    return fn


API_KEY_VARS = ("EXTRACT_API_KEY", "OPENAI_API_KEY")


def default_strategy(base_url: str | None) -> str:
    """Tiny embedded models get narrow choices (hybrid); a remote model gets the whole article."""
    return "hybrid" if base_url is None else "whole"


class Extractor:
    """Holds the model endpoint (starting the embedded server if none is given) and the cache."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        strategy: str | None = None,
        cache_dir: Path | str | None = DEFAULT_CACHE_DIR,
        local_model: str = DEFAULT_LOCAL_MODEL,
        timeout: float = 120.0,
        max_tokens: int = 2048,
        http_retries: int = 2,
        budget: Budget | None = None,
    ) -> None:
        self.strategy = strategy or default_strategy(base_url)
        if self.strategy not in STRATEGIES:
            raise ExtractError(f"unknown strategy {self.strategy!r}; choose from {', '.join(STRATEGIES)}")
        self.server: LocalServer | None = None
        identity = ""
        if base_url is None:
            # Started on the first cache miss only; keyed by model, not by its random port.
            self.server = LocalServer(local_model)
            base_url, model, identity = "http://127.0.0.1/v1", self.server.model.name, "embedded"
        if not model:
            raise ExtractError("--model is required with --base-url")
        key = api_key or next((os.environ[v] for v in API_KEY_VARS if os.environ.get(v)), "not-needed")
        self.endpoint = Endpoint(
            base_url, model, identity, key, timeout=timeout, max_tokens=max_tokens, http_retries=http_retries
        )
        self.cache = AnswerCache(cache_dir) if cache_dir is not None else None
        self.budget = budget
        self.llm = LLM(self.endpoint, self.cache, self._start_server if self.server else None, budget)
        self.prompt_version = "+".join(load_prompt(p).version for p in STRATEGIES[self.strategy][1]) or "none"

    def _start_server(self) -> str:
        assert self.server is not None
        return self.server.start().base_url

    def _record_key(self, article: Article) -> str:
        return cache_key(
            kind="record",
            **self.endpoint.key_parts(),
            strategy=self.strategy,
            prompt=self.prompt_version,
            schema=SCHEMA_VERSION,
            text=article.sha256,
        )

    def check(self) -> None:
        """Fail fast, with one line, when the endpoint cannot be reached."""
        self.llm.ping()

    def cached(self, article: Article) -> ArticleRecord | None:
        """The article's record from an earlier run with the same configuration, if any."""
        if self.cache is None:
            return None
        started = time.perf_counter()
        if (hit := self.cache.get(self._record_key(article))) is None:
            return None
        try:
            cached = ArticleRecord.model_validate(hit)
        except ValidationError:
            return None  # a damaged entry is a miss, never a wrong record
        return cached.model_copy(
            update={"article_id": article.id, "source": article.source,
                    "usage": Usage(cache_hits=1, seconds=time.perf_counter() - started)}
        )  # fmt: skip

    def extract(self, article: Article) -> ArticleRecord:
        """Extract, ground and type every item of one article (whole records are cached too)."""
        hit = self.cached(article)
        return hit if hit is not None else self._extract_fresh(article)

    def _extract_fresh(self, article: Article) -> ArticleRecord:
        started = time.perf_counter()
        key = self._record_key(article)
        grounded, usage = strategy_function(self.strategy)(article, self.llm)
        usage = usage.model_copy(
            update={
                "dropped": usage.dropped + len(grounded.missing),
                "seconds": time.perf_counter() - started,
            }
        )
        record = ArticleRecord(
            article_id=article.id,
            source=article.source,
            text_sha256=article.sha256,
            quotes=sorted(grounded.quotes, key=lambda q: (q.start, q.end)),
            events=sorted(grounded.events, key=lambda e: (e.start, e.end)),
            positions=sorted(grounded.positions, key=lambda p: (p.start, p.end)),
            model=self.endpoint.model,
            strategy=self.strategy,
            prompt_version=self.prompt_version,
            usage=usage,
        )
        if self.cache is not None:
            self.cache.set(key, record.model_dump(mode="json"))
        return record

    def made_by(self) -> dict[str, str]:
        """What a record of this extractor says produced it (resume refuses a mixed file)."""
        return {
            "model": self.endpoint.model,
            "strategy": self.strategy,
            "prompt_version": self.prompt_version,
        }

    def attempt(self, item: Article | ArticleError, looked_up: bool = False) -> ArticleRecord | ArticleError:
        """One article's record, or the one-line error that stopped it (``looked_up``: the
        record cache was already checked and missed)."""
        if isinstance(item, ArticleError):
            return item
        try:
            return self._extract_fresh(item) if looked_up else self.extract(item)
        except BudgetExceeded as exc:
            return NotStarted(item.source, f"not finished: {exc}")
        except (ModelError, ServerError) as exc:
            return ArticleError(item.source, str(exc))

    def batch(
        self, items: Iterable[Article | ArticleError], workers: int = 1
    ) -> Iterator[ArticleRecord | ArticleError]:
        """Records, or the error that stopped each article, in completion order.

        One failure never stops the rest. Once a budget is spent, the articles not yet started
        come back as :class:`NotStarted` while those in flight finish.
        """
        fresh = partial(self.attempt, looked_up=True)
        yield from completed(fresh, admit(items, self.budget), workers, inline=self._cached_item)

    def _cached_item(self, item: Article | ArticleError) -> ArticleRecord | ArticleError | None:
        # Cache hits and load errors take microseconds: they never wait for a worker.
        return item if isinstance(item, ArticleError) else self.cached(item)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
        if self.server is not None:
            self.server.stop()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


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


def as_article(item: str | Article, article_id: str = "article") -> Article:
    """Accept raw text or an Article (API convenience)."""
    if isinstance(item, Article):
        return item
    return Article(article_id, "<string>", check_text(item, "<string>"))


def extract_article(article: str | Article, **options: object) -> ArticleRecord:
    """Extract one article (text or Article); options as for :class:`Extractor`."""
    with Extractor(**options) as ex:  # type: ignore[arg-type]
        return ex.extract(as_article(article))


def extract_batch(inputs: Iterable[str], **options: object) -> Iterator[ArticleRecord | ArticleError]:
    """Extract every article found in files, folders, globs or JSONL paths."""
    with Extractor(**options) as ex:  # type: ignore[arg-type]
        ex.check()
        yield from ex.batch(load_articles(inputs))

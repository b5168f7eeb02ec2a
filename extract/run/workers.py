"""Run a function over many items on a thread pool, yielding results as they complete.

Model calls are I/O: threads overlap their waiting. At most ``2 * workers`` items are in flight,
so memory stays flat however long the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def completed(
    fn: Callable[[In], Out],
    items: Iterable[In],
    workers: int,
    inline: Callable[[In], Out | None] = lambda _: None,
) -> Iterator[Out]:
    """``fn(item)`` for each item, in completion order; inline when ``workers`` is 1.

    ``inline(item)``, when not None, is the item's result at once, with no trip through the pool.
    """
    if workers <= 1:
        for item in items:
            ready = inline(item)
            yield fn(item) if ready is None else ready
        return
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="extract")
    pending: set[Future[Out]] = set()
    try:
        for item in items:
            if (ready := inline(item)) is not None:
                yield ready
                continue
            pending.add(pool.submit(fn, item))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)
    finally:
        # On Ctrl-C or a consumer that stops early: queued items never start.
        pool.shutdown(wait=False, cancel_futures=True)

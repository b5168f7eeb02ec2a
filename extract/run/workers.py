"""Run a function over many items on a pool, yielding results as they complete.

Model calls are I/O: threads overlap their waiting. The rules are CPU-bound Python under the GIL:
they get a process pool (see ``Extractor.batch``). At most ``2 * workers`` items are in flight,
so memory stays flat however long the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def completed(
    fn: Callable[[In], Out],
    items: Iterable[In],
    workers: int,
    inline: Callable[[In], Out | None] = lambda _: None,
    pool: Callable[[int], Executor] | None = None,
) -> Iterator[Out]:
    """``fn(item)`` for each item, in completion order; inline when ``workers`` is 1.

    ``inline(item)``, when not None, is the item's result at once, with no trip through the pool.
    ``pool(workers)`` makes the executor (a thread pool by default; ``fn`` must then pickle
    for a process pool).
    """
    if workers <= 1:
        for item in items:
            ready = inline(item)
            yield fn(item) if ready is None else ready
        return
    executor = (
        pool(workers) if pool is not None else ThreadPoolExecutor(workers, thread_name_prefix="extract")
    )
    pending: set[Future[Out]] = set()
    try:
        for item in items:
            if (ready := inline(item)) is not None:
                yield ready
                continue
            pending.add(executor.submit(fn, item))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)
    finally:
        # On Ctrl-C or a consumer that stops early: queued items never start.
        executor.shutdown(wait=False, cancel_futures=True)

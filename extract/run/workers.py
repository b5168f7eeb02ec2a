"""Run a function over many items on a pool, yielding results as they complete.

Model calls are I/O: threads overlap their waiting. The rules are CPU-bound Python under the GIL:
they get a process pool (see ``Extractor.batch``). At most ``2 * workers`` items are in flight,
so memory stays flat however long the batch.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    TimeoutError,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
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


_END = object()


def completed_in_processes(
    fn: Callable[[In], Out],
    items: Iterable[In],
    workers: int,
    pool: Callable[[int], ProcessPoolExecutor],
    lost: Callable[[In, str], Out],
    inline: Callable[[In], Out | None] = lambda _: None,
    limit: float = 600.0,
) -> Iterator[Out]:
    """``completed`` on a process pool that survives its workers: an item whose process dies
    (killed, out of memory, a crash in C code) or runs past ``limit`` seconds comes back as
    ``lost(item, reason)``, and the batch goes on in a fresh pool.

    A dead process breaks the whole pool, and the items in flight cannot say which one it ran:
    each is tried again alone, and the one that breaks its pool again is the lost one.
    """
    source = iter(items)
    retry: deque[In] = deque()
    executor = pool(workers)
    pending: dict[Future[Out], In] = {}
    running_since: dict[Future[Out], float] = {}
    try:
        while True:
            while len(pending) < 2 * workers:
                following: In | object = retry.popleft() if retry else next(source, _END)
                if following is _END:
                    break
                fresh: In = following  # type: ignore[assignment]
                if (ready := inline(fresh)) is not None:
                    yield ready
                    continue
                pending[executor.submit(fn, fresh)] = fresh
            if not pending:
                return
            done, _ = wait(pending, timeout=min(limit, 1.0), return_when=FIRST_COMPLETED)
            now = time.monotonic()
            broken: list[In] = []
            for future in done:
                item = pending.pop(future)
                running_since.pop(future, None)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken.append(item)
                    continue
                yield result
            for future in pending:
                if future.running():
                    running_since.setdefault(future, now)
            hung = [f for f, t in running_since.items() if now - t > limit]
            if hung:
                for future in hung:
                    why = f"ran past the time limit of {limit:g}s; its worker was replaced"
                    yield lost(pending.pop(future), why)
                    running_since.pop(future)
                _kill(executor)
            if broken or hung:
                # The pool is dead: every item still in it is tried again.
                wait(pending)
                suspects = broken + list(pending.values())
                pending.clear()
                running_since.clear()
                executor.shutdown(wait=True, cancel_futures=True)
                if broken:
                    yield from _one_by_one(fn, suspects, pool, lost, limit)
                else:
                    retry.extend(suspects)
                executor = pool(workers)
    finally:
        # On Ctrl-C or a consumer that stops early: queued items never start.
        executor.shutdown(wait=False, cancel_futures=True)


def _one_by_one(
    fn: Callable[[In], Out],
    suspects: list[In],
    pool: Callable[[int], ProcessPoolExecutor],
    lost: Callable[[In, str], Out],
    limit: float,
) -> Iterator[Out]:
    """Each item alone in a pool of one: the one whose process dies again is lost, the others'
    results are yielded."""
    for item in suspects:
        executor = pool(1)
        try:
            future = executor.submit(fn, item)
            try:
                yield future.result(timeout=limit)
            except BrokenProcessPool:
                yield lost(item, "its worker process died (killed, or out of memory)")
            except TimeoutError:
                _kill(executor)
                yield lost(item, f"ran past the time limit of {limit:g}s; its worker was replaced")
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


def _kill(executor: ProcessPoolExecutor) -> None:
    """End a pool's processes (Python 3.14 has ``terminate_workers``; earlier ones do not)."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()

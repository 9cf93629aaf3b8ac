"""Slow work for the Slack app, off the request path.

Slack wants an answer within 3 seconds and bolt runs listeners on a small thread pool
(5 threads by default, shared with lazy listeners). So a listener only acknowledges and
hands the job here: CPU-heavy steps (rendering a chart, drafting a DOCX, parsing an
upload) go to a process pool, and the reply is posted from a separate thread pool in this
process. A burst of slow commands therefore queues here, never in front of the next ack.
"""
from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Callable, Optional

log = logging.getLogger(__name__)

Task = Callable[["JobRunner"], None]


class _Inline(Executor):
    """Runs work at once in the caller: for `govbot ask` and the demo (no Slack deadline)."""

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller through the future
            future.set_exception(exc)
        return future


class JobRunner:
    """`submit(task)` runs task(runner) on a delivery thread; `compute(fn, ...)` runs fn in the pool.

    `pool` defaults to a process pool started with forkserver (forking a process that
    already runs server threads can deadlock); pass any Executor to replace it.
    """

    def __init__(self, pool: Optional[Executor] = None, *, workers: int = 2,
                 delivery_threads: int = 8, inline: bool = False):
        self.inline = inline
        if inline:
            self.pool: Executor = _Inline()
            self.threads: Executor = _Inline()
            return
        self.pool = pool or ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("forkserver"))
        self.threads = ThreadPoolExecutor(max_workers=delivery_threads, thread_name_prefix="govbot-job")

    def submit(self, task: Task, on_error: Optional[Callable[[Exception], None]] = None) -> Future:
        """Queue a task; never blocks. A failure goes to `on_error` (to tell the user), then the log."""
        def run():
            try:
                task(self)
            except Exception as exc:  # a failed job must not kill the delivery thread
                log.warning("slack job failed: %s", exc)
                if on_error is not None:
                    try:
                        on_error(exc)
                    except Exception as again:
                        log.warning("could not report a failed job: %s", again)
                if self.inline:
                    raise
        return self.threads.submit(run)

    def compute(self, fn: Callable, *args, **kwargs):
        """Run a module-level (picklable) function in the pool and wait for its result."""
        return self.pool.submit(fn, *args, **kwargs).result()

    def shutdown(self, wait: bool = True) -> None:
        self.threads.shutdown(wait=wait)
        self.pool.shutdown(wait=wait)

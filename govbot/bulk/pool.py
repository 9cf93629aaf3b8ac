"""Executors for bulk parsing: a local process pool with a watchdog, or a Dask cluster.

Both offer the same small interface to the runner:
- `free()`: how many more tasks may be submitted now (in-flight work stays bounded);
- `submit(task)`; `wait(timeout)` -> the Outcomes that finished; `busy`; `close()`.

The local pool hands one file at a time to each long-lived worker over its own pipe, so
the parent always knows which worker holds which file: a worker past the per-file time
limit (stuck in C code, where the in-worker alarm cannot reach) is killed and replaced,
its file reported, and the other workers carry on untouched.

A worker is also handed its next file while it reads the current one, when that file is
small (PREFETCH_BYTES): it then starts on it at once instead of waiting, file after file,
for the parent to wake, take its result and send the next (~0.1-1 ms on a virtual machine,
against ~10 ms to read a short PDF). A larger file waits until its worker is free, so the
parent never blocks on a full pipe; its reading time dwarfs the hand-over anyway.
"""
from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from multiprocessing.connection import wait as wait_ready
from typing import Optional

from govbot.bulk.worker import MEMORY_REASON, Outcome, Task, warm_pipeline
from govbot.config import Limits

DEFAULT_TASK = "govbot.bulk.worker:parse_task"
DEFAULT_INIT = "govbot.bulk.worker:warm_up"
GRACE_SECONDS = 5.0  # the in-worker alarm gets this long to fire before the parent kills
PREFETCH_BYTES = 64 * 1024  # a file this small may wait in its worker's pipe (far below a socket buffer)


def _load(dotted: str):
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


def _worker_main(conn, limits: Limits, init: str, task_fn: str) -> None:
    """A worker's life: load once, then one file at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    run = _load(task_fn)
    try:
        if init:
            _load(init)(limits)
        conn.send(("ready", os.getpid()))
        while True:
            task = conn.recv()
            if task is None:
                return
            try:
                outcome = run(task, limits)
            except MemoryError:
                outcome = Outcome(task.name, task.content_hash, reason=MEMORY_REASON.format(limits.per_file_memory_mb))
            except BaseException as exc:  # e.g. an alarm landing between two statements
                outcome = Outcome(task.name, task.content_hash, reason=f"the worker failed ({type(exc).__name__})")
            conn.send(outcome)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return  # the parent is gone (kill -9) or stopping: nothing to hand back


class _Worker:
    def __init__(self, ctx, limits: Limits, init: str, task_fn: str):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, limits, init, task_fn), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.tasks: deque[Task] = deque()  # sent, in order: the one it reads now, then the one it reads next
        self.started = 0.0  # when it started on tasks[0] (as far as the parent can tell)

    @property
    def task(self) -> Optional[Task]:
        """The file the worker is reading now."""
        return self.tasks[0] if self.tasks else None

    def give(self, task: Task) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        self.conn.send(task)

    def finished(self) -> None:
        """Its result for tasks[0] is in: it is on the next one now, if it has one."""
        self.tasks.popleft()
        self.started = time.monotonic()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class ProcessPool:
    """`workers` processes, each loading the pipeline once; bounded, watched, self-healing."""

    def __init__(self, workers: int, limits: Limits, *, init: str = DEFAULT_INIT, task_fn: str = DEFAULT_TASK,
                 grace: float = GRACE_SECONDS):
        self.size = max(1, workers)
        self.grace = grace
        self.limits = limits
        self._spec = (init, task_fn)
        # forkserver: workers never inherit the parent's threads (progress bar) or DB handles
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(["govbot.bulk.preload"])
        self._queue: deque[Task] = deque()
        self._workers: list[_Worker] = []  # started on the first file: a re-run that skips all starts none
        self.restarts = 0

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.limits, *self._spec)

    @property
    def busy(self) -> int:
        return len(self._queue) + sum(len(w.tasks) for w in self._workers)

    def free(self) -> int:
        return max(0, 2 * self.size - self.busy)

    def submit(self, task: Task) -> None:
        if not self._workers:
            self.start()
        self._queue.append(task)
        self._dispatch()

    def start(self) -> None:
        self._workers = [self._spawn() for _ in range(self.size)]

    def _dispatch(self) -> None:
        for worker in self._workers:  # idle workers first
            if self._queue and worker.ready and not worker.tasks:
                worker.give(self._queue.popleft())
        for worker in self._workers:  # then a small next file behind the current one
            if (self._queue and worker.ready and len(worker.tasks) == 1
                    and len(self._queue[0].data) <= PREFETCH_BYTES):
                worker.give(self._queue.popleft())

    def wait(self, timeout: float) -> list[Outcome]:
        """Outcomes that finished within `timeout` s; also enforces the time limit."""
        done: list[Outcome] = []
        by_conn = {w.conn: w for w in self._workers}
        by_sentinel = {w.process.sentinel: w for w in self._workers}
        for ready in wait_ready(list(by_conn) + list(by_sentinel), timeout):
            worker = by_conn.get(ready) or by_sentinel[ready]
            if worker not in self._workers:
                continue  # already replaced this round
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                done.extend(self._replace(worker, self._died_reason(worker)))
                continue
            if isinstance(message, tuple) and message[0] == "ready":
                worker.ready = True
            elif isinstance(message, Outcome):
                done.append(message)
                worker.finished()
                if message.reason and "memory limit" in message.reason:
                    self._replace(worker, "")  # after a MemoryError its heap may be a mess
        done.extend(self._enforce_deadlines())
        self._dispatch()
        return done

    def _died_reason(self, worker: _Worker) -> str:
        worker.process.join(1)
        code = worker.process.exitcode
        if code is not None and code < 0:
            how = f"was killed by signal {-code}" if -code != signal.SIGKILL else "was killed"
        else:
            how = f"exited (code {code})"
        return f"the worker process {how} while reading this file (memory limit or a crash)"

    def _enforce_deadlines(self) -> list[Outcome]:
        limit = self.limits.per_file_seconds + self.grace
        now = time.monotonic()
        late = [w for w in self._workers if w.task is not None and now - w.started > limit]
        reason = f"took longer than {self.limits.per_file_seconds:g} s (per-file time limit); its worker was stopped"
        return [o for w in late for o in self._replace(w, reason)]

    def _replace(self, worker: _Worker, reason: str) -> list[Outcome]:
        """Kill a worker, report the file it was reading (`reason`; none when it had
        finished it), and start a fresh one in its place. A file waiting behind it goes
        back to the front of the queue: it was never read, and is not at fault."""
        tasks = list(worker.tasks)
        worker.kill()
        self._workers[self._workers.index(worker)] = self._spawn()
        self.restarts += 1
        if not tasks and not worker.ready:  # died while loading: nothing would ever run
            raise RuntimeError(f"a bulk worker could not start ({self._died_reason(worker)})")
        failed, waiting = (tasks[:1], tasks[1:]) if reason else ([], tasks)
        self._queue.extendleft(reversed(waiting))
        return [Outcome(task.name, task.content_hash, reason=reason) for task in failed]

    def close(self) -> None:
        for worker in self._workers:
            try:
                if worker.process.is_alive() and worker.task is None:
                    worker.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 3
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            worker.kill()
        self._workers = []


class DaskPool:
    """The same interface over a Dask distributed cluster (`--dask ADDRESS`).

    Each Dask worker process keeps the pipeline loaded between files (module cache).
    The per-file deadline is enforced from here: a late file is reported and its future
    cancelled. Memory is the cluster's own worker memory limit (the nanny restarts a
    worker that exceeds it; its file comes back as an error).
    """

    def __init__(self, address, limits: Limits, *, task_fn: str = DEFAULT_TASK):
        from distributed import Client

        self.client = address if isinstance(address, Client) else Client(address)
        self._own_client = not isinstance(address, Client)
        self.limits = limits
        self._task_fn = task_fn
        threads = sum(self.client.nthreads().values()) or 1
        self.size = threads
        self._futures: dict = {}  # future -> (task, submitted at)
        self.restarts = 0

    @property
    def busy(self) -> int:
        return len(self._futures)

    def free(self) -> int:
        return max(0, 2 * self.size - self.busy)

    def submit(self, task: Task) -> None:
        future = self.client.submit(_dask_run, self._task_fn, task, self.limits, pure=False, retries=0)
        self._futures[future] = (task, time.monotonic())

    def wait(self, timeout: float) -> list[Outcome]:
        from distributed import wait as dask_wait

        if not self._futures:
            time.sleep(min(timeout, 0.05))
            return []
        try:
            dask_wait(list(self._futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        done = []
        for future in [f for f in self._futures if f.done()]:
            task, _ = self._futures.pop(future)
            try:
                done.append(future.result())
            except Exception as exc:
                done.append(Outcome(task.name, task.content_hash, reason=f"the Dask worker failed ({type(exc).__name__}: {exc})"))
        limit = self.limits.per_file_seconds + GRACE_SECONDS
        now = time.monotonic()
        for future, (task, started) in list(self._futures.items()):
            if now - started > limit:
                self._futures.pop(future)
                future.cancel()
                done.append(Outcome(task.name, task.content_hash,
                                    reason=f"took longer than {self.limits.per_file_seconds:g} s (per-file time limit)"))
        return done

    def close(self) -> None:
        for future in self._futures:
            future.cancel()
        self._futures.clear()
        if self._own_client:
            self.client.close()


_dask_ready: set = set()


def _dask_run(task_fn: str, task: Task, limits: Limits) -> Outcome:
    """Runs on a Dask worker: warm the pipeline once per process, then parse."""
    if task_fn not in _dask_ready:
        if task_fn == DEFAULT_TASK:
            warm_pipeline(limits)
        _dask_ready.add(task_fn)
    return _load(task_fn)(task, limits)

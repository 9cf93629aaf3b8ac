"""The bulk worker pool: a hostile file (hangs, eats memory, kills its worker) is stopped,
reported, and the batch goes on. The task functions below stand in for a parser that
misbehaves on one file; the pool, its processes and its limits are the real ones."""
from __future__ import annotations

import os
import time

from govbot.bulk.pool import PREFETCH_BYTES, ProcessPool
from govbot.bulk.worker import Outcome, Task, limit_memory, run_limited
from govbot.config import Limits

HERE = "test_bulk_pool"


def misbehave(task: Task, limits: Limits) -> Outcome:
    return run_limited(_misbehave, task, limits)


def _misbehave(task: Task, limits: Limits) -> Outcome:
    if task.name == "spins.pdf":  # a Python loop: the in-worker alarm stops it
        while True:
            pass
    if task.name == "stuck.pdf":  # blocked where no alarm reaches: the parent kills the worker
        import signal

        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
        time.sleep(60)
    if task.name == "greedy.docx":
        hog = bytearray(3000 * 1024 * 1024)
        return Outcome(task.name, task.content_hash, pages=len(hog))
    if task.name == "crash.html":
        os._exit(3)
    if task.name.startswith("slow"):  # a long report: the worker is busy a while
        time.sleep(0.3)
    return Outcome(task.name, task.content_hash, pages=1, pid=os.getpid())


def cap(limits: Limits) -> None:
    limit_memory(limits.per_file_memory_mb)


def _run(pool: ProcessPool, names: list[str]) -> dict[str, Outcome]:
    outcomes, todo = {}, list(names)
    while todo or pool.busy:
        assert pool.busy <= 2 * pool.size  # in-flight work stays bounded
        while todo and pool.free():
            name = todo.pop(0)
            pool.submit(Task(name, b"", name))
        for outcome in pool.wait(0.1):
            outcomes[outcome.name] = outcome
    return outcomes


def test_hostile_files_are_stopped_and_the_batch_goes_on():
    limits = Limits(per_file_seconds=0.5, per_file_memory_mb=300)
    pool = ProcessPool(2, limits, init=f"{HERE}:cap", task_fn=f"{HERE}:misbehave", grace=0.5)
    names = ["a.txt", "spins.pdf", "b.txt", "greedy.docx", "stuck.pdf", "crash.html", "c.txt", "d.txt"]
    try:
        outcomes = _run(pool, names)
    finally:
        pool.close()
    assert set(outcomes) == set(names)
    assert all(outcomes[n].ok for n in ("a.txt", "b.txt", "c.txt", "d.txt"))
    assert "per-file time limit" in outcomes["spins.pdf"].reason
    assert "per-file time limit" in outcomes["stuck.pdf"].reason
    assert "per-file memory limit" in outcomes["greedy.docx"].reason
    assert "worker process exited" in outcomes["crash.html"].reason
    assert pool.restarts >= 3  # stuck, crash, and the worker that ran out of memory


def test_each_worker_is_long_lived():
    pool = ProcessPool(2, Limits(), init="", task_fn=f"{HERE}:misbehave")
    try:
        outcomes = _run(pool, [f"{n}.txt" for n in range(12)])
    finally:
        pool.close()
    assert len(outcomes) == 12
    assert len({o.pid for o in outcomes.values()}) <= 2


def test_a_file_waiting_behind_a_hostile_one_is_read_by_the_replacement_worker():
    # one worker: each small file is handed over while the one before it is read, so
    # "after.txt" waits behind the stuck file, and "last.txt" behind the crashing one
    limits = Limits(per_file_seconds=1.0)  # (a margin for a slow spell of the machine: only stuck.pdf may be late)
    pool = ProcessPool(1, limits, init="", task_fn=f"{HERE}:misbehave", grace=1.0)
    names = ["stuck.pdf", "after.txt", "crash.html", "last.txt"]
    try:
        outcomes = _run(pool, names)
    finally:
        pool.close()
    assert set(outcomes) == set(names)
    assert "per-file time limit" in outcomes["stuck.pdf"].reason
    assert "worker process exited" in outcomes["crash.html"].reason
    assert outcomes["after.txt"].ok and outcomes["last.txt"].ok  # not blamed for their neighbours
    assert pool.restarts == 2


def _busy_with(pool: ProcessPool, first: Task, second: Task) -> tuple[int, int]:
    """Submit two files to a one-worker pool; how many the worker holds, how many the parent."""
    pool.submit(first)
    pool.submit(second)
    deadline = time.monotonic() + 30
    while not pool._workers[0].ready and time.monotonic() < deadline:
        pool.wait(0.05)
    return len(pool._workers[0].tasks), len(pool._queue)


def test_a_small_next_file_waits_in_the_worker_and_a_large_one_in_the_parent():
    pool = ProcessPool(1, Limits(), init="", task_fn=f"{HERE}:misbehave")
    try:
        small = Task("minutes.txt", b"x" * 1000, "small")
        assert _busy_with(pool, Task("slow.txt", b"", "slow"), small) == (2, 0)
        _run(pool, [])
        large = Task("minutes.pdf", b"x" * (PREFETCH_BYTES + 1), "large")
        assert _busy_with(pool, Task("slow2.txt", b"", "slow2"), large) == (1, 1)  # never blocks on a full pipe
        assert {o.name for o in _run_rest(pool)} == {"slow2.txt", "minutes.pdf"}
    finally:
        pool.close()


def _run_rest(pool: ProcessPool) -> list[Outcome]:
    done = []
    while pool.busy:
        done += pool.wait(0.1)
    return done

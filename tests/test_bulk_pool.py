"""The bulk worker pool: a hostile file (hangs, eats memory, kills its worker) is stopped,
reported, and the batch goes on. The task functions below stand in for a parser that
misbehaves on one file; the pool, its processes and its limits are the real ones."""
from __future__ import annotations

import os
import time

from govbot.bulk.pool import ProcessPool
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

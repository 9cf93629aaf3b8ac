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
from pathlib import Path
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


# --- refusals in the audit log ---------------------------------------------------------------


def audit_refusal(store, *, who: str, action: str, entity: str, reason: str, now=None) -> None:
    """Write a refused action to the decision records' audit log (hash-chained, with its
    checkpoint), through the records service when it offers this, else directly."""
    try:
        from govbot.service import records as records_service
    except ImportError:
        records_service = None
    writer = getattr(records_service, "audit_refusal", None) if records_service else None
    if writer is not None:
        writer(store, who=who, action=action, entity=entity, reason=reason)
        return
    _append_audit(store, who=who, action=action, entity=entity, outcome="refused", detail=reason, now=now)


def _append_audit(store, *, who: str, action: str, entity: str, outcome: str, detail: str, now=None) -> None:
    import datetime as dt

    from sqlalchemy import select

    from govbot.records.audit import AuditEntry, next_entry
    from govbot.store.records import AuditCheckpoint, AuditLogRow

    now = now or dt.datetime.now(dt.timezone.utc)
    with store.write() as session:
        last = session.scalar(select(AuditLogRow).order_by(AuditLogRow.seq.desc()).limit(1))
        previous = None
        if last is not None:
            previous = AuditEntry(last.seq, last.at, last.who, last.action, last.entity, last.digest,
                                  last.outcome, last.detail, last.prev_hash, last.hash)
        entry = next_entry(previous, at=now, who=who, action=action, entity=entity, digest=None,
                           outcome=outcome, detail=detail)
        session.add(AuditLogRow(seq=entry.seq, at=entry.at, who=entry.who, action=entry.action,
                                entity=entry.entity, digest=entry.digest, outcome=entry.outcome,
                                detail=entry.detail, prev_hash=entry.prev_hash, hash=entry.hash))
        head = session.get(AuditCheckpoint, "head")
        if head is None:
            session.add(AuditCheckpoint(name="head", seq=entry.seq, hash=entry.hash))
        else:
            head.seq, head.hash = entry.seq, entry.hash


# --- work run in the pool (module-level, so a process pool can pickle it) --------------------

_stores: dict = {}


def _store_for(config):
    """One store per process and database: opening (and migrating) it once per worker."""
    from govbot.store.db import open_store

    url = config.database_url
    if url not in _stores:
        _stores[url] = open_store(config)
    return _stores[url]


def ingest_file(config, path: str) -> str:
    """Parse and store one file; the one-line outcome for the person who shared it."""
    from govbot.service.register import ingest_path

    return ingest_path(_store_for(config), config, Path(path)).line()

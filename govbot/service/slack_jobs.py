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


# --- work run in the pool (module-level, so a process pool can pickle it) --------------------

_stores: dict = {}


def _store_for(config):
    """One store per process and database: opening (and migrating) it once per worker."""
    from govbot.store.db import open_store

    url = config.database_url
    if url not in _stores:
        _stores[url] = open_store(config)
    return _stores[url]


def ingest_file(config, path: str) -> tuple[bool, str]:
    """Parse and store one file: (stored?, the one-line outcome for the person who shared it).
    The line names the file as shared, not the temporary folder it was downloaded to."""
    from govbot.service.register import ingest_path

    result = ingest_path(_store_for(config), config, Path(path))
    return result.ok, result.line().replace(str(Path(path)), Path(path).name)


def draft_docx(config, action_id: str, person: str, today) -> dict:
    """Draft (or find) the decision record for a delegated action and render it as Word.

    Refusals come back as {"refused": why}: the records service has already written them to
    the audit log, and its exceptions do not survive the trip back from a worker process.
    """
    import tempfile

    from govbot.service import records

    store = _store_for(config)
    try:
        view = records.draft_record(store, config, action_id, today, as_person=person)
    except (records.RecordRefused, records.RecordError) as exc:
        return {"refused": str(exc)}
    with tempfile.TemporaryDirectory(prefix="govbot-draft-") as folder:
        rendered = records.render_record(view, config, Path(folder) / f"decision-record-{view.id}.docx")
        data = rendered.paths[0].read_bytes()
    return {"record_id": view.id, "state": str(view.state), "filename": f"decision-record-{view.id}.docx",
            "docx": data, "notes": list(view.notes) + list(rendered.notes), "title": str(view.record.title)}


def timeline_png(config, report_ref: str, today) -> dict:
    """The report's Appendix A timeline as a Gantt PNG, through the timeline service;
    {"missing": why} when the register holds no timeline for it."""
    import tempfile

    from govbot.service import timeline

    try:
        view = timeline.timeline(_store_for(config), report_ref, today=today, config=config)
    except timeline.TimelineError as exc:
        return {"missing": str(exc)}
    with tempfile.TemporaryDirectory(prefix="govbot-gantt-") as folder:
        data = timeline.write_png(view, Path(folder) / "timeline.png").read_bytes()
    late = sum(1 for m in view.milestones if str(m.status) == "late")
    return {"ref": view.ref, "png": data, "milestones": len(view.milestones), "late": late}

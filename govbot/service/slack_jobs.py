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
    """Write an action refused in Slack to the decision records' audit log (hash-chained)."""
    from govbot.service import records

    records.record_refusal(store, who=who, action=action, entity=entity, reason=reason, now=now)


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


# --- queries narrowed for Slack ----------------------------------------------------------------


def decision(store, ref_or_item: str, *, today, config):
    """`register.decision`, with its actions and obligations fetched for the one report in
    SQL rather than filtered from the whole register (seconds -> milliseconds at 100,000
    resolutions). Falls back to `register.decision` when the items span several reports."""
    from govbot.service import register
    from govbot.store import queries as q

    with store() as session:
        item_ids = q.items_for(session, ref_or_item.strip())
        if not item_ids:
            return register.decision(store, ref_or_item, today=today, config=config)  # its own error
        resolutions = q.resolutions(session, item_ids=item_ids)
    refs = {r.where.report_ref for r in resolutions if r.where.report_ref}
    if len(refs) != 1:
        return register.decision(store, ref_or_item, today=today, config=config)
    (ref,) = refs
    items = set(item_ids)
    actions = [a for a in register.actions(store, today=today, config=config, report_ref=ref) if a.where.item_id in items]
    obligations = [o for o in register.obligations(store, today=today, config=config, report_ref=ref)
                   if o.where.item_id in items]
    return register.Decision(ref_or_item, resolutions, actions, obligations,
                             register.milestones(store, today=today, report_ref=ref))


def late_actions(store, *, today) -> list:
    """Delegated actions whose condition waits on a milestone past its end date and not done
    by `today`, with their status. Found from the late milestones' links in SQL, rather than
    by laying status over every action in the register (the usual answer is a handful)."""
    from sqlalchemy import or_, select

    from govbot.service import register
    from govbot.store import queries as q
    from govbot.store import tables as t

    late = (select(t.MilestoneLink.delegation_id).distinct()
            .join(t.Milestone, t.Milestone.id == t.MilestoneLink.milestone_id)
            .where(t.MilestoneLink.delegation_id.is_not(None), t.Milestone.removed_at.is_(None),
                   t.Milestone.end < today, or_(t.Milestone.done_on.is_(None), t.Milestone.done_on > today)))
    with store() as session:
        ids = list(session.scalars(late))
        rows = q.actions(session, ids=ids) if ids else []
    for row in rows:
        row.status, row.why = register.action_verdict(row, today)
    return rows


def obligations_due(store, *, today, until, config, limit: int) -> list:
    """Obligations not done or waived that fall due from `today` to `until` (their own due
    date, or a linked milestone's end when they have none), soonest first, at most `limit`.
    Narrowed in SQL before the register lays status over them."""
    from sqlalchemy import and_, or_, select

    from govbot.service import register
    from govbot.store import tables as t

    o, m, link = t.Obligation, t.Milestone, t.MilestoneLink
    pending = and_(o.removed_at.is_(None), or_(o.done_on.is_(None), o.done_on > today),
                   or_(o.waived_on.is_(None), o.waived_on > today))
    own = select(o.id).where(pending, o.due_date >= today, o.due_date <= until).order_by(o.due_date).limit(limit)
    by_milestone = (select(o.id).join(link, link.obligation_id == o.id).join(m, m.id == link.milestone_id)
                    .where(pending, o.due_date.is_(None), m.removed_at.is_(None), m.end >= today, m.end <= until)
                    .order_by(m.end).limit(limit))
    with store() as session:
        ids = list(dict.fromkeys([*session.scalars(own), *session.scalars(by_milestone)]))
    rows = register.obligations_by_id(store, ids, today=today, config=config) if ids else []
    rows = [r for r in rows if str(r.status) not in ("done", "waived", "overdue")]
    rows.sort(key=lambda r: r.due_date or next((x.end for x in r.milestones if x.end), until))
    return rows[:limit]

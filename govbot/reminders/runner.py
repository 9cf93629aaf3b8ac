"""APScheduler 3 as the clock, and nothing more: one interval job in a memory job store
calls `Dispatcher.tick()`. The database is the schedule, so nothing needs persisting
here: after a restart the job is simply added again and overdue reminders are still in
the reminder table (see docs: APScheduler cannot share a job store between processes,
and drops a one-off job once handed to its executor).
"""
from __future__ import annotations

import datetime as dt
import logging
import signal
from typing import Callable, Optional

from apscheduler.events import (EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED,
                                EVENT_SCHEDULER_SHUTDOWN)
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from govbot.config import Config
from govbot.tracker.calendar import LONDON

log = logging.getLogger("govbot.reminders")
JOB_ID = "govbot-reminders"
DEFAULT_INTERVAL = 60.0


def _log_event(event) -> None:
    if event.code == EVENT_JOB_ERROR:
        log.error("reminder job raised: %s", event.exception)
    elif event.code == EVENT_JOB_MISSED:
        log.warning("reminder job missed its run at %s (the next run catches up)", event.scheduled_run_time)
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning("reminder job still running; this tick is skipped")


def start_reminders(config: Config, scheduler: BaseScheduler, *, store=None, senders: Optional[dict] = None,
                    clock: Optional[Callable[[], dt.datetime]] = None, interval_seconds: Optional[float] = None,
                    name: Optional[str] = None):
    """Add the reminder job to `scheduler` (started or not) and return its Dispatcher.

    `govbot serve` calls this with its BackgroundScheduler; `govbot remind run` with a
    BlockingScheduler. The lease is given up when the scheduler shuts down.
    """
    from govbot.service.reminders import make_dispatcher

    dispatcher = make_dispatcher(config, store=store, clock=clock, name=name, senders=senders)
    interval = interval_seconds or float(getattr(config.reminders, "tick_seconds", DEFAULT_INTERVAL))
    scheduler.add_job(dispatcher.tick, "interval", seconds=interval, id=JOB_ID, replace_existing=True,
                      coalesce=True, max_instances=1, misfire_grace_time=None,
                      next_run_time=dt.datetime.now(dt.timezone.utc))
    scheduler.add_listener(_log_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)

    def _on_shutdown(_event):
        try:
            dispatcher.close()
        except Exception:  # noqa: BLE001 - the lease then simply expires
            log.warning("could not give up the reminder lease; it will expire by itself")

    scheduler.add_listener(_on_shutdown, EVENT_SCHEDULER_SHUTDOWN)
    return dispatcher


def run_reminders(config: Config, *, interval_seconds: Optional[float] = None, name: Optional[str] = None) -> None:
    """`govbot remind run`: dispatch on a clock until interrupted (Ctrl-C or SIGTERM)."""
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)  # not a line per tick
    scheduler = BlockingScheduler(timezone=LONDON)
    dispatcher = start_reminders(config, scheduler, interval_seconds=interval_seconds, name=name)
    log.info("reminders: dispatcher %s, channels %s", dispatcher.name, ", ".join(dispatcher.senders) or "none")

    def _stop(*_):
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, _stop)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        dispatcher.store.dispose()

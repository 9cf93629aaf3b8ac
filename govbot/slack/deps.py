"""What every listener needs, built once per app: config, roles, the job runner, the clock."""
from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Optional

from govbot.config import Config, Person
from govbot.roles import RolesDirectory, is_governance_officer
from govbot.service.slack_jobs import JobRunner

Today = Callable[[], dt.date]


def london_today() -> dt.date:
    from govbot.tracker.calendar import london_today as _london_today

    return _london_today(dt.datetime.now(dt.timezone.utc))


@dataclass
class Deps:
    config: Config
    jobs: JobRunner
    today: Optional[Today] = None
    ack_budget: float = 1.0  # seconds a query may take before a holding ack goes back (Slack allows 3)
    roles: RolesDirectory = field(init=False)
    _store: object = field(default=None, repr=False)
    _seen: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self):
        self.roles = RolesDirectory.from_config(self.config)

    @property
    def store(self):
        """The register, opened (and migrated) on first use, shared by the listener threads."""
        with self._lock:
            if self._store is None:
                from govbot.store.db import open_store

                self._store = open_store(self.config)
            return self._store

    def as_of(self) -> dt.date:
        """`today` for status: pinned in tests and the demo, else the date in London."""
        return self.today() if self.today else london_today()

    def person(self, slack_user: Optional[str]) -> Optional[Person]:
        return self.roles.by_slack_user(slack_user)

    def is_officer(self, person: Optional[Person]) -> bool:
        return is_governance_officer(person, self.config)

    def first_time(self, key: str, keep: int = 10_000) -> bool:
        """False for a key seen before: Slack retries events, each must act once."""
        with self._lock:
            if key in self._seen:
                return False
            self._seen[key] = None
            while len(self._seen) > keep:
                self._seen.popitem(last=False)
            return True

"""`govbot ask`: the /govbot command handlers run offline, the reply printed as plain text.

The same router the Slack listener calls; slow jobs run inline, and files they would
upload are written to a folder instead. For the demo and for officers without Slack.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from govbot.config import Config, Person
from govbot.service.slack_jobs import JobRunner
from govbot.slack.commands import run_command
from govbot.slack.deps import Deps
from govbot.slack.reply import Job
from govbot.slack.sink import PrintSink


class AskError(Exception):
    """`--as` names nobody in the roles directory; str() says so."""


def who_is(deps: Deps, who: Optional[str]) -> tuple[str, Optional[Person]]:
    """`--as` takes a Slack id, a name, an email or a role title -> (Slack id, person)."""
    if not who:
        return "U0CLI", None
    person = deps.roles.find(who)
    if person is None:
        raise AskError(f"--as {who}: not in the roles directory (config.yaml roles)")
    return person.slack_user or "U0CLI", person


def strip_command(line: str) -> str:
    """`/govbot actions overdue` and `actions overdue` mean the same."""
    line = line.strip()
    return line[len("/govbot"):].strip() if line.startswith("/govbot") else line


def ask(config: Config, line: str, *, who: Optional[str] = None, today: Optional[dt.date] = None,
        out_dir: Path = Path("."), store=None) -> str:
    """The reply to `line` as plain text; `store` is the register (default: the config's)."""
    deps = Deps(config=config, jobs=JobRunner(inline=True), today=(lambda: today) if today else None)
    deps._store = store
    user, person = who_is(deps, who)
    outcome = run_command(deps, user, strip_command(line), person=person)
    if not isinstance(outcome, Job):
        return outcome.plain()
    printed: list[str] = [outcome.ack_text + "\n"]
    sink = PrintSink(out_dir, printed)
    deps.jobs.submit(lambda runner: outcome.task(runner, sink)).result()
    return "".join(printed)


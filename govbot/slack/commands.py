"""`/govbot WORDS`: the command router shared by the Slack listener and `govbot ask`.

`run_command(deps, user_id, text)` returns a Reply to send at once, or a Job whose ack
text goes back at once and whose task runs on the job runner. Handlers only call
govbot.service functions and the pure builders in blocks.py.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Optional, Union

from govbot.config import Person
from govbot.slack import blocks as bk
from govbot.slack.deps import Deps
from govbot.slack.escape import escape
from govbot.slack.reply import Job, Reply

log = logging.getLogger("govbot.slack")

Outcome = Union[Reply, Job]


@dataclass
class Asker:
    """Who sent the command: their Slack id and, when the roles directory knows them, who they are."""

    user_id: str
    person: Optional[Person]

    @property
    def name(self) -> str:
        return self.person.name if self.person else self.user_id


class CommandError(Exception):
    """A command that cannot be answered; str() is the one line the user sees."""


HELP = [
    ("help", "this list"),
    ("find TEXT", "resolutions that mention TEXT"),
    ("decision REF", "a resolution (report ref like CS/25/07, or an id) with its clauses, delegations and status"),
    ("actions [mine|@user|ROLE|overdue]", "delegated actions: yours, someone's, a post's, or overdue"),
    ("due [N days]", "obligations and milestones due within N days (default 14)"),
    ("timeline REF", "the report's Appendix A timeline as a Gantt chart"),
    ("draft ACTION", "draft the officer decision record for a delegated action (DOCX)"),
    ("record ID", "a decision record and where it is in sign-off"),
    ("done OBLIGATION [evidence]", "mark an obligation done, with evidence"),
]


def help_reply(deps: Deps, asker: Asker, rest: str = "") -> Reply:
    rows = "\n".join(f"`/govbot {escape(cmd)}` — {escape(what)}" for cmd, what in HELP)
    who = (f"You are *{escape(asker.person.name)}* ({escape(asker.person.title)})." if asker.person
           else "Your Slack account is not in govbot's roles directory, so you can look things up but not act.")
    blocks = [bk.header(f"govbot — {deps.config.council}"), bk.section(rows), bk.context(who,
              "Share a report or minutes file with me in a DM to add it to the register (governance officers).")]
    return Reply("govbot commands: " + ", ".join(cmd.split()[0] for cmd, _ in HELP), blocks)


COMMANDS: dict[str, Callable[[Deps, Asker, str], Outcome]] = {"help": help_reply}


def command(name: str, *aliases: str):
    def register(fn):
        for word in (name, *aliases):
            COMMANDS[word] = fn
        return fn
    return register


def run_command(deps: Deps, user_id: str, text: str, person: Optional[Person] = None) -> Outcome:
    words = (text or "").strip().split(maxsplit=1)
    verb = words[0].lower() if words else "help"
    rest = words[1].strip() if len(words) > 1 else ""
    asker = Asker(user_id, person or deps.person(user_id))
    handler = COMMANDS.get(verb)
    if handler is None:
        return Reply(f"I don't know `{escape(verb)}`. Try `/govbot help`.")
    try:
        return handler(deps, asker, rest)
    except CommandError as exc:
        return Reply(escape(str(exc)))


# the commands over the register, records and timelines register themselves on import
from govbot.slack import handlers, interactions  # noqa: E402,F401

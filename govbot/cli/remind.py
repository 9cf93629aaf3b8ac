"""`govbot remind`: run the reminder dispatcher, preview who would get what, read the log.

Thin over govbot.service.reminders and govbot.reminders.runner.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from govbot.cli.app import app
from govbot.cli.common import as_of_date, fail, open_register
from govbot.config import load_config
from govbot.reminders.message import london_clock

remind_app = typer.Typer(help="Reminders: digests, deadline nudges, escalations, weekly summary.", no_args_is_help=True)
app.add_typer(remind_app, name="remind")








@remind_app.command("run")
def run(
    interval: float = typer.Option(60.0, help="Seconds between looks at the reminder table."),
    once: bool = typer.Option(False, "--once", help="Dispatch what is due now, then exit."),
    name: Optional[str] = typer.Option(None, help="This dispatcher's name in the lease (default host:pid)."),
) -> None:
    """Send reminders as they fall due (Slack DMs and email), each exactly once."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = load_config()
    if once:
        from govbot.service.reminders import make_dispatcher

        dispatcher = make_dispatcher(config, store=open_register(config), name=name)
        try:
            typer.echo(dispatcher.dispatch_due().line())
        finally:
            dispatcher.close()
            dispatcher.store.dispose()
        return
    from govbot.reminders.runner import run_reminders

    open_register(config).dispose()  # fail fast, with one line, if the database cannot be opened
    typer.echo(f"govbot: reminders every {interval:g} s (Ctrl-C to stop)")
    run_reminders(config, interval_seconds=interval, name=name)


@remind_app.command("preview")
def preview(
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The day to preview (YYYY-MM-DD); default today in London."),
    person: Optional[str] = typer.Option(None, "--person", help="Only this person: role title, name, email or Slack id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    full: bool = typer.Option(False, "--full", help="Print each message's text as email would carry it."),
) -> None:
    """Who would get what on a day, and when. Sends nothing and records nothing."""
    from govbot.reminders.message import email_text
    from govbot.service.reminders import ReminderError, preview as plan_preview

    config = load_config()
    day = as_of_date(as_of, "--as-of")
    store = open_register(config)
    try:
        planned = plan_preview(store, config, day, person)
    except ReminderError as exc:
        fail(str(exc))
    finally:
        store.dispose()
    if as_json:
        typer.echo(json.dumps([dict(when=p.due_at.isoformat(), person=p.person, channel=p.channel, address=p.address,
                                    kind=p.kind, subject=p.subject, deadline=p.deadline.isoformat(), lead=p.lead,
                                    message=p.message.to_json()) for p in planned], indent=2, ensure_ascii=False))
        return
    console = Console()
    print_preview(console, planned, day, person)
    if full:
        for p in planned:
            console.rule(f"{escape(p.person)} · {p.channel} · {escape(p.title)}")
            console.print(escape(email_text(p.message)), highlight=False)


def print_preview(console: Console, planned, day: dt.date, person: Optional[str] = None) -> None:
    who = f" for {person}" if person else ""
    if not planned:
        console.print(f"No reminders on {day:%a %d %b %Y}{escape(who)}.")
        return
    table = Table(title=f"Reminders on {day:%a %d %b %Y}{escape(who)} (preview: nothing is sent)", show_lines=False)
    for column in ("when (London)", "to", "by", "kind", "what", "items"):
        table.add_column(column)
    for p in planned:
        table.add_row(london_clock(p.due_at)[-5:], escape(p.person), f"{p.channel} {escape(p.address)}",
                      p.kind + (f" {p.lead}d" if p.kind == "lead" else ""), escape(p.title), str(len(p.message.entries)))
    console.print(table)


@remind_app.command("log")
def log_(
    state: Optional[str] = typer.Option(None, help="planned, claimed, sent, failed or skipped."),
    since: Optional[str] = typer.Option(None, help="Deadlines on or after this day (YYYY-MM-DD)."),
    limit: int = typer.Option(50, help="How many to show, newest first."),
) -> None:
    """What the dispatcher planned, sent, retried, gave up on or skipped, and why."""
    from govbot.service.reminders import reminder_log

    config = load_config()
    store = open_register(config)
    try:
        rows = reminder_log(store, state=state, since=as_of_date(since, "--since") if since else None, limit=limit)
    finally:
        store.dispose()
    table = Table(title="Reminder log")
    for column in ("due (London)", "to", "channel", "kind", "what", "state", "tries", "note"):
        table.add_column(column)
    for r in rows:
        note = r.skipped_reason or r.last_error or r.message_id or ""
        table.add_row(london_clock(r.due_at.replace(tzinfo=r.due_at.tzinfo or dt.timezone.utc)), escape(r.person), r.channel,
                      r.kind, escape(r.title), r.state, str(r.attempts), escape(note))
    Console().print(table)

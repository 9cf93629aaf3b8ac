"""`govbot serve` (the Slack app) and `govbot ask` (its commands, offline)."""
from __future__ import annotations

import datetime as dt
import logging
import signal
from pathlib import Path
from typing import Optional

import typer

from govbot.cli.app import app
from govbot.cli.common import fail
from govbot.config import load_config




def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (HTTP mode)."),
    port: int = typer.Option(3000, help="Port to listen on (HTTP mode)."),
    socket: bool = typer.Option(False, "--socket", help="Use Socket Mode (SLACK_APP_TOKEN) instead of HTTP."),
    offline: bool = typer.Option(False, "--offline", help="Do not check the bot token with Slack at start-up."),
    reminders: bool = typer.Option(True, "--reminders/--no-reminders",
                                   help="Also send scheduled reminders (as `govbot remind run` does)."),
) -> None:
    """Run the Slack app: /govbot commands, buttons and App Home at /slack/events."""
    from govbot.slack.app import SlackSetupError, build_app
    from govbot.slack.server import PATH, http_server, socket_mode_handler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config()
        slack_app = build_app(config, offline=offline, socket_mode=socket)
    except SlackSetupError as exc:
        fail(str(exc))
    jobs = slack_app.govbot_deps.jobs
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop: finish like Ctrl-C
    scheduler = _start_reminders(config) if reminders else None
    try:
        if socket:
            try:
                handler = socket_mode_handler(slack_app)
            except ValueError as exc:
                fail(str(exc))
            typer.echo("govbot: Socket Mode, connecting to Slack")
            handler.start()
        else:
            server = http_server(slack_app, host, port)
            typer.echo(f"govbot: listening on http://{host}:{server.server_port}{PATH}")
            server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        jobs.shutdown(wait=False)
        if scheduler:
            scheduler.shutdown(wait=False)  # gives up the reminder lease at once


def _start_reminders(config):
    """APScheduler only drives the clock; the reminder table is the schedule (see govbot.reminders)."""
    from apscheduler.schedulers.background import BackgroundScheduler

    from govbot.reminders.runner import start_reminders

    scheduler = BackgroundScheduler(timezone="UTC")
    start_reminders(config, scheduler)
    scheduler.start()
    return scheduler


@app.command()
def ask(
    line: str = typer.Argument(..., help='The command as typed in Slack, e.g. "/govbot actions overdue".'),
    who: Optional[str] = typer.Option(None, "--as", help="Who is asking: Slack id, name, email or role title."),
    today: Optional[str] = typer.Option(None, help="Status as of this date (YYYY-MM-DD); default today in London."),
    out: Path = typer.Option(Path("."), "--out", help="Where files (charts, drafts) are written."),
) -> None:
    """Run a /govbot command offline and print the reply as text."""
    from govbot.slack.ask import AskError, ask as run_ask

    try:
        as_of = dt.date.fromisoformat(today) if today else None
    except ValueError:
        fail(f"--today {today}: not a date (YYYY-MM-DD)")
    try:
        typer.echo(run_ask(load_config(), line, who=who, today=as_of, out_dir=out), nl=False)
    except AskError as exc:
        fail(str(exc))

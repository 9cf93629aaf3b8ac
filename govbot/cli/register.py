"""The register's commands: ingest, edit, actions, obligations, done, waive, milestone done,
search. Thin over govbot.service.register; statuses are as of --as-of (default: today in
Europe/London)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from govbot.cli.app import app
from govbot.cli.common import as_of_date, fail, open_register
from govbot.config import load_config
from govbot.service import register

milestone_app = typer.Typer(help="Appendix A milestones.", no_args_is_help=True)
app.add_typer(milestone_app, name="milestone")

STATUS_STYLE = {"overdue": "bold red", "lapsed": "red", "late": "red", "due soon": "yellow", "awaiting condition": "yellow",
                "ready": "green", "done": "green", "published": "green", "waived": "dim", "signed": "cyan",
                "record drafted": "cyan", "in progress": "cyan"}


DEFAULT_LIMIT = 100  # a screenful of a large register; --limit 0 lists everything


def _more(rows: list, limit: int) -> None:
    if limit and len(rows) >= limit:
        Console().print(f"[dim]first {limit} shown; --limit 0 shows all[/dim]")


class Output(str, Enum):
    text = "text"
    json = "json"








def _who(who: Optional[str]) -> str:
    return who or getpass.getuser()


def _json(rows) -> str:
    return json.dumps([dataclasses.asdict(r) for r in rows], indent=2, ensure_ascii=False, default=str)


def _status(s: str) -> str:
    return f"[{STATUS_STYLE.get(s, '')}]{escape(s)}[/]" if STATUS_STYLE.get(s) else escape(s)


def _where(w) -> str:
    minute = f"min. {w.minute}" if w.minute else ""
    parts = [x for x in (w.body, w.meeting_date and w.meeting_date.isoformat(), minute, w.report_ref) if x]
    return escape(" · ".join(parts))


def print_actions(console: Console, rows: list, today: dt.date) -> None:
    """Delegated actions as a table: who may act, the power and condition, status and why."""
    table = Table("id", "decided", "delegates", "power", "status", title=f"Delegated actions as of {today.isoformat()}",
                  show_lines=True, expand=True)
    for r in rows:
        who = "; ".join(f"{d} ({p})" if p else f"{d} [red](unknown title)[/]" for d, p in zip(map(escape, r.delegates), r.people))
        if r.consultees:
            who += "\n[dim]consulting " + escape("; ".join(r.consultees)) + "[/]"
        power = escape(r.power) + (f"\n[dim]condition: {escape(r.condition)}[/]" if r.condition else "")
        table.add_row(r.id, _where(r.where) + (f" ({r.resolution_label})" if r.resolution_label else ""), who, power,
                      _status(str(r.status)) + f"\n[dim]{escape(r.why)}[/]")
    console.print(table if rows else "[dim]No delegated actions match.[/dim]")


def print_obligations(console: Console, rows: list, today: dt.date) -> None:
    """Obligations as a table: what, when due, status and why."""
    table = Table("id", "decided", "kind", "obligation", "due", "status", title=f"Obligations as of {today.isoformat()}",
                  show_lines=True, expand=True)
    for r in rows:
        table.add_row(r.id, _where(r.where), r.kind.replace("_", " "), escape(r.text), r.due or "—",
                      _status(str(r.status)) + f"\n[dim]{escape(r.why)}[/]")
    console.print(table if rows else "[dim]No obligations match.[/dim]")


@app.command()
def ingest(files: List[Path] = typer.Argument(..., help="Minutes or reports to parse and store.")) -> None:
    """Parse files and store them in the register (same bytes again: unchanged)."""
    config = load_config()
    store = open_register(config)
    failed = 0
    for path in files:
        result = register.ingest_path(store, config, path)
        failed += not result.ok
        style = "red" if not result.ok else ("dim" if result.status == "unchanged" else "green")
        Console().print(f"[{style}]{escape(result.line())}[/]", highlight=False, soft_wrap=True)
    store.dispose()
    if failed:
        raise typer.Exit(code=1)


@app.command()
def edit(
    entity_id: str = typer.Argument(..., metavar="ID", help="Id shown by actions/obligations (A…, O…, R…, M…, I…)."),
    field: str = typer.Argument(..., help="Field to correct, e.g. power, condition, delegates, due, text."),
    value: str = typer.Argument(..., help="New value; lists separated by ';', 'none' to clear."),
    who: str = typer.Option(..., "--as", help="Who is making the correction (kept with it)."),
) -> None:
    """Correct a parsed value; the correction is kept and survives every re-parse."""
    config = load_config()
    store = open_register(config)
    try:
        done = register.edit(store, entity_id, field, value, who, config=config)
    except register.RegisterError as exc:
        fail(str(exc))
    Console().print(f"{done.entity} {done.entity_id}: {done.field} corrected by {escape(done.who)} "
                    f"(was {escape(repr(done.previous))})", highlight=False)


@app.command()
def actions(
    owner: Optional[str] = typer.Option(None, "--owner", help="Role title or person (via the roles directory)."),
    status: Optional[str] = typer.Option(None, "--status", help="e.g. ready, 'awaiting condition', lapsed (comma separated)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date to judge status on (default today)."),
    format: Output = typer.Option(Output.text, "--format", "-f"),
    limit: int = typer.Option(DEFAULT_LIMIT, "--limit", "-n", help="Most rows to show (0: all)."),
) -> None:
    """Delegated actions: who may act, on whose advice, and whether they can act yet."""
    config, today = load_config(), as_of_date(as_of)
    rows = register.actions(open_register(config), today=today, owner=owner, status=status, config=config, limit=limit or None)
    if format is Output.json:
        typer.echo(_json(rows))
        return
    print_actions(Console(), rows, today)
    _more(rows, limit)


@app.command()
def obligations(
    status: Optional[str] = typer.Option(None, "--status", help="open, 'due soon', overdue, done, waived (comma separated)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date to judge status on (default today)."),
    format: Output = typer.Option(Output.text, "--format", "-f"),
    limit: int = typer.Option(DEFAULT_LIMIT, "--limit", "-n", help="Most rows to show (0: all)."),
) -> None:
    """Obligations: impact assessments, reports back, consultations... and whether they are late."""
    config, today = load_config(), as_of_date(as_of)
    rows = register.obligations(open_register(config), today=today, status=status, config=config, limit=limit or None)
    if format is Output.json:
        typer.echo(_json(rows))
        return
    print_obligations(Console(), rows, today)
    _more(rows, limit)


@app.command()
def done(
    obligation_id: str = typer.Argument(..., metavar="OBLIGATION_ID"),
    evidence: str = typer.Option(..., "--evidence", help="A note or a link showing it was done."),
    on: Optional[str] = typer.Option(None, "--on", help="Date it was done (default today)."),
    who: Optional[str] = typer.Option(None, "--as", help="Who says so (default: your login name)."),
) -> None:
    """Mark an obligation done, with evidence."""
    config = load_config()
    try:
        row = register.mark_done(open_register(config), obligation_id, evidence, _who(who), as_of_date(on))
    except register.RegisterError as exc:
        fail(str(exc))
    Console().print(f"{row.id}: {_status(str(row.status))} — {escape(row.why)}", highlight=False)


@app.command()
def waive(
    obligation_id: str = typer.Argument(..., metavar="OBLIGATION_ID"),
    reason: str = typer.Option(..., "--reason", help="Why it no longer needs doing."),
    on: Optional[str] = typer.Option(None, "--on", help="Date of the waiver (default today)."),
    who: Optional[str] = typer.Option(None, "--as", help="Who waives it (default: your login name)."),
) -> None:
    """Waive an obligation: the reason and who waived it are kept."""
    config = load_config()
    try:
        row = register.waive(open_register(config), obligation_id, reason, _who(who), as_of_date(on))
    except register.RegisterError as exc:
        fail(str(exc))
    Console().print(f"{row.id}: {_status(str(row.status))} — {escape(row.why)}", highlight=False)


@milestone_app.command("done")
def milestone_done(
    milestone_id: str = typer.Argument(..., metavar="ID"),
    on: Optional[str] = typer.Option(None, "--on", help="Date it was completed (default today)."),
    who: Optional[str] = typer.Option(None, "--as", help="Who says so (default: your login name)."),
) -> None:
    """Mark a milestone done (conditions waiting for it are then met)."""
    config = load_config()
    try:
        row = register.milestone_done(open_register(config), milestone_id, as_of_date(on), _who(who))
    except register.RegisterError as exc:
        fail(str(exc))
    Console().print(f"{row.id} {escape(row.name)}: {_status(str(row.status))} — {escape(row.why)}", highlight=False)


@app.command()
def search(
    words: List[str] = typer.Argument(..., metavar="TEXT", help="Words to find in resolutions."),
    limit: int = typer.Option(20, "--limit", "-n"),
    format: Output = typer.Option(Output.text, "--format", "-f"),
) -> None:
    """Full-text search over resolutions."""
    config = load_config()
    rows = register.search(open_register(config), " ".join(words), limit=limit)
    if format is Output.json:
        typer.echo(_json(rows))
        return
    table = Table("id", "decided", "clause", "resolution", expand=True, show_lines=True)
    for r in rows:
        table.add_row(r.id, _where(r.where), r.label or "—", escape(r.text))
    Console().print(table if rows else "[dim]Nothing found.[/dim]")

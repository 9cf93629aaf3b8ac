"""`govbot timeline REF` and `govbot timeline import REF FILE`: a report's Appendix A
timeline with each milestone's status, as text, JSON, a Gantt PNG and an ICS file.
Thin over govbot.service.timeline."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from govbot.cli.app import app
from govbot.cli.common import as_of_date, fail, open_register
from govbot.cli.register import Output, _status, _who
from govbot.config import load_config
from govbot.service import timeline as service

USAGE = "give REF (e.g. CS/25/07), or: govbot timeline import REF FILE.csv|yaml"


@app.command(help="A report's Appendix A timeline with each milestone's status as of --as-of.\n\n"
                  "  govbot timeline REF [--as-of DATE] [--format text|json] [--png FILE] [--ics FILE]\n\n"
                  "  govbot timeline import REF FILE.csv|yaml   (columns name,start,end,owner)")
def timeline(
    args: List[str] = typer.Argument(..., metavar="REF | import REF FILE", help="Report reference, e.g. CS/25/07."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date to judge status on (YYYY-MM-DD); default today."),
    fmt: Output = typer.Option(Output.text, "--format", help="text or json."),
    png: Optional[Path] = typer.Option(None, "--png", help="Write the Gantt chart here."),
    ics: Optional[Path] = typer.Option(None, "--ics", help="Write the deadlines as an iCalendar file here."),
    who: Optional[str] = typer.Option(None, "--who", help="Who is importing (default: your login)."),
) -> None:
    config = load_config()
    store = open_register(config)
    now = dt.datetime.now(dt.timezone.utc)
    try:
        if args[0] == "import":
            if len(args) != 3:
                fail(f"timeline import takes REF and FILE; {USAGE}")
            result = service.import_timeline(store, args[1], Path(args[2]), who=_who(who), now=now)
            Console().print(escape(result.line()), highlight=False)
            return
        if len(args) != 1:
            fail(f"one report reference at a time; {USAGE}")
        view = service.timeline(store, args[0], today=as_of_date(as_of), config=config)
    except service.TimelineError as exc:
        fail(str(exc))
    finally:
        store.dispose()
    if fmt == Output.json:
        typer.echo(json.dumps(view.to_json(), indent=2, ensure_ascii=False))
    else:
        print_timeline(Console(), view)
    _write_files(view, png, ics, now)


def _write_files(view, png: Optional[Path], ics: Optional[Path], now: dt.datetime) -> None:
    err = Console(stderr=True)
    try:
        if png:
            service.write_png(view, png)
            err.print(f"wrote {escape(str(png))}", highlight=False)
        if ics:
            Path(ics).write_bytes(service.ics_bytes(view, now=now))
            err.print(f"wrote {escape(str(ics))}", highlight=False)
    except OSError as exc:
        fail(f"cannot write {exc.filename}: {exc.strerror}")


def print_timeline(console: Console, view) -> None:
    """The timeline as a table, then what hangs off each milestone."""
    table = Table(title=f"{view.ref}: Appendix A timeline as of {view.today:%d %B %Y}", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("milestone", min_width=24, overflow="fold")
    table.add_column("start", no_wrap=True)
    table.add_column("end", no_wrap=True)
    table.add_column("status", overflow="fold")
    for m in view.milestones:  # the reason sits under the name so the table fits 80 columns
        table.add_row(m.id, f"{escape(m.name)}\n[dim]{escape(m.why)}[/dim]", _d(m.start), _d(m.end),
                      _status(str(m.status)))
    console.print(table)
    for m in view.milestones:
        for h in (h for h in view.hanging if h.milestone_id == m.id):
            kind = "waits for it" if h.kind == "delegation" else "tied to it"
            console.print(f"  [bold]{escape(m.name)}[/bold] ← {h.kind} {h.id} {kind}: {escape(h.label)} "
                          f"[{_status(str(h.status))}]  [dim]({escape(h.how)})[/dim]", highlight=False)


def _d(d: Optional[dt.date]) -> str:
    return d.isoformat() if d else "–"

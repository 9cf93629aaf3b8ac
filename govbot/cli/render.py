"""Readable terminal views (rich) of parsed documents, shared by `parse` and the demo."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from govbot.domain import Item, ParsedDocument


def print_parsed(console: Console, parsed: ParsedDocument, source: Optional[Path] = None) -> None:
    heading = " · ".join(x for x in (parsed.body, parsed.meeting_date, parsed.source_format) if x)
    console.rule(f"[bold]{escape(str(source or parsed.id or 'document'))}[/bold]  {escape(heading)}")
    for note in parsed.notes:
        console.print(f"[yellow]note[/yellow]: {escape(note)}")
    if not parsed.items:
        console.print("[dim]No decisions found.[/dim]")
    for item in parsed.items:
        _print_item(console, item)


def _print_item(console: Console, item: Item) -> None:
    title = " ".join(x for x in (item.number, item.title) if x) or "(untitled item)"
    if item.report_ref:
        title += f"  [report {item.report_ref}]"
    console.print(f"\n[bold cyan]{escape(title)}[/bold cyan]" + ("  [red](text cut off)[/red]" if item.incomplete else ""))
    if item.mover or item.seconder:
        console.print(f"  moved by {escape(item.mover or '?')}, seconded by {escape(item.seconder or '?')}")
    if item.attendees:
        console.print(f"  attended and spoke: {escape(', '.join(item.attendees))}")
    if item.resolutions:
        table = Table("clause", "resolution", "kinds", show_lines=False, expand=True)
        for r in item.resolutions:
            table.add_row(r.label or "-", escape(r.text), ", ".join(map(str, r.kinds)))
        console.print(table)
    for d in item.delegations:
        body = (
            f"[bold]delegates[/bold]: {escape('; '.join(d.delegates))}\n"
            f"[bold]consultees[/bold]: {escape('; '.join(d.consultees) or '—')}\n"
            f"[bold]power[/bold]: {escape(d.power)}\n"
            f"[bold]condition[/bold]: {escape(d.condition or '—')}"
        )
        console.print(Panel(body, title=f"delegation (clause {d.resolution_label or '-'})", expand=True))
    for o in item.obligations:
        due = f" [bold]due {o.due}[/bold]" if o.due else ""
        console.print(f"  [magenta]{o.kind}[/magenta]{due}: {escape(o.text)}")
    if item.legislation:
        console.print("  legislation: " + escape("; ".join(c.text for c in item.legislation)))
    for d in item.dates:
        console.print(f"  date {d.date}: {escape(d.purpose or d.text)}")

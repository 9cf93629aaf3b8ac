"""Decision record commands: draft, record confirm|sign|publish|withdraw|amend|show|render,
audit verify, publish-register. Thin over govbot.service.records."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
import yaml
from rich.console import Console
from rich.markup import escape

from govbot.cli.app import app
from govbot.cli.common import as_of_date, fail
from govbot.config import load_config
from govbot.records.render import TemplateProblem, show
from govbot.store.db import open_store

record_app = typer.Typer(help="Officer decision records: confirm, sign, publish, amend, withdraw, show.",
                         no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log of decision records.", no_args_is_help=True)
app.add_typer(record_app, name="record")
app.add_typer(audit_app, name="audit")

AS = typer.Option(..., "--as", help="Who is acting: a name, role title, email or Slack id from config.yaml.")
AS_OF = typer.Option(None, "--as-of", help="Today's date for this step (YYYY-MM-DD; default today, UK).")






def _run(step):
    """Call the service; refusals and bad requests become one clear error, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from govbot.service import records as svc

    try:
        return step(svc)
    except svc.RecordRefused as refused:
        fail(f"cannot {refused.action} this record:", refused.problems)
    except (svc.RecordError, TemplateProblem) as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"database error: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")


def _context():
    config = load_config()
    try:
        return config, open_store(config)
    except Exception as exc:  # unreachable database, bad URL: one line
        fail(f"cannot open the register at {config.database_url.split('@')[-1]}: {str(exc).splitlines()[0]}")


def print_record(console: Console, view) -> None:
    """A record in a few lines: state, decision makers, condition (met or not, as of), consultees, gaps."""
    rec = view.record
    console.print(f"[bold]{escape(view.id)}[/bold] {escape(show(rec.title))}", highlight=False)
    console.print(f"  state: {escape(view.state)} (version {view.version}); action {escape(view.delegation_id)}",
                  highlight=False)
    console.print(f"  decision makers: {escape(', '.join(rec.delegate_names()) or 'none')}", highlight=False)
    if rec.condition is not None:
        met = {True: "[green]met[/green]", False: "[red]not met[/red]", None: "[yellow]unknown[/yellow]"}[rec.condition.met]
        as_of = f" as of {rec.condition.as_of.isoformat()}" if rec.condition.as_of else ""
        ends = f", planned to finish {rec.condition.milestone_end.isoformat()}" if rec.condition.milestone_end else ""
        milestone = f" (milestone: {escape(rec.condition.milestone)}{ends})" if rec.condition.milestone else ""
        console.print(f"  condition: {escape(rec.condition.text)}{milestone}: {met}{as_of}", highlight=False)
        if rec.condition.override_reason:
            console.print(f"  override: {escape(rec.condition.override_reason)}", highlight=False)
    for c in rec.consultation:
        state = "confirmed" if c.confirmed_at else "not yet confirmed"
        console.print(f"  consultee: {escape(c.name)} ({escape(c.post)}): {state}", highlight=False)
    if rec.impact_assessment:
        console.print(f"  impact assessment: {escape(rec.impact_assessment.text)}: "
                      f"{escape(rec.impact_assessment.status or '')}", highlight=False)
    todo = rec.todo_fields()
    if todo:
        console.print(f"  [yellow]to complete[/yellow]: {escape(', '.join(todo))}", highlight=False)
    for note in view.notes:
        console.print(f"  [yellow]note[/yellow]: {escape(note)}", highlight=False)


def _write(console: Console, config, view, out: Optional[Path], markdown: bool, pdf: bool) -> None:
    from govbot.service import records as svc

    target = out or Path(f"decision_record_{view.id}.docx")
    rendered = _run(lambda s: svc.render_record(view, config, target, markdown=markdown, pdf=pdf))
    for path in rendered.paths:
        console.print(f"[green]wrote[/green] {escape(str(path))}", highlight=False)
    for note in rendered.notes:
        console.print(f"[yellow]{escape(note)}[/yellow]", highlight=False)


@app.command()
def draft(
    action_id: str = typer.Argument(..., help="The delegated action's id (see `govbot actions`)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Word file to write (default decision_record_<ID>.docx)."),
    markdown: bool = typer.Option(False, "--markdown", help="Also write Markdown beside the Word file."),
    pdf: bool = typer.Option(False, "--pdf", help="Also write PDF (needs LibreOffice)."),
    who: Optional[str] = typer.Option(None, "--as", help="The governance officer drafting (default: the first in config)."),
    as_of: Optional[str] = AS_OF,
) -> None:
    """Draft the officer decision record for a delegated action, filled from the register."""
    config, store = _context()
    view = _run(lambda s: s.draft_record(store, config, action_id, as_of_date(as_of), as_person=who))
    console = Console()
    print_record(console, view)
    _write(console, config, view, out, markdown, pdf)


@record_app.command("confirm")
def confirm_cmd(record_id: str, who: str = AS, response: Optional[str] = typer.Option(None, help="The consultee's response."),
                consulted_on: Optional[str] = typer.Option(None, help="Date consulted (YYYY-MM-DD)."),
                as_of: Optional[str] = AS_OF) -> None:
    """A consultee confirms the consultation (and their response)."""
    config, store = _context()
    on = as_of_date(consulted_on, "--consulted-on") if consulted_on else None
    view = _run(lambda s: s.confirm(store, config, record_id, who, as_of_date(as_of), response=response, consulted_on=on))
    print_record(Console(), view)


@record_app.command("sign")
def sign_cmd(record_id: str, who: str = AS, as_of: Optional[str] = AS_OF) -> None:
    """A decision maker signs the record (every legal check must pass)."""
    config, store = _context()
    print_record(Console(), _run(lambda s: s.sign(store, config, record_id, who, as_of_date(as_of))))


@record_app.command("publish")
def publish_cmd(record_id: str, who: str = AS, as_of: Optional[str] = AS_OF) -> None:
    """A governance officer publishes a signed record (effective from after call-in)."""
    config, store = _context()
    view = _run(lambda s: s.publish(store, config, record_id, who, as_of_date(as_of)))
    console = Console()
    print_record(console, view)
    console.print(f"  published {view.record.publication_date}; effective from {view.record.effective_from}", highlight=False)


@record_app.command("withdraw")
def withdraw_cmd(record_id: str, who: str = AS, reason: str = typer.Option(..., help="Why it is withdrawn."),
                 as_of: Optional[str] = AS_OF) -> None:
    """Withdraw a record (kept, with the reason, in its history and the register)."""
    config, store = _context()
    print_record(Console(), _run(lambda s: s.withdraw(store, config, record_id, who, as_of_date(as_of), reason=reason)))


@record_app.command("amend")
def amend_cmd(record_id: str, who: str = AS,
              sets: List[str] = typer.Option([], "--set", help="FIELD=VALUE, e.g. reasons='...' or conflicts=none."),
              file: Optional[Path] = typer.Option(None, "--file", help="YAML mapping of FIELD: VALUE."),
              as_of: Optional[str] = AS_OF) -> None:
    """Fill in or change fields: a new version, back to drafted (confirmations and signature cleared)."""
    changes: dict = {}
    if file:
        try:
            loaded = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            fail(f"{file}: cannot read it: {str(exc).splitlines()[0]}")
        if not isinstance(loaded, dict):
            fail(f"{file}: expected a mapping of FIELD: VALUE")
        changes.update(loaded)
    for item in sets:
        if "=" not in item:
            fail(f"--set {item!r}: expected FIELD=VALUE")
        key, value = item.split("=", 1)
        changes[key.strip()] = value
    if not changes:
        fail("nothing to change: give --set FIELD=VALUE or --file CHANGES.yaml")
    config, store = _context()
    print_record(Console(), _run(lambda s: s.amend(store, config, record_id, changes, who, as_of_date(as_of))))


@record_app.command("show")
def show_cmd(record_id: str, json_out: bool = typer.Option(False, "--json", help="The record and its history as JSON."),
             markdown: bool = typer.Option(False, "--markdown", help="Print the record as Markdown.")) -> None:
    """Show a record: summary, versions and audit trail."""
    from govbot.records.render import render_markdown

    config, store = _context()
    view = _run(lambda s: s.get_record(store, record_id))
    versions = _run(lambda s: s.history(store, record_id))
    if json_out:
        typer.echo(json.dumps({"id": view.id, "state": view.state, "version": view.version, "digest": view.digest,
                               "record": view.record.model_dump(mode="json"), "history": versions},
                              indent=2, ensure_ascii=False))
        return
    if markdown:
        typer.echo(render_markdown(view.record, council=config.council,
                                   call_in_days=config.statutory.call_in_working_days))
        return
    console = Console()
    print_record(console, view)
    for v in versions:
        console.print(f"  v{v['version']} {escape(v['at'])} {escape(v['action'])} by {escape(v['by'])} -> "
                      f"{escape(v['state'])}", highlight=False)


@record_app.command("render")
def render_cmd(record_id: str, out: Optional[Path] = typer.Option(None, "--out", "-o"),
               markdown: bool = typer.Option(False, "--markdown"), pdf: bool = typer.Option(False, "--pdf")) -> None:
    """Write a stored record as Word (and Markdown, PDF)."""
    config, store = _context()
    view = _run(lambda s: s.get_record(store, record_id))
    _write(Console(), config, view, out, markdown, pdf)


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain: any altered, reordered or deleted entry is named."""
    config, store = _context()
    count, problems = _run(lambda s: s.verify_audit(store))
    if problems:
        fail(f"the audit log has been tampered with ({len(problems)} problem(s) in {count} entries):",
              [str(p) for p in problems])
    Console().print(f"[green]audit log intact[/green]: {count} entries, hash chain and checkpoint verified", highlight=False)


@app.command("publish-register")
def publish_register_cmd(out: Optional[Path] = typer.Option(None, "--out", help="Folder (default: config records.publish_dir)."),
                         as_of: Optional[str] = AS_OF) -> None:
    """Write the public register of published records: index.html, register.csv, register.json."""
    config, store = _context()
    files = _run(lambda s: s.publish_register(store, config, out, today=as_of_date(as_of)))
    console = Console()
    late = sum(1 for e in files.entries if e.late)
    console.print(f"{len(files.entries)} published record(s), {late} late", highlight=False)
    for path in (files.html, files.csv, files.json):
        console.print(f"[green]wrote[/green] {escape(str(path))}", highlight=False)
    for path in files.confidential:
        console.print(f"[yellow]confidential (do not publish)[/yellow]: {escape(str(path))}", highlight=False)

"""`make demo`: govbot's main job, end to end, on the project's own sample documents.

Each step prints what a governance officer would look at. Output files go to demo-output/.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console

from govbot.cli.render import print_parsed
from govbot.config import PROJECT_ROOT, load_config
from govbot.service import parse_path

SAMPLES = PROJECT_ROOT / "samples"
OUT = PROJECT_ROOT / "demo-output"
MINUTES = SAMPLES / "cabinet_minutes_2025-03-12.txt"
REPORT = SAMPLES / "cabinet_report_CS-25-07.docx"
REGISTER = OUT / "govbot.sqlite"  # made afresh by step_register; the later steps read it


def _open_register():
    from govbot.store.db import open_store

    return open_store(url=f"sqlite:///{REGISTER}")


def step_parse(console: Console, today: dt.date) -> None:
    """Parse the sample Cabinet minutes and show what was decided; write the JSON."""
    parsed = parse_path(MINUTES, load_config())
    print_parsed(console, parsed, source=MINUTES.relative_to(PROJECT_ROOT))
    target = OUT / f"{MINUTES.stem}.json"
    target.write_text(parsed.model_dump_json(indent=2), encoding="utf-8")
    console.print(f"\n[green]wrote[/green] {target.relative_to(PROJECT_ROOT)}")


def step_clock(console: Console, today: dt.date) -> None:
    """Who holds each post, and the statutory clock for a decision taken today."""
    from govbot.roles import RolesDirectory
    from govbot.tracker.calendar import clear_days_before, effective_from, record_due

    config = load_config()
    roles = RolesDirectory.from_config(config)
    for title in ("Director of Children's Services", "the Council's S.151 Officer", "the relevant Executive Director"):
        person = roles.resolve(title)
        console.print(f"{title!r} -> " + (f"{person.name} ({person.title})" if person else roles.unresolved_reason(title)))
    law = config.statutory
    console.print(f"A decision taken {today}: record due by {record_due(today, law.record_publication_working_days)}; "
                  f"if published today, effective from {effective_from(today, law.call_in_working_days)} "
                  f"({law.call_in_working_days} working days' call-in, bank holidays skipped).")
    key_on = today + dt.timedelta(weeks=6)
    console.print(f"A key decision on {key_on} needs its notice published by "
                  f"{clear_days_before(key_on, law.key_decision_notice_clear_days)} "
                  f"({law.key_decision_notice_clear_days} clear days).")


def step_register(console: Console, today: dt.date) -> None:
    """The decision register: ingest the sample minutes and report into a fresh SQLite file; actions and obligations as of today."""
    from govbot.cli.register import print_actions, print_obligations
    from govbot.service import register

    for old in (REGISTER, OUT / "govbot.sqlite-wal", OUT / "govbot.sqlite-shm"):
        old.unlink(missing_ok=True)
    config, store = load_config(), _open_register()
    try:
        for path in (MINUTES, REPORT):
            if path.exists():
                console.print(f"$ govbot ingest {path.relative_to(PROJECT_ROOT)}", markup=False, highlight=False)
                console.print(register.ingest_path(store, config, path).line(), highlight=False)
        print_actions(console, register.actions(store, today=today, config=config), today)
        print_obligations(console, register.obligations(store, today=today, config=config), today)
    finally:
        store.dispose()
    console.print(f"[green]wrote[/green] {REGISTER.relative_to(PROJECT_ROOT)}")


def step_timeline(console: Console, today: dt.date) -> None:
    """Appendix A of report CS/25/07: each milestone's status today, what hangs off it, Gantt PNG and ICS."""
    from govbot.cli.timeline import print_timeline
    from govbot.service import timeline

    config, store = load_config(), _open_register()
    try:
        view = timeline.timeline(store, "CS/25/07", today=today, config=config)
    finally:
        store.dispose()
    print_timeline(console, view)
    png = timeline.write_png(view, OUT / "timeline_CS-25-07.png")
    ics = OUT / "deadlines_CS-25-07.ics"
    ics.write_bytes(timeline.ics_bytes(view, now=dt.datetime.now(dt.timezone.utc)))
    for target in (png, ics):
        console.print(f"[green]wrote[/green] {target.relative_to(PROJECT_ROOT)}")


def step_decision_record(console: Console, today: dt.date) -> None:
    """Draft the officer decision record for resolution (d) of minute 41: its condition as of today."""
    from govbot.cli.records import print_record
    from govbot.service import records, register

    config, store = load_config(), _open_register()
    try:
        found = [a for a in register.actions(store, today=today, config=config, report_ref="CS/25/07")
                 if a.resolution_label == "d"]
        if not found:
            console.print("[red]the delegation in resolution (d) of minute 41 is not in the register[/red]")
            return
        view = records.draft_record(store, config, found[0].id, today)
        print_record(console, view)
        out = records.render_record(view, config, OUT / f"decision_record_{view.id}.docx", markdown=True)
    finally:
        store.dispose()
    for path in out.paths:
        console.print(f"[green]wrote[/green] {path.relative_to(PROJECT_ROOT)}")


def step_slack(console: Console, today: dt.date) -> None:
    """Slack, offline: `/govbot actions overdue` asked as the Director of Children & Young People's Futures."""
    from govbot.slack.ask import ask

    config, store = load_config(), _open_register()
    who = "Director of Children & Young People's Futures"
    try:
        reply = ask(config, "/govbot actions overdue", who=who, today=today, out_dir=OUT, store=store)
    finally:
        store.dispose()
    console.print(f'$ govbot ask "/govbot actions overdue" --as "{who}"', markup=False, highlight=False)
    console.print(reply, markup=False, highlight=False, soft_wrap=True)


def step_reminders(console: Console, today: dt.date) -> None:
    """Reminders: who would hear what today, and when (a preview: nothing is sent)."""
    from govbot.cli.remind import print_preview
    from govbot.reminders.message import email_text
    from govbot.service import reminders

    config, store = load_config(), _open_register()
    try:
        planned = reminders.preview(store, config, today)
    finally:
        store.dispose()
    print_preview(console, planned, today)
    first = next((p for p in planned if p.channel == "email"), None)
    if first:
        console.rule(f"{first.person}: {first.title}", style="dim")
        console.print(email_text(first.message), markup=False, highlight=False)


STEPS = [step_parse, step_clock, step_register, step_timeline, step_decision_record, step_slack, step_reminders]


def main() -> None:
    console = Console()
    OUT.mkdir(exist_ok=True)
    today = dt.date.today()
    for step in STEPS:
        console.rule(f"[bold green]{(step.__doc__ or step.__name__).strip().splitlines()[0]}")
        step(console, today)


if __name__ == "__main__":
    main()

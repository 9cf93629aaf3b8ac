"""The public register of published decision records: a static HTML page, CSV and JSON.

Exempt detail is never written to the public folder: an exempt record is listed with the
paragraph of Schedule 12A it relies on, and its confidential appendix goes to a separate
folder beside it (`<out_dir>-confidential/`). Each record shows when it was due
("as soon as reasonably practicable": the council's working-day target) and whether it
was published late, and when it takes effect after the call-in period.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Optional

from jinja2 import TemplateError

from govbot.records.model import SCHEDULE_12A, DecisionRecord
from govbot.records.render import TEMPLATES, TemplateProblem, render_html, render_markdown, sandboxed_env, show, show_date
from govbot.tracker.status import record_publication_window

REGISTER_TEMPLATE = "publication_register.html.j2"
COLUMNS = ["reference", "title", "decision_makers", "decision_date", "decision", "authority", "key_decision",
           "exempt", "published_on", "publication_due", "late", "timeliness", "effective_from", "status", "page"]


@dataclass
class RegisterEntry:
    reference: str
    title: str
    decision_makers: str
    decision_date: str
    decision: str
    authority: str
    key_decision: str
    exempt: str
    published_on: str
    publication_due: str
    late: bool
    timeliness: str
    effective_from: str
    status: str
    page: str


@dataclass
class RegisterFiles:
    html: Path
    csv: Path
    json: Path
    pages: list[Path]
    confidential: list[Path]
    entries: list[RegisterEntry]


def _iso(value: Optional[dt.date]) -> str:
    return value.isoformat() if value else ""


def _entry(pub, record: DecisionRecord, config, today: dt.date) -> RegisterEntry:
    days = config.statutory.record_publication_working_days
    late, timeliness = False, "no decision date recorded"
    if pub.decision_on:
        window = record_publication_window(pub.decision_on, pub.published_on, today, days)
        late, timeliness = window.late, window.why
    auth = record.authority
    authority = ", ".join(p for p in (auth.body, show_date(auth.meeting_date),
                                      f"minute {auth.item_number}" if auth.item_number else "",
                                      f"resolution ({auth.clause_label})" if auth.clause_label else "") if p)
    exempt = "No"
    if pub.exempt_paragraph:
        exempt = (f"Yes: paragraph {pub.exempt_paragraph} of Part 1 of Schedule 12A to the Local Government "
                  "Act 1972; the exempt detail is withheld")
    status = "published"
    if pub.withdrawn_on:
        status = f"withdrawn on {pub.withdrawn_on.isoformat()}: {pub.withdrawn_reason or ''}".strip()
    key = record.key_decision
    return RegisterEntry(
        reference=pub.record_id, title=show(record.title),
        decision_makers="; ".join(f"{m.name}, {m.post}" for m in record.decision_makers),
        decision_date=_iso(pub.decision_on), decision=show(record.decision), authority=authority,
        key_decision=("Yes" + (f" ({show(record.forward_plan_ref)})" if record.forward_plan_ref else ""))
        if key is True else show(key),
        exempt=exempt, published_on=_iso(pub.published_on), publication_due=_iso(pub.publication_due),
        late=late, timeliness=timeliness, effective_from=_iso(pub.effective_from), status=status,
        page=f"records/{pub.record_id}.html")


def _latest(publications: Iterable) -> list:
    """One publication per record: the newest (a record amended and published again)."""
    latest = {}
    for pub in publications:
        latest[pub.record_id] = pub
    return sorted(latest.values(), key=lambda p: (p.published_on, p.record_id), reverse=True)


def confidential_appendix(record: DecisionRecord, paragraph: int) -> str:
    return (f"# Confidential appendix to officer decision record {record.reference}\n\n"
            f"NOT FOR PUBLICATION: exempt information by virtue of paragraph {paragraph} of Part 1 of "
            f"Schedule 12A to the Local Government Act 1972 ({SCHEDULE_12A[paragraph]}).\n\n"
            f"{show(record.title)}\n\n## Exempt detail\n\n{show(record.exempt_detail) or 'Not recorded.'}\n")


def write_register(publications: list, exempt: dict, config, out_dir: Path, today: dt.date) -> RegisterFiles:
    """`publications`: PublicationRow-like rows; `exempt`: publication pk -> the full record."""
    out_dir = Path(out_dir)
    secret_dir = out_dir.with_name(out_dir.name + "-confidential")
    (out_dir / "records").mkdir(parents=True, exist_ok=True)
    kwargs = dict(council=config.council, call_in_days=config.statutory.call_in_working_days)
    entries, pages, secrets = [], [], []
    for pub in _latest(publications):
        record = DecisionRecord.model_validate(pub.public_fields)
        entries.append(_entry(pub, record, config, today))
        for suffix, render in ((".html", render_html), (".md", render_markdown)):
            page = out_dir / "records" / f"{pub.record_id}{suffix}"
            page.write_text(render(record, **kwargs), encoding="utf-8")
            pages.append(page)
        full = exempt.get(pub.pk)
        if full is not None and pub.exempt_paragraph:
            secret_dir.mkdir(parents=True, exist_ok=True)
            target = secret_dir / f"{pub.record_id}-confidential-appendix.md"
            target.write_text(confidential_appendix(full.model_copy(update={"reference": pub.record_id}),
                                                    pub.exempt_paragraph), encoding="utf-8")
            secrets.append(target)
    rows = [asdict(e) for e in entries]
    csv_path, json_path, html_path = out_dir / "register.csv", out_dir / "register.json", out_dir / "index.html"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    json_path.write_text(json.dumps({"council": config.council, "as_of": today.isoformat(), "records": rows},
                                    indent=2, ensure_ascii=False), encoding="utf-8")
    env = sandboxed_env(autoescape=True, templates_dir=TEMPLATES)
    try:
        html = env.get_template(REGISTER_TEMPLATE).render(council=config.council, as_of=show_date(today),
                                                     entries=rows, working_days=config.statutory.record_publication_working_days,
                                                     call_in_days=config.statutory.call_in_working_days)
    except TemplateError as exc:  # a template a governance team edited: say which and why
        raise TemplateProblem(f"{TEMPLATES / REGISTER_TEMPLATE}: {exc}") from None
    html_path.write_text(html, encoding="utf-8")
    return RegisterFiles(html_path, csv_path, json_path, pages, secrets, entries)

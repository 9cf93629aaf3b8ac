"""A seeded synthetic historical corpus: years of Cabinet minutes and reports, mixed formats.

    python benchmarks/synth_corpus.py OUT [--years 2012-2024] [--per-year 10]
        [--formats pdf,docx,html,txt] [--seed 7]

Each meeting is written the way English county councils write them, with the drafting
varying between years (a new clerk, a new template): clause labels (a) / a) / (1) / 1. /
(i), "RESOLVED that" or "RESOLVED:" stems, delegations worded three ways, movers and
seconders, obligations (impact assessments, reports back, consultation, notices), and
some reports carrying an Appendix A milestone table. Invented names and places only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # docgen

COUNCIL = "Wessex County Council"
DIRECTORS = [
    "Director of Children & Young People's Futures", "Director of Finance and Public Value",
    "Director of Environment and Transport", "Director of Adult Social Care and Health",
    "Director of Growth, Economy and Culture", "Head of Property and Capital",
    "Chief Legal and Democratic Officer", "Director of Public Health",
]
MEMBERS = [
    "Cabinet Member for Children's SEND Improvement Services", "Cabinet Member for Finance and Resources",
    "Cabinet Member for Highways and Transport", "Cabinet Member for Adult Social Care",
    "Cabinet Member for Economic Development", "Leader of the Council",
]
COUNCILLORS = ["Hughes", "Baker", "Evans", "Osei", "Walsh", "Dunn", "Fairbanks", "Kaur", "Lloyd", "Pritchard",
               "Samuel", "McInnes", "Okafor", "Trevelyan"]
TOPICS = [
    ("Home to School Transport: Commissioning Strategy", "award the resulting contracts within the approved budget"),
    ("Medium Term Financial Strategy", "make technical adjustments to the budget proposals before Council"),
    ("Local Plan Regulation 19 Consultation", "make minor editorial changes to the consultation documents"),
    ("Disposal of Surplus Land at Marsh Lane, Ashcombe", "agree the final terms of the disposal"),
    ("Highways Maintenance Contract Extension", "extend the contract for up to two years"),
    ("Library Service Opening Hours", "implement the revised opening hours"),
    ("Extra Care Housing Programme", "enter into the development agreement"),
    ("Children's Residential Care Sufficiency", "award grants to providers up to £250,000"),
    ("Flood Risk Management Strategy", "submit the funding bid to the Environment Agency"),
    ("Waste Collection Vehicle Replacement", "procure and award the vehicle supply contract"),
    ("Adult Social Care Fees 2025/26", "agree the final fee uplift with providers"),
    ("Bus Service Improvement Plan", "enter into enhanced partnership agreements with operators"),
    ("School Place Planning: Northfield Primary Expansion", "award the construction contract"),
    ("Treasury Management Mid-Year Review", "vary the investment limits within the approved strategy"),
    ("Domestic Abuse Safe Accommodation Strategy", "commission refuge services"),
]
LABEL_STYLES = ["(a)", "a)", "(1)", "1.", "(i)"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass
class Doc:
    """A document as blocks of text: ("title" | "heading" | "para", text)."""

    name: str
    blocks: list = field(default_factory=list)
    tables: list = field(default_factory=list)  # (caption, rows) printed after the text
    gantt: list = field(default_factory=list)  # Appendix A: (activity, "YYYY-MM", "YYYY-MM")
    resolutions: int = 0
    delegations: int = 0

    def add(self, kind, value):
        self.blocks.append((kind, value))


def _label(style: str, n: int) -> str:
    value = {"(a)": "abcdefg"[n], "a)": "abcdefg"[n], "(1)": str(n + 1), "1.": str(n + 1), "(i)": ROMAN[n]}[style]
    return {"(a)": f"({value})", "a)": f"{value})", "(1)": f"({value})", "1.": f"{value}.", "(i)": f"({value})"}[style]


def _when(date: dt.date) -> str:
    return f"{date.strftime('%A')}, {date.day} {MONTHS[date.month - 1]} {date.year}"


def _delegation(rng: random.Random, power: str) -> str:
    who = " and the ".join(rng.sample(DIRECTORS, rng.choice([1, 1, 2])))
    consultee = rng.choice(MEMBERS)
    condition = rng.choice(["", "following completion of a full procurement options appraisal, ",
                            "subject to the outcome of the consultation, ", ""])
    form = rng.randrange(3)
    if form == 0:
        return f"that {condition}delegated authority be given to the {who}, in consultation with the {consultee}, to {power}"
    if form == 1:
        return f"that authority be delegated to the {who}, after consultation with the {consultee}, to {power}"
    return f"that the {who} be authorised, {condition}in consultation with the {consultee}, to {power}"


def _clauses(rng: random.Random, title: str, power: str, month: str) -> tuple[list[str], int]:
    clauses = [rng.choice([
        f"that the {title} as set out in the Report be approved",
        f"that the recommendations of the Report on the {title} be agreed",
        f"that the {title} be adopted",
    ])]
    extra = rng.sample([
        "that the comments of the Scrutiny Committee be noted",
        f"that a further report be submitted to Cabinet by {month}",
        "that the outcome of the public consultation, set out at Appendix B, be noted",
        "that Council be recommended to approve the additional capital budget of £1.2m",
        "that the principle of a dynamic purchasing system be endorsed",
        "that consideration of the fees for 2026/27 be deferred to a future meeting",
    ], rng.randrange(1, 4))
    clauses += extra
    delegations = 0
    if rng.random() < 0.7:
        clauses.append(_delegation(rng, power))
        delegations = 1
    return clauses, delegations


def _item(doc: Doc, rng: random.Random, number: int, date: dt.date, style: str, stem: str) -> None:
    title, power = rng.choice(TOPICS)
    ref = f"{rng.choice(['CS', 'ET', 'FR', 'AS', 'GE'])}/{date.year % 100:02d}/{rng.randrange(1, 60):02d}"
    director = rng.choice(DIRECTORS)
    due = date + dt.timedelta(days=rng.randrange(60, 300))
    month = f"{MONTHS[due.month - 1]} {due.year}"
    doc.add("heading", f"{number} {title}")
    if rng.random() < 0.3:
        a, b = rng.sample(COUNCILLORS, 2)
        doc.add("para", f"(Councillors {a} and {b} attended in accordance with Standing Order 25(2) and spoke to this item).")
    doc.add("para", f"The Cabinet considered the Report of the {director} ({ref}) on the {title}.")
    for _ in range(rng.randrange(2, 7)):
        doc.add("para", rng.choice([
            f"In response to questions from Councillor {rng.choice(COUNCILLORS)}, the {director} explained that the "
            f"proposals had been developed with partners over the previous eighteen months and that the risks were set out in the Report.",
            "An Equality Impact Assessment would be completed linked to the development of the Service Specification, "
            f"and would be reported to the relevant Scrutiny Committee by {month}.",
            "The Cabinet noted that the financial implications were contained within the Medium Term Financial Strategy "
            "and that the exempt appendix had been considered in accordance with Schedule 12A of the Local Government Act 1972.",
            f"A public notice would be published and a consultation carried out for six weeks from {month}.",
            "Members welcomed the report and asked that progress be monitored through the quarterly performance report.",
        ]))
    mover, seconder = rng.sample(COUNCILLORS, 2)
    doc.add("para", f"It was MOVED by Councillor {mover}, SECONDED by Councillor {seconder}, and")
    clauses, delegations = _clauses(rng, title, power, month)
    doc.add("para", stem)
    for n, clause in enumerate(clauses):
        joiner = "; and" if n == len(clauses) - 2 else (";" if n < len(clauses) - 1 else ".")
        if stem.endswith("that:"):
            clause = clause[len("that "):]
        doc.add("para", f"{_label(style, n)} {clause}{joiner}")
    doc.resolutions += len(clauses)
    doc.delegations += delegations
    doc.add("para", "Reason for decision: to secure best value and meet the Council's statutory duties.")


def minutes(rng: random.Random, date: dt.date) -> Doc:
    """One Cabinet meeting's minutes; the drafting style follows the year."""
    era = random.Random(date.year)  # one template per year
    style = era.choice(LABEL_STYLES)
    stem = era.choice(["RESOLVED", "RESOLVED that:", "RESOLVED -", "DECIDED:"])
    doc = Doc(f"{date.isoformat()}-cabinet-minutes")
    doc.add("title", COUNCIL)
    doc.add("heading", "Cabinet")
    doc.add("para", f"Minutes of the meeting held on {_when(date)} at 10.00 am in the Council Chamber, County Hall")
    present = rng.sample(COUNCILLORS, 6)
    doc.add("para", f"Present: Councillor {present[0]} (Leader, in the Chair), Councillors {', '.join(present[1:-1])} and {present[-1]}")
    first = rng.randrange(1, 120)
    doc.add("heading", f"{first} Apologies for Absence")
    doc.add("para", f"Apologies were received from Councillor {rng.choice(COUNCILLORS)}.")
    doc.add("heading", f"{first + 1} Declarations of Interest")
    doc.add("para", "There were no declarations of interest.")
    for n in range(rng.randrange(4, 13)):
        _item(doc, rng, first + 2 + n, date, style, stem)
    return doc


def report(rng: random.Random, date: dt.date) -> Doc:
    """A Cabinet report with recommendations and an Appendix A milestone table."""
    title, power = rng.choice(TOPICS)
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:3])
    doc = Doc(f"{date.isoformat()}-report-{slug}")
    doc.add("title", COUNCIL)
    doc.add("heading", f"Report to Cabinet, {_when(date)}: {title}")
    doc.add("para", f"Report of the {rng.choice(DIRECTORS)}. Key decision: yes.")
    doc.add("heading", "Recommendations")
    month = f"{MONTHS[(date.month + 3) % 12]} {date.year + 1}"
    clauses, delegations = _clauses(rng, title, power, month)
    for n, clause in enumerate(clauses):
        doc.add("para", f"({'abcdefg'[n]}) {clause[5:].capitalize() if clause.startswith('that ') else clause};")
    doc.resolutions, doc.delegations = len(clauses), delegations
    day = date
    steps = ["Prior information notice", "Market engagement", "Procurement options appraisal",
             "Invitation to tender", "Contract award", "Service start"][: rng.randrange(3, 7)]
    if rng.random() < 0.5:  # a milestone table
        rows = [["Milestone", "Date"]]
        for step in steps:
            day += dt.timedelta(days=rng.randrange(30, 90))
            rows.append([step, day.strftime("%B %Y")])
        doc.tables.append(("Appendix A – Timeline", rows))
    else:  # a Gantt chart: months with shaded cells
        for step in steps:
            start = day + dt.timedelta(days=rng.randrange(20, 60))
            day = start + dt.timedelta(days=rng.randrange(30, 120))
            doc.gantt.append((step, start.strftime("%Y-%m"), day.strftime("%Y-%m")))
    return doc


def meetings(seed: int, years: range, per_year: int):
    """(date, Doc) for each meeting and report, oldest first; deterministic for a seed."""
    rng = random.Random(seed)
    for year in years:
        for n in range(per_year):
            date = dt.date(year, 1 + n * 12 // per_year, rng.randrange(1, 28))
            yield date, (report(rng, date) if rng.random() < 0.2 else minutes(rng, date))


# --- rendering -----------------------------------------------------------------------------


def text_of(doc: Doc) -> str:
    return "\n\n".join(value for _, value in doc.blocks)


def to_text(doc: Doc) -> bytes:
    tables = [f"{caption}\n\n" + "\n".join("\t".join(row) for row in rows) for caption, rows in doc.tables]
    gantt = [f"{name} – {_month(a)} to {_month(b)}" for name, a, b in doc.gantt]
    parts = [text_of(doc)] + tables + (["Appendix A – Timeline", "\n".join(gantt)] if gantt else [])
    return "\n\n".join(parts).encode("utf-8")


def _month(value: str) -> str:
    year, month = value.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _write(doc: Doc, fmt: str, path: Path) -> None:
    """PDF, DOCX and HTML through the shared test builders (tests/docgen.py)."""
    import docgen

    gantt = {"caption": "Appendix A – Timeline", "rows": doc.gantt} if doc.gantt else None
    if fmt == "txt":
        path.write_bytes(to_text(doc))
    elif fmt == "pdf":
        docgen.minutes_pdf(text_of(doc), path, tables=doc.tables, gantt=gantt, header=f"{COUNCIL} – Cabinet")
    elif fmt == "docx":
        headings = [value for kind, value in doc.blocks if kind != "para"]
        docgen.minutes_docx(text_of(doc), path, tables=doc.tables, gantt=gantt, headings=headings)
    else:
        docgen.minutes_html(text_of(doc), path, tables=doc.tables, gantt=gantt, title=doc.blocks[1][1])


def generate(out: Path, *, seed: int = 7, years: range = range(2012, 2025), per_year: int = 10,
             formats: tuple[str, ...] = ("pdf", "docx", "html", "txt")) -> list[Path]:
    """Write the corpus under out/<year>/; formats rotate so every year mixes them."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for n, (date, doc) in enumerate(meetings(seed, years, per_year)):
        fmt = formats[n % len(formats)]
        folder = out / str(date.year)
        folder.mkdir(exist_ok=True)
        path = folder / f"{doc.name}-{n:04d}.{fmt}"
        _write(doc, fmt, path)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", default="2012-2024")
    parser.add_argument("--per-year", type=int, default=10)
    parser.add_argument("--formats", default="pdf,docx,html,txt")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    first, _, last = args.years.partition("-")
    files = generate(args.out, seed=args.seed, years=range(int(first), int(last or first) + 1),
                     per_year=args.per_year, formats=tuple(args.formats.split(",")))
    print(f"wrote {len(files)} documents under {args.out}")


if __name__ == "__main__":
    main()

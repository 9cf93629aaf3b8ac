"""Is parsing the bottleneck of reading a PDF? Text PDFs of 10, 50, 100 and 200 pages, timed
in one run (medians of several rounds, each round timing every way in turn), of two kinds:

  minutes  Cabinet minutes, dense with decisions: an item every half page, each with a
           RESOLVED block, a delegation, obligations, legislation and a mover (the worst case);
  report   a Cabinet report: numbered sections of prose, recommendations with a delegation,
           legal and equality paragraphs, an Appendix A programme (what most pages are);
  real     real published minutes: the items of ../shared/corpus/bulk/items (one county
           council's committees, extraction damage and all), numbered one after another
           under a meeting header; read from there at run time, skipped where it is absent.

Each is timed three ways:

  extract  pypdfium2 alone: open, text of every page, close (the baseline);
  ingest   govbot.ingest.read_path: pdfium text, paragraphs, headers/footers dropped;
  parse    govbot.service.parse_path: ingest plus the parser (resolutions, delegations ...).
  plumber  ingest with ruled tables read by pdfplumber instead of pdfium's grid (the old way).

With --tables N every repeat of the minutes carries N ruled budget tables (default 0:
text only). Prints pages/s, the ratios ingest/extract and parse/extract (target parse
<= 2x), the load average, and CPU seconds beside wall seconds (steadier when loaded).
Run: .venv/bin/python benchmarks/bench_parse_pdf.py [--runs N] [--sizes 10,50] [--tables 2] [--kinds minutes]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pypdfium2 as pdfium  # noqa: E402

from docgen import minutes_pdf  # noqa: E402
from govbot.config import load_config  # noqa: E402
from govbot.ingest import read_path  # noqa: E402

TOPICS = ["Home to School Transport", "Library Service Opening Hours", "Highways Maintenance Contract",
          "Medium Term Financial Strategy", "Adult Social Care Charging Policy", "Local Plan Regulation 19",
          "Disposal of Surplus Land at Mill Lane", "Waste Collection Contract", "Leisure Centre Refurbishment"]
DIRECTORS = ["Director of Children & Young People's Futures", "Director of Finance and Public Value",
             "Director of Place", "Director of Adult Social Care", "Head of Legal Services"]


def minutes_text(items: int = 12) -> str:
    """A meeting's minutes: numbered items, discussion, RESOLVED with lettered clauses."""
    out = ["Example County Council", "Cabinet",
           "Minutes of the meeting held on Wednesday, 12 March 2025 at 10.00 am in the Council Chamber",
           "Present: Councillor R Hughes (Leader, in the Chair), Councillors A Baker, J Evans, M Osei and T Walsh"]
    for n in range(items):
        topic, director = TOPICS[n % len(TOPICS)], DIRECTORS[n % len(DIRECTORS)]
        ref = f"CS/25/{n + 10:02d}"
        out += [
            f"{41 + n} {topic}",
            f"The Cabinet considered the Report of the {director} ({ref}) on the {topic.lower()}, "
            "circulated in accordance with regulation 7(4) of the Local Authorities (Executive "
            "Arrangements) (Meetings and Access to Information) (England) Regulations 2012.",
            "Members asked about the equality impact assessment, the consultation responses and the "
            "risks to the budget. The Cabinet Member explained that the scrutiny committee's comments "
            "had been taken into account and that the exempt appendix set out the commercial terms.",
            "An Equality Impact Assessment would be completed linked to the development of the "
            "service specification, and reported to the scrutiny committee by 30 September 2025.",
            "It was MOVED by Councillor Evans, SECONDED by Councillor Baker, and",
            "RESOLVED",
            f"(a) that the proposals for the {topic.lower()}, as set out in the Report, be agreed;",
            "(b) that the progress made be noted; and",
            f"(c) that following completion of a full options appraisal, delegated authority be given "
            f"to the {director}, in consultation with the Cabinet Member for Finance, to award the "
            "resulting contracts within the approved budget.",
        ]
    return "\n\n".join(out)


SECTION_TOPICS = ["Background", "Strategic context", "Current arrangements", "Demand and need", "Market position",
                  "Options considered", "Consultation and engagement", "Financial implications", "Legal implications",
                  "Equality implications", "Risk management", "Climate and environment", "Workforce", "Performance"]
PROSE = [
    "The service supports around {n},000 residents each year and has seen demand rise by {p}% since 2021.",
    "Officers have reviewed the arrangements with partners, providers and the scrutiny committee.",
    "The current contract ends in March 2026 and cannot be extended further under its terms.",
    "Benchmarking against comparable county councils suggests unit costs are {p}% above the median.",
    "The proposals were discussed with the Cabinet Member for {topic} on {d} {month} 2025.",
    "The Council has a duty under section {n} of the Local Government Act 1972 to secure best value.",
    "Any contract will be let in accordance with the Procurement Act 2023 and Contract Standing Orders.",
    "A public consultation ran for twelve weeks and received {n}00 responses, summarised at Appendix B.",
    "An Equality Impact Assessment will be updated before the final decision is taken.",
    "The medium term financial strategy assumes savings of £{n}.{p} million from this programme.",
    "Risks are recorded in the directorate risk register and reviewed quarterly by the programme board.",
    "The option of bringing the service in-house was considered and rejected on cost and timescale.",
    "Members of the scrutiny committee asked for a report back on progress within twelve months.",
    "Further detail of the financial modelling is set out in the exempt appendix to this report.",
]


def report_text(pages: int, seed: int = 7) -> str:
    """A Cabinet report of about `pages` pages: recommendations, numbered sections of prose and an
    Appendix A programme; seeded, so every run times the same text."""
    rnd = random.Random(seed)
    out = ["Example County Council", "Cabinet", "12 March 2025",
           "Home to School Transport: Commissioning Strategy",
           "Report of the Director of Children & Young People's Futures", "Reference: CS/25/07",
           "1. Recommendations", "The Cabinet is asked:",
           "(a) to agree the Commissioning Strategy set out in this report;",
           "(b) to note the progress made on the Travel Training programme; and",
           "(c) following completion of a full procurement options appraisal, to give delegated authority to the "
           "Director of Children & Young People's Futures, in consultation with the Cabinet Member for Finance, to "
           "award the resulting contracts within the approved budget."]
    section, chars = 2, 0
    while chars < pages * 3300:
        topic = SECTION_TOPICS[section % len(SECTION_TOPICS)]
        out.append(f"{section}. {topic}")
        for para in range(1, rnd.randint(3, 7)):
            sentences = [rnd.choice(PROSE).format(n=rnd.randint(2, 60), p=rnd.randint(3, 40), topic=topic,
                                                  d=rnd.randint(1, 28), month=rnd.choice(["May", "June", "July"]))
                         for _ in range(rnd.randint(3, 6))]
            out.append(f"{section}.{para} " + " ".join(sentences))
            chars += len(out[-1])
        section += 1
    out += ["Appendix A – Timeline", "Prior information notice – April 2025", "Procurement options appraisal – June 2025",
            "Provider engagement – May to August 2025", "Service specifications – September 2025",
            "Dynamic purchasing system in place – January 2026"]
    return "\n\n".join(out)


REAL_ITEMS = ROOT.parent / "shared" / "corpus" / "bulk" / "items"


def real_minutes_text() -> str:
    """Every real minutes item, in file order, as one meeting's minutes ("" where absent)."""
    items = sorted(REAL_ITEMS.glob("*.txt")) if REAL_ITEMS.is_dir() else []
    if not items:
        return ""
    out = ["Kent County Council", "Minutes of committee meetings (real items, as published)"]
    for n, path in enumerate(items, 1):
        out += [f"{n}. Item {n}", path.read_text(encoding="utf-8", errors="replace")]
    return "\n\n".join(out)


CPU = {}  # label -> median CPU seconds of the last interleaved_times


def interleaved_times(fns: dict, runs: int) -> dict:
    """Median wall seconds of each of `fns`, run in turn round after round, so a slow spell
    of a shared machine falls on all of them alike and the ratios stay fair."""
    for fn in fns.values():
        fn()  # warm-up: imports, the spaCy pipeline, caches
    times = {label: [] for label in fns}
    cpus = {label: [] for label in fns}
    for _ in range(runs):
        for label, fn in fns.items():
            start, cpu = time.perf_counter(), time.process_time()
            fn()
            times[label].append(time.perf_counter() - start)
            cpus[label].append(time.process_time() - cpu)
    CPU.update({label: statistics.median(v) for label, v in cpus.items()})
    return {label: statistics.median(v) for label, v in times.items()}


BUDGET = [["Scheme", "2025/26 £000", "2026/27 £000", "Total £000"],
          ["Northfield Primary expansion", "1,200", "2,400", "3,600"],
          ["Marsh Lane depot", "350", "0", "350"], ["Highways resurfacing", "4,100", "3,900", "8,000"],
          ["Total", "5,650", "6,300", "11,950"]]


def ingest_plumber(path: Path, limits) -> None:
    import govbot.ingest.pdf as pdf_reader

    pdf_reader.READ_GRIDS = False
    try:
        read_path(path, limits)
    finally:
        pdf_reader.READ_GRIDS = True


def pdfium_extract(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    chars = 0
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return chars


def full_parser():
    try:
        from govbot.extract import parse_document  # noqa: F401
        from govbot.service import parse_path
    except ImportError as exc:
        print(f"(full parse not measured: {exc})")
        return None
    return parse_path


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("--sizes", default="10,50,100,200")
    options.add_argument("--kinds", default="minutes,report,real", help="which documents: minutes, report, real")
    options.add_argument("--tables", type=int, default=0, help="ruled tables per repeat of the minutes")
    args = options.parse_args()
    config = load_config()
    parse_path = full_parser()
    tables = [(f"Capital programme {n + 1}", BUDGET) for n in range(args.tables)]
    print(f"{'kind':>7} {'pages':>5} {'extract p/s':>12} {'ingest p/s':>11} {'parse p/s':>10} {'plumber p/s':>12} "
          f"{'ingest/extract':>15} {'parse/extract':>14} {'(cpu)':>7} {'load':>5}")
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.kinds.split(","):
            for pages in (int(s) for s in args.sizes.split(",")):
                text = minutes_text() if kind == "minutes" else real_minutes_text() if kind == "real" else report_text(pages)
                if not text:
                    print(f"{kind:>7}: skipped, no real minutes at {REAL_ITEMS}")
                    break
                path = minutes_pdf(text, Path(folder) / f"{kind}_{pages}p.pdf", pages_target=pages, tables=tables,
                                   header="Committee minutes" if kind == "real" else f"Example County Council – Cabinet {kind}")
                print(_row(kind, pages, path, parse_path, config, args.runs, bool(tables)), flush=True)
    print("target: parse/extract <= 2x")


def _row(kind: str, pages: int, path: Path, parse_path, config, runs: int, tables: bool) -> str:
    runs = runs if pages <= 100 else max(3, runs // 2)
    fns = {"extract": lambda: pdfium_extract(path), "ingest": lambda: read_path(path, config.limits)}
    if parse_path:
        fns["parse"] = lambda: parse_path(path, config)
    if tables:
        fns["plumber"] = lambda: ingest_plumber(path, config.limits)
    seconds = interleaved_times(fns, runs)
    extract, ingest, parse, plumber = (seconds.get(k) for k in ("extract", "ingest", "parse", "plumber"))
    cpu_ratio = CPU["parse"] / CPU["extract"] if parse else float("nan")
    return (f"{kind:>7} {pages:>5} {pages / extract:>12.0f} {pages / ingest:>11.0f} "
            f"{(pages / parse if parse else float('nan')):>10.0f} "
            f"{(pages / plumber if plumber else float('nan')):>12.0f} {ingest / extract:>14.2f}x "
            f"{(parse / extract if parse else float('nan')):>13.2f}x {cpu_ratio:>6.2f}x "
            f"{os.getloadavg()[0]:>5.1f}")


if __name__ == "__main__":
    main()

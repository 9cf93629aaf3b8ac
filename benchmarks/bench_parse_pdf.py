"""Is parsing the bottleneck of reading a PDF? Text PDFs of 10, 50, 100 and 200 pages of
minutes-like text, timed three ways in one run (median of several runs each):

  extract  pypdfium2 alone: open, text of every page, close (the baseline);
  ingest   govbot.ingest.read_path: pdfium text, paragraphs, headers/footers dropped;
  parse    govbot.service.parse_path: ingest plus the parser (resolutions, delegations ...).
  plumber  ingest with ruled tables read by pdfplumber instead of pdfium's grid (the old way).

With --tables N every repeat of the minutes carries N ruled budget tables (default 0:
text only). Prints pages/s, the ratios ingest/extract and parse/extract (target parse
<= 2x), the load average, and CPU seconds beside wall seconds (steadier when loaded).
Run: .venv/bin/python benchmarks/bench_parse_pdf.py [--runs N] [--sizes 10,50] [--tables 2]
"""
from __future__ import annotations

import argparse
import os
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
            f"It was MOVED by Councillor Evans, SECONDED by Councillor Baker, and",
            "RESOLVED",
            f"(a) that the proposals for the {topic.lower()}, as set out in the Report, be agreed;",
            "(b) that the progress made be noted; and",
            f"(c) that following completion of a full options appraisal, delegated authority be given "
            f"to the {director}, in consultation with the Cabinet Member for Finance, to award the "
            "resulting contracts within the approved budget.",
        ]
    return "\n\n".join(out)


CPU = {}  # label -> median CPU seconds of the last median_time


def median_time(fn, runs: int, label: str = "") -> float:
    fn()  # warm-up: imports, the spaCy pipeline, caches
    times, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    CPU[label] = statistics.median(cpus)
    return statistics.median(times)


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
    options.add_argument("--tables", type=int, default=0, help="ruled tables per repeat of the minutes")
    args = options.parse_args()
    config = load_config()
    parse_path = full_parser()
    text = minutes_text()
    tables = [(f"Capital programme {n + 1}", BUDGET) for n in range(args.tables)]
    print(f"{'pages':>5} {'extract p/s':>12} {'ingest p/s':>11} {'parse p/s':>10} {'plumber p/s':>12} "
          f"{'ingest/extract':>15} {'parse/extract':>14} {'(cpu)':>7} {'load':>5}")
    with tempfile.TemporaryDirectory() as folder:
        for pages in (int(s) for s in args.sizes.split(",")):
            path = minutes_pdf(text, Path(folder) / f"minutes_{pages}p.pdf", pages_target=pages, tables=tables)
            runs = args.runs if pages <= 100 else max(3, args.runs // 2)
            extract = median_time(lambda: pdfium_extract(path), runs, "extract")
            ingest = median_time(lambda: read_path(path, config.limits), runs, "ingest")
            parse = median_time(lambda: parse_path(path, config), runs, "parse") if parse_path else None
            plumber = median_time(lambda: ingest_plumber(path, config.limits), max(1, runs // 2), "plumber") \
                if tables else None
            cpu_ratio = CPU["parse"] / CPU["extract"] if parse else float("nan")
            row = (f"{pages:>5} {pages / extract:>12.0f} {pages / ingest:>11.0f} "
                   f"{(pages / parse if parse else float('nan')):>10.0f} "
                   f"{(pages / plumber if plumber else float('nan')):>12.0f} {ingest / extract:>14.2f}x "
                   f"{(parse / extract if parse else float('nan')):>13.2f}x {cpu_ratio:>6.2f}x "
                   f"{os.getloadavg()[0]:>5.1f}")
            print(row, flush=True)
    print("target: parse/extract <= 2x")


if __name__ == "__main__":
    main()

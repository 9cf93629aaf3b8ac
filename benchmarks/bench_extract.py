"""How fast is the parser? Words per second of `parse_text` on generated Cabinet minutes,
against a plain `str.split` pass over the same text in the same run (run by hand).

    .venv/bin/python benchmarks/bench_extract.py [PAGES]

The target (issue 2) is that parsing costs about what pypdfium2 spends extracting the text:
roughly 1 ms for a page of ~500 words, i.e. ~500,000 words/s. When pypdfium2 and reportlab
are installed the script also builds a PDF of the same text and times its text extraction.
"""
from __future__ import annotations

import random
import sys
import time

sys.path.insert(0, ".")

from govbot.extract import parse_text  # noqa: E402

NARRATIVE = [
    "The Cabinet considered the Report of the Director of Place (PL/{n}/07) on the {topic}, circulated in accordance "
    "with regulation 7(4) of the Local Authorities (Executive Arrangements) (Meetings and Access to Information) "
    "(England) Regulations 2012.",
    "The Cabinet noted that spending on the {topic} had risen by {n}% over three years and that the Council had a "
    "duty under section 508B of the Education Act 1996 to make suitable arrangements.",
    "Members discussed the options set out in the report, including the risks to service delivery, the equality "
    "implications and the views of residents who had responded to the earlier survey in the spring.",
    "An Equality Impact Assessment would be completed linked to the development of the service specification and "
    "would be reported to the Scrutiny Committee by 30 September 2025.",
    "The aim was to have a new framework in place by January 2026, under the Procurement Act 2023.",
    "Officers explained that the proposals had been discussed with partners, that feedback had been positive and "
    "that the financial position remained challenging given inflation and demand pressures across the county.",
]
RESOLVED = (
    "it was MOVED by Councillor {a}, SECONDED by Councillor {b}, and\n\nRESOLVED\n\n"
    "(a) that the {topic} Strategy, as set out in the Report, be agreed;\n\n"
    "(b) that the principle of a framework for the {topic} be endorsed;\n\n"
    "(c) that following completion of a full procurement options appraisal, delegated authority be given to the "
    "Director of Place and the Director of Finance, in consultation with the Cabinet Member for Highways, "
    "to approve the final route to market."
)
TOPICS = ["home to school transport", "library opening hours", "highways maintenance", "waste collection",
          "adult social care", "leisure centres", "parks and open spaces", "housing repairs"]
NAMES = ["Evans", "Baker", "Osei", "Walsh", "Hughes", "Patel", "Jones", "Smith"]


def minutes(pages: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    out, words, n = ["Example County Council\n\nCabinet\n\nMinutes of the meeting held on Wednesday, 12 March 2025\n"], 0, 1
    while words < pages * 500:
        topic = rnd.choice(TOPICS)
        part = [f"{n} {topic.title()}"]
        for _ in range(rnd.randint(4, 9)):
            part.append(rnd.choice(NARRATIVE).format(n=rnd.randint(10, 99), topic=topic))
        part.append(RESOLVED.format(a=rnd.choice(NAMES), b=rnd.choice(NAMES), topic=topic))
        text = "\n\n".join(part)
        out.append(text)
        words += len(text.split())
        n += 1
    return "\n\n".join(out)


def best_of(fn, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def pdfium_seconds(text: str) -> float | None:
    try:
        import io

        import pypdfium2 as pdfium
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import getSampleStyleSheet
        from reportlab.platypus import Paragraph, SimpleDocTemplate
    except ImportError:
        return None
    buf = io.BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(buf, pagesize=A4).build([Paragraph(p.replace("&", "&amp;"), style) for p in text.split("\n\n")])
    data = buf.getvalue()

    def extract():
        pdf = pdfium.PdfDocument(data)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()

    return best_of(extract), len(pdfium.PdfDocument(data))


def main(pages: int = 100) -> None:
    text = minutes(pages)
    words = len(text.split())
    parse_text("RESOLVED that authority be delegated to the Director of Place to act.")  # load spaCy once
    t_parse = best_of(lambda: parse_text(text))
    t_split = best_of(lambda: text.split())
    parsed = parse_text(text)
    print(f"text: {words:,} words, {len(parsed.items)} items, "
          f"{sum(len(i.resolutions) for i in parsed.items)} resolutions")
    print(f"parse_text: {t_parse * 1000:8.1f} ms  {words / t_parse:12,.0f} words/s")
    print(f"str.split:  {t_split * 1000:8.1f} ms  {words / t_split:12,.0f} words/s  (parse is {t_parse / t_split:.0f}x)")
    pdf = pdfium_seconds(text)
    if pdf:
        t_pdf, n_pages = pdf
        print(f"pypdfium2 text of {n_pages} PDF pages: {t_pdf * 1000:8.1f} ms  "
              f"(parse / extract = {t_parse / t_pdf:.2f})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)

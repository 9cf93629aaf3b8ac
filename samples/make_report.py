"""Build the sample Cabinet report behind the sample minutes: CS/25/07, as DOCX and PDF.

The project's own words, written in the manner of a county council's Cabinet report, with
an Appendix A Gantt table of months (shaded cells) for the programme the minutes refer to.
Run: `.venv/bin/python samples/make_report.py` (writes beside this file; output is
reproducible, so re-running changes nothing unless the text below changes).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEM = "cabinet_report_CS-25-07"
TITLE = "Home to School Transport: Commissioning Strategy"
AUTHOR = "Report of the Director of Children & Young People's Futures"
REF = "CS/25/07"
MEETING = "Cabinet, 12 March 2025"

# The programme: months are indexes from January 2025; SHADE is the bar colour.
FIRST_MONTH = dt.date(2025, 1, 1)
MONTH_COUNT = 14  # January 2025 to February 2026
SHADE = "1F4E79"
HEADER_FILL = "D9E2F3"
PROGRAMME = [
    ("Prior Information Notice and market testing questionnaire", 2, 3),
    ("Procurement options appraisal", 3, 5),
    ("Provider engagement", 4, 8),
    ("Service specifications", 6, 9),
    ("Equality Impact Assessment", 6, 8),
    ("Dynamic purchasing system in place", 12, 12),
]

SECTIONS = [
    ("1. Summary", [
        "This report sets out a Commissioning Strategy for Home to School Transport. The "
        "Council must make suitable travel arrangements for eligible children under section "
        "508B of the Education Act 1996. Spending on transport for children with special "
        "educational needs has risen by 38% over three years, and the number of single "
        "occupancy routes has grown faster than the number of eligible children.",
    ]),
    ("2. Recommendations", [
        "The Cabinet is asked:",
        "(a) to agree the Home to School Transport Commissioning Strategy set out in this report;",
        "(b) to endorse the principle of a dynamic purchasing system for individual transport routes;",
        "(c) to note the progress made on the Travel Training programme; and",
        "(d) following completion of a full procurement options appraisal, to give delegated "
        "authority to the Director of Children & Young People's Futures and the Director of "
        "Finance and Public Value, in consultation with the Cabinet Member for Children's SEND "
        "Improvement Services, to approve the final route to market and to award the resulting "
        "contracts within the approved budget.",
    ]),
    ("3. Background", [
        "Routes are at present bought through a framework agreement that ends in March 2026. "
        "Few providers bid for the framework and prices for specialist routes have risen. A "
        "dynamic purchasing system would let new providers join at any time and let the "
        "Council buy routes as needs arise.",
        "The Travel Training programme has helped 64 young people travel independently this "
        "year, and will continue alongside the new arrangements.",
    ]),
    ("4. Next steps", [
        "If the strategy is agreed, the next steps are a prior information notice and market "
        "testing questionnaire, a procurement options appraisal, provider engagement and the "
        "service specifications. The timeline is set out in Appendix A. The aim is to have a "
        "dynamic purchasing system in place by January 2026, under the Procurement Act 2023.",
    ]),
    ("5. Equality considerations", [
        "An Equality Impact Assessment will be completed linked to the development of the "
        "Service Specification, and will be reported to the Children's Scrutiny Committee by "
        "30 September 2025.",
    ]),
    ("6. Financial and legal considerations", [
        "The strategy will be delivered within the approved Home to School Transport budget. "
        "Contracts will be awarded in line with the Procurement Act 2023 and the Council's "
        "Contract Standing Orders.",
    ]),
    ("7. Options considered", [
        "Continuing with the present framework was rejected because it would not bring new "
        "providers into the market. Running all routes in-house was rejected on cost.",
    ]),
]
APPENDIX_TITLE = "Appendix A – Timeline"
CONTACT = "Contact: Head of Commissioning, Children & Young People's Futures"


def month_labels() -> list[tuple[int, str]]:
    """(year, "Jan") for each month column."""
    out = []
    for i in range(MONTH_COUNT):
        year = FIRST_MONTH.year + (FIRST_MONTH.month - 1 + i) // 12
        month = (FIRST_MONTH.month - 1 + i) % 12 + 1
        out.append((year, dt.date(year, month, 1).strftime("%b")))
    return out


def year_spans() -> list[tuple[int, int, int]]:
    """(year, first column, last column) over the month columns."""
    spans: list[list[int]] = []
    for i, (year, _) in enumerate(month_labels()):
        if spans and spans[-1][0] == year:
            spans[-1][2] = i
        else:
            spans.append([year, i, i])
    return [tuple(s) for s in spans]


# --- DOCX ----------------------------------------------------------------------------------


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def build_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.created = dt.datetime(2025, 2, 28, 9, 0)
    doc.core_properties.modified = dt.datetime(2025, 2, 28, 9, 0)
    doc.core_properties.author = "govbot samples"
    doc.add_paragraph("Example County Council")
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(f"{AUTHOR}, {REF}")
    doc.add_paragraph(MEETING)
    for heading, paragraphs in SECTIONS:
        doc.add_heading(heading, level=1)
        for text in paragraphs:
            doc.add_paragraph(text)
    doc.add_paragraph(CONTACT)

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_heading(APPENDIX_TITLE, level=1)
    months = month_labels()
    table = doc.add_table(rows=2 + len(PROGRAMME), cols=1 + len(months))
    table.style = "Table Grid"
    table.cell(1, 0).text = "Activity"
    for year, first, last in year_spans():
        merged = table.cell(0, first + 1).merge(table.cell(0, last + 1))
        merged.text = str(year)
    for c, (_, label) in enumerate(months, start=1):
        table.cell(1, c).text = label
    for r in (0, 1):
        for cell in table.rows[r].cells:
            _shade(cell, HEADER_FILL)
    for r, (name, first, last) in enumerate(PROGRAMME, start=2):
        table.cell(r, 0).text = name
        for c in range(first, last + 1):
            _shade(table.cell(r, c + 1), SHADE)
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(8)
    doc.save(path)


# --- PDF -----------------------------------------------------------------------------------


def build_pdf(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak,
                                    PageTemplate, Paragraph, Table, TableStyle)

    styles = getSampleStyleSheet()
    portrait, wide = A4, landscape(A4)
    doc = BaseDocTemplate(str(path), pagesize=portrait, title=f"{TITLE} ({REF})",
                          author="govbot samples", invariant=1)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(50, 50, portrait[0] - 100, portrait[1] - 100)],
                     pagesize=portrait),
        PageTemplate("landscape", [Frame(40, 40, wide[0] - 80, wide[1] - 80)], pagesize=wide),
    ])
    story = [Paragraph("Example County Council", styles["Normal"]),
             Paragraph(TITLE, styles["Title"]),
             Paragraph(f"{AUTHOR}, {REF}".replace("&", "&amp;"), styles["Normal"]),
             Paragraph(MEETING, styles["Normal"])]
    for heading, paragraphs in SECTIONS:
        story.append(Paragraph(heading, styles["Heading2"]))
        story += [Paragraph(t.replace("&", "&amp;"), styles["BodyText"]) for t in paragraphs]
    story.append(Paragraph(CONTACT.replace("&", "&amp;"), styles["Italic"]))
    story += [NextPageTemplate("landscape"), PageBreak(),
              Paragraph(APPENDIX_TITLE, styles["Heading2"]), _gantt_table(Table, TableStyle, colors)]
    doc.build(story)


def _gantt_table(Table, TableStyle, colors):
    months = month_labels()
    years = [""] * (1 + len(months))
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("FONTSIZE", (0, 0), (-1, -1), 7),
             ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#" + HEADER_FILL)),
             ("ALIGN", (1, 0), (-1, -1), "CENTER")]
    for year, first, last in year_spans():
        years[first + 1] = str(year)
        style.append(("SPAN", (first + 1, 0), (last + 1, 0)))
    data = [years, ["Activity"] + [label for _, label in months]]
    for r, (name, first, last) in enumerate(PROGRAMME, start=2):
        data.append([name] + [""] * len(months))
        style.append(("BACKGROUND", (first + 1, r), (last + 1, r), colors.HexColor("#" + SHADE)))
    table = Table(data, colWidths=[250] + [34] * len(months), rowHeights=18)
    table.setStyle(TableStyle(style))
    return table


def main() -> None:
    build_docx(HERE / f"{STEM}.docx")
    build_pdf(HERE / f"{STEM}.pdf")
    print(f"wrote {STEM}.docx and {STEM}.pdf in {HERE}")


if __name__ == "__main__":
    main()

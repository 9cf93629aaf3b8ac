"""Gantt charts and ruled tables read from PDF pages (govbot.ingest.pdf_gantt)."""
from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table as RLTable, TableStyle

from govbot.ingest.pdf_gantt import gantt_tables

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ACTIVITIES = [  # name, first month index, last month index (0 = Jan 2025)
    ("Prior Information Notice", 0, 1),
    ("Procurement options appraisal", 2, 4),
    ("Provider engagement", 3, 7),
]


def ruled_gantt_pdf(mark: str = "") -> bytes:
    """A Gantt drawn as a ruled table of months with shaded cells (or marks)."""
    header = ["Activity"] + [f"{m} 25" for m in MONTHS]
    data, style = [header], [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    for r, (name, first, last) in enumerate(ACTIVITIES, start=1):
        data.append([name] + [mark if first <= c <= last else "" for c in range(12)])
        if not mark:
            style.append(("BACKGROUND", (first + 1, r), (last + 1, r), colors.HexColor("#2e75b6")))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4))
    table = RLTable(data, colWidths=[170] + [42] * 12)
    table.setStyle(TableStyle(style))
    doc.build([Paragraph("Appendix A: Timeline", getSampleStyleSheet()["Heading2"]), table])
    return buf.getvalue()


def bar_chart_pdf(year_row: bool = False, wrapped: bool = False) -> bytes:
    """A Gantt drawn as vector bars under a line of month labels, no grid."""
    buf = io.BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(40, height - 40, "Appendix A - Programme")
    c.setFont("Helvetica", 9)
    left, step, top = 220, 45, height - 90
    if year_row:
        c.drawString(left + 5 * step, top + 14, "2025")
    for i, m in enumerate(MONTHS):
        c.drawCentredString(left + i * step + step / 2, top, m if year_row else f"{m}-25")
    y = top - 25
    for name, first, last in ACTIVITIES:
        if wrapped and name.startswith("Procurement"):
            c.drawString(40, y + 5, "Procurement options")
            c.drawString(40, y - 6, "appraisal")
        else:
            c.drawString(40, y, name)
        c.setFillColor(colors.HexColor("#548235"))
        c.rect(left + first * step + 2, y - 3, (last - first + 1) * step - 4, 10, stroke=0, fill=1)
        c.setFillColor(colors.black)
        y -= 28
    c.save()
    return buf.getvalue()


def tables_of(pdf: bytes):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        try:
            return gantt_tables(page)
        finally:
            page.close()


def marked_months(table, name):
    row = next(i for i, r in enumerate(table.rows) if r[0] == name)
    header = table.rows[0]
    return [header[c] for c, on in enumerate(table.shaded[row]) if on]


def test_ruled_table_shaded_cells():
    tables = tables_of(ruled_gantt_pdf())
    assert len(tables) == 1
    t = tables[0]
    assert t.rows[0][:3] == ["Activity", "Jan 25", "Feb 25"]
    assert marked_months(t, "Prior Information Notice") == ["Jan 25", "Feb 25"]
    assert marked_months(t, "Provider engagement") == ["Apr 25", "May 25", "Jun 25", "Jul 25", "Aug 25"]
    assert t.caption and "Appendix A" in t.caption
    assert t.page == 1


def test_ruled_table_with_x_marks_keeps_text():
    t = tables_of(ruled_gantt_pdf(mark="X"))[0]
    assert not any(any(r) for r in t.shaded)
    assert t.rows[2][3:6] == ["X", "X", "X"]


@pytest.mark.parametrize("year_row", [False, True])
def test_vector_bars_become_a_month_table(year_row):
    tables = tables_of(bar_chart_pdf(year_row=year_row))
    assert len(tables) == 1
    t = tables[0]
    first = "Jan 2025" if year_row else "Jan-25"
    assert t.rows[0][1] == first
    assert [r[0] for r in t.rows[1:]] == [a[0] for a in ACTIVITIES]
    assert marked_months(t, "Procurement options appraisal") == t.rows[0][3:6]
    assert "Appendix A" in (t.caption or "")


def test_wrapped_activity_label_is_one_row():
    t = tables_of(bar_chart_pdf(wrapped=True))[0]
    assert [r[0] for r in t.rows[1:]] == [a[0] for a in ACTIVITIES]
    assert marked_months(t, "Procurement options appraisal") == ["Mar-25", "Apr-25", "May-25"]


def test_page_without_chart_gives_nothing_and_bad_page_never_raises():
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "The Cabinet RESOLVED that the report be noted.")
    c.save()
    assert tables_of(buf.getvalue()) == []
    assert gantt_tables(object()) == []

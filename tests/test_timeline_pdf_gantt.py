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


def banded_gantt_pdf(thin: bool = False) -> bytes:
    """A ruled Gantt with light banded rows, and bars (full cells or thin strips) on top."""
    buf = io.BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.setFont("Helvetica", 9)
    c.drawString(40, height - 40, "Appendix A: Programme")
    left, label_w, col_w, row_h, top = 40, 170, 40, 20, height - 60
    cols = 8
    rows = [("Activity", None, None)] + ACTIVITIES
    for r, (name, first, last) in enumerate(rows):
        y = top - (r + 1) * row_h
        if r % 2 == 0:  # light band across the whole row, label cell included
            c.setFillColor(colors.HexColor("#eeeeee"))
            c.rect(left, y, label_w + cols * col_w, row_h, stroke=0, fill=1)
        if first is not None:
            c.setFillColor(colors.HexColor("#c00000"))
            x0 = left + label_w + first * col_w
            if thin:
                c.rect(x0, y + 7, (last - first + 1) * col_w, 6, stroke=0, fill=1)
            else:
                c.rect(x0, y, (last - first + 1) * col_w, row_h, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.drawString(left + 3, y + 6, name)
        if r == 0:
            for i in range(cols):
                c.drawString(left + label_w + i * col_w + 4, y + 6, f"{MONTHS[i]}-25")
    for r in range(len(rows) + 1):  # the grid
        y = top - r * row_h
        c.line(left, y, left + label_w + cols * col_w, y)
    for x in [left, left + label_w] + [left + label_w + (i + 1) * col_w for i in range(cols)]:
        c.line(x, top, x, top - len(rows) * row_h)
    c.save()
    return buf.getvalue()


def bar_chart_pdf(year_row: bool = False, wrapped: bool = False, diamond: bool = False) -> bytes:
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
        if diamond and first == last:
            cx, cy = left + first * step + step / 2, y + 2
            path = c.beginPath()
            path.moveTo(cx, cy + 6)
            path.lineTo(cx + 6, cy)
            path.lineTo(cx, cy - 6)
            path.lineTo(cx - 6, cy)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
        else:
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


@pytest.mark.parametrize("thin", [False, True], ids=["cells", "thin-bars"])
def test_banded_rows_are_background_and_bars_are_marks(thin):
    [t] = tables_of(banded_gantt_pdf(thin=thin))
    assert not any(t.shaded[0])  # the banded header row
    assert marked_months(t, "Prior Information Notice") == ["Jan-25", "Feb-25"]
    assert marked_months(t, "Procurement options appraisal") == ["Mar-25", "Apr-25", "May-25"]
    assert marked_months(t, "Provider engagement") == ["Apr-25", "May-25", "Jun-25", "Jul-25", "Aug-25"]


def test_diamond_milestone_drawn_as_a_path():
    global ACTIVITIES
    saved = ACTIVITIES
    ACTIVITIES = saved + [("Dynamic purchasing system in place", 10, 10)]
    try:
        t = tables_of(bar_chart_pdf(diamond=True))[0]
    finally:
        ACTIVITIES = saved
    assert marked_months(t, "Dynamic purchasing system in place") == ["Nov-25"]


def test_chart_with_axis_under_the_bars_round_trips(tmp_path):
    """govbot's own Gantt saved as PDF (a matplotlib chart: month ticks on an x-axis under
    outlined bars, years under the months, a legend) reads back as the same months."""
    import datetime as dt

    from govbot.domain import Document, Milestone
    from govbot.extract.timeline import read_timeline
    from govbot.tracker.gantt import gantt_png

    D = dt.date
    programme = [Milestone(name="Site surveys", start=D(2025, 4, 1), end=D(2025, 5, 31)),
                 Milestone(name="Planning application", start=D(2025, 6, 1), end=D(2025, 8, 31)),
                 Milestone(name="Depot closure", start=D(2025, 11, 1), end=D(2025, 11, 30))]
    pdf = gantt_png(programme, {"Site surveys": "done"}, D(2025, 7, 1), tmp_path / "chart.pdf",
                    title="Appendix A - Programme")
    tables = tables_of(pdf.read_bytes())
    milestones, _ = read_timeline(Document(name="chart.pdf", format="pdf", text="", tables=tables))
    assert [(m.name, m.start, m.end) for m in milestones] == [(m.name, m.start, m.end) for m in programme]

"""Appendix A timelines read into milestones (govbot.extract.timeline)."""
from __future__ import annotations

import datetime as dt

import pytest

from govbot.domain import Document, Table
from govbot.extract.timeline import parse_period, read_timeline

D = dt.date


def doc(text="", tables=(), notes=()):
    return Document(name="report.docx", format="docx", text=text, tables=list(tables),
                    notes=list(notes))


def by_name(milestones):
    return {m.name: (m.start, m.end) for m in milestones}


@pytest.mark.parametrize("text, start, end", [
    ("January 2025", D(2025, 1, 1), D(2025, 1, 31)),
    ("Jan-25", D(2025, 1, 1), D(2025, 1, 31)),
    ("03/2025", D(2025, 3, 1), D(2025, 3, 31)),
    ("Q2 2025", D(2025, 4, 1), D(2025, 6, 30)),
    ("Q4 2025/26", D(2026, 1, 1), D(2026, 3, 31)),
    ("w/c 3 March 2025", D(2025, 3, 3), D(2025, 3, 9)),
    ("2025-03-14", D(2025, 3, 14), D(2025, 3, 14)),
    ("04/03/2025", D(2025, 3, 4), D(2025, 3, 4)),  # day first, as councils write it
    ("January – March 2025", D(2025, 1, 1), D(2025, 3, 31)),
    ("Nov 2025 to Feb 2026", D(2025, 11, 1), D(2026, 2, 28)),
    ("Autumn 2025", D(2025, 9, 1), D(2025, 11, 30)),
    ("by the end of September 2025", D(2025, 9, 1), D(2025, 9, 30)),
    ("14th of July, 2025", D(2025, 7, 14), D(2025, 7, 14)),
])
def test_date_phrases(text, start, end):
    assert parse_period(text) == (start, end)


def test_no_date_is_none():
    assert parse_period("To be confirmed") is None
    assert parse_period("") is None


def gantt_rows(months, activities, year_row=None):
    header = ["Activity", "Lead"] + months
    rows = ([year_row] if year_row else []) + [header]
    shaded = [[False] * len(header) for _ in rows]
    for name, lead, first, last in activities:
        rows.append([name, lead] + [""] * len(months))
        shaded.append([False, False] + [first <= i <= last for i in range(len(months))])
    return rows, shaded


def test_gantt_with_shaded_cells_and_years_in_header():
    months = ["Jan-25", "Feb-25", "Mar-25", "Apr-25", "May-25", "Jun-25"]
    rows, shaded = gantt_rows(months, [("Prior Information Notice", "Head of Commissioning", 0, 1),
                                       ("Procurement options appraisal", "", 2, 4)])
    table = Table(rows=rows, shaded=shaded, caption="Appendix A: Timeline")
    milestones, notes = read_timeline(doc(tables=[table]))
    assert notes == []
    assert by_name(milestones) == {
        "Prior Information Notice": (D(2025, 1, 1), D(2025, 2, 28)),
        "Procurement options appraisal": (D(2025, 3, 1), D(2025, 5, 31)),
    }
    assert milestones[0].owner == "Head of Commissioning"


def test_gantt_year_row_above_and_wrap_into_next_year():
    months = ["Oct", "Nov", "Dec", "Jan", "Feb"]
    year_row = ["", "", "2025", "", "", "2026", ""]
    rows, shaded = gantt_rows(months, [("Dynamic purchasing system in place", "", 3, 3),
                                       ("Service specifications", "", 0, 2)], year_row)
    milestones, _ = read_timeline(doc(tables=[Table(rows=rows, shaded=shaded)]))
    assert by_name(milestones) == {
        "Dynamic purchasing system in place": (D(2026, 1, 1), D(2026, 1, 31)),
        "Service specifications": (D(2025, 10, 1), D(2025, 12, 31)),
    }


def test_gantt_months_without_year_wrap_from_context_year():
    rows = [["Task", "Nov", "Dec", "Jan", "Feb"],
            ["Provider engagement", "", "X", "✓", ""]]
    milestones, _ = read_timeline(doc(text="Appendix A\nProgramme 2025", tables=[Table(rows=rows)]))
    assert by_name(milestones) == {"Provider engagement": (D(2025, 12, 1), D(2026, 1, 31))}


def test_gantt_financial_year_row():
    rows = [["", "2025/26", "", "", ""], ["Stage", "Feb", "Mar", "Apr", "May"],
            ["Market testing", "■", "■", "", ""]]
    milestones, _ = read_timeline(doc(tables=[Table(rows=rows)]))
    assert by_name(milestones) == {"Market testing": (D(2026, 2, 1), D(2026, 3, 31))}


def test_gantt_without_marks_gets_a_note():
    rows = [["Activity", "Jan 2025", "Feb 2025", "Mar 2025"], ["Provider engagement", "", "", ""]]
    milestones, notes = read_timeline(doc(tables=[Table(rows=rows, page=7)]))
    assert milestones == []
    assert "page 7" in notes[0] and "govbot timeline import" in notes[0]


def test_milestone_table_with_start_end_owner():
    rows = [["Milestone", "Start", "End", "Lead officer"],
            ["Prior Information Notice published", "January 2025", "Feb-25", "Head of Procurement"],
            ["Equality Impact Assessment", "Q2 2025", "30/09/2025", ""],
            ["Dynamic purchasing system in place", "", "January 2026", ""],
            ["Review", "TBC", "TBC", ""]]
    milestones, notes = read_timeline(doc(tables=[Table(rows=rows, caption="Key milestones")]))
    assert by_name(milestones) == {
        "Prior Information Notice published": (D(2025, 1, 1), D(2025, 2, 28)),
        "Equality Impact Assessment": (D(2025, 4, 1), D(2025, 9, 30)),
        "Dynamic purchasing system in place": (D(2026, 1, 1), D(2026, 1, 31)),  # the month named
    }
    assert milestones[0].owner == "Head of Procurement"


def test_milestone_table_single_date_column_and_headerless():
    single = Table(rows=[["Activity", "Date"], ["Consultation", "w/c 7 April 2025"],
                         ["Report to Cabinet", "September 2025"]])
    bare = Table(rows=[["Contract award", "March 2026"], ["Mobilisation", "April – June 2026"]])
    milestones, _ = read_timeline(doc(tables=[single, bare]))
    assert by_name(milestones) == {
        "Consultation": (D(2025, 4, 7), D(2025, 4, 13)),
        "Report to Cabinet": (D(2025, 9, 1), D(2025, 9, 30)),
        "Contract award": (D(2026, 3, 1), D(2026, 3, 31)),
        "Mobilisation": (D(2026, 4, 1), D(2026, 6, 30)),
    }


def test_unrelated_table_is_ignored():
    rows = [["Option", "Cost (£)", "Recommended"], ["In-house fleet", "1,200,000", "No"]]
    assert read_timeline(doc(tables=[Table(rows=rows)])) == ([], [])


def test_activity_lines_after_appendix_a_heading():
    text = ("1. Recommendations\nThat the strategy be agreed by March 2025.\n"
            "Appendix A – Timeline\n"
            "Prior Information Notice – February 2025\n"
            "March 2025: Market testing questionnaire issued\n"
            "• Procurement options appraisal – April to June 2025\n"
            "Dynamic purchasing system in place (January 2026)\n"
            "The timeline will be kept under review.\n"
            "Appendix B – Financial implications\n"
            "Budget review – April 2026\n")
    milestones, notes = read_timeline(doc(text=text))
    assert notes == []
    assert by_name(milestones) == {
        "Prior Information Notice": (D(2025, 2, 1), D(2025, 2, 28)),
        "Market testing questionnaire issued": (D(2025, 3, 1), D(2025, 3, 31)),
        "Procurement options appraisal": (D(2025, 4, 1), D(2025, 6, 30)),
        "Dynamic purchasing system in place": (D(2026, 1, 1), D(2026, 1, 31)),
    }


def test_timeline_as_image_says_so_and_points_to_import():
    d = doc(text="Appendix A – Timeline\n", notes=["page 9: Appendix A is an image"])
    milestones, notes = read_timeline(d)
    assert milestones == []
    assert "is a picture (page 9)" in notes[0] and "govbot timeline import REF FILE.csv|yaml" in notes[0]


def test_appendix_heading_with_nothing_readable():
    milestones, notes = read_timeline(doc(text="Appendix A – Timeline\nSee attached.\n"))
    assert milestones == [] and "no table or dated list" in notes[0]


def test_minutes_mentioning_appendix_a_in_a_sentence_get_no_note():
    text = "The next steps were set out. Appendix A of the Report set out the timeline.\n"
    assert read_timeline(doc(text=text)) == ([], [])


def test_gantt_split_over_two_pages_is_merged():
    months = ["Jan 2025", "Feb 2025", "Mar 2025"]
    a = Table(rows=[["Activity"] + months, ["Provider engagement", "", "", ""]],
              shaded=[[False] * 4, [False, True, True, False]])
    b = Table(rows=[["Activity", "Apr 2025", "May 2025", "Jun 2025"], ["Provider engagement", "", "", ""]],
              shaded=[[False] * 4, [False, True, False, False]])
    milestones, _ = read_timeline(doc(tables=[a, b]))
    assert by_name(milestones) == {"Provider engagement": (D(2025, 1, 1), D(2025, 4, 30))}


def test_activity_lines_run_together_in_one_paragraph():
    text = ("That the programme be approved. Appendix A – Timeline Site surveys – April 2025 "
            "Planning application submitted – August 2025 Depot closed (November 2025)")
    milestones, _ = read_timeline(doc(text=text))
    assert by_name(milestones) == {
        "Site surveys": (D(2025, 4, 1), D(2025, 4, 30)),
        "Planning application submitted": (D(2025, 8, 1), D(2025, 8, 31)),
        "Depot closed": (D(2025, 11, 1), D(2025, 11, 30)),
    }


def test_gantt_continued_over_a_page_break_without_its_header():
    months = ["Apr 2025", "May 2025", "Jun 2025"]
    first = Table(rows=[["Activity"] + months, ["Site surveys", "", "", ""]],
                  shaded=[[False] * 4, [False, True, False, False]], page=4)
    rest = Table(rows=[["Planning application", "", "", ""], ["Depot closure", "", "", "X"]],
                 shaded=[[False, False, True, True], [False] * 4], page=5)
    milestones, notes = read_timeline(doc(tables=[first, rest]))
    assert by_name(milestones) == {"Site surveys": (D(2025, 4, 1), D(2025, 4, 30)),
                                   "Planning application": (D(2025, 5, 1), D(2025, 6, 30)),
                                   "Depot closure": (D(2025, 6, 1), D(2025, 6, 30))}
    assert notes == []


def test_table_after_a_gantt_with_other_columns_is_not_a_continuation():
    months = ["Apr 2025", "May 2025", "Jun 2025"]
    gantt = Table(rows=[["Activity"] + months, ["Site surveys", "X", "", ""]])
    costs = Table(rows=[["Item", "Cost"], ["Surveys", "X"]])
    milestones, _ = read_timeline(doc(tables=[gantt, costs]))
    assert list(by_name(milestones)) == ["Site surveys"]


@pytest.mark.parametrize("rows, expected", [
    ([["Activity", "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"], ["Mobilisation", "", "X", "X", ""]],
     (D(2025, 4, 1), D(2025, 9, 30))),
    ([["", "2025/26", "", "", ""], ["Stage", "Q1", "Q2", "Q3", "Q4"], ["Mobilisation", "", "", "X", "X"]],
     (D(2025, 10, 1), D(2026, 3, 31))),
    ([["Task", "Q1 2025/26", "Q2 2025/26", "Q3 2025/26"], ["Mobilisation", "X", "", ""]],
     (D(2025, 4, 1), D(2025, 6, 30))),
], ids=["calendar", "financial-year-row", "financial-in-cells"])
def test_gantt_of_quarters(rows, expected):
    milestones, _ = read_timeline(doc(tables=[Table(rows=rows)]))
    assert by_name(milestones) == {"Mobilisation": expected}


def test_year_printed_once_still_wraps():
    rows = [["", "2025", "", "", ""], ["Activity", "Nov", "Dec", "Jan", "Feb"],
            ["Go live", "", "", "X", ""]]
    milestones, _ = read_timeline(doc(tables=[Table(rows=rows)]))
    assert by_name(milestones) == {"Go live": (D(2026, 1, 1), D(2026, 1, 31))}


@pytest.mark.parametrize("text, day", [("Tuesday the 5th of March, 2025", dt.date(2025, 3, 5)),
                                       ("March the 5th 2025", dt.date(2025, 3, 5))])
def test_day_dates_in_other_wordings_are_still_read(text, day):
    assert parse_period(text) == (day, day)


def test_damaged_header_text_is_not_a_date(monkeypatch):
    """Characters of neighbouring Gantt headers run together ("Dec 12", "Jan 13") are no date,
    and are refused before the slow last-resort reader is asked."""
    import dateparser

    asked = []
    monkeypatch.setattr(dateparser, "parse", lambda *a, **k: asked.append(a))
    damaged = ("12Jan 1", "3Jul 1", "Activity | Sep | 12Oct | 12Nov | 12Dec | 12Jan 1 | 3Feb | 13Mar | 13Apr")
    assert [parse_period(t) for t in damaged] == [None, None, None]
    assert asked == []

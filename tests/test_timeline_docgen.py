"""Appendix A timelines through the real readers: DOCX and PDF built with tests/docgen.py."""
from __future__ import annotations

import datetime as dt

import pytest
from docgen import minutes_docx, minutes_pdf

from govbot.config import Limits
from govbot.extract.timeline import read_timeline
from govbot.ingest import read_path

D = dt.date
REPORT = ("Report of the Director of Place (PL/25/03)\n\n"
          "1. Recommendations\n\n"
          "That the Highways Depot Rationalisation programme be approved.\n\n")
GANTT = [("Site surveys", "2025-04", "2025-05"),
         ("Planning application", "2025-06", "2025-08"),
         ("Depot closure", "2025-11", "2025-11")]
GANTT_EXPECTED = {"Site surveys": (D(2025, 4, 1), D(2025, 5, 31)),
                  "Planning application": (D(2025, 6, 1), D(2025, 8, 31)),
                  "Depot closure": (D(2025, 11, 1), D(2025, 11, 30))}
MILESTONES = ("Appendix A – Key milestones",
              [["Milestone", "Start", "Completion", "Lead"],
               ["Staff consultation", "w/c 5 May 2025", "June 2025", "Head of HR"],
               ["Depot sale", "Q3 2025", "Q4 2025", "Head of Property"]])
MILESTONES_EXPECTED = {"Staff consultation": (D(2025, 5, 5), D(2025, 6, 30)),
                       "Depot sale": (D(2025, 7, 1), D(2025, 12, 31))}
LINES = REPORT + ("Appendix A – Timeline\n\n"
                  "Site surveys – April 2025\n\n"
                  "Planning application submitted – August 2025\n\n"
                  "Depot closed (November 2025)\n\n")
LINES_EXPECTED = {"Site surveys": (D(2025, 4, 1), D(2025, 4, 30)),
                  "Planning application submitted": (D(2025, 8, 1), D(2025, 8, 31)),
                  "Depot closed": (D(2025, 11, 1), D(2025, 11, 30))}

BUILDERS = {"docx": minutes_docx, "pdf": minutes_pdf}


def timeline(tmp_path, fmt, text, **kwargs):
    path = BUILDERS[fmt](text, tmp_path / f"report.{fmt}", **kwargs)
    milestones, notes = read_timeline(read_path(path, Limits()))
    return {m.name: (m.start, m.end) for m in milestones}, milestones, notes


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_gantt_of_shaded_months(tmp_path, fmt):
    found, _, notes = timeline(tmp_path, fmt, REPORT, gantt=GANTT)
    assert found == GANTT_EXPECTED and notes == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_milestone_table_with_owner(tmp_path, fmt):
    found, milestones, _ = timeline(tmp_path, fmt, REPORT, tables=[MILESTONES])
    assert found == MILESTONES_EXPECTED
    assert milestones[1].owner == "Head of Property"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_activity_month_lines(tmp_path, fmt):
    found, _, notes = timeline(tmp_path, fmt, LINES)
    assert found == LINES_EXPECTED and notes == []


def test_docx_picture_timeline_says_so(tmp_path):
    from docx import Document
    from PIL import Image

    png = tmp_path / "gantt.png"
    Image.new("RGB", (200, 80), "navy").save(png)
    doc = Document()
    doc.add_paragraph("That the programme be approved.")
    doc.add_heading("Appendix A – Timeline", level=1)
    doc.add_picture(str(png))
    doc.save(tmp_path / "pic.docx")
    milestones, notes = read_timeline(read_path(tmp_path / "pic.docx", Limits()))
    assert milestones == []
    assert any("is a picture" in n and "govbot timeline import REF FILE.csv|yaml" in n for n in notes)

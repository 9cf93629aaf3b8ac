"""Which PDF pages are read again for tables: only pages that draw a grid or shading.

A page of plain text under a running header with a rule must stay on the fast path;
a page with a ruled table or a shaded Gantt chart must go to the table reader."""
from __future__ import annotations

import pypdfium2 as pdfium

from docgen import minutes_pdf
from govbot.ingest.pdf import _needs_tables, _read_page

TEXT = ("Cabinet\n\nMinutes of the meeting held on 12 March 2025\n\n"
        "41 Library Service Opening Hours\n\n"
        "RESOLVED that the revised opening hours be agreed.")


def _flags(path) -> list[bool]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [_needs_tables(_read_page(pdf, i, path.name)) for i in range(len(pdf))]
    finally:
        pdf.close()


def test_plain_text_under_a_header_rule_is_not_read_for_tables(tmp_path):
    path = minutes_pdf(TEXT, tmp_path / "plain.pdf")
    assert _flags(path) == [False]


def test_a_ruled_table_is_read_for_tables(tmp_path):
    rows = [["Milestone", "Date"], ["Options appraisal", "June 2025"], ["Contract award", "March 2026"]]
    path = minutes_pdf(TEXT, tmp_path / "table.pdf", tables=[("Appendix A – Timeline", rows)])
    assert _flags(path) == [True]


def test_a_shaded_gantt_is_read_for_tables(tmp_path):
    gantt = {"caption": "Appendix A – Timeline",
             "rows": [("Consultation", "2025-04", "2025-06"), ("Contract award", "2025-09", "2025-10")]}
    path = minutes_pdf(TEXT, tmp_path / "gantt.pdf", gantt=gantt)
    assert _flags(path) == [True]


def _read(path, monkeypatch, grids: bool):
    import govbot.ingest.pdf as pdf_reader
    from govbot.config import Limits

    monkeypatch.setattr(pdf_reader, "READ_GRIDS", grids)
    return pdf_reader.read_pdf(path.read_bytes(), path.name, Limits())


def test_ruled_tables_read_from_the_grid_match_pdfplumber(tmp_path, monkeypatch):
    """The fast grid reader gives the same cells, shading, caption and text as pdfplumber."""
    rows = [["Scheme", "2025/26 £000", "Total"], ["Northfield Primary", "1,200", "1,200"],
            ["Marsh Lane depot", "350", "350"]]
    gantt = {"caption": "Appendix A – Timeline",
             "rows": [("Consultation", "2025-04", "2025-06"), ("Contract award", "2025-09", "2025-10")]}
    path = minutes_pdf(TEXT, tmp_path / "both.pdf", tables=[("Capital programme", rows)], gantt=gantt)
    fast, slow = _read(path, monkeypatch, True), _read(path, monkeypatch, False)
    assert fast.tables[0].rows == rows
    assert fast.tables[0].caption == "Capital programme"
    shaded = fast.tables[1].shaded
    assert shaded[1][1:4] == [True, True, True] and not any(shaded[2][1:6])
    assert [t.model_dump() for t in fast.tables] == [t.model_dump() for t in slow.tables]
    assert fast.text == slow.text

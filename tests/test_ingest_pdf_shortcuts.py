"""The PDF reader's shortcuts give what the long way gives: paragraphs of clean pages not cleaned again, pdfium called without
ctypes argument checks (weights by name, shapes inside form XObjects) and on its own
handles (a page's text as pypdfium2 gives it)."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from docgen import _pdf_fonts
from govbot.config import Limits
from govbot.ingest import read_bytes
from govbot.ingest.pdf import _UNCLEAN, _is_clean, _join, _needs_tables, _read_page, _text_range


@pytest.mark.parametrize("lines", [
    ["The Cabinet considered the", " Report of the Director. "],
    ["decision-", "making by the Cabinet"],
    ["a long line ending in 2025-", "26 figures", "and a third – line"],
    ["one line only "],
])
def test_clean_lines_join_as_the_cleaned_join(lines):
    assert _is_clean("\r\n".join(lines))
    assert _join(lines, clean=True) == _join(lines, clean=False)


@pytest.mark.parametrize("mark", _UNCLEAN)
def test_a_page_with_a_space_to_fold_or_a_soft_hyphen_is_not_clean(mark):
    assert not _is_clean(f"Minutes of the{mark}meeting")
    assert not _is_clean(f"Appendix A – Timeline{mark}2025")  # not ASCII
    assert _is_clean("Minutes of the meeting") and _is_clean("Appendix A – Timeline")


def _pdf(path, draw) -> bytes:
    page = canvas.Canvas(str(path), pagesize=A4)
    draw(page)
    page.showPage()
    page.save()
    return path.read_bytes()


def test_odd_spaces_are_still_folded(tmp_path):
    def draw(page):
        page.setFont("Helvetica-Bold", 12)
        page.drawString(56, 780, "41 Library Service")
        page.setFont(_pdf_fonts()[0], 10)
        page.drawString(56, 750, "Members\u2009noted the report and")
        page.drawString(56, 737, "asked about the\u2009opening hours.")
    data = _pdf(tmp_path / "spaces.pdf", draw)
    pdf = pdfium.PdfDocument(data)
    try:
        assert not _read_page(pdf, 0, "spaces.pdf").clean  # pdfium keeps the thin spaces
    finally:
        pdf.close()
    doc = read_bytes(data, "spaces.pdf", Limits())
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]  # Helvetica-Bold: bold by name
    assert doc.blocks[1].text == "Members noted the report and asked about the opening hours."


def test_a_grid_inside_a_form_xobject_is_read_for_tables(tmp_path):
    def draw(page):
        page.beginForm("grid")
        for y in (600, 620, 640):
            page.line(56, y, 400, y)
        for x in (56, 200, 400):
            page.line(x, 600, x, 640)
        page.endForm()
        page.doForm("grid")
        page.setFont("Helvetica", 10)
        page.drawString(60, 625, "Milestone")
        page.drawString(60, 605, "Options appraisal")
    path = tmp_path / "form.pdf"
    _pdf(path, draw)
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert _needs_tables(_read_page(pdf, 0, path.name))
    finally:
        pdf.close()


def test_a_page_text_is_what_pypdfium2_gives(tmp_path):
    def draw(page):
        page.setFont(_pdf_fonts()[0], 10)
        page.drawString(56, 780, "Example County Council – Cabinet")
        page.drawString(56, 760, "Maths \U0001d400 outside the BMP, then a hyphen-")
        page.drawString(56, 747, "ated word.")
    pdf = pdfium.PdfDocument(_pdf(tmp_path / "text.pdf", draw))
    try:
        textpage = pdf[0].get_textpage()
        count = textpage.count_chars()
        assert count > 0 and _text_range(textpage.raw, count) == textpage.get_text_range(0, count)
    finally:
        pdf.close()

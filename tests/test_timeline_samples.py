"""The sample report CS/25/07 (DOCX and PDF) yields the same Appendix A milestones."""
from __future__ import annotations

import datetime as dt
import importlib.util

import pdfplumber
import pytest
from docx import Document as DocxDocument
from docx.oxml.ns import qn

from govbot.config import PROJECT_ROOT
from govbot.domain import Document, Table
from govbot.extract.timeline import read_timeline
from govbot.ingest.pdf_gantt import gantt_tables

SAMPLES = PROJECT_ROOT / "samples"
DOCX = SAMPLES / "cabinet_report_CS-25-07.docx"
PDF = SAMPLES / "cabinet_report_CS-25-07.pdf"
D = dt.date
EXPECTED = {
    "Prior Information Notice and market testing questionnaire": (D(2025, 3, 1), D(2025, 4, 30)),
    "Procurement options appraisal": (D(2025, 4, 1), D(2025, 6, 30)),
    "Provider engagement": (D(2025, 5, 1), D(2025, 9, 30)),
    "Service specifications": (D(2025, 7, 1), D(2025, 10, 31)),
    "Equality Impact Assessment": (D(2025, 7, 1), D(2025, 9, 30)),
    "Dynamic purchasing system in place": (D(2026, 1, 1), D(2026, 1, 31)),
}


def by_name(milestones):
    return {m.name: (m.start, m.end) for m in milestones}


def _cell_shaded(cell) -> bool:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    fill = shd.get(qn("w:fill")) if shd is not None else None
    return bool(fill) and fill.lower() not in ("auto", "ffffff")


def docx_as_document(path) -> Document:
    """A plain reading of the DOCX (text and cell shading), independent of govbot.ingest."""
    src = DocxDocument(path)
    tables = [Table(rows=[[c.text for c in row.cells] for row in t.rows],
                    shaded=[[_cell_shaded(c) for c in row.cells] for row in t.rows],
                    caption="Appendix A – Timeline") for t in src.tables]
    text = "\n".join(p.text for p in src.paragraphs)
    return Document(name=path.name, format="docx", text=text, tables=tables)


def pdf_as_document(path) -> Document:
    tables, text = [], []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables += gantt_tables(page)
            text.append(page.extract_text() or "")
            page.close()
    return Document(name=path.name, format="pdf", text="\n".join(text), tables=tables)


def test_docx_sample_timeline():
    milestones, notes = read_timeline(docx_as_document(DOCX))
    assert by_name(milestones) == EXPECTED and notes == []


def test_pdf_sample_timeline():
    milestones, notes = read_timeline(pdf_as_document(PDF))
    assert by_name(milestones) == EXPECTED and notes == []


@pytest.mark.parametrize("path", [DOCX, PDF], ids=["docx", "pdf"])
def test_read_path_then_read_timeline(path):
    from govbot.config import Limits
    from govbot.ingest import read_path

    document = read_path(path, Limits())
    milestones, notes = read_timeline(document)
    assert by_name(milestones) == EXPECTED and notes == []


def _extract_ready() -> bool:
    try:
        from govbot.extract import parse_document  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.parametrize("path", [DOCX, PDF], ids=["docx", "pdf"])
def test_parse_path_attaches_the_timeline(path):
    if not _extract_ready():
        pytest.skip("govbot.extract.parse_document is not in place yet")
    from govbot.config import load_config
    from govbot.service import parse_path

    parsed = parse_path(path, load_config())
    assert by_name(parsed.timeline) == EXPECTED


def test_generator_reproduces_the_samples(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_report", SAMPLES / "make_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build_pdf(tmp_path / "r.pdf")
    module.build_docx(tmp_path / "r.docx")
    assert by_name(read_timeline(pdf_as_document(tmp_path / "r.pdf"))[0]) == EXPECTED
    assert by_name(read_timeline(docx_as_document(tmp_path / "r.docx"))[0]) == EXPECTED

"""The same minutes as text, PDF (reportlab) and DOCX (python-docx) give the same decisions."""
from __future__ import annotations

from pathlib import Path

import pytest

from govbot.config import load_config
from govbot.extract import parse_document, parse_text
from govbot.ingest import read_path

DRAFTING = Path(__file__).parent / "drafting"


def _summary(parsed):
    return [(i.number, [(r.label, r.kinds, r.text) for r in i.resolutions],
             [(d.delegates, d.consultees, d.power, d.condition) for d in i.delegations],
             sorted((o.kind, o.due or "") for o in i.obligations), i.mover, i.seconder, i.report_ref)
            for i in parsed.items if i.resolutions]


def _pdf(paras: list[str], path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(p.replace("&", "&amp;").replace("\n", " "), style) for p in paras])


def _docx(paras: list[str], path: Path) -> None:
    import docx

    document = docx.Document()
    for p in paras:
        document.add_paragraph(p)
    document.save(str(path))


@pytest.mark.parametrize("source", ["samples/cabinet_minutes_2025-03-12.txt", "tests/drafting/borough_cabinet_minutes.txt",
                                    "tests/drafting/district_decision_page.txt"])
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_pdf_and_docx_give_the_same_structure_as_text(source, kind, tmp_path):
    pytest.importorskip("reportlab")
    text = (Path(__file__).parent.parent / source).read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if p.strip()]
    target = tmp_path / f"minutes.{kind}"
    (_pdf if kind == "pdf" else _docx)(paras, target)
    document = read_path(target, load_config().limits)
    assert _summary(parse_document(document)) == _summary(parse_text(text))

"""Rendering decision records: Word content and section order, Markdown, hostile text, lint."""
import shutil
import subprocess
import zipfile

import docx
import pytest

from govbot.records.examples import complete_record
from govbot.records.model import DecisionRecord, todo
from govbot.records.render import (
    DOCX_TEMPLATE,
    PdfUnavailable,
    TemplateProblem,
    libreoffice,
    render_docx,
    render_markdown,
    render_pdf,
)

SECTIONS = ["Title", "Decision maker", "Authority", "Consultation", "Key decision", "Exempt information",
            "Decision", "Reasons for the decision", "Alternative options considered and rejected",
            "Implications", "Conflicts of interest and dispensations", "Background papers",
            "Call-in and effective from", "Contact officer", "Signature", "Publication date"]
HOSTILE = "{{ 7*7 }} {% for x in y %} <&> ]]> \"quoted\" 'single'"


def paragraphs(path):
    return [p.text for p in docx.Document(str(path)).paragraphs]


def headings(path):
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]


def test_docx_has_every_section_in_the_published_order(tmp_path):
    out = render_docx(complete_record(), tmp_path / "r.docx", council="Example County Council")
    assert headings(out) == SECTIONS


def test_docx_carries_what_the_register_knows(tmp_path):
    out = render_docx(complete_record(), tmp_path / "r.docx", council="Example County Council", call_in_days=5)
    text = "\n".join(paragraphs(out))
    assert "Alex Morgan, Director of Children & Young People's Futures" in text
    assert "Cabinet, meeting of 12 March 2025, minute 41 (Home to School Transport: Commissioning Strategy), " \
           "resolution (d), report CS/25/07" in text
    assert "“that following completion of a full procurement options appraisal, delegated authority" in text
    assert "Milestone: Procurement options appraisal (planned to finish 30 June 2025). Met as of 1 July 2025." in text
    assert "Councillor Jo Evans, Cabinet Member for Children's SEND Improvement Services: consulted 25 June 2025" in text
    assert "Response: Agreed the proposed route. (confirmed 26 June 2025 at 10:00 (UK time))" in text
    assert "Yes. Forward plan (key decision notice) reference: FP/2025/031" in text
    assert "Impact assessment: Equality Impact Assessment; due 2025-09-30; status: open" in text
    assert "None declared." in text
    assert "Report CS/25/07 to Cabinet, 12 March 2025" in text
    assert "5 working days after publication" in text
    header = docx.Document(str(out)).sections[0].header.paragraphs[0].text
    assert header == "Example County Council · Officer Decision Record R0001"


def test_officer_only_fields_are_marked_to_complete(tmp_path):
    record = DecisionRecord(title="Draft")
    text = "\n".join(paragraphs(render_docx(record, tmp_path / "d.docx")))
    for gap in ("TO COMPLETE: the decision taken", "TO COMPLETE: the reasons for the decision",
                "TO COMPLETE: alternative options considered and rejected",
                "TO COMPLETE: is this a key decision?", "TO COMPLETE: contact officer"):
        assert gap in text
    markdown = render_markdown(record)
    assert "TO COMPLETE: the decision taken" in markdown


def test_exempt_record_cites_schedule_12a_and_keeps_detail_out(tmp_path):
    record = complete_record(exempt=True, exempt_paragraph=3, exempt_detail="Bid prices: £1.2m")
    text = "\n".join(paragraphs(render_docx(record, tmp_path / "e.docx")))
    assert "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972" in text
    assert "Bid prices" not in text
    assert "Bid prices" not in render_markdown(record)


@pytest.mark.parametrize("field", ["title", "decision", "reasons", "contact"])
def test_hostile_text_is_data_in_docx_and_markdown(tmp_path, field):
    record = complete_record(**{field: HOSTILE})
    out = render_docx(record, tmp_path / "h.docx")
    assert HOSTILE in paragraphs(out)
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "49" not in xml and "&lt;&amp;&gt; ]]&gt;" in xml
    assert f"\n{HOSTILE}\n" in render_markdown(record)


def test_hostile_text_in_lists_and_clause(tmp_path):
    record = complete_record(background_papers=[HOSTILE])
    record.authority.clause_text = HOSTILE
    out = render_docx(record, tmp_path / "l.docx")
    assert HOSTILE in paragraphs(out)
    assert f"“{HOSTILE}”" in paragraphs(out)
    assert f"- {HOSTILE}\n" in render_markdown(record)


def test_control_characters_cannot_break_the_document(tmp_path):
    out = render_docx(complete_record(reasons="a\x07b\x0cc\x00d"), tmp_path / "c.docx")
    assert "abcd" in paragraphs(out)


def test_markdown_has_every_section_in_order():
    markdown = render_markdown(complete_record())
    found = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert found == SECTIONS
    assert "> that following completion of a full procurement options appraisal" in markdown


# --- the template lint ----------------------------------------------------------------------


def edit_template(tmp_path, old, new):
    """A copy of the shipped template with one piece of its XML changed, as Word might."""
    target = tmp_path / "edited.docx"
    with zipfile.ZipFile(DOCX_TEMPLATE) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                assert old in text
                data = text.replace(old, new, 1).encode()
            dst.writestr(item, data)
    return target


def test_split_braces_are_reported(tmp_path):
    bad = edit_template(tmp_path, "{{ reasons }}",
                        '{</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>{ reasons }}')
    with pytest.raises(TemplateProblem, match="braces are split across Word runs near"):
        render_docx(complete_record(), tmp_path / "x.docx", template=bad)


def test_curly_quotes_inside_a_tag_are_reported(tmp_path):
    bad = edit_template(tmp_path, "{{ reasons }}", "{{ reasons or “none” }}")
    with pytest.raises(TemplateProblem, match="curly quotes inside the tag"):
        render_docx(complete_record(), tmp_path / "x.docx", template=bad)


def test_unknown_variables_are_reported(tmp_path):
    bad = edit_template(tmp_path, "{{ reasons }}", "{{ reasonz }}")
    with pytest.raises(TemplateProblem, match="unknown variable 'reasonz'"):
        render_docx(complete_record(), tmp_path / "x.docx", template=bad)


def test_unclosed_tag_is_reported(tmp_path):
    bad = edit_template(tmp_path, "{{ reasons }}", "{{ reasons ")
    with pytest.raises(TemplateProblem, match="not closed"):
        render_docx(complete_record(), tmp_path / "x.docx", template=bad)


def test_template_cannot_reach_python_internals(tmp_path):
    bad = edit_template(tmp_path, "{{ reasons }}", "{{ reasons.__class__.__mro__ }}")
    with pytest.raises(TemplateProblem, match="unsafe|__class__"):
        render_docx(complete_record(), tmp_path / "x.docx", template=bad)


def test_undefined_attribute_is_an_error_not_blank(tmp_path):
    bad = edit_template(tmp_path, "{{ reasons }}", "{{ reasons.nothing_here }}")
    with pytest.raises(TemplateProblem, match="nothing_here"):
        render_docx(complete_record(), tmp_path / "x.docx", template=bad)


def test_missing_or_broken_template_file(tmp_path):
    with pytest.raises(TemplateProblem, match="template is missing"):
        render_docx(complete_record(), tmp_path / "x.docx", template=tmp_path / "none.docx")
    junk = tmp_path / "junk.docx"
    junk.write_text("not a zip")
    with pytest.raises(TemplateProblem, match="not a Word .docx file"):
        render_docx(complete_record(), tmp_path / "x.docx", template=junk)


def test_template_build_script_reproduces_the_shipped_template(tmp_path):
    import runpy

    built = runpy.run_path(str(DOCX_TEMPLATE.parent / "build_decision_record.py"))["build"](tmp_path / "t.docx")
    assert paragraphs(built) == paragraphs(DOCX_TEMPLATE)


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_without_libreoffice_says_so_plainly(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    out = render_docx(complete_record(), tmp_path / "r.docx")
    with pytest.raises(PdfUnavailable) as missing:
        render_pdf(out)
    assert str(missing.value) == f"PDF needs LibreOffice, which is not installed; the DOCX is at {out}"


@pytest.mark.libreoffice
def test_pdf_first_page_renders(tmp_path):
    if libreoffice() is None or shutil.which("pdftoppm") is None:
        pytest.skip("needs LibreOffice (soffice) and pdftoppm, which are not installed")
    pdf = render_pdf(render_docx(complete_record(), tmp_path / "r.docx"))
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 1000


def test_html_page_escapes_hostile_text_and_keeps_section_order():
    from govbot.records.render import render_html

    page = render_html(complete_record(title=HOSTILE, reasons="<script>alert(1)</script>"))
    assert "{{ 7*7 }} {% for x in y %} &lt;&amp;&gt; ]]&gt;" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    found = [line[4:-5] for line in page.splitlines() if line.startswith("<h2>")]
    assert found == SECTIONS

"""Each format read into a Document: clean reading-order text, blocks, tables, shading."""
from __future__ import annotations

import io
import zipfile

import pytest

from docgen import minutes_docx, minutes_html, minutes_pdf, shade_cell
from govbot.config import Limits
from govbot.ingest import read_bytes, read_path, sniff

LIMITS = Limits()

MINUTES = """Example Borough Council

Cabinet

Minutes of the meeting held on Tuesday, 4 February 2025

17 Waste Collection Contract

The Cabinet considered the Report of the Director of Place (PL/25/03) on the waste collection contract.

RESOLVED

(a) that the procurement of a new waste collection contract be approved;

(b) that delegated authority be given to the Director of Place, in consultation with the Cabinet Member for Environment, to award the contract within the approved budget."""

GANTT = [("Prior information notice", "2025-04", "2025-05"),
         ("Procurement options appraisal", "2025-05", "2025-07"),
         ("Framework in place", "2025-12", "2026-01")]


def paras(doc) -> list[str]:
    return [" ".join(b.text.split()) for b in doc.blocks if b.kind != "table_row"]


def check_spans(doc) -> None:
    for block in doc.blocks:
        assert doc.text[block.span[0]:block.span[1]] == block.text


# --- sniffing ----------------------------------------------------------------------------


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html><body>x</body></html>", "html"),
    (b"\n\n<div class='mgContent'><p>RESOLVED</p></div>", "html"),
    ("<p>RESOLVED</p>".encode("utf-16"), "html"),
    (b"RESOLVED that the <p> tag be noted", "text"),
    (b"Cabinet\n\nRESOLVED that the report be noted.", "text"),
])
def test_sniff_reads_the_content(data, kind):
    assert sniff(data) == kind


def test_the_file_name_does_not_decide_the_format(tmp_path):
    pdf = minutes_pdf(MINUTES, tmp_path / "minutes.pdf")
    disguised = tmp_path / "minutes.txt"
    disguised.write_bytes(pdf.read_bytes())
    assert read_path(disguised, LIMITS).format == "pdf"
    page = minutes_html(MINUTES, tmp_path / "page.html")
    as_doc = tmp_path / "page.doc"
    as_doc.write_bytes(page.read_bytes())
    assert read_path(as_doc, LIMITS).format == "html"


# --- plain text --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_in_each_encoding_reads_the_same(encoding):
    text = "Cabinet\r\n\r\nThe Director of Children’s Services – café £5m.\r\n"
    doc = read_bytes(text.encode(encoding), "m.txt", LIMITS)
    assert doc.format == "text"
    assert doc.text == text.replace("\r\n", "\n")
    assert paras(doc) == ["Cabinet", "The Director of Children’s Services – café £5m."]


def test_latin1_bytes_outside_windows_1252_still_read():
    doc = read_bytes("Caf\xe9 \x81 note".encode("latin-1"), "m.txt", LIMITS)
    assert doc.text.startswith("Café")


def test_text_keeps_its_own_layout_and_spans(sample_minutes):
    raw = sample_minutes.read_text(encoding="utf-8")
    doc = read_path(sample_minutes, LIMITS)
    assert doc.text == raw
    check_spans(doc)
    assert any(b.text.startswith("(d) that following completion") for b in doc.blocks)


# --- HTML --------------------------------------------------------------------------------


PAGE = """<!DOCTYPE html><html><head><title>Issue</title>
<script>document.write('<p>RESOLVED that the script win</p>')</script><style>.x{}</style></head>
<body><nav>Home &gt; Meetings</nav><header>Example Borough Council</header>
<div id="breadcrumb">You are here</div>
<div class="mgContent"><h2 class="mgSubTitleTxt">Decision:</h2>
<p>RESOLVED</p><p>(a) that the strategy, as set out in the<br>Report, be agreed; and</p>
<ol type="a" start="2"><li>that the principle be endorsed;</li><li><p>that progress be noted.</p></li></ol>
<ol><li>First</li><li value="5">Fifth</li></ol><ul><li>a bullet</li></ul>
<p>&nbsp;</p><span style="display: none">hidden words</span>
<table class="layout"><tr><td><p>Minutes:</p></td><td><p>The Cabinet considered the Report.</p></td></tr></table>
<table><caption>Appendix A – Timeline</caption>
<tr><th>Activity</th><th>Apr 25</th><th>May 25</th></tr>
<tr><td>Prior information notice</td><td bgcolor="#2E75B6">&nbsp;</td><td style="background-color:#fff"></td></tr>
<tr><td colspan="2">Engagement</td><td style="background: rgb(46, 117, 182)"></td></tr></table>
</div><form><input value="Search"></form><footer>Copyright</footer></body></html>"""


def test_html_page_reads_as_its_reader_sees_it():
    doc = read_bytes(PAGE.encode(), "issue.html", LIMITS)
    assert doc.format == "html"
    check_spans(doc)
    assert paras(doc) == [
        "Decision:", "RESOLVED", "(a) that the strategy, as set out in the Report, be agreed; and",
        "(b) that the principle be endorsed;", "(c) that progress be noted.", "1. First", "5. Fifth",
        "a bullet", "Minutes:", "The Cabinet considered the Report."]
    kinds = {b.text.split()[0]: b.kind for b in doc.blocks}
    assert kinds["Decision:"] == "heading" and kinds["(b)"] == "list_item"
    assert "the Report, be agreed" not in doc.text  # <br> kept as a line break
    assert "as set out in the\nReport, be agreed" in doc.text
    for junk in ("script win", "Home", "Example Borough", "You are here", "hidden", "Search", "Copyright"):
        assert junk not in doc.text


def test_html_tables_keep_rows_shading_and_caption():
    doc = read_bytes(PAGE.encode(), "issue.html", LIMITS)
    [table] = doc.tables
    assert table.caption == "Appendix A – Timeline"
    assert table.rows == [["Activity", "Apr 25", "May 25"], ["Prior information notice", "", ""],
                          ["Engagement", "", ""]]
    assert table.shaded == [[False, False, False], [False, True, False], [False, False, True]]
    rows = [b.text for b in doc.blocks if b.kind == "table_row"]
    assert rows == ["Activity | Apr 25 | May 25", "Prior information notice", "Engagement"]


def test_html_in_windows_1252_honours_its_meta_charset(tmp_path):
    text = "The Director of Children’s Services – café £5m was agreed."
    path = minutes_html(text, tmp_path / "legacy.html", encoding="windows-1252")
    assert "’".encode("cp1252") in path.read_bytes()
    doc = read_path(path, LIMITS)
    assert text in doc.text
    old = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">' \
          b"</head><body><p>Children\x92s \x96 caf\xe9</p></body></html>"
    assert read_bytes(old, "old.htm", LIMITS).text == "Children’s – café"


def test_html_hostile_nesting_and_scripts_are_survived():
    deep = "<div>" * 100_000 + "<p>RESOLVED that the report be noted.</p>" + "</div>" * 100_000
    hostile = ("<html><body>" + "<script>" + "x" * 100_000 + "</script>" + deep
               + "<p onclick='evil()'>Signed</p><iframe src='x'>frame text</iframe></body></html>")
    doc = read_bytes(hostile.encode(), "hostile.html", LIMITS)
    assert "xxxx" not in doc.text and "frame text" not in doc.text
    assert "Signed" in doc.text
    nested_lists = "<html><body>" + "<ol><li>" * 5000 + "deep" + "</li></ol>" * 5000 + "</body></html>"
    assert "deep" in read_bytes(nested_lists.encode(), "lists.html", LIMITS).text


def test_html_matches_the_same_page_as_text(tmp_path, sample_minutes):
    raw = sample_minutes.read_text(encoding="utf-8")
    doc = read_path(minutes_html(raw, tmp_path / "m.html"), LIMITS)
    text_doc = read_path(sample_minutes, LIMITS)
    assert paras(doc)[1:] == paras(text_doc)  # the page's <h1> title comes first


# --- PDF ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "minutes.pdf"
    long_text = MINUTES + "\n\n" + "\n\n".join(
        f"{n} Item {n}\n\nThe Cabinet considered the Report of the Director of Finance and Public Value on "
        "the budget monitoring position for the quarter, which set out the forecast outturn, the "
        "savings delivered and the risks to the medium term financial strategy." for n in range(18, 40))
    minutes_pdf(long_text, path, tables=[("Attendance", [["Member", "Portfolio"], ["Councillor Baker", "Finance"]])],
                gantt=GANTT)
    return read_path(path, LIMITS)


def test_pdf_text_is_paragraphs_without_running_headers(pdf_doc):
    assert pdf_doc.format == "pdf" and pdf_doc.pages >= 2
    check_spans(pdf_doc)
    assert paras(pdf_doc)[:8] == [" ".join(p.split()) for p in MINUTES.split("\n\n")]
    assert "Cabinet minutes" not in pdf_doc.text  # the running header
    assert "Page 1" not in pdf_doc.text and "Page 2" not in pdf_doc.text
    assert [b.page for b in pdf_doc.blocks][0] == 1 and pdf_doc.blocks[-1].page == pdf_doc.pages


def test_pdf_tables_and_gantt_shading(pdf_doc):
    attendance, gantt = pdf_doc.tables
    assert attendance.rows == [["Member", "Portfolio"], ["Councillor Baker", "Finance"]]
    assert attendance.caption == "Attendance"
    assert gantt.caption == "Appendix A – Timeline"
    assert gantt.rows[0][:3] == ["Activity", "Apr 25", "May 25"]
    assert [r[0] for r in gantt.rows[1:]] == [g[0] for g in GANTT]
    assert gantt.shaded[1][1:4] == [True, True, False]
    assert gantt.shaded[3][-2:] == [True, True]
    rows = [b.text for b in pdf_doc.blocks if b.kind == "table_row"]
    assert "Councillor Baker | Finance" in rows and "Procurement options appraisal" in rows
    assert "Member Portfolio" not in pdf_doc.text  # the table's lines are not repeated as text


def _canvas_pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    draw(c)
    c.save()
    return buf.getvalue()


def test_pdf_line_ends_hyphens_and_paragraph_over_a_page():
    def draw(c):
        c.setFont("Helvetica", 11)
        y = 700
        for line in ["The Cabinet agreed the decision-", "making framework and the co-",
                     "ordination of the programme, which"]:
            c.drawString(72, y, line)
            y -= 14
        c.showPage()
        c.setFont("Helvetica", 11)
        c.drawString(72, 700, "would run to March 2026.")
        c.drawString(72, 670, "RESOLVED that the report be noted.")
        c.showPage()

    doc = read_bytes(_canvas_pdf(draw), "h.pdf", LIMITS)
    assert paras(doc) == ["The Cabinet agreed the decision-making framework and the co-ordination "
                          "of the programme, which would run to March 2026.",
                          "RESOLVED that the report be noted."]


def test_pdf_page_that_is_an_image_is_noted():
    from reportlab.lib.utils import ImageReader
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (200, 100), "navy").save(picture, format="PNG")

    def draw(c):
        c.setFont("Helvetica", 11)
        c.drawString(72, 700, "RESOLVED that the report be noted.")
        c.showPage()
        picture.seek(0)
        c.drawImage(ImageReader(picture), 50, 200, width=500, height=400)
        c.showPage()

    doc = read_bytes(_canvas_pdf(draw), "report.pdf", LIMITS)
    assert doc.text == "RESOLVED that the report be noted."
    assert any("page 2" in note and "govbot timeline import" in note for note in doc.notes)


# --- DOCX --------------------------------------------------------------------------------


def test_docx_body_order_headings_tables_and_shading(tmp_path):
    path = minutes_docx(MINUTES, tmp_path / "m.docx", headings=["17 Waste Collection Contract"],
                        tables=[("Attendance", [["Member", "Portfolio"], ["Councillor Baker", "Finance"]])],
                        gantt=GANTT)
    doc = read_path(path, LIMITS)
    assert doc.format == "docx"
    check_spans(doc)
    assert paras(doc)[:8] == [" ".join(p.split()) for p in MINUTES.split("\n\n")]
    assert [b.kind for b in doc.blocks if b.text.startswith("17 ")] == ["heading"]
    assert "OFFICIAL" not in doc.text and "Cabinet minutes" not in doc.text  # header, footer
    attendance, gantt = doc.tables
    assert attendance.caption == "Attendance" and attendance.shaded is None
    assert gantt.caption == "Appendix A – Timeline"
    assert gantt.shaded[1][1:4] == [True, True, False]
    assert gantt.shaded[3][-2:] == [True, True]
    order = [b.text for b in doc.blocks]
    assert order.index("Attendance") < order.index("Member | Portfolio") < order.index("Appendix A – Timeline")


def test_docx_numbered_paragraphs_get_their_numbers(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("RESOLVED")
    for clause in ("that the strategy be agreed;", "that the principle be endorsed; and"):
        document.add_paragraph(clause, style="List Number")
    document.add_paragraph("a point", style="List Bullet")
    merged = document.add_table(rows=2, cols=3)
    merged.cell(0, 0).text = "Activity"
    merged.cell(1, 0).text = "Engagement"
    bar = merged.cell(1, 1).merge(merged.cell(1, 2))
    shade_cell(bar)
    path = tmp_path / "n.docx"
    document.save(str(path))
    doc = read_path(path, LIMITS)
    assert paras(doc) == ["RESOLVED", "1. that the strategy be agreed;", "2. that the principle be endorsed; and",
                          "a point"]
    assert [b.kind for b in doc.blocks][1:4] == ["list_item"] * 3
    [table] = doc.tables
    assert table.shaded[1] == [False, True, True]  # a merged bar shades each month it spans
    assert "Engagement" in [b.text for b in doc.blocks]


def test_docx_picture_under_appendix_heading_is_noted(tmp_path):
    import docx
    from PIL import Image

    png = tmp_path / "gantt.png"
    Image.new("RGB", (60, 30), "navy").save(png)
    document = docx.Document()
    document.add_paragraph("The timeline is attached.")
    document.add_heading("Appendix A – Timeline", level=2)
    document.add_picture(str(png))
    path = tmp_path / "pic.docx"
    document.save(str(path))
    doc = read_path(path, LIMITS)
    assert any("Appendix A" in n and "govbot timeline import" in n for n in doc.notes)


def test_a_zip_that_is_not_word_is_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    from govbot.ingest import IngestError

    with pytest.raises(IngestError, match="not a Word document"):
        read_bytes(buf.getvalue(), "book.xlsx", LIMITS)


def test_pdf_bold_heading_stands_apart_from_its_text():
    def draw(c):
        c.setFont("Helvetica-Bold", 11)
        c.drawString(72, 700, "17 Waste Collection Contract")
        c.setFont("Helvetica", 11)
        y = 686
        for line in ["The Cabinet considered the Report of the Director of Place (PL/25/03) on the",
                     "waste collection contract and the options for its renewal from April 2026."]:
            c.drawString(72, y, line)
            y -= 14

    doc = read_bytes(_canvas_pdf(lambda c: (draw(c), c.showPage())), "b.pdf", LIMITS)
    assert [(b.kind, b.text[:20]) for b in doc.blocks] == [
        ("heading", "17 Waste Collection "), ("paragraph", "The Cabinet consider")]


def test_ligatures_from_a_pdf_text_layer_are_spelt_out(tmp_path):
    """A delegate printed with a typographic ligature ("O\ufb03cer") is read as the word it is."""
    from govbot.service import parse_path
    from govbot.config import load_config

    minutes = ("Cabinet\n\n5. Treasury\n\nRESOLVED that delegated authority be given to the Chief Finance O\ufb03cer, "
               "in consultation with the Cabinet Member for Finance, to a\ufb03rm the \ufb01nal borrowing limits.\n")
    text = tmp_path / "minutes.txt"
    text.write_text(minutes, encoding="utf-8")
    for path in (text, minutes_docx(minutes, tmp_path / "minutes.docx")):
        (item,) = parse_path(path, load_config()).items
        (delegation,) = item.delegations
        assert (delegation.delegates, delegation.power) == (["Chief Finance Officer"], "affirm the final borrowing limits")

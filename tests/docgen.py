"""Builders of minutes-like test documents: PDF (reportlab), DOCX (python-docx), HTML.

Shared by everyone's tests and benchmarks (`from docgen import minutes_pdf`; benchmarks
put `tests/` on sys.path). Text goes in as plain minutes text: paragraphs separated by
a blank line, lines inside a paragraph kept as line breaks where the format has them.

`tables`: a list of tables, each rows of cell text (first row the header) or a
(caption, rows) pair. `gantt`: Appendix A as a table of months with shaded cells: a
list of (activity, first month, last month) with months as "YYYY-MM", or a dict
{"caption": ..., "rows": [...]}; the months run from the earliest to the latest.
"""
from __future__ import annotations

import html
import math
import re
from pathlib import Path
from typing import Optional, Sequence, Union

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
GANTT_FILL = "2E75B6"
GANTT_CAPTION = "Appendix A – Timeline"
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

Rows = list[list[str]]
TableSpec = Union[Rows, tuple[Optional[str], Rows]]


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (runs of non-blank lines), each with its lines kept."""
    out = []
    for chunk in re.split(r"\n[ \t\u00a0]*\n\s*", text.replace("\r\n", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            out.append("\n".join(lines))
    return out


def _tables(tables: Optional[Sequence[TableSpec]]) -> list[tuple[Optional[str], Rows]]:
    out = []
    for spec in tables or []:
        if isinstance(spec, tuple):
            out.append((spec[0], [list(map(str, r)) for r in spec[1]]))
        else:
            out.append((None, [list(map(str, r)) for r in spec]))
    return out


def gantt_grid(gantt) -> tuple[str, list[str], list[tuple[str, list[bool]]]]:
    """(caption, month labels "Apr 25", [(activity, shaded per month)]) of a gantt spec."""
    caption, rows = GANTT_CAPTION, gantt
    if isinstance(gantt, dict):
        caption, rows = gantt.get("caption", GANTT_CAPTION), gantt["rows"]

    def month(value: str) -> int:
        year, mon = map(int, value.split("-")[:2])
        return year * 12 + mon - 1

    first = min(month(r[1]) for r in rows)
    last = max(month(r[2]) for r in rows)
    labels = [f"{MONTH_ABBR[m % 12]} {m // 12 % 100:02d}" for m in range(first, last + 1)]
    grid = [(name, [month(a) <= m <= month(b) for m in range(first, last + 1)]) for name, a, b in rows]
    return caption, labels, grid


# --- PDF -----------------------------------------------------------------------------------


def _pdf_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _pdf_story(text, tables, gantt, font, bold):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=8, alignment=TA_JUSTIFY)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=12, leading=15, spaceBefore=6, spaceAfter=8)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10)
    story = []
    for para in paragraphs(text):
        story.append(Paragraph(html.escape(para).replace("\n", " "), body))
    for caption, rows in _tables(tables):
        if caption:
            story.append(Paragraph(html.escape(caption), heading))
        table = Table([[Paragraph(html.escape(c), cell) for c in row] for row in rows], repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [table, Spacer(1, 10)]
    if gantt:
        caption, labels, grid = gantt_grid(gantt)
        story.append(Paragraph(html.escape(caption), heading))
        width = min(28.0, 320.0 / max(1, len(labels)))
        header = _month_headers(labels, width, font)
        data = [["Activity"] + header] + [[name] + [""] * len(labels) for name, _ in grid]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), font),
                 ("FONTSIZE", (0, 0), (-1, -1), 6.5)]
        if header is not labels:  # month over year in narrow columns, as a council's Gantt prints them
            style += [("LEFTPADDING", (1, 0), (-1, 0), 1), ("RIGHTPADDING", (1, 0), (-1, 0), 1)]
        for r, (_, marks) in enumerate(grid, start=1):
            for c, on in enumerate(marks, start=1):
                if on:
                    style.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#" + GANTT_FILL)))
        table = Table(data, colWidths=[150] + [width] * len(labels))
        table.setStyle(TableStyle(style))
        story.append(table)
    return story


def _month_headers(labels: list[str], width: float, font: str) -> list:
    """Month labels as they are, or, where "Apr 25" would run over its column into the next
    one, as two lines ("Apr" over "25") in a type small enough to fit."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    if all(stringWidth(label, font, 6.5) + 12 <= width for label in labels):
        return labels
    words = max((w for label in labels for w in label.split()), key=lambda w: stringWidth(w, font, 6.5))
    size = min(6.5, 6.5 * (width - 3) / stringWidth(words, font, 6.5))
    style = ParagraphStyle("month", fontName=font, fontSize=size, leading=size + 1)
    return [Paragraph("<br/>".join(html.escape(w) for w in label.split()), style) for label in labels]


def minutes_pdf(text: str, path, *, tables: Optional[Sequence[TableSpec]] = None, gantt=None,
                pages_target: Optional[int] = None, header: str = "Example County Council – Cabinet minutes") -> Path:
    """Minutes as a text-layer PDF: justified DejaVu (embedded) paragraphs, a running
    header with a rule and a "Page N" footer, ruled tables, a shaded Gantt.

    A running header is only recognised as such when it repeats, so a one-page PDF
    keeps it: pass header="" for none.

    `pages_target`: the text is repeated until the PDF has at least that many pages,
    and it is then cut to exactly that many."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    path = Path(path)
    font, bold = _pdf_fonts()

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8)
        if header:
            canvas.drawString(56, A4[1] - 40, header)
            canvas.line(56, A4[1] - 44, A4[0] - 56, A4[1] - 44)
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")
        canvas.restoreState()

    def build(repeat: int) -> int:
        story = []
        for _ in range(repeat):
            story += _pdf_story(text, tables, gantt, font, bold)
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=56, rightMargin=56, topMargin=60,
                                bottomMargin=50, title="Minutes", author="govbot tests")
        doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
        return doc.page

    repeat, pages = 1, build(1)
    while pages_target and pages < pages_target:
        repeat = max(repeat * 2, math.ceil(repeat * pages_target / pages * 1.1))
        pages = build(repeat)
    if pages_target and pages > pages_target:
        _cut_pdf(path, pages_target)
    return path


def _cut_pdf(path: Path, pages: int) -> None:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(path))
    target = pdfium.PdfDocument.new()
    target.import_pages(source, list(range(pages)))
    data_path = path.with_suffix(".cut.pdf")
    target.save(str(data_path))
    target.close()
    source.close()
    data_path.replace(path)


# --- DOCX ----------------------------------------------------------------------------------


def shade_cell(cell, fill: str = GANTT_FILL) -> None:
    """Give a python-docx table cell a fill, as Word does for a shaded Gantt month."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def minutes_docx(text: str, path, *, tables: Optional[Sequence[TableSpec]] = None, gantt=None,
                 headings: Sequence[str] = ()) -> Path:
    """Minutes as a Word document: one paragraph per paragraph of text (lines inside it
    as line breaks), `headings` (exact paragraph texts) in Heading styles, ruled tables,
    a Gantt with shaded cells, and a running header and footer that must not leak in."""
    import docx

    path = Path(path)
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Example County Council – Cabinet minutes"
    section.footer.paragraphs[0].text = "OFFICIAL"
    for para in paragraphs(text):
        if para in headings:
            document.add_heading(para, level=2)
            continue
        p = document.add_paragraph()
        for i, line in enumerate(para.split("\n")):
            run = p.add_run(line)
            if i < para.count("\n"):
                run.add_break()
    for caption, rows in _tables(tables):
        if caption:
            document.add_heading(caption, level=2)
        _docx_table(document, rows)
    if gantt:
        caption, labels, grid = gantt_grid(gantt)
        document.add_heading(caption, level=2)
        table = _docx_table(document, [["Activity"] + labels] + [[name] + [""] * len(labels) for name, _ in grid])
        for r, (_, marks) in enumerate(grid, start=1):
            for c, on in enumerate(marks, start=1):
                if on:
                    shade_cell(table.cell(r, c))
    document.save(str(path))
    return path


def _docx_table(document, rows: Rows):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


# --- HTML ----------------------------------------------------------------------------------


def minutes_html(text: str, path, encoding: str = "utf-8", *, tables: Optional[Sequence[TableSpec]] = None,
                 gantt=None, title: Optional[str] = "Issue - items at meetings") -> Path:
    """Minutes as a committee-system web page: page furniture (scripts, navigation,
    header, footer, a search form) around the content, one <p> per paragraph with <br>
    between its lines, a meta charset and the bytes in `encoding`. `title` is the page's
    <h1> (None for none)."""
    path = Path(path)
    body = [f"<p>{'<br>'.join(html.escape(line) for line in para.split(chr(10)))}</p>"
            for para in paragraphs(text)]
    for caption, rows in _tables(tables):
        body.append(_html_table(caption, rows))
    if gantt:
        caption, labels, grid = gantt_grid(gantt)
        rows = [["Activity"] + labels] + [[name] + [""] * len(labels) for name, _ in grid]
        body.append(_html_table(caption, rows, [[False] * (len(labels) + 1)] + [[False] + m for _, m in grid]))
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{encoding}"><title>{html.escape(title or "Minutes")}</title>
<script>window.dataLayer = []; document.write("<p>tracking</p>");</script>
<style>p {{ margin: 0 0 1em 0 }}</style></head>
<body><a class="skiplink" href="#content">Skip to content</a>
<header><div class="site-name">Example County Council</div></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/meetings">Meetings</a></li></ul></nav>
<form action="/search"><input name="q" value="Search"><button>Go</button></form>
<div id="content">{f"<h1>{html.escape(title)}</h1>" if title else ""}
{chr(10).join(body)}
</div>
<footer><p>Copyright Example County Council</p></footer></body></html>
"""
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    return path


def _html_table(caption: Optional[str], rows: Rows, shaded: Optional[list[list[bool]]] = None) -> str:
    out = ["<table border=\"1\">"]
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        cells = []
        for c, value in enumerate(row):
            fill = f' bgcolor="#{GANTT_FILL}"' if shaded and shaded[r][c] else ""
            cells.append(f"<{tag}{fill}>{html.escape(value)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


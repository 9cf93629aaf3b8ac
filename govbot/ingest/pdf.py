"""PDF minutes and reports: the text layer through pypdfium2, page by page.

pdfium is the fast path (about 1 ms a page). Only pages that draw ruled tables or
filled shapes are opened again with pdfplumber, whose tables (and Gantt charts of
shaded months or vector bars, read by `pdf_gantt`) replace the table's lines of text.
Lines are joined into paragraphs by the gaps between them; running headers, footers
and page numbers that repeat from page to page are dropped."""
from __future__ import annotations

import codecs
import ctypes
import io
import re
import statistics
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Iterable, Optional

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from govbot.config import Limits
from govbot.domain import Document, Table
from govbot.ingest.base import LIGATURES, SPACE_CHARS, Builder, IngestError, clean_line
from govbot.ingest.pdf_gantt import gantt_tables
from govbot.ingest import pdfium_calls as calls
from govbot.ingest.pdf_grid import grid_tables

RULE_THIN = 2.0  # a path this thin (PDF units) is a rule; thicker is a box or a bar
RULE_MIN = 5.0  # shorter than this it is a tick or a bullet, not a table's edge
READ_GRIDS = True  # plain ruled grids read from pdfium (benchmarks switch it off to compare)
WHITE = 247  # fill channels all above this: white, not shading
BAND = 0.09  # top and bottom share of the page where running headers and footers sit
HEADING_CHARS = 100  # a line this long is body text, never a heading
IMAGE_SHARE = 0.15  # an image covering this much of a page may be a timeline picture
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_LABEL_START = re.compile(r"^(?:\(?[a-zA-Z]{1,2}\)|\(?[0-9]{1,3}[.)]|\(?[ivxlc]{1,6}\)|[•▪·\-–])\s")
_TIMELINE_WORDS = re.compile(r"appendix|timeline|time-line|programme|gantt|milestone", re.IGNORECASE)
_BOLD_NAME = re.compile(rb"bold|black|heavy|semibold|demi", re.IGNORECASE)
_SOFT_HYPHEN = ("\x02", "\u00ad")
_ENDS_SENTENCE = re.compile(r"[.:;!?)\]\"”’]$")
# What clean_line would change in a paragraph joined from a page's lines; a page with
# none of these (most pages) has paragraphs that need no cleaning, a tenth of ingest before.
_UNCLEAN = (*SPACE_CHARS, "  ", *_SOFT_HYPHEN, *LIGATURES)
_UNCLEAN_ASCII = tuple(mark for mark in _UNCLEAN if mark.isascii())


@dataclass(slots=True)
class Line:
    text: str
    left: float
    right: float
    top: float  # PDF units from the page's bottom edge
    bottom: float
    size: float
    bold: bool
    chars: tuple[int, int] = (0, 0)  # the text page's character indices, first and past the last


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules_h: int = 0  # horizontal rules (lines and thin filled rects: Word draws borders so)
    rules_v: int = 0
    filled: int = 0  # filled non-white boxes: shaded cells, Gantt bars
    big_images: int = 0
    tables: list[tuple[Optional[Table], list[list[str]], tuple]] = field(default_factory=list)
    extra_tables: list[Table] = field(default_factory=list)
    grid_read: bool = False  # tables read from pdfium's grid (pdf_grid), not pdfplumber
    clean: bool = False  # no spaces to fold nor soft hyphens in the page's text (_UNCLEAN)


def read_pdf(data: bytes, name: str, limits: Limits) -> Document:
    pdf = _open(data, name)
    try:
        count = len(pdf)
        if count == 0:
            raise IngestError(name, "the PDF has no pages (damaged or truncated?)")
        if count > limits.max_pages:
            raise IngestError(name, f"the PDF has {count} pages, more than the limit of "
                                    f"{limits.max_pages} (limits.max_pages in config.yaml)")
        pages = [_read_page(pdf, i, name) for i in range(count)]
    finally:
        pdf.close()
    if not any(p.lines for p in pages):
        raise IngestError(name, "the PDF has no text layer (scanned image?): govbot reads PDFs with text")
    _drop_running_lines(pages)
    builder = Builder()
    ruled = [p for p in pages if _needs_tables(p) and p.lines and not p.grid_read]
    if ruled:
        _read_tables(data, ruled, builder)
    _write(pages, builder)
    return builder.document(name, "pdf", pages=count)


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise IngestError(name, "the PDF is encrypted (password-protected); remove the password "
                                    "and try again") from exc
        if "security" in message:
            raise IngestError(name, "the PDF uses an encryption govbot cannot open") from exc
        raise IngestError(name, "the PDF is damaged or truncated and cannot be read") from exc


# --- one page with pdfium ------------------------------------------------------------------


def _read_page(pdf: pdfium.PdfDocument, index: int, name: str) -> Page:
    """One page, on pdfium's own page and text page handles, closed here: pypdfium2's
    objects for them (finalizers, links to the document) cost ~40 us a page."""
    page = pdfium_c.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise IngestError(name, f"page {index + 1} of the PDF is damaged and cannot be read")
    try:
        width, height = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
        result = Page(number=index + 1, width=width, height=height)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        try:
            result.lines, result.clean = _lines(textpage)
            _count_objects(page, result)
            if READ_GRIDS and result.lines and _needs_tables(result):
                tables = grid_tables(page, textpage, width, height, result.lines)
                if tables is not None:  # a plain lattice: no need for pdfplumber
                    result.tables, result.grid_read = tables, True
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
        return result
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _lines(textpage) -> tuple[list[Line], bool]:
    """The page's lines, and whether its text is clean (see _UNCLEAN)."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count == -1:
        raise pdfium.PdfiumError("Failed to get character count.")
    if count <= 0:
        return [], False
    text = _text_range(textpage, count)
    if len(text) != count:
        return _lines_slow(textpage, count), False
    pieces = text.split("\r\n")
    starts = accumulate((len(piece) + 2 for piece in pieces), initial=0)
    return _Geometry(textpage).lines(pieces, starts), _is_clean(text)


def _text_range(textpage, count: int) -> str:
    """What pypdfium2's PdfTextPage.get_text_range(0, count) gives: pdfium's text from the
    first to the last character it maps to text (pdfium may read past characters left
    out at either end, crbug.com/pdfium/2079)."""
    first, last = 0, count - 1
    while first <= last and pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, first) == -1:
        first += 1
    if first > last:
        return ""
    while pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, last) == -1:
        last -= 1  # stops at `first` at the latest
    size = (pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, last) + 2
            - pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, first))  # with the NUL
    buffer = (ctypes.c_ushort * size)()
    written = pdfium_c.FPDFText_GetText(textpage, first, last - first + 1, buffer)
    assert size >= written, f"Buffer too small: {size} vs {written}"
    return codecs.decode(memoryview(buffer)[:written - 1], "utf-16-le", errors="ignore")


def _is_clean(text: str) -> bool:
    """No character clean_line would fold or _join would drop (substring tests: a regular
    expression over the page costs several times as much)."""
    return not any(mark in text for mark in (_UNCLEAN_ASCII if text.isascii() else _UNCLEAN))


def _lines_slow(textpage, count: int) -> list[Line]:
    """Characters one by one (text with characters outside the BMP, where string and
    character positions part)."""
    raw, pieces, starts, chars, start = textpage, [], [], [], 0
    for i in range(count + 1):
        code = pdfium_c.FPDFText_GetUnicode(raw, i) if i < count else 10
        if code in (10, 13):
            if chars:
                pieces.append("".join(chars))
                starts.append(start)
            chars, start = [], i + 1
        else:
            chars.append(chr(code) if code else "")
    return _Geometry(textpage).lines(pieces, starts)


_PATH, _IMAGE, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM


class _Geometry:
    """Where a line sits, from pdfium's loose character boxes (font ascent to descent),
    called straight on the C API with one reused rectangle: this runs for every line."""

    def __init__(self, textpage) -> None:
        self.raw = textpage
        self.rect = pdfium_c.FS_RECTF()
        self.ref = ctypes.byref(self.rect)
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()

    def _bold_by_name(self, index: int) -> bool:
        """Fonts that state no weight (the standard 14): bold by name or flag."""
        pdfium_c.FPDFText_GetFontInfo(self.raw, index, self.name, 128, ctypes.byref(self.flags))
        return bool(_BOLD_NAME.search(self.name.value)) or bool(self.flags.value & 0x40000)

    def lines(self, pieces: list[str], starts: Iterable[int]) -> list[Line]:
        """A Line for each piece of text that is not blank; `starts` are the text page's
        indices of their first characters. One loop (not a call a line): ~4,000 a 100 pages."""
        raw, rect, ref = self.raw, self.rect, self.ref
        loose_box, font_size, font_weight = calls.loose_box, calls.font_size, calls.font_weight  # bound once
        lines, after_bold = [], False
        for piece, start in zip(pieces, starts):
            text = piece.rstrip()
            if not text:
                continue
            length = len(text)
            first = start + (length - len(text.lstrip()) if text[0].isspace() else 0)
            last = start + length - 1
            loose_box(raw, first, ref)
            left, top, bottom = rect.left, rect.top, rect.bottom
            loose_box(raw, last, ref)
            size = font_size(raw, first)
            # weight (600 and over) matters for headings, which are short lines, and for the
            # line after one
            bold = False
            if length < HEADING_CHARS or after_bold:
                weight = font_weight(raw, first)
                bold = weight >= 600 if weight > 0 else self._bold_by_name(first)
            after_bold = bold
            # pdfium marks a hyphen at a line end as U+FFFE (it cannot tell soft from hard)
            lines.append(Line(text.replace("\ufffe", "-"), left, rect.right, top, bottom, size, bold,
                              (first, last + 1)))
        return lines


def _needs_tables(page: Page) -> bool:
    """Only pages that draw a grid (two rules each way, as table borders are) or shaded
    boxes go to pdfplumber, which costs ~100 times pdfium per page: a header rule, an
    underline or a single coloured banner does not."""
    return (page.rules_h >= 2 and page.rules_v >= 2) or page.filled >= 2


class _Shapes:
    """Classifies path objects by their bounds and fill, with reused C buffers."""

    def __init__(self) -> None:
        self.box = [pdfium_c.FS_FLOAT() for _ in range(4)]
        self.refs = [ctypes.byref(v) for v in self.box]
        self.mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.rgba_refs = [ctypes.byref(v) for v in self.rgba]

    def add(self, obj, result: Page) -> None:
        if not calls.bounds(obj, *self.refs):
            return
        left, bottom, right, top = (v.value for v in self.box)
        width, height = right - left, top - bottom
        if height <= RULE_THIN and width >= RULE_MIN:
            result.rules_h += 1
        elif width <= RULE_THIN and height >= RULE_MIN:
            result.rules_v += 1
        elif width > RULE_THIN and height > RULE_THIN:
            calls.draw_mode(obj, ctypes.byref(self.mode), ctypes.byref(self.stroke))
            if self.stroke.value:  # a stroked box is two rules each way
                result.rules_h += 2
                result.rules_v += 2
            if self.mode.value and self._coloured(obj):
                result.filled += 1

    def _coloured(self, obj) -> bool:
        if not calls.fill_colour(obj, *self.rgba_refs):
            return False
        red, green, blue, alpha = (v.value for v in self.rgba)
        return alpha > 0 and min(red, green, blue) < WHITE


def _count_objects(page, result: Page) -> None:
    """Rules, filled boxes and large images, from pdfium's object list."""
    shapes = _Shapes()
    forms = []
    object_at, object_type = calls.object_at, calls.object_type  # ~50 objects a page, mostly text
    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = object_at(page, i)
        kind = object_type(obj)
        if kind == _PATH:
            shapes.add(obj, result)
        elif kind == _IMAGE:
            result.big_images += _is_big(obj, result)
        elif kind == _FORM:
            forms.append(obj)
    for form in forms:  # content inside form XObjects (common from some PDF writers)
        _count_form_objects(form, 1, shapes, result)


def _count_form_objects(form, level: int, shapes: "_Shapes", result: Page) -> None:
    """Paths and images inside a form XObject, down to level 3 (forms in forms)."""
    count = calls.form_count(form)
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for i in range(count):
        obj = calls.form_object_at(form, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = calls.object_type(obj)
        if kind == _PATH:
            shapes.add(obj, result)
        elif kind == _IMAGE:
            result.big_images += _is_big(obj, result)
        elif kind == _FORM and level < 3:
            _count_form_objects(obj, level + 1, shapes, result)


def _is_big(obj, page: Page) -> int:
    left, bottom, right, top = (pdfium_c.FS_FLOAT() for _ in range(4))
    if not calls.bounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top))):
        return 0
    area = (right.value - left.value) * (top.value - bottom.value)
    return int(area >= IMAGE_SHARE * page.width * page.height)


# --- running headers and footers -----------------------------------------------------------


def _fingerprint(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.lower().split()))


def _drop_running_lines(pages: list[Page]) -> None:
    """Lines in the top or bottom band that repeat on most pages, and page numbers."""
    seen: dict[str, int] = {}
    banded = []  # per page: (line, fingerprint) of the lines in the bands, found once
    for page in pages:
        top, bottom = page.height * (1 - BAND), page.height * BAND
        band = [(ln, _fingerprint(ln)) for ln in page.lines if ln.bottom >= top or ln.top <= bottom]
        banded.append(band)
        for fp in {fp for _, fp in band}:
            seen[fp] = seen.get(fp, 0) + 1
    with_text = sum(1 for p in pages if p.lines)
    repeated = {fp for fp, n in seen.items() if n >= 2 and n >= 0.5 * with_text}
    for page, band in zip(pages, banded):
        drop = {id(ln) for ln, fp in band if fp in repeated or _PAGE_NUMBER.match(ln.text.strip())}
        if drop:
            page.lines = [ln for ln in page.lines if id(ln) not in drop]


# --- tables through pdfplumber -------------------------------------------------------------


def _read_tables(data: bytes, pages: list[Page], builder: Builder) -> None:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pages:
                plumber_page = pdf.pages[page.number - 1]
                try:
                    _page_tables(plumber_page, page)
                except Exception:  # a damaged drawing must not lose the page's text
                    builder.notes.append(f"page {page.number}: a table there could not be read; "
                                         "its text is kept as lines")
                finally:
                    plumber_page.close()
    except Exception:
        builder.notes.append("the PDF's tables could not be read; their text is kept as lines")


def _page_tables(plumber_page, page: Page) -> None:
    found = gantt_tables(plumber_page)
    unmatched = list(found)
    for table in plumber_page.find_tables():
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        match = next((t for t in unmatched if t.rows == rows), None)
        if match is None:
            continue  # gantt_tables left it out (a lone boxed paragraph)
        unmatched.remove(match)
        page.tables.append((match, [[(cell or "") for cell in row] for row in table.extract()], table.bbox))
    page.extra_tables = unmatched  # vector-bar charts: their labels stay as text lines


def _inside(line: Line, bbox: tuple, height: float) -> bool:
    x0, top, x1, bottom = bbox
    mid_x = (line.left + line.right) / 2
    mid_y = height - (line.top + line.bottom) / 2
    return x0 - 1 <= mid_x <= x1 + 1 and top - 1 <= mid_y <= bottom + 1


# --- paragraphs ----------------------------------------------------------------------------


def _write(pages: list[Page], builder: Builder) -> None:
    sizes = [ln.size for p in pages for ln in p.lines if ln.size > 0]
    body_size = statistics.median(sizes) if sizes else 0.0
    gap = _paragraph_gap(pages)
    last: Optional[Para] = None  # the last paragraph of the page before: it may go on overleaf
    for page in pages:
        _note_pictures(page, builder)
        first = True
        for item in _page_items(page, body_size, gap):
            if isinstance(item, Para):
                if first and last and _continues(last, item):
                    last.lines += item.lines
                    last.full = item.full
                    last.clean = last.clean and item.clean
                    first = False
                    continue
                if last:
                    builder.add(_join(last.lines, last.clean), last.kind, last.page, clean=False)
                last = item
            else:
                if last:
                    builder.add(_join(last.lines, last.clean), last.kind, last.page, clean=False)
                    last = None
                table, rows = item
                builder.add_table(table.rows, table.shaded, page=page.number,
                                  caption=table.caption or builder.caption(), text_rows=rows)
            first = False
        builder.tables.extend(page.extra_tables)
    if last:
        builder.add(_join(last.lines, last.clean), last.kind, last.page, clean=False)


def _note_pictures(page: Page, builder: Builder) -> None:
    if not page.lines and page.big_images:
        builder.notes.append(
            f"page {page.number} is an image with no text layer: what is on it (an Appendix A "
            "timeline, say) cannot be read; import a timeline with `govbot timeline import`")
    elif page.big_images and not page.tables and not page.extra_tables and any(
            _TIMELINE_WORDS.search(ln.text) for ln in page.lines):
        builder.notes.append(
            f"page {page.number} has a picture beside its text: if it is the Appendix A timeline "
            "it cannot be read; import it with `govbot timeline import`")


def _continues(before: "Para", after: "Para") -> bool:
    """A paragraph cut by a page break: its last line runs to the margin (justified or
    wrapped text goes on), or it has no closing punctuation and goes on in lower case."""
    if before.kind != "paragraph" or after.kind != "paragraph" or round(before.size, 1) != round(after.size, 1):
        return False
    last, first = before.lines[-1].rstrip(), after.lines[0].lstrip()
    if not first:
        return False
    if first[0].islower() and not _ENDS_SENTENCE.search(last):
        return True
    return before.full and not _LABEL_START.match(first)


def _paragraph_gap(pages: list[Page]) -> float:
    """The step down between lines that means a new paragraph, for the whole document.

    The line pitch inside paragraphs is the low quartile of the steps between
    neighbouring lines (most documents have more lines inside paragraphs than between);
    when that still looks like paragraph spacing (pages of one-line paragraphs), the
    line height decides instead."""
    steps, heights = [], []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:]):
            height = a.top - a.bottom
            heights.append(height)
            if a.top - b.top > 0.3 * height and abs(a.size - b.size) < 0.5:
                steps.append(a.top - b.top)
    if not heights:
        return 0.0
    height = statistics.median(heights)
    if not steps:
        return 1.45 * height
    pitch = sorted(steps)[len(steps) // 4]
    return 1.3 * pitch if pitch <= 1.5 * height else 1.45 * height


def _page_items(page: Page, body_size: float, gap: float):
    """The page as (Table, text rows) and Para items, in reading order."""
    if not page.tables:  # most pages: no line to place against a table
        yield from _paragraphs(page.lines, body_size, gap, page)
        return
    tables = {i: t for i, t in enumerate(page.tables)}
    placed: set[int] = set()
    body: list[Line] = []
    for line in page.lines:
        owner = next((i for i, (_, _, bbox) in tables.items() if _inside(line, bbox, page.height)), None)
        if owner is None:
            body.append(line)
            continue
        if owner not in placed:
            yield from _paragraphs(body, body_size, gap, page)
            body = []
            placed.add(owner)
            yield tables[owner][0], tables[owner][1]
    yield from _paragraphs(body, body_size, gap, page)
    for i, (table, rows, _) in tables.items():
        if i not in placed:  # a table whose lines pdfium did not give (drawn as shapes)
            yield table, rows


@dataclass(slots=True)
class Para:
    lines: list[str]
    kind: str
    page: int
    size: float  # its last line's font size (compared to a tenth of a point: _continues)
    full: bool  # the last line runs to the right margin
    clean: bool  # its lines need no cleaning once joined (Page.clean)


def _paragraphs(lines: list[Line], body_size: float, gap: float, page: Page):
    if not lines:
        return
    right_edge = max(ln.right for ln in lines)
    left_edge = min(ln.left for ln in lines)
    width = max(1.0, right_edge - left_edge)
    short_of = right_edge - max(0.2 * width, 40)  # a line ending before this is short
    full_from = right_edge - 0.05 * width
    number, clean = page.number, page.clean
    start = 0
    for i in range(1, len(lines)):
        if _breaks(lines[i - 1], lines[i], gap, short_of):
            yield _finish(lines[start:i], body_size, number, full_from, clean)
            start = i
    yield _finish(lines[start:], body_size, number, full_from, clean)


def _breaks(a: Line, b: Line, gap: float, short_of: float) -> bool:
    step = a.top - b.top
    height = a.top - a.bottom
    height = height if height > 1.0 else 1.0  # max() as an expression: this runs for every line
    if step <= 0.3 * height:  # not below: a new column, a table cell or out of order
        return True
    if step > (gap or 1.45 * height):
        return True
    if abs(a.size - b.size) > 0.15 * (b.size if b.size > a.size else a.size) or a.bold != b.bold:
        return True
    return a.right < short_of and bool(_LABEL_START.match(b.text.strip()) or b.text.strip()[:1].isupper()
                                       and _ENDS_SENTENCE.search(a.text))


def _finish(lines: list[Line], body_size: float, page: int, full_from: float, clean: bool) -> Para:
    texts = [ln.text for ln in lines]
    first, last = lines[0], lines[-1]
    kind = "paragraph"
    # a heading: one or two short lines, big or bold (first and last are all of them)
    if len(lines) <= 2 and sum(map(len, texts)) <= 150 and not texts[-1].endswith((".", ";", ",")):
        if (body_size and first.size >= 1.15 * body_size) or (first.bold and last.bold):
            kind = "heading"
    return Para(texts, kind, page, last.size, len(lines) > 1 and last.right >= full_from, clean)


def _join(lines: list[str], clean: bool = False) -> str:
    """Lines of one paragraph as one line: soft hyphens at line ends removed, a hard
    hyphen kept and joined without a space ("decision-\\nmaking" -> "decision-making").
    `clean`: the lines have nothing for clean_line to fold (Page.clean), and stripped
    lines joined by one space or none have nothing either."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif out.endswith(_SOFT_HYPHEN):
            out = out[:-1] + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalpha():
            out += line
        else:
            out += " " + line
    if clean:
        return out
    return clean_line(out.replace("\x02", "").replace("\u00ad", ""))

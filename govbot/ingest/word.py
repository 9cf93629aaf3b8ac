"""Word documents (.docx): paragraphs and tables in body order, headings, numbered list
paragraphs with their numbers written out, and table cell shading (Gantt months).

The zip is checked before python-docx sees it: declared and actual unpacked sizes
against `limits.max_unzipped_mb`, so a zip bomb is refused, not unpacked."""
from __future__ import annotations

import io
import re
import zipfile
from typing import Optional

from govbot.config import Limits
from govbot.domain import Document
from govbot.ingest.base import Builder, IngestError
from govbot.ingest.html_page import to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_MEMBERS = 5000
_TIMELINE_WORDS = re.compile(r"appendix|timeline|programme|gantt|milestone", re.IGNORECASE)
_NO_FILL = {"", "auto", "ffffff", "none", "nil"}


def read_docx(data: bytes, name: str, limits: Limits) -> Document:
    _check_zip(data, name, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise IngestError(name, f"the Word document is damaged and cannot be read ({type(exc).__name__})") from exc
    builder = Builder()
    styles = _Styles(document)
    numbers = _Numbering(document, styles)
    for part in document.iter_inner_content():
        if hasattr(part, "rows"):
            _table(part, builder)
        else:
            _paragraph(part, builder, numbers, styles)
    doc = builder.document(name, "docx")
    if not doc.text.strip() and not doc.tables:
        raise IngestError(name, "the Word document has no text")
    return doc


def _check_zip(data: bytes, name: str, limits: Limits) -> None:
    """A Word document is a zip holding word/document.xml, and must unpack within limits."""
    limit = int(limits.max_unzipped_mb * 1024 * 1024)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise IngestError(name, "not a Word document (not a zip archive)") from exc
    with archive:
        members = archive.infolist()
        if "word/document.xml" not in {m.filename for m in members}:
            raise IngestError(name, "a zip archive but not a Word document (no word/document.xml)")
        if len(members) > MAX_MEMBERS:
            raise IngestError(name, f"the Word document holds {len(members)} files, too many to be genuine")
        declared = sum(m.file_size for m in members)
        if declared > limit:
            raise IngestError(name, _too_big(declared, limits))
        unpacked = 0  # the declared sizes can lie: count what actually comes out
        try:
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 20):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            raise IngestError(name, _too_big(unpacked, limits, "at least "))
        except IngestError:
            raise
        except Exception as exc:  # bad CRC, truncated member, unsupported compression
            raise IngestError(name, f"the Word document is damaged ({exc})") from exc


def _too_big(size: int, limits: Limits, prefix: str = "") -> str:
    return (f"the Word document unpacks to {prefix}{size / 1048576:.0f} MB, more than the limit of "
            f"{limits.max_unzipped_mb:g} MB (limits.max_unzipped_mb; a zip bomb?)")


# --- paragraphs ----------------------------------------------------------------------------


def _paragraph(paragraph, builder: Builder, numbers: "_Numbering", styles: "_Styles") -> None:
    text = paragraph.text
    style = styles.name(styles.style_id(paragraph))
    if not text.strip():
        if paragraph._p.xpath(".//w:drawing | .//w:pict") and _TIMELINE_WORDS.search(builder.caption() or ""):
            builder.notes.append(f"a picture follows \"{builder.caption()}\": if it is the Appendix A "
                                 "timeline it cannot be read; import it with `govbot timeline import`")
        return
    if style.startswith(("heading", "title")) or _outline_level(paragraph) is not None:
        builder.add(text, kind="heading")
        return
    label = numbers.label(paragraph)
    if label is not None:
        builder.add(f"{label} {text.lstrip()}" if label else text, kind="list_item")
    elif style.startswith("list"):
        builder.add(text, kind="list_item")
    else:
        builder.add(text)


class _Styles:
    """Paragraph styles read once from styles.xml: python-docx's `paragraph.style` looks
    each one up afresh, which costs milliseconds a paragraph on a long document."""

    def __init__(self, document) -> None:
        self.styles: dict[str, tuple[str, Optional[str], Optional[str], Optional[str]]] = {}
        self.default: Optional[str] = None
        try:
            root = document.styles.element
        except Exception:
            return
        for style in root.findall(f"{W}style"):
            if style.get(f"{W}type") != "paragraph":
                continue
            style_id = style.get(f"{W}styleId") or ""
            num_pr = style.find(f"{W}pPr/{W}numPr")
            self.styles[style_id] = (
                _val(style.find(f"{W}name"), style_id).lower(), _val(style.find(f"{W}basedOn"), None),
                _val(num_pr.find(f"{W}numId"), None) if num_pr is not None else None,
                _val(num_pr.find(f"{W}ilvl"), None) if num_pr is not None else None)
            if style.get(f"{W}default") in ("1", "true", "on"):
                self.default = style_id

    def style_id(self, paragraph) -> Optional[str]:
        found = _ppr_val(paragraph, "pStyle")
        return found if found is not None else self.default

    def name(self, style_id: Optional[str]) -> str:
        return self.styles[style_id][0] if style_id in self.styles else ""

    def numbering(self, style_id: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """(numId, ilvl) a style gives its paragraphs, following basedOn."""
        seen = set()
        while style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            _, based_on, num_id, ilvl = self.styles[style_id]
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None


def _ppr_val(paragraph, child: str) -> Optional[str]:
    """w:val of a child of the paragraph's w:pPr (find() is far cheaper than xpath here)."""
    ppr = paragraph._p.find(f"{W}pPr")
    node = ppr.find(f"{W}{child}") if ppr is not None else None
    return node.get(f"{W}val") if node is not None else None


def _outline_level(paragraph) -> Optional[int]:
    try:
        level = int(_ppr_val(paragraph, "outlineLvl") or "9")
    except ValueError:
        return None
    return level if level < 9 else None


class _Numbering:
    """Word's automatic numbering, written out: "(a)", "1.", "(ii)", as Word shows it."""

    def __init__(self, document, styles: _Styles) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> fmt, text, start
        self.counters: dict[str, list[int]] = {}
        self.styles = styles
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered
            return
        abstract = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    _val(lvl.find(f"{W}numFmt"), "decimal"), _val(lvl.find(f"{W}lvlText"), ""),
                    int(_val(lvl.find(f"{W}start"), "1") or 1))
            abstract[node.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            levels = dict(abstract.get(_val(num.find(f"{W}abstractNumId"), ""), {}))
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl", "0"))
                start = override.find(f"{W}startOverride")
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(_val(start, "1") or 1))
            for ilvl, spec in levels.items():
                self.formats[(num.get(f"{W}numId"), ilvl)] = spec

    def label(self, paragraph) -> Optional[str]:
        """The paragraph's number as printed, "" for a bullet, None when not numbered."""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or (num_id, ilvl) not in self.formats:
            return None
        fmt, text, start = self.formats[(num_id, ilvl)]
        if fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            level_start = self.formats.get((num_id, len(counters)), ("", "", 1))[2]
            counters.append(level_start - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1:]  # a deeper level starts again under each new number
        label = text or f"%{ilvl + 1}."
        for level in range(ilvl + 1):
            spec = self.formats.get((num_id, level), ("decimal", "", 1))
            label = label.replace(f"%{level + 1}", _format(counters[level], spec[0]))
        return label.strip()

    def _num_pr(self, paragraph) -> tuple[Optional[str], int]:
        num_pr = paragraph._p.find(f"{W}pPr/{W}numPr")
        num_id = _val(num_pr.find(f"{W}numId"), None) if num_pr is not None else None
        ilvl = _val(num_pr.find(f"{W}ilvl"), None) if num_pr is not None else None
        if num_id is None:  # numbering set by the paragraph's style
            num_id, style_ilvl = self.styles.numbering(self.styles.style_id(paragraph))
            ilvl = ilvl or style_ilvl
        try:
            return num_id, int(ilvl) if ilvl else 0
        except ValueError:
            return None, 0


def _val(node, default: Optional[str]) -> Optional[str]:
    return node.get(f"{W}val", default) if node is not None else default


def _format(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(number)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(number)


# --- tables --------------------------------------------------------------------------------


def _table(table, builder: Builder) -> None:
    rows, shaded, text_rows = [], [], []
    for row in table.rows:
        cells = list(row.cells)  # one per grid column; a merged cell repeats
        rows.append([_cell_text(cell) for cell in cells])
        shaded.append([_is_shaded(cell) for cell in cells])
        unique, seen = [], set()
        for cell in cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                unique.append(_cell_text(cell))
        text_rows.append(unique)
    if rows:
        builder.add_table(rows, shaded if any(any(r) for r in shaded) else None, text_rows=text_rows)


def _cell_text(cell) -> str:
    parts = [p.text for p in cell.paragraphs]
    parts += [" ".join(_cell_text(c) for row in t.rows for c in row.cells) for t in cell.tables]
    return " ".join(" ".join(parts).split())


def _is_shaded(cell) -> bool:
    """A fill on the cell (w:shd), as Word draws a Gantt month: not auto, not white."""
    for shd in cell._tc.xpath("./w:tcPr/w:shd"):
        fill = (shd.get(f"{W}fill") or "").lower()
        pattern = (shd.get(f"{W}val") or "").lower()
        colour = (shd.get(f"{W}color") or "").lower()
        if fill not in _NO_FILL:
            return True
        if pattern not in ("", "clear", "nil") and colour not in _NO_FILL - {"auto"}:
            return True  # a pattern ("solid", "pct50") in the pattern colour
    return False

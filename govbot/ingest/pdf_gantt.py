"""Tables and Gantt charts on a PDF page, as `Table`s of cell text with shading flags.

The PDF reader calls `gantt_tables(page)` for pages that have ruled tables or filled
rectangles. Two shapes are read:

- ruled tables (pdfplumber's table finder): a cell is shaded when filled non-white
  rectangles cover most of it, which is how a Gantt "table of months" prints;
- Gantt charts drawn as vector bars without a full grid: a line of month labels along
  the top gives the columns, words at the left give one row per activity, and each
  filled bar (rect or curve) marks the months it overlaps.

Nothing may escape: any failure gives [] and the reader notes that the page was not read.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from govbot.domain import Table

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_WORD = re.compile(
    r"^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)"
    r"(?:[-'’ /]?(?P<year>\d{2}|\d{4}))?\.?$",
    re.IGNORECASE,
)
_YEAR_WORD = re.compile(r"^'?(19|20)?\d{2}$")
_FULL_YEAR = re.compile(r"^(19|20)\d{2}$")

SHADE_COVER = 0.5  # share of a cell a fill must cover for the cell to count as shaded
BAR_OVERLAP = 0.3  # share of a month column a bar must overlap to mark that month


def gantt_tables(page) -> list[Table]:
    """All ruled tables and vector-bar Gantt charts on a pdfplumber page; [] on failure."""
    try:
        fills = _filled_boxes(page)
        ruled, boxes = _ruled_tables(page, fills)
        bars = [f for f in fills if not any(_inside(f, b) for b in boxes)]
        drawn = _bar_chart(page, bars) if bars else None
        return ruled + ([drawn] if drawn else [])
    except Exception:  # a damaged page must not stop the document: the reader notes it
        return []


# --- colours and boxes -------------------------------------------------------------------


def _is_white(colour) -> bool:
    """True for white, no fill or an unreadable colour (patterns): not a shading."""
    if colour is None:
        return True
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not colour:
        return True
    try:
        values = [float(v) for v in colour]
    except (TypeError, ValueError):
        return True
    if len(values) == 1:
        return values[0] >= 0.97
    if len(values) == 3:
        return min(values) >= 0.97
    if len(values) == 4:  # CMYK: white is no ink
        return max(values) <= 0.03
    return True


def _colour_key(colour) -> tuple:
    try:
        return tuple(round(float(v), 2) for v in (colour if isinstance(colour, (tuple, list)) else (colour,)))
    except (TypeError, ValueError):
        return ()


def _filled_boxes(page) -> list[tuple]:
    """Boxes (x0, top, x1, bottom, colour) of filled, non-white rects and curves."""
    boxes = []
    page_area = float(page.width) * float(page.height)
    for obj in list(page.rects) + list(page.curves):
        if not obj.get("fill") or _is_white(obj.get("non_stroking_color")):
            continue
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        w, h = x1 - x0, bottom - top
        if w < 1.5 or h < 1.5:  # rules drawn as thin rects, not shading
            continue
        if w * h > 0.25 * page_area:  # a page background or a coloured panel
            continue
        boxes.append((x0, top, x1, bottom, _colour_key(obj.get("non_stroking_color"))))
    return boxes


def _inside(box, outer, slack: float = 1.0) -> bool:
    return (box[0] >= outer[0] - slack and box[2] <= outer[2] + slack
            and box[1] >= outer[1] - slack and box[3] <= outer[3] + slack)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _covered(cell, fills) -> float:
    """Share of the cell's area under fills (overlaps between fills are rare; capped at 1)."""
    x0, top, x1, bottom = cell
    area = (x1 - x0) * (bottom - top)
    if area <= 0:
        return 0.0
    under = sum(_overlap(x0, x1, f[0], f[2]) * _overlap(top, bottom, f[1], f[3]) for f in fills)
    return min(1.0, under / area)


def _shaded(cell, fills) -> bool:
    """Most of the cell filled, or a bar across most of its width (a thin bar drawn over
    a ruled grid covers little of the cell's height)."""
    if cell is None:
        return False
    if _covered(cell, fills) >= SHADE_COVER:
        return True
    x0, top, x1, bottom = cell
    return any(_overlap(x0, x1, f[0], f[2]) >= 0.6 * (x1 - x0)
               and _overlap(top, bottom, f[1], f[3]) >= 0.25 * (bottom - top) for f in fills)


def _row_shading(cells, fills) -> list[bool]:
    """Shaded cells of one row. A colour filling the row's first cell and nearly all the
    others is the row's background (banded rows, a header or phase band), not a bar."""
    first, rest = (cells[0], [c for c in cells[1:] if c is not None]) if cells else (None, [])
    background = set()
    for colour in {f[4] for f in fills if first is not None and _covered(first, [f]) >= SHADE_COVER}:
        same = [f for f in fills if f[4] == colour]
        if rest and sum(_covered(c, same) >= SHADE_COVER for c in rest) >= 0.8 * len(rest):
            background.add(colour)
    bars = [f for f in fills if f[4] not in background]
    return [_shaded(cell, bars) for cell in cells]


# --- ruled tables --------------------------------------------------------------------------


def _clean(text: Optional[str]) -> str:
    return " ".join((text or "").split())


def _bar_or_shading(obj) -> bool:
    """A coloured box (a bar, a shaded cell), not a rule: rules drawn as boxes are thin
    (Word draws borders so) and white boxes are cell backgrounds."""
    if obj.get("object_type") != "rect" or not obj.get("fill"):
        return False
    thick = float(obj["x1"]) - float(obj["x0"]) >= 1.5 and float(obj["bottom"]) - float(obj["top"]) >= 1.5
    return thick and (not obj.get("stroke") or not _is_white(obj.get("non_stroking_color")))


def _find_tables(page):
    """Tables ruled by lines and boxes. Bars and shading are left out of the ruling first,
    or a thin bar's edges would split a row in two and a chart's outlined bars would
    look like tables; a table ruled only by its fills is found on the whole page instead."""
    found = page.filter(lambda obj: not _bar_or_shading(obj)).find_tables()
    if found:
        return found
    # Ruled only by fills: keep it only if some row reads like a table's (three cells of
    # text), not the outlines of a chart's bars.
    return [t for t in page.find_tables()
            if any(sum(bool((c or "").strip()) for c in row) >= 3 for row in t.extract())]


def _ruled_tables(page, fills):
    tables, boxes = [], []
    for found in _find_tables(page):
        rows, shaded = [], []
        texts = found.extract()
        for row, row_text in zip(found.rows, texts):
            rows.append([_clean(t) for t in row_text])
            shaded.append(_row_shading(row.cells, fills))
        if not rows or max(len(r) for r in rows) < 2 and len(rows) < 2:
            continue  # a lone boxed paragraph, not a table
        tables.append(Table(rows=rows, shaded=shaded, page=page.page_number,
                            caption=_caption_above(page, found.bbox[1])))
        boxes.append(tuple(float(v) for v in found.bbox))
    return tables, boxes


def _caption_above(page, top: float) -> Optional[str]:
    """The nearest line of text above `top` (within 60pt): usually the table's heading."""
    try:
        lines = _lines(w for w in page.extract_words() if w["bottom"] <= top + 1)
    except Exception:
        return None
    near = [ln for ln in lines if top - ln["bottom"] <= 60
            and not all(_MONTH_WORD.match(w["text"]) or _YEAR_WORD.match(w["text"])
                        for w in ln["words"])]
    return near[-1]["text"] if near else None


# --- vector-bar Gantt charts ---------------------------------------------------------------


def _lines(words: Iterable[dict], tolerance: float = 3.0) -> list[dict]:
    """Words grouped into lines by their top; each line has text, x0, x1, top, bottom, words."""
    lines: list[dict] = []
    for w in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
        line = lines[-1] if lines else None
        if line and abs(float(w["top"]) - line["top"]) <= tolerance:
            line["words"].append(w)
        else:
            lines.append({"top": float(w["top"]), "words": [w]})
    for line in lines:
        line["words"].sort(key=lambda w: float(w["x0"]))
        line["text"] = " ".join(w["text"] for w in line["words"])
        line["x0"] = min(float(w["x0"]) for w in line["words"])
        line["x1"] = max(float(w["x1"]) for w in line["words"])
        line["bottom"] = max(float(w["bottom"]) for w in line["words"])
    return lines


def _month_labels(line: dict) -> list[dict]:
    """Month labels on a line, a following year word joined on ("Jan 2025", "Jan-25")."""
    labels, words = [], line["words"]
    for i, w in enumerate(words):
        m = _MONTH_WORD.match(w["text"])
        if not m:
            continue
        label = {"text": w["text"], "x0": float(w["x0"]), "x1": float(w["x1"]),
                 "month": MONTHS[w["text"][:3].lower()]}
        nxt = words[i + 1] if i + 1 < len(words) else None
        if not m.group("year") and nxt is not None and _YEAR_WORD.match(nxt["text"]) \
                and float(nxt["x0"]) - label["x1"] < 8:
            label["text"] += " " + nxt["text"]
            label["x1"] = float(nxt["x1"])
        labels.append(label)
    return labels


def _header(lines: list[dict]):
    """The line with the most month labels (at least three): the chart's time axis."""
    best, best_labels = None, []
    for line in lines:
        labels = _month_labels(line)
        if len(labels) >= 3 and len(labels) > len(best_labels):
            best, best_labels = line, labels
    return best, best_labels


def _with_years(labels: list[dict], lines: list[dict], header: dict, columns) -> list[str]:
    """Month texts, with a year from a line of years just above or below the month labels
    (a year row, or an axis printing "2025" under each month) when the labels carry none;
    a column without its own year carries the last one on, moving on where months wrap."""
    if any(re.search(r"\d", lab["text"]) for lab in labels):
        return [lab["text"] for lab in labels]
    years = [w for ln in lines if ln is not header and all(_FULL_YEAR.match(w["text"]) for w in ln["words"])
             and (0 <= header["top"] - ln["bottom"] < 30 or 0 <= ln["top"] - header["bottom"] < 30)
             for w in ln["words"]]
    if not years:
        return [lab["text"] for lab in labels]
    years.sort(key=lambda w: float(w["x0"]))
    year, out, previous = int(years[0]["text"]), [], None
    for lab, (c0, c1) in zip(labels, columns):
        own = [w for w in years if c0 <= (float(w["x0"]) + float(w["x1"])) / 2 < c1]
        if own:
            year = int(own[0]["text"])
        elif previous is not None and lab["month"] < previous:
            year += 1  # the months wrapped round into the next year
        previous = lab["month"]
        out.append(f"{lab['text']} {year}")
    return out


def _columns(labels: list[dict], at_ticks: bool = False) -> list[tuple[float, float]]:
    """x-ranges of month columns. A header centres each label in its month: boundaries
    fall midway between label centres. A chart's x-axis centres each label on the tick at
    the month's start: the month runs from its label's centre to the next one's."""
    centres = [(lab["x0"] + lab["x1"]) / 2 for lab in labels]
    step = (centres[-1] - centres[0]) / (len(centres) - 1)
    if at_ticks:
        edges = centres + [centres[-1] + step]
    else:
        edges = [centres[0] - step / 2]
        edges += [(a + b) / 2 for a, b in zip(centres, centres[1:])]
        edges.append(centres[-1] + step / 2)
    return list(zip(edges, edges[1:]))


def _activity_rows(lines, header, left_edge, bars, axis_below: bool = False):
    """Label lines left of the chart on the bars' side of the month axis, one per
    activity; a label wrapped over two lines is joined to the line that holds its bar."""
    rows = []
    for line in lines:
        if (line["bottom"] >= header["top"]) if axis_below else (line["top"] <= header["bottom"]):
            continue
        words = [w for w in line["words"] if float(w["x1"]) <= left_edge + 2]
        if words:
            rows.append({"text": " ".join(w["text"] for w in words), "top": line["top"],
                         "bottom": max(float(w["bottom"]) for w in words), "bars": 0})
    for i, row in enumerate(rows):  # each row owns the band halfway to its neighbours
        row["lo"] = (rows[i - 1]["bottom"] + row["top"]) / 2 if i else row["top"] - 6
        row["hi"] = ((row["bottom"] + rows[i + 1]["top"]) / 2 if i + 1 < len(rows)
                     else row["bottom"] + 6)
    for b in bars:  # a bar belongs to the one row it overlaps most
        best = max(rows, key=lambda r: _overlap(r["lo"], r["hi"], b[1], b[3]), default=None)
        if best is not None and _overlap(best["lo"], best["hi"], b[1], b[3]) > 0:
            best["bars"] += 1

    def close(a, b):
        return b["top"] - a["bottom"] < 0.8 * (a["bottom"] - a["top"])

    merged: list[dict] = []
    carry = None  # a barless line waiting to be prefixed to the next line
    for i, row in enumerate(rows):
        row = dict(row)
        if carry is not None:
            row["text"] = carry["text"] + " " + row["text"]
            row["lo"], row["top"] = carry["lo"], carry["top"]
            carry = None
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        prev = merged[-1] if merged else None
        if not row["bars"] and nxt is not None and nxt["bars"] and close(row, nxt):
            carry = row
        elif not row["bars"] and prev is not None and close(prev, row):
            prev["text"] += " " + row["text"]
            prev["bottom"], prev["hi"] = row["bottom"], row["hi"]
        else:
            merged.append(row)
    return merged


def _bar_chart(page, bars) -> Optional[Table]:
    lines = _lines(page.extract_words())
    header, labels = _header(lines)
    if header is None:
        return None
    # Bars hang below a month header, or stand above a chart's x-axis: read both sides and
    # keep the one with more activities marked (a legend's swatches mark none).
    best: list = []
    best_columns: list = []
    for axis_below in (False, True):
        columns = _columns(labels, at_ticks=axis_below)
        side = [b for b in bars if (b[3] <= header["top"] + 1 if axis_below else b[1] >= header["bottom"] - 1)]
        rows = _marked_rows(lines, header, columns, side, axis_below) if side else []
        if sum(any(marks) for _, marks in rows) > sum(any(marks) for _, marks in best):
            best, best_columns = rows, columns
    if not best:
        return None
    rows_out = [[""] + _with_years(labels, lines, header, best_columns)]
    shaded_out = [[False] * (len(labels) + 1)]
    for text, marks in best:
        rows_out.append([text] + [""] * len(columns))
        shaded_out.append([False] + marks)
    return Table(rows=rows_out, shaded=shaded_out, page=page.page_number,
                 caption=_caption_above(page, min(header["top"], min(_top_of(best, lines)))))


def _marked_rows(lines, header, columns, bars, axis_below):
    out = []
    for row in _activity_rows(lines, header, columns[0][0], bars, axis_below):
        in_row = [b for b in bars
                  if _overlap(row["lo"], row["hi"], b[1], b[3]) >= 0.5 * min(b[3] - b[1], row["hi"] - row["lo"])]
        out.append((row["text"], [any(_marks(b, col) for b in in_row) for col in columns]))
    return out if any(any(m) for _, m in out) else []


def _top_of(rows, lines) -> list[float]:
    """Top of the first activity's label line (the caption sits above the whole chart)."""
    first = rows[0][0].split()[0] if rows and rows[0][0] else None
    return [ln["top"] for ln in lines if first and ln["words"][0]["text"] == first][:1] or [float("inf")]


def _marks(bar, column) -> bool:
    """A bar marks a month when it covers enough of it, or sits wholly inside it (a diamond)."""
    c0, c1 = column
    shared = _overlap(bar[0], bar[2], c0, c1)
    return shared >= BAR_OVERLAP * (c1 - c0) or (shared > 0 and bar[0] >= c0 and bar[2] <= c1)

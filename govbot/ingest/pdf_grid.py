"""Ruled tables read straight from pdfium: the grid from path segments, each cell's text
from the text page, shading from filled boxes.

pdfplumber costs ~50-100 ms a page (it builds a Python object per character); this costs
about a millisecond. It reads only the plain case, a full lattice (every rule runs from
one side of its table to the other, no merged cells, no bars outside a grid), and
answers None for anything else, so that page still goes to pdfplumber and `pdf_gantt`.
The result has the shape `pdf_gantt.gantt_tables` gives for the same page.
"""
from __future__ import annotations

import ctypes
from typing import Optional

import pypdfium2.raw as pdfium_c

from govbot.domain import Table
from govbot.ingest import pdfium_calls as calls
from govbot.ingest.pdf_gantt import _MONTH_WORD, _YEAR_WORD, _row_shading

SNAP = 3.0  # pdfplumber's default snap/join/intersection tolerance
THICK = 1.5  # a filled box thinner than this is a rule (Word draws borders so)
CAPTION_GAP = 60.0  # a caption sits this close above its table


class Declined(Exception):
    """Not a plain lattice: leave the page to pdfplumber."""


def grid_tables(page, textpage, width: float, height: float, lines) -> Optional[list[tuple]]:
    """[(Table, raw cell rows, bbox top-based)] for the page's ruled tables, or None.
    `page` and `textpage` are pdfium's handles (FPDF_PAGE, FPDF_TEXTPAGE)."""
    try:
        h_edges, v_edges, fills = _shapes(page, width, height)
        grids = _grids(h_edges, v_edges)
        chars = _chars(textpage, height, _indices(lines, grids, height)) if grids else []
        tables = [_read(grid, chars, height, fills, lines) for grid in grids]
        boxes = [t[2] for t in tables]
        if any(not any(_within(f, b) for b in boxes) for f in fills):
            raise Declined  # bars outside a grid: a vector Gantt chart
        return [t for t in tables if t[0] is not None]
    except Declined:
        return None


# --- shapes --------------------------------------------------------------------------------


def _shapes(raw, width: float, height: float):
    """Horizontal edges (y, x0, x1), vertical edges (x, y0, y1) in top-based units, and
    coloured fills (x0, top, x1, bottom, colour)."""
    h_edges, v_edges, fills = [], [], []
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    point_refs = (ctypes.byref(x), ctypes.byref(y))
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    mode_refs = (ctypes.byref(mode), ctypes.byref(stroke))
    bounds = [pdfium_c.FS_FLOAT() for _ in range(4)]
    bounds_refs = [ctypes.byref(b) for b in bounds]
    rgba = [ctypes.c_uint() for _ in range(4)]
    rgba_refs = [ctypes.byref(c) for c in rgba]
    page_area = width * height
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = calls.object_at(raw, i)
        kind = calls.object_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            raise Declined  # drawings inside form XObjects: pdfplumber reads those
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        calls.draw_mode(obj, *mode_refs)
        calls.bounds(obj, *bounds_refs)
        left, bottom, right, top = (b.value for b in bounds)
        thick = right - left >= THICK and top - bottom >= THICK
        if mode.value and thick:
            calls.fill_colour(obj, *rgba_refs)
            colour = tuple(c.value for c in rgba)
            coloured = colour[3] > 0 and min(colour[:3]) < 247
            if coloured or not stroke.value:  # a bar or a shading, not a rule (as pdf_gantt)
                if coloured and (right - left) * (top - bottom) <= 0.25 * page_area:
                    fills.append((left, height - top, right, height - bottom, colour))
                continue
        if mode.value and not stroke.value:  # a thin filled box: a rule
            if top - bottom < THICK:
                h_edges.append((height - (top + bottom) / 2, left, right))
            else:
                v_edges.append(((left + right) / 2, height - top, height - bottom))
            continue
        if not stroke.value:
            continue
        if not calls.matrix(obj, ctypes.byref(matrix)):
            raise Declined
        _segments(obj, matrix, height, (x, y, point_refs), h_edges, v_edges)
    return h_edges, v_edges, fills


def _segments(obj, m, height: float, reused, h_edges: list, v_edges: list) -> None:
    x, y, refs = reused  # one point for every segment: its values and references to them
    start = last = None
    for s in range(calls.segment_count(obj)):
        seg = calls.segment_at(obj, s)
        kind = calls.segment_type(seg)
        calls.segment_point(seg, *refs)
        point = (m.a * x.value + m.c * y.value + m.e, height - (m.b * x.value + m.d * y.value + m.f))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = last = point
            continue
        if kind != pdfium_c.FPDF_SEGMENT_LINETO or last is None:
            raise Declined  # curves: not a ruled grid
        _edge(last, point, h_edges, v_edges)
        last = point
        if calls.segment_closes(seg):
            _edge(point, start, h_edges, v_edges)
            last = start


def _edge(a, b, h_edges: list, v_edges: list) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 1 and abs(x0 - x1) >= 1:
        h_edges.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 1 and abs(y0 - y1) >= 1:
        v_edges.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    elif abs(x0 - x1) >= 1 or abs(y0 - y1) >= 1:
        raise Declined  # a slanted line


# --- the lattice ---------------------------------------------------------------------------


def _merge(edges: list) -> list[tuple]:
    """Edges at (about) one position and touching along their length, joined."""
    out: list[list] = []
    for pos, a, b in sorted(edges):
        for edge in out:
            if abs(edge[0] - pos) <= SNAP and a <= edge[2] + SNAP and b >= edge[1] - SNAP:
                edge[1], edge[2] = min(edge[1], a), max(edge[2], b)
                break
        else:
            out.append([pos, a, b])
    return [tuple(e) for e in out]


def _grids(h_edges: list, v_edges: list) -> list[tuple[list[float], list[float]]]:
    """(xs, ys) of each full lattice. Vertical rules sharing a span make a table; every
    horizontal rule inside it must cross the whole table, or the page is declined."""
    hs, vs = _merge(h_edges), _merge(v_edges)
    groups: list[list[tuple]] = []
    for v in sorted(vs):
        for group in groups:
            if abs(group[0][1] - v[1]) <= SNAP and abs(group[0][2] - v[2]) <= SNAP:
                group.append(v)
                break
        else:
            groups.append([v])
    grids = []
    for group in groups:
        if len(group) < 2:
            raise Declined  # a lone vertical rule: a partial grid or merged cells
        xs = [v[0] for v in group]
        top, bottom = group[0][1], group[0][2]
        inside = [h for h in hs if top - SNAP <= h[0] <= bottom + SNAP and h[2] >= xs[0] - SNAP
                  and h[1] <= xs[-1] + SNAP]
        if any(h[1] > xs[0] + SNAP or h[2] < xs[-1] - SNAP for h in inside):
            raise Declined  # a rule stopping part-way: merged cells
        ys = sorted(h[0] for h in inside)
        if len(ys) < 2 or abs(ys[0] - top) > SNAP or abs(ys[-1] - bottom) > SNAP:
            raise Declined
        grids.append((xs, ys))
    for i, (xs, ys) in enumerate(grids):  # rules that stop part-way form a grid inside a grid
        for other_xs, other_ys in grids[i + 1:]:
            if (min(xs[-1], other_xs[-1]) > max(xs[0], other_xs[0]) - SNAP
                    and min(ys[-1], other_ys[-1]) > max(ys[0], other_ys[0]) - SNAP):
                raise Declined  # merged cells
    return grids


def _read(grid, chars: list, height: float, fills: list, lines) -> tuple:
    xs, ys = grid
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    texts = _cell_texts(chars, xs, ys)
    raw_rows, rows, shaded = [], [], []
    for r, (top, bottom) in enumerate(zip(ys, ys[1:])):
        cells = [(x0, top, x1, bottom) for x0, x1 in zip(xs, xs[1:])]
        raw_rows.append(texts[r])
        rows.append([" ".join(t.split()) for t in texts[r]])
        row_fills = [f for f in fills if f[1] < bottom and f[3] > top]  # the rest cover none of it
        # no fill reaches the row: nothing shaded, as _row_shading would say at more cost
        shaded.append(_row_shading(cells, row_fills) if row_fills else [False] * len(cells))
    if len(rows) < 2 and max(len(r) for r in rows) < 2:
        return None, raw_rows, bbox  # a lone boxed paragraph, not a table
    table = Table(rows=rows, shaded=shaded, caption=_caption(lines, bbox[1], height))
    return table, raw_rows, bbox


def _indices(lines, grids, height: float):
    """Character indices of the lines that reach into a grid (the rest of the page's
    text cannot be in a cell), with the spaces between them."""
    spans = [ln.chars for ln in lines
             if any(height - ln.top <= ys[-1] + SNAP and height - ln.bottom >= ys[0] - SNAP
                    and ln.left <= xs[-1] and ln.right >= xs[0] for xs, ys in grids)]
    for first, end in spans:
        yield from range(max(0, first - 1), end + 1)


def _chars(raw, height: float, indices) -> list[tuple]:
    """(char, x0, x1, top, bottom) of the characters at `indices`, top-based, from pdfium's
    loose boxes (advance width by ascent and descent, the box pdfplumber gives a char)."""
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    out = []
    count = calls.char_count(raw)
    for i in dict.fromkeys(indices):
        if i >= count:
            continue
        code = calls.unicode_at(raw, i)
        if code in (10, 13, 0) or calls.generated(raw, i) == 1:
            continue  # pdfium's own line breaks and spaces: pdfplumber has none
        calls.loose_box(raw, i, ref)
        out.append(("-" if code == 0xFFFE else chr(code), rect.left, rect.right,
                    height - rect.top, height - rect.bottom))
    return out


def _cell_texts(chars: list, xs: list[float], ys: list[float]) -> list[list[str]]:
    """Each cell's text as pdfplumber extracts it: characters whose midpoint is in the
    cell, in lines by their top, words split at gaps over 3pt, left to right."""
    import bisect

    found: dict[tuple, list] = {}
    for ch in chars:
        mid_x, mid_y = (ch[1] + ch[2]) / 2, (ch[3] + ch[4]) / 2
        c, r = bisect.bisect_right(xs, mid_x) - 1, bisect.bisect_right(ys, mid_y) - 1
        if 0 <= c < len(xs) - 1 and 0 <= r < len(ys) - 1:
            found.setdefault((r, c), []).append(ch)
    return [[_text(found.get((r, c), [])) for c in range(len(xs) - 1)] for r in range(len(ys) - 1)]


def _text(chars: list) -> str:
    lines: list[list] = []
    for ch in sorted(chars, key=lambda ch: ch[3]):
        if lines and ch[3] - lines[-1][0][3] <= SNAP:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for line in lines:
        words, last, gap = "", None, False
        for ch in sorted(line, key=lambda ch: ch[1]):
            if ch[0].isspace():  # a space in the text ends a word
                gap = True
                continue
            if words and (gap or ch[1] > last[2] + SNAP):
                words += " "
            words += ch[0]
            last, gap = ch, False
        out.append(words)
    return "\n".join(out)


def _caption(lines, top: float, height: float) -> Optional[str]:
    """The nearest line above the table within 60pt that is not only months and years."""
    near = [ln for ln in lines if height - ln.bottom <= top + 1 and top - (height - ln.bottom) <= CAPTION_GAP
            and not all(_MONTH_WORD.match(w) or _YEAR_WORD.match(w) for w in ln.text.split())]
    if not near:
        return None
    best = min(near, key=lambda ln: top - (height - ln.bottom))
    return " ".join(best.text.split())


def _within(box, bbox, slack: float = 1.0) -> bool:
    return (box[0] >= bbox[0] - slack and box[2] <= bbox[2] + slack
            and box[1] >= bbox[1] - slack and box[3] <= bbox[3] + slack)

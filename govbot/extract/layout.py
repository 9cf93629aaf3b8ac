"""Layout damage in text saved from tables and PDFs, mended before the text is read.

Each repair is a same-length substitution, so every span the parser reports stays valid for
Document.text:

- a table row whose long cell wraps into the next row, as a committee system's table layout
  saved as text prints it ("| 90 | Car Parking | RESOLVED that (a) … from 1 June |" then
  "| | | 2025; and (b) … |"): the row's end and the next row's empty cells become spaces, so
  the cell reads on;
- a page's running header or footer ("Page 4 of 12", "Cabinet – 13 March 2025", a bare page
  number) printed inside a sentence where a PDF's page broke: blanked;
- a word hyphenated at a line end ("pro-\\ncurement", "recommend-\\nations"): joined, the
  line break moved after the word ("decision-\\nmaking" keeps its hyphen).
"""
from __future__ import annotations

import re

__all__ = ["mend"]


def mend(text: str) -> str:
    if "\n|" in text:
        text = _join_wrapped_cells(text)
    text = _blank_page_furniture(text)
    if "-\n" in text:
        text = _join_hyphenated(text)
    return text


# --- table rows ------------------------------------------------------------------------------

def _row_cells(line: str, at: int) -> list[tuple[int, int]]:
    """The content span of each cell of "| a | b |" starting at text offset `at` (cells
    trimmed; an empty cell is an empty span at its start)."""
    cells, pos = [], line.index("|") + 1
    last = line.rindex("|")
    while pos <= last:
        nxt = line.index("|", pos)
        raw = line[pos:nxt]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        cells.append((at + pos + lead, at + pos + lead + len(body)))
        pos = nxt + 1
    return cells


def _join_wrapped_cells(text: str) -> str:
    rows = []  # (line start, line end, cells) of lines printed "| … |"
    starts = [0] if text.startswith("|") else []
    at = text.find("\n|")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n|", at + 1)
    for pos in starts:
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        line = text[pos:eol].rstrip()
        if line.endswith("|") and line.count("|") >= 3:
            rows.append((pos, eol, _row_cells(line, pos)))
    if len(rows) < 2:
        return text
    chars, changed = None, False
    prev = None  # (end of the previous physical line, its cells, column wrapping on, content end)
    for start, eol, cells in rows:
        cont = None
        if prev and prev[0] + 1 == start and len(cells) == len(prev[1]):
            filled = [k for k, (a, b) in enumerate(cells) if b > a]
            if len(filled) == 1 and filled[0] > 0:
                k = filled[0]
                before = prev[1]
                # the cell wrapped is the last filled one of the row above
                if before[k][1] > before[k][0] and all(b == a for a, b in before[k + 1:]) \
                        and not set(text[cells[k][0]:cells[k][1]]) <= set("-: "):
                    cont = k
        if cont is not None:
            if chars is None:
                chars = list(text)
            a, b = prev[1][cont][1], cells[cont][0]
            chars[a:b] = " " * (b - a)
            changed = True
        prev = (eol, cells)
    return "".join(chars) if changed else text


# --- page headers and footers inside a sentence ----------------------------------------------

_FURNITURE = re.compile(
    r"[ \t]*(?:(?:Page|PAGE)[ \t]+\d{1,4}(?:[ \t]+(?:of|OF)[ \t]+\d{1,4})?"  # "Page 4 of 12"
    r"|\d{1,4}"  # a bare page number
    r"|[A-Z][^\n]{0,60}?\b\d{1,2}(?:(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]+[ \t]+\d{4}|[./]\d{1,2}[./]\d{2,4})"  # "Cabinet – 13 March 2025"
    r"(?:[ \t]+(?:Page|PAGE)[ \t]+\d{1,4}(?:[ \t]+(?:of|OF)[ \t]+\d{1,4})?)?)[ \t]*\n")
_PAGE_WORD = re.compile(r"(?:Page|PAGE)[ \t]+\d")


def _blank_page_furniture(text: str) -> str:
    """A run of furniture lines (one of them "Page N") between a line that stops
    mid-sentence and one that goes on in lower case is blanked, its line breaks too."""
    chars = None
    for m in _PAGE_WORD.finditer(text):  # (led by a literal: a fast scan)
        nl = text.rfind("\n", 0, m.start())
        if nl < 0 or text[nl + 1:m.start()].strip(" \t"):
            continue
        # back over furniture lines before the page line
        first = nl + 1
        while True:
            prev_nl = text.rfind("\n", 0, first - 1)
            if prev_nl < 0:
                break
            f = _FURNITURE.match(text, prev_nl + 1)
            if not f or f.end() != first:
                break
            first = prev_nl + 1
        last = first
        while True:
            f = _FURNITURE.match(text, last)
            if not f:
                break
            last = f.end()
        if last <= nl + 1:
            continue
        before = text[max(0, first - 200):first - 1].rstrip()
        after = text[last:last + 40].lstrip(" \t")
        if not before or not after:
            continue
        if before[-1] in ".:;!?" or not (before[-1].isalpha() or before[-1] in ",-–(") or not after[0].islower():
            continue
        if chars is None:
            chars = list(text)
        chars[first:last] = " " * (last - first)
    return "".join(chars) if chars is not None else text


# --- words hyphenated at a line end ----------------------------------------------------------

_HYPHEN_BREAK = re.compile(r"-\n[ \t]*(?=[a-z])")
_WORD_BEFORE = re.compile(r"[A-Za-z]+\Z")
_TAIL = re.compile(r"[a-z]+")
# a hyphen after one of these is a compound's own ("decision-making", "co-operation")
_COMPOUND_HEADS = {"decision", "long", "short", "well", "self", "cross", "full", "part", "cost", "value", "best", "high",
                   "low", "non", "co", "multi", "year", "day", "post", "mid", "follow", "set", "one", "two", "three",
                   "four", "five", "six", "ten", "twelve", "age", "child", "user", "place", "area", "wide", "fit",
                   "top", "up", "in", "on", "off"}


def _join_hyphenated(text: str) -> str:
    chars = None
    for m in _HYPHEN_BREAK.finditer(text):
        w = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if not w or not text[m.start() - 1].islower():
            continue
        tail = _TAIL.match(text, m.end())
        head = w.group().lower()
        joined = ("-" if head in _COMPOUND_HEADS else "") + tail.group()
        span = tail.end() - m.start()
        if chars is None:
            chars = list(text)
        chars[m.start():tail.end()] = joined + " " * (span - len(joined))
    return "".join(chars) if chars is not None else text

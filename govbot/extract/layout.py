"""Layout damage in text saved from tables and PDFs, mended before the text is read.

Each repair is a same-length substitution, so every span the parser reports stays valid for
Document.text:

- a table row whose long cell wraps into the next row, as a committee system's table layout
  saved as text prints it ("| 90 | Car Parking | RESOLVED that (a) … from 1 June |" then
  "| | | 2025; and (b) … |"): the row's end and the next row's empty cells become spaces, so
  the cell reads on;
- a page's running header or footer ("Page 4 of 12", "Cabinet – 13 March 2025", a bare page
  number, the line for the chair's initials) printed inside a sentence where a PDF's page broke:
  blanked;
- a report in capitals flattened onto one line: broken before each numbered heading or clause;
- a word hyphenated at a line end ("pro-\\ncurement", "recommend-\\nations"): joined, the
  line break moved after the word ("decision-\\nmaking" keeps its hyphen), or broken inside a
  line where a converter joined the lines with a space ("pro- curement"); a soft hyphen
  (U+00AD) left inside a word by a PDF's text layer: dropped.
"""
from __future__ import annotations

import re

__all__ = ["mend"]


def mend(text: str) -> str:
    if text.count("\n", 0, _FLAT_HEAD) * _FLAT_LINE < min(len(text), _FLAT_HEAD) and _in_capitals(text[:_FLAT_HEAD]):
        text = _break_flattened(text)  # a text in capitals flattened onto few lines (its head tells: a cost on every text)
    if "|" in text:
        text = _join_wrapped_cells(text)
    text = _blank_page_furniture(text)
    if "-\n" in text:
        text = _join_hyphenated(text)
    text = _join_spaced_hyphen(text)  # (its pattern is led by a literal: a scan as fast as a test for "- ")
    if not text.isascii() and "\u00ad" in text:  # (isascii costs nothing: CPython records it)
        text = _drop_soft_hyphens(text)
    return text


# --- table rows ------------------------------------------------------------------------------

_ROW_AFTER = re.compile(r"\n[ \t]*\|")


def _cells(text: str, a: int, b: int, outer: bool) -> list[tuple[int, int]]:
    """Content spans (trimmed; an empty cell is an empty span) of the cells of the line
    text[a:b], "x | y | z", or "| x | y |" when `outer`."""
    line = text[a:b]
    bars = [i for i, c in enumerate(line) if c == "|"]
    if outer:
        edges = bars
    else:
        edges = [-1] + bars + [len(line)]
    out = []
    for left, right in zip(edges, edges[1:]):
        raw = line[left + 1:right]
        body = raw.strip()
        lead = a + left + 1 + len(raw) - len(raw.lstrip())
        out.append((lead, lead + len(body)))
    return out


def _line(text: str, a: int) -> tuple[int, bool]:
    """Where the line starting at a ends (before its trailing spaces), and whether it is printed
    with bars at both edges."""
    eol = text.find("\n", a)
    eol = len(text) if eol < 0 else eol
    b = eol
    while b > a and text[b - 1] in " \t":
        b -= 1
    line = text[a:b].lstrip(" \t")
    return b, len(line) > 1 and line[0] == "|" and line[-1] == "|"


def _join_wrapped_cells(text: str) -> str:
    """A row "| 90 | Title | … from 1 June |" (or "90 | Title | … from 1 June") whose last
    filled cell goes on in the next row, every other cell of which is empty."""
    chars = None
    for m in _ROW_AFTER.finditer(text):
        c_a = m.start() + 1
        p_a = text.rfind("\n", 0, m.start()) + 1
        p_b, p_outer = _line(text, p_a)
        c_b, c_outer = _line(text, c_a)
        if "|" not in text[p_a:p_b] or p_outer != c_outer:
            continue
        prev, cont = _cells(text, p_a, p_b, p_outer), _cells(text, c_a, c_b, c_outer)
        if len(prev) != len(cont) or len(prev) < 2:
            continue
        filled = [k for k, (a, b) in enumerate(cont) if b > a]
        if len(filled) != 1 or filled[0] == 0:
            continue
        k = filled[0]
        if prev[k][1] == prev[k][0] or any(b > a for a, b in prev[k + 1:]) \
                or not text[prev[k][0]:prev[k][1]].strip("-: ") or not text[cont[k][0]:cont[k][1]].strip("-: "):
            continue  # (the rule under a header row is no cell to go on)
        if chars is None:
            chars = list(text)
        a, b = prev[k][1], cont[k][0]
        chars[a:b] = " " * (b - a)
    return "".join(chars) if chars is not None else text


# --- page headers and footers inside a sentence ----------------------------------------------

_FURNITURE = re.compile(
    r"[ \t]*(?:(?:Page|PAGE)[ \t]+\d{1,4}(?:[ \t]+(?:of|OF)[ \t]+\d{1,4})?"  # "Page 4 of 12"
    r"|\d{1,4}"  # a bare page number
    r"|[A-Z][^\n]{0,60}?\b\d{1,2}(?:(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]+[ \t]+\d{4}|[./]\d{1,2}[./]\d{2,4})"  # "Cabinet – 13 March 2025"
    r"(?:[ \t]+(?:Page|PAGE)[ \t]+\d{1,4}(?:[ \t]+(?:of|OF)[ \t]+\d{1,4})?)?"
    r"|(?:Chair|CHAIR)[^\n]{0,12}?(?:[Ii]nitials|INITIALS)[^\n\w]{0,80})[ \t]*\n")  # "Chairman's Initials ………" (signed on each page)
_PAGE_WORD = re.compile(r"(?:Page|PAGE)[ \t]+\d")
_INITIALS = re.compile(r"(?:Chair|CHAIR)[^\n]{0,12}?[Ii]nitials")


def _blank_page_furniture(text: str) -> str:
    """A run of furniture lines (one of them "Page N") inside a sentence, or between two
    clauses of a labelled list, is blanked, its line breaks too; so is "Page N of M" (and the
    running header before it) printed inside a line of text joined from a PDF's lines."""
    chars = None
    seeds = list(_PAGE_WORD.finditer(text))  # (led by a literal: a fast scan)
    if "nitials" in text:  # (one str scan: the line is printed in title or lower case)
        seeds = sorted(seeds + list(_INITIALS.finditer(text)), key=lambda m: m.start())
    for m in seeds:
        nl = text.rfind("\n", 0, m.start())  # (-1 on the first line)
        if text[nl + 1:m.start()].strip(" \t"):
            if m.re is _INITIALS:
                continue
            span = _inline_furniture(text, m.start(), nl + 1)
            if span:
                if chars is None:
                    chars = list(text)
                chars[span[0]:span[1]] = " " * (span[1] - span[0])
            continue
        if nl < 0:
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
        if not before or not after or not (_mid_sentence(before, after) or _between_clauses(before, after)):
            continue
        if chars is None:
            chars = list(text)
        chars[first:last] = " " * (last - first)
    return "".join(chars) if chars is not None else text


_INLINE_PAGE = re.compile(r"(?:Page|PAGE)[ \t]+\d{1,4}[ \t]+(?:of|OF)[ \t]+\d{1,4}(?=[ \t]+\S)")
_RUN_IN_HEADER = re.compile(r"(?:[A-Z][\w&'’-]*[ \t]+){1,6}(?:[–-][ \t]+)?\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]+[ \t]+\d{4}[ \t]+\Z")


def _inline_furniture(text: str, at: int, line_start: int):
    """The span of "[Cabinet 12 May 2026 ]Page 7 of 15" at `at` inside a line, where the
    sentence runs on over it or a clause label follows it; else None."""
    page = _INLINE_PAGE.match(text, at)
    if not page:
        return None
    head = _RUN_IN_HEADER.search(text, max(line_start, at - 80), at)
    a, b = (head.start() if head else at), page.end()
    before = text[max(0, a - 200):a].rstrip()
    after = text[b:b + 40].lstrip(" \t")
    if not before or not after:
        return None
    if _mid_sentence(before, after) or before[-1] in ".;" and _CLAUSE_LABEL.match(after):
        return a, b
    return None


_JOINING = {"the", "of", "and", "or", "to", "for", "with", "in", "on", "by", "a", "an", "at", "from", "that"}
_CLAUSE_LABEL = re.compile(r"[ \t]*\(?(?:[a-zA-Z]|[ivx]{1,4}|\d{1,2})[).][ \t]")


def _mid_sentence(before: str, after: str) -> bool:
    """Does the sentence run on over the break ("… economically advan-" / "tageous …",
    "… in consultation with the" / "Cabinet Member …")?"""
    if not (before[-1].isalpha() or before[-1] in ",-–("):
        return False
    return after[0].islower() or before.rsplit(None, 1)[-1].lower() in _JOINING


def _between_clauses(before: str, after: str) -> bool:
    """Between two clauses of a labelled list ("(a) … adopted;" / "(b) …")."""
    if not (_CLAUSE_LABEL.match(after) and before[-1] in ";,.:"):
        return False
    return any(_CLAUSE_LABEL.match(line) for line in before.split("\n")[-4:])  # (a clause may wrap over lines)


# --- a report flattened onto one line --------------------------------------------------------

_FLAT_LINE, _FLAT_HEAD = 200, 4000
# a section or paragraph number opening a heading or a clause: "… 2032 1. RECOMMENDATIONS 1.1 THAT CABINET …"
_SECTION_NO = re.compile(r" (?=\d{1,2}\.(?:\d{1,2}\.?){0,2} [A-Z(])")
_CITING = {"PARAGRAPH", "PARAGRAPHS", "PARA", "PARAS", "SECTION", "SECTIONS", "APPENDIX", "ANNEX", "ITEM", "MINUTE",
           "CLAUSE", "REGULATION", "PAGE", "TABLE", "FIGURE", "AND", "OR", "TO", "OF", "IN", "AT", "BY", "NO."}
_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")


def _in_capitals(seg: str) -> bool:
    return len(seg) - len(seg.translate(_LOWER)) <= len(seg) // 50  # (or nearly all: "£1.5m", "2026/27 onwards")


def _break_flattened(text: str) -> str:
    """A document in capitals run onto one long line, as some converters save a report: a line
    break before each numbered heading or clause, so its sections and recommendations read as
    printed ("… NO. 4 …", "PARAGRAPH 2.1 …" cite a number: kept)."""
    chars, nxt = None, 0
    while nxt < len(text):
        a, b = nxt, text.find("\n", nxt)
        b = len(text) if b < 0 else b
        nxt = b + 1
        if b - a < _FLAT_LINE:
            continue
        if not _in_capitals(text[a:b]):
            continue
        for m in _SECTION_NO.finditer(text, a, b):
            word = text[max(a, m.start() - 14):m.start()].rsplit(" ", 1)[-1]
            if word in _CITING or not word:
                continue
            if chars is None:
                chars = list(text)
            chars[m.start()] = "\n"
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


# the same word broken where a converter joined the lines with a space: "a pro- curement exercise"
# ("short- and long-term", "pre- or post-", "two- to three-bedroom" keep theirs)
_SPACED_HYPHEN = re.compile(r"-(?<=[a-z]-)[ \t]+(?=[a-z])")  # (led by its literal: found by a fast scan)
# (a dash set close after a word, "the Contract Extension- had been taken", leads to a word of its own)
_NOT_A_TAIL = _JOINING | {"nor", "but", "as", "than", "into", "onto", "up", "down", "is", "are", "was", "were", "be", "been",
                          "has", "had", "have", "will", "would", "shall", "should", "may", "can", "could", "must", "which",
                          "who", "this", "these", "those", "it", "its", "their", "not", "all", "any", "each", "so", "if"}


def _join_spaced_hyphen(text: str) -> str:
    chars = None
    for m in _SPACED_HYPHEN.finditer(text):
        w = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        tail = _TAIL.match(text, m.end())
        if not w or not w.group()[0].islower() or tail.group() in _NOT_A_TAIL:  # ("Extension- …": a dash)
            continue
        joined = ("-" if w.group().lower() in _COMPOUND_HEADS else "") + tail.group()
        span = tail.end() - m.start()
        if chars is None:
            chars = list(text)
        chars[m.start():tail.end()] = joined + " " * (span - len(joined))
    return "".join(chars) if chars is not None else text


_SOFT_HYPHEN = re.compile("\u00ad(?:[ \t]*\n)?[ \t]*(?=\\w)")
_NOT_SPACE = re.compile(r"\S*")


def _drop_soft_hyphens(text: str) -> str:
    """"pro\u00adcurement" -> "procurement " (the rest of the word moved up, a space after it)."""
    chars = None
    for m in _SOFT_HYPHEN.finditer(text):
        if not text[m.start() - 1:m.start()].isalpha():
            continue
        tail = _NOT_SPACE.match(text, m.end())
        joined = tail.group()
        span = tail.end() - m.start()
        if chars is None:
            chars = list(text)
        chars[m.start():tail.end()] = joined + " " * (span - len(joined))
    return "".join(chars) if chars is not None else text

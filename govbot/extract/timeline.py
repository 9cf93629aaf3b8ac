"""Appendix A timelines: a report's programme read into milestones.

Three shapes are read:
- milestone tables: columns like Milestone/Activity, Start, End/Due/Date, Owner/Lead;
- Gantt tables: a header row of months (perhaps a year row above), shaded or marked cells
  per activity (the PDF reader turns vector bars into such tables too);
- "activity – month year" lines under an Appendix A heading.

When the timeline is an image, or an Appendix A heading has nothing readable under it,
a plain note says so and points to `govbot timeline import`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections import Counter
from typing import Optional

from govbot.domain import Document, Milestone, Table

Period = tuple[dt.date, dt.date]

IMPORT_HINT = "add it with `govbot timeline import REF FILE.csv|yaml`"

_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
         r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
YEAR = r"(?:(?:19|20)\d{2}|'?\d{2})"
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}

_CAPTION = re.compile(r"appendix\s+a\b|time\s*line|timetable|programme|program\b|"
                      r"milestone|gantt|next steps|key dates|project plan", re.I)
# An Appendix A heading on its own line, or run into the text ("... approved. Appendix A –
# Timeline Site surveys – April 2025 ...") when a PDF's paragraphs came out joined.
_TITLE_WORDS = r"(?:time\s*line|timetable|programme|program|milestones?|gantt|project plan|key dates)"
_APPENDIX_A = re.compile(rf"(?im)^[ \t]*appendix[ \t]+a\b[^\n]{{0,100}}$|"
                         rf"(?:^|(?<=[.;:]\s))appendix\s+a\s*[-–—:]\s*{_TITLE_WORDS}\b")
_NEXT_APPENDIX = re.compile(r"(?im)^[ \t]*(appendix[ \t]+[b-z]\b|background papers)[^\n]{0,100}$|"
                            r"(?:^|(?<=[.;:)]\s))appendix\s+[b-z]\s*[-–—:]")
_AFTER_DATE = re.compile(rf"((?i:{MONTH})\s+{YEAR}\)?\.?)[ \t]+(?=[A-Z•])")
_MARKS = {"x", "■", "█", "▇", "▆", "✓", "✔", "✗", "•", "●", "◆", "♦", "*", "y", "yes", "√"}


# --- dates and periods -----------------------------------------------------------------


def _month(word: str) -> int:
    return _MONTH_NAMES[word.strip(".").lower()[:3]]


def _year(text: str) -> int:
    y = int(text.strip("'"))
    return y + 2000 if y < 100 else y


def _month_period(year: int, month: int) -> Period:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _span(first: Period, last: Period) -> Optional[Period]:
    return (first[0], last[1]) if first[0] <= last[1] else None


_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
_MY_NUM = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})\s*,?\s+({YEAR})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({MONTH})(?:\s*[-'’/ ]\s*|\s+)({YEAR})\b(?!,?\s*(?:19|20)\d{{2}})", re.I)
_FINANCIAL_YEAR = re.compile(r"\b(?:FY\s*)?((?:19|20)\d{2})\s*/\s*(\d{2}|(?:19|20)\d{2})\b", re.I)  # "2026/27"
_QUARTER = re.compile(r"\bQ([1-4])\s*[-/ ]?\s*((?:19|20)\d{2})(?:\s*[/-]\s*(\d{2,4}))?\b", re.I)
_SEASON = re.compile(rf"\b(spring|summer|autumn|fall|winter)\s+({YEAR})\b", re.I)
_WEEK = re.compile(r"\b(?:w/?c|week\s+commencing|w\.c\.)\s*", re.I)
_RANGE_SEP = re.compile(r"\s*(?:–|—|-|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*", re.I)


def parse_period(text: str, *, default_year: Optional[int] = None) -> Optional[Period]:
    """The first and last day a date phrase covers: "January 2025", "Jan-25", "03/2025",
    "Q2 2025", "w/c 3 March 2025", "2025-03-14", "14/03/2025" (day first), "Spring 2025",
    and ranges "January – March 2025" or "Jan 2025 to Feb 2026". None when no date."""
    text = " ".join(str(text or "").split())
    if not text:
        return None
    try:
        return _range(text, default_year) or _single(text, default_year)
    except (ValueError, OverflowError):  # "31 to 30 February 2025": no such day
        return None


def _single(text: str, default_year: Optional[int]) -> Optional[Period]:
    week = _WEEK.search(text)
    for pattern, build in _SINGLE_FORMS:
        m = pattern.search(text)
        if m:
            try:
                period = build(m)
            except (ValueError, KeyError):
                continue
            if period and week and period[0] == period[1]:
                return period[0], period[0] + dt.timedelta(days=6)
            return period
    m = re.search(rf"\b({MONTH})\b", text, re.I)
    if m and default_year and len(text) <= 12:  # a month alone, year known from context
        return _month_period(default_year, _month(m.group(1)))
    return _dateparser(text)


def _day(m, d: int, mo: int, y: int) -> Period:
    day = dt.date(y, mo, d)
    return day, day


_SINGLE_FORMS = [
    (_ISO, lambda m: _day(m, int(m.group(3)), int(m.group(2)), int(m.group(1)))),
    (_DMY, lambda m: _day(m, int(m.group(1)), int(m.group(2)), _year(m.group(3)))),
    (_DAY_MONTH_YEAR, lambda m: _day(m, int(m.group(1)), _month(m.group(2)), _year(m.group(3)))),
    (_MONTH_DAY_YEAR, lambda m: _day(m, int(m.group(2)), _month(m.group(1)), _year(m.group(3)))),
    (_QUARTER, lambda m: _quarter(int(m.group(1)), int(m.group(2)), bool(m.group(3)))),
    (_SEASON, lambda m: _season(m.group(1).lower(), _year(m.group(2)))),
    (_FINANCIAL_YEAR, lambda m: _financial_year(int(m.group(1)), m.group(2))),
    (_MONTH_YEAR, lambda m: _month_period(_year(m.group(2)), _month(m.group(1)))),
    (_MY_NUM, lambda m: _month_period(int(m.group(2)), int(m.group(1)))),
]


def _financial_year(year: int, second: str) -> Optional[Period]:
    """A council's financial year: "2026/27" is 1 April 2026 to 31 March 2027."""
    if int(second[-2:]) != (year + 1) % 100:
        return None
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def _quarter(q: int, year: int, financial: bool) -> Period:
    """Calendar quarter, or a financial-year quarter ("Q1 2025/26" = April–June 2025)."""
    first = (q - 1) * 3 + 1
    if financial:
        first, year = (first + 3, year) if q < 4 else (1, year + 1)
    return _month_period(year, first)[0], _month_period(year, first + 2)[1]


def _season(name: str, year: int) -> Period:
    first, last = SEASONS[name]
    end_year = year + 1 if last < first else year
    return _month_period(year, first)[0], _month_period(end_year, last)[1]


def _range(text: str, default_year: Optional[int]) -> Optional[Period]:
    """"January – March 2025", "Jan 2025 - Feb 2026", "3 to 14 March 2025"."""
    parts = _RANGE_SEP.split(text, maxsplit=1)
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return None
    if _ISO.search(text) and not _ISO.search(parts[1]):  # an ISO date's own hyphens
        return None
    last = _single(parts[1], default_year)
    if last is None:
        return None
    bare = re.fullmatch(rf"({MONTH})|(\d{{1,2}})(?:st|nd|rd|th)?", parts[0].strip(), re.I)
    day_month = re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})", parts[0].strip(), re.I)
    if day_month:  # "2 March to 30 March 2026": the year is the end's
        mo, end = _month(day_month.group(2)), last[1]
        return _span(_day(None, int(day_month.group(1)), mo, end.year if mo <= end.month else end.year - 1), last)
    first = None if bare else _single(parts[0], default_year)
    if first is None:
        if not bare:
            return None
        end = last[1]
        if bare.group(1):
            mo = _month(bare.group(1))
            year = end.year if mo <= end.month else end.year - 1
            first = _month_period(year, mo)
        else:
            first = _day(None, int(bare.group(2)), last[0].month, last[0].year)
    return _span(first, last)


_DATEPARSER_MONTH = re.compile(rf"(?<![a-z]){MONTH}(?![a-z])", re.I)
_DIGIT_GROUPS = re.compile(r"\d+")
_FULL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _dateparser(text: str) -> Optional[Period]:
    """Last resort for day dates in other wordings; needs day, month and year."""
    if len(text) > 60 or not _DATEPARSER_MONTH.search(text) or len(_DIGIT_GROUPS.findall(text)) < 2 \
            or not _FULL_YEAR.search(text):
        return None  # not a date phrase with a month word, day and year: dateparser is slow
    import dateparser  # slow to import: only when the regular forms miss

    settings = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True}
    try:
        found = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:
        return None
    return (found.date(), found.date()) if found else None


def period_of(text: str, *, default_year: Optional[int] = None) -> Optional[Period]:
    """A period only when the text is mostly a date (not a sentence that mentions one)."""
    period = parse_period(text, default_year=default_year)
    if period is None:
        return None
    leftover = re.sub(rf"{MONTH}|\d+|\b(?:q[1-4]|w/?c|week|commencing|by|from|end|of|"
                      rf"to|until|st|nd|rd|th|early|mid|late|spring|summer|autumn|winter)\b",
                      " ", text, flags=re.I)
    return period if len(re.sub(r"[\W_]", "", leftover)) <= 3 else None


# --- finding the timeline ----------------------------------------------------------------


def read_timeline(doc: Document) -> tuple[list[Milestone], list[str]]:
    """Milestones of the document's Appendix A timeline, and notes on what could not be read.
    Never raises: a failure here must not lose the rest of the parse."""
    try:
        return _read_timeline(doc)
    except Exception as exc:  # noqa: BLE001
        return [], [f"{doc.name}: the Appendix A timeline could not be read ({type(exc).__name__}); {IMPORT_HINT}"]


def _read_timeline(doc: Document) -> tuple[list[Milestone], list[str]]:
    notes: list[str] = []
    text = doc.text or ""
    appendix = find_appendix_a(text)
    # worked out on first use: most documents have no timeline and never need it
    default_year = functools.cache(lambda: _context_year(text, appendix))
    milestones: list[Milestone] = []
    previous: Optional[Table] = None  # the last Gantt read, whose header a page-break part lacks
    for table in doc.tables:
        table, previous = _continued(table, previous)
        if not _is_timeline_table(table):
            continue
        try:
            found, note = read_table(table, default_year=default_year())
        except Exception as exc:  # one odd table must not lose the rest of the parse
            found, note = [], f"a timeline table could not be read ({type(exc).__name__})"
        milestones.extend(found)
        if note:
            notes.append(note)
    if not milestones and appendix:
        for heading in appendix_a_headings(text):  # the first that lists dated lines: not a cover page's list
            milestones = _from_lines(text, heading, default_year())
            if milestones:
                break
    milestones = _merge(milestones)
    image_note = _image_note(doc)
    if not milestones and (image_note or appendix):
        why = image_note or "the Appendix A timeline has no table or dated list govbot can read"
        notes.append(f"{doc.name}: {why}; {IMPORT_HINT}")
    return milestones, notes


def find_appendix_a(text: str) -> Optional[re.Match]:
    """The first Appendix A heading (see appendix_a_headings)."""
    return next(appendix_a_headings(text), None)


def appendix_a_headings(text: str):
    """Each Appendix A heading in turn (a cover page may list the appendices before the real
    one), tried only where the word 'appendix' occurs: the pattern's anchors and lookbehind
    make a plain search try every position of a long document."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: positions part
        yield from _APPENDIX_A.finditer(text)
        return
    i, last = low.find("appendix"), -1
    while i >= 0:
        m = _APPENDIX_A.match(text, text.rfind("\n", 0, i) + 1) or _APPENDIX_A.match(text, i)
        if m and m.start() > last:
            last = m.start()
            yield m
        i = low.find("appendix", i + 8)


def _continued(table: Table, previous: Optional[Table]) -> tuple[Table, Optional[Table]]:
    """A Gantt carried over a page break without its month header gets the header of the
    part before it (same number of columns). Returns the table to read and the Gantt to
    remember for the next one."""
    h = _month_header(table)
    if h is not None:
        return table, Table(rows=table.rows[: h + 1], shaded=(table.shaded or [])[: h + 1] or None)
    width = len(table.rows[0]) if table.rows else 0
    if previous is None or width != len(previous.rows[-1]):
        return table, None
    if not any(_is_marked(table, r, c) for r in range(len(table.rows)) for c in range(1, width)):
        return table, None
    head_shade = [[False] * len(r) for r in previous.rows]
    body_shade = table.shaded or [[False] * len(r) for r in table.rows]
    joined = Table(rows=previous.rows + table.rows, shaded=head_shade + body_shade,
                   page=table.page, caption=table.caption)
    return joined, previous


def _image_note(doc: Document) -> Optional[str]:
    for note in doc.notes:
        if re.search(r"image|picture|scanned|raster", note, re.I) and \
                re.search(r"appendix|timeline|gantt|programme|chart", note, re.I):
            page = re.search(r"\bpage \d+", note)
            where = f" ({page.group(0)})" if page else ""
            return f"the Appendix A timeline is a picture{where}, so govbot cannot read its dates"
    return None


def _context_year(text: str, appendix: Optional[re.Match]) -> Optional[int]:
    """The year most mentioned near the timeline, for month headers printed without one."""
    near = text[appendix.start():] if appendix else text
    years = Counter(re.findall(r"\b(20\d{2})\b", near)).most_common()
    return int(min(y for y, n in years if n == years[0][1])) if years else None


def _is_timeline_table(table: Table) -> bool:
    if table.caption and _CAPTION.search(table.caption):
        return True
    return _month_header(table) is not None or _milestone_columns(table) is not None


def read_table(table: Table, *, default_year: Optional[int] = None):
    """Milestones from one table (Gantt or milestone list), and a note if it had none."""
    header = _month_header(table)
    if header is not None:
        found = _read_gantt(table, header, default_year)
        if found:
            return found, None
        return [], (f"a Gantt table{_where(table)} has months but no shaded or marked cells "
                    f"govbot can read; {IMPORT_HINT}")
    columns = _milestone_columns(table)
    if columns is not None:
        return _read_milestone_table(table, columns, default_year), None
    return [], None


def _where(table: Table) -> str:
    return f" on page {table.page}" if table.page else ""


# --- Gantt tables --------------------------------------------------------------------------


_MONTH_CELL = re.compile(rf"^({MONTH})(?:\s*[-'’/ ]?\s*({YEAR}))?$", re.I)
_YEAR_CELL = re.compile(r"^(?:fy\s*)?((?:19|20)\d{2})(?:\s*[/-]\s*(\d{2,4}))?$", re.I)


def _month_header(table: Table) -> Optional[int]:
    """Index of the first row with three or more month cells."""
    for i, row in enumerate(table.rows[:4]):
        if sum(_header_unit(c.strip()) is not None for c in row) >= 3:
            return i
    return None


def _column_months(table: Table, h: int, default_year: Optional[int]) -> dict[int, Period]:
    """Column index -> the month (or quarter) it stands for; years from the cells, a year
    row above, or the context, moving on a year where the months wrap round."""
    years_above = _years_above(table, h)
    out: dict[int, Period] = {}
    year, prev = None, None
    for c, cell in enumerate(table.rows[h]):
        unit = _header_unit(cell.strip())
        if unit is None:
            continue
        month, own_year, financial = unit
        wrapped = prev is not None and month < prev
        if own_year is not None:
            year = own_year
        elif c in years_above:
            start, financial = years_above[c]
            q = _QUARTER_CELL.match(cell.strip())
            if q and financial:  # financial quarters: Q1 is April to June
                quarter = int(q.group(1))
                month = quarter * 3 + 1 if quarter < 4 else 1
                wrapped = prev is not None and month < prev
            base = start + 1 if financial and month < 4 else start
            year = year + 1 if wrapped and year is not None and base <= year else base
        elif year is None:
            year = default_year
        elif wrapped:
            year += 1
        if year is None:
            return {}
        out[c] = _quarter_of(year, month) if _QUARTER_CELL.match(cell.strip()) else _month_period(year, month)
        prev = month
    return out


_QUARTER_CELL = re.compile(r"^Q([1-4])(?:\s*[-/ ]?\s*((?:19|20)\d{2})(?:\s*[/-]\s*(\d{2,4}))?|\s*[-' ]\s*(\d{2}))?$", re.I)


def _header_unit(cell: str) -> Optional[tuple[int, Optional[int], bool]]:
    """(first month, year if printed, financial year?) of a month or quarter header cell."""
    m = _MONTH_CELL.match(cell)
    if m:
        return _month(m.group(1)), _year(m.group(2)) if m.group(2) else None, False
    q = _QUARTER_CELL.match(cell)
    if q:
        quarter = int(q.group(1))
        if q.group(2) and q.group(3):  # "Q1 2025/26": financial quarters start in April
            month = quarter * 3 + 1 if quarter < 4 else 1
            return month, int(q.group(2)) + (1 if quarter == 4 else 0), True
        year = int(q.group(2)) if q.group(2) else (_year(q.group(4)) if q.group(4) else None)
        return (quarter - 1) * 3 + 1, year, False
    return None


def _quarter_of(year: int, first_month: int) -> Period:
    return _month_period(year, first_month)[0], _month_period(year, first_month + 2)[1]


def _years_above(table: Table, h: int) -> dict[int, tuple[int, bool]]:
    """Column -> (year, is financial year) from year rows above the month row; merged
    cells print the year once, so it carries right until the next year."""
    out: dict[int, tuple[int, bool]] = {}
    for row in table.rows[:h]:
        current = None
        for c, cell in enumerate(row):
            m = _YEAR_CELL.match(cell.strip())
            if m:
                current = (int(m.group(1)), bool(m.group(2)))
            if current:
                out[c] = current
    return out


def _is_marked(table: Table, r: int, c: int) -> bool:
    if table.shaded and r < len(table.shaded) and c < len(table.shaded[r]) and table.shaded[r][c]:
        return True
    row = table.rows[r]
    return c < len(row) and row[c].strip().lower() in _MARKS


def _read_gantt(table: Table, h: int, default_year: Optional[int]) -> list[Milestone]:
    months = _column_months(table, h, default_year)
    if not months:
        return []
    first_col = min(months)
    owner_col = _owner_column(table.rows[h])
    out = []
    for r in range(h + 1, len(table.rows)):
        row = table.rows[r]
        name = _label([c for k, c in enumerate(row[:first_col]) if k != owner_col])
        marked = [c for c in months if _is_marked(table, r, c)]
        if not name or not marked:
            continue
        label_shaded = bool(table.shaded and any(table.shaded[r][:first_col]))
        if label_shaded and len(marked) == len(months):
            continue  # a shaded band across the whole table: a phase heading, not an activity
        owner = row[owner_col].strip() if owner_col is not None and owner_col < len(row) else None
        out.append(Milestone(name=name, start=months[min(marked)][0],
                             end=months[max(marked)][1], owner=owner or None))
    return out


def _label(cells: list[str]) -> str:
    """The activity's name: the longest wordy cell left of the months."""
    words = [c.strip() for c in cells if re.search(r"[A-Za-z]{3}", c or "")]
    return _clean_name(max(words, key=len)) if words else ""


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"^(?:\d+[.)]?|[a-z][.)]|[•\-–*])\s+", "", text)
    return text.strip(" :;,-–")


# --- milestone tables --------------------------------------------------------------------


_NAME_HEAD = re.compile(r"milestone|activity|activities|task|action|stage|step|deliverable|"
                        r"description|event|key (?:date|stage)|work ?stream|phase|what", re.I)
_START_HEAD = re.compile(r"\bstart|\bfrom\b|begin|commenc", re.I)
_END_HEAD = re.compile(r"\bend\b|\bdue\b|date|complet|finish|deadline|\bby\b|target|"
                       r"timescale|timing|when|month|^to$", re.I)
_OWNER_HEAD = re.compile(r"owner|lead|responsib|\bwho\b|officer|accountable", re.I)


def _owner_column(header: list[str]) -> Optional[int]:
    for c, cell in enumerate(header):
        if _OWNER_HEAD.search(cell or ""):
            return c
    return None


def _milestone_columns(table: Table) -> Optional[dict[str, int]]:
    """Column roles from a header row: name, start, end, owner; or, headerless, a text
    column beside a date column."""
    for h, header in enumerate(table.rows[:3]):
        roles: dict[str, int] = {"header": h}
        for c, cell in enumerate(header):
            cell = cell or ""
            if "owner" not in roles and _OWNER_HEAD.search(cell) and not _NAME_HEAD.search(cell):
                roles["owner"] = c
            elif "start" not in roles and _START_HEAD.search(cell):
                roles["start"] = c
            elif "end" not in roles and _END_HEAD.search(cell):
                roles["end"] = c
            elif "name" not in roles and _NAME_HEAD.search(cell):
                roles["name"] = c
        if "name" in roles and ("start" in roles or "end" in roles):
            return roles
    return _headerless_columns(table)


def _headerless_columns(table: Table) -> Optional[dict[str, int]]:
    if len(table.rows) < 2 or any(len(r) < 2 for r in table.rows):
        return None
    width = min(len(r) for r in table.rows)
    for c in range(width):
        dated = sum(period_of(r[c]) is not None for r in table.rows)
        if dated >= max(2, 0.6 * len(table.rows)):
            name = next((k for k in range(width) if k != c), None)
            return {"header": -1, "name": name, "end": c}
    return None


def _read_milestone_table(table: Table, cols: dict[str, int], default_year) -> list[Milestone]:
    out = []
    for row in table.rows[cols["header"] + 1:]:
        def cell(role):
            c = cols.get(role)
            return row[c].strip() if c is not None and c < len(row) else ""

        name = _clean_name(cell("name"))
        if not name:
            continue
        start = parse_period(cell("start"), default_year=default_year) if cell("start") else None
        end = parse_period(cell("end"), default_year=default_year) if cell("end") else None
        if start is None and end is None:
            continue
        if start is not None and end is not None:
            first, last = start[0], end[1]
        elif "start" in cols and start is not None:
            first, last = start[0], None
        else:
            first, last = end if end else start
        out.append(Milestone(name=name, start=first, end=last, owner=cell("owner") or None))
    return out


# --- "activity – month year" lines -------------------------------------------------------


_COLUMN = re.compile(r"\s*\|\s*|\t+|[ \xa0]{3,}")


def _from_cells(cells: list[str], default_year: Optional[int]) -> Optional[Milestone]:
    """A row of columns: the first cell with words that is no date names it; its dated cells
    (a start and an end, say) give its period."""
    periods = [p for p in (period_of(c, default_year=default_year) for c in cells if c) if p]
    names = [c for c in cells if re.search(r"[A-Za-z]{3}", c) and not period_of(c, default_year=default_year)]
    if not periods or not names:
        return None
    return Milestone(name=_clean_name(names[0]), start=min(p[0] for p in periods), end=max(p[1] for p in periods))


_SEPARATOR = re.compile(r"\s+(?:–|—|-|\|)\s+|\s*(?:–|—|:|\|)\s*")
_BRACKETED = re.compile(r"^(?P<name>.{3,120}?)\s*\((?:by\s+|from\s+)?(?P<when>[^()]{3,40})\)\.?$")
_TRAILING = re.compile(r"^(?P<name>.{3,120}?)\s+(?:by|in|from|during)\s+(?P<when>.{3,40}?)\.?$", re.I)


def _dated_line(line: str, default_year: Optional[int]) -> Optional[Milestone]:
    """ "Prior Information Notice – February 2025", "February 2025: PIN published",
    "Dynamic purchasing system in place (January 2026)", "... by January 2026", and columns
    ("Bus station | April 2026 | March 2028 | Head of Transport", tabs, wide spaces)."""
    cells = [c.strip(" .;") for c in _COLUMN.split(line)]
    if len(cells) >= 2:
        found = _from_cells(cells, default_year)
        if found:
            return found
    splits = [(line[: m.start()], line[m.end():]) for m in _SEPARATOR.finditer(line)]
    for form in (_BRACKETED, _TRAILING):
        m = form.match(line)
        if m:
            splits.append((m.group("name"), m.group("when")))
    for left, right in splits:
        for name, when in ((left, right), (right, left)):
            period = period_of(when.strip(" .;"), default_year=default_year)
            name = _clean_name(name)
            if period and re.search(r"[A-Za-z]{3}", name) and not period_of(name):
                return Milestone(name=name, start=period[0], end=period[1])
    return None


def _appendix_text(text: str, appendix: re.Match) -> str:
    rest = text[appendix.end():]
    stop = _NEXT_APPENDIX.search(rest)
    rest = rest[: stop.start()] if stop else rest
    return _AFTER_DATE.sub(r"\1\n", rest)  # one activity a line, even when run together


def _from_lines(text: str, appendix: re.Match, default_year: Optional[int]) -> list[Milestone]:
    out = []
    for raw in _appendix_text(text, appendix).splitlines():
        line = raw.strip()  # (its wide spaces and tabs may part columns: _dated_line reads them)
        if _clean_name(line) and len(line) <= 200:
            found = _dated_line(line, default_year)
            if found:
                out.append(found)
    return out


def _merge(milestones: list[Milestone]) -> list[Milestone]:
    """One milestone per name (a Gantt split over pages prints its rows twice)."""
    seen: dict[str, Milestone] = {}
    for m in milestones:
        key = re.sub(r"\W+", " ", m.name.lower()).strip()
        if key not in seen:
            seen[key] = m
            continue
        kept = seen[key]
        starts = [d for d in (kept.start, m.start) if d]
        ends = [d for d in (kept.end, m.end) if d]
        kept.start = min(starts) if starts else None
        kept.end = max(ends) if ends else None
        kept.owner = kept.owner or m.owner
    return list(seen.values())

"""Text helpers: whitespace folding with spans, dates, sentence edges.

Every extracted field keeps a `[start, end)` span into Document.text, so helpers here work
on the original text and only fold whitespace when producing the printed value.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Optional

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
DATE_RE = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + _MONTH + r")\.?,?\s+(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<m2>" + _MONTH + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<m3>" + _MONTH + r")\.?,?\s+(?P<y3>(?:19|20)\d\d)\b"
    r"|\b(?P<d4>\d{1,2})(?P<sep>[/.-])(?P<m4>\d{1,2})(?P=sep)(?P<y4>(?:19|20)\d\d)\b",
    re.I,
)


def fold(text: str) -> str:
    """Collapse runs of whitespace (incl. non-breaking spaces) to one space."""
    return " ".join(text.split())


def for_lower_case(rx: re.Pattern) -> re.Pattern:
    """`rx` (written with re.I) rewritten to run on lower-cased text without re.I, which
    Python's re matches several times faster. Use it only where len(s.lower()) == len(s)."""
    return re.compile(lower_case_pattern(rx.pattern), rx.flags & ~re.I)


def lower_case_pattern(pattern: str) -> str:
    """The source of for_lower_case's pattern."""
    if re.search(r"\\[A-Z]", pattern):  # \S, \W, \B ... would change meaning
        raise ValueError(f"pattern has an upper-case escape: {pattern[:60]}")
    return pattern.lower().replace("(?p", "(?P")


def search_from_word(rx: re.Pattern, s: str, words: tuple[str, ...], lead: int = 0,
                     low: Optional[str] = None) -> Optional[re.Match]:
    """rx.search(s) for a pattern every match of which starts at most `lead` characters before
    one of `words` (lower case): begun there, as Python's re tries a pattern opening with \\b or
    a choice of words at every position. None if no word occurs. `low`: s.lower(), if made."""
    low = s.lower() if low is None else low
    if len(low) != len(s):  # lower-casing moved offsets
        return rx.search(s)
    found = [at for at in (low.find(word) for word in words) if at >= 0]
    return rx.search(s, max(0, min(found) - lead)) if found else None


def match_at_words(rx: re.Pattern, s: str, words: tuple[str, ...], low: Optional[str] = None,
                   start: int = 0, end: Optional[int] = None) -> Optional[re.Match]:
    """rx.search(s, start, end) for a pattern every match of which starts with one of `words`
    (lower case): rx is tried only where they occur, where a search would try every position in
    between. `low`: s[start:end].lower(), if made."""
    end = len(s) if end is None else end
    low = s[start:end].lower() if low is None else low
    if len(low) != end - start:  # lower-casing moved offsets
        return rx.search(s, start, end)
    starts = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            starts.append(at)
            at = low.find(word, at + 1)
    for at in sorted(starts):
        m = rx.match(s, start + at, end)
        if m:
            return m
    return None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Folded:
    """A whitespace-folded copy of text[start:end] that maps its offsets back.

    A single whitespace character becomes one space and keeps every offset, so only runs of
    two or more shift what follows: the map records just those points."""

    __slots__ = ("text", "_fold_at", "_src_at", "_end")

    def __init__(self, source: str, start: int, end: int):
        self._end = end
        lead = _LEAD.match(source, start, end)
        start = lead.end()
        while end > start and source[end - 1].isspace():
            end -= 1
        chunk = source[start:end]
        # the chunk is trimmed, and str.split and re's \s agree on what white space is: this
        # folds every run as re.sub(r"\s+", " ", chunk) would, several times faster
        self.text = " ".join(chunk.split())
        self._fold_at, self._src_at, shift = [0], [start], 0
        runs = _RUN.finditer(chunk) if len(self.text) != len(chunk) else ()  # no run, no shift
        for run in runs:  # from the word after the run on, fold = src - shift
            shift += run.end() - run.start() - 1
            self._fold_at.append(run.end() - shift)
            self._src_at.append(start + run.end())

    def _src(self, i: int) -> int:
        k = bisect.bisect_right(self._fold_at, i) - 1
        return self._src_at[k] + (i - self._fold_at[k])

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Source span of self.text[a:b]."""
        if not self.text or b <= a:
            return (self._end, self._end)
        return (self._src(a), self._src(b - 1) + 1)


_LEAD = re.compile(r"\s*")
_RUN = re.compile(r"\s{2,}")


def to_iso(m: re.Match) -> Optional[str]:
    """ISO date (or YYYY-MM) from a DATE_RE match; None if impossible."""
    d, mon, y, mon2, d2, y2, mon3, y3, d4, mon4, y4 = m.group(  # one call, not a dict of all groups
        "d", "m", "y", "m2", "d2", "y2", "m3", "y3", "d4", "m4", "y4")
    try:
        if y:
            return dt.date(int(y), MONTHS[mon.lower()[:3]], int(d)).isoformat()
        if y2:
            return dt.date(int(y2), MONTHS[mon2.lower()[:3]], int(d2)).isoformat()
        if y3:
            return f"{int(y3):04d}-{MONTHS[mon3.lower()[:3]]:02d}"
        if y4:
            return dt.date(int(y4), int(mon4), int(d4)).isoformat()
    except (ValueError, KeyError):
        return None
    return None


# one pattern per century: each opens with a literal, which re finds by a fast scan, where
# "(?:19|20)" would have it test every character (a date's year is 19xx or 20xx)
_YEARS = (re.compile(r"19\d\d(?!\d)"), re.compile(r"20\d\d(?!\d)"))


def year_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the numbers 1900-2099 in text[start:end] not followed by a digit, in order."""
    spans = [m.span() for rx in _YEARS for m in rx.finditer(text, start, end)]
    spans.sort()
    return spans


_DATE_END = re.compile("(?:" + DATE_RE.pattern.lower().replace("(?p", "(?P") + r")\Z")  # matched on lower case


def iter_dates(text: str, start: int = 0, end: Optional[int] = None):
    """(start, end, iso, printed) for each date in text[start:end].

    Seeded by four-digit years (a cheap scan), then read backwards from each year, so the
    whole text is never run through the full date pattern."""
    end = len(text) if end is None else end
    last = start
    for y_start, y_end in year_spans(text, start, end):
        if y_start and text[y_start - 1].isdigit():
            continue
        lo = y_start - 32 if y_start - 32 > last else last
        while lo > last and not text[lo - 1].isspace():
            lo -= 1
        window = text[lo:y_end].lower()
        m = _DATE_END.search(window) if len(window) == y_end - lo else None
        if m:
            iso = to_iso(m)
            if iso:
                d_start = lo + m.start()
                yield (d_start, y_end, iso, " ".join(text[d_start:y_end].split()))
                last = y_end


def first_date(text: str) -> Optional[str]:
    for _, _, iso, _ in iter_dates(text):
        return iso
    return None


# Where a sentence ends: a full stop, '!' or '?' (and a closing quote) before a capital, a
# blank line, or '|'. A full stop after an abbreviation ("e.g.", "Cllr.", "A.") ends none
# unless a line break follows. One pattern per first character: a pattern that starts with
# one literal is found by a fast scan, where an alternation of first characters tries every
# position. Two cuts can only overlap in a run of white space, which both take to its end,
# so the cuts merged by start, less those starting inside the one before, are one pass's.
_ABBREVS = ("e\\.g", "i\\.e", "etc", "no", "para", "paras", "cllr", "cllrs", "mr", "mrs", "ms", "dr", "st", "approx",
            "ref", "nos", "vs", "cf", "[A-Z]")
_WIDTH = {a: len(a.replace("\\", "").replace("[A-Z]", "A")) for a in _ABBREVS}
_NOT_ABBREV = "".join("(?<!(?i:\\b(?:" + "|".join(a for a in _ABBREVS if _WIDTH[a] == w) + "))\\.)"
                      for w in sorted(set(_WIDTH.values())))  # a look-behind needs one width
_NEXT, _CAP, _QUOTE = "(?=[A-Z(“\"'‘])", r"(?=[A-Z][a-z]|\(\d)", "[\"'’”)]"
# text extraction that lost the space after a full stop: "the route.A Member asked …",
# "… be noted.(c)Asked about …" (a word in lower case before it, so "J.A Smith" stays whole)
_GLUED = r"(?<=[a-z]\.)(?=[AI]\s+[A-Za-z]|\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)[A-Z])"
_CUTS = {
    ".": re.compile(r"\.(?:" + _QUOTE + r"(?:\s+" + _NEXT + "|" + _CAP + ")|" + _CAP + "|" + _GLUED
                    + "|" + _NOT_ABBREV + r"\s+" + _NEXT + r"|(?=[^\S\n]*\n)\s+" + _NEXT + ")"),
    "\n": re.compile(r"\n[ \t\xa0]*\n\s*"),
    "!": re.compile("!" + _QUOTE + r"?(?:\s+" + _NEXT + "|" + _CAP + ")"),
    "?": re.compile(r"\?" + _QUOTE + r"?(?:\s+" + _NEXT + "|" + _CAP + ")"),
    "|": re.compile(r"\|"),
}


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as trimmed spans (blank lines and '|' also end one)."""
    cuts: list[tuple[int, int]] = []
    for first, rx in _CUTS.items():
        if text.find(first, start, end) >= 0:
            cuts += [m.span() for m in rx.finditer(text, start, end)]
    cuts.sort()
    out, pos = [], start
    for a, b in cuts:
        if a < pos:  # inside the run of white space an earlier cut took
            continue
        s, e = trim_span(text, pos, a if text[a] in "\n|" else a + 1)
        if e > s:
            out.append((s, e))
        pos = b
    s, e = trim_span(text, pos, end)
    if e > s:
        out.append((s, e))
    return out


# Welsh function words and the "'r" ("the") run on to a word ("Cymeradwyo'r", "i'r"), against
# English ones: bilingual minutes print each decision in Welsh and in English
_WELSH_WORDS = frozenset("y yr yn ym yng ar gan ac ag gyda bod ei eu dros mewn wedi cael hefyd fel neu ond â ei "
                         "mis bob sy'n nad hyn hon rhwng drwy trwy gan i'r a'r o'r gael fod ein dan ôl "
                         # the verbs and nouns of a decision: approve, note, ask, agree, delegate, report, strategy, plan …
                         "cymeradwyo nodi gofyn cytuno dirprwyo penderfynu adroddiad adrodd strategaeth cynllun cyngor "
                         "iaith gymraeg pennaeth cyfarwyddwr aelod awdurdod ymgynghoriad cyllideb blynyddol yn flynyddol "
                         "cynnydd diwygiedig".split())
_ENGLISH_WORDS = frozenset("the be that and of to is was by with for are from this in on at as approve approved note noted "
                           "agree agreed endorse endorsed adopt adopted authorise authorised delegate delegated "
                           "recommend recommended".split())


def is_welsh(s: str) -> bool:
    """Is this clause written in Welsh (more Welsh function words than English ones)?"""
    if " the " in s or " be " in s:  # (most English clauses: no need to count)
        return False
    cy = en = 0
    for w in s.lower().replace("’", "'").split():
        w = w.strip(".,;:()")
        if w in _ENGLISH_WORDS:
            en += 1
        elif w in _WELSH_WORDS or w.endswith("'r") and len(w) > 2:
            cy += 1
    return cy > en and (cy > 1 or "'r" in s or "’r" in s)  # (one "y" may be a place's: "Ysgol y Graig")

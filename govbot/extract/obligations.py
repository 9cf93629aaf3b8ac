"""Obligations: commitments the text says will or must happen that someone must track.

Each kind has a pattern that already carries the commitment ("a report will be brought
back", "for public consultation", "would be completed"), so past narrative ("the consultation
that had taken place") is not caught. Narrative sentences are scanned outside resolution
blocks; each resolution clause is scanned as one unit (and may give "other" follow-ups).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Optional

from govbot.domain import Obligation
from govbot.extract.text import iter_dates, sentence_bounds

try:  # the parser of the re module, read by _gate
    from re import _constants as _sre_c, _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre_c
    import sre_parse as _sre_parse

_FUT = r"(?:will|would|shall|must|should|is\s+to|are\s+to|to)\s+(?:\w+\s+)?be"
KINDS = [
    ("impact_assessment", re.compile(
        r"impact\s+assessments?\b[^.;]{0,120}?\b(?:" + _FUT + r"|be)\s+(?:\w+\s+)?(?:completed|carried\s+out|undertaken|prepared|updated|"
        r"developed|produced|reviewed|published|reported)|(?:complete|carry\s+out|undertake|prepare)\s+(?:an?\s+|the\s+)?(?:full\s+)?"
        r"(?:equality\s+|equalities\s+|data\s+protection\s+|environmental\s+|health\s+)?impact\s+assessment", re.I)),
    ("consultation", re.compile(
        r"\bfor\s+(?:a\s+|further\s+|formal\s+|public\s+|statutory\s+|wider\s+)*consultation\b"
        r"|\bconsultation\b[^.;]{0,80}?\b(?:be|being)\s+(?:carried\s+out|undertaken|launched|held|run|commenced|conducted)"
        r"|\b(?:carry|carrying|carried)\s+out\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){0,2}consultation"
        r"|\b(?:will|would|shall|to)\s+(?:be\s+)?(?:undertake|launch|hold|run|commence|start)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){0,2}consultation"
        r"|\bconsultation\s+(?:will|would|is\s+to|shall)\b|\bgo(?:es)?\s+out\s+to\s+(?:public\s+)?consultation"
        r"|\b(?:will|would|to)\s+consult\b", re.I)),
    ("report_back", re.compile(
        r"\breports?\b[^.;]{0,80}?\b(?:be|being)\s+(?:\w+\s+)?(?:brought|presented|submitted|made|taken|considered)"
        r"|\b(?:be|being)\s+(?:\w+\s+)?(?:presented|brought|submitted)\s+(?:back\s+)?to\s+(?:the\s+)?(?:full\s+)?"
        r"(?:Council|Cabinet|Committee|Board|Panel|Scrutiny|Executive)"
        r"|\breport(?:ing)?\s+back\b|\b(?:be|is|are|being)\s+(?:\w+\s+)?reported\b|\b(?:brought|come|comes|return)\s+back\s+to"
        r"|\b(?:responses?|updates?|progress)\s+(?:would|will|to)\s+be\s+(?:provided|given|brought|reported|presented)\s+to"
        r"|\bpresent\s+(?:\w+\s+){0,3}to\s+(?:the\s+)?(?:full\s+)?(?:Council|Cabinet|Committee)"
        r"|\bupdate\s+(?:the\s+)?(?:Cabinet|Committee|Council|Members)\b", re.I)),
    ("publication", re.compile(
        r"\b(?:be|to\s+be|will\s+be|would\s+be)\s+(?:\w+\s+)?(?:published|produced|made\s+(?:publicly\s+)?available)\b|\bfor\s+publication\b"
        r"|\b(?:will|would|shall)\s+publish\b|\bnotice\s+(?:will|would|to)\s+be\b", re.I)),
    ("review", re.compile(
        r"\b(?:be|to\s+be|will\s+be|would\s+be)\s+(?:\w+\s+)?(?:re-?assessed|reviewed|re-?examined|revisited|re-?evaluated)\b"
        r"|\breview(?:ed)?\s+(?:annually|periodically|in\s+\w+\s+\d{4}|after\s+\d+)|\b(?:will|would|to)\s+review\b"
        r"|\breview\b[^.;]{0,80}?\b(?:be|being)\s+(?:undertaken|carried\s+out|completed|conducted|held|commissioned)", re.I)),
    ("procurement_step", re.compile(
        r"\bnext\s+steps?\b|\bissue\s+of\s+(?:the\s+)?tenders?\b|\b(?:begin|commence|start|undertake|launch)\w*\s+(?:each\s+of\s+)?(?:the\s+|a\s+|an\s+)?"
        r"(?:\w+\s+){0,2}procurement|\bprocurement\s+(?:process|exercise)\w*\s+(?:will|would|to)\b|\baim\s+(?:was|is)\s+to\s+have\b"
        r"|\bin\s+place\s+by\b|\b(?:go|going|goes)\s+out\s+to\s+tender|\b(?:invitation\s+to\s+tender|market\s+testing|prior\s+information\s+notice)\b"
        r"|\btender(?:ing)?\s+(?:exercise|process)\s+(?:will|would|to)\b", re.I)),
]
OTHER = re.compile(r"\bwill\s+be\s+responsible\s+for\b|\bthat\s+will\s+be\s+\w+ed\b|\bcontinues?\s+to\s+\w+|\bwork\s+(?:will\s+)?continue", re.I)
_BY = re.compile(r"\b(?:by|before|no\s+later\s+than|until|not\s+later\s+than|from|in|on|during|within)\s+(?:the\s+end\s+of\s+)?$", re.I)
_WINDOW = re.compile(r"\bfor\s+(?P<n>\w+)\s+(?P<u>days?|weeks?|months?)\s+from\s+$", re.I)
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fourteen": 14, "sixteen": 16, "twenty": 20, "thirty": 30}


# Words one of which every pattern of a kind needs: a cheap test before the full pattern.
KEYWORDS = {
    "impact_assessment": ("impact assessment",),
    "consultation": ("consult",),
    "report_back": ("report", "back to", "respons", "update", "progress", "present", "brought", "submitted"),
    "publication": ("publi", "produced", "available", "notice"),
    "review": ("review", "assess", "examin", "revisit", "evaluat"),
    "procurement_step": ("next step", "tender", "procure", "aim was", "aim is", "in place by", "market testing",
                         "prior information"),
}
# Matched on the lower-cased sentence without re.I, which is several times faster.
KINDS_LOWER = [(kind, re.compile(rx.pattern.lower().replace("(?p<", "(?P<"))) for kind, rx in KINDS]
_ANY_KEY = tuple(k for keys in KEYWORDS.values() for k in keys)
_OTHER_KEYS = ("responsible for", "will be", "continue")


def _any_in(literals) -> Callable[[str], bool]:
    """`lambda s: "a" in s or "b" in s ...` (literals from this module, quoted by repr): as
    fast as the chain written out, twice as fast as any() over a generator."""
    return eval("lambda s: " + " or ".join(f"{x!r} in s" for x in literals))


def _committed(sl: str) -> bool:
    """A narrative sentence must say something will happen before the patterns are tried.
    (Commonest cues first; " to be " holds " be "; the three consultation cues hold "consult".)"""
    return (" be " in sl or " would " in sl or "present" in sl or "require" in sl or " will " in sl
            or " must " in sl or " shall " in sl or "aim " in sl or "next step" in sl or "in place by" in sl
            or "for publication" in sl
            or "consult" in sl and ("to consult" in sl or "for consultation" in sl or "public consultation" in sl))


# Keywords tried commonest first (in council papers), so a unit holding one is passed soon.
_COMMON_KEYS = ("report", "update", "respons", "publi", "present", "consult", "review", "progress", "available")
_has_keyword = _any_in(sorted(_ANY_KEY, key=lambda k: _COMMON_KEYS.index(k) if k in _COMMON_KEYS else len(_COMMON_KEYS)))
_has_other_key = _any_in(_OTHER_KEYS)


def scan(text: str, start: int, end: int, clause: bool = False) -> list[Obligation]:
    """Obligations in text[start:end]: one unit if `clause`, else sentence by sentence.

    Narrative is first tested for keywords and cues (plain substring search), and only the
    sentences holding both are matched."""
    units = [(start, end)] if clause else _narrative_units(text, start, end)
    out: list[Obligation] = []
    kinds = _kinds() if units else []
    for a, b in units:
        s = text[a:b]
        if len(s) < 12:
            continue
        sl = s.lower()
        lower = len(sl) == len(s)
        hits = []
        for kind, rx_lower, rx, keys, gate in kinds:
            for key in keys:
                if key in sl:
                    if not lower:
                        m = _near_keyword(rx, s, sl, keys)
                    else:
                        m = _near_keyword(rx_lower, sl, sl, keys) if gate is None or gate(sl) else None
                    if m:
                        hits.append((kind, m))
                    break
        if clause and not hits and _has_other_key(sl):
            m = OTHER.search(s)
            if m:
                hits = [("other", m)]
        if hits:
            printed = " ".join(s.split())
            for kind, m in hits:
                out.append(_obligation(kind, printed, _due(s, m.start()), (a, b)))
    return out


def _narrative_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] holding a keyword and a cue (see _committed)."""
    low = text[start:end].lower()
    if not _committed(low) or not _has_keyword(low):
        return []
    if len(low) != end - start:  # lower-casing moved offsets: lower each sentence itself
        return [(a, b) for a, b in sentence_bounds(text, start, end)
                if _committed(sl := text[a:b].lower()) and _has_keyword(sl)]
    return [(a, b) for a, b in sentence_bounds(text, start, end)
            if _committed(sl := low[a - start:b - start]) and _has_keyword(sl)]


def _near_keyword(rx: re.Pattern, s: str, sl: str, keys: tuple[str, ...]):
    """Try the kind's pattern only in a window around each of its keywords (patterns are local).

    Each start is tried on its own (\\b and look-behinds still see the text before `pos`), so
    once a window running to the end of `s` fails, later ones starting no earlier would fail
    too and are skipped."""
    n = failed_from = len(s)
    for key in keys:
        i = sl.find(key)
        while i >= 0:
            lo = i - 130 if i > 130 else 0
            if i + 170 < n:
                m = rx.search(s, lo, i + 170)
                if m:
                    return m
            elif lo < failed_from:
                m = rx.search(s, lo)
                if m:
                    return m
                failed_from = lo
            i = sl.find(key, i + 170)
    return None


# --- a cheap test before a kind's pattern ------------------------------------------------
# The kinds' patterns open with \b and a choice of words, so Python's re tries them at every
# position of a window, and most windows hold no match. Read from each pattern itself: for
# each top-level alternative, sets of literals of each of which any match holds one ("be",
# and one of "published", "produced", "available" ...). A unit lacking one set of every
# alternative cannot match and is not searched. The test is built as one expression
# ('("be" in s) and ("available" in s or ...) or ...'): a loop over the sets costs about
# as much as the search it saves.

_SPELT_MAX = 64  # most texts a piece of pattern may spell before only its parts are kept


def _gate(rx: re.Pattern, keys: tuple[str, ...]) -> Optional[Callable[[str], bool]]:
    """A test on a lower-cased unit, false only where `rx` cannot match in it; None if some
    alternative needs no literal (or the pattern uses what _node does not read)."""
    if rx.flags & re.I:
        return None
    try:
        alternatives = [_seq(_sre_parse.parse(alt, rx.flags))[1] for alt in _top_alternatives(rx.pattern)]
    except Exception:  # pragma: no cover - a construct this reading does not know
        return None
    if not all(alternatives):
        return None

    def telling(lits: frozenset[str]):  # rarer literals first; keyword-like ones are in every unit tested
        return (all(any(k in x or x in k for k in keys) for x in lits), min(map(len, lits)) <= 3, len(lits),
                -min(map(len, lits)), sorted(lits))
    expr = " or ".join(
        "(" + " and ".join("(" + " or ".join(f"{x!r} in s" for x in sorted(lits)) + ")"
                           for lits in sorted(set(needs), key=telling)) + ")"
        for needs in alternatives)
    return eval("lambda s: " + expr)  # literals taken from our own patterns, quoted by repr


def _top_alternatives(pattern: str) -> list[str]:
    out, depth, in_class, escaped, cur = [], 0, False, False, []
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return out


def _seq(items) -> tuple[Optional[set[str]], list[frozenset[str]]]:
    """(every text `items` can spell, None if not only literals or too many; literal sets)."""
    run: Optional[set[str]] = {""}  # what the items since the last unread one spell
    only_literals, needs = True, []
    for op, av in items:
        spelt, n = _node(op, av)
        needs += n
        if spelt is not None and run is not None and len(run) * len(spelt) <= _SPELT_MAX:
            run = {a + b for a in run for b in spelt}
            continue
        if run and "" not in run:
            needs.append(frozenset(run))
        only_literals, run = False, spelt
    if run and "" not in run:
        needs.append(frozenset(run))
    return (run if only_literals else None), needs


def _node(op, av) -> tuple[Optional[set[str]], list[frozenset[str]]]:
    c = _sre_c
    if op is c.LITERAL:
        return {chr(av)}, []
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero width
        return {""}, []
    if op is c.IN:
        return ({chr(v) for _, v in av} if len(av) <= 8 and all(o is c.LITERAL for o, _ in av) else None), []
    if op is c.SUBPATTERN:
        _, add_flags, del_flags, p = av
        return _seq(p) if not add_flags and not del_flags else (None, [])
    if op is c.BRANCH:
        branches = [_seq(p) for p in av[1]]
        spelt = None
        if all(e is not None for e, _ in branches) and sum(len(e) for e, _ in branches) <= _SPELT_MAX:
            spelt = set().union(*(e for e, _ in branches))
        best = []
        for e, n in branches:
            choice = n + ([frozenset(e)] if e and "" not in e else [])
            if not choice:
                return spelt, []
            best.append(max(choice, key=lambda s: min(map(len, s))))
        return spelt, [frozenset().union(*best)]  # a match is one branch's: holds one of its set
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        least, most, p = av
        e, n = _seq(p)
        if least == 0:
            return ({""} | e if e is not None and most == 1 else None), []
        return (e if least == most == 1 else None), n + ([frozenset(e)] if e and "" not in e else [])
    return None, []  # any character, classes, atomic groups ...: nothing known


_kinds_made: Optional[list] = None


def _kinds() -> list:
    """(kind, pattern on lower case, pattern, keywords, gate) per kind; the gates are read
    from the patterns on first use (~15 ms), not when the module is imported."""
    global _kinds_made
    if _kinds_made is None:
        _kinds_made = [(kind, rx_lower, rx, KEYWORDS[kind], _gate(rx_lower, KEYWORDS[kind]))
                       for (kind, rx), (_, rx_lower) in zip(KINDS, KINDS_LOWER)]
    return _kinds_made


_FIELDS = ("kind", "text", "due", "span")
_set = object.__setattr__


def _cheap_obligation(kind: str, text: str, due: Optional[str], span: tuple[int, int]) -> Obligation:
    """What Obligation.model_construct makes (the same __dict__, fields set, extra and private
    values) without its walk over the fields: every value is made here, checked already."""
    ob = object.__new__(Obligation)
    _set(ob, "__dict__", {"kind": kind, "text": text, "due": due, "span": span})
    _set(ob, "__pydantic_fields_set__", set(_FIELDS))
    _set(ob, "__pydantic_extra__", {})
    _set(ob, "__pydantic_private__", None)
    return ob


def _constructed_obligation(kind: str, text: str, due: Optional[str], span: tuple[int, int]) -> Obligation:
    return Obligation.model_construct(kind=kind, text=text, due=due, span=span)


# The shortcut holds while Obligation is plain fields with extra="allow" and no post-init hook.
_obligation = (_cheap_obligation if tuple(Obligation.model_fields) == _FIELDS
               and Obligation.model_config.get("extra") == "allow" and Obligation.__pydantic_post_init__ is None
               and not Obligation.__pydantic_root_model__ else _constructed_obligation)


_BEFORE_DUE = {"by", "before", "until", "from", "in", "on", "during", "within", "than"}


def _due(s: str, anchor: int) -> Optional[str]:
    """The date that ends the stated window: the first date after the commitment that follows
    'by', 'in', 'from' … ('for twelve weeks from 7 April' ends twelve weeks later)."""
    best = None
    for d_start, _, iso, _ in iter_dates(s):
        words = s[max(0, d_start - 40):d_start].lower().split()[-4:]
        if len(words) == 4 and words[0] == "for" and words[3] == "from" and len(iso) == 10:
            iso = _add(iso, words[1], words[2])
        elif not words or words[-1] not in _BEFORE_DUE and words[-2:] != ["end", "of"]:
            continue
        score = (0 if d_start >= anchor else 1, abs(d_start - anchor), 0 if words[-1] == "by" else 1)
        if best is None or score < best[0]:
            best = (score, iso)
    return best[1] if best else None


class _At:
    def __init__(self, pos: int):
        self._pos = pos

    def start(self) -> int:
        return self._pos


def _add(iso: str, n: str, unit: str) -> str:
    k = int(n) if n.isdigit() else _NUM.get(n.lower())
    if not k:
        return iso
    d = dt.date.fromisoformat(iso)
    unit = unit.lower().rstrip("s")
    if unit == "day":
        d += dt.timedelta(days=k)
    elif unit == "week":
        d += dt.timedelta(weeks=k)
    else:
        y, mth = divmod(d.month - 1 + k, 12)
        d = d.replace(year=d.year + y, month=mth + 1, day=min(d.day, 28))
    return d.isoformat()

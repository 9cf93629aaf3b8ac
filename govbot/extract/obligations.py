"""Obligations: commitments the text says will or must happen that someone must track.

Each kind has a pattern that already carries the commitment ("a report will be brought
back", "for public consultation", "would be completed"), so past narrative ("the consultation
that had taken place") is not caught. Narrative sentences are scanned outside resolution
blocks; each resolution clause is scanned as one unit (and may give "other" follow-ups).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from govbot.domain import Obligation
from govbot.extract.gated import Gated
from govbot.extract.text import iter_dates, sentence_bounds


_FUT = r"(?:will|would|shall|must|should|is\s+to|are\s+to|to)\s+(?:\w+\s+)?be"
# "report" the verb, not the noun: no article, possessive, preposition or adjective before it
# (tried only where "report" starts: the look-behinds are checked after a look-ahead for it)
_NOT_A_NOUN = "".join(rf"(?<!\b{word}\s)" for word in (
    "a", "an", "the", "this", "that", "its", "his", "her", "our", "their", "in", "of", "annual", "final", "draft",
    "further", "written", "verbal", "progress"))
# who a report goes to: "to the full Council", "to this Committee", "to the next meeting of the Board"
_BODY = (r"(?:the\s+|this\s+|a\s+|its\s+)?(?:next\s+|future\s+|full\s+)?(?:[\w&'’-]+\s+){0,4}?"
         r"(?:meeting|Council|Cabinet|Committee|Board|Panel|Scrutiny|Executive|Members)\b")
KINDS = [
    ("impact_assessment", re.compile(
        r"impact\s+assessments?\b[^.;]{0,120}?\b(?:" + _FUT + r"|be)\s+(?:\w+\s+)?(?:completed|carried\s+out|undertaken|prepared|updated|"
        r"developed|produced|reviewed|published|reported)|(?:complete|carry\s+out|undertake|prepare|including)\s+(?:an?\s+|the\s+)?(?:full\s+)?"
        r"(?:equality\s+|equalities\s+|data\s+protection\s+|environmental\s+|health\s+)?impact\s+assessment", re.I)),
    ("consultation", re.compile(
        r"\bfor\s+(?:a\s+|an\s+|further\s+|formal\s+|informal\s+|targeted\s+|public\s+|statutory\s+|wider\s+"
        r"|\w+[\s-](?:days?|weeks?|months?)\s+|\w+[\s-]stage\s+)*consultation\b"
        r"|\bconsultation\b[^.;]{0,80}?\b(?:be|being)\s+(?:carried\s+out|undertaken|launched|held|run|commenced|conducted)"
        r"|\b(?:carry|carrying|carried)\s+out\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}consultation"
        r"|\b(?:will|would|shall|to)\s+(?:be\s+)?(?:undertake|launch|hold|run|commence|start)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){0,2}consultation"
        r"|\bconsultation(?<!of\sthe\sconsultation)\s+(?:will|would|is\s+to|shall)\b|\bgo(?:es)?\s+out\s+to\s+(?:public\s+)?consultation"
        r"|\b(?:will|would|to)\s+consult\b|\bbe\s+(?:\w+ly\s+)?consulted\b"  # ("will be consulted", "that councillors be consulted")
        r"|\bsubject\s+to\s+(?:a\s+|an\s+|further\s+|formal\s+|public\s+|statutory\s+|\w+[\s-]weeks?\s+)*consultation\b"
        r"|\b(?:to\s+)?engage\s+with\s+(?:local\s+)?(?:residents|stakeholders|tenants|the\s+public|partners|businesses|communities)\b"
        # "approves a public consultation on …" (not "notes the consultation report")
        r"|\b(?:approves?|approved|agrees?|agreed|launch|launches|authorises?|authorised)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
        r"consultation(?=\s*(?:[,.;]|$)|\s+(?:on|with|about|exercise|period|process|for|in|to\s+run|of\s+(?:residents|the\s+public))\b)", re.I)),
    ("report_back", re.compile(
        r"\breports?\b[^.;]{0,80}?\b(?:be|being)\s+(?:\w+\s+)?(?:brought|presented|submitted|made|taken|considered)"
        r"|\b(?:be|being)\s+(?:\w+\s+)?(?:presented|brought|submitted)\s+(?:back\s+)?to\s+(?:the\s+)?(?:full\s+)?"
        r"(?:Council|Cabinet|Committee|Board|Panel|Scrutiny|Executive)"
        r"|\breport(?:ing)?\s+back\b|\b(?:be|is|are|being)\s+(?:\w+\s+)?reported\b|\b(?:brought|come|comes|return)\s+back\s+to"
        r"|\b(?:responses?|updates?|progress)\s+(?:(?:would|will|to|shall)\s+)?be\s+(?:provided|given|brought|reported|presented)\s+to"
        r"|\bpresent\s+(?:\w+\s+){0,3}to\s+" + _BODY +
        # active wording in a resolution: "submit a further report to the Board", "report the findings to
        # this Committee", "officers report to Council by …" (a verb: no "the", "this" or "a" before it)
        r"|\b(?:submit|submits|bring|brings|provide|provides)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:reports?|updates?)\b[^.;]{0,80}?\bto\s+" + _BODY +
        r"|\bsubmits?\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?to\s+" + _BODY +
        r"|\b(?:provide|provides|bring|brings|present|presents)\s+(?:forward\s+)?(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:plan|paper|proposals?|business\s+case|strategy|briefing|response)\b[^.;]{0,60}?\bto\s+" + _BODY +
        r"|\breceive\s+(?:a\s+|an\s+)?(?:further\s+|progress\s+|final\s+)?(?:reports?|updates?)\b"
        r"|\brequest(?:s|ed)?\s+(?:a\s+|an\s+)?(?:further\s+|progress\s+|final\s+)?(?:reports?|updates?)\b[^.;]{0,60}?"
        r"\b(?:to\s+" + _BODY + r"|(?:in|within)\s+(?:\w+\s+){1,2}?(?:months?|weeks?|years?)\b)" +
        # "prepare a delivery plan for consideration by the Executive"
        r"|\b(?:prepare|produce|develop|draw\s+up)s?\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:plan|report|strategy|proposals?"
        r"|business\s+case|policy)\b[^.;]{0,40}?\bfor\s+(?:\w+\s+)?(?:consideration|approval|decision)\s+(?:by|at)\s+" + _BODY +
        r"|\b(?=report)" + _NOT_A_NOUN + r"report(?:s|ing)?\s+(?:[\w'’-]+\s+){0,6}?(?:back\s+)?to\s+" + _BODY +
        r"|\b(?=report)" + _NOT_A_NOUN + r"report(?:s|ing)?\s+(?:back\s+)?on\b[^.;]{0,100}?\bat\s+(?:the|its|a)\s+(?:next\s+)?meeting\b" +
        r"|\b(?=report)" + _NOT_A_NOUN + r"report(?:s|ing)?\s+(?:back\s+)?(?:\w+ly\s+)?on\s+(?:the\s+|its\s+|their\s+)?progress\b"
        r"|\bupdate\s+(?:the\s+)?(?:Cabinet|Committee|Council|Members)\b", re.I)),
    ("publication", re.compile(
        r"\b(?:be|to\s+be|will\s+be|would\s+be)\s+(?:\w+\s+){0,3}?(?:published|produced|advertised|made\s+(?:publicly\s+)?available)\b"
        r"|\bfor\s+publication\b|\b(?:is|are)\s+published\s+(?:on|by|before)\b"
        r"|\b(?:will|would|shall)\s+publish\b|\b(?:authori[sz]ed|asked|instructed|requested)\s+to\s+(?:publish|advertise)\b"
        r"|\b(?:delegat|authori[sz])\w*\b[^.;]{1,160}?\bto\s+(?:publish|advertise)\b"  # "authority … delegated to X to publish …"
        r"|\b(?:approves?|approved|agrees?|agreed|authorises?|authorised)\s+(?:the\s+)?publication\s+of\b"
        r"|\bnotice\s+(?:will|would|to)\s+be\b"
        # a statutory advertisement: "subject to the advertisement of the proposed disposal"
        r"|\b(?:subject\s+to|following|after)\s+(?:the\s+|its\s+)?(?:statutory\s+|public\s+)?advertis(?:ement|ing)\s+of\s+(?:the\s+|its\s+)?"
        r"(?:proposed\s+|intended\s+)?(?:disposal|appropriation|order|proposals?|intention)\b"
        r"|\b(?:intention|notices?|proposals?|disposal|appropriation|order)\b[^.;]{0,80}?\bbe\s+(?:publicly\s+)?advertised\b", re.I)),
    ("review", re.compile(
        r"\b(?:be|to\s+be|will\s+be|would\s+be)\s+(?:\w+\s+)?(?:re-?assessed|reviewed|re-?examined|revisited|re-?evaluated)\b"
        r"|\breview(?:ed)?\s+(?:annually|periodically|in\s+\w+\s+\d{4}|after\s+\d+)|\b(?:will|would|must|shall|to)\s+review\b"
        r"|\breview\b[^.;]{0,80}?\b(?:be|being)\s+(?:undertaken|carried\s+out|completed|conducted|held|commissioned)"
        r"|\b(?:undertake|carry\s+out|conduct|complete|commission)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,2}?review\b"
        r"|\breview\s+(?:the|its|their)\b[^.;]{0,60}?\b(?:annually|periodically|each\s+year|every\s+\w+\s+years?|by|before|within)\b"
        r"|\bkept\s+under\s+(?:regular\s+|close\s+)?review\b", re.I)),
    ("procurement_step", re.compile(
        r"\bnext\s+steps?\b|\bissue\s+of\s+(?:the\s+)?tenders?\b|\b(?:begin|commence|start|undertake|launch)\w*\s+(?:each\s+of\s+)?(?:the\s+|a\s+|an\s+)?"
        r"(?:\w+\s+){0,2}procurement|\bprocurement\s+(?:process|exercise)\w*\s+(?:will|would|to)\b|\baim\s+(?:was|is)\s+to\s+have\b"
        r"|\bin\s+place\s+by\b|\b(?:go|going|goes)\s+out\s+to\s+tender|\b(?:invitation\s+to\s+tender|market\s+testing|prior\s+information\s+notice)\b"
        r"|\btender(?:ing)?\s+(?:exercise|process)\s+(?:will|would|to|be)\b"
        r"|\b(?:authori[sz]ed|asked|instructed|requested)\s+to\s+(?:re-?)?procure\b"
        r"|\bprocurement\s+of\s+(?:a\s+|an\s+|the\s+)?[^.;]{0,80}?\bbe\s+(?:approved|agreed|commenced|undertaken)\b"
        r"|\b(?:approves?|approved|agrees?|agreed)\s+(?:to\s+)?(?:the\s+)?procurement\s+of\b", re.I)),
]
OTHER = re.compile(r"\bmust\s+be\s+(?:submitted|completed|delivered|sent|in\s+place|agreed|approved|adopted)\b[^.;]{0,80}?\bby\b"
                   # a letter the decision sends: "the Leader write to the Secretary of State to request funding"
                   r"|\bwrite\s+to\s+\w|\bletters?\s+(?:be|is|are|to\s+be)\s+sent\b"
                   # a return to an outside body: "the Council's response be submitted to the Department by 14 August"
                   r"|\bbe\s+(?:submitted|sent|returned|lodged)\s+to\s+(?:the\s+)?(?!(?:full\s+)?(?:council|cabinet|committee|board|panel|executive)\b)\w"
                   r"|\bwill\s+be\s+responsible\s+for\b|\bthat\s+will\s+be\s+\w+ed\b|\bcontinues?\s+to\s+\w+|\bwork\s+(?:will\s+)?continue", re.I)
_BY = re.compile(r"\b(?:by|before|no\s+later\s+than|until|not\s+later\s+than|from|in|on|during|within)\s+(?:the\s+end\s+of\s+)?$", re.I)
_WINDOW = re.compile(r"\bfor\s+(?P<n>\w+)\s+(?P<u>days?|weeks?|months?)\s+from\s+$", re.I)
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fourteen": 14, "sixteen": 16, "twenty": 20, "thirty": 30}


# Words one of which every pattern of a kind needs: a cheap test before the full pattern.
KEYWORDS = {
    "impact_assessment": ("impact assessment",),
    "consultation": ("consult", "engage"),
    "report_back": ("report", "back to", "respons", "update", "progress", "present", "brought", "submit", "provide",
                    "bring", "consideration"),
    "publication": ("publi", "produced", "available", "notice", "advertis"),
    "review": ("review", "reassess", "re-assess", "reexamin", "re-examin", "revisit", "reevaluat", "re-evaluat"),
    "procurement_step": ("next step", "tender", "procure", "aim was", "aim is", "in place by", "market testing",
                         "prior information"),
}
# Words one of which every report_back pattern also needs beyond its keyword: "as set out in
# the report" and "the report be noted", in most clauses, then cost no search.
CUES = {
    "report_back": ("brought", "present", "submit", "made", "taken", "considered", "back", "reported", "provide", "receive",
                    "given", "update", "bring", "meeting", "council", "cabinet", "committee", "board", "panel", "month",
                    "scrutiny", "executive", "members", "progress"),
}
_ANY_KEY = tuple(k for keys in KEYWORDS.values() for k in keys)


def _committed(sl: str) -> bool:
    """A narrative sentence must say something will happen before the patterns are tried.
    (Commonest cues first; " to be " holds " be "; the three consultation cues hold "consult".)"""
    return (" be " in sl or " would " in sl or "present" in sl or "require" in sl or " will " in sl
            or " must " in sl or " shall " in sl or "aim " in sl or "next step" in sl or "in place by" in sl
            or "for publication" in sl
            or "consult" in sl and ("to consult" in sl or "for consultation" in sl or "public consultation" in sl))


def _has_keyword(sl: str) -> bool:
    for key in _ANY_KEY:  # a loop that stops at the first: any() over a generator costs twice as much
        if key in sl:
            return True
    return False


def scan(text: str, start: int, end: int, clause: bool = False, since: Optional[str] = None) -> list[Obligation]:
    """Obligations in text[start:end]: one unit if `clause`, else sentence by sentence; `since`:
    the meeting's date, from which a window with no date ("within six months") runs.

    Narrative is first tested for keywords and cues (plain substring search), and only the
    sentences holding both are matched."""
    units = [(start, end)] if clause else _narrative_units(text, start, end)
    out: list[Obligation] = []
    for a, b in units:
        s = text[a:b]
        if len(s) < 12 or s.startswith(_HEADER_FIELDS):  # "Report title: … – Approval for Consultation"
            continue
        if not clause and ("To " in s[:12] or s.startswith("Purpose")) and _PURPOSE.match(s):
            continue  # a report's or page's purpose ("1.1 To seek approval of the draft Map for consultation")
        sl = s.lower()
        lower = len(sl) == len(s)
        hits = []
        for kind, gate, keys, cues in _KINDS:
            for key in keys:
                if key in sl:
                    if cues and not any(cue in sl for cue in cues):
                        break
                    rx = gate.for_text(sl, lower)  # only the alternatives whose words the unit holds
                    m = rx and (_near_keyword(rx, sl, sl, keys) if lower else _near_keyword(rx, s, sl, keys))
                    if m and _NEGATED.search(s, max(0, m.start() - 30), m.start()):
                        m = None  # "no further report would be brought back", "would not be reviewed"
                    elif m and kind == "publication" and m.group().endswith("advertised") \
                            and not _ADVERTISED.search(sl, max(0, m.start() - 60), m.end()):
                        m = None  # an Order, notice or fares advertised; not a post
                    if m:
                        hits.append((kind, m))
                    break
        if clause and not hits and ("responsible for" in sl or "will be" in sl or "continue" in sl or "must be" in sl
                                    or "write to" in sl or " sent" in sl
                                    or "submitted to" in sl or "lodged" in sl or "returned to" in sl):
            m = OTHER.search(s)
            if m:
                hits = [("other", m)]
        if len(hits) > 1 and hits[0][0] == "impact_assessment":  # "an impact assessment … will be reviewed": one commitment
            hits = [h for h in hits if not (h[0] == "review" and h[1].group()[:2].lower() in ("be", "to", "wi", "wo"))]
        if hits:
            if len(hits) > 1:  # in the order the sentence states them
                hits.sort(key=lambda h: h[1].start())
            printed = " ".join(s.split())
            dates = list(iter_dates(s))  # read once for all the unit's kinds
            for kind, m in hits:
                due = _due(s, m.start(), dates)
                if due is None and since and ("month" in sl or "week" in sl or "year" in sl):
                    due = _due_after(s, since)
                out.append(Obligation.made(kind=kind, text=printed, due=due, span=(a, b)))
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


# (kind, its pattern gated by words, keywords, cues) per kind; matched on the lower-cased
# sentence without re.I where lower-casing keeps offsets, which is several times faster
_KINDS = [(kind, Gated(rx), KEYWORDS[kind], CUES.get(kind)) for kind, rx in KINDS]


_ADVERTISED = re.compile(r"\b(?:orders?|notices?|proposals?|proposed|byelaws?|scheme|fares|charges|tariffs?|intention|disposal|appropriation)\b")
_PURPOSE = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:Purpose[^:\n]{0,30}:\s*)?To\s+(?:seek|agree|approve|consider|present|update"
                      r"|inform|provide|outline|set\s+out|ask|request|advise|report|recommend|note|endorse|adopt|enable|obtain|secure)\b")
_HEADER_FIELDS = ("Report title:", "Title:", "Subject:", "SUBJECT:", "Report to:", "REPORT TO:")
_BEFORE_DUE = {"by", "before", "until", "from", "in", "on", "during", "within", "than", "to", "and"}
_NEGATED = re.compile(r"\b(?:no|not|never)\b(?:\s+\w+){0,2}\s*$", re.I)
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PERIOD_BEFORE = re.compile(r"\bfor\s+(?:a\s+)?(?:period\s+of\s+)?(?P<n>\w+)[\s-](?P<u>days?|weeks?|months?)\b[^.;]{0,40}?"
                            r"\b(?:commencing|starting|beginning|running\s+from)(?:\s+on|\s+from)?\s*$", re.I)
_PERIOD_AFTER = re.compile(r",?\s+for\s+(?:a\s+period\s+of\s+)?(?P<n>\w+)\s+(?P<u>days?|weeks?|months?)\b", re.I)


def _closes(s: str, dates: list, n: int) -> bool:
    """Is dates[n] opened by 'from'/'between' and closed by the next date ('to'/'and'/'until')?"""
    if n + 1 >= len(dates):
        return False
    gap = s[dates[n][1]:dates[n + 1][0]].lower().split()
    return len(gap) <= 2 and bool(gap) and gap[-1] in ("to", "and", "until", "-", "–")


def _due(s: str, anchor: int, dates: list) -> Optional[str]:
    """The date that ends the stated window: the first of `dates` (iter_dates of s) after the
    commitment that follows 'by', 'in', 'from' … ('for twelve weeks from 7 April' ends twelve
    weeks later) or names a meeting ('to the Committee's March 2022 meeting')."""
    best = None
    for n, (d_start, d_end, iso, _) in enumerate(dates):
        words = s[max(0, d_start - 40):d_start].lower().split()[-4:]
        if words and words[-1] in _WEEKDAYS:  # "on Thursday 12 March 2026"
            words = s[max(0, d_start - 60):d_start].lower().split()[-5:-1]
        if words and words[-1] in ("from", "between") and _closes(s, dates, n):
            continue  # "from 1 February to 15 March": the window ends at the later date
        period = _PERIOD_AFTER.match(s, d_end)  # "published on 5 January 2026 for a period of 28 days"
        before = s[max(0, d_start - 80):d_start]
        opened = _PERIOD_BEFORE.search(before) if "for" in before else None  # "for eight weeks commencing on 2 November"
        if len(words) == 4 and words[0] == "for" and words[3] == "from" and len(iso) == 10:
            iso = _add(iso, words[1], words[2])
        elif opened and len(iso) == 10:
            iso = _add(iso, opened.group("n"), opened.group("u"))
        elif period and len(iso) == 10 and words and words[-1] in _BEFORE_DUE:
            iso = _add(iso, period.group("n"), period.group("u"))
        elif not words or words[-1] not in _BEFORE_DUE and words[-2:] != ["end", "of"] \
                and not s[d_end:d_end + 12].lower().lstrip().startswith("meeting"):
            continue
        score = (0 if d_start >= anchor else 1, abs(d_start - anchor), 0 if words[-1] == "by" else 1)
        if best is None or score < best[0]:
            best = (score, iso)
    return best[1] if best else None


# a window counted from the meeting: "within six months", "in 12 months' time", "within the next two years"
_RELATIVE = re.compile(r"\b(?:within|in)\s+(?:the\s+next\s+)?(?P<n>\w+)\s+(?P<u>weeks?|months?|years?)\b(?![\w-])", re.I)


def _due_after(s: str, since: str) -> Optional[str]:
    m = _RELATIVE.search(s)
    if not m or len(since) != 10:
        return None
    due = _add(since, m.group("n"), m.group("u"))
    return due if due != since else None


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
    else:  # months, or years as twelve months each
        k *= 12 if unit == "year" else 1
        y, mth = divmod(d.month - 1 + k, 12)
        d = d.replace(year=d.year + y, month=mth + 1, day=min(d.day, 28))
    return d.isoformat()

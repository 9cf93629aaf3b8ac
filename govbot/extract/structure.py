"""Document-level reading: page type, decision maker (body), meeting date, and item bounds."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from govbot.extract.gated import Gated
from govbot.extract.resolutions import title_like
from govbot.extract.text import DATE_RE, MONTHS, iter_dates, to_iso

_HEAD = 2500
# the body named in passing ("The Cabinet considered …") is looked for in the first pages only: a
# meeting's first items name it, and a search of every page of a long document cost a tenth of its parse
_OPENING_PAGES = 30_000


def page_type(text: str) -> Optional[str]:
    head = text[:_HEAD]
    low = _ascii_lower(head)
    if _search(_DELEGATED_LIST, head, low):
        return "delegated_list"
    if _search(_ISSUE_HEAD, head, low) or _search(_ISSUE_PAGE, head, low):
        return "issue"
    reported = "eport" in head or "EPORT" in head  # (a case-blind search would try every character)
    if reported and _search(_REPORT_TO, head, low) and _search(_RECS_HEADING, head, low):
        return "report"  # a report to a Cabinet Member, whose "Date of decision:" is the decision it asks for
    if _search(_DECISION_FIELDS, head, low) or "decision maker:" in head:  # (fields as a table: "Decision maker | Cabinet |")
        maker = re.search(r"[Dd]ecision (?:[Mm]aker|[Tt]aker|of)(?::|[ \t]*\||[ \t]*\n\s*)[ \t]*([^|\n]+)", head)
        if maker and not re.search(r"Cabinet|Council|Committee|Leader|Mayor|Executive\b(?! Director)|Member|Board|Panel"
                                   r"|Portfolio Holder|Councillor",
                                   maker.group(1)):
            return "officer_decision"
        if re.search(r"Decision [Tt]ype:\s*Officer|officer decision|ODR\b", head, re.I):
            return "officer_decision"
        return "decision"
    if reported and _search(_REPORT_FIELDS, head, low) or "Forward Plan reference" in head:
        return "report"
    if _search(_REPORT_OF, head, low) and (_asks(text) or _search(_RECS_HEADING, head, low)) and (
            not re.search(r"RESOLVED|Minutes:", text)
            or _search(_RECS_HEADING, head, low) and not re.search(r"Minutes of|MINUTES|^[ \t]*RESOLVED", text, re.M)):
        return "report"  # (a "Recommendations" heading, and a past decision merely cited in the background)
    if _search(_MINUTES_HEAD, head, low) or _search(_DECISION_RECORD, head, low) \
            or "Minutes\n" in head and re.search(r"^[ \t]*Minutes[ \t]*$", head, re.M):
        return "minutes"
    if re.match(r"\s*(?:\(?[a-z1-9]\)|\d\.|That\b)", text):
        return "decision"
    if re.search(r"RESOLVED|DECISIONS", head) or len(_headings(head)) >= 2:  # (a decision page has no items)
        return "minutes"
    return "decision" if len(text) < 4000 and re.search(r"\b(?:resolved|decided|agreed)\b", text, re.I) else None


_DELEGATED_LIST = re.compile(r"^\s*Decisions published", re.M)
_ISSUE_HEAD = re.compile(r"^\s*(?:Issue\b|Agenda item\b)")
_ISSUE_PAGE = re.compile(r"Issue - meetings|^Meeting:\s*\d", re.M)
# (a page laid out as a definition list prints each field's name on a line of its own, its value below)
_DECISION_FIELDS = re.compile(r"Decision [Dd]etails|Decision (?:[Mm]aker|[Tt]aker|of)(?::|[ \t]*\|)|Decision [Tt]ype:"
                              r"|Date of decision:|Decision made:|^[ \t]*(?:Decision (?:[Mm]aker|[Tt]aker)|Date of [Dd]ecision)[ \t]*$",
                              re.M)
_REPORT_FIELDS = re.compile(r"(?i:report[ \t]+(?:to|title|by|author|of)[ \t]*:)|Purpose of (?:the |this )?[Rr]eport")
# (a Scottish council's "Minute of Meeting of …", and "Notes of the meeting held on …" of a panel or forum)
_MINUTES_HEAD = re.compile(r"Minutes of|MINUTES|No\. \| Item|^Venue:|^Present:|^PRESENT|^[ \t]*Minute of|^[ \t]*Notes of (?:the |a )?[Mm]eeting"
                           r"|^[ \t]*NOTES OF", re.M)
_DECISION_RECORD = re.compile(r"Record of [Dd]ecisions|Decision [Ss]heet|DECISION SHEET")


# A report (not minutes): "Report of the Director of …" and recommendations put to the meeting.
_REPORT_OF = re.compile(r"^\s*(?:Report of|REPORT OF):?\s+(?:the |THE )?[A-Z]", re.M)
_REPORT_TO = re.compile(r"(?i:report[ \t]+to[ \t]*:)")
# a recommendations heading: "Recommendations", "RECOMMENDATION(S)", "Decision(s) recommended", "Recommendations to
# the Executive", "Outline and recommendations" (with or without a section number)
RECS_NAME = (r"(?i:recommendations?(?:\s*/\s*argymhelli(?:ad|on))?|recommendation\(s\)|proposed\s+decisions?|recommended\s+decisions?|decisions?\s+recommended|recommended\s+that"
             r"|decisions?\s+required|decision\(s\)\s+required"
             r"|decision\(s\)\s+recommended|(?:outline|summary)\s+and\s+recommendations?|summary\s+of\s+recommendations"
             r"|recommendations?\s+to\s+(?:the\s+)?(?:full\s+)?(?:cabinet|executive|council|committee|mayor|board|panel)"
             r"(?:\s+and\s+cabinet)?)")
_RECS_HEADING = re.compile(r"^[ \t]*(?:\d+(?:\.\d+)?\.?[ \t]+)?" + RECS_NAME + r"[ \t]*:?[ \t]*$", re.M)
# Recommendations put to the reader: a "Recommendations" line, or "is/are asked|recommended|invited to",
# each found from its literal and checked behind it (one pattern for both tried every position of the text)
_RECS_WORD = re.compile(r"Recommend(?:ations?|ation\(s\)|ed that:?)\s*$", re.M)  # (literal-led: found by a fast scan)
_RECS_CAPS = re.compile(r"RECOMMENDATION(?:S|\(S\))?\s*$", re.M)  # tried only where the capitals occur
_RECS_BEFORE = re.compile(r"(?:^|\n)\s*(?:\d+\.?\s+)?\Z")
_ASK_VERB = re.compile(r" (?:asked|recommended|invited) to\b| asked:")


def _asks(text: str) -> bool:
    """Does the text put recommendations to its reader?"""
    for rx in (_RECS_WORD, _RECS_CAPS) if "RECOMMENDATION" in text else (_RECS_WORD,):
        for m in rx.finditer(text):
            if _RECS_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                return True
    for m in _ASK_VERB.finditer(text):
        before = text[max(0, m.start() - 4):m.start()]
        if m.group().endswith(":"):
            if before.endswith("is") and not before[:-2][-1:].isalnum():
                return True
        elif (before.endswith("is") and not before[:-2][-1:].isalnum()
              or before.endswith("are") and not before[:-3][-1:].isalnum()):
            return True
    return False

# a meeting's date as headers print it: "Wednesday, 6th August, 2025 7.00 pm"
_HEADER_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?)?"
_HEADER_DATE = r"(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4}" + _HEADER_TIME
_BODY_RULES = [
    re.compile(r"^Meeting:\s*[\d/]+\s*-\s*(?P<b>[^\n(]+?)\s*\(Item", re.M),
    re.compile(r"Decision (?:[Mm]aker|[Tt]aker|of|[Tt]aken by)(?::\s*|[ \t]*\|[ \t]*)(?P<b>[^\n|]+?)(?:,\s*(?:Councillor|Cllr)\b[^\n]*"
               r"|[ \t]{2,}[^\n]*|[ \t]*\|[^\n]*)?$", re.M),  # not the councillor's name, nor the next field printed on the same line
    re.compile(r"^[ \t]*Decision (?:[Mm]aker|[Tt]aker)[ \t]*\n\s*(?P<b>[^\n|]+?)[ \t]*$", re.M),  # (the value below its field's name)
    re.compile(r"^[ \t]*Decision [Ss]ession\s*[-–:]\s*(?P<b>[^\n]+?)[ \t]*$", re.M),
    # "Name and job title of decision maker: Kate Morrow, Director of Commissioning": the role, not the name
    re.compile(r"Name and (?:job )?title of (?:the )?decision maker:[ \t]*(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2},[ \t]*)?"
               r"(?P<b>[^\n]+?)[ \t]*$", re.M),
    re.compile(r"DECISIONS?\s+(?:made|taken)\s+by\s+(?:the\s+)?(?P<b>[^,\n]+?)(?:,|\s+on\s)"),
    # "Decisions of the Cabinet", "Record of the Decisions of the Executive held on 24.03.2026"
    re.compile(r"(?:^|\n|\.\s)\s*(?:Record\s+of\s+(?:the\s+)?)?Decisions?\s+of\s+(?:the\s+)?(?P<b>[A-Z][^\n.:]{2,80}?)"
               r"(?:\s+(?:held|meeting)\b[^\n]*)?\n"),
    re.compile(r"^[ \t]*(?:Committee|COMMITTEE)[ \t]*:[ \t]*(?P<b>[A-Z][^\n]{2,80}?)[ \t]*$", re.M),  # "Committee: Licensing Committee"
    re.compile(r"(?:Report to|REPORT TO)(?::\s*|[ \t]+(?:the[ \t]+)?)(?P<b>[A-Z][\w&' -]*?)(?=\s+(?:Report|REPORT|Date|DATE)\b|\s*\n|$)"),
    # "Minutes of a meeting of the Cabinet held in …", "MINUTES OF THE MAYOR AND CABINET"
    re.compile(r"^[ \t]*(?i:minutes?\s+of\s+(?:the\s+|a\s+)?(?:meeting\s+of\s+(?:the\s+)?)?)(?!(?i:the|a|meeting|previous)\b)"
               r"(?P<b>[A-Za-z][A-Za-z&'’ ,-]{2,80}?)(?:\s+(?i:meeting|held)\b|[ \t]*$)", re.M),
    re.compile(r"^\s*(?P<b>(?:Executive\s+)?Cabinet|Mayor and Cabinet|Executive|[A-Z][\w&'’, -]{0,60}Committee"
               r"(?:\s+(?:for|on)\s+[A-Z][\w&'’ -]{2,40})?)"
               r"(?:\s*[:,–-]\s*" + _HEADER_DATE + r")?\s*$", re.M),  # "… Committee: 26 February 2026", "… - Wednesday, 6th August, 2025 7.00 pm"
    # a board or panel over its meeting's date ("Health and Wellbeing Board\nDate of Meeting: …"), not an item's title
    re.compile(r"^[ \t]*(?P<b>[A-Z][\w&'’, -]{0,60}(?:Board|Panel))[ \t]*\n\s*(?=(?:Date|DATE|Minutes|MINUTES|[Hh]eld|"
               r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b|\d)", re.M),
    # a heading in capitals: "CABINET", "POLICY AND RESOURCES COMMITTEE", "CABINET – 2 JUNE 2026"
    re.compile(r"^[ \t]*(?P<b>(?:[A-Z][A-Z&'’-]*[ \t]+){0,8}?(?:CABINET|COMMITTEE|EXECUTIVE|PANEL|BOARD))"
               r"(?:[ \t]*[–-][^\n]*\d{4})?[ \t]*$", re.M),
    # a decision notice's member: "Portfolio Holder: Portfolio Holder for Leisure" (a role, not a councillor's name)
    re.compile(r"(?:Portfolio Holder|Cabinet Member|Executive Member|Lead Member)[ \t]*:[ \t]*"
               r"(?P<b>(?:Portfolio Holder|Cabinet Member|Executive Member|Lead Member) (?:for|of) [^\n]{2,80}?)[ \t]*$", re.M),
    None,  # the rules above read the head of the text, those below its opening pages
    re.compile(r"\b[Tt]he\s+(?P<b>Cabinet|Executive)\s+(?:considered|RESOLVED|resolved|noted|received|agreed)"),
    re.compile(r"\b(?:^|[Tt]he\s+)(?P<b>Cabinet|Committee|Panel|Board|Executive)\b[^.\n]{0,40}\b(?:RESOLVED|resolved)\b"),
    re.compile(r"\bit was\s+RECOMMENDED|RESOLVED|\bCabinet\b"),
]


# the Cabinet itself, not a role named after it ("the Cabinet Member for Highways" sits on any committee)
# (led by the word itself, for a fast scan: a pattern opening with \b is tried at every character)
_CABINET = re.compile(r"Cabinet\b(?<!\wCabinet)(?![ \t]+(?:Member|Portfolio|Lead|Office|Committee|Advisory|Secretary|Minister))")


def body(text: str) -> Optional[str]:
    hay = text[:_HEAD]
    low = _ascii_lower(hay)
    for rule in _BODY_RULES:
        if rule is None:
            hay = text[:_OPENING_PAGES]
            low = _ascii_lower(hay)
            continue
        m = _search(rule, hay, low)
        if m:
            if "b" not in rule.groupindex:
                return "Cabinet" if _CABINET.search(text) else None
            b = " ".join(m.group("b").split()).strip(" ,.-")
            b = _in_title_case(re.sub(r"^(?:(?:a\s+)?meeting\s+of\s+)?(?:the\s+)?", "", b, flags=re.I))
            if b and len(b) < 120:
                return b
    return None


# Each header rule is searched only with the alternatives whose words the text holds (see Gated):
# most rules fit few pages, and a pattern of a head tried at every character costs ~50 us.
_GATES: dict[re.Pattern, Gated] = {}


def _ascii_lower(text: str) -> Optional[str]:
    """`text` lower-cased, when it is ASCII (else None: other letters may change length, or
    match an ASCII letter when case is ignored)."""
    return text.lower() if text.isascii() else None


def _search(rule: re.Pattern, text: str, low: Optional[str]) -> Optional[re.Match]:
    """rule.search(text), ruling out first, from `low` (_ascii_lower(text)), what cannot match."""
    if low is None:
        return rule.search(text)
    gate = _GATES.get(rule)
    if gate is None:
        gate = _GATES[rule] = Gated(rule)
    pattern = gate.for_text(low, lower=False)
    return pattern.search(text) if pattern else None


_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to"}


def _in_title_case(name: str) -> str:
    """A name printed in capitals ("POLICY AND RESOURCES COMMITTEE") as a title."""
    if not name.isupper():
        return name
    words = [w.capitalize() for w in name.lower().split()]
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


_WEEKDAY = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+|^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+"
                      r"|^(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY,?\s+")
_DATE_RULES = [
    re.compile(r"Meeting\s+date:\s*(?P<d>[^\n]{6,40})", re.I),
    re.compile(r"^Meeting:\s*(?P<d>\d{1,2}/\d{1,2}/\d{4})", re.M),
    re.compile(r"Date of (?:the )?(?:decision|meeting)(?::|[ \t]*\||[ \t]*\n)\s*(?P<d>[^\n]{6,40})", re.I),
    re.compile(r"^[ \t]*Decision (?:made|taken)(?: on)?:[ \t]*(?P<d>[^\n]{6,40})", re.M),
    re.compile(r"DECISIONS?\s+(?:made|taken)\s+by\b[^\n]{0,200}?\bon\s+(?:\w+day,?\s+)?(?P<d>[^\n]{6,30})"),
    # "DECISIONS OF THE CABINET MADE ON TUESDAY, 7 JULY 2026"
    re.compile(r"(?:DECISIONS?|Decisions?)\s+(?:OF|of)\s+(?:THE\s+|the\s+)?[A-Za-z&'’ ,-]{2,60}?\s+(?:MADE|TAKEN|made|taken)\s+(?:ON|on)\s+"
               r"(?P<d>[^\n]{6,40})"),
    # a header line: "Minutes of the meeting of the Cabinet held (in Committee Room 2, Town Hall) on Tuesday, 3 March
    # 2026"; never "The minutes of the meeting held on 14 May 2026 were approved" (the previous meeting's)
    re.compile(r"^[ \t]*(?i:(?:minutes?|notes)\s+of\s+(?:[\w&'’,-]+\s+){0,16}?held"
               r"(?:\s+(?:in|at|by|via)\s+[^\n]{1,120}?\s+on\s+|\s+(?:on\s+)?)(?:\w+day,?\s+)?)(?P<d>[^\n]{6,40})", re.M),
    re.compile(r"^[ \t]*(?:(?i:minutes?)|Record of [Dd]ecisions|Decision [Ss]heet|DECISION SHEET)\s*[-–:]\s*(?i:\w+day,?\s+)?"
               r"(?P<d>\d[^\n]{5,40})", re.M),
    re.compile(r"D(?<!\wD)(?:ate|ATE):\s*(?P<d>[^\n]{6,40})"),  # "Date:" / "DATE:" (led by a literal: a fast scan)
    # (or after the Welsh: "Dydd Iau, 22 Mai 2025 / Thursday, 22 May 2025")
    re.compile(r"(?:^\s*|/[ \t]*)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?P<d>[^\n]{6,40})", re.M),
    # (the first such line: "The notes of the meeting held on 8 January were agreed" below it is the last meeting's)
    re.compile(r"\A(?:[^\n]*\n){0,6}?[^\n]*?(?<![Mm]inutes of the )(?<![Mm]inutes of a )(?<![Nn]otes of the )[Mm]eeting\s+(?:held\s+)?on\s+"
               r"(?:\w+day,?\s+)?(?P<d>[^\n]{6,40})"),
    # a date on a line of its own (a committee report's cover; meeting_date reads the head only)
    re.compile(r"^[ \t]*(?:\w+(?:day|DAY),?\s+)?(?P<d>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z](?:[a-z]+|[A-Z]+)\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})[ \t]*$", re.M),
    # a report's cover: "Cabinet, 12 March 2025" / "Cabinet – 12 March 2025" / "Cabinet – Decisions – 12 March 2025"
    # (names in title case or capitals, written out: a case-blind pattern would be tried at every word)
    re.compile(r"(?:^|(?<=[ \t]))(?:(?:Executive|EXECUTIVE)\s+)?(?:Cabinet|CABINET|Council|COUNCIL|Executive|EXECUTIVE"
               r"|[A-Z][\w&' ]{0,60}(?:Committee|COMMITTEE))(?:\s*[,:\u2013-]\s*|[ \t]+)"
               r"(?:(?:Decisions?|DECISIONS?|Minutes|MINUTES|Record of Decisions)\s*[,:\u2013-]\s*)?"
               r"(?i:\w+day,?\s+)?(?P<d>\d{1,2}(?i:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4})" + _HEADER_TIME + r"[ \t]*$", re.M),
]


def meeting_date(text: str) -> Optional[str]:
    head = text[:_HEAD]
    low = _ascii_lower(head)
    for rule in _DATE_RULES:
        m = _search(rule, head, low)
        if m:
            d = DATE_RE.match(_WEEKDAY.sub("", m.group("d").strip(" \t|")))  # (a field in a table: "| Date: | 3 May 2026 |")
            iso = to_iso(d) if d else None
            if iso and len(iso) == 10 and not ("held" in m.group() and _record_approved(head, iso, m.end())):
                return iso
    return _title_date(text)


# (led by a literal, for a fast scan; the words before it are checked after a match)
_RECORD_OF = re.compile(r"eeting\s+held\s+on\s+(?:\w+day,?\s+)?0?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+)[^.]{0,80}?"
                        r"(?:record|approved|agreed|confirmed|signed)")
_RECORD_NAMED = re.compile(r"(?:minutes|notes)\s+of\s+(?:the\s+)?(?:last\s+|previous\s+)?m$")


def _record_approved(head: str, iso: str, after: int) -> bool:
    """Is the meeting held on `iso` one whose minutes this text approves ("RESOLVED that the notes of
    the meeting held on 13 October were an accurate record")? Then the heading naming it is an
    item's title (a file cut from the next meeting's minutes), not this meeting's date."""
    if "record" not in head and "approved" not in head and "agreed" not in head:
        return False
    for m in _RECORD_OF.finditer(head, after):  # (after the heading that gave the date)
        if MONTHS.get(m.group("month").lower()[:3]) == int(iso[5:7]) and int(m.group("day")) == int(iso[8:]) \
                and _RECORD_NAMED.search(head[max(0, m.start() - 40):m.start()].lower()):
            return True
    return False


_NOT_THE_MEETING = re.compile(r"[ \t]*(?i:published|printed|issued|despatched|dispatched|date\s+of\s+(?:publication|despatch)"
                              r"|updated|last\s+(?:updated|modified))")


def _title_date(text: str) -> Optional[str]:
    """A full date in the first lines of the page, its title: "Cabinet (Thursday 5 June 2025)",
    "Minutes – Cabinet – 05.06.2025", "Record of the meeting of the Cabinet on …", "Held on: …"."""
    lines = [line for line in text[:600].split("\n") if line.strip()][:3]
    for k, line in enumerate(lines):
        if _NOT_THE_MEETING.match(line) or len(line) > 160:
            continue
        if not (_BODY_WORD.search(line) or k and _BODY_WORD.search(lines[k - 1]) and len(lines[k - 1]) < 80):
            continue  # a date in an item's opening lines is an event's, not the meeting's
        for _, _, iso, _ in iter_dates(line):
            if len(iso) == 10:
                return iso
    return None


_BODY_WORD = re.compile(r"\b(?:Cabinet|CABINET|Committee|COMMITTEE|Council|COUNCIL|Executive|EXECUTIVE|Board|BOARD|Panel|PANEL"
                        r"|Mayor|MAYOR)\b")


# --- items ---------------------------------------------------------------------------------

@dataclass
class ItemBounds:
    start: int
    end: int
    number: Optional[str] = None
    title: Optional[str] = None
    spans: dict = field(default_factory=dict)


_ISSUE = re.compile(r"^Meeting:\s*[\d/]+\s*-\s*[^\n(]+?\s*\(Item\s+(?P<num>[\w.]+)\)", re.M)
_NUMBERED = re.compile(
    r"^[ \t]*(?:(?:Item|Minute|Agenda\s+[Ii]tem)\s+(?:No\.?\s*)?)?(?P<num>(?!(?:19|20)\d\d\b)(?:[A-Z]{1,5}[/.]?\s?)?\d{1,4}[A-Za-z]?"
    r"(?:/\d{2,4})?)(?:\.0(?=[ \t]))?(?:(?:\.|(?<=\d):|[ \t]+[-–])?[ \t\xa0]+|\.[ \t\xa0]*\n[ \t\xa0]*)(?P<title>[A-Z][^\n]{2,160}?)[ \t\xa0]*$",
    re.M)  # "Minute 56/25 …", "Item 6: …", "CAB.12 …", "5.0 …", and "32." on a line of its own above its title
# "(1) Street Trading Policy", "12) Term Dates", "12.Street Lighting" (a PDF's text that lost the space): numbered so, a
# line is a heading only where it stands apart, a blank line below it (see _numbered)
_NUMBERED_APART = re.compile(r"[ \t]*(?:\((?=\d{1,3}\)))?(?P<num>\d{1,4})(?:\)[ \t\xa0]+|\.(?=[A-Z][a-z]))"
                             r"(?P<title>[A-Z][^\n]{2,160}?)[ \t\xa0]*$", re.M)
_APART_LEAD = re.compile(r"[ \t]*(?:\(\d{1,3}\)[ \t\xa0]|\d{1,4}(?:\)[ \t\xa0]|\.[A-Z][a-z]))")
_DELEGATED = re.compile(r"^(?P<date>\d{2}/\d{2}/\d{4})\s+-\s+(?P<title>[^\n]+?)(?:\s+ref:\s*\d+)?(?:[ \t\xa0]+(?:Recommendations Approved|For Determination|Decision Made|Approved|Deferred)[^\n]*"
                        r"|[ \t\xa0]{2,}Decision Maker:[^\n]*)?[ \t]*$", re.M)  # (fields printed on the row's line)
_ROW_END = re.compile(r"\|[ \t]*\n(?:[ \t]*\|[|\s]*\n)*")
_ROW_TITLE_END = re.compile(r"\s+(?:PDF\s+\d+\s*KB|Minutes:|Decision:|Additional documents:|To (?:receive|consider|note|agree|approve)\b)|\s*\|")
_TITLE_ON_ISSUE = re.compile(r"(?:^|\n)[ \t]*(?P<t>[^\n]{3,200}?)[ \t]*\n\s*Meeting:\s*\d", re.M)


def items(text: str, kind: Optional[str]) -> list[ItemBounds]:
    if kind == "delegated_list":
        found = _from_headers(text, list(_DELEGATED.finditer(text)))
        if found:
            return found
    if kind == "issue":
        m = _ISSUE.search(text)
        t = _TITLE_ON_ISSUE.search(text)
        if t and t.group("t").strip() in ("Agenda item", "Issue", "Issue - meetings"):  # the page's kind, not its title
            t = None
        it = ItemBounds(0, len(text), m.group("num") if m else None, None)
        if m:
            it.spans["number"] = list(m.span("num"))
        if t:
            it.title = " ".join(t.group("t").split())
            it.spans["title"] = list(t.span("t"))
        else:
            heading = re.search(r"^\s*\d{1,4}\s+(?P<t>[A-Z][^\n]{2,150}?)(?:\s+pdf icon.*)?$", text, re.M) \
                or re.match(r"\s*Issue details\s*\n\s*(?P<t>[A-Z][^\n]{2,150}?)[ \t]*\n", text)
            if heading:
                it.title, it.spans["title"] = heading.group("t"), list(heading.span("t"))
        return [it]
    if kind in ("decision", "officer_decision", "report"):
        return [_single(text, kind)]
    if re.search(r"No\. \| Item", text[:_HEAD]):
        rows = _table_rows(text)
        if rows:
            return rows
    heads = _headings(text)
    if not heads and kind == "minutes":  # no numbers: headings in capitals between blank lines
        heads = _caps_headings(text)
    if len(heads) >= 1 and kind in ("minutes", None):
        found = _from_headers(text, heads)
        if _PREAMBLE_DECISION.search(text, 0, heads[0].start()):
            found.insert(0, ItemBounds(0, heads[0].start()))
        return found
    return [_single(text)]


_LINE_DIGIT = re.compile(r"\n[ \t]*(?=\d|\(\d{1,3}\)[ \t\xa0]|[A-Z]{1,5}[/.]?\s?\d|Item\s|Minute\s|Agenda\s+[Ii]tem)")


def _numbered(text: str):
    """Numbered heading lines, tried only where a line starts with a digit."""
    starts = ([0] if text[:1].isdigit() or text[:1] in " \t(" else []) + [m.start() + 1 for m in _LINE_DIGIT.finditer(text)]
    for pos in starts:
        m = _NUMBERED.match(text, pos)
        if m is None and _APART_LEAD.match(text, pos) and _stands_apart(text, pos):
            m = _NUMBERED_APART.match(text, pos)  # (tested first: the pattern would read a long paragraph through)
        if m:
            yield m


def _stands_apart(text: str, pos: int) -> bool:
    """Is the line at pos short, and blank the line after it (or the text ends)?"""
    eol = text.find("\n", pos)
    if eol < 0:
        return len(text) - pos < 170
    nxt = text.find("\n", eol + 1)
    return eol - pos < 170 and not text[eol + 1:nxt if nxt >= 0 else len(text)].strip()


def _headings(text: str) -> list[re.Match]:
    heads: list[re.Match] = []
    for m in _numbered(text):
        if _is_heading(text, m) and not (m.re is _NUMBERED_APART and _in_list(text, m, heads[-1] if heads else None)):
            heads.append(m)
    return heads


_CAPS_LINE = re.compile(r"\n[ \t]*\n[ \t]*(?P<title>[A-Z][A-Z0-9 ,&'’()/:.–-]{4,150}?)[ \t]*(?=\n[ \t]*\n)")
_NOT_ITEM = re.compile(r"(?:RESOLVED|AGREED|DECIDED|DECISIONS?|RECOMMENDED|RECOMMENDATIONS?|MINUTES?|PRESENT|IN ATTENDANCE"
                       r"|ALSO PRESENT|OFFICERS|REASONS?|CHAIR|CHAIRMAN)\b")


def _caps_headings(text: str) -> list[re.Match]:
    """Item titles printed in capitals on lines of their own: "APPLICATION 26/00123/FUL – LAND AT
    STATION ROAD" (not "RESOLVED:", nor the page's own "MINUTES OF …" heading)."""
    if "\n\n" not in text:
        return []
    out = []
    for m in _CAPS_LINE.finditer(text):
        title = m.group("title")
        if _NOT_ITEM.match(title) or sum(len(w) > 2 and w.isalpha() for w in title.split()) < 2:
            continue
        out.append(m)
    return out if len(out) >= 2 else []


def _single(text: str, kind: Optional[str] = None) -> ItemBounds:
    it = ItemBounds(0, len(text))
    m = re.search(r"^[ \t]*(?:\|[ \t]*)?(?i:title|report\s+title|decision\s+title|title\s+of\s+(?:the\s+)?decision|subject):"
                  r"\s*(?:\|[ \t]*)?(?P<t>[^\n|]+?)(?=\s+Report to:|[ \t]*\||\s*\n|$)", text[:_HEAD], re.M)
    if not m:  # "Decision: Approval of the Affordable Warmth Grant Policy" (the decision itself given below)
        m = _DECISION_TITLE.search(text, 0, _HEAD) if "Decision: " in text[:_HEAD] else None
        if m and (text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip() or not title_like(m.group("t"))):
            m = None
    if not m and kind == "report":  # a cover run into one line: "Report to: Cabinet Date: … Report title: X. Report to: …"
        m = _INLINE_TITLE.search(text, 0, _HEAD)
    if not m:  # (a saved page may carry the council's name above it)
        m = _DETAILS_TITLE.search(text, 0, _HEAD) \
            if "ETAILS" in text[:_HEAD] or "etails" in text[:_HEAD] else None
    if not m:  # a report's title stands just above "Report of the …"
        m = re.search(r"(?:^|\n)[ \t]*(?P<t>[A-Z][^\n]{2,200}?)[ \t]*\n\s*\n?[ \t]*Report (?:of|by):? (?:the )?[A-Z]", text[:_HEAD])
        if kind == "report" and (not m or _not_a_title(m.group("t"))):
            m = _cover_title(text) or m
    if not m:  # "Title line\n\nminutes text…" (one item per file, as minutes items are often kept)
        m = re.match(r"[ \t]*(?P<t>[A-Z][^\n]{2,200}?)[ \t]*\n[ \t\xa0]*\n", text)
        if m and (re.search(r"[.;:,]$", m.group("t")) or re.match(r"(?i:minutes|decisions|present)\b", m.group("t"))):
            m = None
    if m:
        it.title = " ".join(m.group("t").split())
        it.spans["title"] = list(m.span("t"))
        num = _ITEM_PREFIX.match(it.title) if it.title[:1] in "IA" else None
        if num:  # "Item 6: Revenue Budget Monitoring": the number apart from the title
            it.number, it.title = num.group("n"), it.title[num.end():]
            it.spans["number"] = [m.start("t") + num.start("n"), m.start("t") + num.end("n")]
            it.spans["title"][0] = m.end("t") - len(it.title)
    return it


_ITEM_PREFIX = re.compile(r"(?:Agenda [Ii]tem|Item)(?: No\.?)? (?P<n>\d{1,4}[a-z]?)\s*[:.–-]\s*(?=[A-Z])")


# lines of a report's cover that are not its title: the council, the meeting and its date, a field ("Report of: …",
# "Key decision: Yes"), an agenda number
_COVER_LINE = re.compile(
    r"(?:[A-Z][\w'’&,. -]*\s)?(?:Council|COUNCIL|Authority|AUTHORITY)$"
    r"|(?:Executive\s+)?Cabinet|CABINET|Executive|EXECUTIVE|Mayor and Cabinet|Individual Cabinet Member Decision"
    r"|(?:[A-Z][\w&'’, -]{0,60})?(?:Committee|COMMITTEE|Cabinet|CABINET|Executive|Council)(?:(?:\s*[,:–-]\s*|\s+(?=\d)).*\d{4}.*)?$"
    r"|Report (?:to|of|by)\b.*|REPORT (?:TO|OF|BY)\b.*|(?:Agenda\s+)?Item\s+(?:No\.?\s*)?\d.*|ITEM\s+\d.*|Part\s+[1I]\b.*"
    r"|(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4}.*"
    r"|(?:[\w()/'’-]+[ \t]+){0,5}?(?i:report|date|portfolio|member|key|wards?|ward\(s\)|ref|reference|no|author|contact|lead"
    r"|class|classification|contributors?|status|officer|director|divisions?|enquiries|telephone|email|forward|decision"
    r"|exempt|purpose|appendi\w+|holder|summary)\b[\w()/'’ -]{0,20}:.*|For:.*")
_DETAILS_TITLE = re.compile(r"(?:Decision [Dd]etails|DECISION DETAILS)[ \t]*\n\s*(?P<t>[^\n]+)")
_DECISION_TITLE = re.compile(r"Decision:[ \t]+(?P<t>[A-Z][^\n]{2,150}?)[ \t]*$", re.M)  # (literal-led: a fast scan)
_INLINE_TITLE = re.compile(r"(?:Report title|REPORT TITLE):[ \t]*(?P<t>[A-Z][^\n]{2,200}?)\.?(?=[ \t]+(?:Report (?:to|author|of|by)|Date|Key [Dd]ecision"
                           r"|REPORT (?:TO|AUTHOR|OF|BY)|DATE|KEY DECISION"
                           r"|Forward Plan|Wards?|Portfolio|For|Enquiries|Cabinet Member)\b[^\n:]{0,30}:|[ \t]*$)", re.M)
# "Report to Cabinet, Friday, 24 April 2020: Home to School Transport": the title follows the meeting's date
_REPORT_TO_TITLE = re.compile(r"^[ \t]*Report to [^\n:]{1,80}?\d{4}[ \t]*:[ \t]*(?P<t>[A-Z][^\n]{2,200}?)[ \t]*$", re.M)
_COVER_END = re.compile(r"^[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?(?i:recommendations?|recommendation\(s\)|purpose|summary|executive summary"
                        r"|introduction|background|decision\(s\) recommended)\b", re.M)


def _not_a_title(line: str) -> bool:
    return bool(_COVER_LINE.fullmatch(line.strip()))


def _cover_title(text: str) -> Optional[re.Match]:
    """A report's title: the first line of its cover that is no council, meeting, date or field."""
    head = text[:_HEAD]
    stop = _COVER_END.search(head)
    m = _REPORT_TO_TITLE.search(head, 0, stop.start() if stop else len(head))
    if m:
        return m
    for m in re.finditer(r"^[ \t]*(?P<t>[A-Z][^\n]{2,200}?)[ \t]*$", head[:stop.start() if stop else len(head)], re.M):
        line = m.group("t")
        if not _not_a_title(line) and not line.endswith((".", ";", ",")):
            return m
    return None


_PREAMBLE_DECISION = re.compile(r"RESOLVED|AGREED|RECOMMENDED|Decision:")
_MONTH_START = re.compile(r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
                          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")
_LOOSE_END = re.compile(r"\b(?:and|or|of|the|to|for|with|in|on|at|by|a|an|be|that)$")


_TITLE_GOES_ON = re.compile(r"\n[ \t]*[A-Z0-9][A-Z0-9 ,&'’()/-]{2,80}(?=[ \t]*\n)")
_NOT_TITLE = re.compile(r"(?:That|Councillors?|Cllr|Mr|Mrs|The\s+\w+\s+(?:RESOLVED|resolved|noted|agreed))\b")


def _is_heading(text: str, m: re.Match) -> bool:
    title = m.group("title").strip()
    if title.endswith((".", ";", ",", ":")) or len(title.split()) > 20:  # title is stripped: no "\n" for $
        return False
    if _MONTH_START.match(title) or _LOOSE_END.search(title, max(0, len(title) - 4)):  # its words are short
        return False
    if not _after_break(text, m.start()):
        return False  # a wrapped line inside a paragraph, not a heading
    if _NOT_TITLE.match(title):
        return False
    return True


_LIST_OPEN = re.compile(r"(?:[:;]|\band|\bor)[ \t\xa0]*\n\s*\Z")
_PARA_NUMBER = re.compile(r"(?:\A|\n[ \t\xa0]*\n)[ \t]*\(?(\d{1,3})[.)][^\n]*(?:\n[ \t\xa0]*\S[^\n]*)*\s*\Z")


def _in_list(text: str, m: re.Match, last: Optional[re.Match]) -> bool:
    """"RESOLVED:\n\n(1) Cabinet approves the Plan\n\n(2) Cabinet notes …": clauses, not items' headings.
    The first follows an open list (a colon); each later one the paragraph numbered before it, unless
    that item's heading was so numbered ("(1) Fees\n\nRESOLVED:\n\n(1) that … .\n\n(2) Rents")."""
    lo = max(0, m.start() - 400)
    if _LIST_OPEN.search(text, lo, m.start()):
        return True
    before = _PARA_NUMBER.search(text, lo, m.start())
    n = int(m.group("num")) - 1
    return bool(before) and int(before.group(1)) == n and not (
        last is not None and last.re is _NUMBERED_APART and int(last.group("num")) == n)


def _after_break(text: str, pos: int) -> bool:
    """Does the text before pos (spaces aside) end a line or a sentence? Read backwards from
    pos rather than copying all the text before it, which cost O(n) per heading."""
    k = pos
    while k > 0 and text[k - 1] in " \t\xa0":
        k -= 1
    if k == 0 or text[k - 1] == "\n":
        return True
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k > 0 and text[k - 1] in ".:;)|"


_DOWNLOAD_NOTE = re.compile(r"\s+pdf icon.*$|\s+PDF\s+\d+\s*KB.*$", re.I)


def _from_headers(text: str, heads: list[re.Match]) -> list[ItemBounds]:
    out = []
    if heads and text[:heads[0].start()].strip():
        pass  # preamble (attendance, venue) belongs to no item
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        it = ItemBounds(m.start(), end)
        if "num" in m.re.groupindex:
            it.number = m.group("num")
            it.spans["number"] = list(m.span("num"))
        title = m.group("title")
        if "pdf" in title.lower():  # both notes name the PDF (no other letters fold to p, d or f)
            title = _DOWNLOAD_NOTE.sub("", title)
        more = _TITLE_GOES_ON.match(text, m.end()) if title.isupper() and _LOOSE_END.search(title.lower()) else None
        if more:  # a title in capitals wrapped after a joining word: "… POLICY UNDER THE\nLICENSING ACT 2003"
            title = text[m.start("title"):more.end()]
        it.title = " ".join(title.split())
        it.spans["title"] = [m.start("title"), m.start("title") + len(title)]
        out.append(it)
    return out


def _table_rows(text: str) -> list[ItemBounds]:
    head = re.search(r"No\. \| Item[^\n]*\n(?:[-|\s]*\n)?", text)
    pos = head.end() if head else 0
    out = []
    for m in _ROW_END.finditer(text, pos):
        out.append(_row(text, pos, m.start()))
        pos = m.end()
    if pos < len(text) and text[pos:].strip():
        out.append(_row(text, pos, len(text)))
    return [r for r in out if r.end > r.start]


def _row(text: str, start: int, end: int) -> ItemBounds:
    it = ItemBounds(start, end)
    num = re.match(r"\s*\|?\s*(?P<n>\d{1,4}[a-z]?)\.?\s*(?:\|\s*)?(?=[A-Z])", text[start:end])
    if num:
        it.number = num.group("n")
        it.spans["number"] = [start + num.start("n"), start + num.end("n")]
        start += num.end()
    m = _ROW_TITLE_END.search(text, start, end)
    t_end = m.start() if m else end
    title = " ".join(text[start:t_end].split())
    if title and len(title) < 200 and not title.startswith(("Minutes", "Decision")):
        it.title = title
        it.spans["title"] = [start + len(text[start:t_end]) - len(text[start:t_end].lstrip()), t_end]
    return it

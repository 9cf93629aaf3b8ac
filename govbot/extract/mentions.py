"""Who moved and seconded, who attended under standing orders, legislation cited, report
references and dates mentioned — each with its span."""
from __future__ import annotations

import re
from typing import Optional

from govbot.domain import Citation, MentionedDate
from govbot.extract.text import DATE_RE, to_iso

_TITLE = r"(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)"
NAME = _TITLE + r"\s+(?:(?:Mrs|Mr|Ms|Dr)\.?\s+)?(?:[A-Z][\w'’.\-]*\s+){0,3}?[A-Z][\w'’\-]+"
_SEP = r"\s*,?\s*(?:and\s+)?"
MOVERS = [
    re.compile(r"(?i:moved)\s+by\s+(?P<m>" + NAME + r")" + _SEP + r"(?i:seconded)\s+by\s+(?P<s>" + NAME + r")"),
    re.compile(r"(?i:proposed)\s+by\s+(?P<m>" + NAME + r")" + _SEP + r"(?i:seconded)\s+by\s+(?P<s>" + NAME + r")"),
    re.compile(r"(?i:motion\s+of)\s+(?P<m>" + NAME + r")" + _SEP + r"(?i:seconded)\s+by\s+(?P<s>" + NAME + r")"),
    re.compile(r"(?P<m>" + NAME + r")\s+(?i:moved|proposed)" + _SEP + r"(?P<s>" + NAME + r")\s+(?i:seconded)"),
    re.compile(r"(?i:moved)\s*:\s*(?P<m>" + NAME + r")\s*,?\s*(?i:seconded)\s*:\s*(?P<s>" + NAME + r")"),
    re.compile(r"(?i:moved\s+by|proposed\s+by|on\s+the\s+motion\s+of)\s+(?P<m>" + NAME + r")"),
]


def movers(text: str, start: int, end: int) -> tuple[Optional[str], Optional[str], dict]:
    for rx in MOVERS:
        m = rx.search(text, start, end)
        if m:
            spans = {"mover": list(m.span("m"))}
            seconder = None
            if "s" in rx.groupindex:
                seconder = " ".join(m.group("s").split())
                spans["seconder"] = list(m.span("s"))
            return " ".join(m.group("m").split()), seconder, spans
    return None, None, {}


_ATTEND = re.compile(
    r"(?P<names>(?:Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Dr)\s[^()\n.]{1,160}?)\s+(?:attended|was\s+present|were\s+present|spoke|addressed)"
    r"\b[^.)]{0,160}?(?:Standing\s+Order|Procedure\s+Rule|Council\s+Procedure|Committee\s+Procedure|Rule\s+\d)")


def attendees(text: str, start: int, end: int) -> list[str]:
    out = []
    for m in _ATTEND.finditer(text, start, end):
        names = " ".join(m.group("names").split())
        title = re.match(r"(Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Dr)\s", names).group(1)
        single = {"Councillors": "Councillor", "Cllrs": "Cllr", "Cllrs.": "Cllr"}.get(title, title)
        rest = names[len(title):]
        for part in re.split(r"\s*,\s*|\s+and\s+", rest):
            part = part.strip()
            if not part:
                continue
            out.append(part if re.match(_TITLE + r"\s", part) else f"{single} {part}")
    return list(dict.fromkeys(out))


_LAW_END = re.compile(r"\b(?:Act|Regulations|Order|Rules|Measure)\s+(?:19|20)\d\d\b")
_LAW = re.compile(
    r"(?:(?:[Ss]ections?|[Rr]egulations?|[Pp]aragraphs?|[Ss]chedules?|[Pp]arts?|[Aa]rticles?|s\.)\s*[\w()./]+(?:\s+(?:and|to|or)\s+[\w()./]+)?"
    r"\s+(?:of|to)\s+(?:the\s+)?)?"
    r"(?:[A-Z][\w'’&-]*|\([^()\n]{1,60}\))(?:\s+(?:[A-Z][\w'’&-]*|\([^()\n]{1,60}\)|of|and|the|to|for|on|in|with|&))*?"
    r"\s+(?:Act|Regulations|Order|Rules|Measure)$")


def legislation(text: str, start: int, end: int) -> list[Citation]:
    out, seen = [], set()
    for m in _LAW_END.finditer(text, start, end):
        lo = max(start, m.start() - 220)
        head = _LAW.search(text, lo, m.start() + len(m.group().split()[0]))
        if not head:
            continue
        s = head.start()
        cite = " ".join(text[s:m.end()].split())
        if cite.lower().startswith("the "):
            s, cite = s + 4, cite[4:]
        if cite not in seen:
            seen.add(cite)
            out.append(Citation(text=cite, span=(s, m.end())))
    return out


REF = re.compile(r"(?<![\w/])(?=[A-Za-z0-9/]*\d)[A-Z][A-Za-z0-9]{0,9}(?:/[A-Za-z0-9]{1,12}){2,4}(?![\w/])")


def report_ref(text: str, start: int, end: int) -> Optional[tuple[str, tuple[int, int]]]:
    for m in REF.finditer(text, start, end):
        if re.search(r"(?:https?:|www\.|@)\S*$", text[max(0, m.start() - 60):m.start()]):
            continue
        return m.group(), m.span()
    return None


def dates(text: str, start: int, end: int) -> list[MentionedDate]:
    out = []
    for m in DATE_RE.finditer(text, start, end):
        iso = to_iso(m)
        if not iso:
            continue
        lo = max(start, m.start() - 80)
        before = text[lo:m.start()]
        cut = max(before.rfind(c) for c in ".;:\n(|")
        purpose = " ".join(before[cut + 1:].split()) if cut >= 0 else " ".join(before.split())
        out.append(MentionedDate(text=" ".join(m.group().split()), date=iso, purpose=purpose or None, span=m.span()))
    return out

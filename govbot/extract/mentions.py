"""Who moved and seconded, who attended under standing orders, legislation cited, report
references and dates mentioned — each with its span."""
from __future__ import annotations

import re
from typing import Optional

from govbot.domain import Citation, MentionedDate
from govbot.extract.text import iter_dates, match_at_words, year_spans

_TITLE = r"(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Bailie|Provost|Alderman)"
# a name's words: capitalised, or the particles of Welsh, Dutch, French … names ("D. ap Rhys", "M. de Souza")
_NAME_WORD = r"(?:[A-Z][\w'’.\-]*|ap|ab|de|da|di|du|del|der|van|von|le|la)\s+"
NAME = _TITLE + r"\s+(?:(?:Mrs|Mr|Ms|Dr)\.?\s+)?(?:" + _NAME_WORD + r"){0,3}?[A-Z][\w'’\-]+"
_SEP = r"(?:\s*\([^()\n]{1,40}\))?\s*[,;]?\s*(?:and\s+)?"  # "Councillor Lloyd (Chair) and seconded by …"
_SEP_STOP = r"(?:\s*\([^()\n]{1,40}\))?\s*[,;.]?\s*(?:and\s+)?"  # also "Proposed by Councillor X. Seconded by Councillor Y."
_ROLE_FIRST = r"(?:the\s+[A-Z][\w’'\- ]{1,50}?,\s*)?"  # "moved by the Leader, Councillor X"
# a name last in its pattern is read lazily: let it run on over further capitalised words on the
# same line ("Councillor Clare Evans it was", "seconded by Councillor Ben Lowe)")
_NAME_END = (r"(?![\w'’\-])(?![ \t]+(?!(?:Seconded|SECONDED|It|The|That|RESOLVED|Resolved|And|AND)\b)"
             r"[A-Z][a-z'’\-]*\b(?!\.))")
MOVERS = [
    re.compile(r"(?i:moved)\s+by\s+" + _ROLE_FIRST + r"(?P<m>" + NAME + r")" + _SEP_STOP + r"(?i:seconded)\s+by\s+" + _ROLE_FIRST
               + r"(?P<s>" + NAME + r")" + _NAME_END),
    re.compile(r"(?i:proposed)\s+by\s+" + _ROLE_FIRST + r"(?P<m>" + NAME + r")" + _SEP_STOP + r"(?i:seconded)\s+by\s+" + _ROLE_FIRST
               + r"(?P<s>" + NAME + r")" + _NAME_END),
    re.compile(r"(?i:(?:motion|proposition|proposal)\s+of)\s+" + _ROLE_FIRST + r"(?P<m>" + NAME + r")" + _SEP + r"(?i:seconded)\s+by\s+" + _ROLE_FIRST
               + r"(?P<s>" + NAME + r")" + _NAME_END),
    # (bilingual fields: "Cynigiwyd gan / Proposed by: …\nEiliwyd gan / Seconded by: …")
    re.compile(r"(?i:propos(?:er|ed)(?:\s+by)?|mover)\s*:\s*(?P<m>" + NAME + r")\s*[,;]?\s*(?:[A-Z]\w+\s+gan\s*/\s*)?"
               r"(?i:seconde(?:r|d)(?:\s+by)?)\s*:\s*(?P<s>" + NAME + r")" + _NAME_END),
    re.compile(r"(?P<m>" + NAME + r")\s+(?i:moved|proposed)(?:\s+[\w-]+){0,4}?" + _SEP + r"(?P<s>" + NAME + r")\s+(?i:seconded)"),
    re.compile(r"(?i:moved)\s*:\s*(?P<m>" + NAME + r")\s*,?\s*(?i:seconded)\s*:\s*(?P<s>" + NAME + r")" + _NAME_END),
    re.compile(r"(?i:moved\s+by|proposed\s+by|on\s+the\s+(?:motion|proposition|proposal)\s+of)\s+(?P<m>" + NAME + r")" + _NAME_END),
    # the mover first: "Councillor Patel moved refusal. This was seconded by Councillor Day", "The Chair,
    # Councillor X, moved the recommendation, which was seconded by …", "Councillor X, seconded by Councillor Y, moved"
    re.compile(r"(?P<m>" + NAME + r")" + _NAME_END + r",?\s+moved\b[^.]{0,160}?(?:\.\s*(?:This|That|It|The\s+(?:motion|proposal"
               r"|recommendation))\s+was\s+|,?\s*(?:which\s+was\s+|and\s+(?:was\s+)?)?)seconded\s+by\s+" + _ROLE_FIRST
               + r"(?P<s>" + NAME + r")" + _NAME_END),
    re.compile(r"(?P<m>" + NAME + r"),\s+seconded\s+by\s+" + _ROLE_FIRST + r"(?P<s>" + NAME + r"),\s+moved\b"),
]


_MOVER_KEYS = ("moved", "seconded", "proposed", "proposer", "motion of", "proposition of", "proposal of", "mover:")
# the words each of MOVERS opens with (None: it opens with the name), so it is tried only where
# they occur rather than at every character (a pattern led by (?i:…) gets no fast scan)
_OPENING = [("moved",), ("proposed",), ("motion", "proposition", "proposal"), ("propos", "mover"), None, ("moved",),
            ("moved", "proposed", "on"), None, None]  # "on\s+the motion of": "on" may end its line


def movers(text: str, start: int, end: int) -> tuple[Optional[str], Optional[str], dict]:
    low = text[start:end].lower()
    if not any(k in low for k in _MOVER_KEYS):
        return None, None, {}
    for rx, words in zip(MOVERS, _OPENING):
        if words:
            m = match_at_words(rx, text, words, low, start, end)
        else:  # led by the name, which re tries at every capital: each of these names a seconder
            m = rx.search(text, start, end) if "seconded" in low else None
        if m and "amendment" in low:  # "An amendment was moved by … (lost). The substantive motion, moved by …"
            m = _substantive(rx, text, m, end)
        if m:
            spans = {"mover": list(m.span("m"))}
            seconder = None
            if "s" in rx.groupindex:
                seconder = " ".join(m.group("s").split())
                spans["seconder"] = list(m.span("s"))
            return " ".join(m.group("m").split()), seconder, spans
    return None, None, {}


_AMENDMENT = re.compile(r"\bamendment\b[^.]*$", re.I)
_LOST = re.compile(r"\b(?:was|were)\s+(?:not\s+carried|lost|defeated|withdrawn)\b|\bfell\b", re.I)


def _substantive(rx: re.Pattern, text: str, first: re.Match, end: int) -> Optional[re.Match]:
    """The first motion not an amendment (the sentence before the mover names none); else the
    amendment, unless it was lost ("… was not carried", "fell")."""
    m = first
    while m:
        if not _AMENDMENT.search(text, max(0, m.start() - 80), m.start()):
            return m
        m = rx.search(text, m.end(), end)
    return None if _LOST.search(text, first.end(), min(end, first.end() + 200)) else first


_ATTEND = re.compile(
    r"(?P<names>(?:Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Dr)\s[^()\n.]{1,160}?)\s+(?:attended|was\s+present|were\s+present|spoke|addressed)"
    r"\b[^.)]{0,160}?(?:Standing\s+Order|Procedure\s+Rule|Council\s+Procedure|Committee\s+Procedure|Rule\s+\d)")


def attendees(text: str, start: int, end: int) -> list[str]:
    out = []
    low = text[start:end].lower()
    if "standing order" not in low and "procedure rule" not in low and "rule " not in low:
        return out
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


_NAME_TOKEN = re.compile(r"\([^()\n]{1,80}\)|[^\s()]+")
_NAME_TOKEN_REVERSED = re.compile(r"\)[^()\n]{1,80}\(|[^\s()]+")  # the same tokens, read backwards
_NAME_JOIN = {"of", "and", "the", "to", "for", "on", "in", "with", "&"}
_PROVISION = re.compile(
    r"(?:[Ss]ections?|[Rr]egulations?|[Pp]aragraphs?|[Ss]chedules?|[Pp]arts?|[Aa]rticles?|s\.)\s*[\w()./]+"
    r"(?:\s+(?:and|to|or)\s+[\w()./]+)?\s+(?:of|to)\s+(?:the\s+)?\Z")
_LAW_KEYS = ("Act", "Regulations", "Order", "Rules", "Measure")


def _name_start(text: str, lo: int, hi: int) -> int:
    """Walk back from an Act's last word over the capitalised words of its name. The tokens
    are read from the end, on the text reversed, so the walk stops at the first that is not
    part of the name instead of reading all 150 characters."""
    start = hi
    for m in _NAME_TOKEN_REVERSED.finditer(text[lo:hi][::-1]):
        tok = m.group()[::-1]
        if tok[0].isupper() or (tok[0] == "(" and tok[1:2].isupper()) or tok in _NAME_JOIN:
            start = hi - m.end()
        else:
            break
    while start < hi:  # no name begins with a joining word
        m = _NAME_TOKEN.match(text, start)
        if m is None or m.group() not in _NAME_JOIN:  # None: a bracket that opens no group
            break
        start = m.end()
        while start < hi and text[start].isspace():
            start += 1
    return start


def _law_ends(text: str, start: int, end: int):
    """Spans of "Act|Regulations|Order|Rules|Measure 19xx|20xx" (a title's last words), read
    back from each year: a pattern led by those words would test every character."""
    for y_start, y_end in year_spans(text, start, end):
        if y_end < end and (text[y_end].isalnum() or text[y_end] == "_"):
            continue  # "2012a": not a year
        k = y_start
        while k > start and text[k - 1].isspace():
            k -= 1
        if k == y_start:
            continue
        for word in _LAW_KEYS:
            if k - len(word) >= start and text.startswith(word, k - len(word)):
                yield k - len(word), y_end
                break


def legislation(text: str, start: int, end: int) -> list[Citation]:
    """Legislation cited: "Procurement Act 2023", "section 19 of the Education Act 1996"."""
    out, seen = [], set()
    chunk = text[start:end]
    if not any(k in chunk for k in _LAW_KEYS):
        return out
    for law_start, law_end in _law_ends(text, start, end):
        s = _name_start(text, max(start, law_start - 150), law_start)
        if s == law_start:
            continue
        before = text[max(start, s - 60):s]
        p = _PROVISION.search(text, max(start, s - 60), s) if any(
            k in before for k in ("ection", "egulation", "aragraph", "chedule", "art", "rticle", "s.")) else None
        if p:
            s = p.start()
        cite = " ".join(text[s:law_end].split())
        if cite.lower().startswith("the "):
            s, cite = s + 4, cite[4:]
        if cite not in seen:
            seen.add(cite)
            out.append(Citation.made(text=cite, span=(s, law_end)))
    return out


REF = re.compile(r"(?<![\w/])(?=[A-Za-z0-9/]*\d)[A-Z][A-Za-z0-9]{0,9}(?:/[A-Za-z0-9]{1,12}){2,4}(?![\w/])")


# a planning application's or permission's number is not a report reference:
# "Application TW/16/05690 (KCC/TW/0135/2016)", "conditions of Permission TM/10/2029"
_APPLICATION = re.compile(r"(?:application|proposal|permission|consent|appeal|planning\s+ref(?:erence)?)s?\b[^.]{0,30}$", re.I)
_APPLICATION_WORDS = ("application", "proposal", "permission", "consent", "appeal", "planning")
# one slash is enough when the words say it is a report: "report CAB/123", "Report EX 45/24", "(Ref: HS/12)"
INTRO_REF = re.compile(r"\b(?:[Rr]eport|REPORT|[Pp]aper)(?:\s+(?:[Rr]ef(?:erence)?|[Nn]o|[Nn]umber)\.?)?\s*:?\s*\(?"
                       r"(?P<ref>[A-Z]{2,6}(?:[ -]?\d{1,4})?/[A-Z0-9]{1,6}(?:/[A-Z0-9]{1,6}){0,3})(?![\w/])"
                       r"|\b(?:[Rr]ef(?:erence)?|REF)(?:\s+[Nn]o)?\.?\s*:?\s*(?P<ref2>[A-Z]{2,6}(?:[ -]?\d{1,4})?/[A-Z0-9]{1,6}(?:/[A-Z0-9]{1,6}){0,3})(?![\w/])")

_INTRO_WORDS = ("report", "paper", "ref")  # what every INTRO_REF match opens with (its \b gets no fast scan)


_IN_ADDRESS = re.compile(r"(?:https?:|www\.|@)\S*$")  # a web or email address, not a reference


def report_ref(text: str, start: int, end: int) -> Optional[tuple[str, tuple[int, int]]]:
    pos = text.find("/", start, end)
    while pos >= 0:
        lo = max(start, pos - 11)
        m = REF.search(text, lo, min(end, pos + 40))
        # on from the later of this "/" and the match's end: a refused match found again from the
        # next "/" (which may start before its end) would otherwise be tried for ever
        pos = text.find("/", max(pos, m.end() if m else pos) + 1, end)
        if not m:
            continue
        if _IN_ADDRESS.search(text[max(0, m.start() - 60):m.start()]):
            continue
        if _application(text, m.start()):
            continue
        return m.group(), m.span()
    m = match_at_words(INTRO_REF, text, _INTRO_WORDS, None, start, end) if "/" in text[start:end] else None
    if m:
        g = "ref" if m.group("ref") else "ref2"
        return m.group(g), m.span(g)
    for lead, rx in _NAMED_REFS:  # "Report No. 45/26", "Report reference: HSG-2026-12", "Report C.26.015", "(Report 12/2026)"
        at = text.find(lead, start, end)
        m = rx.search(text, at, end) if at >= 0 else None
        if m:
            return m.group("ref"), m.span("ref")
    return None


# a reference the words name as a report's, in any house style (each pattern led by a literal: a fast scan)
_REF_BODY = r"(?P<ref>(?=[A-Z0-9./-]*\d)[A-Z0-9]{1,8}(?:[./-][A-Z0-9]{1,8}){1,4})(?![\w/])"
_NOT_YEARS = r"(?!(?:19|20)\d\d[/-]\d\d(?!\d))"  # "2026/27" is a year, "12/2026" a number
# each with its leading literal, looked for first by str.find (a pass several times cheaper than re's scan)
_NAMED_REFS = [(lead, re.compile(lead + r"(?:\s+(?:[Rr]ef(?:erence)?|[Nn]o|[Nn]umber|REF|NO)\.?\s*:?|\s+(?=[A-Z]{1,6}[.-]\d)"
                                 r"|[ \t]*:[ \t]*" + _NOT_YEARS + r"|\s+(?=\d{1,4}/\d{2,4}(?![\w/]))" + _NOT_YEARS + r")\s*"
                                 + _REF_BODY))
               for lead in ("Report", "REPORT")]
# a Scottish board's or panel's papers are numbered for the meeting: "(Paper 3)"
_NAMED_REFS.append(("(Paper", re.compile(r"\(Paper\s+(?:No\.?\s*)?(?P<ref>[A-Z]{0,4}\d{1,3}[a-z]?(?:[./]\d{1,4})?)\)")))


def _application(text: str, at: int) -> bool:
    before = text[max(0, at - 60):at]
    low = before.lower()  # the pattern tries every character: first, is any of its words there?
    return any(word in low for word in _APPLICATION_WORDS) and bool(_APPLICATION.search(before))


def dates(text: str, start: int, end: int) -> list[MentionedDate]:
    """Dates mentioned, each with the words before it in its sentence that say what it is for."""
    out = []
    for d_start, d_end, iso, printed in iter_dates(text, start, end):
        lo = max(start, d_start - 90)
        before = text[lo:d_start]
        cut = max(before.rfind("."), before.rfind(";"), before.rfind(":"), before.rfind("\n"), before.rfind("("),
                  before.rfind("|"), before.rfind(","))
        if cut < 0 and lo > start:
            cut = before.find(" ")
        purpose = " ".join(before[cut + 1:].split())
        label = before[before.rfind("\n") + 1:].strip()
        if not purpose and label.endswith(":"):  # "Decision published: 10/06/2021"
            purpose = label[:-1].strip()[-80:]
        out.append(MentionedDate.made(text=printed, date=iso, purpose=purpose or None, span=(d_start, d_end)))
    return out

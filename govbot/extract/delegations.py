"""Delegations inside a resolution clause: who may act (delegates), whom they must consult
(consultees), what they may do (the power, from its verb) and on what condition.

Phrasings handled (each a compiled pattern over the clause, whitespace folded):
  "delegated authority be given to X and Y, in consultation with Z, to …"
  "authority be delegated to X to …" / "delegate authority to X, in consultation with Z, to …"
  "Authority to award … be delegated to X in consultation with Y"
  "X be authorised to … after consultation with Y" / "authorise X (following consultation with Y) to …"
  "the Cabinet Member be given delegated authority to …" / "X have express authority to …"
  "provide X delegated powers to …"
"""
from __future__ import annotations

import re
from typing import Optional

from govbot.domain import Delegation
from govbot.extract.labels import LABEL_AT, label_regex, read_label
from govbot.extract.roles import split_roles
from govbot.extract.text import Folded, for_lower_case, search_from_word

_CONSULT = (r"(?:in\s+(?:consultation|conjunction|liaison)\s+with|after\s+(?:consultation\s+with|consulting(?:\s+with)?|taking\s+advice\s+from)"
            r"|following\s+consultation\s+with|with(?:out)?\s+prior\s+consultation\s+with|having\s+consulted(?:\s+with)?)")
# (a comma may have lost the space after it in extraction: "the Director of Finance,in consultation with …,to make")
_TO_VERB = (r"(?:(?:,\s*|\s+)to\s+(?!the\b|a\b|an\b|this\b|that\b|these\b|its\b|their\b|his\b|her\b|be\b|\d)(?=[a-z])"
            r"|,?\s+to\s*:\s*(?=\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[).]))")  # "to:a)agree …;b)complete …"
# damaged text runs a word into the verb: "toauthorise", "anddelegate"
_JOINED = r"(?:\b|(?<=to)|(?<=and))"
_I = re.I

PATTERNS = [
    # delegated authority be given to X, in consultation with Z, to P
    re.compile(r"delegated\s+(?:authority|powers?)\s+(?:is\s+|be\s+|are\s+|was\s+|to\s+be\s+|hereby\s+)*(?:given|granted|delegated)\s+to\s+"
               r"(?P<deleg>.+?)" + _TO_VERB + r"(?P<power>.+)", _I),
    # (to) delegate authority to X, in consultation with Z, to P
    re.compile(_JOINED + r"delegat(?:e[sd]?|ing)\s+(?:the\s+|full\s+)?(?:authority|powers?|responsibility|decision[- ]making)\s+(?:to|for)\s+"
               r"(?P<deleg>.+?)" + _TO_VERB + r"(?P<power>.+)", _I),
    # authority be delegated to X to P
    re.compile(r"\b(?:authority|powers?|responsibility)\s+(?:is\s+|be\s+|are\s+|was\s+|to\s+be\s+|hereby\s+)+(?:\w+\s+)?delegated\s+to\s+"
               r"(?P<deleg>.+?)" + _TO_VERB + r"(?P<power>.+)", _I),
    # it be delegated to X to P
    re.compile(r"\bit\s+(?:be|is)\s+(?:hereby\s+)?delegated\s+to\s+(?P<deleg>.+?)" + _TO_VERB + r"(?P<power>.+)", _I),
    # Authority to award … / the step of making … / a final decision on … be delegated to X (in consultation with Y)
    re.compile(r"^(?P<subj>.+?)\s+(?:be|is|are|was|were|to\s+be)\s+(?:hereby\s+)?delegated\s+to\s+(?P<deleg>.+?)"
               r"(?:(?:,\s*|\s+)" + _CONSULT + r"\s+(?P<cons>.+?))?(?P<tail>,?\s+(?:for|to)\s+(?:determination|decision)\b.*)?$", _I),
    # X be given delegated authority (in consultation with Z) to P
    re.compile(r"^(?P<subj>.+?)\s+(?:be|is|are)\s+(?:given|granted|delegated)\s+(?:the\s+)?(?:delegated\s+)?(?:authority|powers?)"
               r"(?P<mid>(?:,\s*|\s+)" + _CONSULT + r"\s+.+?)?" + _TO_VERB + r"(?P<power>.+)", _I),
    # X be authorised (, in consultation with Z,) to P
    re.compile(r"^(?P<subj>.+?)\s+(?:be|is|are|were|was)\s+(?:hereby\s+)?(?:jointly\s+(?:and\s+severally\s+)?|severally\s+)?(?:authori[sz]ed|empowered|instructed\s+and\s+authori[sz]ed)"
               r"(?P<mid>(?:,\s*|\s+)(?:" + _CONSULT + r"|jointly\s+with)\s+.+?)?" + _TO_VERB + r"(?P<power>.+)", _I),
    # X have express/delegated authority to P
    re.compile(r"^(?P<subj>.+?)\s+(?:have|has|retains?|holds?)\s+(?:the\s+)?(?:express|delegated|full|existing)?\s*(?:authority|powers?)"
               + _TO_VERB + r"(?P<power>.+)", _I),
    # provide/give X (with) delegated powers to P
    re.compile(r"\b(?:provide|give|grant)[sd]?\s+(?P<deleg>.+?)\s+(?:with\s+)?(?:the\s+)?(?:delegated\s+)?(?:authority|powers?)" + _TO_VERB
               + r"(?P<power>.+)", _I),
    # delegate to X authority to P
    re.compile(r"\bdelegat(?:e[sd]?|ing)\s+to\s+(?P<deleg>.+?)\s+(?:the\s+)?(?:authority|powers?|responsibility)" + _TO_VERB
               + r"(?P<power>.+)", _I),
    # delegate to X the decision whether to P / the approval of P (no verb: the power is the printed span)
    re.compile(r"\bdelegat(?:e[sd]?|ing)\s+to\s+(?P<deleg>(?:the\s+)?[A-Z][^,;]+?)\s+(?P<power>the\s+(?:decisions?|determination|approval)"
               r"\s+(?:whether|on|of|to|as\s+to)\b.+)", _I),
    # approves the delegation to X, in consultation with Y, to P
    re.compile(r"\bdelegation\s+(?:of\s+(?:authority|powers?)\s+)?to\s+(?P<deleg>.+?)" + _TO_VERB + r"(?P<power>.+)", _I),
    # authorise X (following consultation with Y) to P
    re.compile(_JOINED + r"authori[sz]e[sd]?\s+(?P<deleg>(?:the\s+|each\s+|relevant\s+)*[A-Z].+?)" + _TO_VERB + r"(?P<power>.+)"),
]

CONDITION = re.compile(
    r"\b(?:following|subject\s+to|prior\s+to|before\s+(?=the\b|it\b|its\b|they\b|any\b|being\b|publication\b|consultation\b|adoption\b|submission\b|implementation\b|completion\b|signing\b|formal\b|final\b)|once|in\s+the\s+event\s+(?:that|of)|provided\s+that|upon|on\s+completion\s+of"
    r"|after\s+(?:completion|receipt|the\s+(?:completion|conclusion|end|expiry))|within\s+the\s+(?:\w+\s+){0,3}(?:budget|allocation|envelope)"
    r"|within\s+(?:approved|agreed|existing)\s+budgets?|under\s+the\s+(?:\w+\s+){1,5}?scheme|until|for\s+the\s+\d+\s+month\s+period|if|where(?=\s+(?:the|it|they|any|there|necessary|appropriate|required|needed|a|an|no|such)\b|\s+[a-z]+(?:\s+[a-z]+)?\s+(?:is|are|has|have|requires?|becomes?|exceeds?|permits?|allows?)\b))\b",
    re.I)
_NOT_CONDITION = re.compile(r"(?:following|after|upon)\s+consultation\s+with", re.I)
_COND_END = re.compile(r",(?!\d{3})|[;()]|\s+(?:delegated\s+authority|authority\s+be|authori[sz]e|to\s+(?:delegate|approve|agree|authori[sz]e))\b"
                       r"|\s+(?:and\s+)?(?:that|the\s+\w+\s+(?:be|is)\s)", re.I)
_SATISFIED = ("satisfied", "content", "assured", "confirmed", "agreed")  # "… being satisfied that …" goes on
_NEXT_DECISION = re.compile(r";\s*(?:and\s+|or\s+)?that\s", re.I)
_SUBJECT_CONDITION = re.compile(r",\s*(?=(?:following|subject\s+to|once|upon|prior\s+to|after\s+(?!consultation))\b)[^,]*,?\s*$", re.I)
_CITED = re.compile(r"\b(?:paragraphs?|paras?\.?|sections?|clauses?|regulations?|articles?|appendix|annex)\s+[\w.]{1,8}"
                    r"(?:\s*[.(]?\s*[a-z0-9ivx]{1,4})?$", re.I)
_POWER_TAIL = re.compile(r"(?:,\s*|\s+|(?<=\d))be\s*(?:endorsed|agreed|approved|noted|supported)\b.*$"
                         r"|(?<=[a-z])be\s*endorsed\b.*$|[;.]\s*$", re.I)  # damaged text: "the decisionbe endorsed"
_ROLE_WORD = re.compile(r"\b(?:director|head|manager|officer|executive|member|holder|leader|councillor|chair|chairman|convener|convenor|provost|"
                        r"cabinet|mayor|clerk|solicitor|treasurer|secretary|spokes\w*|lead|deputy|adviser|advisor|officers)\b", re.I)
# the power read on after a condition set between commas: its object or a phrase of it follows
_RESUMES = re.compile(r",\s*(?=(?:the|a|an|any|all|its|their|such|(?:to|with|for|from|on|at|of|into)\s+(?:the|a|an|any|its|their|[A-Z]))\s)")
_SUBJ_LEAD = re.compile(r"^.*?\b(?:that|That)\s+(?!the\s+\w+\s+(?:be|is)\b)|^", re.S)


# consultees written in the middle, inside the delegate phrase, or after the power: every
# match holds "consult…" within 24 characters of its start (in folded text)
_CONSULTATION = ("consult", "conjunction", "liaison", "advice from")  # ("consult": -ation, -ed, -ing)
_JOINTLY = re.compile(r"[,\s]*jointly\s+with\b", _I)
_MID_CONSULTEES = re.compile(_CONSULT + r"\s+(.+?),?$", _I)
_DELEGATE_CONSULTEES = re.compile(r",?\s*\(?\s*" + _CONSULT + r"\s+(?P<c>[^)]+?)\s*\)?\s*,?\s*$", _I)
_POWER_CONSULTEES = re.compile(r",?\s*(?P<open>\()?" + _CONSULT + r"\s+(?P<c>.+?)(?(open)\))(?=,|;|$|\s+(?:to|and\s+to)\s+[a-z]|\s+(?:where|if|once|provided)\s)", _I)
_IN_PARTICULAR = re.compile(r",?\s+(?:in\s+particular|including\s+(?:the\s+)?(?:authority|power))\b", _I)
_NOMINEE = re.compile(r",?\s*\(?\s*(?:or|and/or)\s+(?:(?:his|her|their|its)(?:\s*/\s*(?:his|her|their))?\s+|a\s+|the\s+)?"
                      r"(?:nominated\s+|designated\s+|appointed\s+)?(?:nominee|deputy|delegate|representative|officer|substitute|designate)s?"
                      r"\s*\)?\s*,?\s*$", _I)
_ABSENCE = re.compile(r",?\s*(?:or\s+)?in\s+(?:his|her|their|the)\s+absence(?:\s+of\s+(?:either|both))?\s*,?\s*(?:by\s+)?", _I)
_KEYS = ("delegat", "authori", "authority", "powers")
# that X may P (after consultation with Y): authority given in so many words (tried alone where only " may " occurs)
_MAY = re.compile(r"^(?:that\s+)?(?P<subj>(?:the\s+)?[A-Z][^,;]{2,120}?)\s+may\s+(?!not\b|need|wish|be\b|have\b|want|require|also\b)"
                  r"(?P<power>[a-z].+)")
_MAX_CLAUSE = 4000


# "delegate authority to: 1. X, in consultation with Y, to P; and 2. Z, to Q" — one delegation per listed delegate
_LIST_HEAD = re.compile(_JOINED + r"delegat(?:e[sd]?|ing)\s+(?:the\s+)?(?:authority|powers?)\s+to\s*:\s*", _I)
_SEGMENT = re.compile(r"(?P<deleg>.+?)" + _TO_VERB + r"(?P<power>.+)", _I)


def find_delegations(text: str, start: int, end: int, label: Optional[str]) -> list[Delegation]:
    """Every delegation in one clause: one per listed delegate, or the single one."""
    end = min(end, start + _MAX_CLAUSE)  # a delegation is stated early; damaged run-on text is cut
    low = text[start:end].lower()
    if not any(k in low for k in _KEYS):
        if " may " not in low:
            return []
        f = Folded(text, start, end)
        m = _MAY.search(f.text)
        d = _build(f, f.text, m, label) if m else None
        return [d] if d else []
    f = Folded(text, start, end)
    listed = _listed(f, f.text, label)
    if listed:
        return listed
    d = _single(f, f.text, label)
    return [d] if d else []


def _listed(f: Folded, t: str, label) -> list[Delegation]:
    head = _LIST_HEAD.search(t) if ":" in t else None  # the pattern tries every position
    if not head:
        return []
    lab = LABEL_AT.match(t, head.end())
    first = read_label(lab) if lab else None
    if first is None:
        return []
    cuts, cur, pos = [(lab.start(), lab.end())], first, lab.end()  # (label start, content start)
    while True:
        nxt = label_regex(cur.succ()).search(t, pos)
        if not nxt:
            break
        cur, pos = cur.succ(), nxt.end()
        cuts.append((nxt.start(1), nxt.end()))
    out = []
    for i, (_, a) in enumerate(cuts):
        b = cuts[i + 1][0] if i + 1 < len(cuts) else len(t)
        m = _SEGMENT.match(t, _skip_label(t, a), b)
        d = _build(f, t, m, label, pre_lo=a) if m else None
        if d:
            out.append(d)
    return out if len(out) >= 2 else []


def _skip_label(t: str, a: int) -> int:
    while a < len(t) and t[a] in " ":
        a += 1
    return a


def _single(f: Folded, t: str, label) -> Optional[Delegation]:
    low = t.lower()
    lowered = len(low) == len(t)  # else lower-casing moved offsets: the patterns as written
    for pat, pat_low in zip(PATTERNS, _PATTERNS_LOW):
        m = pat_low.search(low) if lowered and pat_low else pat.search(t)
        if not m:
            continue
        d = _build(f, t, m, label)
        if d:
            return d
    return None


def _build(f: Folded, t: str, m: re.Match, label, pre_lo: int = 0) -> Optional[Delegation]:
    g = m.groupdict()
    cons_span = None
    if g.get("deleg") is not None:
        d_a, d_b = m.span("deleg")
    else:
        d_a, d_b = _subject(t, m.start("subj"), m.end("subj"))
    joint = _JOINTLY.match(t, m.start("mid")) if g.get("mid") else None  # "X be authorised, jointly with Y, to …"
    if joint:
        joint = (joint.end(), m.end("mid"))  # Y acts with X: a delegate too
    elif g.get("mid"):
        cm = search_from_word(_MID_CONSULTEES, t[m.start("mid"):m.end("mid")], _CONSULTATION, lead=24)
        if cm:
            cons_span = (m.start("mid") + cm.start(1), m.start("mid") + cm.end(1))
    deleg = t[d_a:d_b]
    # consultees written inside the delegate phrase: "X, in consultation with Y," / "X (following consultation with Y)"
    cm = search_from_word(_DELEGATE_CONSULTEES, deleg, _CONSULTATION, lead=24)
    if cm:
        cons_span = (d_a + cm.start("c"), d_a + cm.end("c"))
        d_b = d_a + cm.start()
        deleg = t[d_a:d_b]
    if g.get("cons"):
        cons_span = m.span("cons")
    extra, sep = None, ", "  # "to X, Y and Z in particular including authority to sign …" belongs to the power
    em = _IN_PARTICULAR.search(deleg)
    if em and g.get("power") is None:
        extra = _strip(t, d_a + em.start(), d_b)
        d_b = d_a + em.start()
        deleg = t[d_a:d_b]
    gap = None  # "the Director, following the consultation, be authorised" / "delegated to X, once …, to":
    if "," in deleg:  # the condition sits in the delegate phrase
        sc = _SUBJECT_CONDITION.search(deleg)
        if sc:
            gap = (d_a + sc.start() + 1, d_b)
            d_b = d_a + sc.start()
            deleg = t[d_a:d_b]
    absence = _ABSENCE.search(deleg) if "absence" in deleg else None
    if absence:  # "the Chief Executive, or in their absence the Deputy Chief Executive": both may act
        joint = (d_a + absence.end(), d_b)
        d_b = d_a + absence.start()
        deleg = t[d_a:d_b]
    nominee = _NOMINEE.search(deleg) if "nomin" in deleg or "deput" in deleg or "designat" in deleg else None
    if nominee:  # "the Chief Executive, or their nominee": the role holder is the delegate
        d_b = d_a + nominee.start()
        deleg = t[d_a:d_b]
    if not _ROLE_WORD.search(deleg):
        return None
    # the power
    if g.get("power") is not None:
        p_a, p_b = m.span("power")
    else:
        p_a, p_b = _power_from_subject(t, m.start("subj"), m.end("subj"))
    tail = _power_tail(t, p_a, p_b)
    if tail:
        p_b = tail.start()
    nxt = _NEXT_DECISION.search(t, p_a, p_b)  # "…; and that the Monitoring Officer be instructed …"
    if nxt:
        p_b = nxt.start()
    pc = search_from_word(_POWER_CONSULTEES, t[p_a:p_b], _CONSULTATION, lead=24)
    if pc and cons_span is None:
        cons_span = (p_a + pc.start("c"), p_a + pc.end("c"))
        if pc.end() >= p_b - p_a - 2:
            p_b = p_a + pc.start()
    # the condition: before the delegation, or inside the power
    cond = _condition(t, pre_lo, m.start() if g.get("subj") is None else d_a, p_a, p_b, (d_a, d_b), cons_span, gap)
    if cond and p_a <= cond[0] < p_b:
        rest = _RESUMES.match(t, cond[1], p_b)  # "award, subject to …, the contract to …": the power goes on
        if rest and extra is None:
            extra, sep = _strip(t, rest.end(), p_b), " "
        p_b = cond[0]
        if pc and p_a + pc.start() < p_b <= p_a + pc.end() + 2:  # "change X, after consultation with Y, where …"
            p_b = p_a + pc.start()
    p_a, p_b = _strip(t, p_a, p_b)
    if p_b <= p_a:
        return None
    spans: dict = {"power": list(f.span(p_a, p_b))}
    power = t[p_a:p_b]
    if extra and extra[1] > extra[0]:
        power += sep + t[extra[0]:extra[1]]
        spans["power_extra"] = list(f.span(*extra))
    delegates = _roles(f, t, d_a, d_b) + (_roles(f, t, *joint) if joint else [])
    consultees = _roles(f, t, *cons_span) if cons_span else []
    spans["delegates"] = [list(s) for _, s in delegates]
    spans["consultees"] = [list(s) for _, s in consultees]
    condition = None
    if cond:
        condition = t[cond[0]:cond[1]]
        spans["condition"] = list(f.span(*cond))
    return Delegation.made(resolution_label=label, delegates=[r for r, _ in delegates],
                      consultees=[r for r, _ in consultees], power=power, condition=condition, spans=spans)


def _power_tail(t: str, a: int, b: int) -> Optional[re.Match]:
    """Where the power ends: "… be endorsed" (every such match holds 'be') or closing ';' / '.'."""
    low = t[a:b].lower()
    if len(low) != b - a:
        return _POWER_TAIL.search(t, a, b)
    at = low.find("be")
    if at < 0:
        end = t[a:b].rstrip()
        return _POWER_TAIL.search(t, a + len(end) - 1, b) if end[-1:] in (";", ".") else None
    return _POWER_TAIL.search(t, max(a, a + at - 3), b)


def _roles(f: Folded, t: str, a: int, b: int):
    a, b = _strip(t, a, b)
    out = []
    for role, (s, e) in split_roles(t[a:b], a):
        out.append((role, f.span(s, e)))
    return out


def _subject(t: str, a: int, b: int) -> tuple[int, int]:
    """The delegate named as the subject: after the last 'that', without a leading condition."""
    sub, base = t[a:b], a
    for m in re.finditer(r"\b(?:that|That|THAT)(?:\s+|(?=,))", sub):
        a2 = base + m.end()  # (offsets into the subject as first read, not into what is left of it)
        if _ROLE_WORD.search(t[a2:b]):
            a = a2
    sub = t[a:b]
    lead = len(sub) - len(sub.lstrip(" ,"))  # "that, subject to …, the Director"
    cm = CONDITION.match(sub, lead)
    if cm:
        comma = sub.find(",", cm.end())
        if comma >= 0:
            a += comma + 1
    return _strip(t, a, b)


def _power_from_subject(t: str, a: int, b: int) -> tuple[int, int]:
    """'Authority to award X' -> 'award X'; 'responsibility for agreeing X' -> 'agreeing X'; 'the further step of
    making X' -> 'making X'."""
    sub = t[a:b]
    m = re.search(r"\b(?:authority|power|powers|responsibility|decision)\s+(?:to\s+(?=[a-z])|for\s+(?=[a-z]+ing\b))", sub, re.I) \
        or re.search(r"\b(?:step|steps|task|function|matter)\s+of\s+(?=\w+ing\b)", sub, re.I)
    if m:
        return a + m.end(), b
    m = re.match(r"(?:that\s+)?(?:in\s+each\s+(?:instance|case)\s+)?(?:,\s*)?(?:the|a|an|any)?\s*", sub, re.I)
    cm = CONDITION.match(sub, m.end() if m else 0)
    if cm:
        comma = sub.find(",", cm.end())
        if comma >= 0:
            return _strip(t, a + comma + 1, b)
    return a + (m.end() if m else 0), b


def _condition(t: str, pre_a: int, pre_b: int, p_a: int, p_b: int, deleg, cons, gap=None) -> Optional[tuple[int, int]]:
    for lo, hi in ((pre_a, pre_b), gap or (0, 0), (p_a, p_b)):
        for m in CONDITION.finditer(t, lo, hi):
            if _NOT_CONDITION.match(t, m.start()):
                continue
            if deleg[0] <= m.start() < deleg[1] or (cons and cons[0] <= m.start() < cons[1]):
                continue
            if m.group().lower() == "if" and not re.match(r"if\s+(?:the|a|an|no|any|it|there|this|that|they|such|required|necessary|needed|appropriate)\b", t[m.start():], re.I):
                continue
            e = _COND_END.search(t, m.end() + 1, hi)
            while e and (e.group() in "()" and _CITED.search(t, max(0, e.start() - 30), e.start())
                         or e.group().endswith("that") and t[max(0, e.start() - 10):e.start()].endswith(_SATISFIED)):
                e = _COND_END.search(t, e.end(), hi)  # "paragraph 2. b) above", "section 3(1)", "satisfied that"
            end = e.start() if e else hi
            a, b = _strip(t, m.start(), end)
            if b - a > 6:
                return a, b
    return None


def _strip(t: str, a: int, b: int) -> tuple[int, int]:
    while a < b and t[a] in " ,;:.-–":
        a += 1
    while b > a and t[b - 1] in " ,;:.-–":
        b -= 1
    while True:  # a trailing "and" / "or" joins to nothing
        for word in (" and", " or", " jointly"):
            if b - a > len(word) and t[b - len(word):b].lower() == word:
                b -= len(word)
                while b > a and t[b - 1] in " ,;":
                    b -= 1
                break
        else:
            return a, b


# delegate the decision on P to X (in consultation with Y): tried last, the power comes first
PATTERNS.append(re.compile(
    r"\bdelegat(?:e[sd]?|ing)\s+(?P<subj>(?:the|any|all|its)\s+.+?)\s+to\s+(?P<deleg>(?:the\s+|each\s+|relevant\s+)*[A-Z].+?)"
    r"(?:(?:,\s*|\s+)" + _CONSULT + r"\s+(?P<cons>.+?))?$", _I))
# The re.I patterns rewritten for lower-cased text, which re searches several times faster
# (a literal such as "delegated" is then found by a fast scan); _build reads only the spans.
_PATTERNS_LOW = [for_lower_case(p) if p.flags & re.I else None for p in PATTERNS]

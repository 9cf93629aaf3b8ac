"""Find what was decided in an item: resolution blocks, then their clauses.

A block opens at a trigger ("RESOLVED", "RECOMMENDED to Council", "AGREED", "Decision:",
"Decision of the Executive Councillor", "The Cabinet Member:" before a list, …) and closes at
the next section marker ("Reasons for the decision", "Minutes:", a table row end, the next
outer paragraph number). Its clauses follow the labels' own sequence — (a) then (b), 1. then
2. — so nested sub-clauses and cited "(1) … (2) …" lists inside a clause stay in its text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from govbot.extract.kinds import stem_kinds
from govbot.extract.text import is_welsh
from govbot.extract.labels import LABEL_AT, Label, label_regex, line_label_regex, read_label

TRIGGER = re.compile(
    r"(?P<resolved>RESOLVED(?=[^A-Za-z]|that|THAT|to\b|$)"
    r"|(?<=[a-z] )resolved(?=\s*(?:\(|that\b|to\b|:|,|-|–|under\b))"
    r"|(?<![A-Za-z])Resolved(?=\s*(?:\(|that|to\b|:|,|-|–|\n)))"
    r"|(?P<recommended>(?<![A-Za-z])RECOMMENDED\b"
    r"|^(?:RECOMMENDATIONS?|Recommendations?|Recommended)[ \t]+(?:TO|to)[ \t]+(?:(?:THE|the|FULL|Full|full)[ \t]+)?(?:COUNCIL|Council)"
    r"(?:[ \t]*[:–-])?[ \t]*(?:$|(?=[Tt]hat\b)))"
    r"|(?P<agreed>(?<![A-Za-z])(?:AGREED|DECIDED)\b|^(?:Agreed|Decided)(?=[ \t]*[:–-]))"
    r"|(?P<noted>(?<![A-Za-z])NOTED\b)"
    r"|(?P<decision>^(?:RESOLUTIONS?|Resolutions?)[ \t]*:?[ \t]*$|(?<![\w])Resolutions?[ \t]*:(?=\s*(?:\(?[a-z1-9][).]\s*)?[Tt]hat\b)"
    r"|(?:(?<![A-Za-z] )|(?<=KB ))(?<![\w])Decisions?(?:\(s\))?(?:\s+(?:[Tt]aken|[Mm]ade))?[ \t]*:(?![ \t]*(?:None|N/?A|-)\b)"
    r"(?!\s*(?:\w+day,?\s+)?\d{1,2}(?:/\d{1,2}/\d{2,4}|(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}))"  # not a field: "Decision made: 12 May 2026"
    r"|^DECISIONS?(?:\s+(?:TAKEN|MADE))?(?:[ \t]*:|[ \t]*$)|^Decision[ \t]*$(?=\s+The\s+[^\n.]{0,80}?\b(?:agreed|noted|resolved|decided|approved)\b|\s+That\s)|Details\s+of\s+(?:the\s+)?[Dd]ecision[ \t]*:)"
    r"|(?P<decision_of>(?:^|(?<=[.|]\s))Decisions?\s+of\s+(?:the\s+)?(?P<who>[A-Z][^\n.:]{2,80})$)"
    r"|(?P<stem_line>^[ \t]*(?:That\s+)?(?:[Tt]he\s+)?(?:Cabinet|Committee|Leader|Cabinet\s+Member|Lead\s+Member"
    r"|Executive\s+Member|Portfolio\s+Holder|Panel|Board|Sub-Committee|Council|Executive|Mayor)\b[^\n:.]{0,80}:-?[ \t]*$"
    r"|^[^\n:]{0,200}?\b(?:agreed|resolved|decided)(?:\s+(?:that|to))?[ \t]*:-?[ \t]*$)"
    r"|(?P<first_person>\bI\s+(?:hereby\s+)?(?:delegate|approve|authori[sz]e|agree|decide|have\s+(?:decided|agreed|approved)\b))",
    re.M,
)
# Cheap literal scans that find where a trigger could start (offset back to its first letter);
# the full TRIGGER pattern is then tried only there. re finds a literal by its first letter, so
# each scan opens at a rare letter and checks the rest behind it: "v" of "[Rr]esolved" (5 back
# to the R), "c" of "[Dd]ecision".
_SEEDS = [(re.compile(lit), back) for lit, back in (
    ("v(?<=esolv)ed", 5), ("cision(?<=ecision)", 2), ("I (?:hereby|delegate|approve|authori|agree|decide|have)", 0),
    ("Details of", 0), ("Agreed", 0), ("Decided", 0), ("R(?:e(?:commend|solution)|E(?:COMMENDATION|SOLUTION))", 0))]  # (one scan: headings "Recommended to Council", "RESOLUTION")
# The words in capitals each hold an "E": one scan for that letter finds all six, each
# confirmed behind its "ED" and named by an empty group.
_CAPS_SEED = re.compile(r"E(?:D(?:(?<=RESOLVED)(?P<resolved>)|(?<=RECOMMENDED)(?P<recommended>)|(?<=AGREED)(?P<agreed>)"
                        r"|(?<=NOTED)(?P<noted>)|(?<=DECIDED)(?P<decided>))|CISION(?P<decision>))")
_CAPS_BACK = {"resolved": 6, "recommended": 9, "agreed": 4, "noted": 3, "decided": 5, "decision": 1}  # "E" to the word's first letter
_LINE_COLON = re.compile(r":-?[ \t]*\n")


def trigger_seeds(text: str) -> list[int]:
    """Where a trigger could start, from a few literal scans over the whole text (sorted)."""
    cands = {m.start() - _CAPS_BACK[m.lastgroup] for m in _CAPS_SEED.finditer(text)}
    cands.update(m.start() - back for rx, back in _SEEDS for m in rx.finditer(text))
    cands.update(text.rfind("\n", 0, m.start()) + 1 for m in _LINE_COLON.finditer(text))
    return sorted(cands)


def triggers(text: str, start: int, end: int, seeds: Optional[list[int]] = None) -> list[re.Match]:
    out = []
    if seeds is None:
        seeds = trigger_seeds(text[:end]) if start == 0 else [p for p in trigger_seeds(text) if p >= start]
    lo = bisect.bisect_left(seeds, start)
    hi = bisect.bisect_left(seeds, end)
    for pos in seeds[lo:hi]:
        m = TRIGGER.match(text, pos, end)
        if m:
            out.append(m)
    return out


STRENGTH = {"resolved": 3, "recommended": 3, "agreed": 2, "noted": 2, "decision_of": 2, "decision": 1,
            "stem_line": 1, "first_person": 1, "narrative": 0, "details": 0, "recommendations": 0, "implicit": 0}

NARRATIVE = re.compile(
    r"\b(?:The|the)\s+(?:[A-Z][\w'’&-]*\s+(?:(?:for|of|and)\s+)?){0,6}?(?:Cabinet|Committee|Member|Leader|Panel|Board|Councillor"
    r"|Holder|Council|Mayor|Executive|Sub-Committee)\s+(?:(?:unanimously|formally|also|therefore)\s+)?"
    r"(?:approved|agreed|authori[sz]ed|endorsed|decided|ratified|adopted|confirmed)\b"
    # a sentence opening with the body or its members, no article: "Cabinet agreed to defer …", "Members agreed to …"
    r"|(?:^|(?<=\n)|(?<=[.:]\s))(?:Cabinet|Members|Councillors|Committee\s+Members)\s+(?:(?:unanimously|formally|also|therefore)\s+)?"
    r"(?:approved|agreed\s+to|authori[sz]ed|endorsed|decided\s+to|ratified|adopted|confirmed)\b"
    r"|\b[Mm]inutes?\b[^.|\n]{0,120}?\b(?:were|be|are|was)\s+(?:(?:duly\s+)?(?:signed|approved|agreed|confirmed|accepted|submitted)"
    r"(?:\s+(?:and\s+)?|(?=\s*[.;]))){1,3}(?:as\s+an?\s+(?:correct|true|accurate)\s+record|by\s+the|(?:(?<=approved)|(?<=confirmed))(?=\s*[.;]))"
)
END_MARKER = re.compile(
    r"Minutes:|Reasons?\s+for\s+(?:the\s+)?(?:[Dd]ecisions?|[Rr]ecommendations?)|Alternative\s+[Oo]ptions|Any\s+[Aa]lternative"
    r"|Other\s+options\s+considered|Supporting\s+documents|Additional\s+documents|Decision\s+Maker:|Publication\s+date"
    r"|Date\s+of\s+(?:decision|publication)|Background\s+[Pp]apers|Scrutiny\s+Considerations|Decision\s+published"
    r"|Lead\s+officer:|Conflicts?\s+of\s+[Ii]nterest|Is\s+[Kk]ey\s+[Dd]ecision|Effective\s+from|Reason\s+for\s+(?:urgency|call)"
    r"|\|[ \t]*(?:\n|$)|\n[ \t]*\||PENDERFYNWYD(?<!/PENDERFYNWYD)(?<!/ PENDERFYNWYD)\b"  # (not the heading "RESOLVED / PENDERFYNWYD"; the
    # look-behinds come after the literal, so no other position of a search pays for them)
)
_LEAD_JUNK = re.compile(r"(?:[\s:\-–—,]|/\s*PENDERFYNWYD\b|\(\s*(?i:unanimously)\s*\)|\b(?i:unanimously)\b|\(by [^)]{0,40}\)|\(nem\.? ?con\.?\)"
                        r"|by\s+(?:a\s+majority\s+(?:of\s+)?)?\d+\s+votes?\s+to\s+\d+(?:,?\s+with\s+\d+\s+abstentions?)?)*")
_RECOMMEND_TAIL = re.compile(r"\s*(?:to\s+(?:full\s+|the\s+)*(?:[A-Z][\w'’&-]*\s+){0,5}?(?:Council|Cabinet|Committee|Board|Panel|Executive)\b)?")
_THAT_COLON = re.compile(r"(?:that|to)\s*(?::-?|:?—|–|-)\s*", re.I)  # "RESOLVED that—" (an em dash, as Word prints it)
_THAT_WORD = re.compile(r"(?:that|to)\s+", re.I)
_STEM = re.compile(r"(?P<stem>(?:[^\n:;()]|\n(?![ \t\xa0]*\n)){1,250}?)\s*(?::-?|:–|–\s*$)[ \t]*", re.M)
# a stem on a line of its own without a colon, the clauses finishing its sentence: "That the Executive\n(a) approve …"
_BARE_STEM = re.compile(r"(?P<stem>(?:[Tt]hat\s+(?:the\s+)?|The\s+(?=(?:Committee|Cabinet|Executive|Panel|Board|Sub-Committee)\b))"
                        r"[A-Z][^\n:;().]{0,80}?)[ \t]*(?=\n)")  # ("DECISION: The Committee\n(a) approved …")
_ASKED = re.compile(r"(?:(?:That\s+)?(?:[Tt]he\s+)?(?:Cabinet|Executive|Committee|Council|Mayor\s+and\s+Cabinet|Leader|Members|Councillors"
                    r"|(?:Cabinet|Executive|Lead)\s+Member[^\n:]{0,60}?)\s+(?:is|are)\s+(?:asked|recommended|invited|requested)\s+to"
                    r"|It\s+is\s+recommended\s+that\s+(?:the\s+)?(?:Cabinet|Executive|Committee|Council|Mayor\s+and\s+Cabinet))"
                    r"(?:\s*:-?|\b)")
_RECOMMEND_STEM = re.compile(r"\s*(?i:to\s+recommend(?:\s+to\s+(?:the\s+)?(?:full\s+)?(?:council|cabinet|executive))?)\s*")
_PARA_NUM = re.compile(r"\d{1,3}(?:\.\d{1,3})+\.?[ \t]+")
# (Word's Symbol-font bullet comes out of a PDF as a private-use character, U+F0B7 or U+F0A7)
_BULLET = re.compile(r"[•·▪●◦\uf0b7\uf0a7\u27a2\u25ba]|(?:^|(?<=\n))[ \t]*[-–*][ \t]", re.M)
_SENT_END = re.compile(r"[.!?](?=[\"'’”]?(?:\s*\n|\s+(?!(?:that|That|and\s+that)\b)[A-Z(]|\s*\(\d{1,2}\)|$)|[A-Z][A-Za-z])")
_PARA_BREAK = re.compile(r"\n[ \t\xa0]*\n")
_OUTER_BEFORE = re.compile(r"(?:\((?P<p>\d{1,2})\)|(?P<a>\d{1,3})\.(?P<b>\d{1,3})\.?)[^\n()]{0,160}$")
_PARA_DONE = re.compile(r"(?:[.;:!?)]|;\s*(?:and|or))\s*$")
_OPEN_END = re.compile(r";(?:\s*(?:and|or))?\s*$")
_NEXT_LINE = re.compile(r"[ \t\xa0]*\n\s*(?=\S)")
_NEXT_PARA = re.compile(r"[ \t\xa0]*\n[ \t\xa0]*\n\s*(?=\S)")
_NEXT_THAT = re.compile(r"[.;]?[ \t\xa0]*\n[ \t\xa0]*\n\s*(?:and\s+)?(?=[Tt]hat\s)")
_OUTER_NUM = re.compile(r"\(\d{1,2}\)[ \t]*")
# "… and to delegate authority to the Director, in consultation with Y, to:(a) … (b) …, be endorsed":
# the list finishes one delegation's sentence, so the whole is one clause, stem included
_DELEGATION_STEM = re.compile(r"(?:delegat(?:e|es|ing)\b|delegated\s+authority|authori[sz]e[sd]?\b)[^:]*\bto\s*$", re.I)
_PROPOSED_DECISION = re.compile(r"proposed\s*decision|decision\s*(?:proposed\s*)?to\s*be\s*taken|decision\s*proposed", re.I)
_ENDORSED_END = re.compile(r"\bbe\s*endorsed$|(?<=[a-z0-9])be\s*endorsed$", re.I)
# a paragraph worded as a resolution: "The Director be asked to …" (not "would be considered")
_SUBJUNCTIVE = re.compile(r"(?:[Tt]hat\s+)?(?:[Tt]he|[A-Z][\w'’-]*)\b[^.\n;:]{0,160}?(?<!would)(?<!will)(?<!could)(?<!should)(?<!might)"
                          r"(?<!must)(?<!can)(?<!to)(?<!not)\s+be\s+(?:\w+ly\s+)?(?:\w+ed|given|made|taken|sought|brought|put|set|kept)\b")
_LIST_AFTER = re.compile(r"[ \t]*(?:(?:that|to)[ \t]*)?:-?\s*", re.I)
_REF_WORDS = {"in", "of", "at", "see", "under", "paragraph", "paragraphs", "clause", "section", "appendix", "item", "para"}


@dataclass
class Clause:
    label: Optional[str]
    start: int
    end: int
    text: str
    stem_kinds: list[str] = field(default_factory=list)
    stem_rules: bool = False  # the stem's kinds are the clause's ("the proposed decision to: (a) … be endorsed")


@dataclass
class Block:
    trigger: str
    start: int
    end: int
    clauses: list[Clause]

    @property
    def strength(self) -> int:
        return STRENGTH[self.trigger]


_JOINER_CHARS = " \t\n\r\xa0;,.:"


def _strip_joiner(seg: str) -> str:
    """The clause without a trailing '; and' / ';' / '.' / ', or'."""
    while seg:
        seg = seg.rstrip(_JOINER_CHARS)
        n = len(seg)
        if n > 4 and seg[-3:].lower() == "and" and not seg[-4].isalnum():
            seg = seg[:-3]
        elif n > 3 and seg[-2:].lower() == "or" and not seg[-3].isalnum():
            seg = seg[:-2]
        else:
            break
    return seg


def make_clause(text: str, label: Optional[str], start: int, end: int, skinds: list[str]) -> Optional[Clause]:
    """The clause as printed without its label and trailing '; and' / ';' / '.'."""
    seg = text[start:end]
    if "\n" in seg and ("Page" in seg or "PAGE" in seg or seg.rstrip()[-1:].isdigit()):  # a page footer between clauses
        footer = _PAGE_FOOTER.search(seg) or _running_footer(seg)
        if footer:
            seg = seg[:footer.start()]
    core = seg.lstrip()  # str.strip() trims what str.isspace() calls whitespace, as trim_span does
    start += len(seg) - len(core)
    core = core.rstrip().rstrip(_JOINER_CHARS)
    if core[-1:] in "dDrR":  # only these can end 'and' / 'or', even lower-cased (and "" is in any string)
        core = _strip_joiner(core)
    if len(core) < 3:
        return None
    # every whitespace character but " " is unprintable, so a printable clause without "  " is already folded
    folded = core if core.isprintable() and "  " not in core else " ".join(core.split())
    return Clause(label, start, start + len(core), folded, skinds)


def find_blocks(text: str, start: int, end: int, page_type: Optional[str], seeds: Optional[list[int]] = None) -> list[Block]:
    blocks: list[Block] = []
    trig = [m for m in triggers(text, start, end, seeds) if _keep_trigger(text, m, page_type)]
    for idx, m in enumerate(trig):
        kind = m.lastgroup
        # a block runs to the next trigger of its own strength; stronger ones inside replace it
        nxt, strength = end, STRENGTH[kind]
        for o in trig[idx + 1:]:
            if STRENGTH[o.lastgroup] == strength:
                nxt = o.start()
                break
        block = _open_block(text, m, kind, nxt, end)
        if block and block.clauses:
            blocks.append(block)
    if text.find("|", start, end) >= 0:
        blocks += _table_blocks(text, start, end)
    blocks = _drop_outer(blocks)
    if not blocks:
        blocks = _narrative(text, start, end)
    return blocks


def _keep_trigger(text: str, m: re.Match, page_type: Optional[str]) -> bool:
    kind = m.lastgroup
    if kind == "first_person":
        return page_type in ("officer_decision", "decision")
    if kind == "stem_line":
        after = _skip_ws(text, m.end())
        return bool(LABEL_AT.match(text, after) or _BULLET.match(text, after))
    if kind == "decision" and m.group().endswith(":") and text[m.end():m.end() + 1] == " ":
        eol = text.find("\n", m.end())
        if title_like(text[m.end():eol if eol >= 0 else len(text)]):
            return False  # "Decision: Approval of the Affordable Warmth Grant Policy" names the decision; the page gives it below
    if kind in ("agreed", "noted"):  # "AGREED" in a heading of capitals is no decision
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:text.find("\n", m.end()) if text.find("\n", m.end()) >= 0 else len(text)]
        bare = _HEADING_NOISE.sub("", line)
        return not bare or sum(c.islower() for c in line) > 3
    return True


_DECISION_WORDS = {"agreed", "approved", "noted", "deferred", "refused", "rejected", "resolved", "granted", "endorsed",
                   "adopted", "accepted", "withdrawn", "recommendations", "recommendation", "as", "that", "to", "the", "decision"}


def title_like(line: str) -> bool:
    """A short line of capitalised words with no verb of deciding and no full stop: a title."""
    words = line.split()
    if not 2 <= len(words) <= 14 or line.rstrip()[-1:] in ".;:," or words[0].lower() in _DECISION_WORDS:
        return False
    if any(w.lower().strip(",") in _DECISION_WORDS - {"the", "as", "to", "decision"} or w.lower() in ("be", "is", "was") for w in words):
        return False
    return sum(w[:1].isupper() or w[:1].isdigit() for w in words) * 2 >= len(words)


_HEADING_NOISE = re.compile(r"\b(?:AGREED|DECIDED|NOTED)\b|[\s:\-–()0-9.]")


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _limit(text: str, pos: int, hard_end: int) -> int:
    m = END_MARKER.search(text, pos, hard_end)
    return m.start() if m else hard_end


def _open_block(text: str, m: re.Match, kind: str, next_trigger: int, item_end: int) -> Optional[Block]:
    pos = m.end()
    limit = _limit(text, pos, min(item_end, max(next_trigger, pos)))
    outer = _outer_limit(text, m.start(), item_end)
    if outer is not None:
        limit = min(limit, outer)
    skinds: list[str] = []
    if kind in ("agreed", "noted", "first_person"):
        s0 = _sentence_start(text, m.start())
        before = text[s0:m.start()].strip(" \t\n\xa0(),;:-")
        listed = _LIST_AFTER.match(text, m.end())  # "Cabinet AGREED that:\n(a) …" heads a list
        listed = listed and (_label_at(text, listed.end(), limit) or _BULLET.match(text, listed.end(), limit))
        if before and not listed and not _BARE_LEAD.fullmatch(before):
            s, e = s0, _sentence_end(text, m.end(), limit)
            c = make_clause(text, None, s, e, ["note"] if kind == "noted" else [])
            return Block(kind, s, e, [c] if c else [])
        skinds = ["note"] if kind == "noted" else ["approve"]
    if kind == "stem_line":  # "That the Council be recommended to:", "The Committee agreed:-"
        skinds = stem_kinds(m.group())
    if kind == "recommended":
        t = _RECOMMEND_TAIL.match(text, pos, limit)
        pos = t.end() if t else pos
        # "It is RECOMMENDED that the Cabinet:" heads a report's own recommendations: it asks, passing nothing on
        asks = (not t or not t.group().strip()) and _IT_IS.search(text, max(0, m.start() - 8), m.start())
        skinds = [] if asks else ["recommend"]
    clauses, end = parse_clauses(text, pos, limit, skinds)
    return Block(kind, m.start(), end, clauses)


_IT_IS = re.compile(r"\b[Ii][Tt]\s+[Ii][Ss]\s+\Z")
_BARE_LEAD = re.compile(r"(?:it\s+was|and|was|were|it\s+is)", re.I)


def _outer_limit(text: str, trig_start: int, item_end: int) -> Optional[int]:
    """'(4)RESOLVED that …' or '21.2 The Cabinet RESOLVED …': the block ends at '(5)' / '21.3'."""
    line_start = text.rfind("\n", 0, trig_start)
    if line_start < trig_start - 200:  # else it is later than any full stop before trig_start - 200
        line_start = max(line_start, text.rfind(".", 0, max(trig_start - 200, 0)))
    lo = max(line_start + 1, trig_start - 170)
    if lo >= trig_start:  # "…\nRESOLVED": no paragraph number before it on its line
        return None
    m = _OUTER_BEFORE.search(text, lo, trig_start)
    if not m:
        return None
    if m.group("p"):
        nxt = re.compile(r"\(" + str(int(m.group("p")) + 1) + r"\)")
    else:
        nxt = re.compile(r"(?<![\d.])" + m.group("a") + r"\." + str(int(m.group("b")) + 1) + r"(?![\d])")
    found = nxt.search(text, trig_start, item_end)
    return found.start() if found else None


def parse_clauses(text: str, pos: int, limit: int, skinds: list[str], depth: int = 0) -> tuple[list[Clause], int]:
    trigger_kinds = list(skinds)
    lead = _LEAD_JUNK.match(text, pos, limit).end()
    if text[lead - 1:lead] == " " and text[lead - 2:lead - 1] in "-–*":  # a list marked with dashes: keep the first
        first = _skip_ws(text, pos)
        pos = first if first < lead and _BULLET.match(text, first, limit) else lead
    else:
        pos = lead
    m = _THAT_COLON.match(text, pos, limit)
    if not m:  # "RESOLVED that\n\n(a) …" / "RESOLVED that (a) …; and (b) …": the word heads the list
        m = _THAT_WORD.match(text, pos, limit)
        if m and not _label_at(text, m.end(), limit):
            m = None
    if m:
        pos = _LEAD_JUNK.match(text, m.end(), limit).end()
    m = _PARA_NUM.match(text, pos, limit)
    if m:
        decimal = _decimal(text, m, limit, skinds)  # "1.1 That … 1.2 That …": numbered clauses
        if decimal:
            return decimal
        pos = m.end()
    m = _ASKED.match(text, pos, limit)  # a report's "The Cabinet is asked to:": each clause has its own verb
    if m:
        pos = _skip_ws(text, m.end())
    lab = _label_at(text, pos, limit)
    proposed = False
    if not lab and not _BULLET.match(text, pos, limit):
        st = _STEM.match(text, pos, limit) or _BARE_STEM.match(text, pos, limit)
        if st and not _DELEGATION_STEM.search(st.group("stem")):
            proposed = bool(_PROPOSED_DECISION.search(st.group("stem")))
            after = _skip_ws(text, st.end())
            if _label_at(text, after, limit) or _BULLET.match(text, after, limit) \
                    or _RECOMMEND_STEM.fullmatch(st.group("stem")):  # "RESOLVED TO RECOMMEND TO COUNCIL:\nThat …"
                skinds = list(dict.fromkeys(skinds + stem_kinds(st.group("stem"))))
                pos = after
                lab = _label_at(text, pos, limit)
    if lab:
        clauses, end = _labelled(text, lab, limit, skinds)
        if proposed and clauses and _ENDORSED_END.search(clauses[-1].text):
            for c in clauses:  # the committee endorsed each part; it did not itself adopt or delegate
                c.stem_kinds, c.stem_rules = ["endorse"], True
        nxt = _NEXT_THAT.match(text, end, limit)
        if nxt and depth < 5:  # "That Cabinet RECOMMENDS: 1. … 2. …\n\nThat Cabinet approves …"
            more, end = parse_clauses(text, nxt.end(), limit, trigger_kinds, depth + 1)
            clauses += more
        return clauses, end
    if _BULLET.match(text, pos, limit) or _BULLET.search(text, pos, min(limit, pos + 300)) and _BULLET.match(text, _skip_ws(text, pos), limit):
        return _bulleted(text, pos, limit, skinds)
    later = _line_label(text, pos, limit)
    if later:
        first = make_clause(text, None, pos, later[0], skinds)
        clauses, end = _labelled(text, later[1], limit, skinds)
        return ([first] if first else []) + clauses, end
    clauses = []
    while True:  # "RESOLVED:\n\nThat …\n\nThat …" — unlabelled paragraphs each opening with That
        end = _single_end(text, pos, limit)
        c = make_clause(text, None, pos, end, skinds)
        if c:
            clauses.append(c)
        nxt = _NEXT_THAT.match(text, end, limit)
        if not nxt and _OPEN_END.search(text, max(pos, end - 12), end):  # "…be noted;\n\nthe plan be agreed"
            nxt = _NEXT_PARA.match(text, end, limit)
        if not nxt and c and is_welsh(c.text):  # "Nodi'r adroddiad.\nThat the report be noted." (Welsh, then English)
            nxt = _NEXT_LINE.match(text, end, limit)
        if not nxt and c and _SUBJUNCTIVE.match(c.text):  # "The plan be approved.\n\nThe Director be asked …"
            para = _NEXT_PARA.match(text, end, limit)
            if para and _SUBJUNCTIVE.match(text, para.end(), limit):
                nxt = para
        if not nxt or not clauses or nxt.end() >= limit:
            return clauses, end
        pos = nxt.end()


_WS_WORD = re.compile(r"\s+\S")
_PAGE_FOOTER = re.compile(r"\n[^\n]{0,100}?\b(?:Page|PAGE)[ \t]+\d{1,4}(?:[ \t]+of[ \t]+\d{1,4})?\s*$"  # "… 22 October 2026 Page 3 of 6"
                          r"|(?:(?<=[;,])|(?<=\band))\s*\n\s*\d{1,4}\s*$")  # a bare page number after "; and"
# the meeting and its date as a running footer after a complete clause: "Executive Cabinet 25.03.2026" (searched in the
# last lines only)
_RUNNING_FOOTER = re.compile(r"(?<=[.;])\s*\n[ \t]*(?:[A-Z][\w&'’-]*[ \t]+){0,5}(?:Cabinet|CABINET|Committee|COMMITTEE|Council|COUNCIL"
                             r"|Executive|EXECUTIVE|Board|BOARD|Panel|PANEL|Authority|AUTHORITY)[ \t]+(?:[–-][ \t]+)?(?:\w+day,?[ \t]+)?"
                             r"\d{1,2}(?:(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]+[ \t]+\d{4}|[./]\d{1,2}[./]\d{2,4})(?:\s*\n[ \t]*\d{1,4})?\s*$")


def _running_footer(seg: str) -> Optional[re.Match]:
    tail = seg.rstrip()
    if not tail[-1:].isdigit():
        return None
    at = len(tail)
    for _ in range(3):  # (a footer takes two lines at most, and the line break before them)
        at = max(0, tail.rfind("\n", 0, at))
    while at and seg[at - 1].isspace():
        at -= 1
    return _RUNNING_FOOTER.search(seg, at)


_DECIMAL_FIRST = re.compile(r"(\d{1,2})\.1[ \t]+")


def _decimal(text: str, first: re.Match, limit: int, skinds: list[str]) -> Optional[tuple[list[Clause], int]]:
    """Clauses numbered 1.1, 1.2 … each at a line start (the number is the label); None
    unless there are two or more."""
    head = _DECIMAL_FIRST.match(text, first.start(), limit)
    if not head:
        return None
    major, number, content, cuts = head.group(1), 1, head.end(), []
    while True:
        nxt = re.compile(r"\n[ \t\xa0]*(" + major + r"\." + str(number + 1) + r")[ \t]+").search(text, content, limit)
        if not nxt:
            break
        cuts.append((f"{major}.{number}", content, nxt.start()))
        number, content = number + 1, nxt.end()
    if not cuts:
        return None
    end = _last_end(text, content, limit)
    cuts.append((f"{major}.{number}", content, end))
    clauses = [c for c in (make_clause(text, label, a, b, skinds) for label, a, b in cuts) if c]
    return clauses, end


def _label_at(text: str, pos: int, limit: int):
    m = LABEL_AT.match(text, pos, limit)
    if not m:
        return None
    label = read_label(m)
    if label is None:
        return None
    if label.style == "d" and not _WS_WORD.match(text, m.end(), m.end() + 40):
        return None
    if label.kind == "alpha" and label.style == "d" and label.upper \
            and not line_label_regex(label.succ()).search(text, m.end(), limit):  # "A. Smith", unless "B." opens a line
        return None
    if label.kind != "num" and label.value in (1, 12) and m.group(label.style) in _OCR_ONE:
        two = Label(label.style, "num", 2)
        if label_regex(two).search(text, m.end(), limit) and not label_regex(label.succ()).search(text, m.end(), limit):
            label = two._replace(value=1)  # "(l) … (2) …": OCR read the figure one as a letter
    return (m, label)


_OCR_ONE = ("l", "I")


def _line_label(text: str, pos: int, limit: int):
    """A clause list that starts after an unlabelled first clause ("…consultation;\\n2. That …")."""
    for m in _LINE_END.finditer(text, pos, limit):
        lab = _label_at(text, m.end(), limit)
        if lab and lab[1].value == 2:
            return (m.start() + 1, lab)
    return None


_LINE_END = re.compile(r"[;.][ \t]*\n[ \t\xa0]*(?=\S)")


def _labelled(text: str, lab, limit: int, skinds: list[str]) -> tuple[list[Clause], int]:
    m, label = lab
    clauses, content = [], m.end()
    while True:
        step = _STEPS.get(label) or _step(label)
        nxt = _find_next(text, content, limit, label, step)
        if nxt is None:
            end = _last_end(text, content, limit)
            c = make_clause(text, step[4], content, end, skinds)
            if c:
                clauses.append(c)
            return clauses, end
        at, nm, nlabel = nxt
        c = make_clause(text, step[4], content, at, skinds)
        if c:
            clauses.append(c)
        label, content = nlabel, nm.end()


_STEPS: dict = {}  # label -> (successor, its regex, the label's own line-start regex, printed width, text)


def _step(label: Label) -> tuple:
    succ = label.succ()
    step = _STEPS[label] = (succ, label_regex(succ), line_label_regex(label), len(label.printed()), label.text)
    return step


def _find_next(text: str, start: int, limit: int, label: Label, step: tuple):
    succ, succ_rx, line_rx, width = step[:4]
    best = None
    m = succ_rx.search(text, start, limit)
    while m:
        if _label_boundary(text, m, succ):
            best = (m.start(), m, succ)
            break
        m = succ_rx.search(text, m.end(), limit)
    # a restart only counts before the successor, so look no further than where it would end
    ms = line_rx.search(text, start, limit if best is None else min(limit, best[0] + width))
    if ms and (best is None or ms.start(1) < best[0]):
        best = (ms.start(1), _Span(ms.end(1)), label)
    return best


class _Span:
    def __init__(self, end: int):
        self._end = end

    def end(self) -> int:
        return self._end


# (each test reads the 12 characters before the label and the 40 after, as pos/endpos bounds)
_D_AFTER = re.compile(r"\s+[A-Za-z(“\"']")
_JOINED_BEFORE = re.compile(r"[\n;:.,]\s*$|(?:and|or)\s*$")
_WORD_BEFORE = re.compile(r"(\w+)\s*$")
_PAREN_AFTER = re.compile(r"\s*\(")


def _label_boundary(text: str, m: re.Match, label: Label) -> bool:
    start, end = m.span()
    if start == 0:
        return label.style != "d" or bool(_D_AFTER.match(text, end, end + 40))
    prev = text[start - 1]
    if label.style == "d":
        return (prev.isspace() or prev in ";:.,") and bool(_D_AFTER.match(text, end, end + 40))
    if prev in "\n;:.," or _JOINED_BEFORE.search(text, max(0, start - 12), start):
        return True
    if prev.isspace():
        word = _WORD_BEFORE.search(text, max(0, start - 12), start)
        return not (word and word.group(1).lower() in _REF_WORDS) and not _PAREN_AFTER.match(text, end, end + 40)
    return False


def _last_end(text: str, pos: int, limit: int) -> int:
    """Where the last clause stops: a full stop at a line end, or a paragraph that ends complete."""
    # line ends found by str.find and read backwards: re scans every character for [.;!?]
    eol = text.find("\n", pos, limit)
    while eol >= 0:
        if _stop_before(text, pos, eol):
            nxt = text[eol + 1:eol + 41].lstrip()
            if not (nxt and (nxt[0].islower() or _SUB_LABEL.match(nxt))):
                return eol
        eol = text.find("\n", eol + 1, limit)
    return limit


def _stop_before(text: str, pos: int, eol: int) -> bool:
    """Does a stop end the line at eol, as [.;!?]["'’”)]?[ \t\xa0]*\n starting at or after pos?"""
    at = eol
    while at > pos and text[at - 1] in " \t\xa0":
        at -= 1
    if at > pos and text[at - 1] in "\"'’”)":  # a closing quote or bracket after the stop
        at -= 1
    return at > pos and text[at - 1] in ".;!?"


_SUB_LABEL = re.compile(r"\((?:[ivx]+|[a-z])\)")


def _single_end(text: str, pos: int, limit: int) -> int:
    m = _SENT_END.search(text, pos, limit)
    while m and (_abbrev(text, m.start()) or _title_dot(text, m.start())):
        m = _SENT_END.search(text, m.end(), limit)
    end = m.end() if m else limit
    pb = _PARA_BREAK.search(text, pos, end)
    if pb and _PARA_DONE.search(text, max(pos, pb.start() - 12), pb.start()):
        end = pb.start()
    return end


# damaged text puts a full stop inside a role title: "Director of Highways. Transport and Waste to …"
_TITLE_BEFORE = re.compile(r"\b(?:of|for)\s+(?:[A-Z][\w&'’-]*,?\s+(?:(?:and|&)\s+)?){0,4}[A-Z][\w'’-]*$")
_TITLE_AFTER = re.compile(r"\.\s+[A-Z][\w'’-]*(?:,\s*[A-Z][\w'’-]*)*\s+(?:and|&)\s+[A-Z][\w'’-]*\s+[a-z(,]")


def _title_dot(text: str, dot: int) -> bool:
    return bool(_TITLE_AFTER.match(text, dot) and _TITLE_BEFORE.search(text, max(0, dot - 80), dot))


# also a list label run on after "to:" or "; and": "delegate authority to:1. The Director …"
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|no|para|cllr|mr|mrs|ms|dr|st|nos?)|\b[A-Z]|(?:[:;]|and)[ \t]*\d{1,2})$", re.I)


def _abbrev(text: str, dot: int) -> bool:
    return bool(_ABBREV.search(text[max(0, dot - 6):dot]))  # a slice: \b must see its start as the text's


def _bulleted(text: str, pos: int, limit: int, skinds: list[str]) -> tuple[list[Clause], int]:
    marks = [m for m in _BULLET.finditer(text, pos, limit)]
    clauses = []
    for i, m in enumerate(marks):
        e = marks[i + 1].start() if i + 1 < len(marks) else _last_end(text, m.end(), limit)
        c = make_clause(text, None, m.end(), e, skinds)
        if c:
            clauses.append(c)
    return clauses, (clauses[-1].end if clauses else pos)


_SENTENCE_BREAK = re.compile(r"[.!?|:][\"'’”)]?\s+(?=\S)|\n[ \t\xa0]*\n\s*|\n[ \t]*(?=\d{1,3}(?:\.\d{1,3})+\s|\(\d{1,2}\))"
                             r"|\)(?=[A-Z])|[.!?;]\(?\d{1,2}[.)](?=[A-Z])")


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - 600)
    best = lo
    for m in _SENTENCE_BREAK.finditer(text[lo:pos + 1]):  # (the character at pos: a break's look-ahead reads it)
        if m.end() > pos - lo:
            break
        if m.group().startswith(".") and _abbrev(text, lo + m.start()):
            continue
        best = lo + m.end()
    nl = text.find("\n", best, pos)
    while nl >= 0:  # "Response to Scrutiny\nHaving considered …": a heading line is no part of the sentence
        if _HEADING_LINE.fullmatch(text, best, nl) and text[nl + 1:nl + 2].isupper() \
                and text[best:nl].split()[-1].lower() not in _JOINING_WORDS:
            best = nl + 1
        nl = text.find("\n", nl + 1, pos)
    m = _PARA_NUM.match(text, best) or _OUTER_NUM.match(text, best)
    if m:
        best = m.end()
    return best


# a title on a line of its own: capitalised, no closing or joining punctuation, not ending in a joining word
_HEADING_LINE = re.compile(r"[ \t]*(?:\d{1,4}[.:]?[ \t]+)?[A-Z][^\n.;:,]{2,120}")
_JOINING_WORDS = {"and", "or", "of", "the", "to", "for", "with", "that", "in", "on", "by", "a", "an", "as", "at"}


_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$|\(|[A-Z])|\|")


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = _SENTENCE_STOP.search(text, pos, limit)
    while m and m.group() == "." and _abbrev(text, m.start()):
        m = _SENTENCE_STOP.search(text, m.end(), limit)
    return m.end() if m else limit


_NARR_SEED = re.compile(r" (?:approved|agreed|authori[sz]ed|endorsed|decided|ratified|adopted|confirmed|accepted)\b")


def _narrative(text: str, start: int, end: int) -> list[Block]:
    out, last = [], -1
    for seed in _NARR_SEED.finditer(text, start, end):
        m = NARRATIVE.search(text, max(start, seed.start() - 200, last), min(end, seed.end() + 40))
        if not m or m.end() < seed.end():
            continue
        s = _sentence_start(text, m.start())
        if s <= last:
            continue
        e = _sentence_end(text, m.end(), _limit(text, m.end(), end))
        c = make_clause(text, None, s, e, [])
        if c:
            out.append(Block("narrative", s, e, [c]))
            last = e
    return out


def _drop_outer(blocks: list[Block]) -> list[Block]:
    """A weaker block that holds a stronger one ("Decision: … RESOLVED …"), or lies inside
    one ("RESOLVED that the minutes be AGREED"), gives way to it."""
    if len(blocks) < 2:
        return blocks
    blocks = sorted(blocks, key=lambda b: b.start)
    starts = [b.start for b in blocks]
    keep = []
    for i, b in enumerate(blocks):
        inside = blocks[i + 1:bisect.bisect_left(starts, b.end)]  # blocks starting within b
        before = [o for o in blocks[max(0, i - 20):i] if o.end > b.start]  # blocks b starts within
        if not any(o.strength > b.strength for o in inside + before):
            keep.append(b)
    return keep


_ROW = re.compile(r"^[ \t]*\|(?P<cells>[^\n]*)\|[ \t]*$", re.M)
_DECISION_HEAD = re.compile(r"\s*(?:Resolved|RESOLVED|Resolutions?|Decisions?(?:\s+taken)?|DECISIONS?)\s*:?\s*")


_RULE_ROW = re.compile(r"[\s:\-]*")
_CELL_TRIGGER = re.compile(r"[ \t]*(?:RESOLVED|Resolved|AGREED|Agreed|DECIDED|Decided)\b[ \t]*(?:[:–-][ \t]*)?")


def _table_blocks(text: str, start: int, end: int) -> list[Block]:
    """A decision table: "| Resolved | Reason for decision |" over rows whose cell in that
    column holds the resolution (Welsh councils print their decisions so)."""
    out: list[Block] = []
    rows = list(_ROW.finditer(text, start, end))
    for i, head in enumerate(rows):
        cells = head.group("cells").split("|")
        col = next((k for k, c in enumerate(cells) if _DECISION_HEAD.fullmatch(c)), None)
        if col is None:
            continue
        prev = head.end()
        for row in rows[i + 1:]:
            if text[prev:row.start()].strip():  # the table has ended
                break
            prev = row.end()
            parts = row.group("cells").split("|")
            if col >= len(parts) or _RULE_ROW.fullmatch(row.group("cells").replace("|", "")):
                continue
            if _DECISION_HEAD.fullmatch(parts[col]):
                break
            a = row.start("cells") + sum(len(p) + 1 for p in parts[:col])
            lead = _CELL_TRIGGER.match(text, a, a + len(parts[col]))  # "| RESOLVED that …": the word is no part of the clause
            clauses, _ = parse_clauses(text, lead.end() if lead else a, a + len(parts[col]), [])
            if clauses:
                out.append(Block("resolved", a, a + len(parts[col]), clauses))
    return out

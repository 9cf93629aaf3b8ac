"""Document -> ParsedDocument: items, resolution clauses, delegations, obligations, movers,
report references, attendees, legislation and dates, each with its span in Document.text, and
the Appendix A timeline of a report.

Structure is found with compiled regular expressions over the text; the spaCy pipeline in
models/ only reads the short role phrases of delegations (see nlp.py).
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

from govbot.domain import Document, Item, ParsedDocument, Resolution
from govbot.extract import layout, mentions, obligations, structure
from govbot.extract.delegations import find_delegations
from govbot.extract.kinds import clause_kinds, stem_kinds
from govbot.extract.text import is_welsh
from govbot.extract.resolutions import Block, Clause, _last_end, _limit, find_blocks, make_clause, parse_clauses, trigger_seeds
from govbot.extract.timeline import read_timeline

PARSER_VERSION = "1.5.0"  # 1.5.0: more councils' item headings, headers, references and wordings; letters and requests; flattened reports

__all__ = ["PARSER_VERSION", "parse_document", "parse_text"]

_CUT_OFF = re.compile(r"view\s+the\s+full\s+minutes\s+text", re.I)
_REPORT_RECS = re.compile(r"^[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?" + structure.RECS_NAME + r"[ \t]*:?[ \t]*$", re.M)
# a heading: "2. Background", "2.0 REASONS …", not "1. To endorse …."
_NEXT_SECTION = re.compile(r"\n[ \t]*\d{1,2}(?:\.0)?\.?[ \t]+[A-Z][^\n]{0,80}(?<![.;:])\n")
_ASK_LINE = re.compile(r"^[^\n]{0,120}?\b(?:is|are)\s+(?:asked|recommended|invited|requested)\s+to\b[^\n]*$"
                       r"|^[^\n]{0,60}?\b(?:RECOMMENDED|recommended)\s+that\b[^\n]*$", re.M)
_LABEL_FIRST = re.compile(r"\s*(?:\(?(?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})[).]|\d{1,2}\.\d{1,2}|[•·▪●-])")
_NEXT_HEADING = re.compile(r"\n[ \t]*(?:Reasons?(?:\(s\))?\s+for\s+(?:the\s+)?(?:[Rr]ecommendations?|[Rr]ecommendation\(s\)|[Dd]ecisions?)"
                           r"|REASONS?(?:\(S\))?\s+FOR\b|Background|BACKGROUND|Introduction|INTRODUCTION|Executive [Ss]ummary"
                           r"|EXECUTIVE SUMMARY|Alternative [Oo]ptions|ALTERNATIVE OPTIONS)[^\n]{0,60}\n")
_PAGE_RECS = re.compile(r"^[ \t]*Recommendations?(?:\(s\))?[ \t]*:[ \t]*$", re.M)
_CMIS_DETAILS = re.compile(r"^Details:[ \t]*\n\s*(?P<x>[^\n]+)", re.M)
_IMPLICIT = re.compile(r"\s*(?:\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[).]\s*)?(?:That|that)\b")


# Output objects are built with Model.made, not validated: the parser makes them from checked
# values, and pydantic validation of thousands of small objects would cost more than the parse.


def parse_text(text: str, name: str = "") -> ParsedDocument:
    """Parse plain text (wrapped in a Document of format "text")."""
    return parse_document(Document(name=name or "text", format="text", text=text))


def parse_document(doc: Document) -> ParsedDocument:
    # Same-length substitutions keep every span valid for doc.text: Windows line ends
    # ("\r\n" -> " \n") and PDF page breaks (form feeds) become plain line breaks; table cells
    # wrapped into the next row, page furniture inside a sentence and words hyphenated at a line
    # end are mended (layout.py).
    text = layout.mend((doc.text or "").replace("\r", " ").replace("\f", "\n"))
    kind = structure.page_type(text)
    parsed = ParsedDocument(
        page_type=kind, body=structure.body(text), meeting_date=structure.meeting_date(text),
        source_format=doc.format, parser_version=PARSER_VERSION, notes=list(doc.notes),
    )
    seeds = trigger_seeds(text)
    for bounds in structure.items(text, kind):
        parsed.items.append(_item(text, bounds, kind, seeds, parsed.meeting_date))
    parsed.timeline, notes = read_timeline(doc)  # a report's Appendix A programme
    parsed.notes.extend(notes)
    return parsed


def _item(text: str, b: structure.ItemBounds, kind: Optional[str], seeds: list[int], date: Optional[str] = None) -> Item:
    if kind == "report":  # its own recommendations first: a "Cabinet resolved to …" in its background is history
        blocks = _fallback_blocks(text, b, kind) or find_blocks(text, b.start, b.end, kind, seeds)
    else:
        blocks = find_blocks(text, b.start, b.end, kind, seeds) or _fallback_blocks(text, b, kind)
    clauses = _merge(blocks)
    if kind in ("issue", "decision") and "Recommendation" in text[b.start:b.end]:
        rec = _PAGE_RECS.search(text, b.start, b.end)  # a page's "Recommendation:" was put to the meeting: it promises nothing
        if rec:
            blocks = blocks + [Block("recommendations", rec.start(), _limit(text, rec.end(), b.end), [])]
    if len(clauses) > 1:
        clauses = _english(clauses)
    if text.find(" / ", b.start, b.end) >= 0:
        clauses = [_english_half(text, c) for c in clauses]
    resolutions, delegations = [], []
    for c in clauses:
        ds = find_delegations(text, c.start, c.end, c.label)
        kinds = clause_kinds(c.text, c.stem_kinds, bool(ds), c.stem_rules)
        resolutions.append(Resolution.made(label=c.label, text=c.text, kinds=kinds, span=(c.start, c.end)))
        delegations += ds
    mover, seconder, spans = mentions.movers(text, b.start, b.end)
    spans = {**b.spans, **spans}
    ref = mentions.report_ref(text, b.start, b.end)
    if ref:
        spans["report_ref"] = list(ref[1])
    return Item.made(
        number=b.number, title=b.title, report_ref=ref[0] if ref else None,
        resolutions=resolutions, delegations=delegations, obligations=_obligations(text, b, blocks, clauses, date),
        mover=mover, seconder=seconder, attendees=mentions.attendees(text, b.start, b.end),
        legislation=mentions.legislation(text, b.start, b.end), dates=mentions.dates(text, b.start, b.end),
        spans=spans,
        incomplete="full minutes text" in text[b.start:b.end] and bool(_CUT_OFF.search(text, b.start, b.end)),
    )


def _english(clauses: list[Clause]) -> list[Clause]:
    """Bilingual minutes print each decision in Welsh and in English: the English is kept."""
    welsh = [is_welsh(c.text) for c in clauses]  # (an English clause is told at once by " the " or " be ")
    return [c for c, cy in zip(clauses, welsh) if not cy] if any(welsh) and not all(welsh) else clauses


_BILINGUAL_CUT = re.compile(r"\s/\s+")


def _english_half(text: str, c: Clause) -> Clause:
    """"cymeradwyo'r gyllideb / that the budget be approved": the English half of a clause
    printed in both languages."""
    if " / " not in c.text:
        return c
    raw = text[c.start:c.end]
    cut = _BILINGUAL_CUT.search(raw)
    if not cut or not is_welsh(raw[:cut.start()]) or is_welsh(raw[cut.end():]):
        return c
    start = c.start + cut.end()
    return Clause(c.label, start, c.end, " ".join(text[start:c.end].split()), c.stem_kinds, c.stem_rules)


def _fallback_blocks(text: str, b: structure.ItemBounds, kind: Optional[str]) -> list[Block]:
    """Pages with no RESOLVED: a report's recommendations, a CMIS decision's 'Details:', or a
    decision page that is nothing but the decision ("That …", "(a) That …")."""
    if kind == "report":
        m = _REPORT_RECS.search(text, b.start, b.end)
        if m:
            nxt = _NEXT_SECTION.search(text, m.end(), b.end)
            head = _NEXT_HEADING.search(text, m.end(), nxt.start() if nxt else b.end)  # "Reasons for recommendations"
            start, end = m.end(), (head or nxt).start() if head or nxt else b.end
            ask = _ASK_LINE.search(text, start, end)  # "This report presents … \n\nMembers are asked to:": the asks start there
            if ask and text[start:ask.start()].strip() and not _LABEL_FIRST.match(text, start):
                start = ask.start()
            return _block(text, "recommendations", start, end)
        numbered = _numbered_recommendations(text, b) if "Recommendation " in text[b.start:b.end] else None
        if numbered:  # "Recommendation 1: That Cabinet endorses …" with no heading
            return numbered
        table = _RECS_TABLE.search(text, b.start, b.end)  # "| Recommendation | Reason |" and a row per recommendation
        if table:
            return _table_recommendations(text, table.end(), b.end)
    if kind in ("decision", "officer_decision"):
        m = _CMIS_DETAILS.search(text, b.start, b.end)
        if m and re.search(r"Decision Maker:|Decision Type:", text):
            c = make_clause(text, None, m.start("x"), m.end("x"), [])  # (without a closing full stop)
            return [Block("details", c.start, c.end, [c])] if c else []
    if kind in ("decision", None) and _IMPLICIT.match(text, b.start):
        return _block(text, "implicit", b.start, _limit(text, b.start, b.end))
    return []


def _numbered_recommendations(text: str, b: structure.ItemBounds) -> list[Block]:
    heads = list(_REC_LINE.finditer(text, b.start, b.end))
    out = []
    for i, m in enumerate(heads):
        stop = heads[i + 1].start() if i + 1 < len(heads) else b.end
        para = _PARA_END.search(text, m.end(), stop)
        c = make_clause(text, m.group("n"), m.end(), para.start() if para else stop, [])
        if c:
            out.append(c)
    return [Block("recommendations", heads[0].start(), out[-1].end, out)] if out else []


def _table_recommendations(text: str, pos: int, end: int) -> list[Block]:
    out = []
    for row in _TABLE_ROW.finditer(text, pos, end):
        if row.start() != pos:
            break  # the table ends at the first line that is no row
        pos = row.end()
        lab = _CELL_LABEL.match(text, row.start("c"), row.end("c"))
        c = make_clause(text, lab.group("n") if lab else None, lab.end() if lab else row.start("c"), row.end("c"), [])
        if c:
            out.append(c)
    return [Block("recommendations", out[0].start, out[-1].end, out)] if out else []


_RECS_TABLE = re.compile(r"^[ \t]*\|[ \t]*(?:Recommendations?|Recommendation\(s\))[ \t]*\|[^\n]*\n", re.M)
_TABLE_ROW = re.compile(r"[ \t]*\|[ \t]*(?P<c>[^|\n]*?)[ \t]*\|[^\n]*(?:\n|$)")
_CELL_LABEL = re.compile(r"\(?(?P<n>\d{1,2}|[a-z])[.)][ \t]+")
_REC_LINE = re.compile(r"^[ \t]*Recommendation[ \t]+(?P<n>\d{1,2})[ \t]*[:.–-][ \t]*", re.M)
_PARA_END = re.compile(r"\n[ \t]*\n")
_DEEP = re.compile(r"^[ \t]*(\d{1,2}\.\d{1,2}\.\d{1,2})\.?[ \t]+", re.M)


def _block(text: str, trigger: str, start: int, end: int) -> list[Block]:
    deep = list(_DEEP.finditer(text, start, end)) if text.count(".", start, end) > 5 else []
    if len(deep) >= 2:  # "1.1 That the Committee:\n1.1.1 notes …\n1.1.2 approves …": the third level holds the clauses
        skinds = stem_kinds(text[start:deep[0].start()]) if "ecommend" in text[start:deep[0].start()] else []
        out = []
        for i, m in enumerate(deep):
            c = make_clause(text, m.group(1), m.end(), deep[i + 1].start() if i + 1 < len(deep) else _last_end(text, m.end(), end), skinds)
            if c:
                out.append(c)
        return [Block(trigger, start, end, out)] if out else []
    out: list[Clause] = []
    paras = [m.start() for m in re.finditer(r"(?m)^[ \t]*\d{1,2}\.\d{1,2}\.?[ \t]+", text[start:end])]
    cuts = [start + p for p in paras] if len(paras) > 1 else [start]
    for i, a in enumerate(cuts):
        z = cuts[i + 1] if i + 1 < len(cuts) else end
        clauses, _ = parse_clauses(text, a, z, [])
        if len(paras) > 1 and len(clauses) == 1 and clauses[0].label is None:  # "1.2 That …": its number is its label
            clauses[0].label = text[a:z].split()[0].rstrip(".")
        out += clauses
    return [Block(trigger, start, end, out)] if out else []


# Punctuation (what is neither a word character nor a space) as a space, for ASCII text: the
# same as the pattern below, a table look-up instead of a regular expression per clause.
_ASCII_PUNCT = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_" or c.isspace())})
_PUNCT = re.compile(r"[^\w\s]")


def _norm(s: str) -> str:
    """Lower case, punctuation as spaces, spaces folded: to compare wordings."""
    s = s.lower()
    return " ".join((s.translate(_ASCII_PUNCT) if s.isascii() else _PUNCT.sub(" ", s)).split())


def _merge(blocks: list[Block]) -> list[Clause]:
    """One resolution printed twice (Decision: and Minutes:) is listed once, in the later
    (formal minutes) wording unless that copy is cut short. A twin is looked for among the
    last few blocks only: the two copies sit close together on one page."""
    kept: list[Block] = []
    for b in blocks:
        twin = next((k for k in reversed(kept[-8:]) if _same(k, b)), None)
        if twin is None:
            kept.append(b)
            continue
        kept[kept.index(twin)] = _prefer(twin, b)
    return [c for b in kept for c in b.clauses]


def _same(a: Block, b: Block) -> bool:
    ta, tb = _norm(" ".join(c.text for c in a.clauses)), _norm(" ".join(c.text for c in b.clauses))
    if not ta or not tb:
        return False
    if ta == tb or ta.startswith(tb) or tb.startswith(ta):
        return True
    if not 0.7 < len(ta) / len(tb) < 1.43:
        return False
    matcher = SequenceMatcher(None, ta, tb, autojunk=False)
    if matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85:
        return True
    # a page's "Decision:" summary and its minutes' RESOLVED, worded apart ("Cabinet approved the Base of 38,412.6"
    # / "that the Base be approved at 38,412.6"): the same words of substance and the same figures, clause by clause
    return ("decision" in (a.trigger, b.trigger) and a.trigger != b.trigger and len(a.clauses) == len(b.clauses)
            and all(_same_substance(x.text, y.text) for x, y in zip(a.clauses, b.clauses)))


_PLAIN_WORDS = {"that", "the", "a", "an", "of", "to", "be", "is", "and", "at", "for", "in", "on", "by", "with", "as", "it",
                "cabinet", "committee", "council", "executive", "approved", "approve", "approves", "agreed", "agree", "agrees",
                "noted", "note", "notes", "resolved", "endorsed", "endorse", "adopted", "adopt"}


def _same_substance(x: str, y: str) -> bool:
    wx = set(_norm(x).split()) - _PLAIN_WORDS
    wy = set(_norm(y).split()) - _PLAIN_WORDS
    if not wx or not wy or {w for w in wx if w.isdigit()} != {w for w in wy if w.isdigit()}:
        return False
    return len(wx & wy) >= 0.8 * max(len(wx), len(wy))


def _prefer(old: Block, new: Block) -> Block:
    base, other = (new, old) if new.strength >= old.strength else (old, new)
    if len(base.clauses) != len(other.clauses):
        return base if len(base.clauses) >= len(other.clauses) else other
    clauses = []
    for x, y in zip(base.clauses, other.clauses):
        nx, ny = _norm(x.text), _norm(y.text)
        clauses.append(y if len(ny) > len(nx) and ny.startswith(nx) else x)
    return Block(base.trigger, base.start, base.end, clauses)


def _obligations(text: str, b: structure.ItemBounds, blocks: list[Block], clauses: list[Clause], date: Optional[str]):
    out = []
    for c in clauses:
        out += obligations.scan(text, c.start, c.end, clause=True, since=date)
    pos = b.start
    for blk in sorted(blocks, key=lambda x: x.start):
        if blk.start > pos:
            out += obligations.scan(text, pos, blk.start, since=date)
        pos = max(pos, blk.end)
    if pos < b.end:
        out += obligations.scan(text, pos, b.end, since=date)
    seen, unique = set(), []
    if b.title and out and "onsult" in b.title:  # the item's title ("… – Draft Proposals for Consultation") promises nothing
        title = _norm(b.title)
        seen.update((kind, title) for kind in obligations.KEYWORDS)
    for o in out:
        key = (o.kind, _norm(o.text))
        if key not in seen:
            seen.add(key)
            unique.append(o)
    return unique

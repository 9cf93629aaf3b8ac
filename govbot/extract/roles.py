"""Split a phrase naming one or more role holders into one entry per role.

"the Director of Children & Young People's Futures and Director of Finance and Public Value"
is two roles; "Director of Environment, Housing & Regeneration" is one. A comma or "and"
splits only where the words after it start another role (a role-title head such as
Director, Head, Officer, Manager, Portfolio Holder, or a councillor's name) and the words
before it already name one. The spaCy pipeline marks the heads.
"""
from __future__ import annotations

import re
from functools import lru_cache

from govbot.extract.nlp import role_marks

_JOINERS = {",", "and", "or", "&", ";"}
_SKIP = {"the", "relevant", "appropriate", "respective", "a", "an", "each", "any"}
_STOP = {"of", "for", ",", "and", "or", "(", ")", "to", "with", "in", "on", ";"}
_ONE_PERSON = re.compile(r"^(?:the\s+)?(?:deputy\s+)?leader$", re.I)
# no article before the second title: "Deputy Leader and Cabinet Member for X" is one person,
# "the Leader and the Cabinet Member for X" are two
_SECOND_HAT = re.compile(r"^(?:cabinet|lead|executive)\s+member|^portfolio\s+holder", re.I)
_LEAD_THE = re.compile(r"^(?:the)\s+", re.I)
_EDGE = " ,;:.\u00a0\t\n-–"
# a joining word run into the next by text extraction: "Cabinet Member forCorporate Services"
_GLUED = re.compile(r"\b(of|for|and|the)(?=[A-Z][a-z])")


def split_roles(text: str, offset: int = 0) -> list[tuple[str, tuple[int, int]]]:
    """[(role as printed without a leading 'the', span)] for the phrase text (at offset)."""
    return [(role, (offset + s, offset + e)) for role, (s, e) in _split(text)]


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple:
    """split_roles at offset 0, cached: the same role phrases recur through a council's minutes."""
    if not text.strip():
        return ()
    # "Cabinet Member(s)": the plural mark read as spaces (the same length), so the tokens are the title's words
    doc, marks = role_marks(text.replace("(s)", "   ") if "(s)" in text else text)
    marked = [False] * len(doc)
    person_start = set()
    for start, end, label in marks:
        if label == "PERSON":
            person_start.add(start)
        for i in range(start, end):
            marked[i] = True
    cuts, chunk_start, i = [], 0, 0
    seen_role = False  # does the current chunk already name a role?
    while i < len(doc):
        tok = doc[i][0]
        j = None
        if tok in _JOINERS:
            j = i + 1
            while j < len(doc) and doc[j][0] in _JOINERS:
                j += 1
        elif tok in ("jointly", "together") and i + 1 < len(doc) and doc[i + 1][0] == "with":
            j = i + 2
        if j is not None and j < len(doc) and seen_role \
                and _starts_role(doc, j, marked, person_start) \
                and not _same_person(doc, chunk_start, i, j, tok):
            cuts.append((chunk_start, i))
            chunk_start = j
            i = j
            seen_role = False
            continue
        seen_role = seen_role or marked[i]
        i += 1
    cuts.append((chunk_start, len(doc)))
    out = []
    for a, b in cuts:
        if a >= b:
            continue
        s, e = doc[a][1], doc[b - 1][1] + len(doc[b - 1][2])
        if text.startswith("(s)", e):
            e += 3
        chunk = text[s:e]
        m = _LEAD_THE.match(chunk)
        if m:
            s += m.end()
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            out.append((_GLUED.sub(r"\1 ", " ".join(text[s:e].split())), (s, e)))
    return tuple(out)


def _starts_role(doc, j, marked, person_start) -> bool:
    while j < len(doc) and doc[j][0] in _SKIP:
        j += 1
    if j in person_start:
        return True
    k = j
    while k < len(doc) and k - j < 7 and doc[k][0] not in _STOP:
        if marked[k]:
            return True
        if doc[k][3] and not marked[k]:
            return False
        k += 1
    return False


def _same_person(doc, a, i, j, joiner) -> bool:
    """'Deputy Leader and Cabinet Member for X' is one person wearing two hats."""
    if joiner != "and":
        return False
    left = " ".join(t[2] for t in doc[a:i])
    right = " ".join(t[2] for t in doc[j:min(len(doc), j + 3)])
    return bool(_ONE_PERSON.match(left) and _SECOND_HAT.match(right))

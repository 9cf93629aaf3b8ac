"""What a resolution clause does: approve, endorse, note, delegate, recommend, defer, reject,
request, other. Read from its main verb: the leading verb ("note and approve the …"), else
the passive one ("that the Strategy be agreed"), else the first decision verb it uses, else
the shared stem's ("That Cabinet agrees: …")."""
from __future__ import annotations

import re

from govbot.extract.text import for_lower_case, match_at_words

_VERBS = {
    "approve": r"agree[ds]?|approve[ds]?|adopt(?:ed|s)?|accept(?:ed|s)?|authori[sz]e[ds]?|confirm(?:ed|s)?|ratif(?:y|ied|ies)|uph[oe]ld|introduce[ds]?"
               r"|grant(?:ed|s)?|appoint(?:ed|s)?|allocate[ds]?|award(?:ed|s)?|agreeing|approving|make|made|making|proceed|implement(?:ed|s)?",
    "endorse": r"endorse[ds]?|support(?:ed|s)?|welcome[ds]?",
    "note": r"note[ds]?|noting|receive[ds]?|recorded",
    "recommend": r"recommend(?:ed|s)?",
    "defer": r"defer(?:red|s)?|postpone[ds]?|adjourn(?:ed|s)?",
    "reject": r"reject(?:ed|s)?|refuse[ds]?|decline[ds]?|dismiss(?:ed|es)?",
    "request": r"submit(?:s|ted)?|brought\s+(?:back|to|before)|refer(?:s|red)?\s+(?:back|to)|write\s+to|report\s+back|report(?<!the\sreport)(?<!\ba\sreport)(?<!this\sreport)(?<!its\sreport)\s+(?:on|to)(?=\s)|reported\s+(?:back\s+)?to|request(?:ed|s)?|ask(?:ed|s)?|instruct(?:ed|s)?|invite[ds]?|direct(?:ed|s)?"
               r"|require[ds]?|urge[ds]?|call(?:ed)? on|remit(?:s|ted)?|undertake[sn]?|carried\s+out|presented\s+to|bring\s+forward|reviewed|review",
    "delegate": r"delegate[ds]?|delegating",
}
_ALL = []
for kind, alts in _VERBS.items():
    _ALL.append(f"(?P<{kind}>{alts})")
_VERB = "(?:" + "|".join(_ALL) + ")"
_LEAD_PLAIN = re.compile(r"^(?:that\s+|to\s+)?" + _VERB + r"\b(?:\s*(?:,|and|&)\s*" + _VERB.replace("?P<", "?P<x_") + r"\b)?", re.I)
# damaged text runs "be" into its neighbours: "the Strategybeendorsed"
_PASSIVE = re.compile(r"(?:\b(?:be|is|are|was|were|being|been)\s+|(?:(?<=[a-z0-9])|\b)be)(?:\w+ly\s+)?(?:(?:signed|received|considered)\s+and\s+)?"
                      + _VERB + r"(?:\b|(?=that\b))(?:\s+and\s+" + _VERB.replace("?P<", "?P<x_") + r"\b)?", re.I)
_ANY = re.compile(r"\b" + _VERB + r"\b", re.I)
_PASSIVE_LOW, _ANY_LOW = for_lower_case(_PASSIVE), for_lower_case(_ANY)
_BE = ("be", "is", "are", "was", "were")  # every passive opens with one ("being", "been" hold "be")
_NP_START = re.compile(r"^(?:that\s*)?(?:the|a|an|this|these|those|all|any|its|his|her|their|no|[A-Z][\w'’-]*)\b", re.I)


_SAID_THAT = re.compile(r"(?i:that\s+)?(?:(?i:the\s+)?(?:[A-Z][\w'’-]*\s+){1,5}|(?i:members|it\s+was)\s+)?(?i:unanimously\s+)?"
                        r"(?i:agreed|decided|resolved)\s+(?:(?i:that)\s+|(?i:to)\s+(?=[a-z]+\b)(?!(?:the|a|an|this|these|its)\b))")
_ASIDE = re.compile(r",\s*having\s+(?:considered|noted|received|heard|had\s+regard)[^,]{0,200},", re.I)
_LEAD_CONDITION = re.compile(r"(?:that\s+)?(?:if|where|once|should|in\s+the\s+event\s+that|unless)\b[^,;]{3,150},\s*", re.I)
_BODY_WORDS = ("that the ", "the ", "that ", "cabinet", "executive", "committee", "council")
_BODY_LEAD = re.compile(r"^(?:that\s+)?(?:the\s+)?(?:cabinet|executive|committee|council|sub-committee|panel|board)\s+(?:also\s+)?"
                        + _VERB + r"\b", re.I)
_GIVEN = re.compile(r"^(?:that\s*)?(endorsement|approval|support|agreement|consent)\s+(?:be|is|was)\s+(?:\w+ly\s+)?given\b", re.I)
_LEAD_PLAIN_LOW, _GIVEN_LOW, _NP_START_LOW = for_lower_case(_LEAD_PLAIN), for_lower_case(_GIVEN), for_lower_case(_NP_START)
_GIVEN_KIND = {"endorsement": "endorse", "support": "endorse", "approval": "approve", "agreement": "approve", "consent": "approve"}


def _kinds_of(m: re.Match) -> list[str]:
    name = m.lastgroup  # one verb matched (the verb groups are the only groups): its name
    if name is not None and not name.startswith("x_"):
        return [name]
    out = []
    for name, val in m.groupdict().items():
        if val:
            kind = name[2:] if name.startswith("x_") else name
            if kind not in out:
                out.append(kind)
    return out


# Clauses whose verb alone misleads: a refusal worded with "not", the exclusion of the press and
# public, a matter put to Council, an item withdrawn or no action. Matched on lower case.
_NOT_VERB = re.compile(r"\b(?:not\s+(?:to\s+)?(?:be\s+)?|be\s+not\s+|(?:do|does|did)\s+not\s+)(?:\w+ly\s+)?"
                       r"(?:agree[ds]?|approve[ds]?|adopt(?:ed)?|accept(?:ed)?|support(?:ed)?|endorse[ds]?|uph[oe]ld|proceed(?:ed)?\s+with)\b")
_NOT_MADE = re.compile(r"\b(?:be\s+not|not\s+be)\s+made\b")  # "the Order be not made" (tried only where "made" occurs)
# objections set aside so that the proposal goes ahead: the rest of the clause says what was decided
_OBJECTIONS = ("objection", "representation")
_SPECIAL = [  # (a word each needs, pattern, kinds)
    ("public", re.compile(r"\bpress\s+and\s+(?:the\s+)?public\s+be\s+excluded|\bexclude\s+the\s+press\s+and\s+(?:the\s+)?public"),
     ["other"]),
    ("council", re.compile(r"^(?:that\s+)?(?:the\s+)?(?:full\s+|county\s+|borough\s+|city\s+|district\s+)?council\s+be\s+"
                           r"(?:asked|requested|recommended)\s+to\b"), ["recommend"]),
    ("remit", re.compile(r"^(?:that\s+|to\s+)?remit(?:s|ted)?\b[^.;]{0,80}?\bto\s+(?:the\s+)?(?:full\s+)?council\b"), ["recommend"]),
    # a matter put to full Council: "that the matter be referred to full Council"
    ("referred", re.compile(r"\breferred\s+to\s+(?:the\s+)?(?:full\s+|next\s+meeting\s+of\s+(?:the\s+)?)?(?:county\s+|borough\s+|city\s+)?council\b"),
     ["recommend"]),
    # the body itself recommending: "That the Committee recommends to Council that the Direction be confirmed"
    ("recommend", re.compile(r"^(?:that\s+)?(?:the\s+)?(?:[\w&'’-]+\s+){0,5}?(?:committee|cabinet|executive|board|panel|forum)"
                             r"\s+(?:recommends?|resolves?\s+to\s+recommend)\s+(?:to\s+)?"), ["recommend"]),
    ("withdrawn", re.compile(r"\b(?:be|is|was)\s+withdrawn\b"), ["other"]),
    # officers asked in so many words: "that officers write to all consent holders"
    ("officers", re.compile(r"^(?:that\s+)?(?:council\s+)?officers\s+(?!(?:be|are|were|have|had|will|would|should|may|can|to)\b)[a-z]+\b"),
     ["request"]),
    ("action", re.compile(r"\bno\s+(?:further\s+)?action\b"), ["other"]),
]

# A named officer or member told to act, the verb in its bare form: "that the Head of Procurement go out to tender",
# "that the Director of Housing prepare a delivery plan" (the body itself, "the Executive agree …", is no role; a
# decision verb is the member's own decision: "that the Cabinet Member approve …"). Read over the clause's first words
# (a pattern for it backtracks over every split of the role's name: ten times the cost).
_ROLE_WORDS = {"director", "head", "officer", "manager", "clerk", "solicitor", "treasurer", "leader", "chair", "chairman"}
_ROLE_AFTER = {"executive": ("chief",), "member": ("cabinet", "executive", "lead"), "holder": ("portfolio",)}
_AUX_WORDS = {"be", "is", "are", "was", "were", "has", "have", "had", "will", "would", "should", "may", "can", "could", "must",
              "shall", "to", "and", "or", "who", "which", "being", "also", "not", "hereby", "jointly"}
_NOT_TOLD = _AUX_WORDS | {"of", "for", "in", "on", "with", "as", "at", "by", "from", "that", "the", "agree", "approve", "adopt",
                          "accept", "authorise", "authorize", "endorse", "support", "note", "receive", "recommend", "defer",
                          "reject", "refuse", "decline", "delegate", "confirm", "grant", "appoint", "award", "allocate", "make",
                          "proceed", "implement", "uphold"}
_TOLD_OBJECT = {"the", "a", "an", "out", "with", "on", "all", "any", "that", "further", "urgent", "options", "proposals",
                "steps", "officers", "residents"}


def _role_told(hay: str) -> bool:
    words = hay[:200].split()
    for i, w in enumerate(words[:6]):
        if w in _ROLE_WORDS or w in _ROLE_AFTER and i and words[i - 1] in _ROLE_AFTER[w]:
            break
    else:
        return False
    if any(w in _NOT_TOLD and w not in ("that", "the") for w in words[:i]):
        return False  # the role is no subject: "delegate authority to the Director …"
    first = i + 3 if words[i + 1:i + 2] in (["of"], ["for"]) else i + 1  # (a name after "of": one word at least)
    for j in range(first, min(i + 9, len(words) - 1)):
        w = words[j]
        if w in _AUX_WORDS:
            return False  # "the Head of Parks be given …"
        if w.isalpha() and w not in _NOT_TOLD and not w.endswith(("ed", "s")) and words[j + 1] in _TOLD_OBJECT:
            return True
    return False


_THEN_REPORTS = re.compile(r"(?:the\s+)?(?:[\w'’-]+\s+){1,8}?(?:report|submit|bring|present|provide)s?\b(?!\s+(?:be|is|was)\b)")
_AND_ASKED = re.compile(r",?\s+and\s+(?:also\s+)?(?:asked|requested|instructed|asks|requests|instructs)\s+(?:that|the|officers)\b")
_AND_RECOMMENDS = re.compile(r"\band\s+(?:to\s+)?recommends?\s+(?:(?:it|them|this|these|the\s+[\w\s'’-]{1,60}?)\s+)?to\s+(?:the\s+)?"
                             r"(?:full\s+)?(?:council|cabinet|executive|board)\b")


def _special_kinds(hay: str) -> list[str]:
    """`hay`: the clause in lower case."""
    if " not " in hay:
        m = _NOT_VERB.search(hay) or (_NOT_MADE.search(hay) if " made" in hay else None)
        if m and not (m.group().endswith("upheld") and any(w in hay for w in _OBJECTIONS)):
            return ["reject"]
    for word, rx, kinds in _SPECIAL:
        if word in hay and rx.search(hay):
            return list(kinds)
    return []


def clause_kinds(text: str, stem_kinds: list[str], delegation: bool, stem_rules: bool = False) -> list[str]:
    t = " ".join(text.split())
    if "d that " in t[:60] or "d to " in t[:60]:
        said = _SAID_THAT.match(t)  # "agreed that the report be noted", "The Committee agreed to note …": what follows
        if said and len(t) > said.end() + 10 and (
                not said.group().rstrip().lower().endswith(" to") or _LEAD_PLAIN.match(t[said.end():])):
            t = t[said.end():]  # (but "agreed to increase the rents" is agreeing: no verb of a kind follows)
    if ", having " in t:  # "…, having considered the objections received, approves …": the aside is not the decision
        t = _ASIDE.sub(" ", t)
    if "," in t[:160]:  # "if objections are received, they be reported to the Committee": the decision follows the condition
        cond = _LEAD_CONDITION.match(t)
        if cond and len(t) - cond.end() > 12:
            t = t[cond.end():]
    low = t.lower()
    # the patterns rewritten for lower case where lower-casing keeps every offset (see for_lower_case)
    lead, given_rx, np_start, passive, verb, hay = (
        (_LEAD_PLAIN_LOW, _GIVEN_LOW, _NP_START_LOW, _PASSIVE_LOW, _ANY_LOW, low) if len(low) == len(t)
        else (_LEAD_PLAIN, _GIVEN, _NP_START, _PASSIVE, _ANY, t))
    special = _special_kinds(low)
    if special:
        kinds = special
    elif "recommend" in stem_kinds or stem_rules:
        kinds = list(stem_kinds)
    else:
        kinds, led = [], False  # led: the clause opens with its verb ("to note …")
        m = lead.match(hay)
        given = given_rx.match(hay)
        if given:  # "endorsement be given to the strategy"
            kinds = [_GIVEN_KIND[given.group(1).lower()]]
        elif m:
            kinds = _kinds_of(m)
            led = True
        elif hay[:12].lower().startswith(_BODY_WORDS) and (body_lead := _BODY_LEAD.match(hay)):
            m = body_lead  # "That the Executive agrees that a report be presented …": the body's own verb
            kinds = _kinds_of(m)
        elif np_start.match(hay):
            m = match_at_words(passive, hay, _BE, low=low) or verb.search(hay)
            if m:
                kinds = _kinds_of(m)
        if not kinds:
            m = verb.search(hay)
            kinds = _kinds_of(m) if m else []
        if not kinds and _role_told(low):  # no verb of a kind: an officer told to act ("go out to tender")
            kinds = ["request"]
        if not kinds:
            kinds = [k for k in stem_kinds if k != "delegate"] or ["approve"]
        second = hay.find(" and that ")  # "that (a) be approved and that (b) be deferred": two decisions
        more = match_at_words(passive, hay[second + 10:], _BE) if second > 0 else None
        if more is None and led and " and to " in hay:  # "to note the report and to ask officers to …"
            more = lead.match(hay[hay.find(" and to ") + 5:])
        if more:
            kinds += [k for k in _kinds_of(more) if k not in kinds and k != "delegate"]
        elif second > 0 and "request" not in kinds and _THEN_REPORTS.match(low, second + 10):
            kinds.append("request")  # "… be approved, and that the Director report progress to Cabinet"
        if "request" not in kinds and (" asked " in low or " request" in low or " instruct" in low) and _AND_ASKED.search(low):
            kinds.append("request")  # "agreed to increase the rents, and asked that tenants be given notice"
        if "recommend" not in kinds and " recommend" in low and _AND_RECOMMENDS.search(low):
            kinds.append("recommend")  # "endorses the Plan and recommends it to Council for adoption"
    if delegation:
        # "authorise X to …" / "X be authorised to …": the authorising is the delegation
        if kinds and kinds[0] == "approve" and (re.match(r"^(?:that\s+)?(?:to\s+)?authori[sz]e", t, re.I)
                                                or (m and m.group().lower().split()[-1].startswith("authori"))):
            kinds = kinds[1:]
        if "delegate" not in kinds:
            kinds.append("delegate")
    elif "delegate" in kinds and not re.search(r"delegat\w*\s+(?:\w+\s+){0,3}(?:to|authority|powers?)\b", t, re.I):
        kinds = [k for k in kinds if k != "delegate"] or ["approve"]
    return kinds


def stem_kinds(stem: str) -> list[str]:
    """Kinds a shared stem gives every clause: "That Cabinet agrees :", "RECOMMENDED to Council"."""
    t = " ".join(stem.split())
    low = t.lower()  # ("It is RECOMMENDED that the Cabinet:")
    if "s recommended" in low or "e recommended" in low:  # "That Cabinet is recommended (to):" asks; it recommends to no other body
        t = re.sub(r"\b(?:is|are)\s+recommended(?:\s+to\b)?", "", t, flags=re.I)
    out = []
    recommends = re.search(r"recommend(?:s|ed|ing)?\b", t, re.I)  # the verb: not "the recommendations … be agreed"
    if re.search(r"\brequest(?:ed)?\b|\basked\b", t, re.I) and recommends:
        out.append("request")
    if recommends:
        out.append("recommend")
        return out
    m = _PASSIVE.search(t) or _ANY.search(t)  # "the proposed decision … be endorsed:"
    if m:
        out += [k for k in _kinds_of(m) if k not in out]
    return out

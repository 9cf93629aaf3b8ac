"""Which Appendix A milestone a delegation waits for, and which one an obligation is tied to.

"following completion of a full procurement options appraisal" waits for the milestone
"Procurement options appraisal"; "An Equality Impact Assessment would be completed linked
to the development of the Service Specification" is tied to "Service specifications".

Pure functions: words are reduced to light stems (plurals, -al/-ation/-ment endings) so
"appraisal" meets "appraise" and "Specification" meets "specifications", and a link is
made only when enough of the milestone's distinctive words appear. Each Link says how it
was made, so a reader can check it and an officer can correct it (an explicit edit wins).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from govbot.domain import Delegation, Milestone, Obligation

THRESHOLD = 0.6  # share of the milestone's (weighted) words that must appear

# Words that say nothing about which milestone is meant.
STOPWORDS = frozenset("""
a an and any as at be been being by for from full further has have in into is it its of on
once or other over that the their then this to upon was were which will with would all
following follow completion complete completed development develop developed linked link
prior to after before subject outcome result resulting final new
council cabinet report director officer approved approve approval
""".split()) - {"prior"}  # "Prior Information Notice" needs "prior"

# What comes after these words is the thing waited for or tied to.
CUES = re.compile(
    r"\b(?:following(?:\s+(?:the\s+)?completion\s+of)?|after(?:\s+(?:the\s+)?completion\s+of)?|"
    r"subject\s+to|once|upon|on\s+completion\s+of|linked\s+to|tied\s+to|alongside|"
    r"as\s+part\s+of|in\s+line\s+with|informed\s+by|in\s+parallel\s+with)\b",
    re.I,
)

_SUFFIXES = ("ications", "ication", "ations", "ation", "ments", "ment", "ings", "ing",
             "ions", "ion", "als", "al", "ies", "es", "ed", "s", "e", "y")


@dataclass(frozen=True)
class Link:
    """A milestone something hangs off, and how that was decided."""

    milestone: str
    how: str  # "words shared: procurement, options, appraisal" | "explicit edit by ..."
    score: float  # 0..1; 1.0 for an explicit edit
    source: str = "matched"  # matched | edited


def stem(word: str) -> str:
    """A light stem: "appraisal"/"appraise" -> "apprais", "specifications" -> "specif"."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s?$", "", w)
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    for _ in range(2):  # "questionnaires" -> "questionnaire" -> "questionnair"
        w, before = _strip_one(w), w
        if w == before:
            break
    return w


def _strip_one(w: str) -> str:
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            if suffix == "es" and not w.endswith(("sses", "ches", "shes", "xes", "ces", "ses")):
                continue
            return w[: -len(suffix)]
    return w


def _words(text: str) -> list[tuple[str, str]]:
    """(stem, surface word) for the content words of a text."""
    out = []
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", text or ""):
        for part in word.split("-"):
            if part and part.lower() not in STOPWORDS and len(part) > 1:
                out.append((stem(part), part))
    return out


def _weights(milestones: Sequence[Milestone]) -> dict[str, float]:
    """Words found in many milestone names ("assessment") count for less."""
    n = len(milestones)
    seen: dict[str, int] = {}
    for m in milestones:
        for s in {s for s, _ in _words(m.name)}:
            seen[s] = seen.get(s, 0) + 1
    return {s: math.log(1 + n / df) for s, df in seen.items()}


def _score(text_stems: set[str], milestone: Milestone, weights: dict[str, float]):
    """Best score over the whole name and its parts ("Prior Information Notice and market
    testing questionnaire" is met by either half), with the words shared."""
    best = (0.0, [])
    parts = [milestone.name] + re.split(r"\s+(?:and|&)\s+|,\s*", milestone.name)
    for part in parts:
        words = _words(part)
        stems = {s for s, _ in words}
        shared = stems & text_stems
        if not stems or len(shared) < min(2, len(stems)):
            continue  # one common word in a long name is not a link
        score = sum(weights.get(s, 1.0) for s in shared) / sum(weights.get(s, 1.0) for s in stems)
        if score > best[0]:
            surface = []
            for s, w in words:
                if s in shared and w.lower() not in surface:
                    surface.append(w.lower())
            best = (score, surface)
    return best


def link_text(text: str, milestones: Sequence[Milestone], *, threshold: float = THRESHOLD,
              best_only: bool = False) -> list[Link]:
    """Milestones a piece of text refers to, best first. The words after a cue
    ("following", "linked to", "subject to") are tried first: they name what is waited
    for; the whole text is tried when they name no milestone."""
    if not text or not milestones:
        return []
    weights = _weights(milestones)
    cue = None
    for m in CUES.finditer(text):
        cue = m  # the last cue names the thing depended on
    tries = []
    if cue is not None:
        tries.append((text[cue.end():], f" after '{cue.group(0).lower()}'"))
    tries.append((text, ""))
    for part, where in tries:
        stems = {s for s, _ in _words(part)}
        found = []
        for milestone in milestones:
            score, shared = _score(stems, milestone, weights)
            if score >= threshold:
                how = f"words shared{where}: {', '.join(shared)} (score {score:.2f})"
                found.append(Link(milestone.name, how, round(score, 2)))
        if found:
            found.sort(key=lambda link: -link.score)
            return found[:1] if best_only else found
    return []


def link_condition(delegation: Delegation, milestones: Sequence[Milestone]) -> list[Link]:
    """The milestone(s) a delegation's condition waits for; [] when it has no condition
    or the condition names no milestone ("within the approved budget")."""
    return link_text(delegation.condition or "", milestones)


def link_obligation(obligation: Obligation, milestones: Sequence[Milestone]) -> Optional[Link]:
    """The one milestone an obligation is tied to, or None."""
    found = link_text(obligation.text, milestones, best_only=True)
    return found[0] if found else None


def explicit_link(milestone: str, by: str, on: Optional[dt.date] = None) -> Link:
    """A link an officer set by hand; it replaces the matched ones."""
    when = f" on {on.isoformat()}" if on else ""
    return Link(milestone, f"explicit edit by {by}{when}", 1.0, source="edited")


def corrected(matched: Iterable[Link], edited: Optional[Iterable[Link]]) -> list[Link]:
    """The links to use: an officer's edit (even "no milestone", an empty list) wins over
    matching; None means nobody has edited them."""
    return list(edited) if edited is not None else list(matched)

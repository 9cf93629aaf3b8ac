"""A pattern of many alternatives, tried with only the alternatives the text can match.

Python's re tries every alternative at every position of the text (a pattern opening with
\\b or a choice of words gets no fast scan), so a kind of obligation written as a dozen
alternatives costs a dozen searches. Most alternatives cannot match a given sentence at
all: they hold words ("consultation", "will|would|shall") the sentence lacks. `Gated`
splits a pattern at its top-level "|", reads from each alternative the literal words every
match of it holds, and searches a sentence with the union of the alternatives whose words
it holds (compiled once per such set). That finds exactly what the whole pattern finds,
since an alternative without its words matches nowhere, and at the same positions, since
the union keeps the alternatives' order. The union also opens with a look-ahead for the
characters a match can start with, where they are known: re then passes over the other
positions at once instead of trying each alternative there (two to three times faster).
"""
from __future__ import annotations

import re
from typing import Optional

try:  # the parser re itself uses: the same reading of the pattern
    import re._parser as sre_parse  # Python 3.11 and later
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]

from govbot.extract.text import lower_case_pattern

_LITERAL, _BRANCH, _SUBPATTERN = sre_parse.LITERAL, sre_parse.BRANCH, sre_parse.SUBPATTERN
_IN, _RANGE, _AT = sre_parse.IN, sre_parse.RANGE, sre_parse.AT
_LOOK, _REPEATS = (sre_parse.ASSERT, sre_parse.ASSERT_NOT), (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT)
_SHORTEST = 2  # a shorter word rules nothing out


class Gated:
    def __init__(self, rx: re.Pattern) -> None:
        self.rx = rx
        self.alternatives = split_alternatives(rx.pattern)
        # each alternative judged by its most telling group of words only: testing every word an
        # alternative needs ("to", "be" …) would cost more than it rules out
        needs = [sorted(required_words(alt, rx.flags), key=_telling)[:1] for alt in self.alternatives]
        self.firsts = [first_chars(alt, rx.flags) for alt in self.alternatives]
        self.literal_led = [_literal_led(alt, rx.flags) for alt in self.alternatives]
        self.words = list(dict.fromkeys(word for groups in needs for group in groups for word in group))
        bit = {word: 1 << n for n, word in enumerate(self.words)}
        # per alternative, each of its groups as the bits of its words
        self.needs = [[sum(bit[word] for word in group) for group in groups] for groups in needs]
        self._chosen: dict[int, int] = {}  # words held -> alternatives that can match (bits)
        # (alternatives, lower) -> their union, compiled on first use: a union costs ~2 ms to compile and a
        # long document meets a hundred sets, so only the form searched (as written, or lower-cased) is made
        self._compiled: dict[tuple[int, bool], Optional[re.Pattern]] = {}
        self.ignores_case = bool(rx.flags & re.I)  # (a flag test on every call costs as much as the gate)
        if self.ignores_case:
            lower_case_pattern(rx.pattern)  # (refuses a pattern it cannot rewrite, here rather than mid-parse)

    def for_text(self, low: str, lower: bool) -> Optional[re.Pattern]:
        """The pattern to search a text with, given `low` (the text lower-cased); `lower`: a
        pattern for `low` itself (see for_lower_case; a pattern without re.I is always for the
        text as written). None when no alternative can match."""
        held, bit = 0, 1
        for word in self.words:
            if word in low:
                held |= bit
            bit <<= 1
        chosen = self._chosen.get(held)
        if chosen is None:
            if len(self._chosen) > 100_000:  # a bound on memory over a long run
                self._chosen.clear()
            chosen = self._chosen[held] = sum(1 << n for n, groups in enumerate(self.needs)
                                              if all(held & group for group in groups))
        key = (chosen, lower and self.ignores_case)
        if key not in self._compiled:
            self._compiled[key] = self._compile(chosen, lower) if chosen else None
        return self._compiled[key]

    def _compile(self, chosen: int, lower: bool) -> re.Pattern:
        indices = [n for n in range(len(self.alternatives)) if chosen >> n & 1]
        union = "|".join(self.alternatives[n] for n in indices)
        firsts = [self.firsts[n] for n in indices]
        # every match starts with one of these characters (where all open with a literal, re
        # scans for it itself, faster than a look-ahead would)
        if all(firsts) and not all(self.literal_led[n] for n in indices):
            chars = sorted(set().union(*firsts))
            union = "(?=[" + "".join(re.escape(c) for c in chars) + "])(?:" + union + ")"
        if lower:  # (only for a pattern with re.I: see for_text)
            return re.compile(lower_case_pattern(union), self.rx.flags & ~re.I)
        return re.compile(union, self.rx.flags)


def split_alternatives(pattern: str) -> list[str]:
    """`pattern` cut at each "|" outside brackets and character classes."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]" or pattern[i + 1:i + 3] == "^]":  # a "]" first is a member
                i += 2 if pattern[i + 1] == "]" else 3
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _telling(group: tuple[str, ...]) -> tuple[int, int]:
    """Sort key, most telling first: a group whose shortest word is longest, then the fewest words."""
    return -min(map(len, group)), len(group)


def _literal_led(alternative: str, flags: int) -> bool:
    """Does `alternative` open with a character or a class, which re finds by a fast scan?"""
    parsed = list(sre_parse.parse(alternative, flags & ~re.I))
    return bool(parsed) and parsed[0][0] in (_LITERAL, _IN)


def first_chars(alternative: str, flags: int) -> set[str]:
    """The characters every match of `alternative` starts with, as written (empty: unknown; with
    re.I the look-ahead made of them ignores case too)."""
    return _firsts(list(sre_parse.parse(alternative, flags & ~re.I))) or set()


def _firsts(sequence: list) -> Optional[set[str]]:
    """None where the first character cannot be told (a class of categories, an optional start)."""
    for op, av in sequence:
        if op is _AT or (op in _LOOK and av[0] == -1):  # \b, ^, look-behinds: consume nothing
            continue
        if op is _LOOK[0]:  # a look-ahead: the match starts with what it looks for, if known
            ahead = _firsts(list(av[1]))
            if ahead:
                return ahead
            continue
        if op is _LITERAL:
            return {chr(av)}
        if op is _IN:
            out = set()
            for kind, value in av:
                if kind is _LITERAL:
                    out.add(chr(value))
                elif kind is _RANGE and value[1] - value[0] < 64:
                    out.update(chr(c) for c in range(value[0], value[1] + 1))
                else:  # a negated set, \w, \s ...
                    return None
            return out
        if op is _SUBPATTERN:
            inner = _firsts(list(av[3]))
            if inner and av[1] & re.I:  # "(?i:report …)": either case
                inner = {c.lower() for c in inner} | {c.upper() for c in inner}
            return inner
        if op is _BRANCH:
            parts = [_firsts(list(branch)) for branch in av[1]]
            return set().union(*parts) if all(parts) else None
        if op in _REPEATS and av[0] >= 1:
            return _firsts(list(av[2]))
        return None
    return None


def required_words(alternative: str, flags: int) -> list[tuple[str, ...]]:
    """Groups of lower-case words, one of each group in every match of `alternative`."""
    return _needs(list(sre_parse.parse(alternative, flags & ~re.I)))


def _needs(sequence: list) -> list[tuple[str, ...]]:
    """What a sequence of parsed items must hold: its runs of literal characters, and for a
    choice whose every branch must hold a word, one of those words. Anything optional,
    repeated or a look-around is passed over (fewer needs, never a wrong one)."""
    needs, run = [], ""
    for op, av in sequence + [(None, None)]:
        if op is _LITERAL:
            run += chr(av).lower()
            continue
        if len(run) >= _SHORTEST:
            needs.append((run,))
        run = ""
        if op is _SUBPATTERN:
            needs += _needs(list(av[3]))
        elif op is _BRANCH:
            words = [_longest(_needs(list(branch))) for branch in av[1]]
            if all(words):
                needs.append(tuple(dict.fromkeys(words)))
    return needs


def _longest(needs: list[tuple[str, ...]]) -> str:
    """A branch's longest word it must hold ("" if none: the choice then rules nothing out)."""
    singles = [group[0] for group in needs if len(group) == 1]
    return max(singles, key=len) if singles else ""

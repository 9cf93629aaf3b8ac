"""Clause labels: (a) a) a. (1) 1) 1. (i) i) i. — reading, normalising and what comes next."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18,
         "xix": 19, "xx": 20}
ROMAN_OF = {v: k for k, v in ROMAN.items()}

# A label opening a clause: "(a)", "a)", "a.", "(1)", "1)", "1.", "(iv)", "iv." (not "1.5").
LABEL_AT = re.compile(
    r"\((?P<p>[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})\)"
    r"|(?P<r>[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})\)"
    r"|(?P<d>[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})\.(?![\d\w])"
)


class Label(NamedTuple):  # a tuple: hashed and compared in C, as the parser looks labels up per clause
    style: str  # p "(a)" | r "a)" | d "a."
    kind: str  # alpha | roman | num
    value: int
    upper: bool = False

    @property
    def text(self) -> str:
        if self.kind == "num":
            return str(self.value)
        if self.kind == "roman":
            return ROMAN_OF.get(self.value, "?")
        return chr(ord("a") + self.value - 1)

    def succ(self) -> "Label":
        return Label(self.style, self.kind, self.value + 1, self.upper)

    def printed(self) -> str:
        t = self.text.upper() if self.upper else self.text
        return {"p": f"({t})", "r": f"{t})", "d": f"{t}."}[self.style]


def read_label(m: re.Match, prefer_alpha: bool = False) -> Optional[Label]:
    if m.re is LABEL_AT:  # one named group takes part in each of its alternatives
        style = m.lastgroup
    else:
        style = "p" if m.group("p") else "r" if m.group("r") else "d"
    key = (style, m.group(style), prefer_alpha)
    label = _READ.get(key, _UNREAD)
    if label is _UNREAD:
        label = _READ[key] = _read(*key)
    return label


_READ: dict = {}  # (style, raw, prefer_alpha) -> Label: labels repeat, so each is worked out once
_UNREAD = object()


def _read(style: str, raw: str, prefer_alpha: bool) -> Optional[Label]:
    upper = raw.isupper()
    low = raw.lower()
    if raw.isdigit():
        return Label(style, "num", int(raw))
    if low in ROMAN and (len(low) > 1 or (low == "i" and not prefer_alpha)):
        return Label(style, "roman", ROMAN[low], upper)
    if len(low) == 1:
        return Label(style, "alpha", ord(low) - ord("a") + 1, upper)
    return None


@lru_cache(maxsize=512)
def label_regex(label: Label) -> re.Pattern:
    """Find this exact label as printed (upper or lower case)."""
    t = re.escape(label.text)
    # damaged text runs the joiner into the label: "; andc)enter …"
    body = {"p": rf"\(({t})\)", "r": rf"(?:(?<![\w(])|(?<=and)|(?<=or))({t})\)",
            "d": rf"(?:(?<![\w.])|(?<=and))({t})\.(?![\d\w])"}[label.style]
    return re.compile(body, re.I if label.kind != "num" else 0)


@lru_cache(maxsize=512)
def line_label_regex(label: Label) -> re.Pattern:
    """The same label again at a line start (HTML lists that restart at "1.")."""
    return re.compile(r"\n[ \t\xa0]*(" + re.escape(label.printed()) + r")", re.I if label.kind != "num" else 0)

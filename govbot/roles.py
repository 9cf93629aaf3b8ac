"""The roles directory: role titles as resolutions print them -> the people who hold them.

Titles change ("Director of Children's Services" became "Director of Children & Young
People's Futures"), so each person in `config.yaml` lists the aliases their role has been
known by. Matching forgives only spelling that cannot change the meaning: case, a
leading "the", "&" for "and", curly or straight apostrophes ("Children's"/"Childrens"),
spaces and trailing punctuation. Nothing is guessed: an unknown title, a title two people
answer to, or a title that depends on the matter ("the relevant Executive Director")
resolves to None, and `unresolved_reason` says which it is, so callers can report
"unknown role title: …".
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from govbot.config import Config, Person

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u0060\u00b4']")
_DASHES = re.compile(r"[\u2010-\u2015]")
_NON_WORD = re.compile(r"[^\w/-]+")
_PARENS = re.compile(r"\(([^()]*)\)")
# Titles that name no post until the matter is known: never guess which director is meant.
_INDEFINITE = re.compile(r"^(relevant|appropriate|responsible|respective|lead|nominated|designated)\b")
_SECTION = re.compile(r"\bs(?:ection)?\s*\.?\s*(\d+)\b")  # "s151", "S.151", "section 151"
_NOMINEE = re.compile(r",?\s+or\s+(?:his|her|their|the)\s+(?:nominee|nominated\s+deputy|deputy|delegate)s?\s*\.?\s*$")
_OWNER = re.compile(r"^(?:the\s+)?(?:(?:county|city|borough|district)\s+)?(?:councils|authoritys)\s+(?=\w)")
_HONORIFICS = re.compile(r"^(councillor|cllr|mr|mrs|ms|miss|mx|dr|prof|professor)\.?\s+")


@lru_cache(maxsize=8192)  # bulk ingest resolves the same few titles over and over
def normalise_title(title: str) -> str:
    """A title reduced to what distinguishes it: "The Director of Children’s Services"
    -> "director of childrens services"; "Finance & Public Value" -> "finance and public
    value"; "the Council's S.151 Officer" -> "section 151 officer"; a trailing "or their
    nominee" dropped (the post named still holds the authority)."""
    text = _APOSTROPHES.sub("", title.lower())
    text = _DASHES.sub("-", text).replace("&", " and ")
    text = _SECTION.sub(r"section \1", text)
    text = _NOMINEE.sub("", text)
    text = _OWNER.sub("", " ".join(text.split()))  # "the Council's Monitoring Officer"
    words = _NON_WORD.sub(" ", text).split()
    while words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def normalise_name(name: str) -> str:
    """A person's name for matching: case, spaces and a leading "Councillor"/"Cllr" ignored."""
    text = " ".join(_APOSTROPHES.sub("'", name).lower().split())
    return _HONORIFICS.sub("", text)


class RolesDirectory:
    """Role titles and aliases -> Person, from `config.roles`."""

    def __init__(self, people: Iterable[Person]):
        self.people: list[Person] = list(people)
        self._by_title: dict[str, Person] = {}
        self.conflicts: dict[str, list[str]] = {}  # a title two people answer to -> their names
        for person in self.people:
            for title in [person.title, *person.aliases]:
                key = normalise_title(title)
                other = self._by_title.get(key)
                if key in self.conflicts:
                    self.conflicts[key].append(person.name)
                elif other is not None and other is not person:
                    self.conflicts[key] = [other.name, person.name]
                    del self._by_title[key]
                elif key:
                    self._by_title[key] = person
        self._by_slack = {p.slack_user: p for p in self.people if p.slack_user}
        self._by_email = {p.email.strip().lower(): p for p in self.people if p.email}
        self._by_name = {normalise_name(p.name): p for p in self.people}

    @classmethod
    def from_config(cls, config: Config) -> "RolesDirectory":
        return cls(config.roles)

    def resolve(self, title: Optional[str]) -> Optional[Person]:
        """The person holding this role title (or one of its aliases), else None.

        A title with a parenthesis ("Director of Finance and Public Value (Section 151
        Officer)") resolves when the whole, or the parts inside and outside the brackets,
        name one person; if the parts name two different people it is None.
        """
        if not title or not title.strip():
            return None
        key = normalise_title(title)
        if _INDEFINITE.match(key) or key in self.conflicts:
            return None
        found = self._by_title.get(key)
        if found is not None or "(" not in title:
            return found
        parts = [_PARENS.sub(" ", title), *_PARENS.findall(title)]
        people = {id(p): p for p in map(self._by_title.get, map(normalise_title, parts)) if p}
        return next(iter(people.values())) if len(people) == 1 else None

    def unresolved_reason(self, title: Optional[str]) -> Optional[str]:
        """None when `title` resolves; else a one-line reason to show to people."""
        if self.resolve(title) is not None:
            return None
        key = normalise_title(title or "")
        if not key:
            return "no role title given"
        if _INDEFINITE.match(key):
            return f"role title depends on the matter, name the post: {title.strip()}"
        if key in self.conflicts:
            return f"role title held by more than one person ({', '.join(self.conflicts[key])}): {title.strip()}"
        return f"unknown role title: {title.strip()}"

    def unknown(self, titles: Iterable[Optional[str]]) -> list[str]:
        """The titles that do not resolve, once each, in the order given."""
        seen: dict[str, None] = {}
        for title in titles:
            if title and self.resolve(title) is None:
                seen.setdefault(title.strip(), None)
        return list(seen)

    def by_slack_user(self, uid: Optional[str]) -> Optional[Person]:
        return self._by_slack.get(uid) if uid else None

    def by_email(self, email: Optional[str]) -> Optional[Person]:
        return self._by_email.get(email.strip().lower()) if email else None

    def by_name(self, name: Optional[str]) -> Optional[Person]:
        return self._by_name.get(normalise_name(name)) if name else None

    def find(self, who: Optional[str]) -> Optional[Person]:
        """Anyone, by role title, name, email or Slack user id (for `--as PERSON`)."""
        if not who:
            return None
        return self.resolve(who) or self.by_name(who) or self.by_email(who) or self.by_slack_user(who.strip())

    def __iter__(self):
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)


def is_governance_officer(
    person: Optional[Person], config: Config, directory: Optional[RolesDirectory] = None
) -> bool:
    """Whether this person holds one of the posts in `config.governance_officers`
    (people who may ingest, edit and publish). Pass `directory` to reuse one."""
    if person is None:
        return False
    directory = directory or RolesDirectory.from_config(config)
    return any(_same_person(directory.resolve(title), person) for title in config.governance_officers)


def monitoring_officer(config: Config) -> Optional[Person]:
    """The person holding the post named by `config.monitoring_officer`, if any."""
    return RolesDirectory.from_config(config).resolve(config.monitoring_officer)


def _same_person(a: Optional[Person], b: Person) -> bool:
    # Config objects may be rebuilt between calls: compare what identifies a person.
    return a is not None and (a.name, a.title) == (b.name, b.title)

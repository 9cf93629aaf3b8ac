"""The roles directory: titles and aliases resolve to people; nothing is guessed."""
from __future__ import annotations

import pytest

from govbot.config import PROJECT_ROOT, Config, Person, load_config
from govbot.roles import (
    RolesDirectory,
    is_governance_officer,
    monitoring_officer,
    normalise_title,
)


@pytest.fixture
def config() -> Config:
    return load_config(PROJECT_ROOT / "config.yaml")


@pytest.fixture
def roles(config) -> RolesDirectory:
    return RolesDirectory.from_config(config)


@pytest.mark.parametrize(
    "title",
    [
        "Director of Children's Services",  # the old title, kept as an alias
        "Director of Children & Young People's Futures",
        "Director of Children and Young People's Futures",
        "the Director of Children\u2019s Services",  # curly apostrophe, leading "the"
        "The Director of Childrens Services",
        "  DIRECTOR  of children's   services. ",
    ],
)
def test_renamed_title_resolves_to_the_same_person(roles, title):
    person = roles.resolve(title)
    assert person is not None and person.name == "Alex Morgan"
    assert person.title == "Director of Children & Young People's Futures"


def test_each_role_resolves_by_its_own_title(roles, config):
    for person in config.roles:
        assert roles.resolve(person.title) is person
        for alias in person.aliases:
            assert roles.resolve(alias) is person


def test_unknown_title_is_reported_not_guessed(roles):
    assert roles.resolve("Chief Executive") is None
    assert roles.resolve("Director of Children") is None  # a prefix of a real title
    assert roles.resolve("Director of Finance") is None
    assert roles.unresolved_reason("Chief Executive") == "unknown role title: Chief Executive"
    assert roles.unknown(
        ["Director of Children's Services", "Chief Executive", "Chief Executive ", "Head of Highways", None]
    ) == ["Chief Executive", "Head of Highways"]


def test_relevant_executive_director_is_not_resolved(roles):
    for title in ("relevant Executive Director", "the relevant Director", "the appropriate Director"):
        assert roles.resolve(title) is None
        assert roles.unresolved_reason(title).startswith("role title depends on the matter")
    assert roles.unknown(["the relevant Executive Director"]) == ["the relevant Executive Director"]


def test_title_two_people_answer_to_is_not_guessed():
    people = [
        Person(title="Director of Place", aliases=["Strategic Director"], name="A One"),
        Person(title="Director of People", aliases=["Strategic Director"], name="B Two"),
    ]
    roles = RolesDirectory(people)
    assert roles.resolve("Strategic Director") is None
    assert roles.resolve("Director of Place").name == "A One"
    assert "more than one person (A One, B Two)" in roles.unresolved_reason("Strategic Director")


def test_bracketed_alias_resolves_when_both_parts_agree(roles):
    assert roles.resolve("Director of Finance and Public Value (Section 151 Officer)").name == "Priya Shah"
    assert roles.resolve("Chief Executive (Section 151 Officer)").name == "Priya Shah"
    # Two different people named in one title: reported, not guessed.
    assert roles.resolve("Monitoring Officer (Section 151 Officer)") is None


def test_lookups_by_slack_user_email_and_name(roles):
    assert roles.by_slack_user("U0DIRFIN").name == "Priya Shah"
    assert roles.by_slack_user("U0NOBODY") is None
    assert roles.by_email(" Priya.Shah@Example.gov.uk").name == "Priya Shah"
    assert roles.by_name("Councillor Jo Evans").name == "Councillor Jo Evans"
    assert roles.by_name("cllr jo evans").name == "Councillor Jo Evans"
    assert roles.by_name("jo evans").name == "Councillor Jo Evans"
    assert roles.by_name("Jo") is None
    assert roles.find("sam.patel@example.gov.uk").name == "Sam Patel"
    assert roles.find("Section 151 Officer").name == "Priya Shah"


def test_governance_officers_and_monitoring_officer(roles, config):
    assert is_governance_officer(roles.by_name("Chris Lee"), config)
    assert is_governance_officer(roles.by_name("Sam Patel"), config)
    assert not is_governance_officer(roles.by_name("Priya Shah"), config)
    assert not is_governance_officer(None, config)
    assert monitoring_officer(config).name == "Sam Patel"
    assert monitoring_officer(Config()) is None


def test_normalise_title():
    assert normalise_title("The Director of Children\u2019s Services") == "director of childrens services"
    assert normalise_title("Finance & Public Value") == "finance and public value"
    assert normalise_title("Head of Paid Service \u2013 interim") == "head of paid service - interim"


@pytest.mark.parametrize(
    "title, name",
    [
        ("the Council\u2019s Monitoring Officer", "Sam Patel"),
        ("the County Council's Section 151 Officer", "Priya Shah"),
        ("S.151 Officer", "Priya Shah"),
        ("s151 Officer", "Priya Shah"),
        ("Director of Finance and Public Value, or their nominee", "Priya Shah"),
        ("Cabinet Member for Children\u2019s SEND Improvement Services", "Councillor Jo Evans"),
    ],
)
def test_ways_minutes_write_the_same_post(roles, title, name):
    assert roles.resolve(title).name == name


@pytest.mark.parametrize(
    "title",
    ["Interim Monitoring Officer", "Deputy Section 151 Officer", "Cabinet Member for Children", "Section 15 Officer"],
)
def test_a_different_post_is_not_taken_for_a_known_one(roles, title):
    assert roles.resolve(title) is None
    assert roles.unresolved_reason(title) == f"unknown role title: {title}"

"""Delegations and obligations linked to the Appendix A milestones they hang off."""
from __future__ import annotations

import datetime as dt

import pytest

from govbot.domain import Delegation, Milestone, Obligation
from govbot.tracker.links import (corrected, explicit_link, link_condition, link_obligation,
                                  link_text, stem)

PROGRAMME = [Milestone(name=n) for n in [
    "Prior Information Notice and market testing questionnaire",
    "Procurement options appraisal",
    "Provider engagement",
    "Service specifications",
    "Equality Impact Assessment",
    "Dynamic purchasing system in place",
]]


def test_delegation_waits_for_the_options_appraisal():
    d = Delegation(delegates=["Director of Children & Young People's Futures"],
                   condition="following completion of a full procurement options appraisal",
                   power="to approve the final route to market")
    [link] = link_condition(d, PROGRAMME)
    assert link.milestone == "Procurement options appraisal"
    assert "procurement, options, appraisal" in link.how and link.score == 1.0


def test_obligation_tied_to_the_service_specification_not_its_own_name():
    ob = Obligation(text="An Equality Impact Assessment would be completed linked to the "
                         "development of the Service Specification")
    link = link_obligation(ob, PROGRAMME)
    assert link.milestone == "Service specifications"
    assert "linked to" in link.how


def test_obligation_without_cue_links_on_its_own_words():
    ob = Obligation(text="The Equality Impact Assessment will be published on the website.")
    assert link_obligation(ob, PROGRAMME).milestone == "Equality Impact Assessment"


@pytest.mark.parametrize("condition", [
    "within the approved budget",
    "subject to the approval of the Section 151 Officer",
    "after consultation with the Leader",
    None,
])
def test_unrelated_conditions_link_to_nothing(condition):
    assert link_condition(Delegation(condition=condition), PROGRAMME) == []


def test_one_half_of_a_compound_milestone_is_enough():
    [link] = link_text("subject to the return of the market testing questionnaires", PROGRAMME)
    assert link.milestone.startswith("Prior Information Notice")


def test_a_condition_can_wait_for_two_milestones():
    found = link_text("following provider engagement and the procurement options appraisal",
                      PROGRAMME)
    assert {link.milestone for link in found} == {"Provider engagement",
                                                  "Procurement options appraisal"}


def test_single_shared_common_word_is_not_a_link():
    assert link_text("following the engagement of an interim manager", PROGRAMME) == []


@pytest.mark.parametrize("a, b", [
    ("appraisal", "appraise"), ("specification", "specifications"), ("specify", "specification"),
    ("questionnaire", "questionnaires"), ("service", "services"), ("engagement", "engage"),
])
def test_light_stems_meet(a, b):
    assert stem(a) == stem(b)


def test_explicit_edit_wins_and_says_who():
    matched = link_text("following completion of a full procurement options appraisal", PROGRAMME)
    edit = explicit_link("Provider engagement", by="Jo Bloggs", on=dt.date(2025, 4, 2))
    assert corrected(matched, [edit]) == [edit]
    assert edit.how == "explicit edit by Jo Bloggs on 2025-04-02" and edit.source == "edited"
    assert corrected(matched, []) == []  # edited to "no milestone"
    assert corrected(matched, None) == matched


def test_no_milestones_no_links():
    assert link_text("following the options appraisal", []) == []

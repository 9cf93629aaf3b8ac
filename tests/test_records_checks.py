"""Checks before signing: each refusal names exactly what is missing."""
import datetime as dt

import pytest

from govbot.records.checks import RecordRefused, require_signable, sign_problems
from govbot.records.examples import complete_record
from govbot.records.model import Condition, Conflict, Consultation, DecisionRecord, todo

SIGNER = "Alex Morgan"


def only_problem(record, signer=SIGNER) -> str:
    problems = sign_problems(record, signer)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_complete_record_may_be_signed_by_a_delegate():
    assert sign_problems(complete_record(), SIGNER) == []
    assert sign_problems(complete_record(), "Priya Shah") == []
    require_signable(complete_record(), SIGNER)


def test_a_fresh_draft_lists_every_gap():
    record = DecisionRecord(title="x")
    problems = sign_problems(record, SIGNER)
    text = " | ".join(problems)
    for needed in ("not a decision maker", "the decision is missing", "date of the decision",
                   "reasons", "alternative options", "conflicts of interest", "key decision",
                   "exempt information", "financial", "legal", "equality"):
        assert needed in text


@pytest.mark.parametrize("field, words", [
    ("decision", "the decision is missing (reg. 13 of the 2012 Regulations)"),
    ("decision_date", "the date of the decision is missing (reg. 13"),
    ("reasons", "the reasons for the decision are missing (reg. 13"),
    ("alternatives", "the alternative options considered and rejected are missing (reg. 13"),
    ("conflicts", "conflicts of interest declared by a Cabinet Member consulted are not recorded"),
    ("financial_implications", "the financial implications are missing"),
    ("legal_implications", "the legal implications are missing"),
    ("equality_implications", "the equality implications are missing"),
    ("key_decision", "whether this is a key decision is not answered"),
    ("exempt", "whether the record contains exempt information is not answered"),
])
def test_each_missing_field_is_named(field, words):
    assert words in only_problem(complete_record(**{field: todo("something")}))


def test_blank_text_counts_as_missing():
    assert "the reasons for the decision are missing" in only_problem(complete_record(reasons="  "))


def test_non_executive_record_cites_reg_7_of_2014():
    record = complete_record(regime="non-executive", reasons=todo("why"))
    assert "(reg. 7 of the 2014 Regulations)" in only_problem(record)
    record = complete_record(regime="non-executive", conflicts=todo("x"))
    assert "declared by any member" in only_problem(record)


def test_declared_conflict_needs_a_dispensation_note_for_executive_decisions():
    conflict = Conflict(member="Councillor Jo Evans", interest="spouse employed by a bidder")
    problem = only_problem(complete_record(conflicts=[conflict]))
    assert "note of dispensation for Councillor Jo Evans's declared conflict" in problem
    noted = Conflict(member="Councillor Jo Evans", interest="x", dispensation="none granted; did not take part")
    assert sign_problems(complete_record(conflicts=[noted]), SIGNER) == []
    # reg. 7 of the 2014 Regulations asks for names only, not dispensations
    assert sign_problems(complete_record(regime="non-executive", conflicts=[conflict]), SIGNER) == []


def test_key_decision_needs_its_forward_plan_reference():
    assert "forward plan" in only_problem(complete_record(forward_plan_ref=None))
    assert sign_problems(complete_record(key_decision=False, forward_plan_ref=None), SIGNER) == []


def test_exempt_record_needs_its_schedule_12a_paragraph():
    assert "paragraph of Schedule 12A" in only_problem(complete_record(exempt=True))
    assert sign_problems(complete_record(exempt=True, exempt_paragraph=3), SIGNER) == []


def test_condition_not_met_is_refused_unless_overridden():
    unmet = Condition(text="following completion of a full procurement options appraisal",
                      milestone="Procurement options appraisal", milestone_end=dt.date(2025, 6, 30),
                      met=False, as_of=dt.date(2025, 5, 1))
    problem = only_problem(complete_record(condition=unmet))
    assert "condition 'following completion of a full procurement options appraisal' is not met" in problem
    assert "'Procurement options appraisal', due 2025-06-30 is not done" in problem
    assert "override" in problem
    overridden = unmet.model_copy(update={"override_reason": "appraisal signed off early by Chris Lee"})
    assert sign_problems(complete_record(condition=overridden), SIGNER) == []


def test_condition_with_no_milestone_linked_says_so():
    unknown = Condition(text="following consultation", met=None)
    assert "no milestone is linked" in only_problem(complete_record(condition=unknown))


def test_consultee_confirmation_is_required():
    pending = Consultation(name="Councillor Jo Evans", post="Cabinet Member")
    problem = only_problem(complete_record(consultation=[pending]))
    assert problem == ("consultation with Councillor Jo Evans (Cabinet Member) is not recorded: missing "
                       "the date consulted, their response, their confirmation")


def test_signer_must_be_a_delegate():
    problem = only_problem(complete_record(), signer="Chris Lee")
    assert problem == ("Chris Lee is not a decision maker for this delegation "
                       "(the delegates are: Alex Morgan, Priya Shah)")
    with pytest.raises(RecordRefused) as refused:
        require_signable(complete_record(), "Chris Lee")
    assert str(refused.value).startswith("cannot sign: Chris Lee is not a decision maker")

"""Checks a decision record must pass before it is signed, each refusal naming what is missing.

An officer exercising authority delegated by Cabinet takes an executive decision: reg. 13
of the Local Authorities (Executive Arrangements) (Meetings and Access to Information)
(England) Regulations 2012 asks for the decision and its date, the reasons, the alternative
options considered and rejected, any conflict of interest declared by a Cabinet Member
consulted and a note of any dispensation. A non-executive delegation falls under reg. 7 of
the Openness of Local Government Bodies Regulations 2014 (no dispensation note needed).
"""
from __future__ import annotations

from govbot.records.model import DecisionRecord, is_todo

REG13 = "reg. 13 of the 2012 Regulations"
REG7 = "reg. 7 of the 2014 Regulations"


class RecordRefused(Exception):
    """The record cannot take this step; `problems` says exactly why."""

    def __init__(self, action: str, problems: list[str]):
        self.action = action
        self.problems = problems
        super().__init__(f"cannot {action}: " + "; ".join(problems))


def legal_problems(record: DecisionRecord) -> list[str]:
    """What the regulations require that the record does not yet say."""
    reg = REG13 if record.regime == "executive" else REG7
    problems = []
    if is_todo(record.decision) or not str(record.decision).strip():
        problems.append(f"the decision is missing ({reg})")
    if is_todo(record.decision_date):
        problems.append(f"the date of the decision is missing ({reg})")
    if is_todo(record.reasons) or not str(record.reasons).strip():
        problems.append(f"the reasons for the decision are missing ({reg})")
    if is_todo(record.alternatives) or not str(record.alternatives).strip():
        problems.append(f"the alternative options considered and rejected are missing ({reg}); "
                        "write 'none' if there were none")
    if is_todo(record.conflicts):
        who = "a Cabinet Member consulted" if record.regime == "executive" else "any member"
        problems.append(f"the conflicts of interest declared by {who} are not recorded ({reg}); "
                        "record none if none were declared")
    elif record.regime == "executive":
        for conflict in record.conflicts:
            if is_todo(conflict.dispensation) or not str(conflict.dispensation).strip():
                problems.append(f"the note of dispensation for {conflict.member}'s declared "
                                f"conflict is missing ({REG13}); write 'none granted' if none")
    return problems


def completeness_problems(record: DecisionRecord) -> list[str]:
    """What councils publish with every record: key decision, exempt, implications."""
    problems = []
    if not record.decision_makers:
        problems.append("no decision maker is named")
    if is_todo(record.key_decision):
        problems.append("whether this is a key decision is not answered")
    elif record.key_decision and (record.forward_plan_ref is None or is_todo(record.forward_plan_ref)):
        problems.append("a key decision needs its forward plan (key decision notice) reference")
    if is_todo(record.exempt):
        problems.append("whether the record contains exempt information is not answered")
    elif record.exempt and record.exempt_paragraph is None:
        problems.append("exempt information needs its paragraph of Schedule 12A to the "
                        "Local Government Act 1972 (1 to 7)")
    for label, value in (("financial", record.financial_implications),
                         ("legal", record.legal_implications),
                         ("equality", record.equality_implications)):
        if is_todo(value) or not str(value).strip():
            problems.append(f"the {label} implications are missing")
    return problems


def condition_problems(record: DecisionRecord) -> list[str]:
    condition = record.condition
    if condition is None or condition.met or condition.override_reason:
        return []
    if condition.met is None:
        state = "govbot cannot tell whether it is met (no milestone is linked)"
    else:
        ends = f", due {condition.milestone_end.isoformat()}" if condition.milestone_end else ""
        state = (f"the milestone '{condition.milestone}'{ends} is not done"
                 if condition.milestone else "it is not met")
    return [f"the delegation's condition '{condition.text}' is not met: {state}; "
            "mark the milestone done or record an override with a reason"]


def consultation_problems(record: DecisionRecord) -> list[str]:
    problems = []
    for consultee in record.consultation:
        missing = []
        if is_todo(consultee.date):
            missing.append("the date consulted")
        if is_todo(consultee.response) or not str(consultee.response).strip():
            missing.append("their response")
        if consultee.confirmed_at is None:
            missing.append("their confirmation")
        if missing:
            problems.append(f"consultation with {consultee.name} ({consultee.post}) is not "
                            f"recorded: missing {', '.join(missing)}")
    return problems


def signer_problems(record: DecisionRecord, signer: str) -> list[str]:
    if signer in record.delegate_names():
        return []
    names = ", ".join(record.delegate_names()) or "nobody"
    return [f"{signer} is not a decision maker for this delegation (the delegates are: {names})"]


def sign_problems(record: DecisionRecord, signer: str) -> list[str]:
    """Everything that stops `signer` signing this record; empty when it may be signed."""
    return (signer_problems(record, signer) + legal_problems(record) + completeness_problems(record)
            + condition_problems(record) + consultation_problems(record))


def require_signable(record: DecisionRecord, signer: str) -> None:
    problems = sign_problems(record, signer)
    if problems:
        raise RecordRefused("sign", problems)

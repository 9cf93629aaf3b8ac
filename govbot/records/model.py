"""The officer decision record as a view model: what the law asks a record to say.

Drafting fills in what the register knows; what only the officer knows is a `ToComplete`
placeholder (a value of its own, never an empty string), so a check can tell "not yet
written" from "written as none" and the rendered record shows the gap plainly.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEDULE_12A = {
    1: "Information relating to any individual",
    2: "Information which is likely to reveal the identity of an individual",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information)",
    4: "Information relating to any consultations or negotiations in connection with any "
    "labour relations matter",
    5: "Information in respect of which a claim to legal professional privilege could be maintained",
    6: "Information which reveals that the authority proposes to give a notice, make an order "
    "or direction",
    7: "Information relating to any action taken in connection with the prevention, "
    "investigation or prosecution of crime",
}


class ToComplete(BaseModel):
    """A field only the officer can fill in; shown as "TO COMPLETE: <what is needed>"."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    to_complete: str

    def __str__(self) -> str:
        return f"TO COMPLETE: {self.to_complete}"


def todo(what: str) -> ToComplete:
    return ToComplete(to_complete=what)


def is_todo(value: object) -> bool:
    return isinstance(value, ToComplete)


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


Text = Union[ToComplete, str]
When = Union[ToComplete, dt.date]
YesNo = Union[ToComplete, bool]


class DecisionMaker(_Part):
    name: str
    post: str


class Consultation(_Part):
    """One consultee named in the resolution ("in consultation with ...")."""

    name: str
    post: str
    date: When = Field(default_factory=lambda: todo("date the consultee was consulted"))
    response: Text = Field(default_factory=lambda: todo("the consultee's response"))
    confirmed_at: Optional[dt.datetime] = None  # set when the consultee confirms (UTC)


class Conflict(_Part):
    """A conflict of interest declared by a member consulted, and any dispensation."""

    member: str
    interest: str
    dispensation: Text = Field(
        default_factory=lambda: todo("dispensation granted by the head of paid service, or 'none'")
    )


class Authority(_Part):
    """The Cabinet resolution relied on, quoted verbatim."""

    body: str = "Cabinet"
    meeting_date: Optional[dt.date] = None
    item_number: Optional[str] = None
    item_title: Optional[str] = None
    clause_label: Optional[str] = None
    clause_text: str = ""
    report_ref: Optional[str] = None
    delegation_id: Optional[str] = None


class Condition(_Part):
    """The delegation's precondition ("following completion of ...") and whether it is met."""

    text: str
    milestone: Optional[str] = None
    milestone_end: Optional[dt.date] = None
    met: Optional[bool] = None  # None: govbot cannot tell (no milestone linked)
    as_of: Optional[dt.date] = None
    override_reason: Optional[str] = None  # who overrode, and why, if not met


class ImpactAssessment(_Part):
    """The obligation (e.g. an Equality Impact Assessment) linked to this decision."""

    text: str
    due: Optional[str] = None
    status: Optional[str] = None
    obligation_id: Optional[str] = None


class Signature(_Part):
    name: str
    post: str
    signed_at: dt.datetime  # UTC


class DecisionRecord(_Part):
    reference: Optional[str] = None
    title: Text
    regime: Literal["executive", "non-executive"] = "executive"
    decision_makers: list[DecisionMaker] = Field(default_factory=list)
    decision_date: When = Field(default_factory=lambda: todo("date the decision was made"))
    decision: Text = Field(default_factory=lambda: todo("the decision taken"))
    reasons: Text = Field(default_factory=lambda: todo("the reasons for the decision"))
    alternatives: Text = Field(
        default_factory=lambda: todo("alternative options considered and rejected, and why")
    )
    consultation: list[Consultation] = Field(default_factory=list)
    conflicts: Union[ToComplete, list[Conflict]] = Field(
        default_factory=lambda: todo("conflicts of interest declared by a member consulted (or none)")
    )
    authority: Authority = Field(default_factory=Authority)
    condition: Optional[Condition] = None
    key_decision: YesNo = Field(default_factory=lambda: todo("is this a key decision? (yes/no)"))
    forward_plan_ref: Optional[Text] = None
    exempt: YesNo = Field(
        default_factory=lambda: todo("does the record contain exempt information? (yes/no)")
    )
    exempt_paragraph: Optional[int] = Field(default=None, ge=1, le=7)
    exempt_detail: Optional[str] = None  # kept in the confidential appendix, never published
    financial_implications: Text = Field(default_factory=lambda: todo("financial implications"))
    legal_implications: Text = Field(default_factory=lambda: todo("legal implications"))
    equality_implications: Text = Field(
        default_factory=lambda: todo("equality implications (EqIA reference and summary, or why not relevant)")
    )
    impact_assessment: Optional[ImpactAssessment] = None
    background_papers: list[str] = Field(default_factory=list)
    subject_to_call_in: bool = True
    effective_from: Optional[dt.date] = None
    contact: Text = Field(default_factory=lambda: todo("contact officer (name, email, telephone)"))
    signature: Optional[Signature] = None
    publication_date: Optional[dt.date] = None
    publication_due: Optional[dt.date] = None

    def delegate_names(self) -> list[str]:
        return [maker.name for maker in self.decision_makers]

    def consultee_names(self) -> list[str]:
        return [c.name for c in self.consultation]

    def todo_fields(self) -> list[str]:
        """Names of the top-level fields still waiting for the officer."""
        return [name for name in type(self).model_fields if is_todo(getattr(self, name))]

    def canonical_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False)

    def digest(self) -> str:
        """SHA-256 of the record's content: what the audit log says was drafted or signed."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

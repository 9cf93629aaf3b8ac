"""A complete, council-like decision record, for tests, template previews and other front ends.

Invented text (not from any real council's documents).
"""
from __future__ import annotations

import datetime as dt

from govbot.records.model import (
    Authority,
    Condition,
    Consultation,
    DecisionMaker,
    DecisionRecord,
    ImpactAssessment,
)


def complete_record(**changes) -> DecisionRecord:
    """A record ready to sign (consultation confirmed, condition met); override any field."""
    record = DecisionRecord(
        reference="R0001",
        title="Award of contracts for home to school transport routes",
        decision_makers=[DecisionMaker(name="Alex Morgan", post="Director of Children & Young People's Futures"),
                         DecisionMaker(name="Priya Shah", post="Director of Finance and Public Value")],
        decision_date=dt.date(2025, 7, 1),
        decision="To approve a dynamic purchasing system as the route to market and award route contracts.",
        reasons="The options appraisal found the dynamic purchasing system offers best value.",
        alternatives="Block contracts: rejected as less flexible. In-house fleet: rejected on cost.",
        consultation=[Consultation(name="Councillor Jo Evans",
                                   post="Cabinet Member for Children's SEND Improvement Services",
                                   date=dt.date(2025, 6, 25), response="Agreed the proposed route.",
                                   confirmed_at=dt.datetime(2025, 6, 26, 9, 0, tzinfo=dt.timezone.utc))],
        conflicts=[],
        authority=Authority(body="Cabinet", meeting_date=dt.date(2025, 3, 12), item_number="41",
                            item_title="Home to School Transport: Commissioning Strategy",
                            clause_label="d", report_ref="CS/25/07",
                            clause_text="that following completion of a full procurement options "
                                        "appraisal, delegated authority be given to ..."),
        condition=Condition(text="following completion of a full procurement options appraisal",
                            milestone="Procurement options appraisal", milestone_end=dt.date(2025, 6, 30),
                            met=True, as_of=dt.date(2025, 7, 1)),
        key_decision=True,
        forward_plan_ref="FP/2025/031",
        exempt=False,
        financial_implications="Within the approved transport budget.",
        legal_implications="Procured under the Procurement Act 2023.",
        equality_implications="See the Equality Impact Assessment for the service specification.",
        impact_assessment=ImpactAssessment(text="Equality Impact Assessment", due="2025-09-30", status="open"),
        background_papers=["Report CS/25/07 to Cabinet, 12 March 2025"],
        contact="Transport Commissioning Team, transport@example.gov.uk",
    )
    return record.model_copy(update=changes)

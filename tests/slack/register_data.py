"""A small council-like register for the Slack tests (our own text, not a real council's)."""
from __future__ import annotations

import datetime as dt
import hashlib

from govbot.config import Config
from govbot.domain import Delegation, Item, Milestone, Obligation, ParsedDocument, Resolution
from govbot.service import register
from govbot.store.db import Store, open_store

HOSTILE = "<!channel> & <https://evil.example|click here> <@U0DIRCYP>"


def minutes() -> ParsedDocument:
    transport = Item(
        number="41", title="Home to School Transport: Commissioning Strategy", report_ref="CS/25/07",
        resolutions=[
            Resolution(label="a", text="that the Home to School Transport Commissioning Strategy be agreed", kinds=["approve"]),
            Resolution(label="b", text="that the principle of a dynamic purchasing system be endorsed", kinds=["endorse"]),
            Resolution(label="d", text="that following completion of a full procurement options appraisal, delegated "
                       "authority be given to the Director of Children & Young People's Futures and the Director of "
                       "Finance and Public Value, in consultation with the Cabinet Member for Children's SEND "
                       "Improvement Services, to approve the final route to market", kinds=["delegate"]),
        ],
        delegations=[Delegation(
            resolution_label="d",
            delegates=["Director of Children & Young People's Futures", "Director of Finance and Public Value"],
            consultees=["Cabinet Member for Children's SEND Improvement Services"],
            power="to approve the final route to market and to award the resulting contracts within the approved budget",
            condition="following completion of a full procurement options appraisal")],
        obligations=[Obligation(kind="impact_assessment", due="2025-09-30",
                                text="An Equality Impact Assessment be completed with the Service Specification and "
                                     "reported to the Children's Scrutiny Committee by 30 September 2025")],
    )
    libraries = Item(
        number="42", title="Library Service Opening Hours", report_ref="CM/25/02",
        resolutions=[Resolution(label=None, text=f"that a public consultation be carried out {HOSTILE}", kinds=["approve"])],
        obligations=[Obligation(kind="report_back", due="2025-11-14",
                                text=f"a report on the consultation be brought back to Cabinet {HOSTILE}")],
    )
    highways = Item(
        number="43", title="Highways Maintenance Contract", report_ref="HW/25/03",
        resolutions=[Resolution(label="a", text="that authority be delegated to the Director of Finance and Public "
                                "Value to extend the highways maintenance contract by twelve months", kinds=["delegate"])],
        delegations=[Delegation(resolution_label="a", delegates=["Director of Finance and Public Value"],
                                consultees=["Cabinet Member for Children's SEND Improvement Services"],
                                power="to extend the highways maintenance contract by twelve months")],
    )
    return ParsedDocument(
        id="cabinet-2025-03-12", page_type="minutes", body="Cabinet", meeting_date="2025-03-12",
        items=[transport, libraries, highways], source_format="text", parser_version="test-1",
        timeline=[
            Milestone(name="Prior information notice", start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 30)),
            Milestone(name="Procurement options appraisal", start=dt.date(2025, 5, 1), end=dt.date(2025, 6, 30)),
            Milestone(name="Service specification", start=dt.date(2025, 7, 1), end=dt.date(2025, 12, 31)),
        ],
    )


def fill(config: Config, parsed: ParsedDocument | None = None) -> Store:
    """The register for `config`, holding the minutes above."""
    store = open_store(config)
    parsed = parsed or minutes()
    meta = register.DocumentMeta(name="cabinet_minutes_2025-03-12.txt",
                                 sha256=hashlib.sha256(parsed.model_dump_json().encode()).hexdigest(), format="text")
    with store.write() as session:
        register.ingest_parsed(session, meta, parsed, config=config)
    return store

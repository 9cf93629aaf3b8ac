"""The decision register's tables (SQLAlchemy 2 declarative, on the shared Base).

Every user-facing row has `id`: a short stable id (see ids.py) that is also its primary
key, so other tables (decision records, reminders) can point at it and keep pointing at
it through re-parses. `key_hash` is the sha256 of the row's natural key, used to find the
row again when its document is re-parsed. Rows a re-parse no longer finds are not deleted
(a decision record may hang off them): `removed_at` is set and queries leave them out.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, BigInteger, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from govbot.store.base import Base

ID = String(16)


def _id() -> Mapped[str]:
    return mapped_column(ID, primary_key=True)


def _key() -> Mapped[str]:
    return mapped_column(String(64), unique=True)


def _removed() -> Mapped[Optional[dt.datetime]]:
    return mapped_column(DateTime(timezone=True), nullable=True)


class SourceDocument(Base):
    """One minutes or report file as ingested: its bytes' hash and the parse as JSON."""

    __tablename__ = "documents"
    id: Mapped[str] = _id()
    key_hash: Mapped[str] = _key()
    identity: Mapped[str] = mapped_column(Text)  # the natural key, readable
    name: Mapped[str] = mapped_column(String(500), index=True)
    format: Mapped[Optional[str]] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[Optional[int]] = mapped_column(Integer)
    parser_version: Mapped[Optional[str]] = mapped_column(String(40))
    page_type: Mapped[Optional[str]] = mapped_column(String(40))
    body: Mapped[Optional[str]] = mapped_column(String(200))
    meeting_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    meeting_id: Mapped[Optional[str]] = mapped_column(ForeignKey("meetings.id"), index=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    parse_json: Mapped[Any] = mapped_column(JSON)


class SourceFile(Base):
    """Every file ingested, by its bytes' hash, and the document it is a copy of: the DOCX
    and the PDF of one report are two files of one document, so either one again is
    "unchanged" rather than a new version."""

    __tablename__ = "source_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    name: Mapped[str] = mapped_column(String(500))
    format: Mapped[Optional[str]] = mapped_column(String(20))
    parser_version: Mapped[Optional[str]] = mapped_column(String(40))
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Meeting(Base):
    """A meeting of a decision-making body; the minutes and its reports share it."""

    __tablename__ = "meetings"
    id: Mapped[str] = _id()
    key_hash: Mapped[str] = _key()
    body: Mapped[Optional[str]] = mapped_column(String(200))
    date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)


class Item(Base):
    """An agenda item (minute number, title, the report it considered)."""

    __tablename__ = "items"
    id: Mapped[str] = _id()
    key_hash: Mapped[str] = _key()
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    meeting_id: Mapped[Optional[str]] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[Optional[str]] = mapped_column(String(40))
    title: Mapped[Optional[str]] = mapped_column(Text)
    report_ref: Mapped[Optional[str]] = mapped_column(String(80), index=True)
    mover: Mapped[Optional[str]] = mapped_column(String(200))
    seconder: Mapped[Optional[str]] = mapped_column(String(200))
    incomplete: Mapped[bool] = mapped_column(default=False)
    removed_at: Mapped[Optional[dt.datetime]] = _removed()


class Resolution(Base):
    """One clause of what was RESOLVED."""

    __tablename__ = "resolutions"
    id: Mapped[str] = _id()
    key_hash: Mapped[str] = _key()
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[Optional[str]] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    kinds: Mapped[Any] = mapped_column(JSON, default=list)
    # SQLite's full-text index addresses rows by an integer; this one is fixed by the key
    # (an implicit rowid could change on VACUUM).
    search_key: Mapped[int] = mapped_column(BigInteger, unique=True)
    span_start: Mapped[Optional[int]] = mapped_column(Integer)
    span_end: Mapped[Optional[int]] = mapped_column(Integer)
    removed_at: Mapped[Optional[dt.datetime]] = _removed()


class Delegation(Base):
    """Authority Cabinet handed to officers: who may act, on whose advice, once what is done.

    `record_state`/`record_on` are set by the decision-records service as a record moves
    through drafted -> signed -> published; `expires_on`/`rescinded_on` make it lapse.
    """

    __tablename__ = "delegations"
    id: Mapped[str] = _id()
    key_hash: Mapped[str] = _key()
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    resolution_id: Mapped[Optional[str]] = mapped_column(ForeignKey("resolutions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    resolution_label: Mapped[Optional[str]] = mapped_column(String(20))
    # The meeting's date, kept here so actions list newest first from an index.
    decided_on: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    delegates: Mapped[Any] = mapped_column(JSON, default=list)
    consultees: Mapped[Any] = mapped_column(JSON, default=list)
    power: Mapped[str] = mapped_column(Text, default="")
    condition: Mapped[Optional[str]] = mapped_column(Text)
    record_state: Mapped[Optional[str]] = mapped_column(String(40))
    record_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    expires_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    rescinded_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    # A governance officer's record that the condition is met (no milestone shows it).
    override_reason: Mapped[Optional[str]] = mapped_column(Text)
    override_by: Mapped[Optional[str]] = mapped_column(String(200))
    override_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    removed_at: Mapped[Optional[dt.datetime]] = _removed()


class DelegationPerson(Base):
    """A delegate or consultee of a delegation, as written and as resolved via the roles
    directory (`person` is None when the title is unknown: reported, never guessed)."""

    __tablename__ = "delegation_people"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delegation_id: Mapped[str] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # delegate | consultee
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    person: Mapped[Optional[str]] = mapped_column(String(200), index=True)


class Obligation(Base):
    """Something the decision says must follow (an impact assessment, a report back)."""

    __tablename__ = "obligations"
    id: Mapped[str] = _id()
    key_hash: Mapped[str] = _key()
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[Optional[str]] = mapped_column(String(10))  # ISO date or YYYY-MM as printed
    due_date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)  # month -> its last day
    span_start: Mapped[Optional[int]] = mapped_column(Integer)
    span_end: Mapped[Optional[int]] = mapped_column(Integer)
    done_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    done_by: Mapped[Optional[str]] = mapped_column(String(200))
    evidence: Mapped[Optional[str]] = mapped_column(Text)
    waived_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    waived_by: Mapped[Optional[str]] = mapped_column(String(200))
    waived_reason: Mapped[Optional[str]] = mapped_column(Text)
    removed_at: Mapped[Optional[dt.datetime]] = _removed()


class Milestone(Base):
    """A line of a report's Appendix A timeline (parsed, imported or edited)."""

    __tablename__ = "milestones"
    id: Mapped[str] = _id()
    key_hash: Mapped[str] = _key()
    document_id: Mapped[Optional[str]] = mapped_column(ForeignKey("documents.id"), index=True)
    report_ref: Mapped[Optional[str]] = mapped_column(String(80), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    start: Mapped[Optional[dt.date]] = mapped_column(Date)
    end: Mapped[Optional[dt.date]] = mapped_column(Date)
    owner: Mapped[Optional[str]] = mapped_column(String(200))
    done_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    done_by: Mapped[Optional[str]] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="parsed")  # parsed | imported | edited
    removed_at: Mapped[Optional[dt.datetime]] = _removed()


class MilestoneLink(Base):
    """A delegation's condition or an obligation tied to a milestone, and how we know."""

    __tablename__ = "milestone_links"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    milestone_id: Mapped[str] = mapped_column(ForeignKey("milestones.id", ondelete="CASCADE"), index=True)
    delegation_id: Mapped[Optional[str]] = mapped_column(ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    obligation_id: Mapped[Optional[str]] = mapped_column(ForeignKey("obligations.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(40))  # matched | edited
    how: Mapped[Optional[str]] = mapped_column(Text)  # "words shared after 'following': ..."
    score: Mapped[Optional[float]] = mapped_column(Float)
    corrected_by: Mapped[Optional[str]] = mapped_column(String(200))
    corrected_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Correction(Base):
    """A person's override of a parsed value: kept with who and when, and applied again
    over every re-parse of the document (latest correction of a field wins)."""

    __tablename__ = "corrections"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(ID, index=True)
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[Any] = mapped_column(JSON)
    previous: Mapped[Any] = mapped_column(JSON, nullable=True)
    who: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


TABLES_BY_ENTITY = {
    "document": SourceDocument,
    "meeting": Meeting,
    "item": Item,
    "resolution": Resolution,
    "delegation": Delegation,
    "obligation": Obligation,
    "milestone": Milestone,
}

# Names of the tables this module owns (the alembic check test compares just these).
REGISTER_TABLES = frozenset(t.__tablename__ for t in (*TABLES_BY_ENTITY.values(), DelegationPerson, MilestoneLink, Correction,
                                                     SourceFile))

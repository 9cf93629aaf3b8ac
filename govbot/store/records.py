"""Decision records' tables: the records, every version of each, the audit log and its
checkpoint, and the publication register. On the shared Base; migrations in
`govbot/records/migrations/` (branch "records").

The audit log is append-only by convention and tamper-evident by construction: rows are
hash-chained (see govbot.records.audit) and the head is also kept in `audit_checkpoint`,
so a deleted tail shows too.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from govbot.store.base import Base

ID = String(16)


class DecisionRecordRow(Base):
    """An officer decision record for one exercise of a delegation; `fields` is the
    DecisionRecord view model as JSON (the current version)."""

    __tablename__ = "decision_records"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    delegation_id: Mapped[str] = mapped_column(ForeignKey("delegations.id"), index=True)
    state: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    fields: Mapped[Any] = mapped_column(JSON)
    digest: Mapped[str] = mapped_column(String(64))
    decision_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    published_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class DecisionRecordVersion(Base):
    """Every version a record has had (amending keeps the old ones)."""

    __tablename__ = "decision_record_versions"
    __table_args__ = (UniqueConstraint("record_id", "version", name="uq_decision_record_versions_record_version"),)
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("decision_records.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(20))
    fields: Mapped[Any] = mapped_column(JSON)
    digest: Mapped[str] = mapped_column(String(64))
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditLogRow(Base):
    """One audit entry; `pk` is the stored order, `seq` the chain's order."""

    __tablename__ = "audit_log"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[str] = mapped_column(String(40))  # ISO 8601 UTC, exactly as hashed
    who: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(80), index=True)
    digest: Mapped[Optional[str]] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditCheckpoint(Base):
    """The head of the audit chain (one row, name 'head'), updated with every append."""

    __tablename__ = "audit_checkpoint"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class PublicationRow(Base):
    """A record as published: the public version (exempt detail withheld), its dates."""

    __tablename__ = "record_publications"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("decision_records.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    published_on: Mapped[dt.date] = mapped_column(Date)
    decision_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    publication_due: Mapped[Optional[dt.date]] = mapped_column(Date)
    effective_from: Mapped[Optional[dt.date]] = mapped_column(Date)
    exempt_paragraph: Mapped[Optional[int]] = mapped_column(Integer)
    public_fields: Mapped[Any] = mapped_column(JSON)
    published_by: Mapped[str] = mapped_column(String(200))
    withdrawn_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    withdrawn_reason: Mapped[Optional[str]] = mapped_column(Text)


RECORD_TABLES = frozenset(t.__tablename__ for t in (
    DecisionRecordRow, DecisionRecordVersion, AuditLogRow, AuditCheckpoint, PublicationRow))

"""Reminders' tables: the schedule and the record of what was sent, and the dispatch lease.

On the shared Base; migrations in `govbot/reminders/migrations/` (branch "reminders").

A reminder row is one message to one person over one channel. Its natural key is
(person, subject, deadline, lead, channel): planning the same day twice, a restart or a
second dispatcher can never create a second row for the same message. States:

    planned -> claimed (claimed_by, claim_expires_at) -> sent (sent_at, message_id)
                                                      -> failed (attempts, next_attempt_at, last_error)
    planned -> skipped (skipped_reason): fell due while govbot was down and is no longer relevant

`sending_at` is written and committed before each delivery attempt: a claim taken over
after a crash with `sending_at` set may already have been delivered, so the dispatcher
looks for it (by its idempotency key) before sending again.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from govbot.store.base import Base

PLANNED, CLAIMED, SENT, FAILED, SKIPPED = "planned", "claimed", "sent", "failed", "skipped"
STATES = (PLANNED, CLAIMED, SENT, FAILED, SKIPPED)


class ReminderRow(Base):
    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("person", "subject", "deadline", "lead", "channel", name="uq_reminders_key"),
        Index("ix_reminders_state_due_at", "state", "due_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(String(200))  # a name from the roles directory, or a channel
    subject: Mapped[str] = mapped_column(String(120))  # "obligation:OB1234", "digest", "weekly"
    deadline: Mapped[dt.date] = mapped_column(Date)  # the due date (the day itself for digests)
    lead: Mapped[int] = mapped_column(Integer)  # days before the deadline; negative: days overdue
    channel: Mapped[str] = mapped_column(String(20))  # slack | email
    kind: Mapped[str] = mapped_column(String(20))  # digest | lead | escalation | weekly
    address: Mapped[str] = mapped_column(String(320))  # Slack user/channel id, or email address
    due_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    title: Mapped[str] = mapped_column(Text)
    message: Mapped[Any] = mapped_column(JSON)  # govbot.reminders.message.Message as JSON
    state: Mapped[str] = mapped_column(String(20), default=PLANNED)
    claimed_by: Mapped[Optional[str]] = mapped_column(String(120))
    claim_expires_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sending_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[Optional[str]] = mapped_column(Text)
    sent_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[Optional[str]] = mapped_column(String(200))
    skipped_reason: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    @property
    def key(self) -> str:
        """The idempotency key carried by the message itself (Slack metadata, email Message-ID)."""
        return reminder_key(self.person, self.subject, self.deadline, self.lead, self.channel)


class ReminderLease(Base):
    """Who may dispatch, until when: one row per lease name, renewed while its holder lives."""

    __tablename__ = "reminder_leases"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(120))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    renewed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


def reminder_key(person: str, subject: str, deadline: dt.date, lead: int, channel: str) -> str:
    return f"{person}|{subject}|{deadline.isoformat()}|{lead}|{channel}"


REMINDER_TABLES = frozenset({ReminderRow.__tablename__, ReminderLease.__tablename__})

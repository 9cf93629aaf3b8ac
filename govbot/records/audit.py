"""Append-only, hash-chained audit log of every step a decision record takes.

Each entry carries its sequence number, who acted, when (UTC), the action and its outcome,
the record it concerns, the digest of the record at that moment, and the hash of the entry
before it; its own hash is SHA-256 over the canonical JSON of all of that. Changing,
reordering or deleting an entry breaks the chain, and `verify` says which entry and why.
Deleting the newest entries leaves a shorter chain that is still whole, so the head
(last seq and hash) is also kept elsewhere as a checkpoint and checked against.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, replace
from typing import Iterable, Optional

GENESIS = "0" * 64


def utc_iso(moment: dt.datetime) -> str:
    """One spelling of a moment, so the hash does not depend on how it was written."""
    if moment.tzinfo is None:
        raise ValueError("audit times must be timezone-aware (UTC)")
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # ISO 8601, UTC
    who: str
    action: str
    entity: str  # e.g. "record:R7KQ2"
    digest: Optional[str]  # SHA-256 of the record at that moment
    outcome: str = "done"  # done | refused
    detail: str = ""
    prev_hash: str = GENESIS
    hash: str = ""

    def body(self) -> dict:
        data = asdict(self)
        data.pop("hash")
        return data

    def computed_hash(self) -> str:
        canonical = json.dumps(self.body(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def sealed(self) -> "AuditEntry":
        return replace(self, hash=self.computed_hash())


@dataclass(frozen=True)
class Checkpoint:
    """The head of the chain, kept apart from the entries so a cut-off tail shows."""

    seq: int
    hash: str


def next_entry(previous: Optional[AuditEntry], *, at: dt.datetime, who: str, action: str,
               entity: str, digest: Optional[str], outcome: str = "done",
               detail: str = "") -> AuditEntry:
    """The sealed entry that follows `previous` (None for the first entry of the log)."""
    return AuditEntry(
        seq=previous.seq + 1 if previous else 1,
        at=utc_iso(at), who=who, action=action, entity=entity, digest=digest,
        outcome=outcome, detail=detail,
        prev_hash=previous.hash if previous else GENESIS,
    ).sealed()


@dataclass(frozen=True)
class AuditProblem:
    seq: Optional[int]
    kind: str  # altered | reordered | deleted | duplicated | truncated | inserted
    message: str

    def __str__(self) -> str:
        return self.message


def verify(entries: Iterable[AuditEntry], checkpoint: Optional[Checkpoint] = None) -> list[AuditProblem]:
    """Every way the log differs from an untouched chain; empty when it is intact.

    `entries` in stored order (e.g. by row id), so entries moved around show as reordered.
    """
    entries = list(entries)
    problems: list[AuditProblem] = []
    highest = 0
    for entry in entries:
        if entry.seq < highest:
            problems.append(AuditProblem(entry.seq, "reordered",
                            f"entry {entry.seq} is out of order: it is stored after entry {highest}"))
        highest = max(highest, entry.seq)
    for entry in entries:
        if entry.computed_hash() != entry.hash:
            problems.append(AuditProblem(entry.seq, "altered",
                            f"entry {entry.seq} was altered: its content no longer matches its hash"))
    problems += _chain_problems(sorted(entries, key=lambda e: e.seq))
    if checkpoint is not None:
        problems += _tail_problems(entries, checkpoint)
    return problems


def _chain_problems(ordered: list[AuditEntry]) -> list[AuditProblem]:
    problems = []
    previous: Optional[AuditEntry] = None
    for entry in ordered:
        expected = previous.seq + 1 if previous else 1
        if previous and entry.seq == previous.seq:
            problems.append(AuditProblem(entry.seq, "duplicated", f"entry {entry.seq} appears twice"))
            continue
        if entry.seq > expected:
            gap = str(expected) if entry.seq - 1 == expected else f"{expected} to {entry.seq - 1}"
            problems.append(AuditProblem(expected, "deleted",
                            f"entry {gap} deleted: the log jumps to entry {entry.seq}"))
        elif entry.prev_hash != (previous.hash if previous else GENESIS):
            before = f"entry {previous.seq}" if previous else "the start of the log"
            problems.append(AuditProblem(entry.seq, "altered",
                            f"entry {entry.seq} does not chain from {before}: "
                            f"{before} was altered or replaced"))
        previous = entry
    return problems


def _tail_problems(entries: list[AuditEntry], checkpoint: Checkpoint) -> list[AuditProblem]:
    last = max((e.seq for e in entries), default=0)
    if last < checkpoint.seq:
        return [AuditProblem(last + 1, "truncated",
                f"entries {last + 1} to {checkpoint.seq} deleted: the log ends at entry {last} "
                f"but the checkpoint records entry {checkpoint.seq}")]
    if last > checkpoint.seq:
        return [AuditProblem(checkpoint.seq + 1, "inserted",
                f"entries {checkpoint.seq + 1} to {last} were added without updating the "
                f"checkpoint (it records entry {checkpoint.seq} as the last)")]
    head = [e for e in entries if e.seq == checkpoint.seq]
    if head and head[0].hash != checkpoint.hash:
        return [AuditProblem(checkpoint.seq, "altered",
                f"entry {checkpoint.seq} differs from the checkpoint kept of it")]
    return []

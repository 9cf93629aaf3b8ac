"""Storing a parsed document: insert it, or update it in place, keeping ids and corrections.

`store_parsed(session, meta, parsed)` does all its work in the caller's transaction (the
caller commits or rolls back the whole document). Rows are written with executemany
statements, not one ORM object at a time, so bulk loads stay fast. `store_batch(session,
docs)` stores many documents, each whole or not at all; new documents that share nothing
with the register or each other are written together, a few statements a table per batch.

Finding rows again on a re-parse: every row's natural key (document identity + item +
clause label + index) is hashed into `key_hash`; a row with the same hash is the same
thing and keeps its id. Human corrections are laid over the parsed values before they
are written, so they survive every re-parse.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from sqlalchemy import JSON, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from govbot.domain import ParsedDocument
from govbot.store import tables as t
from govbot.store.ids import key_hash, nth_candidate
from govbot.store.linking import relink
from govbot.tracker.calendar import parse_due

ResolvePerson = Callable[[str], Optional[str]]
CHUNK = 500
# Pages that carry one decision each: two such pages from one meeting are two documents.
SINGLE_DECISION_PAGES = {"issue", "decision", "officer_decision"}


@dataclass
class DocumentMeta:
    """What is known about the file itself (the parse knows the rest)."""

    name: str
    sha256: str
    format: Optional[str] = None
    size_bytes: Optional[int] = None
    # The parse as JSON, when the caller has it already: must be `parsed.to_contract()`
    # (a bulk worker sends exactly that), so the writer need not dump the model again.
    parse_json: Optional[dict] = None


@dataclass
class StoreOutcome:
    status: str  # stored | updated | unchanged
    document_id: str
    counts: dict = field(default_factory=dict)


def norm(text: Optional[str]) -> str:
    return re.sub(r"[^\w]+", " ", (text or "").lower()).strip()


def _date(value) -> Optional[dt.date]:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return parse_due(str(value))[0]
    except ValueError:
        return None


def due_date(due: Optional[str]) -> Optional[dt.date]:
    """The date an obligation falls due by (a month means its last day); None if unreadable."""
    return _date(due)


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _dedupe(keys: list[str]) -> list[str]:
    """Make repeated natural keys distinct by their order of appearance (#0, #1, ...)."""
    seen: Counter = Counter()
    out = []
    for k in keys:
        out.append(f"{k}#{seen[k]}")
        seen[k] += 1
    return out


# --- identity ---------------------------------------------------------------------------


def document_identity(meta: DocumentMeta, parsed: ParsedDocument) -> str:
    """What makes two versions of a file the same document."""
    refs = [i.report_ref for i in parsed.items if i.report_ref]
    if parsed.page_type == "report" and refs:
        return f"report:{norm(refs[0])}"
    if parsed.body and parsed.meeting_date:
        identity = f"meeting:{norm(parsed.body)}|{parsed.meeting_date}|{parsed.page_type or ''}"
        if parsed.page_type in SINGLE_DECISION_PAGES and parsed.items:
            first = parsed.items[0]
            identity += f"|item:{norm(first.number or first.report_ref or first.title)}"
        return identity
    return f"file:{meta.name}"


def _contract(meta: DocumentMeta, parsed: ParsedDocument) -> dict:
    return meta.parse_json if meta.parse_json is not None else parsed.to_contract()


def find_document(session: Session, meta: DocumentMeta, parsed: ParsedDocument) -> Optional[t.SourceDocument]:
    """The stored document this file is a version of: same identity, else same file name
    with a body and date that do not disagree."""
    found = session.scalar(select(t.SourceDocument).where(t.SourceDocument.key_hash == key_hash(document_identity(meta, parsed))))
    if found:
        return found
    date = _date(parsed.meeting_date)
    for doc in session.scalars(select(t.SourceDocument).where(t.SourceDocument.name == meta.name)):
        same_body = not doc.body or not parsed.body or norm(doc.body) == norm(parsed.body)
        same_date = not doc.meeting_date or not date or doc.meeting_date == date
        if same_body and same_date:
            return doc
    return None


def allocate_ids(session: Session, table, entity: str, hashes: list[str]) -> dict[str, str]:
    """New short ids for rows with these key hashes, avoiding every id already taken."""
    assigned: dict[str, str] = {}
    taken: set[str] = set()
    length = {h: 0 for h in hashes}
    pending = list(hashes)
    while pending:
        wanted = {h: nth_candidate(entity, h, length[h]) for h in pending}
        for chunk in _chunks(list(wanted.values())):
            taken.update(session.scalars(select(table.id).where(table.id.in_(chunk))))
        retry = []
        for h, candidate in wanted.items():
            if candidate in taken:
                length[h] += 1
                retry.append(h)
            else:
                assigned[h] = candidate
                taken.add(candidate)
        pending = retry
    return assigned


# --- writing ----------------------------------------------------------------------------


class _Writer:
    def __init__(self, session: Session, now: dt.datetime, resolve: Optional[ResolvePerson], is_new: bool):
        self.session, self.now, self.resolve, self.is_new = session, now, resolve, is_new
        self.corrections: dict[str, list[t.Correction]] = {}

    def existing(self, table, scope, always: bool = False) -> dict[str, str]:
        if self.is_new and not always:
            return {}
        return dict(self.session.execute(select(table.key_hash, table.id).where(scope)).all())

    def load_corrections(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for chunk in _chunks(ids):
            for c in self.session.scalars(select(t.Correction).where(t.Correction.entity_id.in_(chunk)).order_by(t.Correction.pk)):
                self.corrections.setdefault(c.entity_id, []).append(c)

    def sync(self, table, entity: str, rows: list[dict], scope, always_look: bool = False) -> dict[str, str]:
        """Insert new rows, update known ones in place, mark the vanished ones removed.
        Returns natural key hash -> id for every row given."""
        existing = self.existing(table, scope, always_look)
        if existing:
            self.load_corrections(existing.values())
        new = [r for r in rows if r["key_hash"] not in existing]
        ids = allocate_ids(self.session, table, entity, [r["key_hash"] for r in new]) if new else {}
        ids.update({h: i for h, i in existing.items()})
        for r in rows:
            r["id"] = ids[r["key_hash"]]
            for c in self.corrections.get(r["id"], ()):
                if c.field in table.__table__.c:  # links ("milestones") are kept in their own table
                    apply_correction(r, c.field, c.value)
        if new:  # Core executemany: no ORM bookkeeping for thousands of rows
            self.session.execute(table.__table__.insert(), new)
        known = [r for r in rows if r["key_hash"] in existing]
        if known:
            self.session.execute(update(table), [{**r, "removed_at": None} for r in known])
        gone = set(existing) - {r["key_hash"] for r in rows}
        if gone and hasattr(table, "removed_at"):
            gone_ids = [existing[h] for h in gone]
            for chunk in _chunks(gone_ids):
                self.session.execute(
                    update(table).where(table.id.in_(chunk), table.removed_at.is_(None)).values(removed_at=self.now)
                )
        return ids


def apply_correction(row: dict, field_name: str, value) -> None:
    """Lay a person's value over a parsed row (dates stored as ISO text in the correction)."""
    if field_name in ("start", "end", "expires_on", "rescinded_on", "override_on") and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    row[field_name] = value
    if field_name == "due":
        row["due_date"] = due_date(value)
    if field_name in ("name", "start", "end", "owner") and "source" in row:
        row["source"] = "edited"


def _meeting_id(session: Session, parsed: ParsedDocument) -> Optional[str]:
    date = _date(parsed.meeting_date)
    if not parsed.body and not date:
        return None
    h = key_hash(f"meeting:{norm(parsed.body)}|{date}")
    found = session.scalar(select(t.Meeting.id).where(t.Meeting.key_hash == h))
    if found:
        return found
    new_id = allocate_ids(session, t.Meeting, "meeting", [h])[h]
    # The minutes and a report of one meeting may be stored at once by two processes:
    # the second insert yields to the first instead of failing its whole document.
    row = {"id": new_id, "key_hash": h, "body": parsed.body, "date": date}
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        module = postgresql if dialect == "postgresql" else sqlite
        session.execute(module.insert(t.Meeting.__table__).values(row).on_conflict_do_nothing(index_elements=["key_hash"]))
        return session.scalar(select(t.Meeting.id).where(t.Meeting.key_hash == h))
    session.execute(t.Meeting.__table__.insert(), [row])
    return new_id


def store_parsed(
    session: Session,
    meta: DocumentMeta,
    parsed: ParsedDocument,
    *,
    now: Optional[dt.datetime] = None,
    resolve: Optional[ResolvePerson] = None,
) -> StoreOutcome:
    """Store one parsed document in the session's transaction (see module docstring)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    seen = known_file(session, meta.sha256)
    if seen is not None and seen.parser_version == parsed.parser_version:
        return StoreOutcome("unchanged", seen.document_id)
    doc = session.get(t.SourceDocument, seen.document_id) if seen else find_document(session, meta, parsed)
    is_new = doc is None
    meeting_id = _meeting_id(session, parsed)
    fields = dict(
        name=meta.name, format=meta.format or parsed.source_format, sha256=meta.sha256, size_bytes=meta.size_bytes,
        parser_version=parsed.parser_version, page_type=parsed.page_type, body=parsed.body,
        meeting_date=_date(parsed.meeting_date), meeting_id=meeting_id, updated_at=now,
        parse_json=_contract(meta, parsed),
    )
    if is_new:
        identity = document_identity(meta, parsed)
        h = key_hash(identity)
        doc_id = allocate_ids(session, t.SourceDocument, "document", [h])[h]
        session.execute(t.SourceDocument.__table__.insert(), [dict(fields, id=doc_id, key_hash=h, identity=identity, ingested_at=now)])
    else:
        doc_id = doc.id
        session.execute(update(t.SourceDocument).where(t.SourceDocument.id == doc_id).values(**fields))
    counts = _store_children(_Writer(session, now, resolve, is_new), doc_id, meeting_id, parsed, meta.name)
    _record_file(session, meta, seen, doc_id, parsed.parser_version, now)
    return StoreOutcome("stored" if is_new else "updated", doc_id, counts)


def store_batch(
    session: Session,
    docs: list[tuple[DocumentMeta, ParsedDocument]],
    *,
    now: Optional[dt.datetime] = None,
    resolve: Optional[ResolvePerson] = None,
) -> list:
    """Store many parsed documents in the session's transaction, each whole or not at all.
    Per document: its StoreOutcome, or the exception that kept it out (the others are
    stored all the same). The rows are those `store_parsed` writes for each in turn.

    New documents that share nothing with what is stored or with their batch-mates (no
    known bytes, identity, file name or milestone) are written together, a run at a time:
    a few statements a table for the whole run instead of ~20 a document. Every other
    document, and each document of a run that fails, goes through `store_parsed` alone in
    its own savepoint, in batch order."""
    now = now or dt.datetime.now(dt.timezone.utc)
    results: list = [None] * len(docs)
    fast = _new_alone(session, docs)
    run: list[int] = []

    def one(n: int) -> None:
        meta, parsed = docs[n]
        try:
            with session.begin_nested():  # this document whole, or not at all
                results[n] = store_parsed(session, meta, parsed, now=now, resolve=resolve)
        except Exception as exc:  # noqa: BLE001 - one bad document must not sink its batch
            results[n] = exc

    def flush_run() -> None:
        if not run:
            return
        try:
            with session.begin_nested():  # the run whole, or each of its documents alone
                outcomes = _store_new(session, [docs[n] for n in run], now, resolve)
            for n, outcome in zip(run, outcomes):
                results[n] = outcome
        except Exception:  # noqa: BLE001 - find the document at fault: one at a time
            for n in run:
                one(n)
        run.clear()

    for n in range(len(docs)):
        if fast[n]:
            run.append(n)
        else:
            flush_run()
            one(n)
    flush_run()
    return results


def _new_alone(session: Session, docs: list[tuple[DocumentMeta, ParsedDocument]]) -> list[bool]:
    """Per document: new, and sharing nothing `store_parsed` would look up (bytes, identity,
    file name) with the register or with an earlier document of the batch."""
    columns = (t.SourceFile.sha256, t.SourceDocument.key_hash, t.SourceDocument.name)
    values = [[meta.sha256 for meta, _ in docs],
              [key_hash(document_identity(meta, parsed)) for meta, parsed in docs],
              [meta.name for meta, _ in docs]]
    taken: list[set] = []  # per column: the values stored already
    for column, wanted in zip(columns, values):
        taken.append(set())
        for chunk in _chunks(sorted(set(wanted))):
            taken[-1].update(session.scalars(select(column).where(column.in_(chunk))))
    fast = []
    for doc in zip(*values):
        fast.append(not any(value in stored for value, stored in zip(doc, taken)))
        for value, stored in zip(doc, taken):  # later documents meet this one as if stored
            stored.add(value)
    return fast


class _Shared(Exception):
    """A run's milestones meet stored ones or each other: `store_parsed` sorts that out."""


def _store_new(session: Session, docs: list[tuple[DocumentMeta, ParsedDocument]], now: dt.datetime,
               resolve: Optional[ResolvePerson]) -> list[StoreOutcome]:
    """Insert new documents that share nothing (see `_new_alone`) with a few executemany
    statements per table: what `store_parsed` does for each in turn, in the same order."""
    identities = [document_identity(meta, parsed) for meta, parsed in docs]
    hashes = [key_hash(identity) for identity in identities]
    allocated = allocate_ids(session, t.SourceDocument, "document", hashes)
    doc_ids = [allocated[h] for h in hashes]

    # Milestones before anything is written: a run that shares one is not for here (the
    # unique key would refuse it anyway; this says so sooner).
    milestones, refs = [], set()
    for (meta, parsed), doc_id in zip(docs, doc_ids):
        milestones.append(_timeline_rows(doc_id, parsed, meta.name) if parsed.timeline else [])
        refs |= _report_refs(doc_id, parsed, meta.name)
    milestone_hashes = [r["key_hash"] for rows in milestones for r in rows]
    if len(set(milestone_hashes)) < len(milestone_hashes):
        raise _Shared("two documents of the run share a milestone")
    for chunk in _chunks(milestone_hashes):
        if session.scalar(select(t.Milestone.key_hash).where(t.Milestone.key_hash.in_(chunk)).limit(1)) is not None:
            raise _Shared("a milestone of the run is stored already")

    meeting_ids = _meeting_ids(session, [parsed for _, parsed in docs])
    documents, files = [], []
    for (meta, parsed), identity, h, doc_id, meeting_id in zip(docs, identities, hashes, doc_ids, meeting_ids):
        documents.append(dict(
            name=meta.name, format=meta.format or parsed.source_format, sha256=meta.sha256, size_bytes=meta.size_bytes,
            parser_version=parsed.parser_version, page_type=parsed.page_type, body=parsed.body,
            meeting_date=_date(parsed.meeting_date), meeting_id=meeting_id, updated_at=now,
            parse_json=_contract(meta, parsed), id=doc_id, key_hash=h, identity=identity, ingested_at=now))
        files.append(dict(sha256=meta.sha256, document_id=doc_id, name=meta.name, format=meta.format,
                          parser_version=parsed.parser_version, seen_at=now))
    _insert(session, t.SourceDocument, documents)
    per_doc = []
    all_items = []
    for (meta, parsed), document, meeting_id in zip(docs, documents, meeting_ids):
        item_keys, items = _item_rows(document["id"], meeting_id, parsed)
        per_doc.append((item_keys, items))
        all_items += items
    _insert_new(session, t.Item, "item", all_items)

    decisions = []
    all_resolutions, all_delegations, all_obligations = [], [], []
    for (meta, parsed), (item_keys, items) in zip(docs, per_doc):
        resolutions, delegations, obligations = _decision_rows(parsed, item_keys, items)
        decisions.append((resolutions, delegations, obligations))
        all_resolutions += resolutions
        all_delegations += delegations
        all_obligations += obligations
    res_ids = _insert_new(session, t.Resolution, "resolution", all_resolutions)
    for (meta, parsed), (item_keys, _), (_, delegations, _) in zip(docs, per_doc, decisions):
        _resolution_ids(delegations, parsed, item_keys, res_ids)
    _insert_new(session, t.Delegation, "delegation", all_delegations)
    _insert(session, t.DelegationPerson, _people_rows(all_delegations, resolve))
    _insert_new(session, t.Obligation, "obligation", all_obligations)
    _insert_new(session, t.Milestone, "milestone", [r for rows in milestones for r in rows])
    relink(session, refs, now, fresh=True)
    _insert(session, t.SourceFile, files)
    return [
        StoreOutcome("stored", document["id"], _counts(items, resolutions, delegations, obligations, len(rows)))
        for document, (_, items), (resolutions, delegations, obligations), rows in zip(documents, per_doc, decisions,
                                                                                      milestones)
    ]


def _insert_new(session: Session, table, entity: str, rows: list[dict]) -> dict[str, str]:
    """Give new rows their ids (in order, as `_Writer.sync` would one document at a time)
    and insert them all in one executemany. Returns key hash -> id."""
    if not rows:
        return {}
    ids = allocate_ids(session, table, entity, [r["key_hash"] for r in rows])
    for r in rows:
        r["id"] = ids[r["key_hash"]]
    _insert(session, table, rows)
    return ids


def _insert(session: Session, table, rows: list[dict]) -> None:
    """INSERT rows that all have the same keys: one executemany, or on PostgreSQL (psycopg)
    one COPY, which streams the rows instead of a round trip each (~10x cheaper a row)."""
    if not rows:
        return
    connection = session.connection()
    columns = list(rows[0])
    json_columns = {c for c in columns if isinstance(table.__table__.c[c].type, JSON)}
    if (connection.dialect.name != "postgresql" or connection.dialect.driver != "psycopg"
            or any(r[c] is None for r in rows for c in json_columns)):  # None in JSON: as the ORM would have it
        session.execute(table.__table__.insert(), rows)
        return
    from psycopg import sql
    from psycopg.types.json import Json

    serialize = connection.dialect._json_serializer or json.dumps  # what the JSON type would send
    copy = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.__table__.name), sql.SQL(", ").join(sql.Identifier(c) for c in columns))
    with connection.connection.driver_connection.cursor() as cursor, cursor.copy(copy) as stream:
        for r in rows:
            stream.write_row([Json(r[c], dumps=serialize) if c in json_columns else r[c] for c in columns])


def _meeting_ids(session: Session, docs: list[ParsedDocument]) -> list[Optional[str]]:
    """`_meeting_id` for many documents: one look-up, new meetings inserted together."""
    keys = []
    for parsed in docs:
        date = _date(parsed.meeting_date)
        keys.append(None if not parsed.body and not date else
                    (key_hash(f"meeting:{norm(parsed.body)}|{date}"), parsed.body, date))
    wanted = list(dict.fromkeys(k[0] for k in keys if k))
    found: dict[str, str] = {}
    for chunk in _chunks(wanted):
        found.update(session.execute(select(t.Meeting.key_hash, t.Meeting.id).where(t.Meeting.key_hash.in_(chunk))).all())
    new = [h for h in wanted if h not in found]
    if new:
        ids = allocate_ids(session, t.Meeting, "meeting", new)
        first = {k[0]: k for k in reversed(keys) if k}
        rows = [{"id": ids[h], "key_hash": h, "body": first[h][1], "date": first[h][2]} for h in new]
        dialect = session.get_bind().dialect.name
        if dialect in ("postgresql", "sqlite"):  # as `_meeting_id`: yield to another process's insert
            module = postgresql if dialect == "postgresql" else sqlite
            session.execute(module.insert(t.Meeting.__table__).on_conflict_do_nothing(index_elements=["key_hash"]), rows)
            for chunk in _chunks(new):
                found.update(session.execute(select(t.Meeting.key_hash, t.Meeting.id).where(t.Meeting.key_hash.in_(chunk))).all())
        else:
            session.execute(t.Meeting.__table__.insert(), rows)
            found.update(ids)
    return [found[k[0]] if k else None for k in keys]


def known_file(session: Session, sha256: str) -> Optional[t.SourceFile]:
    """The file with these bytes, if ingested before (as any format of any document)."""
    return session.get(t.SourceFile, sha256)


def _record_file(session: Session, meta: DocumentMeta, seen: Optional[t.SourceFile], doc_id: str,
                 parser_version: Optional[str], now) -> None:
    """The file's row: added, or the one `store_parsed` found brought up to date."""
    fields = dict(document_id=doc_id, name=meta.name, format=meta.format, parser_version=parser_version, seen_at=now)
    if seen is None:
        session.add(t.SourceFile(sha256=meta.sha256, **fields))
    else:
        for name, value in fields.items():
            setattr(seen, name, value)
    session.flush()


def _store_children(w: _Writer, doc_id: str, meeting_id: Optional[str], parsed: ParsedDocument, name: str) -> dict:
    item_keys, items = _item_rows(doc_id, meeting_id, parsed)
    in_doc = t.Item.document_id == doc_id
    w.sync(t.Item, "item", items, in_doc)
    doc_items = select(t.Item.id).where(in_doc).scalar_subquery()
    resolutions, delegations, obligations = _decision_rows(parsed, item_keys, items)
    res_ids = w.sync(t.Resolution, "resolution", resolutions, t.Resolution.item_id.in_(doc_items))
    _resolution_ids(delegations, parsed, item_keys, res_ids)
    w.sync(t.Delegation, "delegation", delegations, t.Delegation.item_id.in_(doc_items))
    _store_people(w, delegations)
    w.sync(t.Obligation, "obligation", obligations, t.Obligation.item_id.in_(doc_items))
    milestones = _store_timeline(w, doc_id, parsed, name)
    relink(w.session, _report_refs(doc_id, parsed, name), w.now, fresh=w.is_new)
    return _counts(items, resolutions, delegations, obligations, milestones)


def _counts(items, resolutions, delegations, obligations, milestones: int) -> dict:
    return {"items": len(items), "resolutions": len(resolutions), "delegations": len(delegations),
            "obligations": len(obligations), "milestones": milestones}


def _report_refs(doc_id: str, parsed: ParsedDocument, name: str) -> set:
    """The report references whose links a document's decisions and milestones touch."""
    return {i.report_ref for i in parsed.items} | ({timeline_ref(doc_id, parsed, name)} if parsed.timeline else set())


def _item_rows(doc_id: str, meeting_id: Optional[str], parsed: ParsedDocument) -> tuple[list[str], list[dict]]:
    """The items' natural keys and rows (without ids)."""
    item_keys = _dedupe([f"{doc_id}|item:{_item_part(i)}" for i in parsed.items])
    items = [
        dict(key_hash=key_hash(k), document_id=doc_id, meeting_id=meeting_id, position=n, number=i.number, title=i.title,
             report_ref=i.report_ref, mover=i.mover, seconder=i.seconder, incomplete=i.incomplete)
        for n, (k, i) in enumerate(zip(item_keys, parsed.items))
    ]
    return item_keys, items


def _decision_rows(parsed: ParsedDocument, item_keys: list[str], items: list[dict]) -> tuple[list, list, list]:
    """Resolution, delegation and obligation rows (without ids) under items that have theirs."""
    resolutions, delegations, obligations = [], [], []
    # A report's recommendations are not decisions: the minutes record what was decided.
    # A report gives the register its reference, title and Appendix A timeline.
    if parsed.page_type == "report":
        return resolutions, delegations, obligations
    decided_on = _date(parsed.meeting_date)
    for key, item, row in zip(item_keys, parsed.items, items):
        res_keys = _dedupe([f"{key}|res:{r.label or '-'}" for r in item.resolutions])
        for n, (k, r) in enumerate(zip(res_keys, item.resolutions)):
            h = key_hash(k)
            span = r.span or (None, None)
            resolutions.append(dict(key_hash=h, item_id=row["id"], position=n, label=r.label, text=r.text,
                                    kinds=list(r.kinds), search_key=int(h[:15], 16), span_start=span[0], span_end=span[1]))
        del_keys = _dedupe([f"{key}|del:{d.resolution_label or '-'}" for d in item.delegations])
        for n, (k, d) in enumerate(zip(del_keys, item.delegations)):
            delegations.append(dict(key_hash=key_hash(k), item_id=row["id"], position=n, resolution_label=d.resolution_label,
                                    decided_on=decided_on,
                                    delegates=list(d.delegates), consultees=list(d.consultees), power=d.power,
                                    condition=d.condition))
        obl_keys = _dedupe([f"{key}|obl:{o.kind}" for o in item.obligations])
        for n, (k, o) in enumerate(zip(obl_keys, item.obligations)):
            span = o.span or (None, None)
            obligations.append(dict(key_hash=key_hash(k), item_id=row["id"], position=n, kind=str(o.kind), text=o.text,
                                    due=o.due, due_date=due_date(o.due), span_start=span[0], span_end=span[1]))
    return resolutions, delegations, obligations


def _resolution_ids(delegations: list[dict], parsed: ParsedDocument, item_keys: list[str], res_ids: dict) -> None:
    """Each delegation's resolution: the first clause of its item with its label."""
    for d, item_key in zip(delegations, _delegation_item_keys(parsed, item_keys)):
        d["resolution_id"] = res_ids.get(key_hash(f"{item_key}|res:{d['resolution_label'] or '-'}#0"))


def _item_part(item) -> str:
    if item.number:
        return norm(item.number)
    return f"ref {norm(item.report_ref)}" if item.report_ref else "-"


def _delegation_item_keys(parsed: ParsedDocument, item_keys: list[str]) -> list[str]:
    return [k for k, item in zip(item_keys, parsed.items) for _ in item.delegations]


def _store_people(w: _Writer, delegations: list[dict]) -> None:
    """Delegates and consultees as people: derived data, so rewritten whole each time."""
    if not delegations:
        return
    if not w.is_new:
        ids = [d["id"] for d in delegations]
        for chunk in _chunks(ids):
            w.session.execute(t.DelegationPerson.__table__.delete().where(t.DelegationPerson.delegation_id.in_(chunk)))
    rows = _people_rows(delegations, w.resolve)
    if rows:
        w.session.execute(t.DelegationPerson.__table__.insert(), rows)


def _people_rows(delegations: list[dict], resolve: Optional[ResolvePerson]) -> list[dict]:
    return [
        dict(delegation_id=d["id"], role=role, position=n, title=title, person=resolve(title) if resolve else None)
        for d in delegations
        for role, titles in (("delegate", d["delegates"]), ("consultee", d["consultees"]))
        for n, title in enumerate(titles or [])
    ]


_REF_IN_NAME = re.compile(r"(?<![A-Za-z])([A-Z]{1,5})[-_/](\d{2})[-_/](\d{1,3})(?!\d)")


def timeline_ref(doc_id: str, parsed: ParsedDocument, name: str = "") -> str:
    """The report reference a timeline belongs to: the parse's, else one in the file name
    ("cabinet_report_CS-25-07.docx" -> "CS/25/07"), else the document's own id."""
    refs = [i.report_ref for i in parsed.items if i.report_ref]
    extra = (parsed.model_extra or {}).get("report_ref")
    if refs or extra:
        return refs[0] if refs else extra
    m = _REF_IN_NAME.search(name)
    return "/".join(m.groups()) if m else f"document {doc_id}"


def _store_timeline(w: _Writer, doc_id: str, parsed: ParsedDocument, name: str) -> int:
    """Parsed Appendix A milestones. Imported or edited ones are a person's: left alone."""
    if not parsed.timeline:
        return 0
    rows = _timeline_rows(doc_id, parsed, name)
    hashes = [r["key_hash"] for r in rows]
    held = set(w.session.scalars(select(t.Milestone.key_hash).where(t.Milestone.key_hash.in_(hashes), t.Milestone.source != "parsed")))
    rows = [r for r in rows if r["key_hash"] not in held]
    # The same report read from another file (its PDF and its DOCX) shares the milestones.
    scope = (t.Milestone.source == "parsed") & ((t.Milestone.document_id == doc_id) | t.Milestone.key_hash.in_(hashes))
    w.sync(t.Milestone, "milestone", rows, scope, always_look=True)
    return len(rows)


def _timeline_rows(doc_id: str, parsed: ParsedDocument, name: str) -> list[dict]:
    """Rows (without ids) of the parsed Appendix A milestones."""
    ref = timeline_ref(doc_id, parsed, name)
    keys = _dedupe([milestone_key(ref, m.name) for m in parsed.timeline])
    return [
        dict(key_hash=key_hash(k), document_id=doc_id, report_ref=ref, position=n, name=m.name, start=m.start, end=m.end,
             owner=m.owner, source="parsed")
        for n, (k, m) in enumerate(zip(keys, parsed.timeline))
    ]


def milestone_key(report_ref: str, name: str) -> str:
    """Natural key of a timeline line (before de-duplication): report + milestone name."""
    return f"milestone:{norm(report_ref)}|{norm(name)}"

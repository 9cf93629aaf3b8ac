"""Bulk ingest of historical minutes into the register: the service every front end calls.

`bulk_ingest(paths, config, ...)` walks the paths lazily, parses on a local process pool
(or a Dask cluster) and writes through the register's own `ingest_batch`, in batches: one
transaction per batch; new documents that share nothing are written together in one
savepoint (a few statements a table), any other document, and each one of a group that
fails, in a savepoint of its own; so a document is stored whole or not at all and a failed
one does not take its batch-mates with it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Optional

from sqlalchemy import bindparam, select

from govbot.bulk.pool import DaskPool, ProcessPool
from govbot.bulk.runner import CURRENT, ERROR, OLDER, BulkSummary, ErrorReport, Runner
from govbot.bulk.sources import count_sources, iter_sources
from govbot.bulk.worker import Outcome
from govbot.config import Config
from govbot.domain import ParsedDocument
from govbot.heap import collector_paused

BATCH_DOCS, BATCH_SECONDS = 50, 1.0


class RegisterSink:
    """The runner's view of the register: what is known by content hash, and batched writes."""

    def __init__(self, store, config: Config, parser_version: str):
        from govbot.store.tables import SourceFile

        self.store, self.config = store, config
        self.parser_version = parser_version
        self._lookup = None
        # Built once: a statement made afresh for every file costs more than the look-up.
        self._status = (select(SourceFile.parser_version, SourceFile.name)
                        .where(SourceFile.sha256 == bindparam("sha256")).limit(1))

    def close(self) -> None:
        if self._lookup is not None:
            self._lookup.close()
            self._lookup = None

    def status(self, content_hash: str) -> Optional[tuple[str, str]]:
        if self._lookup is None:  # one connection for every look-up: a session each costs 5x more
            self._lookup = self.store.engine.connect()
        try:
            row = self._lookup.execute(self._status, {"sha256": content_hash}).first()
        finally:
            self._lookup.rollback()  # never hold a read snapshot between files
        if row is None:
            return None
        return (CURRENT if row.parser_version == self.parser_version else OLDER), row.name

    def write(self, outcomes: list[Outcome], reparse: bool) -> list[tuple[str, Optional[str]]]:
        with collector_paused():  # tens of thousands of acyclic rows: no collector passes over them
            return self._write(outcomes)

    def _write(self, outcomes: list[Outcome]) -> list[tuple[str, Optional[str]]]:
        from govbot.service.register import ingest_batch
        from govbot.store.writer import DocumentMeta

        results: list = [None] * len(outcomes)
        docs, where = [], []
        for n, outcome in enumerate(outcomes):
            try:
                parsed = ParsedDocument.model_validate(outcome.contract)
            except Exception as exc:  # a contract the register cannot read is this document's error only
                results[n] = _error(exc)
                continue
            # The worker's contract is `parsed.to_contract()` already: stored as it came.
            docs.append((DocumentMeta(name=outcome.name, sha256=outcome.content_hash, format=outcome.format,
                                      size_bytes=outcome.size, parse_json=outcome.contract), parsed))
            where.append(n)
        with self.store.write() as session:
            stored = ingest_batch(session, docs, config=self.config)
        for n, result in zip(where, stored):
            results[n] = _error(result) if isinstance(result, Exception) else (result.status, None)
        return results


def _error(exc: Exception) -> tuple[str, str]:
    return ERROR, f"could not be stored ({type(exc).__name__}: {_one_line(exc)})"


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def make_executor(config: Config, workers: Optional[int] = None, dask: Optional[str] = None):
    if dask:
        return DaskPool(dask, config.limits)
    return ProcessPool(workers or os.cpu_count() or 1, config.limits)


def bulk_ingest(
    paths: Iterable[str | os.PathLike],
    config: Config,
    *,
    store=None,
    workers: Optional[int] = None,
    dask=None,
    errors_csv: Optional[Path] = None,
    reparse: bool = False,
    on_progress: Optional[Callable[[BulkSummary], None]] = None,
    batch_docs: int = BATCH_DOCS,
    batch_seconds: float = BATCH_SECONDS,
) -> BulkSummary:
    """Ingest every document under `paths`; see the module docstring. Never raises for a
    bad file: each one is a row of the error report (and counted in the summary)."""
    from govbot.extract import PARSER_VERSION
    from govbot.store.db import open_store

    store = store or open_store(config)
    paths = list(paths)  # the paths as given, not what is under them
    report = ErrorReport(errors_csv)
    executor = make_executor(config, workers, dask)
    sink = RegisterSink(store, config, PARSER_VERSION)
    try:
        runner = Runner(executor, sink, reparse=reparse, errors=report,
                        batch_docs=batch_docs, batch_seconds=batch_seconds, on_progress=on_progress)
        return runner.run(iter_sources(paths, config.limits))
    finally:
        sink.close()
        report.close()


def count_documents(paths: Iterable[str | os.PathLike], config: Config) -> int:
    """How many files a bulk run over `paths` will look at (for the progress bar)."""
    return count_sources(list(paths), config.limits)

"""Bulk ingest of historical minutes into the register: the service every front end calls.

`bulk_ingest(paths, config, ...)` walks the paths lazily, parses on a local process pool
(or a Dask cluster) and writes through the register's own `ingest_parsed`, in batches:
one transaction per batch, a savepoint per document, so a document is stored whole or not
at all and a failed one does not take its batch-mates with it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Optional

from sqlalchemy import select

from govbot.bulk.pool import DaskPool, ProcessPool
from govbot.bulk.runner import CURRENT, ERROR, OLDER, BulkSummary, ErrorReport, Runner
from govbot.bulk.sources import count_sources, iter_sources
from govbot.bulk.worker import Outcome
from govbot.config import Config
from govbot.domain import ParsedDocument

BATCH_DOCS, BATCH_SECONDS = 50, 1.0


class RegisterSink:
    """The runner's view of the register: what is known by content hash, and batched writes."""

    def __init__(self, store, config: Config, parser_version: str):
        self.store, self.config = store, config
        self.parser_version = parser_version
        self._lookup = None

    def close(self) -> None:
        if self._lookup is not None:
            self._lookup.close()
            self._lookup = None

    def status(self, content_hash: str) -> Optional[tuple[str, str]]:
        from govbot.store.tables import SourceFile

        query = select(SourceFile.parser_version, SourceFile.name).where(SourceFile.sha256 == content_hash)
        if self._lookup is None:  # one connection for every look-up: a session each costs 5x more
            self._lookup = self.store.engine.connect()
        try:
            row = self._lookup.execute(query.limit(1)).first()
        finally:
            self._lookup.rollback()  # never hold a read snapshot between files
        if row is None:
            return None
        return (CURRENT if row.parser_version == self.parser_version else OLDER), row.name

    def write(self, outcomes: list[Outcome], reparse: bool) -> list[tuple[str, Optional[str]]]:
        from govbot.service.register import ingest_parsed
        from govbot.store.writer import DocumentMeta

        results = []
        with self.store.write() as session:
            for outcome in outcomes:
                meta = DocumentMeta(name=outcome.name, sha256=outcome.content_hash, format=outcome.format,
                                    size_bytes=outcome.size)
                try:
                    with session.begin_nested():  # this document whole, or not at all
                        stored = ingest_parsed(session, meta, ParsedDocument.model_validate(outcome.contract),
                                               config=self.config)
                except Exception as exc:  # one bad document must not sink its batch
                    results.append((ERROR, f"could not be stored ({type(exc).__name__}: {_one_line(exc)})"))
                    continue
                results.append((stored.status, None))
        return results


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

"""The bulk loop: walk -> hash -> skip what is known -> parse on workers -> write in batches.

The parent is the only writer. It hashes each file before any worker sees it, so a
document already stored with this parser version costs one read and one lookup. Results
are written in batches (`batch_docs` documents or `batch_seconds`, whichever comes first),
one transaction per batch and all-or-nothing per document, so an interrupted run loses
at most the batch being written and a second run picks up where the first stopped.
"""
from __future__ import annotations

import csv
import hashlib
import signal
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Protocol

from govbot.bulk.sources import Source, SourceError
from govbot.bulk.worker import Outcome, Task

CURRENT, OLDER = "current", "older"  # what the register knows of a content hash
STORED, UPDATED, UNCHANGED, ERROR = "stored", "updated", "unchanged", "error"


class Sink(Protocol):
    """Where parsed documents go (the register); see govbot.service.bulk."""

    def status(self, content_hash: str) -> Optional[tuple[str, str]]:
        """(CURRENT or OLDER, the stored file's name) if this content is stored (CURRENT: by
        this parser version, OLDER: by an earlier one), else None."""

    def write(self, outcomes: list[Outcome], reparse: bool) -> list[tuple[str, Optional[str]]]:
        """Store a batch in one transaction, all-or-nothing per document. Per outcome:
        (STORED | UPDATED | UNCHANGED, None), or (ERROR, the reason it was not stored)."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class BulkSummary:
    files: int = 0
    stored: int = 0
    updated: int = 0  # a stored document replaced: re-parsed, or a new version of its file
    unchanged: int = 0  # this file is already stored by this parser version
    duplicates: int = 0  # another file with the same content is stored: reported, stored once
    skipped: int = 0  # not minutes at all (code, settings files): in the report, not stored
    older: int = 0  # stored by an older parser version and left alone (no --reparse)
    errors: int = 0
    pages: int = 0
    resolutions: int = 0
    delegations: int = 0
    with_resolutions: int = 0
    with_delegations: int = 0
    incomplete: int = 0  # documents with an item cut off part-way
    restarts: int = 0  # workers replaced after a time limit, memory limit or crash
    worker_peak_mb: float = 0.0  # the largest peak resident memory of any one worker
    seconds: float = 0.0
    write_seconds: float = 0.0  # of which the parent spent writing to the register
    stopped: bool = False  # interrupted (Ctrl-C) before the end
    first_errors: list = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.updated + self.unchanged + self.duplicates + self.skipped + self.older + self.errors

    @property
    def docs_per_second(self) -> float:
        return (self.stored + self.updated) / self.seconds if self.seconds else 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


class ErrorReport:
    """The error report: one CSV row (path, reason) per file not stored, written as it happens."""

    def __init__(self, path: Optional[Path]):
        self._file = open(path, "w", newline="", encoding="utf-8") if path else None
        self._csv = csv.writer(self._file) if self._file else None
        if self._csv:
            self._csv.writerow(["path", "reason"])
            self._file.flush()

    def add(self, name: str, reason: str) -> None:
        if self._csv:
            self._csv.writerow([name, reason])
            self._file.flush()  # a killed run still leaves its report

    def close(self) -> None:
        if self._file:
            self._file.close()


class Runner:
    def __init__(self, executor, sink: Sink, *, reparse: bool = False, errors: Optional[ErrorReport] = None,
                 batch_docs: int = 50, batch_seconds: float = 1.0,
                 on_progress: Optional[Callable[[BulkSummary], None]] = None):
        self.executor, self.sink, self.reparse = executor, sink, reparse
        self.errors = errors or ErrorReport(None)
        self.batch_docs, self.batch_seconds = batch_docs, batch_seconds
        self.on_progress = on_progress or (lambda summary: None)
        self.summary = BulkSummary()
        self._pending: list[Outcome] = []
        self._pending_since = 0.0
        self._in_flight: dict[str, str] = {}  # hash -> name, submitted and not yet written: bounded
        self._stop = False
        # One writer thread: a batch is written while the workers parse the next ones.
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="govbot-bulk-writer")
        self._writing: Optional[tuple[list[Outcome], Future]] = None

    def run(self, sources: Iterable[Source]) -> BulkSummary:
        started = time.monotonic()
        previous = self._catch_ctrl_c()
        try:
            self._loop(iter(sources), started)
        except KeyboardInterrupt:
            self.summary.stopped = True
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            self.executor.close()
            self.summary.restarts = getattr(self.executor, "restarts", 0)
            try:
                self._write()  # finished parses are kept, even on Ctrl-C
            finally:
                self._writer.shutdown(wait=True)
            self.summary.seconds = time.monotonic() - started
            self.on_progress(self.summary)
        return self.summary

    def _catch_ctrl_c(self):
        """First Ctrl-C: finish cleanly (write what is parsed, stop the workers). A second
        one stops at once; a batch being written still commits whole or not at all."""
        if threading.current_thread() is not threading.main_thread():
            return None

        def on_sigint(signum, frame):
            if self._stop:
                raise KeyboardInterrupt
            self._stop = self.summary.stopped = True

        return signal.signal(signal.SIGINT, on_sigint)

    def _loop(self, sources: Iterator[Source], started: float) -> None:
        exhausted = False
        while not self._stop:
            while not exhausted and self.executor.free():
                source = next(sources, None)
                if source is None:
                    exhausted = True
                else:
                    self._take(source)
            if exhausted and not self.executor.busy:
                return
            for outcome in self.executor.wait(0.2):
                self._collect(outcome)
            self._written(block=False)
            if self._pending and (len(self._pending) >= self.batch_docs
                                  or time.monotonic() - self._pending_since >= self.batch_seconds):
                if self._writing and len(self._pending) >= self.batch_docs:
                    self._written(block=True)  # the register is behind: parsed results stay bounded
                if not self._writing:
                    batch, self._pending = self._pending, []
                    self._writing = (batch, self._writer.submit(self._timed_write, batch))
            self.summary.seconds = time.monotonic() - started
            self.on_progress(self.summary)

    def _take(self, source: Source) -> None:
        """Read and hash one file in the parent; send it to a worker only if it is new."""
        self.summary.files += 1
        if source.error:
            return self._error(source.name, source.error)
        if source.skip:
            self.summary.skipped += 1
            return self.errors.add(source.name, source.skip)
        try:
            data = source.read()
        except SourceError as exc:
            return self._error(source.name, str(exc))
        digest = content_hash(data)
        if digest in self._in_flight:
            return self._duplicate(source.name, self._in_flight[digest])
        known = self.sink.status(digest)
        if known and known[1] != source.name and (known[0] == CURRENT or not self.reparse):
            return self._duplicate(source.name, known[1])
        if known and known[0] == CURRENT:
            self.summary.unchanged += 1
        elif known and not self.reparse:
            self.summary.older += 1
        else:
            self._in_flight[digest] = source.name
            self.executor.submit(Task(source.name, data, digest))

    def _duplicate(self, name: str, twin: str) -> None:
        """Two files, one content: stored once; the report says so, so none goes unaccounted."""
        self.summary.duplicates += 1
        self.errors.add(name, f"same content as {twin}: stored once, under that name")

    def _collect(self, outcome: Outcome) -> None:
        if not outcome.ok:
            self._in_flight.pop(outcome.content_hash, None)
            return self._error(outcome.name, outcome.reason)
        if not self._pending:
            self._pending_since = time.monotonic()
        self._pending.append(outcome)

    def _timed_write(self, batch: list[Outcome]) -> tuple[list, float]:
        started = time.monotonic()
        return self.sink.write(batch, self.reparse), time.monotonic() - started

    def _written(self, block: bool) -> None:
        """Account for the batch the writer thread has finished (waiting for it if `block`)."""
        if self._writing is None or (not block and not self._writing[1].done()):
            return
        batch, future = self._writing
        self._writing = None
        try:
            results, seconds = future.result()
        except BaseException:
            self._pending = batch + self._pending  # not written: kept for the final attempt
            raise
        self.summary.write_seconds += seconds
        self._account(batch, results)

    def _write(self) -> None:
        """Write everything parsed so far, in this thread, and wait for it."""
        self._written(block=True)
        if not self._pending:
            return
        batch = self._pending
        results, seconds = self._timed_write(batch)
        self.summary.write_seconds += seconds
        self._pending = []  # only once written: a Ctrl-C mid-write retries the batch
        self._account(batch, results)

    def _account(self, batch: list[Outcome], results: list) -> None:
        for outcome, (status, reason) in zip(batch, results):
            self._in_flight.pop(outcome.content_hash, None)
            if status == ERROR:
                self._error(outcome.name, reason)
            elif status == UNCHANGED:
                self.summary.unchanged += 1
            else:
                self._count(outcome, status)

    def _count(self, outcome: Outcome, status: str) -> None:
        s = self.summary
        if status == UPDATED:
            s.updated += 1
        else:
            s.stored += 1
        s.pages += outcome.pages
        s.worker_peak_mb = max(s.worker_peak_mb, outcome.peak_mb)
        s.resolutions += outcome.resolutions
        s.delegations += outcome.delegations
        s.with_resolutions += bool(outcome.resolutions)
        s.with_delegations += bool(outcome.delegations)
        s.incomplete += bool(outcome.incomplete)

    def _error(self, name: str, reason: str) -> None:
        self.summary.errors += 1
        if len(self.summary.first_errors) < 10:
            self.summary.first_errors.append((name, reason))
        self.errors.add(name, reason)

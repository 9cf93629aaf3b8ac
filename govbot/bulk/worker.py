"""What a bulk worker does with one file: bytes -> Document -> ParsedDocument, compactly.

Runs inside a worker process (or a Dask worker). The spaCy pipeline is loaded once per
process by `warm_up`; each file then runs under the per-file time limit (a signal alarm,
when on the main thread) and the process under the memory limit (RLIMIT_AS), so a hostile
file comes back as an error `Outcome` instead of taking the batch down.
"""
from __future__ import annotations

import os
import resource
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Optional

from govbot.config import Limits
from govbot.heap import collector_paused

MB = 1024 * 1024
MEMORY_REASON = "needed more than {} MB of memory (per-file memory limit)"


@dataclass
class Task:
    name: str
    data: bytes
    content_hash: str


@dataclass
class Outcome:
    """A compact result: the parse contract as JSON-ready data, or the reason it failed."""

    name: str
    content_hash: str
    reason: Optional[str] = None  # None when parsed
    contract: Optional[dict] = None
    format: Optional[str] = None
    pages: int = 0
    resolutions: int = 0
    delegations: int = 0
    incomplete: int = 0  # items cut off part-way
    seconds: dict = field(default_factory=dict)  # read (ingest) and parse (extract) time
    pid: int = 0
    size: int = 0  # bytes
    peak_mb: float = 0.0  # the worker process's peak resident memory so far

    @property
    def ok(self) -> bool:
        return self.reason is None


class FileTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise FileTimeout


# Touches every lazy part of the parser (the spaCy pipeline is loaded on the first
# delegation, date parsing on the first date): seconds paid once, not on some file.
WARM_TEXT = b"""Cabinet

Minutes of the meeting held on Wednesday, 12 March 2025

41 Home to School Transport (CS/25/07)

An Equality Impact Assessment would be completed and reported to Cabinet by 30 September 2025.

It was MOVED by Councillor Evans, SECONDED by Councillor Baker, and

RESOLVED

(a) that the Strategy be agreed; and

(b) that delegated authority be given to the Director of Finance, in consultation with the
Cabinet Member for Children's Services, to award the contracts within the approved budget.
"""


def warm_pipeline(limits: Optional[Limits] = None) -> None:
    """Load everything ingest and the parser load lazily (PDF and Word libraries, the
    spaCy pipeline, date data), once per process."""
    import importlib
    import pkgutil

    import govbot.ingest

    modules = [f"govbot.ingest.{m.name}" for m in pkgutil.iter_modules(govbot.ingest.__path__)]
    for name in modules + ["pdfplumber", "docx", "lxml.html"]:  # the readers import these lazily
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    parse_task(Task("warm-up.txt", WARM_TEXT, ""), limits or Limits())


def warm_up(limits: Limits) -> None:
    """Start of a worker: the pipeline loaded (a no-op when the fork server preloaded it),
    then this process's memory capped above what it now uses."""
    warm_pipeline(limits)
    limit_memory(limits.per_file_memory_mb)


def limit_memory(headroom_mb: float) -> None:
    """RLIMIT_AS = what the loaded worker uses + the per-file allowance."""
    try:
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return  # not Linux: no cap rather than a wrong one
    cap = used + int(headroom_mb * MB)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def parse_task(task: Task, limits: Limits) -> Outcome:
    """Ingest and parse one file under the per-file time limit; never raises."""
    with collector_paused():
        return run_limited(_parse, task, limits)


def run_limited(work, task: Task, limits: Limits) -> Outcome:
    """`work(task, limits)` under the per-file time limit, failures turned into Outcomes."""
    on_main = threading.current_thread() is threading.main_thread()
    if on_main:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, limits.per_file_seconds)
    try:
        return work(task, limits)
    except FileTimeout:
        return _failed(task, f"took longer than {limits.per_file_seconds:g} s (per-file time limit)")
    except MemoryError:
        return _failed(task, MEMORY_REASON.format(limits.per_file_memory_mb))
    except RecursionError:
        return _failed(task, "is nested too deeply to read")
    except Exception as exc:  # the parser's own bug must not stop the batch: report it
        return _failed(task, f"the parser failed ({type(exc).__name__}: {_one_line(exc)})")
    finally:
        if on_main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _parse(task: Task, limits: Limits) -> Outcome:
    from govbot.extract import PARSER_VERSION, parse_document
    from govbot.ingest import IngestError, read_bytes

    started = time.perf_counter()
    try:
        document = read_bytes(task.data, task.name, limits)
    except IngestError as exc:
        return _failed(task, _one_line(exc.reason) if getattr(exc, "reason", None) else _reason(exc, task.name))
    read = time.perf_counter()
    parsed = parse_document(document)
    done = time.perf_counter()
    parsed.id = parsed.id or PurePath(task.name.rsplit("!", 1)[-1]).stem
    parsed.parser_version = parsed.parser_version or PARSER_VERSION
    items = parsed.items
    return Outcome(
        name=task.name,
        content_hash=task.content_hash,
        contract=parsed.to_contract(),
        format=document.format,
        pages=document.pages,
        resolutions=sum(len(i.resolutions) for i in items),
        delegations=sum(len(i.delegations) for i in items),
        incomplete=sum(1 for i in items if i.incomplete),
        seconds={"read": read - started, "parse": done - read},
        size=len(task.data),
        pid=os.getpid(),
        peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def _failed(task: Task, reason: str) -> Outcome:
    return Outcome(name=task.name, content_hash=task.content_hash, reason=reason, pid=os.getpid())


def _reason(exc: Exception, name: str) -> str:
    """IngestError messages name the file; the error report has its own path column."""
    text = _one_line(exc)
    for prefix in (f"{name}: ", f"{PurePath(name).name}: "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _one_line(exc) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__

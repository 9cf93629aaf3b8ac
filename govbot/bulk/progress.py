"""What the governance officer watches during `govbot bulk`: a rich progress bar and a summary.

The total is counted in a background thread by walking the same paths (names only, no
reading), so a huge corpus starts at once with an unknown total and gains an ETA as soon
as the count is in.
"""
from __future__ import annotations

import threading
from typing import Callable, Optional

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from govbot.bulk.runner import BulkSummary


class BulkProgress:
    def __init__(self, console: Console, count_total: Optional[Callable[[], int]] = None):
        self.console = console
        self.progress = Progress(
            TextColumn("[bold]bulk[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[pages_s]:.0f} pages/s · [red]{task.fields[errors]} errors[/red]"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task("bulk", total=None, pages_s=0.0, errors=0)
        self._counter = threading.Thread(target=self._count, args=(count_total,), daemon=True) if count_total else None

    def _count(self, count_total: Callable[[], int]) -> None:
        try:
            total = count_total()
        except Exception:
            return  # the walk will report the problem itself; the bar just has no total
        self.progress.update(self.task, total=total)

    def __enter__(self) -> "BulkProgress":
        self.progress.start()
        if self._counter:
            self._counter.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def __call__(self, summary: BulkSummary) -> None:
        self.progress.update(self.task, completed=summary.done, pages_s=summary.pages_per_second, errors=summary.errors)


def print_summary(console: Console, summary: BulkSummary, errors_csv: Optional[str] = None) -> None:
    table = Table(title="Stopped early: committed batches are kept" if summary.stopped else "Bulk ingest", show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [
        ("files", summary.files),
        ("stored", summary.stored),
        ("updated (re-parsed, or a new version of a stored document)", summary.updated),
        ("unchanged (already stored, skipped)", summary.unchanged),
        ("same content as another file (stored once)", summary.duplicates),
        ("skipped: not minutes (code, settings files)", summary.skipped),
        ("stored by an older parser (use --reparse)", summary.older),
        ("errors", summary.errors),
        ("documents with resolutions", summary.with_resolutions),
        ("resolutions", summary.resolutions),
        ("documents with delegations", summary.with_delegations),
        ("delegations", summary.delegations),
        ("documents with an item cut off", summary.incomplete),
        ("workers replaced (time/memory limit, crash)", summary.restarts),
        ("pages", summary.pages),
        ("peak memory of one worker (MB)", f"{summary.worker_peak_mb:.0f}" if summary.worker_peak_mb else 0),
        ("seconds", f"{summary.seconds:.1f}"),
        ("documents/s", f"{summary.docs_per_second:.1f}"),
        ("pages/s", f"{summary.pages_per_second:.1f}"),
    ]
    for label, value in rows:
        if value or label in ("files", "stored", "errors"):
            table.add_row(label, str(value))
    console.print(table)
    for name, reason in summary.first_errors:
        console.print(f"[red]error[/red]: {name}: {reason}", highlight=False, soft_wrap=True)
    if summary.errors > len(summary.first_errors):
        more = summary.errors - len(summary.first_errors)
        where = f"; all are in {errors_csv}" if errors_csv else "; use --errors FILE.csv for the full list"
        console.print(f"… and {more} more{where}", highlight=False)

"""`govbot bulk PATH...`: take in years of minutes and reports at once, resumably."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError

from govbot.bulk.progress import BulkProgress, print_summary
from govbot.cli.app import app
from govbot.config import load_config
from govbot.service.bulk import BATCH_DOCS, bulk_ingest, count_documents


@app.command()
def bulk(
    paths: List[str] = typer.Argument(..., help="Folders, files, globs ('minutes/**/*.pdf') or .zip archives."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (default: one per core)."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Parse on a Dask cluster: its scheduler address."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Write the error report (path, reason) to this CSV."),
    reparse: bool = typer.Option(False, "--reparse", help="Re-parse documents stored by an older parser version (corrections are kept)."),
    batch: int = typer.Option(BATCH_DOCS, "--batch", min=1, hidden=True, help="Documents per transaction."),
) -> None:
    """Parse and store many minutes and reports; files already stored are skipped.

    Safe to stop (Ctrl-C) and run again: committed batches are kept and nothing is stored
    twice. Exit code 0 when every file was stored or skipped, 1 when some could not be
    (see --errors), 2 when the register or report could not be written, 130 when stopped early.
    """
    config = load_config()
    console = Console(stderr=True)
    try:
        with BulkProgress(console, lambda: count_documents(paths, config)) as progress:
            summary = bulk_ingest(paths, config, workers=workers, dask=dask, errors_csv=errors, reparse=reparse,
                                  on_progress=progress, batch_docs=batch)
    except KeyboardInterrupt:  # a second Ctrl-C: a batch is committed whole or not at all
        console.print("stopped: committed batches are kept; run the same command again to resume")
        raise typer.Exit(code=130)
    except (SQLAlchemyError, OSError) as exc:  # the register or the report file failed: say so plainly
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        console.print(f"[red]error[/red]: the register or the error report could not be written ({reason}); "
                      "committed batches are kept, run the same command again to resume", highlight=False)
        raise typer.Exit(code=2)
    print_summary(Console(), summary, str(errors) if errors else None)
    if summary.stopped:
        raise typer.Exit(code=130)
    if summary.errors:
        raise typer.Exit(code=1)

"""What every command module shares: one-line errors, the --as-of date, opening the register."""
from __future__ import annotations

import datetime as dt
from typing import NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape

from govbot.tracker.calendar import london_today


def fail(message: str, problems: Optional[list[str]] = None) -> NoReturn:
    """One clear line on stderr (and the reasons under it), exit code 1, never a traceback."""
    err = Console(stderr=True)
    err.print(f"[red]error[/red]: {escape(message)}", highlight=False, soft_wrap=True)
    for problem in problems or []:
        err.print(f"  - {escape(problem)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=1)


def as_of_date(value: Optional[str], flag: str = "--as-of") -> dt.date:
    """The date a command works as of: the given YYYY-MM-DD, else today in Europe/London."""
    if not value:
        return london_today(dt.datetime.now(dt.timezone.utc))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{flag}: not a date (YYYY-MM-DD): {value!r}")


def open_register(config):
    """The register named by the config; a database that cannot be opened is one clear error."""
    from sqlalchemy.exc import SQLAlchemyError

    from govbot.store.db import open_store

    try:
        return open_store(config)
    except SQLAlchemyError as exc:
        where = config.database_url.split("@")[-1]  # never print a password from the URL
        fail(f"cannot open the register at {where}: {str(exc.orig or exc).splitlines()[0]}")

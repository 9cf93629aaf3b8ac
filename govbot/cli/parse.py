"""`govbot parse FILE...`: parse without storing; JSON (the parse contract) or a readable view."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from govbot.cli.app import app
from govbot.cli.render import print_parsed
from govbot.config import load_config
from govbot.service import ParseFailure, parse_path


class OutputFormat(str, Enum):
    json = "json"
    text = "text"


@app.command()
def parse(
    files: List[Path] = typer.Argument(..., help="Minutes or reports: HTML, PDF, DOCX or text."),
    format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="json or text."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write one <stem>.json per file here."),
) -> None:
    """Parse council minutes and reports into resolutions, delegations and obligations."""
    config = load_config()
    console, errors = Console(), Console(stderr=True)
    failed = 0
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for path in files:
        try:
            parsed = parse_path(path, config)
        except ParseFailure as exc:
            errors.print(f"[red]error[/red]: {exc}", markup=True, highlight=False, soft_wrap=True)
            failed += 1
            continue
        contract = parsed.to_contract()
        if out:
            (out / f"{path.stem}.json").write_text(json.dumps(contract, indent=2, ensure_ascii=False), encoding="utf-8")
        if format is OutputFormat.json and not out:
            typer.echo(json.dumps(contract, indent=2, ensure_ascii=False))
        elif format is OutputFormat.text:
            print_parsed(console, parsed, source=path)
    if failed:
        raise typer.Exit(code=1)

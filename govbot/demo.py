"""`make demo`: govbot's main job, end to end, on the project's own sample documents.

Each step prints what a governance officer would look at. Output files go to demo-output/.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console

from govbot.cli.render import print_parsed
from govbot.config import PROJECT_ROOT, load_config
from govbot.service import parse_path

SAMPLES = PROJECT_ROOT / "samples"
OUT = PROJECT_ROOT / "demo-output"
MINUTES = SAMPLES / "cabinet_minutes_2025-03-12.txt"


def step_parse(console: Console, today: dt.date) -> None:
    """Parse the sample Cabinet minutes and show what was decided; write the JSON."""
    parsed = parse_path(MINUTES, load_config())
    print_parsed(console, parsed, source=MINUTES.relative_to(PROJECT_ROOT))
    target = OUT / f"{MINUTES.stem}.json"
    target.write_text(parsed.model_dump_json(indent=2), encoding="utf-8")
    console.print(f"\n[green]wrote[/green] {target.relative_to(PROJECT_ROOT)}")


STEPS = [step_parse]


def main() -> None:
    console = Console()
    OUT.mkdir(exist_ok=True)
    today = dt.date.today()
    for step in STEPS:
        console.rule(f"[bold green]{(step.__doc__ or step.__name__).strip().splitlines()[0]}")
        step(console, today)


if __name__ == "__main__":
    main()

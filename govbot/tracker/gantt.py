"""The Appendix A timeline as a Gantt chart PNG: one bar per milestone, coloured by status,
a line for today, and markers for the obligations and delegations hanging off milestones.

matplotlib with the Agg backend (no display); the figure is closed after saving so a
long-running process (Slack app, scheduler) does not accumulate figures.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Mapping, Optional, Sequence

import matplotlib

matplotlib.use("Agg")  # before pyplot: never look for a display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from govbot.domain import Milestone  # noqa: E402

STATUS_COLOURS = {  # readable in print and for most colour-blind readers
    "planned": "#9db3c9",
    "in progress": "#2e75b6",
    "late": "#c00000",
    "done": "#548235",
}
MARKERS = {"obligation": ("D", "#7030a0"), "delegation": (">", "#ed7d31")}
TODAY_COLOUR = "#000000"
DPI = 100
WIDTH_IN = 12.0

Annotation = tuple[str, str, str]  # (milestone name, label, kind: obligation | delegation)


def figure_size(rows: int) -> tuple[float, float]:
    """Inches: a fixed width, and height growing with the number of milestones."""
    return WIDTH_IN, 1.8 + 0.6 * max(rows, 1)


def gantt_png(milestones: Sequence[Milestone], statuses: Mapping[str, str], today: dt.date,
              path: Path, *, title: str = "Appendix A timeline",
              annotations: Sequence[Annotation] = ()) -> Path:
    """Draw the chart to `path` (PNG; PDF when the name ends .pdf) and return it. `statuses`
    maps milestone name to a MilestoneStatus value; one missing is drawn as planned."""
    path = Path(path)
    fig, ax = plt.subplots(figsize=figure_size(len(milestones)), dpi=DPI)
    try:
        _draw(ax, list(milestones), statuses, today, annotations)
        ax.set_title(title, loc="left", fontsize=13, fontweight="bold")
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="pdf" if path.suffix.lower() == ".pdf" else "png", dpi=DPI)
    finally:
        plt.close(fig)
    return path


def _span(m: Milestone) -> tuple[Optional[dt.date], Optional[dt.date]]:
    start, end = m.start or m.end, m.end or m.start
    return start, end


def _draw(ax, milestones, statuses, today, annotations):
    dated = [d for m in milestones for d in _span(m) if d]
    first = min(dated + [today])
    last = max(dated + [today])
    pad = dt.timedelta(days=max(20, (last - first).days // 25))
    left, right = first - pad, last + pad * 3
    bounds = (mdates.date2num(left), mdates.date2num(right))
    hanging = _by_milestone(annotations)
    for row, m in enumerate(milestones):
        status = str(statuses.get(m.name, "planned"))
        colour = STATUS_COLOURS.get(status, STATUS_COLOURS["planned"])
        start, end = _span(m)
        if start is None:
            ax.text(mdates.date2num(first), row, "  no dates: add them with govbot timeline import",
                    va="center", fontsize=8, color="#595959", style="italic")
            continue
        x0 = mdates.date2num(start)
        width = max(mdates.date2num(end + dt.timedelta(days=1)) - x0, 4)
        ax.barh(row, width, left=x0, height=0.5, color=colour, edgecolor="#404040", linewidth=0.5)
        ax.text(x0 + width / 2, row, status, ha="center", va="center", fontsize=7,
                color="white" if status in ("in progress", "late", "done") else "#1f1f1f")
        _hang(ax, row, x0, x0 + width, hanging.get(m.name, []), bounds)
    near_right = (today - left).days > 0.85 * (right - left).days
    ax.axvline(mdates.date2num(today), color=TODAY_COLOUR, linestyle="--", linewidth=1.2)
    ax.text(mdates.date2num(today), -0.75, f" today {today.day} {today:%b %Y} ", fontsize=8,
            va="bottom", ha="right" if near_right else "left", color=TODAY_COLOUR)
    _axes(ax, milestones, left, right)
    _legend(ax, annotations)


def _by_milestone(annotations) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for milestone, label, kind in annotations:
        if (label, kind) not in out.setdefault(milestone, []):  # minutes and report say it twice
            out[milestone].append((label, kind))
    return out


def _hang(ax, row, x_start, x_end, items, bounds):
    """Markers beside the bar, each with a short label, stacked in the row, on the side
    with more room; labels are cut to fit so they stay inside the chart."""
    room_before, room_after = x_start - bounds[0], bounds[1] - x_end
    after = room_after >= room_before
    x_mark, x_text = (x_end + 6, x_end + 14) if after else (x_start - 6, x_start - 14)
    px_per_day = WIDTH_IN * DPI * 0.75 / max(bounds[1] - bounds[0], 1)
    fits = max(12, int((max(room_after, room_before) - 16) * px_per_day / 4.4))
    for i, (label, kind) in enumerate(items[:3]):
        marker, colour = MARKERS.get(kind, ("o", "#404040"))
        y = row - 0.18 + 0.22 * i if len(items) > 1 else row
        ax.plot(x_mark, y, marker=marker, color=colour, markersize=7, linestyle="none")
        ax.text(x_text, y, textwrap.shorten(label, min(75, fits), placeholder="…"), va="center",
                ha="left" if after else "right", fontsize=7, color="#1f1f1f",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    if len(items) > 3:
        ax.text(x_text, row + 0.45, f"+{len(items) - 3} more", fontsize=6, color="#595959",
                ha="left" if after else "right")


def _axes(ax, milestones, left, right):
    ax.set_xlim(mdates.date2num(left), mdates.date2num(right))
    ax.set_ylim(len(milestones) - 0.4, -1)
    ax.set_yticks(range(len(milestones)))
    ax.set_yticklabels([textwrap.fill(m.name, 34) for m in milestones], fontsize=8)
    span_days = (right - left).days
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=1 if span_days < 500 else 3))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#d9d9d9", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _legend(ax, annotations):
    handles = [Patch(facecolor=c, edgecolor="#404040", label=s) for s, c in STATUS_COLOURS.items()]
    kinds = {kind for _, _, kind in annotations}
    for kind, (marker, colour) in MARKERS.items():
        if kind in kinds:
            handles.append(Line2D([], [], marker=marker, color=colour, linestyle="none", label=kind))
    handles.append(Line2D([], [], color=TODAY_COLOUR, linestyle="--", label="today"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=len(handles),
              fontsize=8, frameon=False)

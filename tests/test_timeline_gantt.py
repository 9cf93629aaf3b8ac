"""The Gantt chart PNG: right size, status colours, today's line, hanging markers."""
from __future__ import annotations

import datetime as dt

from PIL import Image

from govbot.domain import Milestone
from govbot.tracker.gantt import DPI, MARKERS, STATUS_COLOURS, figure_size, gantt_png

D = dt.date
PROGRAMME = [
    Milestone(name="Prior Information Notice and market testing questionnaire",
              start=D(2025, 3, 1), end=D(2025, 4, 30)),
    Milestone(name="Procurement options appraisal", start=D(2025, 4, 1), end=D(2025, 6, 30)),
    Milestone(name="Service specifications", start=D(2025, 7, 1), end=D(2025, 10, 31)),
    Milestone(name="Dynamic purchasing system in place", start=D(2026, 1, 1), end=D(2026, 1, 31)),
    Milestone(name="Review of routes"),  # no dates yet
]
STATUSES = {"Prior Information Notice and market testing questionnaire": "done",
            "Procurement options appraisal": "in progress",
            "Service specifications": "planned",
            "Dynamic purchasing system in place": "late"}


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def colours_in(path):
    with Image.open(path) as img:
        return {c for _, c in img.convert("RGB").getcolors(maxcolors=1 << 20)}


def test_png_has_expected_size_and_status_colours(tmp_path):
    out = gantt_png(PROGRAMME, STATUSES, D(2025, 5, 20), tmp_path / "charts" / "cs.png",
                    title="CS/25/07 Appendix A",
                    annotations=[("Procurement options appraisal", "(d) award contracts", "delegation"),
                                 ("Service specifications", "Equality Impact Assessment", "obligation")])
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = figure_size(len(PROGRAMME))
    with Image.open(out) as img:
        assert img.size == (int(w * DPI), int(h * DPI))
    found = colours_in(out)
    for colour in list(STATUS_COLOURS.values()) + [MARKERS["delegation"][1], MARKERS["obligation"][1]]:
        assert rgb(colour) in found, colour


def test_empty_and_undated_timelines_still_draw(tmp_path):
    assert gantt_png([], {}, D(2025, 5, 20), tmp_path / "empty.png").exists()
    only = gantt_png([Milestone(name="Go live", end=D(2026, 1, 31))], {}, D(2026, 2, 2),
                     tmp_path / "one.png")
    assert rgb(STATUS_COLOURS["planned"]) in colours_in(only)  # unknown status drawn as planned

"""Milestones typed up by an officer, for timelines govbot cannot read (an image, a scan).

CSV: a header row then one milestone per line; columns name, start, end, owner, with the
usual synonyms (Milestone/Activity/Task; Start date/From; End/Due/Date/Completion;
Owner/Lead/Responsible). YAML: a list of mappings with the same keys, or a mapping with a
`milestones:` list. Dates as in reports: "2025-03-31", "March 2025", "Jan-26", "Q2 2025",
"w/c 3 March 2025", "31/03/2025" (day first).

Every error is one line naming the file, the line and the field at fault.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Optional

import yaml

from govbot.domain import Milestone
from govbot.extract.timeline import parse_period

COLUMNS = {
    "name": ("name", "milestone", "activity", "task", "stage", "description", "title",
             "milestone name", "activity name", "step", "deliverable"),
    "start": ("start", "start date", "from", "begins", "begin", "starts", "commences"),
    "end": ("end", "end date", "due", "due date", "date", "completion", "completion date",
            "finish", "deadline", "to", "by", "target date", "ends"),
    "owner": ("owner", "lead", "lead officer", "responsible", "responsible officer",
              "officer", "who", "accountable"),
}


class TimelineImportError(ValueError):
    """Bad import file; str() is one line naming the file, line and field."""


def read_milestones(path: Path) -> list[Milestone]:
    """Milestones from a .csv, .yaml or .yml file."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise TimelineImportError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise TimelineImportError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return milestones_from_csv(text, str(path))
    if suffix in (".yaml", ".yml"):
        return milestones_from_yaml(text, str(path))
    raise TimelineImportError(f"{path}: expected a .csv, .yaml or .yml file")


def _role(header: str) -> Optional[str]:
    key = " ".join(str(header or "").strip().lower().replace("_", " ").split())
    for role, names in COLUMNS.items():
        if key in names:
            return role
    return None


def _date(value, role: str, where: str) -> Optional[dt.date]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    period = parse_period(str(value))
    if period is None:
        raise TimelineImportError(f"{where}, field '{role}': {str(value)!r} is not a date "
                                  f"(try 2025-03-31, March 2025 or Q2 2025)")
    return period[0] if role == "start" else period[1]


def _milestone(fields: dict, where: str) -> Milestone:
    name = " ".join(str(fields.get("name") or "").split())
    if not name:
        raise TimelineImportError(f"{where}, field 'name': missing")
    start = _date(fields.get("start"), "start", where)
    end = _date(fields.get("end"), "end", where)
    if start and end and start > end:
        raise TimelineImportError(f"{where}, field 'end': {end.isoformat()} is before the start "
                                  f"{start.isoformat()}")
    owner = " ".join(str(fields.get("owner") or "").split()) or None
    return Milestone(name=name, start=start, end=end, owner=owner, source="imported")


def _no_repeats(milestones: list[tuple[Milestone, str]]) -> list[Milestone]:
    seen: dict[str, str] = {}
    for m, where in milestones:
        key = m.name.lower()
        if key in seen:
            raise TimelineImportError(f"{where}, field 'name': {m.name!r} repeats {seen[key]}")
        seen[key] = where
    return [m for m, _ in milestones]


def milestones_from_csv(text: str, name: str = "CSV") -> list[Milestone]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise TimelineImportError(f"{name}: empty; expected a header row such as name,start,end,owner")
    roles = [_role(h) for h in header]
    if "name" not in roles:
        raise TimelineImportError(
            f"{name} line 1: no name column (found {', '.join(h for h in header if h)}; "
            f"expected one of {', '.join(COLUMNS['name'][:4])})")
    out = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise TimelineImportError(f"{name} line {line}: {len(row)} fields but the header has "
                                      f"{len(header)} (a comma inside a name needs quotes)")
        fields = {}
        for role, cell in zip(roles, row):
            if role and role not in fields:
                fields[role] = cell
        where = f"{name} line {line}"
        out.append((_milestone(fields, where), where))
    return _no_repeats(out)


def milestones_from_yaml(text: str, name: str = "YAML") -> list[Milestone]:
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise TimelineImportError(f"{name}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from exc
    items_node = root
    if isinstance(data, dict) and "milestones" in data:
        data = data["milestones"]
        items_node = next((v for k, v in root.value if k.value == "milestones"), None)
    if not isinstance(data, list):
        raise TimelineImportError(f"{name}: expected a list of milestones (name, start, end, owner)")
    lines = [n.start_mark.line + 1 for n in getattr(items_node, "value", [])]
    out = []
    for i, item in enumerate(data):
        where = f"{name} line {lines[i] if i < len(lines) else '?'} (milestone {i + 1})"
        if not isinstance(item, dict):
            raise TimelineImportError(f"{where}: expected a mapping with name, start, end, owner")
        fields = {}
        for key, value in item.items():
            role = _role(str(key))
            if role is None:
                raise TimelineImportError(f"{where}, field '{key}': not known (use name, start, end, owner)")
            fields.setdefault(role, value)
        out.append((_milestone(fields, where), where))
    return _no_repeats(out)

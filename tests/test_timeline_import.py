"""Milestones imported from CSV and YAML, with errors naming the line and field."""
from __future__ import annotations

import datetime as dt

import pytest

from govbot.tracker.timeline_import import TimelineImportError, read_milestones

D = dt.date


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_flexible_headers_and_report_dates(tmp_path):
    path = write(tmp_path, "cs-25-07.csv",
                 "\ufeffMilestone,Start date,Due,Lead officer\n"
                 "Prior Information Notice,March 2025,Apr-25,Head of Commissioning\n"
                 "\n"
                 "\"Provider engagement, phase 1\",2025-05-01,30/09/2025,\n"
                 "Dynamic purchasing system in place,,January 2026,\n")
    milestones = read_milestones(path)
    assert [(m.name, m.start, m.end, m.owner) for m in milestones] == [
        ("Prior Information Notice", D(2025, 3, 1), D(2025, 4, 30), "Head of Commissioning"),
        ("Provider engagement, phase 1", D(2025, 5, 1), D(2025, 9, 30), None),
        ("Dynamic purchasing system in place", None, D(2026, 1, 31), None),
    ]
    assert {m.source for m in milestones} == {"imported"}


def test_csv_semicolons(tmp_path):
    path = write(tmp_path, "t.csv", "name;start;end\nService specifications;Q3 2025;Oct 2025\n")
    [m] = read_milestones(path)
    assert (m.start, m.end) == (D(2025, 7, 1), D(2025, 10, 31))


@pytest.mark.parametrize("text, message", [
    ("name,start,end\nAppraisal,April 2025,someday\n", "t.csv line 2, field 'end': 'someday' is not a date"),
    ("name,start,end\n,April 2025,June 2025\n", "t.csv line 2, field 'name': missing"),
    ("name,start,end\nAppraisal,June 2025,April 2025\n", "t.csv line 2, field 'end': 2025-04-30 is before the start 2025-06-01"),
    ("what,when\nAppraisal,June 2025\n", "t.csv line 1: no name column"),
    ("", "t.csv: empty"),
    ("name,start\nA,May 2025\nB,June 2025,extra\n", "t.csv line 3: 3 fields but the header has 2"),
    ("name,end\nA,May 2025\na,June 2025\n", "t.csv line 3, field 'name': 'a' repeats"),
])
def test_csv_errors_name_line_and_field(tmp_path, text, message):
    with pytest.raises(TimelineImportError) as err:
        read_milestones(write(tmp_path, "t.csv", text))
    assert message in str(err.value) and "\n" not in str(err.value)


def test_yaml_list_and_mapping(tmp_path):
    listed = write(tmp_path, "a.yaml", "- name: Procurement options appraisal\n"
                                       "  start: 2025-04-01\n  end: June 2025\n  owner: Director of Finance\n"
                                       "- milestone: Service specifications\n  due: Oct-25\n")
    mapped = write(tmp_path, "b.yml", "milestones:\n" "  - {name: Provider engagement, start: May 2025, end: Sep 2025}\n")
    a = read_milestones(listed)
    assert [(m.name, m.start, m.end, m.owner) for m in a] == [
        ("Procurement options appraisal", D(2025, 4, 1), D(2025, 6, 30), "Director of Finance"),
        ("Service specifications", None, D(2025, 10, 31), None)]
    [b] = read_milestones(mapped)
    assert (b.start, b.end) == (D(2025, 5, 1), D(2025, 9, 30))


@pytest.mark.parametrize("text, message", [
    ("- name: A\n  end: May 2025\n- name: B\n  end: soon\n", "t.yaml line 3 (milestone 2), field 'end': 'soon' is not a date"),
    ("- name: A\n  colour: red\n", "t.yaml line 1 (milestone 1), field 'colour': not known"),
    ("name: A\n", "t.yaml: expected a list of milestones"),
    ("- name: A\n  end: [May\n", "t.yaml line 3: not valid YAML"),
    ("- just a string\n", "t.yaml line 1 (milestone 1): expected a mapping"),
])
def test_yaml_errors_name_line_and_field(tmp_path, text, message):
    with pytest.raises(TimelineImportError) as err:
        read_milestones(write(tmp_path, "t.yaml", text))
    assert message in str(err.value)


def test_other_files_refused_clearly(tmp_path):
    with pytest.raises(TimelineImportError, match="expected a .csv, .yaml or .yml file"):
        read_milestones(write(tmp_path, "t.xlsx", "x"))
    with pytest.raises(TimelineImportError, match="cannot read"):
        read_milestones(tmp_path / "missing.csv")
    with pytest.raises(TimelineImportError, match="not UTF-8"):
        read_milestones(write(tmp_path, "t.csv", "name\nCaf\xe9\n", encoding="latin-1"))

"""A Cabinet report is a proposal, not a decision: it is read as page_type "report"."""
from govbot.extract import parse_text

REPORT = """Northshire County Council

Waste Collection: Fleet Replacement

Report of the Director of Environment, ENV/26/03

Cabinet, 4 February 2026

1. Recommendations

The Cabinet is asked:

(a) to agree the Fleet Replacement Strategy; and

(b) to give delegated authority to the Director of Environment, in consultation with the Cabinet Member for Environment, to award the vehicle contract.

2. Background

The present fleet is eleven years old.
"""


def test_a_report_is_recognised_with_its_title_date_and_reference():
    parsed = parse_text(REPORT)
    assert parsed.page_type == "report"
    assert parsed.meeting_date == "2026-02-04"
    [item] = parsed.items
    assert item.title == "Waste Collection: Fleet Replacement"
    assert item.report_ref == "ENV/26/03"
    assert [r.label for r in item.resolutions] == ["a", "b"]


def test_minutes_that_quote_a_report_stay_minutes():
    minutes = "Minutes of the meeting of the Cabinet held on 4 February 2026\n\n" + REPORT + "\nRESOLVED that the Strategy be agreed.\n"
    assert parse_text(minutes).page_type == "minutes"

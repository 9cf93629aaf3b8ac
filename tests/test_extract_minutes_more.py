"""Minutes and committee-system pages of councils the parser has not yet seen (texts written
for these tests, never copied): English counties, districts and unitaries, London and
metropolitan boroughs, Scottish and Welsh councils, combined authorities, fire authorities and
police and crime panels; their item headings, triggers, meeting headers, movers, report
references, decision pages laid out as definition lists, and the damage PDF and OCR text does."""
from __future__ import annotations

import pytest

from govbot.extract import parse_document, parse_text
from govbot.ingest.html_page import read_html


def decided(parsed):
    return [i for i in parsed.items if i.resolutions]


def texts(item):
    return [(r.label, r.text) for r in item.resolutions]


def html(page: str):
    return parse_document(read_html(page.encode(), "page.html"))


# --- item headings -----------------------------------------------------------------------------

ITEM_HEADINGS = [
    # a district's minutes: "(1) Title" numbers each item in brackets
    ("Minutes of the Cabinet held on Wednesday 4 March 2026\n\n(1) Street Trading Policy\n\nThe Head of Licensing "
     "introduced the revised policy.\n\nRESOLVED – That the Street Trading Policy be adopted.\n\n(2) Allotment Rents\n\n"
     "RESOLVED – That allotment rents be frozen for 2026/27.\n",
     [("1", "Street Trading Policy"), ("2", "Allotment Rents")]),
    # "Item 12" and a dash before the title
    ("Executive Cabinet\n\nItem 12 – Local Plan Review\n\nRESOLVED: That the Local Plan timetable be approved.\n\n"
     "Item 13 – Leisure Contract\n\nRESOLVED: That the contract extension be agreed.\n",
     [("12", "Local Plan Review"), ("13", "Leisure Contract")]),
    # "12)" as a metropolitan borough's word processor numbers its items
    ("Cabinet\n\n12) Children's Services Sufficiency Strategy\n\nResolved: That the Strategy be approved.\n\n"
     "13) School Term Dates 2027/28\n\nResolved: That the term dates be agreed.\n",
     [("12", "Children's Services Sufficiency Strategy"), ("13", "School Term Dates 2027/28")]),
    # a combined authority's minute numbers
    ("Minutes of the Combined Authority Board\n\nMinute 45/26 Adult Skills Fund Allocations\n\nRESOLVED that the "
     "allocations be approved.\n\nMinute 46/26 Bus Franchising Update\n\nRESOLVED that the update be noted.\n",
     [("45/26", "Adult Skills Fund Allocations"), ("46/26", "Bus Franchising Update")]),
    # a London borough's cabinet numbers, with a tab
    ("Minutes of the Cabinet\n\nCAB 23\tHousing Revenue Account Business Plan\n\nRESOLVED that the Business Plan be "
     "approved.\n\nCAB 24\tCommunity Safety Partnership Plan\n\nRESOLVED that the Plan be noted.\n",
     [("CAB 23", "Housing Revenue Account Business Plan"), ("CAB 24", "Community Safety Partnership Plan")]),
    ("Minutes of the Executive\n\nEX/45 Capital Programme Monitoring\n\nRESOLVED that the report be noted.\n\n"
     "EX/46 Procurement of Highway Maintenance Services\n\nRESOLVED that the procurement be approved.\n",
     [("EX/45", "Capital Programme Monitoring"), ("EX/46", "Procurement of Highway Maintenance Services")]),
    # PDF text that lost the space after the number
    ("Minutes of the Cabinet\n\n12.Street Lighting Replacement\n\nRESOLVED that the programme be approved.\n\n"
     "13.Parking Enforcement Policy\n\nRESOLVED that the policy be adopted.\n",
     [("12", "Street Lighting Replacement"), ("13", "Parking Enforcement Policy")]),
    # a Scottish council's minute: numbered items and "Decision" under each
    ("Minute of Meeting of the Education Committee held on Thursday, 5 March 2026\n\n6. Early Learning and Childcare "
     "Expansion\n\nThere was submitted a report by the Executive Director of Education.\n\nDecision\n\nThe Committee "
     "agreed to approve the expansion plan.\n\n7. School Estate Strategy\n\nDecision\n\nThe Committee agreed to note "
     "the report.\n",
     [("6", "Early Learning and Childcare Expansion"), ("7", "School Estate Strategy")]),
    # "Item No. 5:" on a police and crime panel's minutes
    ("Police and Crime Panel\n\nItem No. 5: Proposed Police Precept 2026/27\n\nRESOLVED that the Panel supports the "
     "proposed precept.\n\nItem No. 6: Complaints Update\n\nRESOLVED that the update be noted.\n",
     [("5", "Proposed Police Precept 2026/27"), ("6", "Complaints Update")]),
]


@pytest.mark.parametrize("text,want", ITEM_HEADINGS, ids=[w[0][0] for _, w in ITEM_HEADINGS])
def test_item_headings_in_other_councils_styles(text, want):
    assert [(i.number, i.title) for i in decided(parse_text(text))] == want


def test_bracketed_item_numbers_are_not_taken_for_clause_labels():
    parsed = parse_text("Minutes of the Cabinet held on 4 March 2026\n\n(1) Street Trading Policy\n\nRESOLVED that:\n\n"
                        "(1) the Street Trading Policy be adopted; and\n\n(2) the Head of Licensing be authorised to set "
                        "the consent fees.\n\n(2) Allotment Rents\n\nRESOLVED that the rents be frozen.\n")
    first, second = decided(parsed)
    assert (first.number, first.title) == ("1", "Street Trading Policy")
    assert texts(first) == [("1", "the Street Trading Policy be adopted"),
                            ("2", "the Head of Licensing be authorised to set the consent fees")]
    assert (second.number, texts(second)) == ("2", [(None, "that the rents be frozen")])


# --- triggers ---------------------------------------------------------------------------------

TRIGGERS = [
    ("RESOLVED – (a) That the Air Quality Action Plan be adopted; and (b) That the Director of Environment be authorised "
     "to submit the Plan to DEFRA.\n",
     [("a", "That the Air Quality Action Plan be adopted"),
      ("b", "That the Director of Environment be authorised to submit the Plan to DEFRA")]),
    ("Resolved:\n1. That the Tree Strategy be approved.\n2. That the Strategy be reviewed in 2029.\n",
     [("1", "That the Tree Strategy be approved"), ("2", "That the Strategy be reviewed in 2029")]),
    ("DECISION\n\nThat the Empty Homes Policy be approved.\n", [(None, "That the Empty Homes Policy be approved")]),
    ("The Cabinet agreed:\n(a) to approve the Climate Action Plan;\n(b) to note the carbon budget.\n",
     [("a", "to approve the Climate Action Plan"), ("b", "to note the carbon budget")]),
    ("AGREED\n\nThat the Town Deal business case be submitted.\n", [(None, "That the Town Deal business case be submitted")]),
    ("RESOLVED UNANIMOUSLY that the Armed Forces Covenant be reaffirmed.\n",
     [(None, "that the Armed Forces Covenant be reaffirmed")]),
    ("RESOLVED UNANIMOUSLY:\n(1) That the Motion be supported.\n(2) That the Leader write to the Secretary of State.\n",
     [("1", "That the Motion be supported"), ("2", "That the Leader write to the Secretary of State")]),
    ("Having considered the report, Cabinet resolved that the Fees and Charges Schedule 2026/27 be approved.\n",
     [(None, "that the Fees and Charges Schedule 2026/27 be approved")]),
    ("It was RESOLVED (by 8 votes to 3) that the application be refused.\n", [(None, "that the application be refused")]),
    ("The Committee agreed:-\n(1) to approve the revised Roads Asset Management Plan; and\n(2) to instruct the Executive "
     "Director of Place to report on progress in 12 months.\n",
     [("1", "to approve the revised Roads Asset Management Plan"),
      ("2", "to instruct the Executive Director of Place to report on progress in 12 months")]),
    ("The Fire Authority RESOLVED that the Community Risk Management Plan 2026-2030 be approved for consultation.\n",
     [(None, "that the Community Risk Management Plan 2026-2030 be approved for consultation")]),
    ("DECISIONS:\n\n(i) The Combined Authority approved the Local Transport Plan.\n(ii) The Combined Authority noted the "
     "funding position.\n",
     [("i", "The Combined Authority approved the Local Transport Plan"),
      ("ii", "The Combined Authority noted the funding position")]),
]


@pytest.mark.parametrize("text,want", TRIGGERS, ids=[t[:24] for t, _ in TRIGGERS])
def test_triggers_in_other_councils_wording(text, want):
    (item,) = decided(parse_text("5. Report of the Director\n\n" + text))
    assert texts(item) == want


def test_scottish_decision_with_convener_consulted_and_kinds():
    (item,) = decided(parse_text(
        "8. Local Housing Strategy 2026-2031\n\nThere was submitted a report by the Executive Director of Housing "
        "(HSG/26/07).\n\nDecision\n\nThe Committee agreed:-\n\n(a) to approve the Local Housing Strategy 2026-2031;\n\n"
        "(b) to delegate authority to the Executive Director of Housing, in consultation with the Convener, to make "
        "minor amendments to the Strategy; and\n\n(c) to note that a progress report would be submitted to the "
        "Committee in March 2027.\n"))
    assert item.report_ref == "HSG/26/07"
    assert [(r.label, r.kinds) for r in item.resolutions] == [("a", ["approve"]), ("b", ["delegate"]), ("c", ["note"])]
    (d,) = item.delegations
    assert (d.resolution_label, d.delegates, d.consultees, d.power) == (
        "b", ["Executive Director of Housing"], ["Convener"], "make minor amendments to the Strategy")
    assert [(o.kind, o.due) for o in item.obligations] == [("report_back", "2027-03")]


def test_a_police_and_crime_panel_decides_not_to_veto():
    parsed = parse_text("Minutes of the Police and Crime Panel held on 6 February 2026\n\n7. Proposed Precept 2026/27\n\n"
                        "RESOLVED that the Panel does not veto the proposed precept of £14.00 for a Band D property and "
                        "that the Commissioner be informed accordingly.\n")
    assert (parsed.body, parsed.meeting_date) == ("Police and Crime Panel", "2026-02-06")
    (item,) = decided(parsed)
    assert texts(item) == [(None, "that the Panel does not veto the proposed precept of £14.00 for a Band D property and "
                                  "that the Commissioner be informed accordingly")]


# --- meeting headers and dates ------------------------------------------------------------------

HEADERS = [
    ("Notes of the meeting held on Thursday 12 February 2026\n\nPresent: Councillors Ash, Birch and Cole\n\n",
     "minutes", None, "2026-02-12"),
    ("Notes of meeting held on 12th February 2026 at 2.00 pm\n\n", "minutes", None, "2026-02-12"),
    ("Minutes of the Cabinet – 3 March 2026\n\n", "minutes", "Cabinet", "2026-03-03"),
    ("| Meeting | Cabinet |\n| Date | Wednesday 4 March 2026 |\n| Venue | Council Chamber |\n\n", "minutes", "Cabinet",
     "2026-03-04"),
    ("Minute of Meeting of the Education Committee held in the Council Chambers, Municipal Buildings, on Thursday, "
     "5 March 2026 at 10.00am.\n\n", "minutes", "Education Committee", "2026-03-05"),
    ("MINUTES OF THE MEETING OF THE FIRE AND RESCUE AUTHORITY\nFRIDAY 13 MARCH 2026\n\n", "minutes",
     "Fire and Rescue Authority", "2026-03-13"),
    ("Cofnodion / Minutes\nCabinet\nDyddiad / Date: 17 Mawrth 2026 / 17 March 2026\n\n", "minutes", "Cabinet",
     "2026-03-17"),
    ("Minutes of the meeting of the Combined Authority Board held at the Civic Hall on 20th March, 2026\n\n", "minutes",
     "Combined Authority Board", "2026-03-20"),
    ("LONDON BOROUGH OF EASTMOOR\n\nMINUTES of the CABINET\nMonday, 23 March 2026 at 7.00 pm\n\n", "minutes", "Cabinet",
     "2026-03-23"),
    ("Record of the Decisions of the Executive held on 24.03.2026\n\n", "minutes", "Executive", "2026-03-24"),
]


@pytest.mark.parametrize("head,kind,body,date", HEADERS, ids=[h[0][:30] for h in HEADERS])
def test_meeting_headers_of_other_councils(head, kind, body, date):
    parsed = parse_text(head + "5. Annual Budget\n\nRESOLVED that the budget be noted.\n")
    assert (parsed.page_type, parsed.body, parsed.meeting_date) == (kind, body, date)


def test_a_previous_meetings_notes_are_not_this_meetings_date():
    parsed = parse_text("Notes of the meeting held on 12 February 2026\n\n1. Notes of the previous meeting\n\nThe notes of "
                        "the meeting held on 8 January 2026 were agreed as a correct record.\n")
    assert parsed.meeting_date == "2026-02-12"


# --- movers ------------------------------------------------------------------------------------

MOVERS = [
    ("Bailie Fraser, seconded by Councillor Mair, moved that the recommendations be approved.",
     ("Bailie Fraser", "Councillor Mair")),
    ("Moved by Bailie Ann Reid, seconded by Councillor J Brown.", ("Bailie Ann Reid", "Councillor J Brown")),
    ("On the motion of Councillor Pritchard, seconded by Councillor Hughes, it was", ("Councillor Pritchard", "Councillor Hughes")),
    ("Councillor Okafor moved, and Councillor Lund seconded, the recommendation.", ("Councillor Okafor", "Councillor Lund")),
    ("(Proposed: Cllr. Evans, Seconded: Cllr. Roberts)", ("Cllr. Evans", "Cllr. Roberts")),
    ("Provost Hughes, seconded by Bailie Grant, moved approval of the report.", ("Provost Hughes", "Bailie Grant")),
    ("Cynigiwyd gan / Proposed by: Councillor Meinir Jones\nEiliwyd gan / Seconded by: Councillor Dafydd Owen",
     ("Councillor Meinir Jones", "Councillor Dafydd Owen")),
]


@pytest.mark.parametrize("line,want", MOVERS, ids=[m[0][:24] for m in MOVERS])
def test_movers_in_other_councils_wording(line, want):
    (item,) = decided(parse_text(f"5. Budget\n\n{line}\n\nRESOLVED that the budget be approved.\n"))
    assert (item.mover, item.seconder) == want


# --- report references -------------------------------------------------------------------------

REPORT_REFS = [
    ("The Cabinet considered a report of the Head of Housing (Report 12/2026).", "12/2026"),
    ("Report No. CAB 45/26 of the Director of Finance was submitted.", "CAB 45/26"),
    ("The Panel considered the Commissioner's proposals (Paper 3).", "3"),
    ("There had been circulated Report No. ECI/12/2026 by the Executive Chief Officer.", "ECI/12/2026"),
    ("The Committee considered a report by the Chief Officer (COM/26/045).", "COM/26/045"),
    ("Adroddiad / Report: ENV-26-03", "ENV-26-03"),
    ("The Cabinet received Report No.  FIN 07/26 of the Section 151 Officer.", "FIN 07/26"),
]


@pytest.mark.parametrize("line,want", REPORT_REFS, ids=[r[1] for r in REPORT_REFS])
def test_report_references_in_other_councils_styles(line, want):
    (item,) = decided(parse_text(f"5. Budget\n\n{line}\n\nRESOLVED that the budget be approved.\n"))
    assert item.report_ref == want


def test_a_year_range_or_a_date_is_no_report_reference():
    (item,) = decided(parse_text("5. Budget\n\nThe Cabinet considered the report on the 2026/2027 budget, "
                                 "published 12/02/2026.\n\nRESOLVED that the budget be approved.\n"))
    assert item.report_ref is None


# --- decision pages as definition lists ----------------------------------------------------------

_DL_PAGE = """<html><body><h1>Street Trading Policy Review</h1>
<dl><dt>Decision Maker</dt><dd>Cabinet</dd><dt>Date of decision</dt><dd>04/03/2026</dd>
<dt>Is Key Decision?</dt><dd>Yes</dd>
<dt>Decision</dt><dd><p>RESOLVED that:</p><ol type="a"><li>the revised Street Trading Policy be adopted;</li>
<li>the Head of Licensing be authorised, in consultation with the Cabinet Member for Community Safety, to set the
fees.</li></ol></dd><dt>Reasons for the decision</dt><dd>To bring the policy up to date.</dd></dl></body></html>"""


def test_a_decision_page_laid_out_as_a_definition_list_without_separators():
    parsed = html(_DL_PAGE)
    assert (parsed.page_type, parsed.body, parsed.meeting_date) == ("decision", "Cabinet", "2026-03-04")
    (item,) = parsed.items
    assert item.title == "Street Trading Policy Review"
    assert [r.label for r in item.resolutions] == ["a", "b"]
    (d,) = item.delegations
    assert (d.delegates, d.consultees, d.power) == (["Head of Licensing"], ["Cabinet Member for Community Safety"],
                                                    "set the fees")


def test_an_officer_decision_laid_out_as_a_definition_list():
    parsed = html("<html><body><h1>Award of Grounds Maintenance Contract</h1><dl><dt>Decision Taker</dt>"
                  "<dd>Director of Neighbourhoods</dd><dt>Decision made</dt><dd>10 March 2026</dd><dt>Decision</dt>"
                  "<dd>To award the grounds maintenance contract to Greenway Ltd.</dd></dl></body></html>")
    assert (parsed.page_type, parsed.body, parsed.meeting_date) == (
        "officer_decision", "Director of Neighbourhoods", "2026-03-10")


def test_an_issue_page_as_a_definition_list_with_the_meeting_row():
    parsed = html("<html><body><h1>Issue - items at meetings - Library Service Review</h1><dl><dt>Meeting</dt><dd>"
                  "17/03/2026 - Cabinet (Item 9)</dd><dt>Decision</dt><dd>RESOLVED that the Library Service Review "
                  "be approved for consultation.</dd></dl></body></html>")
    (item,) = decided(parsed)
    assert [r.text for r in item.resolutions] == ["that the Library Service Review be approved for consultation"]
    assert parsed.meeting_date == "2026-03-17"


# --- Welsh (bilingual) ------------------------------------------------------------------------------

def test_a_welsh_decision_page_gives_the_english_decision():
    parsed = parse_text(
        "Penderfyniad / Decision\n\nCyfarfod / Meeting: Cabinet\nDyddiad / Date: 10 Mawrth 2026 / 10 March 2026\n\n"
        "9. POLISI GORFODI / ENFORCEMENT POLICY\n\nPENDERFYNWYD / RESOLVED:\n\n(a) Mabwysiadu'r Polisi Gorfodi "
        "diwygiedig.\n(a) That the revised Enforcement Policy be adopted.\n\n(b) Dirprwyo awdurdod i'r Pennaeth "
        "Gwarchod y Cyhoedd wneud mân newidiadau.\n(b) That authority be delegated to the Head of Public Protection "
        "to make minor changes.\n")
    assert parsed.meeting_date == "2026-03-10"
    (item,) = decided(parsed)
    assert texts(item) == [("a", "That the revised Enforcement Policy be adopted"),
                           ("b", "That authority be delegated to the Head of Public Protection to make minor changes")]
    assert item.delegations[0].delegates == ["Head of Public Protection"]


def test_a_bilingual_item_heading_keeps_both_languages_in_its_title():
    parsed = parse_text("Cofnodion / Minutes\n\n5. CYLLIDEB 2026/27 / BUDGET 2026/27\n\nPENDERFYNWYD / RESOLVED: That the "
                        "budget be approved.\n\n6. CYNLLUN CORFFORAETHOL / CORPORATE PLAN\n\nPENDERFYNWYD / RESOLVED: "
                        "That the Plan be noted.\n")
    assert [(i.number, i.title) for i in decided(parsed)] == [
        ("5", "CYLLIDEB 2026/27 / BUDGET 2026/27"), ("6", "CYNLLUN CORFFORAETHOL / CORPORATE PLAN")]


# --- PDF and OCR damage -------------------------------------------------------------------------

def test_a_chairs_initials_line_inside_a_clause_is_no_part_of_it():
    (item,) = decided(parse_text(
        "45. Waste Strategy\n\nRESOLVED that:\n\n(a) the Waste Strategy be adopted; and\n\n(b) the Head of Waste be "
        "authorised to procure a new\nChairman's Initials ……………\n25\nrecycling contract within the approved budget.\n"))
    assert texts(item)[1] == ("b", "the Head of Waste be authorised to procure a new recycling contract within the "
                                   "approved budget")


def test_a_label_run_on_to_its_clause_and_a_trigger_glued_to_the_first_label():
    (item,) = decided(parse_text("45. Waste Strategy\n\nRESOLVED:(a)That the Strategy be adopted;\n(b)That the Head of "
                                 "Waste be authorised to award the contract.\n"))
    assert texts(item) == [("a", "That the Strategy be adopted"),
                           ("b", "That the Head of Waste be authorised to award the contract")]


def test_a_table_of_decisions_with_the_date_in_its_header_row():
    parsed = parse_text("| Cabinet – 18 March 2026 | | |\n|---|---|---|\n| Item | Title | Decision |\n"
                        "| 5 | Fees and Charges | RESOLVED that the fees be approved. |\n"
                        "| 6 | Asset Disposal | RESOLVED that the disposal be deferred. |\n")
    assert parsed.meeting_date == "2026-03-18"
    assert [r.text for i in decided(parsed) for r in i.resolutions] == [
        "that the fees be approved", "that the disposal be deferred"]


def test_ocr_letters_for_digits_in_a_resolution_label_list():
    (item,) = decided(parse_text("RESOLVED that:\n(l) the Plan be approved;\n(2) the Director be authorised to publish "
                                 "the Plan.\n"))
    assert [r.label for r in item.resolutions] == ["1", "2"]


def test_a_footer_with_the_meeting_name_and_page_between_two_clauses_of_a_metropolitan_borough():
    (item,) = decided(parse_text(
        "RESOLVED –\n\n1. That the Inclusive Growth Strategy be approved.\n\nExecutive Cabinet 25.03.2026\n\n2. That the "
        "Assistant Director of Growth be authorised to agree the delivery plan in consultation with the Executive Member "
        "for Growth.\n"))
    assert texts(item) == [("1", "That the Inclusive Growth Strategy be approved"),
                           ("2", "That the Assistant Director of Growth be authorised to agree the delivery plan in "
                                 "consultation with the Executive Member for Growth")]


def test_an_item_approving_the_notes_it_is_titled_by_gives_no_meeting_date():
    parsed = parse_text("Notes of meeting held on 14 January 2026\n\nRESOLVED that the notes of the meeting held on\n"
                        "14 January be approved as an accurate record.\n")
    assert parsed.meeting_date is None


def test_clauses_numbered_in_brackets_without_stops_are_not_items():
    parsed = parse_text("Minutes of the Cabinet\n\n5. Budget\n\nRESOLVED:\n\n(1) Cabinet approves the Budget for\n2026/27\n\n"
                        "(2) Cabinet notes the risks\n\n6. Fees\n\nRESOLVED that the fees be noted.\n")
    assert [(i.number, [r.label for r in i.resolutions]) for i in decided(parsed)] == [("5", ["1", "2"]), ("6", [None])]


def test_a_bracketed_item_after_a_single_numbered_clause_is_still_an_item():
    parsed = parse_text("Minutes of the Cabinet\n\n(1) Fees\n\nRESOLVED:\n\n(1) that the fees be approved.\n\n(2) Allotment "
                        "Rents\n\nRESOLVED that the rents be noted.\n")
    assert [(i.number, i.title) for i in decided(parsed)] == [("1", "Fees"), ("2", "Allotment Rents")]

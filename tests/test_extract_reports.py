"""A Cabinet report is a proposal, not a decision: it is read as page_type "report"."""
import pytest

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


# --- reports written other ways (the helper probes of other councils' drafting) ----------------

_HEAD = "Report to: Cabinet\nDate of meeting: 14 January 2026\nReport title: Treasury Strategy\n\n"


@pytest.mark.parametrize("background", [
    "On 3 March 2025 Cabinet resolved to review the strategy annually.",
    "On 3 March 2025 Cabinet RESOLVED that:\n\n(a) the strategy be reviewed annually; and\n(b) a report be brought back.",
])
def test_a_past_decision_cited_in_the_background_is_not_the_recommendation(background):
    parsed = parse_text(_HEAD + "1. Recommendations\n\n1.1 Cabinet is asked to:\n\n(a) approve the strategy;\n(b) note the "
                        f"outturn.\n\n2. Background\n\n2.1 {background}\n\n3. Financial implications\n\n3.1 None.\n")
    assert [(r.label, r.text, r.kinds) for i in parsed.items for r in i.resolutions] == [
        ("a", "approve the strategy", ["approve"]), ("b", "note the outturn", ["note"])]


@pytest.mark.parametrize("recommendation", [
    "1.1 Cabinet is asked to approve the strategy.",
    "1.1 It is recommended that Cabinet approves the strategy.",
    "The Cabinet is recommended to:\n\n1. approve the strategy.",
])
def test_the_asking_stem_is_no_part_of_the_recommendation(recommendation):
    parsed = parse_text(_HEAD + f"1. Recommendations\n\n{recommendation}\n\n2. Background\n\n2.1 The strategy was drafted.\n")
    (resolution,) = [r for i in parsed.items for r in i.resolutions]
    assert resolution.text in ("approve the strategy", "approves the strategy") and resolution.kinds == ["approve"]


def test_numbered_recommendations_keep_their_numbers_and_a_condition_before_council():
    parsed = parse_text("REPORT TO: CABINET\nDATE: 10 February 2026\nSUBJECT: Budget 2026/27\n\n2. Recommendations\n\n"
                        "2.1 That Cabinet notes the settlement.\n\n2.2 That Cabinet authorises the Section 151 Officer to "
                        "make technical adjustments to the budget papers before they are presented to Full Council.\n\n"
                        "3. Background\n\n3.1 The settlement was published in December.\n")
    assert parsed.page_type == "report"
    (item,) = parsed.items
    assert [r.label for r in item.resolutions] == ["2.1", "2.2"]
    d = item.delegations[0]
    assert (d.power, d.condition) == ("make technical adjustments to the budget papers",
                                      "before they are presented to Full Council")


def test_a_cover_page_list_of_appendices_does_not_hide_the_timeline():
    parsed = parse_text(_HEAD + "Appendices:\nAppendix A – Implementation timeline\nAppendix B – Equality Impact "
                        "Assessment\n\n2. Recommendations\n\n2.1 The Cabinet is asked to approve the plan.\n\n"
                        "Appendix A – Implementation timeline\n\nContract award – October 2026\nGo live – April 2027\n\n"
                        "Appendix B – Equality Impact Assessment\n\nNone.\n")
    assert [(m.name, str(m.start)) for m in parsed.timeline] == [("Contract award", "2026-10-01"),
                                                                  ("Go live", "2027-04-01")]


def test_a_scottish_committee_report_cover():
    parsed = parse_text("Strathmoor Council\n\nEducation, Children and Families Committee\n\n18 November 2025\n\n"
                        "Report No. ECF/25/41\n\nSchool Estate Bid\n\nReport by: Executive Director of Education\n\n"
                        "2. Recommendations\n\n2.1 The Committee is asked to:\n\n(i) approve the bid; and\n(ii) delegate "
                        "authority to the Executive Director of Education, in consultation with the Convener and Vice "
                        "Convener of the Committee, to finalise the bid documentation.\n\n3. Background\n\n3.1 None.\n")
    assert (parsed.page_type, parsed.body, parsed.meeting_date) == ("report", "Education, Children and Families Committee",
                                                                    "2025-11-18")
    (item,) = parsed.items
    assert (item.title, item.report_ref) == ("School Estate Bid", "ECF/25/41")
    assert item.delegations[0].consultees == ["Convener", "Vice Convener of the Committee"]
    parsed = parse_text("Policy and Resources Committee: 26 February 2026\n\nReport by: Head of People\n\n"
                        "1. Recommendations\n\n1.1 The Committee is asked to agree the Workforce Plan.\n")
    assert (parsed.body, parsed.meeting_date) == ("Policy and Resources Committee", "2026-02-26")


@pytest.mark.parametrize("lines, expected", [
    ("Principal road resurfacing – 2026/27\nBridge strengthening – 2027/28 to 2028/29",
     [("Principal road resurfacing", "2026-04-01", "2027-03-31"), ("Bridge strengthening", "2027-04-01", "2029-03-31")]),
    ("Workstream | Start | End | Lead\nBus station relocation | April 2026 | March 2028 | Head of Transport",
     [("Bus station relocation", "2026-04-01", "2028-03-31")]),
    ("Milestone                      Target date\nCarbon baseline refreshed      September 2026",
     [("Carbon baseline refreshed", "2026-09-01", "2026-09-30")]),
    ("Key milestone\tDate\nNew allowances paid\t1 November 2026", [("New allowances paid", "2026-11-01", "2026-11-01")]),
    ("Objection period – 2 March to 30 March 2026", [("Objection period", "2026-03-02", "2026-03-30")]),
])
def test_appendix_a_timelines_in_other_layouts(lines, expected):
    parsed = parse_text(_HEAD + "1. Recommendations\n\n1.1 The Cabinet is asked to approve the plan.\n\n"
                        f"Appendix A – Timeline\n\n{lines}\n")
    assert [(m.name, str(m.start), str(m.end)) for m in parsed.timeline] == expected


def test_a_subject_line_titles_the_report():
    parsed = parse_text("GLANNAU COUNTY COUNCIL\n\nREPORT TO: CABINET\nDATE: 3 February 2026\nSUBJECT: Proposal to "
                        "Establish a Welsh-medium Primary School\n\n2. RECOMMENDATIONS\n\n2.1 That Cabinet approves the "
                        "publication of the statutory notice.\n")
    assert (parsed.page_type, parsed.meeting_date) == ("report", "2026-02-03")
    assert parsed.items[0].title == "Proposal to Establish a Welsh-medium Primary School"


def test_recommendations_that_end_with_a_full_stop_are_not_taken_for_the_next_section():
    parsed = parse_text("Report of the Director of Communities\n\nCabinet – 11 March 2026\n\nCommunity Safety Plan\n\n"
                        "Recommendations\n\n1. To endorse the Community Safety Plan 2026-2029.\n2. To note the grant.\n\n"
                        "1. Introduction\n\n1.1 The Council has a statutory duty.\n")
    assert [(r.label, r.kinds) for i in parsed.items for r in i.resolutions] == [("1", ["endorse"]), ("2", ["note"])]


def test_a_report_to_a_cabinet_member_and_a_progress_report_requested():
    parsed = parse_text("Report to: Cabinet Member for Transport\nDate of decision: 5 February 2026\nReport title: Pelham "
                        "Road Crossing\n\nRecommendation:\n\nThat the Cabinet Member for Transport, having considered the "
                        "three objections received, approves the making of the Order as advertised.\n\n1. Background\n\n"
                        "1.1 A crossing was requested.\n")
    assert parsed.page_type == "report"
    assert [r.kinds for i in parsed.items for r in i.resolutions] == [["approve"]]
    parsed = parse_text(_HEAD + "1. Recommendations\n\n1.1 The Cabinet is asked to request a progress report to the "
                        "Corporate Parenting Board in six months' time.\n")
    assert [o.kind for i in parsed.items for o in i.obligations] == ["report_back"]


# --- report covers and recommendation headings in other councils' manners ---------------------

@pytest.mark.parametrize("cover, heading", [
    ("SOUTHWOLD COUNTY COUNCIL\n\nCABINET\n\n5 May 2026\n\nYouth Services Review\n\nReport of the Director of Children's Services",
     "RECOMMENDATION(S)\n\nThat Cabinet:"),
    ("Executive\n\n6 May 2026\n\nReport of: Director of Growth\n\nYouth Services Review", "Recommendations to the Executive\n\nThat the Executive:"),
    ("Report to Cabinet\n7 May 2026\n\nReport of: Director of Children's Services\n\nYouth Services Review",
     "Decision(s) recommended\n\nThat Cabinet:"),
    ("Cabinet\nDate: 8 May 2026\nTitle: Youth Services Review\nReport of: Director of Children's Services\n\n"
     "Purpose of the report\n\nTo set out the review.", "Recommendations\n\nThat Cabinet:"),
])
def test_a_report_is_known_by_its_recommendations_however_its_cover_is_drafted(cover, heading):
    parsed = parse_text(f"{cover}\n\n{heading}\n\n(a) approves the Youth Services Review;\n\n(b) notes the savings.\n\n"
                        "1. Background\n\n1.1 The service was last reviewed in 2019.\n")
    assert parsed.page_type == "report"
    assert [(r.label, r.text, r.kinds) for i in parsed.items for r in i.resolutions] == [
        ("a", "approves the Youth Services Review", ["approve"]), ("b", "notes the savings", ["note"])]


def test_recommendations_under_outline_and_recommendations_and_a_section_numbered_2_0():
    parsed = parse_text("Report title: Market Hall Lease\nDate: 1 June 2026\n\nOutline and recommendations\n\nThis report "
                        "seeks approval of a new lease.\n\nThe Mayor and Cabinet are recommended to:\n\n2.1 approve the lease of "
                        "the Market Hall to the Traders' Co-operative for ten years;\n\n2.2 delegate to the Director of "
                        "Regeneration the decision whether to grant a further five-year term.\n\n3. Policy context\n\n3.1 None.\n")
    (item,) = parsed.items
    assert [r.label for r in item.resolutions] == ["2.1", "2.2"]
    (d,) = item.delegations
    assert (d.delegates, d.power) == (["Director of Regeneration"], "the decision whether to grant a further five-year term")
    parsed = parse_text(_HEAD + "1.0 RECOMMENDATIONS\n\n1.1 That Cabinet approves the strategy.\n\n1.2 That Cabinet notes the "
                        "outturn.\n\n2.0 REASONS FOR RECOMMENDATIONS\n\n2.1 The strategy is due for renewal.\n")
    assert [r.label for i in parsed.items for r in i.resolutions] == ["1.1", "1.2"]


def test_what_a_report_promises_in_its_recommendations_and_not_in_its_purpose():
    parsed = parse_text(_HEAD + "1. Purpose of the report\n\n1.1 To seek approval of the draft Parking Strategy for "
                        "consultation.\n\n2. Recommendations\n\n2.1 Cabinet is recommended to:\n\n(a) approve a public "
                        "consultation on the draft Parking Strategy, to run for six weeks from 4 May 2026;\n\n(b) delegate "
                        "authority to the Head of Transport to agree the final consultation materials;\n\n(c) approve the "
                        "procurement of a parking enforcement contract;\n\n(d) approve the publication of a statutory notice "
                        "for the new charges; and\n\n(e) request an update on the first year's income in six months.\n\n"
                        "3. Background\n\n3.1 None.\n")
    assert sorted((o.kind, o.text[:12], o.due) for i in parsed.items for o in i.obligations) == [
        ("consultation", "approve a pu", "2026-06-15"), ("procurement_step", "approve the ", None),
        ("publication", "approve the ", None), ("report_back", "request an u", "2026-07-14")]  # six months from the meeting


def test_delegations_limited_by_a_step_still_to_come_or_by_a_circumstance():
    parsed = parse_text(_HEAD + "1. Recommendations\n\n1.1 Cabinet is asked to:\n\n(a) delegate authority to the Head of "
                        "Planning Policy to make editorial changes to the plan before consultation begins; and\n\n(b) authorise "
                        "the Head of Revenues to write off debts under £500 where recovery is uneconomic.\n")
    assert [(d.power, d.condition) for i in parsed.items for d in i.delegations] == [
        ("make editorial changes to the plan", "before consultation begins"),
        ("write off debts under £500", "where recovery is uneconomic")]


@pytest.mark.parametrize("cover, title", [
    ("Fernleigh Unitary Authority\n\nExecutive\n\n9 June 2026\n\nReport of: Director of Place\nExecutive Member: Executive "
     "Member for Transport\nKey Decision: Yes\n\nBus Service Improvement Plan: Refresh", "Bus Service Improvement Plan: Refresh"),
    ("Fernleigh Borough Council\n\nCabinet – 9 June 2026\n\nReport of the Director of Finance\n\nCapital Strategy 2026/27",
     "Capital Strategy 2026/27"),
    ("Fernleigh and Dale Council\n\nAudit Committee\n\nTuesday 9 June 2026\n\nReport by: Chief Internal Auditor\nRef: AC/26/04\n\n"
     "Internal Audit Annual Opinion", "Internal Audit Annual Opinion"),
    ("Fernleigh County Council\n\nReport to Cabinet, Tuesday, 9 June 2026: Home to School Transport: Route Review\n\n"
     "Report of the Director of Education.", "Home to School Transport: Route Review"),
])
def test_a_report_title_is_the_cover_line_that_names_no_council_meeting_date_or_field(cover, title):
    parsed = parse_text(f"{cover}\n\nRecommendations\n\n1. To approve the proposals.\n2. To note the risks.\n\n"
                        "1. Introduction\n\n1.1 None.\n")
    assert (parsed.page_type, parsed.items[0].title) == ("report", title)


@pytest.mark.parametrize("clause, kinds", [
    ("That Cabinet endorses the Corporate Plan and recommends it to Council for adoption.", ["endorse", "recommend"]),
    ("The Committee is invited to remit the Strategy to the Council for approval.", ["recommend"]),
])
def test_a_recommendation_passed_on_to_council(clause, kinds):
    parsed = parse_text(_HEAD + f"1. Recommendations\n\n{clause}\n\n2. Background\n\n2.1 None.\n")
    assert [r.kinds for i in parsed.items for r in i.resolutions] == [kinds]


@pytest.mark.parametrize("section, expected", [
    ("DECISION REQUIRED\n\nCabinet is asked to approve the purchase of Unit 4, Canal Wharf.",
     [(None, "approve the purchase of Unit 4, Canal Wharf")]),
    ("Recommended that:\n\n(1) the designation be made; and\n\n(2) the fees be approved.",
     [("1", "the designation be made"), ("2", "the fees be approved")]),
    ("SUMMARY AND RECOMMENDATIONS\n\nThis report presents the revised policy.\n\nMembers are asked to:\n\n1. approve the "
     "revised policy;\n\n2. note the consultation responses.", [("1", "approve the revised policy"), ("2", "note the consultation responses")]),
])
def test_recommendations_under_other_headings_and_after_a_summary(section, expected):
    parsed = parse_text("Oakhurst District Council\n\nCabinet\n\n14 October 2026\n\nReport of the Head of Property\n\nCanal "
                        f"Wharf\n\n{section}\n\n1. Introduction\n\n1.1 The units are vacant.\n")
    assert parsed.page_type == "report"
    assert [(r.label, r.text) for i in parsed.items for r in i.resolutions] == expected


def test_a_cover_sheet_printed_as_a_table():
    parsed = parse_text("| Report to: | Cabinet |\n| Date: | 21 October 2026 |\n| Report of: | Director of Environment |\n"
                        "| Title: | Electric Vehicle Charging Strategy |\n\n1. Recommendations\n\n1.1 That Cabinet adopts the "
                        "Strategy.\n\n1.2 That Cabinet notes the funding bid.\n\n2. Reasons\n\n2.1 Demand is rising.\n")
    assert (parsed.page_type, parsed.meeting_date, parsed.items[0].title) == (
        "report", "2026-10-21", "Electric Vehicle Charging Strategy")


def test_conditions_of_satisfaction_and_circumstance_and_a_duty_to_review():
    parsed = parse_text(_HEAD + "1. Recommendations\n\n1.1 Cabinet is asked to:\n\n(a) authorise the Head of Property to "
                        "dispose of the assets in Appendix 3, subject to the Section 151 Officer being satisfied that best "
                        "consideration has been obtained; and\n\n(b) authorise the Returning Officer to move polling places "
                        "where a venue becomes unavailable.\n\n2. Background\n\n2.1 The Council must review its polling places "
                        "every five years.\n")
    (item,) = parsed.items
    assert [d.condition for d in item.delegations] == [
        "subject to the Section 151 Officer being satisfied that best consideration has been obtained",
        "where a venue becomes unavailable"]
    assert [o.kind for o in item.obligations] == ["review"]


def test_a_cover_run_into_one_line_and_a_director_who_may_act():
    parsed = parse_text("Report to: Cabinet Date: 4 March 2026 Report of: Director of Highways Key Decision: Yes Report title: "
                        "Winter Service Plan 2026/27\n\n2. Recommendations\n\n2.1. That Cabinet agrees: • the Winter Service "
                        "Plan; • that the Director of Highways may change the gritting network during the season, after "
                        "consultation with the Cabinet Member for Highways, where weather conditions require it.\n\n"
                        "3. Background\n\n3.1. None.\n")
    (item,) = parsed.items
    assert item.title == "Winter Service Plan 2026/27"
    (d,) = item.delegations
    assert (d.delegates, d.consultees, d.power, d.condition) == (
        ["Director of Highways"], ["Cabinet Member for Highways"], "change the gritting network during the season",
        "where weather conditions require it")


def test_recommendations_numbered_one_by_one_or_to_a_third_level():
    parsed = parse_text("Cabinet Report\n\nMeeting date: 25 March 2026\nReport title: Community Safety Plan\n\n"
                        "Recommendation 1: That Cabinet endorses the Community Safety Plan.\n\nRecommendation 2: That Cabinet "
                        "notes the priorities for 2026/27.\n\nReasons for the recommendations\n\nThe plan is statutory.\n")
    assert [(r.label, r.kinds) for i in parsed.items for r in i.resolutions] == [("1", ["endorse"]), ("2", ["note"])]
    parsed = parse_text("Report to: Communities Committee\nDate: 15 April 2026\nReport by: Head of Housing\n\nRehousing Plan\n\n"
                        "1. RECOMMENDATION(S)\n\n1.1 That the Committee:\n\n1.1.1 notes the progress made;\n\n1.1.2 approves the "
                        "revised plan; and\n\n1.1.3 agrees that a further update be submitted to the Committee in April 2027.\n\n"
                        "2. BACKGROUND\n\n2.1 The plan was approved in 2023.\n")
    (item,) = parsed.items
    assert [(r.label, r.text) for r in item.resolutions] == [
        ("1.1.1", "notes the progress made"), ("1.1.2", "approves the revised plan"),
        ("1.1.3", "agrees that a further update be submitted to the Committee in April 2027")]
    assert [(o.kind, o.due) for o in item.obligations] == [("report_back", "2027-04")]


def test_a_summary_of_recommendations_put_to_cabinet_recommends_nothing_to_council():
    parsed = parse_text(_HEAD + "Summary of recommendations\n\nThat Cabinet is recommended to:\n\n1. approve the Customer Access "
                        "Strategy;\n\n2. note that an equality impact assessment has been carried out and will be reviewed "
                        "before the closure.\n\nReasons for recommendations\n\nMore residents contact the Council online.\n")
    (item,) = parsed.items
    assert [(r.label, r.kinds) for r in item.resolutions] == [("1", ["approve"]), ("2", ["note"])]
    assert [o.kind for o in item.obligations] == ["impact_assessment"]


def test_recommendations_end_at_an_unnumbered_reasons_heading_and_a_bilingual_heading():
    parsed = parse_text(_HEAD + "Recommendations\n\nThe Cabinet is recommended:\n\n(a) to note the consultation responses; and\n\n"
                        "(b) to recommend to Council that the Statement of Principles be adopted.\n\nReasons for recommendations\n\n"
                        "The Statement must be reviewed every three years.\n")
    (item,) = parsed.items
    assert [r.kinds for r in item.resolutions] == [["note"], ["recommend"]]
    assert [o.kind for o in item.obligations] == ["review"]
    parsed = parse_text("Cyngor Sir Penmaen\nPenmaen County Council\n\nCabinet\n27 January 2027\n\nReport of the Chief Officer – "
                        "Highways\n\nSubject: Road Safety Strategy\n\nRECOMMENDATION / ARGYMHELLIAD\n\nThat Cabinet approves the Road "
                        "Safety Strategy.\n\n1. BACKGROUND\n\n1.1 Casualties fell.\n")
    assert (parsed.page_type, [r.text for i in parsed.items for r in i.resolutions]) == (
        "report", ["That Cabinet approves the Road Safety Strategy"])


def test_recommendations_printed_as_a_table_with_their_reasons():
    parsed = parse_text("Meeting: Cabinet\nMeeting date: 20 January 2027\nReport of: Head of Economic Growth\nReport title: High "
                        "Street Rental Auctions\n\n| Recommendation | Reason |\n| 1. That Cabinet agrees to use the rental auction "
                        "powers in the town centre. | To fill vacant units. |\n| 2. That the Head of Economic Growth be authorised "
                        "to serve initial letting notices. | To start the process. |\n\n1. Background\n\n1.1 None.\n")
    (item,) = parsed.items
    assert [(r.label, r.kinds) for r in item.resolutions] == [("1", ["approve"]), ("2", ["delegate"])]
    assert [(d.delegates, d.power) for d in item.delegations] == [(["Head of Economic Growth"], "serve initial letting notices")]


def test_a_consultee_needed_only_above_a_figure_and_a_cover_date_set_wide():
    parsed = parse_text("Cabinet                                        3 March 2027\n\nReport of the Director of Finance\n\n"
                        "Discretionary Rate Relief Policy\n\nRECOMMENDATIONS\n\n1.   That Cabinet approves the revised policy.\n\n"
                        "2.   That the Director of Finance be authorised to determine applications for relief, in consultation "
                        "with the Cabinet Member for Finance where the relief exceeds £25,000.\n\n1.   INTRODUCTION\n\n1.1  None.\n")
    (item,) = parsed.items
    assert item.title == "Discretionary Rate Relief Policy"
    (d,) = item.delegations
    assert (d.consultees, d.power, d.condition) == (
        ["Cabinet Member for Finance"], "determine applications for relief", "where the relief exceeds £25,000")


def test_a_proposed_decision_for_a_cabinet_member_and_a_cover_in_capitals():
    parsed = parse_text("Report to: Cabinet Member for Environment\nDate of decision: 14 April 2027\nReport of: Head of Parks\n"
                        "Subject: Tree Planting 2027/28\n\nProposed decision\n\nThat the Cabinet Member for Environment:\n\n(a) "
                        "approves the planting programme; and\n\n(b) agrees that ward councillors be consulted on the sites before "
                        "planting begins.\n\n1. Background\n\n1.1 None.\n")
    assert parsed.page_type == "report"
    assert [o.kind for i in parsed.items for o in i.obligations] == ["consultation"]
    parsed = parse_text("CITY OF ALDERWICK COUNCIL\n\nEXECUTIVE\n\n21 APRIL 2027\n\nREPORT OF THE CORPORATE DIRECTOR OF PLACE\n\n"
                        "LOCAL DEVELOPMENT SCHEME 2027-2030\n\n1. PURPOSE OF REPORT\n\n1.1 To seek approval of the Scheme.\n\n"
                        "2. RECOMMENDATIONS\n\n2.1 That the Executive approves the Scheme.\n\n2.2 That the Corporate Director of "
                        "Place be authorised to publish the Scheme.\n\n3. BACKGROUND\n\n3.1 None.\n")
    assert (parsed.page_type, parsed.meeting_date, parsed.items[0].title) == (
        "report", "2027-04-21", "LOCAL DEVELOPMENT SCHEME 2027-2030")
    assert [r.label for i in parsed.items for r in i.resolutions] == ["2.1", "2.2"]


def test_the_body_agreeing_that_a_report_be_presented_approves_it():
    parsed = parse_text(_HEAD + "Recommendations:\n\na) That the Executive approves the Procurement Strategy.\n\nb) That the "
                        "Executive agrees that an annual report on procurement be presented to the Audit Committee.\n\n"
                        "Background\n\nThe Procurement Act 2023 is in force.\n")
    (item,) = parsed.items
    assert [r.kinds for r in item.resolutions] == [["approve"], ["approve"]]
    assert [o.kind for o in item.obligations] == ["report_back"]

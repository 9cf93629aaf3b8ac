"""The wording of decisions as other councils draft them (texts written for these tests, never
copied): who is given authority and whom they consult, the condition that limits it, the
follow-ups a decision commits to with their due dates, what each clause does, and
recommendations sections of reports in the layouts councils and PDF converters give them."""
from __future__ import annotations

import pytest

from govbot.extract import parse_text


def minutes(decision: str, title: str = "HIGHWAYS CAPITAL PROGRAMME") -> str:
    return (f"Minutes of the meeting of the Cabinet held on 12 May 2027\n\n45. {title}\n\n"
            f"The Cabinet considered the report of the Director of Place.\n\nRESOLVED that {decision}\n")


def one_item(text: str):
    items = [i for i in parse_text(text).items if i.resolutions]
    assert len(items) == 1
    return items[0]


# --- delegations: delegates, consultees, power and condition ------------------------------

DELEGATIONS = [
    # (decision, delegates, consultees, power, condition)
    ("delegated authority be given to the Director of Place and the Director of Finance, in consultation with the Cabinet "
     "Member for Regeneration, to agree the final terms of the lease of the Corn Exchange.",
     ["Director of Place", "Director of Finance"], ["Cabinet Member for Regeneration"],
     "agree the final terms of the lease of the Corn Exchange", None),
    ("authority be delegated to the Head of Legal Services to complete the transfer of the allotments to the Town Council, "
     "subject to the consent of the Secretary of State.",
     ["Head of Legal Services"], [], "complete the transfer of the allotments to the Town Council",
     "subject to the consent of the Secretary of State"),
    ("the Strategic Director of Housing be authorised to let the repairs contract after consultation with the Portfolio "
     "Holder for Housing.",
     ["Strategic Director of Housing"], ["Portfolio Holder for Housing"], "let the repairs contract", None),
    ("the Cabinet Member for Adult Social Care be given delegated authority to approve the fee uplift for care homes for "
     "2027/28.",
     ["Cabinet Member for Adult Social Care"], [], "approve the fee uplift for care homes for 2027/28", None),
    ("the Cabinet delegates to the Chief Executive, following consultation with the Leader of the Council, authority to "
     "agree the Council's response to the devolution consultation.",
     ["Chief Executive"], ["Leader of the Council"], "agree the Council's response to the devolution consultation", None),
    ("the Director of Resources, in conjunction with the Monitoring Officer, be authorised to sign the grant funding "
     "agreement with Homes England.",
     ["Director of Resources"], ["Monitoring Officer"], "sign the grant funding agreement with Homes England", None),
    ("the Chief Executive or their nominated deputy be authorised to submit the final bid to the Levelling Up Fund.",
     ["Chief Executive"], [], "submit the final bid to the Levelling Up Fund", None),
    ("authority be delegated to the Director of Education, following the conclusion of the statutory consultation, to "
     "determine the proposal to enlarge Hillcrest Primary School.",
     ["Director of Education"], [], "determine the proposal to enlarge Hillcrest Primary School",
     "following the conclusion of the statutory consultation"),
    ("the Director of Finance be authorised to draw down the grant and commit the expenditure within the approved budget.",
     ["Director of Finance"], [], "draw down the grant and commit the expenditure", "within the approved budget"),
    ("the Head of Estates be authorised to complete the sale of the depot once outline planning permission has been granted.",
     ["Head of Estates"], [], "complete the sale of the depot", "once outline planning permission has been granted"),
    ("the Director of Regeneration be authorised to enter into the development agreement on completion of the land assembly.",
     ["Director of Regeneration"], [], "enter into the development agreement", "on completion of the land assembly"),
    ("the Head of Procurement be authorised to extend the cleaning contract by up to twelve months, provided that the total "
     "cost does not exceed £450,000.",
     ["Head of Procurement"], [], "extend the cleaning contract by up to twelve months",
     "provided that the total cost does not exceed £450,000"),
    # a condition set in the middle of the power: the power reads on after it
    ("the Director of Highways be authorised to award, subject to the outcome of the tender evaluation, the resurfacing "
     "contract to the preferred bidder.",
     ["Director of Highways"], [], "award the resurfacing contract to the preferred bidder",
     "subject to the outcome of the tender evaluation"),
    ("the Head of Property be authorised to dispose of the freehold of 12 Mill Lane, subject to contract, to the highest "
     "bidder.",
     ["Head of Property"], [], "dispose of the freehold of 12 Mill Lane to the highest bidder", "subject to contract"),
    ("the decision to award the school transport contracts be delegated to the Director of Children's Services in "
     "consultation with the Cabinet Member for Education.",
     ["Director of Children's Services"], ["Cabinet Member for Education"], "award the school transport contracts", None),
    ("delegated authority is granted to the Assistant Director of Planning and the Chair of the Planning Committee to make "
     "minor amendments to the Design Guide prior to its publication.",
     ["Assistant Director of Planning", "Chair of the Planning Committee"], [],
     "make minor amendments to the Design Guide", "prior to its publication"),
    ("the Cabinet Member for Finance, in liaison with the Section 151 Officer, be authorised to approve the final "
     "allocations from the Hardship Fund.",
     ["Cabinet Member for Finance"], ["Section 151 Officer"], "approve the final allocations from the Hardship Fund", None),
    ("the Chief Executive be authorised, following consultation with the Group Leaders, to agree the date of the "
     "by-election.",
     ["Chief Executive"], ["Group Leaders"], "agree the date of the by-election", None),
    ("the Director of Finance be authorised, in consultation with the Leader and the Cabinet Member for Finance, to agree "
     "the final treasury limits.",
     ["Director of Finance"], ["Leader", "Cabinet Member for Finance"], "agree the final treasury limits", None),
    ("the Director of Adult Services be authorised to award the home care contract, once the standstill period has ended, "
     "to the successful bidder.",
     ["Director of Adult Services"], [], "award the home care contract to the successful bidder",
     "once the standstill period has ended"),
    ("responsibility for agreeing the final scheme be delegated to the Director of Highways in conjunction with the "
     "Cabinet Member for Highways.",
     ["Director of Highways"], ["Cabinet Member for Highways"], "agreeing the final scheme", None),
    ("the Executive Director of Communities be authorised, having consulted the Cabinet Member for Leisure, to set the fees "
     "for the leisure centres for 2027/28.",
     ["Executive Director of Communities"], ["Cabinet Member for Leisure"], "set the fees for the leisure centres for 2027/28",
     None),
]


@pytest.mark.parametrize("decision, delegates, consultees, power, condition", DELEGATIONS)
def test_a_delegation_however_it_is_worded(decision, delegates, consultees, power, condition):
    item = one_item(minutes(decision))
    (d,) = item.delegations
    assert (d.delegates, d.consultees, d.power, d.condition) == (delegates, consultees, power, condition)
    assert "delegate" in item.resolutions[0].kinds


def test_an_officer_instructed_to_act_is_asked_not_given_authority():
    item = one_item(minutes("the Head of Property be instructed to market the former library for disposal."))
    assert item.resolutions[0].kinds == ["request"]
    assert item.delegations == []


# --- obligations: kind and due date -------------------------------------------------------

OBLIGATIONS = [
    # (decision, [(kind, due)])
    ("an Equality Impact Assessment be carried out before any change to the opening hours is made.",
     [("impact_assessment", None)]),
    ("a full equality impact assessment will be completed by 31 March 2027.", [("impact_assessment", "2027-03-31")]),
    ("officers carry out a six week public consultation on the draft Charging Policy.", [("consultation", None)]),
    ("a report on the outcome of the review be brought back to Cabinet at its meeting in June 2027.",
     [("report_back", "2027-06")]),
    ("the Director of Place report back to the Cabinet no later than 30 September 2027 on the delivery of the scheme.",
     [("report_back", "2027-09-30")]),
    ("the decision and the reasons for it be published on the Council's website.", [("publication", None)]),
    ("the Local Lettings Policy be reviewed annually by the Housing Scrutiny Panel.", [("review", None)]),
    ("the Director of Resources commence a procurement exercise for the replacement finance system.",
     [("procurement_step", None)]),
    ("the Leader write to the Secretary of State to request additional funding for highway maintenance.", [("other", None)]),
    ("the Chief Executive write to the Minister for Local Government to seek an extension of the deadline.",
     [("other", None)]),
    ("a progress report be submitted to the Overview and Scrutiny Committee by 31 January 2028.",
     [("report_back", "2028-01-31")]),
    ("the Council undertake a review of the Scheme of Delegation by 30 November 2027.", [("review", "2027-11-30")]),
    # a return to an outside body, with its date
    ("the Council's response to the consultation be submitted to the Department for Education by 14 August 2027.",
     [("other", "2027-08-14")]),
    ("the bid be submitted to the Cabinet for approval.", [("report_back", None)]),  # (to the Council's own body)
]


@pytest.mark.parametrize("decision, expected", OBLIGATIONS)
def test_an_obligation_and_its_due_date(decision, expected):
    item = one_item(minutes(decision))
    assert [(o.kind, o.due) for o in item.obligations] == expected


# --- what each clause does ----------------------------------------------------------------

KINDS = [
    ("the report be noted.", ["note"]),
    ("the Cabinet endorses the recommendations of the Overview and Scrutiny Committee.", ["endorse"]),
    ("it be recommended to Council that the Council Tax Reduction Scheme for 2027/28 be adopted.", ["recommend"]),
    ("consideration of the item be deferred to the next meeting to allow further information to be obtained.", ["defer"]),
    ("the application for a discretionary rate relief be refused.", ["reject"]),
    ("the Cabinet declines to adopt the proposals of the working group.", ["reject"]),
    ("Mrs A. Patel be appointed as the Council's Section 151 Officer with effect from 1 July 2027.", ["approve"]),
    ("officers be asked to investigate options for reopening the public toilets.", ["request"]),
    ("the press and public be excluded from the meeting for the following item.", ["other"]),
    # a named officer told to act, the verb bare: a request, not an approval
    ("the Head of Procurement go out to tender for the new cleaning contract.", ["request"]),
    ("the Director of Housing prepare a delivery plan for the new homes programme.", ["request"]),
    # the member's own decision, in the same form, is what it says
    ("the Cabinet Member for Leisure approve the revised opening hours.", ["approve"]),
    # the objections are set aside so that the Order can be made: the decision confirms it
    ("the objections be not upheld and the Order be confirmed as made.", ["approve"]),
    ("the objections be upheld and the proposed Traffic Regulation Order be not made.", ["reject"]),
    ("the Cabinet agreed not to proceed with the closure of the day centre.", ["reject"]),
]


@pytest.mark.parametrize("decision, kinds", KINDS)
def test_the_kind_of_a_clause(decision, kinds):
    item = one_item(minutes(decision))
    assert [r.kinds for r in item.resolutions] == [kinds]


# --- recommendations sections of reports -------------------------------------------------

def recs(item):
    return [(r.label, r.text, r.kinds) for r in item.resolutions]


def test_a_report_flattened_onto_one_line_in_capitals():
    parsed = parse_text("REPORT TO: CABINET DATE OF MEETING: 12 MAY 2027 REPORT TITLE: LIBRARY STRATEGY 2027-2032 "
                        "1. RECOMMENDATIONS 1.1 THAT CABINET APPROVES THE LIBRARY STRATEGY 2027-2032. 1.2 THAT CABINET "
                        "NOTES THE RESPONSES TO THE CONSULTATION. 1.3 THAT THE HEAD OF LIBRARIES BE AUTHORISED, IN "
                        "CONSULTATION WITH THE CABINET MEMBER FOR CULTURE, TO AGREE THE OPENING HOURS SET OUT IN PARAGRAPH "
                        "2.1 ABOVE. 2. BACKGROUND 2.1 THE PRESENT STRATEGY EXPIRES IN 2027.\n")
    assert (parsed.page_type, parsed.body, parsed.meeting_date) == ("report", "Cabinet", "2027-05-12")
    (item,) = parsed.items
    assert item.title == "LIBRARY STRATEGY 2027-2032"
    assert [(r.label, r.kinds) for r in item.resolutions] == [("1.1", ["approve"]), ("1.2", ["note"]), ("1.3", ["delegate"])]
    (d,) = item.delegations
    assert (d.delegates, d.consultees, d.power) == (
        ["HEAD OF LIBRARIES"], ["CABINET MEMBER FOR CULTURE"], "AGREE THE OPENING HOURS SET OUT IN PARAGRAPH 2.1 ABOVE")


def test_a_word_split_by_a_hyphen_and_a_space_inside_a_line_is_joined():
    parsed = parse_text("Report to: Cabinet\nDate of meeting: 12 May 2027\nReport title: Fleet Replacement\n\n"
                        "1. Recommendations\n\n1.1 Cabinet is asked to approve the commencement of a pro- curement exercise "
                        "for the replacement of the refuse fleet.\n\n2. Background\n\n2.1 None.\n")
    (item,) = parsed.items
    assert [r.text for r in item.resolutions] == [
        "approve the commencement of a procurement exercise for the replacement of the refuse fleet"]
    assert [o.kind for o in item.obligations] == ["procurement_step"]


def test_a_spaced_hyphen_between_the_halves_of_two_compounds_is_kept():
    parsed = parse_text("Report to: Cabinet\nDate of meeting: 12 May 2027\nReport title: Fleet Replacement\n\n"
                        "1. Recommendations\n\n1.1 Cabinet is asked to approve the short- and long-term fleet plans.\n\n"
                        "2. Background\n\n2.1 None.\n")
    assert [r.text for i in parsed.items for r in i.resolutions] == ["approve the short- and long-term fleet plans"]


@pytest.mark.parametrize("section, expected", [
    ("It is RECOMMENDED that the Cabinet:\n\n(i) approves the Leisure Strategy; and\n\n(ii) notes the capital implications.",
     [("i", "approves the Leisure Strategy", ["approve"]), ("ii", "notes the capital implications", ["note"])]),
    ("Recommendations\n\nCabinet is recommended to:\n\n• approve the Leisure Strategy;\n• note the capital implications.",
     [(None, "approve the Leisure Strategy", ["approve"]), (None, "note the capital implications", ["note"])]),
    ("RECOMMENDATIONS\n\nThe Executive is invited to:\n\na) adopt the Leisure Strategy;\nb) defer a decision on the pool "
     "until the condition survey is complete.",
     [("a", "adopt the Leisure Strategy", ["approve"]),
      ("b", "defer a decision on the pool until the condition survey is complete", ["defer"])]),
])
def test_recommendations_laid_out_in_other_ways(section, expected):
    parsed = parse_text("Report to: Cabinet\nDate of meeting: 9 June 2027\nReport title: Leisure Strategy\n\n"
                        f"{section}\n\n2. Background\n\n2.1 None.\n")
    assert parsed.page_type == "report"
    (item,) = parsed.items
    assert recs(item) == expected


def test_a_report_recommending_a_delegation_with_a_consultee_and_a_due_report_back():
    parsed = parse_text("Report to: Cabinet\nDate of meeting: 9 June 2027\nReport title: Household Support Fund\n\n"
                        "2. Recommendations\n\n2.1 Cabinet is asked to:\n\n(a) authorise the Director of Communities, in "
                        "consultation with the Cabinet Member for Communities, to allocate the Household Support Fund; "
                        "and\n\n(b) request a report on the use of the Fund to Cabinet within six months.\n\n"
                        "3. Background\n\n3.1 None.\n")
    (item,) = parsed.items
    (d,) = item.delegations
    assert (d.resolution_label, d.delegates, d.consultees, d.power) == (
        "a", ["Director of Communities"], ["Cabinet Member for Communities"], "allocate the Household Support Fund")
    assert [(o.kind, o.due) for o in item.obligations] == [("report_back", "2027-12-09")]

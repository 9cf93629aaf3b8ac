"""The parser on short pieces of council drafting written for these tests (never copied text).

Each case is one phrasing a governance officer meets in real minutes: the label styles, the
ways a delegation is worded, how movers are recorded, a decision printed twice, text cut off.
"""
from __future__ import annotations

import re

import pytest

from govbot.domain import Document
from govbot.extract import PARSER_VERSION, parse_document, parse_text
from govbot.extract.text import Folded, fold, match_at_words


def one_item(text: str):
    parsed = parse_text(text)
    items = [i for i in parsed.items if i.resolutions or i.mover]
    assert len(items) == 1, [i.model_dump() for i in parsed.items]
    return items[0]


def texts(item):
    return [(r.label, r.text) for r in item.resolutions]


# --- clause labels -------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, label_a, label_b", [
    ("(a)", "(b)", "a", "b"),
    ("a)", "b)", "a", "b"),
    ("(1)", "(2)", "1", "2"),
    ("1)", "2)", "1", "2"),
    ("1.", "2.", "1", "2"),
    ("(i)", "(ii)", "i", "ii"),
    ("i.", "ii.", "i", "ii"),
    ("(A)", "(B)", "a", "b"),
])
def test_each_label_style_is_read_and_normalised(a, b, label_a, label_b):
    item = one_item(f"RESOLVED that:\n\n{a} the Parking Strategy be approved;\n\n{b} the progress report be noted.\n")
    assert texts(item) == [(label_a, "the Parking Strategy be approved"), (label_b, "the progress report be noted")]


def test_nested_sub_clauses_stay_in_their_parent():
    item = one_item("RESOLVED:\n(a) that the following fees be approved:\n(i) allotments £40;\n(ii) pitches £25; and\n"
                    "(b) that the Fees and Charges Policy be noted.\n")
    assert [r.label for r in item.resolutions] == ["a", "b"]
    assert item.resolutions[0].text == "that the following fees be approved: (i) allotments £40; (ii) pitches £25"


def test_a_numbered_list_cited_inside_one_resolution_is_not_split():
    item = one_item("It was RESOLVED that:\n\nAuthority to buy (1) gritters, (2) salt and (3) fuel be delegated to the "
                    "Director of Highways in consultation with the Portfolio Holder for Transport.\n\nReason for decision: cost.")
    assert len(item.resolutions) == 1 and item.resolutions[0].label is None
    assert item.delegations[0].power == "buy (1) gritters, (2) salt and (3) fuel"


def test_unlabelled_single_resolution():
    item = one_item("The Cabinet considered the report.\n\nRESOLVED that the Annual Audit Letter be noted.\n\nThe meeting ended at 8pm.")
    assert texts(item) == [(None, "that the Annual Audit Letter be noted")]
    assert item.resolutions[0].kinds == ["note"]


def test_damaged_inline_labels_are_split():
    item = one_item("(3)RESOLVEDthat:-(a)permission be granted subject to conditions;(b)the Head of Planning be asked to "
                    "monitor the travel plan; and(c)the applicant be thanked.(4)The Chairman closed the item.")
    assert [r.label for r in item.resolutions] == ["a", "b", "c"]
    assert item.resolutions[0].text == "permission be granted subject to conditions"
    assert item.resolutions[2].text == "the applicant be thanked"


def test_labels_run_together_on_one_line():
    item = one_item("Cllr Khan MOVED, Cllr Reid SECONDED and it was RESOLVED to: 1. Note the annual report 2. Agree the "
                    "action plan. Agree the new targets. 3. Ask officers to report back in six months.")
    assert [r.label for r in item.resolutions] == ["1", "2", "3"]
    assert item.resolutions[1].text == "Agree the action plan. Agree the new targets"
    assert (item.mover, item.seconder) == ("Cllr Khan", "Cllr Reid")


def test_shared_stem_is_not_part_of_any_clause():
    item = one_item("RESOLVED: That Cabinet:-\n\n1.  approve the Tree Strategy;\n\n2.  note the planting programme.\n")
    assert texts(item) == [("1", "approve the Tree Strategy"), ("2", "note the planting programme")]


def test_first_clause_unlabelled_then_numbered():
    parsed = parse_text("That the Draft Design Code be approved for public consultation;\n2. That authority be delegated to "
                        "the Head of Planning to agree the timing of the consultation.")
    item = parsed.items[0]
    assert [r.label for r in item.resolutions] == [None, "2"]
    assert item.delegations[0].delegates == ["Head of Planning"]
    assert "consultation" in [o.kind for o in item.obligations]


def test_bullets_after_a_stem_give_unlabelled_clauses_with_the_stem_kind():
    parsed = parse_text("Report to: Cabinet\n\n2. Recommendations\n\n2.1 That Cabinet agrees: • that the bus review "
                        "proceeds; • that the results are published.\n\n3. Background\n\nText.")
    res = [r for i in parsed.items for r in i.resolutions]
    assert [(r.label, r.text) for r in res] == [(None, "that the bus review proceeds"), (None, "that the results are published")]


# --- triggers ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kinds", [
    ("The Cabinet RESOLVED to approve the Housing Allocations Policy.", ["approve"]),
    ("DECISIONS\n\n(1) The Lead Member approved the revised bus timetable.", ["approve"]),
    ("AGREED that the work programme be endorsed.", ["endorse"]),
    ("RECOMMENDED to Council that the Budget for 2025/26 be approved.", ["recommend"]),
    ("Decision:\n\nThe Committee deferred the item to its next meeting.\n\nReasons for the decision: more time.", ["defer"]),
    ("RESOLVED that the application be refused.", ["reject"]),
    ("RESOLVED that officers be asked to bring a report on costs.", ["request"]),
    ("The Committee NOTED the quarterly performance report.", ["note"]),
    ("RESOLVED that the Committee's thanks to the Enforcement Team be recorded.", ["note"]),
])
def test_each_trigger_gives_one_resolution_with_its_kind(text, kinds):
    item = one_item(text)
    assert len(item.resolutions) == 1
    assert item.resolutions[0].kinds == kinds


def test_agreed_inside_a_sentence_keeps_the_whole_sentence():
    item = one_item("Minutes: The minutes of the last meeting were AGREED as a correct record.")
    assert texts(item) == [(None, "The minutes of the last meeting were AGREED as a correct record")]


def test_a_decision_printed_twice_is_one_resolution_in_the_minutes_wording():
    text = ("Decision:\n\nRESOLVED\n\n(a) that the Play Strategy be\n\nagreed;\n\n(b) that the report be noted.\n\n"
            "Minutes:\n\nThe Cabinet considered the report.\n\nRESOLVED\n\n(a) that the Play Strategy be agreed;\n\n"
            "(b) that the report be noted.\n")
    item = one_item(text)
    assert texts(item) == [("a", "that the Play Strategy be agreed"), ("b", "that the report be noted")]
    assert item.resolutions[0].span[0] > text.index("Minutes:")


def test_a_cut_off_second_copy_does_not_lose_the_full_clause():
    text = ("Decision: RESOLVED to: 1. Note the plan 2. Agree the budget of £2,000 for the youth service. "
            "Minutes: RESOLVED to: 1. Note the plan 2. Agree the budget of")
    item = one_item(text)
    assert item.resolutions[-1].text == "Agree the budget of £2,000 for the youth service"
    assert len(item.resolutions) == 2


def test_cut_off_minutes_are_marked_incomplete():
    parsed = parse_text("Highways Update\n\n(1)RESOLVED that:-(a)the update be noted;(b)the Director of Highways be asked "
                        "to  ...view the full minutes text for item 12.")
    assert parsed.items[0].incomplete is True
    assert parse_text("RESOLVED that the report be noted.").items[0].incomplete is False


# --- delegations ---------------------------------------------------------------------------

@pytest.mark.parametrize("clause, delegates, consultees, power, condition", [
    ("that following completion of the options appraisal, delegated authority be given to the Director of Place and "
     "Director of Finance and Resources, in consultation with the Cabinet Member for Adult Social Care, to approve the "
     "route to market",
     ["Director of Place", "Director of Finance and Resources"], ["Cabinet Member for Adult Social Care"],
     "approve the route to market", "following completion of the options appraisal"),
    ("that authority be delegated to the Chief Executive to sign the partnership agreement",
     ["Chief Executive"], [], "sign the partnership agreement", None),
    ("Authority to award the grounds maintenance contract be delegated to the Head of Environment in consultation with "
     "the Portfolio Holder for Environment",
     ["Head of Environment"], ["Portfolio Holder for Environment"], "award the grounds maintenance contract", None),
    ("that the Director of Resources be authorised to dispose of the depot after consultation with the Leader",
     ["Director of Resources"], ["Leader"], "dispose of the depot", None),
    ("that the Cabinet Member for Finance be given delegated authority to approve the final grant allocations, subject to "
     "the grant conditions being met",
     ["Cabinet Member for Finance"], [], "approve the final grant allocations", "subject to the grant conditions being met"),
    ("Note that the Head of Planning and the Monitoring Officer have express authority to take all necessary actions",
     ["Head of Planning", "Monitoring Officer"], [], "take all necessary actions", None),
    ("that the decision proposed to be taken by the Cabinet Member for Waste, to close the site and to delegate authority to "
     "the Director of Environment and Transport, in consultation with the Cabinet Member for Waste, to finalise the terms, "
     "be endorsed",
     ["Director of Environment and Transport"], ["Cabinet Member for Waste"], "finalise the terms", None),
    ("that in each instance the further step of making any contract award be delegated to the relevant Cabinet portfolio "
     "holder, after consultation with the relevant Executive Director",
     ["relevant Cabinet portfolio holder"], ["relevant Executive Director"], "making any contract award", None),
    ("Approved the issue of tenders and, following evaluation of tenders, authorise the Strategic Director (following "
     "consultation with the Executive Councillor, Chair and Spokes of the Committee) to award a contract",
     ["Strategic Director"], ["Executive Councillor", "Chair", "Spokes of the Committee"], "award a contract",
     "following evaluation of tenders"),
    ("that the Director of Environment, Housing & Regeneration be authorised to let the contract once the lease has been "
     "completed",
     ["Director of Environment, Housing & Regeneration"], [], "let the contract", "once the lease has been completed"),
    ("that delegated authority be given to the Deputy Leader and Cabinet Member for Growth to approve the final scheme",
     ["Deputy Leader and Cabinet Member for Growth"], [], "approve the final scheme", None),
    ("that the Chief Legal and Democratic Officer be authorised to complete the transfer within the approved budget",
     ["Chief Legal and Democratic Officer"], [], "complete the transfer", "within the approved budget"),
])
def test_delegation_phrasings(clause, delegates, consultees, power, condition):
    item = one_item(f"RESOLVED\n\n(a) {clause}.\n")
    assert len(item.delegations) == 1
    d = item.delegations[0]
    assert (d.delegates, d.consultees, d.power, d.condition) == (delegates, consultees, power, condition)
    assert d.resolution_label == "a"
    assert "delegate" in item.resolutions[0].kinds


@pytest.mark.parametrize("clause", [
    "that the Officer Scheme of Delegation be agreed",
    "that the Cabinet Member authorised the payment of £500 in settlement",
    "that the delegation of executive functions set out in Appendix 2 be noted",
])
def test_no_delegation_without_a_named_delegate(clause):
    item = one_item(f"RESOLVED {clause}.")
    assert item.delegations == []
    assert "delegate" not in item.resolutions[0].kinds


# --- movers --------------------------------------------------------------------------------

@pytest.mark.parametrize("line, mover, seconder", [
    ("It was MOVED by Councillor A Patel, SECONDED by Councillor Jones, and", "Councillor A Patel", "Councillor Jones"),
    ("It was moved by Councillor N J Rushton, seconded by Councillor Smith and", "Councillor N J Rushton", "Councillor Smith"),
    ("It was proposed by Councillor Brown and seconded by Councillor Green and", "Councillor Brown", "Councillor Green"),
    ("On the motion of Councillor Walsh, seconded by Councillor Osei, it was", "Councillor Walsh", "Councillor Osei"),
    ("Cllr Bell MOVED, Cllr Dacres SECONDED and it was", "Cllr Bell", "Cllr Dacres"),
    ("Moved: Councillor Hart  Seconded: Councillor Lowe", "Councillor Hart", "Councillor Lowe"),
])
def test_mover_phrasings(line, mover, seconder):
    text = f"{line}\n\nRESOLVED that the report be noted."
    item = one_item(text)
    assert (item.mover, item.seconder) == (mover, seconder)
    s, e = item.spans["mover"]
    assert text[s:e] == mover


# --- obligations, dates, legislation, attendees, meeting ------------------------------------

@pytest.mark.parametrize("sentence, kind, due", [
    ("An Equality Impact Assessment would be completed before the decision is implemented.", "impact_assessment", None),
    ("A report will be brought back to Cabinet in March 2026.", "report_back", "2026-03"),
    ("The draft plan would go out to public consultation for six weeks from 1 May 2025.", "consultation", "2025-06-12"),
    ("A prior information notice would be issued and the tender process will start in the autumn.", "procurement_step", None),
    ("The policy will be reviewed annually by the Audit Committee.", "review", None),
    ("The decision notice will be published by 20 June 2025.", "publication", "2025-06-20"),
    ("A report on cyber resilience will be submitted to the Committee's March 2026 meeting.", "report_back", "2026-03"),
    ("Consultation will run from 1 February 2026 to 15 March 2026.", "consultation", "2026-03-15"),
    ("The statutory notice will be published on 5 January 2026 for a period of 28 days.", "publication", "2026-02-02"),
    ("A report will be brought back to Cabinet on Thursday 12 March 2026.", "report_back", "2026-03-12"),
    ("Service users and carers will be consulted on the draft specification during February and March 2026.",
     "consultation", "2026-03"),
])
def test_obligation_kinds_and_due_dates(sentence, kind, due):
    parsed = parse_text(f"The Committee considered the report. {sentence}\n\nRESOLVED that the report be noted.")
    found = {(o.kind, o.due) for i in parsed.items for o in i.obligations}
    assert (kind, due) in found


@pytest.mark.parametrize("narrative, obligation", [
    # text extraction lost the space after the full stop: the request is still a sentence of its own
    ("Officers had explored joint posts for the route.A Member asked for an update on the work to be "
     "brought to the committee.(c)Asked about targets, the Director said they were set by benchmarking.",
     "A Member asked for an update on the work to be brought to the committee."),
    ("Mr J.A Smith asked for an update on the work to be brought to the committee.",  # initials stay whole
     "Mr J.A Smith asked for an update on the work to be brought to the committee."),
])
def test_sentences_run_together_by_extraction_are_split(narrative, obligation):
    parsed = parse_text(narrative + "\n\nRESOLVED that the report be noted.")
    assert [o.text for o in parsed.items[0].obligations] == [obligation]


@pytest.mark.parametrize("clause, due", [
    ("RESOLVED that the Head of Finance be requested to submit a further report to the Board in March 2026.", "2026-03"),
    ("RESOLVED that the Director be asked to review the Plan and report the findings to this Committee by 30 June 2026.",
     "2026-06-30"),
    ("RESOLVED that officers report to the Health and Wellbeing Board on progress.", None),
    ("RESOLVED that an update be provided to the Committee at its next meeting.", None),
])
def test_a_resolution_asking_for_a_report_is_a_report_back(clause, due):
    obligations = parse_text(clause).items[0].obligations
    assert [(o.kind, o.due) for o in obligations if o.kind == "report_back"] == [("report_back", due)]


@pytest.mark.parametrize("text", [
    "Officers confirmed that no further report would be brought back to Cabinet.\n\nRESOLVED that the report be noted.",
    "RESOLVED that the annual report to the County Council be noted.",  # "report" the noun
    "Members said it would help to include the detail in reports to the Personnel Committee.\n\nRESOLVED that it be noted.",
])
def test_no_report_back_where_none_is_promised(text):
    assert [o.kind for o in parse_text(text).items[0].obligations if o.kind == "report_back"] == []


def test_past_narrative_is_not_an_obligation():
    parsed = parse_text("The consultation that had taken place was summarised. The report had been published in May.\n\n"
                        "RESOLVED that the report be noted.")
    assert parsed.items[0].obligations == []


def test_legislation_cited():
    parsed = parse_text("The report was circulated under regulation 7(4) of the Local Authorities (Executive Arrangements) "
                        "(Meetings and Access to Information) (England) Regulations 2012. The Council has a duty under "
                        "section 19 of the Education Act 1996 and the Procurement Act 2023 applies.\n\nRESOLVED that it be noted.")
    cited = [c.text for c in parsed.items[0].legislation]
    assert cited == [
        "regulation 7(4) of the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012",
        "section 19 of the Education Act 1996", "Procurement Act 2023"]


@pytest.mark.parametrize("sentence, cited", [
    ("The Localism Act\n2011 applies.", ["Localism Act 2011"]),  # a title broken across lines
    ("Under the Highways Act 1980s practice.", []),  # "1980s" is no year
    ("Reference 20125 of the Planning Act 20081 was noted.", []),  # nor are longer numbers
    ("The Care Act 2014 and the Children Act 1989 apply.", ["Care Act 2014", "Children Act 1989"]),
])
def test_legislation_needs_a_year_after_the_title(sentence, cited):
    parsed = parse_text(sentence + "\n\nRESOLVED that it be noted.")
    assert [c.text for c in parsed.items[0].legislation] == cited


def test_a_broken_bracket_before_a_title_does_not_stop_the_parse():
    # damaged PDF text: a joining word, then a bracket opened at a line end
    parsed = parse_text("Members noted the duty under and (\nCare) Regulations 2012.\n\nRESOLVED that it be noted.")
    assert [c.text for c in parsed.items[0].legislation] == ["( Care) Regulations 2012"]


def test_attendees_under_standing_orders():
    parsed = parse_text("(Councillors Leaver and Whitton attended in accordance with Standing Order 25(2) and spoke to this "
                        "item).\n\nRESOLVED that the report be noted.")
    assert parsed.items[0].attendees == ["Councillor Leaver", "Councillor Whitton"]


def test_dates_say_what_they_are_for():
    parsed = parse_text("The new service would start on 1 April 2026.\n\nRESOLVED that the report be noted.")
    (d,) = parsed.items[0].dates
    assert d.date == "2026-04-01" and d.purpose == "The new service would start on"


@pytest.mark.parametrize("head, date, body", [
    ("Cabinet\n\nMinutes of the meeting held on Wednesday, 12 March 2025 at 10am\n\n", "2025-03-12", "Cabinet"),
    ("Issue - meetings\n\nPlay Areas\n\nMeeting: 25/04/2017 - Executive (Item 121)\n\n", "2017-04-25", "Executive"),
    ("Decision details\n\nDepot lease\n\nDecision Maker: Head of Property\n\nDate of decision: 01/09/2024\n\n", "2024-09-01",
     "Head of Property"),
])
def test_meeting_date_and_body(head, date, body):
    parsed = parse_text(head + "RESOLVED that the report be noted.")
    assert (parsed.meeting_date, parsed.body) == (date, body)


def test_report_reference_and_item_heading():
    parsed = parse_text("Minutes of the meeting held on 3 June 2025\n\n12 Waste Strategy\n\nThe Cabinet considered the report "
                        "of the Director of Environment (ENV/25/14).\n\nRESOLVED that the Waste Strategy be adopted.")
    item = [i for i in parsed.items if i.resolutions][0]
    assert (item.number, item.title, item.report_ref) == ("12", "Waste Strategy", "ENV/25/14")


# --- spans, contract, robustness ------------------------------------------------------------

def test_every_span_points_at_its_text(sample_minutes):
    text = sample_minutes.read_text(encoding="utf-8")
    parsed = parse_text(text)
    for item in parsed.items:
        for r in item.resolutions:
            assert fold(text[r.span[0]:r.span[1]]) == r.text
        for d in item.delegations:
            assert fold(text[slice(*d.spans["power"])]) == d.power
            assert [fold(text[s:e]) for s, e in d.spans["delegates"]] == d.delegates
            if d.condition:
                assert fold(text[slice(*d.spans["condition"])]) == d.condition
        for o in item.obligations:
            assert fold(text[o.span[0]:o.span[1]]) == o.text
        for c in item.legislation:
            assert fold(text[c.span[0]:c.span[1]]) == c.text
        for field in ("number", "title", "report_ref", "mover", "seconder"):
            if field in item.spans:
                assert fold(text[slice(*item.spans[field])]) == getattr(item, field)


def test_the_project_sample_minutes(sample_minutes):
    parsed = parse_text(sample_minutes.read_text(encoding="utf-8"))
    assert (parsed.body, parsed.meeting_date) == ("Cabinet", "2025-03-12")
    first, second = parsed.items
    assert [r.label for r in first.resolutions] == ["a", "b", "c", "d"]
    assert [r.kinds for r in first.resolutions] == [["approve"], ["endorse"], ["note"], ["delegate"]]
    (d,) = first.delegations
    assert d.delegates == ["Director of Children & Young People's Futures", "Director of Finance and Public Value"]
    assert d.consultees == ["Cabinet Member for Children's SEND Improvement Services"]
    assert d.condition == "following completion of a full procurement options appraisal"
    assert d.power.startswith("approve the final route to market")
    kinds = {(o.kind, o.due) for o in first.obligations}
    assert ("impact_assessment", "2025-09-30") in kinds and ("procurement_step", "2026-01") in kinds
    assert (first.mover, first.seconder) == ("Councillor Evans", "Councillor Baker")
    assert len(second.resolutions) == 1 and (second.mover, second.seconder) == ("Councillor Walsh", "Councillor Osei")
    assert {(o.kind, o.due) for o in second.obligations} == {("consultation", "2025-06-30"), ("report_back", "2025-09")}


def test_parse_document_and_contract():
    doc = Document(name="x.html", format="html", text="RESOLVED that the report be noted.")
    parsed = parse_document(doc)
    contract = parsed.to_contract()
    assert contract["parser_version"] == PARSER_VERSION and contract["source_format"] == "html"
    assert contract["items"][0]["resolutions"][0] == {"label": None, "text": "that the report be noted", "kinds": ["note"],
                                                      "span": [9, 33]}


@pytest.mark.parametrize("text", ["", "   \n\n", "\x00\x01\x02 binary \xff junk", "RESOLVED", "RESOLVED that:-(a)",
                                  "(a)" * 2000, "1.\n" * 3000, "RESOLVED " * 500 + "that", "Decision:" * 300])
def test_odd_text_never_raises(text):
    parsed = parse_text(text)
    assert parsed.parser_version == PARSER_VERSION


# --- more council layouts --------------------------------------------------------------------

@pytest.mark.parametrize("clause, delegates, power", [
    ("that the Council delegate to the Head of Finance authority to write off debts under £5,000",
     ["Head of Finance"], "write off debts under £5,000"),
    ("that the Director of Place be delegated authority to agree the final design", ["Director of Place"], "agree the final design"),
    ("to delegate the decision on the preferred bidder to the Chief Executive", ["Chief Executive"],
     "decision on the preferred bidder"),
])
def test_more_delegation_phrasings(clause, delegates, power):
    item = one_item(f"RESOLVED {clause}.")
    (d,) = item.delegations
    assert (d.delegates, d.power) == (delegates, power)


def test_unlabelled_paragraphs_each_opening_with_that():
    item = one_item("RESOLVED:\n\nThat the Local Plan timetable be approved.\n\nThat the risks set out in the report be noted.\n\n"
                    "Reason for decision: to keep the plan on track.")
    assert texts(item) == [(None, "That the Local Plan timetable be approved"),
                           (None, "That the risks set out in the report be noted")]


@pytest.mark.parametrize("line, mover, seconder", [
    ("It was moved by the Leader, Councillor Hughes, and seconded by Councillor Baker, and", "Councillor Hughes",
     "Councillor Baker"),
    ("(Proposer: Cllr Mensah, Seconder: Cllr Doyle)", "Cllr Mensah", "Cllr Doyle"),
    ("Moved by Cllr Ward; seconded by Cllr Ilori.", "Cllr Ward", "Cllr Ilori"),
    ("On the proposition of Councillor Le Page, seconded by Councillor Ford, it was", "Councillor Le Page", "Councillor Ford"),
    ("Councillor Patel moved refusal of the application. This was seconded by Councillor Day.", "Councillor Patel",
     "Councillor Day"),
    ("The Chair, Councillor Ahmed-Wilson, moved the recommendation, which was seconded by the Vice-Chair, Councillor "
     "O'Neill.", "Councillor Ahmed-Wilson", "Councillor O'Neill"),
    ("Mr M Baldock moved, seconded by Mr L Burgess that consideration of the application be deferred.", "Mr M Baldock",
     "Mr L Burgess"),
    ("Proposed by Councillor D. ap Rhys, seconded by Councillor M. de Souza.", "Councillor D. ap Rhys",
     "Councillor M. de Souza"),
    ("On the motion of Bailie Stewart, seconded by Councillor Reid, the Committee agreed.", "Bailie Stewart",
     "Councillor Reid"),
    ("Moved by Councillor Lloyd (Chair) and seconded by Councillor Evans (Vice-Chair).", "Councillor Lloyd",
     "Councillor Evans"),
    ("An amendment was moved by Councillor Green and seconded by Councillor Shah. The amendment was lost. The "
     "substantive motion, moved by Councillor Ellis and seconded by Councillor Ward, was carried.", "Councillor Ellis",
     "Councillor Ward"),
    ("Cllr Dunn moved the recommendations and Cllr Foster seconded.", "Cllr Dunn", "Cllr Foster"),
    ("An amendment proposed by Cllr Hale, that the scheme be deferred, was not carried.", None, None),
])
def test_more_mover_phrasings(line, mover, seconder):
    item = one_item(f"{line}\n\nRESOLVED that the report be noted.")
    assert (item.mover, item.seconder) == (mover, seconder)


def test_item_headings_and_weekday_dates():
    parsed = parse_text("Planning Committee\n\nDate of meeting: Thursday 5 June 2025\n\nItem 7 Tree Preservation Orders\n\n"
                        "RESOLVED that the order be confirmed.\n\nItem 8 Enforcement Update\n\nRESOLVED that the update be noted.")
    assert parsed.meeting_date == "2025-06-05"
    assert [(i.number, i.title, len(i.resolutions)) for i in parsed.items] == [
        ("7", "Tree Preservation Orders", 1), ("8", "Enforcement Update", 1)]


def test_table_layout_minutes_rows_are_items():
    parsed = parse_text("No. | Item |\n---|---|\n12. | Apologies Minutes: None. |\n13. | Budget Monitoring PDF 120 KB "
                        "Minutes: RESOLVED that the budget position be noted. |\n")
    item = [i for i in parsed.items if i.resolutions][0]
    assert (item.number, item.title, texts(item)) == ("13", "Budget Monitoring", [(None, "that the budget position be noted")])


def test_joiner_run_into_a_bracket_label():
    item = one_item("It was RESOLVED that the decision to be taken by the Cabinet Member for Health to:a)Approve the "
                    "extension;b)Undertake market engagement; andc)Delegate authority to the Director of Health to take "
                    "other relevant actions,be endorsed.")
    assert [r.label for r in item.resolutions] == ["a", "b", "c"]
    assert item.delegations[0].resolution_label == "c"
    assert item.delegations[0].power == "take other relevant actions"


@pytest.mark.parametrize("text, n", [
    ("RESOLVED by 7 votes to 2, with 1 abstention, that the scheme be approved.", 1),
    ("The Cabinet agreed:\n\n• that the plan be adopted;\n\n• that the risks be noted.\n", 2),
])
def test_vote_counts_and_bulleted_stems(text, n):
    item = one_item(text)
    assert len(item.resolutions) == n
    assert item.resolutions[0].text.startswith("that the")


def test_dotted_and_dashed_numeric_dates():
    parsed = parse_text("Date of decision: 12.03.2025\n\nRESOLVED that the report be noted.")
    assert parsed.meeting_date == "2025-03-12"


@pytest.mark.parametrize("head", ["Decision taken:", "Details of decision:", "Decision made:"])
def test_officer_decision_record_fields(head):
    parsed = parse_text(f"Officer decision record\n\n{head}\n\nTo approve the lease of Unit 4 to the Food Bank.\n\n"
                        "Reasons for the decision:\n\nTo support the service.")
    item = parsed.items[0]
    assert texts(item) == [(None, "To approve the lease of Unit 4 to the Food Bank")]


def test_unlabelled_clauses_on_their_own_lines_ending_with_semicolons():
    item = one_item("RESOLVED that:\n\nthe quarterly performance report be noted;\n\nthe revised risk register be approved; and"
                    "\n\nofficers report back to the Committee in six months.\n\nThe meeting closed at 8.15pm.")
    assert [(r.text, r.kinds) for r in item.resolutions] == [
        ("the quarterly performance report be noted", ["note"]), ("the revised risk register be approved", ["approve"]),
        ("officers report back to the Committee in six months", ["request"])]


def test_decision_record_with_lettered_dotted_clauses():
    parsed = parse_text("DECISION RECORD\n\nDecision Maker: Executive Member for Highways\n\nDate: 14 March 2025\n\n"
                        "Decision: That the Executive Member for Highways:\n\na. Approves the Winter Policy.\n\nb. Delegates "
                        "authority to the Director of Universal Services to amend the gritting routes.\n\nReason(s) for the "
                        "decision: safety.")
    item = parsed.items[0]
    assert (parsed.meeting_date, parsed.body) == ("2025-03-14", "Executive Member for Highways")
    assert [(r.label, r.kinds) for r in item.resolutions] == [("a", ["approve"]), ("b", ["delegate"])]
    assert item.delegations[0].delegates == ["Director of Universal Services"]


def test_agreed_as_a_heading_over_a_list_but_not_inside_a_capitals_title():
    item = one_item("AGREED:\n\n(a) that the Parish Charter be adopted;\n\n(b) that the review be noted.\n")
    assert [r.label for r in item.resolutions] == ["a", "b"]
    assert parse_text("MINUTES AGREED BY THE JOINT PANEL\n\nThe Panel met.").items[0].resolutions == []


def test_an_unlabelled_clause_after_a_recommended_list():
    item = one_item("RESOLVED:\n\nThat Cabinet RECOMMENDS to Council:\n\n1. the revenue budget of £245m;\n\n2. a Council Tax "
                    "increase of 4.99%.\n\nThat Cabinet approves the delegation to the Section 151 Officer, in consultation "
                    "with the Leader, to make final technical adjustments before it is considered by Council.\n")
    assert [(r.label, r.kinds) for r in item.resolutions] == [
        ("1", ["recommend"]), ("2", ["recommend"]), (None, ["approve", "delegate"])]
    (d,) = item.delegations
    assert (d.delegates, d.consultees, d.power, d.condition) == (
        ["Section 151 Officer"], ["Leader"], "make final technical adjustments", "before it is considered by Council")


def test_windows_line_ends_and_page_breaks_parse_alike():
    text = "RESOLVED that:\n\n(a) the plan be approved;\n\n(b) the report be noted.\n"
    crlf = text.replace("\n", "\r\n").replace("(b)", "\f(b)")
    got = parse_text(crlf).items[0].resolutions
    assert [r.text for r in got] == [r.text for r in parse_text(text).items[0].resolutions]
    assert fold(crlf[got[1].span[0]:got[1].span[1]]) == "the report be noted"


# --- search helpers: the shortcuts find what a plain search finds ------------------------------

_PASSIVE_LIKE = re.compile(r"\b(?:be|is|was)\s+(?:agreed|noted)\b|(?<=[a-z])be\s*endorsed", re.I)


@pytest.mark.parametrize("s", [
    "that the Strategy be agreed",
    "this is what was noted; the report is agreed",  # "is" inside "this" is tried and fails
    "the decisionbe endorsed",  # damaged text: "be" run into the word before
    "İstanbul twinning be agreed",  # lower-casing lengthens the text: a plain search instead
    "nothing here",
])
def test_matching_only_where_the_opening_words_occur_finds_what_search_finds(s):
    found = match_at_words(_PASSIVE_LIKE, s, ("be", "is", "was"))
    expected = _PASSIVE_LIKE.search(s)
    assert (found and found.span()) == (expected and expected.span())


def test_folded_text_maps_back_to_the_source():
    source = "RESOLVED  that the\n   Strategy\tbe agreed  "
    f = Folded(source, 8, len(source))
    assert f.text == "that the Strategy be agreed"
    a = f.text.index("Strategy")
    start, end = f.span(a, a + len("Strategy"))
    assert source[start:end] == "Strategy"


def test_a_refused_reference_just_before_another_slash_does_not_hang_the_parser():
    # a planning application's number is no report reference; the "/" just after it once made
    # report_ref find the same refused number again for ever
    import threading

    result = []
    worker = threading.Thread(target=lambda: result.append(
        parse_text("RESOLVED that the planning application AB/1/2 / be refused.")), daemon=True)
    worker.start()
    worker.join(timeout=30)  # a guard against an endless loop, not a measure of speed
    assert result and result[0].items[0].report_ref is None


@pytest.mark.parametrize("clause, kind", [
    ("That the Director of Housing be asked to report on the condition survey to a future meeting.", "report_back"),
    ("That the Director of Finance report the outcome of the budget consultation to the December meeting.", "report_back"),
    ("That the Head of Transport be authorised to advertise the necessary Traffic Regulation Order.", "publication"),
    ("That officers prepare a delivery plan for consideration by the Executive.", "report_back"),
])
def test_follow_ups_a_decision_asks_for(clause, kind):
    parsed = parse_text(f"Minutes of the meeting of the Cabinet held on 3 June 2026\n\n12. Housing Matters\n\nRESOLVED:\n\n{clause}\n")
    assert [o.kind for i in parsed.items for o in i.obligations] == [kind]


def test_a_committee_system_decision_notice_and_an_agenda_item_page():
    parsed = parse_text("DECISIONS OF THE CABINET MADE ON WEDNESDAY, 8 JULY 2026\n\n21. Annual Complaints Report\n\n"
                        "Decision:\n\nRESOLVED that the Annual Complaints Report be noted, and that the Head of Customer "
                        "Services report progress on response times to Cabinet in six months.\n")
    assert parsed.meeting_date == "2026-07-08"
    assert [r.kinds for i in parsed.items for r in i.resolutions] == [["note", "request"]]
    parsed = parse_text("Agenda item\n\nMeeting: 15/09/2026 - Policy and Resources Committee (Item 23)\n\n23 Medium Term "
                        "Financial Strategy\n\nMinutes:\n\nOn the proposal of Councillor Webb, seconded by Councillor Doyle, "
                        "it was\n\nRESOLVED – That the budget gap be noted.\n")
    (item,) = parsed.items
    assert (item.number, item.title, item.mover, item.seconder) == (
        "23", "Medium Term Financial Strategy", "Councillor Webb", "Councillor Doyle")


def test_decision_notices_whose_fields_look_like_decisions():
    parsed = parse_text("PORTFOLIO HOLDER DECISION NOTICE\n\nPortfolio Holder: Portfolio Holder for Leisure\nDecision made: "
                        "12 November 2026\nTitle: Museum Charges\n\nDecision:\n\nThat admission charges at the Town Museum be "
                        "removed for residents under 18.\n\nReasons:\n\nTo widen access.\n")
    assert (parsed.page_type, parsed.meeting_date) == ("decision", "2026-11-12")
    assert [r.text for i in parsed.items for r in i.resolutions] == [
        "That admission charges at the Town Museum be removed for residents under 18"]
    parsed = parse_text("EXECUTIVE DECISION NOTICE\n\nDecision taker: Executive\nDate of decision: 26 November 2026\nTitle of "
                        "decision: Flood Resilience Grants\n\nDecision(s):\n\n• To approve the Flood Resilience Grant Scheme.\n"
                        "• To note the budget.\n\nReasons for the decision(s): To help households.\n")
    assert parsed.items[0].title == "Flood Resilience Grants"
    assert [(r.label, r.kinds) for i in parsed.items for r in i.resolutions] == [(None, ["approve"]), (None, ["note"])]


def test_an_issue_details_page_lists_meetings_not_decisions():
    parsed = parse_text("Issue details\n\nWaste Collection Policy Update\n\nDecision maker: Cabinet\n\nDecision due date: "
                        "09/12/2026\n\nDecisions:\n\n09/12/2026 - Cabinet Waste Collection Policy Update\n")
    assert [(i.title, i.resolutions) for i in parsed.items] == [("Waste Collection Policy Update", [])]


def test_a_record_of_decisions_of_several_items_and_agenda_item_headings():
    parsed = parse_text("Meeting of the Joint Waste Committee, Monday 7 December 2026\n\nRecord of decisions\n\n4. Contract "
                        "Performance\n\nAGREED: that the report be noted.\n\n5. Recycling Credits\n\nAGREED: that the credits "
                        "be set at £62 per tonne.\n")
    assert parsed.body == "Joint Waste Committee"
    assert [(i.number, i.title, [r.kinds for r in i.resolutions]) for i in parsed.items] == [
        ("4", "Contract Performance", [["note"]]), ("5", "Recycling Credits", [["approve"]])]
    parsed = parse_text("Cabinet - Wednesday, 16th December, 2026 6.30 pm\n\nAgenda item 11: Leisure Strategy\n\nDecision:\n\n"
                        "RESOLVED – That the Leisure Strategy be approved.\n")
    assert [(i.number, i.title) for i in parsed.items] == [("11", "Leisure Strategy")]


def test_a_decision_sheet_whose_stem_has_no_colon():
    parsed = parse_text("Environment Committee\n\nDecision Sheet\n\nItem 7 – Play Areas\n\nDECISION: The Committee\n\n(a) approved "
                        "the play area programme; and\n\n(b) asked the Head of Parks to report on progress to the Committee in "
                        "June 2027.\n\nItem 8 – Allotments\n\nDECISION: The Committee agreed to increase allotment rents by 5%.\n")
    assert [[(r.label, r.text, r.kinds) for r in i.resolutions] for i in parsed.items] == [
        [("a", "approved the play area programme", ["approve"]),
         ("b", "asked the Head of Parks to report on progress to the Committee in June 2027", ["request"])],
        [(None, "The Committee agreed to increase allotment rents by 5%", ["approve"])]]


@pytest.mark.parametrize("clause, kinds, obligation", [
    ("that the Waste Manager report on the effect of the change to the Committee in December 2027", ["request"], "report_back"),
    ("that authority be delegated to the Head of Planning to publish the adoption statement", ["delegate"], "publication"),
    ("that the Head of Licensing be authorised to publish the policy and notify the trade", ["delegate"], "publication"),
    ("to note that the results of the consultation will be reported to Cabinet in March", ["note"], "report_back"),
])
def test_what_a_clause_asks_for_and_what_must_be_tracked(clause, kinds, obligation):
    parsed = parse_text(f"Minutes of the meeting of the Cabinet held on 3 June 2026\n\n12. Matters\n\nRESOLVED {clause}.\n")
    (item,) = parsed.items
    assert ([r.kinds for r in item.resolutions], [o.kind for o in item.obligations]) == ([kinds], [obligation])


def test_a_one_item_page_headed_item_6_and_a_report_to_council():
    parsed = parse_text("Finance Committee – 12 November 2026\n\nItem 6: Budget Monitoring – Period 6\n\nReport by the Executive "
                        "Director of Corporate Services\n\nDecision\n\nThe Committee agreed:\n\n1) to note the overspend;\n\n2) "
                        "to instruct the Executive Director to bring forward a recovery plan to the next meeting.\n")
    assert [(i.number, i.title) for i in parsed.items] == [("6", "Budget Monitoring – Period 6")]
    parsed = parse_text("Report to Council\nDate of meeting: 22 October 2026\nReport of: Cabinet\n\nPolling Places Review\n\n"
                        "Recommendation to Council\n\nCouncil is recommended to approve the polling places in Appendix A.\n\n"
                        "1. Introduction\n\n1.1 None.\n")
    assert (parsed.page_type, parsed.body, parsed.items[0].title) == ("report", "Council", "Polling Places Review")
    parsed = parse_text("Joint Waste Committee\n\nRecord of decisions – 7 December 2026\n\n4. Contract Performance\n\nAGREED: "
                        "that the report be noted.\n")
    assert parsed.meeting_date == "2026-12-07"


def test_a_decision_summarised_and_then_minuted_in_other_words_is_one_decision():
    parsed = parse_text("Agenda item\n\nMeeting: 10/11/2026 - Cabinet (Item 77)\n\n77 Council Tax Base 2027/28\n\nDecision:\n\n"
                        "Cabinet approved the Council Tax Base for 2027/28 of 38,412.6 Band D equivalent properties.\n\nMinutes:\n\n"
                        "The Cabinet Member for Finance introduced the report, and it was\n\nRESOLVED that the Council Tax Base "
                        "for 2027/28 be approved at 38,412.6 Band D equivalent properties.\n")
    assert [r.text for i in parsed.items for r in i.resolutions] == [
        "that the Council Tax Base for 2027/28 be approved at 38,412.6 Band D equivalent properties"]


def test_a_decision_line_that_names_the_decision_is_its_title():
    parsed = parse_text("Officer Decision\n\nDecision Maker: Strategic Director of Place\n\nDecision: Approval of the Affordable "
                        "Warmth Grant Policy\n\nDate of decision: 3 November 2026\n\nDecision Type: Officer Decision\n\nDetails:\n"
                        "To approve the Affordable Warmth Grant Policy and to open the scheme on 1 December 2026.\n")
    (item,) = parsed.items
    assert item.title == "Approval of the Affordable Warmth Grant Policy"
    assert [r.text for r in item.resolutions] == [
        "To approve the Affordable Warmth Grant Policy and to open the scheme on 1 December 2026"]


@pytest.mark.parametrize("clause, kind", [
    ("ask the Head of Environmental Services to report on the scheme's take-up to Cabinet in October 2027", "report_back"),
    ("agree that the policy is published on the Council's website by 31 October 2026", "publication"),
])
def test_more_follow_ups_in_a_recommendation(clause, kind):
    parsed = parse_text("Report to: Cabinet\nDate of meeting: 6 October 2026\nReport title: Public Conveniences – Draft Proposals "
                        f"for Consultation\n\n1. Recommendations\n\n1.1 Cabinet is asked to {clause}.\n\n2. Background\n\n2.1 None.\n")
    assert [o.kind for i in parsed.items for o in i.obligations] == [kind]


def test_a_decision_session_and_officers_asked_to_act():
    parsed = parse_text("Decision Session - Executive Member for Transport\n\nThursday, 14 January 2027\n\nMinutes\n\n14. Residents' "
                        "Parking – Holgate Road\n\nResolved: That the Executive Member approves a residents' parking scheme, and "
                        "that the necessary Traffic Regulation Order be advertised.\n\nReason: To respond to a petition.\n")
    assert (parsed.page_type, parsed.body, parsed.meeting_date) == ("minutes", "Executive Member for Transport", "2027-01-14")
    (item,) = parsed.items
    assert (item.number, [o.kind for o in item.obligations]) == ("14", ["publication"])
    parsed = parse_text("Minutes of the meeting of the Licensing Committee held on 27 January 2027\n\n5. Street Trading\n\n"
                        "RESOLVED that officers write to all consent holders to explain the changes.\n")
    assert [r.kinds for i in parsed.items for r in i.resolutions] == [["request"]]


def test_a_post_to_be_advertised_is_no_publication():
    parsed = parse_text("Minutes of the meeting of the Cabinet held on 3 June 2026\n\n4. Staffing\n\nIt was noted that a Client "
                        "Manager post would be advertised next week.\n\nRESOLVED that the report be noted.\n")
    assert [o.kind for i in parsed.items for o in i.obligations] == []


def test_a_deadline_a_second_ask_and_a_committee_for_a_subject():
    parsed = parse_text("Joint Committee for Waste\n\nRecord of decisions – 7 December 2026\n\n6. Network Map\n\nAGREED:\n\n(a) that "
                        "the map be approved; and\n\n(b) to note that the final map must be submitted to the Welsh Government by "
                        "31 December 2026.\n\n7. Allotments\n\nDECISION: The Committee agreed to increase the rents by 5%, and asked "
                        "that tenants be given twelve months' notice.\n")
    assert parsed.body == "Joint Committee for Waste"
    assert [(o.kind, o.due) for i in parsed.items for o in i.obligations] == [("other", "2026-12-31")]
    assert [r.kinds for r in parsed.items[1].resolutions] == [["approve", "request"]]


def test_an_agenda_item_page_before_the_meeting_decides_and_promises_nothing():
    parsed = parse_text("Agenda item\n\nMeeting: 10/02/2027 - Cabinet (Item 112)\n\n112 Statement of Community Involvement pdf icon "
                        "PDF 180 KB\n\nReport of the Head of Planning.\n\nRecommendation:\n\nThat Cabinet approves the revised "
                        "Statement for public consultation.\n\nAdditional documents:\n\nAppendix 1 PDF 400 KB\n")
    (item,) = parsed.items
    assert (item.resolutions, item.obligations) == ([], [])


def test_a_decision_page_whose_fields_are_a_table():
    parsed = parse_text("Decision: Fly-tipping Enforcement Policy\n\nDecision maker | Cabinet |\nDate of decision | 25 March 2026 |\n"
                        "Key decision | No |\n\nDecision\n\nThat the Fly-tipping Enforcement Policy be approved.\n\nReasons for "
                        "decision\n\nTo deter fly-tipping.\n")
    assert (parsed.page_type, parsed.body, parsed.meeting_date) == ("decision", "Cabinet", "2026-03-25")
    (item,) = parsed.items
    assert (item.title, [r.text for r in item.resolutions]) == (
        "Fly-tipping Enforcement Policy", ["That the Fly-tipping Enforcement Policy be approved"])


def test_clauses_that_open_with_their_condition():
    parsed = parse_text("Decision details\n\nHackney Carriage Fares\n\nDecision Maker: Licensing Committee\n\nDecision:\n\nRESOLVED "
                        "that:\n(a) the proposed table of fares be advertised;\n(b) if no objections are received, the new fares "
                        "take effect on 1 May 2027; and\n(c) if objections are received, they be reported to the Committee for a "
                        "decision.\n\nDate of decision: 17/03/2027\n")
    (item,) = parsed.items
    assert [r.kinds for r in item.resolutions] == [["approve"], ["approve"], ["request"]]
    assert sorted(o.kind for o in item.obligations) == ["publication", "report_back"]


@pytest.mark.parametrize("head, kind, body", [
    ("PORTFOLIO HOLDER DECISION NOTICE\n\nPortfolio Holder: Portfolio Holder for Leisure and Culture\nDecision made: 12 November "
     "2026\nTitle: Museum Charges", "decision", "Portfolio Holder for Leisure and Culture"),
    ("OFFICER KEY DECISION\n\nName and job title of decision maker: Kate Morrow, Director of Commissioning\nDate of decision: 4 "
     "December 2026\nSubject: Supported Living Framework", "officer_decision", "Director of Commissioning"),
])
def test_the_decision_maker_of_a_notice_is_the_role_named(head, kind, body):
    parsed = parse_text(f"{head}\n\nDecision:\n\nTo award the framework places from 1 February 2027.\n\nReasons: None.\n")
    assert (parsed.page_type, parsed.body) == (kind, body)

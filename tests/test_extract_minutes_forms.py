"""Minutes of councils the parser has not seen, in the layouts and drafting their committee
systems, word processors and PDF converters give them (texts written for these tests, never
copied): a table layout saved as text with a long cell wrapped into the next row, PDF text
with words hyphenated at line ends and a page's header and footer inside a sentence,
bilingual Welsh/English decisions."""
from __future__ import annotations

from govbot.extract import parse_text


def decided(parsed):
    return [i for i in parsed.items if i.resolutions]


def texts(item):
    return [(r.label, r.text) for r in item.resolutions]


# --- layout ----------------------------------------------------------------------------------

def test_a_table_row_whose_decision_cell_wraps_into_the_next_rows_reads_as_one_cell():
    parsed = parse_text(
        "| No. | Item | Decision |\n|---|---|---|\n"
        "| 90 | Town Centre Car Parking Charges | RESOLVED that: (a) the revised tariff be approved with effect from 1 June |\n"
        "| | | 2025; and (b) the Head of Environmental Services be authorised, in consultation with the |\n"
        "| | | Portfolio Holder for Environment, to make minor changes to the tariff. |\n"
        "| 91 | Corporate Risk Register | RESOLVED that the Corporate Risk Register be noted. |\n")
    first, second = decided(parsed)
    assert (first.number, first.title) == ("90", "Town Centre Car Parking Charges")
    assert texts(first) == [
        ("a", "the revised tariff be approved with effect from 1 June 2025"),
        ("b", "the Head of Environmental Services be authorised, in consultation with the Portfolio Holder for "
              "Environment, to make minor changes to the tariff")]
    (d,) = first.delegations
    assert (d.delegates, d.consultees, d.power) == (
        ["Head of Environmental Services"], ["Portfolio Holder for Environment"], "make minor changes to the tariff")
    assert (second.number, texts(second)) == ("91", [(None, "that the Corporate Risk Register be noted")])


def test_a_row_with_an_unnumbered_item_is_not_taken_for_a_wrapped_cell():
    parsed = parse_text("| No. | Item | Decision |\n|---|---|---|\n"
                        "| 4 | Budget | RESOLVED that the budget be noted. |\n"
                        "| | Fees and Charges | RESOLVED that the fees be approved. |\n")
    assert [r.text for i in parsed.items for r in i.resolutions] == [
        "that the budget be noted", "that the fees be approved"]


def test_pdf_text_hyphenated_words_and_a_page_header_and_footer_inside_a_clause():
    parsed = parse_text(
        "42. WASTE COLLECTION CONTRACT\n\nRESOLVED that:\n\n(a) the commencement of a pro-\ncurement exercise be approved;\n\n"
        "(b) the Director of Neighbourhoods be authorised to award the contract to the most economically advan-\n"
        "Cabinet – 13 March 2025\nPage 4 of 12\ntageous tender within the approved budget; and\n\n"
        "(c) the recommend-\nations of the Scrutiny Committee and the decision-\nmaking timetable be noted.\n")
    (item,) = decided(parsed)
    assert [r.text for r in item.resolutions] == [
        "the commencement of a procurement exercise be approved",
        "the Director of Neighbourhoods be authorised to award the contract to the most economically advantageous "
        "tender within the approved budget",
        "the recommendations of the Scrutiny Committee and the decision-making timetable be noted"]
    assert [o.kind for o in item.obligations] == ["procurement_step"]
    assert (item.delegations[0].power, item.delegations[0].condition) == (
        "award the contract to the most economically advantageous tender", "within the approved budget")


def test_a_page_footer_between_sentences_is_left_for_the_clause_reader():
    text = "RESOLVED that the Plan be approved.\nPage 4 of 12\nThe Chair thanked officers.\n"
    (item,) = decided(parse_text(text))
    assert texts(item) == [(None, "that the Plan be approved")]


# --- bilingual minutes -----------------------------------------------------------------------

def test_welsh_and_english_clauses_in_turn_give_the_english_once():
    parsed = parse_text(
        "Dydd Iau, 22 Mai 2025 / Thursday, 22 May 2025\n\n7. STRATEGAETH TAI / HOUSING STRATEGY\n\n"
        "PENDERFYNWYD / RESOLVED:\n\n(a) Cymeradwyo'r Strategaeth Tai 2025-2030.\n(a) That the Housing Strategy 2025-2030 "
        "be approved.\n\n(b) Dirprwyo awdurdod i'r Cyfarwyddwr Cymunedau, mewn ymgynghoriad â'r Aelod Cabinet dros Dai, i "
        "gytuno ar y cynllun gweithredu.\n(b) That authority be delegated to the Director of Communities, in consultation "
        "with the Cabinet Member for Housing, to agree the action plan.\n\n"
        "8. ADRODDIAD MONITRO'R GYLLIDEB / BUDGET MONITORING REPORT\n\nPENDERFYNWYD / RESOLVED:\nNodi'r adroddiad.\n"
        "That the report be noted.\n")
    assert parsed.meeting_date == "2025-05-22"
    first, second = decided(parsed)
    assert texts(first) == [
        ("a", "That the Housing Strategy 2025-2030 be approved"),
        ("b", "That authority be delegated to the Director of Communities, in consultation with the Cabinet Member "
              "for Housing, to agree the action plan")]
    assert [(d.delegates, d.consultees) for d in first.delegations] == [
        (["Director of Communities"], ["Cabinet Member for Housing"])]
    assert texts(second) == [(None, "That the report be noted")]


def test_english_clauses_naming_welsh_places_are_kept():
    (item,) = decided(parse_text("RESOLVED:\n(a) That Ysgol y Graig and Ysgol yr Esgob be federated;\n"
                                 "(b) Approved: Ysgol y Graig and Ysgol yr Esgob merger.\n"))
    assert [r.label for r in item.resolutions] == ["a", "b"]


# --- drafting --------------------------------------------------------------------------------

def test_a_delegate_or_their_nominee_is_the_role_holder():
    (item,) = decided(parse_text(
        "Decision:\n\nThat Cabinet:\n\n(i) approves the transfer of the leisure centres;\n\n(ii) delegates authority to "
        "the Chief Executive, or their nominee, following consultation with the Leader and the relevant Portfolio "
        "Holder, to finalise the terms of the transfer.\n"))
    (d,) = item.delegations
    assert (d.resolution_label, d.delegates, d.consultees, d.power) == (
        "ii", ["Chief Executive"], ["Leader", "relevant Portfolio Holder"], "finalise the terms of the transfer")
    (item,) = decided(parse_text("RESOLVED that the Director of Place (or his/her nominated deputy) be authorised to "
                                 "submit the bid.\n"))
    assert item.delegations[0].delegates == ["Director of Place"]


def test_resolved_that_with_an_em_dash_heads_the_list():
    (item,) = decided(parse_text(
        "17.2\tRESOLVED that—\n\n(1)\tthe admission arrangements for 2026/27 be determined as set out in the report; "
        "and\n\n(2)\tthe Director of Education be authorised to publish the determined arrangements.\n"))
    assert texts(item) == [("1", "the admission arrangements for 2026/27 be determined as set out in the report"),
                           ("2", "the Director of Education be authorised to publish the determined arrangements")]


def test_a_recommendation_to_council_heading_and_a_date_printed_in_figures():
    parsed = parse_text("Policy and Resources Committee\n05/06/2025\n\n5. Medium Term Financial Strategy\n\n"
                        "RECOMMENDATION TO COUNCIL\n\nThat the Medium Term Financial Strategy 2025-2029 be approved.\n")
    assert parsed.meeting_date == "2025-06-05"
    (item,) = decided(parsed)
    assert [(r.text, r.kinds) for r in item.resolutions] == [
        ("That the Medium Term Financial Strategy 2025-2029 be approved", ["recommend"])]


def test_decisions_listed_with_dashes_after_the_body():
    (item,) = decided(parse_text(
        "Agenda item 5: Parks Strategy\nDecision\nThe Cabinet:\n- approved the Parks Strategy 2025-2035;\n"
        "- agreed that the Head of Parks be given delegated authority to agree the annual action plan, in "
        "consultation with the Cabinet Member for Leisure.\nReasons for decision\nThe strategy sets priorities.\n"))
    assert [(r.text, r.kinds) for r in item.resolutions] == [
        ("approved the Parks Strategy 2025-2035", ["approve"]),
        ("agreed that the Head of Parks be given delegated authority to agree the annual action plan, in consultation "
         "with the Cabinet Member for Leisure", ["delegate"])]


def test_what_a_clause_does_when_it_says_the_body_agreed_or_recommends():
    item = decided(parse_text("RESOLVED – That the Committee recommends to Council that the Article 4 Direction be "
                              "confirmed.\n"))[0]
    assert item.resolutions[0].kinds == ["recommend"]
    item = decided(parse_text("The Panel:\n- agreed that the monitoring report be noted;\n- agreed that a progress "
                              "report be brought to Cabinet in January 2026.\n"))[0]
    assert [r.kinds for r in item.resolutions] == [["note"], ["request"]]
    assert [(o.kind, o.due) for o in item.obligations] == [("report_back", "2026-01")]


def test_meeting_dates_in_word_and_decision_list_headers():
    assert parse_text("Cabinet\t\t\t\t\t\t16 December 2025\n\nCAB 88\tBUDGET\n\nRESOLVED that the budget be noted.\n"
                      ).meeting_date == "2025-12-16"
    assert parse_text("Cabinet – Decisions – 21 January 2026\nItem | Decision\n5. Corporate Plan | RESOLVED that the "
                      "Plan be noted.\n").meeting_date == "2026-01-21"


def test_an_assessment_to_be_carried_out_is_asked_for():
    (item,) = decided(parse_text("RESOLVED that an equality impact assessment be carried out before any changes are "
                                 "made to opening hours.\n"))
    assert item.resolutions[0].kinds == ["request"]
    assert [o.kind for o in item.obligations] == ["impact_assessment"]


def test_a_wrapped_cell_in_a_table_printed_without_outer_bars():
    parsed = parse_text("No. | Item | Decision\n71 | Tenancy Strategy | RESOLVED that (a) the Tenancy Strategy be adopted; "
                        "and (b) the Director\n |  | of Housing be authorised to make minor amendments to the Strategy.\n"
                        "72 | Fly-tipping | RESOLVED that the update be noted.\n")
    first = decided(parsed)[0]
    assert texts(first)[1] == ("b", "the Director of Housing be authorised to make minor amendments to the Strategy")
    assert first.delegations[0].delegates == ["Director of Housing"]


def test_a_page_header_before_a_role_or_between_clauses_is_no_part_of_either():
    (item,) = decided(parse_text(
        "RESOLVED that the Section 151 Officer be authorised, in consultation with the\nCabinet 9 December 2025\n"
        "Page 12 of 20\nCabinet Member for Finance, to amend the prudential indicators during the year.\n"))
    assert item.delegations[0].consultees == ["Cabinet Member for Finance"]
    (item,) = decided(parse_text(
        "RESOLVED that:\n\n(a) the Waste Strategy be adopted;\nCabinet – 12 March 2026\nPage 5 of 9\n(b) the Director of "
        "Environment be authorised to procure new recycling vehicles within the approved capital budget.\n"))
    assert texts(item)[0] == ("a", "the Waste Strategy be adopted")
    assert [o.kind for o in item.obligations] == ["procurement_step"]


def test_the_header_at_the_top_of_the_first_page_still_gives_the_date():
    parsed = parse_text("WESTBRIDGE CITY COUNCIL\nCabinet – 12 March 2026\nPage 1 of 9\n1. Apologies\n\nNone.\n\n"
                        "2. Budget\n\nRESOLVED that the budget be noted.\n")
    assert (parsed.body, parsed.meeting_date) == ("Cabinet", "2026-03-12")


def test_english_then_welsh_clauses_under_the_same_numbers():
    (item,) = decided(parse_text(
        "RESOLVED:\n1. That the Welsh Language Strategy 2026-2031 be approved.\n1. Cymeradwyo Strategaeth yr Iaith "
        "Gymraeg 2026-2031.\n2. That the Head of Policy be asked to report on progress annually.\n2. Gofyn i'r Pennaeth "
        "Polisi adrodd ar y cynnydd yn flynyddol.\n"))
    assert [r.label for r in item.resolutions] == ["1", "2"]
    assert [o.kind for o in item.obligations] == ["report_back"]


def test_more_follow_ups_and_headers_from_other_councils():
    (item,) = decided(parse_text("AGREED: That the draft Pharmaceutical Needs Assessment be published for a 60 day "
                                 "consultation.\n"))
    assert [o.kind for o in item.obligations] == ["publication", "consultation"]  # in the order the sentence gives them
    (item,) = decided(parse_text("RESOLVED that the Head of Property be authorised to dispose of the land, subject to "
                                 "the advertisement of the proposed disposal of open space.\n"))
    assert [o.kind for o in item.obligations] == ["publication"]
    (item,) = decided(parse_text("RESOLVED that the decision be referred back to Cabinet for reconsideration.\n"))
    assert item.resolutions[0].kinds == ["request"]
    assert parse_text("Health and Wellbeing Board\nDate of Meeting: 05/06/2025\n\n4. Needs Assessment\n\nAGREED: That "
                      "the report be noted.\n").body == "Health and Wellbeing Board"
    assert parse_text("Prevent Duty Delivery Board\n\nRESOLVED that the Partnership note the activity.\n").body is None


def test_a_recommendation_to_council_in_title_case_and_movers_in_two_sentences():
    parsed = parse_text("9. Pay Policy Statement 2026/27\n\nProposed by Councillor A. Wright. Seconded by Councillor B. Kaur.\n"
                        "\nRecommended to Council:\n(1) That the Pay Policy Statement 2026/27 be approved.\n(2) That the "
                        "Head of HR be authorised to publish the Statement on the Council's website.\n")
    (item,) = decided(parsed)
    assert [(r.label, r.kinds) for r in item.resolutions] == [("1", ["recommend"]), ("2", ["recommend", "delegate"])]
    assert (item.mover, item.seconder) == ("Councillor A. Wright", "Councillor B. Kaur")


def test_word_bullets_that_a_pdf_turned_into_private_use_characters():
    (item,) = decided(parse_text("RESOLVED that Cabinet:\n\uf0b7 approves the Customer Access Strategy;\n\uf0b7 notes the "
                                 "consultation responses; and\n\uf0b7 asks the Head of Customer Services to report "
                                 "progress to Cabinet in April 2027.\n"))
    assert [r.kinds for r in item.resolutions] == [["approve"], ["note"], ["request"]]
    assert [(o.kind, o.due) for o in item.obligations] == [("report_back", "2027-04")]


def test_a_decision_right_after_a_document_link_in_a_table_row():
    parsed = parse_text("No. | Item |\n142. | Bus Service Improvement Plan PDF 300 KB Decision: That Cabinet: (a) approves "
                        "the Plan; and (b) authorises the Director of Transport to enter into an Enhanced Partnership. "
                        "Reasons for decision: To improve bus services. |\n")
    (item,) = decided(parsed)
    assert [r.label for r in item.resolutions] == ["a", "b"]
    assert item.delegations[0].power == "enter into an Enhanced Partnership"


def test_a_page_footer_run_into_a_line_of_pdf_text():
    (item,) = decided(parse_text(
        "140. Leisure Investment RESOLVED: (a) That the programme be approved. (b) That the Director of Leisure be "
        "authorised to procure a design team. Cabinet 12 May 2026 Page 7 of 15 (c) That a further report be presented "
        "to Cabinet.\n"))
    assert [r.text for r in item.resolutions][1:] == [
        "That the Director of Leisure be authorised to procure a design team",
        "That a further report be presented to Cabinet"]
    (item,) = decided(parse_text("141. Parks RESOLVED that the Director be authorised to let the Page 8 of 15 kiosk "
                                 "contract.\n"))
    assert item.resolutions[0].text == "that the Director be authorised to let the kiosk contract"


def test_what_the_body_agreed_to_do_read_from_the_verb_that_follows():
    for sentence, kinds in [("The Committee agreed to note the report.", ["note"]),
                            ("Cabinet agreed to defer consideration of the item to the next meeting.", ["defer"]),
                            ("Members agreed to recommend to Council that the budget be approved.", ["recommend"])]:
        (item,) = decided(parse_text(f"5. Budget\n\nThe Chair said the item was urgent. {sentence}\n"))
        assert [(r.text, r.kinds) for r in item.resolutions] == [(sentence.rstrip("."), kinds)]
    (item,) = decided(parse_text("The Committee RESOLVED to note the report and to ask officers to circulate the plan.\n"))
    assert item.resolutions[0].kinds == ["note", "request"]
    assert not decided(parse_text("5. Budget\n\nMembers agreed that scrutiny was best held at a later date.\n"))


def test_soft_hyphens_left_in_words_by_a_pdf_text_layer():
    (item,) = decided(parse_text("RESOLVED\u00a0that the pro\u00adcurement of refuse vehicles be approved and that the "
                                 "Head of Waste be authorised to award the con\u00adtract.\n"))
    assert item.resolutions[0].text == ("that the procurement of refuse vehicles be approved and that the Head of Waste "
                                        "be authorised to award the contract")
    assert [o.kind for o in item.obligations] == ["procurement_step"]
    assert item.delegations[0].power == "award the contract"


# --- headers ---------------------------------------------------------------------------------

def test_meeting_dates_in_the_title_lines_of_other_councils():
    for head, date in [("Cabinet (Thursday 5 June 2025)", "2025-06-05"), ("Minutes – Cabinet – 05.06.2025", "2025-06-05"),
                       ("Record of the meeting of the Cabinet on Thursday 5 June 2025", "2025-06-05"),
                       ("Cabinet Meeting\nHeld on: 5 June 2025", "2025-06-05"), ("CABINET - 17TH JULY 2025", "2025-07-17"),
                       ("Report to Cabinet, Friday, 24 April 2020: Home to School Transport", "2020-04-24")]:
        assert parse_text(head + "\n\n1. Apologies\n\nNone.\n").meeting_date == date, head
    parsed = parse_text("Date of Meeting\n5 June 2025\n\nCommittee: Licensing Committee\n\n1. Apologies\n")
    assert (parsed.body, parsed.meeting_date) == ("Licensing Committee", "2025-06-05")


def test_a_date_in_an_items_opening_lines_is_not_the_meetings():
    for text in ("Interfaith Forum\n\n1. Ms Smith introduced the report on the launch on 14 November 2017.\n",
                 "Published: 12 May 2026\nMinutes\n\n1. Apologies\n"):
        assert parse_text(text).meeting_date is None, text


def test_movers_as_mover_and_seconder_fields_and_report_numbers_in_other_house_styles():
    (item,) = decided(parse_text("Mover: Councillor Moss\nSeconder: Councillor Tran\nRESOLVED that the plan be approved.\n"))
    assert (item.mover, item.seconder) == ("Councillor Moss", "Councillor Tran")
    for line, ref in [("Report reference: HSG-2026-12", "HSG-2026-12"), ("Cabinet considered Report C.26.015 of the Head "
                      "of Finance.", "C.26.015"), ("Report No. 45/26 – Housing Strategy", "45/26")]:
        (item,) = decided(parse_text(line + "\nRESOLVED that the plan be approved.\n"))
        assert item.report_ref == ref


def test_items_numbered_5_0_or_headed_in_capitals_without_numbers():
    parsed = parse_text("Minutes of the Cabinet held on 19 May 2026\n\n5.0 Housing Allocations Scheme\n\n5.1 Proposed by "
                        "Councillor Imran, seconded by Councillor Webb.\n\n5.2 RESOLVED that the Scheme be approved.\n\n"
                        "6.0 Homelessness Strategy\n\n6.1 RESOLVED that the Strategy be noted.\n")
    assert [(i.number, i.title) for i in decided(parsed)] == [("5", "Housing Allocations Scheme"),
                                                               ("6", "Homelessness Strategy")]
    parsed = parse_text("MINUTES OF THE PLANNING COMMITTEE\nheld on Tuesday 12 May 2026\n\nAPPLICATION 26/00123/FUL – LAND "
                        "AT STATION ROAD\n\nIt was moved by Councillor Hart and seconded by Councillor Bell that permission "
                        "be granted.\n\nRESOLVED that permission be granted.\n\nAPPLICATION 26/00456/OUT – FORMER DAIRY\n\n"
                        "It was moved by Councillor Nunn and seconded by Councillor Carr that permission be refused.\n\n"
                        "RESOLVED that permission be refused.\n")
    assert [(i.title, i.mover) for i in decided(parsed)] == [
        ("APPLICATION 26/00123/FUL – LAND AT STATION ROAD", "Councillor Hart"),
        ("APPLICATION 26/00456/OUT – FORMER DAIRY", "Councillor Nunn")]


def test_more_delegation_wordings_from_other_councils():
    for clause, want in [
        ("that the Director of Place be authorised, after consulting the Portfolio Holder for Planning, to agree the "
         "final scheme", (["Director of Place"], ["Portfolio Holder for Planning"], "agree the final scheme")),
        ("that the Chief Executive, or in their absence the Deputy Chief Executive, be authorised to sign the agreement",
         (["Chief Executive", "Deputy Chief Executive"], [], "sign the agreement")),
        ("that the Strategic Director be authorised to make minor amendments to the policy in consultation with the "
         "Leader and relevant Cabinet Member(s)",
         (["Strategic Director"], ["Leader", "relevant Cabinet Member(s)"], "make minor amendments to the policy")),
    ]:
        (item,) = decided(parse_text("RESOLVED " + clause + ".\n"))
        (d,) = item.delegations
        assert (d.delegates, d.consultees, d.power) == want


def test_follow_ups_worded_in_other_councils_resolutions():
    for clause, want in [
        ("that the Council's intention to dispose of the land be advertised in a local newspaper", [("publication", None)]),
        ("that a tender exercise be undertaken for the provision of the service", [("procurement_step", None)]),
        ("that the scheme be kept under review", [("review", None)]),
        ("that the draft Plan be subject to public consultation from 1 June to 27 July 2026", [("consultation", "2026-07-27")]),
        ("that officers be asked to engage with residents on the proposals and report back to Cabinet in the autumn",
         [("consultation", None), ("report_back", None)]),
    ]:
        (item,) = decided(parse_text("RESOLVED " + clause + ".\n"))
        assert [(o.kind, o.due) for o in item.obligations] == want, clause
    assert not decided(parse_text("RESOLVED that the vacant post be advertised.\n"))[0].obligations


def test_referring_a_matter_on_and_writing_to_a_minister():
    for clause, kinds in [("that the petition be referred to the Cabinet Member for Highways for a response", ["request"]),
                          ("that the Chair write to the Minister expressing the Committee's concerns", ["request"]),
                          ("that the matter be referred to full Council", ["recommend"]),
                          ("that the issues referred to in the report be noted", ["note"])]:
        (item,) = decided(parse_text("RESOLVED " + clause + ".\n"))
        assert item.resolutions[0].kinds == kinds, clause


def test_a_resolution_heading_and_decisions_with_a_plural_mark():
    for head in ("Resolution:\n", "RESOLUTION\n", "Resolutions:\n", "Decision(s):\n"):
        (item,) = decided(parse_text("5. Budget\n\n" + head + "(a) That the budget be noted.\n(b) That the plan be approved.\n"))
        assert [(r.label, r.kinds) for r in item.resolutions] == [("a", ["note"]), ("b", ["approve"])], head
    assert not decided(parse_text("5. Budget\n\nThe Committee discussed the resolution of the complaint.\n"))


def test_more_bilingual_layouts_give_the_english_decision_once():
    for text, want in [
        ("RESOLVED / PENDERFYNWYD:\nThat the budget be approved.\nCymeradwyo'r gyllideb.\n",
         [(None, "That the budget be approved")]),
        ("Penderfynwyd / Resolved:\n(a) cymeradwyo'r gyllideb / that the budget be approved;\n(b) nodi'r adroddiad / that "
         "the report be noted.\n", [("a", "that the budget be approved"), ("b", "that the report be noted")]),
        ("| PENDERFYNWYD: Cymeradwyo'r gyllideb. | RESOLVED: That the budget be approved. |\n",
         [(None, "That the budget be approved")]),
        ("RESOLVED that the 2025/26 budget / forecast be approved.\n", [(None, "that the 2025/26 budget / forecast be approved")]),
    ]:
        (item,) = decided(parse_text("5. Budget\n\n" + text))
        assert texts(item) == want, text

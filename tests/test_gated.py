"""A gated pattern finds exactly what the whole pattern finds, however the sentence is worded."""
import random
import re

import pytest

from govbot.extract import obligations
from govbot.extract.gated import Gated, first_chars, required_words, split_alternatives
from govbot.extract.text import match_at_words


def test_alternatives_are_cut_only_at_the_top_level():
    assert split_alternatives(r"a(?:b|c)|[|x]d|e\|f") == ["a(?:b|c)", "[|x]d", r"e\|f"]
    assert split_alternatives(r"[]|]x|y") == ["[]|]x", "y"]


def test_an_alternative_needs_its_literal_words_and_one_word_of_each_choice():
    assert required_words(r"\bfor\s+(?:a\s+)?consultation\b", re.I) == [("for",), ("consultation",)]
    assert required_words(r"\b(?:will|would|to)\s+consult\b", re.I) == [("will", "would", "to"), ("consult",)]
    assert required_words(r"\breports?\s+(?:back\s+)?to", re.I) == [("report",), ("to",)]  # optional parts need nothing


def test_first_characters_are_known_only_when_every_match_starts_with_them():
    assert first_chars(r"\b(?:will|would|to)\s+consult", re.I) == {"w", "t"}
    assert first_chars(r"(?<!of\sthe\s)\bConsultation", re.I) == {"C"}  # (re.I: the look-ahead ignores case)
    assert first_chars(r"\b(?=report)(?<!the\s)report", re.I) == {"r"}
    assert first_chars(r"(?i:report)\s+to:", 0) == {"r", "R"}  # a case-blind group in a pattern that is not
    assert first_chars(r"(?:\w+\s+){0,2}consultation", re.I) == set()  # may start anywhere


WORDS = ("report will would be brought back to the cabinet committee council consultation for public "
         "a twelve week carried out undertaken launch published notice review annually procurement next steps "
         "of the tender by 30 june 2026 not no further update progress submit present plan approve agreed "
         "authority delegated to publish advertise consult consulted Members meeting its in place").split()


@pytest.mark.parametrize("kind, rx", obligations.KINDS, ids=[kind for kind, _ in obligations.KINDS])
def test_each_obligation_pattern_gated_finds_what_it_finds_whole(kind, rx):
    gate = Gated(rx)
    rnd = random.Random(kind)
    for _ in range(3000):
        sentence = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 25)))
        if rnd.random() < 0.3:
            sentence = sentence.upper() if rnd.random() < 0.5 else sentence.title()
        low = sentence.lower()
        gated = gate.for_text(low, lower=True)
        found = gated.search(low) if gated else None
        whole = rx.search(sentence)
        assert (found.span() if found else None) == (whole.span() if whole else None), sentence
        as_written = gate.for_text(low, lower=False)
        found = as_written.search(sentence) if as_written else None
        assert (found.span() if found else None) == (whole.span() if whole else None), sentence


HEADER_WORDS = ["Report to:", "REPORT TO:", "report title:", "Cabinet", "CABINET", "Committee", "Executive", "Council",
                "Date:", "DATE:", "Date of meeting:", "Meeting date:", "12 March 2025", "05/06/2025", "Thursday,",
                "Minutes of the meeting of the", "MINUTES", "held on", "Decision maker:", "Decision Details", "DECISIONS",
                "Record of decisions", "Recommendations", "RECOMMENDATION(S)", "Report of the Director", "Purpose of the report",
                "Present:", "Issue details", "Agenda item", "Meeting:", "(Item 12)", "-", "–", ":", "|", "\n", "\n\n", " ", "the"]


def test_header_rules_gated_find_what_they_find_whole():
    """The page-type, body and date rules, searched through their gates on text made of header words."""
    from govbot.extract import structure

    rules = [rx for rx in structure._BODY_RULES + structure._DATE_RULES if rx is not None]
    rules += [structure._REPORT_TO, structure._RECS_HEADING, structure._REPORT_FIELDS, structure._REPORT_OF,
              structure._MINUTES_HEAD, structure._DECISION_FIELDS, structure._DECISION_RECORD]
    rnd = random.Random(7)
    for _ in range(1500):
        text = " ".join(rnd.choice(HEADER_WORDS) for _ in range(rnd.randint(2, 30)))
        for rx in rules:
            found, whole = structure._search(rx, text, text.lower()), rx.search(text)
            assert (found.span() if found else None) == (whole.span() if whole else None), (rx.pattern[:60], text)


MOTION_WORDS = ["Councillor Patel", "Cllr. Day", "Mr Jones", "moved", "Moved", "MOVED", "by", "seconded", "Seconded by",
                "proposed", "Proposer:", "Seconder:", "on the", "motion of", "proposal of", "on", "and", "it was", ",", ".",
                "\n", "the", "Report", "REPORT", "paper", "Ref:", "reference", "CAB/12", "EX 45/24", "HS/12/3", "(", ")",
                "moved by Councillor Evans", "On the motion of Cllr Day", "on the proposal of Mr Jones", "seconded by Councillor Baker",
                "Councillor Lloyd moved", "Proposer: Councillor Ng", "report no. AB/12", "Paper: CD 4/25"]


def test_movers_and_references_tried_at_their_opening_words_find_what_a_search_finds():
    """Each mover pattern and the introduced report reference are tried only where their opening
    words occur (match_at_words), inside an item's bounds: the same match as a search of the item."""
    from govbot.extract import mentions

    patterns = [(rx, words) for rx, words in zip(mentions.MOVERS, mentions._OPENING) if words]
    patterns.append((mentions.INTRO_REF, mentions._INTRO_WORDS))
    name_led = [rx for rx, words in zip(mentions.MOVERS, mentions._OPENING) if not words]
    assert all(re.search(r"\(\?i:seconded\)|seconded\\s\+by", rx.pattern) for rx in name_led)  # (movers skips them without)
    rnd = random.Random(11)
    for _ in range(1500):
        text = " ".join(rnd.choice(MOTION_WORDS) for _ in range(rnd.randint(2, 40)))
        start, end = sorted(rnd.sample(range(len(text) + 1), 2))
        for rx, words in patterns:
            found, whole = match_at_words(rx, text, words, None, start, end), rx.search(text, start, end)
            assert (found.span() if found else None) == (whole.span() if whole else None), (rx.pattern[:60], text)

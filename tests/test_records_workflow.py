"""Sign-off workflow rules: each transition, and who may make it."""
import pytest

from govbot.domain import RecordState as S
from govbot.records.checks import RecordRefused
from govbot.records.workflow import Action, Parties, allowed_actions, next_state

OFFICER, DIRECTOR, MEMBER, STRANGER = "Chris Lee", "Alex Morgan", "Councillor Jo Evans", "Pat Nobody"
PARTIES = Parties(governance_officers=frozenset({OFFICER}), delegates=frozenset({DIRECTOR}),
                  consultees=frozenset({MEMBER}))


def test_the_whole_path_drafted_confirmed_signed_published():
    state = next_state(None, Action.draft, OFFICER, PARTIES)
    assert state is S.drafted
    state = next_state(state, Action.confirm, MEMBER, PARTIES, consultees_left=0)
    assert state is S.consultation_confirmed
    state = next_state(state, Action.sign, DIRECTOR, PARTIES)
    assert state is S.signed
    assert next_state(state, Action.publish, OFFICER, PARTIES) is S.published


def test_confirm_waits_for_the_last_consultee():
    assert next_state(S.drafted, Action.confirm, MEMBER, PARTIES, consultees_left=1) is S.drafted


def test_without_consultees_a_draft_may_be_signed():
    assert next_state(S.drafted, Action.sign, DIRECTOR, PARTIES) is S.signed


def test_signing_before_consultation_is_confirmed_is_refused():
    with pytest.raises(RecordRefused, match="1 consultee\\(s\\) have not yet confirmed"):
        next_state(S.drafted, Action.sign, DIRECTOR, PARTIES, consultees_left=1)


@pytest.mark.parametrize("state", [S.drafted, S.consultation_confirmed, S.signed, S.published])
def test_amend_sends_any_live_record_back_to_drafted(state):
    assert next_state(state, Action.amend, OFFICER, PARTIES) is S.drafted
    assert next_state(state, Action.amend, DIRECTOR, PARTIES) is S.drafted


@pytest.mark.parametrize("state", [S.drafted, S.consultation_confirmed, S.signed, S.published])
def test_withdraw_ends_any_live_record(state):
    assert next_state(state, Action.withdraw, OFFICER, PARTIES) is S.withdrawn


@pytest.mark.parametrize("action, person, needed", [
    (Action.draft, DIRECTOR, "only a governance officer may"),
    (Action.confirm, OFFICER, "only a consultee may"),
    (Action.sign, OFFICER, "only a delegate may"),
    (Action.sign, MEMBER, "only a delegate may"),
    (Action.publish, DIRECTOR, "only a governance officer may"),
    (Action.amend, MEMBER, "only a delegate or governance officer may"),
    (Action.withdraw, STRANGER, "only a delegate or governance officer may"),
])
def test_who_may_do_what(action, person, needed):
    state = {Action.draft: None, Action.confirm: S.drafted, Action.sign: S.consultation_confirmed,
             Action.publish: S.signed, Action.amend: S.signed, Action.withdraw: S.signed}[action]
    with pytest.raises(RecordRefused) as refused:
        next_state(state, action, person, PARTIES)
    assert f"{person} may not {action} this record ({needed})" in str(refused.value)


@pytest.mark.parametrize("state, action, person, words", [
    (S.drafted, Action.publish, OFFICER, "the record is drafted; publish needs it signed"),
    (S.signed, Action.confirm, MEMBER, "the record is signed; confirm needs it drafted"),
    (S.published, Action.sign, DIRECTOR, "the record is published; sign needs it"),
    (S.withdrawn, Action.amend, OFFICER, "the record is withdrawn; amend needs it"),
    (S.withdrawn, Action.withdraw, OFFICER, "the record is withdrawn"),
    (None, Action.sign, DIRECTOR, "the record is not yet drafted"),
    (S.drafted, Action.draft, OFFICER, "the record is drafted; draft needs it not yet drafted"),
])
def test_out_of_order_steps_are_refused(state, action, person, words):
    with pytest.raises(RecordRefused, match=words.replace("(", "\\(")):
        next_state(state, action, person, PARTIES)


def test_allowed_actions_for_buttons():
    assert allowed_actions(S.drafted, MEMBER, PARTIES, consultees_left=1) == [Action.confirm]
    assert allowed_actions(S.consultation_confirmed, DIRECTOR, PARTIES) == [Action.sign, Action.amend, Action.withdraw]
    assert allowed_actions(S.signed, OFFICER, PARTIES) == [Action.publish, Action.amend, Action.withdraw]
    assert allowed_actions(S.withdrawn, OFFICER, PARTIES) == []

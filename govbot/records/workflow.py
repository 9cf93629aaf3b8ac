"""Sign-off workflow: drafted -> consultation confirmed -> signed -> published; amend; withdraw.

Who may do what: a governance officer drafts and publishes; a consultee named in the
resolution confirms their consultation; a delegate (decision maker) signs. Amending sends
the record back to drafted as a new version (earlier versions are kept); withdrawing ends it.
Pure rules: the service layer applies them and writes the audit log.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from govbot.domain import RecordState, StrEnum
from govbot.records.checks import RecordRefused


class Action(StrEnum):
    draft = "draft"
    confirm = "confirm"
    sign = "sign"
    publish = "publish"
    amend = "amend"
    withdraw = "withdraw"


@dataclass(frozen=True)
class Parties:
    """The people who may act on one record, by name (as resolved from config roles)."""

    governance_officers: frozenset[str] = field(default_factory=frozenset)
    delegates: frozenset[str] = field(default_factory=frozenset)
    consultees: frozenset[str] = field(default_factory=frozenset)

    def roles_of(self, person: str) -> set[str]:
        roles = set()
        if person in self.governance_officers:
            roles.add("governance officer")
        if person in self.delegates:
            roles.add("delegate")
        if person in self.consultees:
            roles.add("consultee")
        return roles


S = RecordState
LIVE = {S.drafted, S.consultation_confirmed, S.signed, S.published}

# action -> (states it may start from, roles that may do it, the state it leads to)
RULES: dict[Action, tuple[set, set[str], Optional[RecordState]]] = {
    Action.draft: ({None}, {"governance officer"}, S.drafted),
    Action.confirm: ({S.drafted}, {"consultee"}, None),  # target depends on who is left
    Action.sign: ({S.drafted, S.consultation_confirmed}, {"delegate"}, S.signed),
    Action.publish: ({S.signed}, {"governance officer"}, S.published),
    Action.amend: (LIVE, {"governance officer", "delegate"}, S.drafted),
    Action.withdraw: (LIVE, {"governance officer", "delegate"}, S.withdrawn),
}


def _state_name(state: Optional[RecordState]) -> str:
    return "not yet drafted" if state is None else str(RecordState(state))


def next_state(state: Optional[RecordState], action: Action, person: str, parties: Parties,
               *, consultees_left: int = 0) -> RecordState:
    """The state after `person` does `action`, or RecordRefused saying why they may not.

    `consultees_left`: consultees who have not yet confirmed once this action is done
    (confirm moves the record on only when the last consultee confirms; sign needs none left).
    """
    action = Action(action)
    state = None if state is None else RecordState(state)
    sources, roles, target = RULES[action]
    problems = []
    if state not in sources:
        allowed = " or ".join(sorted(_state_name(s) for s in sources))
        problems.append(f"the record is {_state_name(state)}; {action} needs it {allowed}")
    if not roles & parties.roles_of(person):
        who = " or ".join(sorted(roles))
        problems.append(f"{person} may not {action} this record (only a {who} may)")
    if action is Action.sign and consultees_left:
        problems.append(f"{consultees_left} consultee(s) have not yet confirmed the consultation")
    if problems:
        raise RecordRefused(str(action), problems)
    if action is Action.confirm:
        return S.drafted if consultees_left else S.consultation_confirmed
    return target


def allowed_actions(state: Optional[RecordState], person: str, parties: Parties,
                    *, consultees_left: int = 0) -> list[Action]:
    """What `person` could do next (for buttons and menus); checks on content come later."""
    allowed = []
    for action in Action:
        try:
            next_state(state, action, person, parties, consultees_left=consultees_left)
        except RecordRefused:
            continue
        allowed.append(action)
    return allowed

"""Who may do what from Slack, and refusals that say why and leave a trace.

Slack user ids map to people through the roles directory. The record workflow's own rules
(only a delegate signs, only a named consultee confirms, only governance officers draft
and publish) are checked by the records service; the checks here are the ones Slack adds
before it: knowing who the user is, and keeping exempt matters out of channels.
"""
from __future__ import annotations

import logging

from govbot.service import records
from govbot.slack.deps import Deps
from govbot.slack.escape import escape
from govbot.slack.reply import Reply

log = logging.getLogger("govbot.slack")


def refuse(deps: Deps, asker, action: str, entity: str, reason: str) -> Reply:
    """Tell the user why not, and write the refusal to the audit log."""
    who = asker.person.name if asker.person else f"slack:{asker.user_id}"
    try:
        records.record_refusal(deps.store, who=who, action=action, entity=entity, reason=reason)
    except Exception as exc:  # the user still hears why; the failure to log is logged
        log.error("could not write refusal to the audit log: %s", exc)
    return Reply(f":no_entry: Not done: {escape(reason)}.")


def who_needs_to_be_known(deps: Deps, asker, action: str, entity: str):
    """A refusal when the Slack user is not in the roles directory, else None."""
    if asker.person is None:
        return refuse(deps, asker, action, entity,
                      "your Slack account is not in govbot's roles directory (ask democratic services)")
    return None


def officer_only(deps: Deps, asker, action: str, entity: str):
    """A refusal unless the user is a governance officer (config `governance_officers`)."""
    refusal = who_needs_to_be_known(deps, asker, action, entity)
    if refusal is None and not deps.is_officer(asker.person):
        posts = ", ".join(deps.config.governance_officers) or "none configured"
        refusal = refuse(deps, asker, action, entity,
                         f"only governance officers ({posts}) may {action}; you are {asker.person.title}")
    return refusal

"""The /govbot commands over the register: find, decision, actions, due, done.

Each handler takes (deps, asker, rest) and returns a Reply; every call into the register
goes through govbot.service.register, as of `deps.as_of()`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from govbot.config import Person
from govbot.service import register
from govbot.slack import blocks as bk
from govbot.slack.commands import Asker, CommandError, command
from govbot.slack.deps import Deps
from govbot.slack.escape import escape
from govbot.slack.permissions import who_needs_to_be_known
from govbot.slack.reply import Reply

SHOWN, LATE_SHOWN, HOME_SHOWN = 10, 5, 15  # rows a reply shows; more are counted, not read
MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
DONE_OR_GONE = {"published", "lapsed", "done", "waived"}


def _reply(blocks: list[dict], text: str) -> Reply:
    return Reply(text, bk.compact(blocks))


@command("find", "search")
def find(deps: Deps, asker: Asker, rest: str) -> Reply:
    if not rest:
        raise CommandError("Say what to look for: /govbot find home to school transport")
    rows = register.search(deps.store, rest, limit=10)
    return _reply(bk.listing(f"Resolutions mentioning “{rest}”", rows, bk.resolution_blocks,
                             empty="Nothing in the register mentions that."),
                  f"{len(rows)} resolution(s) mention {escape(rest)}")


@command("decision")
def decision(deps: Deps, asker: Asker, rest: str) -> Reply:
    if not rest:
        raise CommandError("Give a report reference or an item id: /govbot decision CS/25/07")
    try:
        found = register.decision(deps.store, rest, today=deps.as_of(), config=deps.config)
    except register.RegisterError as exc:
        raise CommandError(str(exc)) from None
    where = found.resolutions[0].where if found.resolutions else None
    title = (where.title if where and where.title else rest)
    blocks = [bk.header(title)]
    if where:
        blocks.append(bk.context(bk.where_text(where)))
    clauses = "\n".join(f"{'(' + escape(r.label) + ') ' if r.label else ''}{escape(r.text)}" for r in found.resolutions)
    blocks.append(bk.section(f"*RESOLVED*\n{clauses}" if clauses else "No resolution text stored."))
    for row in found.actions:
        blocks.extend(bk.action_blocks(row))
    if found.obligations:
        blocks.append(bk.divider())
    for row in found.obligations:
        blocks.extend(bk.obligation_blocks(row))
    if found.milestones:
        blocks.append(bk.section("*Appendix A timeline*\n" + "\n".join(bk.milestone_line(m) for m in found.milestones[:30])))
    text = f"{escape(title)}: {len(found.resolutions)} clause(s), {len(found.actions)} delegated action(s)"
    return _reply(blocks, text)


def _owner(deps: Deps, asker: Asker, words: list[str]) -> tuple[Optional[str], str]:
    """(owner for the register query, how to say it) from `mine`, `@user` or a role title."""
    if not words or words == ["mine"]:
        if asker.person is None:
            raise CommandError("I don't know who you are: your Slack id is not in the roles directory. "
                               "Ask for someone's actions with /govbot actions @user or a role title.")
        return asker.person.name, "your"
    text = " ".join(words)
    mention = MENTION.match(text)
    person: Optional[Person] = deps.roles.by_slack_user(mention.group(1)) if mention else None
    if mention and person is None:
        raise CommandError("That person is not in the roles directory, so no delegation names them.")
    if person is None:
        person = deps.roles.find(text.lstrip("@"))
    if person is not None:
        return person.name, f"{person.name}'s"
    return text, f"“{text}”"  # words of a role title


def action_overdue(row, today: dt.date) -> Optional[str]:
    """Why a delegated action is behind: a milestone its condition waits for is late."""
    if str(row.status) in DONE_OR_GONE:
        return None
    late = [m for m in row.milestones if m.end and m.end < today and not (m.done_on and m.done_on <= today)]
    if late:
        m = late[0]
        return f"milestone {m.name!r} was due {m.end.isoformat()}, {(today - m.end).days} days ago"
    return None


@command("actions", "action")
def actions(deps: Deps, asker: Asker, rest: str) -> Reply:
    words = rest.split()
    overdue = "overdue" in [w.lower() for w in words]
    words = [w for w in words if w.lower() != "overdue"]
    today = deps.as_of()
    if overdue and not words:
        owner, whose = None, "All"
    else:
        owner, whose = _owner(deps, asker, words)
    if not overdue:
        # one more than shown: enough to say there are more, without reading them all
        rows = register.actions(deps.store, today=today, owner=owner, config=deps.config, limit=SHOWN + 1)
        title = f"{whose.capitalize() if whose == 'your' else whose} delegated actions"
        return _reply(bk.listing(title, rows, bk.action_blocks, empty="No delegated actions found.", exact=False),
                      f"{min(len(rows), SHOWN)}{'+' if len(rows) > SHOWN else ''} delegated action(s)")
    # behind its timeline = its condition waits on a late milestone; one person's actions are
    # read whole, for the obligations on their items too
    if owner:
        rows = register.actions(deps.store, today=today, owner=owner, config=deps.config)
    else:
        rows = register.late_actions(deps.store, today=today)
    late = []
    for row in rows:
        reason = action_overdue(row, today)
        if reason:
            row.why = row.why if "late" in (row.why or "") else "; ".join(filter(None, [reason, row.why]))
            late.append(row)
    obligations = _overdue_obligations(deps, rows if owner else None, today)
    title = f"{'Your' if whose == 'your' else whose} overdue actions"
    blocks = bk.listing(title, late, bk.action_blocks, empty="No delegated action is behind its timeline.",
                        note=f"As of {bk.when(today)}")
    blocks += bk.listing("Overdue obligations", obligations, bk.obligation_blocks, empty="No obligation is overdue.",
                         exact=owner is not None)
    return _reply(blocks, f"{len(late)} overdue action(s); overdue obligations: "
                          f"{min(len(obligations), SHOWN)}{'+' if owner is None and len(obligations) > SHOWN else ''}")


def _overdue_obligations(deps: Deps, rows: Optional[list], today: dt.date) -> list:
    """Overdue obligations; for one person's actions, those on the items they act on."""
    if rows is None:
        return register.obligations(deps.store, today=today, status="overdue", config=deps.config, limit=SHOWN + 1)
    found = register.obligations(deps.store, today=today, status="overdue", config=deps.config)
    return [o for o in found if o.where.item_id in {r.where.item_id for r in rows}]


@command("due")
def due(deps: Deps, asker: Asker, rest: str) -> Reply:
    match = re.fullmatch(r"(?:in\s+|within\s+|next\s+)?(\d{1,4})?\s*(?:days?|d)?", rest.strip().lower())
    if match is None:
        raise CommandError(f"Say how many days ahead: /govbot due 30 days (not {rest!r})")
    days = int(match.group(1) or deps.config.statutory.due_soon_days)
    today = deps.as_of()
    until = today + dt.timedelta(days=days)
    # one more than shown, soonest first: enough to say there are more
    soon = register.obligations_due(deps.store, today=today, until=until, config=deps.config, limit=SHOWN + 1)
    late = register.obligations(deps.store, today=today, status="overdue", config=deps.config, limit=LATE_SHOWN + 1)
    milestones = [m for m in register.milestones(deps.store, today=today)
                  if str(m.status) != "done" and m.end and today <= m.end <= until]
    blocks = bk.listing(f"Due by {bk.when(until)} (next {days} days)", soon, bk.obligation_blocks,
                        empty="No obligation falls due in that time.", exact=False)
    if milestones:
        blocks.append(bk.section("*Milestones ending*\n" + "\n".join(bk.milestone_line(m) for m in milestones[:20])))
    if late:
        blocks += bk.listing("Already overdue", late, bk.obligation_blocks, empty="", limit=LATE_SHOWN, exact=False)
    plus = lambda rows, n: f"{min(len(rows), n)}{'+' if len(rows) > n else ''}"  # noqa: E731
    return _reply(blocks, f"{plus(soon, SHOWN)} obligation(s) due in the next {days} days, {plus(late, LATE_SHOWN)} overdue")


@command("done")
def done(deps: Deps, asker: Asker, rest: str) -> Reply:
    parts = rest.split(maxsplit=1)
    if not parts:
        raise CommandError("Give the obligation id and the evidence: /govbot done O1A2B EqIA published at https://…")
    return mark_done(deps, asker, parts[0], parts[1] if len(parts) > 1 else "")


def mark_done(deps: Deps, asker: Asker, obligation_id: str, evidence: str) -> Reply:
    """Also used by the Mark done modal."""
    refusal = who_needs_to_be_known(deps, asker, "mark done", f"obligation:{obligation_id}")
    if refusal:
        return refusal
    try:
        row = register.mark_done(deps.store, obligation_id, evidence, asker.person.name, deps.as_of())
    except register.RegisterError as exc:
        raise CommandError(str(exc)) from None
    return _reply(bk.obligation_blocks(row, buttons=False), f"{escape(row.id)} marked done")


def home(deps: Deps, user_id: str) -> dict:
    """The App Home view for a Slack user: their delegated actions and what follows from them."""
    person = deps.person(user_id)
    today = deps.as_of()
    if person is None:
        return bk.home_view("", [], [], today=today, known=False)
    rows = register.actions(deps.store, today=today, owner=person.name, config=deps.config, limit=HOME_SHOWN + 1)
    items = {r.where.item_id for r in rows[:HOME_SHOWN]}
    obligations = [o for ref in sorted({r.where.report_ref for r in rows[:HOME_SHOWN] if r.where.report_ref})
                   for o in register.obligations(deps.store, today=today, config=deps.config, report_ref=ref)
                   if o.where.item_id in items and str(o.status) not in DONE_OR_GONE]
    obligations.sort(key=lambda o: (o.due_date is None, o.due_date or dt.date.max))
    return bk.home_view(person.name, rows, obligations, today=today, known=True)

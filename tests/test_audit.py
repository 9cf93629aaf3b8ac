"""The hash-chained audit log: verify finds each kind of tampering and says which entry."""
import dataclasses
import datetime as dt

import pytest

from govbot.records.audit import AuditEntry, Checkpoint, GENESIS, next_entry, utc_iso, verify

T0 = dt.datetime(2025, 7, 1, 9, 0, tzinfo=dt.timezone.utc)


def chain(n=5) -> list[AuditEntry]:
    entries, previous = [], None
    for i in range(n):
        previous = next_entry(previous, at=T0 + dt.timedelta(minutes=i), who="Chris Lee",
                              action=["draft", "confirm", "sign", "publish", "amend"][i % 5],
                              entity="record:R0001", digest=f"{i:064x}")
        entries.append(previous)
    return entries


def kinds(problems):
    return [(p.seq, p.kind) for p in problems]


def test_an_untouched_log_verifies():
    entries = chain()
    assert entries[0].prev_hash == GENESIS and entries[0].seq == 1
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:]))
    assert verify(entries, Checkpoint(5, entries[-1].hash)) == []
    assert verify([]) == []


def test_times_are_stored_in_utc():
    bst = dt.datetime(2025, 7, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert utc_iso(bst) == "2025-07-01T09:00:00.000000+00:00"
    with pytest.raises(ValueError):
        utc_iso(dt.datetime(2025, 7, 1))


def test_an_altered_entry_is_named():
    entries = chain()
    entries[2] = dataclasses.replace(entries[2], who="Someone Else")
    problems = verify(entries)
    assert kinds(problems) == [(3, "altered")]
    assert str(problems[0]) == "entry 3 was altered: its content no longer matches its hash"


def test_an_altered_and_rehashed_entry_breaks_the_next_link():
    entries = chain()
    entries[2] = dataclasses.replace(entries[2], digest="f" * 64).sealed()
    problems = verify(entries)
    assert kinds(problems) == [(4, "altered")]
    assert "entry 4 does not chain from entry 3: entry 3 was altered or replaced" in str(problems[0])


def test_a_reordered_entry_is_named():
    entries = chain()
    entries[2], entries[3] = entries[3], entries[2]
    problems = verify(entries)
    assert kinds(problems) == [(3, "reordered")]
    assert str(problems[0]) == "entry 3 is out of order: it is stored after entry 4"


def test_renumbering_to_hide_a_swap_is_caught():
    entries = chain()
    a, b = entries[2], entries[3]
    entries[2] = dataclasses.replace(b, seq=3)
    entries[3] = dataclasses.replace(a, seq=4)
    assert {p.kind for p in verify(entries)} == {"altered"}


def test_a_deleted_entry_is_named():
    entries = chain()
    del entries[1]
    problems = verify(entries)
    assert kinds(problems) == [(2, "deleted")]
    assert str(problems[0]) == "entry 2 deleted: the log jumps to entry 3"
    del entries[1:3]
    assert "entry 2 to 4 deleted" in str(verify(entries)[0])


def test_deleting_the_first_entry_is_caught():
    assert kinds(verify(chain()[1:])) == [(1, "deleted")]


def test_a_cut_off_tail_shows_against_the_checkpoint():
    entries = chain()
    checkpoint = Checkpoint(5, entries[-1].hash)
    assert verify(entries[:3]) == []  # a shorter chain is whole on its own
    problems = verify(entries[:3], checkpoint)
    assert kinds(problems) == [(4, "truncated")]
    assert "entries 4 to 5 deleted: the log ends at entry 3 but the checkpoint records entry 5" in str(problems[0])


def test_a_rewritten_head_differs_from_the_checkpoint():
    entries = chain()
    checkpoint = Checkpoint(5, entries[-1].hash)
    entries[-1] = dataclasses.replace(entries[-1], who="x").sealed()
    assert kinds(verify(entries, checkpoint)) == [(5, "altered")]


def test_entries_added_behind_the_checkpoints_back():
    entries = chain()
    assert kinds(verify(entries, Checkpoint(4, entries[3].hash))) == [(5, "inserted")]


def test_a_duplicated_entry_is_named():
    entries = chain()
    entries.insert(2, entries[1])
    assert ("duplicated" in {p.kind for p in verify(entries)})

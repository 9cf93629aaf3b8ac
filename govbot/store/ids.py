"""Short, stable ids people type ("A7K2QX"), derived from each row's natural key.

An id is a letter for the kind of thing plus Crockford base32 of the sha256 of the natural
key (document identity + item + clause label + index), never an autoincrement, so the same
delegation keeps its id through every re-parse. On the rare clash with a different key the
id simply grows by a character; the row found by its key keeps whatever id it was given.
"""
from __future__ import annotations

import hashlib

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread
SHORT = 5

PREFIX = {
    "document": "D",
    "meeting": "G",
    "item": "I",
    "resolution": "R",
    "delegation": "A",  # a delegated Action
    "obligation": "O",
    "milestone": "M",
}
ENTITY_BY_PREFIX = {v: k for k, v in PREFIX.items()}


def key_hash(natural_key: str) -> str:
    return hashlib.sha256(natural_key.encode("utf-8")).hexdigest()


def _base32(hex_digest: str, length: int) -> str:
    # The last `length` base-32 digits: only the low 5 * length bits count, so only the
    # hex digits that hold them are read (a 256-bit number is slow to divide).
    number, out = int(hex_digest[-((5 * length + 3) // 4):], 16), []
    for _ in range(length):
        number, rem = divmod(number, 32)
        out.append(ALPHABET[rem])
    return "".join(out)


def candidate_ids(entity: str, hashed: str, max_len: int = 12):
    """The ids to try, shortest first, for a row whose natural key hashes to `hashed`."""
    for length in range(SHORT, max_len + 1):
        yield PREFIX[entity] + _base32(hashed, length)


def nth_candidate(entity: str, hashed: str, n: int) -> str:
    """The n-th id to try (n=0: the short one)."""
    return PREFIX[entity] + _base32(hashed, SHORT + n)


def normalise_id(text: str) -> str:
    """What a person typed -> the stored form: upper case, O->0, I/L->1 as Crockford reads them."""
    text = text.strip().upper()
    if not text:
        return text
    return text[0] + text[1:].translate(str.maketrans("OIL", "011"))


def entity_of(entity_id: str) -> str | None:
    return ENTITY_BY_PREFIX.get(normalise_id(entity_id)[:1])

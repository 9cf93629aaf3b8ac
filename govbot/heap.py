"""Python's cyclic garbage collector around reading and parsing a file.

A parse builds tens of thousands of small objects and frees them by reference counting; they
form no cycles, so collector passes during it find nothing. And every few files a full pass
also walks all a process loaded at start-up (spaCy, pydantic, SQLAlchemy: ~160,000 objects),
~70 ms each time. So collection waits until the file is done, and after the first file
(when the readers and the pipeline are loaded) what is loaded is frozen: never walked again.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

_frozen = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (re-entrant); the first block to end freezes
    what the process has loaded so far."""
    global _frozen
    if not gc.isenabled():  # an outer block (or the caller) has paused it
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if not _frozen:
            _frozen = True
            gc.collect()
            gc.freeze()
        gc.enable()

"""A gate for job-pool worker processes: they start no work until the test opens it."""
from __future__ import annotations

import os
import time


def wait_for_gate(path: str) -> None:
    """ProcessPoolExecutor initializer: block until `path` exists (or 60 s, not to hang CI)."""
    deadline = time.monotonic() + 60
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)

"""Shared fixtures. Real council texts are read from ../shared (never copied here)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GOVBOT_SHARED", PROJECT.parent / "shared"))
SAMPLES = PROJECT / "samples"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test sees a real Slack token, a real database URL or the user's config."""
    for name in list(os.environ):
        if name.startswith("SLACK_") or name in ("GOVBOT_DATABASE_URL", "GOVBOT_CONFIG"):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"the shared corpus is not at {corpus} (set GOVBOT_SHARED to its folder)")
    return corpus


@pytest.fixture
def sample_minutes() -> Path:
    return SAMPLES / "cabinet_minutes_2025-03-12.txt"

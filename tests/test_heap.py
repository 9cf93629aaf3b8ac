"""Parsing pauses Python's cyclic collector while it builds a file's objects: it must always
leave the collector as it found it, whether the file parses or not."""
from __future__ import annotations

import gc

import pytest

from govbot.config import Config
from govbot.service.parsing import ParseFailure, parse_path


def test_the_collector_runs_again_after_a_parse(sample_minutes):
    parse_path(sample_minutes, Config())
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_file_that_cannot_be_read(tmp_path):
    bad = tmp_path / "minutes.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(ParseFailure):
        parse_path(bad, Config())
    assert gc.isenabled()


def test_a_caller_that_paused_the_collector_finds_it_still_paused(sample_minutes):
    gc.disable()
    try:
        parse_path(sample_minutes, Config())
        assert not gc.isenabled()
    finally:
        gc.enable()

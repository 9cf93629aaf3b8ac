"""Slow work never holds up an ack: a burst of 20 slow commands, then the 21st is answered
while all 20 are still waiting for the job pool (a real process pool)."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from govbot.service.slack_jobs import JobRunner
from tests.slack.fixtures import *  # noqa: F401,F403
from tests.slack.fixtures import OFFICER, make_app, serve
from tests.slack.gate import wait_for_gate


@pytest.mark.slow
def test_twenty_slow_commands_do_not_delay_the_ack_of_the_21st(slack_config, filled_register, mock_slack, tmp_path):
    gate = tmp_path / "gate"
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=wait_for_gate, initargs=(str(gate),))
    app = make_app(slack_config, mock_slack, jobs=JobRunner(pool=pool))
    loop, server = serve(app, mock_slack)
    try:
        for _ in range(20):
            answer = loop.command("timeline CS/25/07", user=OFFICER)
            assert answer.status == 200 and "Drawing the timeline" in answer.json()["text"]
        # every chart is still waiting behind the closed gate ...
        last = loop.command("actions mine", user="U0DIRCYP")
        assert last.status == 200 and "delegated actions" in last.body
        assert mock_slack.received("files.completeUploadExternal") == []
        # ... and once the pool may work, all twenty arrive
        gate.touch()
        assert len(mock_slack.wait_for("files.completeUploadExternal", 20, timeout=120)) == 20
    finally:
        server.shutdown()
        server.server_close()
        app.govbot_deps.jobs.shutdown()

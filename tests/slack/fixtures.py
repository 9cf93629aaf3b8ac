"""Fixtures: the recording Web API stand-in, a test config, the app served on loopback.

Import them into a test module (`from tests.slack.fixtures import *`).
"""
from __future__ import annotations

import datetime as dt
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from slack_bolt import App

from govbot.config import Config, load_config
from govbot.service.slack_jobs import JobRunner
from govbot.slack.app import build_app, web_client
from govbot.slack.server import http_server
from tests.slack.mock_web_api import BOT_TOKEN, MockSlack, start_mock_slack
from tests.slack.signing import SECRET, block_action, event, signed_headers, slash_command, view_submission

TODAY = dt.date(2025, 11, 3)
PROJECT = Path(__file__).resolve().parent.parent.parent

# Slack user ids in the project's config.yaml
DIRECTOR = "U0DIRCYP"  # Director of Children & Young People's Futures
FINANCE = "U0DIRFIN"  # Director of Finance and Public Value
CABINET_MEMBER = "U0CMSEND"  # the consultee
OFFICER = "U0GOVOFF"  # Democratic Services Manager, a governance officer
STRANGER = "U0NOBODY"


@dataclass
class Response:
    status: int
    body: str
    headers: dict

    def json(self):
        import json

        return json.loads(self.body)


@dataclass
class Loopback:
    """The app behind a real HTTP server on 127.0.0.1, its Web API calls going to `mock`."""

    app: App
    mock: MockSlack
    url: str

    def post(self, body: str, headers: dict) -> Response:
        request = urllib.request.Request(self.url, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return Response(answer.status, answer.read().decode(), dict(answer.headers))
        except urllib.error.HTTPError as err:
            return Response(err.code, err.read().decode(), dict(err.headers))

    def webhook(self, name: str = "cmd") -> str:
        return f"{self.mock.url}webhook/{name}"

    def command(self, text: str, *, user: str = OFFICER, **kw) -> Response:
        body = slash_command(text, user=user, response_url=self.webhook(), **kw)
        return self.post(body, signed_headers(body, "application/x-www-form-urlencoded"))

    def click(self, action_id: str, value: str, *, user: str) -> Response:
        body = block_action(action_id, value, user=user, response_url=self.webhook("action"))
        return self.post(body, signed_headers(body, "application/x-www-form-urlencoded"))

    def submit(self, callback_id: str, metadata: str, values: dict, *, user: str) -> Response:
        body = view_submission(callback_id, metadata, values, user=user)
        return self.post(body, signed_headers(body, "application/x-www-form-urlencoded"))

    def event(self, payload: dict, *, event_id: str = "Ev0001", retry: int | None = None) -> Response:
        body = event(payload, event_id=event_id)
        headers = signed_headers(body, "application/json")
        if retry is not None:
            headers["X-Slack-Retry-Num"] = str(retry)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        return self.post(body, headers)


@pytest.fixture
def mock_slack():
    mock, server = start_mock_slack()
    yield mock
    server.shutdown()
    server.server_close()


@pytest.fixture
def slack_config(tmp_path) -> Config:
    """The project's roles and governance officers, with a register in tmp_path."""
    base = load_config(PROJECT / "config.yaml")
    data = base.model_dump(by_alias=True, exclude={"base_dir"})
    data["database"] = {"sqlite_path": str(tmp_path / "register.sqlite")}
    return Config(**data, base_dir=tmp_path)


@pytest.fixture(scope="session")
def _register_template(tmp_path_factory):
    """The sample register, migrated and filled once per test session."""
    from tests.slack.register_data import fill

    folder = tmp_path_factory.mktemp("register")
    base = load_config(PROJECT / "config.yaml")
    data = base.model_dump(by_alias=True, exclude={"base_dir"})
    data["database"] = {"sqlite_path": str(folder / "template.sqlite")}
    store = fill(Config(**data, base_dir=folder))
    store.dispose()
    return folder / "template.sqlite"


@pytest.fixture
def filled_register(_register_template, slack_config):
    """A fresh copy of the sample register at the test config's database path."""
    import sqlite3

    from govbot.store.db import open_store

    target = slack_config.database_url.removeprefix("sqlite:///")
    source, copy = sqlite3.connect(_register_template), sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()
    store = open_store(slack_config, migrate=False)
    yield store
    store.dispose()


@pytest.fixture
def app(loopback, filled_register):
    """The app on loopback over the sample register (see register_data.py)."""
    loopback.app.govbot_deps._store = filled_register
    return loopback


def make_app(config: Config, mock: MockSlack, *, jobs: JobRunner | None = None) -> App:
    client = web_client(token=BOT_TOKEN, base_url=mock.url)
    jobs = jobs or JobRunner(pool=ThreadPoolExecutor(max_workers=2))
    app = build_app(config, client, signing_secret=SECRET, jobs=jobs, today=lambda: TODAY)
    # Answers come in the ack unless a query is slow; a loaded test machine must not turn
    # them into holding replies (the test of the holding reply sets its own short budget).
    app.govbot_deps.ack_budget = 2.5
    return app


def serve(app: App, mock: MockSlack):
    server = http_server(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    loop = Loopback(app, mock, f"http://127.0.0.1:{server.server_port}/slack/events")
    return loop, server


@pytest.fixture
def loopback(slack_config, mock_slack):
    app = make_app(slack_config, mock_slack)
    loop, server = serve(app, mock_slack)
    yield loop
    server.shutdown()
    server.server_close()
    app.govbot_deps.jobs.shutdown()


__all__ = ["mock_slack", "slack_config", "loopback", "filled_register", "app", "_register_template", "make_app", "serve", "Loopback", "TODAY",
           "DIRECTOR", "FINANCE", "CABINET_MEMBER", "OFFICER", "STRANGER", "SECRET", "BOT_TOKEN",
           "signed_headers", "slash_command", "block_action", "view_submission", "event"]

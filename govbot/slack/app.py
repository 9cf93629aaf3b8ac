"""The bolt App factory: tokens from the environment, listeners registered by kind."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Optional
from urllib.parse import urlparse

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from govbot.config import Config, secret
from govbot.service.slack_jobs import JobRunner
from govbot.slack.deps import Deps, Today
from govbot.slack.listeners import register_listeners

log = logging.getLogger("govbot.slack")


class _NoTokenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and then says it ignores it for our client: noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "token` will be unused" not in record.getMessage()


log.addFilter(_NoTokenNotice())


class SlackSetupError(Exception):
    """The app cannot start: str() says which setting is missing."""


def web_client(token: Optional[str] = None, base_url: Optional[str] = None) -> WebClient:
    """A WebClient that retries on 429 (honouring Retry-After) and on dropped connections.

    SLACK_API_URL points it at a stand-in; the trailing slash matters because the SDK
    joins method names with urljoin.
    """
    base_url = base_url or secret("SLACK_API_URL")
    kwargs = {"base_url": base_url if base_url.endswith("/") else base_url + "/"} if base_url else {}
    client = WebClient(token=token or secret("SLACK_BOT_TOKEN"), **kwargs)
    client.retry_handlers = [ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=2)]
    return client


def is_local(url: str) -> bool:
    return (urlparse(url).hostname or "") in ("127.0.0.1", "localhost", "::1")


def build_app(config: Config, client: Optional[WebClient] = None, *, signing_secret: Optional[str] = None,
              offline: bool = False, socket_mode: bool = False, jobs: Optional[JobRunner] = None,
              today: Optional[Today] = None, listener_threads: int = 16) -> App:
    """The govbot Slack app. Nothing reaches Slack here when the API is local or `offline`."""
    client = client or web_client()
    if offline and not client.token:
        client.token = "xoxb-offline"  # no Slack to talk to: bolt only needs a token to exist
    signing_secret = signing_secret or secret("SLACK_SIGNING_SECRET")
    if not signing_secret and not (socket_mode or offline):
        raise SlackSetupError("SLACK_SIGNING_SECRET is not set (needed to verify requests from Slack)")
    if not client.token and not offline:
        raise SlackSetupError("SLACK_BOT_TOKEN is not set")
    check_token = not (offline or is_local(client.base_url))
    app = App(
        client=client,
        signing_secret=signing_secret or "offline",
        token_verification_enabled=check_token,
        request_verification_enabled=not socket_mode,
        # acks must never wait behind slow work; slow work goes to `jobs`, not these threads
        listener_executor=ThreadPoolExecutor(max_workers=listener_threads, thread_name_prefix="govbot-bolt"),
        logger=log,
    )
    deps = Deps(config=config, jobs=jobs or JobRunner(), today=today)
    register_listeners(app, deps)
    app.govbot_deps = deps  # for serve() to shut the job runner down, and for tests
    return app

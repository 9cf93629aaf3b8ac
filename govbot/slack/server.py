"""Running the app: HTTP at /slack/events (a threaded WSGI server) or Socket Mode."""
from __future__ import annotations

import logging
import socketserver
from typing import Optional
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from govbot.config import secret

log = logging.getLogger("govbot.slack")
PATH = "/slack/events"


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True  # one slow client must not hold up the next request


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # access log to logging, not stderr
        log.debug("%s " + format, self.address_string(), *args)


def wsgi_app(app: App):
    """Slack's requests at /slack/events; anything else is 404."""
    handler = SlackRequestHandler(app)

    def application(environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found: govbot listens at /slack/events"]
        return handler(environ, start_response)

    return application


def http_server(app: App, host: str = "127.0.0.1", port: int = 3000) -> WSGIServer:
    """A server ready for serve_forever(); port 0 picks a free port (tests)."""
    return make_server(host, port, wsgi_app(app), server_class=_ThreadingWSGIServer,
                       handler_class=_QuietHandler)


def socket_mode_handler(app: App, app_token: Optional[str] = None) -> SocketModeHandler:
    """Socket Mode wiring (SLACK_APP_TOKEN, xapp-...); connects only on .start()/.connect()."""
    token = app_token or secret("SLACK_APP_TOKEN")
    if not token:
        raise ValueError("SLACK_APP_TOKEN is not set (Socket Mode needs an app-level token)")
    return SocketModeHandler(app, app_token=token)

"""A local stand-in for the Slack Web API that records every call.

A `ThreadingHTTPServer` on 127.0.0.1 port 0 in a daemon thread. Each request is kept as a
`Call(path, headers, body)`; replies are canned per method. It also serves
`response_url` webhooks (`/webhook/...`), the files_upload_v2 upload URL (`/upload/...`)
and private file downloads (`/files/...`, bot token required). Faults are injected per
method with `fail(method, status, body, headers)`, served once each.
"""
from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

BOT_TOKEN = "xoxb-test-token"


@dataclass
class Call:
    path: str
    headers: dict
    body: object  # dict for form/JSON bodies, bytes for uploads

    @property
    def method(self) -> str:
        return self.path.strip("/").split("?")[0]

    def field(self, name, default=None):
        """A body field, JSON-decoding form values that carry JSON (blocks, view)."""
        value = self.body.get(name, default) if isinstance(self.body, dict) else default
        if isinstance(value, str) and value[:1] in "[{":
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value


@dataclass
class MockSlack:
    calls: list[Call] = field(default_factory=list)
    faults: dict[str, list[tuple[int, dict, object]]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # path under /files/ -> bytes
    shared: dict[str, dict] = field(default_factory=dict)  # file id -> files.info "file"
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))

    # --- test API --------------------------------------------------------------------
    def share(self, file_id: str, name: str, data: bytes) -> dict:
        """A file someone shared: files.info describes it, url_private serves it."""
        self.files[f"{file_id}/{name}"] = data
        info = {"id": file_id, "name": name, "size": len(data), "mimetype": "text/plain",
                "url_private": f"{self.url}files/{file_id}/{name}",
                "url_private_download": f"{self.url}files/{file_id}/{name}?download=1"}
        self.shared[file_id] = info
        return info

    def fail(self, method: str, status: int, body: dict | None = None, headers: dict | None = None):
        # stored as reply() returns it: (status, headers, payload)
        self.faults.setdefault(method, []).append((status, headers or {}, body or {"ok": False}))

    def received(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method or c.method.startswith(method + "/")]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Poll until `count` calls of `method` arrived (work finishes on other threads)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.received(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"expected {count} x {method}, got {len(self.received(method))}: "
                             f"{[c.method for c in self.calls]}")

    # --- canned replies -----------------------------------------------------------------
    def reply(self, call: Call) -> tuple[int, dict, object]:
        with self._lock:
            faults = self.faults.get(call.method)
            if faults:
                return faults.pop(0)
        method = call.method
        if method.startswith("webhook"):
            return 200, {}, b"ok"
        if method.startswith("upload/"):
            return 200, {}, b"OK"
        if method.startswith("files/"):
            if call.headers.get("authorization") != f"Bearer {BOT_TOKEN}":
                return 403, {}, b"forbidden"
            data = self.files.get(method[len("files/"):].split("?")[0])
            return (200, {}, data) if data is not None else (404, {}, b"not found")
        ts = f"{time.time():.0f}.{next(self._ts):06d}"
        if method == "auth.test":
            return 200, {}, {"ok": True, "url": "https://example.slack.test/", "team": "Council",
                             "user": "govbot", "team_id": "T0COUNCIL", "user_id": "U0BOT",
                             "bot_id": "B0BOT"}
        if method == "chat.postMessage":
            return 200, {}, {"ok": True, "channel": call.field("channel"), "ts": ts}
        if method == "conversations.open":
            users = call.field("users") or "U0"
            return 200, {}, {"ok": True, "channel": {"id": "D" + str(users).split(",")[0]}}
        if method in ("views.open", "views.publish", "views.update"):
            return 200, {}, {"ok": True, "view": {"id": "V" + ts.replace(".", ""), **(call.field("view") or {})}}
        if method == "files.getUploadURLExternal":
            file_id = "F" + ts.replace(".", "")
            return 200, {}, {"ok": True, "file_id": file_id, "upload_url": f"{self.url}upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = call.field("files") or []
            return 200, {}, {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "files.info":
            info = self.shared.get(call.field("file"))
            return (200, {}, {"ok": True, "file": info}) if info else (200, {}, {"ok": False, "error": "file_not_found"})
        return 200, {}, {"ok": True}


class _Handler(BaseHTTPRequestHandler):
    mock: MockSlack

    def log_message(self, *args):  # keep test output quiet
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        ctype = self.headers.get("Content-Type") or ""
        body: object = raw
        if self.path.startswith("/upload/"):
            pass  # the file's bytes, as files_upload_v2 sends them
        elif "json" in ctype:
            body = json.loads(raw or b"{}")
        elif "form-urlencoded" in ctype:
            body = dict(parse_qsl(raw.decode()))
        path = self.path
        if "?" in path and not isinstance(body, dict):
            body = dict(parse_qsl(path.split("?", 1)[1])) if not raw else body
        call = Call(path, {k.lower(): v for k, v in self.headers.items()}, body)
        with self.mock._lock:
            self.mock.calls.append(call)
        status, headers, payload = self.mock.reply(call)
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if not isinstance(payload, bytes) else "application/octet-stream")
        for name, value in headers.items():
            self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_POST = _handle
    do_GET = _handle


def start_mock_slack() -> tuple[MockSlack, ThreadingHTTPServer]:
    mock = MockSlack()
    handler = type("Handler", (_Handler,), {"mock": mock})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    mock.url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return mock, server

"""Signed Slack requests: the exact bytes Slack would send, with their HMAC headers."""
from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SECRET = "test-signing-secret"


def signed_headers(body: str, content_type: str, *, secret: str = SECRET, timestamp: int | None = None) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    sig = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}


def slash_command(text: str, *, user: str, response_url: str, channel: str = "C0GOV",
                  command: str = "/govbot", trigger_id: str = "13345224609.738474920.8088930838d88f008e0") -> str:
    return urlencode({
        "token": "legacy", "team_id": "T0COUNCIL", "team_domain": "council", "channel_id": channel,
        "channel_name": "governance", "user_id": user, "user_name": user.lower(), "command": command,
        "text": text, "api_app_id": "A0GOVBOT", "response_url": response_url, "trigger_id": trigger_id,
    })


def block_action(action_id: str, value: str, *, user: str, response_url: str, channel: str = "C0GOV") -> str:
    payload = {
        "type": "block_actions", "team": {"id": "T0COUNCIL", "domain": "council"},
        "user": {"id": user, "username": user.lower(), "team_id": "T0COUNCIL"},
        "api_app_id": "A0GOVBOT", "token": "legacy", "trigger_id": "123.456.abc",
        "container": {"type": "message", "message_ts": "1.000001", "channel_id": channel, "is_ephemeral": True},
        "channel": {"id": channel, "name": "governance"}, "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value,
                     "text": {"type": "plain_text", "text": "x"}, "action_ts": "1.2"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def view_submission(callback_id: str, private_metadata: str, values: dict, *, user: str) -> str:
    payload = {
        "type": "view_submission", "team": {"id": "T0COUNCIL", "domain": "council"},
        "user": {"id": user, "username": user.lower(), "team_id": "T0COUNCIL"},
        "api_app_id": "A0GOVBOT", "token": "legacy", "trigger_id": "123.456.abc",
        "view": {"id": "V0SIGN", "type": "modal", "callback_id": callback_id,
                 "private_metadata": private_metadata, "state": {"values": values},
                 "team_id": "T0COUNCIL", "hash": "h"},
    }
    return urlencode({"payload": json.dumps(payload)})


def event(event: dict, *, event_id: str = "Ev0001") -> str:
    return json.dumps({
        "token": "legacy", "team_id": "T0COUNCIL", "api_app_id": "A0GOVBOT", "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0COUNCIL", "user_id": "U0BOT", "is_bot": True}],
    })

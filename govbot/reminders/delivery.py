"""Delivery: Slack direct messages (Block Kit) and email (text + HTML), each carrying an
idempotency key so a send whose outcome was lost in a crash can be recognised.

A sender's `send(row, message)` returns a message id, or raises `DeliveryError` saying
whether a retry may succeed (Slack 5xx, 429 with Retry-After, SMTP 4xx, a dropped
connection) or not (an unknown user, a refused address). `find(row, since)` looks for an
earlier delivery of the same reminder: Slack messages carry the key in their `metadata`;
email has no such look-up, but its Message-ID is derived from the key, so mail clients
treat a repeat after a crash as the same message.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import smtplib
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Optional, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from govbot.config import Config, secret
from govbot.reminders.message import Message, email_html, email_text, slack_blocks, slack_text

EVENT_TYPE = "govbot_reminder"
# Slack errors no retry will cure.
PERMANENT_SLACK = {"channel_not_found", "user_not_found", "not_in_channel", "is_archived", "invalid_auth",
                   "account_inactive", "token_revoked", "not_authed", "cannot_dm_bot", "user_disabled",
                   "msg_too_long", "invalid_blocks", "no_permission", "missing_scope"}


class DeliveryError(Exception):
    def __init__(self, message: str, *, retry: bool, retry_after: Optional[float] = None):
        super().__init__(message)
        self.retry = retry
        self.retry_after = retry_after


class Sender(Protocol):
    channel: str

    def send(self, row, message: Message) -> str: ...

    def find(self, row, since: dt.datetime) -> Optional[str]: ...


# --- Slack ------------------------------------------------------------------------------------


def slack_client(token: Optional[str] = None, base_url: Optional[str] = None) -> WebClient:
    """A WebClient that does not retry by itself: the dispatcher retries, and records each try."""
    base_url = base_url or secret("SLACK_API_URL")
    kwargs = {"base_url": base_url if base_url.endswith("/") else base_url + "/"} if base_url else {}
    client = WebClient(token=token or secret("SLACK_BOT_TOKEN"), timeout=30, **kwargs)
    client.retry_handlers = []
    return client


def _slack_error(exc: Exception) -> DeliveryError:
    if isinstance(exc, SlackApiError):
        response = exc.response
        status = getattr(response, "status_code", 0) or 0
        error = (response.get("error") if hasattr(response, "get") else None) or f"HTTP {status}"
        if status == 429 or error == "ratelimited":
            after = (getattr(response, "headers", {}) or {}).get("Retry-After") or (getattr(response, "headers", {}) or {}).get("retry-after")
            return DeliveryError(f"Slack rate limit (429), retry after {after or '?'} s", retry=True,
                                 retry_after=float(after) if after else None)
        if status >= 500:
            return DeliveryError(f"Slack answered HTTP {status}", retry=True)
        return DeliveryError(f"Slack refused the message: {error}", retry=error not in PERMANENT_SLACK)
    return DeliveryError(f"Slack unreachable: {type(exc).__name__}: {exc}", retry=True)


class SlackSender:
    channel = "slack"

    def __init__(self, client: WebClient):
        self.client = client

    def send(self, row, message: Message) -> str:
        try:
            response = self.client.chat_postMessage(
                channel=row.address, text=slack_text(message), blocks=slack_blocks(message),
                metadata={"event_type": EVENT_TYPE, "event_payload": {"key": row.key}},
                unfurl_links=False, unfurl_media=False)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a retry decision
            raise _slack_error(exc) from exc
        return f"{response.get('channel') or row.address}:{response.get('ts')}"

    def find(self, row, since: dt.datetime) -> Optional[str]:
        """The earlier post of this reminder, if Slack has it (raises DeliveryError if Slack
        cannot be asked: better to wait than to post twice)."""
        try:
            channel = row.address
            if channel[:1] in ("U", "W"):  # a DM goes to the IM channel Slack opens for the user
                channel = self.client.conversations_open(users=row.address)["channel"]["id"]
            history = self.client.conversations_history(channel=channel, oldest=f"{since.timestamp() - 120:.6f}",
                                                        include_all_metadata=True, limit=200)
        except Exception as exc:  # noqa: BLE001
            raise _slack_error(exc) from exc
        for msg in history.get("messages") or []:
            payload = (msg.get("metadata") or {}).get("event_payload") or {}
            if payload.get("key") == row.key:
                return f"{channel}:{msg.get('ts')}"
        return None


# --- email ------------------------------------------------------------------------------------


def message_id(key: str, sender: str) -> str:
    domain = sender.rsplit("@", 1)[-1] if "@" in sender else "govbot.local"
    return f"<reminder-{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


class EmailSender:
    channel = "email"

    def __init__(self, host: str, port: int, sender: str, *, user: Optional[str] = None,
                 password: Optional[str] = None, starttls: bool = False, timeout: float = 30):
        self.host, self.port, self.sender = host, port, sender
        self.user, self.password, self.starttls, self.timeout = user, password, starttls, timeout

    def build(self, row, message: Message, now: Optional[dt.datetime] = None) -> EmailMessage:
        mail = EmailMessage()
        mail["Subject"] = message.title
        mail["From"] = self.sender
        mail["To"] = row.address
        mail["Message-ID"] = message_id(row.key, self.sender)
        mail["Date"] = format_datetime(now or dt.datetime.now(dt.timezone.utc))
        mail["X-Govbot-Reminder"] = hashlib.sha256(row.key.encode()).hexdigest()[:32]
        mail.set_content(email_text(message))
        mail.add_alternative(email_html(message), subtype="html")
        return mail

    def send(self, row, message: Message) -> str:
        mail = self.build(row, message)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(f"mail server refused {row.address}: {codes}", retry=all(400 <= c < 500 for c in codes)) from exc
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise DeliveryError(f"mail server said {exc.smtp_code} {text}", retry=exc.smtp_code < 500) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"mail server {self.host}:{self.port} unreachable: {type(exc).__name__}: {exc}", retry=True) from exc
        return mail["Message-ID"]

    def find(self, row, since: dt.datetime) -> Optional[str]:
        return None  # SMTP cannot be asked; the repeat carries the same Message-ID


def senders_from_env(config: Config) -> dict[str, Sender]:
    """Slack when SLACK_BOT_TOKEN is set; email from config.email (credentials from
    GOVBOT_SMTP_USER / GOVBOT_SMTP_PASSWORD). A channel with no sender waits, undelivered."""
    senders: dict[str, Sender] = {}
    if secret("SLACK_BOT_TOKEN"):
        senders["slack"] = SlackSender(slack_client())
    email = config.email
    if email.smtp_host:
        senders["email"] = EmailSender(email.smtp_host, email.smtp_port, email.from_,
                                       user=secret("GOVBOT_SMTP_USER"), password=secret("GOVBOT_SMTP_PASSWORD"),
                                       starttls=bool(getattr(email, "starttls", False)))
    return senders

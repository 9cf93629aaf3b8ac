"""Where a slow job's reply goes: back to Slack (response_url, DM, file upload) or a terminal."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from govbot.slack.reply import Reply

log = logging.getLogger("govbot.slack")


@dataclass
class SlackSink:
    """Replies for one Slack user: through response_url when there is one, else by DM.

    Files always go to the user's DM: a draft record may hold exempt information, and a
    slash command's channel is not the place to publish it.
    """

    client: WebClient
    user: str
    response_url: Optional[str] = None

    def dm_channel(self) -> str:
        return self.client.conversations_open(users=self.user)["channel"]["id"]

    def send(self, reply: Reply) -> None:
        if self.response_url and not reply.dm:
            hook = WebhookClient(self.response_url, retry_handlers=self.client.retry_handlers)
            response = hook.send(replace_original=False, **reply.payload())
            if response.status_code == 200:
                return
            log.warning("response_url answered %s; sending by DM instead", response.status_code)
        self.client.chat_postMessage(channel=self.dm_channel(), text=reply.text, blocks=reply.blocks)

    def upload(self, filename: str, content: bytes, title: str, comment: str = "") -> None:
        self.client.files_upload_v2(channel=self.dm_channel(), filename=filename, content=content,
                                    title=title, initial_comment=comment or None)


@dataclass
class PrintSink:
    """`govbot ask`: replies printed as text, files written to `out_dir`."""

    out_dir: Path
    printed: list[str]

    def send(self, reply: Reply) -> None:
        self.printed.append(reply.plain())

    def upload(self, filename: str, content: bytes, title: str, comment: str = "") -> None:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        target = self.out_dir / filename
        target.write_bytes(content)
        self.printed.append(f"{title}: wrote {target}\n")

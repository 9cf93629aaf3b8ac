"""A report or minutes file shared with the bot: checked, downloaded, parsed and stored.

Only governance officers may add to the register. The download (I/O) runs on a job
thread, the parse and store (CPU) in the job pool; the officer hears the outcome in one
line by DM, a failure included.
"""
from __future__ import annotations

import tempfile
import urllib.request
from pathlib import Path

from govbot.service import slack_jobs
from govbot.slack.commands import Asker
from govbot.slack.deps import Deps
from govbot.slack.escape import escape
from govbot.slack.permissions import officer_only
from govbot.slack.reply import Reply


class DownloadError(Exception):
    pass


def start(deps: Deps, sink, user: str, file: dict) -> None:
    asker = Asker(user, deps.person(user))
    refusal = officer_only(deps, asker, "ingest a document", f"file:{file.get('id')}")
    if refusal is not None:
        deps.jobs.submit(lambda runner: sink.send(_dm(refusal)))
        return

    file = dict(file)

    def task(runner):
        if not file.get("url_private"):
            file.update(sink.client.files_info(file=file["id"])["file"])
        name = Path(file.get("name") or f"{file['id']}.bin").name
        with tempfile.TemporaryDirectory(prefix="govbot-upload-") as folder:
            path = Path(folder) / name
            download(file, sink.client.token, path, limit_mb=deps.config.limits.max_file_mb)
            ok, line = runner.compute(slack_jobs.ingest_file, deps.config, str(path))
        sink.send(_dm(Reply(f"{':inbox_tray:' if ok else ':warning:'} {escape(line)}")))

    def failed(exc: Exception) -> None:
        sink.send(_dm(Reply(f":warning: {escape(file.get('name') or file.get('id'))}: not added: {escape(exc)}")))

    deps.jobs.submit(task, on_error=failed)


def _dm(reply: Reply) -> Reply:
    reply.dm = True
    return reply


def download(info: dict, token: str, path: Path, *, limit_mb: float) -> Path:
    """Fetch a Slack file with the bot token (url_private needs it), refusing oversize files."""
    url = info.get("url_private_download") or info.get("url_private")
    if not url:
        raise DownloadError("Slack gave no download address for the file")
    max_bytes = int(limit_mb * 1024 * 1024)
    too_big = f"larger than the {limit_mb:g} MB limit (config limits.max_file_mb)"
    if info.get("size") and int(info["size"]) > max_bytes:
        raise DownloadError(too_big)
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as answer, path.open("wb") as out:
        total = 0
        while chunk := answer.read(1 << 16):
            total += len(chunk)
            if total > max_bytes:
                raise DownloadError(too_big)
            out.write(chunk)
    return path

"""Read a file and parse it: ingest (bytes -> Document) then extract (-> ParsedDocument)."""
from __future__ import annotations

from pathlib import Path

from govbot.config import Config
from govbot.domain import ParsedDocument
from govbot.extract import parse_document
from govbot.heap import collector_paused
from govbot.ingest import IngestError, read_path


class ParseFailure(Exception):
    """A file that could not be parsed; str() is one line naming the file and the reason."""


def parse_path(path: Path, config: Config) -> ParsedDocument:
    with collector_paused():
        try:
            document = read_path(Path(path), config.limits)
        except IngestError as exc:
            raise ParseFailure(str(exc)) from exc
        parsed = parse_document(document)
    parsed.id = parsed.id or Path(path).stem
    return parsed

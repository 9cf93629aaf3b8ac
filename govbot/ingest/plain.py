"""Plain text (minutes saved or copied as text): kept as printed (line ends made one kind,
ligatures spelt out), so spans point into it."""
from __future__ import annotations

import re

from govbot.domain import Block, Document
from govbot.ingest.base import IngestError, spell_ligatures
from govbot.ingest.sniff import decode_text

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")


def read_text(data: bytes, name: str) -> Document:
    text = decode_text(data)
    if text is None:
        raise IngestError(name, "not a document govbot reads (binary data)")
    if data.lstrip()[:5] == b"{\\rtf":
        raise IngestError(name, "an RTF file: govbot does not read RTF; save it as DOCX, PDF or text")
    text = spell_ligatures(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""))
    if not text.strip():
        raise IngestError(name, "no text in the file")
    return Document(name=name, format="text", text=text, blocks=paragraph_blocks(text))


def paragraph_blocks(text: str) -> list[Block]:
    """One block per run of non-blank lines; the text itself is left exactly as it was."""
    blocks, start = [], 0
    for gap in list(_BLANK_LINES.finditer(text)) + [None]:
        end = gap.start() if gap else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            s, e = start + lead, start + len(chunk.rstrip())
            blocks.append(Block(text=text[s:e], span=(s, e)))
        if gap:
            start = gap.end()
    return blocks

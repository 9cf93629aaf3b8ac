"""What every reader shares: the one-line IngestError and a builder that lays blocks
out as Document.text (blocks separated by a blank line) while recording their spans."""
from __future__ import annotations

import re
from typing import Optional

from govbot.domain import Block, Document, Table

# The spaces clean_line folds, besides " " (readers that can show their text has none
# of these, nor two spaces in a row, may skip cleaning it).
SPACE_CHARS = "\t\f\v\u00a0" + "".join(map(chr, range(0x2000, 0x200c))) + "\u202f\u205f\u3000"
_SPACES = re.compile(f"[ {SPACE_CHARS}]+")
# Typographic ligatures, as PDF text layers give them ("Chief Finance O\ufb03cer"), spelt out:
# the parser's words are spelt with letters. (Done here, before any span is taken.)
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_LIGATURE = re.compile("[\ufb00-\ufb06]")
_SPELT_OUT = str.maketrans(LIGATURES)
CAPTION_CHARS = 200


class IngestError(Exception):
    """A file govbot cannot read. str() is one line: "NAME: reason"."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, reason
        super().__init__(" ".join(f"{name}: {reason}".split()))


def spell_ligatures(text: str) -> str:
    return text.translate(_SPELT_OUT) if _LIGATURE.search(text) else text


def clean_line(text: str) -> str:
    """Runs of spaces (including no-break and thin spaces) folded to one, ligatures spelt
    out; ends trimmed."""
    return _SPACES.sub(" ", spell_ligatures(text)).strip()


def clean_block(text: str) -> str:
    """A paragraph's lines cleaned one by one; blank lines dropped (they separate blocks)."""
    lines = (clean_line(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


class Builder:
    """Collects blocks and tables in reading order and makes the Document."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.notes: list[str] = []
        self._length = 0

    def add(self, text: str, kind: str = "paragraph", page: Optional[int] = None,
            clean: bool = True) -> Optional[Block]:
        """A block of text; `clean=False` when the reader has already cleaned it."""
        text = clean_block(text) if clean else text
        if not text:
            return None
        parts, start = self.parts, self._length
        if parts:
            parts.append("\n\n")
            start += 2
        parts.append(text)
        self._length = end = start + len(text)
        block = Block.at(text, (start, end), kind, page)  # built, not validated
        self.blocks.append(block)
        return block

    def caption(self) -> Optional[str]:
        """The nearest heading or paragraph above what comes next: a table's caption."""
        for block in reversed(self.blocks):
            if block.kind != "table_row":
                text = " ".join(block.text.split())
                return text if len(text) <= CAPTION_CHARS else text[:CAPTION_CHARS].rstrip() + "…"
            break
        return None

    def add_table(self, rows: list[list[str]], shaded: Optional[list[list[bool]]] = None,
                  page: Optional[int] = None, caption: Optional[str] = None,
                  text_rows: Optional[list[list[str]]] = None) -> Optional[Table]:
        """A table: kept whole in `tables`, and its rows written as " | " lines of text
        (`text_rows` when merged cells would otherwise repeat their text)."""
        rows = [[clean_line(cell.replace("\n", " ")) for cell in row] for row in rows]
        if not any(any(row) for row in rows):
            return None
        table = Table(rows=rows, shaded=shaded, page=page, caption=caption or self.caption())
        self.tables.append(table)
        for row in text_rows if text_rows is not None else rows:
            cells = (clean_line(cell.replace("\n", " ")) for cell in row)
            self.add(" | ".join(cell for cell in cells if cell), kind="table_row", page=page)
        return table

    def document(self, name: str, format: str, pages: int = 1) -> Document:
        return Document(name=name, format=format, text="".join(self.parts), blocks=self.blocks,
                        tables=self.tables, pages=pages, notes=self.notes)

"""bytes -> Document: format sniffed from the content, size and safety limits, one reader
per format (HTML pages, PDF, DOCX, plain text). Anything wrong with a file is an
IngestError whose str() is one line, "NAME: reason"; nothing else escapes."""
from __future__ import annotations

from pathlib import Path

from govbot.config import Limits
from govbot.domain import Document
from govbot.ingest.base import IngestError
from govbot.ingest.sniff import OLE2_MAGIC, sniff

__all__ = ["IngestError", "read_bytes", "read_path", "sniff"]

# Names that promise a binary format: if the content is not that format, say so rather
# than reading the bytes as text.
_CLAIMS = {".pdf": "is not a PDF (no %PDF- header)", ".docx": "is not a Word document (not a zip archive)",
           ".docm": "is not a Word document (not a zip archive)"}


def read_path(path: Path, limits: Limits) -> Document:
    """Read a file, refusing it before reading it whole when it is over the size limit."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > limits.max_file_mb * 1024 * 1024:
            raise IngestError(name, _too_large(size, limits))
        with path.open("rb") as handle:  # read no more than the limit, even if it grew
            data = handle.read(int(limits.max_file_mb * 1024 * 1024) + 1)
    except IsADirectoryError as exc:
        raise IngestError(name, "is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise IngestError(name, "no such file") from exc
    except PermissionError as exc:
        raise IngestError(name, "permission denied") from exc
    except OSError as exc:
        raise IngestError(name, f"cannot be read ({exc.strerror or exc})") from exc
    return read_bytes(data, name, limits)


def read_bytes(data: bytes, name: str, limits: Limits) -> Document:
    """The Document in `data`; `name` is used in messages and as Document.name."""
    if len(data) > limits.max_file_mb * 1024 * 1024:
        raise IngestError(name, _too_large(len(data), limits))
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise IngestError(name, "empty file")
    kind = sniff(data)
    try:
        return _read(kind, data, name, limits)
    except IngestError:
        raise
    except RecursionError as exc:
        raise IngestError(name, "the document is nested too deeply to read") from exc
    except MemoryError as exc:
        raise IngestError(name, "the document is too large to read in memory") from exc
    except Exception as exc:  # a reader's bug or a library's surprise: still one line
        raise IngestError(name, f"cannot be read as {kind} ({type(exc).__name__}: {exc})") from exc


def _read(kind: str, data: bytes, name: str, limits: Limits) -> Document:
    if kind == "pdf":
        from govbot.ingest.pdf import read_pdf
        return read_pdf(data, name, limits)
    if kind == "docx":
        from govbot.ingest.word import read_docx
        return read_docx(data, name, limits)
    if kind == "html":
        from govbot.ingest.html_page import read_html
        return read_html(data, name)
    if data.startswith(OLE2_MAGIC):
        raise IngestError(name, "an old binary Word/Office file (.doc): save it as .docx or PDF and try again")
    if data[:4] == b"PK\x03\x04":
        from govbot.ingest.word import read_docx  # says what kind of zip it is
        return read_docx(data, name, limits)
    suffix = Path(name).suffix.lower()
    if suffix in _CLAIMS:
        raise IngestError(name, f"named {suffix} but {_CLAIMS[suffix]}")
    from govbot.ingest.plain import read_text
    return read_text(data, name)


def _too_large(size: int, limits: Limits) -> str:
    return (f"the file is {size / 1048576:.1f} MB, more than the limit of {limits.max_file_mb:g} MB "
            "(limits.max_file_mb in config.yaml)")

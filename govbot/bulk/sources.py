"""Walk the paths a user gives `govbot bulk`, lazily: folders, globs and .zip archives.

Everything here is a generator: a council's twenty years of minutes are never listed
whole in memory. Each file (or archive member) becomes a `Source` whose bytes are read
only when the runner asks for them, with the configured size limits; a file that cannot
be read becomes a `Source` carrying the reason, so it lands in the error report.
"""
from __future__ import annotations

import glob
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from govbot.config import Limits

MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
# Files that sit beside minutes but are never minutes: listed in the report as skipped
# rather than stored as text documents (scanned images are NOT here: they are reported).
NOT_MINUTES = {".py", ".pyc", ".js", ".css", ".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".sh", ".bat",
               ".exe", ".dll", ".so", ".db", ".sqlite", ".lock", ".log"}
_GLOB_CHARS = set("*?[")


class SourceError(Exception):
    """A file that cannot even be read: str() is the reason."""


@dataclass
class Source:
    """One document to ingest: a file on disk or a member of an archive."""

    name: str  # what the error report and the register show: a path, or "archive.zip!member"
    size: int
    read: Callable[[], bytes] = lambda: b""
    error: Optional[str] = None  # set when the walk itself failed (missing path, bad archive)
    skip: Optional[str] = None  # set for files that are not minutes (code, settings)


def iter_sources(paths: Iterable[str | os.PathLike], limits: Limits) -> Iterator[Source]:
    """Every document under `paths`, in a stable order, one at a time."""
    for raw in paths:
        text = str(raw)
        path = Path(text)
        if path.exists():
            yield from _from_path(path, limits)
        elif _GLOB_CHARS & set(text):
            matched = False
            hits = glob.iglob(text, recursive=True)
            if "**" not in text:  # one folder: sorting it keeps runs repeatable
                hits = iter(sorted(hits))
            for hit in hits:
                matched = True
                yield from _from_path(Path(hit), limits)
            if not matched:
                yield Source(text, 0, error="no file matches this pattern")
        else:
            yield Source(text, 0, error="no such file or folder")


def count_sources(paths: Iterable[str | os.PathLike], limits: Limits) -> int:
    """How many documents `iter_sources` will yield, without reading them (for the ETA)."""
    return sum(1 for _ in iter_sources(paths, limits))


def _from_path(path: Path, limits: Limits) -> Iterator[Source]:
    if path.is_dir():
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield from _from_file(Path(folder) / name, limits)
    else:
        yield from _from_file(path, limits)


def _from_file(path: Path, limits: Limits) -> Iterator[Source]:
    name = str(path)
    if path.suffix.lower() in NOT_MINUTES:
        yield Source(name, 0, skip=f"skipped: a {path.suffix.lower()} file is not minutes or a report")
        return
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        yield Source(name, 0, error=f"cannot be read ({exc.strerror or exc})")
        return
    if head == ZIP_MAGIC and _is_archive(path):
        yield from _from_archive(path, limits)
        return
    yield Source(name, size, read=lambda: _read_file(path, size, limits))


def _read_file(path: Path, size: int, limits: Limits) -> bytes:
    if size > limits.max_file_mb * MB:
        raise SourceError(f"is {size / MB:.1f} MB, over the {limits.max_file_mb:g} MB limit")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot be read ({exc.strerror or exc})") from exc


def _is_archive(path: Path) -> bool:
    """A zip that is not itself a document (DOCX, ODT and friends are zips too)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist()[:50])
    except (zipfile.BadZipFile, OSError, ValueError):
        return False  # let ingest say what is wrong with it
    return "[Content_Types].xml" not in names and "mimetype" not in names


def _from_archive(path: Path, limits: Limits) -> Iterator[Source]:
    """Members one by one; the total unpacked size is capped so a zip bomb stops early."""
    budget = [limits.max_unzipped_mb * MB]
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Source(str(path), 0, error=f"is not a readable zip archive ({exc})")
        return
    with archive:
        for info in archive.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or not base or base.startswith(".") or info.filename.startswith("__MACOSX/"):
                continue
            name = f"{path}!{info.filename}"
            suffix = Path(base).suffix.lower()
            if suffix in NOT_MINUTES:
                yield Source(name, 0, skip=f"skipped: a {suffix} file is not minutes or a report")
                continue
            yield Source(name, info.file_size, read=_member_reader(path, archive, info, budget, limits))


def _member_reader(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list, limits: Limits):
    def read() -> bytes:
        if archive.fp is None:  # read after the walk moved on: open the archive again
            with zipfile.ZipFile(path) as again:
                return _member_reader(path, again, info, budget, limits)()
        cap = min(limits.max_file_mb * MB, budget[0])
        if info.flag_bits & 0x1:
            raise SourceError("is encrypted in the archive")
        if info.file_size > cap:
            raise SourceError(_too_big(info.file_size, limits, budget[0]))
        chunks, total = [], 0
        try:
            with archive.open(info) as member:
                # the declared size can lie: count what actually comes out
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    if total > cap:
                        raise SourceError(_too_big(total, limits, budget[0]))
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise SourceError(f"cannot be unpacked ({exc})") from exc
        finally:
            budget[0] -= total
        return b"".join(chunks)

    return read


def _too_big(size: int, limits: Limits, left: float) -> str:
    if size > limits.max_file_mb * MB:
        return f"unpacks to more than {limits.max_file_mb:g} MB, the per-file limit"
    return f"would take the archive past {limits.max_unzipped_mb:g} MB unpacked (zip bomb limit)"

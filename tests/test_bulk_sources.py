"""Walking what a user hands `govbot bulk`: folders, globs, zip archives, bad paths."""
from __future__ import annotations

import io
import types
import zipfile

from govbot.bulk.sources import iter_sources
from govbot.config import Limits


def _names(sources):
    return [s.name for s in sources]


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_folder_is_walked_recursively_in_order_skipping_hidden_files(tmp_path):
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019" / "cabinet.txt").write_text("RESOLVED that the report be noted.")
    (tmp_path / "2018.html").write_text("<p>RESOLVED</p>")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    (tmp_path / "make_minutes.py").write_text("print('a script, not minutes')")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    sources = iter_sources([tmp_path], Limits())
    assert isinstance(sources, types.GeneratorType)  # lazy: never a full list
    found = list(sources)
    assert _names(found) == [str(tmp_path / "2018.html"), str(tmp_path / "make_minutes.py"),
                             str(tmp_path / "2019" / "cabinet.txt")]
    assert found[1].skip == "skipped: a .py file is not minutes or a report"
    found.pop(1)
    assert found[1].read() == b"RESOLVED that the report be noted."


def test_globs_and_missing_paths(tmp_path):
    for name in ("a.txt", "b.txt", "c.pdf"):
        (tmp_path / name).write_text(name)
    found = list(iter_sources([str(tmp_path / "*.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "*.doc")], Limits()))
    assert _names(found)[:2] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert found[2].error == "no such file or folder"
    assert found[3].error == "no file matches this pattern"


def test_zip_archive_is_read_member_by_member_but_a_docx_is_a_document(tmp_path):
    archive = tmp_path / "minutes-2015.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("2015/01-cabinet.txt", "RESOLVED that the budget be approved.")
        z.writestr("2015/02-cabinet.docx", _docx_bytes())
        z.writestr("__MACOSX/._01-cabinet.txt", "junk")
        z.writestr("2015/", "")
    (tmp_path / "report.docx").write_bytes(_docx_bytes())
    found = list(iter_sources([tmp_path], Limits()))
    assert _names(found) == [
        f"{archive}!2015/01-cabinet.txt",
        f"{archive}!2015/02-cabinet.docx",
        str(tmp_path / "report.docx"),
    ]
    assert found[0].read() == b"RESOLVED that the budget be approved."
    assert found[1].read() == _docx_bytes()


def test_zip_bomb_members_are_refused_with_a_reason(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(3):
            z.writestr(f"m{n}.txt", b"0" * (700 * 1024))  # compresses to almost nothing
    limits = Limits(max_file_mb=1, max_unzipped_mb=1.5)
    found = list(iter_sources([archive], limits))
    outcomes = []
    for source in found:
        try:
            outcomes.append(len(source.read()))
        except Exception as exc:
            outcomes.append(str(exc))
    assert outcomes[:2] == [700 * 1024, 700 * 1024]
    assert "zip bomb limit" in outcomes[2]
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("huge.txt", b"0" * (2 * 1024 * 1024))
    (source,) = iter_sources([big], limits)
    try:
        source.read()
        raise AssertionError("a member over the per-file limit was read")
    except Exception as exc:
        assert "per-file limit" in str(exc)


def test_unreadable_archive_and_oversized_file_are_errors_not_crashes(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"garbage" * 10)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    found = list(iter_sources([tmp_path], Limits(max_file_mb=1)))
    # a broken zip goes to ingest, which names what is wrong; a big file is refused unread
    assert _names(found) == [str(big), str(broken)]
    try:
        found[0].read()
        raise AssertionError("an oversized file was read")
    except Exception as exc:
        assert "over the 1 MB limit" in str(exc)

"""Bad input: one clear line naming the file and the reason, never a traceback; a batch
of files carries on past the bad one."""
from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen import minutes_docx, minutes_pdf
from govbot.config import Limits
from govbot.ingest import IngestError, read_bytes, read_path

LIMITS = Limits()
TEXT = "Cabinet\n\nRESOLVED that the report be noted."


def error_of(path: Path, limits: Limits = LIMITS) -> str:
    with pytest.raises(IngestError) as caught:
        read_path(path, limits)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path.name}: ")
    return message


def _pdf(draw=None, encrypt=None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    (draw or (lambda c: c.drawString(72, 700, "RESOLVED that the report be noted.")))(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_empty_file(tmp_path):
    for data in (b"", b"  \n\r\n\t "):
        path = tmp_path / "empty.txt"
        path.write_bytes(data)
        assert error_of(path) == "empty.txt: empty file"


def test_binary_garbage(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(os.urandom(20_000))
    assert error_of(path) == "minutes.txt: not a document govbot reads (binary data)"


def test_encrypted_pdf(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "minutes.pdf"
    path.write_bytes(_pdf(encrypt=StandardEncryption("secret", canModify=0)))
    assert error_of(path) == ("minutes.pdf: the PDF is encrypted (password-protected); "
                              "remove the password and try again")


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _pdf(encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    assert read_bytes(data, "open.pdf", LIMITS).text == "RESOLVED that the report be noted."


@pytest.mark.parametrize("damage", [
    lambda d: d[: len(d) // 2],
    lambda d: d[:200],
    lambda d: b"%PDF-1.4\n" + os.urandom(3000),
])
def test_truncated_or_corrupt_pdf(tmp_path, damage):
    path = tmp_path / "broken.pdf"
    path.write_bytes(damage(_pdf()))
    assert "broken.pdf: the PDF is damaged or truncated" in error_of(path)


def test_pdf_without_a_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(lambda c: c.rect(50, 50, 400, 600, fill=1)))
    assert "no text layer (scanned image?)" in error_of(path)


def test_pdf_over_the_page_limit(tmp_path):
    path = minutes_pdf(TEXT, tmp_path / "long.pdf", pages_target=3)
    message = error_of(path, Limits(max_pages=2))
    assert "3 pages, more than the limit of 2" in message


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"RESOLVED that this is not really a Word document.")
    assert error_of(path) == "minutes.docx: named .docx but is not a Word document (not a zip archive)"
    path.write_bytes(b"PK\x03\x04" + os.urandom(500))
    assert "not a Word document (not a zip archive)" in error_of(path)


def test_old_binary_word_file(tmp_path):
    path = tmp_path / "minutes.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000))
    assert "old binary Word" in error_of(path)


def _bomb(tmp_path: Path, megabytes: int) -> Path:
    """A real DOCX with an extra part of zeros that compresses a thousandfold."""
    good = minutes_docx(TEXT, tmp_path / "good.docx")
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/media/zeros.bin", b"\0" * (megabytes << 20))
    return path


def test_zip_bomb_docx(tmp_path):
    path = _bomb(tmp_path, 8)
    assert path.stat().st_size < 100_000
    message = error_of(path, Limits(max_unzipped_mb=5))
    assert "more than the limit of 5 MB" in message and "zip bomb" in message
    assert read_path(path, Limits(max_unzipped_mb=50)).text.endswith("RESOLVED that the report be noted.")


def test_zip_bomb_that_lies_about_its_size(tmp_path):
    path = _bomb(tmp_path, 8)
    data = bytearray(path.read_bytes())
    name = b"word/media/zeros.bin"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 1000)  # claim 1000 bytes unpacked
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    message = error_of(path, Limits(max_unzipped_mb=5))
    assert "damaged" in message or "zip bomb" in message


def test_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:  # sparse: 60 MB claimed, nothing written
        handle.truncate(60 * 1024 * 1024)
    assert error_of(path) == ("huge.pdf: the file is 60.0 MB, more than the limit of 50 MB "
                              "(limits.max_file_mb in config.yaml)")
    assert "more than the limit" in str(pytest.raises(IngestError, read_bytes, b"x" * 2048, "b.txt",
                                                       Limits(max_file_mb=0.001)).value)


def test_missing_file_and_folder(tmp_path):
    assert error_of(tmp_path / "nowhere.pdf") == "nowhere.pdf: no such file"
    assert "folder" in error_of(tmp_path)


def test_cli_parse_carries_on_past_a_bad_file(tmp_path, sample_minutes):
    pytest.importorskip("govbot.extract", reason="the parser (govbot.extract) is not there yet")
    from govbot import extract

    if not hasattr(extract, "parse_document"):
        pytest.skip("govbot.extract.parse_document is not written yet")
    good_pdf = minutes_pdf(sample_minutes.read_text(encoding="utf-8"), tmp_path / "good.pdf")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(_pdf()[:300])
    out = tmp_path / "out"
    script = Path(sys.executable).with_name("govbot")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "govbot"]
    result = subprocess.run(command + ["parse", str(sample_minutes), str(bad), str(good_pdf), "--out", str(out)],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "bad.pdf: the PDF is damaged or truncated" in errors[0]
    assert sorted(p.name for p in out.iterdir()) == ["cabinet_minutes_2025-03-12.json", "good.json"]

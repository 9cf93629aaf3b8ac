"""Which format a file is, from its content (never its name), and how its text decodes."""
from __future__ import annotations

import codecs
import re
from typing import Optional

_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<p[\s>]|<div[\s>]|<table[\s>]|<h[1-6][\s>]|<meta[\s>]|<title[\s>]",
    re.IGNORECASE,
)
_LEADING_JUNK = re.compile(rb"^(?:\xef\xbb\xbf|\s|<!--.*?-->|<\?xml[^>]*\?>)*", re.DOTALL)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never appear in a text document (tab, LF, FF, CR do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Word .doc, Excel .xls


def sniff(data: bytes) -> str:
    """"pdf", "docx", "html" or "text", judged from the bytes alone.

    Anything that is not PDF, DOCX or HTML is "text"; whether it really decodes as text
    (and is not binary data) is for the text reader to say."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head:
        return "pdf"
    if data[:4] == b"PK\x03\x04" and _zip_has_word_document(data):
        return "docx"
    encoding = bom_encoding(data)
    if encoding and not encoding.startswith("utf-8"):
        start = data[:4096].decode(encoding, errors="ignore").lstrip("\ufeff").encode("utf-8")
    else:
        start = data[:4096]
    start = _LEADING_JUNK.sub(b"", start, count=1)[:1024]
    if start.startswith(b"<") and _HTML_MARKERS.search(start):
        return "html"
    return "text"


def _zip_has_word_document(data: bytes) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def bom_encoding(data: bytes) -> Optional[str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """UTF-16 text saved without a BOM: every other byte of ASCII-range text is NUL."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: data, not text (after any UTF-16 check)."""
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(c) for c in _CONTROL)
    return controls > max(2, 0.01 * len(sample))


def decode_text(data: bytes, declared: Optional[str] = None) -> Optional[str]:
    """The text of `data`, or None when it is binary data.

    Order: a BOM; UTF-16 without BOM; the declared charset (HTML meta) if it decodes;
    UTF-8; Windows-1252 (what "Latin-1" means in practice); Latin-1, which never fails."""
    encoding = bom_encoding(data) or _utf16_without_bom(data)
    if encoding:
        text = data.decode(encoding, errors="replace").lstrip("\ufeff")
        return None if looks_binary(text.encode("utf-8", errors="replace")) else text
    if looks_binary(data):
        return None
    for candidate in (_codec(declared), "utf-8", "cp1252", "latin-1"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


def _codec(label: Optional[str]) -> Optional[str]:
    """A codec for a declared charset; browsers read ISO-8859-1 and ASCII as Windows-1252."""
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    if label in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"):
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None

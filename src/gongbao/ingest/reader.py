"""Decode gazette files: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, PDF."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from gongbao.errors import InputError

# A gazette issue is a few hundred KB of text; a national corpus file may be larger.
# Above this we refuse rather than risk the machine (override with GONGBAO_MAX_BYTES).
MAX_BYTES = int(os.environ.get("GONGBAO_MAX_BYTES", str(200 * 1024 * 1024)))


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    text: str
    sha256: str
    encoding: str  # utf-8, utf-8-sig, utf-16, gb18030, pdf
    pages: tuple[int, ...] = ()  # for PDFs: source offset where each page starts


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read ``path`` and return its decoded text.

    Raises ``InputError`` for a missing/unreadable file, an empty file, a binary file,
    a file in no supported encoding (naming the first bad byte offset), a truncated or
    encrypted PDF, or a file larger than ``MAX_BYTES``.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("no such file", path=name)
    if p.is_dir():
        raise InputError("is a directory, not a file", path=name)
    refuse_special(p, name)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is {size} bytes, above the limit of {MAX_BYTES} (set GONGBAO_MAX_BYTES)", path=name)
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=name) from e
    sha = hashlib.sha256(data).hexdigest()
    if data[:5] == b"%PDF-":
        text, pages = _read_pdf(p, name)
        return Source(name, text, sha, "pdf", pages)
    text, encoding = decode_bytes(data, name)
    if not text.strip():
        raise InputError("empty file (no text)", path=name)
    _reject_garbage(text, name, encoding)
    return Source(name, text, sha, encoding)


def refuse_special(p: Path, name: str) -> None:
    """Refuse what is not a regular file (a FIFO, /dev/zero, a device, a socket): reading it could
    block or never end. Raises ``InputError`` naming the kind of file."""
    import stat

    try:
        mode = p.stat().st_mode
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=name) from e
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a character device"
            if stat.S_ISCHR(mode)
            else "a block device"
            if stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise InputError(f"is {kind}, not a regular file: refused (it could be read forever)", path=name)


def _reject_garbage(text: str, name: str, encoding: str) -> None:
    """Decoding can succeed on bytes that are not text (e.g. random bytes after a UTF-16 BOM)."""
    import unicodedata

    sample = text[:20000]
    bad = sum(1 for c in sample if unicodedata.category(c) in ("Cn", "Co", "Cs") or (c < " " and c not in "\n\t\f"))
    if bad > max(4, len(sample) // 20):
        raise InputError(
            f"does not decode to readable text as {encoding} ({bad} unassigned or control characters)", path=name
        )


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes of a text gazette; returns (text with universal newlines, encoding)."""
    if not data.strip():
        raise InputError("empty file (no text)", path=name)
    if data.startswith(b"\xef\xbb\xbf"):
        return _newlines(_strict(data[3:], "utf-8", name)), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _newlines(_strict(data, "utf-16", name)), "utf-16"
    _reject_binary(data, name)
    try:
        return _newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return _newlines(data.decode("gb18030")), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                f"not UTF-8 or GB18030 text: undecodable byte 0x{data[utf8_error.start]:02x} at byte {utf8_error.start}",
                path=name,
            ) from None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"invalid {encoding}: byte 0x{data[e.start]:02x} at byte {e.start}", path=name) from None


def _reject_binary(data: bytes, name: str) -> None:
    head = data[:65536]
    nul = head.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary file (NUL byte at byte {nul}), not a text gazette or PDF", path=name)
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > max(8, len(head) // 100):
        raise InputError("binary file (control bytes), not a text gazette or PDF", path=name)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_pdf(p: Path, name: str) -> tuple[str, tuple[int, ...]]:
    """Extract a PDF's text page by page (pdfplumber, MIT licensed; PyMuPDF is AGPL)."""
    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError as e:  # pragma: no cover - dependency declared in pyproject
        raise InputError("PDF support needs pdfplumber", path=name) from e
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    try:
        with pdfplumber.open(p) as pdf:
            for i, page in enumerate(pdf.pages, start=1):
                try:
                    t = page.extract_text() or ""
                except Exception as e:  # pdfminer raises many types on damaged pages
                    raise InputError(f"cannot extract text: {type(e).__name__}", path=name, where=f"page {i}") from e
                starts.append(pos)
                chunk = _newlines(t) + "\n\f\n"
                parts.append(chunk)
                pos += len(chunk)
    except InputError:
        raise
    except PDFSyntaxError as e:
        raise InputError(f"damaged or truncated PDF: {e}", path=name) from e
    except Exception as e:
        raise InputError(
            f"cannot open PDF ({type(e).__name__}): the file may be truncated or encrypted", path=name
        ) from e
    text = "".join(parts)
    if not text.replace("\f", "").strip():
        raise InputError("PDF has no extractable text (scanned images need OCR first)", path=name)
    return text, tuple(starts)


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` (end excludes the newline), in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            if pos < n:
                out.append((pos, n))
            break
        out.append((pos, nl))
        pos = nl + 1
    return out

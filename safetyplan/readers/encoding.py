"""Turning the bytes of a text file into str without assuming an encoding.

Plans reach clerks as UTF-8 (with or without a byte-order mark), as UTF-16
saved by Windows tools, and as GB18030/GBK from older systems.  The order
below settles each case without guessing where the bytes are unambiguous:
a BOM decides; valid UTF-8 is UTF-8; valid GB18030 that reads as Chinese is
GB18030; only then is charset-normalizer asked for its best reading.
"""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import UnreadableFileError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_KEPT_CONTROLS = {"\n", "\r", "\t"}


def decode(data: bytes, *, path: str | None = None) -> tuple[str, str, list[str]]:
    """Decode ``data``; return the text, the encoding used and warnings.

    Raises UnreadableFileError for empty input and for binary data.
    """
    if not data.strip():
        raise UnreadableFileError("file is empty", path=path, hint="is this the right file?")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise UnreadableFileError(
                    f"file starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte {exc.start + len(bom)})",
                    path=path,
                ) from None
            return _clean(text, name, path)
    if _looks_binary(data):
        raise UnreadableFileError(
            "file looks binary, not text", path=path, hint="give a .docx as .docx, a text file as .txt"
        )
    try:
        return _clean(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_cjk(text):
        return _clean(text, "gb18030", path)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnreadableFileError(
            "cannot tell the file's text encoding", path=path, hint="save it as UTF-8 and try again"
        )
    return _clean(str(best), best.encoding, path, [f"encoding guessed as {best.encoding}"])


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.count(0) > len(head) // 10:
        return True
    magic = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"MZ")
    return head.startswith(magic)


def _mostly_cjk(text: str) -> bool:
    sample = [c for c in text[:4000] if not c.isspace() and not c.isascii()]
    if not sample:
        return False
    cjk = sum(1 for c in sample if unicodedata.name(c, "").startswith(("CJK", "FULLWIDTH", "IDEOGRAPHIC")))
    return cjk / len(sample) > 0.6


def _clean(text: str, encoding: str, path: str | None, warnings: list[str] | None = None) -> tuple[str, str, list[str]]:
    """Normalise line ends and drop control characters, reporting how many."""
    warnings = list(warnings or [])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    dropped = 0
    if any(unicodedata.category(c) == "Cc" and c not in _KEPT_CONTROLS for c in text):
        kept = []
        for c in text:
            if unicodedata.category(c) == "Cc" and c not in _KEPT_CONTROLS:
                dropped += 1
            else:
                kept.append(c)
        text = "".join(kept)
    if dropped:
        warnings.append(f"dropped {dropped} control character(s)")
    return text, encoding, warnings


__all__ = ["decode"]

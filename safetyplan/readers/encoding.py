"""Turning the bytes of a text file into str without assuming an encoding.

Plans reach clerks as UTF-8 (with or without a byte-order mark), as UTF-16
saved by Windows tools, and as GB18030/GBK from older systems.  The order
below settles each case without guessing where the bytes are unambiguous:
a BOM decides; UTF-16 without one is recognised by its NUL bytes or, failing
those, by decoding to Chinese; valid UTF-8 that reads as Chinese is UTF-8; an
encoding the file declares (an HTML ``<meta charset>``) comes next; then
GB18030 where it reads as Chinese (GBK bytes can pass for UTF-8: 位 in GBK is
λ in UTF-8, 一 is һ), then any other valid UTF-8; only then is
charset-normalizer asked for its best reading — and a reading that is still
garbage is refused rather than passed on.

Binary files given a text suffix (a .docx renamed .txt, a PDF, an image) are
refused up front, by their magic numbers and by the share of control bytes no
text file has.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import UnreadableFileError
from ..layouts.lazyre import LazyPattern

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030"),  # U+FEFF in GB18030, written as its byte-order mark
)

_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
    b"MZ",
    b"\x1f\x8b",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\x00\x00\x01\x00",
)

_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.05
"""A text file may carry a stray NUL or two; a share of control bytes above
this is a binary file."""
_BINARY_MIN_CONTROLS = 16
"""Fewer control bytes than this never make a file binary, so a short file
with a couple of stray ones is still read as text."""

_TEXT_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]")
_GARBLED_SHARE = 0.02
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "hz-gb-2312": "hz"}


def decode(data: bytes, *, path: str | None = None, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode ``data``; return the text, the encoding used and warnings.

    ``declared`` is an encoding the file names for itself (HTML ``charset``);
    it is trusted only where the bytes decode under it.  Raises
    UnreadableFileError for empty input, binary data and undecodable text.
    """
    if not data.strip():
        raise UnreadableFileError("file is empty", path=path, hint="is this the right file?")
    failure: UnreadableFileError | None = None
    marks = [(bom, name) for bom, name in _BOMS if data.startswith(bom)]
    for index, (bom, name) in enumerate(marks):
        # FF FE 00 00 opens UTF-32-LE, and also UTF-16-LE text whose first
        # character is NUL: a reading that fails or is garbage gives way to
        # the next mark.
        try:
            text = data[len(bom) :].decode(name)
        except UnicodeDecodeError as exc:
            failure = failure or UnreadableFileError(
                f"file starts with a {name} byte-order mark but is not valid {name} (byte {exc.start + len(bom)})",
                path=path,
            )
            continue
        if index + 1 < len(marks) and _garbled(text):
            continue
        return _clean(text, name, path)
    if failure is not None:
        raise failure
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text, name = utf16
        return _clean(text, name, path, [f"no byte-order mark; read as {name}"])
    if _looks_binary(data):
        raise UnreadableFileError(
            "file looks binary, not text", path=path, hint="give a .docx as .docx, a text file as .txt"
        )
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is not None and _mostly_cjk(utf8):
        return _clean(utf8, "utf-8", path)
    if declared:
        codec = _codec_name(declared)
        if codec is not None:
            try:
                return _clean(data.decode(codec), codec, path)
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_cjk(text):
        return _clean(text, "gb18030", path)
    if utf8 is not None:
        return _clean(utf8, "utf-8", path)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or _garbled(str(best)):
        raise UnreadableFileError(
            "cannot tell the file's text encoding", path=path, hint="save it as UTF-8 and try again"
        )
    return _clean(str(best), best.encoding, path, [f"encoding guessed as {best.encoding}"])


def _codec_name(declared: str) -> str | None:
    """Python's codec for a declared charset, GBK and GB2312 read as their
    superset GB18030; None for names Python does not know."""
    key = declared.strip().lower()
    key = _ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC):
        return True
    return len(_CONTROL_BYTES.findall(head)) > max(_BINARY_MIN_CONTROLS, len(head) * _BINARY_SHARE)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM: NUL bytes on one side of each pair
    (ASCII), or Chinese text that decodes cleanly; None otherwise."""
    head = data[:8192]
    if len(data) % 2 or len(head) < 4:
        return None
    half = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    candidates: list[str] = []
    if odd > half * 0.2 and even <= half * 0.02:
        candidates.append("utf-16-le")
    elif even > half * 0.2 and odd <= half * 0.02:
        candidates.append("utf-16-be")
    elif _CONTROL_BYTES.search(head) and not _is_utf8(data):
        candidates.extend(["utf-16-le", "utf-16-be"])
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        sample = text[:4000]
        if _TEXT_CONTROLS.search(sample) or _garbled(sample):
            continue
        if sample.isascii() or _mostly_cjk(sample):
            return text, name
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_CHINESE_CONTEXT: tuple[tuple[int, int], ...] = (
    (0x00A7, 0x00A7), (0x00B0, 0x00B1), (0x00B7, 0x00B7), (0x00D7, 0x00D7), (0x00F7, 0x00F7),
    (0x2000, 0x206F), (0x2100, 0x218F), (0x2200, 0x22FF), (0x2460, 0x25FF), (0x3000, 0x303F),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)  # fmt: skip
"""Characters Chinese documents are written in: ideographs, CJK and
full-width punctuation, and the general punctuation, number forms, circled
numbers and symbols that GB2312 carries (“” — … • Ⅰ ① ℃ × ·)."""

_NOT_CHINESE = LazyPattern(
    "[^\x00-\x7f\ufeff" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CHINESE_CONTEXT) + "]"
)
"""Counted by the regular-expression engine: a character-by-character range
test in Python costs more than everything else in reading a file.  Compiled
on first use (its ranges take milliseconds, which commands that read no file
need not pay)."""


def _mostly_cjk(text: str) -> bool:
    """True where the non-ASCII characters of ``text`` are mostly those a
    Chinese document is written in; the test that tells a right reading of
    GB18030 or UTF-8 from mojibake."""
    sample = text[:4000]
    foreign = len(sample) - len(sample.encode("ascii", "ignore")) - sample.count("\ufeff")
    if not foreign:
        return False
    chinese = foreign - len(_NOT_CHINESE.compiled.findall(sample))
    return chinese / foreign > 0.6


def _garbled(text: str) -> bool:
    """True where a guessed decoding is still mostly unprintable: private-use,
    unassigned or replacement characters."""
    sample = text[:8000]
    if not sample:
        return True
    bad = sum(1 for c in sample if c == "\ufffd" or unicodedata.category(c) in {"Co", "Cn", "Cs"})
    return bad > len(sample) * _GARBLED_SHARE


def _clean(text: str, encoding: str, path: str | None, warnings: list[str] | None = None) -> tuple[str, str, list[str]]:
    """Normalise line ends and drop control characters, reporting how many.

    Vertical tab, form feed and the Unicode line and paragraph separators are
    line ends (Word writes a manual line break as a vertical tab).
    """
    warnings = list(warnings or [])
    text = _LINE_BREAKS.sub("\n", text)
    text, dropped = _DROPPED.subn("", text)
    if dropped:
        warnings.append(f"dropped {dropped} control character(s)")
    if not text.strip():
        raise UnreadableFileError("file has no text", path=path, hint="is this the right file?")
    return text, encoding, warnings


__all__ = ["decode"]

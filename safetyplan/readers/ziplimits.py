"""Reading members of a zip archive (.docx) without trusting the archive.

A .docx is a zip file, and a zip file can lie: its directory may declare a
small member that inflates to gigabytes, hold a million entries, name a member
twice so that two tools see two different documents, or be cut off halfway.
:class:`SafeZip` refuses each of these with an :class:`UnsafeFileError` or
:class:`UnreadableFileError` before any of them costs more than the limits
below, and it never extracts anything to disk: members are read into memory,
by exact name, with the number of inflated bytes checked as they arrive.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

import attrs

from ..errors import UnreadableFileError, UnsafeFileError

_CENTRAL_ENTRY = b"PK\x01\x02"
_LOCAL_ENTRY = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 64 * 1024


@attrs.frozen
class ZipLimits:
    """What an archive may cost.  A genuine plan's ``word/document.xml`` is a
    few megabytes and its package a few hundred entries; the defaults leave
    ample room above that and far below what would hurt the machine."""

    max_entries: int = 10_000
    max_member_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 128 * 1024 * 1024
    max_ratio: int = 200
    """Largest inflation ratio accepted for members over ``ratio_floor`` bytes."""
    ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = ZipLimits()


class SafeZip:
    """A zip archive held in memory, checked on opening and on every read."""

    def __init__(self, data: bytes, *, path: str | None = None, limits: ZipLimits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        self._read_total = 0
        if data.startswith(_OLE_MAGIC):
            raise UnreadableFileError(
                "file is an encrypted Word document or an old .doc file, not a .docx",
                path=path,
                hint="remove the password, or open it in Word and save as .docx",
            )
        if not data.startswith(_LOCAL_ENTRY):
            raise UnreadableFileError("file is not a .docx (not a zip archive)", path=path, hint="is the suffix right?")
        # Count directory entries before zipfile builds an object for each:
        # an over-full directory is refused without allocating for it.
        if data.count(_CENTRAL_ENTRY) > limits.max_entries:
            raise UnsafeFileError(
                f"archive has more than {limits.max_entries:,} entries", path=path, hint="not a genuine .docx"
            )
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
            raise UnreadableFileError(
                f"file is a damaged or truncated zip archive ({_reason(exc)})",
                path=path,
                hint="open it in Word and save it again",
            ) from None
        if len(infos) > limits.max_entries:
            raise UnsafeFileError(
                f"archive has {len(infos):,} entries, over the limit of {limits.max_entries:,}", path=path
            )
        self._members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            _check_name(name, path)
            if name in self._members:
                raise UnsafeFileError(f"archive names the entry {name!r} twice", path=path, hint="not a genuine .docx")
            self._members[name] = info

    def names(self) -> list[str]:
        return list(self._members)

    def __contains__(self, name: object) -> bool:
        return name in self._members

    def read(self, name: str) -> bytes:
        """The inflated bytes of member ``name``.

        Declared sizes are checked first; the actual bytes are then counted
        while inflating, so a member whose directory entry lies about its size
        is stopped at the limit rather than after it.
        """
        info = self._members.get(name)
        if info is None:
            raise UnreadableFileError(f"archive has no {name}", path=self.path, hint="is this a Word .docx file?")
        limit = min(self.limits.max_member_bytes, self.limits.max_total_bytes - self._read_total)
        if info.file_size > limit:
            raise self._bomb(name, f"declares {info.file_size:,} bytes")
        if info.file_size > self.limits.ratio_floor and info.file_size > self.limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise self._bomb(name, f"inflates {info.file_size // max(info.compress_size, 1):,}-fold")
        if info.flag_bits & 0x1:
            raise UnreadableFileError(f"archive entry {name} is encrypted", path=self.path)
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zip.open(info) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > limit:
                        raise self._bomb(name, f"inflates past {limit:,} bytes")
                    chunks.append(chunk)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            ValueError,
            OSError,
            NotImplementedError,
            RuntimeError,
        ) as exc:
            raise UnreadableFileError(
                f"archive entry {name} is damaged ({_reason(exc)})",
                path=self.path,
                hint="open it in Word and save it again",
            ) from None
        self._read_total += got
        return b"".join(chunks)

    def _bomb(self, name: str, what: str) -> UnsafeFileError:
        return UnsafeFileError(
            f"archive entry {name} {what}, over the safe limit (zip bomb?)",
            path=self.path,
            hint="not a genuine .docx",
        )


def resolve_target(base_dir: str, target: str) -> str | None:
    """A relationship target as a member name, or None where it leaves the
    package (``../../etc/passwd``) or points outside it (a URL)."""
    if "://" in target or target.startswith("\\"):
        return None
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
    normal = posixpath.normpath(joined)
    if normal.startswith("../") or normal in {"..", "."} or normal.startswith("/"):
        return None
    return normal


def _check_name(name: str, path: str | None) -> None:
    """Refuse entry names that try to mean something other than they say:
    absolute paths, ``..`` steps, backslashes, NUL bytes."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or "\x00" in name or ".." in parts or (len(name) > 1 and name[1] == ":"):
        raise UnsafeFileError(f"archive entry name {name[:80]!r} points outside the archive", path=path)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:120]


__all__ = ["DEFAULT_LIMITS", "SafeZip", "ZipLimits", "resolve_target"]

"""The public entry points: ``load``, ``load_all``, ``dump`` and friends.

The pipeline is three steps, each a plugin lookup:

    file → reader (by suffix) → Document → layout (by region or detection) → Plans
    Plan → writer (by suffix or format) → file (written atomically)
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .document import Document, reading
from .errors import (
    AmbiguousLayoutError,
    NoLayoutError,
    OutputError,
    PlanCountError,
    UnreadableFileError,
    UnsafeFileError,
)
from .formats import cyclic_gc_paused
from .hookspecs import Layout
from .model import Plan, Source
from .registry import Registered, get_registry

DETECT_THRESHOLD = 0.5
"""A best detection score below this is an error, never a guess."""

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Inputs larger than this are refused unless the caller raises the limit."""

PathLike = str | os.PathLike[str]


def read_bytes(path: PathLike, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Read a whole input file, refusing missing, special and oversized files."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise UnreadableFileError("file not found", path=str(p), hint="check the path") from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror}", path=str(p)) from None
    if not p.is_file():
        raise UnreadableFileError("not a regular file", path=str(p))
    if st.st_size > max_bytes:
        raise UnsafeFileError(
            f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit",
            path=str(p),
            hint="raise the limit with max_bytes= (or --max-size) if the file is genuine",
        )
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror}", path=str(p)) from None
    if len(data) > max_bytes:
        raise UnsafeFileError(f"file grew past the {max_bytes:,}-byte limit while reading", path=str(p))
    return data


def read_document(path: PathLike, *, max_bytes: int = MAX_INPUT_BYTES) -> Document | tuple[Plan, ...]:
    """Run the reader for ``path``: a Document, or Plans for model formats."""
    data = read_bytes(path, max_bytes=max_bytes)
    registry = get_registry()
    reader = registry.reader_for(Path(path).suffix, data[:4096], path=str(path))
    result = reader.call("reading", lambda: reader.obj.read(data, path=str(path)))
    if isinstance(result, Document):
        import hashlib  # here: loading OpenSSL's hashes is a cost commands that read nothing need not pay

        return attrs.evolve(
            result,
            path=str(path),
            format=result.format or reader.obj.name,
            digest=result.digest or "sha256:" + hashlib.sha256(data).hexdigest(),
        )
    return result


def detect(document: Document) -> dict[str, float]:
    """Every installed layout's score for ``document``, best first."""
    scores: dict[str, float] = {}
    with reading(document):
        for reg in get_registry().layouts:
            score = reg.call("detection", lambda reg=reg: reg.obj.detect(document))  # type: ignore[misc]
            scores[reg.obj.name] = max(0.0, min(1.0, float(score)))
    return dict(sorted(scores.items(), key=lambda kv: -kv[1]))


def choose_layout(document: Document, region: str | None = None) -> Registered[Layout]:
    """The layout named by ``region``, else the best-scoring one."""
    registry = get_registry()
    if region:
        return registry.layout(region)
    scores = detect(document)
    listing = ", ".join(f"{name} {score:.2f}" for name, score in scores.items()) or "no layouts installed"
    if not scores or max(scores.values()) < DETECT_THRESHOLD:
        raise NoLayoutError(
            f"no layout recognises this document (scores: {listing})",
            scores,
            path=document.path,
            hint="name one with region=… / --region",
        )
    ranked = list(scores.items())
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 1e-9:
        raise AmbiguousLayoutError(
            f"layouts {ranked[0][0]!r} and {ranked[1][0]!r} recognise this document equally (scores: {listing})",
            scores,
            path=document.path,
            hint="name one with region=… / --region",
        )
    return registry.layout(ranked[0][0])


def parse(document: Document, region: str | None = None) -> list[Plan]:
    """Run a layout over a Document: every plan it holds, sources filled in.

    The cyclic garbage collector is paused while the layout builds the plans
    (see :func:`~safetyplan.formats.cyclic_gc_paused`): a plan is a great
    many objects that all survive, and the collector's passes over them made
    a plan ten times the size take more than ten times as long."""
    layout = choose_layout(document, region)
    with reading(document), cyclic_gc_paused():
        plans = layout.call("parsing", lambda: layout.obj.parse(document))
    return [
        attrs.evolve(
            plan,
            region=plan.region or layout.obj.name,
            source=Source(path=document.path, format=document.format, digest=document.digest, index=i),
        )
        for i, plan in enumerate(plans)
    ]


def load_all(path: PathLike, *, region: str | None = None, max_bytes: int = MAX_INPUT_BYTES) -> list[Plan]:
    """Every plan in the file at ``path``, in document order."""
    result = read_document(path, max_bytes=max_bytes)
    if isinstance(result, Document):
        return parse(result, region)
    return list(result)


def load(path: PathLike, *, region: str | None = None, max_bytes: int = MAX_INPUT_BYTES) -> Plan:
    """The one plan in the file at ``path``; an error if it holds another number."""
    plans = load_all(path, region=region, max_bytes=max_bytes)
    if len(plans) != 1:
        raise PlanCountError(
            f"file holds {len(plans)} plans, load() returns exactly one",
            len(plans),
            path=str(path),
            hint="use safetyplan.load_all() to get every plan" if plans else "is this a plan?",
        )
    return plans[0]


def dump(
    plan: Plan,
    path: PathLike,
    *,
    format: str | None = None,
    kind: str | None = None,
    **options: Any,
) -> Path:
    """Write ``plan`` to ``path`` with the writer for ``format`` (default: the
    path's suffix).  The file appears complete or not at all."""
    target = Path(path)
    fmt = format or target.suffix.lstrip(".")
    writer = get_registry().writer_for(fmt, kind)
    write_atomic(target, lambda stream: writer.call("writing", lambda: writer.obj.write(plan, stream, options)))
    return target


def write_atomic(target: Path, write: Any, *, inputs: Mapping[str, Path] | None = None) -> None:
    """Write through a temporary file in the target's folder, then rename.

    ``write`` receives a binary stream.  On any failure the temporary file is
    removed and ``target`` is left as it was.
    """
    target = Path(target)
    if inputs and any(_same_file(target, p) for p in inputs.values()):
        raise OutputError("refusing to write over an input file", path=str(target), hint="choose another output")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(target)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new file beside ``target`` for writing it: opened exclusively, under
    a name no other file has, with the permissions the process's umask gives
    a new file (not the owner-only mode of ``tempfile.mkstemp``, which would
    hide a clerk's output from everyone else sharing the folder)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = str(target.parent / f".{target.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(target.parent))


def _keep_mode(target: Path, tmp: str) -> None:
    """Give the new file the permission bits of the file it replaces, if any."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode) & 0o777
    except OSError:
        return
    os.chmod(tmp, mode)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


__all__ = [
    "DETECT_THRESHOLD",
    "MAX_INPUT_BYTES",
    "choose_layout",
    "detect",
    "dump",
    "load",
    "load_all",
    "parse",
    "read_bytes",
    "read_document",
    "write_atomic",
]

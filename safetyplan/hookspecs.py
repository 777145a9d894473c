"""The hooks a safetyplan plugin implements.

A plugin is any module or object with functions marked ``@hookimpl``.  Built-in
readers and writers are registered by the core itself; every layout — the
built-in regional ones included — arrives through the ``safetyplan``
entry-point group, exactly as a third-party package's would::

    # pyproject.toml of a region's package
    [project.entry-points.safetyplan]
    myregion = "safetyplan_myregion"

    # safetyplan_myregion/__init__.py
    from safetyplan import hookimpl

    @hookimpl
    def safetyplan_layouts():
        return [MyRegionLayout()]

Each registration hook returns a list of objects following the protocols
below.  The registry (:mod:`safetyplan.registry`) collects them, remembers
which plugin and distribution each came from, and wraps every call so that an
unexpected exception inside a plugin surfaces as a
:class:`~safetyplan.errors.PluginError` naming that plugin.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, BinaryIO, Protocol, runtime_checkable

import pluggy

from .document import Document
from .model import Plan

PROJECT = "safetyplan"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

ReadResult = Document | tuple[Plan, ...]
"""A reader returns the file's blocks for a layout to parse, or — for formats
that already hold the model, such as safetyplan's own XML and JSON — the
Plans themselves."""


@runtime_checkable
class Reader(Protocol):
    """Turns the bytes of one file type into a Document (or Plans).

    ``suffixes`` are the lower-case file suffixes it claims (``.txt``); where
    two readers claim a suffix, the one whose ``sniff`` returns True for the
    file's first bytes wins, so a ``.xml`` that is not safetyplan XML can go to
    another reader.
    """

    name: str
    suffixes: tuple[str, ...]
    description: str

    def sniff(self, head: bytes) -> bool:
        """True where the first bytes of a file look like this reader's format."""
        ...

    def read(self, data: bytes, *, path: str | None = None) -> ReadResult:
        """Parse ``data``; raise a SafetyPlanError subclass on bad input."""
        ...


@runtime_checkable
class Layout(Protocol):
    """Knows how one region lays its plans out.

    ``detect`` scores a Document from 0.0 (certainly not this layout) to 1.0
    (certainly this layout); the best score wins when the caller names no
    region, and a best score under the threshold is an error listing every
    score.  Score the notation — headings, numbering, letterhead patterns —
    never the text of a sample.
    """

    name: str
    aliases: tuple[str, ...]
    description: str

    def detect(self, document: Document) -> float: ...

    def parse(self, document: Document) -> list[Plan]:
        """Every plan the document holds, in document order."""
        ...


@runtime_checkable
class Writer(Protocol):
    """Writes a Plan to one output format.

    ``format`` is what ``--to`` names (``xml``, ``docx``); ``kind`` tells
    writers of one format apart (``table``, ``document``) and is None where a
    format has one writer.  ``default`` marks the kind used when none is asked
    for.  The core opens a temporary file, calls ``write`` and renames it into
    place only on success, so a writer never leaves half a file.
    """

    format: str
    kind: str | None
    default: bool
    suffix: str
    description: str

    def write(self, plan: Plan, stream: BinaryIO, options: Mapping[str, Any]) -> None: ...


class HookSpecs:
    """Hook specifications; see the module docstring for how to implement them."""

    @hookspec
    def safetyplan_readers(self) -> Sequence[Reader]:
        """Return the readers this plugin provides."""
        raise NotImplementedError

    @hookspec
    def safetyplan_layouts(self) -> Sequence[Layout]:
        """Return the regional layouts this plugin provides."""
        raise NotImplementedError

    @hookspec
    def safetyplan_writers(self) -> Sequence[Writer]:
        """Return the writers this plugin provides."""
        raise NotImplementedError

    @hookspec
    def safetyplan_unit_aliases(self) -> Iterable[tuple[str, str]]:
        """Return pairs of names for the same unit, abbreviation first:
        ``("区安委办", "区安全生产委员会办公室")``.  Writers that group by unit
        (per-unit lists) merge the two."""
        raise NotImplementedError


__all__ = ["HookSpecs", "Layout", "ReadResult", "Reader", "Writer", "hookimpl", "hookspec"]

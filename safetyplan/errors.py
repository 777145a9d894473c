"""Every failure safetyplan reports, under one base class.

Callers catch ``SafetyPlanError`` and get a message fit to show a person: what
went wrong, where (file, line or row) when known, and what to do.  The command
line prints ``str(error)`` as one line; nothing below it is a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping


class SafetyPlanError(Exception):
    """Base of every error safetyplan raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class UnreadableFileError(SafetyPlanError):
    """The file cannot be read or decoded: missing, empty, binary, corrupt."""


class UnknownFormatError(SafetyPlanError):
    """No reader or writer handles this file type or format name."""


class UnsafeFileError(SafetyPlanError):
    """The file was refused because reading it could harm the machine:
    XML entities or external references, a zip bomb, an oversized input."""


class NoLayoutError(SafetyPlanError):
    """No layout recognises the document well enough; carries every score."""

    def __init__(self, message: str, scores: Mapping[str, float], **kw: str | int | None) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.scores = dict(scores)


class AmbiguousLayoutError(NoLayoutError):
    """Two layouts recognise the document equally well."""


class UnknownRegionError(SafetyPlanError):
    """A region name or alias that no installed layout answers to."""


class PlanCountError(SafetyPlanError):
    """``load`` was asked for one plan and the file holds another number."""

    def __init__(self, message: str, count: int, **kw: str | int | None) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.count = count


class InvalidXMLError(SafetyPlanError):
    """An XML file does not match the safetyplan schema."""


class PluginError(SafetyPlanError):
    """A plugin raised an unexpected exception; names the plugin and its
    distribution so the report reaches the right people."""

    def __init__(self, message: str, plugin: str, distribution: str | None = None, **kw: str | int | None) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.plugin = plugin
        self.distribution = distribution


class OutputError(SafetyPlanError):
    """Output could not be written, or would overwrite an input."""


__all__ = [
    "AmbiguousLayoutError",
    "InvalidXMLError",
    "NoLayoutError",
    "OutputError",
    "PlanCountError",
    "PluginError",
    "SafetyPlanError",
    "UnknownFormatError",
    "UnknownRegionError",
    "UnreadableFileError",
    "UnsafeFileError",
]

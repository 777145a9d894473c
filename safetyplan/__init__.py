"""safetyplan: read Chinese safety-production plans into one typed model and
write them out as Word documents, XML and JSON.

    >>> import safetyplan
    >>> plan = safetyplan.load("plan.txt")            # doctest: +SKIP
    >>> safetyplan.dump(plan, "plan.xml")             # doctest: +SKIP

The model lives in :mod:`safetyplan.model`, the errors in
:mod:`safetyplan.errors`, the plugin hooks in :mod:`safetyplan.hookspecs`.
"""

from __future__ import annotations

from .api import detect, dump, load, load_all, parse, read_document
from .document import Cell, Document, Paragraph, Row, Table
from .errors import (
    AmbiguousLayoutError,
    InvalidXMLError,
    NoLayoutError,
    OutputError,
    PlanCountError,
    PluginError,
    SafetyPlanError,
    UnknownFormatError,
    UnknownRegionError,
    UnreadableFileError,
    UnsafeFileError,
)
from .hookspecs import hookimpl
from .model import (
    Assignment,
    Attachment,
    Deadline,
    Measure,
    Note,
    Part,
    Phase,
    Plan,
    Report,
    Role,
    Section,
    Source,
    Span,
    TextRange,
)

__all__ = [
    "AmbiguousLayoutError",
    "Assignment",
    "Attachment",
    "Cell",
    "Deadline",
    "Document",
    "InvalidXMLError",
    "Measure",
    "NoLayoutError",
    "Note",
    "OutputError",
    "Paragraph",
    "Part",
    "Phase",
    "Plan",
    "PlanCountError",
    "PluginError",
    "Report",
    "Role",
    "Row",
    "SafetyPlanError",
    "Section",
    "Source",
    "Span",
    "Table",
    "TextRange",
    "UnknownFormatError",
    "UnknownRegionError",
    "UnreadableFileError",
    "UnsafeFileError",
    "detect",
    "dump",
    "hookimpl",
    "load",
    "load_all",
    "parse",
    "read_document",
]

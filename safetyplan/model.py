"""The typed model every reader, layout and writer shares.

All classes are frozen attrs classes holding tuples, so a Plan is a value: two
imports of the same text compare equal, a Plan can be hashed, cached and handed
between threads, and a writer can never change what a layout produced.  Field
names are the public contract of SPEC.md; extra fields carry what the plans hold
beyond it (phases, reporting requirements, source spans, text the layout could
not place).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterator

import attrs


class Role(enum.StrEnum):
    """What a unit is asked to do for a measure."""

    LEAD = "lead"  # 牵头
    SUPPORT = "support"  # 协同, 配合, 参与
    RESPONSIBLE = "responsible"  # 责任单位, 分工负责: named without saying which


class Part(enum.StrEnum):
    """Where a measure stands: the plan's body or one of its attachments."""

    BODY = "body"
    ATTACHMENT = "attachment"


@attrs.frozen
class Span:
    """Where something came from: 1-based first and last source line (or
    paragraph number for Word files), and the table row where it came from a
    table row."""

    start: int
    end: int
    row: int | None = None


@attrs.frozen
class TextRange:
    """A half-open character range ``[start, end)`` inside a measure's text."""

    start: int
    end: int


@attrs.frozen
class Assignment:
    """One unit named for a measure, with its role.

    ``unit`` is the name as written; ``canonical`` the full name where the list
    abbreviates it by a shared prefix or suffix (``区应急管理局、经发局`` gives
    ``经发局`` the canonical ``区经发局``), else None.  ``applies_to`` is the
    part of the measure's text the unit list covers (the text before the list,
    back to the previous list), so a writer can show which sentences of a long
    measure each unit owns; None where the units do not come from the
    measure's text (a task table's 责任单位 column).
    """

    unit: str
    role: Role = Role.RESPONSIBLE
    canonical: str | None = None
    applies_to: TextRange | None = None

    @property
    def name(self) -> str:
        """The name to group by: the canonical name where there is one."""
        return self.canonical or self.unit


@attrs.frozen
class Deadline:
    """A completion date set for a measure.

    ``due`` is None where the phrase names no date (``长期坚持``); ``ongoing``
    says the work continues past it; ``recurrence`` holds a frequency such as
    ``quarterly`` for phrases that set one.
    """

    text: str
    due: _dt.date | None = None
    ongoing: bool = False
    recurrence: str | None = None


@attrs.frozen
class Measure:
    """A numbered paragraph that carries its own text: the unit of work."""

    label: str
    number: int | None
    text: str
    title: str | None = None
    part: Part = Part.BODY
    section_path: tuple[str, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    recurring: tuple[Deadline, ...] = ()
    """Frequencies the measure sets (``每季度至少1次``): Deadlines with a
    ``recurrence`` and no ``due``, kept apart from ``deadlines`` because they
    set no completion date."""
    span: Span | None = None
    implements: tuple[str, ...] | None = None
    """For a task-table row: the section path plus label of the body measure
    it details (``("一、…", "（一）")``), where one matches."""


@attrs.frozen
class Section:
    """A heading with what stands under it.

    ``text`` holds the unnumbered paragraphs; ``children`` the subsections and
    measures in document order.
    """

    label: str
    title: str
    text: tuple[str, ...] = ()
    children: tuple[Section | Measure, ...] = ()
    span: Span | None = None

    @property
    def heading(self) -> str:
        """Label and title as one string, the form ``section_path`` uses."""
        return f"{self.label}{self.title}"

    def measures(self) -> Iterator[Measure]:
        """Every measure under this section, depth first, in document order."""
        for child in self.children:
            if isinstance(child, Measure):
                yield child
            else:
                yield from child.measures()


@attrs.frozen
class Attachment:
    """An attachment (附件): a task table, a report form, a list."""

    label: str
    title: str
    sections: tuple[Section, ...] = ()
    text: tuple[str, ...] = ()
    span: Span | None = None

    def measures(self) -> Iterator[Measure]:
        for section in self.sections:
            yield from section.measures()


@attrs.frozen
class Report:
    """A reporting requirement (报送): what goes to whom by when."""

    text: str
    what: str | None = None
    to: str | None = None
    due: Deadline | None = None


@attrs.frozen
class Phase:
    """An implementation phase (实施步骤) with its time window."""

    label: str
    title: str
    window: str | None = None
    start: _dt.date | None = None
    end: _dt.date | None = None


@attrs.frozen
class Note:
    """Text of the document that is not part of the plan's structure.

    ``kind`` says what it is: ``letter`` (a covering letter's own text),
    ``contact``, ``signature``, ``furniture`` (navigation lines, page headers,
    site chrome) or ``unplaced`` (text the layout could not place — shown by
    ``safetyplan inspect`` so nothing is dropped silently).
    """

    text: str
    kind: str = "unplaced"
    span: Span | None = None


@attrs.frozen
class Source:
    """The file a plan was read from."""

    path: str | None = None
    format: str | None = None
    digest: str | None = None
    index: int = 0
    """Position of the plan among the plans the file holds (0-based)."""


@attrs.frozen
class Plan:
    """One plan: metadata, the body's section tree and the attachments."""

    title: str
    region: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    issue_date: _dt.date | None = None
    year: int | None = None
    recipients: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    printed_by: str | None = None
    printed_date: _dt.date | None = None
    preamble: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    reporting: tuple[Report, ...] = ()
    phases: tuple[Phase, ...] = ()
    notes: tuple[Note, ...] = ()
    source: Source = attrs.field(factory=Source)

    def measures(self) -> Iterator[Measure]:
        """Every measure: body first, then attachments, in document order."""
        for section in self.sections:
            yield from section.measures()
        for attachment in self.attachments:
            yield from attachment.measures()

    @property
    def unplaced(self) -> tuple[Note, ...]:
        """Text the layout could not place anywhere in the model."""
        return tuple(n for n in self.notes if n.kind == "unplaced")


__all__ = [
    "Assignment",
    "Attachment",
    "Deadline",
    "Measure",
    "Note",
    "Part",
    "Phase",
    "Plan",
    "Report",
    "Role",
    "Section",
    "Source",
    "Span",
    "TextRange",
]

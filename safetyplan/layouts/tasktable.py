"""Reading back a task allocation table (重点任务分工表) that safetyplan wrote.

A clerk edits the table in Word — changes a deadline, adds a unit, inserts a
row — and imports it again.  So this layout reads only what a person sees: the
title line, an optional metadata line, section rows and the cell texts.  No
hidden data (bookmarks, custom XML, document properties) is involved, which is
also why the writer (:mod:`safetyplan.writers.docx.table`) takes its
conventions from this module: both sides share one visible grammar.

The grammar:

- title line ``《<plan title>》重点任务分工表`` (a title line without the
  ``《…》`` wrapper is taken whole);
- an optional metadata line of ``key：value`` pairs: ``发文机关`` (issuer),
  ``文号``, ``成文日期`` and ``年度`` (the year that deadlines without a
  year belong to);
- a table whose header row is 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限
  (more columns may follow; header rows repeated by a clerk are skipped);
- section rows: one text across the row, a heading such as ``一、…`` or
  ``（一）…``; headings nest by their numbering style; a section row starting
  ``附件`` opens an attachment, and every later row belongs to it;
- measure rows: 序号 holds the number, 重点任务 the text (one paragraph per
  line); units in 牵头单位 are leads, in 配合单位 supports; a paragraph
  starting ``责任单位：`` names units responsible without a role (the writer
  spans both unit columns with it); ``牵头单位：`` and ``配合单位：`` prefixes
  set the role the same way; names are separated by ``、`` (or ``，；``,
  spaces or a new paragraph), never inside brackets; 完成时限 holds one deadline per
  paragraph, read with :func:`safetyplan.layouts.deadlines.parse_deadline_cell`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

import attrs

from ..document import Cell, Document, Paragraph, Row, Table
from ..hookspecs import Layout, hookimpl
from ..model import Assignment, Attachment, Deadline, Measure, Note, Part, Plan, Role, Section, Span
from .numbering import match_label
from .units import split_top

HEADER: tuple[str, ...] = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
"""The header row, column by column."""

TITLE_SUFFIX = "重点任务分工表"
UNIT_SEPARATOR = "、"
ATTACHMENT_PREFIX = "附件"

ROLE_MARKERS: dict[str, Role] = {"责任单位": Role.RESPONSIBLE, "牵头单位": Role.LEAD, "配合单位": Role.SUPPORT}
"""A unit-cell paragraph opening with one of these and a colon has that role,
whichever column it stands in."""

RESPONSIBLE_MARKER = "责任单位："

META_KEYS: tuple[str, ...] = ("发文机关", "文号", "成文日期", "年度")
"""Keys of the metadata line under the title, in the order the writer prints them."""

META_SEPARATOR = "\u3000\u3000"

EMBEDDED_SCORE = 0.3
"""Detection score for a task table inside a longer document (a full plan with
its attachment table): low enough that a regional layout wins, and that with
none installed the import fails with the scores rather than reading the
table alone."""

MAX_LOOSE_PARAGRAPHS = 8
"""More non-empty paragraphs outside tables than this make a task table part
of a longer document rather than the document itself."""

_TITLE = re.compile(r"《(.{0,2000})》\s{0,3}" + TITLE_SUFFIX)
_META_KEY = re.compile(r"(" + "|".join(META_KEYS) + r")\s{0,3}[:：]")
_ROLE_PREFIX = re.compile(r"(" + "|".join(ROLE_MARKERS) + r")\s{0,3}[:：]\s*")
_ATTACHMENT = re.compile(ATTACHMENT_PREFIX + r"\s{0,3}([0-9０-９一二三四五六七八九十]{0,4})\s{0,3}[：:、.．]?\s*")
_YEAR = re.compile(r"(\d{4})\s{0,2}年?")
_DATE = re.compile(r"(\d{4})\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月\s{0,2}(\d{1,2})\s{0,2}日")
_NUMBER = re.compile(r"\d{1,9}")
_SEPARATORS = "、，,；;\n \t\u3000"


# -- the conventions, as the writer applies them ---------------------------------


def title_line(title: str) -> str:
    """The table's title line for a plan title."""
    return f"《{title}》{TITLE_SUFFIX}" if title else TITLE_SUFFIX


def meta_line(plan: Plan) -> str | None:
    """The metadata line under the title, or None where the plan has none."""
    values = (
        plan.issuer,
        plan.doc_number,
        format_date(plan.issue_date) if plan.issue_date else None,
        f"{plan.year}年" if plan.year is not None else None,
    )
    parts = [f"{key}：{value}" for key, value in zip(META_KEYS, values, strict=True) if value]
    return META_SEPARATOR.join(parts) or None


def format_date(date: dt.date) -> str:
    """A date as official documents print it: ``2022年5月30日``."""
    return f"{date.year}年{date.month}月{date.day}日"


def join_units(names: Iterable[str]) -> str:
    return UNIT_SEPARATOR.join(names)


def attachment_heading(attachment: Attachment, index: int) -> str:
    """The section row that opens an attachment: ``附件1　<title>``."""
    label = attachment.label.strip() or f"{ATTACHMENT_PREFIX}{index}"
    if not label.startswith(ATTACHMENT_PREFIX):
        label = ATTACHMENT_PREFIX + label
    return f"{label}\u3000{attachment.title}" if attachment.title else label


def unit_cells(assignments: Sequence[Assignment]) -> tuple[list[str], list[str], bool]:
    """The 牵头单位 and 配合单位 paragraphs for a measure's units, and whether
    the two cells are one (units responsible without a role, and no others)."""
    lead = [a.name for a in assignments if a.role is Role.LEAD]
    support = [a.name for a in assignments if a.role is Role.SUPPORT]
    responsible = [a.name for a in assignments if a.role is Role.RESPONSIBLE]
    lead_paragraphs = [join_units(lead)] if lead else []
    support_paragraphs = [join_units(support)] if support else []
    if responsible:
        lead_paragraphs.append(RESPONSIBLE_MARKER + join_units(responsible))
    return lead_paragraphs, support_paragraphs, bool(responsible) and not lead and not support


# -- reading ---------------------------------------------------------------------


def split_units(text: str) -> list[str]:
    """Unit names in one cell paragraph: split on ``、，,；;`` and spaces
    outside brackets."""
    names = split_top(text, _SEPARATORS, unclosed_splits=True)
    return [n.strip() for n in names if n.strip()]


def read_units(paragraphs: Iterable[str], role: Role) -> list[Assignment]:
    """Assignments from one unit cell whose column gives ``role``."""
    out: list[Assignment] = []
    for paragraph in paragraphs:
        text = paragraph.strip()
        m = _ROLE_PREFIX.match(text)
        own_role = ROLE_MARKERS[m.group(1)] if m else role
        out.extend(Assignment(unit=name, role=own_role) for name in split_units(text[m.end() :] if m else text))
    return out


def read_meta(text: str) -> dict[str, str]:
    """The ``key：value`` pairs of a metadata line (empty where it is none)."""
    found = list(_META_KEY.finditer(text))
    if not found or text[: found[0].start()].strip():
        return {}
    out: dict[str, str] = {}
    for m, nxt in zip(found, [*found[1:], None], strict=True):
        value = text[m.end() : nxt.start() if nxt else len(text)]
        out[m.group(1)] = value.strip(" \u3000\t")
    return out


def read_title(text: str) -> str:
    m = _TITLE.fullmatch(text.strip())
    if m:
        return m.group(1)
    text = text.strip()
    return "" if text == TITLE_SUFFIX else text


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def header_columns(row: Row) -> dict[str, int] | None:
    """Column index of each header name, where ``row`` is a task table header."""
    texts = [_normalise(t) for t in row.texts]
    columns: dict[str, int] = {}
    for name in HEADER:
        if name not in texts:
            return None
        columns[name] = texts.index(name)
    return columns


def _task_tables(document: Document) -> list[tuple[Table, int, dict[str, int]]]:
    """Tables with a task table header: (table, header row index, columns)."""
    out = []
    for table in document.tables():
        for i, row in enumerate(table.rows):
            columns = header_columns(row)
            if columns is not None:
                out.append((table, i, columns))
                break
    return out


def _loose_paragraphs(document: Document) -> int:
    return sum(1 for p in document.paragraphs() if p.text.strip())


# -- building the plan -------------------------------------------------------------


@attrs.define
class _SectionBuilder:
    label: str
    title: str
    kind: str | None
    span: Span
    children: list[_SectionBuilder | Measure] = attrs.Factory(list)

    @property
    def heading(self) -> str:
        return f"{self.label}{self.title}"

    def build(self) -> Section:
        kids = tuple(c.build() if isinstance(c, _SectionBuilder) else c for c in self.children)
        return Section(label=self.label, title=self.title, children=kids, span=self.span)


@attrs.define
class _AttachmentBuilder:
    label: str
    title: str
    span: Span
    sections: list[_SectionBuilder] = attrs.Factory(list)


class _PlanBuilder:
    """Collects rows in order, keeping the open sections as a stack."""

    def __init__(self, year: int | None) -> None:
        self.year = year
        self.body: list[_SectionBuilder] = []
        self.attachments: list[_AttachmentBuilder] = []
        self.stack: list[_SectionBuilder] = []
        self.notes: list[Note] = []

    @property
    def _top_level(self) -> list[_SectionBuilder]:
        return self.attachments[-1].sections if self.attachments else self.body

    @property
    def part(self) -> Part:
        return Part.ATTACHMENT if self.attachments else Part.BODY

    def heading(self, text: str, span: Span) -> None:
        m = _ATTACHMENT.match(text)
        if m:
            label = ATTACHMENT_PREFIX + m.group(1)
            self.attachments.append(_AttachmentBuilder(label, text[m.end() :].strip(), span))
            self.stack = []
            return
        found = match_label(text)
        kind = found.kind if found and text[found.end :].strip() else None
        section = (
            _SectionBuilder(found.text, text[found.end :].strip(), kind, span)
            if found and kind
            else _SectionBuilder("", text, None, span)
        )
        kinds = [s.kind for s in self.stack]
        if kind is not None and kind in kinds:
            del self.stack[kinds.index(kind) :]
        elif kind is None:
            self.stack = []
        if self.stack:
            self.stack[-1].children.append(section)
        else:
            self._top_level.append(section)
        self.stack.append(section)

    def measure(self, measure: Measure) -> None:
        if not self.stack:
            holder = _SectionBuilder("", "", None, measure.span or Span(0, 0))
            self._top_level.append(holder)
            self.stack.append(holder)
        path = tuple(s.heading for s in self.stack if s.heading)
        self.stack[-1].children.append(attrs.evolve(measure, part=self.part, section_path=path))

    def sections(self) -> tuple[Section, ...]:
        return tuple(s.build() for s in self.body)

    def built_attachments(self) -> tuple[Attachment, ...]:
        return tuple(
            Attachment(label=a.label, title=a.title, sections=tuple(s.build() for s in a.sections), span=a.span)
            for a in self.attachments
        )


def _is_section_row(texts: Sequence[str], number_col: int, task_col: int) -> bool:
    texts = [*texts, *[""] * (max(number_col, task_col) + 1 - len(texts))]  # a short row's missing cells are empty
    distinct = {t for t in texts if t}
    if len(distinct) != 1:
        return False
    (text,) = distinct
    if texts[number_col] != text or (texts[task_col] and texts[task_col] != text):
        return False
    return not _is_number(text)


def _is_number(text: str) -> bool:
    if _NUMBER.fullmatch(text):
        return True
    label = match_label(text)
    return label is not None and not text[label.end :].strip()


def _read_number(text: str) -> tuple[str, int | None]:
    text = text.strip()
    if _NUMBER.fullmatch(text):
        return text, int(text)
    label = match_label(text)
    if label is not None and not text[label.end :].strip():
        return label.text, label.number
    return text, None


def _cell(row: Row, index: int) -> Cell:
    return row.cells[index] if index < len(row.cells) else Cell(("",))


def _paragraphs(cell: Cell) -> list[str]:
    return [p.strip() for p in cell.paragraphs if p.strip()]


def _deadlines(cell: Cell, year: int | None) -> tuple[Deadline, ...]:
    from .deadlines import parse_deadline_cell

    return tuple(parse_deadline_cell(text, year) for text in _paragraphs(cell))


def _merge_units(*lists: list[Assignment]) -> tuple[Assignment, ...]:
    seen: set[tuple[str, Role]] = set()
    out: list[Assignment] = []
    for assignment in (a for lst in lists for a in lst):
        key = (assignment.unit, assignment.role)
        if key not in seen:
            seen.add(key)
            out.append(assignment)
    return tuple(out)


def _read_rows(builder: _PlanBuilder, table: Table, start: int, columns: dict[str, int]) -> None:
    number_col, task_col, lead_col, support_col, due_col = (columns[name] for name in HEADER)
    header = [_normalise(t) for t in table.rows[start].texts]
    for index in range(start + 1, len(table.rows)):
        row = table.rows[index]
        texts = [t.strip() for t in row.texts]
        span = Span(row.line, row.line, row=index)
        if not any(texts) or [_normalise(t) for t in texts] == header:
            continue
        if _is_section_row(texts, number_col, task_col):
            builder.heading(texts[number_col], span)
            continue
        task = "\n".join(_paragraphs(_cell(row, task_col)))
        if not task:
            builder.notes.append(Note(" | ".join(t for t in texts if t), kind="unplaced", span=span))
            continue
        label, number = _read_number(texts[number_col] if number_col < len(texts) else "")
        units = _merge_units(
            read_units(_paragraphs(_cell(row, lead_col)), Role.LEAD),
            read_units(_paragraphs(_cell(row, support_col)), Role.SUPPORT),
        )
        builder.measure(
            Measure(
                label=label,
                number=number,
                text=task,
                assignments=units,
                deadlines=_deadlines(_cell(row, due_col), builder.year),
                span=span,
            )
        )


@attrs.frozen
class _Meta:
    """What the metadata line under the title says."""

    issuer: str | None = None
    doc_number: str | None = None
    issue_date: dt.date | None = None
    year: int | None = None


def _meta(values: dict[str, str], meta: _Meta) -> _Meta:
    date = _DATE.search(values.get("成文日期", ""))
    issue_date = meta.issue_date
    if date:
        try:
            issue_date = dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
        except ValueError:
            pass
    year = _YEAR.fullmatch(values.get("年度", ""))
    return _Meta(
        issuer=values.get("发文机关") or meta.issuer,
        doc_number=values.get("文号") or meta.doc_number,
        issue_date=issue_date,
        year=int(year.group(1)) if year else meta.year,
    )


def _heading_paragraphs(document: Document, first_table: Table) -> tuple[list[Paragraph], list[Paragraph]]:
    """Paragraphs before the first task table, and every other paragraph."""
    before: list[Paragraph] = []
    after: list[Paragraph] = []
    seen_table = False
    for block in document.blocks:
        if block is first_table:
            seen_table = True
        elif isinstance(block, Paragraph) and block.text.strip():
            (after if seen_table else before).append(block)
    return before, after


def parse_task_table(document: Document) -> Plan:
    """The plan a task allocation table shows."""
    tables = _task_tables(document)
    if not tables:
        from ..errors import NoLayoutError

        raise NoLayoutError(
            "no task allocation table (header 序号 重点任务 牵头单位 配合单位 完成时限) in this document",
            {},
            path=document.path,
        )
    before, after = _heading_paragraphs(document, tables[0][0])
    title = ""
    meta = _Meta()
    notes: list[Note] = []
    for paragraph in before:
        text = paragraph.text.strip()
        values = read_meta(text)
        if values:
            meta = _meta(values, meta)
        elif _ATTACHMENT.fullmatch(text):
            notes.append(Note(text, kind="furniture", span=Span(paragraph.line, paragraph.line)))
        elif not title:
            title = read_title(text)
        else:
            notes.append(Note(text, kind="unplaced", span=Span(paragraph.line, paragraph.line)))
    builder = _PlanBuilder(meta.year)
    for table, start, columns in tables:
        _read_rows(builder, table, start, columns)
    notes.extend(Note(p.text.strip(), kind="unplaced", span=Span(p.line, p.line)) for p in after)
    return Plan(
        title=title,
        sections=builder.sections(),
        attachments=builder.built_attachments(),
        notes=(*notes, *builder.notes),
        issuer=meta.issuer,
        doc_number=meta.doc_number,
        issue_date=meta.issue_date,
        year=meta.year,
    )


class TaskTableLayout:
    """The layout of safetyplan's own task allocation tables, for reading them back."""

    name = "tasktable"
    aliases: tuple[str, ...] = ("task-table", "分工表")
    description = "task allocation tables (重点任务分工表) written by safetyplan and edited by hand"

    def detect(self, document: Document) -> float:
        if not _task_tables(document):
            return 0.0
        return 1.0 if _loose_paragraphs(document) <= MAX_LOOSE_PARAGRAPHS else EMBEDDED_SCORE

    def parse(self, document: Document) -> list[Plan]:
        return [parse_task_table(document)]


@hookimpl
def safetyplan_layouts() -> list[Layout]:
    return [TaskTableLayout()]


__all__ = [
    "HEADER",
    "RESPONSIBLE_MARKER",
    "ROLE_MARKERS",
    "TITLE_SUFFIX",
    "TaskTableLayout",
    "attachment_heading",
    "format_date",
    "join_units",
    "meta_line",
    "parse_task_table",
    "read_meta",
    "read_title",
    "read_units",
    "split_units",
    "title_line",
    "unit_cells",
]

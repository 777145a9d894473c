"""The key-task table (重点任务分工表) that restates the body's articles.

A plan's attachment often breaks every body article into numbered tasks, one
row each: a merged first-column cell naming the body part (``一、…``), the task
(``1 各级党委…``), the responsible units (in one column, or in a 牵头单位 and
a 配合单位 column) and the completion deadline.  What reaches a layout is
rarely that clean table:

* a text extraction prints the merged part cell on any one row of the part, on
  several, twice in one cell or on none, and sometimes on a row of the next
  part; a Word table repeats it on every row it spans;
* the header row is repeated at every page break;
* one task cell may hold two tasks (``<p>26 …</p> <p>27 …</p>``, ``57 …。
  58 …`` or ``8 … 9 …`` in one paragraph), and the second task's own units and
  deadline may then stand on the next row, whose task cell is empty;
* the part cells may restate the second-level parts of one body section
  (its ``（一）…`` renumbered ``一、…``), not the body's top-level parts;
* a row may print nothing but the units and deadline of the row above again;
* the numbering has typos (``551`` between 50 and 52).

So the part a task belongs to is decided by what the task says, not by where
a part cell happens to be printed: each task is linked to the body article it
restates by character-bigram overlap, and the parts are assigned by a small
dynamic programme that keeps them in non-decreasing order, with printed part
cells counting as evidence only.  A printed part cell names a body heading by
its title, at whatever level the heading stands.  The same rules serve any
table that restates a body's articles under the body's headings.
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from ..document import Cell, Row, Table
from ..model import Deadline, Measure, Note, Part, Role, Section, Span
from .deadlines import find_deadlines, find_recurrences, parse_deadline_cell
from .lazyre import LazyPattern
from .numbering import intended_numbers, match_label
from .unitnames import is_organ
from .units import merge_assignments, parse_units

EVIDENCE_WEIGHT = 0.3
"""What a printed part cell adds to a part's score for the rows it stands on.
Restated tasks reach 0.65-1.0 against their own article and rarely 0.4
against another one, so a clear textual match outweighs a misplaced cell
while a cell still decides tasks that restate nothing."""

NOISE_FLOOR = 0.3
"""A task's share of an article below which it restates nothing there: the
words any two tasks share (开展、检查、完成) reach 0.1-0.2.  Below it a part
scores nothing for the task, so a row that restates no article stays in the
part above it instead of drifting to a later part it shares a few words with."""

CHANGE_PENALTY = 0.01
"""A tiny cost for starting a new part, so rows with no evidence either way
stay in the part above them."""

IMPLEMENTS_THRESHOLD = 0.5
"""Share of a task's (weighted) bigrams an article must contain for the task
to be recorded as implementing it."""

# Unicode classes take a millisecond to compile: on first use.
_TASK_START = LazyPattern(r"\s{0,8}(\d{1,4})(?:\s{0,3}([.．、])(?![\d０-９])\s{0,3}|\s{1,8}|(?=[^\W\d_]))")
"""A task number at the start of a task paragraph: ``1 各级…``, ``12．…``,
``3、…`` or a number directly before the text."""

_INLINE_TASK = LazyPattern(r"[。；;！!？?]\s{0,8}(\d{1,4})(?:\s{0,3}([.．、])(?![\d０-９])\s{0,3}|\s{1,8})(?=\S)")
"""A further task number inside a paragraph, after a sentence end:
``…进行举报。 58 及时核查…``."""

_SPACED_TASK = LazyPattern(r"(?<=\s)(\d{1,4})()\s{1,8}(?=[^\W\d_]|[“‘《〈（(])")
"""A further task number inside a paragraph that stands apart between spaces,
with no sentence end before it: ``…全覆盖 5 完成…``.  Its second group, the
label's punctuation in :data:`_INLINE_TASK`, is always empty."""

_COUNTER_AFTER_NUMBER = frozenset("年月日时个项条名次辆人家座万千百亿%％号批")
"""Characters that make a leading number a quantity (``5名``), not a label."""

_YEAR_PERIOD = frozenset("底末初度")
"""What makes ``年`` after a number a time of the year (``年底前``) rather
than a count of years (``3年内``)."""

_MONTH_DATE = re.compile(r"月\s{0,2}(?:[底末初份前起]|[上中下]旬|\d{1,2}\s{0,2}[日号])")
"""A number's ``月`` that makes it a date (``6月底``, ``5 月中旬``, ``3月15日``)."""

_WHITESPACE = re.compile(r"\s+")


_Units = tuple[tuple[str, Role], ...]
"""A row's unit cells, each with the role its column's header gives."""


@attrs.frozen
class _Columns:
    """Which cell of a row holds what."""

    task: int
    group: int | None = None
    number: int | None = None
    units: tuple[tuple[int, Role], ...] = ()
    """Every unit column (牵头单位, 配合单位 …) with the role its header names."""
    deadline: int | None = None


@attrs.define
class _Task:
    label: str
    number: int
    text: str
    first_line: int
    last_line: int
    row: int
    evidence: str | None
    units: _Units = ()
    deadline_cells: tuple[str, ...] = ()


@attrs.define
class _RowTasks:
    """The tasks one row introduces, with the cells they share."""

    tasks: list[_Task]
    units: _Units
    deadline_paragraphs: tuple[str, ...]
    continuations: list[tuple[_Units, tuple[str, ...], int]] = attrs.Factory(list)


_Key = tuple[str, int | str]
"""A part's identity: ``("section", i)`` for the body heading ``i`` (in
document order), else what a printed part the body lacks says."""


@attrs.frozen
class _Group:
    """A part of the table: a body section and/or a printed part cell."""

    key: _Key
    heading: str
    articles: tuple[tuple[frozenset[str], tuple[str, ...] | None], ...] = ()


def parse_task_table(
    tables: Sequence[Table], body: Sequence[Section], year: int | None
) -> tuple[tuple[Section, ...], tuple[Note, ...]]:
    """Read a task table that restates the body's articles.

    ``tables`` are the attachment's tables in order (a text extraction gives
    one per printed page); ``body`` the body's top-level sections; ``year``
    the plan year for deadlines that name none.  Returns one Section per part
    (its heading as the table writes it, else the body's) holding the tasks
    as attachment Measures, and Notes for repeated header rows (furniture)
    and text that belongs to no task (unplaced).
    """
    notes: list[Note] = []
    records = _read_rows(tables, notes)
    tasks = [task for record in records for task in record.tasks]
    if not tasks:
        return (), ()  # no task table (a blank form): its rows stay the attachment's text
    _resolve_cells(records)
    _repair_numbers(tasks)

    printed = [_printed_headings(t.evidence) for t in tasks]
    groups, named = _groups(body, [p for headings in printed for p in headings])
    if not groups:
        groups = [_Group(("text", ""), "")]
    keys = [frozenset(named[p] for p in headings) for headings in printed]
    index = _ArticleIndex.of(groups)
    matches = [index.best_articles(task.text, groups) for task in tasks]
    choice = _assign([[best for best, _ in m] for m in matches], keys, groups)

    by_group: dict[int, list[Measure]] = {}
    for task, g_index, match in zip(tasks, choice, matches, strict=True):
        group = groups[g_index]
        best, target = match[g_index]
        by_group.setdefault(g_index, []).append(
            _measure(task, group.heading, target if best >= IMPLEMENTS_THRESHOLD else None, year)
        )
    printed_keys = {k for ks in keys for k in ks}
    sections = tuple(
        _section(group.heading, by_group.get(i, []))
        for i, group in enumerate(groups)
        if i in by_group or group.key in printed_keys
    )
    return sections, tuple(notes)


# --- rows -------------------------------------------------------------------


def _read_rows(tables: Sequence[Table], notes: list[Note]) -> list[_RowTasks]:
    """Walk every row: headers become furniture, task cells become tasks."""
    records: list[_RowTasks] = []
    columns: _Columns | None = None
    width = 0  # how many cells the task table's header row has
    pending_evidence: str | None = None
    for table in tables:
        if width and max(len(row.cells) for row in table.rows) > width:
            # A wider table after the task table (a form attached to the
            # plan that no heading set apart): its rows are no tasks.
            notes.extend(
                Note(_row_text(row), "unplaced", Span(row.line, row.line, i)) for i, row in enumerate(table.rows, 1)
            )
            continue
        for index, row in enumerate(table.rows, start=1):
            span = Span(row.line, row.line, index)
            header = _header_columns(row)
            if header is not None:
                if columns is None:
                    columns, width = header, len(row.cells)
                notes.append(Note(_row_text(row), "furniture", span))
                continue
            cols = columns or _default_columns(len(row.cells))
            evidence = _cell_text(row, cols.group) or pending_evidence
            task_cell = _cell(row, cols.task)
            units = _unit_cells(row, cols)
            deadline_cell = _cell(row, cols.deadline)
            deadlines = _paragraphs(deadline_cell)
            if task_cell is not None and task_cell.merged:
                # A Word task cell merged down from the row above: the same
                # task(s), possibly with further units or deadlines.
                if records and (_has_units(units) or deadlines):
                    _extend(records[-1], units, deadlines)
                continue
            paragraphs = _paragraphs(task_cell)
            expected = records[-1].tasks[-1].number + 1 if records else None
            if expected is not None and paragraphs:
                paragraphs = _next_task_apart(paragraphs, expected)
            found, lead = _split_tasks(paragraphs, cols, row, index, evidence, expected)
            leftover: list[str] = []
            joined = bool(lead) and bool(records)
            if joined:
                # A task broken across a page: its text (and any units or
                # deadline printed beside it) ends the row above.
                last = records[-1].tasks[-1]
                last.text = f"{last.text}{lead}"
                last.last_line = row.line
            elif lead:
                leftover.append(lead)
            if found and joined and not _has_units(units) and not deadlines:
                # The rest of the row above, on the next page: its further
                # tasks share that row's units and deadline.
                pending_evidence = None
                records[-1].tasks.extend(found)
            elif found:
                pending_evidence = None
                records.append(_RowTasks(found, units, deadlines))
            elif _has_units(units) or deadlines:
                if joined:
                    _extend(records[-1], units, deadlines)
                elif not lead and records and not deadlines and _finishes_names(records[-1].units, units):
                    _extend(records[-1], units, deadlines)
                elif not lead and records and _accepts_continuation(records[-1]):
                    records[-1].continuations.append((units, deadlines, row.line))
                elif not lead and records and _repeats(records[-1], units, deadlines):
                    records[-1].tasks[-1].last_line = row.line
                else:
                    leftover.extend(filter(None, (*(text for text, _ in units), *deadlines)))
            elif evidence and not lead:
                pending_evidence = evidence
            if leftover:
                notes.append(Note(" ".join(leftover), "unplaced", span))
    return records


def _header_columns(row: Row) -> _Columns | None:
    """The column layout where ``row`` is a header row (重点任务 | 责任单位 | 完成时限)."""
    if any(task_start(p) for c in row.cells for p in c.paragraphs):
        return None
    roles: dict[str, int] = {}
    units: list[tuple[int, Role]] = []
    for i, cell in enumerate(row.cells):
        text = _WHITESPACE.sub("", cell.text)
        if not text or len(text) > 30:
            continue
        role = _column_role(text)
        if role == "units":
            units.append((i, _header_role(text)))
        elif role and role not in roles:
            roles[role] = i
    if units:
        roles["units"] = units[0][0]
    if "task" not in roles:
        for i, cell in enumerate(row.cells):
            text = _WHITESPACE.sub("", cell.text)
            if (
                text
                and len(text) <= 30
                and any(w in text for w in ("内容", "措施", "工作"))
                and i not in roles.values()
            ):
                roles["task"] = i
                break
    if "task" not in roles or len(roles) < 2:
        return None
    task = roles["task"]
    taken = {*roles.values(), *(i for i, _ in units)}
    group = next((i for i in range(task) if i not in taken), None)
    return _Columns(task, group, roles.get("number"), tuple(units), roles.get("deadline"))


def _column_role(text: str) -> str | None:
    if "序号" in text or text == "编号":
        return "number"
    if "时限" in text or "时间" in text:
        return "deadline"
    if "单位" in text or "部门" in text:
        return "units"
    if "任务" in text:
        return "task"
    return None


def _header_role(text: str) -> Role:
    """The role a unit column's header gives its names: ``牵头单位`` leads,
    ``配合单位`` (协同, 参与, 协助, 协办) supports, any other (``责任单位``)
    is responsible.  A role phrase inside a cell still overrides it."""
    if "牵头" in text:
        return Role.LEAD
    if any(word in text for word in ("配合", "协同", "参与", "协助", "协办")):
        return Role.SUPPORT
    return Role.RESPONSIBLE


def _default_columns(count: int) -> _Columns:
    """Columns of a table with no header row: part, task, units, deadline."""
    if count >= 4:
        return _Columns(task=count - 3, group=0, units=((count - 2, Role.RESPONSIBLE),), deadline=count - 1)
    if count == 3:
        return _Columns(task=0, units=((1, Role.RESPONSIBLE),), deadline=2)
    return _Columns(task=0, units=((1, Role.RESPONSIBLE),) if count == 2 else ())


_NUMBER_CELL = re.compile(r"[0-9]{1,4}")
"""A 序号 cell: a task number (bounded, so a hostile cell of digits stays text)."""


def _split_tasks(
    paragraphs: Sequence[str], cols: _Columns, row: Row, index: int, evidence: str | None, expected: int | None
) -> tuple[list[_Task], str]:
    """The numbered tasks of one task cell, and any text before the first;
    ``expected`` is the number the task above leads the sequence to."""
    tasks: list[_Task] = []
    lead: list[str] = []
    number_cell = _cell_text(row, cols.number)
    for paragraph in paragraphs:
        text = paragraph.strip()
        if not text:
            continue
        start = task_start(text, tasks[-1].number + 1 if tasks else expected)
        if start is None and not tasks and (printed := _NUMBER_CELL.fullmatch(number_cell.strip())):
            start = (printed.group(0), int(printed.group(0)), 0)
        if start is None:
            if tasks:
                tasks[-1].text = f"{tasks[-1].text}\n{text}"
            else:
                lead.append(text)
            continue
        label, number, end = start
        body = text[end:]
        expected = number
        pieces: list[tuple[str, int, str]] = []
        cut = 0
        current = (label, number)
        while (m := next_inline_task(body, expected + 1, cut, spaced=True)) is not None:
            pieces.append((current[0], current[1], body[cut : m.start(1)]))
            current = (m.group(1) + (m.group(2) or ""), expected + 1)
            cut = m.end()
            expected += 1
        pieces.append((current[0], current[1], body[cut:]))
        for piece_label, piece_number, piece_text in pieces:
            tasks.append(
                _Task(
                    label=piece_label,
                    number=piece_number,
                    text=piece_text.strip(),
                    first_line=row.line,
                    last_line=row.line,
                    row=index,
                    evidence=evidence,
                )
            )
    return tasks, "".join(lead)


def task_start(text: str, expected: int | None = None) -> tuple[str, int, int] | None:
    """(label as written, number, end of label) for a paragraph opening with a task number.

    A bare number before a counter (``5名``, ``6 月底前``) is a quantity or a
    date, not a label.  The number the sequence expects next is a label
    unless it really makes a quantity or a date with what follows
    (:func:`_quantity`): ``13 年底前完成…`` is task 13."""
    m = _TASK_START.compiled.match(text)
    if not m or m.end() >= len(text):
        return None
    if not m.group(2):
        digits, after = m.group(1), text[m.end() :]
        quantity = _quantity(digits, after) if int(digits) == expected else after[0] in _COUNTER_AFTER_NUMBER
        if quantity:
            return None
    return m.group(1) + (m.group(2) or ""), int(m.group(1)), m.end()


def _quantity(digits: str, after: str) -> bool:
    """Whether ``digits`` and the ``after`` that follows make a quantity or a
    date: any counter does (``5名``, ``2026年``) but ``年`` and ``月``, which
    make one only where a date reads so — a 4-digit year before ``年底``
    (``13 年底前`` is a task's label and the year's end), a month 1-12
    before ``底``, ``旬``, a day, ``前`` (:data:`_MONTH_DATE`)."""
    first = after[:1]
    if first == "年":
        return len(digits) == 4 or after[1:2] not in _YEAR_PERIOD
    if first == "月":
        return int(digits) <= 12 and _MONTH_DATE.match(after) is not None
    return first in _COUNTER_AFTER_NUMBER


def next_inline_task(text: str, number: int, start: int = 0, *, spaced: bool = False) -> re.Match[str] | None:
    """The first task numbered ``number`` inside ``text`` from ``start``,
    after a sentence end; a number that makes a quantity or a date with what
    follows (``6 月底前``) opens none.

    With ``spaced`` (the text of a cell that opened with task ``number - 1``)
    the number may also stand apart between spaces with no sentence end
    before it (``…全覆盖 5 完成…``), where no counter follows it and it is no
    ordinal (``第 5 轮``)."""
    found: re.Match[str] | None = None
    for m in _INLINE_TASK.compiled.finditer(text, start):
        if int(m.group(1)) == number and task_start(text[m.start(1) :], number) is not None:
            found = m
            break
    end = found.start() if found is not None else len(text)
    if spaced and str(number) in text[start:end]:
        for m in _SPACED_TASK.compiled.finditer(text, start, end):
            if (
                int(m.group(1)) == number
                and not text[: m.start(1)].rstrip().endswith("第")
                and task_start(text[m.start(1) :]) is not None
            ):
                return m
    return found


def _next_task_apart(paragraphs: tuple[str, ...], expected: int) -> tuple[str, ...]:
    """A task cell whose first paragraph ends the task above and goes on
    with the next one (``题。47 建立…``, where a page break cut the row and
    the extraction ran the two together): the next task as a paragraph of
    its own."""
    first = paragraphs[0]
    if task_start(first.strip(), expected) is not None:
        return paragraphs
    m = next_inline_task(first, expected)
    if m is None:
        return paragraphs
    return (first[: m.start(1)], first[m.start(1) :], *paragraphs[1:])


def _accepts_continuation(record: _RowTasks) -> bool:
    """Whether a row with units or deadlines but no task belongs to ``record``:
    the row above held more tasks than it gave values for (the extraction
    pulled the next row's task up into it), or left its cells empty."""
    free = len(record.tasks) - 1 - len(record.continuations)
    if free > 0 and len(record.deadline_paragraphs) < len(record.tasks):
        return True
    return not record.continuations and not _has_units(record.units) and not record.deadline_paragraphs


def _repeats(record: _RowTasks, units: _Units, deadlines: tuple[str, ...]) -> bool:
    """Whether a row with units or deadlines but no task only prints again
    the values of the row above, as an extraction prints a merged cell on
    every row it spans: it belongs to that row's last task and adds nothing."""
    return units == record.units and deadlines == record.deadline_paragraphs


_NAME_SEPARATORS = re.compile(r"[、，,；;：:\s]")


def _finishes_name(above: str, units: str) -> bool:
    """Whether ``units`` opens with the end of the name ``above`` ends with
    (``机构编制部`` / ``门``): its first item is too short to be a name and
    makes one with it."""
    first = _NAME_SEPARATORS.split(units, maxsplit=1)[0]
    last = _NAME_SEPARATORS.split(above)[-1]
    return bool(first and last) and len(first) <= 2 and is_organ(last + first)


def _finishes_names(above: _Units, units: _Units) -> bool:
    """Whether every unit cell ``units`` prints finishes the name its column
    ends with in ``above`` (:func:`_finishes_name`)."""
    return (
        len(above) == len(units)
        and _has_units(units)
        and all(not text or _finishes_name(top, text) for (top, _), (text, _) in zip(above, units, strict=True))
    )


def _names_apart(units: str) -> str:
    """A unit cell whose extraction ran two names together across a line
    (``各级消防救援机构`` / ``各级负有…部门``, where the cell set them apart by
    a space or a line): a name that opens with a level (``各级``, ``各县``)
    straight after an organisation's name is another name."""
    out: list[str] = []
    at = 0
    for m in _EVERY_LEVEL.finditer(units):
        before = units[at : m.start()]
        if before and is_organ(_NAME_SEPARATORS.split(units[: m.start()])[-1]):
            out.extend((before, "\n"))
            at = m.start()
    out.append(units[at:])
    return "".join(out)


_EVERY_LEVEL = re.compile(r"(?<=[^\s、，,；;：:（(])(?:各级|各县|各乡镇|各镇|各街道|县级以上)")


DEADLINE_UNFINISHED = "至到—－-~～，,、（(并及和完0123456789０１２３４５６７８９"
"""Characters a 完成时限 paragraph cannot end with: a period's ``至``, a
clause's ``并``, the ``完`` whose 成 a wrap put on the next line, a day's
number before 日."""


def _extend(record: _RowTasks, units: _Units, deadlines: tuple[str, ...]) -> None:
    """Add the values a further row prints for ``record``'s row; a name or
    a deadline a page break cut goes on in the first of them."""
    if len(record.units) == len(units):
        record.units = tuple(
            (top + text if _finishes_name(top, text) else "\n".join(filter(None, (top, text))), role)
            for (top, role), (text, _) in zip(record.units, units, strict=True)
        )
    else:
        record.units += units
    above = record.deadline_paragraphs
    cut = above[-1].rstrip() if above else ""
    if cut and deadlines and cut[-1] in DEADLINE_UNFINISHED:
        record.deadline_paragraphs = (*above[:-1], cut + deadlines[0].lstrip(), *deadlines[1:])
    else:
        record.deadline_paragraphs = above + deadlines


def _resolve_cells(records: Iterable[_RowTasks]) -> None:
    """Give each task its units and 完成时限 values.

    The row's units apply to every task; the deadline paragraphs pair with
    the tasks in order where their counts match, else each task takes the
    whole cell.  Rows pulled in as continuations supply the last tasks' own
    values.
    """
    for record in records:
        tasks = record.tasks
        if not _has_units(record.units) and not record.deadline_paragraphs and len(record.continuations) == 1:
            units, deadlines, line = record.continuations[0]
            record.units, record.deadline_paragraphs = units, deadlines
            tasks[-1].last_line = line
            record.continuations = []
        own = tasks[: len(tasks) - len(record.continuations)]
        paired = len(record.deadline_paragraphs) == len(own) and len(own) > 1
        for i, task in enumerate(own):
            task.units = record.units
            task.deadline_cells = (record.deadline_paragraphs[i],) if paired else record.deadline_paragraphs
        for task, (units, deadlines, line) in zip(tasks[len(own) :], record.continuations, strict=True):
            task.units = units if _has_units(units) else record.units
            task.deadline_cells = deadlines
            task.last_line = line


def _repair_numbers(tasks: Sequence[_Task]) -> None:
    """Read an obvious typo in the numbering as the number the sequence says
    (``551`` between 50 and 52 is 51; its label stays as written)."""
    for task, number in zip(tasks, intended_numbers([t.number for t in tasks]), strict=True):
        task.number = number


# --- parts ------------------------------------------------------------------


def _printed_headings(evidence: str | None) -> tuple[str, ...]:
    """The parts a part cell names: each paragraph that opens with a part
    label starts one (a text extraction that prints a page's first column
    as one cell gives every part printed on the page), the paragraphs after
    it go on with it."""
    if not evidence:
        return ()
    pieces: list[str] = []
    for paragraph in evidence.split("\n"):
        found = match_label(paragraph.strip())
        if pieces and not (found is not None and found.kind == "cn"):
            pieces[-1] += paragraph
        else:
            pieces.append(paragraph)
    return tuple(heading for heading in map(_printed_heading, pieces) if heading)


def _printed_heading(evidence: str) -> str | None:
    """A part cell's text once, whitespace removed: an extraction may print
    the merged cell's text twice in a row (``九、…九、…``)."""
    text = _WHITESPACE.sub("", evidence).replace("*", "").lstrip("#")
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text or None


def _groups(body: Sequence[Section], printed: Sequence[str]) -> tuple[list[_Group], dict[str, _Key]]:
    """The parts a task can belong to, in order, and the part each printed
    cell names.

    The parts are the body's top-level sections, except that a section over
    a heading some printed cell names is taken apart into its subsections
    (its own articles and text, if any, go before them): a table may restate
    the second-level parts of one section (三、重点工作's ``（一）…``) rather
    than the top-level ones.  A printed part the body lacks is inserted after
    the printed part before it."""
    flat = _Headings.of(body)
    titles = [
        (_bigrams(section.title), _normalise(section.title), _heading_number(section)) for section in flat.sections
    ]
    named = {heading: _heading_named(heading, flat, titles) for heading in dict.fromkeys(printed)}
    split = {index for index in named.values() if index is not None}
    groups = [_body_group(flat, index, own) for top in flat.tops for index, own in _parts(flat, top, split)]
    keys: dict[str, _Key] = {}
    previous: int | None = None
    for heading in printed:
        index = named[heading]
        key = keys.get(heading) or (_printed_key(heading) if index is None else _part_key(flat, index, groups))
        at = next((i for i, g in enumerate(groups) if g.key == key), None)
        if at is None:
            at = 0 if previous is None else previous + 1
            groups.insert(at, _Group(key, heading))
        elif key not in keys.values():
            groups[at] = attrs.evolve(groups[at], heading=heading)
        keys[heading] = key
        previous = at
    return groups, keys


@attrs.frozen
class _Headings:
    """The body's headings at every level, in document order."""

    sections: tuple[Section, ...]
    ends: tuple[int, ...]
    """Where each heading's subtree ends: the index after its last subheading."""
    tops: tuple[int, ...]
    """The indexes of the top-level sections."""

    @classmethod
    def of(cls, body: Sequence[Section]) -> _Headings:
        sections: list[Section] = []
        ends: list[int] = []

        def visit(section: Section) -> None:
            at = len(sections)
            sections.append(section)
            ends.append(0)
            for child in section.children:
                if isinstance(child, Section):
                    visit(child)
            ends[at] = len(sections)

        tops: list[int] = []
        for section in body:
            tops.append(len(sections))
            visit(section)
        return cls(tuple(sections), tuple(ends), tuple(tops))

    def children(self, index: int) -> Iterable[int]:
        """The indexes of the subsections directly under heading ``index``."""
        child = index + 1
        while child < self.ends[index]:
            yield child
            child = self.ends[child]


def _parts(flat: _Headings, index: int, named: set[int]) -> list[tuple[int, bool]]:
    """The parts heading ``index`` gives: itself whole (False), or, where a
    printed cell names a heading below it, its own articles (True) and the
    parts of its subsections."""
    if not any(index < other < flat.ends[index] for other in named):
        return [(index, False)]
    section = flat.sections[index]
    own = [(index, True)] if section.text or any(isinstance(c, Measure) for c in section.children) else []
    return own + [part for child in flat.children(index) for part in _parts(flat, child, named)]


def _body_group(flat: _Headings, index: int, own: bool) -> _Group:
    """The part of heading ``index``: the articles under it (only those
    directly under it where its subsections are parts of their own)."""
    section = flat.sections[index]
    heading = _WHITESPACE.sub("", section.heading)
    measures = [c for c in section.children if isinstance(c, Measure)] if own else list(section.measures())
    articles: list[tuple[frozenset[str], tuple[str, ...] | None]] = [
        (_bigrams(measure.text), (*(measure.section_path or (heading,)), measure.label)) for measure in measures
    ]
    if section.text:
        articles.append((_bigrams("".join(section.text)), None))
    return _Group(("section", index), heading, tuple(articles))


def _part_key(flat: _Headings, index: int, groups: Sequence[_Group]) -> _Key:
    """The part a printed cell naming heading ``index`` stands for: the
    heading's own, or the first part under it where it was taken apart."""
    keys = {g.key for g in groups}
    return next(
        (("section", i) for i in range(index, flat.ends[index]) if ("section", i) in keys),
        ("section", index),
    )


TITLE_MATCH = 0.6
"""The bigram Dice coefficient at which a printed part's title names a body
heading (the table may shorten or reword it: 深入扎实开展 → 深入开展)."""


def _heading_named(
    printed: str, flat: _Headings, titles: Sequence[tuple[frozenset[str], str, int | None]]
) -> int | None:
    """The body heading a printed part cell names, at any level.

    By its title: the table may renumber the parts it restates (the body's
    ``（一）健全…`` printed as ``一、健全…``), so where the titles differ
    the label says nothing.  A heading whose title is the same (punctuation
    aside) wins, then the closest one with the cell's number.  Only a cell
    whose title names no heading — a bare label, a title the table rewrote —
    is taken by its number, among the top-level sections.  ``titles`` are
    the headings' title bigrams, titles and numbers."""
    found = match_label(printed)
    number = found.number if found is not None and found.kind in ("cn", "cn_paren") else None
    title = _normalise(printed[found.end :] if found is not None else printed)
    if title:
        same = [index for index, (_, theirs, _) in enumerate(titles) if theirs == title]
        if same:
            return next((index for index in same if titles[index][2] == number), same[0])
        mine = _bigrams(title)
        best, best_index = TITLE_MATCH, None
        for index, (other, _, their_number) in enumerate(titles):
            if mine and other:
                score = 2 * len(mine & other) / (len(mine) + len(other))
                score += 0.01 if number is not None and their_number == number else 0.0
                if score > best:
                    best, best_index = score, index
        if best_index is not None:
            return best_index
    if number is None:
        return None
    return next((top for top in flat.tops if titles[top][2] == number), None)


def _heading_number(section: Section) -> int | None:
    found = match_label(section.label + section.title)
    return found.number if found is not None and found.kind in ("cn", "cn_paren") else None


def _printed_key(heading: str) -> _Key:
    """The key of a printed part the body lacks: its number, else its text."""
    found = match_label(heading)
    if found is not None and found.kind in ("cn", "cn_paren"):
        return ("number", found.number)
    return ("text", _normalise(heading))


def _assign(scores: Sequence[Sequence[float]], keys: Sequence[frozenset[_Key]], groups: Sequence[_Group]) -> list[int]:
    """The part of each task: the best-scoring non-decreasing sequence.

    ``score(task, part)`` is the task's best match against the part's
    articles (nothing below NOISE_FLOOR) plus EVIDENCE_WEIGHT where a printed
    cell on the task's row names that part; each change of part costs
    CHANGE_PENALTY.
    """
    n, m = len(scores), len(groups)
    if m == 0:
        return [0] * n
    gain = [
        [
            (scores[i][j] if scores[i][j] >= NOISE_FLOOR else 0.0)
            + (EVIDENCE_WEIGHT if groups[j].key in keys[i] else 0.0)
            for j in range(m)
        ]
        for i in range(n)
    ]
    best = [gain[0][:]]
    came: list[list[int]] = [list(range(m))]
    for i in range(1, n):
        row, back = [], []
        lead_value, lead_index = -math.inf, 0
        for j in range(m):
            if j > 0 and best[i - 1][j - 1] > lead_value:
                lead_value, lead_index = best[i - 1][j - 1], j - 1
            stay = best[i - 1][j]
            if stay > lead_value - CHANGE_PENALTY + 1e-9:  # ties: change as late as possible
                row.append(stay + gain[i][j])
                back.append(j)
            else:
                row.append(lead_value - CHANGE_PENALTY + gain[i][j])
                back.append(lead_index)
        best.append(row)
        came.append(back)
    j = max(range(m), key=lambda k: (best[-1][k], -k))
    path = [j]
    for i in range(n - 1, 0, -1):
        j = came[i][j]
        path.append(j)
    return path[::-1]


# --- similarity -------------------------------------------------------------


_FULL_WIDTH_MARKS = (("，", ","), ("：", ":"), ("；", ";"), ("（", "("), ("）", ")"), ("！", "!"), ("？", "?"))
"""The full-width marks Chinese text is full of, each with the ASCII form
NFKC gives it.  Replaced first, they change nothing NFKC returns and leave
most text already normalised, so NFKC takes its quick path (and still maps
any other compatibility character)."""

_NOT_ALNUM = re.compile(r"[\W_]+")
"""What :meth:`str.isalnum` rejects: ``\\w`` is the alphanumerics and ``_``."""


def _normalise(text: str) -> str:
    for wide, narrow in _FULL_WIDTH_MARKS:
        text = text.replace(wide, narrow)
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text))


def _bigrams(text: str) -> frozenset[str]:
    t = _normalise(text)
    return frozenset(map(operator.add, t, t[1:]))


@attrs.frozen
class _ArticleIndex:
    """The body's articles as one inverted index: for each bigram, the
    articles (numbered in group order) that contain it, and its weight.

    The weight is the bigram's inverse document frequency over the articles,
    so that words every article shares (安全、生产) say little about which one
    a task restates.  Scoring a task walks its own bigrams through the index
    once, rather than intersecting it with every article."""

    postings: dict[str, list[int]]
    weights: dict[str, float]
    unseen: float
    """The weight of a bigram no article contains."""
    articles: int
    """How many articles are indexed."""

    @classmethod
    def of(cls, groups: Sequence[_Group]) -> _ArticleIndex:
        postings: defaultdict[str, list[int]] = defaultdict(list)
        number = 0
        for group in groups:
            for article, _ in group.articles:
                for gram in article:
                    postings[gram].append(number)
                number += 1
        # Document frequencies repeat (most bigrams stand in one or two
        # articles), so each frequency's weight is computed once.
        weight = {n: math.log((number + 1) / (n + 1)) + 0.1 for n in {len(p) for p in postings.values()}}
        weights = {gram: weight[len(p)] for gram, p in postings.items()}
        unseen = math.log(len(weights) + 2) + 0.1 if weights else 1.0
        return cls(postings, weights, unseen, number)

    def best_articles(self, text: str, groups: Sequence[_Group]) -> list[tuple[float, tuple[str, ...] | None]]:
        """Per group, the body article the task restates best: the weighted
        share of the task's bigrams found in it, and the article's path.

        The bigrams are taken in sorted order, so each share is the same sum
        of the same weights in the same order whatever the process's string
        hashing."""
        shared = [0.0] * self.articles
        total = 0.0
        for gram in sorted(_bigrams(text)):
            weight = self.weights.get(gram, self.unseen)
            total += weight
            for number in self.postings.get(gram, ()):
                shared[number] += weight
        scores = iter(shared)
        out: list[tuple[float, tuple[str, ...] | None]] = []
        for group in groups:
            best, target = 0.0, None
            for _, path in group.articles:
                score = next(scores) / total if total else 0.0
                if score > best:
                    best, target = score, path
            out.append((best, target))
        return out


# --- output -----------------------------------------------------------------


def _measure(task: _Task, heading: str, implements: tuple[str, ...] | None, year: int | None) -> Measure:
    text = task.text.strip()
    units = merge_assignments(
        *(parse_units(_names_apart(cell), role=role, cell=True) for cell, role in task.units if cell)
    )
    deadlines: list[Deadline] = list(find_deadlines(text, year))
    deadlines.extend(parse_deadline_cell(value, year) for value in task.deadline_cells)
    return Measure(
        label=task.label,
        number=task.number,
        text=text,
        part=Part.ATTACHMENT,
        section_path=(heading,) if heading else (),
        assignments=units,
        deadlines=tuple(deadlines),
        recurring=tuple(find_recurrences(text)),
        span=Span(task.first_line, task.last_line, task.row),
        implements=implements,
    )


def _section(heading: str, measures: Sequence[Measure]) -> Section:
    found = match_label(heading)
    label, title = (heading[: found.end], heading[found.end :]) if found else ("", heading)
    return Section(label.strip(), title.strip(), children=tuple(measures))


# --- cells ------------------------------------------------------------------


def _cell(row: Row, index: int | None) -> Cell | None:
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index]


def _paragraphs(cell: Cell | None) -> tuple[str, ...]:
    if cell is None:
        return ()
    return tuple(p.strip() for p in cell.paragraphs if p.strip())


_PLACEHOLDER = re.compile(r"[—－–\-/／、\s]*|无")
"""A unit cell that names no unit (``—``)."""


def _unit_cells(row: Row, cols: _Columns) -> _Units:
    """The row's unit cells with their columns' roles; a placeholder is empty."""
    out: list[tuple[str, Role]] = []
    for index, role in cols.units:
        text = _cell_text(row, index)
        out.append(("" if _PLACEHOLDER.fullmatch(text) else text, role))
    return tuple(out)


def _has_units(units: _Units) -> bool:
    return any(text for text, _ in units)


def _cell_text(row: Row, index: int | None) -> str:
    seen: list[str] = []
    for p in _paragraphs(_cell(row, index)):
        if p not in seen:
            seen.append(p)
    return "\n".join(seen)


def _row_text(row: Row) -> str:
    return "\t".join(" ".join(_paragraphs(c)) for c in row.cells)


__all__ = ["DEADLINE_UNFINISHED", "next_inline_task", "parse_task_table", "task_start"]

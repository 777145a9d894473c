"""A task table that a PDF text extraction printed column by column.

pdftotext, asked for reading order (no ``-layout``), prints a table page by
page and, within a page, column by column: the first column's cells (its
header and the part cells ``一、…``), then the task column — each task wrapped
over many short lines and opening with its number (``1 各级党委…``) — and then,
row by row, a 责任单位 cell and a 完成时限 cell.  Cells are apart by a blank
line and pages by a form feed, which the text reader reads as a line end, so
a page break is two blank lines.  The header words (重点任务, 责任单位, 完成时限)
stand on lines of their own wherever the page's header rows put them.

That is enough to put the rows back together where the rendering leaves no
doubt.  The tasks that open on a page and the page's cells pair up in order
when the cells alternate unit cell, deadline cell, … and there is one pair
per row of tasks: a task whose number follows a finished sentence inside a
line (``…举报。 58 及时…``) shares its row with the task before it, and
where a row holds several tasks each with its own deadline, the deadline
cells' paragraphs count the tasks.  Where the page does not add up — the
extraction moved a short cell to the end of the page, ran two cells together,
or a row holds two tasks that its cells do not show — the page's tasks keep
no units and no deadlines and its cells stay the attachment's text: an empty
field is better than one taken from another row.

:func:`restore_task_table` gives the Document back with the table in its
place as :class:`~safetyplan.document.Table` blocks (one per page), which
:mod:`safetyplan.layouts.keytasks` reads as it reads a table from any other source.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Sequence

import attrs

from safetyplan.document import Block, Cell, Document, Paragraph, Row, Table
from safetyplan.layouts.cleaning import is_page_number, join_text, squeeze, tidy
from safetyplan.layouts.deadlines import find_deadlines
from safetyplan.layouts.keytasks import DEADLINE_UNFINISHED, next_inline_task, task_start
from safetyplan.layouts.metadata import Kind, classify
from safetyplan.layouts.unitnames import is_organ, is_place, level_prefix
from safetyplan.readers.aligned import printed_width

_HEADER_WORDS = {
    "task": re.compile(r"(?:重点|主要|工作|具体)?任务(?:内容|措施|事项)?"),
    "units": re.compile(r"(?:责任|牵头|配合|协同|协办|主办|承办|主责)(?:单位|部门)"),
    "deadline": re.compile(r"(?:完成)?(?:时限|时间)(?:要求|节点|安排)?"),
}
"""The header cells of the task, unit and deadline columns, whole."""

_HEADER_LONGEST = 8

_TITLE_END = ("表", "清单")
"""How the table's title line ends (…重点任务分工表): the table starts below it."""

_PAGE_BREAK = 3
"""How far apart the line numbers of the last line of a page and the first
of the next are: a blank line, and the form feed read as a line end."""

_TERMINAL = "。；;！!？?"

_LABEL_AT_END = re.compile(rf"[{_TERMINAL}]\s{{0,4}}(\d{{1,4}})\s{{0,4}}$")
"""A task number the extraction printed at the end of the line above the
task's text (``…清单。 8`` / ``2023 年 10 月 31 日前…``)."""

_CN_PART = re.compile(r"[一二三四五六七八九十]{1,3}、")

_BEYOND_TABLE = (Kind.CC, Kind.PRINTED, Kind.ATTACHMENT_HEAD)
"""Lines that are no part of the table wherever they stand: the 版记 and
the next attachment's heading."""

_UNIT_FIELD = re.compile(r"[^\s：:，,、；;]{0,6}(?:单位|部门)\s{0,2}[：:]")
"""A unit cell's field label (``牵头单位：``, ``配合单位：``), which opens a paragraph."""

_DEADLINE_OPENS = re.compile(r"(?:[0-9０-９]{4}\s{0,2}年|长期|常态|持续|年底|自\s{0,2}[0-9０-９]{4})")
"""How a 完成时限 paragraph begins."""

_DEADLINE_WORDS = ("完成", "长期", "常态", "持续", "坚持", "年底", "底前", "旬前", "日前", "月前")

_NAME_SEPARATORS = re.compile(r"[、，,；;：:\s]")

_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")


@attrs.define
class _Task:
    """One numbered task as the task column prints it.  ``joined``: it opened
    inside a line, after the sentence that ends the task before it, so the
    two share a cell and a row."""

    pieces: list[str]
    first_line: int
    last_line: int
    joined: bool = False

    @property
    def text(self) -> str:
        text = ""
        for piece in self.pieces:
            text = join_text(text, piece)
        return tidy(text)


@attrs.define
class _Cells:
    """One row's unit and deadline cells, each as its paragraphs."""

    units: list[str]
    deadlines: list[str]


@attrs.define
class _Page:
    """What one page of the table holds, and the rows it makes."""

    line: int
    parts: list[str] = attrs.Factory(list)
    column_header: str = ""
    headers: list[Paragraph] = attrs.Factory(list)
    tasks: list[_Task] = attrs.Factory(list)
    cells: list[list[Paragraph]] = attrs.Factory(list)
    leftover: list[Paragraph] = attrs.Factory(list)
    rows: list[tuple[list[_Task], _Cells]] | None = None


@attrs.define
class _Reading:
    """What is carried from page to page: the first column's header, the
    task being written and the number the next one must have."""

    column_header: str = ""
    current: _Task | None = None
    expected: int | None = None
    pages: list[_Page] = attrs.Factory(list)


def restore_task_table(document: Document) -> Document | None:
    """``document`` with a task table printed column by column read back
    into Tables, or None where it holds none (no header words on lines of
    their own before a numbered task, or the table already read as one)."""
    blocks = document.blocks
    start = _region_start(blocks)
    if start is None:
        return None
    reading = _Reading()
    end = start
    for page_start, page_end in _pages(blocks, start):
        paragraphs = [b for b in blocks[page_start:page_end] if isinstance(b, Paragraph)]
        page = _read_page(paragraphs, reading)
        if page is None:
            if any(p.tasks for p in reading.pages):
                break
            page = _Page(paragraphs[0].line, leftover=paragraphs)  # the rest of the title's page: its page number
        reading.pages.append(page)
        end = page_end
    if not any(page.tasks for page in reading.pages):
        return None
    previous: _Page | None = None
    for page in reading.pages:
        _pair(page, previous)
        previous = page
    tables: list[Block] = []
    leftover: list[Paragraph] = []
    for page in reading.pages:
        table = _page_table(page)
        if table is not None:
            tables.append(table)
        leftover.extend(page.leftover)
    leftover.sort(key=lambda p: p.line)
    return attrs.evolve(document, blocks=(*blocks[:start], *tables, *leftover, *blocks[end:]))


# --- where the table is -------------------------------------------------------


def _header_role(text: str) -> str | None:
    """The column a line of its own names, where it is a header word."""
    if len(text) > 2 * _HEADER_LONGEST:
        return None
    word = squeeze(text)
    if len(word) > _HEADER_LONGEST:
        return None
    return next((role for role, pattern in _HEADER_WORDS.items() if pattern.fullmatch(word)), None)


def _region_start(blocks: Sequence[Block]) -> int | None:
    """The index of the table's first block: below its title line (on the
    page of the first header word or the page before), else the first header
    word; None where no paragraphs name all three columns with a numbered
    task after the first of them, or a table block stands after it."""
    roles: set[str] = set()
    first: int | None = None
    tasks = False
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            if first is not None:
                return None
            continue
        role = _header_role(block.text)
        if role is not None:
            roles.add(role)
            if first is None:
                first = index
        elif first is not None and not tasks:
            tasks = task_start(block.text.strip()) is not None
        if tasks and len(roles) == len(_HEADER_WORDS):
            break
    else:
        return None
    assert first is not None
    index, breaks = first, 0
    while index > 0 and breaks < 2:
        above = blocks[index - 1]
        if not isinstance(above, Paragraph):
            break
        if squeeze(above.text).endswith(_TITLE_END):
            return index
        if blocks[index].line - above.line >= _PAGE_BREAK:
            breaks += 1
        index -= 1
    return first


def _pages(blocks: Sequence[Block], start: int) -> Iterator[tuple[int, int]]:
    """The pages from ``start`` on, as index ranges, up to the next table."""
    begin = start
    for index in range(start + 1, len(blocks)):
        above, below = blocks[index - 1], blocks[index]
        if not isinstance(below, Paragraph):
            yield begin, index
            return
        if below.line - above.line >= _PAGE_BREAK:
            yield begin, index
            begin = index
    yield begin, len(blocks)


def _runs(paragraphs: Sequence[Paragraph]) -> list[list[Paragraph]]:
    """Consecutive lines: the blocks a blank line separates."""
    runs: list[list[Paragraph]] = []
    for paragraph in paragraphs:
        if runs and paragraph.line == runs[-1][-1].line + 1:
            runs[-1].append(paragraph)
        else:
            runs.append([paragraph])
    return runs


# --- one page -----------------------------------------------------------------


def _read_page(paragraphs: Sequence[Paragraph], reading: _Reading) -> _Page | None:
    """One page's part cells, tasks and cells, in the order the extraction
    prints the columns; None where it holds no task column and no header
    word (the table has ended)."""
    page = _Page(paragraphs[0].line)
    in_tasks = False
    column: list[list[Paragraph]] = []
    for whole in _runs(paragraphs):
        if len(whole) == 1 and is_page_number(whole[0].text):
            # The page's footer, wherever the extraction printed it.
            page.leftover.extend(whole)
            continue
        # The 版记 or the next attachment's heading, wherever the extraction
        # printed it, and what follows it in its block, are not the table's.
        beyond = next((i for i, p in enumerate(whole) if classify(p.text) in _BEYOND_TABLE), len(whole))
        page.leftover.extend(whole[beyond:])
        run = whole[:beyond]
        if not run:
            continue
        roles = [_header_role(p.text) for p in run]
        body = [p for p, role in zip(run, roles, strict=True) if role is None]
        page.headers.extend(p for p, role in zip(run, roles, strict=True) if role is not None)
        if not body:
            continue
        if roles[0] == "task" or _opens_somewhere(body, reading):
            in_tasks = True
            _read_tasks(body, reading, page)
        elif in_tasks:
            page.cells.append(body)
        else:
            column.append(body)
    if not in_tasks and not page.headers:
        return None
    _read_parts(column, reading, page)
    return page


def _opens_somewhere(lines: Sequence[Paragraph], reading: _Reading) -> bool:
    """Whether a line of the block opens the next task."""
    after_end = reading.current is not None and _ends_sentence(reading.current.pieces[-1])
    for paragraph in lines:
        if _opens(paragraph.text, reading, after_end) is not None:
            return True
        after_end = _ends_sentence(paragraph.text)
    return False


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in _TERMINAL


def _opens(text: str, reading: _Reading, after_end: bool) -> int | None:
    """The number of the task ``text`` opens: the next number; after a
    finished sentence also one a little further on (a task the extraction
    ran into a line) or a typo that writes the next number inside one a
    digit longer (``220`` is 20, and the next task 21).  The first task may
    have any number."""
    start = task_start(text.strip())
    if start is None:
        return None
    number, expected = start[1], reading.expected
    if expected is None or number == expected:
        return number
    if after_end and expected < number <= expected + 2:
        return number
    if after_end and expected >= 10 and len(str(number)) == len(str(expected)) + 1 and str(expected) in str(number):
        return expected
    return None


def _read_tasks(lines: Sequence[Paragraph], reading: _Reading, page: _Page) -> None:
    """Split the task column's lines into tasks: each opens with its number
    and runs until the next; lines before the first go on with the task the
    page before left open.  A line far wider than the column is no part of
    it: where its text up to a space fills the column, the rest is the next
    column's line that the extraction printed beside it; else it is the
    plan's text after the table on the same page."""
    width = statistics.median(_width(p.text) for p in lines)
    after_end = reading.current is not None and _ends_sentence(reading.current.pieces[-1])
    for paragraph in lines:
        text = paragraph.text.strip()
        if _width(text) > 1.5 * width + 4:
            beside = next((m for m in _CJK_SPACE.finditer(text) if _width(text[: m.start()]) >= width - 2), None)
            if beside is None:
                page.leftover.append(paragraph)
                continue
            page.leftover.append(Paragraph(text[beside.end() :], paragraph.line, paragraph.style))
            text = text[: beside.start()]
        number = _opens(text, reading, after_end)
        if number is not None:
            _open(reading, page, _Task([text], paragraph.line, paragraph.line), number)
        elif reading.current is not None:
            current = reading.current
            current.last_line = paragraph.line
            cut = next_inline_task(text, reading.expected) if reading.expected is not None else None
            if cut is None:
                current.pieces.append(text)
            else:
                current.pieces.append(text[: cut.start(1)])
                joined = _Task([text[cut.start(1) :]], paragraph.line, paragraph.line, joined=True)
                _open(reading, page, joined, int(cut.group(1)))
        else:
            page.leftover.append(paragraph)
            continue
        at_end = _LABEL_AT_END.search(text)
        if at_end is not None and reading.expected == int(at_end.group(1)):
            written = reading.current
            assert written is not None
            written.pieces[-1] = written.pieces[-1][: at_end.start(1) - len(text)]
            joined = _Task([at_end.group(1) + " "], paragraph.line, paragraph.line, joined=True)
            _open(reading, page, joined, int(at_end.group(1)))
        after_end = _ends_sentence(text)


def _open(reading: _Reading, page: _Page, task: _Task, number: int) -> None:
    """Make ``task`` the one being written.  A task that shares its row with
    one the page before opened is that page's."""
    if task.joined and reading.current is not None and reading.current not in page.tasks and reading.pages:
        reading.pages[-1].tasks.append(task)
    else:
        page.tasks.append(task)
    reading.current = task
    reading.expected = number + 1


def _read_parts(column: Sequence[Sequence[Paragraph]], reading: _Reading, page: _Page) -> None:
    """The part cells of the first column: what opens with ``一、``, less the
    column's header (learnt on the first page as the text before the first
    part), once each."""
    for run in column:
        text = squeeze("".join(p.text for p in run))
        if not reading.column_header and not any(p.tasks for p in reading.pages):
            first = _CN_PART.search(text)
            reading.column_header = text[: first.start()] if first else text
        if reading.column_header and reading.column_header in text:
            page.column_header = reading.column_header
            text = text.replace(reading.column_header, "")
        starts = [m.start() for m in _CN_PART.finditer(text)]
        if text[: starts[0] if starts else len(text)]:
            # Neither the header nor a part: the attachment's text.
            page.leftover.extend(run)
            continue
        for begin, end in zip(starts, [*starts[1:], len(text)], strict=False):
            part = text[begin:end]
            if part not in page.parts:
                page.parts.append(part)


# --- the rows -------------------------------------------------------------------


def _pair(page: _Page, previous: _Page | None) -> None:
    """Group the page's tasks with their row's cells (``page.rows``), or
    leave the cells to the attachment's text where that takes a guess.

    A first cell that is not a whole row's (the page before ran a cell
    over the page break) goes on with that page's last row where the rest
    pair."""
    cells = page.cells
    rows = _rows(cells) if len(cells) % 2 == 0 else None
    if rows is None and len(cells) % 2 == 1 and (rest := _rows(cells[1:])) is not None:
        rows = rest
        carried = _joined(cells[0])
        if previous is not None and previous.rows:
            last = previous.rows[-1][1]
            target = last.deadlines if _continues_deadline(carried) else last.units
            if target:
                target[-1] = tidy(join_text(target[-1], carried))
            else:
                target.append(carried)
        else:
            page.leftover.extend(cells[0])
    page.rows = _grouped(page.tasks, rows) if rows else None
    if page.rows is None:
        page.leftover.extend(p for cell in cells for p in cell)


def _rows(cells: Sequence[Sequence[Paragraph]]) -> list[_Cells] | None:
    """The cells as (unit, deadline) pairs, or None where a unit cell reads
    as a deadline or a deadline cell as units."""
    if not cells:
        return None
    rows: list[_Cells] = []
    for units, deadline in zip(cells[::2], cells[1::2], strict=True):
        if _looks_like_deadline(_joined(units)) or _looks_like_units(_joined(deadline)):
            return None
        rows.append(_Cells(_unit_paragraphs(units), _deadline_paragraphs(deadline)))
    return rows


def _grouped(tasks: Sequence[_Task], rows: Sequence[_Cells]) -> list[tuple[list[_Task], _Cells]] | None:
    """The tasks in rows, or None where they do not fill the rows exactly.

    Each row takes one task as it opens a line, with the tasks joined to it.
    Where that leaves tasks over, a row whose deadline cell has several
    paragraphs takes as many tasks, one for each (a cell of several numbered
    paragraphs).  Neither reading makes a choice: a count that comes out in
    neither is a page left unpaired."""
    groups: list[list[_Task]] = []
    for task in tasks:
        if task.joined and groups:
            groups[-1].append(task)
        else:
            groups.append([task])
    if len(groups) == len(rows):
        return list(zip(groups, rows, strict=True))
    out: list[tuple[list[_Task], _Cells]] = []
    at = 0
    for row in rows:
        if at >= len(tasks):
            return None
        size = len(row.deadlines) if len(row.deadlines) > 1 else 1
        end = at + size
        while end < len(tasks) and tasks[end].joined:
            if size > 1:
                return None  # the row's deadlines would split a cell's tasks
            end += 1
        if end > len(tasks):
            return None
        out.append((list(tasks[at:end]), row))
        at = end
    return out if at == len(tasks) else None


def _page_table(page: _Page) -> Table | None:
    """The page as a Table: a header row of its header words, then a row per
    group of tasks sharing cells (per task where the cells stay unpaired),
    the page's part cells on its first row."""
    rows: list[Row] = []
    if page.headers or page.column_header:
        rows.append(_header_row(page))
    groups = page.rows if page.rows is not None else [([t], _Cells([], [])) for t in page.tasks]
    part = tuple(page.parts) or ("",)
    for index, (tasks, cells) in enumerate(groups):
        rows.append(
            Row(
                (
                    Cell(part if index == 0 else ("",)),
                    Cell(tuple(t.text for t in tasks)),
                    Cell(tuple(cells.units) or ("",)),
                    Cell(tuple(cells.deadlines) or ("",)),
                ),
                tasks[0].first_line,
            )
        )
    if not rows:
        return None
    return Table(tuple(rows), rows[0].line)


def _header_row(page: _Page) -> Row:
    """The page's header words as one header row, in column order."""
    by_role: dict[str, list[str]] = {role: [] for role in _HEADER_WORDS}
    for paragraph in page.headers:
        role = _header_role(paragraph.text)
        text = paragraph.text.strip()
        if role is not None and text not in by_role[role]:
            by_role[role].append(text)
    words = (Cell(tuple(words) or ("",)) for words in by_role.values())
    return Row((Cell((page.column_header,)), *words), page.line)


# --- cells ----------------------------------------------------------------------


def _joined(lines: Sequence[Paragraph]) -> str:
    text = ""
    for paragraph in lines:
        text = join_text(text, paragraph.text)
    return tidy(text)


def _last_name(text: str) -> str:
    return _NAME_SEPARATORS.split(text.rstrip("，,、。；;"))[-1]


def _looks_like_deadline(text: str) -> bool:
    """A cell only a 完成时限 cell can be: it sets a date or opens as a
    deadline does, and ends with no organisation."""
    if not text or is_organ(_last_name(text)) or is_place(_last_name(text)):
        return False
    return _DEADLINE_OPENS.match(text) is not None or bool(find_deadlines(text, None))


def _looks_like_units(text: str) -> bool:
    """A cell only a 责任单位 cell can be: it ends with an organisation and
    holds no deadline word."""
    if not text or any(word in text for word in _DEADLINE_WORDS):
        return False
    last = _last_name(text)
    return is_organ(last) or is_place(last)


def _continues_deadline(text: str) -> bool:
    """The rest of a deadline cell a page break cut (``成，并长期坚持``)."""
    return any(word in text for word in _DEADLINE_WORDS) and not _looks_like_units(text)


def _unit_paragraphs(lines: Sequence[Paragraph]) -> list[str]:
    """A unit cell's paragraphs: a wrapped line goes on in the next, except
    where the next opens a field (``配合单位：``), or the text so far ends a
    name and either the line above stops short of the cell's width or the
    next opens with a level (``各级``, ``市``)."""
    width = max(_width(p.text) for p in lines)
    paragraphs: list[str] = []
    above = ""
    for paragraph in lines:
        text = paragraph.text.strip()
        if paragraphs and not _unit_break(paragraphs[-1], above, text, width):
            paragraphs[-1] = join_text(paragraphs[-1], text)
        else:
            paragraphs.append(text)
        above = text
    return [_CJK_SPACE.sub(_name_space, p).strip() for p in paragraphs]


def _name_space(m: re.Match[str]) -> str:
    """A space inside a unit cell's line: between two names (``…部门 各级公安机关``,
    as a cell lists them) it stays and separates them; elsewhere the
    extraction put it there and it goes."""
    before = _last_name(m.string[: m.start()])
    return " " if is_organ(before) or is_place(before) else ""


def _unit_break(written: str, above: str, line: str, width: int) -> bool:
    """Whether ``line`` opens a paragraph after ``written``, whose last line
    is ``above``."""
    if _UNIT_FIELD.match(line):
        return True
    if not line or line[0] in "，,、；;：:）)" or written[-1] in "，,、；;：:（(":
        return False
    if written.count("（") + written.count("(") > written.count("）") + written.count(")"):
        return False
    last = _last_name(written)
    if not (is_organ(last) or is_place(last)):
        return False
    return _width(above) <= width - 4 or level_prefix(line) is not None


def _deadline_paragraphs(lines: Sequence[Paragraph]) -> list[str]:
    """A deadline cell's paragraphs: a line that opens a deadline phrase
    after a finished one starts a paragraph of its own."""
    paragraphs: list[str] = []
    for paragraph in lines:
        text = paragraph.text.strip()
        if paragraphs and (paragraphs[-1][-1] in DEADLINE_UNFINISHED or not _DEADLINE_OPENS.match(text)):
            paragraphs[-1] = join_text(paragraphs[-1], text)
        else:
            paragraphs.append(text)
    return [tidy(p) for p in paragraphs]


def _width(text: str) -> int:
    """Printed width of ``text`` without the spaces around it."""
    return printed_width(text.strip())


__all__ = ["restore_task_table"]

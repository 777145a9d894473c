"""What Markdown writes where a plain text export writes plain text.

Converters that turn a Word plan into Markdown (the form some archives keep
their plans in, ``#`` headings and ``**`` marks included) write its task
table as a pipe table — a header row, a delimiter row of dashes, then one
line per row, cells between ``|``, a merged cell written once and left empty
on the rows it spans, a cell's paragraphs joined by ``<br>`` — or, where
cells are merged, as the HTML table itself; and they escape a character that
Markdown would read as markup (``4\\.`` at the start of a line, which would
otherwise begin a list).  Read this way, the layouts see the same text and
the same Table as from a text export or the Word file.

Pandoc's own Markdown (and its plain text) draws a table with merged cells
or cells of several paragraphs as a grid table instead: ``+----+`` borders,
``|`` between cells, a row's border left open (``|    +----+``) under a
cell that spans into the next row, each cell's text wrapped at spaces inside
its column.  Other tables it draws as multiline tables (rows between blank
lines under a header whose dashes mark the columns) or simple ones (a row a
line).  Columns are laid out by display width (a Chinese character takes
two), as pandoc lays them out, and a cell's wrapped lines are joined at the
spaces pandoc broke them.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence

_DELIMITER = re.compile(
    r"[ \t]{0,3}\|?[ \t]{0,40}:?-{3,}:?[ \t]{0,40}(?:\|[ \t]{0,40}:?-{3,}:?[ \t]{0,40})*\|?[ \t]{0,40}"
)
"""The row under a pipe table's header: a run of three dashes or more per
column (a colon on either side sets its alignment), between pipes."""
_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash before ASCII punctuation: Markdown's escape (CommonMark 2.4)."""
_TABLE_TAG = re.compile(r"<(/?)table\b", re.IGNORECASE)


def unescape(text: str) -> str:
    """``text`` with Markdown's backslash escapes resolved (a plan has no
    other use for a backslash before punctuation)."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def _cells(line: str) -> list[str]:
    """The cells of one table line: split at unescaped pipes, the line's
    outer pipes dropped, ``\\|`` read as a pipe."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.replace("\\|", "|") for cell in _PIPE.split(text)]


def _is_row(line: str) -> bool:
    return bool(_PIPE.search(line)) and bool(line.strip())


def find_pipe_tables(lines: Sequence[str]) -> dict[int, tuple[int, list[tuple[int, list[str]]]]]:
    """The pipe tables among ``lines``: for the index of each table's header
    line, the index after its last row and its rows (the index of the row's
    line and its cells' raw texts; the delimiter row left out).  A header and
    its delimiter must agree on the number of columns, as Markdown requires,
    so prose that merely holds a pipe is no table."""
    found: dict[int, tuple[int, list[tuple[int, list[str]]]]] = {}
    i = 0
    while i + 1 < len(lines):
        if not (_is_row(lines[i]) and "|" in lines[i + 1] and _DELIMITER.fullmatch(lines[i + 1])):
            i += 1
            continue
        header = _cells(lines[i])
        if len(header) != len(_cells(lines[i + 1])):
            i += 1
            continue
        rows = [(i, header)]
        end = i + 2
        while end < len(lines) and _is_row(lines[end]):
            rows.append((end, _cells(lines[end])))
            end += 1
        found[i] = (end, rows)
        i = end
    return found


def find_html_tables(lines: Sequence[str]) -> dict[int, int]:
    """The HTML tables among ``lines``: for the index of each line that
    opens one (``<table`` first on the line), the index after the line
    that closes it, nested tables included.  One pass over the lines; a table
    never closed is no table (its lines stay text)."""
    found: dict[int, int] = {}
    start: int | None = None
    depth = 0
    for i, line in enumerate(lines):
        if start is None:
            if line.lstrip()[:6].lower() != "<table":
                continue
            start = i
        for tag in _TABLE_TAG.finditer(line):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                found[start] = i + 1
                start = None
                break
    return found


_BORDER = re.compile(r"\+(?:[-=:]{1,1000}\+){1,200}")
"""A grid table's full border: ``+`` at every column boundary, dashes (``=``
under the header, ``:`` for alignment) between."""
_RULE = frozenset("-=:")

GridRow = tuple[int, list[tuple[tuple[str, ...], bool]]]
"""A grid table's row: the index of its first line, and each column's cell
as its paragraphs and whether it continues the cell above (a merged cell)."""


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _cut(line: str, spans: Sequence[tuple[int, int | None]]) -> list[str]:
    """The text of ``line`` in each column: the characters whose display
    column lies in the column's span (start, end; no end for a last column
    that runs to the end of the line).  Spans are in order and do not
    overlap; characters between them (a grid's ``|``) belong to none."""
    segments: list[list[str]] = [[] for _ in spans]
    column = 0
    j = 0
    for ch in line:
        while j < len(spans) and (end := spans[j][1]) is not None and column >= end:
            j += 1
        if j == len(spans):
            break
        if column >= spans[j][0]:
            segments[j].append(ch)
        column += _width(ch)
    return ["".join(segment) for segment in segments]


def _segments(line: str, bounds: Sequence[int]) -> list[str]:
    """The text of ``line`` between each pair of neighbouring ``bounds``
    (display columns of a grid border's ``+``), boundary characters left out."""
    return _cut(line, [(a + 1, b) for a, b in itertools.pairwise(bounds)])


class _GridCell:
    """The lines of one cell of a grid table, read as they come."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def paragraphs(self) -> tuple[str, ...]:
        """Blank lines part paragraphs; the lines of one paragraph were
        broken at spaces, so they are joined with one."""
        paragraphs: list[str] = []
        current: list[str] = []
        for line in [*self.lines, ""]:
            if line:
                current.append(line)
            elif current:
                paragraphs.append(" ".join(current))
                current = []
        return tuple(paragraphs) or ("",)


def _grid_rows(lines: Sequence[str], top: int) -> tuple[int, list[GridRow]] | None:
    """The rows of the grid table whose top border is ``lines[top]``, and the
    index after its bottom border; None where the lines do not close a grid."""
    bounds = [column for column, ch in enumerate(lines[top]) if ch == "+"]  # a border is ASCII
    cells = [_GridCell() for _ in bounds[1:]]
    started: list[tuple[int, list[tuple[_GridCell, bool]]]] = [(top + 1, [(cell, False) for cell in cells])]
    end = None
    for index in range(top + 1, len(lines)):
        line = lines[index].rstrip()
        if not line or line[0] not in "|+":
            break
        segments = _segments(line, bounds)
        rules = [bool(segment) and set(segment) <= _RULE for segment in segments]
        if not any(rules):
            for cell, segment in zip(cells, segments, strict=True):
                cell.lines.append(segment.strip())
            continue
        cells = [_GridCell() if rule else cell for cell, rule in zip(cells, rules, strict=True)]
        if all(rules):
            end = index + 1
        if index + 1 < len(lines) and lines[index + 1].startswith("|"):
            started.append((index + 1, [(cell, not rule) for cell, rule in zip(cells, rules, strict=True)]))
    if end is None:
        return None
    rows = [(line, [(cell.paragraphs(), continues) for cell, continues in row]) for line, row in started if line < end]
    return end, rows


def find_grid_tables(lines: Sequence[str]) -> dict[int, tuple[int, list[GridRow]]]:
    """The grid tables among ``lines``: for the index of each table's top
    border, the index after its bottom border and its rows."""
    found: dict[int, tuple[int, list[GridRow]]] = {}
    i = 0
    while i + 1 < len(lines):
        if lines[i + 1].startswith("|") and _BORDER.fullmatch(lines[i].rstrip()):
            table = _grid_rows(lines, i)
            if table is not None:
                found[i] = table
                i = table[0]
                continue
        i += 1
    return found


_FULL_DASHES = re.compile(r" {0,3}-{3,} {0,3}")
"""The top or bottom border of a multiline table: one run of dashes."""
_COLUMN_DASHES = re.compile(r" {0,3}-{1,1000}(?: {1,3}-{1,1000}){1,200} {0,3}")
"""The line under a table's header: one run of dashes per column."""
_DASH_RUN = re.compile(r"-+")

DashRow = tuple[int, list[str]]
"""A row of a multiline or simple table: the index of its first line and
each column's text."""


def _column_spans(line: str) -> list[tuple[int, int | None]]:
    """Each column's span from the dash runs under the header (ASCII, so a
    character's index is its display column): a column reaches from its
    dashes to the next column's, the first from the margin, the last to the
    end of the line."""
    starts = [m.start() for m in _DASH_RUN.finditer(line)]
    starts[0] = 0
    return [(a, b) for a, b in zip(starts, [*starts[1:], None], strict=True)]


def _dash_rows(lines: Sequence[str], spans: Sequence[tuple[int, int | None]], *, multiline: bool) -> list[DashRow]:
    """Rows of lines cut into ``spans``: in a multiline table a row runs to
    the next blank line and its lines, broken at spaces, are joined with one;
    in a simple table each line is a row."""
    rows: list[DashRow] = []
    current: list[list[str]] = []
    first = 0

    def close() -> None:
        if current:
            rows.append(
                (first, [" ".join(piece for piece in column if piece) for column in zip(*current, strict=True)])
            )
            current.clear()

    for index, line in enumerate(lines):
        if not line.strip():
            close()
            continue
        if not current or not multiline:
            close()
            first = index
        current.append([piece.strip() for piece in _cut(line, spans)])
    close()
    return rows


MAX_HEADER_LINES = 8
"""The most lines a multiline table's header is read back over."""


def find_dash_tables(lines: Sequence[str]) -> dict[int, tuple[int, list[DashRow]]]:
    """Pandoc's multiline and simple tables among ``lines``: for the index of
    each table's first line (its top border, or its header), the index after
    its last line and its rows, the header first.  A multiline table lies
    between two borders of dashes, its rows parted by blank lines; a simple
    table's header stands after a blank line and its rows run to the next.
    Each line is looked at a bounded number of times, however the dashes lie."""
    found: dict[int, tuple[int, list[DashRow]]] = {}
    borders = [k for k, line in enumerate(lines) if "---" in line and _FULL_DASHES.fullmatch(line.rstrip())]
    i = 1
    while i < len(lines):
        if not (lines[i - 1].strip() and "-" in lines[i] and _COLUMN_DASHES.fullmatch(lines[i].rstrip())):
            i += 1
            continue
        spans = _column_spans(lines[i].rstrip())
        top = i - 1
        while top > max(0, i - MAX_HEADER_LINES) and lines[top - 1].strip():
            if _FULL_DASHES.fullmatch(lines[top - 1].rstrip()):
                break
            top -= 1
        after = bisect.bisect_right(borders, i)
        if top > 0 and _FULL_DASHES.fullmatch(lines[top - 1].rstrip()) and after < len(borders):
            bottom = borders[after]
            header = _dash_rows(lines[top:i], spans, multiline=True)
            body = _dash_rows(lines[i + 1 : bottom], spans, multiline=True)
            start, end = top - 1, bottom + 1
        elif top == i - 1 and (top == 0 or not lines[top - 1].strip()):
            end = i + 1
            while end < len(lines) and lines[end].strip():
                end += 1
            rows = [line for line in lines[i + 1 : end] if not _FULL_DASHES.fullmatch(line.rstrip())]
            header = _dash_rows(lines[top:i], spans, multiline=False)
            body = _dash_rows(rows, spans, multiline=False)
            start = top
        else:
            i += 1
            continue
        offset = i + 1
        found[start] = (end, [(top + k, cells) for k, cells in header] + [(offset + k, cells) for k, cells in body])
        i = end + 1
    return found


__all__ = [
    "DashRow",
    "GridRow",
    "find_dash_tables",
    "find_grid_tables",
    "find_html_tables",
    "find_pipe_tables",
    "unescape",
]

"""Rows of a tab-separated table as a plain-text export prints them.

Word's plain-text export prints a table row as its cells joined by tabs and
ends the line at every paragraph break, one inside a cell included.  A row
whose cell holds several paragraphs therefore runs over several lines:

* a paragraph break inside a cell ends the line before the row's last tab,
  so the line prints fewer cells than the header; the next line goes on with
  that cell's next paragraph and, after its tabs, the cells that follow;
* a paragraph break inside the last cell leaves a line with no tab at all
  between this row and the next.

:class:`TabRows` joins such lines back into one row of multi-paragraph cells,
the Table the Word reader gives for the same document, so a layout reads both
alike.  The header (the table's first line) says how many cells a row has.
A line that prints fewer is ambiguous: it may be cut inside its last cell,
or be a whole row whose trailing cells are empty.  It is read as cut only
where the next line can finish it: that line fits in the cells left, and it
does not open the way rows open — with an empty first cell (the tab a row
under a merged part cell starts with) or with a part label (``一、``
``（一）``).  Otherwise the short line is a row of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..document import Cell, Row, Table
from ..layouts.numbering import match_label

_PART_LABELS = frozenset({"cn", "cn_paren"})
"""Label styles of a table's part cells and of headings (``一、`` ``（一）``)."""


def opens_part(text: str) -> bool:
    """Whether ``text`` opens with a part label, as a part cell or a heading
    does: such a line starts something of its own, never a further paragraph
    of a cell."""
    label = match_label(text)
    return label is not None and label.kind in _PART_LABELS


@attrs.define
class _OpenRow:
    """The row being read: its cells so far, how many cells its lines
    printed (trailing tabs counted) and the line it starts on.  A cell that
    takes further paragraphs keeps them in ``grown`` (a list, so a cell of
    many paragraphs grows in linear time) until the row is closed; most
    rows take none and keep the cells their line was split into."""

    cells: list[Cell]
    printed: int
    line: int
    grown: dict[int, list[str]] = attrs.Factory(dict)

    def extend_last(self, cell: Cell) -> None:
        """The paragraphs of ``cell`` after the last cell's own."""
        last = len(self.cells) - 1
        if last not in self.grown:
            self.grown[last] = list(self.cells[last].paragraphs)
        self.grown[last].extend(cell.paragraphs)

    def row(self) -> Row:
        """The row, a grown cell's empty paragraphs dropped as
        :func:`.split_cell` drops them within a line."""
        for index, paragraphs in self.grown.items():
            self.cells[index] = Cell(tuple(p for p in paragraphs if p) or ("",))
        return Row(tuple(self.cells), self.line)


class TabRows:
    """The rows of one tab-separated table, read line by line from its
    first (the header, whose cells say how many a row has)."""

    def __init__(self, cells: Sequence[Cell], printed: int, line: int) -> None:
        self.line = line
        self._rows: list[Row] = []
        self._width = printed
        self._open = _OpenRow(list(cells), printed, line)

    def add_line(self, cells: Sequence[Cell], printed: int, line: int) -> None:
        """A line holding tabs: ``cells`` as split (trailing blanks dropped),
        ``printed`` the cells the line prints counting its trailing tabs.
        It finishes the open row where that row is cut short and the line can
        go on with it; otherwise it starts a row."""
        row = self._open
        if self._continues(row, cells, printed):
            row.extend_last(cells[0])
            row.cells.extend(cells[1:])
            row.printed += printed - 1
            return
        self._rows.append(row.row())
        self._open = _OpenRow(list(cells), printed, line)

    def add_paragraph(self, cell: Cell) -> None:
        """A line without tabs between two lines of the table: a further
        paragraph of the last cell printed."""
        self._open.extend_last(cell)

    def table(self) -> Table:
        """The table, its last row included."""
        return Table((*self._rows, self._open.row()), self.line)

    def _continues(self, row: _OpenRow, cells: Sequence[Cell], printed: int) -> bool:
        if row.printed >= self._width or row.printed + printed - 1 > self._width:
            return False
        first = cells[0].text.strip()
        return bool(first) and not opens_part(first)


__all__ = ["TabRows", "opens_part"]

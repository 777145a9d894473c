"""Tables on their column grid: merged cells resolved alike for every reader.

A layout reads a task table by column, so whatever a file format does to
merge cells, a reader must hand over a rectangular grid: a cell spanning
columns repeated in each column it covers, a cell spanning rows carried into
the rows below, every copy marked ``Cell.merged``.  Word and HTML merge
cells differently — Word marks the cells below a vertical merge as
continuing it (``w:vMerge``), HTML gives the first cell a ``rowspan`` and
leaves the cells below out — but the result must be the same table, so both
readers lay their cells out here and neither carries a grid of its own.

The grid also holds the bounds that keep a hostile file from making it
large: no span exceeds :data:`MAX_SPAN`, and no cell of a row's own starts
at or beyond column :data:`MAX_COLUMNS` (copies of cells above that span
into the row may run past it, by less than :data:`MAX_SPAN`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..document import Block, Cell, Paragraph, Table

MAX_SPAN = 64
"""The most columns or rows one cell may span, and the most columns a row
may leave out before its first cell; larger values are read as this."""

MAX_COLUMNS = 1024
"""A row's cells that would start at or beyond this column are dropped."""

_BLANK: tuple[str, ...] = ("",)


class Grid:
    """One table's rows, laid on its column grid as they are read.

    Cells are added a row at a time, left to right, with :meth:`skip`,
    :meth:`add` and :meth:`end_row`.  A reader checks :attr:`full` before
    reading a cell, so a cell that would be dropped is never read at all.
    """

    def __init__(self) -> None:
        self._cells: list[Cell] = []
        self._column = 0
        self._starts: dict[int, tuple[str, ...]] = {}
        self._above: dict[int, tuple[str, ...]] = {}
        """Each column's text in the row above, for a cell continuing it."""
        self._pending: dict[int, tuple[int, tuple[str, ...]]] = {}
        """Column → rows still to fill and text, for cells spanning rows."""

    @property
    def full(self) -> bool:
        """Whether the row has reached :data:`MAX_COLUMNS`: any further cell
        of it is dropped."""
        return self._column >= MAX_COLUMNS

    def skip(self, columns: int) -> None:
        """Leave ``columns`` grid columns empty before the row's first cell
        (Word's ``w:gridBefore``): shown as empty cells, not merged, and
        nothing below can continue them."""
        count = max(0, min(MAX_SPAN, columns))
        self._cells.extend(Cell(_BLANK) for _ in range(count))
        self._column += count

    def add(self, paragraphs: tuple[str, ...], *, columns: int = 1, rows: int = 1, continues: bool = False) -> None:
        """Place the next cell of the row after the columns that cells above
        span into.

        It covers ``columns`` columns and ``rows`` rows (HTML's ``colspan``
        and ``rowspan``), each bounded to 1–:data:`MAX_SPAN`.  With
        ``continues`` (Word's ``w:vMerge`` without ``restart``) it takes the
        text of the cell above it, where there is one, as a merged copy.
        """
        if self.full:
            return
        if self._column in self._pending:
            self._carry()
        columns = max(1, min(MAX_SPAN, columns))
        rows = max(1, min(MAX_SPAN, rows))
        column = self._column
        merged = False
        if continues and column in self._above:
            paragraphs = self._above[column]
            merged = True
        for offset in range(columns):
            self._cells.append(Cell(paragraphs, merged or offset > 0))
            self._starts[column + offset] = paragraphs
            if rows > 1:
                self._pending[column + offset] = (rows - 1, paragraphs)
        self._column += columns

    def end_row(self) -> tuple[Cell, ...]:
        """The row's cells, carried cells past its last one included (gaps
        before them empty), and a fresh row begun."""
        if self._pending:
            last = max(self._pending)
            while self._column <= last and self._column < MAX_COLUMNS:
                if self._column in self._pending:
                    self._carry()
                else:
                    self._cells.append(Cell(_BLANK))
                    self._column += 1
        cells = tuple(self._cells)
        self._above, self._starts = self._starts, {}
        self._cells = []
        self._column = 0
        return cells

    def _carry(self) -> None:
        """Fill the columns from the current one on that cells of rows above
        span into."""
        pending = self._pending
        column = self._column
        while column in pending:
            left, paragraphs = pending[column]
            self._cells.append(Cell(paragraphs, merged=True))
            self._starts[column] = paragraphs
            if left <= 1:
                del pending[column]
            else:
                pending[column] = (left - 1, paragraphs)
            column += 1
        self._column = column


def cell_texts(blocks: Iterable[Block]) -> tuple[str, ...]:
    """The paragraphs of one table cell, read from the blocks in it.

    A table nested in the cell is flattened into its cells' paragraphs, each
    once: the merged copies the grid made of them are left out, and so are
    empty ones.  An empty cell is one empty paragraph.
    """
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        else:
            for row in block.rows:
                for cell in row.cells:
                    if not cell.merged:
                        texts.extend(t for t in cell.paragraphs if t)
    return tuple(texts) or _BLANK


def lays_out(rows: Iterable[Sequence[str]]) -> bool:
    """Whether a table whose rows hold these cell texts only places text on
    the page (a letterhead boxed in a borderless table, a signature pushed
    right by an empty column): no row fills more than one cell, so nothing
    is read across a row as a table's data is."""
    return all(sum(1 for text in row if text.strip()) <= 1 for row in rows)


def laid_out_paragraphs(table: Table) -> list[Paragraph]:
    """The paragraphs a table that :func:`lays_out` shows, row by row."""
    out: list[Paragraph] = []
    for row in table.rows:
        for cell in row.cells:
            if cell.text.strip() and not cell.merged:
                out.extend(Paragraph(text, row.line) for text in cell.paragraphs if text.strip())
    return out


__all__ = ["MAX_COLUMNS", "MAX_SPAN", "Grid", "cell_texts", "laid_out_paragraphs", "lays_out"]

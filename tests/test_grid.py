"""The grid both table readers lay their cells out on: spans repeated and
carried as merged copies, Word's continued merges and gaps, and the bounds
that keep a hostile table small."""

from __future__ import annotations

from safetyplan.document import Cell, Paragraph, Row, Table
from safetyplan.readers.grid import MAX_COLUMNS, MAX_SPAN, Grid, cell_texts


def c(text: str, merged: bool = False) -> Cell:
    return Cell((text,), merged)


def lay_out(rows: list[list[tuple[str, int, int]]]) -> list[tuple[Cell, ...]]:
    """Rows of (text, columns, rows) cells, HTML style, through one grid."""
    grid = Grid()
    out: list[tuple[Cell, ...]] = []
    for row in rows:
        for text, columns, down in row:
            grid.add((text,), columns=columns, rows=down)
        out.append(grid.end_row())
    return out


def test_a_rowspan_carries_the_cell_down_as_merged_copies() -> None:
    assert lay_out([[("a", 1, 3), ("b", 1, 1)], [("c", 1, 1)], [("d", 1, 1)], [("e", 1, 1)]]) == [
        (c("a"), c("b")),
        (c("a", True), c("c")),
        (c("a", True), c("d")),
        (c("e"),),
    ]


def test_a_colspan_repeats_the_cell_in_each_column() -> None:
    assert lay_out([[("a", 3, 1), ("b", 1, 1)]]) == [(c("a"), c("a", True), c("a", True), c("b"))]


def test_a_cell_spanning_rows_and_columns_fills_the_block() -> None:
    assert lay_out([[("x", 1, 1), ("a", 2, 2)], [("y", 1, 1), ("z", 1, 1)]]) == [
        (c("x"), c("a"), c("a", True)),
        (c("y"), c("a", True), c("a", True), c("z")),
    ]


def test_ragged_rows_stay_ragged_but_a_span_past_the_last_cell_fills_the_gap() -> None:
    assert lay_out([[("a", 1, 1)], [("b", 1, 1), ("c", 1, 1), ("d", 1, 1)], []]) == [
        (c("a"),),
        (c("b"), c("c"), c("d")),
        (),
    ]
    assert lay_out([[("a", 1, 1), ("b", 1, 1), ("c", 1, 2)], [("d", 1, 1)]]) == [
        (c("a"), c("b"), c("c")),
        (c("d"), c(""), c("c", True)),
    ]


def test_word_continuations_take_the_text_above_and_gaps_stay_empty() -> None:
    grid = Grid()
    grid.add(("一、",))
    grid.add(("甲", "乙"), columns=2)
    assert grid.end_row() == (c("一、"), Cell(("甲", "乙")), Cell(("甲", "乙"), True))
    grid.add(("",), continues=True)
    grid.add(("丙",))
    grid.add(("",), continues=True)  # continues the second column of the span above
    assert grid.end_row() == (c("一、", True), c("丙"), Cell(("甲", "乙"), True))
    grid.skip(1)
    grid.add(("",), continues=True)
    assert grid.end_row() == (c(""), c("丙", True))
    grid.add(("丁",), continues=True)  # a skipped column is not continued
    assert grid.end_row() == (c("丁"),)
    grid.add(("戊",))
    grid.add(("己",), continues=True)  # nor one no cell above reached: read as its own
    assert grid.end_row() == (c("戊"), c("己"))


def test_an_absurd_span_is_bounded() -> None:
    assert lay_out([[("a", 10**9, 1)]]) == [(c("a"), *[c("a", True)] * (MAX_SPAN - 1))]
    down = lay_out([[("a", 1, 10**9)], *[[] for _ in range(MAX_SPAN)]])
    assert [len(row) for row in down] == [1] * MAX_SPAN + [0]
    assert lay_out([[("a", 0, -3)]]) == [(c("a"),)]
    grid = Grid()
    grid.skip(10**9)
    assert grid.end_row() == (c(""),) * MAX_SPAN


def test_no_cell_starts_at_or_past_the_column_bound() -> None:
    grid = Grid()
    added = 0
    while not grid.full:
        grid.add(("a",), columns=10**6)
        added += 1
    grid.add(("dropped",))
    row = grid.end_row()
    assert added == MAX_COLUMNS // MAX_SPAN
    assert len(row) == MAX_COLUMNS and all(cell.text == "a" for cell in row)
    assert not grid.full  # the next row starts empty


def test_cell_texts_flattens_a_nested_table_once() -> None:
    nested = Table((Row((c("甲"), c("甲", True), c("")), 2), Row((Cell(("乙", "")),), 3)), 2)
    assert cell_texts([Paragraph("外", 1), nested]) == ("外", "甲", "乙")
    assert cell_texts([]) == ("",)

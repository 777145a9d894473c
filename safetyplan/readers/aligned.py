"""Tables laid out in aligned columns, as ``pdftotext -layout`` prints them.

Text taken from a PDF with its layout kept prints a table without rules: a
header line of short column names, then each row's cells side by side, each
cell wrapped within its column, the columns padded with spaces to the same
character positions line after line.  Read as paragraphs, every wrapped piece
of every cell would be a line of its own and the table lost; so a run of
lines whose pieces stand where a header's column names stand is read here as
a Table, as tab-separated text is.

Rows are found from the cells' tops: a table's cells start on their row's
first line and run down without a gap, so a row begins wherever a column
fills that was empty on the line above (the next row's units or deadline,
after the current row's ran out).  A row whose columns all run out on the
same line is read with the next one, and a layout that splits a cell into
numbered items still finds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Cell, Row, Table

_PIECE = re.compile(r"\S+(?: \S+)*")
"""A cell's text on one line: words that single spaces join; two spaces or
more part the columns."""

_HEADER_PUNCTUATION = re.compile(r"[。；;：:，,、！？]")
_SENTENCE = re.compile(r"[。；;！？]")
_PAGE_NUMBER = re.compile(r"[\s\-—－–]*\d{1,4}[\s\-—－–]*")

MIN_COLUMNS = 3
"""Fewer columns than this are two words apart, not a table."""
MAX_HEADER_CELL = 20
"""Characters of the longest column name a header holds."""
MIN_ROWS = 2
"""Lines that must follow a header in its columns for it to be one."""
SLACK = 2
"""Characters a piece may stand off its column's start."""


def _pieces(line: str) -> list[tuple[int, str]]:
    # A form feed opens a page's first line without taking a column.
    return [(m.start(), m.group(0)) for m in _PIECE.finditer(line.replace("\f", ""))]


def _header(line: str) -> list[int] | None:
    """The columns' start positions where ``line`` reads as a header."""
    text = line.strip()
    if "  " not in text or len(text) > 100:
        return None  # most lines: no two columns, or a paragraph's length
    pieces = _pieces(line)
    if len(pieces) < MIN_COLUMNS:
        return None
    if any(len(text) > MAX_HEADER_CELL or _HEADER_PUNCTUATION.search(text) for _, text in pieces):
        return None
    return [start for start, _ in pieces]


def _located(line: str, names: Sequence[str]) -> list[int] | None:
    """Where the column ``names`` stand in ``line`` (the header repeated on
    another page, where a narrow column may leave one space between two
    names), or None where they are not all found in order."""
    text = line.replace("\f", "")
    starts: list[int] = []
    at = 0
    for name in names:
        found = text.find(name, at)
        if found < 0:
            return None
        starts.append(found)
        at = found + len(name)
    return starts


def _split_at_columns(pieces: list[tuple[int, str]], columns: Sequence[int]) -> list[tuple[int, str]]:
    """Pieces that run on into a later column, split at the single space
    standing at that column's start (narrow columns leave one space between
    two cells: ``各级党（工） 2022 年 9 月``)."""
    out: list[tuple[int, str]] = []
    for start, text in pieces:
        for column in columns:
            if not start + SLACK < column < start + len(text):
                continue
            cut = min(
                (k for k, ch in enumerate(text) if ch == " " and abs(start + k + 1 - column) <= SLACK),
                key=lambda k: abs(start + k + 1 - column),
                default=None,
            )
            if cut is not None:
                out.append((start, text[:cut]))
                start, text = start + cut + 1, text[cut + 1 :]
        out.append((start, text))
    return out


def _placed(line: str, columns: Sequence[int]) -> list[str] | None:
    """The line's text by column, or None where a piece stands outside the
    columns or runs into the next one."""
    cells = [""] * len(columns)
    for start, text in _split_at_columns(_pieces(line), columns):
        index = min(range(len(columns)), key=lambda k: abs(columns[k] - start))
        if abs(columns[index] - start) > SLACK or cells[index]:
            return None
        if index + 1 < len(columns) and start + len(text) > columns[index + 1]:
            return None  # runs past the next column's start: prose, not a cell
        cells[index] = text
    return cells if any(cells) else None


def _join(head: str, tail: str) -> str:
    """A cell's wrapped pieces as one text: no space between CJK pieces, one
    between two Latin words."""
    if not head:
        return tail
    if head[-1].isascii() and head[-1].isalpha() and tail[0].isascii() and tail[0].isalpha():
        return f"{head} {tail}"
    return head + tail


def _names_go_on(cells: Sequence[str]) -> bool:
    """Whether a line after a header line goes on with the header's names:
    one short piece that is no sentence (a row fills two columns or more,
    a task's text run on from the page before is a sentence)."""
    pieces = [text for text in cells if text]
    return len(pieces) == 1 and len(pieces[0]) <= MAX_HEADER_CELL and not _SENTENCE.search(pieces[0])


def _rows(lines: Sequence[tuple[int, list[str]]], headers: set[int]) -> list[Row]:
    """Logical rows from the placed lines (line number, text by column): a
    row starts where a column fills that was empty on the line above, and
    after a header line (``headers``) on any line but the header's own
    second line (a few short names, no sentence: ``生产 15 条措施内容``)."""
    rows: list[Row] = []
    current: list[str] = []
    previous: list[str] = []
    after_header = False
    first = 0
    for number, cells in lines:
        if (
            not previous
            or number in headers
            or (after_header and not _names_go_on(cells))
            or any(text and not above for text, above in zip(cells, previous, strict=True))
        ):
            if current:
                rows.append(Row(tuple(Cell((text,)) for text in current), first))
            current, first = [""] * len(cells), number
        current = [_join(have, text) if text else have for have, text in zip(current, cells, strict=True)]
        after_header = number in headers
        previous = cells
    if current:
        rows.append(Row(tuple(Cell((text,)) for text in current), first))
    return rows


def find_aligned_tables(lines: Sequence[str], first_number: int = 1) -> dict[int, tuple[int, Table]]:
    """The aligned tables among ``lines``: for the index of each table's
    first line, the index after its last line and the Table (rows numbered
    from ``first_number``).  A line of nothing but a page number ends a table
    without ending its columns: lines after it that stand in them (with two
    cells or more on some line) are a table of their own, as a page of a
    tab-separated extraction is."""
    found: dict[int, tuple[int, Table]] = {}
    columns: list[int] | None = None
    heading = ""  # the header's words, which a page's repeated header line says again
    names: list[str] = []  # its column names
    i = 0
    while i < len(lines):
        again = bool(heading) and "".join(lines[i].split()) == heading
        header = _located(lines[i], names) if again else _header(lines[i])
        if header is not None:
            columns = header
        elif columns is None or _placed(lines[i], columns) is None:
            if lines[i].strip() and not _PAGE_NUMBER.fullmatch(lines[i]):
                columns = None  # prose: the columns are over
            i += 1
            continue
        placed: list[tuple[int, list[str]]] = []
        headers = {first_number + i} if header is not None else set()
        words, labels = heading, names
        if header is not None and not again:
            words, labels = "".join(lines[i].split()), [text for _, text in _pieces(lines[i])]
        j = i
        while j < len(lines):
            repeated = _located(lines[j], labels) if j > i and "".join(lines[j].split()) == words else None
            if repeated is not None:
                columns = repeated  # the header again atop a page, where the columns may stand a little apart
                headers.add(first_number + j)
            cells = _placed(lines[j], columns) if lines[j].strip() else []
            if cells is None:
                break
            if cells:
                placed.append((first_number + j, cells))
            j += 1
        if header is not None:
            enough = len(placed) - 1 >= MIN_ROWS
        else:
            enough = any(sum(1 for c in cells if c) >= 2 for _, cells in placed)
        if not enough:
            columns = None
            i += 1
            continue
        heading, names = words, labels
        found[i] = (j, Table(tuple(_rows(placed, headers)), first_number + i))
        i = j
    return found


__all__ = ["find_aligned_tables"]

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

A cell's paragraphs are found from the lines' widths: a wrapped line fills
its column up to a word that does not fit, so a line that the next line's
first word would have fitted on ended a paragraph (a cell listing two
units, or two deadlines, one a paragraph).  The header repeated atop each
page, its names perhaps moved or spaced, says what the first one said and
no more; a page number on a line of its own is the page's footer even
where it stands in a column; and a line that stands in the columns is a
row, however much its short cells look like another table's header.
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


def _header(lines: Sequence[str], index: int) -> list[tuple[int, str]] | None:
    """The columns (start position, name) where line ``index`` reads as a
    header.  A narrow column may leave one space between two names
    (``实施办法主要 重点任务``): a space after which the lines below start
    their pieces parts two columns."""
    line = lines[index]
    text = line.strip()
    if "  " not in text or len(text) > 100:
        return None  # most lines: no two columns, or a paragraph's length
    pieces = _pieces(line)
    if len(pieces) < MIN_COLUMNS:
        return None
    if any(len(text) > MAX_HEADER_CELL or _HEADER_PUNCTUATION.search(text) for _, text in pieces):
        return None
    below = [start for later in lines[index + 1 : index + 1 + _LOOK_BELOW] for start, _ in _pieces(later)]
    columns: list[tuple[int, str]] = []
    for start, name in pieces:
        for word in name.split(" "):
            if columns and columns[-1][0] + len(columns[-1][1]) + 1 == start and _starts_below(below, start) < 2:
                columns[-1] = (columns[-1][0], f"{columns[-1][1]} {word}")  # one name with a space in it
            else:
                columns.append((start, word))
            start += len(word) + 1
    return columns


_LOOK_BELOW = 12
"""Lines below a header that say where its columns start."""


def _starts_below(starts: Sequence[int], column: int) -> int:
    return sum(1 for start in starts if abs(start - column) <= SLACK)


def _located(line: str, names: Sequence[str]) -> list[int] | None:
    """Where the column ``names`` stand in ``line`` (the header repeated on
    another page, where a narrow column may leave one space between two
    names and a wide one a space inside a name), or None where they are not
    all found in order."""
    text = line.replace("\f", "")
    starts: list[int] = []
    at = 0
    for name in names:
        found = re.compile(r"\s*".join(map(re.escape, name))).search(text, at)
        if found is None:
            return None
        starts.append(found.start())
        at = found.end()
    return starts


def _split_at_columns(pieces: list[tuple[int, str]], columns: Sequence[int]) -> list[tuple[int, str]]:
    """Pieces that run on into a later column, split at the single space
    standing at that column's start (narrow columns leave one space between
    two cells: ``各级党（工） 2022 年 9 月``)."""
    out: list[tuple[int, str]] = []
    for start, text in pieces:
        for index, column in enumerate(columns):
            if not start + SLACK < column < start + len(text):
                continue
            # The space nearest the column's start, in reach of it, that
            # does not part a number from its date word (the extraction
            # sets numbers apart inside a cell: ``2022 年 9 月``).
            cut = min(
                (
                    k
                    for k, ch in enumerate(text)
                    if ch == " "
                    and column - _drift(columns, index) <= start + k + 1 <= column + SLACK
                    and not (text[k - 1].isdigit() and text[k + 1 : k + 2] in _DATE_WORDS)
                ),
                key=lambda k: abs(start + k + 1 - column),
                default=None,
            )
            if cut is not None:
                out.append((start, text[:cut]))
                start, text = start + cut + 1, text[cut + 1 :]
        out.append((start, text))
    return out


_DATE_WORDS = ("年", "月", "日", "号")


def _drift(columns: Sequence[int], index: int) -> int:
    """How far left of column ``index``'s start a cell may begin: SLACK, or
    a third of the way to the column before where that is more.  The
    extraction gives each character one position whatever its width, so on
    a line whose cells before it hold more Chinese than the header did, a
    column starts further left."""
    return max(SLACK, (columns[index] - columns[index - 1]) // 3) if index else SLACK


def _placed(line: str, columns: Sequence[int]) -> list[str] | None:
    """The line's text by column, or None where a piece stands outside the
    columns or runs into the next one."""
    cells = [""] * len(columns)
    for start, text in _split_at_columns(_pieces(line), columns):
        index = min(range(len(columns)), key=lambda k: abs(columns[k] - start))
        if not columns[index] - _drift(columns, index) <= start <= columns[index] + SLACK or cells[index]:
            return None
        if index + 1 < len(columns) and start + len(text) > columns[index + 1]:
            return None  # runs past the next column's start: prose, not a cell
        cells[index] = text
    return cells if any(cells) else None


def _join(head: str, tail: str) -> str:
    """A cell's wrapped pieces as one text: no space between CJK pieces, one
    between two Latin words, and one after a number that stands apart at the
    end of a line (``…行为。 13`` above ``重点整治…``, ``开展 1`` above ``次``),
    as the extraction sets numbers apart inside a line."""
    if not head:
        return tail
    if head[-1].isascii() and head[-1].isalpha() and tail[0].isascii() and tail[0].isalpha():
        return f"{head} {tail}"
    if _NUMBER_APART.search(head):
        return f"{head} {tail}"
    return head + tail


_NUMBER_APART = re.compile(r"(?:^|\s)[0-9]+$")


def printed_width(text: str) -> int:
    """Printed width in half-width columns: CJK and full-width characters
    take two (-layout gives each character one position, whatever it takes)."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def _full_widths(lines: Sequence[tuple[int, list[str]]]) -> list[int]:
    """Per column, the width its wrapped lines fill: what a fifth of its
    pieces reach (most lines of a wrapped cell are full; the rest end a
    paragraph)."""
    out = []
    for k in range(len(lines[0][1]) if lines else 0):
        widths = sorted((printed_width(cells[k]) for _, cells in lines if cells[k]), reverse=True)
        out.append(widths[len(widths) // 5] if widths else 0)
    return out


def _ends_paragraph(above: str, below: str, full: int) -> bool:
    """Whether a cell's piece ``above`` ends a paragraph that ``below`` does
    not go on: the first word of ``below`` — what a wrap cannot cut: a
    number, a Latin word, a character with the marks that may not part from
    it — would have fitted after it with room to spare, so the line was not
    wrapped but ended; and neither side is cut at a mark that joins them."""
    word = _UNCUT.match(below)
    return (
        full >= 8
        and word is not None
        and printed_width(above) + printed_width(word.group(0)) + 2 <= full
        and above[-1] not in _OPENING
        and below[0] not in _CLOSING
    )


_OPENING = "，,、：:；;（(“‘《〈【—-"
"""Marks a piece ending with which goes on on the next line."""
_CLOSING = "，,、。：:；;）)”’》〉】%％"
"""Marks a piece starting with which goes on from the line above."""
_UNCUT = re.compile(r"[（(“‘《〈【]*(?:[A-Za-z0-9]+|.)[）)”’》〉】，,、。：:；;%％]*")
"""A piece's first word as a wrap keeps it together."""


def _names_go_on(cells: Sequence[str]) -> bool:
    """Whether a line after a header line goes on with the header's names:
    one short piece that is no sentence (a row fills two columns or more,
    a task's text run on from the page before is a sentence)."""
    pieces = [text for text in cells if text]
    return len(pieces) == 1 and len(pieces[0]) <= MAX_HEADER_CELL and not _SENTENCE.search(pieces[0])


def _squeezed(cells: Sequence[str]) -> str:
    return "".join("".join(cells).split())


class _Cells:
    """A row being read: each cell's paragraphs and its last piece."""

    def __init__(self, count: int, line: int, full: Sequence[int]) -> None:
        self.paragraphs: list[list[str]] = [[] for _ in range(count)]
        self.last = [""] * count
        self.line = line
        self.full = full

    def add(self, cells: Sequence[str]) -> None:
        for k, text in enumerate(cells):
            if not text:
                continue
            paragraphs = self.paragraphs[k]
            if paragraphs and not _ends_paragraph(self.last[k], text, self.full[k]):
                paragraphs[-1] = _join(paragraphs[-1], text)
            else:
                paragraphs.append(text)
            self.last[k] = text

    def row(self) -> Row:
        return Row(tuple(Cell(tuple(p) or ("",)) for p in self.paragraphs), self.line)


def _rows(
    lines: Sequence[tuple[int, list[str]]], headers: set[int], tail: tuple[str, ...] | None
) -> tuple[list[Row], tuple[str, ...]]:
    """Logical rows from the placed lines (line number, text by column): a
    row starts where a column fills that was empty on the line above, and
    after a header line (``headers``) on any line but the header's own
    further lines (a few short names, no sentence: ``生产 15 条措施内容``).
    ``tail`` is what those further lines said under the table's first
    header, which a header repeated on a later page says again, and no more
    (the text of a task run on from the page before may be as short); None
    where this table's header is the first, whose ``tail`` is returned.

    A cell's piece that stops short of its column's width ends a paragraph:
    the cell's next piece opens another (a second unit, a second deadline)."""
    rows: list[Row] = []
    full = _full_widths([(n, c) for n, c in lines if n not in headers])
    current: _Cells | None = None
    previous: list[str] = []
    seen: list[str] = []  # the first header's further lines, while they are read
    following = -1  # how many further lines the header above has had, or -1 below a row
    for number, cells in lines:
        if number in headers:
            if following >= 0 and tail is None:
                tail = tuple(seen)  # a header straight below the first one's lines
            starts = True
            following = 0
        elif following >= 0 and (
            _names_go_on(cells) if tail is None else following < len(tail) and _squeezed(cells) == tail[following]
        ):
            if tail is None:
                seen.append(_squeezed(cells))
            following += 1
            starts = False
        else:
            starts = (
                current is None
                or following >= 0
                or any(text and not above for text, above in zip(cells, previous, strict=True))
            )
            if following >= 0 and tail is None:
                tail = tuple(seen)
            following = -1
        if starts or current is None:
            if current is not None:
                rows.append(current.row())
            current = _Cells(len(cells), number, full)
        current.add(cells)
        previous = cells
    if current is not None:
        rows.append(current.row())
    return rows, tail if tail is not None else tuple(seen)


def _footer(lines: Sequence[str], index: int) -> bool:
    """A page number on a line of its own by a blank line or a page break:
    the page's footer, which may stand where a column does."""
    if not _PAGE_NUMBER.fullmatch(lines[index]):
        return False
    before = lines[index - 1] if index > 0 else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    return not before.strip() or not after.strip() or after.startswith("\f")


def find_aligned_tables(lines: Sequence[str], first_number: int = 1) -> dict[int, tuple[int, Table]]:
    """The aligned tables among ``lines``: for the index of each table's
    first line, the index after its last line and the Table (rows numbered
    from ``first_number``).  A page number on a line of its own ends a table
    without ending its columns: lines after it that stand in them (with two
    cells or more on some line) are a table of their own, as a page of a
    tab-separated extraction is.  A line that stands in the current columns
    is a row, never the header of another table, however short its cells."""
    found: dict[int, tuple[int, Table]] = {}
    columns: list[int] | None = None
    heading = ""  # the header's words, which a page's repeated header line says again
    names: list[str] = []  # its column names
    tail: tuple[str, ...] | None = None  # its further lines' words
    i = 0
    while i < len(lines):
        if _footer(lines, i):
            i += 1
            continue
        again = bool(heading) and "".join(lines[i].split()) == heading
        header = _located(lines[i], names) if again else None
        row = _placed(lines[i], columns) if header is None and columns is not None else None
        named = _header(lines, i) if header is None and row is None and not again else None
        if named:
            header = [start for start, _ in named]
        if header is not None:
            columns = header
        elif row is None:
            if lines[i].strip() and not _PAGE_NUMBER.fullmatch(lines[i]):
                columns = None  # prose: the columns are over
            i += 1
            continue
        assert columns is not None  # a header set them, or the line was placed in them
        placed: list[tuple[int, list[str]]] = []
        headers = {first_number + i} if header is not None else set()
        words, labels, further = heading, names, tail
        if named:
            words, labels, further = "".join(lines[i].split()), [name for _, name in named], None
        j = i
        while j < len(lines) and not _footer(lines, j):
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
        # A header needs rows below it, and a header seen for the first
        # time a row of two cells or more: short cells of a row that lost
        # its columns, above lines of one column, are no header.
        enough = any(sum(1 for c in cells if c) >= 2 for _, cells in placed[1 if header is not None else 0 :])
        if header is not None:
            enough = len(placed) - 1 >= MIN_ROWS and (again or enough)
        if not enough:
            columns = None
            i += 1
            continue
        rows, further = _rows(placed, headers, further)
        heading, names, tail = words, labels, further
        found[i] = (j, Table(tuple(rows), first_number + i))
        i = j
    return found


__all__ = ["find_aligned_tables", "printed_width"]

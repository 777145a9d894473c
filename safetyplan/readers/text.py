"""Plain text and Markdown: one paragraph per line, tab-separated runs and
runs of lines in aligned columns as tables.

Text exports of Word plans keep a table as lines of tab-separated cells,
with a cell's further paragraphs on lines of their own (see :mod:`.tabrows`),
and web extractions leave ``<p>…</p>`` fragments inside those cells where a
cell held several paragraphs.  Both are resolved here, so a layout sees the
same Table whether the plan came as text or as .docx.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from ..document import Block, Cell, Document, Paragraph, Row, Table
from ..hookspecs import Reader, ReadResult, hookimpl
from .aligned import find_aligned_tables
from .encoding import decode
from .grid import Grid
from .html import html_blocks
from .markdown import GridRow, find_dash_tables, find_grid_tables, find_html_tables, find_pipe_tables, unescape
from .tabrows import TabRows, opens_part

_P_TAG = re.compile(r"<(/?)p(?:\s[^<>]{0,200})?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,200})?/?>")
_BR = re.compile(r"<br\s{0,3}/?>", re.IGNORECASE)
_MD_HEADING = re.compile(r"#{1,6}(?=\s|[^#])")


def split_cell(raw: str) -> Cell:
    """One cell's text, ``<p>`` fragments and ``<br>`` lines split into
    paragraphs, tags removed (a line break inside a cell stands between two
    names or two tasks, never inside one)."""
    raw = unescape(raw)
    if "<" not in raw and "&" not in raw:  # no tag and no entity: most cells
        text = raw.strip()
        return Cell((text,) if text else ("",))
    paragraphs = [p for line in _BR.split(raw) for p in _paragraphs(line)]
    return Cell(tuple(p for p in paragraphs if p) or ("",))


def _paragraphs(raw: str) -> list[str]:
    """The paragraphs of a cell's text: each ``<p>…</p>`` is a paragraph (a
    ``<p>`` opened inside one runs on to the first ``</p>``); text outside
    them, and an unclosed ``<p>`` with what follows it, is kept as a last
    paragraph.  One pass over the tags, so a cell of ten thousand unclosed
    ``<p>`` costs no more than its length."""
    paragraphs: list[str] = []
    rest: list[str] = []
    inside: list[str] | None = None
    pos = 0
    for m in _P_TAG.finditer(raw):
        chunk = raw[pos : m.start()]
        pos = m.end()
        if inside is None:
            rest.append(chunk)
            if m.group(1):
                rest.append(m.group(0))
            else:
                inside = [m.group(0)]
        elif m.group(1):
            inside.append(chunk)
            paragraphs.append(strip_tags("".join(inside[1:])))
            rest.append(" ")
            inside = None
        else:
            inside.extend((chunk, m.group(0)))
    rest.extend(inside or ())
    rest.append(raw[pos:])
    if paragraphs:
        leftover = strip_tags("".join(rest))
        if leftover:
            paragraphs.append(leftover)
        return paragraphs
    return [strip_tags(raw)]


def strip_tags(text: str) -> str:
    """Remove HTML tags and resolve entities."""
    return html.unescape(_TAG.sub("", text)).strip()


def text_to_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Split decoded text into paragraphs (non-blank lines) and tables
    (consecutive lines holding tabs, with the lines between them that carry
    a cell's further paragraphs, see :mod:`.tabrows`; Markdown's pipe, grid,
    multiline and HTML tables, see :mod:`.markdown`; or lines in aligned
    columns under a header, see :mod:`.aligned`)."""
    blocks: list[Block] = []
    tabbed: TabRows | None = None

    def flush() -> None:
        nonlocal tabbed
        if tabbed is not None:
            blocks.append(tabbed.table())
            tabbed = None

    lines = text.split("\n")
    marked = _marked_tables(text, lines)

    def taken(index: int) -> bool:
        return index in marked

    skip_to = 0
    for number, line in enumerate(lines, start=1):
        if number - 1 < skip_to:
            continue
        if number - 1 in marked:
            flush()
            skip_to, found = marked[number - 1]
            blocks.extend(found)
            continue
        stripped = line.rstrip()
        if "\t" in stripped.strip("\t ") or (tabbed is not None and "\t" in stripped):
            cells = [split_cell(c) for c in stripped.split("\t")]
            if tabbed is None:
                tabbed = TabRows(cells, line.count("\t") + 1, number)
            else:
                tabbed.add_line(cells, line.count("\t") + 1, number)
            continue
        if tabbed is not None and stripped.strip():
            further = _cell_paragraphs(lines, number - 1, taken)
            for paragraph in lines[number - 1 : number - 1 + further]:
                tabbed.add_paragraph(split_cell(paragraph))
            if further:
                skip_to = number - 1 + further
                continue
        flush()
        if not stripped.strip():
            continue
        style = None
        if markdown or stripped.lstrip().startswith("#"):
            m = _MD_HEADING.match(stripped.lstrip())
            if m:
                style = f"h{len(m.group(0))}"
        blocks.append(Paragraph(unescape(stripped), number, style))
    flush()
    return blocks


def _marked_tables(text: str, lines: Sequence[str]) -> dict[int, tuple[int, list[Block]]]:
    """The tables whose own marks say where they start and end: for the
    index of each one's first line, the index after its last and its blocks.
    Aligned columns are the weakest mark: a Markdown table starting on the
    same line is read by its own grammar instead."""
    marked: dict[int, tuple[int, list[Block]]] = {}
    if "   " in text:
        marked.update((i, (end, [table])) for i, (end, table) in find_aligned_tables(lines).items())
    if "<" in text:
        for i, end in find_html_tables(lines).items():
            marked[i] = (end, html_blocks("\n".join(lines[i:end]), first_line=i + 1))
    if "|" in text:
        for i, (end, pipe_rows) in find_pipe_tables(lines).items():
            piped = (Row(tuple(split_cell(c) for c in cells), k + 1) for k, cells in pipe_rows)
            marked[i] = (end, [Table(tuple(piped), i + 1)])
    if "+-" in text:
        for i, (end, grid_rows) in find_grid_tables(lines).items():
            marked[i] = (end, [_grid_table(grid_rows, i + 1)])
    if "--" in text:
        for i, (end, dash_rows) in find_dash_tables(lines).items():
            dashed = (Row(tuple(Cell((unescape(c),)) for c in cells), k + 1) for k, cells in dash_rows)
            marked[i] = (end, [Table(tuple(dashed), i + 1)])
    return marked


def _cell_paragraphs(lines: Sequence[str], start: int, taken: Callable[[int], bool]) -> int:
    """How many lines from ``start`` carry further paragraphs of a tab
    table's last cell: lines without tabs that a line of the same table
    follows, none blank (a blank line ends the table) and none opening with
    a part label (a part row merged across the table prints no tab).  Prose
    after a table is followed by no row, so it stays prose (0)."""
    index = start
    while index < len(lines) and not taken(index):
        line = lines[index].rstrip()
        if "\t" in line:
            return index - start
        if not line.strip() or opens_part(line):
            return 0
        index += 1
    return 0


def _grid_table(rows: list[GridRow], line: int) -> Table:
    """A grid table's rows on the shared grid, merged cells marked as the
    Word and HTML readers mark them."""
    grid = Grid()
    out = []
    for index, cells in rows:
        for paragraphs, continues in cells:
            grid.add(tuple(unescape(p) for p in paragraphs), continues=continues)
        out.append(Row(grid.end_row(), index + 1))
    return Table(tuple(out), line)


class TextReader:
    name = "text"
    suffixes: tuple[str, ...] = (".txt", ".text", ".md", ".markdown")
    description = "plain text and Markdown (UTF-8, UTF-16, GB18030/GBK detected)"

    def sniff(self, head: bytes) -> bool:
        return True

    def read(self, data: bytes, *, path: str | None = None) -> ReadResult:
        text, encoding, warnings = decode(data, path=path)
        markdown = bool(path and path.lower().endswith((".md", ".markdown")))
        blocks = text_to_blocks(text, markdown=markdown)
        return Document(tuple(blocks), path=path, format=f"text/{encoding}", warnings=tuple(warnings))


@hookimpl
def safetyplan_readers() -> list[Reader]:
    return [TextReader()]


__all__ = ["TextReader", "split_cell", "strip_tags", "text_to_blocks"]

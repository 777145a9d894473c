"""HTML pages and fragments: block elements as paragraphs, tables as tables.

Plans are published as web pages and pasted as fragments (``<p>`` per
paragraph, a ``<table>`` for the task list).  A person reading the page sees
one paragraph per block element (``p``, ``h1``–``h6``, ``li``, ``div`` …) and
a new line at every ``<br>``; scripts, styles and the page title are never
shown, and neither are they read.  (The head is otherwise read: libxml2 puts
a fragment's text there when it begins with a script.)  Tables come out on their column grid with
``rowspan``/``colspan`` resolved by the same grid (:mod:`.grid`) that lays out
the .docx reader's merged cells, so a layout reads a task table alike from either.

Government sites wrap the article in their own page: a table that only lays
the page out (no row fills two cells, or a cell holds a table or a whole
article) is read as the blocks its cells hold; an ordered list's numbers are
drawn as a browser draws them; and the site's own parts (navigation,
location line, tools, footer — by element and by class or id) are styled
:data:`~safetyplan.document.CHROME`, so layouts keep them as notes.

lxml's HTML parser is run without network access and with its default
limits; it silently drops whatever lies deeper than its nesting limit, so a
document that reaches that limit is refused rather than read in part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ..document import CHROME, Block, Document, Paragraph, Row, Table
from ..errors import UnreadableFileError, UnsafeFileError
from ..hookspecs import Reader, ReadResult, hookimpl
from .encoding import decode
from .grid import Grid, cell_texts, lays_out
from .wordnumbering import chinese_counting

if TYPE_CHECKING:  # lxml is imported when a page is read, not when the reader is registered
    from lxml import etree

MAX_DEPTH = 250
"""Nesting at which libxml2 (limit 255) may already have dropped content."""

_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre section article header footer main nav "
    "aside address center figure figcaption form fieldset legend hr details summary caption body html head "
    "tbody thead tfoot tr".split()
)
_DROPPED = frozenset(
    "script style noscript template title meta link iframe object embed svg math canvas select "
    "option textarea button input audio video source track map area".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_SPACE = re.compile(r"[ \t\n\r\f]+")
_LEAD = " \t\n\r\f\xa0\u2002\u2003"
_META_CHARSET = re.compile(rb"<meta[^<>]{0,300}?charset\s{0,3}=\s{0,3}[\"']?([A-Za-z0-9_:.-]{1,40})", re.IGNORECASE)
_XML_DECL = re.compile(r"\A\s{0,100}<\?xml[^<>]{0,500}\?>")


_CHROME_TAGS = frozenset("nav header footer aside".split())
_CHROME_NAMES = frozenset(
    "nav navbar navigation menu topbar toolbar footer foot bottom copyright location position breadcrumb "
    "breadcrumbs crumb crumbs dqwz share tools print prevnext pager pagination sidebar search logo banner "
    "friendlink links".split()
)
"""Class and id words that name a page's own parts (navigation, location,
tools, footer): what a site shows around every article, never a plan's text."""
_NAME_SPLIT = re.compile(r"[\s_-]+")


def _is_chrome(el: etree._Element, tag: str) -> bool:
    """Whether ``el`` holds the site's furniture rather than the article."""
    if tag in _CHROME_TAGS:
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(names.strip()) and any(word in _CHROME_NAMES for word in _NAME_SPLIT.split(names.lower()))


class _Blocks:
    """Collects blocks from an element tree: text runs gathered into the
    current paragraph until a block boundary or ``<br>`` ends it."""

    def __init__(self) -> None:
        self.out: list[Block] = []
        self.buffer: list[str] = []
        self.line: int | None = None
        self.style: str | None = None
        self.pre = 0
        self.ordinal = 0
        self.marker: str | None = None
        """The number an ordered list draws before the item about to be walked."""
        self.chrome = 0
        """Depth inside the site's furniture (navigation, tools, footer):
        its paragraphs are styled ``chrome``, which layouts set aside."""

    def add_text(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self.line is None and text.strip(_LEAD):
            self.line = line
        self.buffer.append(text if self.pre else _SPACE.sub(" ", text))

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        line, self.line = self.line, None
        style, self.style = self.style, None
        pieces = text.split("\n") if self.pre else [text]
        for piece in pieces:
            piece = piece.rstrip() if self.pre else piece.lstrip(_LEAD).rstrip()
            if piece:
                self.ordinal += 1
                self.out.append(Paragraph(piece, line or self.ordinal, CHROME if self.chrome else style))

    def walk(self, el: etree._Element) -> None:
        tag = _tag(el)
        line = _line(el)
        if tag is None or tag in _DROPPED:
            self.add_text(el.tail, line)  # the element is not shown; the text after it is
            return
        if tag not in ("html", "body") and _is_chrome(el, tag):
            self.flush()
            self.chrome += 1
            self.add_text(el.text, line)
            for child in el:
                self.walk(child)
            self.flush()
            self.chrome -= 1
            self.add_text(el.tail, line)
            return
        if tag == "br":
            self.flush()
        elif tag == "table" and _lays_out_page(el):
            # A table that lays the page out: its cells are read as the
            # blocks they hold, as a browser shows them.
            self.flush()
            self.out.extend(_foster(el))
            for _, cells in _rows(el):
                for td in cells:
                    self.add_text(td.text, _line(td))
                    for child in td:
                        self.walk(child)
                    self.flush()
        elif tag == "table":
            self.flush()
            table = self.table(el)
            if table.rows:
                self.out.append(table)
        elif tag == "ol" and (counting := _counting(el)):
            # An ordered list's numbers are drawn by the browser, not written.
            self.flush()
            self.add_text(el.text, line)
            number = _span(el.get("start"))
            for child in el:
                if _tag(child) == "li":
                    if child.get("value") is not None:
                        number = _span(child.get("value"))
                    self.marker = f"{chinese_counting(number)}、" if counting == "cjk" else f"{number}."
                    number += 1
                self.walk(child)
            self.flush()
        elif tag in _BLOCK:
            self.flush()
            if tag in _HEADINGS:
                self.style = tag
            self.pre += tag == "pre"
            if tag == "li" and self.marker:
                self.add_text(self.marker, line)
            self.marker = None
            self.add_text(el.text, line)
            for child in el:
                self.walk(child)
            if tag in _HEADINGS and self.style is None and self.buffer:
                self.style = tag
            self.flush()
            self.pre -= tag == "pre"
        else:
            self.add_text(el.text, line)
            for child in el:
                self.walk(child)
        self.add_text(el.tail, line)

    def table(self, table: etree._Element) -> Table:
        """The table on its column grid: a cell spanning columns is repeated
        in each, a cell spanning rows carried down, copies marked merged."""
        rows: list[Row] = []
        grid = Grid()
        self.out.extend(_foster(table))
        for line, row_cells in _rows(table):
            for td in row_cells:
                if grid.full:
                    break
                grid.add(_cell_paragraphs(td), columns=_span(td.get("colspan")), rows=_span(td.get("rowspan")))
            cells = grid.end_row()
            if cells:
                rows.append(Row(cells, line or _line(table) or 0))
        return Table(tuple(rows), _line(table) or (rows[0].line if rows else 0))


def _line(el: etree._Element) -> int | None:
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) else None


def _tag(el: etree._Element) -> str | None:
    tag = el.tag
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1].lower()


_TABLE_PARTS = frozenset("tr td th thead tbody tfoot colgroup col".split())


def _foster(table: etree._Element) -> list[Block]:
    """Text a table holds outside its cells — its caption, and stray text or
    elements between rows — as paragraphs before it, where a browser shows
    them; nothing in the table is dropped for standing in the wrong place."""
    stray = _Blocks()
    stack = [table]
    while stack:
        part = stack.pop(0)
        stray.add_text(part.text, _line(part))
        for child in part:
            tag = _tag(child)
            if tag in {"thead", "tbody", "tfoot"} or (tag == "tr" and _tag(part) != "tr"):
                stack.append(child)
            elif tag not in _TABLE_PARTS:
                stray.walk(child)
                continue
            stray.add_text(child.tail, _line(child))
        stray.flush()
    return stray.out


def _rows(table: etree._Element) -> Iterator[tuple[int | None, list[etree._Element]]]:
    """The table's own rows, in order, through thead/tbody/tfoot but not
    into tables nested in its cells: each row's line and its cells.  Cells
    standing outside any row form one, as a browser shows them."""
    stray: list[etree._Element] = []
    for part in [table, *(c for c in table if _tag(c) in {"thead", "tbody", "tfoot"})]:
        for child in part:
            tag = _tag(child)
            if tag in {"td", "th"}:
                stray.append(child)
                continue
            if stray:
                yield _line(stray[0]), stray
                stray = []
            if tag == "tr":
                yield _line(child), [c for c in child if _tag(c) in {"td", "th"}]
        if stray:
            yield _line(stray[0]), stray
            stray = []


LAYOUT_CELL_TEXT = 1000
"""Characters of text above which a table cell holds a page's content, not
a value (the longest task-table cell holds a few hundred)."""


def _lays_out_page(table: etree._Element) -> bool:
    """Whether ``table`` lays a page out rather than holding data: no row
    fills more than one cell (a title row, an info row, a content row …;
    see :func:`.grid.lays_out`), or a cell holds another table or more text
    than any data cell does."""
    rows = [cells for _, cells in _rows(table)]
    pieces = [[[str(text) for text in td.itertext()] for td in cells] for cells in rows]  # each cell's text read once
    if lays_out([" ".join(cell) for cell in row] for row in pieces):
        return True
    if any(sum(map(len, cell)) > LAYOUT_CELL_TEXT for row in pieces for cell in row):
        return True
    return any(_tag(inner) == "table" for cells in rows for td in cells for inner in td.iter())


_CJK_STYLES = frozenset({"cjk-ideographic", "simp-chinese-informal", "trad-chinese-informal"})
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s{0,3}:\s{0,3}([a-z-]{1,40})", re.IGNORECASE)


def _counting(ol: etree._Element) -> str | None:
    """How an ordered list numbers its items: ``decimal`` (1.), ``cjk``
    (一、), or None where it draws letters, roman numerals or nothing."""
    style = _LIST_STYLE.search(ol.get("style") or "")
    kind = style.group(1).lower() if style else ("decimal" if (ol.get("type") or "1") == "1" else "other")
    if kind in _CJK_STYLES:
        return "cjk"
    return "decimal" if kind in ("decimal", "decimal-leading-zero") else None


def _cell_paragraphs(td: etree._Element) -> tuple[str, ...]:
    inner = _Blocks()
    inner.add_text(td.text, _line(td))
    for child in td:
        inner.walk(child)
    inner.flush()
    return cell_texts(inner.out)


def _span(value: str | None) -> int:
    """A ``colspan`` or ``rowspan`` as a number, 1 where it is not one; the
    grid bounds it.  Only the first six characters are read, so a value of
    any length costs nothing to parse."""
    if value is None:
        return 1
    digits = value.strip()[:6]
    return int(digits) if digits.isascii() and digits.isdigit() else 1


def _depth(root: etree._Element) -> int:
    deepest = 0
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in el)
    return deepest


class HtmlReader:
    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")
    description = "HTML pages and fragments (paragraphs, tables with rowspan/colspan)"

    def sniff(self, head: bytes) -> bool:
        lowered = head[:1024].lstrip().lower()
        return lowered.startswith((b"<!doctype html", b"<html", b"<p", b"<div", b"<table", b"<body", b"<meta"))

    def read(self, data: bytes, *, path: str | None = None) -> ReadResult:
        declared = _META_CHARSET.search(data[:4096])
        text, encoding, warnings = decode(
            data, path=path, declared=declared.group(1).decode("ascii") if declared else None
        )
        blocks = html_blocks(_XML_DECL.sub("", text, count=1), path=path)
        if not blocks:
            raise UnreadableFileError("HTML has no text", path=path, hint="is this the right file?")
        return Document(tuple(blocks), path=path, format=f"html/{encoding}", warnings=tuple(warnings))


def html_blocks(text: str, *, path: str | None = None, first_line: int = 1) -> list[Block]:
    """The blocks of a page or fragment, as a browser shows them; a fragment
    cut from a longer file (a table a Markdown converter wrote as HTML)
    numbers its lines from ``first_line``."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableFileError(f"cannot read HTML: {exc}", path=path) from None
    if _depth(root) >= MAX_DEPTH:
        raise UnsafeFileError(
            f"HTML nests elements {MAX_DEPTH} or more levels deep",
            path=path,
            hint="not a genuine page; save the plan as text or .docx",
        )
    blocks = _Blocks()
    blocks.walk(root)
    blocks.flush()
    return blocks.out if first_line == 1 else [_moved(block, first_line - 1) for block in blocks.out]


def _moved(block: Block, lines: int) -> Block:
    """``block`` with its line numbers ``lines`` further on."""
    if isinstance(block, Table):
        rows = tuple(attrs.evolve(row, line=row.line + lines) for row in block.rows)
        return Table(rows, block.line + lines)
    return attrs.evolve(block, line=block.line + lines)


@hookimpl
def safetyplan_readers() -> list[Reader]:
    return [HtmlReader()]


__all__ = ["MAX_DEPTH", "HtmlReader", "html_blocks"]

"""Render a plan read from text into a Word file, the way an author's .docx holds it.

The Word input tests need .docx renderings of the corpus documents that were
made independently of the parser, so they are built from the reader's
Document blocks, never from a parsed Plan:

* Markdown headings (``## 一、…``) and short numbered heading lines
  (``一、…``, ``（一）…`` without a sentence inside) become ``Heading N``
  paragraphs without their ``#`` marks;
* ``**bold**`` spans become bold runs, and every other long paragraph is cut
  into several runs, as Word cuts text wherever editing touched it;
* leading spaces become an indent (or right alignment for a signature pushed
  right with spaces), as Word stores them;
* each table becomes a real Word table: the first row a repeating header row
  where it is one, and a first-column cell with text merged vertically over the
  empty cells below it, as the merged part cells of a task table are.

Every text paragraph stays one Word paragraph, hard line breaks included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table as WordTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as WordParagraph

from safetyplan.document import Document, Paragraph, Table
from safetyplan.layouts.numbering import match_label

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MD_HEADING = re.compile(r"\s{0,3}(#{1,6})\s{0,8}")
_RUN_LENGTHS = (7, 13, 29)
_RIGHT_ALIGNED_INDENT = 10


def render_docx(document: Document, target: Path) -> Path:
    """Write ``document`` to ``target`` as a .docx file and return the path."""
    word = docx.Document()
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            _paragraph(word, block, following if isinstance(following, Paragraph) else None, index)
        else:
            _table(word, block)
    word.save(str(target))
    return target


def heading_level(paragraph: Paragraph, following: Paragraph | None) -> tuple[int | None, str]:
    """The Word heading level a paragraph would carry, and its text without
    Markdown heading marks.  A short ``（一）…`` line is a heading only where
    a numbered line follows it: otherwise it is the start of a paragraph the
    text broke after a few words."""
    text = paragraph.text
    m = _MD_HEADING.match(text)
    if m and (paragraph.style or "").startswith("h"):
        return min(len(m.group(1)), 4), text[m.end() :]
    plain = _BOLD.sub(r"\1", text).strip()
    label = match_label(plain)
    if label is None or len(plain) > 40 or "。" in plain[:-1]:
        return None, text
    if label.kind == "cn":
        return 1, text
    if label.kind == "cn_paren" and (following is None or match_label(_BOLD.sub(r"\1", following.text)) is not None):
        return 2, text
    return None, text


def _paragraph(word: WordDocument, block: Paragraph, following: Paragraph | None, index: int) -> None:
    level, text = heading_level(block, following)
    body = text.strip()
    indent = len(text) - len(text.lstrip())
    paragraph = word.add_paragraph(style=f"Heading {level}" if level else None)
    if indent >= _RIGHT_ALIGNED_INDENT:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif indent and level is None:
        paragraph.paragraph_format.first_line_indent = Pt(21)
    _add_runs(paragraph, body, split=index % 2 == 0)


def _add_runs(paragraph: WordParagraph, text: str, *, split: bool) -> None:
    """Bold spans as bold runs; with ``split``, plain text cut into runs of
    varying length too."""
    at = 0
    for m in _BOLD.finditer(text):
        _plain_runs(paragraph, text[at : m.start()], split)
        paragraph.add_run(m.group(1)).bold = True
        at = m.end()
    _plain_runs(paragraph, text[at:], split)


def _plain_runs(paragraph: WordParagraph, text: str, split: bool) -> None:
    if not text:
        return
    if not split:
        paragraph.add_run(text)
        return
    at, turn = 0, 0
    while at < len(text):
        size = _RUN_LENGTHS[turn % len(_RUN_LENGTHS)]
        paragraph.add_run(text[at : at + size])
        at += size
        turn += 1


def _table(word: WordDocument, table: Table) -> None:
    width = max(len(row.cells) for row in table.rows)
    grid = word.add_table(rows=len(table.rows), cols=width)
    grid.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for c in range(width):
            paragraphs = row.cells[c].paragraphs if c < len(row.cells) else ()
            _fill(grid.cell(r, c), paragraphs, split=(r + c) % 2 == 0)
    first_body_row = 0
    if _is_header(table):
        _repeat_as_header(grid.rows[0])
        first_body_row = 1
    _merge_first_column(grid, table, first_body_row)


def _fill(cell: _Cell, paragraphs: Sequence[str], *, split: bool) -> None:
    texts = [p for p in paragraphs if p.strip()]
    for i, text in enumerate(texts):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _add_runs(paragraph, text.strip(), split=split)


def _is_header(table: Table) -> bool:
    """A first row of short labels in every cell (重点任务 | 责任单位 | 完成时限)."""
    cells = table.rows[0].cells
    return len(table.rows) > 1 and all(0 < len(c.text.strip()) <= 30 for c in cells)


def _repeat_as_header(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _merge_first_column(grid: WordTable, table: Table, first_row: int) -> None:
    """Merge each first-column cell with text over the empty cells below it."""
    start: int | None = None
    end = 0
    for r in range(first_row, len(table.rows)):
        text = table.rows[r].cells[0].text.strip() if table.rows[r].cells else ""
        if text:
            if start is not None and end > start:
                grid.cell(start, 0).merge(grid.cell(end, 0))
            start = end = r
        elif start is not None:
            end = r
    if start is not None and end > start:
        grid.cell(start, 0).merge(grid.cell(end, 0))


__all__ = ["heading_level", "render_docx"]

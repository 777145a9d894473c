"""Render a plan read from text into an HTML page, the way a CMS publishes it.

The HTML input tests need web-page renderings of the corpus documents made
independently of the parser, so they are built from the reader's Document
blocks, never from a parsed Plan:

* Markdown headings and short numbered heading lines become ``<h1>``–``<h4>``
  (the same choice the Word rendering makes, see :func:`heading_level`);
* every other line becomes one ``<p>``, ``**bold**`` spans ``<strong>``;
* an indent becomes ``&nbsp;`` entities or full-width spaces, as editors type
  it; with ``indent_all`` every body paragraph opens with two full-width
  spaces, as many CMS templates put them;
* a run of spaces inside a line (``填报单位：      填报日期：``) becomes
  ``&nbsp; &nbsp; …`` as web editors save it, so the page shows the gap;
* each table becomes a ``<table>``: a header row of ``<th>`` where the first
  row is one, a cell holding several paragraphs a ``<p>`` each, and a
  first-column cell with text spanning the empty cells below it with
  ``rowspan``, as the merged group cells of a task table are published.

Markup characters in the text are escaped, so the page shows what the text
file holds.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx_render import heading_level

from safetyplan.document import Document, Paragraph, Table

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_FULL_WIDTH_INDENT = "\u3000\u3000"
_SPACE_RUN = re.compile(r" {2,}")


def render_html(document: Document, target: Path, *, indent_all: bool = False) -> Path:
    """Write ``document`` to ``target`` as a UTF-8 HTML page and return the path."""
    body: list[str] = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            body.append(_paragraph(block, following if isinstance(following, Paragraph) else None, index, indent_all))
        else:
            body.append(_table(block))
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(Path(document.path or 'plan').stem)}</title>\n"
        '<style>p { text-indent: 2em; }</style>\n</head>\n<body>\n<div class="article-content">\n'
        + "\n".join(body)
        + "\n</div>\n</body>\n</html>\n"
    )
    target.write_text(page, encoding="utf-8")
    return target


def _paragraph(block: Paragraph, following: Paragraph | None, index: int, indent_all: bool) -> str:
    level, text = heading_level(block, following)
    body = text.strip()
    indent = len(text) - len(text.lstrip())
    if level:
        return f"<h{level}>{_inline(body)}</h{level}>"
    if indent_all:
        lead = _FULL_WIDTH_INDENT
    elif index % 2:
        lead = "\u3000" * ((indent + 1) // 2)
    else:
        lead = "&nbsp;" * indent
    return f"<p>{lead}{_inline(body)}</p>"


def _inline(text: str) -> str:
    """Escaped text with ``**bold**`` spans as ``<strong>``."""
    out: list[str] = []
    at = 0
    for m in _BOLD.finditer(text):
        out.append(_escape(text[at : m.start()]))
        out.append(f"<strong>{_escape(m.group(1))}</strong>")
        at = m.end()
    out.append(_escape(text[at:]))
    return "".join(out)


def _escape(text: str) -> str:
    """Escaped text, runs of spaces as alternating ``&nbsp;`` and spaces."""
    escaped = html.escape(text, quote=False)
    return _SPACE_RUN.sub(_nbsp, escaped)


def _nbsp(run: re.Match[str]) -> str:
    width = len(run.group(0))
    return "&nbsp; " * (width // 2) + "&nbsp;" * (width % 2)


def _table(table: Table) -> str:
    header = _is_header(table)
    spans = _first_column_spans(table, 1 if header else 0)
    rows: list[str] = []
    for r, row in enumerate(table.rows):
        cells: list[str] = []
        for c, cell in enumerate(row.cells):
            if c == 0 and r in spans and spans[r] == 0:
                continue  # covered by a rowspan from above
            tag = "th" if header and r == 0 else "td"
            span = f' rowspan="{spans[r]}"' if c == 0 and spans.get(r, 1) > 1 else ""
            cells.append(f"<{tag}{span}>{_cell(cell.paragraphs)}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0">\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


def _cell(paragraphs: tuple[str, ...]) -> str:
    texts = [p.strip() for p in paragraphs if p.strip()]
    if len(texts) <= 1:
        return _inline(texts[0]) if texts else ""
    return "".join(f"<p>{_inline(t)}</p>" for t in texts)


def _is_header(table: Table) -> bool:
    """A first row of short labels in every cell (重点任务 | 责任单位 | 完成时限)."""
    cells = table.rows[0].cells
    return len(table.rows) > 1 and all(0 < len(c.text.strip()) <= 30 for c in cells)


def _first_column_spans(table: Table, first_row: int) -> dict[int, int]:
    """Row -> rowspan of its first cell: a cell with text spans the rows
    below it whose first cell is empty (those rows get 0: no cell)."""
    spans: dict[int, int] = {}
    start: int | None = None
    for r in range(first_row, len(table.rows)):
        cells = table.rows[r].cells
        text = cells[0].text.strip() if cells else ""
        if text or start is None:
            start = r
            spans[r] = 1
        else:
            spans[start] += 1
            spans[r] = 0
    return spans


__all__ = ["render_html"]

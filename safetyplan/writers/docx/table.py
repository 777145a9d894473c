"""The task allocation table (重点任务分工表): one row per measure.

Columns 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限, measures grouped under
section rows, on landscape A4.  The header row repeats on every page
(``w:tblHeader``) and no row breaks across pages (``w:cantSplit``).  What the
cells say follows the visible conventions of
:mod:`safetyplan.layouts.tasktable`, so the table reads back into a Plan after
a clerk has edited it.

The table is built as lxml elements — a fixed number per cell, no lookups — so
writing it costs time linear in the number of measures and well under what
python-docx's cell objects cost for the same cells.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO

import attrs
from lxml import etree

from ...layouts.numbering import match_label
from ...layouts.tasktable import HEADER, attachment_heading, meta_line, title_line, unit_cells
from ...model import Measure, Plan, Section
from .gbt9704 import LANDSCAPE, section_properties
from .ooxml import PPR, PSTYLE, SPACE, VAL, Body, P, R, T, add_paragraph, block, sub, w
from .package import WordPackage

COLUMN_SHARES: tuple[int, ...] = (6, 52, 15, 15, 12)
"""Column widths in per cent of the table width."""

_SECTION_STYLES = {"cn": "TableSection1", "cn_paren": "TableSection2"}
_TC, _TCPR, _TCW, _TRPR = w("tc"), w("tcPr"), w("tcW"), w("trPr")
_CANT_SPLIT, _TBL_HEADER, _GRID_SPAN, _SHD, _VALIGN = (
    w("cantSplit"),
    w("tblHeader"),
    w("gridSpan"),
    w("shd"),
    w("vAlign"),
)
_W, _TYPE = w("w"), w("type")
_CENTRE = {VAL: "center"}
_SHADE = {VAL: "clear", w("color"): "auto", w("fill"): "F2F2F2"}


@attrs.frozen
class GroupRow:
    """A row spanning the table: a section heading or an attachment's name."""

    text: str
    style: str


TableRow = GroupRow | Measure


def has_measures(section: Section) -> bool:
    return next(section.measures(), None) is not None


def section_rows(sections: Iterable[Section]) -> Iterator[TableRow]:
    """Group rows and measures of a section tree, in document order."""
    for section in sections:
        if not has_measures(section):
            continue
        if section.heading.strip():
            label = match_label(section.heading)
            yield GroupRow(section.heading, _SECTION_STYLES.get(label.kind if label else "cn", "TableSection3"))
        for child in section.children:
            if isinstance(child, Measure):
                yield child
            else:
                yield from section_rows((child,))


def plan_rows(plan: Plan) -> Iterator[TableRow]:
    """Every row of a plan's task table: the body, then each attachment
    under a row naming it."""
    yield from section_rows(plan.sections)
    for index, attachment in enumerate(plan.attachments, start=1):
        if any(has_measures(s) for s in attachment.sections):
            yield GroupRow(attachment_heading(attachment, index), "TableSection1")
            yield from section_rows(attachment.sections)


def measure_number(measure: Measure) -> str:
    """What the 序号 column shows: the number, or the label where there is none."""
    return str(measure.number) if measure.number is not None else measure.label


class TaskTable:
    """Makes the parts of a ``w:tbl`` of a given width, row by row, for
    :meth:`Body.table <.ooxml.Body.table>` to write as they come."""

    def __init__(self, width: int, header: Sequence[str] = HEADER, shares: Sequence[int] = COLUMN_SHARES) -> None:
        self.header = tuple(header)
        self.widths = [width * share // sum(shares) for share in shares]
        self.width = sum(self.widths)
        self._cells: dict[tuple[int, int, bool], etree._Element] = {}
        self._paragraphs: dict[tuple[str, bool], etree._Element] = {}

    def write(self, body: Body, rows: Iterable[TableRow]) -> None:
        """Write the header and ``rows`` (section rows and measures) into ``body``."""
        body.table(self.head(), (self.group_row(r) if isinstance(r, GroupRow) else self.measure_row(r) for r in rows))

    def head(self) -> list[etree._Element]:
        """Table properties, column grid and the header row, repeated on every page."""
        tblpr = block("tblPr")
        sub(tblpr, "tblStyle", val="TaskTable")
        sub(tblpr, "tblW", w=str(self.width), type="dxa")
        sub(tblpr, "jc", val="center")
        sub(tblpr, "tblLayout", type="fixed")
        grid = block("tblGrid")
        for width in self.widths:
            sub(grid, "gridCol", w=str(width))
        header = self._row(header=True)
        for i, name in enumerate(self.header):
            self._cell(header, i, [name], "TableHeader")
        return [tblpr, grid, header]

    def group_row(self, row: GroupRow) -> etree._Element:
        tr = self._row()
        self._cell(tr, 0, [row.text], row.style, span=len(self.widths), shade=True)
        return tr

    def measure_row(self, measure: Measure) -> etree._Element:
        tr = self._row()
        self._cell(tr, 0, [measure_number(measure)], "TableCentre")
        self._cell(tr, 1, measure.text.split("\n"), "TableText")
        lead, support, joined = unit_cells(measure.assignments)
        if joined:
            self._cell(tr, 2, lead, "TableCentre", span=2)
        else:
            self._cell(tr, 2, lead, "TableCentre")
            self._cell(tr, 3, support, "TableCentre")
        self._cell(tr, 4, [d.text for d in measure.deadlines], "TableCentre")
        return tr

    def cells_row(self, cells: Sequence[tuple[Sequence[str], str]]) -> etree._Element:
        """A plain row: each cell's paragraphs and style."""
        tr = self._row()
        for i, (paragraphs, style) in enumerate(cells):
            self._cell(tr, i, paragraphs, style)
        return tr

    def _row(self, *, header: bool = False) -> etree._Element:
        tr = block("tr")
        trpr = etree.SubElement(tr, _TRPR)
        etree.SubElement(trpr, _CANT_SPLIT)
        if header:
            etree.SubElement(trpr, _TBL_HEADER)
        return tr

    def _cell(
        self,
        tr: etree._Element,
        column: int,
        paragraphs: Sequence[str],
        style: str,
        *,
        span: int = 1,
        shade: bool = False,
    ) -> None:
        # Copying a finished template is a single C call; building the same
        # elements one SubElement at a time costs several times as much.
        key = (column, span, shade)
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = self._cell_template(column, span, shade)
        tc = copy.copy(cell)
        tr.append(tc)
        for text in paragraphs or ("",):
            p = copy.copy(self._paragraph(style, bool(text)))
            tc.append(p)
            if text:
                t = p[1][0]
                t.text = text
                if text[0].isspace() or text[-1].isspace():
                    t.set(SPACE, "preserve")

    def _cell_template(self, column: int, span: int, shade: bool) -> etree._Element:
        tc = etree.Element(_TC)
        tcpr = etree.SubElement(tc, _TCPR)
        etree.SubElement(tcpr, _TCW, {_W: str(sum(self.widths[column : column + span])), _TYPE: "dxa"})
        if span > 1:
            etree.SubElement(tcpr, _GRID_SPAN, {VAL: str(span)})
        if shade:
            etree.SubElement(tcpr, _SHD, _SHADE)
        etree.SubElement(tcpr, _VALIGN, _CENTRE)
        return tc

    def _paragraph(self, style: str, with_text: bool) -> etree._Element:
        """A paragraph in ``style``, with an empty run and text where ``with_text``."""
        key = (style, with_text)
        p = self._paragraphs.get(key)
        if p is None:
            p = self._paragraphs[key] = etree.Element(P)
            etree.SubElement(etree.SubElement(p, PPR), PSTYLE, {VAL: style})
            if with_text:
                etree.SubElement(etree.SubElement(p, R), T)
        return p


def write(plan: Plan, stream: BinaryIO, options: dict[str, Any]) -> None:
    """Write ``plan`` as a task allocation table on landscape A4."""
    package = WordPackage(plan.title)
    with package.body(stream) as body:
        body.add(add_paragraph(None, "TableTitle", title_line(plan.title)))
        meta = meta_line(plan)
        if meta:
            body.add(add_paragraph(None, "TableMeta", meta))
        TaskTable(LANDSCAPE.text_width).write(body, plan_rows(plan))
        body.add(add_paragraph(None, "TableText"))
        body.add(section_properties(None, LANDSCAPE, package.footers))


__all__ = ["COLUMN_SHARES", "GroupRow", "TaskTable", "measure_number", "plan_rows", "section_rows", "write"]

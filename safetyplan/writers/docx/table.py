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

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO

import attrs
from lxml import etree

from ...layouts.numbering import match_label
from ...layouts.tasktable import HEADER, attachment_heading, meta_line, title_line, unit_cells
from ...model import Measure, Plan, Section
from .gbt9704 import LANDSCAPE, section_properties
from .ooxml import PPR, PSTYLE, SPACE, VAL, P, R, T, add_paragraph, document_root, serialise, sub, w
from .package import WordPackage

COLUMN_SHARES: tuple[int, ...] = (6, 46, 17, 17, 14)
"""Column widths in per cent of the table width."""

_SECTION_STYLES = {"cn": "TableSection1", "cn_paren": "TableSection2"}
_TC, _TCPR, _TCW, _TR, _TRPR = w("tc"), w("tcPr"), w("tcW"), w("tr"), w("trPr")
_W, _TYPE = w("w"), w("type")


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
    """Builds ``w:tbl`` elements of a given width."""

    def __init__(self, width: int, header: Sequence[str] = HEADER, shares: Sequence[int] = COLUMN_SHARES) -> None:
        self.header = tuple(header)
        self.widths = [width * share // sum(shares) for share in shares]
        self.width = sum(self.widths)

    def table(self, rows: Iterable[TableRow]) -> etree._Element:
        tbl = etree.Element(w("tbl"))
        tblpr = sub(tbl, "tblPr")
        sub(tblpr, "tblStyle", val="TaskTable")
        sub(tblpr, "tblW", w=str(self.width), type="dxa")
        sub(tblpr, "jc", val="center")
        sub(tblpr, "tblLayout", type="fixed")
        grid = sub(tbl, "tblGrid")
        for width in self.widths:
            sub(grid, "gridCol", w=str(width))
        header = self._row(tbl, header=True)
        for i, name in enumerate(self.header):
            self._cell(header, i, [name], "TableHeader")
        for row in rows:
            if isinstance(row, GroupRow):
                self.group_row(tbl, row)
            else:
                self.measure_row(tbl, row)
        return tbl

    def group_row(self, tbl: etree._Element, row: GroupRow) -> None:
        tr = self._row(tbl)
        self._cell(tr, 0, [row.text], row.style, span=len(self.widths), shade=True)

    def measure_row(self, tbl: etree._Element, measure: Measure) -> None:
        tr = self._row(tbl)
        self._cell(tr, 0, [measure_number(measure)], "TableCentre")
        self._cell(tr, 1, measure.text.split("\n"), "TableText")
        lead, support, joined = unit_cells(measure.assignments)
        if joined:
            self._cell(tr, 2, lead, "TableCentre", span=2)
        else:
            self._cell(tr, 2, lead, "TableCentre")
            self._cell(tr, 3, support, "TableCentre")
        self._cell(tr, 4, [d.text for d in measure.deadlines], "TableCentre")

    def cells_row(self, tbl: etree._Element, cells: Sequence[tuple[Sequence[str], str]]) -> None:
        """A plain row: each cell's paragraphs and style."""
        tr = self._row(tbl)
        for i, (paragraphs, style) in enumerate(cells):
            self._cell(tr, i, paragraphs, style)

    def _row(self, tbl: etree._Element, *, header: bool = False) -> etree._Element:
        tr = etree.SubElement(tbl, _TR)
        trpr = etree.SubElement(tr, _TRPR)
        sub(trpr, "cantSplit")
        if header:
            sub(trpr, "tblHeader")
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
        tc = etree.SubElement(tr, _TC)
        tcpr = etree.SubElement(tc, _TCPR)
        etree.SubElement(tcpr, _TCW, {_W: str(sum(self.widths[column : column + span])), _TYPE: "dxa"})
        if span > 1:
            sub(tcpr, "gridSpan", val=str(span))
        if shade:
            sub(tcpr, "shd", val="clear", color="auto", fill="F2F2F2")
        sub(tcpr, "vAlign", val="center")
        for text in paragraphs or ("",):
            p = etree.SubElement(tc, P)
            etree.SubElement(etree.SubElement(p, PPR), PSTYLE, {VAL: style})
            if text:
                t = etree.SubElement(etree.SubElement(p, R), T)
                t.text = text
                if text[0].isspace() or text[-1].isspace():
                    t.set(SPACE, "preserve")


def write(plan: Plan, stream: BinaryIO, options: dict[str, Any]) -> None:
    """Write ``plan`` as a task allocation table on landscape A4."""
    package = WordPackage(plan.title)
    root, body = document_root()
    add_paragraph(body, "TableTitle", title_line(plan.title))
    meta = meta_line(plan)
    if meta:
        add_paragraph(body, "TableMeta", meta)
    body.append(TaskTable(LANDSCAPE.text_width).table(plan_rows(plan)))
    add_paragraph(body, "TableText")
    section_properties(body, LANDSCAPE, package.footers)
    package.write(stream, serialise(root))


__all__ = ["COLUMN_SHARES", "GroupRow", "TaskTable", "measure_number", "plan_rows", "section_rows", "write"]

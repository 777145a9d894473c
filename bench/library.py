"""Figures 1–3: import, the DOCX task table and the XML round trip, per corpus
document, each against a floor that does the same job with no model around it.

1. Import (reading, detection, parsing) of each document against reading the
   file and running one compiled regular expression over every line.
2. The DOCX task table of each plan against writing the same cells — header,
   section rows, one row per measure — with plain python-docx, no styles.
3. XML write + read of each plan against lxml serialising and parsing the
   same tree.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs

import safetyplan
from safetyplan.api import choose_layout, read_document
from safetyplan.document import Document
from safetyplan.errors import SafetyPlanError
from safetyplan.model import Plan, Role
from safetyplan.registry import get_registry

from .measure import Row, compare, median_seconds, ms, ratio_row, skipped

IMPORT = "1 import"
DOCX_TABLE = "2 docx table"
XML = "3 xml write+read"

_LINE_PATTERN = re.compile(r"^\s{0,8}[（(]?[一二三四五六七八九十百\d]{1,4}[)）、.．]")
"""The floor's one regular expression: a numbering label at a line's start."""


@dataclass(frozen=True)
class Loaded:
    """A corpus document and the plans it imports to (or why it did not)."""

    path: Path
    plans: tuple[Plan, ...]
    error: str | None = None

    def cases(self) -> list[tuple[str, Plan]]:
        if len(self.plans) == 1:
            return [(self.path.name, self.plans[0])]
        return [(f"{self.path.name} #{i}", plan) for i, plan in enumerate(self.plans, start=1)]


def load_corpus(files: list[Path]) -> list[Loaded]:
    out: list[Loaded] = []
    for path in files:
        try:
            out.append(Loaded(path, tuple(safetyplan.load_all(path))))
        except Exception as exc:  # a plugin still being written may fail in any way
            message = str(exc) if isinstance(exc, SafetyPlanError) else f"{type(exc).__name__}: {exc}"
            out.append(Loaded(path, (), message))
    return out


def import_ours(path: Path) -> Callable[[], object]:
    return lambda: safetyplan.load_all(path)


def import_floor(path: Path) -> Callable[[], object]:
    def floor() -> int:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        return sum(1 for line in text.splitlines() if _LINE_PATTERN.search(line))

    return floor


def figure_import(corpus: list[Loaded], *, repeats: int, limit: float = 10.0) -> list[Row]:
    rows: list[Row] = []
    for doc in corpus:
        if doc.error:
            rows.append(skipped(IMPORT, doc.path.name, f"≤ {limit:g}×", doc.error))
            continue
        ours, floor = compare(import_ours(doc.path), import_floor(doc.path), repeats=repeats)
        note = import_breakdown(doc.path, repeats=repeats)
        rows.append(ratio_row(IMPORT, doc.path.name, ours, floor, limit=limit, note=note))
    return rows


def import_breakdown(path: Path, *, repeats: int) -> str:
    """Where an import's time goes — reading, detection by every layout, the
    chosen layout's parse — so that a miss points at its owner.  Each call
    gets a fresh copy of the document, so that nothing one call measured and
    kept for the document (see ``Document.measure``) is counted free for the
    next; each layout is also timed alone, paying for what it shares."""
    registry = get_registry()
    document = read_document(path)
    if not isinstance(document, Document):
        return ""
    read = median_seconds(lambda: read_document(path), repeats=repeats)
    detect_all = median_seconds(lambda: safetyplan.detect(attrs.evolve(document)), repeats=repeats)
    alone = {
        reg.obj.name: median_seconds(lambda reg=reg: reg.obj.detect(attrs.evolve(document)), repeats=repeats)  # type: ignore[misc]
        for reg in registry.layouts
    }
    layout = choose_layout(document)
    parse = median_seconds(lambda: layout.obj.parse(attrs.evolve(document)), repeats=repeats)
    slowest = sorted(alone.items(), key=lambda kv: -kv[1])[:3]
    detail = ", ".join(f"{name} {ms(t)}" for name, t in slowest)
    return f"read {ms(read)}; detect {ms(detect_all)} (alone: {detail}, …); parse by {layout.obj.name} {ms(parse)}"


def table_cells(plan: Plan) -> list[list[str]]:
    """What a task table shows, as plain cells: the header, a row per
    section heading, a row per measure (number, task, lead units,
    supporting or responsible units, deadlines)."""
    rows = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]]
    current: tuple[str, ...] | None = None
    for measure in plan.measures():
        if measure.section_path != current:
            current = measure.section_path
            rows.append([" ".join(current), "", "", "", ""])
        lead = "、".join(a.name for a in measure.assignments if a.role is Role.LEAD)
        other = "、".join(a.name for a in measure.assignments if a.role is not Role.LEAD)
        task = f"{measure.title}{measure.text}" if measure.title else measure.text
        rows.append([measure.label, task, lead, other, "；".join(d.text for d in measure.deadlines)])
    return rows


def docx_floor(cells: list[list[str]]) -> Callable[[], object]:
    import docx

    def floor() -> int:
        document = docx.Document()
        table = document.add_table(rows=0, cols=5)
        for values in cells:
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.tell()

    return floor


def writer_call(fmt: str, kind: str | None, plan: Plan) -> Callable[[], object] | str:
    """A call writing ``plan`` into memory with the installed writer, or why
    there is none."""
    try:
        writer = get_registry().writer_for(fmt, kind)
    except SafetyPlanError as exc:
        return str(exc)

    def write() -> int:
        buffer = io.BytesIO()
        writer.obj.write(plan, buffer, {})
        return buffer.tell()

    return write


def figure_docx_table(corpus: list[Loaded], *, repeats: int, limit: float = 1.0) -> list[Row]:
    target = f"≤ {limit:g}×"
    rows: list[Row] = []
    for doc in corpus:
        if doc.error:
            rows.append(skipped(DOCX_TABLE, doc.path.name, target, "not imported"))
            continue
        for case, plan in doc.cases():
            ours = writer_call("docx", "table", plan)
            if isinstance(ours, str):
                return [*rows, skipped(DOCX_TABLE, "all plans", target, ours)]
            t_ours, t_floor = compare(ours, docx_floor(table_cells(plan)), repeats=repeats)
            rows.append(ratio_row(DOCX_TABLE, case, t_ours, t_floor, limit=limit))
    return rows


def xml_round_trip(plan: Plan) -> tuple[Callable[[], object], bytes] | str:
    """Our XML write + read, and the bytes it writes; or why it cannot run."""
    registry = get_registry()
    write = writer_call("xml", None, plan)
    if isinstance(write, str):
        return write
    buffer = io.BytesIO()
    registry.writer_for("xml").obj.write(plan, buffer, {})
    data = buffer.getvalue()
    try:
        reader = registry.reader_for(".xml", data[:4096])
    except SafetyPlanError as exc:
        return str(exc)

    def ours() -> object:
        out = io.BytesIO()
        registry.writer_for("xml").obj.write(plan, out, {})
        return reader.obj.read(out.getvalue())

    return ours, data


def xml_floor(data: bytes) -> Callable[[], object]:
    from lxml import etree

    tree: Any = etree.fromstring(data)

    def floor() -> object:
        return etree.fromstring(etree.tostring(tree, encoding="UTF-8", xml_declaration=True))

    return floor


def figure_xml(corpus: list[Loaded], *, repeats: int, limit: float = 3.0) -> list[Row]:
    target = f"≤ {limit:g}×"
    rows: list[Row] = []
    for doc in corpus:
        if doc.error:
            rows.append(skipped(XML, doc.path.name, target, "not imported"))
            continue
        for case, plan in doc.cases():
            prepared = xml_round_trip(plan)
            if isinstance(prepared, str):
                return [*rows, skipped(XML, "all plans", target, prepared)]
            ours, data = prepared
            t_ours, t_floor = compare(ours, xml_floor(data), repeats=repeats)
            rows.append(ratio_row(XML, case, t_ours, t_floor, limit=limit))
    return rows


__all__ = [
    "Loaded",
    "docx_floor",
    "figure_docx_table",
    "figure_import",
    "figure_xml",
    "load_corpus",
    "table_cells",
    "writer_call",
    "xml_round_trip",
]

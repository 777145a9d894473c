"""Reading a task allocation table back, from what a person sees in it.

The property: for any plan, Plan → task table (.docx) → Plan keeps every
measure's number, text, units with their roles, and deadlines.  And a clerk's
edits in Word — a changed deadline, an added unit, a new row — show in the
import.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import attrs
import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import xml_text
from wordplans import official_plan

import safetyplan
from safetyplan.document import Cell, Document, Paragraph, Row, Table
from safetyplan.layouts.deadlines import parse_deadline_cell
from safetyplan.layouts.tasktable import (
    ATTACHMENT_PREFIX,
    EMBEDDED_SCORE,
    HEADER,
    TaskTableLayout,
    parse_task_table,
    read_units,
    split_units,
)
from safetyplan.model import Assignment, Attachment, Deadline, Measure, Part, Plan, Role, Section

# -- strategies: plans whose every field the table shows ------------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_NAMES = ("各县（市、区）政府", "市委党校(行政学院)", "县级以上(含,下同)党(工)委", "市应急局", "区经发局")
_DEADLINE_TEXTS = (
    "长期坚持",
    "年底前",
    "6月底前",
    "9月30日前",
    "8月上旬",
    "2022年9月底前完成，并长期坚持",
    "按照市委年度巡察工作安排",
    "2023年4月至12月",
    "每季度",
)

unit_names = st.one_of(st.text(_CJK, min_size=1, max_size=8), st.sampled_from(_NAMES))
"""Unit names: no separator outside brackets, no role marker, nothing to strip."""

lines = st.one_of(
    xml_text(min_size=1, max_size=30).map(lambda s: " ".join(s.split())),
    st.text(_CJK, min_size=1, max_size=30),
).filter(bool)
"""One visible line of text: no line breaks, no whitespace at either end."""


@st.composite
def deadline_texts(draw: st.DrawFn) -> str:
    month = draw(st.integers(1, 12))
    return draw(
        st.one_of(
            st.sampled_from(_DEADLINE_TEXTS),
            st.just(f"{month}月底前"),
            st.integers(2000, 2099).map(lambda y: f"{y}年{month}月底前"),
            lines,
        )
    )


def assignments() -> st.SearchStrategy[tuple[Assignment, ...]]:
    one = st.builds(
        Assignment,
        unit=unit_names,
        role=st.sampled_from(list(Role)),
        canonical=st.none() | unit_names,
    )
    return st.lists(one, max_size=5, unique_by=lambda a: (a.name, a.role)).map(tuple)


def measures(part: Part) -> st.SearchStrategy[Measure]:
    return st.builds(
        Measure,
        label=st.just(""),
        number=st.none() | st.integers(0, 10**6),
        text=st.lists(lines, min_size=1, max_size=3).map("\n".join),
        part=st.just(part),
        assignments=assignments(),
        deadlines=st.lists(deadline_texts(), max_size=3).map(lambda ts: tuple(Deadline(t) for t in ts)),
        title=st.none() | xml_text(),
    )


_HEADINGS = ("一、总体要求", "二、重点任务", "（一）压实责任", "（二）排查整治", "1.重点行业", "保障措施")


def sections(part: Part) -> st.SearchStrategy[Section]:
    def section(children: st.SearchStrategy[Section | Measure]) -> st.SearchStrategy[Section]:
        return st.builds(
            lambda heading, kids: Section("", heading, children=tuple(kids)),
            # a section row opening with 附件 opens an attachment in the table's notation
            st.sampled_from(_HEADINGS)
            | st.text(_CJK, min_size=1, max_size=10).filter(lambda h: not h.startswith(ATTACHMENT_PREFIX)),
            st.lists(children, max_size=4),
        )

    return section(st.recursive(measures(part), section, max_leaves=6))


def with_parsed_deadlines(plan: Plan) -> Plan:
    """Deadlines as the table's reader dates them, so the round trip can be
    compared field by field (dating phrases is tested in test_deadlines)."""

    def fix(node: Section) -> Section:
        kids = tuple(
            attrs.evolve(c, deadlines=tuple(parse_deadline_cell(d.text, plan.year) for d in c.deadlines))
            if isinstance(c, Measure)
            else fix(c)
            for c in node.children
        )
        return attrs.evolve(node, children=kids)

    return attrs.evolve(
        plan,
        sections=tuple(fix(s) for s in plan.sections),
        attachments=tuple(attrs.evolve(a, sections=tuple(fix(s) for s in a.sections)) for a in plan.attachments),
    )


plans = st.builds(
    Plan,
    title=st.text(_CJK, max_size=30) | lines,
    issuer=st.none() | st.text(_CJK, min_size=1, max_size=12),
    doc_number=st.none() | st.integers(1, 99).map(lambda n: f"通安委〔2022〕{n}号"),
    issue_date=st.none() | st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)),
    year=st.none() | st.integers(1000, 9999),
    sections=st.lists(sections(Part.BODY), max_size=3).map(tuple),
    attachments=st.lists(
        st.builds(
            Attachment,
            label=st.sampled_from(["附件1", "附件2", "附件", ""]),
            title=st.text(_CJK, max_size=10),
            sections=st.lists(sections(Part.ATTACHMENT), min_size=1, max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
).map(with_parsed_deadlines)


# -- the round trip -------------------------------------------------------------


def table_bytes(plan: Plan) -> bytes:
    stream = io.BytesIO()
    safetyplan.registry.get_registry().writer_for("docx", "table").obj.write(plan, stream, {})
    return stream.getvalue()


def read_back(data: bytes, tmp_path: Path) -> Plan:
    path = tmp_path / "table.docx"
    path.write_bytes(data)
    return safetyplan.load(path)


def by_role(assignments: tuple[Assignment, ...]) -> dict[Role, list[str]]:
    return {role: [a.name for a in assignments if a.role is role] for role in Role}


def assert_same_measures(original: Plan, imported: Plan) -> None:
    before, after = list(original.measures()), list(imported.measures())
    assert len(after) == len(before)
    for a, b in zip(before, after, strict=True):
        assert (b.number, b.text, b.part) == (a.number, a.text, a.part)
        assert by_role(b.assignments) == by_role(a.assignments)
        assert b.deadlines == a.deadlines


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans)
def test_plan_to_table_to_plan_keeps_every_measure(plan: Plan, tmp_path: Path) -> None:
    imported = read_back(table_bytes(plan), tmp_path)
    assert_same_measures(plan, imported)
    assert (imported.title, imported.year, imported.issuer, imported.doc_number, imported.issue_date) == (
        plan.title,
        plan.year,
        plan.issuer,
        plan.doc_number,
        plan.issue_date,
    )
    assert imported.region == "tasktable"


def test_round_trip_keeps_sections_parts_and_paths(tmp_path: Path) -> None:
    plan = official_plan()
    imported = read_back(table_bytes(plan), tmp_path)
    assert_same_measures(plan, imported)
    assert [m.section_path for m in imported.measures()] == [m.section_path for m in plan.measures()]
    assert [s.heading for s in imported.sections] == ["一、总体要求", "二、保障措施"]
    assert [(a.label, a.title) for a in imported.attachments] == [("附件1", "重点任务分工表")]
    assert imported.unplaced == ()


# -- a clerk's edits --------------------------------------------------------------


def edit(path: Path, number: str, column: str, text: str) -> None:
    """Set the cell ``column`` of the row numbered ``number`` to ``text``, as Word would."""
    document = docx.Document(str(path))
    table = document.tables[0]
    index = list(HEADER).index(column)
    row = next(r for r in table.rows if r.cells[0].text == number)
    row.cells[index].paragraphs[0].text = text
    document.save(str(path))


def test_edited_deadline_and_added_unit_show_in_the_import(tmp_path: Path) -> None:
    path = safetyplan.dump(official_plan(), tmp_path / "table.docx")
    edit(path, "1", "完成时限", "2023年3月底前")
    edit(path, "1", "牵头单位", "市应急局、市交通运输局")
    imported = safetyplan.load(path)
    first = next(imported.measures())
    assert first.deadlines == (Deadline("2023年3月底前", dt.date(2023, 3, 31)),)
    assert by_role(first.assignments)[Role.LEAD] == ["市应急局", "市交通运输局"]
    assert by_role(first.assignments)[Role.SUPPORT] == ["市公安局", "市住建局"]


def test_a_row_added_in_word_is_a_new_measure(tmp_path: Path) -> None:
    path = safetyplan.dump(official_plan(), tmp_path / "table.docx")
    document = docx.Document(str(path))
    row = document.tables[0].add_row()
    for cell, value in zip(
        row.cells, ["5", "新增一项任务。", "市水利局", "市林业局 市气象局", "10月底前"], strict=True
    ):
        cell.text = value
    document.save(str(path))
    added = list(safetyplan.load(path).measures())[-1]
    assert (added.number, added.text, added.part) == (5, "新增一项任务。", Part.ATTACHMENT)
    assert by_role(added.assignments) == {
        Role.LEAD: ["市水利局"],
        Role.SUPPORT: ["市林业局", "市气象局"],
        Role.RESPONSIBLE: [],
    }
    assert added.deadlines == (Deadline("10月底前", dt.date(2022, 10, 31)),)


def test_a_clerk_can_mark_responsible_units_in_either_column(tmp_path: Path) -> None:
    path = safetyplan.dump(official_plan(), tmp_path / "table.docx")
    edit(path, "4", "配合单位", "责任单位：市财政局、市审计局")
    fourth = next(m for m in safetyplan.load(path).measures() if m.number == 4)
    assert [(a.unit, a.role) for a in fourth.assignments] == [
        ("市财政局", Role.RESPONSIBLE),
        ("市审计局", Role.RESPONSIBLE),
    ]


# -- reading tables made by hand ------------------------------------------------------


def cells(*texts: str, merged_from: int | None = None) -> Row:
    return Row(
        tuple(
            Cell(tuple(t.split("\n")), merged=merged_from is not None and i > merged_from) for i, t in enumerate(texts)
        ),
        line=1,
    )


def test_hand_made_table_with_repeated_header_and_no_title(tmp_path: Path) -> None:
    document = Document(
        (
            Table(
                (
                    cells(*HEADER),
                    cells("一、重点工作", "", "", "", ""),
                    cells("1", "任务甲", "市应急局", "", "6月底前"),
                    cells(*HEADER),
                    cells("2", "任务乙", "牵头单位：市公安局", "", ""),
                    cells("", "", "", "", ""),
                    cells("3", "", "只有单位", "", ""),
                ),
                line=1,
            ),
        )
    )
    plan = parse_task_table(document)
    assert plan.title == ""
    assert [(m.number, m.text, m.section_path) for m in plan.measures()] == [
        (1, "任务甲", ("一、重点工作",)),
        (2, "任务乙", ("一、重点工作",)),
    ]
    assert plan.measures().__next__().deadlines == (Deadline("6月底前", None),)
    assert [n.text for n in plan.unplaced] == ["3 | 只有单位"]


def test_detection_scores_only_task_tables(tmp_path: Path) -> None:
    layout = TaskTableLayout()
    table = safetyplan.read_document(safetyplan.dump(official_plan(), tmp_path / "t.docx"))
    document = safetyplan.read_document(safetyplan.dump(official_plan(), tmp_path / "d.docx", kind="document"))
    units = safetyplan.read_document(safetyplan.dump(official_plan(), tmp_path / "u.docx", kind="units"))
    assert isinstance(table, Document) and isinstance(document, Document) and isinstance(units, Document)
    assert layout.detect(table) == 1.0
    assert layout.detect(document) == EMBEDDED_SCORE
    assert layout.detect(units) == 0.0
    assert layout.detect(Document((Paragraph("序号 重点任务 牵头单位 配合单位 完成时限", 1),))) == 0.0


def test_the_alias_names_the_layout() -> None:
    assert safetyplan.registry.get_registry().layout("分工表").obj.name == "tasktable"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("市应急局、市公安局", ["市应急局", "市公安局"]),
        ("市应急局，市公安局；市住建局", ["市应急局", "市公安局", "市住建局"]),
        ("各县（市、区）政府、市委党校(行政学院)", ["各县（市、区）政府", "市委党校(行政学院)"]),
        ("县级以上(含,下同)党(工)委", ["县级以上(含,下同)党(工)委"]),
        ("各级消防救援机构 各级应急管理部门", ["各级消防救援机构", "各级应急管理部门"]),
        ("市委（党校、市应急局", ["市委（党校", "市应急局"]),
        ("、、", []),
    ],
)
def test_unit_cells_split_outside_brackets(text: str, names: list[str]) -> None:
    assert split_units(text) == names


def test_role_markers_set_the_role_of_their_paragraph() -> None:
    got = read_units(["市应急局", "责任单位：市公安局", "配合单位:市住建局"], Role.LEAD)
    assert [(a.unit, a.role) for a in got] == [
        ("市应急局", Role.LEAD),
        ("市公安局", Role.RESPONSIBLE),
        ("市住建局", Role.SUPPORT),
    ]


@pytest.mark.parametrize("payload", ["（" * 100_000, "1" * 100_000, "、" * 100_000, "2022年" * 20_000, "附件" * 50_000])
def test_hostile_cells_are_read_in_one_pass(payload: str) -> None:
    document = Document(
        (
            Paragraph(payload, 1),
            Paragraph("发文机关：" + payload, 2),
            Table(
                (
                    cells(*HEADER),
                    cells(payload, payload, payload, payload, payload),
                    cells("1", payload, payload, "", ""),
                ),
                3,
            ),
        )
    )
    plan = parse_task_table(document)
    assert [m.text for m in plan.measures()][-1] == payload

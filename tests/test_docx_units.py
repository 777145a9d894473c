"""Per-unit responsibility lists: merged by canonical name, soonest due first."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from wordplans import JUNE, LEAD, ONGOING, RESPONSIBLE, SEPTEMBER, SUPPORT, YEAR_END, measure, official_plan
from wordxml import NS, Docx, attr, text

from safetyplan.model import Assignment, Deadline, Measure, Plan, Role, Section
from safetyplan.registry import get_registry
from safetyplan.writers.docx.units import chinese_numeral, summary, unit_duties


def write(plan: Plan, **options: object) -> Docx:
    stream = io.BytesIO()
    get_registry().writer_for("docx", "units").obj.write(plan, stream, options)
    return Docx(stream.getvalue())


def plan_of(*measures: Measure) -> Plan:
    return Plan(title="测试方案", sections=(Section("一、", "任务", children=measures),))


def test_units_in_order_of_first_mention_with_every_role() -> None:
    names = [(u.name, [(d.measure.number, d.roles) for d in u.duties]) for u in unit_duties(official_plan())]
    assert names == [
        ("市应急局", [(1, (Role.LEAD,)), (3, (Role.LEAD,))]),
        ("市公安局", [(1, (Role.SUPPORT,))]),
        ("市住建局", [(1, (Role.SUPPORT,))]),
        ("各县（市、区）政府", [(2, (Role.RESPONSIBLE,))]),
        ("市直有关部门", [(2, (Role.RESPONSIBLE,))]),
        ("市消防救援支队", [(3, (Role.RESPONSIBLE,))]),
        ("各级党（工）委", [(1, (Role.RESPONSIBLE,))]),
    ]


def test_duties_sorted_by_due_date_undated_last_in_document_order() -> None:
    plan = plan_of(
        measure(1, "甲", [("区应急局", LEAD)], [ONGOING]),
        measure(2, "乙", [("区应急局", SUPPORT)], [YEAR_END]),
        measure(3, "丙", [("区应急局", LEAD)], [SEPTEMBER, JUNE]),
        measure(4, "丁", [("区应急局", RESPONSIBLE)]),
    )
    (unit,) = unit_duties(plan)
    assert [d.measure.text for d in unit.duties] == ["丙", "乙", "甲", "丁"]
    assert unit.duties[0].due == dt.date(2022, 6, 30)


def test_units_merge_by_canonical_name_and_alias() -> None:
    abbreviated = Assignment("经发局", Role.RESPONSIBLE, canonical="区经发局")
    plan = plan_of(
        measure(1, "甲", [("区安委办", LEAD)]),
        measure(2, "乙", [("区安全生产委员会办公室", SUPPORT)]),
        measure(3, "丙", []),
        measure(4, "丁", [("区经发局", LEAD)]),
        Measure("5.", 5, "戊", assignments=(abbreviated,)),
    )
    units = unit_duties(plan)
    assert [(u.name, u.names, [d.measure.number for d in u.duties]) for u in units] == [
        ("区安全生产委员会办公室", ("区安委办", "区安全生产委员会办公室"), [1, 2]),
        ("区经发局", ("区经发局",), [4, 5]),
    ]


def test_a_unit_with_two_roles_in_one_measure_is_listed_once() -> None:
    plan = plan_of(measure(1, "甲", [("市应急局", LEAD), ("市应急局", SUPPORT)], [JUNE]))
    (unit,) = unit_duties(plan)
    assert [d.roles for d in unit.duties] == [(Role.LEAD, Role.SUPPORT)]
    assert summary(unit) == "共1项任务：牵头1项，配合1项。"


@pytest.mark.parametrize(
    ("n", "numeral"),
    [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"), (110, "一百一十"), (1010, "一千零一十")],
)
def test_chinese_numerals_for_unit_headings(n: int, numeral: str) -> None:
    assert chinese_numeral(n) == numeral


def test_document_lists_each_unit_with_a_table() -> None:
    doc = write(official_plan())
    headings = [text(p) for p in doc.paragraphs() if doc.style_of(p) == "Heading1"]
    assert headings[:3] == ["一、市应急局", "二、市公安局", "三、市住建局"]
    assert len(headings) == 7
    first = doc.xpath("//w:tbl")[0]
    rows = [[text(tc) for tc in tr.findall("w:tc", NS)] for tr in first.findall("w:tr", NS)]
    assert rows == [
        ["序号", "重点任务", "职责", "完成时限"],
        ["1", "强化党政领导示范履职。各级党委政府主要负责人要带头学习安全生产重要论述。", "牵头", "2022年6月底前"],
        ["2", "开展重大事故隐患专项排查整治。", "牵头", "9月30日前年底前"],
    ]
    assert doc.effective(doc.paragraph("一、市应急局")).font == "黑体"
    size = doc.xpath("/w:document/w:body/w:sectPr/w:pgSz")[0]
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    assert len(doc.xpath("//w:sectPr")) == 1


def test_split_gives_each_unit_a_section_numbered_from_one() -> None:
    doc = write(official_plan(), split=True)
    sects = doc.xpath("//w:sectPr")
    assert len(sects) == 7
    assert all(attr(s.find("w:pgNumType", NS), "start") == "1" for s in sects)


def test_plan_without_units_says_so() -> None:
    doc = write(plan_of(measure(1, "甲", [], [Deadline("年底前")])))
    assert "本方案未列明责任单位。" in [text(p) for p in doc.paragraphs()]

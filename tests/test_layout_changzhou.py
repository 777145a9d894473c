"""The changzhou layout: a 专项行动方案 with phases and a report form."""

from __future__ import annotations

import datetime as dt

from layout_corpus import body_measures, corpus_document, corpus_plan, find_section

import safetyplan
from safetyplan.layouts.accounting import unaccounted
from safetyplan.model import Phase
from safetyplan.testing import LayoutConformance


class TestChangzhouConformance(LayoutConformance):
    layout = "changzhou"
    samples = "../../shared/corpus/changzhou.txt"
    gold = "../../shared/corpus/gold"


class TestChangzhouFamilyConformance(LayoutConformance):
    """Plans of the same family in other words and other combinations of its
    notations, each with a gold file written from GOLD.md."""

    layout = "changzhou"
    samples = "data/changzhou/*.txt"
    gold = "data/changzhou"


def test_metadata() -> None:
    plan = corpus_plan("changzhou")
    assert plan.title == "全区防风险保安全迎大庆“百日攻坚”专项行动方案"
    assert plan.issuer == "常州国家高新区（新北区）党政办公室"
    assert plan.issue_date == dt.date(2019, 8, 1)
    assert plan.year == 2019
    assert "（此件公开发布）" in [n.text for n in plan.notes if n.kind == "furniture"]


def test_phases_with_their_windows() -> None:
    assert corpus_plan("changzhou").phases == (
        Phase("（一）", "部署发动阶段", "8月初至8月上旬", dt.date(2019, 8, 1), dt.date(2019, 8, 10)),
        Phase("（二）", "组织实施阶段", "8月上旬至11月中旬", dt.date(2019, 8, 1), dt.date(2019, 11, 20)),
        Phase("（三）", "巩固提高阶段", "11月中旬至11月底", dt.date(2019, 11, 11), dt.date(2019, 11, 30)),
    )


def test_a_phase_heading_over_prose_is_a_section_with_text() -> None:
    plan = corpus_plan("changzhou")
    section = find_section(plan.sections, "（三）巩固提高阶段（11月中旬至11月底）")
    assert section.children == ()
    assert section.text[0].startswith("各镇、街道和区负有安全监管职责部门，要及时分析总结")
    steps = find_section(plan.sections, "三、实施步骤及主要措施")
    assert steps.text == ("从2019年8月初开始到11月底结束，分三个阶段进行。",)


def test_headlines_are_decided_for_each_group_of_siblings() -> None:
    measures = body_measures(corpus_plan("changzhou"))
    by_section: dict[str, list[str | None]] = {}
    for m in measures:
        by_section.setdefault(m.section_path[-1], []).append(m.title)
    assert all(t is None for t in by_section["（二）进一步深化行业领域安全大排查大整治"])
    assert by_section["（一）进一步压紧压实安全责任"] == ["压紧党政领导责任", "压牢安全监管责任", "压实企业主体责任"]
    assert by_section["（一）部署发动阶段（8月初至8月上旬）"] == ["动员部署，细化分工", "督查巡查，压实责任"]


def test_reports_weekly_and_by_date_to_the_office() -> None:
    reports = corpus_plan("changzhou").reporting
    closing = [r for r in reports if r.to == "区安委办" and r.due is not None]
    assert [(r.what, r.due.due if r.due else None) for r in closing] == [
        ("工作部署情况、专项行动方案细化情况", dt.date(2019, 8, 10)),
        ("工作小结", None),
        ("“百日攻坚”专项行动工作总结", dt.date(2019, 11, 30)),
    ]
    assert closing[1].due is not None and closing[1].due.recurrence == "weekly"
    assert any(r.to == "邮箱：70131051@qq.com" for r in reports)


def test_the_weekly_report_form_is_an_attachment() -> None:
    (attachment,) = corpus_plan("changzhou").attachments
    assert attachment.label == "附件"
    assert attachment.title == "全区防风险保安全迎大庆“百日攻坚”专项行动周报表"
    assert attachment.text == ("填报单位： 填报日期：",)


def test_every_character_is_held_by_the_plan() -> None:
    document = corpus_document("changzhou")
    assert unaccounted(document, safetyplan.parse(document)) == []

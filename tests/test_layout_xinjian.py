"""The xinjian layout: a draft plan behind a 征求意见函."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from layout_corpus import body_measures, corpus_document, corpus_path, corpus_plan

import safetyplan
from safetyplan.layouts.accounting import unaccounted
from safetyplan.layouts.units import find_unit_lists
from safetyplan.testing import LayoutConformance


class TestXinjianConformance(LayoutConformance):
    layout = "xinjian"
    samples = "../../shared/corpus/xinjian.txt"
    gold = "../../shared/corpus/gold"


class TestXinjianFamilyConformance(LayoutConformance):
    """Plans of the same family in other words and other combinations of its
    notations, each with a gold file written from GOLD.md."""

    layout = "xinjian"
    samples = "data/xinjian/*.txt"
    gold = "data/xinjian"


def test_metadata_comes_from_the_letterhead_the_letter_and_the_title_block() -> None:
    plan = corpus_plan("xinjian")
    assert plan.region == "xinjian"
    assert plan.title == "新建区关于进一步强化安全生产责任落实坚决防范遏制重特大事故的实施方案"
    assert plan.issuer == "南昌市新建区安全生产委员会办公室"
    assert plan.doc_number is None
    assert plan.issue_date == dt.date(2022, 6, 24)
    assert plan.year == 2022
    assert plan.recipients == ("各乡镇", "开发区（园区、管理处）", "区安委会各成员单位")
    assert plan.printed_by == "新建区安全生产委员会办公室"
    assert plan.printed_date is None  # 2022年6月 日印发: the day is left blank


def test_the_covering_letter_and_its_parts_are_notes_of_their_kind() -> None:
    plan = corpus_plan("xinjian")
    kinds = {n.kind for n in plan.notes}
    assert {"letter", "contact", "signature", "furniture"} <= kinds
    letter = [n.text for n in plan.notes if n.kind == "letter"]
    assert letter[0] == "关于征求进一步强化安全生产责任落实坚决防范遏制重特大事故的实施方案意见函"
    # the attachment line broken over three lines reads as one
    assert any(t.startswith("附件：") and t.endswith("（征求意见稿）") for t in letter)
    assert [n.text for n in plan.notes if n.kind == "signature"] == ["南昌市新建区委委办 2022年6月24日"]
    assert "(征求意见稿)" in [n.text for n in plan.notes if n.kind == "furniture"]


def test_measures_broken_mid_word_are_whole_and_keep_their_unit_list() -> None:
    measures = {m.number: m for m in body_measures(corpus_plan("xinjian")) if m.label.endswith(".")}
    assert len(measures) == 60
    assert "督促各部门切实履行安全监管责任。（责任单位：区委编办、区应急局）" in measures[11].text
    # a lone unit parenthetical and a line starting with a comma join the measure
    assert "国企要带头减少危险作业领域灵活用工人员，提高工人安全素质" in measures[34].text
    assert measures[34].text.endswith("（责任单位：区安委办，区级负有安全生产监督管理职责的部门，区属国有企业）")
    assert [a.unit for a in measures[34].assignments] == [
        "区安委办",
        "区级负有安全生产监督管理职责的部门",
        "区属国有企业",
    ]
    # a measure starting with a year is item 25, not a decimal
    assert measures[25].text.startswith("2022年8月底前")
    assert all(m.title is None for m in measures.values())


def test_the_closing_requirements_are_measures_with_headlines() -> None:
    plan = corpus_plan("xinjian")
    closing = [m for m in body_measures(plan) if m.section_path == ("三、有关要求",)]
    assert [(m.label, m.title) for m in closing] == [
        ("(一)", "提高政治站位"),
        ("（二）", "加强组织领导"),
        ("（三）", "抓好统筹协调"),
        ("（四）", "严格督查问责"),
    ]
    assert "站在践行以人民为中心的发展思想" in closing[0].text


def test_the_letter_asks_for_comments_by_a_date() -> None:
    report = corpus_plan("xinjian").reporting[0]
    assert (report.what, report.to) == ("意见", "区安委办")
    assert report.due is not None and report.due.due == dt.date(2022, 7, 5)


def test_every_character_is_held_by_the_plan() -> None:
    document = corpus_document("xinjian")
    assert unaccounted(document, safetyplan.parse(document)) == []


def test_the_unit_list_ending_a_measure_covers_all_of_it() -> None:
    measures = [m for m in body_measures(corpus_plan("xinjian")) if m.assignments]
    assert len(measures) == 60
    for m in measures:
        (covered,) = {a.applies_to for a in m.assignments}
        assert covered is not None and covered.start == 0
        # what is left is the one list itself, in brackets of either width
        assert [(u.start, u.end) for u in find_unit_lists(m.text)] == [(covered.end, len(m.text))]
        assert m.text[covered.end] in "（(" and m.text[-1] in "）)"


def test_an_attached_key_task_table_is_read_into_attachment_measures(tmp_path: Path) -> None:
    # The official layouts read a 重点任务分工表 attached to their plan as the tonghua layout does.
    table = (
        "\n附件\n\n重点任务分工表\n\n"
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t建立区领导安全生产责任清单\t区安委办\t区委组织部\t2022年9月底前\n"
        "2\t开展安全生产大检查\t区应急管理局\t各乡镇（街道）\t长期坚持\n"
    )
    path = tmp_path / "xinjian-with-table.txt"
    path.write_text(corpus_path("xinjian").read_text(encoding="utf-8") + table, encoding="utf-8")
    plan = safetyplan.load(path, region="xinjian")
    rows = [m for m in plan.measures() if m.part is safetyplan.Part.ATTACHMENT]
    assert [(m.number, [(a.unit, a.role.value) for a in m.assignments]) for m in rows] == [
        (1, [("区安委办", "lead"), ("区委组织部", "support")]),
        (2, [("区应急管理局", "lead"), ("各乡镇（街道）", "support")]),
    ]
    assert [(d.due, d.ongoing) for m in rows for d in m.deadlines] == [(dt.date(2022, 9, 30), False), (None, True)]

"""The shuangqiao layout: a 工作要点 behind a covering notice."""

from __future__ import annotations

import datetime as dt

from layout_corpus import body_measures, corpus_document, corpus_plan

import safetyplan
from safetyplan.layouts.accounting import unaccounted
from safetyplan.testing import LayoutConformance


class TestShuangqiaoConformance(LayoutConformance):
    layout = "shuangqiao"
    samples = "../../shared/corpus/shuangqiao.txt"
    gold = "../../shared/corpus/gold"


class TestShuangqiaoFamilyConformance(LayoutConformance):
    """Plans of the same family in other words and other combinations of its
    notations, each with a gold file written from GOLD.md."""

    layout = "shuangqiao"
    samples = "data/shuangqiao/*.txt"
    gold = "data/shuangqiao"


def test_metadata_comes_from_the_notice_and_the_imprint() -> None:
    plan = corpus_plan("shuangqiao")
    assert plan.title == "2022年双桥经开区安全生产与自然灾害防治工作要点"
    assert plan.issuer == "重庆市双桥经开区管委会"
    assert plan.issue_date == dt.date(2022, 3, 9)
    assert plan.year == 2022
    assert plan.cc == ("区委办公室", "区政府办公室", "区人武部")
    assert (plan.printed_by, plan.printed_date) == ("重庆市双桥经开区管委会办公室", dt.date(2022, 3, 9))
    assert plan.recipients[0] == "经开区各部门"
    assert plan.preamble == (
        "为加强经开区安全生产与自然灾害防治工作，坚决遏制较大事故灾害发生，切实保障人民群众生命财产安全，特制定本工作要点。",
    )


def test_headings_ending_in_a_full_stop_enclose_headline_first_measures() -> None:
    plan = corpus_plan("shuangqiao")
    measures = body_measures(plan)
    assert len(measures) == 22
    first = measures[0]
    assert first.section_path == ("二、重点任务", "（一）抓“十条措施”，强化政府监管责任落实。")
    assert first.title == "强化党政领导示范履职"
    assert measures[12].title == "提升应急管理信息化专业化水平"  # an indented item
    assert all(m.assignments == () for m in measures)
    # ``（二 ）`` is written with a space: the label drops it
    assert [m.label for m in measures[-3:]] == ["（一）", "（二）", "（三）"]
    # a stray space inside a word is gone
    assert "经开区安委会、减灾委要采取明查暗访" in measures[2].text


def test_deadlines_in_the_running_text() -> None:
    measure = body_measures(corpus_plan("shuangqiao"))[4]
    assert [d.due for d in measure.deadlines] == [dt.date(2022, 6, 30), dt.date(2022, 9, 30), dt.date(2022, 12, 31)]


def test_every_character_is_held_by_the_plan() -> None:
    document = corpus_document("shuangqiao")
    assert unaccounted(document, safetyplan.parse(document)) == []


def test_the_half_yearly_report_to_the_working_committee() -> None:
    (report,) = corpus_plan("shuangqiao").reporting
    assert report.what == "班子成员安全生产履职情况报告"
    assert report.to == "经开区党工委委员会议（管委会主任办公会议）"
    assert report.due is not None and report.due.recurrence == "half-yearly"


def test_measures_naming_their_units_inside_the_text_are_still_this_notation() -> None:
    # The notice, headline-first 1. items under （一）…。 headings, a 抄送 line: shuangqiao's
    # notation, whether or not an item names its units in a bracket inside its text.
    lines = [
        "关于印发《石溪经开区2025年防汛工作要点》的通知",
        "经开区各部门，各街道办事处：",
        "现将《石溪经开区2025年防汛工作要点》印发给你们，请认真贯彻执行。",
        "石溪经开区管委会办公室",
        "2025年3月28日",
        "石溪经开区2025年防汛工作要点",
        "一、重点任务",
        "（一）压实防汛减灾责任。",
        "1.落实行政首长负责制。全面落实防汛责任制〔牵头单位：经开区应急局；配合单位：各街道〕，4月底前完成。",
        "2.强化隐患排查。汛前开展拉网式排查〔责任单位：经开区建设局〕，5月底前完成整改。",
        "3.加强值班值守。严格落实24小时值班制度，确保信息畅通。",
        "（二）提升监测预警能力。",
        "4.完善监测网络。加密雨量站点布设，6月底前投入使用。",
        "5.强化预警发布。及时发布预警信息，做到预警到户到人。",
        "抄送：区防指各成员单位。",
    ]
    document = safetyplan.Document(tuple(safetyplan.Paragraph(t, i + 1) for i, t in enumerate(lines)))
    scores = safetyplan.detect(document)
    assert next(iter(scores)) == "shuangqiao"
    assert scores["shuangqiao"] >= 0.5  # recognised, not merely the best of the refused

"""Reporting requirements (报送): what, to whom, by when."""

from __future__ import annotations

import datetime as dt

from safetyplan.layouts.reporting import find_reports


def summary(*paragraphs: str, year: int | None = 2022) -> list[tuple[str | None, str | None, str | None]]:
    out = []
    for r in find_reports(paragraphs, year):
        due = r.due.due.isoformat() if r.due and r.due.due else (r.due.recurrence if r.due else None)
        out.append((r.what, r.to, due))
    return out


def test_the_object_of_jiang_the_office_and_the_date() -> None:
    assert summary("各地要将制定的具体实施方案于2022年6月10日前报送市安委会办公室。") == [
        ("制定的具体实施方案", "市安委会办公室", "2022-06-10")
    ]


def test_a_time_of_day_does_not_hide_the_date_and_is_kept_in_the_text() -> None:
    (report,) = find_reports(["请将意见于2022年7月5日下班前反馈区安委办，区安委办汇总修改后报区委研究。"], 2022)
    assert report.due is not None
    assert (report.due.text, report.due.due) == ("2022年7月5日下班前", dt.date(2022, 7, 5))


def test_later_clauses_inherit_the_recipient_and_frequencies_are_kept() -> None:
    paragraph = (
        "并将工作部署情况于8月10日前报送区安委办；8月至11月，每周五17:00前报送工作小结；"
        "11月30日前报送工作总结。工作小结电子版发至邮箱：70131051@qq.com。"
    )
    assert summary(paragraph, year=2019) == [
        ("工作部署情况", "区安委办", "2019-08-10"),
        ("工作小结", "区安委办", "weekly"),
        ("工作总结", "区安委办", "2019-11-30"),
        ("工作小结电子版", "邮箱：70131051@qq.com", None),
    ]


def test_several_objects_with_their_own_dates() -> None:
    assert summary("各地于2022年6月底前将责任清单、9月底前将重大风险隐患清单报市安委会办公室。") == [
        ("责任清单", "市安委会办公室", "2022-06-30"),
        ("重大风险隐患清单", "市安委会办公室", "2022-09-30"),
    ]


def test_what_is_not_a_requirement() -> None:
    assert summary("严格落实领导带班、关键岗位24小时值班和信息报送制度。") == []
    assert summary("区安委办汇总修改后报区委、区政府会议研究印发。") == []
    assert summary("") == []


def test_a_long_line_is_read_in_linear_time() -> None:
    assert summary("报送" * 50_000) == []


def test_reports_in_person_at_a_set_frequency() -> None:
    assert summary("落实经开区党工委委员会议（管委会主任办公会议）每半年听取1次班子成员安全生产履职情况报告要求；") == [
        ("班子成员安全生产履职情况报告", "经开区党工委委员会议（管委会主任办公会议）", "half-yearly")
    ]
    assert summary("每季度至少向政府主要负责人汇报 1 次分管行业（领域）的安全生产工作。") == [
        ("分管行业（领域）的安全生产工作", "政府主要负责人", "quarterly")
    ]
    assert summary("把安全生产纳入党委议事日程和向全会报告工作的内容。") == []  # no frequency set

"""Deadlines: completion dates in running text, frequencies, and 完成时限
cells.  Cases follow GOLD.md's rules and the phrasing of the corpus plans."""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.layouts.deadlines import find_deadlines, find_recurrences, parse_deadline_cell
from safetyplan.layouts.numbering import match_label

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def dates(text: str, year: int | None = 2022) -> list[tuple[str, str | None, bool]]:
    return [(d.text, d.due.isoformat() if d.due else None, d.ongoing) for d in find_deadlines(text, year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年6月底前完成摸排", [("2022年6月底前", "2022-06-30", False)]),
        ("各地于2022年6月底前将责任清单、9月底前将重点工作报市安委会", [
            ("2022年6月底前", "2022-06-30", False), ("9月底前", "2022-09-30", False)]),
        ("6月底前完成全面摸排", [("6月底前", "2022-06-30", False)]),
        ("于9月30日前报送", [("9月30日前", "2022-09-30", False)]),
        ("于2022年6月10日前报送", [("2022年6月10日前", "2022-06-10", False)]),
        ("年底前完成", [("年底前", "2022-12-31", False)]),
        ("确保2022年底前按时保质完成", [("2022年底前", "2022-12-31", False)]),
        ("8月上旬，区安委会组织督查", [("8月上旬", "2022-08-10", False)]),
        ("11月中旬完成", [("11月中旬", "2022-11-20", False)]),
        ("2月下旬完成", [("2月下旬", "2022-02-28", False)]),
        ("2022年6月底，经开区建设施工企业全面推行", [("2022年6月底", "2022-06-30", False)]),
        ("2022年8月底前，区发改委牵头", [("2022年8月底前", "2022-08-31", False)]),
        ("2022 年 9 月底前完成", [("2022 年 9 月底前", "2022-09-30", False)]),
        ("２０２２年１２月底前", [("２０２２年１２月底前", "2022-12-31", False)]),
        ("九月底前完成", [("九月底前", "2022-09-30", False)]),
        ("2022年9月底前完成，并长期坚持", [("2022年9月底前完成，并长期坚持", "2022-09-30", True)]),
        ("9月底前完成并常态化开展", [("9月底前完成并常态化", "2022-09-30", True)]),
        ("2022年7月底前，对2016年以来全区化工项目开展排查；2022年9月底前，完成诊断", [
            ("2022年7月底前", "2022-07-31", False), ("2022年9月底前", "2022-09-30", False)]),
        ("2023年3月底前", [("2023年3月底前", "2023-03-31", False)]),
        ("三季度末前完成", [("三季度末前", "2022-09-30", False)]),
        ("6月中下旬完成", [("6月中下旬", "2022-06-30", False)]),
        ("于2022年6月30日完成验收", [("2022年6月30日", "2022-06-30", False)]),
        ("6月底前实现全覆盖，并长期坚持。", [("6月底前实现全覆盖，并长期坚持", "2022-06-30", True)]),
        ("2025年3月底前完成全员轮训，并长期坚持", [("2025年3月底前完成全员轮训，并长期坚持", "2025-03-31", True)]),
        ("6月底前完成摸底，常态化开展检查", [("6月底前", "2022-06-30", False)]),
        ("（责任单位：县公安局；完成时限：长期坚持）", [("长期坚持", None, True)]),
        ("（责任单位：区住建局；完成时间：常态化开展）", [("常态化开展", None, True)]),
        ("（牵头单位：区应急局；完成时限：2022年9月30日前）", [("2022年9月30日前", "2022-09-30", False)]),
        ("6月底前完成排查（完成时限：年底前）", [("6月底前", "2022-06-30", False), ("年底前", "2022-12-31", False)]),
        # an ongoing note closing a unit list's bracket is its completion field
        ("实行动态管理(县应急局、县林业局，长期坚持)。", [("长期坚持", None, True)]),
        ("（县公安局、县农业农村局分工负责,常态化开展）", [("常态化开展", None, True)]),
        ("（责任单位：县应急局；9月底前完成，并长期坚持）", [("9月底前完成，并长期坚持", "2022-09-30", True)]),
        ("〔区应急管理局,各街道办事处;长期坚持〕", [("长期坚持", None, True)]),
        # a year relative to the plan's; a half year to finish by
        ("明年3月底前实现全覆盖", [("明年3月底前", "2023-03-31", False)]),
        ("明年2月下旬前完成排查", [("明年2月下旬前", "2023-02-28", False)]),
        ("次年第一季度末前完成", [("次年第一季度末前", "2023-03-31", False)]),
        ("上半年完成全覆盖检查", [("上半年", "2022-06-30", False)]),
        ("下半年前完成", [("下半年前", "2022-12-31", False)]),
    ],
)  # fmt: skip
def test_completion_dates_are_found_in_order(text: str, expected: list[tuple[str, str | None, bool]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "每季度至少1次",
        "8月至11月，每周五17:00前报送工作小结",
        "每月下旬，区安委办将针对突出风险组织检查",
        "每年6月底前报送年度总结",
        "按照全国、全省统一部署，2022年4月至12月，结合年度安全生产",
        "从4月起至党的二十大结束，在全市范围内开展",
        "（一）部署发动阶段（8月初至8月上旬）",
        "（二）组织实施阶段（8月上旬至11月中旬）",
        "（三）巩固提高阶段（11月中旬至11月底）",
        "从2019年8月初开始到11月底结束",
        "2022年，镇（街道）综合救援队伍建设完成率达到90%",
        "对2016年以来全区化工项目开展排查",
        "2022年5月30日召开动员会",
        "截至2022年6月底，全市共排查隐患",
        "截至 2022 年 6 月底，全市共排查隐患",  # as a PDF extraction spaces it
        "自2022年4月起，在全市范围内开展",
        "运行超过20年的老旧管道",
        "推动打非治违常态化、制度化、规范化",
        "长期坚持",
        "7月下旬起，组织专家开展指导服务",
        "8月上旬开始，开展专项检查",
        "2023年以来，全区共发生事故",
        "对2019年4月15日前购买的超标电动自行车落实过渡期管理",
        "清理2020年底前的遗留问题",
        "上半年，全区共发生事故3起",
    ],
)
def test_frequencies_periods_and_years_are_no_deadlines(text: str) -> None:
    assert find_deadlines(text, 2022) == []


def test_a_date_before_which_work_must_start_is_a_deadline() -> None:
    assert dates("6月底前开始实施", 2022) == [("6月底前", "2022-06-30", False)]


def test_a_missing_year_takes_the_plans_year_or_stays_unknown() -> None:
    assert dates("6月底前", 2019) == [("6月底前", "2019-06-30", False)]
    assert dates("6月底前", None) == [("6月底前", None, False)]
    assert dates("2022年6月底前", None) == [("2022年6月底前", "2022-06-30", False)]
    assert dates("明年底前", 2022) == [("明年底前", "2023-12-31", False)]


def test_month_ends_know_leap_years_and_days_past_the_end_are_clamped() -> None:
    assert dates("2024年2月底前") == [("2024年2月底前", "2024-02-29", False)]
    assert dates("2月30日前", 2023) == [("2月30日前", "2023-02-28", False)]
    assert find_deadlines("13月底前", 2022) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每季度至少1次", [("每季度至少1次", "quarterly")]),
        ("每周五17:00前报送工作小结", [("每周五17:00前", "weekly")]),
        ("每月下旬，区安委办组织检查", [("每月下旬", "monthly")]),
        ("每年6月底前报送", [("每年6月底前", "yearly")]),
        ("每半年至少1次", [("每半年至少1次", "half-yearly")]),
        ("分别每2个月、每月至少组织检查1次", [("每2个月", "every-2-months"), ("每月", "monthly")]),
        ("每两年开展一次", [("每两年", "every-2-years")]),
        ("每天巡查", [("每天", "daily")]),
        ("2022年6月底前", []),
        ("每一个企业", []),
    ],
)
def test_frequencies_are_read_as_recurrences(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_recurrences(text)
    assert [(d.text, d.recurrence) for d in found] == expected
    assert all(d.due is None for d in found)


@pytest.mark.parametrize(
    ("text", "due", "ongoing"),
    [
        ("2022年9月底前完成，并长期坚持", dt.date(2022, 9, 30), True),
        ("2022年9月底前完成,并长期坚持", dt.date(2022, 9, 30), True),
        ("2022 年 9 月底前完成，并长期坚持", dt.date(2022, 9, 30), True),
        ("2022年12月底前完成，并长期坚持", dt.date(2022, 12, 31), True),
        ("2022年9月底前完成", dt.date(2022, 9, 30), False),
        ("长期坚持", None, True),
        ("常态化推进", None, True),
        ("加快推进", None, False),
        ("按照市委年度巡察工作安排", None, False),
        ("2022年4月至党的二十大结束的", None, False),
        ("2022年4月至12月", None, False),
        ("9月底前", dt.date(2022, 9, 30), False),
        ("2022年6月", dt.date(2022, 6, 30), False),
        ("2022年", dt.date(2022, 12, 31), False),
        ("明年上半年", dt.date(2023, 6, 30), False),
        ("2022年第四季度", dt.date(2022, 12, 31), False),
        ("下半年", dt.date(2022, 12, 31), False),
    ],
)
def test_every_cell_value_is_one_deadline(text: str, due: dt.date | None, ongoing: bool) -> None:
    deadline = parse_deadline_cell(f"  {text}\n", 2022)
    assert (deadline.text, deadline.due, deadline.ongoing) == (text, due, ongoing)


def test_a_cell_that_sets_a_frequency_keeps_it() -> None:
    assert parse_deadline_cell("每季度", 2022).recurrence == "quarterly"


# --- the corpus -----------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _measure_texts(source: str) -> list[str]:
    """The document's numbered paragraphs, each with the lines that finish
    its last sentence (a measure broken over lines reads as one)."""
    blocks: list[list[str]] = []
    for line in (CORPUS / source).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if match_label(stripped) or stripped.startswith("#") or "\t" in line:
            blocks.append([line])
        elif blocks and not blocks[-1][-1].rstrip().endswith(("。", "；", "）", ")")):
            blocks[-1].append(line)
    return ["\n".join(block) for block in blocks]


@pytest.mark.parametrize("gold_file", sorted(glob.glob(str(CORPUS / "gold" / "*.gold.json"))))
def test_body_measures_of_the_corpus_get_the_gold_deadlines(gold_file: str) -> None:
    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    texts = _measure_texts(gold["source"])
    flat = [_norm(text) for text in texts]
    year = gold["meta"]["year"]
    checked = 0
    for measure in gold["measures"]:
        if measure["part"] != "body":
            continue
        at = next((i for i, text in enumerate(flat) if _norm(measure["starts"]) in text[:40]), None)
        if at is None:
            continue
        expected = [(d["due"], d["ongoing"]) for d in measure["deadlines"]]
        got = [(d.due.isoformat() if d.due else None, d.ongoing) for d in find_deadlines(texts[at], year)]
        assert got == expected, measure["starts"]
        checked += 1
    assert checked >= 15


# --- properties -----------------------------------------------------------------

_ALPHABET = st.sampled_from(list("0123456789２年月日底末前上中下旬每季度周至到起截长期坚持常态化并完成，、 三十一"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.one_of(st.none(), st.integers(1900, 2100)))
def test_reading_never_raises(text: str, year: int | None) -> None:
    for d in find_deadlines(text, year):
        assert d.text and d.text in text
        assert d.recurrence is None
    for d in find_recurrences(text):
        assert d.text in text and d.recurrence
    cell = parse_deadline_cell(text, year)
    assert cell.text == text.strip()


@settings(max_examples=200, deadline=None)
@given(st.integers(2000, 2099), st.integers(1, 12))
def test_a_month_end_is_the_last_day_of_the_month(year: int, month: int) -> None:
    (deadline,) = find_deadlines(f"{year}年{month}月底前完成", None)
    assert deadline.due is not None
    assert deadline.due.month == month
    assert (deadline.due + dt.timedelta(days=1)).day == 1


def test_hostile_input_is_read() -> None:
    """Long runs of date fragments on one line (the suite's running time
    shows any backtracking)."""
    assert find_deadlines("2022年" * 20_000, 2022) == []
    assert len(find_deadlines("6月底前，" * 20_000, 2022)) == 20_000
    assert find_recurrences("每" * 100_000) == []
    assert parse_deadline_cell("9" * 100_000, 2022).due is None

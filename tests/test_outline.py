"""The outline engine: sections and measures from numbered paragraphs."""

from __future__ import annotations

import datetime as dt

import pytest

from safetyplan.layouts.cleaning import Line
from safetyplan.layouts.numbering import intended_numbers
from safetyplan.layouts.outline import (
    Outline,
    build_outline,
    decide_headlines,
    headline,
    is_heading_text,
    join_paragraphs,
)
from safetyplan.model import Measure, Role, Section, Span


def lines(*texts: str) -> list[Line]:
    return [Line(t, n, n) for n, t in enumerate(texts, start=1)]


def outline(*texts: str, year: int | None = 2022) -> Outline:
    return build_outline(lines(*texts), year=year)


def measures(o: Outline) -> list[Measure]:
    return o.measures()


def test_levels_nest_by_numbering_style_and_headings_enclose_measures() -> None:
    o = outline(
        "为做好工作，制定本方案。",
        "一、总体要求",
        "坚持人民至上、生命至上。",
        "二、主要任务",
        "（一）压实责任",
        "1.乡镇党委要切实加强领导，研究部署重点工作。",
        "2.坚持党政同责，落实第一责任人责任。",
        "（二 ）强化监管",
        "3.加强执法检查，严厉打击违法行为。",
        "三、工作要求",
        "(一) 加强领导。各单位要高度重视，抓好落实。",
    )
    assert o.preamble == ("为做好工作，制定本方案。",)
    first, second, _ = o.sections
    assert (first.heading, first.text, first.children) == ("一、总体要求", ("坚持人民至上、生命至上。",), ())
    assert [c.heading for c in second.children if isinstance(c, Section)] == ["（一）压实责任", "（二）强化监管"]
    got = [(m.label, m.number, m.section_path) for m in measures(o)]
    assert got == [
        ("1.", 1, ("二、主要任务", "（一）压实责任")),
        ("2.", 2, ("二、主要任务", "（一）压实责任")),
        ("3.", 3, ("二、主要任务", "（二）强化监管")),
        ("(一)", 1, ("三、工作要求",)),
    ]
    assert measures(o)[0].span == Span(6, 6)


def test_a_heading_over_prose_only_is_a_section_and_so_is_one_over_nothing() -> None:
    o = outline(
        "三、实施步骤",
        "（一）部署阶段（8月初至8月上旬）",
        "1．动员部署。各单位结合实际，明确职责。",
        "（二）收尾阶段（11月）",
        "各单位要及时分析总结专项行动开展情况。",
        "（三）总结阶段",
    )
    (steps,) = o.sections
    kinds = [(type(c).__name__, c.label) for c in steps.children]
    assert kinds == [("Section", "（一）"), ("Section", "（二）"), ("Section", "（三）")]
    assert steps.children[1].text == ("各单位要及时分析总结专项行动开展情况。",)


def test_prose_after_a_measure_is_the_text_of_its_section() -> None:
    o = outline(
        "一、任务",
        "（一）加强领导。各单位要高度重视，抓好落实，确保取得实效。",
        "各地要于6月10日前报送实施方案。",
    )
    (section,) = o.sections
    assert section.text == ("各地要于6月10日前报送实施方案。",)
    assert len(section.children) == 1


def test_prose_between_two_measures_goes_on_with_the_measure_before_it() -> None:
    o = outline(
        "一、任务",
        "1.压实企业主体责任。督促企业落实全员安全生产责任制。",
        "对重点企业实行“一企一策”指导，8月底前完成。（责任单位：区应急管理局、经发局）",
        "2.强化执法检查。严格落实执法计划。（责任单位：区应急管理局）",
        "各地要于6月10日前报送工作小结。",
    )
    (section,) = o.sections
    first, second = measures(o)
    assert first.text.split("\n") == [
        "压实企业主体责任。督促企业落实全员安全生产责任制。",
        "对重点企业实行“一企一策”指导，8月底前完成。（责任单位：区应急管理局、经发局）",
    ]
    assert [a.unit for a in first.assignments] == ["区应急管理局", "经发局"]
    assert [d.due for d in first.deadlines] == [dt.date(2022, 8, 31)]
    assert first.span == Span(2, 3)
    assert first.title == "压实企业主体责任"
    assert section.text == ("各地要于6月10日前报送工作小结。",)  # after the last measure: the section's
    assert second.span == Span(4, 4)


def test_measures_without_headings_stand_in_a_section_without_heading() -> None:
    o = outline("1.加强领导，抓好落实。", "2.强化督查，严格问责。")
    (section,) = o.sections
    assert (section.label, section.title) == ("", "")
    assert [m.section_path for m in measures(o)] == [(), ()]


def test_broken_paragraphs_are_joined_without_stray_spaces() -> None:
    o = outline(
        "一、任务",
        "1.深化落实习",
        "近平总书记重要讲话精神，坚持人民至上。国企要带头减少灵活用工人员",
        "，提高工人安全素质。",
        "（责任单位：区安委办）",
        "2.汇聚整合数据资源，有效运用于分析研判与辅助决策。（责任单位",
        "：区政数局）",
    )
    first, second = measures(o)
    assert (
        first.text
        == "深化落实习近平总书记重要讲话精神，坚持人民至上。国企要带头减少灵活用工人员，提高工人安全素质。（责任单位：区安委办）"
    )
    assert first.span is not None and (first.span.start, first.span.end) == (2, 5)
    assert second.text.endswith("（责任单位：区政数局）")
    assert [a.unit for a in second.assignments] == ["区政数局"]


def test_a_measure_broken_inside_its_headline_is_joined_where_the_level_holds_articles() -> None:
    joined = join_paragraphs(
        lines(
            "一、加强管理",
            "（一）强化劳务派遣人员、灵活用工人员安全教育培",
            "训。生产经营单位要将劳务派遣人员纳入统一管理。",
            "（二）开展专项整治。各部门要迅速开展专项整治行动。",
            "二、总体要求",
            "以习近平新时代中国特色社会主义思想为指导。",
        )
    )
    assert [ln.text[:8] for ln in joined] == [
        "一、加强管理",
        "（一）强化劳务派",
        "（二）开展专项整",
        "二、总体要求",
        "以习近平新时代中",
    ]


def test_hard_wrapped_lines_that_fill_the_width_go_on_below() -> None:
    width = 16
    text = "1.加强风险研判。督促企业建立健全双重预防机制，明确管控责任和措施，及时消除安全隐患。"
    wrapped = [text[i : i + width] for i in range(0, len(text), width)]
    filler = [f"{n + 2}.这是一条用来凑足行数的措施内容。" for n in range(12)]
    joined = join_paragraphs(lines(*wrapped, *filler), width=width)
    assert joined[0].text == text


def test_a_short_last_line_ends_a_wrapped_paragraph() -> None:
    width = 16
    text = "1.加强风险研判。督促企业建立健全双重预防机制，明确管控责任和措施。"
    wrapped = [text[i : i + width] for i in range(0, len(text), width)]
    assert len(wrapped[-1]) < width - 1
    closing = "各地要于6月10日前报送实施方案。"
    joined = join_paragraphs(lines(*wrapped, closing), width=width)
    assert [p.text for p in joined] == [text, closing]


def test_a_numeral_after_a_line_ending_in_di_is_an_ordinal_not_a_label() -> None:
    o = outline("一、总体要求", "坚持人民至上、生命至上，坚持安全第", "一、预防为主、综合治理。", "二、重点任务", "1.加强领导。")
    assert [s.heading for s in o.sections] == ["一、总体要求", "二、重点任务"]
    assert o.sections[0].text == ("坚持人民至上、生命至上，坚持安全第一、预防为主、综合治理。",)


def test_a_line_broken_inside_its_paragraph_goes_on_after_a_full_stop() -> None:
    o = build_outline(
        [
            Line("一、任务", 1, 1),
            Line("1.强化党政领导示范履职。", 2, 2),
            Line("坚持党政同责、一岗双责。（责任单位：区应急管理局）", 2, 2, broken=True),
            Line("2.压实部门责任。", 3, 3),
        ],
        year=2022,
    )
    first, second = measures(o)
    assert first.text == "强化党政领导示范履职。坚持党政同责、一岗双责。（责任单位：区应急管理局）"
    assert [a.unit for a in first.assignments] == ["区应急管理局"]
    assert second.label == "2."


def test_an_item_announcing_what_follows_keeps_the_paragraph_below() -> None:
    o = outline(
        "一、任务",
        "8.加强督导检查。各地要按月调度。",
        "9.深入开展危险化学品安全风险集中治理，重点做好以下工作：",
        "一是3月底前完成排查；二是年底前完成整治。（责任单位：区应急局、区公安分局）",
        "10.强化宣传引导。各地要广泛宣传。",
    )
    assert [m.label for m in measures(o)] == ["8.", "9.", "10."]
    nine = measures(o)[1]
    assert [a.unit for a in nine.assignments] == ["区应急局", "区公安分局"]
    assert [d.due for d in nine.deadlines] == [dt.date(2022, 3, 31), dt.date(2022, 12, 31)]


def test_a_number_skipped_before_a_count_that_runs_on_into_the_next_section_stays() -> None:
    o = outline("一、任务", "15.加强领导。", "16.压实责任。", "18.完善制度。", "二、保障", "19.强化考核。")
    assert [m.number for m in measures(o)] == [15, 16, 18, 19]


def test_prose_after_a_sections_last_measure_goes_on_with_it_unless_it_closes_the_plan() -> None:
    o = outline(
        "一、任务",
        "（一）排查隐患。9月底前完成排查。",
        "对排查发现的隐患，11月下旬前全部整改销号。",
        "二、要求",
        "（二）加强领导。各单位要高度重视。",
        "各地要于12月10日前报送工作总结。",
    )
    first, second = measures(o)
    assert [d.due for d in first.deadlines] == [dt.date(2022, 9, 30), dt.date(2022, 11, 30)]
    assert second.deadlines == ()
    assert o.sections[1].text == ("各地要于12月10日前报送工作总结。",)  # after the last numbered line: the plan's close


def test_unit_and_deadline_lines_under_a_measure_are_its_own_wherever_it_stands() -> None:
    o = outline(
        "一、任务",
        "1．推进路口提升。完成改造。",
        "牵头单位：区交通局",
        "配合单位：区公安分局、应急局",
        "完成时限：长期坚持",
        "2．开展隐患清零行动",
        "（1）排查整治。",
        "责任单位：区应急局",
    )
    assert [m.label for m in measures(o)] == ["1．", "（1）"]  # 2． heads its items, and （1） with its list is one
    first, last = measures(o)
    assert [(a.unit, a.role) for a in first.assignments] == [
        ("区交通局", Role.LEAD),
        ("区公安分局", Role.SUPPORT),
        ("应急局", Role.SUPPORT),
    ]
    assert [(d.due, d.ongoing) for d in first.deadlines] == [(None, True)]
    assert [(a.unit, a.role) for a in last.assignments] == [("区应急局", Role.RESPONSIBLE)]  # after the last numbered line too


def test_a_problem_item_with_its_rectification_fields_is_a_measure() -> None:
    o = outline(
        "一、存在问题及整改措施",
        "1.部分乡镇重视不够，研究部署流于形式。",
        "整改措施：各乡镇每季度至少召开1次会议，8月底前报县安委办。",
        "牵头：县安委办",
        "配合：县委督查室",
        "整改时限：常态化开展",
        "2.职责边界不清，新兴业态监管存在盲区。",
        "整改措施：修订职责规定。",
        "责任：县安委办、县委编办",
    )
    first, second = measures(o)
    assert [(a.unit, a.role) for a in first.assignments] == [("县安委办", Role.LEAD), ("县委督查室", Role.SUPPORT)]
    assert [(d.due, d.ongoing) for d in first.deadlines] == [(dt.date(2022, 8, 31), False), (None, True)]
    assert [a.unit for a in second.assignments] == ["县安委办", "县委编办"]


def test_a_first_number_is_judged_by_the_count_it_runs_on_from() -> None:
    o = outline("四、甲", "（十）加强宣传。", "（十一）强化督导。", "五、乙", "（二十）严格执法。", "（十三）联合惩戒。")
    assert [m.number for m in measures(o)] == [10, 11, 12, 13]


def test_a_short_commanding_phrase_is_a_headline_wherever_it_stands() -> None:
    o = outline(
        "一、任务",
        "1.各乡镇要切实加强对安全生产工作的领导，每季度研究一次安全生产工作。",
        "2.落实党政领导干部安全生产责任。2025年1月中旬前，制定责任清单。",
        "3.各部门要按照管行业必须管安全的要求，认真履行监管职责，加强督导检查。",
    )
    assert [m.title for m in measures(o)] == [None, "落实党政领导干部安全生产责任", None]


def test_labels_and_numbers() -> None:
    o = outline(
        "一、任务",
        "（十三）加大追责力度。严格落实一票否决制度。",
        "二、审批",
        "25.2022年8月底前，完成项目审批安全论证。",
    )
    labels = [(m.label, m.number) for m in measures(o)]
    assert labels == [("（十三）", 13), ("25.", 25)]


def test_a_label_before_a_month_opens_an_item() -> None:
    (m,) = measures(outline("一、任务", "22.9月中旬前，组织对已下放的执法事项开展评估。"))
    assert (m.label, m.number, m.text[:6]) == ("22.", 22, "9月中旬前，")


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ([1, 2, 3], [1, 2, 3]),
        ([7, 8, 8, 10], [7, 8, 9, 10]),  # repeated
        ([50, 551, 52], [50, 51, 52]),  # a stray digit
        ([1, 2, 4], [1, 2, 3]),  # the last one skips
        ([1, 1], [1, 2]),
        ([1, 2, 3, 1, 2], [1, 2, 3, 1, 2]),  # the count restarts
        ([1, 2, 5, 6], [1, 2, 5, 6]),  # the count jumps and goes on from there
        ([3, 4], [3, 4]),
        ([], []),
    ],
)
def test_intended_numbers(written: list[int], meant: list[int]) -> None:
    assert intended_numbers(written) == meant


def test_an_obvious_typo_in_the_numbering_takes_the_number_the_count_says() -> None:
    o = outline(
        "一、任务",
        "1.加强领导，抓好落实。",
        "2.强化督查，严格问责。",
        "2.完善制度，健全机制。",
        "4.加大投入，保障经费。",
        "二、要求",
        "（一）提高认识。各单位要高度重视。",
        "（二）压实责任。各单位要明确分工。",
        "（四）严肃问责。对工作不力的严肃追责。",
    )
    assert [(m.label, m.number) for m in measures(o)] == [
        ("1.", 1), ("2.", 2), ("2.", 3), ("4.", 4), ("（一）", 1), ("（二）", 2), ("（四）", 3)]  # fmt: skip


def test_markup_free_headings_keep_their_punctuation_in_paths() -> None:
    o = outline("二、重点任务", "（一）抓“十条措施”，强化政府监管责任落实。", "1.强化领导示范履职。坚持党政同责。")
    assert measures(o)[0].section_path == ("二、重点任务", "（一）抓“十条措施”，强化政府监管责任落实。")


def test_headlines_are_decided_for_each_group_of_siblings() -> None:
    o = outline(
        "一、甲",
        "1.强化领导示范履职。坚持党政同责、一岗双责。",
        "2.强化部门务实履职。负有监管职责的部门要同时安排部署。",
        "3.强化督查考核问责。加大督查考核力度，严格落实一票否决。",
        "二、乙",
        "1.危险化学品领域要细化化工企业安全改造提升，打好危化品综合治理攻坚战，狠抓重点岗位安全管理。",
        "2.建筑施工领域要强化现场管理。深化专项整治，严格管控。",
        "3.道路交通领域要围绕平安交通建设三年行动计划以及攻坚行动，加强两客一危安全监管。",
        "三、丙",
        "1.加强水上交通和渔业船舶安全风险防控,突出做好乡镇自用船舶管理和青少年防溺水工作。压实属地责任。",
        "四、丁",
        "1.强化宣传教育。组织开展知识进企业活动。",
        "2.落实安全培训。企业所有人员必须经过培训。",
        "3.加强应急值守。各单位要及时排班值守。",
    )
    titles = [m.title for m in measures(o)]
    assert titles[:3] == ["强化领导示范履职", "强化部门务实履职", "强化督查考核问责"]
    assert titles[3:6] == [None, None, None]  # one short first sentence does not make a headline
    # a group too small to decide follows the majority of the groups that did
    assert titles[6] == "加强水上交通和渔业船舶安全风险防控,突出做好乡镇自用船舶管理和青少年防溺水工作"


def test_headline_rules() -> None:
    assert headline("强化党政领导示范履职。坚持党政同责。") == "强化党政领导示范履职"
    assert (
        headline("坚持“三管三必须。”要求。其余。") == "坚持“三管三必须。”要求"
    )  # the stop inside quotes is not the end
    assert headline("强化组织领导。") is None  # nothing follows: not a headline
    assert headline("主要任务是：加强领导。其余。") is None
    assert decide_headlines(
        [["甲乙。丙丁。"], ["很长很长的第一句话，说明了许多许多的事情并且没有在短时间内结束，一直到这里才结束。其余。"]]
    ) == [True, True]
    assert decide_headlines([]) == []


def test_heading_text() -> None:
    assert is_heading_text("部署发动阶段（8月初至8月上旬）")
    assert is_heading_text("抓“十条措施”，强化政府监管责任落实。")
    assert not is_heading_text("提升本质安全水平。各有关部门要提")
    assert not is_heading_text("")


def test_units_and_deadlines_use_the_shared_readers() -> None:
    o = outline(
        "一、任务",
        "1．危险化学品领域要开展专项整治，2022年6月底前完成，每季度至少检查1次。（责任单位：区应急管理局、经发局，各镇、街道）",
    )
    (m,) = measures(o)
    assert [(a.unit, a.canonical, a.role) for a in m.assignments] == [
        ("区应急管理局", None, Role.RESPONSIBLE),
        ("经发局", "区经发局", Role.RESPONSIBLE),
        ("各镇", None, Role.RESPONSIBLE),
        ("街道", "各街道", Role.RESPONSIBLE),
    ]
    assert [d.due for d in m.deadlines] == [dt.date(2022, 6, 30)]
    assert [d.recurrence for d in m.recurring] == ["quarterly"]
    assert m.text.endswith("（责任单位：区应急管理局、经发局，各镇、街道）")
    # the one list covers the measure's whole text before it
    covered = {a.applies_to for a in m.assignments}
    assert len(covered) == 1
    (r,) = covered
    assert r is not None and m.text[r.start : r.end] == m.text[: m.text.index("（责任单位")]


def test_readers_can_be_replaced_and_the_part_and_path_set() -> None:
    o = build_outline(
        lines("1.某项任务内容，抓好落实。"),
        part="attachment",  # type: ignore[arg-type]
        path=("附件",),
        units=lambda text: (),
        dates=lambda text, year: ((), ()),
    )
    (m,) = measures(o)
    assert (m.part, m.section_path, m.assignments, m.deadlines) == ("attachment", ("附件",), (), ())


def test_word_paragraphs_and_broken_lines_give_the_same_outline() -> None:
    broken = outline("一、任务", "1.深化落实习", "近平总书记重要讲话精神。", "2.加强领导，抓好落实。")
    whole = outline("一、任务", "1.深化落实习近平总书记重要讲话精神。", "2.加强领导，抓好落实。")
    strip = [(m.label, m.text, m.section_path) for m in measures(broken)]
    assert strip == [(m.label, m.text, m.section_path) for m in measures(whole)]

"""The citywork layout: city work points, alone or collected on a web page.

The corpus page collects three plans; ``tests/data/citywork/`` holds small
plans of the same family written in other combinations of its notations
(``(一)`` and ``1、`` measures, ``〔…〕`` lists inside a measure, role phrases,
bare lists, a unit line of its own, several plans and page furniture), each
with a gold file of what a correct import holds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from layout_corpus import CORPUS, REGIONS, corpus_document, corpus_path
from safetyplan_citywork.detection import score
from safetyplan_citywork.page import (
    is_collection_heading,
    is_furniture_form,
    is_menu_item,
    is_plan_title,
    is_site_chrome,
    listed_number,
    plan_title,
    wrapped_title,
)

import safetyplan
from safetyplan.api import DETECT_THRESHOLD
from safetyplan.document import Document, Paragraph
from safetyplan.layouts.accounting import unaccounted
from safetyplan.layouts.metadata import title_year
from safetyplan.layouts.units import find_unit_lists
from safetyplan.model import Measure, Plan, Role
from safetyplan.registry import get_registry
from safetyplan.testing import LayoutConformance

DATA = Path(__file__).resolve().parent / "data" / "citywork"


class TestCityworkCorpusConformance(LayoutConformance):
    layout = "citywork"
    samples = "../../shared/corpus/citywork-3.txt"
    gold = "../../shared/corpus/gold"


class TestCityworkFamilyConformance(LayoutConformance):
    layout = "citywork"
    samples = "data/citywork/*.txt"
    gold = "data/citywork"


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return safetyplan.load_all(corpus_path("citywork-3"))


def measure(plan: Plan, number: int) -> Measure:
    return next(m for m in plan.measures() if m.number == number)


def units(m: Measure) -> list[tuple[str, str]]:
    return [(a.unit, a.role.value) for a in m.assignments]


# -- one file, several plans ---------------------------------------------------


def test_load_all_returns_every_collected_plan_in_order(plans: list[Plan]) -> None:
    assert [p.title for p in plans] == [f"市安全生产委员会2024年工作要点{n}" for n in "一二三"]
    assert [len(list(p.measures())) for p in plans] == [27, 31, 25]
    assert [p.source.index for p in plans] == [0, 1, 2]
    for plan in plans:
        assert plan.region == "citywork"
        assert (plan.issuer, plan.doc_number, plan.issue_date, plan.year) == (None, None, None, 2024)


def test_load_refuses_a_collection_and_says_how_many_and_what_to_use() -> None:
    with pytest.raises(safetyplan.PlanCountError) as caught:
        safetyplan.load(corpus_path("citywork-3"))
    assert caught.value.count == 3
    assert "3 plans" in str(caught.value)
    assert "load_all" in str(caught.value)


def test_page_heading_and_its_echo_are_no_plan(plans: list[Plan]) -> None:
    head = [n.text for n in plans[0].notes if n.kind == "furniture"]
    assert head.count("市安全生产委员会2024年工作要点7篇") == 2
    assert not any("7篇" in p.title for p in plans)


def test_navigation_is_furniture_and_stays_out_of_the_plans(plans: list[Plan]) -> None:
    first = [n.text for n in plans[0].notes if n.kind == "furniture"]
    assert first[0] == "• 工作总结"
    assert any(t.startswith("• 当前位置:") for t in first)
    assert any(t.startswith("时间:") for t in first)
    assert any("欢迎阅读与借鉴" in t for t in first)  # the page's blurb, above the first plan
    last = [n.text for n in plans[2].notes if n.kind == "furniture"]
    assert last[-1] == "• 电脑上网"
    for plan in plans:
        assert not plan.unplaced
        held = " ".join([*plan.preamble, *(m.text for m in plan.measures())])
        assert "•" not in held and "达达文档网" not in held


def test_nothing_of_the_page_is_dropped(plans: list[Plan]) -> None:
    assert unaccounted(corpus_document("citywork-3"), plans) == []


# -- measures and unit lists ----------------------------------------------------


def test_several_lists_per_measure_with_roles_in_order_of_first_appearance(plans: list[Plan]) -> None:
    assert units(measure(plans[0], 2)) == [
        ("市安委办", "responsible"),
        ("市安委办", "lead"),
        ("市委编办", "support"),
        ("市应急局", "support"),
        ("市消防救援支队", "support"),
    ]
    assert units(measure(plans[2], 24)) == [
        ("市应急局", "lead"),
        ("市委宣传部", "support"),
        ("市财政局", "support"),
        ("市司法局", "support"),
        ("市安委会成员单位", "responsible"),
    ]


def test_each_assignment_keeps_the_sentences_its_list_covers(plans: list[Plan]) -> None:
    m = measure(plans[0], 2)
    by_role = {(a.unit, a.role): a.applies_to for a in m.assignments}
    first = by_role[("市安委办", Role.RESPONSIBLE)]
    lead = by_role[("市安委办", Role.LEAD)]
    assert first is not None and lead is not None
    assert m.text[first.start : first.end].startswith("推动各级党委政府落实安全生产属地责任。")
    assert m.text[first.start : first.end].endswith("《地方党政领导干部安全生产责任制规定》")
    assert (
        m.text[lead.start : lead.end]
        == "完善开发区、工业园区等功能区安全生产监管体制机制,持续开展省级以上开发区整体风险性评估。强化基层安全生产监管力量建设,推动安全生产监管职责落实落地"
    )
    assert by_role[("市委编办", Role.SUPPORT)] == lead


def test_lists_cover_consecutive_stretches_of_the_measure(plans: list[Plan]) -> None:
    for plan in plans:
        for m in plan.measures():
            previous_end = 0
            for ul in find_unit_lists(m.text):
                assert previous_end <= ul.covers.start <= ul.covers.end <= ul.start
                assert all(a.applies_to == ul.covers for a in ul.assignments)
                previous_end = ul.end


def test_nested_parentheses_stay_inside_a_name(plans: list[Plan]) -> None:
    assert ("市委党校(行政学院)", "support") in units(measure(plans[0], 1))
    assert units(measure(plans[0], 6))[-1] == ("市财政局(国资委)", "responsible")
    assert ("市委编办(市绩效办)", "responsible") in units(measure(plans[1], 3))


def test_asides_in_brackets_are_no_units(plans: list[Plan]) -> None:
    names = {a.unit for p in plans for m in p.measures() for a in m.assignments}
    for aside in ("警告标志", "党组", "管委会", "含自建房", "深井铸造", "十一", "工商户和家庭", "经济开发区"):
        assert not any(aside == n or n.startswith(aside) for n in names), aside


def test_square_and_mismatched_brackets_hold_lists(plans: list[Plan]) -> None:
    assert units(measure(plans[1], 12))[0] == ("市公安局交警支队", "responsible")  # (…等部门分工负责〕
    assert len(measure(plans[1], 12).assignments) == 12


def test_a_note_that_units_apply_below_copies_nothing(plans: list[Plan]) -> None:
    first = measure(plans[1], 1)
    assert [u for u, _ in units(first)] == [
        "市委宣传部",
        "市委组织部",
        "市应急局",
        "市安委会各成员单位",
        "各县(市、区)",
        "开发区",
    ]
    assert measure(plans[1], 2).assignments == ()


def test_a_paragraph_after_a_measure_continues_it(plans: list[Plan]) -> None:
    m = measure(plans[2], 18)
    assert m.text.endswith("其他行业领域,结合实际开展安全生产风险专项整治。")
    assert [x.number for x in plans[2].measures()] == list(range(1, 26))


def test_headlines_may_hold_a_comma(plans: list[Plan]) -> None:
    assert (
        measure(plans[0], 13).title == "加强水上交通和渔业船舶安全风险防控,突出做好乡镇自用船舶管理和青少年防溺水工作"
    )


# -- the family's other notations -------------------------------------------------


def test_square_bracket_list_inside_a_measure_and_a_role_phrase_after_it() -> None:
    plan = safetyplan.load(DATA / "single-plan.txt")
    first = measure(plan, 1)
    assert first.label == "(一)"
    assert first.section_path == ("一、压实安全生产责任",)
    assert units(first) == [
        ("市安委办", "responsible"),
        ("市委组织部", "responsible"),
        ("市安委办", "lead"),
        ("各有关部门", "support"),
    ]
    covered = first.assignments[0].applies_to
    assert covered is not None and first.text[covered.start : covered.end].endswith("至少研究1次安全生产工作")


def test_a_bare_list_closing_a_sentence_and_a_mismatched_bracket() -> None:
    plan = safetyplan.load(DATA / "single-plan.txt")
    gas = measure(plan, 5)
    assert units(gas) == [
        ("市住房城乡建设局", "responsible"),
        ("市市场监管局", "responsible"),
        ("市城市管理局", "responsible"),
    ]
    assert "其他领域结合实际开展燃气安全专项整治。" in gas.text
    assert units(measure(plan, 2))[0] == ("市委编办(市绩效办)", "lead")  # after (即:…), which names nobody


def test_a_unit_line_of_its_own_covers_the_measure_above_it() -> None:
    plan = safetyplan.load(DATA / "implementation-plan.txt")
    building = next(m for m in plan.measures() if m.title == "开展建筑施工专项整治")
    assert units(building) == [("县住房城乡建设局", "responsible"), ("县交通运输局", "responsible")]
    closing = [m for m in plan.measures() if m.section_path == ("二、工作要求",)]
    assert [m.title for m in closing] == ["加强组织领导", "强化督导考核"]
    assert closing[0].assignments == ()


def test_two_plans_on_a_page_with_three_levels_and_a_foot() -> None:
    first, second = safetyplan.load_all(DATA / "collection.txt")
    assert first.title == "区安全生产委员会2025年工作要点(一)"
    assert second.title == "区安全生产委员会2025年工作要点(二)"
    assert [m.label for m in first.measures()] == ["1、", "2、", "3、", "4、"]
    assert measure(second, 1).section_path == ("一、夯实安全生产基础", "(一)提升本质安全水平")
    foot = [n.text for n in second.notes if n.kind == "furniture"]
    assert foot[:2] == ["上一篇:区安全生产委员会2024年工作总结", "下一篇:乡镇安全生产工作计划"]
    assert not first.unplaced and not second.unplaced


def test_piece_numbers_chinese_years_and_lists_on_lines_of_their_own() -> None:
    first, second = safetyplan.load_all(DATA / "pieces.txt")
    assert (first.title, first.year) == ("xx县安全生产委员会二〇二五年工作要点", 2025)
    assert ("furniture", "篇一：") in [(n.kind, n.text) for n in first.notes]
    assert "安全生产工作要点范文（通用2篇）" in [n.text for n in first.notes if n.kind == "furniture"]
    exam = measure(first, 2)
    assert units(exam) == [("县安委办", "lead"), ("县委组织部", "support"), ("县纪委监委", "support")]
    covered = exam.assignments[0].applies_to
    assert covered is not None and exam.text[covered.start : covered.end].endswith("4月底前印发考核细则。")
    assert [d.due.isoformat() for d in exam.deadlines if d.due] == ["2025-04-30"]
    assert [m.section_path for m in second.measures()] == [(), (), ()]
    assert units(measure(second, 3)) == [("县应急局", "lead"), ("县发展改革局", "support")]


def test_a_covering_letter_collected_with_a_plan_gives_its_metadata() -> None:
    first, second = safetyplan.load_all(DATA / "county-work-points-2025-two-plans.txt")
    assert (first.issuer, first.doc_number, first.issue_date) == (None, None, None)
    assert second.title == "xx县2025年安全生产工作要点"  # the plan's own title, not the page's heading
    assert (second.issuer, second.doc_number, second.issue_date) == (
        "xx县安全生产委员会", "xx安委〔2025〕3号", dt.date(2025, 2, 17))  # fmt: skip
    assert ("furniture", "县安全生产委员会2025年工作要点二") in [(n.kind, n.text) for n in second.notes]
    assert not any("印发" in t for s in first.sections for t in s.text)  # the letter is not the first plan's


def test_a_covering_letter_at_the_top_of_a_government_page_is_the_plans() -> None:
    path = DATA / "district-work-points-2024-notice.txt"
    assert next(iter(safetyplan.detect(safetyplan.read_document(path)))) == "citywork"
    (plan,) = safetyplan.load_all(path)
    assert plan.title == "xx区2024年安全生产工作要点"
    # The letter's signature, not the page's 生成日期; its number from the page's 文号 row.
    assert (plan.issuer, plan.doc_number, plan.issue_date) == (
        "xx区安全生产委员会",
        "xx安委〔2024〕2号",
        dt.date(2024, 3, 4),
    )
    assert plan.recipients[0] == "各街道办事处"
    kinds = {n.text: n.kind for n in plan.notes}
    assert kinds["xx区安全生产委员会关于印发《xx区2024年安全生产工作要点》的通知"] == "letter"
    assert kinds["xx区安全生产委员会 2024年3月4日"] == "signature"
    assert kinds["当前位置：首页 > 政务公开 > 政府信息公开目录 > 其他文件"] == "furniture"
    assert kinds["（此件公开发布）"] == "furniture"


def test_a_signature_closing_a_plan_gives_its_issuer_and_date_and_no_measure_text() -> None:
    (flood,) = safetyplan.load_all(DATA / "county-flood-season-plan-2024-mixed-levels.txt")
    fire, gas, _ = safetyplan.load_all(DATA / "county-safety-points-2024-three-plans.txt")
    assert (flood.issuer, flood.issue_date) == ("xx县防汛抗旱指挥部办公室", dt.date(2024, 5, 6))
    assert (fire.issuer, fire.issue_date) == ("xx县消防安全委员会", dt.date(2024, 3, 12))
    assert (gas.issuer, gas.issue_date) == (None, None)  # the signature above its title is the plan before's
    for plan in (flood, fire):
        last = list(plan.measures())[-1]
        assert last.text.endswith("。") and "\n" not in last.text
        assert [n.kind for n in plan.notes if n.text.endswith("日")] == ["signature"]


def test_a_covering_letter_between_two_plans_is_the_one_it_names() -> None:
    measures = ["一、压实责任", "1.落实党政领导责任。研究部署安全生产工作(市安委办牵头,各有关部门配合)。"]
    lines = [
        "市安全生产委员会2024年工作要点一",
        *measures,
        "市安全生产委员会关于印发《市2024年消防工作要点》的通知",
        "各县（区）人民政府：",
        "现将《市2024年消防工作要点》印发给你们，请认真贯彻落实。",
        "市安全生产委员会",
        "2024年2月1日",
        "市2024年消防工作要点",
        *measures,
        "抄送：市委办公室，市人大常委会办公室。",
    ]
    first, second = safetyplan.parse(Document(tuple(Paragraph(t, i) for i, t in enumerate(lines, start=1))))
    assert list(first.measures())[-1].text.endswith("各有关部门配合)。")
    assert (first.issuer, first.issue_date) == (None, None)
    assert (second.issuer, second.issue_date) == ("市安全生产委员会", dt.date(2024, 2, 1))
    assert second.cc == ("市委办公室", "市人大常委会办公室")


def test_a_pages_links_and_caption_below_the_plan_are_its_foot() -> None:
    (plan,) = safetyplan.load_all(DATA / "district-work-points-2024-notice.txt")
    assert list(plan.measures())[-1].text.endswith("12月10日前报送全年工作总结。")
    foot = [n.text for n in plan.notes if n.kind == "furniture"]
    for line in (
        "扫一扫在手机打开当前页",
        "相关链接：",
        "xx区安全生产委员会办公室关于开展2024年“安全生产月”活动的通知",
    ):
        assert line in foot


def test_a_sites_frame_by_its_form() -> None:
    assert is_site_chrome("无障碍浏览 | 长者模式 | 繁體 | 登录 | 注册")
    assert is_site_chrome("首页  政务动态  政务公开  政务服务")
    assert is_site_chrome("索 引 号：11340xxxMB1503265X/202403-00012    信息分类：安全生产")
    assert is_site_chrome("【打印本页】  【关闭窗口】")
    assert not is_site_chrome("联系人：胡美河      联系电话：83738071")
    assert not is_site_chrome("xx县消防安全委员会      2024年3月12日")
    assert not is_menu_item("2024年5月6日")  # a signature's date
    assert listed_number("文\u3000\u3000号：xx安委〔2024〕2号          关 键 词：安全生产") == "xx安委〔2024〕2号"
    assert listed_number("名\u3000\u3000称：关于印发《要点》的通知") is None
    assert wrapped_title("xx区安委会关于印发《xx区2024年安全生产工作要点》的通知") == "xx区2024年安全生产工作要点"
    assert wrapped_title("1.贯彻落实关于印发《xx区2024年安全生产工作要点》的通知") is None
    assert wrapped_title("名称：关于印发《xx区2024年安全生产工作要点》的通知") is None


def test_a_web_pages_own_parts_neither_hide_the_plan_nor_read_as_its_text(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in (DATA / "single-plan.txt").read_text(encoding="utf-8").splitlines())
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><div class="topbar">欢迎访问 | 无障碍浏览</div><div class="nav"><a>首页</a><a>信息公开</a></div>'
        f'<div class="location">当前位置：首页 &gt; 通知公告</div><div id="zoom">{body}</div>'
        '<div class="tools">【打印本页】【关闭窗口】</div><div class="prevnext">上一篇：关于做好安全防范工作的通知</div>'
        '<div class="footer">版权所有 | 联系我们</div></body></html>',
        encoding="utf-8",
    )
    document = safetyplan.read_document(page)
    assert next(iter(safetyplan.detect(document))) == "citywork"
    (from_page,) = safetyplan.load_all(page)
    (from_text,) = safetyplan.load_all(DATA / "single-plan.txt")
    assert [m.text for m in from_page.measures()] == [m.text for m in from_text.measures()]
    assert "上一篇：关于做好安全防范工作的通知" in [n.text for n in from_page.notes if n.kind == "furniture"]


def test_a_pages_marked_navigation_counts_as_navigation_and_its_links_as_no_covering_notice(tmp_path: Path) -> None:
    body = "".join(
        f"<p>{line}</p>" for line in (DATA / "implementation-plan.txt").read_text(encoding="utf-8").splitlines()
    )
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><body><div class="topbar">欢迎访问本网站！</div><div class="nav">首页</div><div id="zoom">{body}</div>'
        '<div class="prevnext">上一篇：关于做好端午节期间安全防范工作的通知</div></body></html>',
        encoding="utf-8",
    )
    assert next(iter(safetyplan.detect(safetyplan.read_document(page)))) == "citywork"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_nothing_of_a_family_sample_is_dropped(name: str) -> None:
    path = DATA / name
    document = safetyplan.read_document(path)
    assert isinstance(document, Document)
    assert unaccounted(document, safetyplan.load_all(path)) == []


# -- detection ----------------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS)
def test_regional_documents_are_not_citywork(region: str) -> None:
    document = corpus_document(region)
    assert score(document) < DETECT_THRESHOLD
    assert next(iter(safetyplan.detect(document))) == region


@pytest.mark.parametrize(("ordinal", "count"), [("一", 27), ("二", 31), ("三", 25)])
def test_one_collected_plan_on_its_own_is_still_citywork(ordinal: str, count: int) -> None:
    lines = (CORPUS / "citywork-3.txt").read_text(encoding="utf-8").splitlines()
    titles = [
        i for i, ln in enumerate(lines) if ln.strip().startswith("市安全生产委员会2024年工作要点") and "篇" not in ln
    ]
    start = next(i for i in titles if lines[i].strip().endswith(ordinal))
    end = next((i for i in titles if i > start), None) or next(
        i for i, ln in enumerate(lines) if i > start and ln.strip().startswith("•")
    )
    document = Document(tuple(Paragraph(ln, i + 1) for i, ln in enumerate(lines[start:end]) if ln.strip()))
    assert next(iter(safetyplan.detect(document))) == "citywork"
    (plan,) = safetyplan.parse(document)
    assert len(list(plan.measures())) == count


def test_title_lines_by_their_form() -> None:
    assert is_plan_title("  市安全生产委员会2024年工作要点一")
    assert is_plan_title("区安全生产委员会2025年工作要点(二)")
    assert is_plan_title("县2025年度安全生产专项整治实施方案")
    assert is_plan_title("篇二：市安全生产委员会2024年工作要点")
    assert plan_title("篇二：市安全生产委员会2024年工作要点") == "市安全生产委员会2024年工作要点"
    assert is_plan_title("市安委会2024年工作要点篇一")
    assert not is_plan_title("市安全生产委员会2024年工作要点7篇")
    assert is_collection_heading("市安全生产委员会2024年工作要点7篇")
    assert not is_plan_title("关于印发2024年安全生产工作要点的通知")
    assert not is_plan_title("一、2024年安全生产工作要点")
    assert not is_plan_title("• 策划方案")
    assert title_year("市安全生产委员会2024年工作要点一") == 2024
    assert title_year("xx市二〇二四年安全生产工作要点") == 2024
    assert title_year("安全生产工作要点") is None
    assert title_year("治本攻坚三年行动实施方案（2024—2026年）") == 2024  # a range: the year it starts
    assert title_year("2023-2025年安全生产专项整治") == 2023


def test_navigation_lines_by_their_form() -> None:
    assert is_furniture_form("  • 工作总结")
    assert is_furniture_form("当前位置: 某网 > 文档下载 > 工作计划 > 正文")
    assert is_furniture_form("首页 » 范文 » 计划")
    assert is_furniture_form("时间:2023-11-20 11:38:38 来源:某网")
    assert is_furniture_form("来源：某市应急管理局")
    assert not is_furniture_form("1.加强安全生产统筹协调推动工作。推进市安委会办公室工作制度化。")
    assert not is_furniture_form("一、统筹发展和安全,进一步健全安全生产责任体系")


def test_hostile_text_is_read_without_error() -> None:
    layout = get_registry().layout("citywork").obj
    for text in (
        "1." + "(" * 100_000,
        "1." + "(" * 50_000 + ")" * 50_000,
        "1." + "(市应急局、" * 20_000,
        "一、" + "。" * 100_000,
    ):
        document = Document((Paragraph(text, 1),))
        layout.detect(document)
        assert layout.parse(document)

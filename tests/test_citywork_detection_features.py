"""What the citywork detection weighs, each feature read from the notation
of a small document: plan titles followed by numbered text, web navigation,
unit lists inside measures (role phrases, square brackets, text after the
list), and the marks of an issued regional document that count against it.

The scores are read from the whole text however it is split into blocks,
and from bounded stretches of it (the head, the foot, the numbered text
from its first numbered line), so a longer document of the same notation
scores the same.
"""

from __future__ import annotations

import pytest
from layout_corpus import REGIONS, corpus_document
from safetyplan_citywork.detection import score

import safetyplan
from safetyplan.api import DETECT_THRESHOLD
from safetyplan.document import Cell, Document, Paragraph, Row, Table

MEASURES = [
    "一、压实安全生产责任",
    "1.落实党政领导责任。研究部署安全生产工作(市安委办牵头,各有关部门配合)。"
    "将安全生产纳入述职内容〔市委组织部、市安委办分工负责〕。",
    "2.落实部门监管责任。厘清新业态监管职责(牵头单位:市安委办;配合单位:市委编办)。编制权力清单。",
    "3.落实企业主体责任。开展全员安全生产责任制落实情况检查(市应急局牵头,市安委会成员单位配合)。",
    "二、深化专项整治",
    "4.整治城镇燃气安全隐患。推进老旧管道更新改造(市住建局牵头),10月底前完成年度任务。",
    "5.整治消防安全隐患。开展高层建筑消防安全治理(市消防救援支队负责),严格执法。",
]
REGIONAL_MEASURES = [
    "一、压实安全生产责任",
    "1.落实党政领导责任。研究部署安全生产工作，将安全生产纳入述职内容。（责任单位：区安委办）",
    "2.落实部门监管责任。厘清新业态监管职责，编制权力清单。（责任单位：区委编办、区安委办）",
    "3.落实企业主体责任。开展全员安全生产责任制落实情况检查。（责任单位：区应急管理局）",
    "二、深化专项整治",
    "4.整治城镇燃气安全隐患。推进老旧管道更新改造，10月底前完成年度任务。（责任单位：区住建局）",
    "5.整治消防安全隐患。开展高层建筑消防安全治理，严格执法。（责任单位：区消防救援大队）",
]
NAVIGATION = ["• 首页", "• 工作计划", "当前位置: 范文网 > 工作计划 > 正文", "时间:2024-01-08 09:12 来源:范文网"]
OFFICIAL_HEAD = [
    "某市安全生产委员会文件",
    "某安委〔2024〕3号",
    "关于印发2024年安全生产工作要点的通知",
    "各县（区）人民政府，市直有关部门：",
    "现将《2024年安全生产工作要点》印发给你们，请认真贯彻落实。",
]


def document(lines: list[str]) -> Document:
    return Document(tuple(Paragraph(text, i) for i, text in enumerate(lines, start=1)))


def test_a_plan_with_lists_inside_its_measures_is_a_city_work_plan() -> None:
    assert score(document(["市安全生产委员会2024年工作要点", *MEASURES])) >= 0.9


def test_one_list_closing_each_measure_is_not_the_citywork_notation() -> None:
    assert score(document(REGIONAL_MEASURES)) < score(document(MEASURES)) - 0.4
    assert score(document(REGIONAL_MEASURES)) < DETECT_THRESHOLD


def test_the_marks_of_an_issued_document_count_against_it() -> None:
    plain = score(document(MEASURES))
    issued = score(document([*OFFICIAL_HEAD, *MEASURES]))
    assert issued < DETECT_THRESHOLD < plain
    spaced = ["某 市 安 全 生 产 委 员 会 文 件", *MEASURES]
    assert score(document(spaced)) < plain


def test_a_carbon_copy_line_anywhere_counts_against_it() -> None:
    plain = score(document(MEASURES))
    assert score(document([*MEASURES, "抄送：市委办公室，市人大常委会办公室。"])) == pytest.approx(plain - 0.2)


def test_several_titled_plans_and_navigation_make_a_collection_page() -> None:
    page = [
        *NAVIGATION,
        "区安全生产委员会2025年工作要点2篇",
        "区安全生产委员会2025年工作要点(一)",
        *MEASURES,
        "区安全生产委员会2025年工作要点(二)",
        *MEASURES,
        "• 工作总结",
    ]
    assert score(document(page)) == 1.0
    without_numbers = ["区安全生产委员会2025年工作要点(一)", "区安全生产委员会2025年工作要点(二)", "正文见附件。"]
    assert score(document(without_numbers)) < DETECT_THRESHOLD


def test_navigation_counts_from_three_lines() -> None:
    body = [line.replace("(", "（").replace(")", "）") for line in REGIONAL_MEASURES]
    base = score(document(body))
    assert score(document([*NAVIGATION[:2], *body])) == pytest.approx(base)
    assert score(document([*NAVIGATION[:3], *body])) == pytest.approx(base + 0.3)
    breadcrumb_and_time = ["首页 » 范文 » 计划", "2024-01-08 09:12", "区安全生产委员会2025年工作要点7篇"]
    assert score(document([*breadcrumb_and_time, *body])) == pytest.approx(base + 0.3)


def test_a_plan_opening_with_its_title_after_navigation_stands_alone() -> None:
    body = REGIONAL_MEASURES
    titled = score(document([*NAVIGATION[:2], "县2025年度安全生产专项整治实施方案", *body]))
    untitled = score(document([*NAVIGATION[:2], "为做好全年工作，制定本方案。", *body]))
    assert titled == pytest.approx(untitled + 0.1 + 0.2)


def test_a_longer_plan_in_the_same_notation_scores_the_same() -> None:
    short = document(["xx市2025年安全生产工作要点", *MEASURES])
    long = document(["xx市2025年安全生产工作要点", *(MEASURES * 60)])
    assert score(long) == pytest.approx(score(short))


def test_blocks_and_table_rows_are_read_as_lines() -> None:
    rows = tuple(Row((Cell((text,)),), line) for line, text in enumerate(MEASURES, start=2))
    mixed = Document((Paragraph("市安全生产委员会2024年工作要点", 1), Table(rows, 2)))
    assert score(mixed) == pytest.approx(score(document(["市安全生产委员会2024年工作要点", *MEASURES])))


@pytest.mark.parametrize("region", REGIONS)
def test_regional_corpus_documents_score_far_below_their_own_layout(region: str) -> None:
    scores = safetyplan.detect(corpus_document(region))
    assert scores[region] - scores["citywork"] >= 0.8


def test_the_corpus_page_scores_far_above_every_other_layout() -> None:
    scores = safetyplan.detect(corpus_document("citywork-3"))
    assert scores["citywork"] == 1.0
    assert all(value <= 0.3 for name, value in scores.items() if name != "citywork"), scores


def test_a_role_phrase_after_a_name_s_own_note_counts_as_a_list_inside() -> None:
    def plan(lead: str) -> Document:
        return document([f"{i}.开展专项检查({lead}牵头负责)。推进问题整改。" for i in range(1, 6)])

    assert score(plan("市委编办(市绩效办)")) == score(plan("市委编办")) > 0.5


def test_a_breadcrumb_ending_in_a_category_of_files_is_no_letterhead() -> None:
    body = [line.replace("(", "（").replace(")", "）") for line in REGIONAL_MEASURES]
    base = score(document(body))
    assert score(document(["当前位置：首页 > 政务公开 > 其他文件", *body])) == pytest.approx(base)
    assert score(document(["某市安全生产委员会文件", *body])) == pytest.approx(max(0.0, base - 0.3))


def test_a_government_sites_frame_counts_as_navigation() -> None:
    body = [line.replace("(", "（").replace(")", "）") for line in REGIONAL_MEASURES]
    base = score(document(body))
    frame = [
        "无障碍浏览 | 长者模式 | 繁體 | 登录",
        "首页  政务动态  政务公开  政务服务",
        "索 引 号：11340xxx/202403-00012    信息分类：安全生产",
    ]
    assert score(document([*frame, *body])) == pytest.approx(base + 0.3)
    assert score(document([*frame[:2], *body])) == pytest.approx(base)


def test_a_covering_letter_that_names_the_plan_below_it_counts_not_against_it() -> None:
    title = "某市2024年安全生产工作要点"
    letter = [
        "某安委〔2024〕3号",
        f"某市安全生产委员会关于印发《{title}》的通知",
        "各县（区）人民政府，市直有关部门：",
        f"现将《{title}》印发给你们，请认真贯彻落实。",
        "某市安全生产委员会",
        "2024年3月4日",
    ]
    opened = score(document(["为做好全年工作，制定本要点。", title, *MEASURES]))
    assert score(document([*letter, title, *MEASURES])) == pytest.approx(opened)
    other = [line.replace(f"《{title}》", "《某市2024年消防工作要点》") for line in letter]
    assert score(document([*other, title, *MEASURES])) < DETECT_THRESHOLD

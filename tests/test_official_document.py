"""The official-document reader: the matter around a plan's body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from safetyplan.document import Cell, Document, Paragraph, Row, Table
from safetyplan.layouts.accounting import unaccounted
from safetyplan.layouts.cleaning import Line
from safetyplan.layouts.metadata import (
    Kind,
    classify,
    locate,
    parse_date,
    split_names,
    split_org_date,
    year_of,
)
from safetyplan.layouts.official import read_plan
from safetyplan.model import Note, Plan, Section
from safetyplan.readers.text import text_to_blocks

NOTICE = """\
某某市应急管理局文件

某应急〔2023〕7号

关于印发《某某市2023年安全生产
专项整治工作方案》的通知

各县（区）应急管理局，市直有关单位：
现将《某某市2023年安全生产专项整治工作方案》印发给你们，请认真贯彻执行。

某某市应急管理局
二〇二三年三月二日

（此件主动公开）

某某市2023年安全生产
专项整治工作方案

为切实做好安全生产工作，制定本方案。
一、工作目标
坚决遏制重特大事故。
二、重点任务
（一）压实责任。各县（区）要落实属地责任，抓好组织实施。（责任单位：各县区政府）
（二）排查隐患。各部门要全面排查隐患，6月底前完成整改。
三、工作要求
请各单位于2023年12月10日前将工作总结报送市应急管理局。

附件：1．重点任务清单
联系人：张三，电话：1234567

抄送：市委办公室，市政府办公室。
某某市应急管理局办公室      2023年3月2日印发

附件1
重点任务清单
序号\t任务\t责任单位
1\t压实责任\t各县区政府
"""


def notice_plan() -> tuple[Document, Plan]:
    document = Document(tuple(text_to_blocks(NOTICE)), path="notice.txt")
    return document, read_plan(document, region="test")


def test_metadata_of_a_notice_with_letterhead_number_and_imprint() -> None:
    _, plan = notice_plan()
    assert plan.title == "某某市2023年安全生产专项整治工作方案"
    assert plan.issuer == "某某市应急管理局"
    assert plan.doc_number == "某应急〔2023〕7号"
    assert plan.issue_date == dt.date(2023, 3, 2)
    assert plan.year == 2023
    assert plan.recipients == ("各县（区）应急管理局", "市直有关单位")
    assert plan.cc == ("市委办公室", "市政府办公室")
    assert (plan.printed_by, plan.printed_date) == ("某某市应急管理局办公室", dt.date(2023, 3, 2))
    assert plan.preamble == ("为切实做好安全生产工作，制定本方案。",)


def test_body_reporting_attachment_and_notes() -> None:
    document, plan = notice_plan()
    measures = list(plan.measures())
    assert [(m.label, m.title) for m in measures] == [("（一）", "压实责任"), ("（二）", "排查隐患")]
    (report,) = plan.reporting
    assert (report.what, report.to) == ("工作总结", "市应急管理局")
    assert report.due is not None and report.due.due == dt.date(2023, 12, 10)
    (attachment,) = plan.attachments
    assert (attachment.label, attachment.title) == ("附件1", "重点任务清单")
    assert attachment.text == ("序号\t任务\t责任单位", "1\t压实责任\t各县区政府")
    kinds = {n.kind for n in plan.notes}
    assert {"letter", "signature", "contact", "furniture"} <= kinds
    assert not plan.unplaced
    assert unaccounted(document, [plan]) == []


def test_a_table_reader_reads_an_attachments_tables() -> None:
    document = Document(tuple(text_to_blocks(NOTICE)), path="notice.txt")
    seen: list[int] = []

    def reader(
        tables: Sequence[Table], body: Sequence[Section], year: int | None
    ) -> tuple[tuple[Section, ...], tuple[Note, ...]]:
        seen.append(len(tables))
        assert year == 2023 and body
        return (), ()

    plan = read_plan(document, tables=reader)
    assert seen == [1]
    # tables the reader finds nothing in stay the attachment's text
    assert plan.attachments[0].text == ("序号\t任务\t责任单位", "1\t压实责任\t各县区政府")


def test_a_plan_without_matter_around_it() -> None:
    blocks = text_to_blocks("一、任务\n1.加强领导，抓好落实。\n2.强化督查，严格问责。\n")
    plan = read_plan(Document(tuple(blocks)))
    assert plan.title == ""
    assert [m.label for m in plan.measures()] == ["1.", "2."]
    assert plan.notes == ()


def test_tables_outside_any_attachment_are_kept() -> None:
    table = Table((Row((Cell(("甲",)), Cell(("乙",))), 3),), 3)
    document = Document((Paragraph("一、任务", 1), Paragraph("1.加强领导，抓好落实。", 2), table))
    (attachment,) = read_plan(document).attachments
    assert attachment.text == ("甲\t乙",)


def test_line_kinds() -> None:
    cases = {
        "通化市安全生产委员会文件": Kind.LETTERHEAD,
        "通安委〔2022〕10号": Kind.DOC_NUMBER,
        "抄送：区委办公室，区政府办公室。": Kind.CC,
        "重庆市双桥经开区管委会办公室 2022年3月9日印发": Kind.PRINTED,
        "2022年5月30日": Kind.DATE,
        "重庆市双桥经开区管委会 2022年3月9日": Kind.DATE,
        "（此件公开发布）": Kind.MARKER,
        "(征求意见稿)": Kind.MARKER,
        "附件": Kind.ATTACHMENT_HEAD,
        "附件2": Kind.ATTACHMENT_HEAD,
        "附件：重点任务分工表": Kind.ATTACHMENT_LIST,
        "联系人：胡美河 联系电话：83738071": Kind.CONTACT,
        "（联系人：赵金龙，电话/传真：3677012": Kind.CONTACT,
        "常州国家高新区（新北区）党政办公室": Kind.ORG,
        "各县（市、区）安委会，市安委会成员单位：": Kind.RECIPIENTS,
        "2022年双桥经开区": Kind.TITLE,
        "为加强安全生产工作，特制定本工作要点。": Kind.PROSE,
    }
    for text, kind in cases.items():
        assert classify(text) is kind, text
    assert classify("电话、网络举报等方式均可") is not Kind.CONTACT  # no colon: running text


def test_dates_names_and_years() -> None:
    assert parse_date("2022年5月30日") == dt.date(2022, 5, 30)
    assert parse_date("二〇二三年三月二日") == dt.date(2023, 3, 2)
    assert parse_date("2022年6月 日印发") is None
    assert parse_date("2022年2月30日") is None
    assert split_org_date("南昌市新建区委委办 2022年6月24日") == ("南昌市新建区委委办", dt.date(2022, 6, 24))
    assert split_org_date("2022年6月24日") is None
    assert split_names("各乡镇、开发区（园区、管理处），区安委会各成员单位：") == (
        "各乡镇",
        "开发区（园区、管理处）",
        "区安委会各成员单位",
    )
    assert year_of("2022年双桥经开区工作要点", dt.date(2021, 1, 1)) == 2022
    assert year_of("某某方案", None, dt.date(2019, 8, 1)) == 2019
    assert year_of(None) is None
    assert year_of("二〇二二年安全生产工作要点", dt.date(2021, 1, 1)) == 2022  # a year in Chinese numerals


def test_locate_finds_title_body_and_end() -> None:
    texts = [
        "某某市应急管理局文件",
        "某某工作方案",
        "为做好工作，制定本方案。",
        "一、任务",
        "1.加强领导，抓好落实。",
        "某某委员会",
        "2022年5月30日",
    ]
    bounds = locate([Line(t, n, n) for n, t in enumerate(texts, start=1)])
    assert (bounds.title, bounds.body, bounds.end) == (1, 2, 5)


def test_a_wrapped_preamble_line_breaking_off_inside_a_clause_is_no_title_line() -> None:
    texts = [
        "2022年双桥经开区",
        "安全生产与自然灾害防治工作要点",
        "为加强经开区安全生产与自然灾害防治工作，坚决遏制较大事故灾害发生，切实保障",
        "人民群众生命财产安全，特制定本工作要点。",
        "一、总体要求",
    ]
    bounds = locate([Line(t, n, n) for n, t in enumerate(texts, start=1)])
    assert (bounds.title, bounds.body) == (0, 2)


def test_a_signature_dated_without_its_day_still_gives_the_year() -> None:
    text = "某某区危险化学品专项治理工作方案\n一、任务\n1.加强排查，9月底前完成。\n某某区安全生产委员会办公室\n2024年6月  日\n"
    plan = read_plan(Document(tuple(text_to_blocks(text))))
    assert (plan.issue_date, plan.year) == (None, 2024)
    assert [d.due for m in plan.measures() for d in m.deadlines] == [dt.date(2024, 9, 30)]


def test_a_draft_marker_on_the_title_line_is_not_the_title() -> None:
    text = "某某区燃气安全专项整治实施方案（征求意见稿）\n一、任务\n1.加强排查。\n"
    document = Document(tuple(text_to_blocks(text)))
    plan = read_plan(document)
    assert plan.title == "某某区燃气安全专项整治实施方案"
    assert ("furniture", "（征求意见稿）") in [(n.kind, n.text) for n in plan.notes]
    assert unaccounted(document, [plan]) == []
    trial = read_plan(Document(tuple(text_to_blocks("某某区燃气安全专项整治实施方案（试行）\n一、任务\n1.加强排查。\n"))))
    assert trial.title == "某某区燃气安全专项整治实施方案（试行）"


def test_a_page_heading_repeating_the_title_before_the_letterhead_is_the_pages() -> None:
    text = (
        "某某区燃气安全专项整治方案\n某某区安全生产委员会办公室文件\n某安办〔2024〕3号\n"
        "某某区燃气安全专项整治方案\n一、任务\n1.加强排查。\n"
    )
    plan = read_plan(Document(tuple(text_to_blocks(text))))
    assert (plan.issuer, plan.doc_number) == ("某某区安全生产委员会办公室", "某安办〔2024〕3号")
    assert plan.title == "某某区燃气安全专项整治方案"
    assert ("furniture", "某某区燃气安全专项整治方案") in [(n.kind, n.text) for n in plan.notes]


def test_a_letterhead_names_an_issuer() -> None:
    assert classify("某某区安全生产委员会办公室文件") is Kind.LETTERHEAD
    assert classify("政策文件") is not Kind.LETTERHEAD  # a site's menu item


def test_an_attachment_list_goes_on_over_numbered_lines() -> None:
    text = (
        "某某工作方案\n一、任务\n1.加强排查。\n附件：1．重点任务分工表\n2．隐患排查整治情况统计表\n"
        "某某市安全生产委员会\n2024年3月5日\n"
    )
    plan = read_plan(Document(tuple(text_to_blocks(text))))
    assert [(a.label, a.title) for a in plan.attachments] == [
        ("附件1", "重点任务分工表"), ("附件2", "隐患排查整治情况统计表")]  # fmt: skip
    assert plan.unplaced == ()

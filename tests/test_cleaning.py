"""Markup removal and line joining."""

from __future__ import annotations

import pytest

from safetyplan.document import Paragraph
from safetyplan.layouts.cleaning import (
    Line,
    clean,
    clean_lines,
    ends_sentence,
    is_page_number,
    is_rule,
    is_web_chrome,
    join_text,
    join_wrapped,
    starts_as_continuation,
    wrap_width,
)


def test_markup_is_removed_and_text_kept() -> None:
    assert clean("#### **（九）切实加强劳务派遣安全管理**") == "（九）切实加强劳务派遣安全管理"
    assert clean("## 一、总体要求") == "一、总体要求"
    assert clean("<p>22 各级安委会办公室要发挥统筹作用。</p>") == "22 各级安委会办公室要发挥统筹作用。"
    assert clean("A&amp;B 3 * 4") == "A&B 3 * 4"


def test_spaces_between_chinese_characters() -> None:
    assert clean("经开区安委会、减灾委要采 取明查暗访") == "经开区安委会、减灾委要采取明查暗访"
    assert clean("召开 1 次政府常务会议") == "召开 1 次政府常务会议"
    assert clean("联系人：胡美河      联系电话：83738071") == "联系人：胡美河 联系电话：83738071"
    assert clean("填报单位：" + " " * 300 + "填报日期：") == "填报单位： 填报日期："


def test_rules_and_page_numbers() -> None:
    assert is_rule("---") and is_rule("* * *") and is_rule("———") and not is_rule("--")
    for text in ("- 3 -", "— 12 —", "第3页", "第 3 页 共 12 页", "3/12", "7"):
        assert is_page_number(text), text
    assert not is_page_number("2022年")


def test_bare_numbers_are_page_numbers_only_where_they_rise() -> None:
    paragraphs = [Paragraph(t, n) for n, t in enumerate(["一、甲", "1", "正文内容。", "2", "正文。", "3"], start=1)]
    lines, furniture = clean_lines(paragraphs)
    assert [ln.text for ln in furniture] == ["1", "2", "3"]
    assert [ln.text for ln in lines] == ["一、甲", "正文内容。", "正文。"]
    lone = [Paragraph("电话：36770", 1), Paragraph("12", 2)]
    assert [ln.text for ln in clean_lines(lone)[0]] == ["电话：36770", "12"]
    # a bare number rising after a printed one (odd pages ``- 1 -``, even ones bare)
    mixed = [Paragraph(t, n) for n, t in enumerate(["正文内容", "- 1 -", "整改台账，4月30", "2", "日前报送。"], start=1)]
    assert [ln.text for ln in clean_lines(mixed)[0]] == ["正文内容", "整改台账，4月30", "日前报送。"]


def test_sentence_ends_and_continuations() -> None:
    assert ends_sentence("严防各类事故发生。")
    assert ends_sentence("报区安委办。）")
    assert ends_sentence("（责任单位：区安委办）")
    assert not ends_sentence("深化落实习")
    assert not ends_sentence("坚持人民至上、生命至上，")
    assert starts_as_continuation("，提高工人安全素质")
    assert starts_as_continuation("（责任单位：区安委办）")
    assert starts_as_continuation("、区交管大队")
    assert not starts_as_continuation("（一）加强领导")


def test_wrapped_lines_are_rejoined() -> None:
    text = (
        "为深入贯彻落实习近平总书记关于安全生产重要论述，全面压实安全生产责任，精准落实安全防范措施，严防各类事故发生。"
    )
    pieces = [text[i : i + 20] for i in range(0, len(text), 20)] * 8
    lines = [Line(t, n, n) for n, t in enumerate(pieces, start=1)]
    assert wrap_width(lines) == 20
    joined = join_wrapped(lines, starts=lambda t: False)
    assert joined[0].text == text
    assert (joined[0].start, joined[0].end) == (1, 3)
    assert wrap_width(lines[:3]) is None  # too few lines to tell


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("安全", "生产", "安全生产"),
        ("the quick", "brown fox", "the quick brown fox"),
        ("“回头看”。202", "2年6月底前", "“回头看”。2022年6月底前"),  # a date the break cut
        ("12月底前完成1", "2家企业", "12月底前完成12家企业"),
        ("连接Wi", "Fi网络", "连接WiFi网络"),
        ("Office", "2016 edition", "Office 2016 edition"),
        ("1" * 100, "2" * 100, "1" * 100 + " " + "2" * 100),
    ],
)
def test_a_break_inside_letters_or_digits_written_in_chinese_text_joins_without_a_space(
    head: str, tail: str, joined: str
) -> None:
    assert join_text(head, tail) == joined


def test_indents_start_paragraphs_in_wrapped_text() -> None:
    a = "第一段落的内容写满了一整行并且句号正好落在行尾。"
    b = "第二段落另起一行开头缩进两格，内容较短。"
    width = len(a)
    lines = [Line(a, 1, 1, indent=True), Line(b, 2, 2, indent=True)] + [Line("填" * width, n, n) for n in range(3, 16)]
    joined = join_wrapped(lines, width, starts=lambda t: False)
    assert [ln.text for ln in joined[:2]] == [a, b]


@pytest.mark.parametrize(
    "text",
    [
        "当前位置：首页 > 信息公开 > 通知公告",
        "发布时间：2024-06-10 10:23:15 来源：市应急管理局 浏览次数：128",
        "【打印本页】【关闭窗口】",
        "分享到：微信 微博",
        "上一篇：关于做好端午节期间安全防范工作的通知",
        "版权所有：市人民政府办公室 吉ICP备05001234号",
        "网站地图 | 联系我们",
    ],
)
def test_a_web_pages_own_lines_are_known_by_their_form(text: str) -> None:
    assert is_web_chrome(text)


@pytest.mark.parametrize(
    "text",
    ["资金来源：区财政预算安排。", "2024年6月10日", "联系人：张三，电话：12345678。", "（三）严格考核问责。"],
)
def test_a_plans_own_lines_are_no_web_chrome(text: str) -> None:
    assert not is_web_chrome(text)


def test_chrome_paragraphs_and_lines_are_furniture() -> None:
    paragraphs = [
        Paragraph("首页 | 信息公开", 1, "chrome"),
        Paragraph("当前位置：首页 > 通知公告", 2),
        Paragraph("一、任务", 3),
    ]
    lines, furniture = clean_lines(paragraphs)
    assert [ln.text for ln in lines] == ["一、任务"]
    assert [ln.start for ln in furniture] == [1, 2]


def test_a_title_that_fills_the_width_ends_before_the_recipients() -> None:
    texts = ["关于加强森林防灭火工作的", "春季安全专项行动实施方案", "各乡镇人民政府，县安委会", "有关成员单位：", "为贯彻落实上级部署，制定"]
    joined = join_wrapped([Line(t, n, n) for n, t in enumerate(texts, start=1)], 12, starts=lambda text: False)
    assert [ln.text for ln in joined][:2] == [
        "关于加强森林防灭火工作的春季安全专项行动实施方案",
        "各乡镇人民政府，县安委会有关成员单位：",
    ]

"""Notation features that detection scores read."""

from __future__ import annotations

from safetyplan.document import Document, Paragraph
from safetyplan.layouts.notation import WEB_PAGE_CHROME, read_notation


def document(*texts: str) -> Document:
    return Document(tuple(Paragraph(text, i + 1) for i, text in enumerate(texts)))


def test_arabic_items_are_counted_whatever_mark_follows_the_number() -> None:
    n = read_notation(document("一、任务", "1.加强领导，抓好落实。", "2．开展排查整治。", "3、强化督导检查。"))
    assert (n.arabic_half, n.arabic_full, n.arabic_comma) == (1, 1, 1)
    assert n.arabic == 3


def test_a_page_is_a_web_page_only_beyond_a_stray_line_of_chrome() -> None:
    chrome = ["• 工作总结", "当前位置：首页 > 计划", "来源：某网", "• 工作计划", "• 实施方案"]
    body = "1.加强领导，抓好落实。"
    few = read_notation(document(*chrome[:WEB_PAGE_CHROME], body))
    many = read_notation(document(*chrome[: WEB_PAGE_CHROME + 1], body))
    assert few.web_chrome == WEB_PAGE_CHROME and not few.web_page
    assert many.web_page


def test_attachment_list_entries_are_no_numbering_of_the_plan() -> None:
    n = read_notation(document("（一）加强领导。抓好落实。", "附件：1．隐患排查台账", "2．联络员名单"))
    assert n.arabic == 0


def test_a_phase_with_its_window_counts_with_or_without_text_after_it() -> None:
    n = read_notation(document("（一）部署发动阶段（8月初至8月上旬）", "（二）自查自改阶段（4月1日至4月30日）。各企业开展自查。"))
    assert n.phases == 2

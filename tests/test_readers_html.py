"""The HTML reader gives layouts what a browser shows: one paragraph per
block, a new line at each <br>, tables on their grid, nothing from scripts."""

from __future__ import annotations

import pytest

from safetyplan.document import Cell, Document, Paragraph, Table
from safetyplan.errors import UnreadableFileError, UnsafeFileError
from safetyplan.readers.html import MAX_DEPTH, HtmlReader


def read(source: str | bytes) -> Document:
    data = source.encode("utf-8") if isinstance(source, str) else source
    result = HtmlReader().read(data, path="plan.html")
    assert isinstance(result, Document)
    return result


def texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def only_table(document: Document) -> Table:
    tables = list(document.tables())
    assert len(tables) == 1
    return tables[0]


def test_blocks_become_paragraphs_and_inline_markup_is_joined() -> None:
    document = read(
        "<h2>一、总体<b>要求</b></h2>"
        "<p>（一）加强<span>领导</span>。<br>第二行<br/>第三行</p>"
        "<div>前言<p>内段</p>后记</div>"
        "<ul><li>项一</li><li>项二</li></ul>"
    )
    assert texts(document) == [
        "一、总体要求",
        "（一）加强领导。",
        "第二行",
        "第三行",
        "前言",
        "内段",
        "后记",
        "项一",
        "项二",
    ]
    assert document.blocks[0].style == "h2"  # type: ignore[union-attr]
    assert document.blocks[1].style is None  # type: ignore[union-attr]


def test_scripts_styles_and_head_are_dropped_and_entities_resolved() -> None:
    document = read(
        "<html><head><title>页面标题</title><style>p{color:red}</style><script>var a='<p>x</p>';</script></head>"
        "<body><noscript>请启用脚本</noscript><p>安全&amp;生产&nbsp;&#x4E00;&lt;二&gt;&bogus;</p>"
        "<!-- 注释 --><script>alert(1)</script></body></html>"
    )
    assert texts(document) == ["安全&生产\xa0一<二>&bogus;"]


def test_whitespace_collapses_but_full_width_spaces_stay() -> None:
    document = read("<p>\n   \u3000\u3000（一）\n  加强   领导\u3000  </p><p>&nbsp;&nbsp;缩进</p>")
    assert texts(document) == ["\u3000\u3000（一） 加强 领导", "缩进"]


def test_pre_keeps_its_lines() -> None:
    assert texts(read("<pre>一、甲\n  （一）乙\n\n丙</pre>")) == ["一、甲", "  （一）乙", "丙"]


def test_rowspan_and_colspan_are_resolved_on_the_grid() -> None:
    document = read(
        "<table><caption>重点任务分工表</caption>"
        "<thead><tr><th>部分</th><th>任务</th><th>单位</th><th>时限</th></tr></thead>"
        "<tbody><tr><td rowspan='2'>一、党委</td><td>1 学习</td><td colspan='2'><p>党委</p><p>宣传部</p></td></tr>"
        "<tr><td>2 巡查</td><td>组织部</td><td rowspan='0'>长期</td></tr>"
        "<tr><td>三</td></tr></tbody></table>"
    )
    assert texts(document) == ["重点任务分工表"]
    table = only_table(document)
    assert [r.texts for r in table.rows] == [
        ("部分", "任务", "单位", "时限"),
        ("一、党委", "1 学习", "党委\n宣传部", "党委\n宣传部"),
        ("一、党委", "2 巡查", "组织部", "长期"),
        ("三",),
    ]
    assert table.rows[1].cells[3] == Cell(("党委", "宣传部"), merged=True)
    assert [c.merged for c in table.rows[2].cells] == [True, False, False, False]


def test_a_rowspan_past_the_cells_of_a_row_fills_the_gap() -> None:
    table = only_table(read("<table><tr><td>a</td><td>b</td><td rowspan=2>c</td></tr><tr><td>d</td></tr></table>"))
    assert [r.texts for r in table.rows] == [("a", "b", "c"), ("d", "", "c")]


@pytest.mark.parametrize("span", ["²", "١٢", "x", "-1", ""])
def test_a_span_that_is_no_plain_number_spans_one_cell(span: str) -> None:
    table = only_table(read(f'<table><tr><td colspan="{span}">a</td><td rowspan="{span}">b</td></tr></table>'))
    assert [r.texts for r in table.rows] == [("a", "b")]


def test_a_table_holding_a_table_lays_the_page_out_and_its_cells_are_read_as_blocks() -> None:
    document = read(
        "<table><tr><td>导航</td><td>外<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr>"
        "</table></td></tr></table>"
    )
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Paragraph", "Table"]
    assert only_table(document).rows[1].texts == ("丙", "丁")


def test_a_one_column_table_or_a_cell_of_a_whole_article_is_read_as_paragraphs() -> None:
    one_column = read("<table><tr><td class=title>某某工作方案</td></tr><tr><td><p>一、任务</p><p>1.加强领导。</p></td></tr></table>")
    assert [b.text for b in one_column.blocks] == ["某某工作方案", "一、任务", "1.加强领导。"]
    article = "".join(f"<p>{n}.加强安全生产领导，压实各方责任，抓好工作落实。</p>" for n in range(1, 40))
    page = read(f"<table><tr><td>栏目</td><td>{article}</td></tr></table>")
    assert all(isinstance(b, Paragraph) for b in page.blocks) and len(page.blocks) == 40


def test_ordered_lists_are_numbered_as_a_browser_draws_them() -> None:
    document = read(
        "<ol><li>加强领导。</li><li>强化督查。</li></ol>"
        '<ol start="3"><li>完善制度。</li><li value="7">严肃问责。</li></ol>'
        '<ol style="list-style-type: cjk-ideographic"><li>总体要求</li></ol>'
        '<ol type="a"><li>字母</li></ol><ul><li>要点</li></ul>'
    )
    assert [b.text for b in document.blocks] == [
        "1.加强领导。", "2.强化督查。", "3.完善制度。", "7.严肃问责。", "一、总体要求", "字母", "要点"]  # fmt: skip


def test_the_sites_own_parts_are_styled_chrome() -> None:
    document = read(
        '<div class="nav">首页 | 信息公开</div><div class="location">当前位置：首页</div>'
        '<div id="zoom"><p>某某工作方案</p></div><footer><p>版权所有</p></footer>'
    )
    assert [(b.text, b.style) for b in document.blocks] == [
        ("首页 | 信息公开", "chrome"), ("当前位置：首页", "chrome"), ("某某工作方案", None), ("版权所有", "chrome")]  # fmt: skip


def test_lines_come_from_the_source() -> None:
    document = read("<p>一</p>\n<p>二</p>\n<table>\n<tr><td>x</td><td>y</td></tr>\n</table>")
    assert [b.line for b in document.blocks] == [1, 2, 3]
    assert only_table(document).rows[0].line == 4


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ('<meta charset="gbk"><p>安全生产</p>'.encode("gbk"), "gb18030"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>安全生产</p>'.encode("gbk"),
            "gb18030",
        ),
        ("<p>安全生产</p>".encode("gb18030"), "gb18030"),
        ("<p>安全生产</p>".encode("utf-16"), "utf-16"),
        ('<meta charset="utf-8"><p>安全生产</p>'.encode("gbk"), "gb18030"),
        ('<?xml version="1.0" encoding="utf-8"?><html><body><p>安全生产</p></body></html>'.encode(), "utf-8"),
    ],
)
def test_encodings_declared_or_not_are_read(data: bytes, encoding: str) -> None:
    document = read(data)
    assert texts(document) == ["安全生产"]
    assert document.format is not None and encoding in document.format


def test_control_characters_are_dropped_and_reported() -> None:
    document = read("<p>安全\x00生\x07产</p>")
    assert texts(document) == ["安全生产"]
    assert any("control character" in w for w in document.warnings)


def test_pathological_nesting_is_refused() -> None:
    with pytest.raises(UnsafeFileError, match="levels deep"):
        read("<div>" * (MAX_DEPTH + 10) + "x")
    assert texts(read("<div>" * 50 + "深" + "</div>" * 50)) == ["深"]


@pytest.mark.parametrize("source", ["", "   ", "<html><body><script>x</script></body></html>", "<p> </p>"])
def test_pages_without_text_are_clear_errors(source: str) -> None:
    with pytest.raises(UnreadableFileError):
        read(source)


def test_sniff_recognises_markup() -> None:
    reader = HtmlReader()
    assert reader.sniff(b"  <!DOCTYPE html><html>")
    assert reader.sniff(b"<p>x</p>")
    assert not reader.sniff("一、总体要求".encode())


def test_text_standing_between_rows_is_kept_before_the_table() -> None:
    document = read("<table>前言<tr><td>a</td><td>1</td>格外</tr><tr><td>b</td><td>2</td></tr></table>")
    assert sorted(texts(document)) == sorted(["前言", "格外"])
    assert [r.texts for r in only_table(document).rows] == [("a", "1"), ("b", "2")]
    assert isinstance(document.blocks[-1], Table)


def test_text_after_a_dropped_element_is_kept() -> None:
    assert texts(read("<p><script>x()</script>后文</p>1<style>p{}</style>0")) == ["后文", "10"]


def test_a_fragment_starting_with_a_script_keeps_its_text() -> None:
    assert texts(read("<script>x()</script><tbody>正文</tbody>")) == ["正文"]


def test_cells_outside_any_row_form_a_row() -> None:
    table = only_table(read("<table><td>甲</td><td>乙</td><tr><td>丙</td></tr></table>"))
    assert [r.texts for r in table.rows] == [("甲", "乙"), ("丙",)]

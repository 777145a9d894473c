"""Tables a PDF extraction lays out in aligned columns (``pdftotext -layout``)
are read as tables; text that merely holds runs of spaces is not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.document import Paragraph, Table
from safetyplan.readers.aligned import find_aligned_tables
from safetyplan.readers.text import text_to_blocks

LAYOUT = """\
附件
某某市重点任务分工表
国务院安委会安全      重点任务         责任单位         完成时限
生产 15 条措施内容
一、严格落实党委      1 各级党委把安全    各级党（工）委      2022 年 9 月底前完
安全生产责任        生产纳入党委议事                  成，并长期坚持
              日程。
              2 各级党委将认真    各级党（工）委，     2022 年 9 月底前完
              学习贯彻安全生产     宣传部门         成
              法律法规。

                        — 3 —
\f国务院安委会安全      重点任务         责任单位         完成时限
生产 15 条措施内容
              3 各级党委要加大    组织部门         长期坚持
              考核权重。
二、严格落实政府      4 各级政府要把安    各级政府         2022 年 12 月底前
安全生产责任        全生产纳入议程。                  完成
抄送：市委办公室，市政府办公室。
"""


def tables(text: str) -> list[Table]:
    return [b for b in text_to_blocks(text) if isinstance(b, Table)]


def test_rows_are_read_from_the_cells_tops_and_wrapped_cells_joined() -> None:
    first, second = tables(LAYOUT)  # the page number parts the pages' tables
    rows = [r.texts for r in (*first.rows, *second.rows)]
    assert rows[0] == ("国务院安委会安全生产 15 条措施内容", "重点任务", "责任单位", "完成时限")
    assert rows[1] == (
        "一、严格落实党委安全生产责任", "1 各级党委把安全生产纳入党委议事日程。", "各级党（工）委", "2022 年 9 月底前完成，并长期坚持")  # fmt: skip
    assert rows[2] == (
        "",
        "2 各级党委将认真学习贯彻安全生产法律法规。",
        "各级党（工）委，宣传部门",
        "2022 年 9 月底前完成",
    )
    assert rows[3] == ("国务院安委会安全生产 15 条措施内容", "重点任务", "责任单位", "完成时限")
    assert rows[4] == ("", "3 各级党委要加大考核权重。", "组织部门", "长期坚持")
    assert rows[5] == (
        "二、严格落实政府安全生产责任",
        "4 各级政府要把安全生产纳入议程。",
        "各级政府",
        "2022 年 12 月底前完成",
    )
    assert [r.line for r in (*first.rows, *second.rows)] == [3, 5, 8, 13, 15, 17]


def test_what_stands_around_the_tables_stays_paragraphs() -> None:
    blocks = text_to_blocks(LAYOUT)
    paragraphs = [b.text.strip() for b in blocks if isinstance(b, Paragraph)]
    assert paragraphs == ["附件", "某某市重点任务分工表", "— 3 —", "抄送：市委办公室，市政府办公室。"]


def test_the_task_table_of_such_text_is_read_by_the_layout() -> None:
    import safetyplan

    document = safetyplan.Document(
        tuple(text_to_blocks("某某市实施办法\n一、任务\n（一）加强领导。各级党委要抓好落实。\n" + LAYOUT))
    )
    (plan,) = safetyplan.parse(document, region="tonghua")
    tasks = [m for m in plan.measures() if m.part == "attachment"]
    assert [(m.number, [a.unit for a in m.assignments]) for m in tasks] == [
        (1, ["各级党（工）委"]), (2, ["各级党（工）委", "宣传部门"]), (3, ["组织部门"]), (4, ["各级政府"])]  # fmt: skip
    assert [d.ongoing for d in tasks[0].deadlines] == [True]


def test_text_with_runs_of_spaces_is_no_table() -> None:
    text = (
        "重庆市双桥经开区管委会          2022 年 3 月 9 日\n"
        "联系人：张三    电话：12345678    邮箱：a@b.cn\n"
        "一、总体要求\n"
        "    为加强安全生产工作，坚决遏制较大事故灾害发生，特制定本要点。\n"
        "序号   单位   备注\n"
        "以上工作请各单位认真落实，按时报送。\n"
    )
    assert tables(text) == []


def test_narrow_columns_part_at_a_single_space_where_a_column_starts() -> None:
    text = (
        "内容     重点任务      责任单位     完成时限\n"
        "一、严格     1 各级党委把   各级党（工） 2022 年 9 月\n"
        "党委责任     安全生产纳入    委      底前完成\n"
        "         日程。\n"
        "         2 各级党委将   宣传部门    长期坚持\n"
    )
    (table,) = tables(text)
    assert [r.texts for r in table.rows][1:] == [
        ("一、严格党委责任", "1 各级党委把安全生产纳入日程。", "各级党（工）委", "2022 年 9 月底前完成"),
        ("", "2 各级党委将", "宣传部门", "长期坚持"),
    ]


def test_a_repeated_header_finds_its_columns_by_their_names() -> None:
    text = (
        "措施内容      重点任务        责任单位      完成时限\n"
        "一、落实      1 各级党委把     各级党委      长期坚持\n"
        "党委责任      安全生产纳入\n"
        "          议程。\n"
        "                   — 3 —\n"
        "措施内容 重点任务       责任单位       完成时限\n"  # one space between two names, columns moved
        "     2 各级政府要    各级政府       年底前完成\n"
        "     组织检查。\n"
    )
    first, second = tables(text)
    assert [r.texts[1] for r in first.rows] == ["重点任务", "1 各级党委把安全生产纳入议程。"]
    assert [r.texts for r in second.rows] == [
        ("措施内容", "重点任务", "责任单位", "完成时限"), ("", "2 各级政府要组织检查。", "各级政府", "年底前完成")]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("  甲乙丙1、。\f-—")), max_size=40), max_size=30))
def test_any_lines_are_read_without_error(lines: list[str]) -> None:
    for end, table in find_aligned_tables(lines).values():
        assert end <= len(lines)
        assert all(len(row.cells) == len(table.rows[0].cells) for row in table.rows)


def test_a_piece_that_stops_short_of_its_column_ends_a_paragraph() -> None:
    """A cell's line that the next word would have fitted on ends a
    paragraph (a second unit, a second deadline); a line that stops short
    because the next word is a number, or a mark that may not part from
    what it follows, does not."""
    text = (
        "措施内容      重点任务        责任单位      完成时限\n"
        "一、落实      1 各级党委把     市城市管理局，   2024 年 11 月底前\n"
        "党委责任      安全生产纳入     市住建局      完成\n"
        "          党委议事日程     市消防救援支队   长期坚持\n"
        "          和全会报告。\n"
        "          2 各级政府要     各级党（工）委， 2024 年 5 月至\n"
        "          组织检查，每     宣传部门      2025 年 6 月\n"
        "          月开展 1\n"
        "          次。\n"
    )
    (table,) = tables(text)
    assert [[c.paragraphs for c in r.cells[1:]] for r in table.rows[1:]] == [
        [("1 各级党委把安全生产纳入党委议事日程和全会报告。",), ("市城市管理局，市住建局", "市消防救援支队"),
         ("2024 年 11 月底前完成", "长期坚持")],
        [("2 各级政府要组织检查，每月开展 1 次。",), ("各级党（工）委，宣传部门",), ("2024 年 5 月至2025 年 6 月",)],
    ]  # fmt: skip


def test_a_number_standing_apart_at_a_lines_end_stays_apart() -> None:
    text = (
        "内容     重点任务          责任单位     完成时限\n"
        "一、落实   12 严厉打击危险化    各级应急部门   长期坚持\n"
        "       学品违法行为。 13\n"
        "       重点整治重大危险\n"
        "       源。\n"
    )
    (table,) = tables(text)
    assert table.rows[1].texts[1] == "12 严厉打击危险化学品违法行为。 13 重点整治重大危险源。"


def test_a_page_footer_standing_in_a_column_is_no_cells_text() -> None:
    text = (
        "内容     重点任务        责任单位         完成时限\n"
        "一、落实   1 各级党委把     各级负有安全生产监督   长期坚持\n"
        "       安全生产纳入     管理职责的部\n"
        "       议程。\n"
        "\n"
        "                  16\n"
        "\f内容     重点任务        责任单位         完成时限\n"
        "                    门\n"
        "       2 各级政府要     各级政府         年底前完成\n"
        "       组织检查。\n"
    )
    first, second = tables(text)
    assert first.rows[1].texts[2] == "各级负有安全生产监督管理职责的部"
    assert [r.texts[2] for r in second.rows] == ["责任单位", "门", "各级政府"]
    assert "16" in [b.text.strip() for b in text_to_blocks(text) if isinstance(b, Paragraph)]


def test_a_repeated_header_is_known_with_a_space_inside_a_name() -> None:
    text = (
        "攻坚整治主要内容   重点任务        责任单位     完成时限\n"
        "一、压实责任     1 各级党委把     各级党委     长期坚持\n"
        "           安全生产纳入\n"
        "           议程。\n"
        "攻坚整治主要 内容   重点任务       责任单位     完成时限\n"
        "二、强化监管     2 各级政府要     各级政府     年底前完成\n"
        "           组织检查。\n"
    )
    (table,) = tables(text)
    assert [r.texts[1] for r in table.rows] == [
        "重点任务",
        "1 各级党委把安全生产纳入议程。",
        "重点任务",
        "2 各级政府要组织检查。",
    ]


def test_below_a_repeated_header_only_the_first_headers_further_lines_are_header() -> None:
    """The first header's name ran on to a second line; the same header
    atop a later page is followed by a task's text run on from the page
    before, as short, which is a row of its own."""
    text = (
        "国务院安委会安全   重点任务       责任单位     完成时限\n"
        "生产 15 条措施内容\n"
        "一、严格落实    1 各级党委把    各级党委     长期坚持\n"
        "           安全生产纳入\n"
        "国务院安委会安全   重点任务       责任单位     完成时限\n"
        "生产 15 条措施内容\n"
        "           议事日程\n"
        "           2 各级政府要    各级政府     年底前完成\n"
        "           组织检查。\n"
        "国务院安委会安全   重点任务       责任单位     完成时限\n"
        "           前完成改造\n"
        "           3 各级部门要    各级部门     长期坚持\n"
        "           开展检查。\n"
    )
    (table,) = tables(text)
    assert [r.texts[:2] for r in table.rows] == [
        ("国务院安委会安全生产 15 条措施内容", "重点任务"),
        ("一、严格落实", "1 各级党委把安全生产纳入"),
        ("国务院安委会安全生产 15 条措施内容", "重点任务"),
        ("", "议事日程"),
        ("", "2 各级政府要组织检查。"),
        ("国务院安委会安全", "重点任务"),
        ("", "前完成改造"),
        ("", "3 各级部门要开展检查。"),
    ]


def line(*cells: str, at: tuple[int, ...] = (0, 9, 23, 33)) -> str:
    """Cells set at the columns' character positions, as -layout prints them."""
    out = ""
    for start, cell in zip(at, cells, strict=False):
        if cell:
            out = out.ljust(start) + cell
    return out


def test_a_short_row_after_a_page_break_is_a_row_not_another_tables_header() -> None:
    """Three short cells and no sentence: where they stand in the table's
    columns they are a row of it, not the header of a table of their own."""
    text = "\n".join(
        (
            line("内容", "重点任务", "责任单位", "完成时限"),
            line("一、落实", "1 各级党委把安全", "各级党委", "长期坚持"),
            line("", "生产纳入议事日程"),
            "",
            line("", "", "— 3 —"),
            "\f" + line("", "日程和报告", "各级政府", "年底前完成"),
            line("二、强化", "2 各级政府要组织", "各级部门", "长期坚持"),
            line("", "检查。"),
        )
    )
    found = tables(text)
    assert [r.texts for t in found for r in t.rows] == [
        ("内容", "重点任务", "责任单位", "完成时限"),
        ("一、落实", "1 各级党委把安全生产纳入议事日程", "各级党委", "长期坚持"),
        ("", "日程和报告", "各级政府", "年底前完成"),
        ("二、强化", "2 各级政府要组织检查。", "各级部门", "长期坚持"),
    ]


def test_two_names_one_space_apart_are_two_columns_where_the_lines_below_say_so() -> None:
    """The first header itself may leave one space between two names of
    narrow columns: the lines below, starting their cells there, part them."""
    text = "\n".join(
        (
            line("实施办法主要 重点任务", "", "责任单位", "完成时限", at=(0, 7, 18, 27)),
            line("内容", at=(0, 7, 18, 27)),
            line("一、全面压实", "1 各县党委和", "各县党委", "长期坚持", at=(0, 7, 18, 27)),
            line("", "政府把整治纳", "", "", at=(0, 7, 18, 27)),
            line("", "入议事日程。", "", "", at=(0, 7, 18, 27)),
        )
    ).replace("实施办法主要 重点任务", "实施办法主要 重点任务", 1)
    (table,) = tables(text)
    assert [r.texts for r in table.rows] == [
        ("实施办法主要内容", "重点任务", "责任单位", "完成时限"),
        ("一、全面压实", "1 各县党委和政府把整治纳入议事日程。", "各县党委", "长期坚持"),
    ]


def test_a_column_drawn_left_by_the_chinese_before_it_still_parts_at_its_space() -> None:
    """-layout gives each character one position: on a line whose unit
    cell is all Chinese, the deadline column starts to the left of where the
    header put it, one space after the units; a number and its date word
    are never parted."""
    at = (0, 8, 18, 28)
    text = "\n".join(
        (
            line("内容", "重点任务", "责任单位", "完成时限", at=at),
            line("一、落实", "1 各级党委要", "各级党委", "2022 年 9 月", at=at),
            line("", "加大安全生产", "", "底前完成", at=at),
            line("", "指标。", at=at),
            line("", "2 各级政府要", "各级党（工） 2022 年 9 月", at=at),
            line("", "组织检查。", "委", "底前完成", at=at),
        )
    )
    (table,) = tables(text)
    assert [r.texts for r in table.rows][1:] == [
        ("一、落实", "1 各级党委要加大安全生产指标。", "各级党委", "2022 年 9 月底前完成"),
        ("", "2 各级政府要组织检查。", "各级党（工）委", "2022 年 9 月底前完成"),
    ]

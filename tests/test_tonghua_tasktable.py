"""The key-task table reader: every numbered task a measure, in the body part it restates."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import safetyplan
from safetyplan.document import Cell, Document, Row, Table
from safetyplan.layouts.keytasks import parse_task_table
from safetyplan.layouts.numbering import match_label
from safetyplan.model import Measure, Note, Part, Role, Section

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
HEADER = ("措施内容", "重点任务", "责任单位", "完成时限")


@pytest.fixture(scope="module")
def tonghua() -> Document:
    path = CORPUS / "tonghua.txt"
    if not path.exists():
        pytest.fail(f"corpus document missing: {path}")
    document = safetyplan.read_document(path)
    assert isinstance(document, Document)
    return document


def body_sections(document: Document) -> list[Section]:
    """The body's parts (一、) and articles (（一）) up to the attachment, read
    plainly: enough to give the table something to restate."""
    parts: list[tuple[str, str, list[list[str]]]] = []
    for paragraph in document.paragraphs():
        text = paragraph.text.strip()
        if text.startswith("附件"):
            break
        label = match_label(text)
        if label is not None and label.kind == "cn":
            parts.append((label.text, text[label.end :], []))
        elif parts and label is not None and label.kind == "cn_paren":
            parts[-1][2].append([label.text, text[label.end :]])
        elif parts and parts[-1][2]:
            parts[-1][2][-1][1] += text
    return [
        Section(label, title, children=tuple(Measure(a, None, t, section_path=(label + title,)) for a, t in articles))
        for label, title, articles in parts
    ]


def make_table(*rows: Sequence[str | tuple[str, ...] | Cell], line: int = 1) -> Table:
    def cell(value: str | tuple[str, ...] | Cell) -> Cell:
        if isinstance(value, Cell):
            return value
        return Cell((value,) if isinstance(value, str) else value)

    return Table(tuple(Row(tuple(cell(v) for v in r), line + i) for i, r in enumerate(rows)), line)


def measures(sections: Sequence[Section]) -> list[Measure]:
    return [m for s in sections for m in s.measures()]


def body(*parts: tuple[str, str, Sequence[str]]) -> list[Section]:
    return [
        Section(
            label,
            title,
            children=tuple(
                Measure(f"（{n}）", n, text, section_path=(label + title,)) for n, text in enumerate(articles, start=1)
            ),
        )
        for label, title, articles in parts
    ]


BODY = body(
    ("一、", "严格落实党委责任", ["各级党委要把安全生产纳入党委议事日程，每季度至少集中学习1次安全生产法律法规。"]),
    ("二、", "严格落实政府责任", ["各级政府组织制定领导干部安全生产职责清单和年度任务清单，并加强监督检查。"]),
    (
        "三、",
        "重拳出击开展打非治违",
        ["开展烟花爆竹、城镇燃气等重点行业领域全覆盖执法检查，餐饮场所必须安装可燃气体报警装置。"],
    ),
)


# --- the corpus table ---------------------------------------------------------


def gold_attachment() -> list[dict[str, Any]]:
    path = CORPUS / "gold" / "tonghua.txt.0.gold.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [m for m in data["measures"] if m["part"] == "attachment"]


@pytest.fixture(scope="module")
def corpus_result(tonghua: Document) -> tuple[tuple[Section, ...], tuple[Note, ...]]:
    return parse_task_table(list(tonghua.tables()), body_sections(tonghua), 2022)


def test_every_gold_task_is_found_in_its_part(corpus_result: tuple[tuple[Section, ...], tuple[Note, ...]]) -> None:
    found = measures(corpus_result[0])
    gold = gold_attachment()
    assert len(found) == len(gold) == 66
    for measure, expected in zip(found, gold, strict=True):
        where = f"task {expected['label']}"
        assert measure.part is Part.ATTACHMENT, where
        assert measure.label == expected["label"], where
        assert measure.number == expected["number"], where
        assert list(measure.section_path) == expected["section"], where
        assert re.sub(r"\s+", "", measure.text).startswith(expected["starts"]), where
        assert measure.title is None, where


def test_units_and_deadlines_match_gold(corpus_result: tuple[tuple[Section, ...], tuple[Note, ...]]) -> None:
    for measure, expected in zip(measures(corpus_result[0]), gold_attachment(), strict=True):
        where = f"task {expected['label']}"
        units = [
            {"name": a.unit, "role": str(a.role), **({"canonical": a.canonical} if a.canonical else {})}
            for a in measure.assignments
        ]
        assert units == expected["units"], where
        deadlines = [
            {"text": d.text, "due": d.due.isoformat() if d.due else None, "ongoing": d.ongoing}
            for d in measure.deadlines
        ]
        assert deadlines == expected["deadlines"], where


def test_sections_are_the_parts_as_the_table_writes_them(
    corpus_result: tuple[tuple[Section, ...], tuple[Note, ...]],
) -> None:
    sections = corpus_result[0]
    assert [s.label for s in sections][:3] == ["一、", "二、", "三、"]
    assert len(sections) == 15
    # the table's own wording, not the body's (六、深入扎实开展…)
    assert sections[5].heading == "六、深入开展全省安全生产大检查"
    # printed twice in one cell, kept once
    assert sections[8].heading == "九、切实加强劳务派遣和灵活用工人员安全管理"
    # the task on the row that carries 九、 restates an article of 八、
    assert [m.number for m in sections[7].measures()] == [37, 38, 39]


def test_tasks_link_to_the_body_article_they_restate(
    corpus_result: tuple[tuple[Section, ...], tuple[Note, ...]],
) -> None:
    by_number = {m.number: m for m in measures(corpus_result[0])}
    assert by_number[1].implements == ("一、严格落实党委安全生产责任", "（一）")
    assert by_number[16].implements == ("二、严格落实政府安全生产责任", "（六）")
    assert by_number[39].implements == ("八、严厉查处违法分包转包和挂靠资质行为", "（二十二）")
    assert by_number[47].implements == ("十、重拳出击开展“打非治违”", "(二十八)")
    linked = sum(m.implements is not None for m in by_number.values())
    assert linked >= 60


def test_repeated_headers_are_furniture_and_nothing_is_unplaced(
    corpus_result: tuple[tuple[Section, ...], tuple[Note, ...]],
) -> None:
    notes = corpus_result[1]
    assert [n.kind for n in notes] == ["furniture"] * 15
    assert all("重点任务" in n.text and n.span is not None for n in notes)


def test_a_row_continuing_a_two_task_cell_gives_the_second_task_its_source(
    corpus_result: tuple[tuple[Section, ...], tuple[Note, ...]],
) -> None:
    by_number = {m.number: m for m in measures(corpus_result[0])}
    first, second = by_number[49], by_number[50]
    assert first.span is not None and second.span is not None
    assert first.span.start == second.span.start
    assert second.span.end == first.span.end + 1


# --- the rules, on small tables ------------------------------------------------


def test_two_tasks_in_one_cell_pair_with_deadline_paragraphs() -> None:
    table = make_table(
        HEADER,
        (
            "一、严格落实党委责任",
            ("1 各级党委要把安全生产纳入党委议事日程。", "2 每季度至少集中学习1次安全生产法律法规。"),
            "各级党委",
            ("2022年6月底前完成", "长期坚持"),
        ),
    )
    first, second = measures(parse_task_table([table], BODY, 2022)[0])
    assert (first.label, second.label) == ("1", "2")
    assert [d.due for d in first.deadlines] == [dt.date(2022, 6, 30)]
    assert [d.text for d in second.deadlines] == ["长期坚持"]
    assert [a.unit for a in first.assignments] == [a.unit for a in second.assignments] == ["各级党委"]
    assert all(a.role is Role.RESPONSIBLE for a in first.assignments)


def test_unpaired_deadline_cell_goes_whole_to_each_task() -> None:
    table = make_table(
        HEADER,
        ("", ("1 各级党委要把安全生产纳入议事日程。", "2 每季度至少集中学习1次。"), "各级党委", "2022年6月底前完成"),
    )
    first, second = measures(parse_task_table([table], BODY, 2022)[0])
    assert [d.text for d in first.deadlines] == [d.text for d in second.deadlines] == ["2022年6月底前完成"]


def test_numbered_tasks_inside_one_paragraph_are_split_by_the_sequence() -> None:
    table = make_table(
        HEADER,
        ("", "7 确保每5名执法人员至少保障1辆执法用车。 8 及时兑现举报奖励。", "各级财政部门", "长期坚持"),
    )
    found = measures(parse_task_table([table], BODY, 2022)[0])
    assert [(m.label, m.text) for m in found] == [
        ("7", "确保每5名执法人员至少保障1辆执法用车。"),
        ("8", "及时兑现举报奖励。"),
    ]


def test_a_continuation_row_supplies_the_second_tasks_units() -> None:
    table = make_table(
        HEADER,
        ("", ("4 各级政府组织制定职责清单。", "5 加强监督检查。"), "各级政府", "2022年9月底前完成"),
        ("", "", "各级应急部门", "2022年12月底前完成"),
    )
    first, second = measures(parse_task_table([table], BODY, 2022)[0])
    assert [a.unit for a in first.assignments] == ["各级政府"]
    assert [a.unit for a in second.assignments] == ["各级应急部门"]
    assert [d.due for d in second.deadlines] == [dt.date(2022, 12, 31)]


def test_values_no_task_can_take_are_unplaced() -> None:
    table = make_table(
        HEADER,
        ("", "1 各级党委要把安全生产纳入议事日程。", "各级党委", "长期坚持"),
        ("", "", "各级应急部门", "2022年12月底前完成"),
    )
    sections, notes = parse_task_table([table], BODY, 2022)
    assert len(measures(sections)) == 1
    assert [(n.kind, n.text) for n in notes][1:] == [("unplaced", "各级应急部门 2022年12月底前完成")]


def test_a_row_printing_the_row_aboves_values_again_belongs_to_its_task() -> None:
    table = make_table(
        HEADER,
        ("", "1 各级党委要把安全生产纳入议事日程。", "各级党委", "长期坚持"),
        ("", "", ("各级党委",), ("长期坚持",)),
    )
    sections, notes = parse_task_table([table], BODY, 2022)
    (task,) = measures(sections)
    assert [a.unit for a in task.assignments] == ["各级党委"]
    assert [d.text for d in task.deadlines] == ["长期坚持"]
    assert task.span is not None and task.span.end == table.rows[-1].line
    assert [n.kind for n in notes] == ["furniture"]


def test_the_next_task_run_on_after_a_page_break_shares_its_rows_values() -> None:
    first = make_table(HEADER, ("", "1 各级党委要把安全生产纳入议事日程，每季度至少集中学", "各级党委", "长期坚持"))
    second = make_table(
        HEADER,
        ("", "习1次。2 各级党委要组织学习安全生产法律法规。6 月底前报送学习情况。", "", ""),
        line=10,
    )
    one, two = measures(parse_task_table([first, second], BODY, 2022)[0])
    assert one.text.endswith("每季度至少集中学习1次。")
    assert (two.label, two.text) == ("2", "各级党委要组织学习安全生产法律法规。6 月底前报送学习情况。")
    assert [a.unit for a in two.assignments] == ["各级党委"]
    assert [d.text for d in two.deadlines][-1:] == ["长期坚持"]


def test_a_typo_in_the_numbering_keeps_its_label_and_takes_the_sequences_number() -> None:
    table = make_table(
        HEADER,
        ("", "50 各级党委要把安全生产纳入议事日程。", "各级党委", "长期坚持"),
        ("", "551 每季度至少集中学习1次。", "各级党委", "长期坚持"),
        ("", "52 组织制定职责清单。", "各级政府", "长期坚持"),
    )
    assert [(m.label, m.number) for m in measures(parse_task_table([table], BODY, 2022)[0])] == [
        ("50", 50),
        ("551", 51),
        ("52", 52),
    ]


def test_a_part_cell_on_the_wrong_row_yields_to_what_the_task_says() -> None:
    table = make_table(
        HEADER,
        ("一、严格落实党委责任", "1 各级党委要把安全生产纳入党委议事日程。", "各级党委", "长期坚持"),
        ("二、严格落实政府责任", "2 每季度至少集中学习1次安全生产法律法规。", "各级党委", "长期坚持"),
        ("", "3 各级政府组织制定领导干部安全生产职责清单。", "各级政府", "长期坚持"),
    )
    sections = parse_task_table([table], BODY, 2022)[0]
    assert [(s.heading, [m.number for m in s.measures()]) for s in sections] == [
        ("一、严格落实党委责任", [1, 2]),
        ("二、严格落实政府责任", [3]),
    ]
    assert measures(sections)[1].implements == ("一、严格落实党委责任", "（1）")


def test_parts_printed_on_no_row_take_the_body_heading() -> None:
    table = make_table(
        HEADER,
        ("", "1 开展烟花爆竹、城镇燃气等重点行业领域全覆盖执法检查。", "各级应急部门", "长期坚持"),
    )
    (section,) = parse_task_table([table], BODY, 2022)[0]
    assert section.heading == "三、重拳出击开展打非治违"
    assert measures([section])[0].section_path == ("三、重拳出击开展打非治违",)


def test_word_merged_part_cells_repeat_without_restating() -> None:
    merged = Cell(("二、严格落实政府责任",), merged=True)
    table = make_table(
        HEADER,
        ("二、严格落实政府责任", "1 各级政府组织制定领导干部安全生产职责清单。", "各级政府", "长期坚持"),
        (merged, "2 加强监督检查。", "各级政府", "长期坚持"),
    )
    (section,) = parse_task_table([table], BODY, 2022)[0]
    assert [m.number for m in section.measures()] == [1, 2]


def test_without_a_body_the_printed_parts_carry_down() -> None:
    table = make_table(
        ("一、甲", "1 第一项。", "甲单位", "长期坚持"),
        ("", "2 第二项。", "甲单位", "长期坚持"),
        ("二、乙", "3 第三项。", "乙单位", "长期坚持"),
    )
    sections = parse_task_table([table], [], None)[0]
    assert [(s.heading, [m.number for m in s.measures()]) for s in sections] == [("一、甲", [1, 2]), ("二、乙", [3])]


def test_a_quantity_is_not_a_task_number() -> None:
    table = make_table(HEADER, ("", "5名执法人员配备1辆执法用车。", "各级财政部门", "长期坚持"))
    # no task at all: not a task table, whose rows the plan keeps as its attachment's text
    assert parse_task_table([table], BODY, 2022) == ((), ())


def test_a_table_with_no_parts_anywhere_still_yields_its_tasks() -> None:
    table = make_table(("1 第一项。", "甲单位", "长期坚持"), ("2 第二项。", "乙单位", "长期坚持"))
    (section,) = parse_task_table([table], [], None)[0]
    assert section.heading == ""
    assert [(m.number, m.section_path, m.assignments[0].unit) for m in section.measures()] == [
        (1, (), "甲单位"),
        (2, (), "乙单位"),
    ]


def test_names_a_line_ran_together_are_two_units() -> None:
    """``各级消防救援机构`` / ``各级负有…部门``: a text extraction joined the
    two lines of a cell that listed the names apart."""
    table = make_table(HEADER, ("", "1 各级党委要把安全生产纳入议事日程。", "各级消防救援机构各级负有安全生产监督管理职责的部门", "长期坚持"))  # fmt: skip
    (task,) = measures(parse_task_table([table], BODY, 2022)[0])
    assert [a.unit for a in task.assignments] == ["各级消防救援机构", "各级负有安全生产监督管理职责的部门"]


def test_a_name_a_page_break_cut_is_one_unit() -> None:
    first = make_table(HEADER, ("", "1 各级党委要把安全生产纳入议事日程。", "各级党（工）委，组织、机构编制部", "长期坚持"))  # fmt: skip
    second = make_table(HEADER, ("", "", "门", ""), ("", "2 各级政府组织制定职责清单。", "各级政府", "长期坚持"), line=10)  # fmt: skip
    first_task, _ = measures(parse_task_table([first, second], BODY, 2022)[0])
    assert [a.unit for a in first_task.assignments] == ["各级党（工）委", "组织", "机构编制部门"]


def test_a_wider_table_after_the_task_table_is_no_tasks() -> None:
    """A form attached after the task table, which no heading set apart,
    keeps its rows as notes and gives no task a unit."""
    tasks = make_table(HEADER, ("", "1 各级党委要把安全生产纳入议事日程。", "各级党委", "长期坚持"))
    form = make_table(("序号", "行业领域", "排查单位数", "发现隐患数", "备注"), ("1", "城镇燃气", "", "", ""), line=10)
    sections, notes = parse_task_table([tasks, form], BODY, 2022)
    (task,) = measures(sections)
    assert [a.unit for a in task.assignments] == ["各级党委"]
    assert [n.text for n in notes if n.kind == "unplaced"] == [
        "序号\t行业领域\t排查单位数\t发现隐患数\t备注",
        "1\t城镇燃气\t\t\t",
    ]


def test_a_deadline_a_page_break_cut_is_one_deadline() -> None:
    first = make_table(
        HEADER, ("", "1 各级党委要把安全生产纳入议事日程，每季度至少", "各级党委", "2022年9月底前完成，并")
    )
    second = make_table(HEADER, ("", "集中学习1次。", "", "长期坚持"), line=10)
    (task,) = measures(parse_task_table([first, second], BODY, 2022)[0])
    assert [(d.due, d.ongoing) for d in task.deadlines] == [(dt.date(2022, 9, 30), True)]


def test_lead_and_support_columns_give_their_roles() -> None:
    """A table with 牵头单位 and 配合单位 columns: each is a unit column with the
    role its header names; a role phrase in a cell still decides, and a
    placeholder (``—``) names no unit."""
    table = make_table(
        ("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
        (
            "1",
            "各级党委要把安全生产纳入议事日程。",
            "县教育局",
            "县公安局、住建局，各乡（镇）人民政府、街道办事处",
            "长期坚持",
        ),
        ("2", "组织制定领导干部安全生产职责清单。", "各中小学校", "—", "长期坚持"),
        ("3", "加强监督检查。", "县应急局牵头，县财政局配合", "—", "长期坚持"),
    )
    found = measures(parse_task_table([table], BODY, 2022)[0])
    assert [[(a.unit, a.role) for a in m.assignments] for m in found] == [
        [
            ("县教育局", Role.LEAD),
            ("县公安局", Role.SUPPORT),
            ("住建局", Role.SUPPORT),
            ("各乡（镇）人民政府", Role.SUPPORT),
            ("街道办事处", Role.SUPPORT),
        ],
        [("各中小学校", Role.LEAD)],
        [("县应急局", Role.LEAD), ("县财政局", Role.SUPPORT)],
    ]
    # 街道办事处 names a place of its own: it takes the list's 各, not 乡（镇）
    assert [a.canonical for a in found[0].assignments] == [None, None, "县住建局", None, "各街道办事处"]


def test_the_next_task_number_before_the_years_end_is_a_label() -> None:
    """``13 年底前完成…`` after a sentence end is task 13 (a time of the year
    needs a 4-digit year before 年底), while a real quantity or date after the
    number (``2 个月内``, ``6 月底前``) opens no task."""
    table = make_table(
        HEADER,
        ("", "12 开展安全评估，完成改造任务。 13 年底前完成仪表系统功能评估。", "市应急局", "2027年6月底前完成"),
        ("", "14 组织专项检查。 15 个月内完成整改。", "市应急局", "长期坚持"),
        ("", "16 开展检查。 17 月底前完成复查。", "市应急局", "长期坚持"),
        ("", "18 开展检查。 6 月底前报送情况。", "市应急局", "长期坚持"),
    )
    found = measures(parse_task_table([table], BODY, 2026)[0])
    assert [(m.label, m.text) for m in found] == [
        ("12", "开展安全评估，完成改造任务。"),
        ("13", "年底前完成仪表系统功能评估。"),
        ("14", "组织专项检查。 15 个月内完成整改。"),
        ("16", "开展检查。"),
        ("17", "月底前完成复查。"),
        ("18", "开展检查。 6 月底前报送情况。"),
    ]
    assert [d.due for d in found[1].deadlines] == [dt.date(2026, 12, 31), dt.date(2027, 6, 30)]


def test_the_next_task_number_standing_apart_splits_a_cell_without_a_sentence_end() -> None:
    table = make_table(
        HEADER,
        (
            "",
            "4 开展专家指导服务全覆盖 5 完成装卸环节安全设施改造提升",
            "区应急管理局 区生态环境分局",
            "2026年9月30日前",
        ),
        ("", "6 督促企业至少配备 7 名专职安全管理人员", "区应急管理局", "长期坚持"),
        ("", "8 开展第 9 轮企业检查", "区应急管理局", "长期坚持"),
    )
    found = measures(parse_task_table([table], BODY, 2026)[0])
    assert [(m.label, m.text) for m in found] == [
        ("4", "开展专家指导服务全覆盖"),
        ("5", "完成装卸环节安全设施改造提升"),
        ("6", "督促企业至少配备 7 名专职安全管理人员"),
        ("8", "开展第 9 轮企业检查"),
    ]
    assert [a.unit for a in found[1].assignments] == ["区应急管理局", "区生态环境分局"]
    assert [d.text for d in found[1].deadlines] == ["2026年9月30日前"]


def nested_body() -> list[Section]:
    """一、总体要求 and 二、主要目标 as prose, 三、重点任务 over second-level
    parts (（一）, （二）) that hold the articles, and 四、工作要求."""

    def part(label: str, title: str, articles: Sequence[str]) -> Section:
        path = ("三、重点任务", label + title)
        return Section(
            label,
            title,
            children=tuple(Measure(f"{n}．", n, t, section_path=path) for n, t in enumerate(articles, start=1)),
        )

    return [
        Section("一、", "总体要求", text=("坚持安全第一、预防为主，健全安全生产责任体系。",)),
        Section("二、", "主要目标", text=("重大事故隐患动态清零，生产安全事故起数持续下降。",)),
        Section(
            "三、",
            "重点任务",
            children=(
                part("（一）", "健全安全生产责任体系", ["修订完善区领导安全生产职责清单和年度工作任务清单。"]),
                part(
                    "（二）",
                    "纵深推进治本攻坚三年行动。",
                    ["全面推行重大事故隐患判定标准，10月底前实现重大事故隐患动态清零。"],
                ),
            ),
        ),
        Section("四、", "工作要求", children=(Measure("（一）", 1, "加强组织领导，确保各项工作落地见效。"),)),
    ]


def test_part_cells_that_restate_second_level_parts_name_them_by_title() -> None:
    """The table renumbers the body's （一） as 一、: the cell names 三、's
    （一） by its title, not 一、总体要求 by its number; a row that restates
    nothing stays in the part above it."""
    table = make_table(
        ("工作类别", "重点任务", "责任单位", "完成时限"),
        ("一、健全安全生产责任体系", "1 修订完善区领导安全生产职责清单", "区委办", "2026年2月底前"),
        ("二、纵深推进治本攻坚三年行动", "2 重大事故隐患动态清零", "区各职能部门", "2026年10月底前"),
        ("", "3 持续开展执法检查，确保见效", "区各职能部门", "全年"),
    )
    sections = parse_task_table([table], nested_body(), 2026)[0]
    assert [(s.heading, [m.number for m in s.measures()]) for s in sections] == [
        ("一、健全安全生产责任体系", [1]),
        ("二、纵深推进治本攻坚三年行动", [2, 3]),
    ]
    assert measures(sections)[1].implements == ("三、重点任务", "（二）纵深推进治本攻坚三年行动。", "1．")


def test_a_part_cell_without_a_label_names_the_heading_with_its_title() -> None:
    table = make_table(
        ("类别", "重点任务", "责任单位", "完成时限"),
        ("健全安全生产责任体系", "1 修订完善区领导安全生产职责清单", "区委办", "2026年2月底前"),
        ("", "2 重大事故隐患动态清零", "区各职能部门", "2026年10月底前"),
    )
    sections = parse_task_table([table], nested_body(), 2026)[0]
    assert [(s.heading, [m.number for m in s.measures()]) for s in sections] == [
        ("健全安全生产责任体系", [1]),
        ("（二）纵深推进治本攻坚三年行动。", [2]),
    ]

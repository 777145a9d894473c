"""A task table that a PDF text extraction printed column by column.

The renderings here are written the way pdftotext prints a table without
``-layout``: on each page the first column's cells, the header words, the
whole task column wrapped at the column's width, then a unit cell and a
deadline cell per row, a blank line between cells and a form feed between
pages.  No PDF tool is needed to write them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from layout_corpus import CORPUS, corpus_document
from safetyplan_tonghua.columnar import restore_task_table

import safetyplan
from safetyplan.document import Document, Paragraph, Table
from safetyplan.layouts.accounting import unaccounted
from safetyplan.model import Measure, Plan
from safetyplan.testing.gold import load_gold

WIDTH = 8
"""Characters a line of a narrow table column holds."""

PLAN = """通化市安全生产委员会文件
通安委〔2022〕10号
通化市安全生产委员会关于进一步强化安全生产责任落实的实施办法
各县（市、区）安委会：
一、严格落实党委安全生产责任
（一）树牢安全发展理念。各级党委把安全生产纳入党委议事日程，自觉承担起一方发展、保一方平安的政治责任。
（二）强化巡查考核。县级以上党委每年至少对下级党委进行一次安全生产巡查，将巡查结果作为考核的重要参考。
二、严格落实政府安全生产责任
（三）强化政府领导。各级政府要把安全生产纳入政府重要议事日程，组织制定领导干部安全生产职责清单。
（四）定期研究部署。各级政府主要负责人每季度至少组织召开一次政府常务会议，研究部署安全生产工作。
通化市安全生产委员会
2022年5月30日
附件
重点任务分工表
"""

TASKS = (
    "1 各级党委把安全生产纳入党委议事日程，自觉承担起一方发展、保一方平安的政治责任。",
    "2 县级以上党委每年至少对下级党委进行一次安全生产巡查，将巡查结果作为考核的重要参考。",
    "3 各级政府要把安全生产纳入政府重要议事日程，组织制定领导干部安全生产职责清单。",
    "4 各级政府主要负责人每季度至少组织召开一次政府常务会议，研究部署安全生产工作。",
)
PART_ONE = "一、严格落实党委安全生产责任"
PART_TWO = "二、严格落实政府安全生产责任"
ROWS = (
    (("各级党（工）委",), ("2022年9月底前完成，并长期坚持",)),
    (("县级以上党（工）委，组织部门",), ("按照市委年度巡察工作安排",)),
    (("各级政府，高新区、港务区管委会",), ("2022年12月底前完成",)),
    (("各级政府",), ("长期坚持",)),
)


def wrap(text: str, width: int = WIDTH) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def page(
    parts: Sequence[str],
    tasks: Sequence[str],
    rows: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    task_lines: Sequence[str] = (),
) -> str:
    """One page as pdftotext prints it in reading order: the first column
    (its header, then the part cells), the header words, the task column
    (``task_lines`` where given, else ``tasks`` wrapped) and each row's unit
    and deadline cells."""
    runs = [["措施内容", *(line for part in parts for line in wrap(part))]]
    runs += [["重点任务"], ["责任单位"], ["完成时限"]]
    runs.append(list(task_lines) or [line for task in tasks for line in wrap(task)])
    for units, deadlines in rows:
        runs.append([line for paragraph in units for line in wrap(paragraph)])
        runs.append([line for paragraph in deadlines for line in wrap(paragraph)])
    return "\n\n".join("\n".join(run) for run in runs if run)


def plan_of(tmp_path: Path, *pages: str) -> Plan:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN + "\n\n\f".join(pages) + "\n", encoding="utf-8")
    return safetyplan.load(path, region="tonghua")


def tasks_of(plan: Plan) -> list[Measure]:
    return [m for m in plan.measures() if m.part == "attachment"]


def units(measure: Measure) -> list[str]:
    return [a.unit for a in measure.assignments]


def dues(measure: Measure) -> list[str | None]:
    return [d.due.isoformat() if d.due else d.text for d in measure.deadlines]


def test_the_tasks_and_the_rows_of_a_page_pair_in_order(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, page([PART_ONE, PART_TWO], TASKS, ROWS))
    found = tasks_of(plan)
    assert [m.label for m in found] == ["1", "2", "3", "4"]
    assert found[0].text.startswith("各级党委把安全生产纳入党委议事日程")
    assert [units(m) for m in found] == [
        ["各级党（工）委"],
        ["县级以上党（工）委", "组织部门"],
        ["各级政府", "高新区", "港务区管委会"],
        ["各级政府"],
    ]
    assert [dues(m) for m in found] == [["2022-09-30"], ["按照市委年度巡察工作安排"], ["2022-12-31"], ["长期坚持"]]
    assert [m.section_path for m in found] == [(PART_ONE,), (PART_ONE,), (PART_TWO,), (PART_TWO,)]


def test_a_task_over_a_page_break_goes_on_and_keeps_its_rows_cells(tmp_path: Path) -> None:
    lines = [line for task in TASKS for line in wrap(task)]
    cut = lines.index(wrap(TASKS[1])[3])
    first = page([PART_ONE], TASKS[:2], ROWS[:2], task_lines=lines[:cut])
    second = page([PART_TWO], TASKS[2:], ROWS[2:], task_lines=lines[cut:])
    found = tasks_of(plan_of(tmp_path, first, second))
    assert [m.label for m in found] == ["1", "2", "3", "4"]
    assert found[1].text.replace(" ", "") == TASKS[1][2:]
    assert [units(m)[0] for m in found] == ["各级党（工）委", "县级以上党（工）委", "各级政府", "各级政府"]


def test_cells_that_do_not_alternate_leave_the_page_unpaired(tmp_path: Path) -> None:
    """The extraction moved the second row's deadline cell after the last
    row's: no task takes a unit or deadline it might not own, and the cells
    stay the attachment's text."""
    rows = [(ROWS[0][0], ROWS[0][1]), (ROWS[1][0], ()), ROWS[2], ROWS[3], ((), ROWS[1][1])]
    plan = plan_of(tmp_path, page([PART_ONE, PART_TWO], TASKS, rows))
    found = tasks_of(plan)
    assert [m.label for m in found] == ["1", "2", "3", "4"]
    assert all(not m.assignments for m in found)
    assert all(not m.deadlines for m in found)
    (attachment,) = plan.attachments
    assert "各级党（工）委" in "".join(attachment.text)


def test_fewer_rows_than_tasks_leave_the_page_unpaired(tmp_path: Path) -> None:
    """Two tasks share a row whose cells do not say so: which two is not
    for the reader to guess."""
    plan = plan_of(tmp_path, page([PART_ONE, PART_TWO], TASKS, ROWS[:3]))
    assert all(not m.assignments for m in tasks_of(plan))


def test_a_task_run_into_the_line_shares_the_row_of_the_task_before(tmp_path: Path) -> None:
    lines = wrap(TASKS[0]) + wrap(TASKS[1] + " " + TASKS[2]) + wrap(TASKS[3])
    rows = [ROWS[0], ROWS[1], ROWS[3]]
    found = tasks_of(plan_of(tmp_path, page([PART_ONE, PART_TWO], TASKS, rows, task_lines=lines)))
    assert [m.label for m in found] == ["1", "2", "3", "4"]
    assert [units(m)[0] for m in found] == ["各级党（工）委", "县级以上党（工）委", "县级以上党（工）委", "各级政府"]


def test_a_deadline_cell_of_two_paragraphs_counts_two_tasks(tmp_path: Path) -> None:
    rows = [ROWS[0], (ROWS[1][0], ("2022年6月底前完成", "2022年9月底前完成")), ROWS[3]]
    found = tasks_of(plan_of(tmp_path, page([PART_ONE, PART_TWO], TASKS, rows)))
    assert [units(m)[0] for m in found] == ["各级党（工）委", "县级以上党（工）委", "县级以上党（工）委", "各级政府"]
    assert [dues(m) for m in found] == [["2022-09-30"], ["2022-06-30"], ["2022-09-30"], ["长期坚持"]]


def test_a_number_at_the_end_of_a_line_opens_the_task_below(tmp_path: Path) -> None:
    """``…责任。 2`` / ``县级以上…``: the extraction put the number beside
    the sentence above its task."""
    lines = [*wrap(TASKS[0]), *wrap(TASKS[1][2:])]
    lines[len(wrap(TASKS[0])) - 1] += " 2"
    found = tasks_of(plan_of(tmp_path, page([PART_ONE], TASKS[:2], [ROWS[0]], task_lines=lines)))
    assert [m.label for m in found] == ["1", "2"]
    assert found[1].text.startswith("县级以上党委")
    assert units(found[1]) == ["各级党（工）委"]


def test_a_unit_cell_cut_by_the_page_break_ends_on_the_next_page(tmp_path: Path) -> None:
    first = page([PART_ONE], TASKS[:2], [ROWS[0], (("县级以上党（工）委，组",), ROWS[1][1])])
    second = page([PART_TWO], TASKS[2:], [(("织部门",), ()), *ROWS[2:]])
    found = tasks_of(plan_of(tmp_path, first, second))
    assert units(found[1]) == ["县级以上党（工）委", "组织部门"]
    assert units(found[2]) == ["各级政府", "高新区", "港务区管委会"]


def test_names_side_by_side_in_a_cell_are_two_units(tmp_path: Path) -> None:
    rows = [(("各级消防救援机构 各级公安机关",), ROWS[0][1]), *ROWS[1:]]
    found = tasks_of(plan_of(tmp_path, page([PART_ONE, PART_TWO], TASKS, rows)))
    assert units(found[0]) == ["各级消防救援机构", "各级公安机关"]


def test_a_unit_cell_that_reads_like_a_header_word_is_a_cell(tmp_path: Path) -> None:
    rows = [(("生产经营单位",), ROWS[0][1]), *ROWS[1:]]
    found = tasks_of(plan_of(tmp_path, page([PART_ONE, PART_TWO], TASKS, rows)))
    assert units(found[0]) == ["生产经营单位"]


def test_a_typo_in_the_numbering_does_not_lose_the_tasks_after_it(tmp_path: Path) -> None:
    """``111`` between 10 and 12 is 11 (the label stays as written)."""
    typo = [f"{number} {task[2:]}" for number, task in zip((10, 111, 12, 13), TASKS, strict=True)]
    found = tasks_of(plan_of(tmp_path, page([PART_ONE, PART_TWO], typo, ROWS)))
    assert [(m.label, m.number) for m in found] == [("10", 10), ("111", 11), ("12", 12), ("13", 13)]
    assert units(found[3]) == ["各级政府"]


def test_the_plan_text_after_the_table_is_not_a_task(tmp_path: Path) -> None:
    last = (
        page([PART_ONE, PART_TWO], TASKS, ROWS) + "\n抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。"
    )
    plan = plan_of(tmp_path, last)
    assert "抄送" not in tasks_of(plan)[-1].text
    assert plan.cc


def test_every_line_of_the_rendering_is_held_by_the_plan(tmp_path: Path) -> None:
    rows = [(ROWS[0][0], ROWS[0][1]), (ROWS[1][0], ()), ROWS[2], ROWS[3], ((), ROWS[1][1])]
    path = tmp_path / "plan.txt"
    path.write_text(PLAN + page([PART_ONE, PART_TWO], TASKS, rows) + "\n", encoding="utf-8")
    document = safetyplan.read_document(path)
    assert isinstance(document, Document)
    assert unaccounted(document, safetyplan.parse(document, region="tonghua")) == []


def test_a_one_page_table_whose_header_words_open_their_columns(tmp_path: Path) -> None:
    """Each header word heads its column's run of lines (no blank line
    below it), and every task comes before the unit column's header."""
    runs = [
        ["措施内容", *wrap(PART_ONE), *wrap(PART_TWO)],
        ["重点任务", *(line for task in TASKS for line in wrap(task))],
        ["责任单位", *ROWS[0][0]],
        ["完成时限", *ROWS[0][1]],
        *([*cells] for units, deadlines in ROWS[1:] for cells in (units, deadlines)),
    ]
    found = tasks_of(plan_of(tmp_path, "\n\n".join("\n".join(run) for run in runs)))
    assert [(m.label, units(m)[0]) for m in found] == [
        ("1", "各级党（工）委"), ("2", "县级以上党（工）委"), ("3", "各级政府"), ("4", "各级政府")]  # fmt: skip


def test_a_table_read_as_a_table_is_left_alone() -> None:
    assert restore_task_table(corpus_document("tonghua")) is None


def test_a_document_without_header_words_is_left_alone() -> None:
    document = Document((Paragraph("附件", 1), Paragraph("1 各级党委把安全生产纳入议事日程。", 2)))
    assert restore_task_table(document) is None


# --- the corpus table, printed column by column ---------------------------------


def corpus_columns() -> str:
    """The corpus plan with its task table as pdftotext prints it: each of
    the text's tables (one per page of the original) a page, every cell's
    paragraphs wrapped at the column width."""
    document = corpus_document("tonghua")
    out: list[str] = []
    pages: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if pages:
                pages[-1] += "\n\n" + block.text
            else:
                out.append(block.text)
            continue
        assert isinstance(block, Table)
        rows = block.rows[1:]  # below the header row
        parts = [p for row in rows for p in row.cells[0].paragraphs if p.strip()]
        tasks = [p for row in rows for p in row.cells[1].paragraphs if p.strip()]
        cells = [(row.cells[2].paragraphs, row.cells[3].paragraphs) for row in rows if any(row.texts[2:])]
        pages.append(page(parts, tasks, cells))
    return "\n".join(out) + "\n" + "\n\n\f".join(pages) + "\n"


@pytest.fixture(scope="module")
def corpus_tasks(tmp_path_factory: pytest.TempPathFactory) -> list[Measure]:
    path = tmp_path_factory.mktemp("columns") / "tonghua.txt"
    path.write_text(corpus_columns(), encoding="utf-8")
    return tasks_of(safetyplan.load(path))


def gold_tasks() -> list[dict[str, object]]:
    return [m for m in load_gold(CORPUS / "gold" / "tonghua.txt.0.gold.json")["measures"] if m["part"] == "attachment"]


def test_the_corpus_table_printed_by_columns_gives_every_task_in_its_part(corpus_tasks: list[Measure]) -> None:
    gold = gold_tasks()
    assert len(corpus_tasks) == len(gold) == 66
    for measure, expected in zip(corpus_tasks, gold, strict=True):
        assert (measure.label, measure.number) == (expected["label"], expected["number"])
        assert re.sub(r"\s+", "", measure.text).startswith(str(expected["starts"])), measure.label
        assert list(measure.section_path) == expected["section"], measure.label


def test_the_corpus_table_printed_by_columns_gives_no_task_another_rows_units(corpus_tasks: list[Measure]) -> None:
    """Pages whose rows pair give the gold's units; the others give none,
    never a neighbour's."""
    with_units = 0
    for measure, expected in zip(corpus_tasks, gold_tasks(), strict=True):
        names = [a.unit for a in measure.assignments]
        gold_names = [u["name"] for u in expected["units"]]  # type: ignore[attr-defined]
        assert names in (gold_names, []), measure.label
        with_units += bool(names)
    assert with_units >= 55

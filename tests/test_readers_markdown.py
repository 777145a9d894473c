"""Markdown renderings of a plan read as its text export reads: pipe tables,
HTML tables and grid tables become Tables, backslash escapes are resolved,
and the task-table plan imports from each as from the original."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from layout_corpus import CORPUS, corpus_document

import safetyplan
from safetyplan.document import Cell, Paragraph, Table
from safetyplan.readers.text import text_to_blocks
from safetyplan.testing.gold import load_gold, score_plan


def tables(text: str) -> list[Table]:
    return [b for b in text_to_blocks(text) if isinstance(b, Table)]


def paragraphs(text: str) -> list[str]:
    return [b.text for b in text_to_blocks(text) if isinstance(b, Paragraph)]


# -- pipe tables --------------------------------------------------------------------


def test_a_pipe_table_is_a_table_with_its_header_and_empty_merged_cells() -> None:
    text = (
        "附件\n"
        "| 部分 | 重点任务 | 责任单位 |\n"
        "| :--- | --- | ---: |\n"
        "| 一、党委 | 1 学习<br>2 巡查 | 党委<br/>组织部门 |\n"
        "|  | 3 考核 a\\|b | 组织部门 |\n"
        "结语"
    )
    (table,) = tables(text)
    assert table.line == 2
    assert [r.line for r in table.rows] == [2, 4, 5]
    assert [r.cells for r in table.rows] == [
        (Cell(("部分",)), Cell(("重点任务",)), Cell(("责任单位",))),
        (Cell(("一、党委",)), Cell(("1 学习", "2 巡查")), Cell(("党委", "组织部门"))),
        (Cell(("",)), Cell(("3 考核 a|b",)), Cell(("组织部门",))),
    ]
    assert paragraphs(text) == ["附件", "结语"]


@pytest.mark.parametrize(
    "text",
    [
        "甲 | 乙\n正文",  # no delimiter row
        "| 甲 | 乙 |\n| --- |\n| 1 | 2 |",  # the delimiter disagrees with the header
        "| 甲 | 乙 |\n| - | - |",  # one dash is no delimiter
    ],
)
def test_pipes_without_a_table_grammar_stay_text(text: str) -> None:
    assert tables(text) == []


# -- HTML tables --------------------------------------------------------------------


def test_an_html_table_in_text_is_read_on_its_grid_with_its_lines() -> None:
    text = (
        "前言\n"
        "<table>\n"
        "<tr><th>部分</th><th>任务</th></tr>\n"
        '<tr><td rowspan="2">一、党委</td><td><p>1 学习</p><p>2 巡查</p></td></tr>\n'
        "<tr><td>3 考核</td></tr>\n"
        "</table>\n"
        "结语"
    )
    blocks = text_to_blocks(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    table = blocks[1]
    assert isinstance(table, Table)
    assert [r.line for r in table.rows] == [3, 4, 5]
    assert [r.texts for r in table.rows] == [("部分", "任务"), ("一、党委", "1 学习\n2 巡查"), ("一、党委", "3 考核")]
    assert table.rows[1].cells[1].paragraphs == ("1 学习", "2 巡查")
    assert table.rows[2].cells[0].merged
    assert blocks[2] == Paragraph("结语", 7)


def test_an_html_table_never_closed_stays_text() -> None:
    assert paragraphs("<table>\n<tr><td>甲</td></tr>\n正文") == ["<table>", "<tr><td>甲</td></tr>", "正文"]


# -- grid tables --------------------------------------------------------------------

GRID = """\
+------------+------------------+
| 部分       | 任务             |
+============+==================+
| 一、党委   | 1 学习 the       |
|            | rules            |
|            |                  |
|            | 2 巡查           |
|            +------------------+
|            | 3 考核           |
+------------+------------------+
| 二、政府   | 4 检查           |
+------------+------------------+
"""


def test_a_grid_table_reads_by_display_width_with_merged_cells_carried() -> None:
    (table,) = tables("前言\n" + GRID + "结语")
    assert table.line == 2
    assert [r.line for r in table.rows] == [3, 5, 10, 12]
    assert [r.cells[1].paragraphs for r in table.rows] == [
        ("任务",),
        ("1 学习 the rules", "2 巡查"),
        ("3 考核",),
        ("4 检查",),
    ]
    assert [r.cells[0].paragraphs for r in table.rows] == [("部分",), ("一、党委",), ("一、党委",), ("二、政府",)]
    assert [r.cells[0].merged for r in table.rows] == [False, False, True, False]


def test_a_grid_table_ends_at_its_last_full_border() -> None:
    cut = "\n".join(GRID.splitlines()[:-1])  # the bottom border lost
    (table,) = tables(cut)
    assert [r.cells[1].text for r in table.rows][-1] == "3 考核"
    assert paragraphs(cut) == ["| 二、政府   | 4 检查           |"]
    assert tables("+------+\n| 甲   |\n正文") == []


MULTILINE = """\
  -------------------------------------
  部分         任务
  ------------ ------------------------
  一、党委     1 学习 the
               rules

               2 巡查

  二、政府     3 检查
  -------------------------------------
"""


def test_a_multiline_table_reads_rows_between_blank_lines() -> None:
    (table,) = tables("前言\n\n" + MULTILINE + "\n结语")
    assert table.line == 3
    assert [r.line for r in table.rows] == [4, 6, 9, 11]
    assert [r.texts for r in table.rows] == [
        ("部分", "任务"),
        ("一、党委", "1 学习 the rules"),
        ("", "2 巡查"),
        ("二、政府", "3 检查"),
    ]
    assert paragraphs("前言\n\n" + MULTILINE + "\n结语") == ["前言", "结语"]


def test_a_simple_table_reads_one_row_a_line() -> None:
    text = "前言\n\n部分      任务\n--------  --------\n一、党委  1 学习\n          2 巡查\n\n结语"
    (table,) = tables(text)
    assert [r.texts for r in table.rows] == [("部分", "任务"), ("一、党委", "1 学习"), ("", "2 巡查")]
    assert paragraphs(text) == ["前言", "结语"]


def test_dashes_without_a_header_or_a_closing_border_stay_text() -> None:
    assert tables("前言\n正文\n-------- --------\n一  二") == []  # no blank line above a simple table's header
    assert tables("  ----------\n  甲     乙\n  ---- -----\n  一     二") == []  # never closed


def test_markdown_escapes_are_resolved() -> None:
    assert paragraphs("4\\. 夯实责任\\*（责任单位：市安委办）\n路径 C:\\文件") == [
        "4. 夯实责任*（责任单位：市安委办）",
        "路径 C:\\文件",
    ]


# -- the task-table plan rendered as Markdown -----------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def as_pipe_table(table: Table) -> list[str]:
    rows = [[("<br>".join(c.paragraphs)).replace("|", "\\|") for c in row.cells] for row in table.rows]
    return [
        "| " + " | ".join(rows[0]) + " |",
        "|" + " --- |" * len(rows[0]),
        *("| " + " | ".join(r) + " |" for r in rows[1:]),
        "",
    ]


def as_html_table(table: Table) -> list[str]:
    out = ["<table>"]
    rows = [row.cells for row in table.rows]
    for i, cells in enumerate(rows):
        tds = []
        for j, cell in enumerate(cells):
            if j == 0 and i > 0 and cell.text == "":
                continue  # spanned by the first-column cell above
            span = 1
            while j == 0 and i + span < len(rows) and rows[i + span][0].text == "":
                span += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            tds.append(f"<td{attr}>" + "".join(f"<p>{p}</p>" for p in cell.paragraphs) + "</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    return [*out, "</table>", ""]


def as_grid_table(table: Table) -> list[str]:
    """Pandoc's grid table: the first column's empty cells continue the cell
    above, a cell's paragraphs parted by a blank line inside it."""
    rows = [row.cells for row in table.rows]
    widths = [max(_width(p) for row in rows for p in row[j].paragraphs) + 2 for j in range(len(rows[0]))]
    border = "+" + "+".join("-" * w for w in widths) + "+"
    out = [border]
    for i, cells in enumerate(rows):
        lines: list[list[str]] = []
        for cell in cells:
            cell_lines: list[str] = []
            for p in cell.paragraphs:
                cell_lines.extend([*([""] if cell_lines else []), p])
            lines.append(cell_lines)
        for k in range(max(map(len, lines))):
            out.append(
                "|"
                + "|".join(" " + _pad(c[k] if k < len(c) else "", w - 1) for c, w in zip(lines, widths, strict=True))
                + "|"
            )
        below_continues = i + 1 < len(rows) and rows[i + 1][0].text == ""
        if below_continues:
            out.append("|" + " " * widths[0] + "+" + "+".join("-" * w for w in widths[1:]) + "+")
        else:
            out.append(border.replace("-", "=") if i == 0 else border)
    return [*out, ""]


def as_pandoc_table(table: Table) -> list[str]:
    """As pandoc writes a table in its own Markdown: a grid table where a cell
    holds several paragraphs or spans rows, else a multiline table."""
    rows = [row.cells for row in table.rows]
    if any(len(c.paragraphs) > 1 for row in rows for c in row) or any(row[0].text == "" for row in rows[1:]):
        return as_grid_table(table)
    widths = [max(_width(c.text) for c in (row[j] for row in rows)) for j in range(len(rows[0]))]
    rule = "  " + "-" * (sum(widths) + len(widths) - 1)
    line = lambda cells: "  " + " ".join(_pad(c.text, w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
    out = [rule, line(rows[0]), "  " + " ".join("-" * w for w in widths)]
    for cells in rows[1:]:
        out.extend([line(cells), ""])
    return ["", *out[:-1], rule, ""]


RENDERINGS: dict[str, Callable[[Table], list[str]]] = {
    "pipe": as_pipe_table,
    "html": as_html_table,
    "grid": as_grid_table,
    "pandoc": as_pandoc_table,
}


def markdown_rendering(name: str, render: Callable[[Table], Sequence[str]]) -> str:
    lines: list[str] = []
    for block in corpus_document(name).blocks:
        lines.extend(render(block) if isinstance(block, Table) else [block.text, ""])
    return "\n".join(lines)


@pytest.mark.parametrize("kind", sorted(RENDERINGS))
def test_the_task_table_plan_imports_from_markdown_as_from_its_text_export(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "tonghua.md"
    path.write_text(markdown_rendering("tonghua", RENDERINGS[kind]), encoding="utf-8")
    document = safetyplan.read_document(path)
    assert isinstance(document, safetyplan.Document)
    assert len(list(document.tables())) == len(list(corpus_document("tonghua").tables()))
    (plan,) = safetyplan.parse(document)
    result = score_plan(load_gold(CORPUS / "gold" / "tonghua.txt.0.gold.json"), plan)
    assert {k: v for k, v in result.scores.items() if v < 1.0} == {}, result.misses[:5]

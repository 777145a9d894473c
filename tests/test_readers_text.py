"""Text files are read whatever their encoding and line ends; odd bytes are
dropped and reported, binary and empty files are refused clearly; tab-
separated runs become tables with their <p> fragments split, and a row that
Word's plain-text export printed over several lines is one row again."""

from __future__ import annotations

import codecs
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.document import Cell, Document, Paragraph, Table
from safetyplan.errors import UnreadableFileError
from safetyplan.readers.encoding import decode
from safetyplan.readers.text import TextReader, split_cell, text_to_blocks

PLAN = "一、总体要求\n（一）加强领导。各级党委要把安全生产纳入议事日程。\n1．强化责任（责任单位：区应急管理局）\n"
CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"


def read(data: bytes, path: str = "plan.txt") -> Document:
    result = TextReader().read(data, path=path)
    assert isinstance(result, Document)
    return result


def texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


EXPECTED = [
    "一、总体要求",
    "（一）加强领导。各级党委要把安全生产纳入议事日程。",
    "1．强化责任（责任单位：区应急管理局）",
]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8"),
        (PLAN.encode("utf-16"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), "utf-16-be"),
        (PLAN.encode("utf-16-le"), "utf-16-le"),
        (PLAN.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + PLAN.encode("utf-32-le"), "utf-32-le"),
        (PLAN.encode("gb18030"), "gb18030"),
        (PLAN.encode("gbk"), "gb18030"),
        (PLAN.encode("gb2312"), "gb18030"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf16le-nobom",
        "utf16be-nobom",
        "utf32-bom",
        "gb18030",
        "gbk",
        "gb2312",
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    document = read(data)
    assert texts(document) == EXPECTED
    assert document.format == f"text/{encoding}"


def test_gb18030_only_characters_survive() -> None:
    text = "一、𠀀号文件\n（一）㐀字\n"
    assert texts(read(text.encode("gb18030"))) == ["一、𠀀号文件", "（一）㐀字"]


def test_gbk_is_not_mistaken_for_utf8_on_a_long_plan() -> None:
    body = (PLAN * 40).encode("gbk")
    assert read(body).format == "text/gb18030"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\x0b", "\x0c", "\u2028", "\u2029"])
def test_every_kind_of_line_end_splits_lines(newline: str) -> None:
    data = PLAN.replace("\n", newline).encode("utf-8")
    document = read(data)
    assert texts(document) == EXPECTED
    assert [p.line for p in document.paragraphs()] == [1, 2, 3]
    assert document.warnings == ()


def test_full_width_spaces_are_text() -> None:
    document = read("\u3000\u3000（一）加强\u3000领导\n".encode())
    assert texts(document) == ["\u3000\u3000（一）加强\u3000领导"]


def test_nul_bytes_and_control_characters_are_dropped_and_reported() -> None:
    data = "一、总体\x00要求\n（一）加\x07强\x1b领\x7f导。\ufeff\n".encode()
    document = read(data)
    assert texts(document) == ["一、总体要求", "（一）加强领导。"]
    assert document.warnings == ("dropped 5 control character(s)",)


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  ", codecs.BOM_UTF8, "\u3000\n".encode(), b"\x00\x00\n"])
def test_empty_files_are_clear_errors(data: bytes) -> None:
    with pytest.raises(UnreadableFileError, match=r"empty|no text") as caught:
        read(data)
    assert "plan.txt" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        random.Random(1).randbytes(5000),
        random.Random(2).randbytes(300),
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n" + bytes(100),
        b"PK\x03\x04" + bytes(100),
        b"\x1f\x8b\x08\x00" + random.Random(3).randbytes(500),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        bytes(range(32)) * 64,
    ],
    ids=["random", "short-random", "pdf", "png", "zip", "gzip", "ole", "controls"],
)
def test_binary_files_with_a_text_suffix_are_refused(data: bytes) -> None:
    with pytest.raises(UnreadableFileError, match=r"binary|encoding"):
        read(data)


def test_a_broken_byte_order_mark_is_reported() -> None:
    with pytest.raises(UnreadableFileError, match="byte-order mark"):
        read(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


def test_a_declared_encoding_is_trusted_only_where_it_decodes() -> None:
    text, encoding, _ = decode("安全生产".encode("gbk"), declared="gbk")
    assert (text, encoding) == ("安全生产", "gb18030")
    text, encoding, _ = decode("安全生产".encode(), declared="gbk")
    assert text == "安全生产"
    text, encoding, _ = decode("安全生产".encode(), declared="no-such-codec")
    assert (text, encoding) == ("安全生产", "utf-8")


# -- tables -----------------------------------------------------------------------


def test_tab_separated_runs_become_tables_between_paragraphs() -> None:
    data = "前言\n部分\t任务\t单位\n一、党委\t1 学习\t党委\n\t2 巡查\t组织部\n结语\n".encode()
    blocks = read(data).blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.line == 2
    assert [r.texts for r in table.rows] == [
        ("部分", "任务", "单位"),
        ("一、党委", "1 学习", "党委"),
        ("", "2 巡查", "组织部"),
    ]


def word_export(rows: Sequence[Sequence[Sequence[str]]]) -> str:
    """A table as Word's plain-text export prints it: a row's cells joined
    by tabs, a cell's paragraphs by line breaks."""
    return "\n".join("\t".join("\n".join(cell) for cell in row) for row in rows) + "\n"


def table_cells(text: str) -> list[list[tuple[str, ...]]]:
    (table,) = [b for b in text_to_blocks(text) if isinstance(b, Table)]
    return [[c.paragraphs for c in row.cells] for row in table.rows]


HEADER = (("实施办法主要内容",), ("重点任务",), ("责任单位",), ("完成时限",))


def test_a_paragraph_break_inside_a_cell_continues_the_row_on_the_next_line() -> None:
    text = (
        "\t2 制定细化方案。\t牵头单位：市安委会办公室\n"
        "责任单位：市工信局、公安局\t2024年5月底前完成\n"
        "\t5 督促销售企业。\n"
        "6 对违规销售依法从严查处。\t市市场监管局牵头，市商务局、公安局配合\t2024年8月底前完成\n"
        "长期坚持\n"
        "五、夯实基础\t19 推动接入平台。\n"
        "20 建立数据库。\t市城市管理局，市住建局\n"
        "市消防救援支队\t2024年11月底前完成\n"
    )
    (table,) = text_to_blocks(word_export([HEADER]) + text)
    assert isinstance(table, Table)
    assert [r.line for r in table.rows] == [1, 2, 4, 7]  # each row at the line it starts on
    assert [[c.paragraphs for c in r.cells] for r in table.rows] == [
        list(HEADER),
        [
            ("",),
            ("2 制定细化方案。",),
            ("牵头单位：市安委会办公室", "责任单位：市工信局、公安局"),
            ("2024年5月底前完成",),
        ],
        [
            ("",),
            ("5 督促销售企业。", "6 对违规销售依法从严查处。"),
            ("市市场监管局牵头，市商务局、公安局配合",),
            ("2024年8月底前完成", "长期坚持"),
        ],
        [
            ("五、夯实基础",),
            ("19 推动接入平台。", "20 建立数据库。"),
            ("市城市管理局，市住建局", "市消防救援支队"),
            ("2024年11月底前完成",),
        ],
    ]


@pytest.mark.parametrize(
    "rows",
    [
        "\t5 督促\t\t\n\t6 查处\t市场监管局\t长期坚持\n",  # trailing tabs printed: the row is whole
        "\t5 督促\n\t6 查处\t市场监管局\n",  # the next line opens a row with its empty part cell
        "\t5 督促\t市场监管局\n6 查处\t商务局\t长期坚持\n",  # the next line would overfill the row
        "\t5 督促\n三、强化执法\t6 查处\n",  # the next line opens with a part label
    ],
    ids=["trailing-tabs", "next-opens-with-tab", "overfills", "part-label"],
)
def test_a_short_line_the_next_line_cannot_finish_is_a_row_with_empty_trailing_cells(rows: str) -> None:
    cells = table_cells(word_export([HEADER]) + rows)
    assert len(cells) == 3
    assert cells[1][1] == ("5 督促",)
    assert ("6 查处",) in cells[2]


@pytest.mark.parametrize(
    "after",
    ["长期坚持\n", "长期坚持\n\n\t6 查处\t商务局\t长期坚持\n", "长期坚持\n说明：以上任务长期坚持。\n"],
    ids=["end-of-file", "blank-line", "more-prose"],
)
def test_a_paragraph_after_the_table_stays_a_paragraph(after: str) -> None:
    text = word_export([HEADER]) + "\t5 督促\t市场监管局\t2024年8月底前完成\n" + after
    blocks = text_to_blocks(text)
    assert isinstance(blocks[0], Table)
    assert blocks[0].rows[-1].texts == ("", "5 督促", "市场监管局", "2024年8月底前完成")
    assert isinstance(blocks[1], Paragraph)
    assert blocks[1].text == "长期坚持"


def test_a_part_row_merged_across_the_table_is_no_cell_paragraph() -> None:
    """A part cell merged across a whole row prints no tab: it ends the
    table as a line of its own, as it always did."""
    text = word_export([HEADER]) + "\t1 学习\t党委\t长期\n二、强化监管\n\t2 检查\t市场监管局\t6月底前\n"
    blocks = text_to_blocks(text)
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]
    assert isinstance(blocks[1], Paragraph)
    assert blocks[1].text == "二、强化监管"


_CELL_TEXT = st.text(st.sampled_from("监管部门完成时限任务单位市县各级年月底前ab12 "), min_size=1, max_size=8).filter(
    lambda s: bool(s.strip()) and s == s.strip()
)


@st.composite
def _export_tables(draw: st.DrawFn) -> list[list[tuple[str, ...]]]:
    width = draw(st.integers(2, 5))
    header = [(f"列{i}",) for i in range(width)]
    rows: list[list[tuple[str, ...]]] = [header]
    for _ in range(draw(st.integers(1, 6))):
        first: tuple[str, ...] = (draw(st.sampled_from(["", "部分"])),)
        rest = [tuple(draw(st.lists(_CELL_TEXT, min_size=1, max_size=3))) for _ in range(width - 1)]
        rows.append([first, *rest])
    last = rows[-1]
    last[-1] = last[-1][:1]  # the table's last line is followed by no row: see the prose test
    return rows


@settings(max_examples=200, deadline=None)
@given(_export_tables())
def test_every_row_word_printed_over_several_lines_is_read_back_whole(rows: list[list[tuple[str, ...]]]) -> None:
    assert table_cells(word_export(rows)) == rows


@pytest.mark.parametrize(
    ("raw", "paragraphs"),
    [
        ("<p>22 各级安委会</p>", ("22 各级安委会",)),
        ("<p>甲</p><p>乙</p>", ("甲", "乙")),
        ("<P class='x'>甲&amp;</P> 尾", ("甲&", "尾")),
        ("<p>未闭合", ("未闭合",)),
        ("<p>外<p>内</p>", ("外内",)),
        ("纯文本 <b>粗</b>", ("纯文本 粗",)),
        ("", ("",)),
        ("<p></p>", ("",)),
    ],
)
def test_p_fragments_in_cells_are_split(raw: str, paragraphs: tuple[str, ...]) -> None:
    assert split_cell(raw) == Cell(paragraphs)


def test_markdown_headings_are_styled() -> None:
    blocks = text_to_blocks("# 一、总体要求\n## （一）加强\n正文", markdown=True)
    assert [b.style for b in blocks if isinstance(b, Paragraph)] == ["h1", "h2", None]


@pytest.mark.parametrize("name", ["xinjian.txt", "tonghua.txt", "shuangqiao.txt", "changzhou.txt", "citywork-3.txt"])
def test_corpus_documents_read_without_warnings(name: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("the shared corpus is not available")
    document = read(path.read_bytes(), str(path))
    assert document.warnings == ()
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = sum(len(t.rows) for t in document.tables())
    assert len(list(document.paragraphs())) + rows == len(lines)
    same_gbk = read(path.read_text(encoding="utf-8").encode("gb18030"), str(path))
    assert same_gbk.blocks == document.blocks


def test_utf16_text_starting_with_nul_is_not_taken_for_utf32() -> None:
    document = read("\x00一、总体要求\n".encode("utf-16"))
    assert texts(document) == ["一、总体要求"]
    assert document.format == "text/utf-16-le"


@pytest.mark.parametrize("text", ["位", "一一位前", "    ·", "联通"])
def test_short_gb18030_that_passes_for_utf8_is_read_as_chinese(text: str) -> None:
    assert texts(read(text.encode("gb18030"))) == [text.rstrip()]
    assert texts(read(text.encode("utf-8"))) == [text.rstrip()]


def test_gb18030_with_its_byte_order_mark() -> None:
    document = read("\ufeff（一）加强\n".encode("gb18030"))
    assert texts(document) == ["（一）加强"]
    assert document.format == "text/gb18030"


def test_utf16_starting_with_nul_that_also_decodes_as_utf32() -> None:
    assert texts(read("\x00（\n".encode("utf-16"))) == ["（"]
    assert texts(read("一、总体要求\n".encode("utf-32"))) == ["一、总体要求"]

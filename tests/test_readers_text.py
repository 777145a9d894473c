"""Text files are read whatever their encoding and line ends; odd bytes are
dropped and reported, binary and empty files are refused clearly; tab-
separated runs become tables with their <p> fragments split."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

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

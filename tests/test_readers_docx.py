"""The .docx reader gives layouts what a person sees in Word: text joined
across runs, automatic numbering drawn, tables on their grid with merged cells
resolved, in body order."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest

from safetyplan.document import Cell, Document, Paragraph, Table
from safetyplan.errors import UnreadableFileError
from safetyplan.readers.docx import W_STRICT, DocxReader
from safetyplan.readers.wordnumbering import chinese_counting, format_number, to_int

sys.path.insert(0, str(Path(__file__).parent))
from hostile import PACKAGE_RELS, W_NS, document_xml, docx_bytes, paragraph_xml

DOC_RELS_START = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def read(body: str, **parts: str) -> Document:
    """Read a package whose body is ``body``; ``styles`` and ``numbering``
    add those parts with their relationships."""
    members: dict[str, bytes | str] = {"word/document.xml": document_xml(body)}
    rels = []
    for kind, xml in parts.items():
        members[f"word/{kind}.xml"] = f'<w:{kind} xmlns:w="{W_NS}">{xml}</w:{kind}>'
        rels.append(f'<Relationship Id="r{kind}" Type="{REL}{kind}" Target="{kind}.xml"/>')
    if rels:
        members["word/_rels/document.xml.rels"] = DOC_RELS_START + "".join(rels) + "</Relationships>"
    result = DocxReader().read(docx_bytes(members), path="plan.docx")
    assert isinstance(result, Document)
    return result


def texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def only_table(document: Document) -> Table:
    tables = list(document.tables())
    assert len(tables) == 1
    return tables[0]


def run(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def cell(body: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


# -- paragraphs ------------------------------------------------------------------


def test_text_split_across_runs_hyperlinks_and_fields_is_joined() -> None:
    body = (
        "<w:p>"
        + run("一、总")
        + run("体")
        + f'<w:hyperlink r:id="x" xmlns:r="{REL}">{run("要")}</w:hyperlink>'
        + f'<w:fldSimple w:instr="PAGE">{run("求")}</w:fldSimple>'
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("！")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + "</w:p>"
    )
    assert texts(read(body)) == ["一、总体要求！"]


def test_tab_reads_as_space_and_line_breaks_stay_inside_the_paragraph() -> None:
    body = (
        "<w:p>"
        + run("（一）加强领导")
        + "<w:r><w:tab/></w:r>"
        + run("责任单位")
        + "<w:r><w:br/></w:r>"
        + run("第二行")
        + "<w:r><w:cr/></w:r>"
        + run("第三行")
        + '<w:r><w:br w:type="page"/></w:r>'
        + run("第四行")
        + "</w:p>"
    )
    document = read(body)
    assert texts(document) == ["（一）加强领导 责任单位\n第二行\n第三行\n第四行"]
    assert {b.line for b in document.paragraphs()} == {1}


def test_deleted_and_hidden_text_is_left_out_and_insertions_kept() -> None:
    body = (
        "<w:p>"
        + run("保留")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        + f'<w:ins w:id="2" w:author="a">{run("插入")}</w:ins>'
        + run("隐藏", "<w:rPr><w:vanish/></w:rPr>")
        + run("可见", '<w:rPr><w:vanish w:val="0"/></w:rPr>')
        + "</w:p>"
    )
    document = read(body)
    assert texts(document) == ["保留插入可见"]
    assert any("tracked changes" in w for w in document.warnings)


def test_content_controls_custom_xml_and_text_boxes_are_read_once() -> None:
    textbox = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="wps"><w:r><w:drawing><w:txbxContent>'
        + paragraph_xml("通化市安全生产委员会文件")
        + "</w:txbxContent></w:drawing></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:pict><w:txbxContent>"
        + paragraph_xml("通化市安全生产委员会文件")
        + "</w:txbxContent></w:pict></w:r></mc:Fallback></mc:AlternateContent>"
    )
    body = (
        f"<w:p>{textbox}{run('正文')}</w:p>"
        + f"<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{paragraph_xml('控件内')}</w:sdtContent></w:sdt>"
        + f"<w:customXml w:element='x'>{paragraph_xml('自定义')}</w:customXml>"
        + f"<w:p><w:sdt><w:sdtContent>{run('行内控件')}</w:sdtContent></w:sdt></w:p>"
    )
    assert texts(read(body)) == ["通化市安全生产委员会文件", "正文", "控件内", "自定义", "行内控件"]


def test_whitespace_is_kept_inside_and_at_the_start_but_blank_paragraphs_dropped() -> None:
    body = paragraph_xml("\u3000\u3000（一）全角空格\u3000保留  ") + paragraph_xml("   ") + "<w:p/>"
    document = read(body + paragraph_xml("末段"))
    assert texts(document) == ["\u3000\u3000（一）全角空格\u3000保留", "末段"]
    assert [p.line for p in document.paragraphs()] == [1, 4]


def test_styles_are_named_from_styles_xml() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="公文正文"/></w:style>'
    )
    body = (
        '<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr>' + run("一、总体要求") + "</w:p>"
        '<w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr>' + run("正文") + "</w:p>"
        '<w:p><w:pPr><w:pStyle w:val="missing"/></w:pPr>' + run("未知") + "</w:p>" + paragraph_xml("无样式")
    )
    document = read(body, styles=styles)
    assert [p.style for p in document.paragraphs()] == ["Heading 1", "公文正文", "missing", None]


# -- automatic numbering -------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
    '<w:suff w:val="nothing"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    "</w:lvl></w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
)


def numbered(text: str, num: int, level: int) -> str:
    return f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{run(text)}</w:p>'


def test_automatic_numbering_is_drawn_like_word_does() -> None:
    body = "".join(
        [
            numbered("总体要求", 1, 0),
            numbered("加强领导", 1, 1),
            numbered("压实责任", 1, 1),
            numbered("细则", 1, 2),
            numbered("重点任务", 1, 0),
            numbered("排查隐患", 1, 1),
            numbered("要点", 2, 0),
            numbered("不编号", 0, 0),
            numbered("另起", 3, 0),
        ]
    )
    assert texts(read(body, numbering=NUMBERING)) == [
        "一、总体要求",
        "（一）加强领导",
        "（二）压实责任",
        "1. 细则",
        "二、重点任务",
        "（一）排查隐患",
        "要点",
        "不编号",
        "五、另起",
    ]


def test_numbering_comes_from_the_style_where_the_paragraph_names_none() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H1b"><w:name w:val="标题一"/><w:basedOn w:val="H1"/></w:style>'
    )
    body = (
        '<w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr>' + run("总体要求") + "</w:p>"
        '<w:p><w:pPr><w:pStyle w:val="H1b"/></w:pPr>' + run("工作措施") + "</w:p>"
    )
    document = read(body, styles=styles, numbering=NUMBERING)
    assert texts(document) == ["一、总体要求", "二、工作措施"]
    assert [p.style for p in document.paragraphs()] == ["Heading 1", "标题一"]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (43, "四十三"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (10000, "一万"),
    ],
)
def test_chinese_counting(n: int, expected: str) -> None:
    assert chinese_counting(n) == expected


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (3, "upperLetter", "C"),
        (28, "lowerLetter", "bb"),
        (14, "upperRoman", "XIV"),
        (4, "lowerRoman", "iv"),
        (2, "decimalEnclosedCircle", "②"),
        (12, "decimalFullWidth", "１２"),
        (7, "decimalZero", "07"),
        (3, "ideographTraditional", "丙"),
        (99, "someFutureFormat", "99"),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        (" 7 ", 7),
        ("-1", 0),
        ("99999", 8),
        ("²", 1),
        ("-²", 1),
        ("--1", 1),
        ("١٢", 1),
        ("9" * 40, 1),
        (None, 1),
    ],
)
def test_word_integers_are_ascii_digits_clamped_or_the_default(value: str | None, expected: int) -> None:
    assert to_int(value, 1, 0, 8) == expected


# -- tables ------------------------------------------------------------------------


def test_tables_keep_body_order_and_paragraph_ordinals() -> None:
    row = "<w:tr>" + cell(paragraph_xml("任务")) + cell(paragraph_xml("单位")) + "</w:tr>"
    body = paragraph_xml("前") + f"<w:tbl>{row}{row}</w:tbl>" + paragraph_xml("后")
    document = read(body)
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    table = only_table(document)
    assert table.line == 2
    assert [r.line for r in table.rows] == [2, 4]
    assert document.blocks[2].line == 6


def test_merged_cells_are_resolved_on_the_grid() -> None:
    header = "<w:tr>" + "".join(cell(paragraph_xml(t)) for t in ("部分", "任务", "单位", "时限")) + "</w:tr>"
    first = (
        "<w:tr>"
        + cell(paragraph_xml("一、党委责任"), '<w:vMerge w:val="restart"/>')
        + cell(paragraph_xml("1 学习"))
        + cell(paragraph_xml("各级党委") + paragraph_xml("宣传部门"), '<w:gridSpan w:val="2"/>')
        + "</w:tr>"
    )
    second = (
        "<w:tr>"
        + cell("<w:p/>", "<w:vMerge/>")
        + cell(paragraph_xml("2 巡查"))
        + cell(paragraph_xml("组织部门"))
        + cell(paragraph_xml("长期坚持"))
        + "</w:tr>"
    )
    third = '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + cell(paragraph_xml("3 考核")) + "</w:tr>"
    table = only_table(read(f"<w:tbl>{header}{first}{second}{third}</w:tbl>"))
    assert [r.texts for r in table.rows] == [
        ("部分", "任务", "单位", "时限"),
        ("一、党委责任", "1 学习", "各级党委\n宣传部门", "各级党委\n宣传部门"),
        ("一、党委责任", "2 巡查", "组织部门", "长期坚持"),
        ("", "3 考核"),
    ]
    assert table.rows[1].cells[2:] == (
        Cell(("各级党委", "宣传部门"), merged=False),
        Cell(("各级党委", "宣传部门"), merged=True),
    )
    assert [c.merged for c in table.rows[2].cells] == [True, False, False, False]


def test_a_table_nested_in_a_cell_is_flattened_into_its_paragraphs() -> None:
    inner = "<w:tbl><w:tr>" + cell(paragraph_xml("甲")) + cell(paragraph_xml("乙")) + "</w:tr></w:tbl>"
    outer = "<w:tbl><w:tr>" + cell(paragraph_xml("外") + inner + "<w:p/>") + cell(paragraph_xml("右")) + "</w:tr></w:tbl>"
    table = only_table(read(outer))
    assert table.rows[0].cells[0].paragraphs == ("外", "甲", "乙")


def test_a_table_that_only_places_text_is_read_as_paragraphs() -> None:
    letterhead = "<w:tbl><w:tr>" + cell(paragraph_xml("某某市安全生产委员会文件")) + "</w:tr></w:tbl>"
    signature = (
        "<w:tbl><w:tr>" + cell("<w:p/>") + cell(paragraph_xml("某某市安全生产委员会")) + "</w:tr>"
        "<w:tr>" + cell("<w:p/>") + cell(paragraph_xml("2024年3月5日")) + "</w:tr></w:tbl>"
    )
    document = read(letterhead + paragraph_xml("一、任务") + signature)
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph"] * 4
    assert texts(document) == ["某某市安全生产委员会文件", "一、任务", "某某市安全生产委员会", "2024年3月5日"]


def test_a_paragraph_deleted_with_its_mark_leaves_its_list_as_accepting_would() -> None:
    deleted = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="1"/></w:rPr>'
        '</w:pPr><w:del w:id="2"><w:r><w:delText>删去的一项</w:delText></w:r></w:del></w:p>'
    )
    body = numbered("细则", 1, 2) + deleted + numbered("要点", 1, 2)
    assert texts(read(body, numbering=NUMBERING)) == ["1. 细则", "2. 要点"]


def test_the_first_pages_header_is_read_above_the_body() -> None:
    sect = (
        f'<w:sectPr xmlns:r="{REL[:-1]}"><w:headerReference w:type="default" r:id="rDefault"/>'
        '<w:headerReference w:type="first" r:id="rFirst"/><w:titlePg/></w:sectPr>'
    )
    first = f'<w:hdr xmlns:w="{W_NS}">' + paragraph_xml("某某市安全生产委员会文件") + paragraph_xml("某安委〔2024〕3号") + "</w:hdr>"
    default = f'<w:hdr xmlns:w="{W_NS}">' + paragraph_xml("内部资料") + "</w:hdr>"
    members: dict[str, bytes | str] = {
        "word/document.xml": document_xml(paragraph_xml("某某工作方案") + sect),
        "word/header1.xml": first,
        "word/header2.xml": default,
        "word/_rels/document.xml.rels": DOC_RELS_START
        + f'<Relationship Id="rFirst" Type="{REL}header" Target="header1.xml"/>'
        + f'<Relationship Id="rDefault" Type="{REL}header" Target="header2.xml"/></Relationships>',
    }
    document = DocxReader().read(docx_bytes(members), path="plan.docx")
    assert isinstance(document, Document)
    assert texts(document) == ["某某市安全生产委员会文件", "某安委〔2024〕3号", "某某工作方案"]


def test_a_heading_style_without_a_level_takes_the_level_its_list_links_to_it() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="H1"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="H2"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="heading {n}"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        for n, sid in ((1, "H1"), (2, "H2"))
    )
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr>{run(text)}</w:p>'
        for sid, text in (("H1", "总体要求"), ("H2", "加强领导"), ("H2", "压实责任"), ("H1", "重点任务"))
    )
    assert texts(read(body, styles=styles, numbering=numbering)) == ["一、总体要求", "（一）加强领导", "（二）压实责任", "二、重点任务"]


def test_a_list_style_link_takes_the_levels_of_the_list_it_names() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="5"><w:styleLink w:val="GongwenList"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="6"><w:numStyleLink w:val="GongwenList"/></w:abstractNum>'
        '<w:num w:numId="7"><w:abstractNumId w:val="6"/></w:num>'
    )
    assert texts(read(numbered("总体要求", 7, 0) + numbered("重点任务", 7, 0), numbering=numbering)) == [
        "一、总体要求", "二、重点任务"]  # fmt: skip


def test_python_docx_documents_read_back() -> None:
    word = docx.Document()
    word.add_heading("一、总体要求", level=1)
    word.add_paragraph("（一）加强领导。")
    grid = word.add_table(rows=3, cols=2)
    grid.cell(0, 0).text = "序号"
    grid.cell(0, 1).text = "任务"
    grid.cell(1, 0).merge(grid.cell(2, 0)).text = "1"
    grid.cell(1, 1).text = "甲"
    grid.cell(2, 1).text = "乙"
    buf = io.BytesIO()
    word.save(buf)
    document = DocxReader().read(buf.getvalue(), path="x.docx")
    assert isinstance(document, Document)
    assert texts(document) == ["一、总体要求", "（一）加强领导。"]
    assert document.blocks[0].style == "Heading 1"  # type: ignore[union-attr]
    table = only_table(document)
    assert [r.texts for r in table.rows] == [("序号", "任务"), ("1", "甲"), ("1", "乙")]
    assert table.rows[2].cells[0].merged


# -- package variants and errors ---------------------------------------------------


def test_strict_namespace_and_a_renamed_main_part() -> None:
    main = document_xml(paragraph_xml("一、严格")).replace(W_NS, W_STRICT)
    rels = PACKAGE_RELS.replace("word/document.xml", "/word/main2.xml")
    data = docx_bytes({"_rels/.rels": rels, "word/main2.xml": main})
    document = DocxReader().read(data, path="strict.docx")
    assert isinstance(document, Document)
    assert texts(document) == ["一、严格"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"plain text", "not a zip"),
        (docx_bytes({"word/document.xml": f'<w:document xmlns:w="{W_NS}"/>'}), "no document body"),
        (docx_bytes({"word/document.xml": "<doc/>"}), "not a WordprocessingML"),
        (docx_bytes({"word/document.xml": document_xml("<w:p/>")}), "no text"),
        (docx_bytes({"word/document.xml": "<w:document"}), "malformed XML"),
        (docx_bytes({"word/x.xml": "<x/>"}), "no word/document.xml"),
    ],
)
def test_broken_packages_are_clear_errors(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        DocxReader().read(data, path="bad.docx")


def test_sniff_recognises_zip_packages() -> None:
    reader = DocxReader()
    assert reader.sniff(docx_bytes({"word/document.xml": document_xml(paragraph_xml("x"))})[:64])
    assert not reader.sniff(b"\xef\xbb\xbf\xe4\xb8\x80")

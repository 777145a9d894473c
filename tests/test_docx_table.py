"""The task allocation table: landscape A4, one row per measure, GB/T fonts."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest
from wordplans import official_plan
from wordxml import NS, Docx, attr, q, text

import safetyplan
from safetyplan.errors import OutputError
from safetyplan.layouts.tasktable import HEADER
from safetyplan.model import Measure, Plan, Section
from safetyplan.registry import get_registry


@pytest.fixture(scope="module")
def table() -> Docx:
    stream = io.BytesIO()
    get_registry().writer_for("docx").obj.write(official_plan(), stream, {})
    return Docx(stream.getvalue())


def rows(docx: Docx) -> list[list[str]]:
    return [[text(tc) for tc in tr.findall("w:tc", NS)] for tr in docx.xpath("//w:tbl/w:tr")]


def test_table_is_the_default_docx_writer() -> None:
    writer = get_registry().writer_for("docx").obj
    assert (writer.format, writer.kind, writer.default) == ("docx", "table", True)


def test_every_kind_is_registered() -> None:
    kinds = {w.obj.kind for w in get_registry().writers if w.obj.format == "docx"}
    assert kinds == {"table", "document", "units", "template"}


def test_page_is_landscape_a4(table: Docx) -> None:
    size = table.xpath("/w:document/w:body/w:sectPr/w:pgSz")[0]
    assert (attr(size, "w"), attr(size, "h"), attr(size, "orient")) == ("16838", "11906", "landscape")


def test_title_line_and_metadata_line(table: Docx) -> None:
    title, meta = table.paragraphs()[:2]
    assert text(title) == f"《{official_plan().title}》重点任务分工表"
    assert (
        text(meta)
        == "发文机关：通化市安全生产委员会\u3000\u3000文号：通安委〔2022〕10号\u3000\u3000成文日期：2022年5月30日\u3000\u3000年度：2022年"
    )


def test_header_row_repeats_and_no_row_splits(table: Docx) -> None:
    trs = table.xpath("//w:tbl/w:tr")
    assert [text(tc) for tc in trs[0].findall("w:tc", NS)] == list(HEADER)
    assert trs[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(tr.find("w:trPr/w:tblHeader", NS) is None for tr in trs[1:])
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in trs)


def test_one_row_per_measure_grouped_under_section_rows(table: Docx) -> None:
    assert rows(table)[1:] == [
        ["一、总体要求"],
        ["（一）压实责任"],
        [
            "1",
            "强化党政领导示范履职。各级党委政府主要负责人要带头学习安全生产重要论述。",
            "市应急局",
            "市公安局、市住建局",
            "2022年6月底前",
        ],
        [
            "2",
            "落实部门监管责任，按照“三个必须”要求厘清职责。",
            "责任单位：各县（市、区）政府、市直有关部门",
            "长期坚持",
        ],
        ["（二）排查整治"],
        ["1.重点行业"],
        ["3", "开展重大事故隐患专项排查整治。", "市应急局责任单位：市消防救援支队", "", "9月30日前年底前"],
        ["二、保障措施"],
        ["4", "加强组织领导，定期研究安全生产工作。", "", "", ""],
        ["附件1\u3000重点任务分工表"],
        ["一、严格落实党委安全生产责任"],
        [
            "1",
            "各级党委把安全生产纳入党委常委会重要议事日程。",
            "责任单位：各级党（工）委",
            "2022年9月底前完成，并长期坚持",
        ],
    ]


def test_section_rows_span_the_table_and_responsible_units_span_both_unit_columns(table: Docx) -> None:
    trs = table.xpath("//w:tbl/w:tr")
    assert attr(trs[1].find("w:tc/w:tcPr/w:gridSpan", NS), "val") == "5"
    responsible = trs[4].findall("w:tc", NS)[2]
    assert attr(responsible.find("w:tcPr/w:gridSpan", NS), "val") == "2"


def test_several_values_in_a_cell_are_separate_paragraphs(table: Docx) -> None:
    tr = table.xpath("//w:tbl/w:tr")[7]
    units, _, deadlines = tr.findall("w:tc", NS)[2:]
    assert [text(p) for p in units.findall("w:p", NS)] == ["市应急局", "责任单位：市消防救援支队"]
    assert [text(p) for p in deadlines.findall("w:p", NS)] == ["9月30日前", "年底前"]


def test_fonts_are_gbt9704(table: Docx) -> None:
    header_cell = table.xpath("//w:tbl/w:tr[1]/w:tc[1]/w:p")[0]
    body_cell = table.xpath("//w:tbl/w:tr[4]/w:tc[2]/w:p")[0]
    title = table.paragraphs()[0]
    assert table.effective(header_cell).font == "黑体"
    assert table.effective(body_cell).font == "仿宋_GB2312"
    assert table.effective(title) == attrs.evolve(table.effective(title), font="方正小标宋简体", size=44)
    fonts = table.styles["TableText"].find("w:rPr/w:rFonts", NS)
    assert fonts.get(q("eastAsia")) == "仿宋_GB2312"


def test_type_area_is_the_gbt9704_one_turned(table: Docx) -> None:
    margins = table.xpath("/w:document/w:body/w:sectPr/w:pgMar")[0]
    sides = {side: int(attr(margins, side) or 0) for side in ("top", "bottom", "left", "right")}
    assert sides == {"top": 1587, "bottom": 1474, "left": 2098, "right": 1984}  # 28, 26, 37, 35 mm


def test_columns_fill_the_type_area(table: Docx) -> None:
    widths = [int(attr(c, "w") or 0) for c in table.xpath("//w:tbl/w:tblGrid/w:gridCol")]
    assert len(widths) == 5
    assert 12756 - 5 <= sum(widths) <= 12756  # 225 mm


def test_same_plan_gives_same_bytes(tmp_path: Path) -> None:
    a = safetyplan.dump(official_plan(), tmp_path / "a.docx")
    b = safetyplan.dump(official_plan(), tmp_path / "b.docx")
    assert a.read_bytes() == b.read_bytes()


def test_python_docx_opens_it(tmp_path: Path) -> None:
    import docx

    path = safetyplan.dump(official_plan(), tmp_path / "t.docx")
    document = docx.Document(str(path))
    assert document.tables[0].rows[0].cells[1].text == "重点任务"
    assert document.core_properties.title == official_plan().title


def test_measure_without_number_shows_its_label(tmp_path: Path) -> None:
    plan = Plan(title="t", sections=(Section("一、", "s", children=(Measure("（甲）", None, "内容"),)),))
    doc = Docx(safetyplan.dump(plan, tmp_path / "t.docx"))
    assert rows(doc)[2][:2] == ["（甲）", "内容"]


def test_a_character_word_cannot_hold_is_a_clear_error(tmp_path: Path) -> None:
    plan = attrs.evolve(official_plan(), issuer="通化\x01市")
    target = tmp_path / "bad.docx"
    with pytest.raises(OutputError, match=r"plan\.issuer holds U\+0001"):
        safetyplan.dump(plan, target)
    assert not target.exists()


def test_empty_plan_writes_a_header_only_table(tmp_path: Path) -> None:
    doc = Docx(safetyplan.dump(Plan(title=""), tmp_path / "t.docx"))
    assert text(doc.paragraphs()[0]) == "重点任务分工表"
    assert rows(doc) == [list(HEADER)]

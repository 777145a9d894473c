"""The plan as a GB/T 9704-2012 official document, checked in the .docx XML."""

from __future__ import annotations

import io

import attrs
import pytest
from lxml import etree
from wordplans import official_plan
from wordxml import NS, Docx, attr, q, text

from safetyplan.model import Attachment, Plan
from safetyplan.registry import get_registry


def write(plan: Plan) -> Docx:
    stream = io.BytesIO()
    get_registry().writer_for("docx", "document").obj.write(plan, stream, {})
    return Docx(stream.getvalue())


@pytest.fixture(scope="module")
def doc() -> Docx:
    return write(official_plan())


def sections(doc: Docx) -> list[etree._Element]:
    return doc.xpath("//w:sectPr")


def test_a4_with_the_gbt9704_margins(doc: Docx) -> None:
    first = sections(doc)[0]
    size, margins = first.find("w:pgSz", NS), first.find("w:pgMar", NS)
    assert (attr(size, "w"), attr(size, "h"), attr(size, "orient")) == ("11906", "16838", None)
    # top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, in twips
    assert [attr(margins, s) for s in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]


def test_body_is_sanhao_fangsong_on_a_fixed_28pt_pitch_indented_two_characters(doc: Docx) -> None:
    p = doc.paragraph("为深入贯彻落实")
    assert doc.effective(p) == attrs.evolve(doc.effective(p), font="仿宋_GB2312", size=32, bold=False)
    spacing = doc.paragraph_property(p, "spacing")
    assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("560", "exact")
    ind = doc.paragraph_property(p, "ind")
    assert (attr(ind, "firstLineChars"), attr(ind, "firstLine")) == ("200", "640")


def test_title_is_erhao_xiaobiaosong_centred(doc: Docx) -> None:
    title = doc.paragraph(official_plan().title)
    assert doc.effective(title).font == "方正小标宋简体"
    assert doc.effective(title).size == 44
    assert attr(doc.paragraph_property(title, "jc"), "val") == "center"


@pytest.mark.parametrize(
    ("heading", "font", "bold"),
    [("一、总体要求", "黑体", False), ("（一）压实责任", "楷体_GB2312", False), ("1.重点行业", "仿宋_GB2312", True)],
)
def test_headings_by_level(doc: Docx, heading: str, font: str, bold: bool) -> None:
    p = doc.paragraph(heading)
    look = doc.effective(p)
    assert (look.font, look.size, look.bold) == (font, 32, bold)
    assert doc.style_of(p) in {"Heading1", "Heading2", "Heading3"}


def test_measure_label_and_headline_take_the_heading_font_inside_a_body_paragraph(doc: Docx) -> None:
    p = doc.paragraph("1.强化党政领导示范履职。")
    label, rest = p.findall("w:r", NS)[:2]
    assert text(label) == "1.强化党政领导示范履职。"
    assert doc.effective(p, label).bold is True
    assert doc.effective(p, rest) == attrs.evolve(doc.effective(p, rest), font="仿宋_GB2312", bold=False)
    assert text(rest).startswith("各级党委政府主要负责人")


def test_units_and_deadlines_the_text_does_not_say_follow_it(doc: Docx) -> None:
    p = doc.paragraph("1.强化党政领导示范履职。")
    assert text(p).endswith("（牵头单位：市应急局；配合单位：市公安局、市住建局；完成时限：2022年6月底前）")


def test_letterhead_recipients_signature_and_date(doc: Docx) -> None:
    texts = [text(p) for p in doc.paragraphs()]
    assert texts[0] == "通化市安全生产委员会文件"
    mark = doc.paragraphs()[0]
    assert attr(mark.find("w:r/w:rPr/w:sz", NS), "val") is not None
    assert doc.effective(mark).font == "方正小标宋简体"
    number = doc.paragraph("通安委〔2022〕10号")
    assert attr(number.find("w:pPr/w:pBdr/w:bottom", NS), "color") == "FF0000"
    recipients = doc.paragraph("各县（市、区）安委会")
    assert text(recipients) == "各县（市、区）安委会，市安委会各成员单位："
    signature = [p for p in doc.paragraphs() if doc.style_of(p) == "Signature"]
    date = doc.paragraph("2022年5月30日")
    assert [text(p) for p in signature] == ["通化市安全生产委员会"]
    assert doc.style_of(date) == "IssueDate"
    assert attr(doc.paragraph_property(date, "jc"), "val") == "right"
    # the date four characters in from the right, the issuer centred over it
    assert attr(doc.paragraph_property(date, "ind"), "right") == str(4 * 320)
    assert attr(doc.paragraph_property(signature[0], "ind"), "right") == str(round(2.25 * 320))
    assert texts.index("附件：重点任务分工表") < texts.index("通化市安全生产委员会") < texts.index("2022年5月30日")


def test_attachment_on_landscape_pages_with_a_real_task_table(doc: Docx) -> None:
    label = doc.paragraph("附件1")
    assert doc.effective(label).font == "黑体"
    landscape = [s for s in sections(doc) if attr(s.find("w:pgSz", NS), "orient") == "landscape"]
    assert len(landscape) == 1
    tables = doc.xpath("/w:document/w:body/w:tbl")
    task = next(t for t in tables if t.find("w:tblPr/w:tblpPr", NS) is None)
    header = [text(tc) for tc in task.find("w:tr", NS).findall("w:tc", NS)]
    assert header == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert "各级党委把安全生产纳入党委常委会重要议事日程。" in [text(tc) for tc in task.iter(q("tc"))]


def test_colophon_cc_and_printed_lines_between_rules(doc: Docx) -> None:
    colophon = next(t for t in doc.xpath("/w:document/w:body/w:tbl") if t.find("w:tblPr/w:tblpPr", NS) is not None)
    assert attr(colophon.find("w:tblPr/w:tblpPr", NS), "tblpYSpec") == "bottom"
    cc, printed = colophon.findall("w:tr", NS)
    assert text(cc) == "抄送：市委办公室，市政府办公室。"
    assert text(printed) == "通化市安全生产委员会办公室2022年5月31日印发"
    assert printed.find(".//w:r/w:tab", NS) is not None
    top = cc.find("w:tc/w:tcPr/w:tcBorders/w:top", NS)
    bottom = printed.find("w:tc/w:tcPr/w:tcBorders/w:bottom", NS)
    assert attr(top, "val") == attr(bottom, "val") == "single"
    p = cc.find(".//w:p", NS)
    assert doc.effective(p).size == 28  # 四号


def test_page_numbers_alternate_outside(doc: Docx) -> None:
    settings = doc.part("word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    rels = doc.part("word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {
        attr(r, "type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for r in sections(doc)[-1].findall("w:footerReference", NS)
    }
    odd, even = doc.part("word/" + targets[refs["default"]]), doc.part("word/" + targets[refs["even"]])
    for footer, side in ((odd, "right"), (even, "left")):
        p = footer.find("w:p", NS)
        assert text(p) == "— 1 —"
        assert "PAGE" in "".join(i.text for i in p.iter(q("instrText")))
        assert attr(p.find("w:pPr/w:jc", NS), "val") == side
    assert all(len(s.findall("w:footerReference", NS)) == 2 for s in sections(doc))


def test_plan_without_letterhead_data_or_colophon(doc: Docx) -> None:
    bare = write(Plan(title="某县安全生产工作要点"))
    assert next(text(p) for p in bare.paragraphs()) == "某县安全生产工作要点"
    assert bare.xpath("/w:document/w:body/w:tbl") == []
    assert len(sections(bare)) == 1


def test_text_attachment_starts_a_new_portrait_page() -> None:
    plan = attrs.evolve(
        official_plan(),
        attachments=(Attachment("附件", "周报表", text=("填报单位：    填报日期：",)),),
    )
    doc = write(plan)
    (label,) = [p for p in doc.paragraphs() if doc.style_of(p) == "AttachmentLabel"]
    assert text(label) == "附件"
    assert label.find("w:pPr/w:pageBreakBefore", NS) is not None
    assert all(attr(s.find("w:pgSz", NS), "orient") is None for s in sections(doc))
    assert "附件：周报表" in [text(p) for p in doc.paragraphs()]

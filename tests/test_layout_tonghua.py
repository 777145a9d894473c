"""The tonghua layout: an 实施办法 under a 文号, with its task table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from layout_corpus import body_measures, corpus_document, corpus_path, corpus_plan

import safetyplan
from safetyplan.layouts.accounting import unaccounted
from safetyplan.testing import LayoutConformance


class TestTonghuaConformance(LayoutConformance):
    layout = "tonghua"
    samples = "../../shared/corpus/tonghua.txt"
    gold = "../../shared/corpus/gold"


class TestTonghuaFamilyConformance(LayoutConformance):
    """Plans of the same family in other words and other combinations of its
    notations, each with a gold file written from GOLD.md."""

    layout = "tonghua"
    samples = "data/tonghua/*.txt"
    gold = "data/tonghua"


def test_metadata_from_the_letterhead_number_and_signature() -> None:
    plan = corpus_plan("tonghua")
    assert plan.title == "通化市安全生产委员会关于进一步强化安全生产责任落实坚决防范遏制重特大事故的实施办法"
    assert plan.issuer == "通化市安全生产委员会"
    assert plan.doc_number == "通安委〔2022〕10号"
    assert plan.issue_date == dt.date(2022, 5, 30)
    assert plan.recipients[:3] == ("各县（市、区）安委会", "通化医药高新区管委会", "吉林通化国际内陆港务区管委会")
    assert plan.preamble[0].startswith("为深入贯彻落实习近平总书记")
    assert plan.preamble[0].endswith("特制定本实施办法。")  # broken after ``，`` and joined


def test_articles_one_to_forty_three_under_fifteen_parts() -> None:
    plan = corpus_plan("tonghua")
    measures = body_measures(plan)
    assert [m.number for m in measures] == list(range(1, 44))
    assert len(plan.sections) == 15
    article = measures[22]
    assert article.label == "（二十三）"
    assert article.title == "强化劳务派遣人员、灵活用工人员安全教育培训"  # broken inside the headline
    assert article.section_path == ("九、切实加强劳务派遣和灵活用工人员安全管理",)


def test_the_closing_paragraph_is_text_with_reporting_requirements() -> None:
    plan = corpus_plan("tonghua")
    assert plan.sections[-1].text[0].startswith("各地、各部门、各单位要高度重视")
    closing = [r for r in plan.reporting if r.due and r.due.due and r.due.due >= dt.date(2022, 6, 10)]
    assert [(r.what, r.to, r.due.due if r.due else None) for r in closing][-3:] == [
        ("制定的具体实施方案", "市安委会办公室", dt.date(2022, 6, 10)),
        ("阶段性工作开展情况", "市安委会办公室", dt.date(2022, 6, 28)),
        ("工作总结", "市安委会办公室", dt.date(2022, 9, 28)),
    ]


def test_the_task_table_is_the_attachment() -> None:
    plan = corpus_plan("tonghua")
    (attachment,) = plan.attachments
    assert attachment.label == "附件"
    assert attachment.title.endswith("重点任务分工表")
    tasks = [m for m in plan.measures() if m.part == "attachment"]
    assert tasks and all(m.section_path for m in tasks)


@pytest.mark.parametrize("region", ["tonghua", "tongzhou"])
def test_the_layout_answers_to_its_alias(region: str) -> None:
    assert safetyplan.load(corpus_path("tonghua"), region=region).region == "tonghua"


def test_every_character_is_held_by_the_plan() -> None:
    document = corpus_document("tonghua")
    assert unaccounted(document, safetyplan.parse(document)) == []


def test_a_rendering_that_lost_the_table_is_still_known_by_the_tables_title(tmp_path: Path) -> None:
    """Text from a PDF prints a table's cells as lines: the 分工表 title is
    what remains of it."""
    source = Path(__file__).parent / "data" / "tonghua" / "meta-liuxi-2025-opinions.txt"  # seven articles only
    text = source.read_text(encoding="utf-8")
    flat = "\n".join(cell for line in text.split("\n") for cell in line.split("\t") if cell.strip())
    path = tmp_path / "tonghua.txt"
    path.write_text(flat, encoding="utf-8")
    scores = safetyplan.detect(safetyplan.read_document(path))
    assert next(iter(scores)) == "tonghua"
    assert scores["tonghua"] >= 0.5


def test_a_page_linking_the_task_table_names_it_by_its_file() -> None:
    from safetyplan.layouts.notation import read_notation
    from safetyplan.readers.text import text_to_blocks

    text = "附件：柳溪区2025年安全生产重点工作任务分工表.docx\n一、任务\n（一）加强领导。各级要抓好落实。\n"
    document = safetyplan.Document(tuple(text_to_blocks(text)))
    assert read_notation(document).task_table_named

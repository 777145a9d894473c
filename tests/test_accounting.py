"""The check that nothing is silently dropped."""

from __future__ import annotations

import attrs
from layout_corpus import corpus_document

import safetyplan
from safetyplan.document import Cell, Document, Paragraph, Row, Table
from safetyplan.layouts.accounting import model_strings, unaccounted
from safetyplan.model import Measure, Note, Plan, Section


def test_a_dropped_measure_or_note_is_reported() -> None:
    document = corpus_document("changzhou")
    (plan,) = safetyplan.parse(document)
    assert unaccounted(document, [plan]) == []
    first = plan.sections[1].children[0]
    assert isinstance(first, Section)
    shorter = attrs.evolve(first, children=first.children[1:])
    cut = attrs.evolve(
        plan,
        sections=(
            plan.sections[0],
            attrs.evolve(plan.sections[1], children=(shorter, *plan.sections[1].children[1:])),
            *plan.sections[2:],
        ),
    )
    missing = unaccounted(document, [cut])
    assert "1．压紧" in missing  # phrases the other measures share still count as held
    silent = attrs.evolve(plan, notes=tuple(n for n in plan.notes if n.kind != "furniture"))
    assert unaccounted(document, [silent]) == ["（此件公开发布）"]


def test_labels_list_separators_and_markup_are_not_text() -> None:
    document = Document(
        (
            Paragraph("## 一、**任务**", 1),
            Paragraph("---", 2),
            Paragraph("1.加强领导，抓好落实。", 3),
            Table((Row((Cell(("公安、商务等部门",)),), 4),), 4),
        )
    )
    measure = Measure("1.", 1, "加强领导，抓好落实。")
    plan = Plan("", sections=(Section("一、", "任务", children=(measure,)),), notes=(Note("公安"), Note("商务")))
    assert unaccounted(document, [plan]) == ["公安、商务等部门"]  # 部门 is held nowhere


def test_model_strings_walks_every_field() -> None:
    plan = Plan("标题", notes=(Note("注", "letter"),))
    strings = list(model_strings(plan))
    assert "标题" in strings and "注" in strings and "letter" in strings

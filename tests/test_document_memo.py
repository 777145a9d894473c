"""Readings shared by the layouts of one document, and never carried over to
another: what ``Document.measure`` and ``per_document`` promise."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import attrs

import safetyplan
from safetyplan.api import choose_layout
from safetyplan.document import Document, Paragraph, per_document, reading
from safetyplan.layouts import units

CALLS: list[str] = []


@per_document
def _count_chars(text: str, *, upper: bool = False) -> int:
    CALLS.append(text)
    return len(text.upper() if upper else text)


def len_of_blocks(document: Document) -> int:
    return len(document.blocks)


def _document(text: str) -> Document:
    return Document((Paragraph(text, 1),))


def test_a_reading_runs_once_per_document_and_arguments() -> None:
    CALLS.clear()
    with reading(_document("x")):
        assert [_count_chars("甲乙"), _count_chars("甲乙"), _count_chars("甲乙", upper=True)] == [2, 2, 2]
    assert CALLS == ["甲乙", "甲乙"]


def test_an_equal_document_read_again_starts_afresh() -> None:
    CALLS.clear()
    first = _document("同一份文件")
    with reading(first):
        _count_chars("丙")
    again = attrs.evolve(first)
    assert again == first
    with reading(again):
        _count_chars("丙")
    assert CALLS == ["丙", "丙"]


def test_outside_a_reading_nothing_is_kept() -> None:
    CALLS.clear()
    _count_chars("丁")
    _count_chars("丁")
    assert CALLS == ["丁", "丁"]


def test_measure_computes_once_for_its_document_only() -> None:
    seen: list[Document] = []

    def analysis(document: Document) -> int:
        seen.append(document)
        return len(document.blocks)

    document = _document("戊")
    assert document.measure(analysis) == document.measure(analysis) == 1
    assert attrs.evolve(document).measure(analysis) == 1
    assert len(seen) == 2


def test_callers_cannot_change_what_the_next_caller_gets() -> None:
    text = "加强检查（责任单位：区应急管理局、住建局）"
    with reading(_document(text)):
        first = units.find_unit_lists(text)
        first.clear()
        listed = units.parse_units("区应急管理局、住建局")
        listed.append(listed[0])
        assert len(units.find_unit_lists(text)) == 1
        assert len(units.parse_units("区应急管理局、住建局")) == 2


def test_a_plan_reads_the_same_with_and_without_shared_readings() -> None:
    path = Path(__file__).parents[1] / "examples" / "plans" / "shuangqiao.txt"
    document = safetyplan.read_document(path)
    assert isinstance(document, Document)
    plans = safetyplan.parse(document)
    layout = choose_layout(document)
    alone = layout.obj.parse(attrs.evolve(document))
    assert [m.assignments for m in plans[0].measures()] == [m.assignments for m in alone[0].measures()]


def test_a_pickled_or_copied_document_leaves_its_readings_behind() -> None:
    document = _document("己")
    assert document.measure(lambda d: object()) is not None  # a reading no pickle can hold
    for again in (pickle.loads(pickle.dumps(document)), copy.copy(document), copy.deepcopy(document)):
        assert again == document
        assert again.measure(len_of_blocks) == 1

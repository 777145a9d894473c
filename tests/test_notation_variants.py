"""The same plans typed with the other widths and spellings of the notation.

Plans in one notation are typed by many hands: ``(一)`` for ``（一）``,
``1、`` or ``1．`` for ``1.``, ``：`` or ``:`` after ``（责任单位``,
full-width digits in dates (``２０２２年６月底前``), spaces inside and after
labels.  Each variant of a corpus document must import to the same measures,
units and deadlines: it is scored against the document's gold files, whose
labels and section headings are rewritten by the same rule where the variant
changes the label's text (scores compare text NFKC-normalised without
whitespace, so width and spacing need no rewriting).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import safetyplan
from safetyplan.layouts.accounting import unaccounted
from safetyplan.testing.gold import load_gold, score_plan

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DOCUMENTS = ("xinjian", "tonghua", "shuangqiao", "changzhou", "citywork-3")

_LEAD = r"(?P<lead>^[ \t\u3000]{0,8}(?:#{1,6}[ \t]{0,3})?(?:\*\*)?)"
_CN = "一二三四五六七八九十"
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_NOT_DECIMAL = r"(?!(?!\d{4}年)\d)"
"""After a label's mark: no digit, unless it opens a year (``25.2022年8月底前…``),
so ``5.12`` stays a number while ``25.2022年`` is item 25."""
_UNIT_KEY = r"(?P<open>[（(])(?P<key>责任单位|责任部门|牵头单位|牵头部门|配合单位)(?P<colon>[：:])"


def _arabic_labels(stop: str) -> Callable[[str], str]:
    pattern = re.compile(_LEAD + r"(?P<n>\d{1,2})[.．、]" + _NOT_DECIMAL, re.MULTILINE)
    return lambda text: pattern.sub(lambda m: f"{m['lead']}{m['n']}{stop}", text)


def _paren_labels(opening: str, closing: str) -> Callable[[str], str]:
    pattern = re.compile(_LEAD + rf"[（(](?P<n>[{_CN}]{{1,3}})[）)]", re.MULTILINE)
    return lambda text: pattern.sub(lambda m: f"{m['lead']}{opening}{m['n']}{closing}", text)


def _unit_colon(text: str) -> str:
    """Swap the width of the colon after a unit key, and of its bracket."""

    def swap(m: re.Match[str]) -> str:
        wide = m["colon"] == "："
        return ("(" if wide else "（") + m["key"] + (":" if wide else "：")

    return re.sub(_UNIT_KEY, swap, text)


def _full_width_dates(text: str) -> str:
    return re.sub(
        r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日", lambda m: m[0].translate(_FULL_WIDTH_DIGITS), text
    )


_SPACED_PAREN = re.compile(_LEAD + rf"(?P<open>[（(])(?P<n>[{_CN}]{{1,3}}|\d{{1,2}})(?P<close>[）)])", re.MULTILINE)
_SPACED_STOP = re.compile(_LEAD + rf"(?P<n>[{_CN}]{{1,3}}|\d{{1,2}})(?P<stop>[、.．])" + _NOT_DECIMAL, re.MULTILINE)


def _spaced_labels(text: str) -> str:
    """Spaces inside a bracketed label and after every label, as a typist
    padding the numbering leaves them: ``（ 一 ） 强化…``, ``1. 加强…``."""
    text = _SPACED_PAREN.sub(lambda m: f"{m['lead']}{m['open']} {m['n']} {m['close']} ", text)
    return _SPACED_STOP.sub(lambda m: f"{m['lead']}{m['n']}{m['stop']} ", text)


VARIANTS: dict[str, Callable[[str], str]] = {
    "half-width-parens": _paren_labels("(", ")"),
    "full-width-parens": _paren_labels("（", "）"),
    "arabic-dunhao": _arabic_labels("、"),
    "arabic-full-width-stop": _arabic_labels("．"),
    "arabic-full-stop": _arabic_labels("."),
    "unit-colon-width": _unit_colon,
    "full-width-date-digits": _full_width_dates,
    "spaced-labels": _spaced_labels,
}


def _gold_files(name: str) -> list[Path]:
    files = sorted((CORPUS / "gold").glob(f"{name}.txt.*.gold.json"), key=lambda p: int(p.name.split(".")[-3]))
    if not files:
        pytest.fail(f"no gold for corpus document {name}")
    return files


def _rewritten(gold: dict[str, Any], variant: Callable[[str], str]) -> dict[str, Any]:
    """``gold`` with each measure's label and section headings typed as the
    variant types them."""
    measures = [
        {**m, "label": variant(m["label"]), "section": [variant(s) for s in m["section"]]} for m in gold["measures"]
    ]
    return {**gold, "measures": measures}


CASES = [pytest.param(name, variant) for name in DOCUMENTS for variant in VARIANTS]


@pytest.mark.parametrize(("name", "variant"), CASES)
def test_variant_imports_the_same_measures(name: str, variant: str, tmp_path: Path) -> None:
    original = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    typed = VARIANTS[variant](original)
    if typed == original:
        pytest.skip(f"{name} has nothing {variant} retypes")
    path = tmp_path / f"{name}.txt"
    path.write_text(typed, encoding="utf-8")
    document = safetyplan.read_document(path)
    assert isinstance(document, safetyplan.Document)
    plans = safetyplan.parse(document)
    region = name.split("-")[0]
    assert {p.region for p in plans} == {region}, f"{name} {variant}: detected as {plans[0].region}"
    for index, gold_path in enumerate(_gold_files(name)):
        assert index < len(plans), f"{name} {variant}: only {len(plans)} plans"
        result = score_plan(_rewritten(load_gold(gold_path), VARIANTS[variant]), plans[index])
        low = {k: v for k, v in result.scores.items() if v < 1.0}
        assert low == {}, f"{gold_path.name} {variant}: {low} {result.misses[:5]}"
    assert len(plans) == len(safetyplan.load_all(CORPUS / f"{name}.txt"))
    assert unaccounted(document, plans) == []


def test_the_variants_rewrite_the_labels_they_name() -> None:
    assert VARIANTS["half-width-parens"]("**（一）强化责任**") == "**(一)强化责任**"
    assert VARIANTS["arabic-dunhao"]("### 12．加强") == "### 12、加强"
    assert VARIANTS["arabic-full-stop"]("2.5亿元") == "2.5亿元"
    assert (
        VARIANTS["unit-colon-width"]("（责任单位：区应急局）(牵头单位:区住建局)")
        == "(责任单位:区应急局）（牵头单位：区住建局)"
    )
    assert VARIANTS["full-width-date-digits"]("2022年6月底前，7月5日") == "２０２２年６月底前，７月５日"
    assert VARIANTS["spaced-labels"]("（一）强化\n1.加强") == "（ 一 ） 强化\n1. 加强"

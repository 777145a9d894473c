"""Every Word writer on every corpus plan, and the corpus task tables read back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

import safetyplan
from safetyplan.model import Plan, Role

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TEMPLATES = Path(__file__).resolve().parents[1] / "examples" / "templates"


def corpus_plans() -> list[tuple[str, int]]:
    return [(path.name, i) for path in sorted(CORPUS.glob("*.txt")) for i in range(_count(path))]


def _count(path: Path) -> int:
    return len(list((CORPUS / "gold").glob(f"{path.name}.*.gold.json"))) or 1


_loaded: dict[str, list[Plan]] = {}


def plan_of(name: str, index: int) -> Plan:
    if not CORPUS.exists():
        pytest.fail(f"corpus missing: {CORPUS}")
    if name not in _loaded:
        _loaded[name] = safetyplan.load_all(CORPUS / name)
    return _loaded[name][index]


@pytest.mark.parametrize(("name", "index"), corpus_plans(), ids=lambda v: str(v))
@pytest.mark.parametrize("kind", ["table", "document", "units", "template"])
def test_every_writer_runs_on_every_corpus_plan(name: str, index: int, kind: str, tmp_path: Path) -> None:
    plan = plan_of(name, index)
    options = {"template": TEMPLATES / "task-table.docx"} if kind == "template" else {}
    out = safetyplan.dump(plan, tmp_path / "out.docx", kind=kind, **options)
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
    document = docx.Document(str(out))
    assert document.paragraphs or document.tables


@pytest.mark.parametrize(("name", "index"), corpus_plans(), ids=lambda v: str(v))
def test_corpus_task_table_reads_back(name: str, index: int, tmp_path: Path) -> None:
    plan = plan_of(name, index)
    again = safetyplan.load(safetyplan.dump(plan, tmp_path / "table.docx"))
    before, after = list(plan.measures()), list(again.measures())
    assert [(m.number, m.text, m.part, m.section_path) for m in after] == [
        (m.number, m.text, m.part, m.section_path) for m in before
    ]
    for a, b in zip(before, after, strict=True):
        for role in Role:
            assert [x.name for x in b.assignments if x.role is role] == [
                x.name for x in a.assignments if x.role is role
            ]
        assert [(d.text, d.due, d.ongoing) for d in b.deadlines] == [(d.text, d.due, d.ongoing) for d in a.deadlines]
    assert again.title == plan.title
    assert again.year == plan.year

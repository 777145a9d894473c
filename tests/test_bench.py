"""The benchmark harness runs and reports; no timing is asserted here.

Speed is judged by ``python -m bench`` itself (docs/performance.md); these
tests only check that the harness works: its inputs, its table and that a
quick run completes and writes its report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from safetyplan.model import Assignment, Deadline, Measure, Plan, Role, Section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench/ is a folder of the repository, not part of the package

from bench.commands import pandoc_binary  # noqa: E402
from bench.inputs import chinese_number, synthetic_plan  # noqa: E402
from bench.library import table_cells  # noqa: E402
from bench.measure import Row, ratio_row  # noqa: E402
from bench.report import markdown, summary, table_text  # noqa: E402


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (100, "一百"), (105, "一百零五")]
)
def test_chinese_number(n: int, text: str) -> None:
    assert chinese_number(n) == text


def test_synthetic_plan_has_the_measures_asked_for() -> None:
    text = synthetic_plan(1000)
    measures = [line for line in text.splitlines() if "．" in line[:5]]
    assert len(measures) == 1000
    assert all("（责任单位：" in line for line in measures)
    assert text.count("（二十）") == 1 and "（二十一）" not in text
    assert synthetic_plan(1000) == text  # deterministic


def test_table_cells_mirror_the_task_table() -> None:
    measure = Measure(
        "1.",
        1,
        "排查隐患",
        title="压实责任。",
        section_path=("一、任务",),
        assignments=(Assignment("区应急局", Role.LEAD), Assignment("区公安局", Role.SUPPORT)),
        deadlines=(Deadline("6月底前"),),
    )
    plan = Plan("计划", sections=(Section("一、", "任务", children=(measure,)),))
    assert table_cells(plan) == [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["一、任务", "", "", "", ""],
        ["1.", "压实责任。排查隐患", "区应急局", "区公安局", "6月底前"],
    ]


def test_report_marks_misses_and_skips() -> None:
    rows = [
        ratio_row("1 import", "a.txt", 0.004, 0.001, limit=10),
        ratio_row("2 docx table", "a.txt", 0.02, 0.01, limit=1),
        Row("7 peer", "pandoc text → docx", "", "", "", "—", None, "pandoc is not installed"),
    ]
    assert [r.result for r in rows] == ["pass", "MISS", "skipped"]
    assert summary(rows) == "1 of 2 targets met; 1 not measured"
    text = table_text(rows)
    assert "4.00×" in text and "2.00×" in text
    page = markdown(rows, command="python -m bench")
    assert "| 2 docx table | a.txt | 20.0 ms | 10.0 ms | 2.00× | ≤ 1× | MISS |" in page
    assert "## Where to look" in page and "py-spy" in page


def test_pandoc_on_the_path_comes_before_the_bundled_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pandoc = tmp_path / "pandoc"
    pandoc.write_text("#!/bin/sh\n")
    pandoc.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pandoc_binary() == str(pandoc)


def test_no_pandoc_anywhere_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setitem(sys.modules, "pypandoc", None)  # import fails as if not installed
    assert pandoc_binary() is None


def test_quick_run_writes_its_report(tmp_path: Path) -> None:
    report = tmp_path / "performance.md"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "startup", "--output", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "5 start-up" in done.stdout
    assert report.read_text(encoding="utf-8").startswith("# Performance")

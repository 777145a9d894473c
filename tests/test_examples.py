"""The example scripts in ``examples/`` run as a user runs them.

Each script is started as a subprocess on the bundled plans, and what it
prints is checked against what the library itself says about the same plan,
so the scripts cannot quietly go wrong while the library changes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import safetyplan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PLANS = EXAMPLES / "plans"
TEMPLATES = EXAMPLES / "templates"


def run(script: str, *args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


# -- query_plan.py -------------------------------------------------------------


def test_query_plan_lists_what_falls_due_and_what_a_unit_owns() -> None:
    plan = safetyplan.load(PLANS / "tonghua.txt")
    result = run("query_plan.py", PLANS / "tonghua.txt", "2022-09", "各级消防救援机构")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == plan.title

    due = lines[lines.index("Due in 2022-09:") + 1 : lines.index("各级消防救援机构:") - 1]
    expected_due = {
        (m.part.value, m.label)
        for m in plan.measures()
        for d in m.deadlines
        if d.due is not None and (d.due.year, d.due.month) == (2022, 9)
    }
    assert expected_due, "the sample should have deadlines in September 2022"
    assert len(due) == len(expected_due)
    assert all(line.startswith("  2022-09-") for line in due)
    assert {tuple(line.split()[1:3]) for line in due} == expected_due

    owned = lines[lines.index("各级消防救援机构:") + 1 :]
    expected_owned = {
        (a.role.value, f"{m.part.value} {m.label}")
        for m in plan.measures()
        for a in m.assignments
        if a.name == "各级消防救援机构"
    }
    printed = {
        (role, item)
        for line in owned
        for role, _, items in [line.strip().partition(": ")]
        for item in items.split(", ")
    }
    assert printed == expected_owned


def test_query_plan_finds_a_unit_by_its_full_name_where_the_list_abbreviates_it() -> None:
    plan = safetyplan.load(PLANS / "tonghua.txt")
    abbreviated = [(m, a) for m in plan.measures() for a in m.assignments if a.canonical and a.canonical != a.unit]
    assert abbreviated, "the sample should hold a unit list that abbreviates a name"
    measure, assignment = abbreviated[0]
    result = run("query_plan.py", PLANS / "tonghua.txt", "2022-09", assignment.canonical)
    assert result.returncode == 0, result.stderr
    assert f"{measure.part.value} {measure.label}" in result.stdout.split(f"{assignment.canonical}:")[1]


def test_query_plan_answers_for_each_plan_of_a_file_holding_several() -> None:
    plans = safetyplan.load_all(PLANS / "citywork-3.txt")
    result = run("query_plan.py", PLANS / "citywork-3.txt", "2024-06", "市应急局")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line in {p.title for p in plans}] == [p.title for p in plans]
    nothing_due = [
        not any(d.due and (d.due.year, d.due.month) == (2024, 6) for m in p.measures() for d in m.deadlines)
        for p in plans
    ]
    assert lines.count("  nothing") == sum(nothing_due)  # a plan with nothing due that month says so


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("plans/tonghua.txt", "2022-13", "x"), 2, "not a month: '2022-13'"),
        (("plans/nothere.txt", "2022-09", "x"), 1, "file not found"),
    ],
)
def test_query_plan_reports_bad_input_in_one_line(args: tuple[str, ...], code: int, message: str) -> None:
    result = run("query_plan.py", *args, cwd=EXAMPLES)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# -- convert_folder.py ---------------------------------------------------------


def test_convert_folder_writes_three_word_files_per_plan_and_skips_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("xinjian.txt", "citywork-3.txt"):
        shutil.copy(PLANS / name, folder / name)
    (folder / "notes.txt").write_text("买菜\n", encoding="utf-8")
    (folder / "~$xinjian.docx").write_bytes(b"a lock file Word leaves beside an open document")
    out = tmp_path / "out"

    result = run("convert_folder.py", folder, out)

    assert result.returncode == 1  # notes.txt is no plan
    assert "skipped: " in result.stderr and "notes.txt" in result.stderr
    assert "~$" not in result.stderr
    stems = ["citywork-3.1", "citywork-3.2", "citywork-3.3", "xinjian"]
    expected = sorted(f"{stem}-{word}.docx" for stem in stems for word in ("任务分工表", "正文", "责任清单"))
    assert sorted(p.name for p in out.iterdir()) == expected
    assert sorted(Path(line).name for line in result.stdout.splitlines()) == expected
    for path in out.iterdir():
        with zipfile.ZipFile(path) as docx:
            assert "word/document.xml" in docx.namelist()

    table = safetyplan.load(out / "xinjian-任务分工表.docx")
    plan = safetyplan.load(PLANS / "xinjian.txt")
    assert [m.text for m in table.measures()] == [m.text for m in plan.measures()]


def test_convert_folder_refuses_to_write_into_the_plans_folder(tmp_path: Path) -> None:
    result = run("convert_folder.py", tmp_path, tmp_path)
    assert result.returncode == 2
    assert "another folder" in result.stderr
    assert not list(tmp_path.iterdir())


# -- custom_template.py --------------------------------------------------------


def printed_files(stdout: str) -> dict[str, list[str]]:
    """What custom_template.py printed: each file written, with its lines."""
    files: dict[str, list[str]] = {}
    for line in stdout.splitlines():
        if line.startswith("    "):
            files[list(files)[-1]].append(line.strip())
        else:
            files[line.removesuffix(":")] = []
    return files


def test_custom_template_fills_the_notice_and_prints_it(tmp_path: Path) -> None:
    plan = safetyplan.load(PLANS / "xinjian.txt")
    result = run("custom_template.py", PLANS / "xinjian.txt", TEMPLATES / "notice.docx", tmp_path)
    assert result.returncode == 0, result.stderr
    printed = printed_files(result.stdout)
    assert list(printed) == [str(tmp_path / "xinjian.docx")]
    text = printed[str(tmp_path / "xinjian.docx")]
    assert text[0] == f"关于印发《{plan.title}》的通知"
    assert f"方案共{sum(1 for _ in plan.measures())}项任务" in text[2]
    assert not any("{{" in line or "{%" in line for line in text), "every tag is filled"
    assert plan.issuer in text


def test_custom_template_fills_a_table_template_once_per_plan(tmp_path: Path) -> None:
    plans = safetyplan.load_all(PLANS / "citywork-3.txt")
    result = run("custom_template.py", PLANS / "citywork-3.txt", TEMPLATES / "task-table.docx", tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"citywork-3.{i}.docx" for i in (1, 2, 3)]
    printed = printed_files(result.stdout)
    assert list(printed) == [str(tmp_path / f"citywork-3.{i}.docx") for i in (1, 2, 3)]
    for plan, lines in zip(plans, printed.values(), strict=True):
        rows = [line for line in lines if line.split(" | ")[0].isdigit()]
        assert len(rows) == sum(1 for _ in plan.measures())


def test_custom_template_lists_the_names_a_template_can_use() -> None:
    result = run("custom_template.py", PLANS / "xinjian.txt", "--names")
    assert result.returncode == 0, result.stderr
    names = result.stdout.splitlines()
    for name in ("plan.title", "measures[].lead_text", "units[].duties", "deadlines[].due"):
        assert name in names


def test_custom_template_reports_a_file_that_is_no_template(tmp_path: Path) -> None:
    result = run("custom_template.py", PLANS / "xinjian.txt", PLANS / "tonghua.txt", tmp_path)
    assert result.returncode == 1
    assert "template is not a usable .docx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())

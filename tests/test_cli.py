"""The ``safetyplan`` command line: convert, inspect, plugins, validate.

Most tests call :func:`safetyplan.cli.main` in-process with a registry that
adds a small layout and writer of the tests' own (the "memo" notation below),
so the command line is tested apart from the regional layouts and the real
writers; a few run the installed console script as a subprocess to check what
a user sees: exit codes, one-line errors, no tracebacks.

The memo notation: the first line is a plan's title, every further line a
measure ``N. text`` with an optional ``@unit`` and ``!due YYYY-MM-DD``; a line
``====`` starts the next plan; a line ``?text`` is text the layout cannot
place; a line ``BOOM`` makes the layout crash (a plugin bug).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import pytest

import safetyplan
import safetyplan.api
import safetyplan.batch
import safetyplan.registry
from safetyplan import cli, hookimpl
from safetyplan.batch import Job, Settings, Target, output_paths
from safetyplan.document import Document
from safetyplan.model import Assignment, Deadline, Measure, Note, Plan, Role, Section, Span
from safetyplan.registry import Registry, make_plugin_manager

SAFETYPLAN = Path(sys.executable).with_name("safetyplan")

_MEASURE = re.compile(r"(\d{1,4})\. ([^@!]*)(?:@(\S{1,40}))?\s*(?:!due (\d{4})-(\d{2})-(\d{2}))?")


class MemoLayout:
    name = "memo"
    aliases = ("memorandum",)
    description = "test notation"

    def detect(self, document: Document) -> float:
        first = next(document.paragraphs(), None)
        return 1.0 if first is not None and first.text.startswith("MEMO") else 0.0

    def parse(self, document: Document) -> list[Plan]:
        plans: list[Plan] = []
        chunk: list[tuple[str, int]] = []
        for paragraph in document.paragraphs():
            if paragraph.text == "====":
                plans.append(self._plan(chunk))
                chunk = []
            else:
                chunk.append((paragraph.text, paragraph.line))
        if chunk:
            plans.append(self._plan(chunk))
        return plans

    def _plan(self, lines: list[tuple[str, int]]) -> Plan:
        measures: list[Measure] = []
        notes: list[Note] = []
        for text, line in lines[1:]:
            if text == "BOOM":
                raise RuntimeError("memo layout exploded")
            if text.startswith("?"):
                notes.append(Note(text[1:], span=Span(line, line)))
                continue
            m = _MEASURE.fullmatch(text)
            assert m, text
            number, body, unit, y, mo, d = m.groups()
            measures.append(
                Measure(
                    label=f"{number}.",
                    number=int(number),
                    text=body.strip(),
                    section_path=("一、任务",),
                    assignments=(Assignment(unit, Role.LEAD),) if unit else (),
                    deadlines=(Deadline(f"{y}年{mo}月{d}日", dt.date(int(y), int(mo), int(d))),) if y else (),
                    span=Span(line, line),
                )
            )
        section = Section("一、", "任务", children=tuple(measures))
        return Plan(title=lines[0][0], sections=(section,), notes=tuple(notes))


class OutlineWriter:
    """Writes the title and one line per measure; a title holding
    ``WRITEFAIL`` makes it fail (a writer bug)."""

    format = "outline"
    kind = None
    default = True
    suffix = ".outline"
    description = "test writer"

    def write(self, plan: Plan, stream: BinaryIO, options: Mapping[str, Any]) -> None:
        stream.write(plan.title.encode())
        if "WRITEFAIL" in plan.title:
            raise ValueError("outline writer failed")
        for measure in plan.measures():
            stream.write(f"\n{measure.label}{measure.text}".encode())


class TestPlugin:
    @hookimpl
    def safetyplan_layouts(self) -> list[Any]:
        return [MemoLayout()]

    @hookimpl
    def safetyplan_writers(self) -> list[Any]:
        return [OutlineWriter()]


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[Registry]:
    """The installed plugins plus the memo layout and outline writer."""
    reg = Registry(make_plugin_manager([TestPlugin()]))
    for module in (safetyplan.registry, safetyplan.api, safetyplan.batch):
        monkeypatch.setattr(module, "get_registry", lambda: reg)
    yield reg


MEMO_ONE = "MEMO 第一份计划\n1. 排查隐患 @区应急管理局 !due 2024-06-30\n2. 开展培训\n"
MEMO_TWO = "MEMO 甲计划\n1. 甲任务\n====\nMEMO 乙计划\n1. 乙任务\n2. 乙任务二\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | os.PathLike[str]) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- convert ------------------------------------------------------------------------


def test_convert_writes_one_output_per_input(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write(tmp_path / "in" / "a.txt", MEMO_ONE)
    code, _, err = run_cli(capsys, "convert", a, "--to", "outline", "-o", tmp_path / "out")
    assert code == cli.EXIT_OK, err
    assert (tmp_path / "out" / "a.outline").read_text() == "MEMO 第一份计划\n1.排查隐患\n2.开展培训"
    assert "converted 1 of 1 inputs (1 plans, 1 files)" in err


def test_convert_numbers_the_plans_of_a_collection(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "two.txt", MEMO_TWO)
    code, _, err = run_cli(capsys, "convert", src, "--to", "outline", "-o", tmp_path / "out")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["two.1.outline", "two.2.outline"]
    assert (tmp_path / "out" / "two.2.outline").read_text().startswith("MEMO 乙计划")


def test_a_bad_file_is_one_line_and_the_rest_go_on(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "good.txt", MEMO_ONE)
    stray = write(tmp_path / "stray.txt", "这不是计划\n")
    empty = write(tmp_path / "empty.txt", "")
    missing = tmp_path / "missing.txt"
    code, _, err = run_cli(capsys, "convert", stray, empty, missing, good, "--to", "outline", "-o", tmp_path / "out")
    assert code == cli.EXIT_FAILED
    assert (tmp_path / "out" / "good.outline").exists()
    lines = err.splitlines()
    assert lines[-1] == f"converted 1 of 4 inputs (1 plans, 1 files) into {tmp_path / 'out'}; 3 failed"
    failures = lines[:-1]
    assert len(failures) == 3
    assert failures[0].startswith(f"{stray}: no layout recognises this document (scores: memo 0.00")
    assert failures[1].startswith(f"{empty}: file is empty")
    assert failures[2] == f"{missing}: file not found (check the path)"
    assert "Traceback" not in err


def test_a_crashing_plugin_is_reported_not_raised(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path / "bad.txt", "MEMO x\nBOOM\n")
    code, _, err = run_cli(capsys, "convert", bad, "--to", "outline", "-o", tmp_path / "out")
    assert code == cli.EXIT_FAILED
    (line,) = err.splitlines()  # one line: a lone failed input needs no summary
    assert line.startswith(f"{bad}: parsing in plugin ")
    assert "RuntimeError: memo layout exploded" in line
    assert "Traceback" not in err
    code, _, err = run_cli(capsys, "convert", bad, "--to", "outline", "-o", tmp_path / "out", "--debug")
    assert "Traceback (most recent call last)" in err
    assert "memo layout exploded" in err.splitlines()[-1]


def test_a_failing_writer_leaves_no_file(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "w.txt", "MEMO WRITEFAIL\n1. x\n")
    code, _, err = run_cli(capsys, "convert", src, "--to", "outline", "-o", tmp_path / "out")
    assert code == cli.EXIT_FAILED
    assert "ValueError: outline writer failed" in err
    assert list((tmp_path / "out").iterdir()) == []


def test_convert_refuses_to_write_over_its_input(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = write(tmp_path / "twin.outline", "keep me")
    twin = write(tmp_path / "twin.txt", MEMO_ONE)
    code, _, err = run_cli(capsys, "convert", twin, kept, "--to", "outline", "-o", tmp_path)
    assert code == cli.EXIT_FAILED
    assert f"{kept}: refusing to write over an input file (choose another output)" in err.splitlines()
    assert kept.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_two_inputs_with_one_output_name_are_not_overwritten(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path / "a" / "plan.txt", MEMO_ONE)
    second = write(tmp_path / "b" / "plan.txt", MEMO_TWO.replace("====\n", ""))
    code, _, err = run_cli(capsys, "convert", first, second, "--to", "outline", "-o", tmp_path / "out")
    assert code == cli.EXIT_FAILED
    assert f"{second}: its output {tmp_path / 'out' / 'plan'}.* would also be written for {first}" in err
    assert (tmp_path / "out" / "plan.outline").read_text().startswith("MEMO 第一份计划")


def test_folders_are_searched_and_their_layout_kept(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "plans"
    write(root / "x.txt", MEMO_ONE)
    write(root / "sub" / "y.md", MEMO_ONE)
    write(root / "notes.pdf", "not read")
    write(root / ".hidden.txt", MEMO_ONE)
    write(root / "~$lock.txt", MEMO_ONE)
    out = root / "out"
    write(out / "old.txt", MEMO_ONE)  # the output folder is never read as input
    code, _, err = run_cli(capsys, "convert", root, "--to", "outline", "-o", out)
    assert code == 0, err
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.outline"))
    assert written == ["sub/y.outline", "x.outline"]


def test_several_formats_from_one_read(registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not any(w.obj.format == "xml" for w in registry.writers):
        pytest.skip("no XML writer installed")
    src = write(tmp_path / "p.txt", MEMO_ONE)
    code, _, err = run_cli(capsys, "convert", src, "--to", "outline,xml", "-o", tmp_path / "out")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["p.outline", "p.xml"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--to", "pdf"], "no writer for format 'pdf'"),
        (["--to", "outline", "--region", "atlantis"], "no layout for region 'atlantis' (installed: "),
        (["--to", "outline", "--kind", "table"], "--kind table chooses a Word document; add --to docx"),
        (["--to", "outline", "--jobs", "-1"], "--jobs must be 0 (one per core) or more"),
        (["--to", "outline", "--max-size", "lots"], "not a size: 'lots'"),
        (["--to", "docx", "--template", "nowhere.docx"], "nowhere.docx"),
        (["--to", "docx", "--kind", "template"], "--kind template needs --template FILE.docx"),
    ],
)
def test_usage_errors_exit_2_before_touching_anything(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    src = write(tmp_path / "p.txt", MEMO_ONE)
    code, _, err = run_cli(capsys, "convert", src, "-o", tmp_path / "out", *argv)
    assert code == cli.EXIT_USAGE
    assert message in err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_output_must_be_a_folder(registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "p.txt", MEMO_ONE)
    code, _, err = run_cli(capsys, "convert", src, "--to", "outline", "-o", src)
    assert code == cli.EXIT_USAGE
    assert err == f"safetyplan convert: -o {src} is a file (give a folder for the outputs)\n"
    assert src.read_text(encoding="utf-8") == MEMO_ONE


def test_region_skips_detection(registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "p.txt", "MEMO-less title\n1. 任务\n".replace("MEMO-less", "无标记"))
    code, _, _ = run_cli(capsys, "convert", src, "--to", "outline", "-o", tmp_path / "o1")
    assert code == cli.EXIT_FAILED
    code, _, err = run_cli(capsys, "convert", src, "--to", "outline", "-o", tmp_path / "o2", "--region", "memorandum")
    assert code == 0, err
    assert (tmp_path / "o2" / "p.outline").read_text().startswith("无标记 title")


def test_max_size_refuses_large_inputs(registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "p.txt", MEMO_ONE + "3. 填充\n" * 200)
    code, _, err = run_cli(capsys, "convert", src, "--to", "outline", "-o", tmp_path / "out", "--max-size", "1K")
    assert code == cli.EXIT_FAILED
    assert "over the 1,024-byte limit" in err


def test_jobs_give_the_same_outputs_as_one_process(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(12):
        write(tmp_path / "in" / f"p{i:02}.txt", MEMO_TWO if i % 3 == 0 else MEMO_ONE)
    write(tmp_path / "in" / "zz-bad.txt", "MEMO\nBOOM\n")
    results = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        code, _, err = run_cli(capsys, "convert", tmp_path / "in", "--to", "outline", "-o", out, "--jobs", jobs)
        assert code == cli.EXIT_FAILED
        assert err.count("memo layout exploded") == 1
        results[jobs] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert results["1"] == results["2"]
    assert len(results["1"]) == 8 * 1 + 4 * 2


def test_run_returns_outcomes_in_job_order(registry: Registry, tmp_path: Path) -> None:
    jobs = [Job(write(tmp_path / f"{n}.txt", MEMO_ONE * (1 + n)), tmp_path / "out" / str(n)) for n in range(4)]
    seen: list[str] = []
    outcomes = safetyplan.batch.run(
        jobs, Settings((Target("outline"),)), workers=2, on_outcome=lambda o: seen.append(o.source)
    )
    assert [o.source for o in outcomes] == [str(j.source) for j in jobs]
    assert sorted(seen) == sorted(str(j.source) for j in jobs)


def test_output_paths() -> None:
    stem = Path("out/plan")
    assert output_paths(stem, ".xml", 1) == [Path("out/plan.xml")]
    assert output_paths(stem, ".xml", 3) == [Path("out/plan.1.xml"), Path("out/plan.2.xml"), Path("out/plan.3.xml")]


# -- inspect -----------------------------------------------------------------------


def test_inspect_prints_the_tree(registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "p.txt", MEMO_ONE + "?落款：某某办公室\n")
    code, out, err = run_cli(capsys, "inspect", src)
    assert code == 0, err
    assert out.splitlines() == [
        f"{src} — plan 1 of 1",
        "  title:      MEMO 第一份计划",
        "  region:     memo",
        "  measures:   2 (2 body, 0 attachment); 1 units; 1 with deadlines",
        "  sections:",
        "    一、任务  [2 measures]",
        "      1. 排查隐患 | lead: 区应急管理局 | due: 2024年06月30日 (2024-06-30)",
        "      2. 开展培训",
        "  units:",
        "    区应急管理局  (1 lead)",
        "  deadlines:",
        "    2024年06月30日 (2024-06-30)",
        "  unplaced text: 1",
        "    line 4: 落款：某某办公室",
    ]


def test_inspect_brief_and_several_plans(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "two.txt", MEMO_TWO)
    code, out, _ = run_cli(capsys, "inspect", "--brief", src)
    assert code == 0
    assert f"{src} — plan 1 of 2" in out and f"{src} — plan 2 of 2" in out
    assert "    一、任务  [2 measures]" in out
    assert "乙任务二" not in out
    assert "  unplaced text: none" in out


def test_inspect_of_a_file_that_is_not_a_plan(
    registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(tmp_path / "letter.txt", "亲爱的同事：\n下午开会。\n")
    code, out, err = run_cli(capsys, "inspect", src)
    assert code == cli.EXIT_FAILED
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"{src}: no layout recognises this document")


# -- plugins, errors, exit codes ---------------------------------------------------


def test_plugins_lists_origin_of_everything(registry: Registry, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "plugins")
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert rows[0] == ["TYPE", "NAME", "HANDLES", "PLUGIN", "DISTRIBUTION"]
    text = next(r for r in rows if r[:2] == ["reader", "text"])
    assert text[2:] == [".txt", ".text", ".md", ".markdown", "safetyplan.readers.text", "safetyplan", "0.1.0"]
    memo = next(r for r in rows if r[:2] == ["layout", "memo"])
    assert memo[2:4] == ["aliases:", "memorandum"]
    outline = next(r for r in rows if r[:2] == ["writer", "outline"])
    assert outline[2] == ".outline"


def test_internal_errors_are_one_line(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise KeyError("lost")

    monkeypatch.setattr(cli, "cmd_plugins", broken)
    code, _, err = run_cli(capsys, "plugins")
    assert code == cli.EXIT_INTERNAL
    assert err == "safetyplan: internal error: KeyError: 'lost' (run with --debug for the traceback)\n"
    code, _, err = run_cli(capsys, "plugins", "--debug")
    assert "Traceback (most recent call last)" in err


def test_keyboard_interrupt_exits_130_quietly(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_plugins", interrupted)
    assert run_cli(capsys, "plugins") == (cli.EXIT_INTERRUPTED, "", "")


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["convert"], ["inspect", "--nope", "x"]])
def test_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == cli.EXIT_USAGE
    assert "usage:" in err or "--help" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "convert", "--help")
    assert code == 0
    assert "DIR/<stem>.1.xml" in out
    assert "exit codes:" in out


@pytest.mark.parametrize(("text", "size"), [("100", 100), ("2K", 2048), ("1.5M", 1572864), ("3GiB", 3 << 30)])
def test_parse_size(text: str, size: int) -> None:
    assert cli.parse_size(text) == size


# -- as a user runs it -------------------------------------------------------------


def _run(*argv: str | os.PathLike[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SAFETYPLAN), *map(str, argv)], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_console_script_help_and_plugins() -> None:
    help_ = _run("--help")
    assert help_.returncode == 0
    assert "convert" in help_.stdout and "exit codes" in help_.stdout
    plugins = _run("plugins")
    assert plugins.returncode == 0, plugins.stderr
    assert "reader" in plugins.stdout and ".txt" in plugins.stdout


def test_console_script_errors_are_one_line(tmp_path: Path) -> None:
    stray = write(tmp_path / "stray.txt", "一段普通文字，不是任何计划。\n")
    result = _run("inspect", stray)
    assert result.returncode == cli.EXIT_FAILED
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{stray}: ")
    converted = _run("convert", stray, tmp_path / "missing.txt", "--to", "xml", "-o", tmp_path / "out")
    assert converted.returncode in (cli.EXIT_FAILED, cli.EXIT_USAGE)
    assert "Traceback" not in converted.stderr
    assert all(line.startswith((str(tmp_path), "converted", "safetyplan")) for line in converted.stderr.splitlines())


# -- XML in and out -----------------------------------------------------------------


def xml_plan(title: str = "测试计划") -> Plan:
    measure = Measure(
        "1.",
        1,
        "排查隐患",
        section_path=("一、任务",),
        assignments=(Assignment("区应急管理局", Role.LEAD), Assignment("区公安分局", Role.SUPPORT)),
        deadlines=(Deadline("2024年6月底前", dt.date(2024, 6, 30)),),
    )
    return Plan(title, region="memo", sections=(Section("一、", "任务", children=(measure,)),))


def test_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = safetyplan.dump(xml_plan(), tmp_path / "good.xml")
    bad = write(tmp_path / "bad.xml", "<plan/>")
    code, out, err = run_cli(capsys, "validate", good, bad)
    assert code == cli.EXIT_FAILED
    assert out == f"{good}: valid\n"
    assert len(err.splitlines()) == 1
    assert err.startswith(f"{bad}:1: not safetyplan XML")
    assert run_cli(capsys, "validate", good)[0] == cli.EXIT_OK


def test_xml_collection_converts_to_numbered_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from safetyplan.formats.xml import dumps

    source = tmp_path / "in" / "both.xml"
    source.parent.mkdir()
    source.write_bytes(dumps([xml_plan("甲"), xml_plan("乙")]))
    code, _, err = run_cli(capsys, "convert", source, "--to", "xml,json", "-o", tmp_path / "out")
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["both.1.json", "both.1.xml", "both.2.json", "both.2.xml"]
    assert safetyplan.load(tmp_path / "out" / "both.2.xml").title == "乙"


def test_converting_xml_into_its_own_folder_keeps_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = safetyplan.dump(xml_plan(), tmp_path / "plan.xml")
    before = source.read_bytes()
    code, _, err = run_cli(capsys, "convert", source, "--to", "xml", "-o", tmp_path)
    assert code == cli.EXIT_FAILED
    assert err.splitlines()[0] == f"{source}: refusing to write over an input file (choose another output)"
    assert source.read_bytes() == before


def test_console_script_inspects_xml(tmp_path: Path) -> None:
    source = safetyplan.dump(xml_plan(), tmp_path / "plan.xml")
    result = _run("inspect", source)
    assert result.returncode == 0, result.stderr
    assert (
        "      1. 排查隐患 | lead: 区应急管理局 | support: 区公安分局 | due: 2024年6月底前 (2024-06-30)"
        in result.stdout
    )
    assert "  unplaced text: none" in result.stdout


def test_convert_to_word_table_and_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    source = safetyplan.dump(xml_plan(), tmp_path / "plan.xml")
    code, _, err = run_cli(capsys, "convert", source, "--to", "docx", "-o", tmp_path / "table")
    assert code == 0, err
    table = docx.Document(str(tmp_path / "table" / "plan.docx"))
    cells = {cell.text for t in table.tables for row in t.rows for cell in row.cells}
    assert {"排查隐患", "区应急管理局", "区公安分局"} <= cells
    code, _, err = run_cli(capsys, "convert", source, "--to", "docx", "--kind", "document", "-o", tmp_path / "doc")
    assert code == 0, err
    document = docx.Document(str(tmp_path / "doc" / "plan.docx"))
    assert any(p.text == "测试计划" for p in document.paragraphs)


# -- the corpus ---------------------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def corpus() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return sorted(CORPUS.glob("*.txt"))


def test_corpus_converts_in_parallel_and_reads_back(
    corpus: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "convert", *corpus, "--to", "xml", "-o", out, "--jobs", "2")
    assert code == 0, err
    assert f"converted {len(corpus)} of {len(corpus)} inputs" in err
    for source in corpus:
        plans = safetyplan.load_all(source)
        names = [p.name for p in output_paths(out / source.stem, ".xml", len(plans))]
        assert [safetyplan.load(out / name) for name in names] == plans
    assert sorted(p.name for p in out.glob("citywork-3.*")) == [
        "citywork-3.1.xml",
        "citywork-3.2.xml",
        "citywork-3.3.xml",
    ]
    code, stdout, err = run_cli(capsys, "validate", *sorted(out.iterdir()))
    assert code == 0, err
    assert stdout.count(": valid\n") == len(list(out.iterdir()))


def test_corpus_inspects(corpus: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    for source in corpus:
        plans = safetyplan.load_all(source)
        code, out, err = run_cli(capsys, "inspect", source)
        assert code == 0, err
        assert out.count(f"{source} — plan ") == len(plans)
        measures = sum(1 for plan in plans for _ in plan.measures())
        listed = sum(int(m.group(1)) for m in re.finditer(r"^  measures:   (\d+) ", out, re.MULTILINE))
        assert listed == measures
        assert out.count("  unplaced text: ") == len(plans)


def test_convert_fills_a_clerks_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    template = docx.Document()
    template.add_paragraph("{{ plan.title }}")
    template.save(str(tmp_path / "letter.docx"))
    source = safetyplan.dump(xml_plan("填入模板的计划"), tmp_path / "plan.xml")
    code, _, err = run_cli(
        capsys, "convert", source, "--to", "docx", "--template", tmp_path / "letter.docx", "-o", tmp_path / "out"
    )
    assert code == 0, err
    filled = docx.Document(str(tmp_path / "out" / "plan.docx"))
    assert [p.text for p in filled.paragraphs] == ["填入模板的计划"]
    code, _, err = run_cli(
        capsys,
        "convert",
        source,
        "--to",
        "docx",
        "--kind",
        "units",
        "--template",
        tmp_path / "letter.docx",
        "-o",
        tmp_path,
    )
    assert code == cli.EXIT_USAGE
    assert "--template fills a template; it cannot go with --kind units" in err

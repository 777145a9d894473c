"""Hostile and broken files end in one clear SafetyPlanError, through the API
and through the command line, without hanging, bloating or touching anything
but the output folder."""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import attrs
import pytest

import safetyplan
from safetyplan.api import MAX_INPUT_BYTES
from safetyplan.errors import SafetyPlanError, UnsafeFileError
from safetyplan.model import Source

sys.path.insert(0, str(Path(__file__).parent))
import hostile

HANG_SECONDS = 20
"""A bound far above any honest run: exceeding it means a hang, not slowness."""
CPU_SECONDS = 5.0
PEAK_MB = 500
CLI_AVAILABLE = (Path(__file__).parents[1] / "safetyplan" / "cli.py").exists()


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def hostile_files(hostile_dir: Path) -> dict[str, hostile.Hostile]:
    return {item.path.name: item for item in hostile.build(hostile_dir)}


NAMES = hostile.NAMES


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang()


@pytest.fixture
def hang_guard() -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", NAMES)
def test_load_refuses_with_one_clear_error(
    name: str, hostile_files: dict[str, hostile.Hostile], hang_guard: None
) -> None:
    item = hostile_files[name]
    try:
        with pytest.raises(SafetyPlanError) as caught:
            safetyplan.load(item.path)
    except _Hang:
        pytest.fail(f"{name} ({item.why}) still running after {HANG_SECONDS} s")
    error = caught.value
    assert isinstance(error, item.expected), f"{name}: {type(error).__name__}: {error}"
    message = str(error)
    assert "\n" not in message and message.strip()
    assert str(item.path) in message
    assert "root:x:0:0" not in message


def test_every_kind_of_hostile_file_is_built(hostile_files: dict[str, hostile.Hostile]) -> None:
    kinds = {name.split(".")[-1] for name in hostile_files}
    assert {"xml", "docx", "html", "txt"} <= kinds
    unsafe = [name for name, item in hostile_files.items() if item.expected is UnsafeFileError]
    assert len(unsafe) >= 15


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("一、总体要求\n" * 200, encoding="utf-8")
    with pytest.raises(UnsafeFileError, match="limit"):
        safetyplan.load(plan, max_bytes=1000)
    assert MAX_INPUT_BYTES >= 10 * 1024 * 1024


# -- the command line ------------------------------------------------------------


class CliRun(NamedTuple):
    returncode: int
    output: str
    cpu_seconds: float
    peak_mb: float
    finished: bool


def run_cli(args: list[str], cwd: Path, timeout: float = 60.0) -> CliRun:
    """Run ``safetyplan ARGS`` in a child and measure that child alone
    (``wait4`` gives its own CPU time and peak resident memory)."""
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "safetyplan.cli", *args], stdout=out, stderr=subprocess.STDOUT, cwd=cwd
        )
        deadline = time.monotonic() + timeout
        finished = True
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                finished = False
                break
            time.sleep(0.01)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    return CliRun(proc.returncode, text, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, finished)


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``root`` with its size and modification time,
    links and pipes not followed."""
    seen: dict[str, tuple[int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            seen[path] = (st.st_size, st.st_mtime_ns)
    return seen


def _out_name(name: str) -> str:
    """An output folder per input whose path does not repeat the input's name."""
    return f"out{NAMES.index(name)}"


@pytest.fixture(scope="module")
def cli_runs(
    hostile_files: dict[str, hostile.Hostile], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, CliRun], Path, dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """Every hostile file converted once, two at a time; the tree around
    the output folders snapshotted before and after."""
    if not CLI_AVAILABLE:
        pytest.skip("the command line is not part of this checkout")
    work = tmp_path_factory.mktemp("cli")
    (work / "cwd").mkdir()
    (work / "out").mkdir()
    inputs = next(iter(hostile_files.values())).path.parent
    before = _snapshot(inputs) | _snapshot(work / "cwd")

    def convert(name: str) -> tuple[str, CliRun]:
        args = ["convert", str(hostile_files[name].path), "--to", "xml", "-o", str(work / "out" / _out_name(name))]
        return name, run_cli(args, cwd=work / "cwd")

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(pool.map(convert, sorted(hostile_files)))
    after = _snapshot(inputs) | _snapshot(work / "cwd")
    return runs, work / "out", before, after


@pytest.mark.parametrize("name", NAMES)
def test_cli_reports_one_line_and_fails(
    name: str,
    hostile_files: dict[str, hostile.Hostile],
    cli_runs: tuple[dict[str, CliRun], Path, dict[str, tuple[int, int]], dict[str, tuple[int, int]]],
) -> None:
    runs, out, _, _ = cli_runs
    run = runs[name]
    item = hostile_files[name]
    assert run.finished, f"{name} ({item.why}): still running after 60 s"
    assert run.returncode != 0
    lines = [line for line in run.output.splitlines() if line.strip()]
    naming = [line for line in lines if item.path.name in line]
    assert len(naming) == 1, run.output
    assert "Traceback" not in run.output
    assert len(lines) == 1, f"expected one error line:\n{run.output}"
    assert "root:x:0:0" not in run.output
    assert run.cpu_seconds < CPU_SECONDS, f"{name}: {run.cpu_seconds:.1f} s of CPU"
    assert run.peak_mb < PEAK_MB, f"{name}: peak {run.peak_mb:.0f} MB"
    target = out / _out_name(name)
    left = [p for p in target.rglob("*") if p.is_file()] if target.exists() else []
    assert left == [], f"{name}: a failed conversion left {left}"


def test_cli_touches_nothing_outside_the_output_folder(
    cli_runs: tuple[dict[str, CliRun], Path, dict[str, tuple[int, int]], dict[str, tuple[int, int]]],
) -> None:
    _, _, before, after = cli_runs
    assert after == before


def test_cli_size_limit_is_configurable(tmp_path: Path) -> None:
    if not CLI_AVAILABLE:
        pytest.skip("the command line is not part of this checkout")
    plan = tmp_path / "plan.txt"
    plan.write_text("一、总体要求\n" * 200, encoding="utf-8")
    run = run_cli(["convert", str(plan), "--to", "xml", "-o", str(tmp_path / "out"), "--max-size", "1K"], tmp_path)
    assert run.returncode != 0
    assert "limit" in run.output


# -- odd but fine: read, not refused -------------------------------------------------

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
ODD_ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16-bom": lambda text: text.encode("utf-16"),
    "utf-8-bom-crlf": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
    "cr-only": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "nul-and-controls": lambda text: text.replace("。", "。\x00", 3).replace("，", "，\x07", 2).encode("utf-8"),
}


def _without_source(plans: list[safetyplan.Plan]) -> list[safetyplan.Plan]:
    return [attrs.evolve(plan, source=Source()) for plan in plans]


@pytest.fixture(scope="module")
def corpus_plans() -> dict[str, list[safetyplan.Plan]]:
    if not CORPUS.exists():
        pytest.skip("the shared corpus is not available")
    return {name: _without_source(safetyplan.load_all(CORPUS / name)) for name in ("xinjian.txt", "tonghua.txt")}


@pytest.mark.parametrize("encoding", sorted(ODD_ENCODINGS))
@pytest.mark.parametrize("name", ["xinjian.txt", "tonghua.txt"])
def test_odd_encodings_import_the_same_plans(
    name: str, encoding: str, corpus_plans: dict[str, list[safetyplan.Plan]], tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(ODD_ENCODINGS[encoding]((CORPUS / name).read_text(encoding="utf-8")))
    assert _without_source(safetyplan.load_all(path)) == corpus_plans[name]
    document = safetyplan.read_document(path)
    assert isinstance(document, safetyplan.Document)
    assert bool(document.warnings) == (encoding == "nul-and-controls")


@pytest.mark.parametrize("name", ["xinjian.txt", "tonghua.txt", "shuangqiao.txt", "changzhou.txt", "citywork-3.txt"])
def test_a_plan_cut_off_halfway_imports_what_is_there(name: str, tmp_path: Path) -> None:
    if not CORPUS.exists():
        pytest.skip("the shared corpus is not available")
    text = (CORPUS / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    plans = safetyplan.load_all(path)
    assert plans and all(plan.sections for plan in plans)
    assert sum(1 for plan in plans for _ in plan.measures()) > 0

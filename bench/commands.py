"""Figures 5–7: the command line as a user runs it, in fresh processes.

5. Start-up: ``safetyplan --help`` and ``safetyplan plugins`` against
   ``python -c pass`` with the same interpreter; at most 150 ms more.
6. Batch: the corpus copied to 500 files (50 with ``--quick``), converted to
   XML and DOCX with ``--jobs 2`` against ``--jobs 1``; a speed-up of at
   least 1.7 on two cores.  Whole batches are long enough to be disturbed by
   anything else the machine does, so each side's best of the rounds counts.
7. Peer: where ``pandoc`` is installed (on the PATH, or the binary the
   ``bench`` extra installs with pypandoc-binary), its time per document
   turning the same text into .docx, beside ``safetyplan convert --to docx
   --kind document`` on that document (both one process per document).  For
   reference only.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .measure import Row, ms, skipped, user_env, wall_times

STARTUP = "5 start-up"
BATCH = "6 batch"
PEER = "7 peer"


def safetyplan_command() -> list[str]:
    """The installed console script, else the module run by this Python."""
    script = Path(sys.executable).with_name("safetyplan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "safetyplan.cli"]


def figure_startup(*, repeats: int, limit_ms: float = 150.0) -> list[Row]:
    command = safetyplan_command()
    floor, help_, plugins = wall_times(
        [[sys.executable, "-c", "pass"], [*command, "--help"], [*command, "plugins"]],
        repeats=repeats,
    )
    rows = []
    for case, seconds in (("safetyplan --help", help_), ("safetyplan plugins", plugins)):
        extra = (seconds - floor) * 1000
        rows.append(
            Row(STARTUP, case, ms(seconds), ms(floor), f"+{extra:.0f} ms", f"≤ +{limit_ms:g} ms", extra <= limit_ms)
        )
    return rows


def _formats() -> list[str]:
    from safetyplan.registry import get_registry

    have = {w.obj.format for w in get_registry().writers}
    return [f for f in ("xml", "docx") if f in have]


def figure_batch(sources: list[Path], *, files: int, rounds: int, limit: float = 1.7) -> list[Row]:
    case = f"{files} files, --jobs 2 vs 1"
    target = f"≥ {limit:g}×"
    formats = _formats()
    if not sources:
        return [skipped(BATCH, case, target, "no corpus document imports yet")]
    if not formats:
        return [skipped(BATCH, case, target, "no XML or DOCX writer installed")]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="safetyplan-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(files):
            source = sources[i % len(sources)]
            shutil.copyfile(source, folder / f"{i:04d}-{source.name}")
        to = [arg for f in formats for arg in ("--to", f)]
        times: dict[int, float] = {1: float("inf"), 2: float("inf")}
        for _ in range(rounds):
            for jobs in (1, 2):
                out = Path(tmp) / f"out{jobs}"
                shutil.rmtree(out, ignore_errors=True)
                argv = [*safetyplan_command(), "convert", str(folder), *to, "-o", str(out), "-q", "--jobs", str(jobs)]
                start = time.perf_counter()
                done = subprocess.run(argv, capture_output=True, text=True, env=user_env())
                times[jobs] = min(times[jobs], time.perf_counter() - start)
                if done.returncode != 0:
                    lines = done.stderr.strip().splitlines()
                    return [skipped(BATCH, case, target, f"convert failed: {lines[0] if lines else done.returncode}")]
    speedup = times[1] / times[2]
    note = f"to {' and '.join(formats)}; {len(sources)} distinct documents"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > 1.5:
        note += f"; load average {load:.1f} at the end: other processes held cores, so this speed-up is low"
    if cores < 2:
        note += f"; this machine has {cores} core"
    return [Row(BATCH, case, ms(times[2]), ms(times[1]), f"{speedup:.2f}×", target, speedup >= limit, note)]


def pandoc_binary() -> str | None:
    """The pandoc to compare with: the one on the PATH, else the binary
    pypandoc-binary ships (``pip install -e '.[bench]'``), else None."""
    found = shutil.which("pandoc")
    if found is not None:
        return found
    try:
        import pypandoc
    except ImportError:
        return None
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError:
        return None


def figure_peer(sources: list[Path], *, repeats: int) -> list[Row]:
    pandoc = pandoc_binary()
    if pandoc is None:
        return [skipped(PEER, "pandoc text → docx", "—", "pandoc is not installed (pip install -e '.[bench]' adds one)")]
    from safetyplan.registry import get_registry

    if not any(w.obj.format == "docx" and w.obj.kind == "document" for w in get_registry().writers):
        return [skipped(PEER, "pandoc text → docx", "—", "no DOCX document writer installed")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="safetyplan-bench-") as tmp:
        for source in sources:
            ours_cmd = [
                *safetyplan_command(),
                *("convert", str(source), "--to", "docx", "--kind", "document", "-o", tmp, "-q"),
            ]
            theirs_cmd = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(Path(tmp) / "pandoc.docx"), str(source)]
            try:
                ours, theirs = wall_times([ours_cmd, theirs_cmd], repeats=repeats)
            except subprocess.CalledProcessError as exc:
                rows.append(skipped(PEER, source.name, "—", f"{Path(exc.cmd[0]).name} failed"))
                continue
            rows.append(Row(PEER, source.name, ms(ours), ms(theirs), f"{ours / theirs:.2f}×", "—", None))
    if len(rows) > 1:
        ratios = [float(r.value.rstrip("×")) for r in rows if r.value]
        if ratios:
            rows.append(Row(PEER, "median", "", "", f"{statistics.median(ratios):.2f}×", "—", None))
    return rows


__all__ = ["figure_batch", "figure_peer", "figure_startup", "safetyplan_command"]

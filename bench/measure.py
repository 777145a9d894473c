"""Timing against a floor, and the rows of the results table.

Every figure is a ratio of our time to a floor measured in the same run, so a
figure holds on a busy machine where absolute times do not: both sides slow
down together.  The two sides are timed alternately, repeat by repeat, and the
median of each is taken, which keeps a burst of load on one side from
deciding the result.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One line of the results table.

    ``value`` is what is compared with the target: a ratio for most figures,
    a difference in milliseconds for start-up, megabytes for memory.
    ``passed`` is None where the figure is for reference or could not be
    measured (``note`` says why).
    """

    figure: str
    case: str
    ours: str
    floor: str
    value: str
    target: str
    passed: bool | None
    note: str = ""

    @property
    def result(self) -> str:
        if self.passed is None:
            return "—" if not self.note else "skipped"
        return "pass" if self.passed else "MISS"


def skipped(figure: str, case: str, target: str, why: str) -> Row:
    return Row(figure, case, "", "", "", target, None, why)


def _loops_for(fn: Callable[[], object], min_seconds: float) -> int:
    """How many calls make one timed sample last ``min_seconds``: short
    operations are looped so the clock's resolution does not matter."""
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds or loops >= 10_000:
            return loops
        loops = max(loops * 2, int(loops * min_seconds / max(elapsed, 1e-9)) + 1)


def _sample(fn: Callable[[], object], loops: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(loops):
        fn()
    return (time.perf_counter() - start) / loops


def compare(
    ours: Callable[[], object],
    floor: Callable[[], object],
    *,
    repeats: int,
    min_seconds: float = 0.05,
) -> tuple[float, float]:
    """Median seconds per call of ``ours`` and ``floor``, timed alternately."""
    loops_ours = _loops_for(ours, min_seconds)
    loops_floor = _loops_for(floor, min_seconds)
    ours_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeats):
        ours_times.append(_sample(ours, loops_ours))
        floor_times.append(_sample(floor, loops_floor))
    return statistics.median(ours_times), statistics.median(floor_times)


def median_seconds(fn: Callable[[], object], *, repeats: int) -> float:
    """Median seconds of single calls (for operations long enough to time
    one by one)."""
    fn()
    return statistics.median(_sample(fn, 1) for _ in range(repeats))


def user_env() -> dict[str, str]:
    """The environment for timing commands as a user runs them: Python may
    keep its bytecode caches, as it does after an ordinary install (some
    sandboxes set PYTHONDONTWRITEBYTECODE, which makes every start compile
    every module again)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def wall_times(commands: Sequence[Sequence[str]], *, repeats: int) -> list[float]:
    """Median wall time of each command line, the commands run in turn,
    repeat after repeat, after one untimed run of each (which also writes the
    bytecode caches).  Output is discarded; a failing command raises."""
    env = user_env()

    def run(argv: Sequence[str]) -> float:
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        return time.perf_counter() - start

    for argv in commands:
        run(argv)
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(repeats):
        for i, argv in enumerate(commands):
            samples[i].append(run(argv))
    return [statistics.median(s) for s in samples]


def ms(seconds: float) -> str:
    """Milliseconds, with the precision that matters at each size."""
    value = seconds * 1000
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 1:
        return f"{value:.1f} ms"
    return f"{value:.3f} ms"


def ratio_row(
    figure: str,
    case: str,
    ours: float,
    floor: float,
    *,
    limit: float,
    at_least: bool = False,
    note: str = "",
) -> Row:
    """A row comparing ``ours / floor`` with ``limit`` (at most, or at least)."""
    ratio = ours / floor if floor > 0 else float("inf")
    passed = ratio >= limit if at_least else ratio <= limit
    target = f"≥ {limit:g}×" if at_least else f"≤ {limit:g}×"
    return Row(figure, case, ms(ours), ms(floor), f"{ratio:.2f}×", target, passed, note)


__all__ = ["Row", "compare", "median_seconds", "ms", "ratio_row", "skipped", "user_env", "wall_times"]

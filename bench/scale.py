"""Figure 4: cost grows linearly with the plan, and memory stays bounded.

Synthetic plans of N and 10·N measures (1,000 and 10,000; 200 and 2,000 with
``--quick``) are imported, written to XML and read back, and written as a
DOCX task table; time(10·N) / time(N) should be at most 11 for each.  Then a
fresh process imports the large plan and runs every installed writer on it,
and reports its peak resident memory (``ru_maxrss``).

Run as ``python -m bench.scale FILE`` (or ``python -m bench.scale 10000`` for a
synthetic plan of that many measures) this module is that child process: it
prints the peak in megabytes, as JSON, on stdout.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
from pathlib import Path

from .inputs import ROOT, synthetic_plan
from .measure import Row, median_seconds, ms, skipped, user_env

SCALE = "4 scale"
MEMORY = "4 memory (all writers)"


def _write_all(path: Path) -> dict[str, object]:
    import safetyplan
    from safetyplan.registry import get_registry

    plan = safetyplan.load(path)
    written: list[str] = []
    for writer in get_registry().writers:
        if writer.obj.kind == "template":
            continue  # needs a clerk's template file; not a fixed cost of the plan
        buffer = io.BytesIO()
        writer.obj.write(plan, buffer, {})
        written.append(f"{writer.obj.format}/{writer.obj.kind}" if writer.obj.kind else writer.obj.format)
        del buffer
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"peak_mb": peak_kb / 1024, "measures": sum(1 for _ in plan.measures()), "writers": written}


def figure_scale(workdir: Path, *, small: int, repeats: int, limit: float = 11.0) -> list[Row]:
    import safetyplan

    from .library import writer_call, xml_round_trip

    large = small * 10
    paths = {}
    for n in (small, large):
        paths[n] = workdir / f"synthetic-{n}.txt"
        paths[n].write_text(synthetic_plan(n), encoding="utf-8")
    target = f"≤ {limit:g}×"
    try:
        plans = {n: safetyplan.load(p) for n, p in paths.items()}
    except safetyplan.SafetyPlanError as exc:
        return [skipped(SCALE, "import, xml, docx table", target, f"synthetic plan not imported: {exc}")]
    found = {n: sum(1 for _ in plan.measures()) for n, plan in plans.items()}
    note = "; ".join(f"the layout found {found[n]:,} of {n:,} measures" for n in paths if found[n] != n)

    rows: list[Row] = []
    cases: list[tuple[str, dict[int, object]]] = []
    cases.append(("import", {n: (lambda p=p: safetyplan.load(p)) for n, p in paths.items()}))
    xml = {n: xml_round_trip(plans[n]) for n in paths}
    if all(not isinstance(v, str) for v in xml.values()):
        cases.append(("xml write+read", {n: v[0] for n, v in xml.items() if not isinstance(v, str)}))
    else:
        rows.append(skipped(SCALE, "xml write+read", target, next(v for v in xml.values() if isinstance(v, str))))
    docx = {n: writer_call("docx", "table", plans[n]) for n in paths}
    if all(not isinstance(v, str) for v in docx.values()):
        cases.append(("docx table", dict(docx)))
    else:
        rows.append(skipped(SCALE, "docx table", target, next(v for v in docx.values() if isinstance(v, str))))

    for name, calls in cases:
        t_small = median_seconds(calls[small], repeats=repeats)  # type: ignore[arg-type]
        # As many samples as the small case: one slow sample of the large
        # case (a busy machine, a collector pass) must not set the ratio.
        t_large = median_seconds(calls[large], repeats=repeats)  # type: ignore[arg-type]
        ratio = t_large / t_small
        case = f"{name} {large:,} vs {small:,}"
        rows.append(Row(SCALE, case, ms(t_large), ms(t_small), f"{ratio:.2f}×", target, ratio <= limit, note))
    return [*rows, *figure_memory(paths[large], large)]


def figure_memory(path: Path, measures: int, *, limit_mb: float = 300.0) -> list[Row]:
    case = f"{measures:,} measures"
    target = f"≤ {limit_mb:g} MB"
    child = subprocess.run(
        [sys.executable, "-m", "bench.scale", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
        env=user_env(),
    )
    if child.returncode != 0:
        lines = child.stderr.strip().splitlines()
        return [skipped(MEMORY, case, target, lines[-1] if lines else f"exit {child.returncode}")]
    result = json.loads(child.stdout)
    peak = float(result["peak_mb"])
    writers = ", ".join(result["writers"]) or "no writers installed"
    return [Row(MEMORY, case, f"{peak:.0f} MB", "", f"{peak:.0f} MB", target, peak <= limit_mb, writers)]


def main() -> None:
    arg = sys.argv[1]
    if arg.isdigit():
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"synthetic-{arg}.txt"
            path.write_text(synthetic_plan(int(arg)), encoding="utf-8")
            print(json.dumps(_write_all(path)))
    else:
        print(json.dumps(_write_all(Path(arg))))


if __name__ == "__main__":
    main()

"""The results table, on the terminal and as docs/performance.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
from collections.abc import Sequence

from .measure import Row

HEADER = ("figure", "case", "ours", "floor", "ratio", "target", "result")

PROFILE_HINTS: dict[str, str] = {
    "1 import": (
        "profile one document's import: `python -m pyinstrument -c \"import safetyplan; "
        "safetyplan.load_all('examples/plans/<doc>')\"`; the breakdown below the table times reading, "
        "detection by all layouts together (and by each alone) and the chosen layout's parse.  The "
        "unit-list grammar (`safetyplan/layouts/units.py`: `_place`, `parse_units`) is read once per "
        "measure and is most of what remains; a reading several layouts need belongs behind "
        "`Document.measure` or `safetyplan.document.per_document`, so it is done once per document"
    ),
    "2 docx table": (
        "`py-spy record -o docx.svg -- python -m bench --only docx --quick`; python-docx's object model "
        "(`table.cell()`, `add_row().cells`, style lookups) is the usual cost; building the `<w:tbl>` "
        "with lxml directly avoids it"
    ),
    "3 xml write+read": (
        "`python -m pyinstrument -m bench --only xml --quick`; writing and reading run through code "
        "`safetyplan/formats/xmlcodec.py` generates per class, so what remains is lxml's own parsing, "
        "schema validation and per-element work: look for per-document fixed costs "
        "(`safetyplan/formats/xml.py`, `safetyplan/readers/safexml.py`) before per-element ones"
    ),
    "4 scale": (
        "a ratio above 11 means work grows faster than the plan: "
        "`python -m pyinstrument -m bench --only scale --quick` and look for list scans or string "
        "concatenation inside per-measure loops"
    ),
    "4 memory (all writers)": (
        "`memray run -m bench.scale 10000` then `memray flamegraph` (pip install memray) "
        "shows which writer holds the peak; whole documents kept as python-docx objects are the usual cause"
    ),
    "5 start-up": (
        "`python -X importtime -m safetyplan.cli plugins 2>&1 | sort -t'|' -k2 -n | tail -20` shows "
        "which module imports cost most; `plugins` imports every layout, so regular expressions compiled "
        "at module level (large alternations in `safetyplan/layouts/` and the regional packages) are paid "
        "on every start: declare them as `safetyplan.layouts.lazyre.LazyPattern`, compiled on first use; "
        "import python-docx, lxml and docxtpl inside the functions that write"
    ),
    "6 batch": (
        "a low speed-up means the workers wait: check that files are not serialised through the "
        "main process and that start-up per worker is small (`safetyplan/batch.py`)"
    ),
}

METHOD = """\
Each figure is our time divided by a floor measured in the same run (medians of
repeats, ours and the floor timed alternately), so the figures hold on a noisy
machine where absolute times do not.

1. **import** — `safetyplan.load_all(file)` (reading, detection by every
   layout, parsing) against reading the file and running one compiled regular
   expression over every line.
2. **docx table** — the task allocation table writer against writing the same
   cells (header, section rows, one row per measure) with plain python-docx,
   no styles.
3. **xml write+read** — our XML writer and reader against lxml serialising and
   parsing the same tree with no model around it.
4. **scale** — synthetic plans (Changzhou notation, with units and deadlines)
   of 1,000 and 10,000 measures: time(10k) / time(1k) for import, XML and the
   DOCX table; and the peak resident memory (`ru_maxrss`) of a fresh process
   that imports the 10,000-measure plan and runs every installed writer.
5. **start-up** — `safetyplan --help` and `safetyplan plugins` against
   `python -c pass` with the same interpreter (wall time, fresh processes,
   bytecode caches kept as after an ordinary install).
6. **batch** — the corpus copied to 500 files, converted to XML and DOCX by
   `safetyplan convert --jobs 2` against `--jobs 1`.
7. **peer** — where pandoc is installed (`pip install -e '.[bench]'` adds the
   pandoc binary of pypandoc-binary), pandoc turning the same text into .docx
   against `safetyplan convert --to docx --kind document`, one process per
   document; for reference, no target.
"""


def _widths(rows: Sequence[Sequence[str]]) -> list[int]:
    return [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]


def cells(row: Row) -> tuple[str, ...]:
    return (row.figure, row.case, row.ours, row.floor, row.value, row.target, row.result)


def table_text(rows: Sequence[Row]) -> str:
    body = [HEADER, *(cells(r) for r in rows)]
    widths = _widths(body)
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for row in rows:
        if row.note and row.passed is not True:
            lines.append(f"  {row.figure} / {row.case}: {row.note}")
    return "\n".join(lines)


def summary(rows: Sequence[Row]) -> str:
    judged = [r for r in rows if r.passed is not None]
    missed = [r for r in judged if not r.passed]
    not_run = [r for r in rows if r.passed is None and r.note]
    text = f"{len(judged) - len(missed)} of {len(judged)} targets met"
    if not_run:
        text += f"; {len(not_run)} not measured"
    return text


def markdown(rows: Sequence[Row], *, command: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("safetyplan")
    except PackageNotFoundError:
        ours = "unknown"
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    machine = (
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores, safetyplan {ours}"
    )
    if hasattr(os, "getloadavg"):
        machine += f", load average {os.getloadavg()[0]:.1f} when written"
    out = [
        "# Performance",
        "",
        f"Measured with `{command}` on {when} ({machine}). {summary(rows)}.",
        "",
        "Run it yourself from the repository root: `python -m bench` (about two minutes on two cores; `--quick` for a "
        "rough pass in under half a minute, `--only import,xml` for some figures). It prints this table and "
        "rewrites this page.",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
    ]
    for row in rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells(row)) + " |")
    notes = [r for r in rows if r.note]
    if notes:
        out += ["", "Notes:", ""]
        out += [f"- {r.figure}, {r.case}: {r.note}" for r in notes]
    missed = sorted({r.figure for r in rows if r.passed is False})
    if missed:
        out += ["", "## Where to look", ""]
        for figure in missed:
            worst = [r.case for r in rows if r.figure == figure and r.passed is False]
            out.append(f"- **{figure}** ({', '.join(worst)}): {PROFILE_HINTS.get(figure, 'profile it')}")
    out += ["", "## How each figure is measured", "", METHOD]
    return "\n".join(out)


def print_table(rows: Sequence[Row]) -> None:
    print(table_text(rows))
    print()
    print(summary(rows))
    missed = sorted({r.figure for r in rows if r.passed is False})
    for figure in missed:
        print(f"  {figure}: {PROFILE_HINTS.get(figure, 'profile it')}", file=sys.stdout)


__all__ = ["markdown", "print_table", "summary", "table_text"]

"""For developers: load a plan and ask it questions.

    python examples/query_plan.py examples/plans/tonghua.txt 2022-09 各级消防救援机构

prints, for each plan in the file, the measures that fall due in a month and
everything one unit owns, by role.  A unit is matched by its full name, so
``区经发局`` also finds the measures whose list wrote ``经发局`` after
``区应急管理局、``, and by the abbreviations the installed layouts declare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import defaultdict

import safetyplan
from safetyplan.layouts.units import unit_key


def due_in_month(plan: safetyplan.Plan, year: int, month: int) -> list[tuple[dt.date, safetyplan.Measure]]:
    """Measures with a deadline in the given month, soonest first; a measure
    with two deadlines on one day is listed once."""
    hits = {
        (d.due, id(m)): (d.due, m)
        for m in plan.measures()
        for d in m.deadlines
        if d.due is not None and (d.due.year, d.due.month) == (year, month)
    }
    return sorted(hits.values(), key=lambda hit: hit[0])


def owned_by(plan: safetyplan.Plan, unit: str) -> dict[safetyplan.Role, list[safetyplan.Measure]]:
    """Every measure naming ``unit`` (abbreviations and aliases resolved), by role."""
    key = unit_key(unit)
    owned: dict[safetyplan.Role, list[safetyplan.Measure]] = defaultdict(list)
    for m in plan.measures():
        for a in m.assignments:
            if unit_key(a.name) == key and m not in owned[a.role]:
                owned[a.role].append(m)
    return owned


def year_month(text: str) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month), for argparse."""
    try:
        day = dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month: {text!r} (write it as YYYY-MM, e.g. 2022-09)") from None
    return day.year, day.month


def report(plan: safetyplan.Plan, year: int, month: int, unit: str) -> list[str]:
    """The lines printed for one plan."""
    lines = [plan.title, "", f"Due in {year}-{month:02d}:"]
    due = due_in_month(plan, year, month)
    lines += [f"  {day}  {m.part.value} {m.label}  {m.text[:40]}" for day, m in due] or ["  nothing"]
    lines += ["", f"{unit}:"]
    owned = owned_by(plan, unit)
    lines += [
        f"  {role.value}: " + ", ".join(f"{m.part.value} {m.label}" for m in measures)
        for role, measures in owned.items()
    ] or ["  named for no measure"]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plan", help="a plan file (.txt, .docx, .html, .xml, .json)")
    parser.add_argument("month", type=year_month, help="YYYY-MM")
    parser.add_argument("unit", help="a unit's name, e.g. 区应急管理局")
    args = parser.parse_args()
    try:
        plans = safetyplan.load_all(args.plan)
    except safetyplan.SafetyPlanError as error:
        print(error, file=sys.stderr)
        return 1
    year, month = args.month
    for i, plan in enumerate(plans):
        if i:
            print("\n" + "-" * 40 + "\n")
        print("\n".join(report(plan, year, month, args.unit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

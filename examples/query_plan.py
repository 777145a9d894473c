"""For developers: load a plan and ask it questions.

    python examples/query_plan.py examples/plans/tonghua.txt 2022-09 各级消防救援机构

prints what falls due in a month, and everything one unit owns, with its role.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import defaultdict

import safetyplan
from safetyplan.layouts.units import unit_key


def due_in_month(plan: safetyplan.Plan, year: int, month: int) -> list[tuple[dt.date, safetyplan.Measure]]:
    """Measures with a deadline in the given month, soonest first."""
    hits = [
        (d.due, m)
        for m in plan.measures()
        for d in m.deadlines
        if d.due is not None and (d.due.year, d.due.month) == (year, month)
    ]
    return sorted(hits, key=lambda hit: hit[0])


def owned_by(plan: safetyplan.Plan, unit: str) -> dict[safetyplan.Role, list[safetyplan.Measure]]:
    """Every measure naming ``unit`` (abbreviations and aliases resolved), by role."""
    key = unit_key(unit)
    owned: dict[safetyplan.Role, list[safetyplan.Measure]] = defaultdict(list)
    for m in plan.measures():
        for a in m.assignments:
            if unit_key(a.name) == key:
                owned[a.role].append(m)
    return owned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plan")
    parser.add_argument("month", help="YYYY-MM")
    parser.add_argument("unit")
    args = parser.parse_args()
    plan = safetyplan.load(args.plan)
    year, month = (int(x) for x in args.month.split("-"))

    print(f"{plan.title}\n\nDue in {args.month}:")
    for due, m in due_in_month(plan, year, month):
        print(f"  {due}  {m.part} {m.label}  {m.text[:40]}")

    print(f"\n{args.unit}:")
    for role, measures in owned_by(plan, args.unit).items():
        print(f"  {role.value}: " + ", ".join(f"{m.part} {m.label}" for m in measures))


if __name__ == "__main__":
    main()

"""For clerks: turn every plan in a folder into the Word files the office uses.

    python examples/convert_folder.py examples/plans out/

writes, per plan, the task allocation table (任务分工表), the plan in the GB/T
9704 layout (正文) and the per-unit responsibility lists (责任清单), prints each
file it wrote, and reports a file it could not read or write on one line
without stopping; the exit code is 1 when any file failed.

The command line writes one kind of Word document per run:
``safetyplan convert plans/ --to docx --kind document -o out/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import safetyplan

KINDS = {"table": "任务分工表", "document": "正文", "units": "责任清单"}
"""The Word kinds written for every plan, and the word each file name ends with."""

PLAN_SUFFIXES = {".txt", ".md", ".docx", ".html", ".htm", ".xml", ".json"}


def plan_files(folder: Path) -> list[Path]:
    """The plan files directly in ``folder``, sorted, leaving out hidden files
    and the lock files Word leaves beside open documents (``~$…``)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES and not p.name.startswith((".", "~$"))
    )


def convert(folder: Path, out: Path) -> int:
    """Convert every plan file in ``folder`` into ``out``; return how many files failed."""
    failed = 0
    for path in plan_files(folder):
        try:
            plans = safetyplan.load_all(path)
            for i, plan in enumerate(plans, start=1):
                stem = path.stem if len(plans) == 1 else f"{path.stem}.{i}"
                for kind, name in KINDS.items():
                    print(safetyplan.dump(plan, out / f"{stem}-{name}.docx", kind=kind))
        except safetyplan.SafetyPlanError as error:
            print(f"skipped: {error}", file=sys.stderr)
            failed += 1
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="the folder holding the plans")
    parser.add_argument("out", type=Path, help="the folder for the Word files (created); not the plans' folder")
    args = parser.parse_args()
    if not args.folder.is_dir():
        parser.error(f"not a folder: {args.folder}")
    if args.out.resolve() == args.folder.resolve():
        parser.error("write the Word files into another folder, or the next run would read them as plans")
    return 1 if convert(args.folder, args.out) else 0


if __name__ == "__main__":
    sys.exit(main())

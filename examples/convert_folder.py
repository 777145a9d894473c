"""For clerks: turn every plan in a folder into the Word files the office uses.

    python examples/convert_folder.py examples/plans out/

writes, per plan, a task allocation table, the plan in GB/T 9704 layout and the
per-unit responsibility lists, and reports files it could not read without
stopping.  (The command line does the same: ``safetyplan convert DIR/*.txt
--to docx --kind table -o out/``.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import safetyplan

KINDS = {"table": "任务分工表", "document": "正文", "units": "责任清单"}


def convert(folder: Path, out: Path) -> int:
    """Convert every .txt/.docx in ``folder``; return how many files failed."""
    failed = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".docx", ".md"}):
        try:
            plans = safetyplan.load_all(path)
        except safetyplan.SafetyPlanError as error:
            print(f"skipped: {error}", file=sys.stderr)
            failed += 1
            continue
        for i, plan in enumerate(plans, start=1):
            stem = path.stem if len(plans) == 1 else f"{path.stem}.{i}"
            for kind, name in KINDS.items():
                target = safetyplan.dump(plan, out / f"{stem}-{name}.docx", kind=kind)
                print(target)
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    sys.exit(1 if convert(args.folder, args.out) else 0)


if __name__ == "__main__":
    main()

"""For clerks: fill your office's own Word template with a plan.

    python examples/custom_template.py examples/plans/xinjian.txt examples/templates/notice.docx out/

writes ``out/xinjian.docx`` (``out/<name>.1.docx``, ``.2`` … for a file that
holds several plans) and prints the filled document's text, read back from
the file, so you can check the wording before printing.  A template is any
.docx with docxtpl tags — ``{{ plan.title }}``, ``{%tr for m in measures %}``
… ``{%tr endfor %}`` — start from one in examples/templates/ and change it in
Word.  With ``--names`` the script prints the names your template can use
instead (docs/templates.md says what each one holds).

The command line does the same:
``safetyplan convert plan.txt --to docx --template notice.docx -o out/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import safetyplan
from safetyplan.writers.docx.context import template_context


def fill(plan_file: Path, template: Path, out: Path) -> list[Path]:
    """Fill ``template`` once per plan in ``plan_file``; the files written."""
    plans = safetyplan.load_all(plan_file)
    written = []
    for i, plan in enumerate(plans, start=1):
        name = plan_file.stem if len(plans) == 1 else f"{plan_file.stem}.{i}"
        written.append(safetyplan.dump(plan, out / f"{name}.docx", kind="template", template=template))
    return written


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def filled_text(docx: Path) -> list[str]:
    """The text of a Word file as safetyplan reads it: paragraphs, and table
    rows with their cells (shortened) separated by `` | ``."""
    document = safetyplan.read_document(docx)
    assert isinstance(document, safetyplan.Document)
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, safetyplan.Paragraph):
            lines.append(block.text)
        else:
            lines.extend(" | ".join(_short(text) for text in row.texts) for row in block.rows)
    return lines


def names(context: dict[str, Any], prefix: str = "") -> list[str]:
    """The names a template can use: each value, and for a list of records
    the names an item has (``measures[].lead_text``)."""
    out: list[str] = []
    for key, value in context.items():
        out.append(prefix + key)
        if isinstance(value, dict):
            out.extend(names(value, f"{prefix}{key}."))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out.extend(names(value[0], f"{prefix}{key}[]."))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plan", type=Path, help="a plan file")
    parser.add_argument("template", type=Path, nargs="?", help="a .docx holding docxtpl tags")
    parser.add_argument("out", type=Path, nargs="?", help="the folder for the filled documents (created)")
    parser.add_argument("--names", action="store_true", help="print the names a template can use, and stop")
    args = parser.parse_args()
    try:
        if args.names:
            for plan in safetyplan.load_all(args.plan)[:1]:
                print("\n".join(names(template_context(plan))))
            return 0
        if args.template is None or args.out is None:
            parser.error("give the template and the output folder (or --names)")
        for path in fill(args.plan, args.template, args.out):
            print(f"{path}:")
            print("\n".join(f"    {line}" for line in filled_text(path) if line.strip()))
    except safetyplan.SafetyPlanError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

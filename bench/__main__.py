"""``python -m bench``: run the benchmarks, print the table, write docs/performance.md."""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from .inputs import DEFAULT_CORPUS, ROOT, corpus_files
from .measure import Row, skipped

FIGURES = ("import", "docx", "xml", "scale", "startup", "batch", "peer")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and smaller inputs (a rough pass)")
    parser.add_argument(
        "--only",
        metavar="LIST",
        help=f"comma-separated figures to run: {', '.join(FIGURES)} (default: all)",
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of sample plans")
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the Markdown report (default docs/performance.md for a full run; "
        "--quick and --only write nothing unless this is given)",
    )
    args = parser.parse_args(argv)
    only = [f.strip() for f in (args.only or ",".join(FIGURES)).split(",") if f.strip()]
    unknown = sorted(set(only) - set(FIGURES))
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(unknown)} (choose from {', '.join(FIGURES)})")
    args.figures = only
    if args.output is None and not args.quick and not args.only:
        args.output = ROOT / "docs" / "performance.md"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import safetyplan  # noqa: F401  (the benchmarks need the package installed)
    except ImportError as exc:
        print(f"bench: cannot import safetyplan ({exc}); install it with pip install -e .", file=sys.stderr)
        return 2
    if not args.corpus.is_dir():
        print(f"bench: corpus folder not found: {args.corpus} (give one with --corpus)", file=sys.stderr)
        return 2

    from . import commands, library, scale
    from .report import markdown, print_table

    quick = args.quick
    repeats = 3 if quick else 7
    files = corpus_files(args.corpus)
    corpus = library.load_corpus(files) if {"import", "docx", "xml", "batch", "peer"} & set(args.figures) else []
    imported = [doc.path for doc in corpus if not doc.error]

    rows: list[Row] = []

    def run(name: str, label: str, fn: Callable[[], list[Row]]) -> None:
        if name not in args.figures:
            return
        print(f"bench: {label} …", file=sys.stderr, flush=True)
        try:
            rows.extend(fn())
        except Exception as exc:  # a figure that breaks must not take the others down
            traceback.print_exc(file=sys.stderr)
            rows.append(skipped(label, "all", "", f"error: {type(exc).__name__}: {exc}"))

    # The figures that need the whole machine — fresh processes, both cores —
    # run first, before a long run gives other work time to start.
    with tempfile.TemporaryDirectory(prefix="safetyplan-bench-") as tmp:
        run("startup", "5 start-up", lambda: commands.figure_startup(repeats=5 if quick else 15))
        run(
            "batch",
            "6 batch",
            lambda: commands.figure_batch(imported, files=50 if quick else 500, rounds=1 if quick else 2),
        )
        run("import", "1 import", lambda: library.figure_import(corpus, repeats=repeats))
        run("docx", "2 docx table", lambda: library.figure_docx_table(corpus, repeats=repeats))
        run("xml", "3 xml write+read", lambda: library.figure_xml(corpus, repeats=repeats))
        run(
            "scale",
            "4 scale",
            lambda: scale.figure_scale(Path(tmp), small=200 if quick else 1000, repeats=3 if quick else 5),
        )
        run("peer", "7 peer", lambda: commands.figure_peer(imported, repeats=1 if quick else 3))
    rows.sort(key=lambda row: row.figure.split(" ", 1)[0])  # stable: cases keep their order

    if not any(r.value for r in rows):
        print_table(rows)
        print("bench: nothing could be measured", file=sys.stderr)
        return 1
    print()
    print_table(rows)
    if args.output:
        command = "python -m bench" + (" " + " ".join(argv) if argv else "")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(markdown(rows, command=command), encoding="utf-8")
        print(f"\nwritten: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

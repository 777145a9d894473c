"""The ``safetyplan`` command line.

    safetyplan convert INPUT... --to xml|json|docx -o DIR   many files, one output per plan
    safetyplan inspect INPUT...                             the plan's tree, and text not placed
    safetyplan plugins                                      every reader, layout and writer installed
    safetyplan validate FILE.xml...                         check XML against the shipped schema

Exit codes: 0 everything worked; 1 an input failed (the others were still
converted) or was not valid; 2 the command line itself was wrong (unknown
option, region, format or kind); 3 an internal error, which is a bug; 130
interrupted.  Every failure is one line on stderr — the file, what is wrong
and what to do — and ``--debug`` adds the traceback.

Start-up is kept short for interactive use: this module imports only
``argparse`` at the top, and each command imports what it needs (python-docx,
lxml and tqdm only where a command writes or shows progress).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from .batch import Outcome
    from .model import Plan
    from .registry import Registered

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

PROG = "safetyplan"

EPILOG = """\
exit codes: 0 ok; 1 an input failed or is invalid; 2 wrong command line
(unknown option, region, format or kind); 3 internal error (a bug: please
report it with the --debug output); 130 interrupted.
"""

CONVERT_EPILOG = (
    """\
outputs: a file INPUT writes DIR/<stem><suffix> (.xml, .json, .docx); a folder
INPUT is searched for every file a reader claims, keeping its sub-folders under
DIR (DIR itself is skipped).  A file holding several plans writes one output
per plan, numbered in document order: DIR/<stem>.1.xml, DIR/<stem>.2.xml, ...
An output never replaces an input; two inputs with the same output name are
reported, not overwritten.  Each output appears complete or not at all.

A bad input is reported on one line and the others are still converted; the
exit code is 1 when any input failed.  A progress bar is shown on stderr when
it is a terminal.
"""
    + EPILOG
)


class UsageError(Exception):
    """A command-line value that cannot be used (exit 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors raised, so that main() returns the exit
    code instead of calling sys.exit (and tests can call main())."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def parse_size(text: str) -> int:
    """``--max-size`` values: bytes, or with a K, M or G suffix (×1024)."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    raw = text.strip().lower().removesuffix("b").removesuffix("i")
    factor = 1
    if raw and raw[-1] in units:
        factor, raw = units[raw[-1]], raw[:-1]
    try:
        value = int(float(raw) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use bytes, or e.g. 200K, 80M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive: {text!r}")
    return value


def parse_jobs(text: str) -> int:
    """``--jobs`` values: a count of processes, 0 for one per core."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 (one per core) or more")
    return value or (os.cpu_count() or 1)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Read Chinese safety-production plans; write Word, XML and JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks for errors")
    reading = _Parser(add_help=False)
    reading.add_argument("--region", metavar="NAME", help="the plan's layout (name or alias); default: detected")
    reading.add_argument(
        "--max-size",
        metavar="BYTES",
        type=parse_size,
        help="refuse inputs larger than this (bytes, or 200K, 80M; default 50M)",
    )

    convert = sub.add_parser(
        "convert",
        parents=[common, reading],
        help="convert plans to XML, JSON or Word",
        description="Convert plan files (or folders of them) to XML, JSON or Word documents.",
        epilog=CONVERT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help="plan files or folders")
    convert.add_argument(
        "--to",
        required=True,
        action="append",
        metavar="FORMAT",
        help="output format: xml, json or docx; repeat (or use xml,docx) to write several from one read",
    )
    convert.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the outputs (created)")
    convert.add_argument(
        "--kind",
        metavar="KIND",
        help="which Word document: table (task allocation table, the default), document (the full plan), "
        "units (per-unit lists) or template (with --template)",
    )
    convert.add_argument("--template", metavar="FILE.docx", help="fill this Word template (docxtpl tags)")
    convert.add_argument(
        "-j",
        "--jobs",
        type=parse_jobs,
        default=1,
        metavar="N",
        help="convert in N processes (0: one per core; default 1)",
    )
    convert.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    convert.set_defaults(run=cmd_convert)

    inspect = sub.add_parser(
        "inspect",
        parents=[common, reading],
        help="show a plan's tree",
        description="Show each plan's metadata, sections with their measures, units, deadlines "
        "and any text the layout could not place.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inspect.add_argument("inputs", nargs="+", metavar="INPUT", help="plan files")
    inspect.add_argument("--brief", action="store_true", help="sections with measure counts, no measure lines")
    inspect.set_defaults(run=cmd_inspect)

    plugins = sub.add_parser(
        "plugins",
        parents=[common],
        help="list installed readers, layouts and writers",
        description="List every reader, layout and writer with the plugin, distribution and version it comes from.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    plugins.set_defaults(run=cmd_plugins)

    validate = sub.add_parser(
        "validate",
        parents=[common],
        help="check XML files against the safetyplan schema",
        description="Check safetyplan XML files against the XSD shipped in the package.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("inputs", nargs="+", metavar="FILE.xml", help="XML files")
    validate.set_defaults(run=cmd_validate)
    return parser


# -- output helpers -----------------------------------------------------------


def _say(line: str) -> None:
    print(line, file=sys.stdout)


def _err(line: str) -> None:
    print(line, file=sys.stderr)


def _report_error(exc: BaseException, debug: bool, source: str | None = None) -> None:
    from .batch import error_line

    if debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    _err(error_line(source or PROG, exc))


def _max_bytes(args: argparse.Namespace) -> int:
    from .api import MAX_INPUT_BYTES

    return args.max_size or MAX_INPUT_BYTES


# -- convert --------------------------------------------------------------------


def _targets(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    formats = [f.strip().lower().lstrip(".") for value in args.to for f in value.split(",") if f.strip()]
    if not formats:
        raise UsageError(f"{PROG} convert: --to needs a format (xml, json or docx)")
    kind = args.kind
    if args.template:
        if kind not in (None, "template"):
            raise UsageError(f"{PROG} convert: --template fills a template; it cannot go with --kind {kind}")
        kind = "template"
    elif kind == "template":
        raise UsageError(f"{PROG} convert: --kind template needs --template FILE.docx")
    if kind is not None and "docx" not in formats:
        raise UsageError(f"{PROG} convert: --kind {kind} chooses a Word document; add --to docx")
    return [(f, kind if f == "docx" else None) for f in dict.fromkeys(formats)]


def cmd_convert(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .batch import Settings, Target, plan_jobs, resolve_writers, run
    from .errors import SafetyPlanError
    from .registry import get_registry

    targets = tuple(Target(f, k) for f, k in _targets(args))
    if Path(args.output).exists() and not Path(args.output).is_dir():
        raise UsageError(f"{PROG} convert: -o {args.output} is a file (give a folder for the outputs)")
    options: list[tuple[str, object]] = []
    if args.template:
        template = Path(args.template)
        if not template.is_file():
            raise UsageError(f"{PROG} convert: template not found: {template} (give the path of a .docx file)")
        options.append(("template", str(template)))
    registry = get_registry()
    try:
        resolve_writers(targets)
        if args.region:
            registry.layout(args.region)
    except SafetyPlanError as exc:
        raise UsageError(f"{PROG} convert: {exc}") from None

    suffixes = {s for reader in registry.readers for s in reader.obj.suffixes}
    jobs = plan_jobs(args.inputs, args.output, suffixes=suffixes)
    if not jobs:
        _err(f"{PROG} convert: no readable files in {', '.join(args.inputs)} (readable: {' '.join(sorted(suffixes))})")
        return EXIT_FAILED
    settings = Settings(
        targets,
        region=args.region,
        max_bytes=_max_bytes(args),
        options=tuple(options),
        debug=args.debug,
    )
    report, close = _progress(len(jobs), quiet=args.quiet)
    try:
        outcomes = run(jobs, settings, workers=args.jobs, on_outcome=report)
    finally:
        close()
    failed = [o for o in outcomes if not o.ok]
    # A lone input that failed has said everything in its one error line.
    if not args.quiet and (len(outcomes) > 1 or not failed):
        plans = sum(o.plans for o in outcomes if o.ok)
        files = sum(len(o.outputs) for o in outcomes)
        summary = f"converted {len(outcomes) - len(failed)} of {len(outcomes)} inputs ({plans} plans, {files} files) into {args.output}"
        _err(summary + (f"; {len(failed)} failed" if failed else ""))
    return EXIT_FAILED if failed else EXIT_OK


def _progress(total: int, *, quiet: bool) -> tuple[Callable[[Outcome], None], Callable[[], None]]:
    """A callback reporting each outcome (warnings and errors, one line each)
    and a closer.  The bar goes to stderr only when stderr is a terminal, and
    lines are written through it so the bar is never broken up."""
    show_bar = not quiet and total > 1 and sys.stderr.isatty()
    if not show_bar:

        def report_plain(outcome: Outcome) -> None:
            _emit(outcome, _err)

        return report_plain, lambda: None

    from tqdm import tqdm

    # No monitor thread: worker processes are forked while the bar is alive,
    # and a fork must not copy a thread that may hold a lock.
    tqdm.monitor_interval = 0
    bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)

    def write(line: str) -> None:
        bar.write(line, file=sys.stderr)

    def report_bar(outcome: Outcome) -> None:
        _emit(outcome, write)
        bar.update(1)

    return report_bar, bar.close


def _emit(outcome: Outcome, write: Callable[[str], None]) -> None:
    for warning in outcome.warnings:
        write(f"{outcome.source}: warning: {warning}")
    if outcome.traceback:
        for line in outcome.traceback.rstrip().splitlines():
            write(line)
    if outcome.error:
        write(outcome.error)


# -- inspect --------------------------------------------------------------------


def cmd_inspect(args: argparse.Namespace) -> int:
    from .batch import Settings, load_plans
    from .errors import PlanCountError, SafetyPlanError

    settings = Settings((), region=args.region, max_bytes=_max_bytes(args))
    status = EXIT_OK
    first = True
    for source in args.inputs:
        try:
            from pathlib import Path

            plans, warnings = load_plans(Path(source), settings)
            if not plans:
                raise PlanCountError(
                    "the file holds no plan", 0, path=source, hint="check it is a plan, or try --region"
                )
        except SafetyPlanError as exc:
            _report_error(exc, args.debug, source)
            status = EXIT_FAILED
            continue
        for warning in warnings:
            _err(f"{source}: warning: {warning}")
        for index, plan in enumerate(plans, start=1):
            if not first:
                _say("")
            first = False
            _say(f"{source} — plan {index} of {len(plans)}")
            for line in describe(plan, brief=args.brief):
                _say(line)
    return status


def _short(text: str, width: int = 36) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _measure_line(measure: object) -> str:
    from .model import Measure, Role

    assert isinstance(measure, Measure)
    head = _short(measure.title or measure.text)
    parts = [f"{measure.label} {head}"]
    roles = {Role.LEAD: "lead", Role.SUPPORT: "support", Role.RESPONSIBLE: "units"}
    for role, word in roles.items():
        names = [a.name for a in measure.assignments if a.role is role]
        if names:
            parts.append(f"{word}: {'、'.join(names)}")
    if measure.deadlines:
        parts.append("due: " + "; ".join(_deadline(d) for d in measure.deadlines))
    if measure.recurring:
        parts.append("every: " + "; ".join(d.text for d in measure.recurring))
    return " | ".join(parts)


def _deadline(deadline: object) -> str:
    from .model import Deadline

    assert isinstance(deadline, Deadline)
    out = deadline.text
    if deadline.due is not None:
        out += f" ({deadline.due.isoformat()})"
    if deadline.ongoing:
        out += " (ongoing)"
    return out


def _section_lines(section: object, depth: int, brief: bool) -> list[str]:
    from .model import Measure, Section

    assert isinstance(section, Section)
    indent = "  " * depth
    count = sum(1 for _ in section.measures())
    lines = [f"{indent}{section.heading}  [{count} measure{'s' if count != 1 else ''}]"]
    for child in section.children:
        if isinstance(child, Measure):
            if not brief:
                lines.append(f"{indent}  {_measure_line(child)}")
        else:
            lines.extend(_section_lines(child, depth + 1, brief))
    return lines


def describe(plan: Plan, *, brief: bool = False) -> list[str]:
    """The lines ``safetyplan inspect`` prints for one plan."""
    from collections import Counter

    from .model import Part, Role

    lines: list[str] = []
    fields: list[tuple[str, object]] = [
        ("title", plan.title),
        ("region", plan.region),
        ("issuer", plan.issuer),
        ("doc number", plan.doc_number),
        ("issued", plan.issue_date),
        ("year", plan.year),
        ("recipients", "、".join(plan.recipients)),
        ("cc", "、".join(plan.cc)),
        ("printed by", plan.printed_by),
        ("printed on", plan.printed_date),
    ]
    for name, value in fields:
        if value not in (None, ""):
            lines.append(f"  {name + ':':<12}{value}")

    measures = list(plan.measures())
    body = sum(1 for m in measures if m.part is Part.BODY)
    units: dict[str, Counter[Role]] = {}
    for measure in measures:
        for assignment in measure.assignments:
            units.setdefault(assignment.name, Counter())[assignment.role] += 1
    dated = sum(1 for m in measures if m.deadlines)
    lines.append(
        f"  {'measures:':<12}{len(measures)} ({body} body, {len(measures) - body} attachment); "
        f"{len(units)} units; {dated} with deadlines"
    )

    lines.append("  sections:")
    for section in plan.sections:
        lines.extend(_section_lines(section, 2, brief))
    for attachment in plan.attachments:
        count = sum(1 for _ in attachment.measures())
        lines.append(f"  attachment {attachment.label} {attachment.title}  [{count} measures]")
        for section in attachment.sections:
            lines.extend(_section_lines(section, 2, brief))

    if units:
        lines.append("  units:")
        for name, roles in sorted(units.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            counts = ", ".join(f"{roles[r]} {r.value}" for r in Role if roles[r])
            lines.append(f"    {name}  ({counts})")
    deadlines = Counter(_deadline(d) for m in measures for d in m.deadlines)
    if deadlines:
        lines.append("  deadlines:")
        for text, n in sorted(deadlines.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"    {text}  ×{n}" if n > 1 else f"    {text}")
    if plan.phases:
        lines.append("  phases:")
        for phase in plan.phases:
            window = f"  {phase.window}" if phase.window else ""
            lines.append(f"    {phase.label}{phase.title}{window}")
    if plan.reporting:
        lines.append("  reporting:")
        for report in plan.reporting:
            lines.append(f"    {_short(report.text, 60)}")
    others = Counter(n.kind for n in plan.notes if n.kind != "unplaced")
    if others:
        lines.append("  notes:      " + ", ".join(f"{n} {kind}" for kind, n in sorted(others.items())))
    unplaced = plan.unplaced
    lines.append(f"  unplaced text: {len(unplaced) or 'none'}")
    for note in unplaced:
        where = f"line {note.span.start}: " if note.span else ""
        lines.append(f"    {where}{note.text}")
    return lines


# -- plugins --------------------------------------------------------------------


def _display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def cmd_plugins(args: argparse.Namespace) -> int:
    from .registry import get_registry

    registry = get_registry()

    def origin(reg: Registered[Any]) -> tuple[str, str]:
        return reg.plugin, f"{reg.distribution} {reg.version}"

    rows: list[tuple[str, ...]] = []
    for r in registry.readers:
        rows.append(("reader", r.obj.name, " ".join(r.obj.suffixes), *origin(r)))
    for lay in registry.layouts:
        aliases = ", ".join(lay.obj.aliases)
        rows.append(("layout", lay.obj.name, f"aliases: {aliases}" if aliases else "", *origin(lay)))
    for w in registry.writers:
        name = w.obj.format + (f"/{w.obj.kind}" if w.obj.kind else "")
        rows.append(("writer", name, w.obj.suffix + (" (default)" if w.obj.default and w.obj.kind else ""), *origin(w)))
    header = ("TYPE", "NAME", "HANDLES", "PLUGIN", "DISTRIBUTION")
    widths = [max(_display_width(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell + " " * (width - _display_width(cell)) for cell, width in zip(row, widths, strict=False)]
        _say("  ".join([*cells, row[-1]]).rstrip())
    if not registry.layouts:
        _err(f"{PROG}: no regional layouts are installed; inputs need a layout package")
    return EXIT_OK


# -- validate -------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from .errors import SafetyPlanError
    from .formats.xml import validate

    status = EXIT_OK
    for source in args.inputs:
        try:
            validate(source)
        except SafetyPlanError as exc:
            _report_error(exc, args.debug, source)
            status = EXIT_FAILED
            continue
        _say(f"{source}: valid")
    return status


# -- main -----------------------------------------------------------------------


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PROG)
    except PackageNotFoundError:
        return "unknown"


def _quiet_broken_pipe() -> None:
    """A reader such as ``head`` closed stdout: stop quietly, as cat does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits
    with it)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = build_parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        try:
            args = parser.parse_args(args_list)
        except SystemExit as exc:  # --help printed
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        if args.version:
            _say(f"{PROG} {_version()}")
            return EXIT_OK
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        debug = args.debug
        status: int = args.run(args)
        sys.stdout.flush()
        return status
    except UsageError as exc:
        _err(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_broken_pipe()
        return EXIT_FAILED
    except Exception as exc:
        from .errors import SafetyPlanError

        _report_error(exc, debug)
        return EXIT_FAILED if isinstance(exc, SafetyPlanError) else EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())

"""Converting many files at once: the engine behind ``safetyplan convert``.

Each input is converted on its own — read, parse, write every format asked
for — and a failure becomes a one-line report for that input while the rest go
on.  With more than one job the inputs are spread over worker processes, not
threads: reading and parsing are pure Python and hold the GIL.  The largest
files are handed out first so that one big file does not finish alone at the
end of a batch.

Output names: ``INPUT`` given as a file writes ``OUT/<stem><suffix>``; a
folder given as input is searched for every file a reader claims, and its
sub-folders are kept under ``OUT``.  A file holding several plans writes one
output per plan, numbered from 1 in document order: ``OUT/<stem>.1<suffix>``,
``OUT/<stem>.2<suffix>`` …  Two inputs that would write the same output, and
an output that would land on an input, are reported as failures of the later
input, never written over.

    >>> from safetyplan.batch import Settings, Target, plan_jobs, run
    >>> jobs = plan_jobs(["plans/"], "out", suffixes=(".txt",))      # doctest: +SKIP
    >>> outcomes = run(jobs, Settings((Target("xml"),)), workers=2)  # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import IO, Any

import attrs

from .api import MAX_INPUT_BYTES, parse, read_document, write_atomic
from .document import Document
from .errors import PlanCountError, SafetyPlanError
from .hookspecs import Writer
from .model import Plan
from .registry import Registered, get_registry


@attrs.frozen
class Target:
    """One output to write for every plan: a format and, for formats with
    several writers (docx), the kind."""

    format: str
    kind: str | None = None


@attrs.frozen
class Settings:
    """What every input of a batch is converted with.

    ``options`` are handed to each writer (the Word template writer reads
    ``template``); they are pairs so that Settings stays hashable and cheap to
    send to a worker process.
    """

    targets: tuple[Target, ...]
    region: str | None = None
    max_bytes: int = MAX_INPUT_BYTES
    options: tuple[tuple[str, Any], ...] = ()
    debug: bool = False


@attrs.frozen
class Job:
    """One input and where its outputs go.

    ``stem`` is the output path without suffix; ``protected`` the inputs an
    output of this job could land on, checked again at write time; ``error``
    a reason found while planning the batch not to run it at all.
    """

    source: Path
    stem: Path
    protected: tuple[Path, ...] = ()
    error: str | None = None


@attrs.frozen
class Outcome:
    """What converting one input did: files written, plans found, the
    reader's repair warnings, or the one-line error."""

    source: str
    outputs: tuple[str, ...] = ()
    plans: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None
    traceback: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def one_line(text: str) -> str:
    """Fold a message onto one line: a report must never span lines, even
    when a plugin's exception text holds newlines."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def error_line(source: str | os.PathLike[str], exc: BaseException) -> str:
    """The one line reported for ``exc`` raised while converting ``source``:
    the error's own text where it names a file, else prefixed with the input."""
    if isinstance(exc, SafetyPlanError):
        return one_line(str(exc) if exc.path else f"{source}: {exc}")
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return one_line(f"{source}: internal error: {detail} (run with --debug for the traceback)")


def resolve_writers(targets: Iterable[Target]) -> list[Registered[Writer]]:
    """The writer for each target; raises UnknownFormatError for a format or
    kind nothing installed writes, before any file is touched."""
    registry = get_registry()
    return [registry.writer_for(t.format, t.kind) for t in targets]


# -- planning ---------------------------------------------------------------


def _walk(folder: Path, suffixes: frozenset[str], skip: Path) -> Iterator[Path]:
    """Files under ``folder`` a reader claims, sorted, leaving out hidden
    files and folders, Word's ``~$`` lock files and the output folder (so a
    second run does not convert its own outputs)."""
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _real(here / d) != skip)
        for name in sorted(files):
            if name.startswith((".", "~$")):
                continue
            if Path(name).suffix.lower() in suffixes:
                yield here / name


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def plan_jobs(
    inputs: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    suffixes: Iterable[str],
) -> list[Job]:
    """One Job per input file, in the order given (folders expanded in sorted
    order).  A path that does not exist stays a Job, so that it is reported
    like any other bad input."""
    out = Path(out_dir)
    real_out = _real(out)
    claimed = frozenset(s.lower() for s in suffixes)
    pairs: list[tuple[Path, Path]] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for found in _walk(path, claimed, real_out):
                pairs.append((found, out / found.relative_to(path).with_suffix("")))
        else:
            pairs.append((path, out / Path(path.name).with_suffix("")))

    by_folder: dict[Path, list[Path]] = {}
    for source, _ in pairs:
        by_folder.setdefault(_real(source.parent), []).append(source)

    jobs: list[Job] = []
    first_for_stem: dict[Path, Path] = {}
    seen_sources: set[Path] = set()
    for source, stem in pairs:
        real_source = _real(source)
        if real_source in seen_sources:
            continue
        seen_sources.add(real_source)
        key = _real(stem)
        if key in first_for_stem:
            other = first_for_stem[key]
            jobs.append(
                Job(
                    source,
                    stem,
                    error=f"{source}: its output {stem}.* would also be written for {other} "
                    "(convert one of them into another folder)",
                )
            )
            continue
        first_for_stem[key] = source
        neighbours = by_folder.get(key.parent, [])
        protected = tuple(p for p in neighbours if p.name.startswith(stem.name + "."))
        jobs.append(Job(source, stem, protected))
    return jobs


def output_paths(stem: Path, suffix: str, count: int) -> list[Path]:
    """Where the outputs for ``count`` plans go: ``stem+suffix`` for one plan,
    ``stem.1+suffix`` … for several."""
    if count == 1:
        return [stem.with_name(stem.name + suffix)]
    return [stem.with_name(f"{stem.name}.{i}{suffix}") for i in range(1, count + 1)]


# -- converting -------------------------------------------------------------


def load_plans(source: Path, settings: Settings) -> tuple[list[Plan], tuple[str, ...]]:
    """Every plan in ``source`` with the reader's warnings."""
    result = read_document(source, max_bytes=settings.max_bytes)
    if isinstance(result, Document):
        return parse(result, settings.region), result.warnings
    return list(result), ()


def convert_one(job: Job, settings: Settings) -> Outcome:
    """Convert one input; never raises except on KeyboardInterrupt."""
    source = str(job.source)
    if job.error:
        return Outcome(source, error=job.error)
    outputs: list[str] = []
    plans: list[Plan] = []
    warnings: tuple[str, ...] = ()
    try:
        plans, warnings = load_plans(job.source, settings)
        if not plans:
            raise PlanCountError(
                "the file holds no plan",
                0,
                path=source,
                hint="check it is a plan, or name its layout with --region",
            )
        writers = resolve_writers(settings.targets)
        options = dict(settings.options)
        protected = {str(p): p for p in (job.source, *job.protected)}
        for writer in writers:
            for plan, target in zip(plans, output_paths(job.stem, writer.obj.suffix, len(plans)), strict=True):
                write_atomic(target, _write_with(writer, plan, options), inputs=protected)
                outputs.append(str(target))
    except SafetyPlanError as exc:
        return Outcome(source, tuple(outputs), len(plans), warnings, error_line(source, exc), _trace(settings))
    except Exception as exc:
        return Outcome(source, tuple(outputs), len(plans), warnings, error_line(source, exc), _trace(settings))
    return Outcome(source, tuple(outputs), len(plans), warnings)


def _write_with(writer: Registered[Writer], plan: Plan, options: dict[str, Any]) -> Callable[[IO[bytes]], None]:
    def write(stream: IO[bytes]) -> None:
        writer.call("writing", lambda: writer.obj.write(plan, stream, options))  # type: ignore[arg-type]

    return write


def _trace(settings: Settings) -> str | None:
    return traceback.format_exc() if settings.debug else None


# -- running ----------------------------------------------------------------


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which stops handing out
    work; a worker finishes the file it is writing, so no output is cut."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def run(
    jobs: Sequence[Job],
    settings: Settings,
    *,
    workers: int = 1,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Convert every job; outcomes come back in job order, and each is also
    handed to ``on_outcome`` as soon as it is known (in completion order)."""
    outcomes: list[Outcome | None] = [None] * len(jobs)

    def done(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if on_outcome is not None:
            on_outcome(outcome)

    runnable = [i for i, job in enumerate(jobs) if job.error is None]
    for i, job in enumerate(jobs):
        if job.error is not None:
            done(i, Outcome(str(job.source), error=job.error))

    if workers <= 1 or len(runnable) <= 1:
        for i in runnable:
            done(i, convert_one(jobs[i], settings))
    else:
        _run_pool(jobs, runnable, settings, min(workers, len(runnable)), done)
    return [o for o in outcomes if o is not None]


def _run_pool(
    jobs: Sequence[Job],
    runnable: list[int],
    settings: Settings,
    workers: int,
    done: Callable[[int, Outcome], None],
) -> None:
    # fork where the platform has it: workers inherit the loaded plugins and
    # start in milliseconds instead of importing everything again.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    order = sorted(runnable, key=lambda i: -_size(jobs[i].source))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint)
    try:
        futures: dict[Future[Outcome], int] = {pool.submit(convert_one, jobs[i], settings): i for i in order}
        for future in as_completed(futures):
            index = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker process died (killed, out of memory)
                source = str(jobs[index].source)
                outcome = Outcome(
                    source, error=one_line(f"{source}: worker process failed: {exc or type(exc).__name__}")
                )
            done(index, outcome)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


__all__ = [
    "Job",
    "Outcome",
    "Settings",
    "Target",
    "convert_one",
    "error_line",
    "load_plans",
    "one_line",
    "output_paths",
    "plan_jobs",
    "resolve_writers",
    "run",
]

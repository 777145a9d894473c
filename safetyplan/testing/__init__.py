"""The plugin author kit: standard conformance checks for a layout package.

A region that writes its own layout gets the same checks the built-in layouts
pass, on its own sample documents and gold files, by subclassing
:class:`LayoutConformance` in its test suite::

    # tests/test_conformance.py of a layout package
    from safetyplan.testing import LayoutConformance

    class TestMyRegion(LayoutConformance):
        layout = "myregion"          # the layout's name
        samples = "samples/*.txt"    # glob, relative to this test file
        gold = "gold"                # folder of <sample>.<n>.gold.json (optional)

pytest then runs, for every sample: detection picks the layout; the parse
yields plans with measures; no text is left unplaced; XML and JSON round trips
give equal plans; every installed writer runs; and, where a gold file is
given, every gold score is 1.0.  Each failure message says which sample, which
check and what differed.

This module is registered as a pytest plugin (entry point ``pytest11``), so
installing safetyplan is all a layout package needs; the hook below only acts
on subclasses of :class:`LayoutConformance`.
"""

from __future__ import annotations

import inspect
import io
from pathlib import Path
from typing import Any, ClassVar

import pytest

from ..model import Plan
from .gold import SCORES, load_gold, score_plan

__all__ = ["LayoutConformance", "pytest_generate_tests"]


class LayoutConformance:
    """Base class of a layout package's conformance tests.

    Set ``layout`` (the name the layout registers), ``samples`` (a glob
    relative to the test file) and optionally ``gold`` (a folder relative to
    the test file).  Set ``check_unplaced = False`` only for a layout whose
    documents knowingly carry text outside any plan.
    """

    layout: ClassVar[str] = ""
    samples: ClassVar[str] = ""
    gold: ClassVar[str | None] = None
    check_unplaced: ClassVar[bool] = True

    @classmethod
    def _here(cls) -> Path:
        return Path(inspect.getfile(cls)).resolve().parent

    @classmethod
    def sample_paths(cls) -> list[Path]:
        if not cls.layout or not cls.samples:
            raise pytest.UsageError(f"{cls.__name__}: set the class attributes 'layout' and 'samples'")
        paths = sorted(cls._here().glob(cls.samples))
        if not paths:
            raise pytest.UsageError(f"{cls.__name__}: no sample matches {cls.samples!r} beside {cls._here()}")
        return paths

    # -- the checks ----------------------------------------------------------

    def test_detection_picks_layout(self, sample: Path) -> None:
        import safetyplan

        document = safetyplan.read_document(sample)
        assert isinstance(document, safetyplan.Document), f"{sample.name}: the reader returned plans, not a document"
        scores = safetyplan.detect(document)
        best = next(iter(scores), None)
        assert best == self.layout, (
            f"{sample.name}: detection picked {best!r}, not {self.layout!r}; scores: "
            + ", ".join(f"{k} {v:.2f}" for k, v in scores.items())
        )

    def test_parse_yields_measures(self, sample: Path) -> None:
        plans = _load(sample, self.layout)
        assert plans, f"{sample.name}: the layout returned no plan"
        for i, plan in enumerate(plans):
            assert plan.title, f"{sample.name} plan {i}: no title"
            assert any(True for _ in plan.measures()), f"{sample.name} plan {i} ({plan.title}): no measures"

    def test_no_unplaced_text(self, sample: Path) -> None:
        if not self.check_unplaced:
            pytest.skip("this layout's documents knowingly carry unplaced text")
        for plan in _load(sample, self.layout):
            lines = [f"  line {n.span.start if n.span else '?'}: {n.text[:60]}" for n in plan.unplaced]
            assert not lines, f"{sample.name}: the layout could not place:\n" + "\n".join(lines)

    def test_xml_round_trip(self, sample: Path, tmp_path: Path) -> None:
        self._round_trip(sample, tmp_path, "xml")

    def test_json_round_trip(self, sample: Path, tmp_path: Path) -> None:
        self._round_trip(sample, tmp_path, "json")

    def _round_trip(self, sample: Path, tmp_path: Path, fmt: str) -> None:
        import safetyplan

        for i, plan in enumerate(_load(sample, self.layout)):
            out = safetyplan.dump(plan, tmp_path / f"plan{i}.{fmt}")
            again = safetyplan.load(out)
            assert again == plan, f"{sample.name} plan {i}: {fmt.upper()} round trip changed the plan"

    def test_every_writer_runs(self, sample: Path) -> None:
        from ..registry import get_registry

        plans = _load(sample, self.layout)
        for writer in get_registry().writers:
            if writer.obj.kind == "template":
                continue  # needs a clerk's template; covered by the writer's own tests
            for plan in plans:
                buffer = io.BytesIO()
                writer.obj.write(plan, buffer, {})
                assert buffer.getvalue(), f"{sample.name}: writer {writer.obj.format}/{writer.obj.kind} wrote nothing"

    def test_gold_scores(self, sample: Path) -> None:
        if self.gold is None:
            pytest.skip("no gold folder given")
        gold_files = sorted((self._here() / self.gold).glob(f"{sample.name}.*.gold.json"))
        if not gold_files:
            pytest.skip(f"no gold file for {sample.name}")
        plans = _load(sample, self.layout)
        problems: list[str] = []
        for path in gold_files:
            gold = load_gold(path)
            n = int(gold.get("plan", 0))
            if n >= len(plans):
                problems.append(f"{path.name}: the import has only {len(plans)} plan(s)")
                continue
            result = score_plan(gold, plans[n])
            below = {k: v for k, v in result.scores.items() if v < 1.0}
            if below:
                figures = ", ".join(f"{k} {below[k]:.3f}" for k in SCORES if k in below)
                problems.append(f"{path.name}: {figures}\n    " + "\n    ".join(result.misses[:40]))
        assert not problems, f"{sample.name}: gold scores below 1.0:\n" + "\n".join(problems)


def _load(sample: Path, layout: str) -> list[Plan]:
    import safetyplan

    return safetyplan.load_all(sample, region=layout)


def pytest_generate_tests(metafunc: Any) -> None:
    """Run every conformance check once per sample document."""
    cls = metafunc.cls
    if cls is None or not issubclass(cls, LayoutConformance) or "sample" not in metafunc.fixturenames:
        return
    paths = cls.sample_paths()
    metafunc.parametrize("sample", paths, ids=[p.name for p in paths])

"""Parsing pauses the cyclic garbage collector and always gives its state back."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import safetyplan
from safetyplan.document import Document, Paragraph
from safetyplan.errors import PluginError
from safetyplan.registry import Registry, make_plugin_manager

PLAN = Path(__file__).parents[1] / "examples" / "plans" / "shuangqiao.txt"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_s_state_is_restored_after_a_parse(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert safetyplan.load_all(PLAN)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_collector_runs_again_after_a_layout_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    class Failing:
        name = "failing"
        aliases: tuple[str, ...] = ()
        description = "fails"

        def detect(self, document: Document) -> float:
            return 1.0

        def parse(self, document: Document) -> list[safetyplan.Plan]:
            assert not gc.isenabled()
            raise RuntimeError("broken layout")

    class Plugin:
        @safetyplan.hookimpl
        def safetyplan_layouts(self) -> list[Failing]:
            return [Failing()]

    registry = Registry(make_plugin_manager([Plugin()], entry_points=False))
    monkeypatch.setattr("safetyplan.api.get_registry", lambda: registry)
    assert gc.isenabled()
    with pytest.raises(PluginError, match="broken layout"):
        safetyplan.parse(Document((Paragraph("一、总体要求", 1),)), region="failing")
    assert gc.isenabled()

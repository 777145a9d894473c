"""An installed plugin that cannot be imported is reported by name, as a PluginError."""

from __future__ import annotations

import importlib.metadata

import pluggy
import pytest

from safetyplan.errors import PluginError
from safetyplan.registry import make_plugin_manager


class _BrokenEntryPoint:
    name = "brokenregion"
    dist = None

    def load(self) -> object:
        raise ImportError("No module named 'safetyplan_brokenregion'")


def test_a_plugin_that_fails_to_import_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.metadata.entry_points

    def entry_points(**kw: str) -> object:
        found = list(real(**kw))
        return [*found, _BrokenEntryPoint()] if kw.get("group") == "safetyplan" else found

    def load_setuptools_entrypoints(self: pluggy.PluginManager, group: str, name: str | None = None) -> int:
        _BrokenEntryPoint().load()  # pluggy imports each entry point; this one fails
        return 0

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.setattr(pluggy.PluginManager, "load_setuptools_entrypoints", load_setuptools_entrypoints)
    with pytest.raises(PluginError) as info:
        make_plugin_manager()
    assert "'brokenregion'" in str(info.value)
    assert "failed to load" in str(info.value)
    assert info.value.plugin == "brokenregion"

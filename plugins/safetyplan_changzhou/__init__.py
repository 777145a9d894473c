"""The changzhou layout for safetyplan: see :mod:`.layout`."""

from __future__ import annotations

from safetyplan import hookimpl
from safetyplan.hookspecs import Layout

from .layout import ChangzhouLayout


@hookimpl
def safetyplan_layouts() -> list[Layout]:
    return [ChangzhouLayout()]


__all__ = ["ChangzhouLayout", "safetyplan_layouts"]

"""The tonghua (alias tongzhou) layout for safetyplan: see :mod:`.layout`."""

from __future__ import annotations

from safetyplan import hookimpl
from safetyplan.hookspecs import Layout

from .layout import TonghuaLayout


@hookimpl
def safetyplan_layouts() -> list[Layout]:
    return [TonghuaLayout()]


__all__ = ["TonghuaLayout", "safetyplan_layouts"]

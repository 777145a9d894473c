"""The shuangqiao layout for safetyplan: see :mod:`.layout`."""

from __future__ import annotations

from safetyplan import hookimpl
from safetyplan.hookspecs import Layout

from .layout import ShuangqiaoLayout


@hookimpl
def safetyplan_layouts() -> list[Layout]:
    return [ShuangqiaoLayout()]


__all__ = ["ShuangqiaoLayout", "safetyplan_layouts"]

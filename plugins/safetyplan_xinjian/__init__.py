"""The xinjian layout for safetyplan: see :mod:`.layout`."""

from __future__ import annotations

from safetyplan import hookimpl
from safetyplan.hookspecs import Layout

from .layout import XinjianLayout


@hookimpl
def safetyplan_layouts() -> list[Layout]:
    return [XinjianLayout()]


__all__ = ["XinjianLayout", "safetyplan_layouts"]

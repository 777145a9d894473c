"""The xinjian layout for safetyplan (in progress)."""

from __future__ import annotations

from safetyplan import hookimpl
from safetyplan.hookspecs import Layout


@hookimpl
def safetyplan_layouts() -> list[Layout]:
    return []

"""The citywork layout for safetyplan: city safety-committee work points,
one plan per file or several collected on one web page."""

from __future__ import annotations

from safetyplan import hookimpl
from safetyplan.hookspecs import Layout

from .layout import CityworkLayout


@hookimpl
def safetyplan_layouts() -> list[Layout]:
    return [CityworkLayout()]

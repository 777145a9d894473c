"""A safetyplan layout for the made-up 示例县 (Shili county) work list.

It shows everything a region's package needs: a Layout object and one
``safetyplan_layouts`` hook, registered through the ``safetyplan`` entry-point
group in this package's ``pyproject.toml``.
"""

from __future__ import annotations

from safetyplan import hookimpl
from safetyplan.hookspecs import Layout

from .layout import ShiliLayout


@hookimpl
def safetyplan_layouts() -> list[Layout]:
    return [ShiliLayout()]

"""Writes a Plan as safetyplan JSON (see :mod:`safetyplan.formats.json`), for web apps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, BinaryIO

from ..hookspecs import Writer, hookimpl
from ..model import Plan


class JSONWriter:
    format = "json"
    kind: str | None = None
    default = True
    suffix = ".json"
    description = "safetyplan JSON: every model field, UTF-8, for web applications"

    def write(self, plan: Plan, stream: BinaryIO, options: Mapping[str, Any]) -> None:
        from ..formats import json

        stream.write(json.dumps(plan))


@hookimpl
def safetyplan_writers() -> list[Writer]:
    return [JSONWriter()]

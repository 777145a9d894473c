"""Writes a Plan as safetyplan XML (see :mod:`safetyplan.formats.xml`).

The codec, and with it lxml, is imported on first use, keeping start-up light.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, BinaryIO

from ..hookspecs import Writer, hookimpl
from ..model import Plan


class XMLWriter:
    format = "xml"
    kind: str | None = None
    default = True
    suffix = ".xml"
    description = "safetyplan XML (namespace urn:safetyplan:plan:1.0); every file validates against the shipped schema"

    def write(self, plan: Plan, stream: BinaryIO, options: Mapping[str, Any]) -> None:
        from ..formats import xml

        stream.write(xml.dumps(plan))


@hookimpl
def safetyplan_writers() -> list[Writer]:
    return [XMLWriter()]

"""Reads safetyplan JSON back into Plans (see :mod:`safetyplan.formats.json`)."""

from __future__ import annotations

from ..hookspecs import Reader, ReadResult, hookimpl


class JSONReader:
    name = "json"
    suffixes: tuple[str, ...] = (".json",)
    description = 'safetyplan JSON ({"safetyplan": "1.0", "plan": …} or "plans": […])'

    def sniff(self, head: bytes) -> bool:
        from ..formats import json

        return json.sniff(head)

    def read(self, data: bytes, *, path: str | None = None) -> ReadResult:
        from ..formats import json

        return json.loads(data, path=path)


@hookimpl
def safetyplan_readers() -> list[Reader]:
    return [JSONReader()]

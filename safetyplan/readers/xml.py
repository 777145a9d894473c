"""Reads safetyplan's own XML back into Plans (see :mod:`safetyplan.formats.xml`).

Registered for ``.xml``; ``sniff`` claims only documents in the safetyplan
namespace, so a reader for some other XML dialect can share the suffix.  The
codec, and with it lxml, is imported on first use, keeping start-up light.
"""

from __future__ import annotations

from ..hookspecs import Reader, ReadResult, hookimpl


class XMLReader:
    name = "xml"
    suffixes: tuple[str, ...] = (".xml",)
    description = "safetyplan XML (namespace urn:safetyplan:plan:1.0), validated against the shipped schema"

    def sniff(self, head: bytes) -> bool:
        from ..formats import xml

        return xml.sniff(head)

    def read(self, data: bytes, *, path: str | None = None) -> ReadResult:
        from ..formats import xml

        return xml.loads(data, path=path)


@hookimpl
def safetyplan_readers() -> list[Reader]:
    return [XMLReader()]

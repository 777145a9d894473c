"""The .docx container: a zip of XML parts tied together by relationships.

Written directly with :mod:`zipfile` rather than through python-docx, whose
``Document()`` loads and re-serialises a whole default template on every
call.  The parts are the minimum Word, LibreOffice and python-docx need —
document, styles, settings, font table, footers, core properties — and every
zip entry carries a fixed timestamp, so the same Plan always gives the same
bytes.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator
from typing import Any, BinaryIO, cast

from lxml import etree

from .gbt9704 import Footers, font_table_xml, footer_xml, settings_xml, styles_xml
from .ooxml import Body

_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RT = "http://schemas.openxmlformats.org/package/2006/relationships"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class WordPackage:
    """Collects the parts of one .docx and writes them as a zip."""

    def __init__(self, title: str) -> None:
        self.title = title
        self._parts: list[tuple[str, bytes, str]] = []
        self._rels: list[tuple[str, str, str]] = []
        self.add("word/styles.xml", styles_xml(), f"{_CT}.styles+xml", f"{_RT}/styles")
        self.add("word/settings.xml", settings_xml(), f"{_CT}.settings+xml", f"{_RT}/settings")
        self.add("word/fontTable.xml", font_table_xml(), f"{_CT}.fontTable+xml", f"{_RT}/fontTable")
        self.footers = Footers(
            odd=self.add("word/footer1.xml", footer_xml(odd=True), f"{_CT}.footer+xml", f"{_RT}/footer"),
            even=self.add("word/footer2.xml", footer_xml(odd=False), f"{_CT}.footer+xml", f"{_RT}/footer"),
        )

    def add(self, name: str, data: bytes, content_type: str, rel_type: str) -> str:
        """Add a part the document refers to; returns its relationship id."""
        rel_id = f"rId{len(self._rels) + 1}"
        self._parts.append((name, data, content_type))
        self._rels.append((rel_id, rel_type, name.removeprefix("word/")))
        return rel_id

    @contextlib.contextmanager
    def body(self, stream: BinaryIO) -> Iterator[Body]:
        """Write the package to ``stream``; the caller writes the document's
        body blocks into the :class:`Body` this yields, straight into the zip."""
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as z:
            _put(z, "[Content_Types].xml", self._content_types())
            _put(z, "_rels/.rels", _package_rels())
            _put(z, "docProps/core.xml", _core(self.title))
            _put(z, "word/_rels/document.xml.rels", self._document_rels())
            for name, data, _ in self._parts:
                _put(z, name, data)
            with z.open(_info("word/document.xml"), "w") as member:
                buffered = io.BufferedWriter(cast(Any, member), buffer_size=1 << 20)
                try:
                    body = Body(buffered)
                    yield body
                    body.close()
                finally:
                    buffered.detach()  # flushes; the zip closes the member itself

    def _content_types(self) -> bytes:
        ns = "http://schemas.openxmlformats.org/package/2006/content-types"
        root = etree.Element(f"{{{ns}}}Types", nsmap=cast(Any, {None: ns}))
        for ext, ctype in (
            ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
            ("xml", "application/xml"),
        ):
            etree.SubElement(root, f"{{{ns}}}Default", Extension=ext, ContentType=ctype)
        overrides = [
            ("/word/document.xml", f"{_CT}.document.main+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            *((f"/{name}", ctype) for name, _, ctype in self._parts),
        ]
        for name, ctype in overrides:
            etree.SubElement(root, f"{{{ns}}}Override", PartName=name, ContentType=ctype)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _document_rels(self) -> bytes:
        return _relationships(self._rels)


def _relationships(rels: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{_PKG_RT}}}Relationships", nsmap=cast(Any, {None: _PKG_RT}))
    for rel_id, rel_type, target in rels:
        etree.SubElement(root, f"{{{_PKG_RT}}}Relationship", Id=rel_id, Type=rel_type, Target=target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _package_rels() -> bytes:
    return _relationships(
        [
            ("rId1", f"{_RT}/officeDocument", "word/document.xml"),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
        ]
    )


def _core(title: str) -> bytes:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc})
    etree.SubElement(root, f"{{{dc}}}title").text = title
    etree.SubElement(root, f"{{{dc}}}creator").text = "safetyplan"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _put(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    z.writestr(_info(name), data)


__all__ = ["WordPackage"]

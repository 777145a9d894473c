"""Reading the XML of a written .docx, for tests that check what Word will show.

Formatting in a .docx is layered: a run's own properties, then its
paragraph's style, the styles that style is based on, and the document
defaults.  :func:`effective` resolves one run through those layers the way
Word does, so tests assert the font a reader sees rather than where it was set.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import attrs
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Docx:
    """The parts of one .docx, parsed."""

    def __init__(self, source: Path | bytes) -> None:
        data = source if isinstance(source, bytes) else source.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.names = z.namelist()
            self._parts = {name: z.read(name) for name in self.names}
        self.document = self.part("word/document.xml")
        self.styles = {s.get(q("styleId")): s for s in self.part("word/styles.xml").iter(q("style"))}
        self.defaults = self.part("word/styles.xml").find("w:docDefaults", NS)

    def part(self, name: str) -> etree._Element:
        return etree.fromstring(self._parts[name])

    def xpath(self, path: str) -> list[etree._Element]:
        return list(self.document.xpath(path, namespaces=NS))

    def paragraphs(self) -> list[etree._Element]:
        """Body paragraphs outside tables."""
        return self.xpath("/w:document/w:body/w:p")

    def paragraph(self, starts: str) -> etree._Element:
        """The first body paragraph whose text starts with ``starts``."""
        for p in self.paragraphs():
            if text(p).startswith(starts):
                return p
        raise AssertionError(f"no paragraph starts with {starts!r}")

    def style_of(self, p: etree._Element) -> str | None:
        found = p.find("w:pPr/w:pStyle", NS)
        return found.get(q("val")) if found is not None else None

    def style_chain(self, style_id: str | None) -> list[etree._Element]:
        chain = []
        while style_id and style_id in self.styles:
            style = self.styles[style_id]
            chain.append(style)
            based = style.find("w:basedOn", NS)
            style_id = based.get(q("val")) if based is not None else None
        if not chain and "Normal" in self.styles:
            chain.append(self.styles["Normal"])
        return chain

    def effective(self, p: etree._Element, run: etree._Element | None = None) -> RunLook:
        """The East Asian font, size (half-points) and boldness of ``run``
        (or of the paragraph's first run) as Word resolves them."""
        if run is None:
            run = p.find("w:r", NS)
        layers = []
        if run is not None and run.find("w:rPr", NS) is not None:
            layers.append(run.find("w:rPr", NS))
        layers.extend(s.find("w:rPr", NS) for s in self.style_chain(self.style_of(p)))
        if self.defaults is not None:
            layers.append(self.defaults.find("w:rPrDefault/w:rPr", NS))
        font = size = None
        bold: bool | None = None
        for rpr in (layer for layer in layers if layer is not None):
            fonts = rpr.find("w:rFonts", NS)
            if font is None and fonts is not None and fonts.get(q("eastAsia")):
                font = fonts.get(q("eastAsia"))
            sz = rpr.find("w:sz", NS)
            if size is None and sz is not None:
                size = int(sz.get(q("val")))
            b = rpr.find("w:b", NS)
            if bold is None and b is not None:
                bold = b.get(q("val"), "1") not in ("0", "false")
        return RunLook(font, size, bool(bold))

    def paragraph_property(self, p: etree._Element, tag: str) -> etree._Element | None:
        """A ``w:pPr`` child (``spacing``, ``ind``, ``jc``) from the paragraph or its styles."""
        own = p.find(f"w:pPr/w:{tag}", NS)
        if own is not None:
            return own
        for style in self.style_chain(self.style_of(p)):
            found = style.find(f"w:pPr/w:{tag}", NS)
            if found is not None:
                return found
        return None


@attrs.frozen
class RunLook:
    font: str | None
    size: int | None
    bold: bool


def text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(q("t")))


def attr(el: etree._Element | None, name: str) -> str | None:
    return None if el is None else el.get(q(name))

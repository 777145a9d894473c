"""WordprocessingML building blocks, made with lxml directly.

python-docx's object model costs a Python object and several lookups per cell;
a task table of 10,000 measures has 50,000 cells.  The writers here build the
``w:`` elements themselves — paragraphs, runs, tables, section properties,
fields — and leave styling to named styles (:mod:`.gbt9704`), so a run carries
formatting only where it differs from its paragraph's style.

The document body is never held whole: :class:`Body` serialises each block
(a paragraph, a table row) as soon as it is complete and lets it go, so
memory stays flat however many measures a plan has.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import attrs
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"w": W_NS, "r": R_NS}


def w(tag: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


P, R, T, PPR, RPR, PSTYLE = w("p"), w("r"), w("t"), w("pPr"), w("rPr"), w("pStyle")
VAL = w("val")
SPACE = f"{{{XML_NS}}}space"


@attrs.frozen
class RunFormat:
    """Direct run formatting, for the parts of a paragraph that differ from
    its style (a heading label inside a body paragraph)."""

    east_asia: str | None = None
    size: int | None = None
    """Half-points, as ``w:sz`` counts."""
    bold: bool = False


def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """Append a ``w:`` element with ``w:`` attributes."""
    return etree.SubElement(parent, w(tag), {w(k): v for k, v in attributes.items()})


def block(tag: str) -> etree._Element:
    """A detached ``w:`` element to be written into the body as a whole."""
    return etree.Element(w(tag), nsmap=NSMAP)


_DECLARATIONS = etree.tostring(block("p"))[len(b"<w:p") : -len(b"/>")]
"""The namespace declarations lxml puts on a detached element; the body's
root declares them once, so each block is written without them."""


class Body:
    """Writes ``w:document/w:body`` to a stream one block at a time."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        out.write(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n")
        out.write(b"<w:document" + _DECLARATIONS + b"><w:body>")

    def _write(self, element: etree._Element) -> None:
        data = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
        self._out.write(data.replace(_DECLARATIONS, b"", 1))

    def add(self, element: etree._Element) -> None:
        """Write a complete block made by :func:`block` (``w:p``, ``w:tbl``, ``w:sectPr``)."""
        self._write(element)

    def table(self, head: Iterable[etree._Element], rows: Iterable[etree._Element]) -> None:
        """Write a ``w:tbl`` whose properties, grid and rows arrive one by one."""
        self._out.write(b"<w:tbl>")
        for element in head:
            self._write(element)
        for row in rows:
            self._write(row)
        self._out.write(b"</w:tbl>")

    def close(self) -> None:
        self._out.write(b"</w:body></w:document>")


def run_properties(parent: etree._Element, fmt: RunFormat) -> etree._Element:
    rpr = etree.SubElement(parent, RPR)
    if fmt.east_asia:
        sub(rpr, "rFonts", eastAsia=fmt.east_asia)
    if fmt.bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    if fmt.size:
        sub(rpr, "sz", val=str(fmt.size))
        sub(rpr, "szCs", val=str(fmt.size))
    return rpr


def add_run(paragraph: etree._Element, text: str, fmt: RunFormat | None = None) -> etree._Element:
    """Append a run holding ``text``; line breaks become ``w:br``, tabs ``w:tab``."""
    run = etree.SubElement(paragraph, R)
    if fmt is not None:
        run_properties(run, fmt)
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(run, w("br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, w("tab"))
            if piece:
                t = etree.SubElement(run, T)
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set(SPACE, "preserve")
    return run


def add_paragraph(
    parent: etree._Element | None,
    style: str | None = None,
    text: str = "",
    *,
    fmt: RunFormat | None = None,
) -> etree._Element:
    """Append a paragraph in ``style`` holding ``text`` in one run (a block
    of its own where ``parent`` is None)."""
    p = block("p") if parent is None else etree.SubElement(parent, P)
    if style:
        ppr = etree.SubElement(p, PPR)
        etree.SubElement(ppr, PSTYLE, {VAL: style})
    if text:
        add_run(p, text, fmt)
    return p


def paragraph_properties(p: etree._Element) -> etree._Element:
    """The paragraph's ``w:pPr``, created first where missing."""
    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    return ppr


@attrs.frozen
class Border:
    """A paragraph rule: width in eighths of a point, RGB colour."""

    size: int
    color: str = "000000"


@attrs.frozen
class ParagraphFormat:
    """Direct paragraph formatting, for the few paragraphs whose layout
    depends on their content (a signature centred over its date, a rule
    under the document number).  Lengths in twips."""

    keep_next: bool = False
    page_break_before: bool = False
    top: Border | None = None
    bottom: Border | None = None
    right_tab: int | None = None
    before: int | None = None
    after: int | None = None
    left: int | None = None
    right: int | None = None
    hanging: int | None = None
    align: str | None = None


def format_paragraph(p: etree._Element, fmt: ParagraphFormat) -> None:
    """Apply ``fmt`` to ``p``, its elements in the order the schema sets."""
    ppr = paragraph_properties(p)
    if fmt.keep_next:
        sub(ppr, "keepNext")
    if fmt.page_break_before:
        sub(ppr, "pageBreakBefore")
    if fmt.top or fmt.bottom:
        borders = sub(ppr, "pBdr")
        for edge, border in (("top", fmt.top), ("bottom", fmt.bottom)):
            if border is not None:
                sub(borders, edge, val="single", sz=str(border.size), space="4", color=border.color)
    if fmt.right_tab is not None:
        sub(sub(ppr, "tabs"), "tab", val="right", pos=str(fmt.right_tab))
    if fmt.before is not None or fmt.after is not None:
        spacing = sub(ppr, "spacing")
        if fmt.before is not None:
            spacing.set(w("before"), str(fmt.before))
        if fmt.after is not None:
            spacing.set(w("after"), str(fmt.after))
    if fmt.left is not None or fmt.right is not None or fmt.hanging is not None:
        ind = sub(ppr, "ind")
        if fmt.left is not None:
            ind.set(w("left"), str(fmt.left))
            ind.set(w("leftChars"), "0")
        if fmt.right is not None:
            ind.set(w("right"), str(fmt.right))
            ind.set(w("rightChars"), "0")
        if fmt.hanging is not None:
            ind.set(w("hanging"), str(fmt.hanging))
            ind.set(w("hangingChars"), "0")
            ind.set(w("firstLineChars"), "0")
    if fmt.align:
        sub(ppr, "jc", val=fmt.align)


def add_field(paragraph: etree._Element, instruction: str, placeholder: str = "1") -> None:
    """Append a complex field (``PAGE``) with a cached result."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("result", placeholder),
        ("end", None),
    ):
        run = etree.SubElement(paragraph, R)
        if kind == "instr":
            instr = sub(run, "instrText")
            instr.text = f" {text} "
            instr.set(SPACE, "preserve")
        elif kind == "result":
            etree.SubElement(run, T).text = text
        else:
            sub(run, "fldChar", fldCharType=kind)


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


__all__ = [
    "NSMAP",
    "R_NS",
    "W_NS",
    "Body",
    "Border",
    "ParagraphFormat",
    "RunFormat",
    "add_field",
    "add_paragraph",
    "add_run",
    "block",
    "format_paragraph",
    "paragraph_properties",
    "serialise",
    "sub",
    "w",
]

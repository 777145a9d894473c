"""Word .docx: body paragraphs and tables in order, as a person sees them.

The XML is read directly from the package with a hardened parser rather than
through python-docx's object model: the reader needs only what is visible on
the page (text, table grid, paragraph style, automatic numbering labels) and
must stay safe and fast on files built to hurt it.

What a person sees, and therefore what a layout gets:

* the first page's header (a letterhead may stand there), then the
  paragraphs of ``w:body`` and tables in body order, content controls
  (``w:sdt``) and custom XML opened up, text boxes read once (the
  ``mc:Fallback`` copy of a drawing is skipped);
* text split across runs, hyperlinks, fields and tracked insertions joined;
  deleted and hidden (``w:vanish``) text left out, a paragraph deleted with
  its mark left out with its place in its list; a tab read as a space; a
  line break (``w:br``, ``w:cr``) kept as a line break inside the
  paragraph's text (layouts read the pieces as a text export's lines that
  one paragraph holds);
* automatic numbering drawn in front of the text (``一、`` ``（三）`` ``1.``);
* tables with merged cells resolved: a cell spanning columns is repeated in
  each grid column it covers, and a cell continuing a vertical merge carries
  the text of the cell that started it, both with ``Cell.merged`` set (laid
  out by :mod:`.grid`, as the HTML reader's ``colspan`` and ``rowspan`` are).

``Paragraph.line`` is the paragraph's ordinal among all paragraphs of the
document (table cells included), so a message can point at "paragraph 37".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ..document import Block, Document, Paragraph, Row, Table
from ..errors import UnreadableFileError
from ..hookspecs import Reader, ReadResult, hookimpl
from .grid import Grid, cell_texts, laid_out_paragraphs, lays_out
from .safexml import parse_xml
from .wordnumbering import Numbering, to_int
from .ziplimits import SafeZip, resolve_target

if TYPE_CHECKING:  # lxml is imported by safexml when a document is read
    from lxml import etree

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DEFAULT_MAIN = "word/document.xml"
_MAX_STYLE_DEPTH = 16
_OFF = {"0", "false", "off", "none"}


@attrs.frozen
class _Para:
    """A paragraph's visible text, split at line breaks, and its style."""

    lines: tuple[str, ...]
    style: str | None
    ordinal: int


class _Body:
    """Walks one ``document.xml`` into blocks; holds the counters of a read."""

    def __init__(self, w: str, styles: _Styles, numbering: Numbering) -> None:
        self.w = w
        self.styles = styles
        self.numbering = numbering
        self.ordinal = 0
        self.tracked = False
        q = self.q
        self.P, self.TBL, self.TR, self.TC = q("p"), q("tbl"), q("tr"), q("tc")
        self.SDT, self.SDT_CONTENT, self.CUSTOM_XML = q("sdt"), q("sdtContent"), q("customXml")
        self.SMART_TAG, self.INS, self.DEL = q("smartTag"), q("ins"), q("del")
        self.MOVE_TO, self.MOVE_FROM = q("moveTo"), q("moveFrom")
        self.T, self.TAB, self.BR, self.CR = q("t"), q("tab"), q("br"), q("cr")
        self.R, self.RPR, self.PPR = q("r"), q("rPr"), q("pPr")
        self.NO_BREAK_HYPHEN, self.TXBX = q("noBreakHyphen"), q("txbxContent")
        self.RT = q("rt")
        self.VAL = q("val")
        self.AC, self.CHOICE = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"
        self.FALLBACK = f"{{{MC}}}Fallback"
        self.SKIP = {self.DEL, self.MOVE_FROM, self.FALLBACK, self.PPR, self.RPR, self.RT, self.TXBX,
                     q("delText"), q("instrText"), q("fldData"), q("sectPr"), q("tblPr"), q("trPr"),
                     q("tcPr"), q("tblGrid")}  # fmt: skip

    def q(self, name: str) -> str:
        return f"{{{self.w}}}{name}"

    # -- block level -----------------------------------------------------------

    def content(self, parent: etree._Element) -> Iterator[etree._Element]:
        """The block- or row-level children of ``parent``, wrappers opened:
        content controls, custom XML, tracked insertions, the chosen branch
        of alternate content.  Deleted blocks are left out."""
        stack = [iter(parent)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == self.SDT:
                inner = child.find(self.SDT_CONTENT)
                if inner is not None:
                    stack.append(iter(inner))
            elif tag in (self.CUSTOM_XML, self.SMART_TAG, self.INS, self.MOVE_TO, self.SDT_CONTENT):
                self.tracked |= tag in (self.INS, self.MOVE_TO)
                stack.append(iter(child))
            elif tag == self.AC:
                choice = child.find(self.CHOICE)
                if choice is not None:
                    stack.append(iter(choice))
            elif tag in (self.DEL, self.MOVE_FROM):
                self.tracked = True
            else:
                yield child

    def blocks(self, parent: etree._Element) -> list[Block]:
        out: list[Block] = []
        for el in self.content(parent):
            if el.tag == self.P:
                for inner in self.text_boxes(el):
                    out.extend(self.blocks(inner))
                para = self.paragraph(el)
                if para.lines:
                    out.append(Paragraph("\n".join(para.lines), para.ordinal, para.style))
            elif el.tag == self.TBL:
                table = self.table(el)
                if table.rows and lays_out(row.texts for row in table.rows):
                    out.extend(laid_out_paragraphs(table))
                elif table.rows:
                    out.append(table)
        return out

    def text_boxes(self, p: etree._Element) -> list[etree._Element]:
        """Text box contents anchored in paragraph ``p``, each once."""
        found: list[etree._Element] = []
        for box in p.iter(self.TXBX):
            ancestor = box.getparent()
            nested = False
            while ancestor is not None and ancestor is not p:
                if ancestor.tag in (self.FALLBACK, self.TXBX):
                    nested = True
                    break
                ancestor = ancestor.getparent()
            if not nested:
                found.append(box)
        return found

    # -- paragraphs ------------------------------------------------------------

    def paragraph(self, p: etree._Element) -> _Para:
        self.ordinal += 1
        style_id, num_id, ilvl = self.paragraph_props(p)
        lines: list[str] = []
        current: list[str] = []
        stack = [iter(p)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if not isinstance(tag, str) or tag in self.SKIP:
                if tag in (self.DEL, self.MOVE_FROM):
                    self.tracked = True
                continue
            if tag == self.T:
                current.append(el.text or "")
            elif tag == self.TAB:
                current.append(" ")
            elif tag in (self.BR, self.CR):
                lines.append("".join(current))
                current = []
            elif tag == self.NO_BREAK_HYPHEN:
                current.append("-")
            elif tag == self.AC:
                choice = el.find(self.CHOICE)
                if choice is not None:
                    stack.append(iter(choice))
            elif tag == self.R and self.hidden(el):
                continue
            else:
                if tag in (self.INS, self.MOVE_TO):
                    self.tracked = True
                stack.append(iter(el))
        lines.append("".join(current))
        if self.mark_deleted(p) and not any(line.strip() for line in lines):
            # Deleted with its paragraph mark (a tracked deletion): with the
            # changes accepted it is gone, and so is its place in its list.
            return _Para((), self.styles.name(style_id), self.ordinal)
        label = self.numbering.label(num_id, ilvl) if num_id else None
        if label and lines:
            lines[0] = label + lines[0].lstrip()
        kept = tuple(line.rstrip() for line in lines if line.strip())
        return _Para(kept, self.styles.name(style_id), self.ordinal)

    def paragraph_props(self, p: etree._Element) -> tuple[str | None, str | None, int]:
        """Style id, list id and list level of ``p``, numbering inherited from
        the style where the paragraph names none."""
        ppr = p.find(self.PPR)
        style_id = None
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            pstyle = ppr.find(self.q("pStyle"))
            if pstyle is not None:
                style_id = pstyle.get(self.VAL)
            numpr = ppr.find(self.q("numPr"))
            if numpr is not None:
                num_id, ilvl = self.num_pr(numpr)
        if num_id is None:
            style_num, style_lvl = self.styles.numbering(style_id)
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        if ilvl is None and num_id is not None and style_id is not None:
            ilvl = self.numbering.style_level(num_id, style_id)
        if num_id == "0":
            num_id = None
        return style_id, num_id, ilvl or 0

    def num_pr(self, numpr: etree._Element) -> tuple[str | None, int | None]:
        num = numpr.find(self.q("numId"))
        lvl = numpr.find(self.q("ilvl"))
        return (
            None if num is None else num.get(self.VAL),
            None if lvl is None else to_int(lvl.get(self.VAL), 0, 0, 8),
        )

    def mark_deleted(self, p: etree._Element) -> bool:
        """Whether the paragraph mark of ``p`` is a tracked deletion."""
        ppr = p.find(self.PPR)
        rpr = ppr.find(self.RPR) if ppr is not None else None
        return rpr is not None and rpr.find(self.DEL) is not None

    def hidden(self, run: etree._Element) -> bool:
        rpr = run.find(self.RPR)
        if rpr is None:
            return False
        for name in ("vanish", "specVanish"):
            flag = rpr.find(self.q(name))
            if flag is not None and (flag.get(self.VAL) or "1").lower() not in _OFF:
                return True
        return False

    # -- tables ----------------------------------------------------------------

    def table(self, tbl: etree._Element) -> Table:
        """The table's rows on its column grid, merged cells resolved."""
        first = self.ordinal + 1
        rows: list[Row] = []
        grid = Grid()
        for tr in self.content(tbl):
            if tr.tag != self.TR:
                continue
            row_line = self.ordinal + 1
            grid.skip(self.grid_before(tr))
            for tc in self.content(tr):
                if tc.tag != self.TC or grid.full:
                    continue
                span, continues = self.cell_props(tc)
                grid.add(cell_texts(self.blocks(tc)), columns=span, continues=continues)
            cells = grid.end_row()
            if cells:
                rows.append(Row(cells, row_line))
        return Table(tuple(rows), first)

    def grid_before(self, tr: etree._Element) -> int:
        trpr = tr.find(self.q("trPr"))
        if trpr is None:
            return 0
        before = trpr.find(self.q("gridBefore"))
        return 0 if before is None else to_int(before.get(self.VAL), 0)

    def cell_props(self, tc: etree._Element) -> tuple[int, bool]:
        """Columns a cell spans, and whether it continues a vertical merge
        (``w:vMerge`` other than ``restart``)."""
        tcpr = tc.find(self.q("tcPr"))
        if tcpr is None:
            return 1, False
        span_el = tcpr.find(self.q("gridSpan"))
        span = 1 if span_el is None else to_int(span_el.get(self.VAL), 1)
        vmerge_el = tcpr.find(self.q("vMerge"))
        return span, vmerge_el is not None and vmerge_el.get(self.VAL) != "restart"


class _Styles:
    """Paragraph style ids → names, and the numbering a style brings."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self._names: dict[str, str] = {}
        self._based: dict[str, str] = {}
        self._numbering: dict[str, tuple[str | None, int | None]] = {}
        if root is None:
            return
        q = f"{{{w}}}"
        for style in root.iterchildren(f"{q}style"):
            style_id = style.get(f"{q}styleId")
            if style_id is None or style.get(f"{q}type", "paragraph") != "paragraph":
                continue
            name = style.find(f"{q}name")
            if name is not None and name.get(f"{q}val"):
                self._names[style_id] = _display_name(str(name.get(f"{q}val")))
            based = style.find(f"{q}basedOn")
            if based is not None and based.get(f"{q}val"):
                self._based[style_id] = str(based.get(f"{q}val"))
            numpr = style.find(f"{q}pPr/{q}numPr")
            if numpr is not None:
                num = numpr.find(f"{q}numId")
                lvl = numpr.find(f"{q}ilvl")
                self._numbering[style_id] = (
                    None if num is None else num.get(f"{q}val"),
                    None if lvl is None else to_int(lvl.get(f"{q}val"), 0, 0, 8),
                )

    def name(self, style_id: str | None) -> str | None:
        if style_id is None:
            return None
        return self._names.get(style_id, style_id)

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The list a style (or a style it is based on) puts paragraphs in."""
        seen = 0
        while style_id is not None and seen < _MAX_STYLE_DEPTH:
            if style_id in self._numbering:
                return self._numbering[style_id]
            style_id = self._based.get(style_id)
            seen += 1
        return None, None


def _display_name(name: str) -> str:
    """Word stores built-in style names in lower case (``heading 1``) and
    shows them capitalised; show them as Word does."""
    if name.isascii() and name.islower():
        return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))
    return name


class DocxReader:
    name = "docx"
    suffixes: tuple[str, ...] = (".docx", ".docm", ".dotx")
    description = "Word .docx (paragraphs and tables in order, merged cells resolved)"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04")

    def read(self, data: bytes, *, path: str | None = None) -> ReadResult:
        package = SafeZip(data, path=path)
        main = _main_part(package, path)
        root = parse_xml(package.read(main), path=path, part=main)
        w = _namespace(root)
        if w is None:
            raise UnreadableFileError(f"{main} is not a WordprocessingML document", path=path)
        body = root.find(f"{{{w}}}body")
        if body is None:
            raise UnreadableFileError(f"{main} has no document body", path=path)
        related = _related_parts(package, main, path)
        parts = _by_kind(related)
        styles_root = _optional_part(package, parts.get("styles"), path)
        numbering_root = _optional_part(package, parts.get("numbering"), path)
        walker = _Body(w, _Styles(styles_root, w), Numbering(numbering_root, w))
        header = _first_page_header(package, related, body, w, path)
        blocks = [*(walker.blocks(header) if header is not None else ()), *walker.blocks(body)]
        if not blocks:
            raise UnreadableFileError("document has no text", path=path, hint="is this the right file?")
        warnings: list[str] = []
        if walker.tracked:
            warnings.append("document has tracked changes; read as if all were accepted")
        return Document(tuple(blocks), path=path, format="docx", warnings=tuple(warnings))


def _namespace(root: etree._Element) -> str | None:
    tag = root.tag if isinstance(root.tag, str) else ""
    for ns in (W_TRANSITIONAL, W_STRICT):
        if tag.startswith(f"{{{ns}}}"):
            return ns
    return None


def _relationships(package: SafeZip, rels_name: str, base_dir: str, path: str | None) -> list[tuple[str, str, str]]:
    """``(Id, type, member)`` of each relationship, in order, whose target
    stays inside the package (the type is its last path segment)."""
    if rels_name not in package:
        return []
    root = parse_xml(package.read(rels_name), path=path, part=rels_name)
    out: list[tuple[str, str, str]] = []
    for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        if rel.get("TargetMode") == "External" or not kind:
            continue
        member = resolve_target(base_dir, rel.get("Target") or "")
        if member is not None:
            out.append((rel.get("Id") or "", kind, member))
    return out


def _by_kind(relationships: list[tuple[str, str, str]]) -> dict[str, str]:
    """Relationship type → member, the first of each type."""
    out: dict[str, str] = {}
    for _, kind, member in relationships:
        out.setdefault(kind, member)
    return out


def _main_part(package: SafeZip, path: str | None) -> str:
    main = _by_kind(_relationships(package, "_rels/.rels", "", path)).get("officeDocument")
    if main is not None and main in package:
        return main
    if _DEFAULT_MAIN in package:
        return _DEFAULT_MAIN
    raise UnreadableFileError(
        f"archive has no {_DEFAULT_MAIN}", path=path, hint="is this a Word .docx (not an .xlsx or .pptx)?"
    )


def _related_parts(package: SafeZip, main: str, path: str | None) -> list[tuple[str, str, str]]:
    base_dir, _, name = main.rpartition("/")
    return _relationships(
        package, f"{base_dir}/_rels/{name}.rels" if base_dir else f"_rels/{name}.rels", base_dir, path
    )


def _first_page_header(
    package: SafeZip, related: list[tuple[str, str, str]], body: etree._Element, w: str, path: str | None
) -> etree._Element | None:
    """The header shown on the document's first page (the first section's
    ``first`` header where it sets a distinct first page, else its
    ``default`` one): a letterhead and document number placed there are
    what a person reads above the title."""
    sect = next(body.iter(f"{{{w}}}sectPr"), None)
    if sect is None:
        return None
    wanted = "first" if sect.find(f"{{{w}}}titlePg") is not None else "default"
    ref = next((r for r in sect.iterfind(f"{{{w}}}headerReference") if r.get(f"{{{w}}}type") == wanted), None)
    # r:id, in the transitional or the strict relationships namespace
    rel_id = next((v for k, v in ref.attrib.items() if str(k).endswith("}id")), None) if ref is not None else None
    member = next((m for i, _, m in related if rel_id is not None and i == rel_id), None)
    return _optional_part(package, member, path)


def _optional_part(package: SafeZip, member: str | None, path: str | None) -> etree._Element | None:
    if member is None or member not in package:
        return None
    return parse_xml(package.read(member), path=path, part=member)


@hookimpl
def safetyplan_readers() -> list[Reader]:
    return [DocxReader()]


__all__ = ["DocxReader"]

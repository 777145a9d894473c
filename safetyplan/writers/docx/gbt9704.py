"""The GB/T 9704-2012 page, fonts and styles every Word writer shares.

GB/T 9704-2012 《党政机关公文格式》 sets the paper (A4), the type area
(156 mm × 225 mm: top margin 37 mm, bottom 35 mm, left 28 mm, right 26 mm),
the fonts (title 二号 方正小标宋简体, body 三号 仿宋_GB2312; headings 黑体,
楷体_GB2312 and bold 仿宋_GB2312 by level), 22 lines of 28 characters per
page (a fixed 28 pt line pitch) and page numbers ``— N —`` in 四号 宋体 below
the type area, on the outer side: right on odd pages, left on even ones.

Everything is expressed as named styles in ``styles.xml``, so a clerk who
opens the file finds 标题, 正文 and 一级标题 in Word's style list and can
restyle the whole document at once; runs carry direct formatting only where a
paragraph mixes fonts.  Chinese fonts are set through ``w:rFonts/@w:eastAsia``
— the attribute Word uses for CJK text — and Latin text and digits use
Times New Roman, as offices commonly do.
"""

from __future__ import annotations

import functools

import attrs
from lxml import etree

from .ooxml import NSMAP, R_NS, W_NS, add_field, add_paragraph, block, paragraph_properties, serialise, sub, w


def mm(value: float) -> int:
    """Millimetres in twentieths of a point (twips), Word's page unit."""
    return round(value * 1440 / 25.4)


# -- paper and type area -------------------------------------------------------------

A4_WIDTH, A4_HEIGHT = mm(210), mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = mm(37), mm(35), mm(28), mm(26)
FOOTER_DISTANCE = mm(21)
"""From the page's lower edge to the page number line: the number's dashes sit
about 7 mm below the type area, as the standard asks."""
HEADER_DISTANCE = mm(15)

# -- fonts and sizes (sizes in half-points, as w:sz counts) -------------------------

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"

CHUHAO, ERHAO, SANHAO, SIHAO, XIAOSI = 84, 44, 32, 28, 24
"""初号 42 pt, 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt."""

LINE_PITCH = 560
"""The body's fixed line spacing: 28 pt, giving 22 lines in the 225 mm type area."""
TITLE_PITCH = 700
"""A 二号 title on a 35 pt pitch, so its lines do not touch."""
TABLE_PITCH = 400
"""Table text (四号) on a 20 pt pitch."""

BODY_CHAR = SANHAO * 10
"""The width of one 三号 character in twips (16 pt), for indents counted in characters."""
SMALL_CHAR = SIHAO * 10

RED = "FF0000"


@attrs.frozen
class PageSetup:
    """Paper size and margins of a Word section, in twips."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right


PORTRAIT = PageSetup(A4_WIDTH, A4_HEIGHT, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT)
"""A4 upright with the GB/T 9704 type area."""

LANDSCAPE = PageSetup(A4_HEIGHT, A4_WIDTH, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM)
"""A4 turned, the same 156 mm × 225 mm type area turned with it (for task tables)."""


@attrs.frozen
class Style:
    """A paragraph style: the font and paragraph layout of one kind of line."""

    style_id: str
    name: str
    font: str = FANGSONG
    size: int = SANHAO
    bold: bool = False
    align: str | None = None
    first_line_chars: int = 0
    """Hundredths of a character: 200 is the body's two-character indent."""
    pitch: int | None = LINE_PITCH
    """Exact line spacing in twips; None for single spacing."""
    before: int = 0
    after: int = 0
    outline: int | None = None
    keep_next: bool = False
    color: str | None = None
    latin: str = LATIN
    left_chars: int = 0
    right_chars: int = 0


STYLES: tuple[Style, ...] = (
    Style("Normal", "Normal", align="both", first_line_chars=200),
    Style("Title", "Title", font=XIAOBIAOSONG, size=ERHAO, align="center", pitch=TITLE_PITCH, keep_next=True),
    Style("Heading1", "heading 1", font=HEITI, first_line_chars=200, outline=0, keep_next=True),
    Style("Heading2", "heading 2", font=KAITI, first_line_chars=200, outline=1, keep_next=True),
    Style("Heading3", "heading 3", bold=True, first_line_chars=200, outline=2, keep_next=True),
    Style("Letterhead", "发文机关标志", font=XIAOBIAOSONG, size=CHUHAO, align="center", pitch=None, color=RED),
    Style("DocNumber", "发文字号", align="center", after=LINE_PITCH),
    Style("Recipients", "主送机关"),
    Style("Signature", "发文机关署名", align="right"),
    Style("IssueDate", "成文日期", align="right", right_chars=400),
    Style("AttachmentNote", "附件说明", left_chars=200),
    Style("AttachmentLabel", "附件标识", font=HEITI),
    Style("CopyTo", "抄送机关", size=SIHAO, left_chars=100, right_chars=100),
    Style("PrintedBy", "印发机关和印发日期", size=SIHAO, left_chars=100, right_chars=100),
    Style("PageNumber", "页码", font=SONGTI, size=SIHAO, latin=SONGTI, pitch=None),
    Style("TableTitle", "表格标题", font=XIAOBIAOSONG, size=ERHAO, align="center", pitch=TITLE_PITCH, keep_next=True),
    Style("TableMeta", "表格说明", font=KAITI, size=SIHAO, align="center", pitch=TABLE_PITCH, after=200),
    Style("TableHeader", "表头", font=HEITI, size=SIHAO, align="center", pitch=TABLE_PITCH),
    Style("TableText", "表格正文", size=SIHAO, align="left", pitch=TABLE_PITCH),
    Style("TableCentre", "表格正文居中", size=SIHAO, align="center", pitch=TABLE_PITCH),
    Style("TableSection1", "表格一级分组", font=HEITI, size=SIHAO, pitch=TABLE_PITCH, keep_next=True),
    Style("TableSection2", "表格二级分组", font=KAITI, size=SIHAO, pitch=TABLE_PITCH, keep_next=True),
    Style("TableSection3", "表格三级分组", size=SIHAO, bold=True, pitch=TABLE_PITCH, keep_next=True),
)
"""Every style the writers use; ``Normal`` is the body text."""


def _fonts(parent: etree._Element, east_asia: str, latin: str) -> None:
    sub(parent, "rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)


def _style_element(parent: etree._Element, style: Style) -> None:
    el = sub(parent, "style", type="paragraph", styleId=style.style_id)
    if style.style_id == "Normal":
        el.set(w("default"), "1")
    sub(el, "name", val=style.name)
    if style.style_id != "Normal":
        sub(el, "basedOn", val="Normal")
        sub(el, "qFormat")
    ppr = sub(el, "pPr")
    if style.keep_next:
        sub(ppr, "keepNext")
    sub(ppr, "adjustRightInd", val="0")
    sub(ppr, "snapToGrid", val="0")
    spacing = {"before": str(style.before), "after": str(style.after)}
    if style.pitch is None:
        spacing.update(line="240", lineRule="auto")
    else:
        spacing.update(line=str(style.pitch), lineRule="exact")
    sub(ppr, "spacing", **spacing)
    char = style.size * 10
    sub(
        ppr,
        "ind",
        left=str(style.left_chars * char // 100),
        leftChars=str(style.left_chars),
        right=str(style.right_chars * char // 100),
        rightChars=str(style.right_chars),
        firstLine=str(style.first_line_chars * char // 100),
        firstLineChars=str(style.first_line_chars),
    )
    if style.align:
        sub(ppr, "jc", val=style.align)
    if style.outline is not None:
        sub(ppr, "outlineLvl", val=str(style.outline))
    rpr = sub(el, "rPr")
    _fonts(rpr, style.font, style.latin)
    if style.bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    else:
        sub(rpr, "b", val="0")
        sub(rpr, "bCs", val="0")
    if style.color:
        sub(rpr, "color", val=style.color)
    sub(rpr, "kern", val="0")
    sub(rpr, "sz", val=str(style.size))
    sub(rpr, "szCs", val=str(style.size))


@functools.cache
def styles_xml() -> bytes:
    """``word/styles.xml``: document defaults plus :data:`STYLES`."""
    root = etree.Element(w("styles"), nsmap={"w": W_NS})
    defaults = sub(root, "docDefaults")
    rpr = sub(sub(defaults, "rPrDefault"), "rPr")
    _fonts(rpr, FANGSONG, LATIN)
    sub(rpr, "sz", val=str(SANHAO))
    sub(rpr, "szCs", val=str(SANHAO))
    sub(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    sub(sub(sub(defaults, "pPrDefault"), "pPr"), "spacing", after="0", line=str(LINE_PITCH), lineRule="exact")
    for style in STYLES:
        _style_element(root, style)
    table = sub(root, "style", type="table", styleId="TaskTable")
    sub(table, "name", val="任务表格")
    tblpr = sub(table, "tblPr")
    borders = sub(tblpr, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, edge, val="single", sz="4", space="0", color="000000")
    margins = sub(tblpr, "tblCellMar")
    sub(margins, "left", w="85", type="dxa")
    sub(margins, "right", w="85", type="dxa")
    return serialise(root)


@functools.cache
def settings_xml() -> bytes:
    """``word/settings.xml``: odd and even pages get their own footers, so the
    page number can stand on the outer side of each."""
    root = etree.Element(w("settings"), nsmap={"w": W_NS})
    sub(root, "zoom", percent="100")
    sub(root, "defaultTabStop", val="420")
    sub(root, "evenAndOddHeaders")
    sub(root, "characterSpacingControl", val="compressPunctuation")
    compat = sub(root, "compat")
    sub(compat, "compatSetting", name="compatibilityMode", uri="http://schemas.microsoft.com/office/word", val="15")
    return serialise(root)


_FONT_FAMILIES = {
    FANGSONG: ("仿宋", "modern"),
    KAITI: ("楷体", "modern"),
    XIAOBIAOSONG: ("宋体", "roman"),
    HEITI: ("SimHei", "modern"),
    SONGTI: ("SimSun", "roman"),
}


@functools.cache
def font_table_xml() -> bytes:
    """``word/fontTable.xml``: the Chinese fonts with GB2312 charset and an
    alternative name, so a machine without 仿宋_GB2312 substitutes 仿宋 rather
    than a Latin font."""
    root = etree.Element(w("fonts"), nsmap={"w": W_NS})
    for name, (alt, family) in _FONT_FAMILIES.items():
        font = sub(root, "font", name=name)
        sub(font, "altName", val=alt)
        sub(font, "charset", val="86")
        sub(font, "family", val=family)
        sub(font, "pitch", val="fixed" if family == "modern" else "variable")
    font = sub(root, "font", name=LATIN)
    sub(font, "charset", val="00")
    sub(font, "family", val="roman")
    sub(font, "pitch", val="variable")
    return serialise(root)


def footer_xml(odd: bool) -> bytes:
    """A footer holding the page number ``— N —``: on the right of odd pages,
    on the left of even ones, one character in from the edge of the type area."""
    root = etree.Element(w("ftr"), nsmap=NSMAP)
    p = add_paragraph(root, "PageNumber")
    ppr = paragraph_properties(p)
    if odd:
        sub(ppr, "ind", right=str(SMALL_CHAR), rightChars="100")
        sub(ppr, "jc", val="right")
    else:
        sub(ppr, "ind", left=str(SMALL_CHAR), leftChars="100")
        sub(ppr, "jc", val="left")
    run = sub(p, "r")
    sub(run, "t").text = "— "
    add_field(p, "PAGE")
    run = sub(p, "r")
    sub(run, "t").text = " —"
    for t in p.iter(w("t")):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return serialise(root)


@attrs.frozen
class Footers:
    """Relationship ids of the odd-page (default) and even-page footers."""

    odd: str
    even: str


def section_properties(
    parent: etree._Element | None,
    page: PageSetup,
    footers: Footers | None,
    *,
    restart_numbering: bool = False,
) -> etree._Element:
    """A ``w:sectPr`` — paper, margins, footers, page numbering — appended to
    ``parent``, or the body's last block where ``parent`` is None."""
    sect = block("sectPr") if parent is None else sub(parent, "sectPr")
    if footers is not None:
        sect.append(_reference("default", footers.odd))
        sect.append(_reference("even", footers.even))
    size = {"w": str(page.width), "h": str(page.height)}
    if page.landscape:
        size["orient"] = "landscape"
    sub(sect, "pgSz", **size)
    sub(
        sect,
        "pgMar",
        top=str(page.top),
        right=str(page.right),
        bottom=str(page.bottom),
        left=str(page.left),
        header=str(HEADER_DISTANCE),
        footer=str(FOOTER_DISTANCE),
        gutter="0",
    )
    if restart_numbering:
        sub(sect, "pgNumType", start="1")
    sub(sect, "cols", space="425")
    return sect


def _reference(kind: str, rel_id: str) -> etree._Element:
    el = etree.Element(w("footerReference"))
    el.set(w("type"), kind)
    el.set(f"{{{R_NS}}}id", rel_id)
    return el


def section_break(page: PageSetup, footers: Footers | None, **kw: bool) -> etree._Element:
    """The paragraph that ends a Word section, carrying its properties."""
    p = block("p")
    section_properties(paragraph_properties(p), page, footers, **kw)
    return p


__all__ = [
    "ERHAO",
    "FANGSONG",
    "HEITI",
    "KAITI",
    "LANDSCAPE",
    "LINE_PITCH",
    "PORTRAIT",
    "SANHAO",
    "SIHAO",
    "STYLES",
    "XIAOBIAOSONG",
    "Footers",
    "PageSetup",
    "Style",
    "font_table_xml",
    "footer_xml",
    "mm",
    "section_break",
    "section_properties",
    "settings_xml",
    "styles_xml",
]

"""A scraped web page that collects plans: where each plan starts, and what is
the site's furniture rather than any plan's text.

Document sites wrap the plans they collect in navigation: a bullet menu, a
breadcrumb (``当前位置: 站名 > 栏目 > 正文``), a ``时间:… 来源:…`` line, the
page's own heading (``…工作要点7篇``, echoed once), a blurb, and a category
menu at the foot; a government site adds menus between ``|`` or wide spaces,
its information table (``索 引 号：…``, ``文　　号：…``), print tools and a list
of related links.  Each collected plan then opens with its own title line
(``市安全生产委员会2024年工作要点一``), or with the covering letter that names
it (``关于印发《T》的通知``).  Everything here is read from the form of a line
— bullets, ``>`` separators, ``key:`` lines, short menu items, a heading that
counts its pieces, the fields of the disclosure catalogue — never from a
site's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from safetyplan.document import Block, Paragraph, Table
from safetyplan.layouts.cleaning import is_web_chrome
from safetyplan.layouts.lazyre import LazyPattern
from safetyplan.layouts.metadata import DOC_NUMBER, Kind, classify, is_date_line, is_org, is_title_text
from safetyplan.layouts.numbering import match_label
from safetyplan.model import Note, Span

_NAVIGATION_START = LazyPattern(
    r"\s{0,40}(?:[•·●▪◦■□◆◇▶►※★☆]"
    r"|(?:时间|日期|来源|作者|发布时间|发布日期|更新时间|浏览|阅读|点击|编辑|责任编辑|字号"
    r"|当前位置|您的位置|你的位置|所在位置|位置)\s?[:：])"
)
"""A bullet item, a ``时间:``/``来源:`` line or a ``当前位置:`` line, by its start."""
_BREADCRUMB = LazyPattern(r"[^>»›]{1,40}(?:[>»›][^>»›]{1,40}){2,}")
_BREADCRUMB_MARK = re.compile(r"[>»›]")
_TIMESTAMP = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s{1,3}\d{1,2}:\d{2}")

_PLAN_KIND = r"(?:工作要点|要点|实施方案|工作方案|行动方案|方案|工作计划)"
_ORDINAL = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）])"
_TITLE_END = LazyPattern(rf"{_PLAN_KIND}(?:篇?{_ORDINAL})?(?:[（(][^（()）]{{1,10}}[)）])?$")
_PIECE_COUNT = r"[一二三四五六七八九十\d]{1,3}"
_PIECE = rf"篇{_PIECE_COUNT}|第{_PIECE_COUNT}篇"
"""A collection page's number for one of its pieces (``篇二``, ``第2篇``)."""
_PIECE_PREFIX = LazyPattern(rf"(?:{_PIECE}|范文{_PIECE_COUNT})[:：、.．]?")
"""The piece number a collection page may put before a title (``篇二：``)."""
_PIECE_LINE = LazyPattern(rf"\s{{0,4}}[【\[［]?(?:{_PIECE})[】\]］]?\s{{0,4}}")
"""A piece number standing on its own line above the title (``【篇二】``)."""
_COUNTED = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})篇$|(?:合集|汇编|大全|范文|精选)")
_NOT_IN_TITLE = re.compile(r"[。，,；;：:！!？?>]")
_SENTENCE_MARK = re.compile(r"[。，,；;！!？?>]")
"""What no title holds, nor any piece number before one (which may end in a colon)."""
_LINK_LINE = re.compile(r"[^\s:：。，,]{1,5}[:：]")
_LINKS_HEADING = re.compile(r"(?:相关[^\s:：。，,]{0,6}|[^\s:：。，,]{0,6}链接)[:：]?")
"""A heading over a list of links at a page's foot: ``相关链接：``, ``相关推荐``."""

_INFO_KEYS = (
    "索引号", "信息分类", "主题分类", "体裁分类", "发布机构", "发文机关", "生成日期", "成文日期",
    "发文日期", "文号", "发文字号", "关键词", "名称", "公开方式", "公开范围", "有效性",
)  # fmt: skip
INFO_FIELD = LazyPattern(
    r"[ \t\u3000\xa0]{0,40}(?:"
    + "|".join("[ \t\u3000\xa0]{0,4}".join(key) for key in _INFO_KEYS)
    + r")[ \t\u3000\xa0]{0,2}[:：]"
)
"""A row of a government page's information table (``索 引 号：…``,
``文\u3000\u3000号：…``): the fields of the disclosure catalogue, their
characters spread apart to line up a column."""
_NUMBER_FIELD = LazyPattern(r"(?:发文字|文)[ \t\u3000\xa0]{0,4}号[ \t\u3000\xa0]{0,2}[:：][ \t\u3000\xa0]{0,4}")
_MENU_SEPARATOR = re.compile(r"[ \t\u3000\xa0]*[|｜丨][ \t\u3000\xa0]*|[ \t\u3000\xa0]{2,}")
_MENU_MARK = re.compile(r"[|｜丨]|[ \t\u3000\xa0]{2}")
"""Where a menu's separator may stand: looked for before the line is split."""
MENU_ITEMS = 3
"""Items that make a line of short entries between ``|`` or wide spaces a menu."""
_WRAPPING_LETTER = LazyPattern(r"关于[^《》]{0,20}《(?P<title>[^《》]{4,80})》[^《》]{0,10}(?:通知|函)")
"""The title of a covering letter that names the plan it wraps
(``xx区安委会关于印发《xx区2024年安全生产工作要点》的通知``)."""

MIN_TITLE, MAX_TITLE = 6, 60
MAX_FURNITURE = 200
"""No navigation line is longer."""
MENU_ITEM = 10
"""A line this short, without punctuation or numbering, at the head or foot of
a page is a menu item."""


def is_furniture_form(text: str) -> bool:
    """A navigation line by its form: a bullet item, a breadcrumb, a
    ``时间:``/``来源:`` line, a timestamp, a ``当前位置:`` line."""
    if _NAVIGATION_START.compiled.match(text):
        return True
    if ":" in text and _TIMESTAMP.search(text):
        return True
    if not _BREADCRUMB_MARK.search(text):
        return False
    compact = text.strip()
    return len(compact) <= MAX_FURNITURE and bool(_BREADCRUMB.compiled.fullmatch(compact))


def is_menu_item(text: str) -> bool:
    """A short unpunctuated, unnumbered line: a menu or category entry.  A
    date (``2024年5月6日``) is none: it is a signature's."""
    compact = "".join(text.split())
    return (
        0 < len(compact) <= MENU_ITEM
        and not _NOT_IN_TITLE.search(compact)
        and not compact.endswith("。")
        and match_label(compact) is None
        and not is_date_line(compact)
    )


def is_site_chrome(text: str) -> bool:
    """A line of a site's own frame that no plan writes: a menu of short
    entries between ``|`` or wide spaces (``首页  政务动态  政务公开``), a
    row of a government page's information table (``索 引 号：…``), or a
    line of tools, links and footer that any web page shows
    (:func:`~safetyplan.layouts.cleaning.is_web_chrome`)."""
    if len(text) > MAX_FURNITURE:
        return False
    return INFO_FIELD.compiled.match(text) is not None or is_web_chrome(text) or is_menu(text)


def is_menu(text: str) -> bool:
    """A line of MENU_ITEMS or more menu entries between ``|`` or wide spaces."""
    line = text.strip()
    if len(line) > MAX_FURNITURE or not _MENU_MARK.search(line):
        return False
    items = _MENU_SEPARATOR.split(line)
    return len(items) >= MENU_ITEMS and all(is_menu_item(item) for item in items)


def is_navigation(text: str) -> bool:
    """A line of the page's navigation wherever it stands: by its form
    (:func:`is_furniture_form`, :func:`is_site_chrome`) or a heading that
    counts the plans a page collects, or a piece number on its own line."""
    return (
        is_furniture_form(text)
        or is_site_chrome(text)
        or is_collection_heading(text)
        or _PIECE_LINE.compiled.fullmatch(text) is not None
    )


def wrapped_title(text: str) -> str | None:
    """The plan a covering letter's title line names (``关于印发《T》的通知``
    → ``T``), whitespace removed; None where the line is no such title."""
    if not is_title_text(text):
        return None
    c = compact(text)
    m = _WRAPPING_LETTER.compiled.search(c)
    return m.group("title") if m and m.end() == len(c) else None


def listed_number(text: str) -> str | None:
    """The document number an information table's ``文号：`` row gives."""
    if not INFO_FIELD.compiled.match(text):
        return None
    key = _NUMBER_FIELD.compiled.search(text)
    found = DOC_NUMBER.match(text, key.end()) if key else None
    return found.group(0) if found else None


def compact(text: str) -> str:
    """The line without whitespace and Markdown marks."""
    return "".join(text.split()).strip("#*")


def is_collection_heading(text: str) -> bool:
    """The page's heading over several plans: ``…工作要点7篇``, ``…方案汇编``."""
    if _NOT_IN_TITLE.search(text):  # compacting only removes characters: none can appear
        return False
    c = compact(text)
    return MIN_TITLE <= len(c) <= MAX_TITLE and bool(_COUNTED.search(c))


def plan_title(text: str) -> str:
    """A title line as the plan's title: whitespace and a collection page's
    piece number (``篇二：``) removed."""
    c = compact(text)
    m = _PIECE_PREFIX.compiled.match(c)
    return c[m.end() :] if m and m.end() < len(c) else c


def is_plan_title(text: str) -> bool:
    """A plan's own title line: ``市安全生产委员会2024年工作要点一``,
    ``2024年安全生产工作实施方案``, ``篇二：…工作要点`` — short, unnumbered,
    unpunctuated, ending in the kind of plan with or without an ordinal.
    A line holding a sentence's punctuation is ruled out before any more
    work: no piece number holds it, so the title would."""
    if _SENTENCE_MARK.search(text):
        return False
    c = plan_title(text)
    if not MIN_TITLE <= len(c) <= MAX_TITLE or _NOT_IN_TITLE.search(c):
        return False
    if match_label(c) is not None or is_collection_heading(c) or is_furniture_form(text):
        return False
    return bool(_TITLE_END.compiled.search(c))


def flatten(blocks: Iterable[Block]) -> list[Paragraph]:
    """Paragraphs in order; a table row (a scraped page may keep tab-separated
    lines) becomes one paragraph of its cells joined by tabs."""
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                out.append(Paragraph("\t".join(row.texts), row.line))
        else:
            out.append(block)
    return out


@attrs.frozen
class Piece:
    """One collected plan's lines: its title line (None where the page has no
    title line) and the paragraphs up to the next plan, furniture removed;
    ``notes`` holds the furniture found in its stretch of the page;
    ``heading`` the page's own title line for the plan, where the page puts
    one above it, and ``front`` the covering letter collected with the plan
    (between that heading, or the letter's own head, and the plan's title),
    furniture removed; ``listed_number`` the document number the page's
    information table gives the article it publishes, which opens with the
    first plan."""

    title: Paragraph | None
    body: tuple[Paragraph, ...]
    notes: tuple[Note, ...]
    front: tuple[Paragraph, ...] = ()
    heading: Paragraph | None = None
    listed_number: str | None = None


def _note(p: Paragraph, kind: str = "furniture") -> Note:
    return Note(p.text.strip(), kind, Span(p.line, p.line))


def split_page(paragraphs: Sequence[Paragraph]) -> list[Piece]:
    """Cut a page into plans at their title lines.

    A title line counts only where numbered lines follow it before the next
    title, so a page heading echoed above the first plan is no plan.  Lines
    above the first plan are the page's head: furniture where the page shows
    any navigation, else unplaced text.  A plan's front matter (its covering
    letter) is what stands between the page's heading for it — a title line
    with no numbered lines before the plan's own title — or the head of a
    covering letter that names the plan (``关于印发《T》的通知``), whichever
    comes first, and the plan's title.  Navigation lines anywhere, and the
    page's foot, are furniture.
    """
    navigation = [is_navigation(p.text) for p in paragraphs]
    titles = [i for i, p in enumerate(paragraphs) if is_plan_title(p.text) and not is_menu(p.text)]
    starts: list[int] = []
    for k, i in enumerate(titles):
        stop = titles[k + 1] if k + 1 < len(titles) else len(paragraphs)
        if any(match_label(p.text) for p in paragraphs[i + 1 : stop]):
            starts.append(i)
    if not starts:
        return [_single(paragraphs)]
    web = any(navigation)
    headings: list[int | None] = []
    fronts: list[int] = []
    for k, i in enumerate(starts):
        after = starts[k - 1] + 1 if k else 0
        heading = next((t for t in titles if after <= t < i), None) if k else None
        letter = _letter_start(paragraphs, navigation, after, i)
        fronts.append(min(letter, i if heading is None else heading))
        headings.append(heading if heading == fronts[-1] else None)
    pieces: list[Piece] = []
    for k, i in enumerate(starts):
        stop = fronts[k + 1] if k + 1 < len(starts) else _foot(paragraphs)
        heading = headings[k]
        notes = [_note(p, "furniture" if web else "unplaced") for p in paragraphs[: fronts[0]]] if k == 0 else []
        front: list[Paragraph] = []
        body: list[Paragraph] = []
        for j in range(fronts[k], stop):
            if j in (i, heading):
                continue
            if navigation[j]:
                notes.append(_note(paragraphs[j]))
            else:
                (front if j < i else body).append(paragraphs[j])
        if k == len(starts) - 1:
            notes.extend(_note(p) for p in paragraphs[stop:])
        number = _listed_number(paragraphs[:i]) if k == 0 else None
        held = paragraphs[heading] if heading is not None else None
        pieces.append(Piece(paragraphs[i], tuple(body), tuple(notes), tuple(front), held, number))
    return pieces


def _letter_start(paragraphs: Sequence[Paragraph], navigation: Sequence[bool], lo: int, title: int) -> int:
    """Where the covering letter of the plan titled ``paragraphs[title]``
    begins within ``paragraphs[lo:title]``, below the last numbered line
    there (the plan before): the last letter title that names the plan,
    with the letterhead and document number standing right above it;
    ``title`` where there is none."""
    own = plan_title(paragraphs[title].text)
    for i in range(title - 1, lo - 1, -1):
        if match_label(paragraphs[i].text):
            break
        if not navigation[i] and wrapped_title(paragraphs[i].text) == own:
            while i > lo and not navigation[i - 1] and classify(paragraphs[i - 1].text) in _LETTER_HEAD:
                i -= 1
            return i
    return title


_LETTER_HEAD = frozenset({Kind.LETTERHEAD, Kind.DOC_NUMBER})
"""What a covering letter may carry above its title."""


def _listed_number(head: Sequence[Paragraph]) -> str | None:
    return next((n for p in head if (n := listed_number(p.text)) is not None), None)


def _foot(paragraphs: Sequence[Paragraph]) -> int:
    """Index where the page's foot starts: trailing navigation, links to
    other pages and menu items, a list of links under its heading
    (``相关链接：``), and a caption standing between lines of the foot
    (``扫一扫在手机打开当前页`` under the page's print tools)."""
    end = len(paragraphs)
    while end > 0:
        if _foot_line(paragraphs[end - 1].text):
            end -= 1
        elif (links := _links_start(paragraphs, end)) is not None:
            end = links
        elif end >= 2 and _caption(paragraphs[end - 1].text) and _foot_line(paragraphs[end - 2].text):
            end -= 2
        else:
            break
    return end


def _foot_line(text: str) -> bool:
    """A line of a page's foot: navigation, a menu item, or a link line
    (``上一篇:…``) — a short key, a colon, and a title without a sentence."""
    if is_furniture_form(text) or is_site_chrome(text) or is_menu_item(text):
        return True
    c = compact(text)
    return bool(_LINK_LINE.match(c)) and len(c) <= MAX_TITLE and "。" not in c


def _links_start(paragraphs: Sequence[Paragraph], end: int) -> int | None:
    """Where a list of links ending at ``end`` starts: a heading
    (``相关链接：``, ``相关推荐``) over a run of title lines, which no plan
    ends with (its last section's items are numbered or sentences)."""
    for i in range(end - 1, -1, -1):
        c = compact(paragraphs[i].text)
        if len(c) <= MENU_ITEM and _LINKS_HEADING.fullmatch(c):
            return i if i < end - 1 else None
        if not _caption(paragraphs[i].text):
            return None
    return None


def _caption(text: str) -> bool:
    """A line that reads as no sentence and no signature: a link's title or
    a caption — unnumbered, unpunctuated, neither a body's name nor a date."""
    c = compact(text)
    return (
        0 < len(c) <= MAX_TITLE
        and not _NOT_IN_TITLE.search(c)
        and match_label(c) is None
        and not is_org(c)
        and not is_date_line(c)
    )


def _single(paragraphs: Sequence[Paragraph]) -> Piece:
    """A page (or plain file) with no title line ahead of numbered text: one plan."""
    stop = _foot(paragraphs)
    notes = [_note(p) for p in paragraphs[stop:]]
    body: list[Paragraph] = []
    for p in paragraphs[:stop]:
        if is_navigation(p.text):
            notes.append(_note(p))
        else:
            body.append(p)
    return Piece(None, tuple(body), tuple(notes), listed_number=_listed_number(paragraphs[:stop]))


__all__ = [
    "INFO_FIELD",
    "MAX_FURNITURE",
    "Piece",
    "compact",
    "flatten",
    "is_collection_heading",
    "is_furniture_form",
    "is_menu",
    "is_menu_item",
    "is_navigation",
    "is_plan_title",
    "is_site_chrome",
    "listed_number",
    "plan_title",
    "split_page",
    "wrapped_title",
]

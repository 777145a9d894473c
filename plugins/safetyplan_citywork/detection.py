"""How surely a document is a city work plan, or a page collecting several.

What marks the family: several plan title lines in one file, web navigation
around them, and unit lists in brackets *inside* measures — several per
measure, with role phrases (``…牵头``, ``…分工负责``) and square brackets
``〔…〕``.  What marks the regional layouts instead: a letterhead (``…文件``), a
document number (``〔2022〕10号``), a covering notice or letter (``印发…的通知``,
``征求意见``), a ``抄送`` line — except that a page publishing a plan with the
letter that names it (``关于印发《T》的通知`` above the title ``T``) shows a
letter and its number as any issued plan does.  Each feature is read from
the notation only.

Every installed layout's ``detect`` runs on every document, so the features
are read by regular-expression scans over the document's text (one line per
paragraph or table row), never paragraph by paragraph as the parse reads.
A scan over the whole text matches a line's form as a newline followed by
that form, which the engine finds by scanning for the newline alone; what
takes more than that is read in a bounded stretch: the letterhead, number
and covering notice in the head, a page's breadcrumb, timestamp and frame
lines (menus, information table, tools) in its head and foot, the unit lists in the numbered text from the first
numbered line on, which shows how a plan writes them as well as the whole.
"""

from __future__ import annotations

import re

import attrs

from safetyplan.document import CHROME, Block, Document, Paragraph
from safetyplan.layouts.lazyre import LazyPattern

from .page import (
    INFO_FIELD,
    MAX_FURNITURE,
    is_collection_heading,
    is_furniture_form,
    is_menu,
    is_plan_title,
    is_site_chrome,
    plan_title,
    wrapped_title,
)

_S = "[ \t\u3000\xa0]"
"""Space within a line."""

_CN = "[〇零一二两三四五六七八九十百千]{1,6}"
_LABEL = (
    r"[ \t\u3000\xa0#*>]*+"
    rf"(?:[（(]{_S}{{0,3}}(?:{_CN}|\d{{1,3}}){_S}{{0,3}}[）)]"
    rf"|{_CN}{_S}{{0,3}}[、．.]"
    rf"|\d{{1,3}}{_S}{{0,2}}(?:[.．](?!\d)|[.．](?=\d{{4}}{_S}{{0,2}}年|\d{{1,2}}{_S}{{0,2}}月)|、))"
)
"""A numbering label at a line's start, as
:func:`~safetyplan.layouts.numbering.match_label` reads one.  The long
patterns below are compiled on first use, so that commands reading no plan
do not pay for them."""

_LABEL_LINE = LazyPattern(r"\n" + _LABEL)

_NAVIGATION = (
    rf"{_S}{{0,40}}+(?:[•·●▪◦■□◆◇▶►※★☆]"
    r"|(?:时间|日期|来源|作者|发布时间|发布日期|更新时间|浏览|阅读|点击|编辑|责任编辑|字号"
    rf"|当前位置|您的位置|你的位置|所在位置|位置){_S}?[:：])"
)
_NAVIGATION_LINE = LazyPattern(r"\n" + _NAVIGATION)
_NAVIGATION_START = LazyPattern(_NAVIGATION)
"""A line of a web page's navigation: a bullet item, a ``时间:``/``来源:``
line, a ``当前位置:`` line (see :func:`~.page.is_furniture_form`)."""

_TIMESTAMP_LINE = re.compile(r"[^\d\n]{0,40}+\d{4}[-/.]\d{1,2}[-/.]\d{1,2}" + _S + r"{1,3}\d{1,2}:\d{2}")
_BREADCRUMB_LINE = LazyPattern(r"[^>»›\n]{1,40}+(?:[>»›][^>»›\n]{1,40}+){2,}$")
"""A page's timestamp line, or its breadcrumb (``首页 » 范文 » 计划``)."""
_BREADCRUMB_MARKS = (">", "»", "›")
_ITEM = r"[^\s|｜丨]{1,10}+"
_FRAME_LINE = LazyPattern(
    rf"\n(?={INFO_FIELD.pattern}|{_S}*+(?:【|{_ITEM}(?:{_S}*+[|｜丨]|{_S}{{2,}}+{_ITEM}{_S}{{2,}})))"
)
"""A line that may be of a site's frame (decided by
:func:`~.page.is_site_chrome`): a row of an information table, a line of
tools (``【打印本页】``), a menu whose entries stand between ``|`` or wide
spaces."""
_COUNTING_WORD = re.compile(r"篇|合集|汇编|大全|范文|精选")
"""What a heading over several plans says (``…工作要点7篇``, see
:func:`~.page.is_collection_heading`)."""

_TITLE_CANDIDATE = LazyPattern(
    r"\n(?=[^\n。，,；;！!？?>]{4,90}+\n)[^\n]{2,90}?"
    r"(?:工作要点|要点|实施方案|工作方案|行动方案|方案|工作计划)"
    r"(?:篇?(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]))?"
    rf"(?:[（(][^（()）\n]{{1,10}}[)）])?(?:{_S}|[#*])*+(?=\n)"
)
"""A line that may be a plan's title: short, unpunctuated, ending in the kind
of plan (decided by :func:`~.page.is_plan_title`)."""

_LIST_OR_LINE = LazyPattern(
    r"(?P<mark>[\n（(〔。；;])(?:"
    r"(?<=\n)(?P<label>" + _LABEL + r")?"
    r"|(?<=[（(〔])(?P<content>(?:[^（）()〔〕\n]++|[（(][^（）()\n]{0,40}+[）)])++)(?P<close>[）)〕]|(?=\n))"
    rf"(?=(?:{_S}|[。；;，,])*+(?P<after>[^\n]?))"
    rf"|{_S}{{0,4}}+(?P<bare>(?:(?:牵头|协同|配合)?责任单位|牵头单位|配合单位|协同单位|责任部门){_S}{{0,2}}[：:][^\n]*+))"
)
"""A line's start (with its numbering label, if any), a bracketed
parenthetical and the first text after it on its line, or a unit list
standing after a sentence behind a bare ``责任单位：`` to the line's end.  The alternatives
share one first character, so the engine skips to the next one in a single
scan."""

_ORGAN = "[局委办厅部院队会站所处室府镇乡道门位司心组]"
"""The last character of a body's name (``…局``, ``…委员会``, ``…部门``, ``…单位``)."""

_MARKED_LIST = LazyPattern(rf"{_S}{{0,2}}[^\s：:，,、；;。（()）]{{0,8}}?(?:单位|部门){_S}{{0,3}}[：:]")
_PHRASED_LIST = LazyPattern(
    rf"{_ORGAN}(?:[（(][^（()）]{{0,20}}[）)])?(?:按照?职责|分工|共同|具体)?(?:牵头|配合|协同|会同|负责|协助|协办|参与|参加)"
)
"""A body's name closing with a role phrase, a note in brackets allowed
between them (``市委编办(市绩效办)牵头负责``)."""
_NAMES = LazyPattern(rf"(?:[^、，,；;。：:\s]{{1,24}}?{_ORGAN}{_S}*+(?:[、，,；;]|$))++")
_ROLE_WORD = re.compile(r"牵头|配合|协同|会同|负责")
_LEVEL = re.compile(r"[省市区县乡镇]")
_SPACES = " \t\u3000"
_SENTENCE_END = "。；;！!？?：:\n"
_CLOSING_MARKS = "。；;！!？?\n"

_DOC_NUMBER = re.compile(r"〔\s{0,2}(?:19|20)\d{2}\s{0,2}〕\s{0,2}\d{1,4}\s{0,2}号")
_LETTERHEAD = re.compile(r"\n[#*]*+[^\s，。,:：>»›]{2,40}文件[#*]*+\n")
"""A letterhead: an issuer's name and ``文件`` on a line of its own — never a
breadcrumb (``当前位置：首页 > … > 其他文件``), whose separators and key no
letterhead holds."""
_COVERING = re.compile(r"(?:印发|转发)|(?:的通知|意见函)(?=\n)|征求.{0,6}意见")
_COVERING_MARKS = ("印发", "转发", "的通知", "意见函", "征求")
_CC_LINE = LazyPattern(rf"\n{_S}{{0,4}}抄{_S}{{0,4}}送{_S}{{0,4}}[:：]")

HEAD_LINES = 40
"""Letterheads, document numbers and covering notices stand in the first lines…"""
HEAD_CHARS = 1500
"""…and within this many characters."""
FOOT_CHARS = 1500
"""A page's closing menu and links stand within this many characters of its end."""
NAVIGATION_LINES = 3
"""Lines of navigation that make a web page."""
SAMPLE_CHARS = 4000
"""How much numbered text, from the first numbered line, the unit lists are judged in."""


def score(document: Document) -> float:
    """0.0 (certainly no city work plan) to 1.0 (certainly one)."""
    if not document.blocks:
        return 0.0
    text = f"\n{document.measure(_article_text)}\n"
    head_end = _head_end(text)
    navigation = _navigation(text)
    chrome = document.measure(_chrome_paragraphs)
    total = 0.0
    titles = _plan_titles(text)
    titled = len(titles)
    if titled >= 2:
        total += 0.5
    elif titled == 1:
        total += 0.1
    if _opens_with_title(text, navigation):
        total += 0.2
    if chrome + _navigation_count(text, head_end, navigation) >= NAVIGATION_LINES:
        total += 0.3
    total += _bracket_score(text)
    total -= _official_document_penalty(text, head_end, titles)
    return max(0.0, min(1.0, total))


def _article_text(document: Document) -> str:
    """The document's text (:meth:`Document.text`) without the paragraphs
    a reader marked as the site's furniture (:data:`CHROME`), whose
    navigation counts apart and whose links (``上一篇：关于…的通知``) are no
    covering notice."""
    if not any(_is_chrome(b) for b in document.blocks):
        return document.measure(Document.text)
    return Document.text(attrs.evolve(document, blocks=tuple(b for b in document.blocks if not _is_chrome(b))))


def _is_chrome(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.style == CHROME


def _chrome_paragraphs(document: Document) -> int:
    return sum(1 for b in document.blocks if _is_chrome(b))


def _head_end(text: str) -> int:
    """Where the head ends: the newline after its last whole line."""
    end = 0
    for _ in range(HEAD_LINES):
        following = text.find("\n", end + 1, HEAD_CHARS)
        if following < 0:
            break
        end = following
    return end


def _navigation(text: str) -> set[int]:
    """Where the page's bullet, ``时间:`` and ``当前位置:`` lines start (the
    newline before each)."""
    return {m.start() for m in _NAVIGATION_LINE.compiled.finditer(text)}


def _navigation_count(text: str, head_end: int, navigation: set[int]) -> int:
    """How many lines of the page are navigation: the bullet, ``时间:`` and
    ``当前位置:`` lines, and where those are fewer than NAVIGATION_LINES,
    the timestamps, breadcrumbs, collection headings and lines of a site's
    own frame (menus, information table, tools:
    :func:`~.page.is_site_chrome`) among the short lines of the page's head
    and foot."""
    count = len(navigation)
    if count >= NAVIGATION_LINES:
        return count
    found: set[int] = set()
    foot = max(head_end + 1, len(text) - FOOT_CHARS)
    regions = ((0, head_end), (text.find("\n", foot), len(text) - 1))
    for start, end in regions:
        region = text[start + 1 : end]
        stamps = ":" in region
        crumbs = any(mark in region for mark in _BREADCRUMB_MARKS)
        headings = _COUNTING_WORD.search(region) is not None
        if stamps or crumbs or headings:
            at = start
            for line in region.split("\n"):
                if (
                    len(line) <= MAX_FURNITURE
                    and not _NAVIGATION_START.compiled.match(line)
                    and (
                        (stamps and _TIMESTAMP_LINE.match(line))
                        or (crumbs and _BREADCRUMB_LINE.compiled.match(line))
                        or (headings and is_collection_heading(line))
                    )
                ):
                    found.add(at)
                at += len(line) + 1
    if count + len(found) >= NAVIGATION_LINES:
        return count + len(found)
    for start, end in regions:
        for m in _FRAME_LINE.compiled.finditer(text, start, end + 1):
            at = m.start()
            if at not in navigation and at not in found and is_site_chrome(text[at + 1 : text.find("\n", at + 1)]):
                found.add(at)
    return count + len(found)


def _plan_titles(text: str) -> list[re.Match[str]]:
    """The plan title lines that have numbered lines after them before the
    next title line: the plans a page collects.  A menu that ends like a
    title is the site's, as :func:`~.page.split_page` reads it."""
    titles = [
        m for m in _TITLE_CANDIDATE.compiled.finditer(text) if is_plan_title(m.group(0)) and not is_menu(m.group(0))
    ]
    return [
        title
        for k, title in enumerate(titles)
        if _LABEL_LINE.compiled.search(text, title.end(), titles[k + 1].start() if k + 1 < len(titles) else len(text))
    ]


def _opens_with_title(text: str, navigation: set[int]) -> bool:
    """The first line that is no navigation is a plan's title: the plan
    stands on its own, without letterhead or covering notice.  The lines
    walked are bounded (HEAD_LINES that need a closer look, none longer
    than MAX_FURNITURE), so a page of one huge line costs nothing here."""
    start = 0
    for _ in range(HEAD_LINES):
        while start in navigation:
            start = text.find("\n", start + 1)
        end = text.find("\n", start + 1)
        if end < 0:
            return False
        line = text[start + 1 : end]
        if len(line) > MAX_FURNITURE:
            return False
        if is_plan_title(line):
            return True
        if not (is_furniture_form(line) or is_collection_heading(line) or is_site_chrome(line)):
            return False
        start = end
    return False


def _bracket_score(text: str) -> float:
    """Unit lists in brackets inside numbered paragraphs: how many measures
    carry one, how many carry one with text after it (several lists per
    measure), how many give roles by phrase (``…牵头`` ``…分工负责``) rather
    than one ``（责任单位：…）`` at the end, and whether square brackets are
    used."""
    first = _LABEL_LINE.compiled.search(text)
    if first is None:
        return 0.0
    numbered = listed = inside = roles = 0
    square = False
    current = has_list = has_inside = has_role = False
    for m in _LIST_OR_LINE.compiled.finditer(text, first.start(), first.start() + SAMPLE_CHARS):
        mark, label, content, close, after, _ = m.groups()
        if mark == "\n":
            listed += has_list
            inside += has_inside
            roles += has_role
            current = label is not None
            numbered += current
            has_list = has_inside = has_role = False
        elif current and (content is None or _is_unit_list(text, m.start(), m.end(), content)):
            has_list = True
            has_inside = has_inside or bool(after)
            has_role = has_role or _ROLE_WORD.search(text, m.start(), m.end()) is not None
            square = square or mark == "〔" or close == "〕"
    listed += has_list
    inside += has_inside
    roles += has_role
    if not numbered:
        return 0.0
    carried = 0.2 * min(1.0, 1.5 * listed / numbered)
    within = 0.3 * min(1.0, 2.5 * inside / numbered)
    phrased = 0.3 * min(1.0, 2.0 * roles / numbered)
    return carried + within + phrased + (0.05 if square else 0.0)


def _is_unit_list(text: str, start: int, end: int, content: str) -> bool:
    """Whether the bracket ``text[start:end]`` holding ``content`` is a unit
    list: it opens with a marker (``责任单位：``), closes names with a role
    phrase (``…市应急局牵头``) before any full stop, or holds nothing but
    names of bodies where it follows a sentence or closes one (several
    names, or one that says whose body it is) — the notations
    :func:`~safetyplan.layouts.units.find_unit_lists` reads."""
    stop = content.find("。")
    if _MARKED_LIST.compiled.match(content) or _PHRASED_LIST.compiled.search(
        content, 0, stop if stop >= 0 else len(content)
    ):
        return True
    if not _NAMES.compiled.fullmatch(content):
        return False
    before = start - 1
    while text[before] in _SPACES:
        before -= 1
    if text[before] in _SENTENCE_END:
        return True
    while text[end] in _SPACES:
        end += 1
    several = any(sep in content for sep in "、，,；;")
    return text[end] in _CLOSING_MARKS and (several or _LEVEL.match(content) is not None)


def _official_document_penalty(text: str, head_end: int, titles: list[re.Match[str]]) -> float:
    """Letterhead, document number, covering notice, 抄送: an issued document
    of a regional layout, not a work-points page.  A covering letter that
    names a plan whose title stands below it (``关于印发《T》的通知`` … ``T``)
    is that plan's, as a page publishing one plan carries it: neither it
    nor its number counts against the page."""
    head = "\n".join("".join(line.split()) for line in text[: head_end + 1].split("\n"))
    penalty = 0.0
    wrapping = bool(titles) and "《" in head and _wraps_a_plan(text, head_end, titles)
    if "〔" in head and not wrapping and _DOC_NUMBER.search(head):
        penalty += 0.4
    if "文件" in head and _LETTERHEAD.search(head):
        penalty += 0.3
    if (
        not wrapping
        and any(mark in head for mark in _COVERING_MARKS)
        and any(not is_plan_title(_line_at(head, m.start())) for m in _COVERING.finditer(head))
    ):
        penalty += 0.2
    if _CC_LINE.compiled.search(text):
        penalty += 0.2
    return penalty


def _wraps_a_plan(text: str, head_end: int, titles: list[re.Match[str]]) -> bool:
    """Whether a line of the head is a covering letter's title naming a plan
    whose title line (with numbered lines after it) stands below it."""
    at = text.find("《", 0, head_end)
    while at >= 0:
        end = text.find("\n", at)
        named = wrapped_title(_line_at(text, at))
        if named is not None and any(m.start() >= end and plan_title(m.group(0)) == named for m in titles):
            return True
        at = text.find("《", end, head_end)
    return False


def _line_at(text: str, index: int) -> str:
    """The line of ``text`` that holds ``index``."""
    return text[text.rfind("\n", 0, index) + 1 : text.find("\n", index)]


__all__ = ["score"]

"""Bracketed asides inside a measure's text, and which of them are unit lists.

City work plans put their unit lists in brackets anywhere inside a measure —
``（责任单位：…）``, ``〔…分工负责〕``, even ``(…〕`` with mismatched halves — and
each list covers the sentences written before it.  The same brackets also hold
asides that are no unit list at all: ``(含自建房)``, ``党委(党组)``,
``刑法修正案(十一)``, ``(即:…)``.  This module finds the outermost bracket
groups with one linear scan (no regular expression runs over the measure), and
tells the two kinds apart by the grammar of what the brackets hold: a marker
(``责任单位:``), a role phrase (``牵头`` ``配合`` ``分工负责`` ``负责``), or a
bare list whose every item ends like the name of a body (``局`` ``委`` ``办``
``中心`` ``部门`` …) standing at a sentence boundary.
"""

from __future__ import annotations

import re

import attrs

OPENERS = "（(〔[【"
CLOSERS = "）)〕]】"
BOOK_OPEN = "《"
BOOK_CLOSE = "》"
MAX_GROUP = 600
"""Longest bracket content read as one group; longer runs are prose that lost
a closing bracket, not an aside."""

SENTENCE_END = "。；;！!？?"
MAX_NAME = 40
"""Longest item a role-phrase list may hold; longer runs are clauses."""


@attrs.frozen
class Group:
    """One outermost bracket group: ``start`` is the opening bracket's index,
    ``end`` the index just after the closing one, ``inner`` the text between."""

    start: int
    end: int
    inner: str


def bracket_groups(text: str) -> list[Group]:
    """Every outermost bracket group of ``text`` in order.

    Any opening bracket pairs with any closing one (scraped plans mix ``(`` with
    ``〕``); brackets inside a book title ``《…》`` belong to the title.  An
    opening bracket that is never closed within :data:`MAX_GROUP` characters is
    skipped, so a stray ``(`` cannot swallow the rest of a measure.
    """
    groups: list[Group] = []
    i, n = 0, len(text)
    book = 0
    while i < n:
        ch = text[i]
        if ch == BOOK_OPEN:
            book += 1
        elif ch == BOOK_CLOSE and book:
            book -= 1
        elif ch in OPENERS and not book:
            close = _matching_close(text, i)
            if close is not None:
                groups.append(Group(i, close + 1, text[i + 1 : close]))
                i = close + 1
                continue
        i += 1
    return groups


def _matching_close(text: str, open_at: int) -> int | None:
    depth = 0
    limit = min(len(text), open_at + MAX_GROUP + 2)
    for j in range(open_at, limit):
        ch = text[j]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth -= 1
            if depth == 0:
                return j
    return None


# -- what a unit list looks like ------------------------------------------------

_MARKER = re.compile(r"(?:牵头|主责|责任|协同|配合|协办|参与|主办|承办)?(?:责任)?(?:单位|部门)[:：]")
"""``责任单位：`` ``牵头责任单位:`` ``配合单位：`` — a list announced as one."""

_ROLE_TAIL = re.compile(r"(?:按职责)?(?:分工负责|牵头负责|共同负责|具体负责|负责|牵头|配合推进|配合|协同|参与)$")
"""The role phrase that closes a list: ``…牵头`` ``…分工负责`` ``…配合推进``."""

_ETC = re.compile(r"等(?:有关|相关|其他)?(?:部门单位|部门|单位|机构)?$")

UNIT_SUFFIXES: tuple[str, ...] = (
    "局",
    "委",
    "办",
    "部",
    "厅",
    "院",
    "会",
    "队",
    "中心",
    "单位",
    "部门",
    "政府",
    "公司",
    "集团",
    "台",
    "社",
    "站",
    "署",
    "处",
    "所",
    "室",
    "联",
    "街道",
    "机构",
    "小组",
    "党校",
    "银行",
    "园区",
)
"""How the names of bodies end.  Used only to recognise a bare bracketed list
(``(市应急局、市公安局)``); lists announced by a marker or a role phrase are
read whatever their names end with."""

_SPLIT = "、，,；;"


def split_items(text: str) -> list[str]:
    """Split a list on ``、，,；;`` outside brackets; empty items dropped."""
    items: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        if ch in _SPLIT and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    items.append("".join(current).strip())
    return [item for item in items if item]


def strip_brackets(name: str) -> str:
    """``市委党校(行政学院)`` → ``市委党校``: the name without trailing asides."""
    while name and name[-1] in CLOSERS:
        groups = bracket_groups(name)
        if not groups or groups[-1].end != len(name):
            break
        name = name[: groups[-1].start].rstrip()
    return name


def looks_like_unit(name: str) -> bool:
    """True where ``name`` ends the way the name of a body does."""
    core = strip_brackets(_ETC.sub("", name.strip()))
    return len(core) >= 2 and core.endswith(UNIT_SUFFIXES)


def unit_clauses(inner: str) -> list[str]:
    """The parts of a bracket's text that are unit lists, in order.

    The text is cut at sentence ends outside brackets, so that a note following
    the list inside the same brackets (``…分工负责。以下各项工作均需…落实,不再列出``)
    is not read as units.  A part is a unit list where it is announced by a
    marker, or closed by a role phrase over names of bodies.  Bare lists are
    judged by :func:`is_bare_unit_list`, which also needs the bracket's place.
    """
    out: list[str] = []
    for part in _sentences(inner):
        compact = "".join(part.split())
        if not compact:
            continue
        if _MARKER.match(compact) or _role_phrase(compact):
            out.append(part)
    return out


def is_bare_unit_list(inner: str) -> bool:
    """True where the bracket holds nothing but names of bodies."""
    compact = "".join(inner.split()).rstrip("。；;")
    if not compact or "：" in compact or ":" in compact:
        return False
    items = split_items(compact)
    return bool(items) and all(looks_like_unit(item) for item in items)


def at_sentence_boundary(text: str, group: Group) -> bool:
    """True where the bracket closes a sentence: followed by a sentence end,
    the end of the text or another bracket, or opening right after one."""
    after = text[group.end : group.end + 2].lstrip()
    if not after or after[0] in SENTENCE_END or after[0] in OPENERS or after[0] in "\n":
        return True
    before = text[: group.start].rstrip()
    return not before or before[-1] in SENTENCE_END


def _sentences(inner: str) -> list[str]:
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(inner):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif ch in "。；;" and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    return [p for p in parts if p.strip()]


def _role_phrase(compact: str) -> bool:
    """A list closed by a role phrase (``…牵头,…分工负责``): the phrase ends the
    text, and the runs before the role words are short items of which at least
    one is the name of a body — so ``(企业负责)`` or a clause that happens to
    end in 负责 is no list."""
    if not _ROLE_TAIL.search(compact):
        return False
    names: list[str] = []
    for segment in split_items(compact.replace("会同", "、")):
        names.append(_ROLE_TAIL.sub("", segment))
    return all(0 < len(name) <= MAX_NAME for name in names) and any(looks_like_unit(name) for name in names)


__all__ = [
    "UNIT_SUFFIXES",
    "Group",
    "at_sentence_boundary",
    "bracket_groups",
    "is_bare_unit_list",
    "looks_like_unit",
    "split_items",
    "strip_brackets",
    "unit_clauses",
]

"""Bracket groups inside a measure's text, found with one linear scan.

City work plans put asides and unit lists in brackets anywhere inside a
measure, with mismatched halves (``(…〕``) and brackets nested inside names
(``市委党校(行政学院)``).  The shared unit grammar
(:func:`safetyplan.layouts.units.find_unit_lists`) decides which groups are
unit lists; this module only finds the outermost groups and says where they
stand, for the places citywork reads beyond the shared grammar: a bare list
of units written at the end of a sentence (``…装置(市住建局、市市场监管局)。``),
and headlines, which hold no bracket.
"""

from __future__ import annotations

import attrs

OPENERS = "（(〔［[【"
CLOSERS = "）)〕］]】"
BOOK_OPEN = "《"
BOOK_CLOSE = "》"
MAX_GROUP = 600
"""Longest bracket content read as one group; longer runs are prose that lost
a closing bracket, not an aside."""

SENTENCE_END = "。；;！!？?"


@attrs.frozen
class Group:
    """One outermost bracket group: ``start`` is the opening bracket's index,
    ``end`` the index just after the closing one, ``inner`` the text between."""

    start: int
    end: int
    inner: str


def bracket_groups(text: str) -> list[Group]:
    """Every outermost bracket group of ``text`` in order.

    Any closing bracket closes the latest open one (scraped plans mix ``(``
    with ``〕``); brackets inside a book title ``《…》`` belong to the title.
    An opening bracket never closed pairs with nothing, so a stray ``(``
    cannot swallow the rest of a measure; a pair spanning more than
    :data:`MAX_GROUP` characters is prose that lost its brackets, and the
    groups inside it count instead.  One pass over the text, then one over
    the pairs.
    """
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    book = 0
    for i, ch in enumerate(text):
        if ch == BOOK_OPEN:
            book += 1
        elif ch == BOOK_CLOSE and book:
            book -= 1
        elif book:
            continue
        elif ch in OPENERS:
            stack.append(i)
        elif ch in CLOSERS and stack:
            start = stack.pop()
            if i - start - 1 <= MAX_GROUP:
                pairs.append((start, i + 1))
    pairs.sort()
    groups: list[Group] = []
    reach = -1
    for start, end in pairs:
        if start >= reach:
            groups.append(Group(start, end, text[start + 1 : end - 1]))
            reach = end
    return groups


def closes_sentence(text: str, group: Group) -> bool:
    """True where the group ends a sentence: what follows it (spaces skipped)
    is a sentence end, a line break or the end of the text."""
    at = group.end
    while at < len(text) and text[at] in " \t\u3000":
        at += 1
    return at == len(text) or text[at] in SENTENCE_END or text[at] == "\n"


__all__ = ["CLOSERS", "OPENERS", "Group", "bracket_groups", "closes_sentence"]

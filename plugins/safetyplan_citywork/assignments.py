"""Who a city work measure names, and which of its sentences each list covers.

A measure may carry several unit lists in brackets, anywhere in its text; each
list applies to the sentences written before it, back to the previous list or
the start of the measure.  The grammar of a list (markers, role phrases,
``会同``, ``等有关部门``, shared prefixes) is the shared one of
:mod:`safetyplan.layouts.units`; what is read here is where the lists stand and
what they cover.
"""

from __future__ import annotations

import re

import attrs

from safetyplan.layouts.units import merge_assignments, parse_units
from safetyplan.model import Assignment, Role, TextRange

from .brackets import at_sentence_boundary, bracket_groups, is_bare_unit_list, unit_clauses

_SKIP_AFTER = " \t\u3000\n。；;，,"
"""What may follow a closing bracket before the next covered sentence starts."""

_LINE_LIST = re.compile(r"\s{0,4}(?:牵头|主责|责任|协同|配合|协办)?(?:责任)?(?:单位|部门)\s{0,2}[:：]")
"""A paragraph of its own that is a unit list: ``责任单位：市应急局、市公安局``."""


@attrs.frozen
class UnitList:
    """One unit list of a measure: where it stands in the measure's text
    (``start``/``end`` of the bracket or line) and what it covers."""

    start: int
    end: int
    covers: TextRange
    assignments: tuple[Assignment, ...]


def unit_lists(text: str) -> list[UnitList]:
    """Every unit list in a measure's text, in order, each with the range of
    text it applies to."""
    found: list[tuple[int, int, list[Assignment]]] = []
    for group in bracket_groups(text):
        clauses = unit_clauses(group.inner)
        assignments: list[Assignment] = []
        for clause in clauses:
            assignments.extend(parse_units(clause))
        if not clauses and is_bare_unit_list(group.inner) and at_sentence_boundary(text, group):
            assignments.extend(parse_units(group.inner, role=Role.RESPONSIBLE))
        if assignments:
            found.append((group.start, group.end, assignments))
    found.extend(_line_lists(text, found))
    found.sort(key=lambda item: item[0])
    out: list[UnitList] = []
    covered_from = 0
    for start, end, assignments in found:
        covers = TextRange(covered_from, _trim_end(text, covered_from, start))
        out.append(UnitList(start, end, covers, tuple(attrs.evolve(a, applies_to=covers) for a in assignments)))
        covered_from = _skip(text, end)
    return out


def measure_assignments(text: str) -> tuple[Assignment, ...]:
    """The measure's units in order of first appearance, each (unit, role)
    once, each carrying the range of text its first list covers."""
    return merge_assignments(*(list(ul.assignments) for ul in unit_lists(text)))


def _line_lists(
    text: str, bracketed: list[tuple[int, int, list[Assignment]]]
) -> list[tuple[int, int, list[Assignment]]]:
    """Lines of the measure that are unit lists by themselves (not in brackets)."""
    out: list[tuple[int, int, list[Assignment]]] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if start == 0 or not _LINE_LIST.match(line):
            continue
        if any(s < end and start < e for s, e, _ in bracketed):
            continue
        assignments = parse_units(line.strip().rstrip("。；;"))
        if assignments:
            out.append((start, end, assignments))
    return out


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SKIP_AFTER:
        at += 1
    return at


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\u3000\n":
        end -= 1
    return end


__all__ = ["UnitList", "measure_assignments", "unit_lists"]

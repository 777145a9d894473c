"""Who a city work measure names, and which of its sentences each list covers.

A measure may carry several unit lists in brackets, anywhere in its text; each
list applies to the sentences written before it, back to the previous list or
the start of the measure.  Which brackets are unit lists, and what a list
says (markers, role phrases, ``会同``, ``等有关部门``, shared prefixes), is
the shared grammar of :mod:`safetyplan.layouts.units`; what is read here is
what the lists cover.
"""

from __future__ import annotations

import attrs

from safetyplan.layouts.units import find_unit_lists, merge_assignments
from safetyplan.model import Assignment, TextRange

_SKIP_AFTER = " \t\u3000\n。；;，,"
"""What may follow a list before the next covered sentence starts."""


@attrs.frozen
class CoveredList:
    """One unit list of a measure: where it stands in the measure's text and
    the range of text it applies to (its assignments carry that range too)."""

    start: int
    end: int
    covers: TextRange
    assignments: tuple[Assignment, ...]


def unit_lists(text: str) -> list[CoveredList]:
    """Every unit list in a measure's text, in order, each with the range of
    text it applies to."""
    out: list[CoveredList] = []
    covered_from = 0
    for ul in find_unit_lists(text):
        end = ul.start
        while end > covered_from and text[end - 1] in " \t\u3000\n":
            end -= 1
        covers = TextRange(covered_from, end)
        if end <= covered_from and out:
            # A list right after another (``牵头单位:…`` then ``配合单位:…``)
            # covers the same sentences.
            covers = out[-1].covers
        assignments = tuple(attrs.evolve(a, applies_to=covers) for a in ul.assignments)
        out.append(CoveredList(ul.start, ul.end, covers, assignments))
        covered_from = ul.end
        while covered_from < len(text) and text[covered_from] in _SKIP_AFTER:
            covered_from += 1
    return out


def measure_assignments(text: str) -> tuple[Assignment, ...]:
    """The measure's units in order of first appearance, each (unit, role)
    once, each carrying the range of text its first list covers."""
    return merge_assignments(*(ul.assignments for ul in unit_lists(text)))


__all__ = ["CoveredList", "measure_assignments", "unit_lists"]

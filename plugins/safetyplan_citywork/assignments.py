"""Who a city work measure names, and which of its sentences each list covers.

A measure may carry several unit lists in brackets, anywhere in its text; each
list applies to the sentences written before it, back to the previous list or
the start of the measure.  Which brackets are unit lists, and what a list
says (markers, role phrases, ``会同``, ``等有关部门``, shared prefixes), is
the shared grammar of :mod:`safetyplan.layouts.units`; what is read here is
what the lists cover, and one placement the family uses beyond the shared
grammar: a bare list of names written at the end of a sentence, before its
full stop (``…报警装置(市住房城乡建设局、市市场监管局)。``).
"""

from __future__ import annotations

import attrs

from safetyplan.layouts.unitnames import is_organ, level_prefix
from safetyplan.layouts.units import UnitList, find_unit_lists, merge_assignments, parse_units
from safetyplan.model import Assignment, TextRange

from .brackets import bracket_groups, closes_sentence

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
    found = find_unit_lists(text)
    found = sorted([*found, *_sentence_final_lists(text, found)], key=lambda u: u.start)
    out: list[CoveredList] = []
    covered_from = 0
    for ul in found:
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


def _sentence_final_lists(text: str, found: list[UnitList]) -> list[UnitList]:
    """Brackets holding nothing but names of bodies, closing a sentence.

    The shared grammar reads such a list where it stands after a sentence's
    full stop; city work plans also write it before the full stop."""
    out: list[UnitList] = []
    for group in bracket_groups(text):
        if any(u.start < group.end and group.start < u.end for u in found):
            continue
        inner = group.inner
        if not closes_sentence(text, group) or any(ch in inner for ch in "。：:"):
            continue
        assignments = parse_units(inner)
        if _names_of_bodies([a.unit for a in assignments]):
            out.append(UnitList(group.start, group.end, tuple(assignments)))
    return out


def _names_of_bodies(names: list[str]) -> bool:
    """Every name is a body's; a lone name must also say whose body it is
    (``市应急局``), since a lone bare word after a name is that name's
    alias (``党委(党组)``)."""
    if not names or not all(is_organ(name) for name in names):
        return False
    return len(names) > 1 or level_prefix(names[0]) is not None


__all__ = ["CoveredList", "measure_assignments", "unit_lists"]

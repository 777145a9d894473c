"""Unit lists: who is named for a measure, with which role.

(contract stub — implementation pending)
"""

from __future__ import annotations

from ..model import Assignment, Role


def parse_units(text: str, *, role: Role = Role.RESPONSIBLE, cell: bool = False) -> list[Assignment]:
    """Parse one unit list (the inside of a ``（责任单位：…）`` parenthetical, a
    role phrase such as ``市应急局牵头,市公安局配合``, or a table's 责任单位
    cell when ``cell`` is True) into assignments in order of appearance."""
    raise NotImplementedError


def merge_assignments(*lists: list[Assignment]) -> tuple[Assignment, ...]:
    """Concatenate unit lists of one measure, keeping each (unit, role) once."""
    raise NotImplementedError

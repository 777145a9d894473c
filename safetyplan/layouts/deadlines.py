"""Deadlines: completion dates in running text and in 完成时限 cells.

(contract stub — implementation pending)
"""

from __future__ import annotations

from ..model import Deadline


def find_deadlines(text: str, year: int | None) -> list[Deadline]:
    """Every explicit completion date set in running text, in order."""
    raise NotImplementedError


def parse_deadline_cell(text: str, year: int | None) -> list[Deadline]:
    """A task table's 完成时限 value(s): every value is a deadline."""
    raise NotImplementedError

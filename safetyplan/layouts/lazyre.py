"""Regular expressions compiled the first time they are used.

Every command registers every layout, so a pattern compiled at module level
is paid by ``safetyplan plugins`` and ``--help`` as much as by an import.  A
pattern with large character classes or many alternatives takes a
millisecond or more to compile; such a pattern is declared as a
:class:`LazyPattern` and compiled only by the commands that read a plan.

Every lazy pattern is listed in :data:`DECLARED`, so the test that scans the
code's patterns for catastrophic backtracking sees these too.
"""

from __future__ import annotations

import functools
import re


class LazyPattern:
    """A pattern declared at module level and compiled on first use of
    :attr:`compiled`."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        DECLARED.append(self)

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


DECLARED: list[LazyPattern] = []
"""Every lazy pattern of the modules imported so far."""


__all__ = ["DECLARED", "LazyPattern"]

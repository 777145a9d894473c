"""safetyplan's own interchange formats: XML (:mod:`.xml`) and JSON (:mod:`.json`).

Both hold the model exactly — reading back a written file gives an equal Plan —
so other applications can store plans and exchange them without a layout.
This package holds what the two share; each format's codec is its own module,
imported only when a file of that format is read or written.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from ..errors import OutputError
from ..model import Plan, Section

MAX_SECTION_DEPTH = 100
"""How deeply sections may nest in a file safetyplan writes or reads.

Real plans nest four or five levels.  The bound keeps every reader and writer
(and comparing the Plans they produce) well inside Python's recursion limit
and libxml2's element-depth limit, so a hostile file cannot make them crash
and a Plan that was written can always be read back."""


def section_depth(sections: tuple[Section, ...]) -> int:
    """How many levels of sections nest in ``sections`` (0 for none)."""
    depth = 0
    level: list[Section] = list(sections)
    while level:
        depth += 1
        level = [child for section in level for child in section.children if isinstance(child, Section)]
    return depth


def check_depth(plan: Plan, format: str) -> None:
    """Refuse to write a plan whose sections nest beyond :data:`MAX_SECTION_DEPTH`."""
    deepest = max([section_depth(plan.sections), *(section_depth(a.sections) for a in plan.attachments)])
    if deepest > MAX_SECTION_DEPTH:
        raise OutputError(
            f"cannot write {format}: sections nest {deepest} levels deep, "
            f"safetyplan {format} holds at most {MAX_SECTION_DEPTH}",
            hint="flatten the section tree",
        )


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a plan is built.

    Reading a plan creates a great many objects that all survive and hold no
    reference cycles.  The collector would count them and, as they pile up,
    walk every live object again and again, so that reading a plan ten times
    the size took thirteen times as long.  Reference counting still frees
    everything the reader discards.  The collector's state is restored
    afterwards; where it was already off it stays off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["MAX_SECTION_DEPTH", "check_depth", "cyclic_gc_paused", "section_depth"]

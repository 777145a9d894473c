"""Word writers: task allocation table, GB/T 9704 plan, per-unit lists, clerk templates.

Four writers of format ``docx``, told apart by ``kind``:

- ``table`` (the default): the task allocation table (重点任务分工表), which
  :mod:`safetyplan.layouts.tasktable` reads back after a clerk's edits;
- ``document``: the whole plan in the GB/T 9704-2012 official layout;
- ``units``: per-unit responsibility lists (责任清单); option ``split=True``
  gives every unit its own Word section (new page, page numbers from 1);
- ``template``: a clerk's own .docx with docxtpl/Jinja tags (option
  ``template=PATH``), filled with the context of :mod:`.context`.

The modules doing the work are imported only when a writer runs, so listing
the plugins (``safetyplan plugins``) does not pay for lxml and docxtpl.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO, cast

import attrs

from ...errors import OutputError, SafetyPlanError
from ...hookspecs import Writer, hookimpl
from ...layouts.lazyre import LazyPattern
from ...model import Plan

_INVALID = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class TemplateError(SafetyPlanError):
    """A clerk's template cannot be used: missing, not a .docx, a broken tag,
    a name the context does not define."""


@attrs.define
class WordWriter:
    """One kind of Word output; ``module`` (in this package) does the writing."""

    kind: str | None
    module: str
    description: str
    default: bool = False
    format: str = "docx"
    suffix: str = ".docx"

    def write(self, plan: Plan, stream: BinaryIO, options: Mapping[str, Any]) -> None:
        module = importlib.import_module(f"{__name__}.{self.module}")
        try:
            module.write(plan, stream, dict(options))
        except ValueError as exc:  # lxml refuses characters XML cannot carry
            bad = unwritable_text(plan)
            if bad is None:
                raise
            where, char = bad
            raise OutputError(
                f"{where} holds U+{ord(char):04X}, a character Word cannot store",
                hint="remove it from the plan before writing Word output",
            ) from exc


def unwritable_text(plan: Plan) -> tuple[str, str] | None:
    """The first field of ``plan`` holding a character XML cannot carry, as
    (where, character); None where every string can be written."""
    for where, text in _strings(plan, "plan"):
        m = _INVALID.compiled.search(text)
        if m:
            return where, m.group(0)
    return None


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(cast(Any, type(value))):
            yield from _strings(getattr(value, field.name), f"{where}.{field.name}")


WRITERS: tuple[WordWriter, ...] = (
    WordWriter("table", "table", "task allocation table (重点任务分工表), landscape A4; reads back", default=True),
    WordWriter("document", "document", "the plan in the GB/T 9704-2012 official document layout"),
    WordWriter("units", "units", "per-unit responsibility lists (责任清单), sorted by due date"),
    WordWriter("template", "template", "a clerk's .docx template with docxtpl tags (option template=PATH)"),
)


@hookimpl
def safetyplan_writers() -> list[Writer]:
    return list(WRITERS)


__all__ = ["WRITERS", "TemplateError", "WordWriter", "safetyplan_writers", "unwritable_text"]

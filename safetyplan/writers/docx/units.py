"""Per-unit responsibility lists (责任清单): what each unit must do, by when.

Every unit named anywhere in the plan gets a list of the measures it leads,
supports or is responsible for, soonest due first.  Units are merged by
:func:`safetyplan.layouts.units.unit_key`, so ``区安委办`` and
``区安全生产委员会办公室``, or ``经发局`` written for ``区经发局``, share
one list, shown under the fullest of their names.

Option ``split=True`` starts every unit on a new page in a Word section of
its own, page numbers restarting at 1, so the printout divides into one
handout per unit.  Without it the lists follow one another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, BinaryIO

import attrs

from ...layouts.units import unit_key
from ...model import Measure, Plan, Role
from .gbt9704 import PORTRAIT, section_break, section_properties
from .ooxml import ParagraphFormat, add_paragraph, format_paragraph
from .package import WordPackage
from .table import TaskTable

ROLE_WORDS = {Role.LEAD: "牵头", Role.SUPPORT: "配合", Role.RESPONSIBLE: "负责"}
"""How the 职责 column names each role."""

HEADER = ("序号", "重点任务", "职责", "完成时限")
SHARES = (9, 61, 10, 20)
TITLE_SUFFIX = "责任清单"


@attrs.frozen
class Duty:
    """One measure on a unit's list, with the roles the unit has in it."""

    measure: Measure
    roles: tuple[Role, ...]
    order: int
    """Position of the measure in the plan, for ties in due date."""

    @property
    def due(self) -> dt.date | None:
        """The earliest date the measure is due, if any."""
        dates = [d.due for d in self.measure.deadlines if d.due is not None]
        return min(dates) if dates else None

    def sort_key(self) -> tuple[dt.date, int]:
        return (self.due or dt.date.max, self.order)


@attrs.frozen
class UnitDuties:
    """A unit's list: its key, the name to show and its duties by due date."""

    key: str
    name: str
    names: tuple[str, ...]
    """Every name the plan uses for the unit, in order of first use."""
    duties: tuple[Duty, ...]

    def count(self, role: Role) -> int:
        return sum(1 for d in self.duties if role in d.roles)


def unit_duties(plan: Plan) -> list[UnitDuties]:
    """Every unit of ``plan`` with its duties, units in order of first mention."""
    names: dict[str, list[str]] = {}
    roles: dict[str, dict[int, list[Role]]] = {}
    measures: list[Measure] = []
    keys: dict[str, str] = {}
    for order, measure in enumerate(plan.measures()):
        measures.append(measure)
        for assignment in measure.assignments:
            name = assignment.name
            key = keys.get(name)
            if key is None:
                key = keys[name] = unit_key(name)
            seen = names.setdefault(key, [])
            if name not in seen:
                seen.append(name)
            held = roles.setdefault(key, {}).setdefault(order, [])
            if assignment.role not in held:
                held.append(assignment.role)
    out = []
    for key, spelled in names.items():
        duties = sorted(
            (Duty(measures[order], tuple(held), order) for order, held in roles[key].items()),
            key=Duty.sort_key,
        )
        out.append(UnitDuties(key, max(spelled, key=len), tuple(spelled), tuple(duties)))
    return out


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """``1`` → ``一``, ``12`` → ``十二``, ``105`` → ``一百零五`` (n under 10,000)."""
    if n < 10:
        return _DIGITS[n]
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += ("" if unit == "十" and not out and digit == 1 else _DIGITS[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out


def summary(unit: UnitDuties) -> str:
    """``牵头3项，配合2项，负责5项。`` — roles the unit has, in that order."""
    parts = [f"{word}{unit.count(role)}项" for role, word in ROLE_WORDS.items() if unit.count(role)]
    return "共" + str(len(unit.duties)) + "项任务：" + "，".join(parts) + "。"


def _rows(duties: Iterable[Duty]) -> Iterable[list[tuple[list[str], str]]]:
    for i, duty in enumerate(duties, start=1):
        yield [
            ([str(i)], "TableCentre"),
            (duty.measure.text.split("\n"), "TableText"),
            (["、".join(ROLE_WORDS[r] for r in duty.roles)], "TableCentre"),
            ([d.text for d in duty.measure.deadlines], "TableCentre"),
        ]


def write(plan: Plan, stream: BinaryIO, options: dict[str, Any]) -> None:
    """Write every unit's responsibility list; ``split=True`` gives each unit
    its own Word section."""
    split = bool(options.get("split", False))
    package = WordPackage(plan.title)
    table = TaskTable(PORTRAIT.text_width, HEADER, SHARES)
    units = unit_duties(plan)
    with package.body(stream) as body:
        body.add(add_paragraph(None, "Title", f"《{plan.title}》{TITLE_SUFFIX}" if plan.title else TITLE_SUFFIX))
        body.add(add_paragraph(None, "Normal"))
        if not units:
            body.add(add_paragraph(None, "Normal", "本方案未列明责任单位。"))
        for index, unit in enumerate(units, start=1):
            if split and index > 1:
                body.add(section_break(PORTRAIT, package.footers, restart_numbering=True))
            body.add(add_paragraph(None, "Heading1", f"{chinese_numeral(index)}、{unit.name}"))
            count = add_paragraph(None, "Normal", summary(unit))
            format_paragraph(count, ParagraphFormat(keep_next=True))
            body.add(count)
            body.table(table.head(), (table.cells_row(cells) for cells in _rows(unit.duties)))
            body.add(add_paragraph(None, "Normal"))
        body.add(section_properties(None, PORTRAIT, package.footers, restart_numbering=split))


__all__ = ["ROLE_WORDS", "Duty", "UnitDuties", "chinese_numeral", "summary", "unit_duties", "write"]

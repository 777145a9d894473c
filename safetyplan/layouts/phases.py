"""Implementation phases (实施步骤): ``（一）部署发动阶段（8月初至8月上旬）``.

Special campaigns (专项行动) divide their time into phases, each a heading
naming the phase and its time window in brackets.  The headings stay in the
section tree (their measures sit under them); this module reads them again
as :class:`~safetyplan.model.Phase` objects with the window's start and end
dates, so an application can show the campaign's calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from ..model import Phase, Section
from .lazyre import LazyPattern
from .numbering import chinese_to_int

_PHASE = re.compile(r"^(?P<name>[^（()）]{1,24}?阶段)\s{0,2}[（(](?P<window>[^（()）]{2,60})[）)]\s{0,2}[。.]?$")
_SPLIT = re.compile(r"\s{0,2}(?:至|到|—{1,2}|－|-|~|～)\s{0,2}")
_POINT = LazyPattern(
    r"^(?:(?P<year>\d{4})\s{0,2}年\s{0,2})?(?:(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})\s{0,2}月\s{0,2})?"
    r"(?:(?P<part>初|上旬|中旬|下旬|中|底|末|份)|(?P<day>\d{1,2})\s{0,2}[日号])?\s{0,2}(?:前|止|结束|开始|起)?$"
)


def find_phases(sections: Iterable[Section], year: int | None) -> tuple[Phase, ...]:
    """Every section, at any depth, whose heading names a phase with its
    time window (``部署发动阶段（8月初至8月上旬）``), in document order."""
    out: list[Phase] = []
    for section in sections:
        m = _PHASE.match(section.title.strip())
        if m:
            start, end = window_dates(m.group("window"), year)
            out.append(Phase(section.label, m.group("name").strip(), m.group("window").strip(), start, end))
        out.extend(find_phases((c for c in section.children if isinstance(c, Section)), year))
    return tuple(out)


def window_dates(window: str, year: int | None) -> tuple[dt.date | None, dt.date | None]:
    """Start and end dates of a window such as ``8月上旬至11月中旬``: a
    start falls on the first day of what it names (上旬 the 1st, 中旬 the
    11th, 下旬 the 21st), an end on the last (上旬 the 10th, 中旬 the 20th,
    下旬 and 底 the month's end).  The year is the plan's where the window
    names none; an end month before the start month falls in the next year."""
    parts = _SPLIT.split(window.strip(), maxsplit=1)
    if len(parts) != 2:
        return None, None
    first = _point(parts[0], year, start=True, month=None)
    start_month = first.month if first else None
    second = _point(parts[1], first.year if first else year, start=False, month=start_month)
    if first and second and second < first and not re.match(r"\d{4}", parts[1]):
        second = _point(parts[1], first.year + 1, start=False, month=start_month)
    return first, second


def _point(text: str, year: int | None, *, start: bool, month: int | None) -> dt.date | None:
    m = _POINT.compiled.match(text.strip())
    if not m or (not m.group("month") and not m.group("day") and not m.group("part")):
        return None
    y = int(m.group("year")) if m.group("year") else year
    if m.group("month"):
        month = chinese_to_int(m.group("month"))
    if y is None or month is None or not 1 <= month <= 12:
        return None
    last = calendar.monthrange(y, month)[1]
    if m.group("day"):
        day = int(m.group("day"))
        return dt.date(y, month, day) if 1 <= day <= last else None
    part = m.group("part")
    first_days = {"初": 1, "上旬": 1, "中旬": 11, "中": 11, "下旬": 21, "底": last, "末": last, "份": 1, None: 1}
    last_days = {
        "初": 10,
        "上旬": 10,
        "中旬": 20,
        "中": 20,
        "下旬": last,
        "底": last,
        "末": last,
        "份": last,
        None: last,
    }
    return dt.date(y, month, (first_days if start else last_days)[part])


__all__ = ["find_phases", "window_dates"]

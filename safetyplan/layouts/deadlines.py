"""Deadlines: completion dates in running text and in 完成时限 cells.

A plan sets a completion date with a phrase such as ``2022年6月底前``,
``9月30日前``, ``年底前`` or ``8月上旬``.  The same notation also writes things
that are not completion dates, and these must not become deadlines:
frequencies (``每季度至少1次``, ``每周五17:00前报送`` — read separately by
:func:`find_recurrences`), periods (``2022年4月至12月``, ``8月初至8月上旬``),
start and reference points (``7月下旬起``, ``截至6月底``) and bare years
(``2022年，…完成率达到90%``).

A task table's 完成时限 column is different: whatever it holds is the row's
deadline, dated or not (``长期坚持``, ``按照市委年度巡察工作安排``), which
:func:`parse_deadline_cell` reads.

Every pattern here has bounded repeats only, so a 100,000-character line is
read in linear time.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

from ..model import Deadline
from .lazyre import LazyPattern
from .numbering import chinese_to_int

_CN = "一二三四五六七八九十"
_NUM = rf"(?:[0-9０-９]{{1,2}}|[{_CN}]{{1,3}})"
_YEAR = r"[0-9０-９]{4}"
_S = r"\s{0,2}"

_RELATIVE = "今|本|明|次"
"""A year named relative to the plan's (``明年``, ``次年``: the next; ``今年``, ``本年``: its own)."""


def _year_before(name: str) -> str:
    """An optional year before a date phrase, written (``2025年``) or relative
    (``明年``), in the groups ``<name>year`` and ``<name>rel``."""
    return rf"(?:(?P<{name}year>{_YEAR}){_S}年{_S}|(?P<{name}rel>{_RELATIVE})年{_S})?"


_DATE_START = rf"[0-9０-９{_CN}今本明次年第上下]"
"""Every character a date phrase can begin with.  The phrase's alternatives
all open with optional parts, so the engine would try each of them at every
position of a text; a lookahead on this class turns most positions away at
once."""

_DATE = LazyPattern(  # compiled on first use: it takes a millisecond
    rf"(?={_DATE_START})(?:"
    rf"(?P<year>{_YEAR}){_S}年{_S}(?P<yend>[底末])(?P<ybefore>之前|以前|前)?"
    rf"|(?P<rel>{_RELATIVE})?年{_S}(?P<yend2>[底末])(?P<ybefore2>之前|以前|前)"
    rf"|{_year_before('m')}(?P<month>{_NUM}){_S}月{_S}"
    rf"(?:(?P<mend>份?[底末])|(?P<xun>[上中下]{{1,2}}旬)|(?P<day>{_NUM}){_S}[日号])?"
    rf"{_S}(?P<before>之前|以前|前)?"
    rf"|{_year_before('q')}第?(?P<quarter>[一二三四1-4]){_S}季度{_S}[末底]{_S}(?P<qbefore>之前|以前|前)?"
    rf"|{_year_before('h')}(?P<half>[上下])半年{_S}[末底]?{_S}(?P<hbefore>之前|以前|前)?"
    ")"
)
"""One date phrase; which alternatives are completion dates is decided in
:func:`_due` (a bare month or a bare day date is none)."""

_ONGOING = r"(?:长期坚持|常态化|长期推进|持续推进)"
ONGOING_NOTE = rf"(?:并且|并|且)?{_ONGOING}(?:开展|推进|落实)?"
"""A clause that only says the work goes on (``长期坚持``, ``常态化开展``): in a
unit list it names no unit, and closing one it is the list's completion field."""
COMPLETION_FIELDS = r"(?:完成|整改|办结)(?:时限|时间|期限)|时间节点"
"""The names of a completion field (``完成时限：``, ``整改时限：``, ``时间节点：``)."""
_ONGOING_TAIL = re.compile(rf"{_S}(?:完成)?{_S}[，,、]?{_S}(?:并且|并|且)?{_S}{_ONGOING}")
_ONGOING_AFTER_OBJECT = re.compile(rf"[^，,、。；;：:！？\s]{{1,16}}{_S}[，,]{_S}(?:并且|并|且){_S}{_ONGOING}")
"""``6月底前实现全覆盖，并长期坚持``: what is to be done by the date, then a
clause that only says the work goes on (并 is required: ``，常态化开展检查``
opens other work)."""
_ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff]{0,4}的")
"""After ``…前``: ``2019年4月15日前购买的车辆`` dates the thing described
(a short verb and 的), it sets no completion date."""
_FIELD = LazyPattern(
    rf"(?:{COMPLETION_FIELDS}){_S}[：:]{_S}(?P<value>[^（()）〔〕［］\[\]【】；;。\n]{{1,40}})"
    rf"|[；;，,]{_S}(?P<note>{ONGOING_NOTE}){_S}(?=[）)〕］\]】])"
)
"""A completion field inside a measure: labelled (``（责任单位：…；完成时限：长期坚持）``),
or an ongoing note closing a unit list's bracket (``（县应急局、县林业局，长期坚持）``)
— the task table's 完成时限 column written inline, read as its cell is."""
_COMPLETED = re.compile(rf"{_S}(?:完成|截止|为止)")
"""After a day date without 前: ``6月30日完成`` is a completion date,
``2022年5月30日`` alone (a signature, an event) is none."""
_ONGOING_WORDS = ("长期", "常态化", "持续")
_RANGE_AFTER = re.compile(rf"{_S}(?:至|到|—|－|-|~|～)(?![少今位此])")
_START_AFTER = re.compile(rf"{_S}(?:起|开始|以来)")
"""After a date without 前: a start point (``7月下旬起``); ``6月底前开始``
still sets a date the work must start by."""
_RANGE_BEFORE = LazyPattern(rf"[0-9０-９{_CN}月日号初旬底末起始年]{_S}(?:至|到|—|－|-|~|～){_S}$")
_REFERENCE_BEFORE = ("截至", "截止", "截止到", "截止至", "自", "从")
_EVERY_BEFORE = re.compile(r"每(?:年|年度)?\s{0,2}$")

_RECURRENCE = LazyPattern(  # compiled on first use, as _DATE; the lookahead as _DATE_START's
    rf"(?=[至每])(?:至少{_S})?每{_S}(?:(?P<n>[0-9０-９]{{1,2}}|[{_CN}两]){_S}个?)?{_S}"
    rf"(?:(?P<week>周|星期)(?:[一二三四五六日天1-7](?![0-9０-９]{{0,2}}[次个]))?"
    rf"(?:{_S}[0-9０-９]{{1,2}}[:：][0-9]{{2}})?"
    rf"|(?P<year>年度|年)(?:{_S}{_NUM}{_S}月{_S}(?:[底末]|[上中下]旬|{_NUM}{_S}[日号])?)?"
    rf"|(?P<month>个月|月)(?:{_S}(?:[底末]|[上中下]旬|{_NUM}{_S}[日号]))?"
    r"|(?P<other>半年|季度|季|旬|天|日))"
    rf"(?:{_S}(?:之前|以前|前))?"
    rf"(?:{_S}(?:至少|不少于){_S}(?:[0-9０-９]{{1,3}}|[{_CN}两]){_S}次)?"
)
"""A frequency: ``每季度至少1次``, ``每2个月``, ``每周五17:00前``,
``每年6月底前``, ``每月下旬``."""
_UNIT_NAMES: dict[str, tuple[str, str]] = {
    "天": ("daily", "day"),
    "日": ("daily", "day"),
    "周": ("weekly", "week"),
    "星期": ("weekly", "week"),
    "旬": ("every-10-days", "ten-day period"),
    "月": ("monthly", "month"),
    "个月": ("monthly", "month"),
    "季": ("quarterly", "quarter"),
    "季度": ("quarterly", "quarter"),
    "半年": ("half-yearly", "half-year"),
    "年": ("yearly", "year"),
    "年度": ("yearly", "year"),
}

_CELL_END = rf"{_S}(?:底|末)?{_S}(?:之前|以前|前|以内|内)?{_S}(?:完成)?"
"""How a 完成时限 value may close after its month, quarter or half year."""
_CELL_MONTH = LazyPattern(rf"(?:(?P<year>{_YEAR}){_S}年{_S})?(?P<month>{_NUM}){_S}月份?{_CELL_END}")
_CELL_PART = re.compile(rf"{_year_before('')}(?:第?(?P<quarter>[一二三四1-4]){_S}季度|(?P<half>[上下])半年){_CELL_END}")
"""A quarter or a half year as a whole 完成时限 value: due at its end."""
_CELL_YEAR = re.compile(rf"(?P<year>{_YEAR}){_S}年度?{_S}(?:内|底|末)?{_S}(?:之前|以前|前)?{_S}(?:完成)?")


def _number(text: str) -> int:
    return chinese_to_int(text) if text[0] in _CN else int(text)


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> _dt.date:
    return _dt.date(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))


def _year_of(written: str | None, relative: str | None, year: int | None) -> int | None:
    """The year a phrase names: written out, or relative to the plan's
    (``明年``, ``次年`` the next; ``今年``, ``本年`` or none the plan's own)."""
    if written:
        return int(written)
    if year is not None and relative in ("明", "次"):
        return year + 1
    return year


def _due(m: re.Match[str], year: int | None) -> tuple[bool, _dt.date | None]:
    """Whether the phrase is a completion date, and its date (None where the
    plan's year is needed and unknown)."""
    g = m.groupdict()
    if g["yend"]:
        return True, _dt.date(int(g["year"]), 12, 31)
    if g["yend2"]:
        y = _year_of(None, g["rel"], year)
        return True, None if y is None else _dt.date(y, 12, 31)
    if g["month"]:
        month = _number(g["month"])
        if not 1 <= month <= 12:
            return False, None
        if not (g["mend"] or g["xun"] or (g["day"] and (g["before"] or _COMPLETED.match(m.string, m.end())))):
            return False, None
        y = _year_of(g["myear"], g["mrel"], year)
        if y is None:
            return True, None
        xun = g["xun"] or ""
        if g["mend"] or xun.endswith("下旬"):
            return True, _month_end(y, month)
        if xun:
            return True, _dt.date(y, month, 10 if xun == "上旬" else 20)
        return True, _day(y, month, _number(g["day"]))
    if g["quarter"]:
        q = _number(g["quarter"])
        y = _year_of(g["qyear"], g["qrel"], year)
        return True, None if y is None else _month_end(y, 3 * q)
    if not (g["hbefore"] or _COMPLETED.match(m.string, m.end())):
        return False, None  # ``上半年，全区共…``: a period, not a date to finish by
    y = _year_of(g["hyear"], g["hrel"], year)
    return True, None if y is None else _month_end(y, 6 if g["half"] == "上" else 12)


def _in_period_or_frequency(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``text[start:end]`` is one end of a period, a
    reference point or part of a frequency rather than a completion date."""
    before = text[max(0, start - 12) : start]
    if text[start:end].rstrip().endswith("前") and _ATTRIBUTIVE.match(text, end):
        return True
    if _RANGE_AFTER.match(text, end):
        return True
    if _START_AFTER.match(text, end) and not text[start:end].rstrip().endswith("前"):
        return True
    if _RANGE_BEFORE.compiled.search(before):
        return True
    if _EVERY_BEFORE.search(before):
        return True
    return before.rstrip().endswith(_REFERENCE_BEFORE) and not text[start:end].endswith("前")


def find_deadlines(text: str, year: int | None) -> list[Deadline]:
    """Every explicit completion date set in running text, in order.

    ``year`` resolves phrases that name no year (``6月底前``).  A phrase
    followed by ``并长期坚持`` or ``常态化`` (straight after it, or after what
    is to be done by then) is ``ongoing`` and its text runs to the end of
    that tail.  A completion field (``完成时限：长期坚持``, or ``，长期坚持``
    closing a unit list's bracket) is read as a 完成时限 cell: its value is a
    deadline, dated or not; a note that is a dated phrase's tail is that
    phrase's.
    """
    fields = _fields(text, year) if any(mark in text for mark in _FIELD_MARKS) else []
    if "年" not in text and "月" not in text and "季" not in text:
        # Every date phrase names a year, a month or a quarter: most clauses
        # (unit lists, prose) name none and need no scan.
        return [deadline for _, _, deadline in fields]
    found: list[tuple[int, int, Deadline]] = []
    for m in _DATE.compiled.finditer(text):
        is_deadline, due = _due(m, year)
        if not is_deadline or _in_period_or_frequency(text, m.start(), m.end()):
            continue
        if any(start <= m.start() < end for start, end, _ in fields):
            continue
        phrase = m.group(0).rstrip()
        tail = _ONGOING_TAIL.match(text, m.end()) or _ONGOING_AFTER_OBJECT.match(text, m.end())
        end = tail.end() if tail else m.end()
        found.append(
            (m.start(), end, Deadline(text=text[m.start() : end] if tail else phrase, due=due, ongoing=bool(tail)))
        )
    found.extend(field for field in fields if not any(start <= field[0] < end for start, end, _ in found))
    return [deadline for _, _, deadline in sorted(found, key=lambda item: item[0])]


_FIELD_MARKS = ("：", ":", "）", ")", "〕", "］", "]", "】")
"""A completion field follows a colon or closes a bracket: text with neither holds none."""


def _fields(text: str, year: int | None) -> list[tuple[int, int, Deadline]]:
    """The completion fields of ``text``: each value's span and its reading
    as a 完成时限 cell."""
    fields = []
    for m in _FIELD.compiled.finditer(text):
        group = "value" if m.group("value") is not None else "note"
        fields.append((m.start(group), m.end(group), parse_deadline_cell(m.group(group), year)))
    return fields


def _recurrence(m: re.Match[str]) -> str:
    every, unit = _UNIT_NAMES[m.group("week") or m.group("year") or m.group("month") or m.group("other")]
    n = m.group("n")
    count = 1 if not n else (2 if n == "两" else _number(n))
    return every if count == 1 else f"every-{count}-{unit}s"


def find_recurrences(text: str) -> list[Deadline]:
    """Every frequency running text sets (``每季度至少1次``, ``每2个月``,
    ``每周五17:00前``), in order, as Deadlines with a ``recurrence`` such as
    ``weekly`` or ``quarterly`` and no ``due``."""
    if "每" not in text:
        return []
    return [Deadline(text=m.group(0).strip(), recurrence=_recurrence(m)) for m in _RECURRENCE.compiled.finditer(text)]


def parse_deadline_cell(text: str, year: int | None) -> Deadline:
    """One value of a task table's 完成时限 column, which is always a deadline.

    ``2022年9月底前完成，并长期坚持`` is due 2022-09-30 and ongoing;
    ``长期坚持`` is ongoing with no date; a period
    (``2022年4月至党的二十大结束的``) or a phrase that names no date
    (``按照市委年度巡察工作安排``, ``加快推进``) has no date.  The text is kept
    as written, stripped.
    """
    value = text.strip()
    ongoing = any(word in value for word in _ONGOING_WORDS)
    found = find_deadlines(value, year)
    due = found[0].due if found else None
    if not found:
        core = _ONGOING_TAIL.sub("", value).strip(" \t，,。")
        part = _CELL_PART.fullmatch(core)
        month = _CELL_MONTH.compiled.fullmatch(core)
        whole_year = _CELL_YEAR.fullmatch(core)
        if part:
            y = _year_of(part.group("year"), part.group("rel"), year)
            quarter = part.group("quarter")
            last_month = 3 * _number(quarter) if quarter else (6 if part.group("half") == "上" else 12)
            due = None if y is None else _month_end(y, last_month)
        elif month and 1 <= _number(month.group("month")) <= 12:
            y = int(month.group("year")) if month.group("year") else year
            due = None if y is None else _month_end(y, _number(month.group("month")))
        elif whole_year:
            due = _dt.date(int(whole_year.group("year")), 12, 31)
    recurring = find_recurrences(value) if due is None else []
    return Deadline(
        text=value,
        due=due,
        ongoing=ongoing,
        recurrence=recurring[0].recurrence if recurring else None,
    )


__all__ = ["COMPLETION_FIELDS", "ONGOING_NOTE", "find_deadlines", "find_recurrences", "parse_deadline_cell"]

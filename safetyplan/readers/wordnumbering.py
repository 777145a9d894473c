"""The labels Word draws in front of automatically numbered paragraphs.

A plan typed with Word's automatic numbering stores ``一、`` and ``（三）`` not
in the paragraph's text but in ``numbering.xml`` as a level format; a person
sees the label, so the reader must produce it too, or a layout that reads
labels would find none.  This module keeps the list counters as Word does —
lists sharing an abstract definition continue each other unless a start
override restarts them, and using a level restarts the levels below it — and
formats each level (decimal, 一二三, ①②③, letters, Roman numerals).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # only the parsed elements are handled here
    from lxml import etree

LEVELS = 9
_MAX_COUNTER = 1_000_000
_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千", "万")
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_IDEOGRAPH_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


@attrs.frozen
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    legal: bool = False
    restart: int | None = None
    """``w:lvlRestart``: 0 never restarts; N restarts after level N is used."""


_INTEGER = re.compile(r"-?[0-9]{1,11}")
"""An integer as Word writes one: ASCII digits (``²`` and ``--1`` pass
``isdigit`` but are none), short enough that no value costs time to convert."""


def to_int(value: str | None, default: int, low: int = 0, high: int = _MAX_COUNTER) -> int:
    """An integer attribute, clamped, or ``default`` where it is not one."""
    if value is None:
        return default
    m = _INTEGER.fullmatch(value.strip())
    if m is None:
        return default
    return max(low, min(high, int(m.group())))


class Numbering:
    """The list definitions of one document and the counters while reading it."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._starts: dict[tuple[str, int], int] = {}
        self._seen: set[str] = set()
        self._linked: dict[str, str] = {}
        """abstractNum → the abstractNum whose levels it takes (numStyleLink)"""
        self._style_levels: dict[tuple[str, str], int] = {}
        """(abstractNum, paragraph style) → the level that names the style (``w:lvl/w:pStyle``)"""
        if root is None:
            return
        val = f"{{{w}}}val"
        styled: dict[str, str] = {}
        linking: dict[str, str] = {}
        for absnum in root.iterchildren(f"{{{w}}}abstractNum"):
            abs_id = absnum.get(f"{{{w}}}abstractNumId")
            if abs_id is not None:
                self._abstract[abs_id] = _levels(absnum, w)
                for defined in absnum.iterchildren(f"{{{w}}}lvl"):
                    pstyle = defined.find(f"{{{w}}}pStyle")
                    if pstyle is not None and pstyle.get(val):
                        ilvl = to_int(defined.get(f"{{{w}}}ilvl"), -1, -1, LEVELS - 1)
                        if ilvl >= 0:
                            self._style_levels.setdefault((abs_id, str(pstyle.get(val))), ilvl)
                for tag, into in (("styleLink", styled), ("numStyleLink", linking)):
                    link = absnum.find(f"{{{w}}}{tag}")
                    if link is not None and link.get(val):
                        into.setdefault(abs_id, str(link.get(val)))
        # A list that takes its levels from a list style (numStyleLink) is
        # the list defined under that style's name (styleLink): one list,
        # one set of levels and counters.
        by_style = {name: abs_id for abs_id, name in styled.items()}
        self._linked = {
            abs_id: by_style[name] for abs_id, name in linking.items() if by_style.get(name, abs_id) != abs_id
        }
        for num in root.iterchildren(f"{{{w}}}num"):
            num_id = num.get(f"{{{w}}}numId")
            ref = num.find(f"{{{w}}}abstractNumId")
            if num_id is None or ref is None or ref.get(val) is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for override in num.iterchildren(f"{{{w}}}lvlOverride"):
                ilvl = to_int(override.get(f"{{{w}}}ilvl"), -1, -1, LEVELS - 1)
                if ilvl < 0:
                    continue
                start = override.find(f"{{{w}}}startOverride")
                if start is not None:
                    starts[ilvl] = to_int(start.get(val), 0)
                lvl = override.find(f"{{{w}}}lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl, w)
            self._nums[num_id] = (str(ref.get(val)), starts, levels)

    def style_level(self, num_id: str, style_id: str) -> int | None:
        """The level of list ``num_id`` linked to paragraph style
        ``style_id`` (``w:lvl/w:pStyle``): a heading style numbered through
        its list, with no level of its own, takes that level."""
        found = self._nums.get(num_id)
        if found is None:
            return None
        abs_id = self._linked.get(found[0], found[0])
        return self._style_levels.get((abs_id, style_id))

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph of list ``num_id`` at ``ilvl``,
        advancing the counters; None where the paragraph shows no label."""
        found = self._nums.get(num_id)
        if found is None:
            return None
        abs_id, starts, overrides = found
        abs_id = self._linked.get(abs_id, abs_id)
        levels = {**self._abstract.get(abs_id, {}), **overrides}
        ilvl = max(0, min(LEVELS - 1, ilvl))
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(abs_id, [None] * LEVELS)
        if num_id not in self._seen:
            self._seen.add(num_id)
            for at, start in starts.items():
                self._starts[(abs_id, at)] = start
                counters[at] = None
        current = counters[ilvl]
        counters[ilvl] = self._start(abs_id, ilvl, level) if current is None else min(current + 1, _MAX_COUNTER)
        for deeper in range(ilvl + 1, LEVELS):
            below = levels.get(deeper)
            if below is not None and below.restart is not None and (below.restart == 0 or ilvl + 1 > below.restart):
                continue
            counters[deeper] = None
        if level.fmt in {"bullet", "none"}:
            return None
        out: list[str] = []
        text = level.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                at = int(text[i + 1]) - 1
                at_level = levels.get(at, Level())
                value = counters[at]
                if value is None:
                    value = self._start(abs_id, at, at_level)
                out.append(format_number(value, "decimal" if level.legal else at_level.fmt))
                i += 2
            else:
                out.append(ch)
                i += 1
        label = "".join(out).strip()
        if not label:
            return None
        if level.suffix != "nothing" and label[-1].isascii():
            label += " "
        return label

    def _start(self, abs_id: str, ilvl: int, level: Level) -> int:
        return self._starts.get((abs_id, ilvl), level.start)


def format_number(n: int, fmt: str) -> str:
    """``n`` as Word's number format ``fmt`` draws it."""
    if fmt in {"chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"}:
        return chinese_counting(n)
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"} and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in {"decimalFullWidth", "decimalFullWidth2"}:
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in {"upperLetter", "lowerLetter"} and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * min((n - 1) // 26 + 1, 10)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in {"upperRoman", "lowerRoman"} and 1 <= n <= 3999:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "ideographTraditional" and 1 <= n <= len(_IDEOGRAPH_TRADITIONAL):
        return _IDEOGRAPH_TRADITIONAL[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= len(_IDEOGRAPH_ZODIAC):
        return _IDEOGRAPH_ZODIAC[n - 1]
    return str(n)


def chinese_counting(n: int) -> str:
    """``11`` → ``十一``, ``105`` → ``一百零五``, as Chinese documents count."""
    if n <= 0 or n >= 100_000:
        return "〇" if n == 0 else str(n)
    digits = [int(c) for c in str(n)]
    out: list[str] = []
    zero = False
    for pos, d in enumerate(digits):
        unit = _CN_UNITS[len(digits) - 1 - pos]
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append("零")
        zero = False
        if not (d == 1 and unit == "十" and not out):
            out.append(_CN_DIGITS[d])
        out.append(unit)
    return "".join(out)


def _roman(n: int) -> str:
    out: list[str] = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _levels(absnum: etree._Element, w: str) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in absnum.iterchildren(f"{{{w}}}lvl"):
        ilvl = to_int(lvl.get(f"{{{w}}}ilvl"), -1, -1, LEVELS - 1)
        if ilvl >= 0:
            levels[ilvl] = _level(lvl, w)
    return levels


def _level(lvl: etree._Element, w: str) -> Level:
    def child_val(name: str) -> str | None:
        el = lvl.find(f"{{{w}}}{name}")
        return None if el is None else el.get(f"{{{w}}}val")

    legal = lvl.find(f"{{{w}}}isLgl")
    restart = child_val("lvlRestart")
    return Level(
        start=to_int(child_val("start"), 0),
        fmt=child_val("numFmt") or "decimal",
        text=(child_val("lvlText") or "")[:100],
        suffix=child_val("suff") or "tab",
        legal=legal is not None and legal.get(f"{{{w}}}val", "1") not in {"0", "false", "off"},
        restart=None if restart is None else to_int(restart, 0, 0, LEVELS),
    )


__all__ = ["LEVELS", "Level", "Numbering", "chinese_counting", "format_number", "to_int"]

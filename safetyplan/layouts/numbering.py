"""Chinese numbering: the labels plans put before headings and measures.

Plans number their levels ``一、`` → ``（一）`` → ``1.`` (or ``1．`` ``1、``),
with full- or half-width parentheses and stray spaces inside them.  Layouts
use :func:`match_label` to read a label off the start of a line and get its
level kind and integer value, whatever the width of its punctuation.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .lazyre import LazyPattern

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

CN_NUMERAL = "[〇零一二两三四五六七八九十百千]{1,6}"


def chinese_to_int(text: str) -> int:
    """``十三`` → 13, ``二十六`` → 26, ``一百零五`` → 105; ASCII and
    full-width digits pass through.  Raises ValueError for anything else."""
    text = text.strip()
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


@attrs.frozen
class Label:
    """A numbering label read off the start of a line.

    ``kind`` is the numbering style: ``cn`` (一、), ``cn_paren`` (（一）),
    ``arabic`` (1. 1． 1、), ``arabic_paren`` ((1) （1）) or ``bare`` (a number
    followed by a space, as task tables print them).  ``text`` is the label as
    written, whitespace removed; ``end`` the index in the line where the text
    after the label begins.
    """

    kind: str
    text: str
    number: int
    end: int


_LABEL = LazyPattern(
    r"(?P<lead>[\s#*>]*+)"  # whitespace and Markdown marks before the label
    rf"(?:[（(]\s{{0,3}}(?P<cn_paren>{CN_NUMERAL})\s{{0,3}}[）)]"
    rf"|(?P<cn>{CN_NUMERAL})\s{{0,3}}[、．.]"
    r"|[（(]\s{0,3}(?P<arabic_paren>\d{1,3})\s{0,3}[）)]"
    # ``5.12`` opens no item, but ``25.2022年8月底前…`` is item 25 starting
    # with a year and ``22.9月中旬前…`` item 22 starting with a month.
    r"|(?P<arabic>\d{1,3})\s{0,2}(?:[.．](?!\d)|[.．](?=\d{4}\s{0,2}年|\d{1,2}\s{0,2}月)|、))"
    r"[ \u3000\t]*+"
)
"""A label in each numbering style, tried in this order, with what stands
around it: one match reads the whole label, and the group of its number
(the last group that matched) names the style."""

_ARABIC = frozenset({"arabic", "arabic_paren"})
"""Styles whose number is written in digits (``int`` reads any of them)."""

_GAP = " \u3000\t"
"""Spaces between a label and its text (no label ends in one)."""


def match_label(line: str) -> Label | None:
    """The numbering label at the start of ``line`` (leading whitespace and
    Markdown marks skipped), or None."""
    m = _LABEL.compiled.match(line)
    if m is None:
        return None
    kind = m.lastgroup
    assert kind is not None
    raw = line[m.end("lead") : m.end()].rstrip(_GAP)
    numeral = m.group(kind)
    number = int(numeral) if kind in _ARABIC else chinese_to_int(numeral)
    return Label(kind, "".join(raw.split()), number, m.end())


def has_label(line: str) -> bool:
    """Whether ``line`` starts with a numbering label (as :func:`match_label`
    reads it): for callers that need no more than that, and so need not
    have the label read."""
    return _LABEL.compiled.match(line) is not None


def intended_numbers(
    numbers: Sequence[int], *, preceding: int | None = None, following: int | None = None
) -> list[int]:
    """The numbers a sequence of sibling labels means, where one is an
    obvious typo: a number that breaks the count while the next one goes on
    as if it had not (``8 8 10``, ``50 551 52``), or the last one breaks it
    (``（一）（二）（四）``), is read as the number the count says.  Labels
    stay as written; a count that really restarts or jumps (``1 2 3 1 2``,
    ``1 2 5 6``) is left alone.  ``following`` is the number the count goes
    on with after the sequence, where it runs on (into the next section):
    the last number is then judged by it as the others are by theirs
    (``16 18`` before 19 stays 18); ``preceding`` the number the count came
    from, by which the first is judged (``20 13`` after 11 is 12 13)."""
    out = list(numbers)
    for i in range(0 if preceding is not None else 1, len(out)):
        want = (out[i - 1] if i else preceding or 0) + 1
        after = out[i + 1] if i + 1 < len(out) else following
        if out[i] != want and (after is None or after == want + 1):
            out[i] = want
    return out


__all__ = ["CN_NUMERAL", "Label", "chinese_to_int", "has_label", "intended_numbers", "match_label"]

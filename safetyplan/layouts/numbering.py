"""Chinese numbering: the labels plans put before headings and measures.

Plans number their levels ``一、`` → ``（一）`` → ``1.`` (or ``1．`` ``1、``),
with full- or half-width parentheses and stray spaces inside them.  Layouts
use :func:`match_label` to read a label off the start of a line and get its
level kind and integer value, whatever the width of its punctuation.
"""

from __future__ import annotations

import re

import attrs

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


_LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn_paren", re.compile(rf"[（(]\s{{0,3}}({CN_NUMERAL})\s{{0,3}}[）)]")),
    ("cn", re.compile(rf"({CN_NUMERAL})\s{{0,3}}[、．.]")),
    ("arabic_paren", re.compile(r"[（(]\s{0,3}(\d{1,3})\s{0,3}[）)]")),
    # ``5.12`` opens no item, but ``25.2022年8月底前…`` is item 25 starting with a year.
    ("arabic", re.compile(r"(\d{1,3})\s{0,2}(?:[.．](?!\d)|[.．](?=\d{4}\s{0,2}年)|、)")),
)


def match_label(line: str) -> Label | None:
    """The numbering label at the start of ``line`` (leading whitespace and
    Markdown marks skipped), or None."""
    start = 0
    n = len(line)
    while start < n and (line[start].isspace() or line[start] in "#*>"):
        start += 1
    for kind, pattern in _LABEL_PATTERNS:
        m = pattern.match(line, start)
        if m:
            try:
                number = chinese_to_int(m.group(1))
            except ValueError:
                continue
            raw = re.sub(r"\s+", "", m.group(0))
            end = m.end()
            while end < n and line[end] in " \u3000\t":
                end += 1
            return Label(kind, raw, number, end)
    return None


__all__ = ["CN_NUMERAL", "Label", "chinese_to_int", "match_label"]

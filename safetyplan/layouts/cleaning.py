"""Markup removal and line joining: from a reader's paragraphs to clean text.

Plans reach a layout typed by hand, exported from Word, scraped from the web
or extracted from PDF.  Each channel leaves its own debris — Markdown heading
marks and bold (``#``, ``**``), ``---`` rules, HTML tags, page numbers, stray
spaces inside Chinese words, and hard line breaks in the middle of a word
(``…深化落实习`` / ``近平总书记…``).  This module removes the debris and
rejoins broken paragraphs by the grammar of Chinese punctuation, so that the
outline engine and the metadata readers see one clean line per paragraph
whatever the source, and a Word paragraph (which is never broken) reads the
same as its text export.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

import attrs

from ..document import Paragraph

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,200})?/?>")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]*")
_MD_QUOTE = re.compile(r"^\s{0,3}>[ \t]?")
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=—–]\s{0,2}){3,}$")
_BULLET = re.compile(r"^\s{0,6}[•·●◆■▪]\s{0,3}")

# Characters written without spaces between them in Chinese text: CJK
# ideographs, CJK and full-width punctuation, and the full-width forms.
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’—…·"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0](?=[{_CJK}])")
_CJK_WIDE_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0]{{2,}}(?=[{_CJK}])")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]{2,}")

PAGE_NUMBER = re.compile(
    r"^\s{0,10}(?:[-—–－]\s{0,3}\d{1,4}\s{0,3}[-—–－]|第\s{0,2}\d{1,4}\s{0,2}页(?:\s{0,3}[/，,]?\s{0,3}共\s{0,2}\d{1,4}\s{0,2}页)?"
    r"|\d{1,4}\s{0,2}/\s{0,2}\d{1,4}|\d{1,3})\s{0,10}$"
)
"""A line holding only a page number as PDF extractions print them:
``- 3 -``, ``— 3 —``, ``第3页``, ``第3页 共12页``, ``3/12`` or a bare ``3``."""

TERMINAL = "。！？；!?;…"
"""Punctuation that ends a sentence or a clause-list item: a line ending in
one of these is complete."""

CLOSERS = "）)”’」』】》"
"""Closing brackets and quotes, which may follow a terminal mark."""

CONTINUATION_START = "，,、。；;：:）)”’」』】》%％"
"""A line starting with one of these cannot start a paragraph: it continues
the previous one (``，提高工人安全素质…`` after a break)."""

_UNIT_LIST_LINE = re.compile(
    r"^[（(]\s{0,3}(?:责\s{0,2}[区任]{1,2}\s{0,2}单\s{0,2}位|责任部门|牵头单位|牵头部门|配合单位|协同单位|协办单位|主办单位|承办单位)"
)
"""A line that is only a unit parenthetical — ``（责任单位：…）`` — finishes
the measure before it even when that measure ended in ``。``."""


def strip_markup(text: str) -> str:
    """``text`` without Markdown heading, quote and emphasis marks, HTML tags
    and entities, and bullet glyphs; inner text is kept as written."""
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _BULLET.sub("", text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "*" in text or "__" in text:
        text = _MD_EMPHASIS.sub("", text)
    return text


def tidy(text: str) -> str:
    """Collapse whitespace the way Chinese text is written: a single space
    between two CJK characters (or CJK punctuation) is a stray one and goes;
    a wider gap separates two fields (``联系人：胡美河      联系电话：…``)
    and becomes one space, as do runs of spaces elsewhere; ends trimmed."""
    text = text.strip()
    text = _CJK_WIDE_GAP.sub(" ", text)
    text = _CJK_GAP.sub("", text)
    return _SPACE_RUN.sub(" ", text)


def clean(text: str) -> str:
    """Markup removed and whitespace tidied: the text a person reads."""
    return tidy(strip_markup(text))


def squeeze(text: str) -> str:
    """``text`` with all whitespace removed (how headings and titles are
    compared and how section paths are written)."""
    return "".join(text.split())


def is_rule(text: str) -> bool:
    """A horizontal rule (``---``, ``***``, ``———``): layout, not text."""
    return bool(_RULE.match(text))


def is_page_number(text: str) -> bool:
    """A line holding only a page number."""
    return bool(PAGE_NUMBER.match(text))


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def ends_sentence(text: str) -> bool:
    """True where ``text`` ends a sentence: a terminal mark, possibly followed
    by closing brackets or quotes (``…报区安委办。）``), or a closing
    bracket that finishes a unit parenthetical (``…（责任单位：区安委办）``)."""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        if t[-1] in "）)" and _closes_parenthetical(t):
            return True
        t = t[:-1]
    return bool(t) and t[-1] in TERMINAL


def _closes_parenthetical(text: str) -> bool:
    """The final ``）`` of ``text`` closes a bracket opened on this line."""
    depth = 0
    for ch in reversed(text):
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return True
    return False


def starts_as_continuation(text: str) -> bool:
    """True where ``text`` cannot begin a paragraph: it starts with a comma,
    enumeration comma, closing bracket and the like, or is a lone unit
    parenthetical that belongs to the measure above."""
    t = text.lstrip()
    return bool(t) and (t[0] in CONTINUATION_START or bool(_UNIT_LIST_LINE.match(t)))


def join_text(head: str, tail: str) -> str:
    """Join two pieces of one paragraph split by a hard line break: no space
    where the break fell between CJK characters, one space between two
    Latin words."""
    head, tail = head.rstrip(), tail.lstrip()
    if not head or not tail:
        return head + tail
    if head[-1].isascii() and head[-1].isalnum() and tail[0].isascii() and tail[0].isalnum():
        return f"{head} {tail}"
    return head + tail


@attrs.frozen
class Line:
    """A cleaned paragraph: its text with markup removed, and the source
    lines (first and last) it came from.  A Line may join several source
    paragraphs that a hard line break had split."""

    text: str
    start: int
    end: int
    style: str | None = None


def clean_lines(paragraphs: Iterable[Paragraph]) -> tuple[list[Line], list[Line]]:
    """Clean every paragraph; return ``(lines, furniture)``.

    ``furniture`` holds what carries no text of the plan: horizontal rules and
    page numbers.  Paragraphs that are empty once markup is removed are
    dropped (a ``**`` alone holds no characters to account for)."""
    lines: list[Line] = []
    furniture: list[Line] = []
    for p in paragraphs:
        if is_rule(p.text):
            continue
        text = clean(p.text)
        if not text:
            continue
        if is_page_number(text):
            furniture.append(Line(text, p.line, p.line, p.style))
            continue
        lines.append(Line(text, p.line, p.line, p.style))
    return lines, furniture


def merge(lines: Sequence[Line]) -> Line:
    """One Line from consecutive pieces of a paragraph."""
    text = lines[0].text
    for piece in lines[1:]:
        text = join_text(text, piece.text)
    return Line(text, lines[0].start, lines[-1].end, lines[0].style)


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The width at which a text extraction hard-wrapped its lines, or None.

    PDF text comes wrapped at the page's line width (say 28 characters): many
    lines then share one maximal length.  Where at least a third of the
    lines of four characters or more sit within one character of the most
    common long length, that length is the wrap width."""
    lengths = [len(squeeze(ln.text)) for ln in lines if len(squeeze(ln.text)) >= 4]
    if len(lengths) < 12:
        return None
    counts: dict[int, int] = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    width = max(counts, key=lambda n: (counts[n] + counts.get(n - 1, 0), n))
    near = sum(1 for n in lengths if width - 1 <= n <= width)
    if width >= 12 and near * 3 >= len(lengths):
        return width
    return None


__all__ = [
    "CLOSERS",
    "CONTINUATION_START",
    "PAGE_NUMBER",
    "TERMINAL",
    "Line",
    "clean",
    "clean_lines",
    "ends_sentence",
    "has_cjk",
    "is_page_number",
    "is_rule",
    "join_text",
    "merge",
    "squeeze",
    "starts_as_continuation",
    "strip_markup",
    "tidy",
    "wrap_width",
]

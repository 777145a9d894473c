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
import itertools
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..document import CHROME, Paragraph
from .lazyre import LazyPattern

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,200})?/?>")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]*")
_MD_QUOTE = re.compile(r"^\s{0,3}>[ \t]?")
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_BULLET = re.compile(r"^\s{0,6}[•·●◆■▪]\s{0,3}")
_RULE = re.compile(r"\s*+(?:[-*_=—–]\s*+){3,}+")
"""Three rule marks or more and nothing else but whitespace: a line of
text fails at its first character, however long it is."""

# Characters written without spaces between them in Chinese text: CJK
# ideographs, CJK and full-width punctuation, and the full-width forms.
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’—…·"
# Classes spanning the CJK blocks take milliseconds to compile: on first use.
_CJK_CHAR = LazyPattern(f"[{_CJK}]")
# Each whitespace pattern opens with the space itself, not with a repeat or
# a lookbehind, so that the engine skips to the next space in one scan; the
# CJK character before it is checked from behind the space.
_GAP = r"[ \t\u3000\u00a0]"
_CJK_GAP = LazyPattern(rf"{_GAP}(?<=[{_CJK}].)(?=[{_CJK}])")
_CJK_WIDE_GAP = LazyPattern(rf"{_GAP}(?<=[{_CJK}].){_GAP}+(?=[{_CJK}])")
_SPACE_RUN = re.compile(rf"{_GAP}{_GAP}+")

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
    # Each mark stands at the start of the line only: a match, not a scan.
    for mark in (_MD_HEADING, _MD_QUOTE, _BULLET):
        m = mark.match(text)
        if m:
            text = text[m.end() :]
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
    if " " not in text and "\t" not in text and "\u3000" not in text and "\u00a0" not in text:
        # Most lines of Chinese text hold no space at all: four searches for
        # one character each are much faster than the patterns' scans.
        return text
    text = _CJK_GAP.compiled.sub("", text)
    text = _CJK_WIDE_GAP.compiled.sub(" ", text)
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
    return _RULE.fullmatch(text) is not None


def is_page_number(text: str) -> bool:
    """A line holding only a page number."""
    return bool(PAGE_NUMBER.match(text))


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.compiled.search(text))


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


_WORD_LOOK = 32
"""How far :func:`join_text` looks along a run of letters and digits for
the character it is written against (a longer run is taken as Latin text)."""


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _beside_cjk(run: str) -> bool:
    """Whether the first character that is not a Latin letter or digit in
    ``run`` (within :data:`_WORD_LOOK`) is not ASCII: the run is written
    inside Chinese text."""
    for ch in run[:_WORD_LOOK]:
        if not _latin(ch):
            return not ch.isascii()
    return False


def ends_before_ordinal(text: str) -> bool:
    """Whether ``text`` ends with 第, so that a numeral opening the next line
    is an ordinal a wrap cut (``安全第`` / ``一、预防为主``), not a label."""
    return text.rstrip().endswith("第")


def join_text(head: str, tail: str) -> str:
    """Join two pieces of one paragraph split by a hard line break: no space
    where the break fell between CJK characters, one space between two
    Latin words.  Letters and digits written inside Chinese text are one
    word the break cut (``…。202`` + ``2年6月底前``, ``Wi`` + ``Fi网络``),
    not two: a space goes in only where neither side is joined to CJK."""
    head, tail = head.rstrip(), tail.lstrip()
    if not head or not tail:
        return head + tail
    if not (_latin(head[-1]) and _latin(tail[0])):
        return head + tail
    if _beside_cjk(head[: -_WORD_LOOK - 1 : -1]) or _beside_cjk(tail):
        return head + tail
    return f"{head} {tail}"


@attrs.frozen
class Line:
    """A cleaned paragraph: its text with markup removed, and the source
    lines (first and last) it came from.  A Line may join several source
    paragraphs that a hard line break had split."""

    text: str
    start: int
    end: int
    style: str | None = None
    indent: bool = False
    """The source line began with an indent (two spaces or more, a
    full-width space, a tab): where a text keeps indents, a paragraph's
    first line has one."""
    broken: bool = False
    """The line follows a line break inside its source paragraph (a Word
    paragraph's Shift+Enter): unless it opens with a label or a date, it
    goes on with the line above, whatever that ends with."""


_INDENT = re.compile(r"^(?:[ \u00a0]{2}|[\u3000\t])")
_BARE_NUMBER = re.compile(r"^\s{0,10}(\d{1,3})\s{0,10}$")
_DIGITS = re.compile(r"\d{1,4}")


_WEB_CHROME = LazyPattern(  # compiled on first use: a page's furniture is looked for only when a plan is read
    r"(?:您现在的位置|您的位置|当前位置|所在位置)\s{0,2}[:：]"
    r"|(?:发布时间|发布日期|时间)\s{0,2}[:：]\s{0,2}\d{4}\s{0,2}[-/年.]\d{1,2}.{0,60}(?:来源|浏览|点击|阅读|作者|字号)"
    r"|【\s{0,2}(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部)\s{0,2}】"
    r"|分享到\s{0,2}[:：]"
    r"|(?:上一篇|下一篇)\s{0,2}[:：]"
    r"|版权所有|ICP备\s{0,2}\d|网站地图\s{0,2}[|｜丨]|[|｜丨]\s{0,2}联系我们"
)
"""Lines a web page shows around every article: where the reader is, when
and from where the article was posted, print and share tools, links to the
previous and next articles, the copyright footer."""


def is_web_chrome(text: str) -> bool:
    """Whether ``text`` is a line of a web page's own furniture (by its form:
    a page's text, copied or scraped, keeps no markup to say so)."""
    return len(text) <= 120 and _WEB_CHROME.compiled.search(text) is not None


def clean_lines(paragraphs: Iterable[Paragraph]) -> tuple[list[Line], list[Line]]:
    """Clean every paragraph; return ``(lines, furniture)``.

    ``furniture`` holds what carries no text of the plan: page numbers, and
    a web page's own lines (paragraphs a reader styled :data:`CHROME`, and
    lines :func:`is_web_chrome` knows by their form).
    Horizontal rules, and paragraphs that are empty once markup is removed,
    are dropped (a ``**`` alone holds no characters to account for).  A
    bare number on a line of its own is a page number only where it and the
    other page numbers (bare, or printed ``- 1 -``) rise through the
    document; otherwise it may be the end of a wrapped line (``电话：36770``
    / ``12``)."""
    lines: list[Line] = []
    furniture: list[Line] = []
    bare: list[int] = []
    numbers: list[int] = []  # every page number's value, in order
    for p in paragraphs:
        # A line break kept inside a paragraph's text splits it as a text
        # export would; the joining rules put the pieces back together.
        for k, raw in enumerate(p.text.split("\n")):
            if is_rule(raw):
                continue
            text = clean(raw)
            if not text:
                continue
            line = Line(text, p.line, p.line, p.style, bool(_INDENT.match(raw)), broken=k > 0)
            if p.style == CHROME or is_web_chrome(text):
                furniture.append(line)
                continue
            if is_page_number(text):
                value = _DIGITS.search(text)
                if value:
                    numbers.append(int(value.group(0)))
                if _BARE_NUMBER.match(text):
                    bare.append(len(lines))
                else:
                    furniture.append(line)
                    continue
            lines.append(line)
    if bare and len(numbers) >= 2 and all(a < b for a, b in itertools.pairwise(numbers)):
        drop = set(bare)
        furniture.extend(lines[i] for i in bare)
        furniture.sort(key=lambda ln: ln.start)
        lines = [ln for i, ln in enumerate(lines) if i not in drop]
    return lines, furniture


def merge(lines: Sequence[Line]) -> Line:
    """One Line from consecutive pieces of a paragraph."""
    text = lines[0].text
    for piece in lines[1:]:
        text = join_text(text, piece.text)
    return Line(text, lines[0].start, lines[-1].end, lines[0].style, lines[0].indent)


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The width at which a text extraction hard-wrapped its lines, or None.

    PDF text comes wrapped at the page's line width (say 28 characters):
    many lines then share one length — a few characters more where
    half-width digits fill the line, and hardly any line is longer.  The
    most common length of lines of twelve characters or more is the wrap
    width where at least a third of them lie within that band and no more
    than one in twenty beyond it."""
    lengths = [n for n in (len(squeeze(ln.text)) for ln in lines) if n >= 12]
    if len(lengths) < 12:
        return None
    counts: dict[int, int] = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    width = max(counts, key=lambda n: (counts[n], n))
    band = sum(counts.get(n, 0) for n in range(width - 1, width + 5))
    longer = sum(c for n, c in counts.items() if n >= width + 5)
    if band >= 8 and band * 3 >= len(lengths) and longer * 20 <= len(lengths):
        return width
    return None


def is_full(line: Line, width: int | None) -> bool:
    """``line`` fills the wrap width: the paragraph goes on below it."""
    return width is not None and len(squeeze(line.text)) >= width - 1


_TITLE_END = re.compile(r"(?:方案|办法|意见|要点|通知|计划|规划|细则|规定|决定)$")
_SENTENCE_PUNCTUATION = re.compile(r"[，,。；;：:！!？?]")


def _ends_title(group: Sequence[Line]) -> bool:
    """Whether the lines gathered so far are a title that ends here: no
    sentence punctuation in them, and the last ends with the kind of
    document a title names (…实施办法, …工作要点).  A title that happens to
    fill the page width is not run into the recipients below it."""
    text = "".join(line.text for line in group)
    return _TITLE_END.search(text.rstrip()) is not None and _SENTENCE_PUNCTUATION.search(text) is None


def join_wrapped(lines: Sequence[Line], width: int | None = None, *, starts: Callable[[str], bool]) -> list[Line]:
    """Rejoin the lines of a hard-wrapped extraction (``width`` found by
    :func:`wrap_width` when not given): a line that fills the width goes on
    in the next line, unless the next line ``starts`` something of its own
    (a numbered item, a date, an attachment heading…).  A line that does not
    fill the width ends its paragraph here; :mod:`.outline` still joins
    what a sentence leaves unfinished."""
    if width is None:
        width = wrap_width(lines)
    if width is None:
        return list(lines)
    indents = sum(ln.indent for ln in lines)
    # Indents mark paragraphs only where some lines have them and most do not.
    marks_paragraphs = 0 < indents * 2 < len(lines)
    out: list[Line] = []
    group: list[Line] = []
    for line in lines:
        new_paragraph = marks_paragraphs and line.indent and ends_sentence(group[-1].text) if group else True
        ordinal = bool(group) and ends_before_ordinal(group[-1].text)
        goes_on = bool(group) and is_full(group[-1], width) and not _ends_title(group)
        if goes_on and not new_paragraph and (ordinal or not starts(line.text)):
            group.append(line)
            continue
        if group:
            out.append(merge(group))
        group = [line]
    if group:
        out.append(merge(group))
    return out


__all__ = [
    "CLOSERS",
    "CONTINUATION_START",
    "PAGE_NUMBER",
    "TERMINAL",
    "Line",
    "clean",
    "clean_lines",
    "ends_before_ordinal",
    "ends_sentence",
    "has_cjk",
    "is_full",
    "is_page_number",
    "is_rule",
    "join_text",
    "join_wrapped",
    "merge",
    "squeeze",
    "starts_as_continuation",
    "strip_markup",
    "tidy",
    "wrap_width",
]

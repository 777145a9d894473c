"""Notation features of a document, for layouts' ``detect`` scores.

Detection must score how a document is written, never what it says: the
numbering styles and punctuation of its labels, where its unit lists stand,
its letterhead and document-number patterns, whether it carries a task
table with 责任单位 and 完成时限 columns.  :func:`read_notation` measures
these once; each regional layout weighs the ones that characterise it.
Everything is a count or a fraction, so the same features work on a text
export and on a Word file (whose headings carry styles instead of ``#``).
"""

from __future__ import annotations

import re

import attrs

from ..document import Document, Paragraph, Table
from .cleaning import squeeze
from .metadata import DOC_NUMBER, Kind, classify, document_lines, starts_own_line
from .outline import headline, labelled_paragraphs
from .units import find_unit_lists, opens_field

_UNIT_LIST_END = re.compile(
    r"[（(]\s{0,2}(?:牵头|配合|协同)?(?:责任)?(?:单位|部门)\s{0,2}[：:][^（）()]{1,400}[）)]\s{0,2}[。.]?$"
)
_PHASE = re.compile(r"阶段\s{0,2}[（(][^（）()]{2,40}[）)]\s{0,2}(?:[。.]|$)")
"""A phase with its time window, ending its heading (``（一）部署发动阶段（8月初至8月上旬）``,
where text may follow the heading's 。)."""
# Web-page chrome: a bullet opening the line, or a word of a page's frame
# anywhere in it (two patterns, so the words are found by a fast scan).
_WEB_BULLET = re.compile(r"\s{0,6}[•·●]")
_WEB_WORDS = re.compile(r"当前位置|来源[:：]|浏览次数")
_COVER_LETTER = re.compile(r"关于(?:印发|转发|征求|下发).{0,100}?(?:通知|意见函|函)")
_FORM_FIELD = re.compile(r"填\s{0,2}报\s{0,2}(?:单\s{0,2}位|日\s{0,2}期|人)\s{0,2}[：:]")

WEB_PAGE_CHROME = 3
"""Lines of web-page chrome a document may carry and still be no web page."""


@attrs.frozen
class Notation:
    """How a document writes its plan (counts and fractions)."""

    lines: int
    letterhead: bool
    """A ``…文件`` letterhead among the first lines."""
    doc_number: bool
    """A 发文字号 (``通安委〔2022〕10号``) among the first lines."""
    cover_letter: bool
    """A covering letter title (``关于印发…的通知``, ``…意见函``)."""
    cc_line: bool
    arabic_half: int
    """Items numbered ``1.`` (half-width stop)."""
    arabic_full: int
    """Items numbered ``1．`` (full-width stop)."""
    arabic_comma: int
    """Items numbered ``1、``."""
    cn: int
    cn_paren: int
    cn_paren_articles: int
    """``（一）`` items holding sentences (articles, not headings)."""
    unit_list_end: float
    """Fraction of numbered items that end with a unit parenthetical."""
    unit_list_any: float
    """Fraction of numbered items that hold a unit list anywhere, in any of the
    notations :func:`~safetyplan.layouts.units.find_unit_lists` reads
    (markers, role phrases, square brackets)."""
    headline_items: float
    """Fraction of numbered items that open with a short headline."""
    arabic_restarts: int
    """Times ``1.`` numbering starts again at 1 after higher numbers."""
    task_table: bool
    """A table whose header names 责任单位 and 完成时限 columns."""
    task_table_named: bool
    """An unnumbered line naming a task table (``附件：…重点任务分工表``): the
    attachment's title, which stays where a rendering (text from a PDF) lost
    the table's structure."""
    phases: int
    """Headings naming a phase with its window (``…阶段（8月初至8月上旬）``)."""
    form_fields: bool
    """Report-form fields (``填报单位：`` ``填报日期：``)."""
    web_chrome: int
    """Lines of web-page chrome (bullets, ``当前位置``, ``来源：``)."""

    @property
    def arabic(self) -> int:
        """Items numbered in Arabic numerals, whatever mark follows the number."""
        return self.arabic_half + self.arabic_full + self.arabic_comma

    @property
    def web_page(self) -> bool:
        """More web-page chrome than a stray line: a scraped page, which no
        issued regional document is."""
        return self.web_chrome > WEB_PAGE_CHROME


def read_notation(document: Document) -> Notation:
    """Measure the notation once per document: every regional layout's
    ``detect`` asks for it, so detection costs one reading, not one per layout."""
    return document.measure(_measure_notation)


def _measure_notation(document: Document) -> Notation:
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    lines, _ = document_lines(document)
    # Judge whole paragraphs, however the source broke them into lines.
    joined = labelled_paragraphs(lines, starts=starts_own_line)
    texts = [ln.text for ln, _ in joined]
    head = [squeeze(t) for t in texts[:15]]
    counts = {"arabic_half": 0, "arabic_full": 0, "arabic_comma": 0, "cn": 0, "cn_paren": 0}
    articles = items = unit_end = unit_any = headlines = restarts = phases = 0
    last_arabic = 0
    attachment_list = False
    listed_below = False  # the last item counted has its unit list on a line of its own
    for line, label in joined:
        if label is None:
            attachment_list = line.text.lstrip().startswith("附") and classify(line.text) is Kind.ATTACHMENT_LIST
            if items and not listed_below and opens_field(line.text) and find_unit_lists(line.text):
                unit_end += 1  # ``牵头单位：…`` under the item: its unit list, set on its own line
                unit_any += 1
                listed_below = True
            continue
        text = line.text
        if attachment_list and label.kind == "arabic" and "。" not in text:
            continue  # ``附件：1．…名单`` then ``2．…台账``: entries of a list, not the plan's numbering
        phases += bool(_PHASE.search(text))
        rest = text[label.end :]
        if label.kind == "arabic":
            stop = label.text[-1]
            key = {".": "arabic_half", "．": "arabic_full"}.get(stop, "arabic_comma")
            counts[key] += 1
            if label.number == 1 and last_arabic > 1:
                restarts += 1
            last_arabic = label.number
        elif label.kind in ("cn", "cn_paren"):
            counts[label.kind] += 1
            if label.kind == "cn_paren" and "。" in rest[:-1]:
                articles += 1
        if "。" in rest or len(rest) > 60:
            items += 1
            listed_below = bool(_UNIT_LIST_END.search(rest))
            unit_end += listed_below
            unit_any += bool(find_unit_lists(rest))
            headlines += headline(rest) is not None
    tables = [b for b in document.blocks if isinstance(b, Table)]
    return Notation(
        lines=len(texts),
        letterhead=any(t.endswith("文件") and len(t) <= 44 for t in head),
        doc_number=any(DOC_NUMBER.fullmatch(t) for t in head),
        cover_letter=bool(_COVER_LETTER.search("".join(head[:8]))),
        # Only a line opening with 抄 or 主 can be a 抄送 line: most need no classify.
        cc_line=any(t.lstrip().startswith(("抄", "主")) and classify(t) is Kind.CC for t in texts),
        cn_paren_articles=articles,
        unit_list_end=unit_end / items if items else 0.0,
        unit_list_any=unit_any / items if items else 0.0,
        headline_items=headlines / items if items else 0.0,
        arabic_restarts=restarts,
        task_table=any(_is_task_table(t) for t in tables),
        task_table_named=any(label is None and _names_task_table(ln.text) for ln, label in joined),
        phases=phases,
        form_fields=any(_FORM_FIELD.search(t) for t in texts),
        web_chrome=sum(1 for p in paragraphs if _WEB_BULLET.match(p.text) or _WEB_WORDS.search(p.text)),
        **counts,
    )


_TASK_TABLE_NAME = re.compile(r"分工表(?:\.[A-Za-z]{3,4})?$")
"""The end of a task table's title, or of the file name a page links it by
(``…重点任务分工表.docx``)."""


def _names_task_table(text: str) -> bool:
    t = squeeze(text)
    return len(t) <= 80 and _TASK_TABLE_NAME.search(t) is not None


def _is_task_table(table: Table) -> bool:
    for row in table.rows[:3]:
        header = squeeze("".join(row.texts))
        if "责任单位" in header and ("完成时限" in header or "完成时间" in header):
            return True
    return False


__all__ = ["WEB_PAGE_CHROME", "Notation", "read_notation"]

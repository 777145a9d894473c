"""How surely a document is a city work plan, or a page collecting several.

What marks the family: several plan title lines in one file, web navigation
around them, and unit lists in brackets *inside* measures — several per
measure, with role phrases (``…牵头``, ``…分工负责``) and square brackets
``〔…〕``.  What marks the regional layouts instead: a letterhead (``…文件``), a
document number (``〔2022〕10号``), a covering notice or letter (``印发…的通知``,
``征求意见``), a ``抄送`` line.  Each feature is read from the notation only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from safetyplan.document import Document, Paragraph
from safetyplan.layouts.numbering import match_label
from safetyplan.layouts.units import find_unit_lists

from .page import flatten, is_collection_heading, is_furniture_form, is_plan_title, split_page

_DOC_NUMBER = re.compile(r"〔\s{0,2}(?:19|20)\d{2}\s{0,2}〕\s{0,2}\d{1,4}\s{0,2}号")
_LETTERHEAD = re.compile(r"[^\s，。,]{2,40}文件$")
_COVERING = re.compile(r"(?:印发|转发)|的通知$|意见函$|征求.{0,6}意见")
_CC = re.compile(r"\s{0,4}抄\s{0,4}送\s{0,4}[:：]")
_ROLE_WORD = re.compile(r"牵头|配合|协同|会同|负责")

HEAD_LINES = 40
"""Letterheads, document numbers and covering notices stand in the first lines."""


def score(document: Document) -> float:
    """0.0 (certainly no city work plan) to 1.0 (certainly one)."""
    paragraphs = flatten(document.blocks)
    if not paragraphs:
        return 0.0
    total = 0.0
    pieces = split_page(paragraphs)
    titled = sum(1 for piece in pieces if piece.title is not None)
    if titled >= 2:
        total += 0.5
    elif titled == 1:
        total += 0.1
    if _opens_with_title(paragraphs):
        total += 0.2
    navigation = sum(1 for p in paragraphs if is_furniture_form(p.text) or is_collection_heading(p.text))
    if navigation >= 3:
        total += 0.3
    total += _bracket_score(paragraphs)
    total -= _official_document_penalty(paragraphs)
    return max(0.0, min(1.0, total))


def _bracket_score(paragraphs: Sequence[Paragraph]) -> float:
    """Unit lists in brackets inside numbered paragraphs: how many measures
    carry one, how many carry one with text after it (several lists per
    measure), how many give roles by phrase (``…牵头`` ``…分工负责``) rather
    than one ``（责任单位：…）`` at the end, and whether square brackets are
    used."""
    numbered = listed = inside = roles = 0
    square = False
    for p in paragraphs:
        if match_label(p.text) is None:
            continue
        text = p.text.rstrip()
        numbered += 1
        lists = find_unit_lists(text)
        listed += bool(lists)
        inside += any(text[ul.end :].strip(" 。；;，,") for ul in lists)
        roles += any(_ROLE_WORD.search(text, ul.start, ul.end) for ul in lists)
        square = square or any(text[ul.start] == "〔" or text[ul.end - 1] == "〕" for ul in lists)
    if not numbered:
        return 0.0
    carried = 0.2 * min(1.0, 1.5 * listed / numbered)
    within = 0.3 * min(1.0, 2.5 * inside / numbered)
    phrased = 0.3 * min(1.0, 2.0 * roles / numbered)
    return carried + within + phrased + (0.05 if square else 0.0)


def _opens_with_title(paragraphs: Sequence[Paragraph]) -> bool:
    """The first line that is no navigation is a plan's title: the plan
    stands on its own, without letterhead or covering notice."""
    for p in paragraphs:
        if is_furniture_form(p.text) or is_collection_heading(p.text):
            continue
        return is_plan_title(p.text)
    return False


def _official_document_penalty(paragraphs: Sequence[Paragraph]) -> float:
    """Letterhead, document number, covering notice, 抄送: an issued document
    of a regional layout, not a work-points page."""
    head = ["".join(p.text.split()) for p in paragraphs[:HEAD_LINES]]
    penalty = 0.0
    if any(_DOC_NUMBER.search(line) for line in head):
        penalty += 0.4
    if any(_LETTERHEAD.match(line.strip("#*")) for line in head):
        penalty += 0.3
    if any(_COVERING.search(line) for line in head if not is_plan_title(line)):
        penalty += 0.2
    if any(_CC.match(p.text) for p in paragraphs):
        penalty += 0.2
    return penalty


__all__ = ["score"]

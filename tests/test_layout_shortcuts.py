"""The shared layout modules take shortcuts — a cheap test that turns most
text away before the full grammar runs, a pattern written so that the
regex engine can skip ahead, a reading shared within one document — and
each shortcut must give exactly what the plain rule gives.

Each test states the plain rule (a character loop, a pattern in its
obvious form, the fact a pre-check relies on) and checks the shortcut
against it on generated text, so that a change to the grammar that breaks
a shortcut's assumption fails here rather than losing a date or a label.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import safetyplan
from safetyplan.api import read_document
from safetyplan.document import Document
from safetyplan.layouts import cleaning, deadlines, metadata, outline
from safetyplan.layouts.cleaning import TERMINAL, Line, is_rule, squeeze, tidy
from safetyplan.layouts.numbering import has_label, match_label
from safetyplan.layouts.official import read_plan
from safetyplan.layouts.outline import headline, is_heading_text, join_paragraphs, labelled_paragraphs

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "plans").glob("*.txt"))

_DATE_PHRASE = st.tuples(
    st.sampled_from(("", "2022", "２０２２", "2022年", "今", "明", "截至", "每", "至少每", "每2个")),
    st.sampled_from(("", "年", "第", " ")),
    st.sampled_from(("", "6", "十二", "三", "4", "上", "下", "周五")),
    st.sampled_from(("", "月", "季度", "半年", "周", "个月", "旬", "年", "季")),
    st.sampled_from(("", "底", "末", "份底", "上旬", "中下旬", "30日", "5号")),
    st.sampled_from(("", "前", "之前", "完成", "至", "并长期坚持", "至少1次", "17:00前")),
).map("".join)
"""A phrase put together from the parts of date and frequency phrases."""
_DATE_WRITTEN = st.sampled_from(
    (
        *("2022年6月底前", "6月底前", "年底前", "今年底前", "明年底前", "2022年底", "第三季度末前", "4季度底"),
        *("上半年前", "2022年下半年末前", "8月上旬", "6月中下旬", "九月底前", "9月30日前", "6月30日完成"),
        *("2022 年 9 月底前", "每季度至少1次", "每2个月", "每周五17:00前", "每年6月底前", "每月下旬", "至少每半年"),
        *("截至6月底", "2022年4月至12月", "8月初至8月上旬", "9月底前完成，并长期坚持"),
    )
)
"""Date and frequency phrases as plans write them."""
_DATE_TEXT = st.lists(
    st.one_of(_DATE_WRITTEN, _DATE_PHRASE, st.text("年月日前底十一甲，。 ", max_size=3)), max_size=6
).map("".join)
_LABEL_ALPHABET = "一二十百〇两0123456789٣（()）、.．#*> \t\u3000\u00a0甲，2022年"
_SPACE_ALPHABET = " \t\u3000\u00a0\u2002\n中文，。“”—a1#>•*_<&"
_MARK_ALPHABET = "（(“‘《〈「『【[）)”’》〉」』】]：:；;。 \t\u3000甲乙丙丁"

# ------------------------------------------------------------------ deadlines


def _without_lookahead(pattern: str) -> re.Pattern[str]:
    """The pattern with its leading first-character lookahead removed."""
    assert pattern.startswith("(?=[")
    return re.compile(pattern[pattern.index("]") + 2 :])


@settings(max_examples=400, deadline=None)
@given(_DATE_TEXT)
def test_the_date_lookahead_turns_away_no_match(text: str) -> None:
    plain = _without_lookahead(deadlines._DATE.pattern)
    assert [m.span() for m in deadlines._DATE.compiled.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_DATE_TEXT)
def test_the_frequency_lookahead_turns_away_no_match(text: str) -> None:
    plain = _without_lookahead(deadlines._RECURRENCE.pattern)
    assert [m.span() for m in deadlines._RECURRENCE.compiled.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_DATE_TEXT)
def test_every_date_names_a_year_month_or_quarter_and_every_frequency_holds_mei(text: str) -> None:
    """What find_deadlines and find_recurrences check before they scan."""
    for m in deadlines._DATE.compiled.finditer(text):
        assert any(ch in m.group() for ch in "年月季"), m.group()
    for m in deadlines._RECURRENCE.compiled.finditer(text):
        assert "每" in m.group(), m.group()


# ------------------------------------------------------------------ numbering


@settings(max_examples=400, deadline=None)
@given(st.text(_LABEL_ALPHABET, max_size=16))
def test_has_label_is_whether_a_label_is_read(text: str) -> None:
    assert has_label(text) == (match_label(text) is not None)


@settings(max_examples=400, deadline=None)
@given(st.text(_LABEL_ALPHABET, max_size=16))
def test_a_label_is_what_stands_before_its_text(text: str) -> None:
    label = match_label(text)
    if label is not None:
        assert squeeze(text[: label.end]).lstrip("#*>") == label.text
        assert text[label.end : label.end + 1] not in (" ", "\u3000", "\t")


# ------------------------------------------------------------------ cleaning


_CJK = cleaning._CJK
_PLAIN_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0](?=[{_CJK}])")
_PLAIN_WIDE_GAP = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0]{{2,}}(?=[{_CJK}])")
_PLAIN_RUN = re.compile(r"[ \t\u3000\u00a0]{2,}")


def _plain_tidy(text: str) -> str:
    text = text.strip()
    text = _PLAIN_GAP.sub("", text)
    text = _PLAIN_WIDE_GAP.sub(" ", text)
    return _PLAIN_RUN.sub(" ", text)


@settings(max_examples=600, deadline=None)
@given(st.text(_SPACE_ALPHABET, max_size=24))
def test_tidy_is_the_plain_whitespace_rule(text: str) -> None:
    assert tidy(text) == _plain_tidy(text)


@settings(max_examples=400, deadline=None)
@given(st.text("-*_=—–x \t\u3000\n", max_size=10))
def test_a_rule_is_three_rule_marks_or_more_and_nothing_else(text: str) -> None:
    marks = squeeze(text)
    assert is_rule(text) == (len(marks) >= 3 and set(marks) <= set("-*_=—–"))


# ------------------------------------------------------------------ outline


def _plain_headline(text: str) -> str | None:
    depth = 0
    for i, ch in enumerate(text[: outline.HEADLINE_MAX + 12]):
        if ch in "（(“‘《〈「『【[":
            depth += 1
        elif ch in "）)”’》〉」』】]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "：:；;":
            return None
        elif depth == 0 and ch == "。":
            phrase, rest = text[:i].strip(), text[i + 1 :].strip()
            return phrase if phrase and rest and len(squeeze(phrase)) <= outline.HEADLINE_MAX else None
    return None


@settings(max_examples=600, deadline=None)
@given(st.text(_MARK_ALPHABET, max_size=80))
def test_headline_is_the_plain_bracket_rule(text: str) -> None:
    assert headline(text) == _plain_headline(text)


@settings(max_examples=400, deadline=None)
@given(st.text(TERMINAL + "甲乙 ，", max_size=45))
def test_a_heading_has_no_sentence_end_but_a_final_one(text: str) -> None:
    t = squeeze(text)
    body = t[:-1] if t and t[-1] in TERMINAL else t
    assert is_heading_text(text) == (0 < len(t) <= outline.HEADING_MAX and not any(ch in TERMINAL for ch in body))


_PIECES = (
    "一、总体要求",
    "（一）",
    "1.",
    "25.",
    "2022年",
    "12",
    "加强领导",
    "，",
    "。",
    "（责任单位：",
    "区应急局）",
    "：",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join), max_size=12))
def test_a_joined_paragraph_carries_the_label_of_its_text(texts: list[str]) -> None:
    lines = [Line(t, i + 1, i + 1) for i, t in enumerate(texts)]
    joined = labelled_paragraphs(lines)
    assert [p for p, _ in joined] == join_paragraphs(lines)
    assert all(label == match_label(p.text) for p, label in joined)


# ------------------------------------------------------------------ metadata


@settings(max_examples=400, deadline=None)
@given(st.text("2022年五月三十日〇一二 ：件文抄送主报印发管委会", max_size=30))
def test_what_the_line_classes_end_and_start_with(text: str) -> None:
    """A date ends in 日, a letterhead in 件, a 抄送 line starts with 抄 or 主:
    classify and the notation test those characters before the patterns."""
    for m in metadata.DATE.finditer(text):
        assert m.group().endswith("日")
    t = squeeze(text)
    if metadata._LETTERHEAD.match(t):
        assert t.endswith("件")
    if metadata._CC.match(t):
        assert t.startswith(("抄", "主"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_plan_reads_the_same_whether_detection_ran_first(path: Path) -> None:
    """Detection and parsing share the document's lines; the plan must not
    depend on who read them first."""
    fresh = read_document(path)
    detected = read_document(path)
    assert isinstance(fresh, Document) and isinstance(detected, Document)
    safetyplan.detect(detected)
    assert metadata.document_lines(detected) is metadata.document_lines(detected)
    assert read_plan(fresh) == read_plan(detected)

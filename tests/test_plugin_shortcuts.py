"""The citywork and Tonghua layouts take shortcuts — a cheap test that turns
most lines away before the full rule runs, C string operations standing in
for a loop per character, an inverted index standing in for intersecting
every pair — and each must give what the plain rule gives.

Each test states the plain rule and checks the shortcut against it on
generated text, so that a change to a grammar that breaks a shortcut's
assumption fails here rather than losing a title, a navigation line or a
task's article.
"""

from __future__ import annotations

import math
import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from safetyplan_citywork import detection, page

from safetyplan.layouts import keytasks
from safetyplan.layouts.numbering import match_label

_LINE_ALPHABET = " \t\u3000•·>»›:：。，,；;！!？?#*篇二一三十12０-年市安全生产委员会工作要点方案计划时间来源当前位置合集汇编（）()、.．"
_LINE_PIECES = st.sampled_from(
    (
        "市安全生产委员会2024年工作要点",
        "篇二：",
        "一",
        "(二)",
        "7篇",
        "当前位置: ",
        "时间:",
        "2023-11-20 11:38",
        " > ",
        "首页 » 范文",
        "。",
        "，",
        "实施方案",
    )
)
_LINES = st.lists(st.one_of(_LINE_PIECES, st.text(_LINE_ALPHABET, max_size=4)), max_size=8).map("".join)

_BULLET = re.compile(r"\s{0,40}[•·●▪◦■□◆◇▶►※★☆]")
_META_KEY = re.compile(
    r"\s{0,40}(?:时间|日期|来源|作者|发布时间|发布日期|更新时间|浏览|阅读|点击|编辑|责任编辑|字号)\s?[:：]"
)
_WHERE = re.compile(r"\s{0,40}(?:当前位置|您的位置|你的位置|所在位置|位置)\s?[:：]")
_TIMESTAMP = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s{1,3}\d{1,2}:\d{2}")
_BREADCRUMB = re.compile(r"[^>»›]{1,40}(?:[>»›][^>»›]{1,40}){2,}")
_NOT_IN_TITLE = re.compile(r"[。，,；;：:！!？?>]")
_COUNTED = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})篇$|(?:合集|汇编|大全|范文|精选)")


def plain_furniture_form(text: str) -> bool:
    if _BULLET.match(text) or _META_KEY.match(text) or _WHERE.match(text) or _TIMESTAMP.search(text):
        return True
    compact = text.strip()
    return len(compact) <= 200 and bool(_BREADCRUMB.fullmatch(compact))


def plain_collection_heading(text: str) -> bool:
    c = page.compact(text)
    return page.MIN_TITLE <= len(c) <= page.MAX_TITLE and not _NOT_IN_TITLE.search(c) and bool(_COUNTED.search(c))


def title_end(c: str) -> bool:
    kind = r"(?:工作要点|要点|实施方案|工作方案|行动方案|方案|工作计划)"
    ordinal = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）])"
    return bool(re.search(rf"{kind}(?:篇?{ordinal})?(?:[（(][^（()）]{{1,10}}[)）])?$", c))


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_navigation_lines_are_those_of_the_plain_patterns(text: str) -> None:
    assert page.is_furniture_form(text) == plain_furniture_form(text)
    assert page.is_collection_heading(text) == plain_collection_heading(text)


@settings(max_examples=400, deadline=None)
@given(_LINES)
@example("篇二：市安全生产委员会2024年工作要点")
@example("第三篇、xx县安全生产工作方案(试行)")
@example("市安全生产委员会2024年工作要点。")
def test_a_sentence_mark_rules_out_a_title_as_the_full_rule_does(text: str) -> None:
    c = page.plan_title(text)
    full = (
        page.MIN_TITLE <= len(c) <= page.MAX_TITLE
        and not _NOT_IN_TITLE.search(c)
        and match_label(c) is None
        and not plain_collection_heading(c)
        and not plain_furniture_form(text)
        and title_end(c)
    )
    assert page.is_plan_title(text) == full


_TEXT_ALPHABET = (
    "安全生产责任单位市应急局abcXYZ019_ -"
    + "".join(chr(code) for code in range(0xFF01, 0xFF5F))
    + "，：；（）！？。、“”①⑴ﬁ㎏\u00a0\u3000\u0301\u0308\u3099がÅ"
)


@settings(max_examples=400, deadline=None)
@given(st.text(_TEXT_ALPHABET, max_size=30))
@example("１２ 落实（市应急局）责任，Ａ级；ｂ")
def test_task_text_is_normalised_as_nfkc_then_letters_and_digits(text: str) -> None:
    plain = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())
    assert keytasks._normalise(text) == plain
    assert keytasks._bigrams(text) == frozenset(plain[i : i + 2] for i in range(len(plain) - 1))


_ARTICLE = st.text("安全生产责任落实隐患排查整治应急救援消防", min_size=0, max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ARTICLE, max_size=4), min_size=1, max_size=4), _ARTICLE)
def test_the_index_scores_each_article_as_the_weighted_share_of_the_task(groups: list[list[str]], task: str) -> None:
    built = [
        keytasks._Group(("text", str(i)), str(i), tuple((keytasks._bigrams(a), (str(i), a)) for a in articles))
        for i, articles in enumerate(groups)
    ]
    index = keytasks._ArticleIndex.of(built)
    sets = [a for g in built for a, _ in g.articles]
    frequency = {gram: sum(gram in a for a in sets) for a in sets for gram in a}
    weights = {gram: math.log((len(sets) + 1) / (n + 1)) + 0.1 for gram, n in frequency.items()}
    unseen = math.log(len(weights) + 2) + 0.1 if weights else 1.0
    grams = keytasks._bigrams(task)
    total = math.fsum(weights.get(g, unseen) for g in grams)
    for group, (best, target) in zip(built, index.best_articles(task, built), strict=True):
        scores = [
            math.fsum(weights.get(g, unseen) for g in grams & a) / total if total else 0.0 for a, _ in group.articles
        ]
        top = max(scores, default=0.0)
        assert math.isclose(best, top, rel_tol=1e-12)
        if top == 0.0:
            assert target is None
        else:
            paths = [path for _, path in group.articles]
            assert target in paths and math.isclose(scores[paths.index(target)], top, rel_tol=1e-12)


_LABEL_ALPHABET = "一二十百〇两0123456789٣（()）、.．#*> \t\u3000\u00a0甲，2022年月"


@settings(max_examples=600, deadline=None)
@given(st.text(_LABEL_ALPHABET, max_size=12))
@example("（ 十二 ）强化")
@example("25.2022年8月底前")
@example("5.12")
def test_detection_finds_numbered_lines_where_match_label_reads_a_label(line: str) -> None:
    """Citywork detection counts numbered lines with one pattern over the
    whole text; in lines indented with spaces, tabs, ideographic or no-break
    spaces, it finds a label exactly where the numbering grammar reads one."""
    assert (detection._LABEL_LINE.compiled.match(f"\n{line}") is not None) == (match_label(line) is not None)

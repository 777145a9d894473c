"""A plan published as a web page imports to the same plans as its text.

Each corpus document is rendered to HTML from its text blocks (headings as
``<h1>``–``<h4>``, a ``<p>`` per paragraph, indents as ``&nbsp;`` or
full-width spaces, the task table as a ``<table>`` with rowspan group cells)
and both files are loaded with layout detection.  Only what differs by nature
is set aside: where a plan was read from, its notes, and source spans.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from html_render import render_html
from lxml import html as lxml_html
from test_docx_input import comparable, text_document

import safetyplan

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DOCUMENTS = ("xinjian", "tonghua", "shuangqiao", "changzhou", "citywork-3")


@pytest.mark.parametrize("indent_all", [False, True], ids=["as-typed", "full-width-indents"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_web_page_imports_like_the_text(name: str, indent_all: bool, tmp_path: Path) -> None:
    page = render_html(text_document(name), tmp_path / f"{name}.html", indent_all=indent_all)
    from_text = safetyplan.load_all(CORPUS / f"{name}.txt")
    from_page = safetyplan.load_all(page)
    assert [p.region for p in from_page] == [p.region for p in from_text]
    assert len(from_text) >= 1
    for index, (web, text) in enumerate(zip(from_page, from_text, strict=True)):
        got, expected = comparable(web), comparable(text)
        for field in expected:
            assert got[field] == expected[field], f"{name} plan {index}: {field} differs"


# --- the rendering itself -------------------------------------------------------


def test_the_task_table_is_published_with_rowspan_group_cells(tmp_path: Path) -> None:
    page = lxml_html.parse(str(render_html(text_document("tonghua"), tmp_path / "tonghua.html"))).getroot()
    tables = page.findall(".//table")
    assert len(tables) == len(list(text_document("tonghua").tables()))
    first = tables[0].findall(".//tr")
    assert [th.text for th in first[0].findall("th")][1:] == ["重点任务", "责任单位", "完成时限"]
    group = first[1].find("td")
    assert group is not None and group.text == "一、严格落实党委安全生产责任" and group.get("rowspan") == "3"
    assert len(first[2].findall("td")) == len(first[1].findall("td")) - 1
    assert any(len(td.findall("p")) == 2 for t in tables for td in t.iter("td"))


def test_headings_and_indents_are_marked_up_as_a_cms_does(tmp_path: Path) -> None:
    markup = render_html(text_document("shuangqiao"), tmp_path / "shuangqiao.html").read_text(encoding="utf-8")
    assert "<h1>一、总体要求</h1>" in markup
    assert "<p>&nbsp;&nbsp;&nbsp;&nbsp;《2022年双桥经开区" in markup or "<p>\u3000\u3000《2022年双桥经开区" in markup
    indented = render_html(text_document("changzhou"), tmp_path / "changzhou.html", indent_all=True)
    assert "<p>\u3000\u3000为深入贯彻落实党的十九大精神" in indented.read_text(encoding="utf-8")

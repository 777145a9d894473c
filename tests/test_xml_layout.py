"""Reading leaves the indentation between elements out of the tree, and only
that: whitespace that is text — an element's whole text, or text beside a
comment, CDATA section, processing instruction or carriage return — reads
exactly as a parser keeping every blank reads it, in any encoding."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from safetyplan.formats import xml as sxml
from safetyplan.model import Deadline, Measure, Plan, Section

HEAD = '<plan xmlns="urn:safetyplan:plan:1.0">'


def _kept(doc: bytes) -> tuple[Plan, ...]:
    """What ``doc`` holds read from a tree that keeps every whitespace node."""
    root = etree.fromstring(doc, etree.XMLParser(remove_comments=True, remove_pis=True, resolve_entities=False))
    sxml.schema().assertValid(root)
    return (sxml.from_element(root),)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("   ", "   "),
        ("\n  \t", "\n  \t"),
        ("  <!-- note -->x", "  x"),
        ("  <!-- note -->  ", "    "),
        ("x<!-- note -->  ", "x  "),
        ("  <![CDATA[x]]>", "  x"),
        ("  <![CDATA[  ]]>  ", "      "),
        ("  <?pi x?>y", "  y"),
        ("  <?pi x?>", "  "),
        (" &#13; ", " \r "),
        ("  &amp;", "  &"),
        (" \r\n ", " \n "),
        ("\r\n", "\n"),
    ],
)
def test_whitespace_that_is_text_is_kept(title: str, expected: str) -> None:
    doc = f"{HEAD}\n  <title>{title}</title>\n  <preamble>{title}</preamble>\n</plan>\n".encode()
    assert sxml.loads(doc) == _kept(doc) == (Plan(title=expected, preamble=(expected,)),)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-32", "iso-8859-1", "gb18030"])
def test_any_encoding_reads_as_a_parser_keeping_blanks_reads_it(encoding: str) -> None:
    body = f'{HEAD}\n  <title>  <!-- c -->标题 </title>\n  <section label="一、">\n    <title> </title>\n  </section>\n</plan>\n'
    if encoding == "iso-8859-1":
        body = body.replace("标题", "titre").replace("一、", "1.")
    doc = f'<?xml version="1.0" encoding="{encoding}"?>\n{body}'.encode(encoding)
    assert sxml.loads(doc) == _kept(doc)
    assert sxml.loads(doc)[0].sections[0].title == " "


def test_indentation_is_not_text() -> None:
    compact = f'{HEAD}<title>t</title><section label="1"><title>s</title><measure label="1."><text>m</text></measure></section></plan>'
    indented = compact.replace("><", ">\n    <")
    plan = Plan("t", sections=(Section("1", "s", children=(Measure("1.", None, "m"),)),))
    assert sxml.loads(compact.encode()) == sxml.loads(indented.encode()) == (plan,)


def test_the_tree_parse_hands_out_keeps_its_layout() -> None:
    data = sxml.dumps(Plan("t", notes=()))
    assert etree.tostring(sxml.parse(data)) == etree.tostring(etree.fromstring(data).getroottree())


_TEXT = st.text(alphabet=st.sampled_from(" \t\n\r<>&'\"!?x中"), max_size=6)
_MARK = st.sampled_from(["", "<!-- c -->", "<?pi d?>", "<![CDATA[ ]]>", "&#13;", "&#32;", "\r\n", " "])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TEXT, _MARK), min_size=1, max_size=4), st.booleans())
def test_text_around_markup_reads_as_a_parser_keeping_blanks_reads_it(
    pieces: list[tuple[str, str]], indent: bool
) -> None:
    text = "".join(_escaped(t) + mark for t, mark in pieces)
    gap = "\n    " if indent else ""
    doc = (
        f'{HEAD}{gap}<title>{text}</title>{gap}<section label="1">{gap}<title>s</title>{gap}'
        f'<measure label="1.">{gap}<text>{text}</text>{gap}<recurring>{text}</recurring>{gap}</measure>'
        f"{gap}</section>{gap}</plan>"
    ).encode()
    assert sxml.loads(doc) == _kept(doc)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_a_deadline_holding_only_whitespace_keeps_it() -> None:
    doc = (
        f'{HEAD}<title>t</title><section label="1"><title>s</title><measure label="1."><text>m</text>'
        "<deadline>  </deadline></measure></section></plan>"
    ).encode()
    [plan] = sxml.loads(doc)
    measure = plan.sections[0].children[0]
    assert isinstance(measure, Measure)
    assert measure.deadlines == (Deadline("  "),)


def test_an_element_holding_comments_reads_as_loads_reads_its_document() -> None:
    doc = (
        f'{HEAD}<title>安全<!-- a -->生产<?pi x?></title><section label="1"><title>s</title>'
        '<measure label="1."><text>m</text><section_path><!-- b --><heading>一、</heading><?pi y?>'
        "</section_path></measure></section></plan>"
    ).encode()
    tree = etree.fromstring(doc)  # a parser keeping comments and processing instructions
    assert (sxml.from_element(tree),) == sxml.loads(doc)
    measure = sxml.from_element(tree).sections[0].children[0]
    assert isinstance(measure, Measure)
    assert measure.section_path == ("一、",)

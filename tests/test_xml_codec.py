"""The XML codec compiled from SHAPES: it writes exactly what lxml writes for
the same tree, reads what it wrote, and a DOCTYPE is found before parsing
whatever the prolog looks like."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree
from strategies import plans

from safetyplan.errors import OutputError, UnsafeFileError
from safetyplan.formats import xml as sxml
from safetyplan.formats import xmlcodec
from safetyplan.model import Assignment, Deadline, Measure, Plan, Role, Section, Span, TextRange
from safetyplan.readers.safexml import PROLOG_WINDOW, PROLOG_WINDOW_FIRST, prolog_declares

NS = "{" + sxml.NAMESPACE + "}"


def _lxml_element(parent: Any, tag: str, obj: Any) -> None:
    """``obj`` appended to ``parent`` by lxml, field by field as SHAPES says:
    the reference the compiled writer must match byte for byte."""
    elem = etree.SubElement(parent, NS + tag)
    _lxml_fields(elem, obj)


def _lxml_fields(elem: Any, obj: Any) -> None:
    for field in sxml.SHAPES[type(obj)]:
        value = getattr(obj, field.name)
        match field:
            case xmlcodec.Attr(name=name, scalar=scalar) if value is not None:
                elem.set(name, scalar.dump(value))
            case xmlcodec.Child(name=name, scalar=scalar) if value is not None:
                etree.SubElement(elem, NS + name).text = scalar.dump(value)
            case xmlcodec.Content():
                elem.text = value
            case xmlcodec.Repeated(tag=tag):
                for item in value:
                    etree.SubElement(elem, NS + tag).text = item
            case xmlcodec.Headings(name=name, optional=optional):
                if value is None or (not value and not optional):
                    continue
                wrapper = etree.SubElement(elem, NS + name)
                for item in value:
                    etree.SubElement(wrapper, NS + "heading").text = item
            case xmlcodec.Node(name=name, tag=tag) if value is not None:
                _lxml_element(elem, tag or name, value)
            case xmlcodec.Nodes(tags=tags):
                tag_of = {cls: tag for tag, cls in tags.items()}
                for item in value:
                    _lxml_element(elem, tag_of[type(item)], item)


def _lxml_document(plan: Plan) -> bytes:
    nsmap: dict[Any, str] = {None: sxml.NAMESPACE}  # the default namespace, as the writer declares it
    root = etree.Element(NS + "plan", nsmap=nsmap)
    _lxml_fields(root, plan)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans())
def test_the_writer_writes_what_lxml_writes_for_the_same_tree(plan: Plan) -> None:
    assert sxml.dumps(plan) == _lxml_document(plan)


def test_values_that_need_escaping_are_escaped_as_lxml_escapes_them() -> None:
    tricky = "a & b < c > d \"e\" 'f'\tg\r\nh"
    measure = Measure(
        tricky,
        1,
        tricky,
        title=tricky,
        section_path=(tricky,),
        assignments=(Assignment(tricky, Role.LEAD, canonical=tricky, applies_to=TextRange(0, 1)),),
        deadlines=(Deadline(tricky, dt.date(2024, 6, 30), recurrence=tricky),),
        span=Span(1, 2),
    )
    plan = Plan(tricky, recipients=(tricky,), sections=(Section(tricky, tricky, text=(tricky,), children=(measure,)),))
    data = sxml.dumps(plan)
    assert data == _lxml_document(plan)
    assert sxml.loads(data) == (plan,)


def test_deep_sections_keep_libxml2s_deepest_indent() -> None:
    section = Section("x", "t")
    for _ in range(40):
        section = Section("x", "t", children=(section,))
    plan = Plan("deep", sections=(section,))
    assert sxml.dumps(plan) == _lxml_document(plan)


def _long_plan(measures: int, last_text: str = "末条") -> Plan:
    children = tuple(
        Measure(f"{i}.", i, f"第{i}条措施", assignments=(Assignment("区应急管理局", Role.LEAD),), span=Span(i, i))
        for i in range(1, measures)
    )
    return Plan(
        "长",
        sections=(
            Section(
                "一、",
                "总体",
                children=(*children, Measure("末.", None, last_text)),
            ),
        ),
    )


def test_a_plan_written_in_several_blocks_is_the_same_document() -> None:
    plan = _long_plan(3 * xmlcodec.BLOCK // 4)
    data = sxml.dumps(plan)
    assert data == _lxml_document(plan)
    assert sxml.loads(data) == (plan,)


def test_text_xml_cannot_hold_is_found_in_a_later_block() -> None:
    plan = _long_plan(3 * xmlcodec.BLOCK // 4, last_text="响铃\x07")
    with pytest.raises(OutputError, match=r"plan\.sections\[0\]\.children\[\d+\]\.text holds U\+0007"):
        sxml.dumps(plan)


def test_every_class_has_one_write_and_one_read_function() -> None:
    codecs = sxml._CODECS
    assert set(codecs.write) == set(codecs.read) == set(sxml.SHAPES)
    for cls in sxml.SHAPES:
        assert f"def write_{cls.__name__}(" in codecs.source
        assert f"def read_{cls.__name__}(" in codecs.source


def test_a_tuple_of_the_wrong_class_is_refused_naming_it() -> None:
    plan = Plan("t", sections=(Section("一、", "s", children=(Span(1, 2),)),))  # type: ignore[arg-type]
    with pytest.raises(OutputError, match=r"plan\.sections\[0\]\.children\[0\] is a Span, not a Section or Measure"):
        sxml.dumps(plan)


# -- finding a DOCTYPE before parsing ------------------------------------------------

UTF7_DECLARATION = b'<?xml version="1.0" encoding="UTF-7"?>'
"""libxml2 reads UTF-7, where ``<`` may be written ``+ADw-``."""


@pytest.mark.parametrize(
    ("head", "declares"),
    [
        (b'<?xml version="1.0"?>\n<!-- note -->\n<plan/>', False),
        (b"\xef\xbb\xbf<plan/>", False),
        (b'<?xml version="1.0"?><!DOCTYPE plan [<!ENTITY a "b">]><plan/>', True),
        (b"<!-- a comment --><!DOCTYPE plan><plan/>", True),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE plan><plan/>'.encode("utf-16"), True),
        ('<?xml version="1.0" encoding="UTF-16"?><plan/>'.encode("utf-16"), False),
        (b"", None),
        (b"\x00\x01binary", None),
        (b"<?xml version='1.0'?>", None),
        (UTF7_DECLARATION + b"+ADw-plan/+AD4-", None),  # <plan/> in UTF-7: markup the look cannot read
    ],
)
def test_the_prolog_says_whether_a_doctype_comes_before_the_root(head: bytes, declares: bool | None) -> None:
    assert prolog_declares(head) is declares


def test_a_doctype_after_a_long_prolog_is_still_found() -> None:
    comment = b"<!--" + b"<plan> " * (PROLOG_WINDOW_FIRST // 7 + 10) + b"-->"
    assert len(comment) > PROLOG_WINDOW_FIRST
    assert prolog_declares(comment + b'<!DOCTYPE plan SYSTEM "file:///etc/passwd"><plan/>') is True
    assert prolog_declares(comment + b"<plan/>") is False


def test_a_prolog_past_the_window_is_refused() -> None:
    with pytest.raises(UnsafeFileError, match="runs past"):
        prolog_declares(b"<!--" + b" " * PROLOG_WINDOW + b"--><plan/>")


def test_a_doctype_the_prolog_look_cannot_read_is_refused_by_the_parser() -> None:
    doc = UTF7_DECLARATION + b"+ADw-!DOCTYPE plan+AD4-+ADw-plan xmlns=+ACI-urn:x+ACI-/+AD4-"
    with pytest.raises(UnsafeFileError, match="DOCTYPE"):
        sxml.loads(doc)

"""safetyplan XML: exact round trips, the shipped schema, and hostile documents refused."""

from __future__ import annotations

import datetime as dt
import re
import typing
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from strategies import deep_section, non_xml_text, plans

import safetyplan
from safetyplan import model
from safetyplan.errors import InvalidXMLError, OutputError, SafetyPlanError, UnreadableFileError, UnsafeFileError
from safetyplan.formats import MAX_SECTION_DEPTH
from safetyplan.formats import xml as sxml
from safetyplan.model import Assignment, Deadline, Measure, Part, Plan, Role, Section, TextRange
from safetyplan.registry import get_registry

NS = sxml.NAMESPACE
XS = "{http://www.w3.org/2001/XMLSchema}"


def _schema_tree() -> etree._ElementTree:
    return etree.parse(str(sxml.schema_path()))


def _plan() -> Plan:
    measure = Measure(
        label="（一）",
        number=1,
        title="强化责任",
        text="各单位落实主体责任。",
        section_path=("一、总体要求",),
        assignments=(
            Assignment("区应急管理局", Role.LEAD),
            Assignment("经发局", Role.SUPPORT, canonical="区经发局", applies_to=TextRange(0, 5)),
        ),
        deadlines=(Deadline("2024年6月底前", dt.date(2024, 6, 30)),),
        recurring=(Deadline("每季度至少1次", recurrence="quarterly"),),
        implements=(),
    )
    return Plan(
        title="安全生产治本攻坚三年行动方案",
        region="xinjian",
        issue_date=dt.date(2024, 3, 1),
        sections=(Section("一、", "总体要求", text=("为深入贯彻……",), children=(measure,)),),
    )


# -- round trips ------------------------------------------------------------------


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans())
def test_any_plan_round_trips_and_validates(plan: Plan) -> None:
    data = sxml.dumps(plan)
    assert sxml.schema().validate(etree.fromstring(data)), sxml.schema().error_log
    assert sxml.loads(data) == (plan,)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(plans(), max_size=3))
def test_several_plans_round_trip_in_order(many: list[Plan]) -> None:
    data = sxml.dumps(many)
    assert etree.fromstring(data).tag == f"{{{NS}}}plans"
    assert sxml.loads(data) == tuple(many)


def test_none_and_empty_string_stay_apart() -> None:
    plan = Plan(title="", region=None, issuer="", recipients=("",))
    section = Section("", "", children=(Measure("", None, "", title=""), Measure("1.", 1, "x", title=None)))
    plan = attrs.evolve(plan, sections=(section,))
    back = sxml.loads(sxml.dumps(plan))[0]
    assert back == plan
    assert back.region is None and back.issuer == ""
    first, second = back.sections[0].children
    assert isinstance(first, Measure) and isinstance(second, Measure)
    assert first.title == "" and second.title is None


def test_implements_none_and_empty_tuple_stay_apart() -> None:
    for implements in (None, (), ("一、", "（一）")):
        measure = Measure("1.", 1, "x", implements=implements)
        plan = Plan("t", sections=(Section("一、", "s", children=(measure,)),))
        back = sxml.loads(sxml.dumps(plan))[0]
        assert next(back.measures()).implements == implements


def test_whitespace_and_line_ends_are_kept_exactly() -> None:
    text = "  前导空格\r\n\t制表符\r末尾  \n"
    plan = Plan(title=text, sections=(Section(text, text, text=(text,), children=(Measure(text, 0, text),)),))
    assert sxml.loads(sxml.dumps(plan)) == (plan,)


def test_sections_may_nest_to_the_limit() -> None:
    plan = Plan("deep", sections=(deep_section(MAX_SECTION_DEPTH),))
    assert sxml.loads(sxml.dumps(plan)) == (plan,)


def test_writer_refuses_sections_nested_beyond_the_limit() -> None:
    plan = Plan("deep", sections=(deep_section(MAX_SECTION_DEPTH + 1),))
    with pytest.raises(OutputError, match=f"nest {MAX_SECTION_DEPTH + 1} levels"):
        sxml.dumps(plan)


# -- text XML cannot hold ---------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(non_xml_text())
def test_text_xml_cannot_hold_is_refused_naming_the_field(bad: str) -> None:
    plan = _plan()
    measure = attrs.evolve(next(plan.measures()), text=bad)
    plan = attrs.evolve(plan, sections=(attrs.evolve(plan.sections[0], children=(measure,)),))
    with pytest.raises(OutputError, match=r"plan\.sections\[0\]\.children\[0\]\.text holds U\+[0-9A-F]{4}"):
        sxml.dumps(plan)


@pytest.mark.parametrize(
    ("plan", "where"),
    [
        (Plan("title\x00"), "plan.title"),
        (Plan("t", recipients=("ok", "\x07")), r"plan.recipients\[1\]"),
        (Plan("t", sections=(Section("\ufffe", "s"),)), r"plan.sections\[0\].label"),
        (Plan("t", sections=(Section("一、", "s", text=("\ud800",)),)), r"plan.sections\[0\].text\[0\]"),
    ],
)
def test_refusal_names_attributes_lists_and_surrogates(plan: Plan, where: str) -> None:
    with pytest.raises(OutputError, match=where):
        sxml.dumps(plan)


def test_refused_plan_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "bad.xml"
    with pytest.raises(OutputError):
        safetyplan.dump(Plan("bell\x07"), out)
    assert list(tmp_path.iterdir()) == []


# -- through the public API -------------------------------------------------------


def test_dump_and_load_by_suffix(tmp_path: Path) -> None:
    plan = _plan()
    out = safetyplan.dump(plan, tmp_path / "out.xml")
    assert safetyplan.load(out) == plan
    sxml.validate(out)


def test_load_all_reads_every_plan_of_a_multi_plan_file(tmp_path: Path) -> None:
    first = _plan()
    second = attrs.evolve(first, title="第二个方案", source=model.Source(path="b.txt", index=1))
    path = tmp_path / "both.xml"
    path.write_bytes(sxml.dumps([first, second]))
    assert safetyplan.load_all(path) == [first, second]
    with pytest.raises(safetyplan.PlanCountError):
        safetyplan.load(path)


def test_the_registry_picks_the_xml_reader_and_writer() -> None:
    registry = get_registry()
    data = sxml.dumps(_plan())
    assert registry.reader_for(".xml", data[:4096]).obj.name == "xml"
    writer = registry.writer_for("xml").obj
    assert (writer.format, writer.suffix, writer.default) == ("xml", ".xml", True)


# -- sniffing ---------------------------------------------------------------------


def test_sniff_claims_only_safetyplan_xml() -> None:
    ours = sxml.dumps(_plan())
    assert sxml.sniff(ours[:4096])
    assert sxml.sniff(b"\xef\xbb\xbf" + ours[:200])
    assert sxml.sniff(ours.decode().encode("utf-16"))
    assert sxml.sniff(b'<plan xmlns="urn:safetyplan:plan:2.0"/>')
    assert not sxml.sniff(b'<?xml version="1.0"?><w:document xmlns:w="urn:other"/>')
    assert not sxml.sniff(b"urn:safetyplan:plan:1.0 mentioned in plain text")


# -- hostile and broken documents -------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE plan [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%s;" % (b"" if i == 1 else str(i - 1).encode())) * 10)
        for i in range(1, 10)
    )
    + b']>\n<plan xmlns="urn:safetyplan:plan:1.0"><title>&lol9;</title></plan>'
)


def _xxe(target: Path) -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE plan [<!ENTITY xxe SYSTEM "'
        + target.as_uri().encode()
        + b'">]>\n<plan xmlns="urn:safetyplan:plan:1.0"><title>&xxe;</title></plan>'
    )


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(UnsafeFileError, match="DOCTYPE"):
        sxml.loads(BILLION_LAUGHS)


def test_external_entity_is_refused_without_reading_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    with pytest.raises(UnsafeFileError) as caught:
        sxml.loads(_xxe(secret))
    assert "TOP-SECRET" not in str(caught.value)


@pytest.mark.parametrize(
    "doc",
    [
        b'<!DOCTYPE plan SYSTEM "http://example.invalid/plan.dtd"><plan xmlns="urn:safetyplan:plan:1.0"/>',
        b'<!DOCTYPE plan [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><plan/>',
        b"<!DOCTYPE plan><plan/>",
    ],
)
def test_any_doctype_is_refused(doc: bytes) -> None:
    with pytest.raises(UnsafeFileError):
        sxml.loads(doc)


def test_hostile_file_through_load_ends_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_bytes(BILLION_LAUGHS)
    with pytest.raises(UnsafeFileError) as caught:
        safetyplan.load(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("doc", "line"),
    [
        (b'<plan xmlns="urn:safetyplan:plan:1.0">\n<title>t</title>\n</plam>', 3),
        (b"", None),
        (b'<plan xmlns="urn:safetyplan:plan:1.0"><title>&undefined;</title></plan>', 1),
        (b"\x00\x01\x02binary", None),
    ],
)
def test_not_well_formed_is_unreadable(doc: bytes, line: int | None) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        sxml.loads(doc, path="broken.xml")
    if line is not None:
        assert caught.value.line == line
    assert str(caught.value).startswith("broken.xml:")


def test_schema_violation_reports_line_and_message() -> None:
    doc = (
        b'<?xml version="1.0"?>\n<plan xmlns="urn:safetyplan:plan:1.0">\n  <title>t</title>\n'
        b'  <section label="1">\n    <title>s</title>\n    <measure number="x">\n'
        b"      <text>m</text>\n    </measure>\n  </section>\n</plan>\n"
    )
    with pytest.raises(InvalidXMLError) as caught:
        sxml.loads(doc, path="plan.xml")
    error = caught.value
    assert error.line == 6
    assert "measure" in error.message and "number" in error.message
    assert "{urn:" not in error.message
    assert str(error).startswith("plan.xml:6: ")


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (b'<plan xmlns="urn:safetyplan:plan:1.0"><title>t</title><bogus/></plan>', "bogus"),
        (
            b'<plan xmlns="urn:safetyplan:plan:1.0"><issue_date>2024-02-30</issue_date><title>t</title></plan>',
            "not expected",
        ),
        (b'<plan xmlns="urn:safetyplan:plan:1.0"><title>t</title><issue_date>2024-02-30</issue_date></plan>', "date"),
        (
            b'<plan xmlns="urn:safetyplan:plan:1.0"><title>t</title><issue_date>2024-01-01Z</issue_date></plan>',
            "pattern",
        ),
        (b'<plan xmlns="urn:safetyplan:plan:1.0"><title>t</title><year>1.5</year></plan>', "year"),
        (b'<plans xmlns="urn:safetyplan:plan:1.0"><title>t</title></plans>', "title"),
        (b'<plan xmlns="urn:safetyplan:plan:2.0"><title>t</title></plan>', "version 2.0"),
        (b"<plan><title>t</title></plan>", "not safetyplan XML"),
        (b'<w:document xmlns:w="urn:word"/>', "root element <document>"),
    ],
)
def test_documents_outside_the_schema_are_invalid(doc: bytes, message: str) -> None:
    with pytest.raises(InvalidXMLError, match=re.escape(message)):
        sxml.loads(doc)


def test_reader_refuses_sections_nested_beyond_the_limit() -> None:
    depth = MAX_SECTION_DEPTH + 1
    body = b'<section label="x"><title>t</title>' * depth + b"</section>" * depth
    doc = b'<plan xmlns="urn:safetyplan:plan:1.0"><title>t</title>' + body + b"</plan>"
    with pytest.raises(InvalidXMLError, match="nest more than"):
        sxml.loads(doc)


def test_huge_integer_is_invalid_not_a_crash() -> None:
    doc = b'<plan xmlns="urn:safetyplan:plan:1.0"><title>t</title><year>' + b"9" * 5000 + b"</year></plan>"
    with pytest.raises(InvalidXMLError):
        sxml.loads(doc)


def test_comments_inside_text_are_skipped() -> None:
    doc = '<plan xmlns="urn:safetyplan:plan:1.0"><title>安全<!-- note -->生产<?pi x?></title></plan>'.encode()
    assert sxml.loads(doc) == (Plan(title="安全生产"),)


def test_validate_accepts_written_files_and_explains_others(tmp_path: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_bytes(sxml.dumps(_plan()))
    sxml.validate(good)
    sxml.validate(str(good))
    sxml.validate(good.read_bytes())
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b'<plan xmlns="urn:safetyplan:plan:1.0"/>')
    with pytest.raises(InvalidXMLError, match="title") as caught:
        sxml.validate(bad)
    assert caught.value.path == str(bad)
    with pytest.raises(UnreadableFileError, match="not found"):
        sxml.validate(tmp_path / "missing.xml")


# -- the schema and the codec agree with the model --------------------------------


def _model_classes() -> list[type]:
    return [getattr(model, name) for name in model.__all__ if attrs.has(getattr(model, name))]


def test_every_model_field_has_an_xml_form() -> None:
    for cls in _model_classes():
        assert cls in sxml.SHAPES, f"{cls.__name__} has no XML form in SHAPES"
        declared = [f.name for f in sxml.SHAPES[cls]]
        assert sorted(declared) == sorted(f.name for f in attrs.fields(cls)), cls.__name__


def test_schema_ships_in_the_package_with_the_namespace() -> None:
    shipped = resources.files("safetyplan.schema") / sxml.SCHEMA_FILE
    assert shipped.is_file()
    root = _schema_tree().getroot()
    assert root.get("targetNamespace") == NS
    assert root.get("version") == sxml.VERSION
    assert NS in (sxml.__doc__ or "")


def _enumeration(name: str) -> set[str]:
    simple = _schema_tree().find(f"{XS}simpleType[@name='{name}']")
    assert simple is not None
    return {e.get("value", "") for e in simple.iter(f"{XS}enumeration")}


def test_schema_enumerations_match_the_model_enums() -> None:
    assert _enumeration("Role") == {r.value for r in Role}
    assert _enumeration("Part") == {p.value for p in Part}


def test_schema_attribute_defaults_match_the_model_defaults() -> None:
    tree = _schema_tree()
    for cls in _model_classes():
        complex_type = tree.find(f"{XS}complexType[@name='{cls.__name__}']")
        assert complex_type is not None, cls.__name__
        fields = attrs.fields_dict(cls)
        hints = typing.get_type_hints(cls, vars(model))
        for attribute in complex_type.iter(f"{XS}attribute"):
            field = fields[attribute.get("name", "")]
            if attribute.get("default") is not None:
                default = field.default
                text = default.value if isinstance(default, Role | Part) else default
                if isinstance(text, bool):
                    text = "true" if text else "false"
                assert attribute.get("default") == str(text), f"{cls.__name__}.{field.name}"
            required = attribute.get("use") == "required"
            nullable = type(None) in typing.get_args(hints[field.name])
            assert required == (field.default is attrs.NOTHING and not nullable), f"{cls.__name__}.{field.name}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans(), st.data())
def test_damaged_documents_read_or_fail_cleanly(plan: Plan, data: st.DataObject) -> None:
    document = bytearray(sxml.dumps(plan))
    start = data.draw(st.integers(0, len(document)), label="start")
    end = data.draw(st.integers(start, min(len(document), start + 40)), label="end")
    insert = data.draw(st.sampled_from([b"", b"<", b">", b"&", b'"', b"</section>", b"<p>", b"\xff", b"<!DOCTYPE x>"]))
    document[start:end] = insert
    try:
        sxml.loads(bytes(document))
    except SafetyPlanError:
        pass

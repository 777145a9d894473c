"""safetyplan JSON: exact round trips for any text, and strict, clear reading."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import NON_XML_CHARACTERS, deep_section, plans, unicode_text

import safetyplan
from safetyplan import model
from safetyplan.errors import OutputError, PlanCountError, SafetyPlanError, UnreadableFileError
from safetyplan.formats import MAX_SECTION_DEPTH
from safetyplan.formats import json as sjson
from safetyplan.model import Assignment, Deadline, Measure, Plan, Role, Section, TextRange
from safetyplan.registry import get_registry


def _plan() -> Plan:
    measure = Measure(
        label="（一）",
        number=1,
        text="各单位落实主体责任。",
        assignments=(Assignment("经发局", Role.SUPPORT, canonical="区经发局", applies_to=TextRange(0, 5)),),
        deadlines=(Deadline("2024年6月底前", dt.date(2024, 6, 30)),),
    )
    return Plan(
        title="安全生产治本攻坚三年行动方案",
        issue_date=dt.date(2024, 3, 1),
        sections=(Section("一、", "总体要求", children=(measure, Section("（二）", "空节"))),),
    )


def _document(plan: Plan | None = None) -> dict[str, Any]:
    loaded = json.loads(sjson.dumps(plan or _plan()))
    assert isinstance(loaded, dict)
    return loaded


def _read(document: Any) -> tuple[Plan, ...]:
    return sjson.loads(json.dumps(document).encode())


# -- round trips ------------------------------------------------------------------


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans(text=unicode_text()))
def test_any_plan_round_trips(plan: Plan) -> None:
    assert sjson.loads(sjson.dumps(plan)) == (plan,)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(plans(text=unicode_text()), max_size=3))
def test_several_plans_round_trip_in_order(many: list[Plan]) -> None:
    data = sjson.dumps(many)
    assert sjson.loads(data) == tuple(many)


def test_control_characters_xml_cannot_hold_are_carried() -> None:
    text = "".join(NON_XML_CHARACTERS)
    plan = Plan(title=text, notes=(model.Note(text),))
    assert sjson.loads(sjson.dumps(plan)) == (plan,)


def test_written_json_is_readable_utf8_with_model_field_names() -> None:
    data = sjson.dumps(_plan())
    assert "安全生产".encode() in data
    document = json.loads(data)
    assert document["safetyplan"] == sjson.VERSION
    plan = document["plan"]
    assert list(plan) == [f.name for f in attrs.fields(Plan)]
    assert plan["issue_date"] == "2024-03-01" and plan["region"] is None
    measure, section = plan["sections"][0]["children"]
    assert measure["type"] == "measure" and section["type"] == "section"
    assert measure["assignments"][0]["role"] == "support"


def test_sections_may_nest_to_the_limit_and_no_further() -> None:
    plan = Plan("deep", sections=(deep_section(MAX_SECTION_DEPTH),))
    assert sjson.loads(sjson.dumps(plan)) == (plan,)
    with pytest.raises(OutputError, match="levels deep"):
        sjson.dumps(Plan("deep", sections=(deep_section(MAX_SECTION_DEPTH + 1),)))


def test_lone_surrogate_is_refused_naming_the_field() -> None:
    plan = attrs.evolve(_plan(), recipients=("ok", "\udc80"))
    with pytest.raises(OutputError, match=r"plan\.recipients\[1\] holds a lone surrogate"):
        sjson.dumps(plan)


# -- through the public API -------------------------------------------------------


def test_dump_and_load_by_suffix(tmp_path: Path) -> None:
    plan = _plan()
    out = safetyplan.dump(plan, tmp_path / "out.json")
    assert safetyplan.load(out) == plan


def test_load_all_reads_every_plan(tmp_path: Path) -> None:
    plans_ = [_plan(), attrs.evolve(_plan(), title="第二个", source=model.Source(index=1))]
    path = tmp_path / "both.json"
    path.write_bytes(sjson.dumps(plans_))
    assert safetyplan.load_all(path) == plans_
    with pytest.raises(PlanCountError):
        safetyplan.load(path)


def test_the_registry_picks_the_json_reader_and_writer() -> None:
    registry = get_registry()
    assert registry.reader_for(".json", sjson.dumps(_plan())[:4096]).obj.name == "json"
    writer = registry.writer_for("json").obj
    assert (writer.format, writer.suffix) == ("json", ".json")


def test_from_dict_reads_a_bare_plan_object() -> None:
    assert sjson.from_dict(sjson.to_dict(_plan())) == _plan()
    with pytest.raises(UnreadableFileError, match=r"plan\.title"):
        sjson.from_dict({"title": 1})


# -- strict reading ---------------------------------------------------------------


def _edit(path: list[str | int], value: Any, *, delete: bool = False) -> dict[str, Any]:
    document = _document()
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (_edit(["plan", "title"], None), r"plan\.title: must not be null"),
        (_edit(["plan", "title"], 5), r"plan\.title: expected a string, got a number"),
        (_edit(["plan", "title"], [], delete=True), r"plan: missing key 'title'"),
        (_edit(["plan", "colour"], "red"), r"plan: unknown key 'colour' for a Plan"),
        (_edit(["plan", "year"], True), r"plan\.year: expected an integer, got a boolean"),
        (_edit(["plan", "year"], 2024.0), r"plan\.year: expected an integer"),
        (_edit(["plan", "issue_date"], "2024-02-30"), r"plan\.issue_date: day is out of range"),
        (_edit(["plan", "issue_date"], "20240301"), r"plan\.issue_date: expected a date"),
        (_edit(["plan", "recipients"], "各镇"), r"plan\.recipients: expected an array, got a string"),
        (_edit(["plan", "sections", 0, "children", 0, "type"], "table"), r'"type" must be "section" or "measure"'),
        (_edit(["plan", "sections", 0, "children", 0, "part"], "annex"), r"children\[0\]\.part: 'annex' is not one of"),
        (
            _edit(["plan", "sections", 0, "children", 0, "deadlines", 0, "ongoing"], "yes"),
            r"deadlines\[0\]\.ongoing: expected true or false",
        ),
        (_edit(["plan", "sections", 0, "children", 0, "assignments", 0], "x"), r"expected an object, got a string"),
        (_edit(["plan", "source"], None), r"plan\.source: must not be null"),
        (_edit(["plan", "title"], "\ud800"), r"plan\.title: text holds a lone surrogate"),
    ],
)
def test_plans_that_do_not_fit_the_model_name_the_key(document: dict[str, Any], message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        _read(document)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "expected an object"),
        ({"plan": {"title": "t"}}, "version key"),
        ({"safetyplan": "2.0", "plan": {"title": "t"}}, "version '2.0'"),
        ({"safetyplan": "1.0"}, '"plan" \\(one\\) or "plans"'),
        ({"safetyplan": "1.0", "plan": {"title": "t"}, "plans": []}, '"plan" \\(one\\) or "plans"'),
        ({"safetyplan": "1.0", "plans": {"title": "t"}}, r"plans: expected an array"),
        ({"safetyplan": "1.0", "plans": [{"title": "t"}, {}]}, r"plans\[1\]: missing key 'title'"),
    ],
)
def test_envelopes_other_than_safetyplan_json_are_refused(document: Any, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        _read(document)


def test_minor_versions_of_the_same_major_are_read() -> None:
    assert _read({"safetyplan": "1.1", "plan": {"title": "t"}}) == (Plan("t"),)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not valid JSON"),
        (b'{"safetyplan": "1.0",\n "plan": }', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (b'{"safetyplan": "1.0", "plan": {"title": "t", "year": ' + b"9" * 5000 + b"}}", "not valid JSON"),
    ],
)
def test_broken_json_is_unreadable(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        sjson.loads(data, path="in.json")


def test_syntax_error_carries_the_line() -> None:
    with pytest.raises(UnreadableFileError) as caught:
        sjson.loads(b'{"safetyplan": "1.0",\n "plan": }', path="in.json")
    assert caught.value.line == 2
    assert str(caught.value).startswith("in.json:2: ")


def test_reader_refuses_sections_nested_beyond_the_limit() -> None:
    section: dict[str, Any] = {"label": "x", "title": "t"}
    for _ in range(MAX_SECTION_DEPTH):
        section = {"label": "x", "title": "t", "children": [{"type": "section", **section}]}
    with pytest.raises(UnreadableFileError, match="nest more than"):
        _read({"safetyplan": "1.0", "plan": {"title": "t", "sections": [section]}})


def test_byte_order_mark_is_accepted() -> None:
    assert sjson.loads(b"\xef\xbb\xbf" + sjson.dumps(_plan())) == (_plan(),)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans(text=unicode_text()), st.data())
def test_damaged_documents_read_or_fail_cleanly(plan: Plan, data: st.DataObject) -> None:
    document = bytearray(sjson.dumps(plan))
    start = data.draw(st.integers(0, len(document)), label="start")
    end = data.draw(st.integers(start, min(len(document), start + 40)), label="end")
    insert = data.draw(st.sampled_from([b"", b"{", b"}", b"[", b"]", b'"', b",", b"null", b"1", b"\xff"]))
    document[start:end] = insert
    try:
        sjson.loads(bytes(document))
    except SafetyPlanError:
        pass

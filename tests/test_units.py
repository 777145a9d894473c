"""Unit lists: splitting, markers, roles, canonical names, finding lists in
running text, merging, and the grouping key.  Cases follow GOLD.md's rules
and the notations of the corpus plans."""

from __future__ import annotations

import glob
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyplan.errors import PluginError
from safetyplan.layouts.unitnames import expand_run, is_organ
from safetyplan.layouts.units import (
    BASE_ALIASES,
    UnitList,
    bracket_pairs,
    find_unit_lists,
    measure_assignments,
    merge_assignments,
    parse_units,
    resolve_aliases,
    split_top,
    unit_key,
)
from safetyplan.model import Assignment, Role
from safetyplan.registry import Registry, make_plugin_manager

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

R, L, S = "r", "l", "s"
ROLE = {R: Role.RESPONSIBLE, L: Role.LEAD, S: Role.SUPPORT}


def units(text: str, **kwargs: Any) -> list[tuple[str, str, str | None]]:
    """parse_units as (name, role letter, canonical) triples."""
    return [(a.unit, a.role.value[0], a.canonical) for a in parse_units(text, **kwargs)]


# --- splitting and markers ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("责任单位：区安委办", [("区安委办", R, None)]),
        ("责任单位:市应急局", [("市应急局", R, None)]),
        (
            "责任单位：区安委办，区级负有安全生产监督管理职责的部门",
            [("区安委办", R, None), ("区级负有安全生产监督管理职责的部门", R, None)],
        ),
        # a typo'd marker is still a marker
        ("责区任单位：区安委办、区委宣传部", [("区安委办", R, None), ("区委宣传部", R, None)]),
        # parentheses inside names never split
        ("县级以上(含,下同)党(工)委,组织部门", [("县级以上(含,下同)党(工)委", R, None), ("组织部门", R, None)]),
        ("责任单位:市财政局(国资委)", [("市财政局(国资委)", R, None)]),
        ("市应急局、市委编办(市绩效办),市安委会各成员单位分工负责", [
            ("市应急局", R, None), ("市委编办(市绩效办)", R, None), ("市安委会各成员单位", R, None)]),
        # an empty item is no unit
        ("县级以上政府、，高新区、港务区管委会", [
            ("县级以上政府", R, None), ("高新区", R, "高新区管委会"), ("港务区管委会", R, None)]),
        # a line break inside a list is no separator
        ("责任单位：区安委办，区应急\n\n局、区交管大队", [("区安委办", R, None), ("区应急局", R, None), ("区交管大队", R, None)]),
        ("责任单位\n\n：区政数局、区财政局", [("区政数局", R, None), ("区财政局", R, None)]),
        # trailing 等… after a list: the named units stay
        ("市公安局、市文化和旅游局、市应急局等有关部门分工负责", [
            ("市公安局", R, None), ("市文化和旅游局", R, None), ("市应急局", R, None)]),
        ("市卫生健康局、市市场监管局等有关部门分工负责", [("市卫生健康局", R, None), ("市市场监管局", R, None)]),
        ("市住建局、市水利局、xx供电局等单位分工负责", [("市住建局", R, None), ("市水利局", R, None), ("xx供电局", R, None)]),
        ("市消防救援大队、市邮政公司等分工负责", [("市消防救援大队", R, None), ("市邮政公司", R, None)]),
        ("市交通运输局等有关部门分工负责", [("市交通运输局", R, None)]),
        ("各行业主管部门按职责分工负责", [("各行业主管部门", R, None)]),
        # a note after the list is not part of it
        (
            "市委宣传部、市应急局,市安委会各成员单位,各县(市、区)、开发区分工负责。以下各项工作均需各县(市、区)、开发区落实,不再列出",
            [("市委宣传部", R, None), ("市应急局", R, None), ("市安委会各成员单位", R, None),
             ("各县(市、区)", R, None), ("开发区", R, "各开发区")],
        ),
    ],
)  # fmt: skip
def test_lists_split_and_lose_their_markers(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市委组织部、市委宣传部、市应急局、市文化和旅游局牵头,市安委会各成员单位分工负责", [
            ("市委组织部", L), ("市委宣传部", L), ("市应急局", L), ("市文化和旅游局", L), ("市安委会各成员单位", R)]),
        ("市应急局牵头,市委宣传部、市财政局、市司法局配合,市安委会成员单位分工负责", [
            ("市应急局", L), ("市委宣传部", S), ("市财政局", S), ("市司法局", S), ("市安委会成员单位", R)]),
        ("牵头责任单位:市安委办 ,协同责任单位:市委组织部、市委宣传部、市委党校(行政学院)", [
            ("市安委办", L), ("市委组织部", S), ("市委宣传部", S), ("市委党校(行政学院)", S)]),
        ("牵头责任单位:市发展改革委、市应急局,协同责任单位:市安委会有关成员单位", [
            ("市发展改革委", L), ("市应急局", L), ("市安委会有关成员单位", S)]),
        ("市安委办牵头负责", [("市安委办", L)]),
        ("市发展改革局负责", [("市发展改革局", R)]),
        ("市安委会办公室牵头,有关成员单位分工负责", [("市安委会办公室", L), ("有关成员单位", R)]),
        ("市工业和信息化局牵头,市发展改革局、市科技局等有关部门分工负责", [
            ("市工业和信息化局", L), ("市发展改革局", R), ("市科技局", R)]),
        ("市应急局牵头,各有关部门配合推进", [("市应急局", L), ("各有关部门", S)]),
        ("牵头单位：市应急局；配合单位：市公安局、市财政局", [("市应急局", L), ("市公安局", S), ("市财政局", S)]),
        ("区应急局牵头，区公安分局参与", [("区应急局", L), ("区公安分局", S)]),
        # an adverb before the role phrase is no part of the name
        ("各乡镇人民政府负责,县公安局交警大队、县交通运输局指导配合", [
            ("各乡镇人民政府", R), ("县公安局交警大队", S), ("县交通运输局", S)]),
        ("区应急局牵头，区消防救援大队积极配合", [("区应急局", L), ("区消防救援大队", S)]),
        ("县林业局牵头，县文化旅游局、各国有林场配合", [("县林业局", L), ("县文化旅游局", S), ("各国有林场", S)]),
        # a role word alone before a colon is a marker
        ("牵头：县市场监管局；配合：县公安局、县商务局", [("县市场监管局", L), ("县公安局", S), ("县商务局", S)]),
        ("责任：各乡镇，县住建局", [("各乡镇", R), ("县住建局", R)]),
        # 会同: every unit named takes the role the phrase gives
        ("市安委会办公室会同市委办公室、市政府办公室、市委组织部等有关部门单位负责", [
            ("市安委会办公室", R), ("市委办公室", R), ("市政府办公室", R), ("市委组织部", R)]),
        ("市应急局会同有关部门单位负责", [("市应急局", R), ("有关部门单位", R)]),
        ("市应急局会同各有关部门单位负责", [("市应急局", R), ("各有关部门单位", R)]),
        ("区应急局、区发改委会同各有关部门分工负责", [("区应急局", R), ("区发改委", R), ("各有关部门", R)]),
    ],
)  # fmt: skip
def test_role_phrases_bind_to_the_names_before_them(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(name, role) for name, role, _ in units(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role phrase closing a 、 item ends its clause
        ("市应急局牵头、市公安局、市交通运输局配合", [("市应急局", L), ("市公安局", S), ("市交通运输局", S)]),
        # a name's own note gives its role
        ("市应急局（牵头）、市公安局、市交通运输局", [("市应急局", L), ("市公安局", R), ("市交通运输局", R)]),
        ("市应急局（牵头单位），市公安局（配合单位）", [("市应急局", L), ("市公安局", S)]),
        # other markers with a role word
        ("落实单位：区住建局", [("区住建局", R)]),
        # a field of another kind ends the list
        ("责任单位：市应急局；完成时限：2022年6月底前", [("市应急局", R)]),
        ("市应急局牵头，2022年底前完成", [("市应急局", L)]),
        # a marker run on after a name (two lines of a list joined) ends the name
        ("牵头单位：区交通局配合单位：区公安分局", [("区交通局", L), ("区公安分局", S)]),
        ("责任单位：区交通局完成时限：2025年7月底前", [("区交通局", R)]),
        # a note that the work goes on names no unit
        ("责任单位：区应急局，各镇街；长期坚持", [("区应急局", R), ("各镇街", R)]),
    ],
)
def test_roles_by_item_and_other_fields(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(name, role) for name, role, _ in units(text)] == expected


def test_the_default_role_is_given_where_the_list_names_none() -> None:
    assert units("市应急局、市公安局", role=Role.SUPPORT) == [("市应急局", S, None), ("市公安局", S, None)]
    assert units("责任单位：市应急局", role=Role.LEAD) == [("市应急局", R, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区安委办和各安全专业委员会", ["区安委办", "各安全专业委员会"]),
        ("区安委会成员单位及有关重点单位企业", ["区安委会成员单位", "有关重点单位企业"]),
        ("区直有关部门及有关重点单位企业", ["区直有关部门", "有关重点单位企业"]),
        ("市负有安全生产监督管理职责部门和行业领域主管部门", ["市负有安全生产监督管理职责部门", "行业领域主管部门"]),
        ("市委办公室与市政府办公室", ["市委办公室", "市政府办公室"]),
        ("市文化和旅游局", ["市文化和旅游局"]),
        ("市自然资源和规划局", ["市自然资源和规划局"]),
        ("市人力资源和社会保障局", ["市人力资源和社会保障局"]),
        ("市教育和体育局", ["市教育和体育局"]),
        ("市经济和信息化局", ["市经济和信息化局"]),
        ("市住房和城乡建设局及市交通运输局", ["市住房和城乡建设局", "市交通运输局"]),
    ],
)
def test_conjunctions_split_only_between_whole_names(text: str, expected: list[str]) -> None:
    assert [name for name, _, _ in units(text)] == expected


# --- canonical names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区应急管理局、经发局、住建局、市场监管局", [
            ("区应急管理局", None), ("经发局", "区经发局"), ("住建局", "区住建局"), ("市场监管局", "区市场监管局")]),
        ("各镇、街道", [("各镇", None), ("街道", "各街道")]),
        ("各级法院、检察院", [("各级法院", None), ("检察院", "各级检察院")]),
        ("各級法院、检察院", [("各級法院", None), ("检察院", "各級检察院")]),
        ("高新区、港务区管委会", [("高新区", "高新区管委会"), ("港务区管委会", None)]),
        ("高新区、港务区管委會", [("高新区", "高新区管委會"), ("港务区管委會", None)]),
        ("各级工信、公安、市场监管等部门", [
            ("各级工信", "各级工信部门"), ("公安", "各级公安部门"), ("市场监管", "各级市场监管部门")]),
        ("各级应急、司法、人社、财政部门", [
            ("各级应急", "各级应急部门"), ("司法", "各级司法部门"), ("人社", "各级人社部门"), ("财政部门", "各级财政部门")]),
        ("各级公安、网信部门", [("各级公安", "各级公安部门"), ("网信部门", "各级网信部门")]),
        ("各级党（工）委、政府", [("各级党（工）委", None), ("政府", "各级政府")]),
        ("各级党（工）委、政府、开发区管委会", [("各级党（工）委", None), ("政府", "各级政府"), ("开发区管委会", None)]),
        ("组织、机构编制部门", [("组织", "组织部门"), ("机构编制部门", None)]),
        ("区委宣传部、统战部", [("区委宣传部", None), ("统战部", "区委统战部")]),
        ("区委办、政府办", [("区委办", None), ("政府办", "区政府办")]),
        ("县委组织部、编办、网信办", [("县委组织部", None), ("编办", "县委编办"), ("网信办", "县委网信办")]),
        # the prefix reaches past names written in full
        ("区委宣传部（区网信办）、区文体旅局、民族宗教局、消防救援大队", [
            ("区委宣传部（区网信办）", None), ("区文体旅局", None), ("民族宗教局", "区民族宗教局"),
            ("消防救援大队", "区消防救援大队")]),
        ("区教育局、区应急管理局、融媒体中心", [
            ("区教育局", None), ("区应急管理局", None), ("融媒体中心", "区融媒体中心")]),
        ("市应急局、市场监管局、市政园林局", [("市应急局", None), ("市场监管局", "市市场监管局"), ("市政园林局", None)]),
        ("区政数局、经发局、区域合作办", [("区政数局", None), ("经发局", "区经发局"), ("区域合作办", "区区域合作办")]),
        ("各县(市、区)、开发区", [("各县(市、区)", None), ("开发区", "各开发区")]),
        # a name that names its parent, or that writes its own prefix, is complete
        ("区教育局、住建局、交警大队、交通执法支队新北大队", [
            ("区教育局", None), ("住建局", "区住建局"), ("交警大队", "区交警大队"), ("交通执法支队新北大队", None)]),
        ("县应急局、人行青溪支行", [("县应急局", None), ("人行青溪支行", None)]),
        ("各园区、镇、街道", [("各园区", None), ("镇", "各镇"), ("街道", "各街道")]),  # a bare place word lends nothing
        ("区城投、交投集团", [("区城投", "区城投集团"), ("交投集团", "区交投集团")]),
        # the nearest name that writes a prefix lends it
        ("县应急局、县供电公司、各乡镇人民政府、街道办事处", [
            ("县应急局", None), ("县供电公司", None), ("各乡镇人民政府", None), ("街道办事处", "各街道办事处")]),
        ("县公安局交警大队、治安大队、县交通运输局", [
            ("县公安局交警大队", None), ("治安大队", "县公安局治安大队"), ("县交通运输局", None)]),
        ("区发改局、昌南高新区（陶瓷产业园）管委会", [("区发改局", None), ("昌南高新区（陶瓷产业园）管委会", None)]),
        ("昌南高新区、陶瓷文化创意园管委会", [("昌南高新区", "昌南高新区管委会"), ("陶瓷文化创意园管委会", None)]),
        ("各县（市、区）党委、政府", [("各县（市、区）党委", None), ("政府", "各县（市、区）政府")]),
        # 和 joins a name to a 、 list, which shares its own prefix
        ("区安委会各成员单位和各镇、街道", [("区安委会各成员单位", None), ("各镇", None), ("街道", "各街道")]),
        ("区应急局、住建局和各镇、街道", [("区应急局", None), ("住建局", "区住建局"), ("各镇", None), ("街道", "各街道")]),
        ("市负有安全生产监督管理职责部门和行业领域主管部门", [
            ("市负有安全生产监督管理职责部门", None), ("行业领域主管部门", None)]),
        ("市委宣传部、市公安局、市传媒中心、市总工会、团市委", [
            ("市委宣传部", None), ("市公安局", None), ("市传媒中心", None), ("市总工会", None), ("团市委", None)]),
        ("市公安局、市消防救援支队、xx高速公路管理中心", [
            ("市公安局", None), ("市消防救援支队", None), ("xx高速公路管理中心", None)]),
        ("xx经济技术开发区管委会、鲁南高科技化工园区、市科技局", [
            ("xx经济技术开发区管委会", None), ("鲁南高科技化工园区", None), ("市科技局", None)]),
        # a suffix goes to the bare names right before the last, back to a name in full
        ("区应急局、住建、交通部门", [("区应急局", None), ("住建", "区住建部门"), ("交通部门", "区交通部门")]),
        ("县农业农村、公安、交通运输部门", [
            ("县农业农村", "县农业农村部门"), ("公安", "县公安部门"), ("交通运输部门", "县交通运输部门")]),
        # a named place lends its place word to bare place names
        ("浔南经济开发区管委会、沙河、十里街道办事处", [
            ("浔南经济开发区管委会", None), ("沙河", "沙河街道办事处"), ("十里街道办事处", None)]),
        ("沿江、沿湖乡镇", [("沿江", "沿江乡镇"), ("沿湖乡镇", None)]),
        # 区属各 is one prefix; a bare 镇 organ takes the list's 各
        ("区属各中小学校、幼儿园", [("区属各中小学校", None), ("幼儿园", "区属各幼儿园")]),
        ("各街道办事处、镇人民政府", [("各街道办事处", None), ("镇人民政府", "各镇人民政府")]),
        ("区应急局、镇人民政府", [("区应急局", None), ("镇人民政府", None)]),
        # a named zone's department lends the zone; a brigade named by its police work takes the prefix
        ("经开区交通局、建设局、公安分局", [("经开区交通局", None), ("建设局", "经开区建设局"), ("公安分局", "经开区公安分局")]),
        ("昌南高新区管委会、经发局", [("昌南高新区管委会", None), ("经发局", None)]),
        ("县应急管理局、公安局森林警察大队", [("县应急管理局", None), ("公安局森林警察大队", "县公安局森林警察大队")]),
    ],
)  # fmt: skip
def test_shared_prefixes_and_suffixes_give_canonical_names(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(name, canonical) for name, _, canonical in units(text)] == expected


def test_expansion_stays_within_one_list_run() -> None:
    # a comma ends the 、 run: 宣传部门 stands alone after 各级党（工）委
    assert units("各级党（工）委， 宣传部门", cell=True) == [("各级党（工）委", R, None), ("宣传部门", R, None)]
    assert units("各级党（工）委，组织、机构编制部门", cell=True)[1:] == [
        ("组织", R, "组织部门"),
        ("机构编制部门", R, None),
    ]


def test_names_are_never_converted_between_scripts() -> None:
    assert units("各級党（工）委、政府") == [("各級党（工）委", R, None), ("政府", R, "各級政府")]


# --- table cells ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "各级消防救援机构 各级负有安全生产监督管理职责的部门",
            ["各级消防救援机构", "各级负有安全生产监督管理职责的部门"],
        ),
        ("<p>各级安委会，各级负有安全生产监督管理职责的部门</p>", ["各级安委会", "各级负有安全生产监督管理职责的部门"]),
        # a space inside a wrapped name does not split it
        ("各级负有安全生产监督\n管理职责的部门", ["各级负有安全生产监督管理职责的部门"]),
        ("各级政府，高新区、港务区管委会", ["各级政府", "高新区", "港务区管委会"]),
    ],
)
def test_whitespace_separates_names_in_a_cell(text: str, expected: list[str]) -> None:
    assert [name for name, _, _ in units(text, cell=True)] == expected


def test_in_running_text_a_space_separates_names_and_a_line_break_does_not() -> None:
    assert [name for name, _, _ in units("市应急局\u3000市公安局")] == ["市应急局", "市公安局"]
    assert [name for name, _, _ in units("市委\n宣传部、市公安局")] == ["市委宣传部", "市公安局"]
    assert [name for name, _, _ in units("牵头责任单位:市安委办 ,协同责任单位:市委编办")] == ["市安委办", "市委编办"]


# --- finding lists in running text ----------------------------------------------


def found(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(text[u.start : u.end], [(a.unit, a.role.value[0]) for a in u.assignments]) for u in find_unit_lists(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("强化应急值守。（责任单位：区安委办）", [("（责任单位：区安委办）", [("区安委办", R)])]),
        ("推进工作(市应急局负责)。", [("(市应急局负责)", [("市应急局", R)])]),
        ("推进工作。(市安委会各有关成员单位分工负责)", [("(市安委会各有关成员单位分工负责)", [("市安委会各有关成员单位", R)])]),
        ("推进工作(市应急局牵头,各有关部门配合推进)", [("(市应急局牵头,各有关部门配合推进)", [("市应急局", L), ("各有关部门", S)])]),
        ("加强督查。〔市应急局、市委编办(市绩效办),市安委会各成员单位分工负责〕", [(
            "〔市应急局、市委编办(市绩效办),市安委会各成员单位分工负责〕",
            [("市应急局", R), ("市委编办(市绩效办)", R), ("市安委会各成员单位", R)])]),
        # a mismatched closer still closes the list
        ("整治。(市公安局交警支队、市交通运输局等部门分工负责〕下一句。", [(
            "(市公安局交警支队、市交通运输局等部门分工负责〕", [("市公安局交警支队", R), ("市交通运输局", R)])]),
        # a list whose opener stands before a line break
        ("支持。（责任单位\n\n：区政数局、区财政局)", [("（责任单位\n\n：区政数局、区财政局)", [("区政数局", R), ("区财政局", R)])]),
        ("（牵头责任单位:市应急局,协同责任单位:市安委会有关成员单位）", [(
            "（牵头责任单位:市应急局,协同责任单位:市安委会有关成员单位）", [("市应急局", L), ("市安委会有关成员单位", S)])]),
        # a marked list without brackets runs to the end of its line
        ("加强培训。\n责任单位：市应急局、市人社局\n下一段", [("责任单位：市应急局、市人社局", [("市应急局", R), ("市人社局", R)])]),
        # a note after the role phrase is not part of the list
        ("推进(市应急局、市公安局按职责分工负责，2022年底前完成)。", [(
            "(市应急局、市公安局按职责分工负责，2022年底前完成)", [("市应急局", R), ("市公安局", R)])]),
        # bare stems a trailing 等部门 completes are names of bodies
        ("加强监管。(县应急局牵头,县工信、公安、市场监管等部门配合)", [(
            "(县应急局牵头,县工信、公安、市场监管等部门配合)",
            [("县应急局", L), ("县工信", S), ("公安", S), ("市场监管", S)])]),
        # after the sentence, a bracket of nothing but unit names is a list
        ("完善机制。（区应急局、区公安分局）", [("（区应急局、区公安分局）", [("区应急局", R), ("区公安分局", R)])]),
    ],
)  # fmt: skip
def test_unit_lists_are_found_in_running_text(text: str, expected: list[tuple[str, list[tuple[str, str]]]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "持续做好既有房屋使用安全(含自建房)重大安全风险",
        "以落实“常态化安全监管十条措施”（以下简称“十条措施”）为工作目标",
        "旅游景点（景区）要开展旅游安全检查",
        "严格落实《刑法修正案（十一）》有关规定",
        "由市委党校(行政学院)组织培训",
        "由党委(党工委)政府(管委会)主要负责同志担任主任",
        "纳入各级和部门党委(党组)理论学习中心组",
        "落实农村道路“三必上”(警告标志、减速带、路侧护栏)",
        "在县(市、区)、开发区推行",
        "覆盖各镇（镇、街道）",
        "（一）部署发动阶段（8月初至8月上旬）",
        "报送区安委办（见附件）。",
        "（通安委〔2021〕11号）",
        "消防等部门(机构)参与的排查整治",
        "严防发生群死群伤事故(事件)。",
        "（由主要负责同志负责）",
        "落实。(即:市应急局、市公安局)",
        "三类企业(即:化工企业、烟花爆竹企业)",
    ],
)
def test_other_parentheticals_are_not_unit_lists(text: str) -> None:
    assert find_unit_lists(text) == []


def test_a_measure_can_carry_several_lists() -> None:
    text = (
        "健全工作机制(责任单位:市安委办)。每季度组织一次综合督查"
        "(牵头责任单位:市安委办,协同责任单位:市委编办、市应急局)。"
    )
    lists = find_unit_lists(text)
    assert [type(u) for u in lists] == [UnitList, UnitList]
    assert [(a.unit, a.role) for a in merge_assignments(*lists)] == [
        ("市安委办", Role.RESPONSIBLE),
        ("市安委办", Role.LEAD),
        ("市委编办", Role.SUPPORT),
        ("市应急局", Role.SUPPORT),
    ]
    assert text[lists[0].start] == "(" and text[lists[0].end - 1] == ")"


def test_bracket_pairs_pair_any_halves_and_skip_book_titles() -> None:
    text = "落实《刑法修正案(十一)》(责任单位:市委党校(行政学院)〕,党委(党组"
    pairs = bracket_pairs(text)
    # the outermost pair, the name's own note inside it, and the opener never
    # closed, running to the end
    assert [text[start:end] for start, end in pairs] == ["(责任单位:市委党校(行政学院)〕", "(行政学院)", "(党组"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("督促安装报警装置(市住房城乡建设局、市市场监管局)。下一句。", [
            ("(市住房城乡建设局、市市场监管局)", [("市住房城乡建设局", R), ("市市场监管局", R)])]),
        ("打击违法行为(市公安局)\n下一段", [("(市公安局)", [("市公安局", R)])]),
        ("打击违法行为（市公安局、市交通运输局）", [("（市公安局、市交通运输局）", [("市公安局", R), ("市交通运输局", R)])]),
        ("加密巡查（区水利局，各街道（镇））。", [("（区水利局，各街道（镇））", [("区水利局", R), ("各街道（镇）", R)])]),
    ],
)  # fmt: skip
def test_a_bracket_of_body_names_closing_a_sentence_is_a_list(
    text: str, expected: list[tuple[str, list[tuple[str, str]]]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "纳入各级党委(党组)。",  # a lone bare word: the name's alias
        "开展排查(市应急局、市公安局)下一步工作",  # the sentence goes on
        "压实责任(即:市应急局、市公安局)。",  # an explanation
        "开展检查(市应急局。市公安局)。",  # a sentence inside
        "加强管理(景区、商场)。",  # no bodies
        "加强管理(城区、镇区)。",  # places without a body
    ],
)
def test_a_sentence_closing_bracket_that_is_no_list(text: str) -> None:
    assert find_unit_lists(text) == []


def test_each_list_covers_the_text_before_it_back_to_the_previous_list() -> None:
    text = "健全工作机制(责任单位:市安委办)。每季度组织一次综合督查，通报结果 (牵头单位:市应急局)"
    first, second = find_unit_lists(text)
    assert text[first.covers.start : first.covers.end] == "健全工作机制"
    assert text[second.covers.start : second.covers.end] == "每季度组织一次综合督查，通报结果"
    assert [a.applies_to for a in measure_assignments(text)] == [first.covers, second.covers]


def test_lists_written_one_after_another_cover_the_same_sentences() -> None:
    text = "排查重大危险源企业安全风险。(牵头单位:市应急局)(配合单位:市公安局)加强执法。"
    first, second = find_unit_lists(text)
    assert first.covers == second.covers
    assert text[first.covers.start : first.covers.end] == "排查重大危险源企业安全风险。"


def test_a_single_list_at_the_end_covers_the_whole_measure() -> None:
    text = "开展专项整治，年底前完成。\n（责任单位：区应急局、区公安分局）"
    (only,) = measure_assignments(text)[:1]
    assert only.applies_to is not None
    assert text[only.applies_to.start : only.applies_to.end] == "开展专项整治，年底前完成。"


def test_role_words_outside_a_list_add_no_units() -> None:
    text = "区发改委等部门牵头，区应急局等部门参加，开展排查。（责任单位：区财政局）"
    assert [a.unit for u in find_unit_lists(text) for a in u.assignments] == ["区财政局"]


# --- merging and keys -----------------------------------------------------------


def test_merge_keeps_each_unit_once_per_role_in_first_written_form() -> None:
    first = parse_units("区应急管理局、应急局")
    second = parse_units("市应急局牵头,区应急局配合")
    merged = merge_assignments(first, second)
    assert [(a.unit, a.role) for a in merged] == [
        ("区应急管理局", Role.RESPONSIBLE),
        ("市应急局", Role.LEAD),
        ("区应急局", Role.SUPPORT),
    ]


def test_merge_treats_a_canonical_name_as_the_unit_it_expands_to() -> None:
    a = Assignment("经发局", Role.RESPONSIBLE, canonical="区经发局")
    b = Assignment("区经发局", Role.RESPONSIBLE)
    c = Assignment("区经发局", Role.LEAD)
    assert merge_assignments([a], [b, c]) == (a, c)


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("区安委办", "区安全生产委员会办公室"),
        ("市安委会办公室", "市安全生产委员会办公室"),
        ("市应急局", "市应急管理局"),
        ("市发改委", "市发展和改革委员会"),
        ("市发展改革委", "市发展和改革委员会"),
        ("市住房城乡建设局", "市住房和城乡建设局"),
        ("市 人社局", "市人力资源和社会保障局"),
        ("市市场监管局", "市市场监督管理局"),
    ],
)
def test_unit_key_resolves_common_abbreviations(short: str, full: str) -> None:
    assert unit_key(short) == unit_key(full)


def test_unit_key_keeps_different_units_apart() -> None:
    assert unit_key("市消安委会") != unit_key("市安委会")
    assert unit_key("市应急局") != unit_key("区应急局")
    assert unit_key("市发展改革委") != unit_key("市发展改革局")


def test_unit_key_normalises_width_and_space() -> None:
    assert unit_key("市委党校（行政学院）") == unit_key("市委党校(行政学院) ")


def test_plugins_extend_the_alias_table() -> None:
    class Extra:
        from safetyplan.hookspecs import hookimpl

        @hookimpl
        def safetyplan_unit_aliases(self) -> list[tuple[str, str]]:
            return [("科工信局", "科技和工业信息化局")]

    pm = make_plugin_manager([Extra()], entry_points=False)
    pairs = [pair for result in pm.hook.safetyplan_unit_aliases() for pair in result]
    assert set(BASE_ALIASES) <= set(pairs)
    assert resolve_aliases("区科工信局", pairs) == resolve_aliases("区科技和工业信息化局", pairs)
    assert resolve_aliases("区科工信局", BASE_ALIASES) != resolve_aliases("区科技和工业信息化局", BASE_ALIASES)


def test_a_later_plugin_s_reading_of_an_abbreviation_wins() -> None:
    class Region:
        from safetyplan.hookspecs import hookimpl

        @hookimpl
        def safetyplan_unit_aliases(self) -> list[tuple[str, str]]:
            return [("应急局", "应急救援局")]

    pairs = Registry(make_plugin_manager([Region()], entry_points=False)).unit_aliases()
    assert pairs[0] == ("应急局", "应急救援局")
    assert resolve_aliases("区应急局", pairs) == "区应急救援局"


def test_a_failing_alias_hook_is_named() -> None:
    class Broken:
        from safetyplan.hookspecs import hookimpl

        @hookimpl
        def safetyplan_unit_aliases(self) -> list[tuple[str, str]]:
            raise KeyError("oops")

    registry = Registry(make_plugin_manager([Broken()], entry_points=False))
    assert registry.layouts  # a broken alias plugin breaks grouping by unit, nothing else
    with pytest.raises(PluginError, match="safetyplan_unit_aliases"):
        registry.unit_aliases()


@pytest.mark.parametrize("entry", [("应急局",), "应急局", ("应急局", 3), ("a", "b", "c")])
def test_a_malformed_alias_is_named_with_its_plugin(entry: object) -> None:
    class Malformed:
        from safetyplan.hookspecs import hookimpl

        @hookimpl
        def safetyplan_unit_aliases(self) -> list[object]:
            return [entry]

    registry = Registry(make_plugin_manager([Malformed()], entry_points=False))
    with pytest.raises(PluginError, match="pair of names"):
        registry.unit_aliases()


# --- the corpus -----------------------------------------------------------------


def _norm(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


@pytest.mark.parametrize("source", ["xinjian.txt", "changzhou.txt", "citywork-3.txt", "tonghua.txt", "shuangqiao.txt"])
def test_lists_in_the_corpus_name_exactly_the_gold_units(source: str) -> None:
    """Every (name, role, canonical) the gold gives body measures comes from
    the document's unit lists, and the lists give nothing else."""
    path = CORPUS / source
    if not path.exists():
        pytest.fail(f"corpus document missing: {path}")
    gold: set[tuple[str, str, str | None]] = set()
    for file in glob.glob(str(CORPUS / "gold" / f"{source}.*.gold.json")):
        for measure in json.loads(Path(file).read_text(encoding="utf-8"))["measures"]:
            if measure["part"] == "body":
                gold |= {(_norm(u["name"]), u["role"], u.get("canonical")) for u in measure["units"]}
    lists = find_unit_lists(path.read_text(encoding="utf-8"))
    got = {(_norm(a.unit), a.role.value, a.canonical) for u in lists for a in u.assignments}
    assert got == gold


# --- properties -----------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("市区局委办部门单位会各级和及与、，,；;：:（）()〔〕责任牵头配合负责分工等有关。 \n政府县镇街道xX1")
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=80), st.booleans())
def test_parsing_never_raises_and_yields_names(text: str, cell: bool) -> None:
    for a in parse_units(text, cell=cell):
        assert a.unit.strip() == a.unit and a.unit
    for u in find_unit_lists(text):
        assert 0 <= u.start < u.end <= len(text)
        assert u.assignments


_PLAIN = st.text(st.sampled_from(list("市区县局委办党工含下同")), min_size=1, max_size=6)
_INSIDE = st.text(st.sampled_from(list("市区县含下同、，,；;")), max_size=6)


@st.composite
def _names_with_notes(draw: st.DrawFn) -> str:
    """A name that may carry parenthesised notes holding separators:
    ``县级以上(含,下同)党(工)委``, ``各县(市、区)``."""
    name = draw(_PLAIN)
    for _ in range(draw(st.integers(0, 2))):
        opener, closer = draw(st.sampled_from([("(", ")"), ("（", "）"), ("〔", "〕")]))
        name += opener + draw(_INSIDE) + closer + draw(st.text(st.sampled_from(list("党委局")), max_size=2))
    return name


@settings(max_examples=200, deadline=None)
@given(st.lists(_names_with_notes(), min_size=1, max_size=6), st.sampled_from(["、", "，", ",", ";"]))
def test_splitting_never_breaks_inside_parentheses(names: list[str], separator: str) -> None:
    assert split_top(separator.join(names), "、，,；;") == names


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["应急", "司法", "人社", "财政", "公安", "住建"]), min_size=2, max_size=5, unique=True))
def test_a_bare_stem_list_lends_its_prefix_and_suffix_to_every_stem(stems: list[str]) -> None:
    names = ["各级" + stems[0], *stems[1:-1], stems[-1] + "部门"]
    assert expand_run(names) == [f"各级{stem}部门" for stem in stems]
    assert all(is_organ(full) for full in expand_run(names) if full)


def test_hostile_input_is_read() -> None:
    """Long runs of brackets, separators and conjunctions on one line (the
    suite's running time shows any backtracking)."""
    assert find_unit_lists("（" * 50_000 + "）" * 50_000) == []
    assert find_unit_lists("(责任单位:" + "市应急局和" * 20_000 + ")") == []
    assert parse_units("责任单位：" + "、" * 100_000) == []
    assert len(find_unit_lists("。（市应急局）" * 15_000)) == 15_000
    stems = parse_units("各级" + "工信、" * 30_000 + "等部门", cell=True)
    assert len(stems) == 30_000 and stems[-1].canonical == "各级工信部门"

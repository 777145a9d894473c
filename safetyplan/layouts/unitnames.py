"""The shape of a unit name: what makes a string look like an organisation.

Plans name units without any registry of names, so every decision about a
name is taken from its shape: an organisation ends with an organisation word
(局, 委, 办, 部门, 单位, 管委会, 政府, 企业 …), a place ends with a place word
(区, 县, 镇, 街道 …), and a level prefix (市, 区, 各级, 县级以上 …) says whose
unit it is.  From these shapes :func:`expand_run` fills in the names a
``、`` list abbreviates by sharing a prefix (``区应急管理局、经发局`` →
区经发局) or a suffix (``各级应急、司法、财政部门`` → 各级司法部门).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from .lazyre import LazyPattern

ORGAN_SUFFIXES: tuple[str, ...] = (
    "部门", "部門", "单位", "單位", "机关", "機關", "机构", "機構", "政府", "企业", "企業",
    "中心", "集团", "公司", "银行", "支行", "分行", "办事处", "街道办", "专班", "会议", "海关",
    "局", "委", "办", "辦", "部", "会", "會", "院", "队", "隊", "台", "社", "站", "所",
    "处", "處", "科", "室", "厅", "廳", "署", "组", "校", "庭", "馆", "團", "团", "联", "协",
    "林场", "农场", "牧场", "渔场", "良种场",
)  # fmt: skip
"""Words an organisation's name ends with."""

PLACE_SUFFIXES: tuple[str, ...] = ("街道", "社区", "园区", "区", "县", "市", "镇", "乡", "村", "旗", "州", "省")
"""Words a place's name ends with (``各镇``, ``开发区``, ``各县(市、区)``)."""

GENERIC_SUFFIXES: tuple[str, ...] = (
    "管理委员会", "管委会", "管委會", "委员会", "委員會", "办公室", "辦公室", "部门", "部門", "单位", "單位",
    "机关", "機關", "机构", "機構", "政府", "中心", "集团", "公司", "局", "委", "办", "院",
)  # fmt: skip
"""Suffixes a list may share among bare stems, longest first
(``各级应急、司法、财政部门``: 部门)."""

_OPENERS = "（(〔［[【"
_CLOSERS = "）)〕］]】"

_LEVEL_PREFIX = LazyPattern(
    r"(?:[市区县](?:直属|属|直)(?:各|有关)?|县级及以上|县级以上|市级以上|乡级以上|各级|各級|[市区县]级"
    r"|各|全市|全区|全县|本级|同级|上级"
    r"|市(?!场|政(?!府))|区(?!域)|[省县州旗镇乡])"
)
"""A level or place prefix at the start of a name.  ``区属各`` and ``市直有关``
are one prefix (the district's own schools, the city's own bodies), lent
whole.  ``市场监管局`` and ``市政园林局`` start with 市 without naming the
city, ``区域`` is no district (but ``区政数局`` is the district's 政数局)."""

_DETERMINERS = ("有关", "相关", "其他", "其它", "中省", "中央", "国家", "国务院", "中共")
"""Starts of names that stand on their own and take no shared prefix."""

_PLACE_THEN_ORGAN = re.compile(
    r"(?:区|县|旗|镇|乡|街道|园区|市)(?:管理委员会|管委会|管委會|委员会|政府|委|办|辦|局|会|會)"
)
_INNER_NOTE = re.compile(r"[（(][^（）()]{0,20}[）)]")
"""A note inside a name: ``昌南高新区（陶瓷产业园）管委会`` is 昌南高新区管委会."""
_INNER_ORGAN = re.compile(r"(?:支队|总队|大队|分局|局|集团|公司|中心|人行|银行)[^\s、，,；;]{2}")

_FUNCTION_BRIGADE = re.compile(
    r"(?:局|分局|支队)(?:交警|交巡警|交通警察|巡警|特警|巡特警|治安|刑警|刑侦|森林警察|森林公安|经侦|禁毒|网安|环食药|食药环)"
    r"(?:大队|中队|支队)$"
)
"""A brigade named by its police work (``公安分局交警大队``, ``公安局森林警察大队``):
its parent is written bare, so the name takes the list's prefix as its parent
would (区公安分局交警大队) — unlike one named by its place
(``交通执法支队新北大队``), which already says whose it is."""

_ZONE = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:经开区|高新区|开发区|新区|园区)")
"""A named zone opening a name (``经开区交通局``)."""
_ZONE_COMMITTEES = ("管委会", "管理委员会", "党工委", "工委", "委员会")

_PARTY_ORGANS = ("部", "编办", "网信办", "政法委", "党校", "老干部局", "老干局")
"""How the organs of a party committee (区委宣传部, 区委编办, 区委党校) end: a
list opened by one lends them its committee's prefix (区委), not the level's."""


def strip_notes(name: str) -> str:
    """``市委党校(行政学院)`` → ``市委党校``: trailing parentheticals dropped,
    so that a name's last word can be read."""
    out = name.rstrip()
    while out and out[-1] in _CLOSERS:
        depth = 0
        for i in range(len(out) - 1, -1, -1):
            ch = out[i]
            if ch in _CLOSERS:
                depth += 1
            elif ch in _OPENERS:
                depth -= 1
                if depth == 0:
                    out = out[:i].rstrip()
                    break
        else:
            return out
    return out


def is_organ(name: str) -> bool:
    """True where ``name`` ends with an organisation word: a unit's full name.
    ``人社`` (a stem: 人力资源和社会保障) is none, ``日报社`` is one."""
    core = strip_notes(name)
    if core.endswith("社"):
        prefix = level_prefix(core)
        return len(core) - len(prefix or "") >= 3
    return core.endswith(ORGAN_SUFFIXES)


def is_place(name: str) -> bool:
    """True where ``name`` ends with a place word: ``各镇``, ``开发区``
    (``农村`` is a field of work — ``县农业农村`` is the stem of 县农业农村局 —
    not a village)."""
    core = strip_notes(name)
    return core.endswith(PLACE_SUFFIXES) and not core.endswith("农村")


def level_prefix(name: str) -> str | None:
    """The level or place prefix ``name`` starts with (``区``, ``各级``), if
    any; a bare place word (``镇``, ``街道``) is a name without one."""
    m = _LEVEL_PREFIX.compiled.match(name)
    return m.group(0) if m and m.end() < len(name) else None


_EVERY_PLACE = re.compile(r"各[县市区镇乡][（(][^（）()]{1,8}[）)](?=.)")
"""``各县（市、区）`` before the organ it qualifies (``各县（市、区）党委``)."""

_OWN_PLACE = re.compile(r"(?:街道|社区|[镇乡村])(?=.)")
"""A name that opens with a place of its own (``街道办事处``): after
``各乡（镇）人民政府`` it takes the 各 but not the 乡（镇） (各街道办事处)."""


def _lent_prefix(name: str) -> str | None:
    """The prefix a name of a list lends the abbreviated names after it: its
    level prefix, or the whole ``各县（市、区）`` where that qualifies an organ
    (``各县（市、区）党委、政府`` → 各县（市、区）政府)."""
    m = _EVERY_PLACE.match(name)
    return m.group(0) if m else level_prefix(name)


_BRIGADE = re.compile(r"(?:大队|中队|派出所)$")
_PARENT_OF_BRIGADE = re.compile(r"(.{2,12}?(?:分局|局|支队|总队))(?=.{2,8}(?:大队|中队|派出所)$)")


@attrs.frozen
class _Lender:
    """What a name that writes its prefix lends the abbreviated names after it."""

    level: str
    party: str | None
    """The committee's prefix (区委) where the name is an organ of the party committee."""
    parent: str | None
    """The organ (县公安局) where the name is one of its brigades (县公安局交警大队)."""

    def prefix_for(self, name: str) -> str:
        if self.parent and _BRIGADE.search(name):
            return self.parent
        if self.party and _is_party_organ(name):
            return self.party
        if _OWN_PLACE.match(name) and _EVERY_PLACE.match(self.level + name):
            return "各"
        return self.level


def _zone_prefix(name: str) -> str | None:
    """The named zone a department of it opens with (``经开区`` of
    ``经开区交通局``); None for the zone's own committee (``高新区管委会``),
    after which a bare name may be the zone's or the level's."""
    m = _ZONE.match(name)
    if m is None or len(name) - m.end() < 2 or name[m.end() :].startswith(_ZONE_COMMITTEES):
        return None
    return m.group(0) if is_organ(name) else None


def _lender(name: str) -> _Lender | None:
    """The prefixes ``name`` lends, where it writes a level prefix or is a
    department of a named zone."""
    level = _lent_prefix(name) or _zone_prefix(name)
    if level is None:
        return None
    party = level + "委" if name.startswith(level + "委") and _is_party_organ(name) else None
    m = _PARENT_OF_BRIGADE.match(name) if _BRIGADE.search(name) else None
    return _Lender(level, party, m.group(1) if m else None)


_EACH_PLACES_ORGAN = re.compile(r"[镇乡](?:人民政府|政府|党委|办事处)")
"""``镇人民政府`` after ``各街道办事处、``: the government of each town, not a
town's own name — it takes the list's 各 as 街道办事处 does."""


def _stands_alone(name: str) -> bool:
    """True where ``name`` already says whose unit it is, so a list's shared
    prefix must not be put before it: it has its own prefix (``团市委``,
    ``有关部门单位``, a redacted ``xx海事局``), names a place and its organ
    (``开发区管委会``) or names its parent (``交通执法支队新北大队``,
    ``人行青溪支行``)."""
    if level_prefix(name) or name.startswith(_DETERMINERS):
        return True
    if not ("\u4e00" <= name[:1] <= "\u9fff"):
        return True
    core = _INNER_NOTE.sub("", strip_notes(name))
    if _PLACE_THEN_ORGAN.search(core, 1):
        return True
    return bool(_INNER_ORGAN.search(core)) and is_organ(core) and not _FUNCTION_BRIGADE.search(core)


def _is_party_organ(name: str) -> bool:
    return strip_notes(name).endswith(_PARTY_ORGANS)


def _shared_suffix(last: str, *, places: bool) -> str | None:
    """The suffix the last name of a list lends to the bare names before it:
    what follows the place word for places (``港务区管委会`` → 管委会), a
    generic organisation word for stems (``财政部门`` → 部门)."""
    core = strip_notes(last)
    if places:
        m = re.search(r"(?:区|县|镇|乡|街道|园区|园(?=管))(?=[^区县镇乡]{2,6}$)", core)
        if m and is_organ(core):
            return core[m.end() :]
        return None
    for suffix in GENERIC_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            return suffix
    return None


_TOPONYM_SUFFIX = re.compile(r"(?:街道|乡镇|镇|乡|社区)(?:办事处|人民政府|政府)?$")


def _toponym_suffix(last: str) -> str | None:
    """The place word (and its organ) a list's last name lends to the bare
    place names before it (``沙河、十里街道办事处`` → 沙河街道办事处,
    ``沿江、沿湖乡镇`` → 沿江乡镇); None where the last name is no named place."""
    core = strip_notes(last)
    if level_prefix(core) is not None:
        return None
    m = _TOPONYM_SUFFIX.search(core)
    return m.group(0) if m and m.start() >= 2 else None


def expand_run(names: Sequence[str], suffix: str | None = None) -> list[str | None]:
    """Canonical names for one ``、`` list, None where a name is complete.

    ``suffix`` is what a trailing ``等部门`` lends the list.  A name that
    neither stands alone nor writes a prefix of its own takes the prefix of
    the nearest name before it that writes one (:func:`_lender`): its level
    (``区应急管理局、经发局`` → 区经发局; ``…、各乡镇人民政府、街道办事处`` →
    各街道办事处), its committee where both are organs of the party committee
    (``区委宣传部、统战部`` → 区委统战部), its parent organ where both are
    that organ's brigades (``县公安局交警大队、治安大队`` → 县公安局治安大队).
    Names written in full between them do not stop it
    (``区委宣传部、区文体旅局、民族宗教局`` → 区民族宗教局); ``市政园林局``
    after a name of the city is left as written, since 市政 (municipal) may
    or may not stand for 市市政.  A shared suffix goes to the bare stems or
    bare places written straight before the last name, back to the nearest
    name written in full (``区应急局、住建、交通部门`` → 区住建部门); the
    place word of a named place goes to bare place names before it.
    """
    n = len(names)
    out: list[str | None] = [None] * n
    if n == 0:
        return out
    suffixes: list[str] = [""] * n
    if suffix is not None:
        for i, name in enumerate(names):
            if not is_organ(name) and not is_place(name):
                suffixes[i] = suffix
    elif n > 1:
        first = n - 1
        while first > 0 and not is_organ(names[first - 1]):
            first -= 1
        bare = names[first : n - 1]
        last = names[-1]
        lent = None
        if bare and all(is_place(name) for name in bare):
            lent = _shared_suffix(last, places=True) if is_organ(last) else None
        elif bare and not any(is_place(name) for name in bare):
            generic = is_organ(last) and level_prefix(last) is None  # 各乡镇人民政府 keeps its 政府
            lent = _toponym_suffix(last) or (_shared_suffix(last, places=False) if generic else None)
        if lent:
            for i in range(first, n - 1):
                suffixes[i] = lent
    prefixes: list[str] = [""] * n
    lender = _lender(names[0])
    for i in range(1, n):
        name = names[i]
        if lender is not None and not name.startswith(lender.level + "政") and not _stands_alone(name):
            prefixes[i] = lender.prefix_for(name)
        elif lender is not None and lender.level.startswith("各") and _EACH_PLACES_ORGAN.fullmatch(name):
            prefixes[i] = "各"
        lender = _lender(name) or lender
    for i, name in enumerate(names):
        if prefixes[i] or suffixes[i]:
            out[i] = f"{prefixes[i]}{name}{suffixes[i]}"
    return out


__all__ = [
    "GENERIC_SUFFIXES",
    "ORGAN_SUFFIXES",
    "PLACE_SUFFIXES",
    "expand_run",
    "is_organ",
    "is_place",
    "level_prefix",
    "strip_notes",
]

"""Reporting requirements (报送): what goes to whom by when.

Plans close, and covering letters end, with instructions such as
``各地、各部门要将制定的具体实施方案于2022年6月10日前报送市安委会办公室；
6月28日前报送阶段性工作开展情况`` or ``请将意见于2022年7月5日下班前反馈区安委办``.
Each clause holding a reporting verb becomes a :class:`~safetyplan.model.Report`
with the thing reported (the object of ``将``, or what follows the verb when
that is no office), the recipient (the office after the verb, or after
``至``) and the due date or frequency set before the verb.  A clause that
names no recipient takes the one of the clause before it in the same
paragraph (``…报送市安委会办公室；6月28日前报送阶段性工作开展情况``).

Only clauses that set a date or frequency, name the thing reported with
``将`` or name a mailbox to send it to are requirements: ``信息报送制度`` or
``汇总修改后报区委`` are not.

Reports made in person at a set frequency are requirements too: ``向政府主要
负责人汇报1次…工作`` and ``…会议每半年听取1次班子成员…履职情况报告`` — the
one reporting to someone, the other a body hearing reports — where the
clause sets how often.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from ..model import Deadline, Report
from .deadlines import find_deadlines, find_recurrences
from .lazyre import LazyPattern

_VERB = LazyPattern(
    r"报\s{0,2}送|上\s{0,2}报|反\s{0,2}馈|发\s{0,2}至|送\s{0,2}至|抄\s{0,2}报|报(?=\s{0,2}[市区县省州乡镇上本同])"
)
_CLAUSE = re.compile(r"[^。；;！？!?，,]{1,2000}")
_OFFICE_END = re.compile(
    r"(?:办公室|安委办|委办|委员会|安委会|指挥部|政府|党委|党工委|部门|单位|中心|局|厅|办|委|处|科|院)$"
)
_MAILBOX = re.compile(r"^(?P<to>(?:电子)?邮\s{0,2}箱\s{0,2}[：:]?\s{0,2}[\w.\-]{1,64}@[\w.\-]{1,64}\.[A-Za-z]{2,10})")
_TO_AFTER = re.compile(
    r"(?:至|给)(?P<to>[^，,。；;、（(]{1,30}(?:办公室|安委办|委办|委员会|安委会|部门|单位|局|办|委))"
)
_ADVERBS = re.compile(r"(?:书面|及时|按时|统一|分别|一并|逐级|定期)$")
_TIME_OF_DAY = re.compile(
    r"(?<=[日号])\s{0,2}(?:下班|上班|中午|上午|下午|晚上|\d{1,2}\s{0,2}[:：]\s{0,2}\d{2}|\d{1,2}\s{0,2}[时点](?:\d{1,2}分)?)\s{0,2}(?=前|之前|以前)"
)


_TELL = LazyPattern(
    r"向(?P<to>[^，,。；;、向]{1,30}?)(?:汇\s{0,2}报|报\s{0,2}告)(?:\s{0,2}(?:[0-9０-９]{1,2}|[一两二三四五六七八九十]{1,2})\s{0,2}次)?"
)
_HEAR = LazyPattern(
    r"听\s{0,2}取(?:\s{0,2}(?:[0-9０-９]{1,2}|[一两二三四五六七八九十]{1,2})\s{0,2}次)?(?P<what>[^，,。；;]{1,60}?(?:报告|汇报))"
)
_LEADING_VERBS = re.compile(r"^(?:落实|坚持|实行|建立|要|应|须|必须)")


@attrs.frozen
class _Clause:
    text: str
    verb_start: int
    verb_end: int


def find_reports(paragraphs: Iterable[str], year: int | None) -> tuple[Report, ...]:
    """Every reporting requirement in ``paragraphs`` (letter text, preamble,
    section text, measures), in order."""
    out: list[Report] = []
    for paragraph in paragraphs:
        previous_to: str | None = None
        for clause in _clauses(paragraph):
            for report in _reports(clause, year, previous_to):
                out.append(report)
                previous_to = report.to or previous_to
        out.extend(_in_person(paragraph))
    return tuple(out)


def _in_person(paragraph: str) -> list[Report]:
    """Reports given in person at a set frequency (``每季度至少向政府主要负责人
    汇报1次…``, ``…每半年听取1次…报告``), in the order they are written."""
    if "每" not in paragraph:  # no frequency in any of its clauses
        return []
    found: list[tuple[int, Report]] = []
    for m in _CLAUSE.finditer(paragraph):
        clause = m.group(0).strip()
        recurring = find_recurrences(clause)
        if not recurring:
            continue
        due = recurring[0]
        tell = _TELL.compiled.search(clause)
        if tell:
            what = clause[tell.end() :].strip() or None
            found.append((m.start(), Report(text=clause, what=what, to=tell.group("to").strip(), due=due)))
            continue
        hear = _HEAR.compiled.search(clause)
        if hear:
            body = clause[: clause.find(due.text)] if due.text in clause else ""
            body = _LEADING_VERBS.sub("", body.strip()).strip()
            to = body if 0 < len(body) <= 40 else None
            found.append((m.start(), Report(text=clause, what=hear.group("what").strip(), to=to, due=due)))
    return [r for _, r in found]


def _clauses(paragraph: str) -> list[_Clause]:
    out: list[_Clause] = []
    if not _VERB.compiled.search(paragraph):  # a clause's verb is the paragraph's too
        return out
    for m in _CLAUSE.finditer(paragraph):
        text = m.group(0).strip()
        verbs = list(_VERB.compiled.finditer(text))
        if verbs:
            verb = verbs[-1]
            out.append(_Clause(text, verb.start(), verb.end()))
    return out


def _reports(clause: _Clause, year: int | None, previous_to: str | None) -> list[Report]:
    """The requirements one clause sets: one per ``将`` object where it
    names several (``6月底前将责任清单、9月底前将重大风险隐患清单…报…``)."""
    before = clause.text[: clause.verb_start]
    after = clause.text[clause.verb_end :].strip()
    what, to = _object(after)
    to = to or previous_to
    shalls = [m.start() for m in re.finditer("将", before)]
    if shalls:
        reports: list[Report] = []
        pending = _due(before[: shalls[0]], year)
        bounds = [*shalls, len(before)]
        for i, at in enumerate(shalls):
            segment = before[at + 1 : bounds[i + 1]]
            due, obj = pending, segment
            pending = None
            dated = _TIME_OF_DAY.sub("", segment)
            found = find_deadlines(dated, year)
            if found:
                cut = dated.find(found[0].text)
                obj = dated[:cut]
                if obj.rstrip().endswith("于"):
                    due = _due(segment[len(obj.rstrip()) - 1 :], year)
                    obj = obj.rstrip()[:-1]
                else:
                    pending = _due(dated[cut:], year)
            obj = _ADVERBS.sub("", obj.strip().rstrip("、，,")).strip()
            reports.append(Report(text=clause.text, what=obj or what, to=to, due=due))
        return reports
    due = _due(before, year)
    if due is None and not _MAILBOX.match(after):
        return []
    if what is None:
        what = _subject(before) or None
    return [Report(text=clause.text, what=what, to=to, due=due)]


_THINGS = re.compile(r"(?:情况|材料|总结|小结|清单|方案|意见|报告|台账|案例|信息|数据|报表|计划)")


def _object(after: str) -> tuple[str | None, str | None]:
    """What follows a reporting verb: ``(what, to)``."""
    mailbox = _MAILBOX.match(after)
    if mailbox:
        return None, mailbox.group("to")
    target = _TO_AFTER.search(after)
    if target:
        return after[: target.start()].strip() or None, target.group("to")
    head = re.split(r"[，,。；;、（(]", after, maxsplit=1)[0].strip()
    if head and _OFFICE_END.search(head) and not _THINGS.search(head):
        return None, head
    return head or None, None


def _subject(before: str) -> str:
    """What stands before the verb where nothing marks it (``工作小结和
    总结电子版发至邮箱``): the words before the verb, after any date."""
    found = find_deadlines(before, None) or find_recurrences(before)
    text = before
    if found:
        at = before.rfind(found[-1].text)
        text = before[at + len(found[-1].text) :] if at >= 0 else before
    return _ADVERBS.sub("", text.strip()).strip()


def _due(text: str, year: int | None) -> Deadline | None:
    """The completion date (or frequency) a clause sets before its verb.
    A time of day before ``前`` (``7月5日下班前``, ``17:00前``) does not hide
    the date."""
    plain = _TIME_OF_DAY.sub("", text)
    found = find_deadlines(plain, year)
    if found:
        deadline = found[-1]
        written = _written(text, deadline.text)
        return attrs.evolve(deadline, text=written)
    recurring = find_recurrences(text)
    return recurring[-1] if recurring else None


def _written(text: str, phrase: str) -> str:
    """The phrase as the text writes it, time of day included."""
    if phrase in text:
        return phrase
    core = phrase.rstrip("前之以")
    start = text.find(core)
    if start < 0:
        return phrase
    end = text.find("前", start + len(core))
    return text[start : end + 1] if 0 <= end - start - len(core) <= 12 else phrase


__all__ = ["find_reports"]

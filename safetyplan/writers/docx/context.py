"""What a clerk's Word template sees: the plan as plain names and lists.

A docxtpl template reaches the plan through Jinja tags (``{{ plan.title }}``,
``{%tr for m in measures %}``).  The context is built of dicts, lists,
strings, numbers and booleans only — no model objects — so a template can
neither call into the library nor depend on its internals, absent values are
empty strings rather than ``None`` (which Jinja would print), and dates come
both as official documents print them (``2022年5月30日``) and as ISO dates.
docs/templates.md lists every name; :func:`template_context` is the
reference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ...layouts.numbering import match_label
from ...layouts.tasktable import format_date
from ...model import Attachment, Deadline, Measure, Part, Plan, Role, Section
from .units import ROLE_WORDS, unit_duties

Context = dict[str, Any]

ROLE_NAMES = {Role.LEAD: "牵头单位", Role.SUPPORT: "配合单位", Role.RESPONSIBLE: "责任单位"}
PART_NAMES = {Part.BODY: "正文", Part.ATTACHMENT: "附件"}
LEVELS = {"cn": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4}


def _date(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def deadline_context(deadline: Deadline) -> Context:
    return {
        "text": deadline.text,
        "due": _date(deadline.due),
        "due_iso": _iso(deadline.due),
        "ongoing": deadline.ongoing,
        "recurrence": deadline.recurrence or "",
    }


def measure_context(measure: Measure, index: int) -> Context:
    def names(role: Role) -> list[str]:
        return [a.name for a in measure.assignments if a.role is role]

    dues = [d.due for d in measure.deadlines if d.due is not None]
    lead, support, responsible = names(Role.LEAD), names(Role.SUPPORT), names(Role.RESPONSIBLE)
    return {
        "index": index,
        "label": measure.label,
        "number": measure.number if measure.number is not None else "",
        "title": measure.title or "",
        "text": measure.text,
        "paragraphs": [line for line in measure.text.split("\n") if line.strip()],
        "part": measure.part.value,
        "part_name": PART_NAMES[measure.part],
        "section": measure.section_path[-1] if measure.section_path else "",
        "section_path": list(measure.section_path),
        "units": [
            {
                "name": a.name,
                "unit": a.unit,
                "canonical": a.canonical or "",
                "role": a.role.value,
                "role_name": ROLE_WORDS[a.role],
            }
            for a in measure.assignments
        ],
        "lead": lead,
        "support": support,
        "responsible": responsible,
        "lead_text": "、".join(lead),
        "support_text": "、".join(support),
        "responsible_text": "、".join(responsible),
        "units_text": "、".join(a.name for a in measure.assignments),
        "deadlines": [deadline_context(d) for d in measure.deadlines],
        "deadline_text": "；".join(d.text for d in measure.deadlines),
        "due": _date(min(dues)) if dues else "",
        "due_iso": _iso(min(dues)) if dues else "",
        "ongoing": any(d.ongoing for d in measure.deadlines),
    }


def section_context(section: Section, contexts: dict[int, Context]) -> Context:
    label = match_label(section.heading)
    return {
        "label": section.label,
        "title": section.title,
        "heading": section.heading,
        "level": LEVELS.get(label.kind, 0) if label else 0,
        "text": list(section.text),
        "sections": [section_context(c, contexts) for c in section.children if isinstance(c, Section)],
        "measures": [contexts[id(c)] for c in section.children if isinstance(c, Measure)],
        "all_measures": [contexts[id(m)] for m in section.measures()],
    }


def attachment_context(attachment: Attachment, contexts: dict[int, Context]) -> Context:
    return {
        "label": attachment.label,
        "title": attachment.title,
        "text": list(attachment.text),
        "sections": [section_context(s, contexts) for s in attachment.sections],
        "measures": [contexts[id(m)] for m in attachment.measures()],
    }


def _deadline_groups(measures: Iterable[tuple[Measure, Context]]) -> tuple[list[Context], list[Context]]:
    by_date: dict[dt.date, list[Context]] = {}
    undated: list[Context] = []
    for measure, ctx in measures:
        dates = sorted({d.due for d in measure.deadlines if d.due is not None})
        for date in dates:
            by_date.setdefault(date, []).append(ctx)
        if measure.deadlines and not dates:
            undated.append(ctx)
    groups = [{"due": _date(d), "due_iso": _iso(d), "measures": by_date[d]} for d in sorted(by_date)]
    return groups, undated


def template_context(plan: Plan) -> Context:
    """The names a clerk's template can use (see docs/templates.md)."""
    measures = list(plan.measures())
    contexts = {id(m): measure_context(m, i) for i, m in enumerate(measures, start=1)}
    units = [
        {
            "name": unit.name,
            "names": list(unit.names),
            "count": len(unit.duties),
            "lead_count": unit.count(Role.LEAD),
            "support_count": unit.count(Role.SUPPORT),
            "responsible_count": unit.count(Role.RESPONSIBLE),
            "duties": [
                {
                    **contexts[id(duty.measure)],
                    "role": "、".join(r.value for r in duty.roles),
                    "role_name": "、".join(ROLE_WORDS[r] for r in duty.roles),
                }
                for duty in unit.duties
            ],
        }
        for unit in unit_duties(plan)
    ]
    deadlines, undated = _deadline_groups((m, contexts[id(m)]) for m in measures)
    return {
        "plan": {
            "title": plan.title,
            "region": plan.region or "",
            "issuer": plan.issuer or "",
            "doc_number": plan.doc_number or "",
            "issue_date": _date(plan.issue_date),
            "issue_date_iso": _iso(plan.issue_date),
            "year": plan.year if plan.year is not None else "",
            "recipients": list(plan.recipients),
            "recipients_text": "，".join(plan.recipients),
            "cc": list(plan.cc),
            "cc_text": "，".join(plan.cc),
            "printed_by": plan.printed_by or "",
            "printed_date": _date(plan.printed_date),
            "preamble": list(plan.preamble),
            "source": plan.source.path or "",
        },
        "sections": [section_context(s, contexts) for s in plan.sections],
        "attachments": [attachment_context(a, contexts) for a in plan.attachments],
        "measures": [contexts[id(m)] for m in measures],
        "body_measures": [contexts[id(m)] for m in measures if m.part is Part.BODY],
        "attachment_measures": [contexts[id(m)] for m in measures if m.part is Part.ATTACHMENT],
        "units": units,
        "deadlines": deadlines,
        "undated": undated,
        "role_names": {role.value: name for role, name in ROLE_NAMES.items()},
    }


__all__ = ["Context", "template_context"]

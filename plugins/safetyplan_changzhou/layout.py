"""Changzhou (常州新北区): a 专项行动方案 sent out with a covering notice.

Measures are numbered ``1．`` (full-width stop), again from 1 under each
``（一）`` heading, and end with ``（责任单位：区应急管理局、经发局…）`` lists
whose names share the ``区`` prefix.  An implementation-steps part lists the
campaign's phases with their time windows (``（一）部署发动阶段（8月初至8月上旬）``),
and a weekly report form (``填报单位：`` ``填报日期：``) is attached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the shared readers are imported on first use: listing the plugins reads no plan
    from safetyplan.document import Document
    from safetyplan.model import Plan


class ChangzhouLayout:
    name = "changzhou"
    aliases: tuple[str, ...] = ()
    description = (
        "印发通知 + 专项行动方案: 1． items restarting per section, （责任单位：…） lists, phases, report form"
    )

    def detect(self, document: Document) -> float:
        from safetyplan.layouts.notation import read_notation

        n = read_notation(document)
        if not n.arabic and not n.cn_paren_articles:
            return 0.0
        # Structure first — numbering that restarts under each heading, unit
        # lists, phases with windows, a report form — and the ``1．`` mark
        # only as the weakest sign, so a copy retyped with ``1.`` still reads.
        # A short campaign may number its measures ``（一）`` with no ``1．``
        # level at all; its unit lists, phases and form still say which it is.
        score = (
            0.25 * (n.unit_list_end >= 0.3)
            + 0.25 * (n.arabic_restarts >= 1)
            + 0.15 * (n.phases >= 1)
            + 0.1 * n.form_fields
            + 0.05 * n.cover_letter
            + (0.2 * n.arabic_full / n.arabic if n.arabic else 0.0)
        )
        score -= 0.5 * n.task_table + 0.4 * n.web_page
        return max(0.0, min(1.0, score))

    def parse(self, document: Document) -> list[Plan]:
        from safetyplan.layouts.keytasks import parse_task_table
        from safetyplan.layouts.official import read_plan

        return [read_plan(document, region=self.name, tables=parse_task_table)]

"""Shuangqiao (双桥经开区): a 工作要点 sent out with a covering notice.

A notice (``关于印发…的通知``, recipients, one sentence, signature) precedes
the plan; measures ``1.`` … are numbered straight through ``（一）…。``
headings and open with a headline (``强化党政领导示范履职。``); they name no
units, and set their deadlines in the running text.  A 抄送 line and a 印发
line close the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the shared readers are imported on first use: listing the plugins reads no plan
    from safetyplan.document import Document
    from safetyplan.model import Plan


class ShuangqiaoLayout:
    name = "shuangqiao"
    aliases: tuple[str, ...] = ()
    description = "印发通知 + 工作要点: headline-first 1. measures under （一）…。 headings, no unit lists, 抄送 line"

    def detect(self, document: Document) -> float:
        from safetyplan.layouts.notation import read_notation

        n = read_notation(document)
        if n.arabic < 3:
            return 0.0
        score = (
            0.3 * (n.headline_items >= 0.6)
            + 0.25 * (n.unit_list_any < 0.1)
            + 0.2 * (n.arabic_half / n.arabic) * (n.arabic_restarts == 0)
            + 0.1 * n.cc_line
            + 0.1 * n.cover_letter
            + 0.05 * (n.cn_paren >= 3)
        )
        if n.unit_list_end >= 0.5:
            score *= 0.5  # its measures do not end with unit lists (xinjian's and changzhou's do)
        score -= 0.5 * n.task_table + 0.4 * n.web_page + 0.2 * (n.phases > 0)
        return max(0.0, min(1.0, score))

    def parse(self, document: Document) -> list[Plan]:
        from safetyplan.layouts.keytasks import parse_task_table
        from safetyplan.layouts.official import read_plan

        return [read_plan(document, region=self.name, tables=parse_task_table)]

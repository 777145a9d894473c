"""Xinjian (新建区): a draft plan sent round with a 征求意见函.

The covering letter (letterhead ``…办公室文件``, recipients, text asking for
comments by a date, contact lines, the plan as its attachment, signature)
comes first; the plan numbers its measures ``1.`` to ``60.`` straight through
``（一）…`` headings whose Markdown marks vary, and ends every measure with a
``（责任单位：…）`` list.  Hard line breaks fall in the middle of words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the shared readers are imported on first use: listing the plugins reads no plan
    from safetyplan.document import Document
    from safetyplan.model import Plan


class XinjianLayout:
    name = "xinjian"
    aliases: tuple[str, ...] = ()
    description = "征求意见函 + plan: 1.–60. measures under （一） headings, each ending in （责任单位：…）"

    def detect(self, document: Document) -> float:
        from safetyplan.layouts.notation import read_notation

        n = read_notation(document)
        if not n.arabic:
            return 0.0
        # The defining traits are structural: every item ends with its unit
        # list, and the numbering runs straight through the plan.  The mark
        # after the number (``1.`` here) is the weakest sign: a retyped copy
        # with ``1、`` or ``1．`` is still this notation.
        base = min(1.0, n.unit_list_end / 0.5)
        score = base * (
            0.45
            + 0.2 * (n.arabic_restarts == 0)
            + 0.15 * (n.letterhead or n.cover_letter)
            + 0.1 * (n.headline_items < 0.5)
            + 0.1 * n.arabic_half / n.arabic
        )
        score -= 0.4 * n.task_table + 0.4 * n.web_page + 0.2 * (n.phases > 0)
        return max(0.0, min(1.0, score))

    def parse(self, document: Document) -> list[Plan]:
        from safetyplan.layouts.keytasks import parse_task_table
        from safetyplan.layouts.official import read_plan

        return [read_plan(document, region=self.name, tables=parse_task_table)]

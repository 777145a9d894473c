"""Tonghua (通化): an 实施办法 issued under a 通安委 document number.

Letterhead ``通化市安全生产委员会文件`` and a 文号 head the plan, which is
addressed directly (no covering letter).  Articles ``（一）…（四十三）`` are
numbered straight through the parts ``一、…十五、`` and open with a
headline.  The attachment is a task table (重点任务分工表) with 责任单位 and
完成时限 columns, read by :mod:`safetyplan.layouts.keytasks` into attachment measures placed
under the part each task restates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if (
    TYPE_CHECKING
):  # the shared readers and the table readers are imported on first use: listing the plugins reads no plan
    from safetyplan.document import Document
    from safetyplan.model import Plan


class TonghuaLayout:
    name = "tonghua"
    aliases: tuple[str, ...] = ("tongzhou",)
    description = "通安委 文号; articles （一）…（四十三） under 一、…; task table with 责任单位 / 完成时限 columns"

    def detect(self, document: Document) -> float:
        from safetyplan.layouts.notation import read_notation

        n = read_notation(document)
        articles = n.cn_paren_articles / n.cn_paren if n.cn_paren else 0.0
        score = (
            0.45 * (1.0 if n.task_table else 0.5 if n.task_table_named else 0.0)
            + 0.2 * n.doc_number
            + 0.1 * n.letterhead
            + 0.25 * articles * min(1.0, n.cn_paren_articles / 10)
        )
        score -= 0.4 * n.web_page
        return max(0.0, min(1.0, score))

    def parse(self, document: Document) -> list[Plan]:
        from safetyplan.layouts.keytasks import parse_task_table
        from safetyplan.layouts.official import read_plan

        from .columnar import restore_task_table

        restored = restore_task_table(document)
        return [read_plan(restored or document, region=self.name, tables=parse_task_table)]

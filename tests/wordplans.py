"""A plan with every part the Word writers lay out, built by hand.

Letterhead data, recipients, a preamble, three heading levels, measures with
lead, support and responsible units, dated, undated and ongoing deadlines, an
attachment task table, 抄送 and 印发 — so each writer's tests can find each
part in the output.
"""

from __future__ import annotations

import datetime as dt

from safetyplan.model import Assignment, Attachment, Deadline, Measure, Part, Plan, Role, Section

LEAD, SUPPORT, RESPONSIBLE = Role.LEAD, Role.SUPPORT, Role.RESPONSIBLE


def measure(
    number: int,
    text: str,
    units: list[tuple[str, Role]] | None = None,
    deadlines: list[Deadline] | None = None,
    *,
    label: str | None = None,
    title: str | None = None,
    path: tuple[str, ...] = (),
    part: Part = Part.BODY,
) -> Measure:
    return Measure(
        label=label if label is not None else f"{number}.",
        number=number,
        text=text,
        title=title,
        part=part,
        section_path=path,
        assignments=tuple(Assignment(unit, role) for unit, role in units or []),
        deadlines=tuple(deadlines or []),
    )


JUNE = Deadline("2022年6月底前", dt.date(2022, 6, 30))
SEPTEMBER = Deadline("9月30日前", dt.date(2022, 9, 30))
YEAR_END = Deadline("年底前", dt.date(2022, 12, 31))
ONGOING = Deadline("长期坚持", None, True)
SEPTEMBER_ONGOING = Deadline("2022年9月底前完成，并长期坚持", dt.date(2022, 9, 30), True)


def official_plan() -> Plan:
    one, one_one, one_two = "一、总体要求", "（一）压实责任", "（二）排查整治"
    body = (
        Section(
            "一、",
            "总体要求",
            text=("坚持安全第一、预防为主、综合治理。",),
            children=(
                Section(
                    "（一）",
                    "压实责任",
                    children=(
                        measure(
                            1,
                            "强化党政领导示范履职。各级党委政府主要负责人要带头学习安全生产重要论述。",
                            [("市应急局", LEAD), ("市公安局", SUPPORT), ("市住建局", SUPPORT)],
                            [JUNE],
                            title="强化党政领导示范履职",
                            path=(one, one_one),
                        ),
                        measure(
                            2,
                            "落实部门监管责任，按照“三个必须”要求厘清职责。",
                            [("各县（市、区）政府", RESPONSIBLE), ("市直有关部门", RESPONSIBLE)],
                            [ONGOING],
                            path=(one, one_one),
                        ),
                    ),
                ),
                Section(
                    "（二）",
                    "排查整治",
                    children=(
                        Section(
                            "1.",
                            "重点行业",
                            children=(
                                measure(
                                    3,
                                    "开展重大事故隐患专项排查整治。",
                                    [("市应急局", LEAD), ("市消防救援支队", RESPONSIBLE)],
                                    [SEPTEMBER, YEAR_END],
                                    label="（1）",
                                    path=(one, one_two, "1.重点行业"),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Section(
            "二、",
            "保障措施",
            children=(measure(4, "加强组织领导，定期研究安全生产工作。", path=("二、保障措施",)),),
        ),
    )
    attachment = Attachment(
        "附件1",
        "重点任务分工表",
        sections=(
            Section(
                "一、",
                "严格落实党委安全生产责任",
                children=(
                    measure(
                        1,
                        "各级党委把安全生产纳入党委常委会重要议事日程。",
                        [("各级党（工）委", RESPONSIBLE)],
                        [SEPTEMBER_ONGOING],
                        label="1",
                        path=("一、严格落实党委安全生产责任",),
                        part=Part.ATTACHMENT,
                    ),
                ),
            ),
        ),
    )
    return Plan(
        title="通化市安全生产委员会关于进一步强化安全生产责任落实坚决防范遏制重特大事故的实施办法",
        issuer="通化市安全生产委员会",
        doc_number="通安委〔2022〕10号",
        issue_date=dt.date(2022, 5, 30),
        year=2022,
        recipients=("各县（市、区）安委会", "市安委会各成员单位"),
        cc=("市委办公室", "市政府办公室"),
        printed_by="通化市安全生产委员会办公室",
        printed_date=dt.date(2022, 5, 31),
        preamble=("为深入贯彻落实习近平总书记关于安全生产的重要论述，制定本办法。",),
        sections=body,
        attachments=(attachment,),
    )

"""What the benchmarks run on: the corpus documents and synthetic plans.

The corpus is the folder of sample plans (``examples/plans`` in the
repository, or ``--corpus``).  Synthetic plans are written as text in the
notation of the Changzhou plan — ``一、`` parts, ``（一）`` headings, ``1．``
measures ending in a ``（责任单位：…）`` list that shares the ``区`` prefix,
deadlines inside the text — so that the scale figures exercise import as well
as the writers.  The generator is deterministic: the same size gives the same
text on every run.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "examples" / "plans"

_NUMERALS = "零一二三四五六七八九"

_UNITS = (
    "区应急管理局",
    "经发局",
    "住建局",
    "商务局",
    "市场监管局",
    "生态环境局",
    "公安分局",
    "交警大队",
    "消防救援大队",
    "教育局",
    "卫健局",
    "农业农村局",
)

_DEADLINES = ("{y}年{m}月底前", "{y}年{m}月{d}日前", "{m}月底前", "长期坚持", "每季度开展1次")

_CLAUSES = (
    "开展安全隐患排查整治",
    "落实企业安全生产主体责任",
    "强化重点行业领域监管执法",
    "加强应急救援队伍建设",
    "完善风险分级管控机制",
    "组织专项督查检查",
    "推进安全生产标准化建设",
    "加大宣传教育培训力度",
)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 100 → 一百 (up to 999)."""
    if not 0 < n < 1000:
        raise ValueError(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_NUMERALS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _NUMERALS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += _NUMERALS[ones]
    return out


def synthetic_plan(measures: int, *, per_heading: int = 50) -> str:
    """A plan of ``measures`` measures, ``per_heading`` under each ``（一）``
    heading (as many headings as that takes, at most 999), with unit lists
    and deadlines, in the Changzhou notation."""
    rng = random.Random(measures)
    headings = -(-measures // per_heading)
    lines = [
        "某某区安全生产委员会办公室",
        "关于印发全区安全生产专项整治行动方案的通知",
        "各镇人民政府、街道办事处，区各委办局：",
        "现将《全区安全生产专项整治行动方案》印发给你们，请认真贯彻执行。",
        "某某区安全生产委员会办公室",
        "2024年3月1日",
        "全区安全生产专项整治行动方案",
        "为切实加强安全生产工作，有效防范化解重大安全风险，制定本方案。",
        "一、总体要求",
        "坚持人民至上、生命至上，统筹发展和安全，全面提升安全生产治理能力。",
        "二、重点任务",
    ]
    done = 0
    for h in range(1, headings + 1):
        if done >= measures:
            break
        lines.append(f"（{chinese_number(h)}）强化第{chinese_number(h)}类重点领域安全管理")
        for n in range(1, min(per_heading, measures - done) + 1):
            first, second = rng.sample(_CLAUSES, 2)
            units = rng.sample(_UNITS, rng.randint(1, 4))
            deadline = rng.choice(_DEADLINES).format(y=2024, m=rng.randint(4, 12), d=rng.randint(1, 28))
            lines.append(
                f"{n}．{first}。各相关部门要{second}，{deadline}完成。（责任单位：{'、'.join(units)}，各镇、街道）"
            )
            done += 1
    lines += [
        "三、工作要求",
        "各单位要高度重视，明确责任分工，确保各项任务落到实处。区安委办定期通报工作进展情况。",
    ]
    return "\n".join(lines) + "\n"


def corpus_files(folder: Path) -> list[Path]:
    """The plan documents in ``folder``, sorted."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in {".txt", ".md", ".docx", ".html"})


__all__ = ["DEFAULT_CORPUS", "ROOT", "chinese_number", "corpus_files", "synthetic_plan"]

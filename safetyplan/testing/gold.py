"""Scoring an import against a gold file, by the rules of the corpus's GOLD.md.

A gold file (``<document>.<n>.gold.json``) says what a correct import of plan
``n`` of a document contains: metadata and, per measure, part, section path,
label, number, title, the first characters of its text (``starts``), units
with roles (and canonical names), and deadlines.  :func:`score_plan` compares
one imported Plan with one gold entry and returns every figure with the list
of misses, so a failing conformance test says exactly what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..model import Measure, Plan

SCORES = ("measure", "unit", "deadline", "canonical", "label", "number", "title", "section", "meta")


def norm(value: object) -> str:
    """Unicode NFKC with all whitespace removed: how gold and import compare."""
    if value is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def _f1(tp: int, fp: int, fn: int) -> float:
    if tp == fp == fn == 0:
        return 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@attrs.define
class GoldScore:
    """Counts for one plan; ``scores`` gives each figure from 0.0 to 1.0."""

    counts: dict[str, list[int]] = attrs.field(factory=dict)
    accuracy: dict[str, list[int]] = attrs.field(factory=dict)
    misses: list[str] = attrs.field(factory=list)

    def _count(self, key: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        c = self.counts.setdefault(key, [0, 0, 0])
        c[0] += tp
        c[1] += fp
        c[2] += fn

    def _check(self, key: str, ok: bool, miss: str) -> None:
        a = self.accuracy.setdefault(key, [0, 0])
        a[0] += ok
        a[1] += 1
        if not ok:
            self.misses.append(miss)

    @property
    def scores(self) -> dict[str, float]:
        out = {k: _f1(*v) for k, v in self.counts.items()}
        out.update({k: (r / t if t else 1.0) for k, (r, t) in self.accuracy.items()})
        return out


def _iso(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value is None else str(value)


def _fields(m: Measure) -> dict[str, Any]:
    return {
        "part": str(m.part),
        "text": norm(m.text),
        "label": norm(m.label),
        "number": m.number,
        "title": norm(m.title),
        "section": [norm(s) for s in m.section_path],
        "units": {(norm(a.unit), str(a.role)) for a in m.assignments},
        "canonical": {norm(a.canonical or a.unit) for a in m.assignments},
        "deadlines": {(_iso(d.due), d.ongoing) for d in m.deadlines},
    }


def score_plan(gold: Mapping[str, Any], plan: Plan) -> GoldScore:
    """Compare ``plan`` with one gold entry; see GOLD.md for the matching rule
    (same part, text starting with the gold ``starts``)."""
    result = GoldScore()
    predicted = [_fields(m) for m in plan.measures()]
    used = [False] * len(predicted)
    for gm in gold["measures"]:
        want = norm(gm["starts"])
        where = f'{gm["part"]} {gm["label"]} {gm["starts"]}'
        hit = next(
            (i for i, pm in enumerate(predicted) if not used[i] and pm["part"] == gm["part"] and pm["text"].startswith(want)),
            None,
        )
        gunits = {(norm(u["name"]), u["role"]) for u in gm["units"]}
        gdead = {(d["due"], bool(d["ongoing"])) for d in gm["deadlines"]}
        if hit is None:
            result._count("measure", fn=1)
            result._count("unit", fn=len(gunits))
            result._count("deadline", fn=len(gdead))
            result.misses.append(f"missing measure: {where}")
            continue
        used[hit] = True
        pm = predicted[hit]
        result._count("measure", tp=1)
        for key, g, p in (("unit", gunits, pm["units"]), ("deadline", gdead, pm["deadlines"])):
            result._count(key, tp=len(g & p), fp=len(p - g), fn=len(g - p))
            if g != p:
                result.misses.append(f"{key}s of {where}: want {sorted(g, key=str)} got {sorted(p, key=str)}")
        for u in gm["units"]:
            if u.get("canonical"):
                ok = norm(u["canonical"]) in pm["canonical"]
                result._check("canonical", ok, f"canonical of {u['name']} in {where}: want {u['canonical']}")
        result._check("label", norm(gm["label"]) == pm["label"], f"label of {where}: got {pm['label']!r}")
        result._check("number", gm["number"] == pm["number"], f"number of {where}: got {pm['number']!r}")
        result._check("title", norm(gm["title"]) == pm["title"], f"title of {where}: got {pm['title']!r}")
        result._check(
            "section",
            [norm(s) for s in gm["section"]] == pm["section"],
            f"section of {where}: want {gm['section']!r} got {pm['section']!r}",
        )
    for i, pm in enumerate(predicted):
        if not used[i]:
            result._count("measure", fp=1)
            result._count("unit", fp=len(pm["units"]))
            result._count("deadline", fp=len(pm["deadlines"]))
            result.misses.append(f"extra measure: {pm['part']} {pm['label']} {pm['text'][:16]}")
    for key, want in gold.get("meta", {}).items():
        got = getattr(plan, key, None)
        got = _iso(got) if key == "issue_date" else got
        ok = (want is None and got in (None, "")) or (want is not None and norm(want) == norm(got))
        result._check("meta", ok, f"meta {key}: want {want!r} got {got!r}")
    return result


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read one gold file."""
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


__all__ = ["SCORES", "GoldScore", "load_gold", "norm", "score_plan"]

"""Shared helpers of the regional layout tests: the corpus beside the
repository, and loading one of its documents."""

from __future__ import annotations

from pathlib import Path

import pytest

import safetyplan
from safetyplan.document import Document
from safetyplan.model import Measure, Plan, Section

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
REGIONS = ("xinjian", "tonghua", "shuangqiao", "changzhou")


def corpus_path(name: str) -> Path:
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.fail(f"corpus document missing: {path}")
    return path


def corpus_document(name: str) -> Document:
    document = safetyplan.read_document(corpus_path(name))
    assert isinstance(document, Document)
    return document


def corpus_plan(name: str) -> Plan:
    return safetyplan.load(corpus_path(name))


def body_measures(plan: Plan) -> list[Measure]:
    return [m for m in plan.measures() if m.part == "body"]


def find_section(sections: tuple[Section, ...], heading: str) -> Section:
    for section in sections:
        if section.heading == heading:
            return section
        inner = [c for c in section.children if isinstance(c, Section)]
        try:
            return find_section(tuple(inner), heading)
        except LookupError:
            continue
    raise LookupError(heading)

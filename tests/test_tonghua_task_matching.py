"""Which body article each task of the Tonghua task table restates, and how
surely: the same in every run.

A task's share of an article sums the weights of the bigrams they share.
Python orders a set of strings by their hashes, which change from process to
process, so a sum taken in set order could differ in its last bits from run
to run; the shares are summed in sorted bigram order, so every run reads the
same scores and makes the same choices.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

READ_SCORES = """
import json, sys
import safetyplan
from safetyplan.document import Document, reading
from safetyplan.layouts.official import read_plan
import safetyplan.layouts.keytasks as tasktable

document = safetyplan.read_document(sys.argv[1])
seen = []
real = tasktable._ArticleIndex.best_articles

def best_articles(self, text, groups):
    found = real(self, text, groups)
    seen.append([score.hex() for score, _ in found])
    return found

tasktable._ArticleIndex.best_articles = best_articles
with reading(document):
    plan = read_plan(document, region="tonghua", tables=tasktable.parse_task_table)
measures = [[m.label, list(m.section_path), list(m.implements or ())] for m in plan.measures()]
print(json.dumps({"scores": seen, "measures": measures}, ensure_ascii=False))
"""


def read_with_hash_seed(seed: str) -> dict[str, object]:
    path = CORPUS / "tonghua.txt"
    if not path.exists():
        pytest.fail(f"corpus document missing: {path}")
    done = subprocess.run(
        [sys.executable, "-c", READ_SCORES, str(path)],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_every_run_scores_the_tasks_alike_whatever_the_string_hashing() -> None:
    first, second = read_with_hash_seed("1"), read_with_hash_seed("2")
    assert first["scores"], "the task table was not read"
    assert first["scores"] == second["scores"]
    assert first["measures"] == second["measures"]

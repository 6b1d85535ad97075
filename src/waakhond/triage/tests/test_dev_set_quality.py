"""Quality floors on the labelled development sets and on the public fines set.

The floors sit just below what the engine measured when they were set; a rule change that
lowers a score below its floor fails here, so the change has to be a conscious one (raise a
floor when the engine improves). Scores are micro-F1 (for single-value fields: accuracy).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from waakhond.triage.evaluation import evaluate, read_violations_tsv

REPO = Path(__file__).resolve().parents[4]
DEV = REPO / "data" / "eval"
PUBLIC_TSV = REPO.parent / "shared" / "data" / "public" / "gdpr_violations.tsv"

FLOORS = {
    "dev_nl.jsonl": {
        "articles": 0.67,
        "categories": 0.67,
        "special_categories": 0.75,
        "vulnerable_groups": 0.65,
        "lane": 0.62,
        "language": 0.98,
        "controller.type": 0.77,
        "controller.sector": 0.67,
        "priority.band": 0.55,
        "dpia.likely_required": 0.78,
    },
    "dev_en.jsonl": {
        "articles": 0.62,
        "categories": 0.61,
        "special_categories": 0.80,
        "vulnerable_groups": 0.66,
        "lane": 0.52,
        "language": 0.98,
        "controller.type": 0.79,
        "controller.sector": 0.69,
        "priority.band": 0.68,
        "dpia.likely_required": 0.79,
    },
    # summaries of real published decisions and rulings (data/eval/README.md, "Decisions")
    "decisions_nl.jsonl": {"articles": 0.85, "categories": 0.88, "language": 0.98},
    "decisions_en.jsonl": {"articles": 0.79, "categories": 0.83, "language": 0.98},
}
PUBLIC_FLOORS = {"articles": 0.66, "categories": 0.67}

_cache: dict[str, dict] = {}


def _report(name: str) -> dict:
    if name not in _cache:
        path = DEV / name
        if not path.exists():
            pytest.skip(f"{name} is not in this checkout")
        rows = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        _cache[name] = evaluate(rows)
    return _cache[name]


@pytest.mark.parametrize(
    "dataset,field,floor",
    [(d, f, v) for d, floors in FLOORS.items() for f, v in floors.items()],
)
def test_the_engine_scores_at_least_its_floor_on_the_development_sets(dataset, field, floor):
    score = _report(dataset)["overall"][field]["micro"]["f1"]
    assert score >= floor, f"{dataset} {field}: micro-F1 {score:.3f} fell below the floor {floor}"


@pytest.mark.parametrize("field,floor", sorted(PUBLIC_FLOORS.items()))
def test_the_engine_scores_at_least_its_floor_on_the_masked_public_fines(field, floor):
    if not PUBLIC_TSV.exists():
        pytest.skip("the public fines set is not next to this checkout")
    if "public" not in _cache:
        _cache["public"] = evaluate(read_violations_tsv(PUBLIC_TSV.read_text(encoding="utf-8")))
    score = _cache["public"]["overall"][field]["micro"]["f1"]
    assert score >= floor, f"public {field}: micro-F1 {score:.3f} fell below the floor {floor}"

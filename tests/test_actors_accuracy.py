"""Accuracy gate on the actor test set (tests/data/actor_mentions.jsonl, >= 400 mentions)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "measure_actors.py"
GOALS = {"states": 0.95, "capitals": 0.95, "igos": 0.95, "people": 0.90, "roles": 0.90}


@pytest.fixture(scope="module")
def measure():
    spec = importlib.util.spec_from_file_location("measure_actors", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_actor_test_set_covers_every_category(measure):
    items = measure.load_items()
    assert len(items) >= 400
    cats = {it["category"] for it in items}
    assert cats == {"states", "capitals", "igos", "bodies", "people", "roles", "nonstate", "ambiguous"}


def test_actor_accuracy_meets_goals(measure, pipeline):
    items = measure.load_items()
    scores = measure.score(items, measure.resolve_texts(items, pipeline.nlp, pipeline.actor_lexicon))
    for cat, goal in GOALS.items():
        ok, total = scores[cat]
        assert ok / total >= goal, (cat, ok, total)

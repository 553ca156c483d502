"""Shared fixtures: the ../shared folder (skipped with a reason when absent) and one coding pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def shared_file(relative: str) -> Path:
    """A file of ../shared, or skip the test with a clear message when it is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} not found: the shared data folder (../shared beside the repo) is needed for this test")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def pipeline():
    """One Pipeline for the whole session: the spaCy model and lexicons load once."""
    from diplograph.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seeds_gold() -> list[dict]:
    return read_jsonl(shared_file("gold/seeds.jsonl"))

"""The Ray engine codes with the same stages as the local one: same events, plus Parquet partitions."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from diplograph.backends.local import run_local  # noqa: E402
from diplograph.backends.ray import run_ray  # noqa: E402
from diplograph.sample import sample_path  # noqa: E402
from diplograph.store import Store  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.ray]


@pytest.fixture(scope="module")
def ray_local():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def _keys(store: Store) -> set[tuple]:
    rows = store.events().select(["id", "event", "actor_code", "recipient_code", "status"]).to_pylist()
    return {(r["id"], r["event"], r["actor_code"], r["recipient_code"], r["status"]) for r in rows}


def test_ray_events_are_identical_to_local(tmp_path: Path, pipeline, ray_local):
    corpus = tmp_path / "corpus.jsonl"
    with sample_path().open(encoding="utf-8") as fh:
        corpus.write_text("".join(itertools.islice(fh, 8)), encoding="utf-8")
    with Store(tmp_path / "local.duckdb") as store:
        local = run_local([corpus], pipeline.config, store, pipeline=pipeline)
        expected = _keys(store)
    with Store(tmp_path / "ray.duckdb") as store:
        summary = run_ray([corpus], pipeline.config, store, workers=2)
        got = _keys(store)
        assert store.stats()["documents"] == 8
    assert expected, "the sample articles should give events"
    assert got == expected
    assert (summary.documents, summary.events, summary.mentions) == (local.documents, local.events, local.mentions)
    folder = tmp_path / "ray.duckdb.parquet"
    import pyarrow.parquet as pq

    events = pq.read_table(folder / "events", partitioning="hive").to_pylist()
    assert {r["run"] for r in events} == {summary.run_id}
    # partitions hold every document's own events; the store may merge reports of one event across documents
    assert expected <= {(r["id"], r["event"], r["actor_code"], r["recipient_code"], r["status"]) for r in events}
    assert len(pq.read_table(folder / "documents")) == 8
    assert ray.is_initialized()  # run_ray leaves a Ray session it did not start running


def test_ray_rerun_adds_nothing(tmp_path: Path, pipeline, ray_local):
    corpus = tmp_path / "corpus.jsonl"
    with sample_path().open(encoding="utf-8") as fh:
        corpus.write_text("".join(itertools.islice(fh, 2)), encoding="utf-8")
    with Store(tmp_path / "ray.duckdb") as store:
        first = run_ray([corpus], pipeline.config, store, workers=1)
        second = run_ray([corpus], pipeline.config, store, workers=1)
    assert first.documents == 2 and second.documents == 0 and second.already_stored == 2 and second.events == 0

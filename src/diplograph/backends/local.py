"""The local engine: ingest -> clean -> dedup -> code -> store, streamed in batches on one machine."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..config import Config
from ..pipeline import CodedDoc, Pipeline, with_sources
from .pool import CodingEngine
from ..stages.ingest import ingest
from ..store import Store
from ..types import Document, Duplicate, Quarantined

BATCH_DOCS = 16  # documents per batch: a unit of parallel work and of one Arrow write to DuckDB


@dataclass(slots=True)
class RunSummary:
    """What a run did; printed by the CLI and stored in the ``runs`` table."""

    run_id: str = ""
    documents: int = 0
    already_stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    mentions: int = 0
    events: int = 0
    seconds: float = 0.0
    quarantine_messages: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("documents", "already_stored", "duplicates", "quarantined",
                                              "mentions", "events")}


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_coded(store: Store, coded: Sequence[CodedDoc]) -> tuple[int, int]:
    """Store coded documents with their mentions and events; returns (new mentions, new events)."""
    store.write_documents([c.doc for c in coded])
    mentions = store.write_mentions([m for c in coded for m in c.mentions])
    events = store.write_events(with_sources(e for c in coded for e in c.events), merge=True)
    return mentions, events


def run_local(
    inputs: Sequence[str | Path],
    config: Config,
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    stdin: IO[Any] | None = None,
    on_quarantine: Callable[[Quarantined], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunSummary:
    """Run the whole chain over inputs into ``store``. Re-running on the same inputs adds nothing.

    Documents already in the store are not coded again; duplicates and quarantined inputs are
    recorded with their reason, and the run goes on. With ``workers`` > 1, batches are coded by a
    pool of worker processes (one warm Pipeline each) and written here, in input order.
    """
    started = time.perf_counter()
    summary = RunSummary(run_id=store.start_run(config=config.to_dict(), inputs=[str(i) for i in inputs]))
    batches = fresh_batches(inputs, config, store, summary, stdin=stdin, on_quarantine=on_quarantine,
                            on_progress=on_progress)
    with CodingEngine(config, workers=workers, pipeline=pipeline) as engine:
        for result in engine.code_batches(batches):
            mentions, events = write_coded(store, result.coded)
            summary.documents += len(result.coded)
            summary.mentions += mentions
            summary.events += events
    summary.seconds = round(time.perf_counter() - started, 3)
    store.finish_run(summary.run_id, summary.counts())
    return summary


def fresh_batches(inputs: Sequence[str | Path], config: Config, store: Store, summary: RunSummary, *,
                  stdin: IO[Any] | None = None, on_quarantine: Callable[[Quarantined], None] | None = None,
                  on_progress: Callable[[int], None] | None = None) -> Iterator[list[Document]]:
    """ingest -> clean -> dedup in batches: record duplicates and quarantined inputs in the store and
    the summary, and hand on the documents not stored yet (every engine codes these)."""
    known = list(store.known_documents())
    known_ids = {doc_id for doc_id, _, _ in known}
    for batch in batched(ingest(inputs, config, stdin=stdin, known=known), BATCH_DOCS):
        docs = [d for d in batch if isinstance(d, Document)]
        fresh = [d for d in docs if d.doc_id not in known_ids]
        known_ids.update(d.doc_id for d in fresh)
        summary.already_stored += len(docs) - len(fresh)
        _record_rejects(store, summary, batch, on_quarantine)
        if on_progress:
            on_progress(len(batch))
        yield fresh


def _record_rejects(store: Store, summary: RunSummary, batch: list[Any],
                    on_quarantine: Callable[[Quarantined], None] | None) -> None:
    quarantined = [q for q in batch if isinstance(q, Quarantined)]
    for q in quarantined:
        summary.quarantine_messages.append(q.message())
        if on_quarantine:
            on_quarantine(q)
    summary.quarantined += len(quarantined)
    store.write_quarantine(quarantined)
    dups = [d for d in batch if isinstance(d, Duplicate)]
    summary.duplicates += len(dups)
    store.write_duplicates(dups)

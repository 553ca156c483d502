"""The Ray engine: the same stage functions, spread over a Ray cluster with Ray Data ``map_batches``.

The driver reads, cleans and deduplicates the inputs (deduplication needs one view of the whole
stream), writing the new documents as Parquet partitions. Ray Data reads those partitions and
``map_batches`` codes them with one :class:`~diplograph.pipeline.Pipeline` per Ray actor (the spaCy
model loads once per actor). Coded batches stream back to the driver, which writes them as
Parquet partitions of ``events`` and ``mentions`` beside the database and loads them into the
store, so ``diplograph events`` / ``stats`` / ``serve`` see them::

    <db>.parquet/documents/run=<run_id>/part-00000.parquet
    <db>.parquet/events/run=<run_id>/part-00000.parquet      # columns of the store's events table,
                                                             # each document's events before cross-document merging
    <db>.parquet/mentions/run=<run_id>/part-00000.parquet

The partitions can also be queried directly, e.g. ``duckdb -c "SELECT event, count(*) FROM
'diplograph.duckdb.parquet/events/*/*.parquet' GROUP BY 1"``. On a multi-node cluster every node
needs diplograph installed (same version) and the driver's folder for ``<db>.parquet`` must be
readable by the workers (a shared filesystem), since they read the document partitions.

``ray`` is an optional dependency (``pip install 'diplograph[ray]'``); it is imported only here,
inside the functions.
"""

from __future__ import annotations

import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Config
from ..errors import DiplographError
from ..pipeline import CodedDoc, Pipeline, with_sources
from ..store import DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, Store
from ..types import Document, Quarantined
from .local import BATCH_DOCS, RunSummary, batched, fresh_batches, write_coded


class RayBackendError(DiplographError):
    """Ray is missing, or the cluster cannot be reached."""


# ---------------------------------------------------------------------------------------------
# Parquet partitions: the store's flat columns, and back to records
# ---------------------------------------------------------------------------------------------
def _to_table(columns: Sequence[Any], records: Sequence[Any]) -> pa.Table:
    return pa.table({c.name: pa.array([c.get(r) for r in records], type=c.arrow) for c in columns})


def documents_from_table(table: pa.Table) -> list[Document]:
    """Documents from a table with the columns of the store's ``documents`` table."""
    return [
        Document(doc_id=r["doc_id"], text=r["text"], pubdate=r["pubdate"], title=r["title"], url=r["url"],
                 source=r["source"], content_hash=r["content_hash"] or "", removed=tuple(r["removed"] or ()),
                 minhash=tuple(r["minhash"] or ()))
        for r in table.to_pylist()
    ]


def parquet_dir(store: Store, output_dir: str | Path | None = None) -> Path:
    """Where the partitions go: ``output_dir``, else ``<db>.parquet`` beside the database file."""
    if output_dir is not None:
        return Path(output_dir)
    if store.path == ":memory:":
        return Path(tempfile.mkdtemp(prefix="diplograph-ray-"))
    return Path(store.path + ".parquet")


def write_document_partitions(docs: Iterable[Document], folder: Path, *, batch_size: int = BATCH_DOCS) -> list[Path]:
    """Documents as Parquet files of ``batch_size`` rows each (the unit of work Ray hands out)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, batch in enumerate(batched(docs, batch_size)):
        path = folder / f"part-{n:05d}.parquet"
        pq.write_table(_to_table(DOCUMENT_COLUMNS, batch), path)
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# The Ray side: one Pipeline per actor
# ---------------------------------------------------------------------------------------------
class CodeBatch:
    """Ray Data callable class: builds one Pipeline per actor and codes batches of document rows.

    Returns one row per document with its CodedDoc pickled (plain frozen dataclasses), so the
    driver stores exactly what the local engine would.
    """

    def __init__(self, config: Config) -> None:
        self.pipeline = Pipeline(config)

    def __call__(self, batch: pa.Table) -> pa.Table:
        coded = list(self.pipeline.code_documents(documents_from_table(batch)))
        return pa.table({
            "doc_id": pa.array([c.doc.doc_id for c in coded], pa.string()),
            "coded": pa.array([pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL) for c in coded], pa.binary()),
        })


@contextmanager
def ray_session(address: str | None = None, *, num_cpus: int | None = None) -> Iterator[Any]:
    """Connect to a Ray cluster (``address``), or start Ray locally; shut down only what was started here."""
    try:
        import ray
    except ImportError as err:
        raise RayBackendError("the Ray engine needs Ray: pip install 'diplograph[ray]'") from err
    started = not ray.is_initialized()
    if started:
        try:
            ray.init(address=address, num_cpus=None if address else num_cpus, include_dashboard=False,
                     log_to_driver=False, configure_logging=False)
        except (ConnectionError, RuntimeError, ValueError) as err:
            raise RayBackendError(f"cannot connect to Ray at {address or 'a new local instance'}: {err}") from err
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


def code_partitions(folder: Path, config: Config, *, workers: int | None = None,
                    batch_size: int = BATCH_DOCS) -> Iterator[list[CodedDoc]]:
    """Code the document partitions of a folder on the connected Ray cluster; yields coded batches in order.

    Args:
        folder: a folder of Parquet files with the store's ``documents`` columns (read as one
            path: Ray lists it itself).
        config: pipeline configuration (each actor codes with ``n_process=1``).
        workers: Ray actors (each one Pipeline, one CPU); default: every CPU of the cluster.
        batch_size: documents per ``map_batches`` call.
    """
    import dataclasses

    import ray

    files = sorted(folder.glob("*.parquet"))
    if not files:
        return
    actor_config = dataclasses.replace(config, nlp=dataclasses.replace(config.nlp, n_process=1))
    n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    n = max(1, min(n, len(files)))
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    ds = ray.data.read_parquet(str(folder), override_num_blocks=len(files), partitioning=None)
    ds = ds.map_batches(CodeBatch, fn_constructor_kwargs={"config": actor_config}, batch_size=batch_size,
                        batch_format="pyarrow", concurrency=n, num_cpus=1)
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None, prefetch_batches=n):
        yield [pickle.loads(blob) for blob in batch.column("coded").to_pylist()]


def store_coded(store: Store, coded: Sequence[CodedDoc], folder: Path, *, run_id: str, part: int) -> tuple[int, int]:
    """Write a coded batch as ``events`` and ``mentions`` partitions, and into the store (same write as local)."""
    events = with_sources(e for c in coded for e in c.events)
    mentions = [m for c in coded for m in c.mentions]
    for name, columns, records in (("events", EVENT_COLUMNS, events), ("mentions", MENTION_COLUMNS, mentions)):
        target = folder / name / f"run={run_id}"
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(_to_table(columns, records), target / f"part-{part:05d}.parquet")
    return write_coded(store, coded)


# ---------------------------------------------------------------------------------------------
# The engine
# ---------------------------------------------------------------------------------------------
def run_ray(
    inputs: Sequence[str | Path],
    config: Config,
    store: Store,
    *,
    address: str | None = None,
    workers: int | None = None,
    output_dir: str | Path | None = None,
    stdin: IO[Any] | None = None,
    on_quarantine: Callable[[Quarantined], None] | None = None,
) -> RunSummary:
    """Run the whole chain with the coding on Ray; same results as :func:`~diplograph.backends.local.run_local`.

    Args:
        inputs: files, folders, or ``-`` for stdin.
        config: pipeline configuration.
        store: the DuckDB store the results are loaded into.
        address: Ray cluster address (``ray://host:10001`` or ``auto``); default: start Ray locally.
        workers: Ray actors coding in parallel; default one per CPU of the cluster.
        output_dir: folder for the Parquet partitions; default ``<db>.parquet``.
        stdin: stream read for the input ``-``.
        on_quarantine: called with each quarantined input.
    """
    started = time.perf_counter()
    summary = RunSummary(run_id=store.start_run(config=config.to_dict(), inputs=[str(i) for i in inputs]))
    folder = parquet_dir(store, output_dir)
    fresh = (doc for batch in fresh_batches(inputs, config, store, summary, stdin=stdin, on_quarantine=on_quarantine)
             for doc in batch)
    docs_folder = folder / "documents" / f"run={summary.run_id}"
    if write_document_partitions(fresh, docs_folder):
        # a local Ray gets one CPU more than the actors, for the read tasks (else they can starve)
        with ray_session(address, num_cpus=workers + 1 if workers else None):
            for n, coded in enumerate(code_partitions(docs_folder, config, workers=workers)):
                mentions, events = store_coded(store, coded, folder, run_id=summary.run_id, part=n)
                summary.documents += len(coded)
                summary.mentions += mentions
                summary.events += events
    summary.seconds = round(time.perf_counter() - started, 3)
    store.finish_run(summary.run_id, summary.counts())
    return summary

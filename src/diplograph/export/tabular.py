"""Tabular exports: EVENTS.md JSONL, Parquet, CSV and the country-month panel CSV.

Parquet keeps the store's columns and types (lists stay lists). CSV cannot hold lists: ``domains``
and ``sources`` are written as JSON arrays (``["trade", "energy"]``), which any CSV reader keeps
as one field and ``json.loads`` turns back into a list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..store import row_to_event_dict

LIST_COLUMNS = ("domains", "sources")


def write_jsonl(batches: Iterable[pa.RecordBatch], out: IO[str]) -> int:
    """One EVENTS.md JSON object per line; returns rows written."""
    n = 0
    for batch in batches:
        rows = batch.to_pylist()
        out.write("".join(json.dumps(row_to_event_dict(r), ensure_ascii=False) + "\n" for r in rows))
        n += len(rows)
    return n


def write_parquet(batches: Iterable[pa.RecordBatch], out: Any) -> int:
    """Parquet with the store's column types, written batch by batch; returns rows written."""
    writer: pq.ParquetWriter | None = None
    n = 0
    try:
        for batch in batches:
            if writer is None:
                writer = pq.ParquetWriter(out, batch.schema)
            writer.write_batch(batch)
            n += batch.num_rows
    finally:
        if writer is not None:
            writer.close()
    return n


def _flatten_lists(batch: pa.RecordBatch) -> pa.RecordBatch:
    arrays, names = [], []
    for name, col in zip(batch.schema.names, batch.columns):
        if pa.types.is_list(col.type) or pa.types.is_large_list(col.type):
            col = pa.array([None if v is None else json.dumps(v, ensure_ascii=False, default=str)
                            for v in col.to_pylist()], type=pa.string())
        arrays.append(col)
        names.append(name)
    return pa.RecordBatch.from_arrays(arrays, names=names)


def write_csv(batches: Iterable[pa.RecordBatch], out: Any) -> int:
    """CSV with a header row; list columns as JSON arrays. ``out`` is a path or binary stream."""
    writer: pacsv.CSVWriter | None = None
    n = 0
    try:
        for batch in batches:
            flat = _flatten_lists(batch)
            if writer is None:
                writer = pacsv.CSVWriter(out, flat.schema)
            writer.write_batch(flat)
            n += flat.num_rows
    finally:
        if writer is not None:
            writer.close()
    return n


def write_table_csv(table: pa.Table, out: Any) -> int:
    """A small aggregated table (e.g. the country-month panel) as CSV; returns rows written."""
    pacsv.write_csv(table, out)
    return table.num_rows

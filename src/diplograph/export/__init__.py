"""Exports of stored events: GDELT 2.0 TSV, PLOVER JSONL, EVENTS.md JSONL, Parquet, CSV, a
country-month panel CSV, and the actor network as GEXF or GraphML.

Event-level formats stream record batches from :meth:`Store.iter_events`, so memory stays
constant however many events are exported. The panel and the network are aggregates computed
in DuckDB (their size depends on the number of dyads and months, not events).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

from ..errors import DiplographError
from ..store import Store
from .gdelt import GDELT_COLUMNS, write_gdelt
from .network import write_network
from .plover import write_plover
from .tabular import write_csv, write_jsonl, write_parquet, write_table_csv

ExportFormat = Literal["gdelt", "plover-jsonl", "jsonl", "parquet", "csv", "panel-csv", "gexf", "graphml"]
FORMATS: tuple[str, ...] = ("gdelt", "plover-jsonl", "jsonl", "parquet", "csv", "panel-csv", "gexf", "graphml")
_TEXT_WRITERS = {"gdelt": write_gdelt, "plover-jsonl": write_plover, "jsonl": write_jsonl}
_BINARY_WRITERS = {"parquet": write_parquet, "csv": write_csv}

__all__ = ["FORMATS", "GDELT_COLUMNS", "ExportError", "ExportFormat", "export_events"]


class ExportError(DiplographError):
    """An export cannot be written (unknown format, unusable destination)."""


def _is_binary(dest: IO[Any]) -> bool:
    if isinstance(dest, io.TextIOBase):
        return False
    if isinstance(dest, (io.RawIOBase, io.BufferedIOBase)):
        return True
    return "b" in getattr(dest, "mode", "b")


@contextmanager
def _text_out(dest: str | Path | IO[Any]) -> Iterator[IO[str]]:
    if isinstance(dest, (str, Path)):
        with open(dest, "w", encoding="utf-8", newline="") as fh:
            yield fh
    elif not _is_binary(dest):
        yield dest  # type: ignore[misc]
    else:  # a binary stream: encode on top of it, then leave it open for the caller
        wrapper = io.TextIOWrapper(dest, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def _binary_out(dest: str | Path | IO[Any]) -> Any:
    if isinstance(dest, (str, Path)):
        return str(dest)
    if not _is_binary(dest):
        buffer = getattr(dest, "buffer", None)
        if buffer is None:
            raise ExportError("this format is binary: pass a path or a binary stream (open(..., 'wb'))")
        dest.flush()
        return buffer
    return dest


def export_events(store: Store, path: str | Path | IO[Any], *, fmt: ExportFormat,
                  batch_size: int = 10_000, **filters: Any) -> int:
    """Write the events matching ``filters`` (as for :meth:`Store.events`) to ``path`` in ``fmt``.

    Args:
        store (Store): the database to read.
        path (str | Path | IO): destination file, or an open stream (text or binary for text
            formats; binary, or a text stream with a ``.buffer``, for parquet/csv/panel-csv/gexf/graphml).
        fmt (ExportFormat): ``gdelt`` (GDELT 2.0 event table, 61 tab-separated columns, no header),
            ``plover-jsonl``, ``jsonl`` (EVENTS.md), ``parquet``, ``csv``, ``panel-csv``
            (month x actor x recipient x quad class counts), ``gexf``, ``graphml``.
        batch_size (int): events per streamed batch. Defaults to 10,000.

    Returns:
        int: rows written (events; panel rows for ``panel-csv``; edges for ``gexf``/``graphml``).

    Raises:
        ExportError: for an unknown format or an unusable destination.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "panel-csv":
        return write_table_csv(store.country_month_panel(**filters), _binary_out(path))
    if fmt in ("gexf", "graphml"):
        return write_network(store.network(**filters), _binary_out(path), fmt=fmt)  # type: ignore[arg-type]
    batches = store.iter_events(batch_size=batch_size, **filters)
    if fmt in _TEXT_WRITERS:
        with _text_out(path) as out:
            return _TEXT_WRITERS[fmt](batches, out)
    out = _binary_out(path)
    n = _BINARY_WRITERS[fmt](batches, out)
    if out is getattr(sys.stdout, "buffer", None):
        out.flush()
    return n

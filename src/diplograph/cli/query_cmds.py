"""``diplograph events``, ``diplograph export``, ``diplograph stats``: read a diplograph database."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..errors import DiplographError
from ..export import FORMATS, export_events
from ..store import Store, row_to_event_dict
from .base import db_option, main

_FILTER_OPTIONS: tuple[Callable[[Any], Any], ...] = (
    click.option("--actor", multiple=True, help="Actor code (ISO3 or IGO:X); repeat for any of several."),
    click.option("--recipient", multiple=True, help="Recipient code; repeatable."),
    click.option("--dyad", nargs=2, metavar="A B", help="Events between A and B, in either direction."),
    click.option("--event", multiple=True, help="PLOVER event type (CONSULT, AGREE, ...); repeatable."),
    click.option("--quad", "quad_class", multiple=True, type=click.IntRange(1, 4), help="Quad class 1-4; repeatable."),
    click.option("--status", multiple=True, help="asserted, intended, considered, negated, hypothetical; repeatable."),
    click.option("--since", help="From this date on (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)."),
    click.option("--until", help="Up to the end of this period (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)."),
    click.option("--domain", multiple=True, help="Domain (trade, energy, ...); repeatable."),
    click.option("--source", multiple=True, help="A reporting doc_id, or the start of the input path; repeatable."),
    click.option("--doc", "doc_id", multiple=True, help="Events of this document id; repeatable."),
    click.option("--limit", type=click.IntRange(min=0), help="At most this many events."),
)


def filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by ``events`` and ``export``."""
    for option in reversed(_FILTER_OPTIONS):
        fn = option(fn)
    return fn


def _filters(options: dict[str, Any]) -> dict[str, Any]:
    """Drop unset options; tuples from ``multiple=True`` become lists."""
    out = {k: list(v) if isinstance(v, tuple) and k != "dyad" else v for k, v in options.items()}
    return {k: v for k, v in out.items() if v not in (None, [], ())}


@contextmanager
def open_store(db_path: Path) -> Iterator[Store]:
    """Open an existing database read-only; DiplographErrors become a clean exit 1."""
    if str(db_path) != ":memory:" and not db_path.exists():
        raise click.ClickException(f"database {db_path} not found; create it with `diplograph code --db {db_path} FILE...` or pass --db PATH")
    try:
        with Store(db_path, read_only=True) as store:
            yield store
    except DiplographError as err:
        raise click.ClickException(str(err)) from err


_TABLE_COLUMNS = (("date", 10), ("actor_code", 10), ("event", 10), ("recipient_code", 10),
                  ("status", 12), ("quad_class", 4), ("goldstein", 6), ("evidence_text", 60))


def _table_line(values: list[str]) -> str:
    cells = [v[:w - 1] + "…" if len(v) > w else v.ljust(w) for v, (_, w) in zip(values, _TABLE_COLUMNS)]
    return "  ".join(cells).rstrip()


def _echo_table(store: Store, filters: dict[str, Any]) -> int:
    click.echo(_table_line(["date", "actor", "event", "recipient", "status", "quad", "gold", "evidence"]))
    n = 0
    for batch in store.iter_events(**filters):
        for row in batch.to_pylist():
            click.echo(_table_line(["" if row[c] is None else " ".join(str(row[c]).split()) for c, _ in _TABLE_COLUMNS]))
            n += 1
    return n


def _echo_json(store: Store, filters: dict[str, Any]) -> int:
    out = sys.stdout
    out.write("[")
    n = 0
    for batch in store.iter_events(**filters):
        for row in batch.to_pylist():
            out.write(("," if n else "") + "\n" + json.dumps(row_to_event_dict(row), ensure_ascii=False))
            n += 1
    out.write("\n]\n")
    return n


@main.command("events")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True, help="table for people; json (array), jsonl or csv for programs.")
def events_cmd(db_path: Path, fmt: str, **options: Any) -> None:
    """List stored events matching every given filter, ordered by date then id."""
    filters = _filters(options)
    with open_store(db_path) as store:
        if fmt == "table":
            n = _echo_table(store, filters)
        elif fmt == "json":
            n = _echo_json(store, filters)
        else:
            stream = sys.stdout if fmt == "jsonl" else sys.stdout.buffer
            n = export_events(store, stream, fmt=fmt, **filters)  # type: ignore[arg-type]
    click.echo(f"{n} event(s)", err=True)


@main.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="gdelt (GDELT 2.0 event TSV), plover-jsonl, jsonl (EVENTS.md), parquet, csv, "
                   "panel-csv (month x dyad x quad class), gexf or graphml (actor network).")
@click.option("-o", "--output", required=True, metavar="PATH", help="Output file, or - for stdout.")
@filter_options
def export_cmd(db_path: Path, fmt: str, output: str, **options: Any) -> None:
    """Export stored events (streamed: constant memory for any number of events)."""
    filters = _filters(options)
    text = fmt in ("gdelt", "plover-jsonl", "jsonl")
    dest: Any = output if output != "-" else (sys.stdout if text else sys.stdout.buffer)
    with open_store(db_path) as store:
        try:
            n = export_events(store, dest, fmt=fmt, **filters)  # type: ignore[arg-type]
        except (DiplographError, OSError) as err:
            raise click.ClickException(f"cannot export to {output}: {err}") from err
    unit = {"panel-csv": "panel row(s)", "gexf": "edge(s)", "graphml": "edge(s)"}.get(fmt, "event(s)")
    click.echo(f"wrote {n} {unit} to {output} ({fmt})", err=True)


@main.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
def stats_cmd(db_path: Path, as_json: bool) -> None:
    """Counts of documents, duplicates, quarantined inputs, mentions, events and runs."""
    with open_store(db_path) as store:
        stats = store.stats()
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2, default=str))
        return
    for key, value in stats.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items()) or "-"
        click.echo(f"{key:22} {value if value is not None else '-'}")

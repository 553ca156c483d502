"""Bodies of ``run`` and ``ingest``: call the engine, then tell people what happened (on stderr/stdout)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import click

from ..backends.local import RunSummary, run_local
from ..config import Config
from ..errors import DiplographError
from ..store import Store
from ..types import Document, Duplicate, Quarantined

EXPORT_FILES = {  # format -> file name written by `run --export-dir`
    "gdelt": "events.gdelt.tsv",
    "plover-jsonl": "events.plover.jsonl",
    "jsonl": "events.jsonl",
    "parquet": "events.parquet",
    "csv": "events.csv",
    "panel-csv": "country_month_panel.csv",
    "gexf": "network.gexf",
}


def _echo_quarantine(q: Quarantined) -> None:
    click.echo(q.message(), err=True)


def report_run(ctx: click.Context, paths: list[str], config: Config, *, db_path: Path, export_dir: Path | None,
               engine: str, address: str | None, workers: int, strict: bool, as_json: bool, progress: bool) -> None:
    """Run the chain into the store, print a summary table, write exports if asked."""
    try:
        with Store(db_path) as store:
            if engine == "ray":
                from ..backends.ray import run_ray

                summary = run_ray(paths, config, store, address=address, workers=workers if workers > 1 else None,
                                  on_quarantine=_echo_quarantine)
            else:
                summary = _run_with_progress(paths, config, store, progress, workers)
            exports = write_exports(store, export_dir) if export_dir else {}
            overview = _overview(store)
    except DiplographError as err:
        raise click.ClickException(str(err)) from err
    _print_summary(summary, db_path, exports, overview, as_json)
    _exit_for_quarantine(ctx, summary.quarantined, summary.documents + summary.already_stored, strict)


def _run_with_progress(paths: list[str], config: Config, store: Store, progress: bool, workers: int) -> RunSummary:
    """Run the local engine; on a terminal, a live count of inputs done on stderr (the total of a
    stream of folders, archives and stdin is unknown in advance, so a counter, not a bar)."""
    import sys

    if not progress:
        return run_local(paths, config, store, workers=workers, stdin=sys.stdin.buffer, on_quarantine=_echo_quarantine)
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        click.echo(f"\rcoding: {done[0]} inputs done", err=True, nl=False)

    summary = run_local(paths, config, store, workers=workers, stdin=sys.stdin.buffer,
                        on_quarantine=_echo_quarantine, on_progress=tick)
    click.echo("", err=True)
    return summary


def write_exports(store: Store, export_dir: Path) -> dict[str, str]:
    """Every export format into one folder; returns format -> path."""
    from ..export import export_events

    export_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt, name in EXPORT_FILES.items():
        path = export_dir / name
        export_events(store, path, fmt=fmt)  # type: ignore[arg-type]
        written[fmt] = str(path)
    return written


def _overview(store: Store) -> dict[str, Any]:
    """Counts for the summary, aggregated in the database (never the events loaded into Python)."""
    stats = store.stats()
    dyads = store.top_dyads(n=10).to_pylist()
    return {"events_in_db": stats["events"], "by_type": stats["events_by_type"],
            "top_dyads": {f"{d['actor_code']}-{d['recipient_code'] or ''}": d["n_events"] for d in dyads},
            "by_status": stats["events_by_status"]}


def _print_summary(summary: RunSummary, db_path: Path, exports: dict[str, str], overview: dict[str, Any],
                   as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"run_id": summary.run_id, **summary.counts(), "seconds": summary.seconds,
                               "db": str(db_path), "exports": exports, **overview}, indent=2))
        return
    click.echo(f"run {summary.run_id}: {summary.documents} documents coded, {summary.already_stored} already stored, "
               f"{summary.duplicates} duplicates, {summary.quarantined} quarantined, {summary.events} new events "
               f"in {summary.seconds:.1f} s")
    click.echo(f"\n{'event type':<12} {'events':>7}")
    for name, n in overview["by_type"].items():
        click.echo(f"{name:<12} {n:>7}")
    click.echo(f"\n{'status':<12} {'events':>7}")
    for name, n in overview["by_status"].items():
        click.echo(f"{name:<12} {n:>7}")
    click.echo(f"\n{'top dyads':<20} {'events':>7}")
    for name, n in overview["top_dyads"].items():
        click.echo(f"{name:<20} {n:>7}")
    click.echo(f"\ndatabase: {db_path.resolve()} ({overview['events_in_db']} events)")
    for fmt, path in exports.items():
        click.echo(f"export {fmt:<13} {path}")
    click.echo(f"next: diplograph events --db {db_path} --limit 20 | diplograph serve --db {db_path}")


def _exit_for_quarantine(ctx: click.Context, quarantined: int, documents: int, strict: bool) -> None:
    if quarantined and (strict or documents == 0):
        click.echo(f"{quarantined} input(s) quarantined" + (" (--strict)" if strict else ", no document read"), err=True)
        ctx.exit(1)


def report_ingest(ctx: click.Context, paths: list[str], config: Config, *, db_path: Path, strict: bool,
                  as_json: bool) -> None:
    """Read, clean and deduplicate into the store (no coding)."""
    import sys

    from ..stages.ingest import ingest

    from ..backends.local import BATCH_DOCS, batched

    counts = Counter[str]()
    try:
        with Store(db_path) as store:
            stream = ingest(paths, config, stdin=sys.stdin.buffer, known=list(store.known_documents()))
            for batch in batched(stream, BATCH_DOCS):  # Arrow batch inserts, not row by row
                docs = [d for d in batch if isinstance(d, Document)]
                quarantined = [q for q in batch if isinstance(q, Quarantined)]
                for q in quarantined:
                    _echo_quarantine(q)
                counts["read"] += len(docs)
                counts["documents"] += store.write_documents(docs)
                counts["duplicates"] += store.write_duplicates([d for d in batch if isinstance(d, Duplicate)])
                counts["quarantined"] += len(quarantined)
                store.write_quarantine(quarantined)
    except DiplographError as err:
        raise click.ClickException(str(err)) from err
    summary = {k: counts[k] for k in ("read", "documents", "duplicates", "quarantined")}
    click.echo(json.dumps(summary) if as_json else
               f"{summary['read']} documents read ({summary['documents']} new), {summary['duplicates']} duplicates, "
               f"{summary['quarantined']} quarantined -> {db_path}")
    _exit_for_quarantine(ctx, counts["quarantined"], counts["read"], strict)

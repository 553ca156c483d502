"""``diplograph eval``: score predictions (a JSONL file or the store) against a gold file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import DiplographError
from ..eval import error_records, evaluate, events_from_rows, load_gold, load_pred
from .base import main


def _pred_from_db(db_path: Path) -> dict[str, list[dict]]:
    """Predicted events read from the DuckDB store."""
    try:
        from ..store import Store  # imported here: the store pulls in duckdb
    except ModuleNotFoundError as err:
        raise click.ClickException("this installation has no event store; use --pred FILE") from err

    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such database. Run `diplograph code ... --db {db_path}` first.")
    with Store(db_path, read_only=True) as store:
        return events_from_rows(row for batch in store.iter_events(order="id") for row in batch.to_pylist())


@main.command("eval")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold JSONL (EVENTS.md section 8): documents with events, or one event a line.")
@click.option("--pred", "pred_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Predictions JSONL: one event a line with doc_id (`diplograph code --jsonl` output).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Read predictions from this DuckDB store instead of --pred.")
@click.option("--view", type=click.Choice(["event", "plover"]), default="event", show_default=True,
              help="Score `event`, or `plover_event` (derived from event and status where absent).")
@click.option("--bootstrap", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Document resamples for the 95% F1 intervals; 0 disables.")
@click.option("--seed", type=int, default=1, show_default=True, help="Bootstrap random seed.")
@click.option("--code-prefix-only", is_flag=True, help="Compare only the first 3 characters of actor codes.")
@click.option("--json", "as_json", is_flag=True, help="Print all figures as one JSON document.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write false negatives, false positives and attribute mismatches (type+pair level) as JSONL.")
@click.option("--min-f1", type=click.FloatRange(0, 1), default=None,
              help="Exit with status 1 when the type+pair F1 is below this.")
def eval_command(
    gold_path: Path, pred_path: Path | None, db_path: Path | None, view: str, bootstrap: int, seed: int,
    code_prefix_only: bool, as_json: bool, errors_path: Path | None, min_f1: float | None,
) -> None:
    """Score predicted events against gold: P/R/F1 at three levels and attribute accuracies.

    Computes the metric of EVENTS.md section 7, with the same figures as shared/tools/score.py.
    """
    if (pred_path is None) == (db_path is None):
        raise click.UsageError("give exactly one of --pred FILE or --db DB")
    try:
        gold = load_gold(gold_path)
        pred = load_pred(pred_path) if pred_path else _pred_from_db(db_path)  # type: ignore[arg-type]
        report = evaluate(gold, pred, view=view, bootstrap=bootstrap, seed=seed,  # type: ignore[arg-type]
                          code_prefix_only=code_prefix_only)
        if errors_path:
            records = error_records(gold, pred, view=view, code_prefix_only=code_prefix_only)  # type: ignore[arg-type]
            errors_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    except (DiplographError, OSError) as err:
        raise click.ClickException(str(err)) from err
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.format_table())
    f1 = report.levels["type_pair"].f1
    if min_f1 is not None and f1 < min_f1:
        click.echo(f"type+pair F1 {f1:.4f} is below --min-f1 {min_f1}", err=True)
        click.get_current_context().exit(1)

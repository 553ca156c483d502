"""``diplograph bench``: throughput of the full pipeline against spaCy NER-only, and memory over a long stream."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import DiplographError
from .base import get_config, main


@main.command("bench")
@click.option("-n", "--n-articles", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Articles to code (the corpus is cycled to this many).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Worker processes.")
@click.option("--input", "input_path", type=click.Path(exists=True, path_type=Path),
              help="Corpus file or folder (any format `run` reads); default: the bundled sample.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True, help="Documents per batch.")
@click.option("--engine", type=click.Choice(["pool", "nprocess"]), default="pool", show_default=True,
              help="pool: one pipeline per worker process; nprocess: spaCy n_process for the parser pass only.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Fresh DuckDB file to write (default: a temporary file, removed after).")
@click.option("--no-ner-floor", is_flag=True, help="Skip the spaCy NER-only comparison pass.")
@click.option("--memory-check", is_flag=True,
              help="Instead: stream documents and report memory at checkpoints (see --checkpoints).")
@click.option("--checkpoints", default="1000,2000,5000,10000", show_default=True,
              help="With --memory-check: document counts at which memory is recorded.")
@click.option("--max-seconds", type=float, help="With --memory-check: stop after this many seconds.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object only.")
@click.pass_context
def bench_cmd(ctx: click.Context, n_articles: int, workers: int, input_path: Path | None, batch_size: int,
              engine: str, db_path: Path | None, no_ner_floor: bool, memory_check: bool, checkpoints: str,
              max_seconds: float | None, as_json: bool) -> None:
    """Code N articles through the full pipeline into a fresh DuckDB; print speed, stages and memory.

    In the same run, a bare spaCy NER-only pass over the same texts gives the floor to compare with.
    """
    from .. import bench

    config = get_config(ctx)
    if db_path is not None and db_path.exists():
        raise click.BadParameter(f"{db_path} exists; the benchmark writes a fresh database", param_hint="--db")
    try:
        if memory_check:
            marks = _parse_checkpoints(checkpoints)
            result = bench.memory_profile(checkpoints=marks, workers=workers, input=input_path, batch_size=batch_size,
                                          engine=engine, max_seconds=max_seconds, config=config)  # type: ignore[arg-type]
            click.echo(json.dumps(result) if as_json else _memory_table(result))
            return
        result = bench.run_benchmark(n_articles=n_articles, workers=workers, input=input_path, batch_size=batch_size,
                                     db_path=db_path, engine=engine, config=config,  # type: ignore[arg-type]
                                     ner_floor=not no_ner_floor)
    except DiplographError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(json.dumps(result, indent=2))
    click.echo("")
    click.echo(bench.format_table(result))


def _parse_checkpoints(text: str) -> list[int]:
    try:
        marks = sorted({int(x) for x in text.split(",") if x.strip()})
    except ValueError as err:
        raise click.BadParameter(f"{text!r}: give document counts like 1000,10000", param_hint="--checkpoints") from err
    if not marks or marks[0] < 1:
        raise click.BadParameter("give at least one positive count", param_hint="--checkpoints")
    return marks


def _memory_table(result: dict) -> str:
    lines = [f"{'documents':>10} {'RSS MB':>9} {'PSS MB':>9} {'peak RSS':>9} {'peak PSS':>9} {'seconds':>9} {'db MB':>7}"]
    for r in result["checkpoints"]:
        lines.append(f"{r['docs']:>10} {r['rss_mb']:>9} {r['pss_mb']:>9} {r['peak_rss_mb']:>9} {r['peak_pss_mb']:>9} "
                     f"{r['seconds']:>9} {r['db_mb']:>7}")
    lines.append(f"workers {result['workers']} ({result['engine']}), {result['documents']} documents, "
                 f"peak of the process tree: RSS {result['peak_rss_mb']} MB, PSS {result['peak_pss_mb']} MB")
    return "\n".join(lines)

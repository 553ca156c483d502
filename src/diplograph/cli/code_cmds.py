"""``diplograph code`` (the stable scripting interface), ``run`` and ``ingest``."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..config import Config
from ..errors import DiplographError
from ..pipeline import Pipeline, make_document
from ..stages.clean import parse_date
from ..types import Document
from .base import db_option, get_config, main, show_progress


def lexicon_options(fn: Any) -> Any:
    """``--actors FILE`` and ``--verbs FILE``: user lexicons added after the built-in ones."""
    fn = click.option("--verbs", "verb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                      help="Extra trigger lexicon (YAML, format of lexicons/verbs.yaml); repeatable.")(fn)
    return click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                        help="Extra actor lexicon (YAML/CSV, see lexicons/actors/README.md); repeatable.")(fn)


def configured(ctx: click.Context, actor_files: tuple[str, ...], verb_files: tuple[str, ...],
               pubdate: str | None = None) -> Config:
    """The root Config with this command's lexicon files and --pubdate applied."""
    config = get_config(ctx)
    if pubdate is not None and parse_date(pubdate) is None:
        raise click.BadParameter(f"{pubdate!r} is not a date; use YYYY-MM-DD", param_hint="--pubdate")
    return dataclasses.replace(
        config,
        actors=dataclasses.replace(config.actors, lexicons=config.actors.lexicons + actor_files),
        events=dataclasses.replace(config.events, verb_lexicons=config.events.verb_lexicons + verb_files),
        clean=dataclasses.replace(config.clean, pubdate=parse_date(pubdate) if pubdate else config.clean.pubdate),
    )


def _stdin_documents(jsonl: bool, pubdate: str | None) -> Iterator[Document]:
    """Documents from stdin: one text, or one JSON document a line with --jsonl."""
    if not jsonl:
        text = sys.stdin.read()
        if text.strip():
            yield make_document(text, pubdate=pubdate)
        return
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            if not isinstance(text, str):
                raise TypeError("'text' is not a string")
        except (ValueError, KeyError, TypeError) as err:
            click.echo(f"stdin:{number}: skipped: not a document {{\"doc_id\",\"text\",\"pubdate\"}} ({err})", err=True)
            continue
        doc_id = record.get("doc_id") or record.get("id")
        yield make_document(text, pubdate=record.get("pubdate") or pubdate, doc_id=str(doc_id) if doc_id else None)


@main.command("code")
@click.option("--pubdate", help="Publication date (YYYY-MM-DD) to resolve relative dates against.")
@click.option("--jsonl", is_flag=True, help='stdin is documents {"doc_id","text","pubdate"}, one a line.')
@lexicon_options
@click.pass_context
def code_cmd(ctx: click.Context, pubdate: str | None, jsonl: bool, actor_files: tuple[str, ...],
             verb_files: tuple[str, ...]) -> None:
    """Code text from stdin; print one event JSON object a line (format of EVENTS.md).

    The text is coded as given (no cleaning), so evidence offsets point into it. With --jsonl the
    whole stream is coded by one process with the models loaded once, and every event carries the
    doc_id of its document.
    """
    config = configured(ctx, actor_files, verb_files, pubdate)
    pipeline = Pipeline(config)
    out = sys.stdout
    try:
        for coded in pipeline.code_documents(_stdin_documents(jsonl, parse_date(pubdate) if pubdate else None)):
            for event in coded.events:
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    except DiplographError as err:
        raise click.ClickException(str(err)) from err


@main.command("run")
@click.argument("inputs", nargs=-1, type=str)
@click.option("--sample", is_flag=True, help="Add the bundled sample articles (VOA and Wikinews) to the inputs.")
@db_option
@click.option("--pubdate", help="Publication date for every document (YYYY-MM-DD), overriding what is found.")
@click.option("--export-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write every export format (GDELT TSV, PLOVER JSONL, Parquet, CSV, panel, GEXF) here.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the stages run: this process, or a Ray cluster.")
@click.option("--address", help="Ray cluster address (with --engine ray); default: start Ray locally.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes coding batches in parallel (local engine; Ray: actors).")
@click.option("--strict", is_flag=True, help="Exit 1 if any input is quarantined.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@lexicon_options
@click.pass_context
def run_cmd(ctx: click.Context, inputs: tuple[str, ...], sample: bool, db_path: Path, pubdate: str | None,
            export_dir: Path | None, engine: str, address: str | None, workers: int, strict: bool,
            as_json: bool, quiet: bool, actor_files: tuple[str, ...], verb_files: tuple[str, ...]) -> None:
    """Ingest INPUTS (files, folders, - for stdin), code them and store the result in the database."""
    from .run_report import report_run

    config = configured(ctx, actor_files, verb_files, pubdate)
    paths = list(inputs)
    if sample:
        from ..sample import sample_path

        paths.append(str(sample_path()))
    if not paths:
        raise click.UsageError("give INPUT files or folders (or - for stdin), or --sample")
    report_run(ctx, paths, config, db_path=db_path, export_dir=export_dir, engine=engine, address=address,
               workers=workers, strict=strict, as_json=as_json, progress=show_progress(quiet))


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True, type=str)
@db_option
@click.option("--pubdate", help="Publication date for every document (YYYY-MM-DD).")
@click.option("--strict", is_flag=True, help="Exit 1 if any input is quarantined.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest_cmd(ctx: click.Context, inputs: tuple[str, ...], db_path: Path, pubdate: str | None, strict: bool,
               as_json: bool) -> None:
    """Read, clean and deduplicate INPUTS into the database without coding them."""
    from .run_report import report_ingest

    config = configured(ctx, (), (), pubdate)
    report_ingest(ctx, list(inputs), config, db_path=db_path, strict=strict, as_json=as_json)

"""``diplograph clean``: show what cleaning makes of an input (text, or metadata with --json)."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from ..stages.clean import JunkRules, clean_record, parse_date
from ..stages.ingest import read_inputs
from ..types import Document, Quarantined
from .base import get_config, main


@main.command("clean")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document: text, title, pubdate, id, removed.")
@click.option("--pubdate", help="Publication date to give every document (YYYY-MM-DD).")
@click.option("--junk-rules", "junk_rules", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra junk-rule YAML file (repeatable), applied after the built-in rules.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input is quarantined.")
@click.pass_context
def clean_cmd(ctx: click.Context, inputs: tuple[str, ...], as_json: bool, pubdate: str | None,
              junk_rules: tuple[str, ...], strict: bool) -> None:
    """Print the cleaned text of FILE (.txt, .html, .json, .jsonl, .csv, .gz, a folder, or - for stdin).

    Junk lines (ads, 'Source link', app and newsletter promos, share lines, 'Published: ...'
    after reading the date) are removed; everything else is kept exactly.
    """
    config = get_config(ctx)
    if pubdate and not parse_date(pubdate):
        raise click.BadParameter(f"{pubdate!r} is not a date; use YYYY-MM-DD", param_hint="--pubdate")
    clean_cfg = dataclasses.replace(config.clean, junk_rules=config.clean.junk_rules + junk_rules, pubdate=pubdate or config.clean.pubdate)
    rules = JunkRules.load(clean_cfg.junk_rules)
    docs = quarantined = 0
    for item in read_inputs(inputs, config.ingest, stdin=sys.stdin):
        result = item if isinstance(item, Quarantined) else clean_record(item, clean_cfg, rules=rules, max_chars=config.ingest.max_bytes)
        if isinstance(result, Quarantined):
            quarantined += 1
            click.echo(result.message(), err=True)
            continue
        if docs and not as_json:
            click.echo()  # a blank line between documents
        docs += 1
        click.echo(json.dumps(_doc_json(result), ensure_ascii=False) if as_json else result.text)
    if quarantined and (strict or not docs):
        ctx.exit(1)


def _doc_json(doc: Document) -> dict[str, object]:
    return {
        "id": doc.doc_id,
        "title": doc.title,
        "pubdate": doc.pubdate,
        "url": doc.url,
        "source": doc.source,
        "content_hash": doc.content_hash,
        "removed": list(doc.removed),
        "text": doc.text,
    }

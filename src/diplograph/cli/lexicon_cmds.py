"""``diplograph lexicon``: validate user actor lexicons and explain how a text's actors resolve."""

from __future__ import annotations

import json

import click

from ..errors import DiplographError
from .base import get_config, main


@main.group()
def lexicon() -> None:
    """Inspect and validate actor lexicons (states, people, IGOs, bodies, groups)."""


@lexicon.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check(files: tuple[str, ...]) -> None:
    """Validate user lexicon FILES (YAML sections or a people CSV); errors name file:line."""
    from ..stages.actors import read_lexicon_file, validate_lexicon_file

    failed = False
    for path in files:
        errors = validate_lexicon_file(path)
        for error in errors:
            click.echo(error, err=True)
        if errors:
            failed = True
            continue
        entries, ambiguous = read_lexicon_file(path)
        click.echo(f"{path}: ok ({len(entries)} entries, {len(ambiguous)} ambiguity rules)")
    if failed:
        raise SystemExit(1)


@lexicon.command("explain")
@click.argument("text")
@click.option("--pubdate", help="Publication date YYYY-MM-DD (people resolve by their terms of office).")
@click.option("--actors", "extra", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra user lexicon file (repeatable), after those in the config.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per mention.")
@click.pass_context
def explain(ctx: click.Context, text: str, pubdate: str | None, extra: tuple[str, ...], as_json: bool) -> None:
    """Show which lexicon entry (or context rule) resolved each actor mention in TEXT, and why."""
    from ..stages.actors import ActorLexicon, resolve_mentions, rule_source
    from ..stages.nlp import load_nlp, parse_documents
    from ..types import Document

    config = get_config(ctx)
    try:
        lex = ActorLexicon.load(extra=[*config.actors.lexicons, *extra])
    except DiplographError as err:
        raise click.ClickException(str(err)) from err
    nlp = load_nlp(config.nlp, lex.ruler_patterns())
    parsed = next(parse_documents(nlp, [Document(doc_id="explain", text=text, pubdate=pubdate)], config.nlp))
    for m in resolve_mentions(parsed, lex, config.actors):
        source = rule_source(lex, m.rule)
        if as_json:
            click.echo(json.dumps({"text": m.text, "start": m.start, "end": m.end, "code": m.code, "sector": m.sector,
                                   "kind": m.kind, "rule": m.rule, "by_context": m.by_context, "office": m.office,
                                   "source": source}, ensure_ascii=False))
        else:
            how = "context" if m.by_context else "lexicon"
            click.echo(f"{m.text!r:40} {m.code or '-':10} {m.sector or '-':4} {m.kind:8} {m.rule} "
                       f"[{how}{', ' + source if source else ''}]")

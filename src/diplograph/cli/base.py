"""The root click group and option helpers shared by every command module.

Exit codes: 0 done (quarantined inputs are reported on stderr, not failures, unless ``--strict``);
1 error (a DiplographError, every input quarantined, ``--strict`` with quarantined inputs, or
``eval`` below ``--min-f1``); 2 usage error.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .. import __version__
from ..config import Config, load_config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diplograph")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="TOML file overriding defaults.")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """diplograph: code international news into PLOVER political event data."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = load_config(config_path)


def get_config(ctx: click.Context) -> Config:
    """The Config loaded by the root group (defaults when called outside it)."""
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, Config) else load_config()


def db_option(fn):  # type: ignore[no-untyped-def]
    """``--db PATH``: the DuckDB file (default ./diplograph.duckdb)."""
    return click.option(
        "--db", "db_path", type=click.Path(path_type=Path), default=Path("diplograph.duckdb"),
        show_default=True, help="DuckDB database file.",
    )(fn)


def show_progress(quiet: bool = False) -> bool:
    """Progress bars only on a terminal and when not --quiet; always drawn on stderr."""
    return sys.stderr.isatty() and not quiet

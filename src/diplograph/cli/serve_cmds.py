"""``diplograph serve``: the REST API and the dashboard over one DuckDB file."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DiplographError
from .base import db_option, get_config, main


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--token", envvar="DIPLOGRAPH_TOKEN", default=None, show_envvar=True,
              help="Write token for POST /documents. Without one, write endpoints are disabled.")
@click.option("--read-token", envvar="DIPLOGRAPH_READ_TOKEN", default=None, show_envvar=True,
              help="If set, read endpoints need this token too (default: open).")
@click.option("--read-only", is_flag=True, help="Open the database read-only (other processes may read it too).")
@click.pass_context
def serve(ctx: click.Context, db_path: Path, host: str, port: int, token: str | None, read_token: str | None,
          read_only: bool) -> None:
    """Serve the dashboard at / and the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    from ..api import create_app

    try:
        app = create_app(db_path, token=token, read_token=read_token, config=get_config(ctx), read_only=read_only)
    except DiplographError as err:
        raise click.ClickException(str(err)) from err
    writes = "disabled (read-only)" if read_only else "enabled (token required)" if token else "disabled (no token)"
    click.echo(f"diplograph: dashboard http://{host}:{port}/  API docs http://{host}:{port}/docs  "
               f"db {db_path}  writes {writes}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")

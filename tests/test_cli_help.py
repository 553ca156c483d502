"""Every command is documented: it has help text, and its --help runs (sqlite-utils' habit)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from diplograph.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path,cmd", list(_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help(path, cmd):
    assert cmd.help and len(cmd.help.strip()) > 20
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_the_documented_commands_exist():
    expected = {"run", "ingest", "clean", "code", "events", "export", "stats", "eval", "serve", "bench", "lexicon"}
    assert expected <= set(main.commands)

"""The ``diplograph`` command line: a thin skin over the library.

Each area registers its commands from its own module (``cli/<area>.py``) onto the one group
defined here, so commands are only listed once they are real.
"""

from __future__ import annotations

import importlib

from .base import main

COMMAND_MODULES = ("ingest_cmds", "code_cmds", "query_cmds", "eval_cmds", "serve_cmds", "bench_cmds", "lexicon_cmds")

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as err:  # a command module not written yet
        if err.name != f"{__name__}.{_name}":
            raise

__all__ = ["main"]

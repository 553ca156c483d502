"""Re-running on the same input gives the same events: no output may depend on Python's string hashing.

Each run is a fresh interpreter with its own PYTHONHASHSEED, so any order taken from a set of
strings or of objects hashed by their strings (mentions on one token, codes) shows up as a diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import read_jsonl, shared_file

CODE = "import sys; from diplograph.cli import main; sys.argv[0] = 'diplograph'; main()"


def _code(stdin: str, seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", CODE, "code", "--jsonl"], input=stdin, text=True,
                          capture_output=True, env=env, timeout=900, check=True)
    return sorted(done.stdout.splitlines())


@pytest.mark.slow
def test_events_do_not_depend_on_the_hash_seed():
    docs = read_jsonl(shared_file("gold/dev_ir.jsonl"))
    stdin = "".join(json.dumps({"doc_id": d["doc_id"], "text": d["text"], "pubdate": d.get("pubdate")}) + "\n"
                    for d in docs)
    first, second = _code(stdin, "1"), _code(stdin, "2")
    assert len(first) > 50  # the articles give events
    assert first == second

"""`diplograph events`, `export` and `stats` on a database built from hand-made records."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from test_store import sample_docs, sample_events

from diplograph.cli import main
from diplograph.store import Store


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "test.duckdb"
    with Store(path) as s:
        s.write_documents(sample_docs())
        s.write_events(sample_events())
    return path


@pytest.fixture()
def runner():
    return CliRunner()


def run(runner, *args):
    result = runner.invoke(main, [str(a) for a in args])
    return result


def test_events_json_with_filters(runner, db):
    result = run(runner, "events", "--db", db, "--dyad", "IND", "KOR", "--since", "2024-01-10", "--format", "json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert [e["id"] for e in events] == ["e1", "e7"]
    assert events[0]["actor"] == {"code": "KOR", "sector": "GOV", "text": "Kor"}


def test_events_repeatable_options_and_jsonl(runner, db):
    result = run(runner, "events", "--db", db, "--actor", "USA", "--actor", "CHN", "--quad", "4", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["e4", "e6"]


def test_events_csv(runner, db):
    result = run(runner, "events", "--db", db, "--domain", "trade", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["e2", "e1"]
    assert json.loads(rows[0]["domains"]) == ["trade", "semiconductors"]


def test_events_table_for_people(runner, db):
    result = run(runner, "events", "--db", db, "--status", "intended", "--status", "considered", "--limit", "5")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["date", "actor", "event", "recipient"]
    assert len(lines) == 3 and "SUPPORT" in lines[1] and "AGREE" in lines[2]
    assert "2 event(s)" in result.stderr


def test_events_limit_and_doc(runner, db):
    result = run(runner, "events", "--db", db, "--doc", "d3", "--limit", "2", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["e5", "e7"]


def test_hostile_values_on_the_command_line_give_no_rows(runner, db):
    for value in ("' OR 1=1 --", "KOR'; DROP TABLE events; --", "\""):
        result = run(runner, "events", "--db", db, "--actor", value, "--format", "jsonl")
        assert result.exit_code == 0 and result.stdout == ""
        result = run(runner, "events", "--db", db, "--since", value, "--format", "jsonl")
        assert result.exit_code == 0 and result.stdout == ""
    stats = json.loads(run(runner, "stats", "--db", db, "--json").stdout)
    assert stats["events"] == 7


def test_missing_database_is_an_error_and_is_not_created(runner, tmp_path):
    missing = tmp_path / "nope.duckdb"
    for args in (["events"], ["stats"], ["export", "--format", "csv", "-o", tmp_path / "x.csv"]):
        result = run(runner, *args, "--db", missing)
        assert result.exit_code == 1
        assert "not found" in result.stderr
    assert not missing.exists()


def test_not_a_database_is_an_error(runner, tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("hello\n" * 1000)
    result = run(runner, "stats", "--db", bad)
    assert result.exit_code == 1 and "not a DuckDB database" in result.stderr


def test_bad_quad_is_a_usage_error(runner, db):
    assert run(runner, "events", "--db", db, "--quad", "7").exit_code == 2


@pytest.mark.parametrize(("fmt", "expected"), [("gdelt", 3), ("plover-jsonl", 3), ("jsonl", 3), ("csv", 3),
                                               ("parquet", 3), ("panel-csv", 3), ("gexf", 1), ("graphml", 1)])
def test_export_every_format_to_a_file(runner, db, tmp_path, fmt, expected):
    out = tmp_path / f"out.{fmt}"
    result = run(runner, "export", "--db", db, "--format", fmt, "-o", out, "--dyad", "KOR", "IND")
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    assert f"wrote {expected} " in result.stderr


def test_export_to_stdout(runner, db):
    result = run(runner, "export", "--db", db, "--format", "gdelt", "-o", "-", "--event", "SANCTION")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 and result.stdout.count("\t") == 60


def test_stats_text_and_json(runner, db):
    result = run(runner, "stats", "--db", db)
    assert result.exit_code == 0
    assert any(line.split() == ["events", "7"] for line in result.stdout.splitlines())
    data = json.loads(run(runner, "stats", "--db", db, "--json").stdout)
    assert (data["documents"], data["events_by_type"]["CONSULT"]) == (3, 1)


def test_commands_have_help(runner):
    for cmd in ("events", "export", "stats"):
        result = run(runner, cmd, "--help")
        assert result.exit_code == 0 and "--db" in result.stdout

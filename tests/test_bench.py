"""The throughput benchmark's measurements, and the promise behind the prefilter: it changes speed, not events."""

from __future__ import annotations

import dataclasses
import json

import pytest

from conftest import read_jsonl, shared_file
from diplograph.bench import count_words, cycle_documents, load_corpus, run_benchmark, tree_rss_mb
from diplograph.pipeline import Pipeline, make_document

REQUIRED = ("articles_per_s", "sentences_per_s", "words_per_s", "ner_only_words_per_s", "peak_rss_mb",
            "n_articles", "workers", "stages_s", "ratio_to_ner_only")


def test_cycled_copies_get_distinct_ids_and_keep_texts():
    base = [make_document("Spain and Portugal met.", doc_id="a"), make_document("Chile protested.", doc_id="b")]
    docs = list(cycle_documents(base, 5))
    assert [d.doc_id for d in docs] == ["a", "b", "a#1", "b#1", "a#2"]
    assert [d.text for d in docs] == [base[i % 2].text for i in range(5)]
    assert list(cycle_documents([], 3)) == []


def test_tree_rss_is_positive_and_at_least_this_process():
    import resource

    assert tree_rss_mb() > 10
    assert tree_rss_mb() <= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 * 50


@pytest.mark.slow
def test_tiny_benchmark_reports_every_figure(pipeline):
    base = load_corpus()
    result = run_benchmark(n_articles=10, workers=1, batch_size=4, pipeline=pipeline)
    json.dumps(result)  # one JSON object
    assert all(k in result for k in REQUIRED)
    assert result["n_articles"] == 10 and result["workers"] == 1
    assert result["words"] == sum(count_words(d.text) for d in base[:10])
    assert result["sentences"] >= 10
    assert 0 < result["parsed_sentences"] < result["sentences"]  # the prefilter skips some, keeps some
    assert result["parsed_fraction"] == round(result["parsed_sentences"] / result["sentences"], 3)
    assert result["articles_per_s"] > 0 and result["words_per_s"] > result["articles_per_s"]
    assert result["ner_only_words_per_s"] > 0 and result["ratio_to_ner_only"] > 0
    assert 100 < result["peak_rss_mb"] < 24_000
    assert set(result["stages_s"]) == {"parse", "actors_events", "store"}
    assert all(v >= 0 for v in result["stages_s"].values()) and result["stages_s"]["parse"] > 0
    assert 0 < result["stored_events"] <= result["events"]


def _gold_docs():
    docs = []
    for rel in ("gold/seeds.jsonl", "gold/dev_ir.jsonl"):
        for rec in read_jsonl(shared_file(rel)):
            docs.append(make_document(rec["text"], pubdate=rec.get("pubdate"), doc_id=rec.get("doc_id") or rec["id"]))
    return docs


def _events(pipeline, docs):
    return sorted(json.dumps(e.to_dict(), sort_keys=True) for c in pipeline.code_documents(docs) for e in c.events)


@pytest.mark.slow
def test_prefilter_does_not_change_events_on_seeds_and_dev(pipeline):
    """Accuracy must not drop: parsing every sentence gives exactly the events of the prefiltered run."""
    docs = _gold_docs()
    assert pipeline.config.nlp.prefilter
    unfiltered = Pipeline(dataclasses.replace(pipeline.config, nlp=dataclasses.replace(pipeline.config.nlp, prefilter=False)))
    for name in ("nlp", "actor_lexicon", "trigger_lexicon", "enrichers"):  # share the loaded models
        setattr(unfiltered, name, getattr(pipeline, name))
    with_prefilter = _events(pipeline, docs)
    assert with_prefilter, "the gold documents should give events"
    assert _events(unfiltered, docs) == with_prefilter


def test_bench_cli_refuses_an_existing_database(tmp_path):
    from click.testing import CliRunner

    from diplograph.cli import main

    db = tmp_path / "old.duckdb"
    db.write_bytes(b"")
    result = CliRunner().invoke(main, ["bench", "-n", "2", "--db", str(db), "--json"])
    assert result.exit_code == 2 and "fresh database" in result.output


@pytest.mark.slow
def test_bench_cli_prints_one_json_object(tmp_path):
    from click.testing import CliRunner

    from diplograph.cli import main

    result = CliRunner().invoke(main, ["bench", "-n", "3", "--workers", "1", "--no-ner-floor", "--json",
                                       "--db", str(tmp_path / "b.duckdb")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n_articles"] == 3 and data["ner_only_words_per_s"] is None and data["words_per_s"] > 0
    assert (tmp_path / "b.duckdb").exists()


@pytest.mark.slow
def test_names_off_the_parse_code_as_well_as_the_statistical_ner(pipeline):
    """The default skips spaCy's NER (the largest cost) for proper-noun runs of the parse (stages/names.py):
    type+pair F1 on the seeds and dev gold must not drop by more than one event's worth against the
    pipeline with the NER on, and must stay exact on the seeds."""
    from diplograph.eval import evaluate, load_gold

    assert not pipeline.config.nlp.ner
    with_ner = Pipeline(dataclasses.replace(pipeline.config, nlp=dataclasses.replace(pipeline.config.nlp, ner=True)))
    for name in ("actor_lexicon", "trigger_lexicon", "enrichers"):  # share the lexicons, not the spaCy model
        setattr(with_ner, name, getattr(pipeline, name))
    for rel in ("gold/seeds.jsonl", "gold/dev_sentences.jsonl", "gold/dev_ir.jsonl"):
        gold = load_gold(shared_file(rel))
        docs = [make_document(rec["text"], pubdate=rec.get("pubdate"), doc_id=rec.get("doc_id") or rec["id"])
                for rec in read_jsonl(shared_file(rel))]
        scores = []
        for p in (pipeline, with_ner):
            pred: dict[str, list[dict]] = {}
            for coded in p.code_documents(docs):
                pred.setdefault(coded.doc.doc_id, []).extend(e.to_dict() for e in coded.events)
            scores.append(evaluate(gold, pred).levels["type_pair"])
        ours, theirs = scores
        assert ours.tp > 0, rel
        slack = 0.0 if "seeds" in rel else 1.0 / max(1, theirs.tp)
        assert ours.f1 >= theirs.f1 - slack, (rel, ours, theirs)

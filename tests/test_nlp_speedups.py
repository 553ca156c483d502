"""Speed-ups of the nlp stage change speed, not output: each one on and off gives identical records."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import read_jsonl, shared_file
from diplograph.pipeline import Pipeline, make_document


def _gold_docs():
    return [make_document(r["text"], pubdate=r.get("pubdate"), doc_id=r.get("doc_id") or r["id"])
            for rel in ("gold/seeds.jsonl", "gold/dev_ir.jsonl") for r in read_jsonl(shared_file(rel))]


def _variant(pipeline: Pipeline, **nlp_options) -> Pipeline:
    other = Pipeline(dataclasses.replace(pipeline.config, nlp=dataclasses.replace(pipeline.config.nlp, **nlp_options)))
    for name in ("nlp", "actor_lexicon", "trigger_lexicon", "enrichers", "prefilter"):  # share the loaded models
        setattr(other, name, getattr(pipeline, name))
    return other


@pytest.mark.slow
def test_attribute_table_gives_the_parse_of_the_real_components(pipeline):
    """POS, lemmas, tags and labels looked up equal those of the attribute ruler + lemmatizer, token for token."""
    docs = _gold_docs()
    assert pipeline.config.nlp.attribute_table and pipeline.attributes.enabled
    looked_up = list(pipeline.parse(docs))
    real = list(_variant(pipeline, attribute_table=False).parse(docs))
    assert sum(s.parsed for p in real for s in p.sentences) > 300
    assert looked_up == real


def test_attribute_table_handles_multi_token_patterns_and_spaces(pipeline):
    """"gon na" (a two-token pattern) and whitespace tokens (the ruler sets their tag and label) stay exact."""
    docs = [make_document("We 're gon na  meet them .\n\nLet 's talk , y' all said .", doc_id="x"),
            make_document("There is a summit .   They met .", doc_id="y")]
    assert list(pipeline.parse(docs)) == list(_variant(pipeline, attribute_table=False).parse(docs))


@pytest.mark.slow
def test_pass_two_on_pass_one_tokens_gives_the_same_records(pipeline):
    """Docs built from the pass-1 tokens (words, spaces, norms) parse exactly like re-tokenised sentence texts."""
    docs = _gold_docs()
    assert pipeline.config.nlp.reuse_tokens
    assert list(pipeline.parse(docs)) == list(_variant(pipeline, reuse_tokens=False).parse(docs))


def test_sentence_doc_matches_the_tokenizer_on_tricky_text(pipeline):
    from diplograph.stages.nlp import _rows, _sentence_doc, split_sentences

    text = "The U.S. didn't sign.Let's see -- \"Who's next?\" asked Mr. O'Neil.\n\n  Talks resumed in Gaza City."
    doc = split_sentences(pipeline.nlp, text)
    rows = _rows(doc)
    for span in doc.sents:
        built, ref = _sentence_doc(pipeline.nlp, rows, span), pipeline.nlp.make_doc(span.text)
        assert built.text == ref.text
        assert [(t.text, t.norm_, t.whitespace_) for t in built] == [(t.text, t.norm_, t.whitespace_) for t in ref]


@pytest.mark.slow
def test_embedding_cache_gives_the_same_records(pipeline):
    """Embedding each distinct feature row once changes no tag, arc or entity (a model loaded without the cache)."""
    from diplograph.stages.nlp import cache_embeddings

    docs = _gold_docs()
    assert pipeline.config.nlp.embed_cache
    assert cache_embeddings(pipeline.nlp) == 0, "the loaded model's embedding layers are wrapped already"
    plain = Pipeline(dataclasses.replace(pipeline.config, nlp=dataclasses.replace(pipeline.config.nlp, embed_cache=False)))
    for name in ("actor_lexicon", "trigger_lexicon", "enrichers"):
        setattr(plain, name, getattr(pipeline, name))
    assert not any(layer.name == "cached_embed" for _, pipe in plain.nlp.pipeline
                   if getattr(pipe, "model", None) is not None for layer in pipe.model.walk())
    assert list(pipeline.parse(docs)) == list(plain.parse(docs))

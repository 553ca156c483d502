"""Duplicate detection: exact, near (MinHash + LSH), threshold, identity of re-runs, known documents."""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

from diplograph.config import DedupConfig
from diplograph.sample import sample_path
from diplograph.stages.clean import content_hash
from diplograph.stages.dedup import Deduplicator, lsh_bands, minhash, shingles, similarity
from diplograph.types import Document


@pytest.fixture(scope="module")
def articles() -> list[str]:
    rows = [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows if len(r["text"].split()) > 300][:6]


def doc(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, text=text, content_hash=content_hash(text))


def edit(text: str, n_words: int, seed: int = 0) -> str:
    """Replace ``n_words`` spread-out words with other words (a lightly edited copy)."""
    words = text.split(" ")
    rng = random.Random(seed)
    for i in rng.sample(range(len(words)), n_words):
        words[i] = f"changed{i}"
    return " ".join(words)


def test_exact_duplicate_links_to_first(articles: list[str]) -> None:
    dedup = Deduplicator(DedupConfig())
    first, dup0 = dedup.check(doc("a", articles[0]))
    assert dup0 is None and len(first.minhash) == 64
    _, dup = dedup.check(doc("b", articles[0].replace(" ", "  ")))  # same text up to whitespace
    assert dup is not None and (dup.doc_id, dup.original_id, dup.kind, dup.similarity) == ("b", "a", "exact", 1.0)
    _, dup2 = dedup.check(doc("c", articles[0]))
    assert dup2.original_id == "a"  # a later copy still links to the first, not to "b"


def test_near_duplicate_detected_unrelated_not(articles: list[str]) -> None:
    dedup = Deduplicator(DedupConfig())
    for i, text in enumerate(articles):
        assert dedup.check(doc(f"orig{i}", text))[1] is None  # distinct articles are not duplicates
    _, near = dedup.check(doc("edited", edit(articles[2], 3)))
    assert near is not None and near.kind == "near" and near.original_id == "orig2"
    assert 0.85 <= near.similarity < 1.0
    _, none = dedup.check(doc("new", "Chile and Peru signed a fishing agreement in Lima on Monday, both governments said."))
    assert none is None


def test_threshold_is_configurable(articles: list[str]) -> None:
    text = articles[1]
    heavy = edit(text, len(text.split(" ")) // 12, seed=3)  # every 12th word changed: Jaccard of 5-shingles ~0.5
    sim = similarity(minhash(text), minhash(heavy))
    assert 0.2 < sim < 0.8
    for threshold, expect in ((0.2, True), (0.95, False)):
        dedup = Deduplicator(DedupConfig(near_threshold=threshold))
        dedup.check(doc("a", text))
        assert (dedup.check(doc("b", heavy))[1] is not None) is expect, threshold


def test_same_doc_id_is_the_same_document(articles: list[str]) -> None:
    dedup = Deduplicator(DedupConfig())
    dedup.check(doc("a", articles[0]))
    again, dup = dedup.check(doc("a", articles[0]))
    assert dup is None and again.doc_id == "a"


def test_known_documents_from_the_store(articles: list[str]) -> None:
    first = Deduplicator(DedupConfig()).check(doc("stored", articles[3]))[0]
    known = [(first.doc_id, first.content_hash, first.minhash)]
    later = Deduplicator(DedupConfig(), known)
    assert later.check(doc("stored", articles[3]))[1] is None  # a re-run of the stored document
    assert later.check(doc("copy", articles[3]))[1].original_id == "stored"
    assert later.check(doc("edited", edit(articles[3], 2)))[1].kind == "near"


def test_signatures_are_deterministic_and_precomputed_ones_are_used(articles: list[str]) -> None:
    assert minhash(articles[0]) == minhash(articles[0])
    assert len(minhash(articles[0], num_perm=32)) == 32
    assert minhash(articles[0]) != minhash(articles[1])
    d = doc("a", articles[0])
    filled, _ = Deduplicator(DedupConfig()).check(d)
    assert filled.minhash == minhash(articles[0])
    fake = replace(d, doc_id="b", minhash=tuple(range(64)))
    assert Deduplicator(DedupConfig()).check(fake)[0].minhash == tuple(range(64))


def test_shingles_and_short_texts() -> None:
    assert len(shingles("one two three four five six", 5)) == 2
    assert len(shingles("too short", 5)) == 1 and shingles("", 5) == set()
    assert shingles("Talks, in GENEVA today now", 5) == shingles("talks in geneva today now", 5)
    dedup = Deduplicator(DedupConfig())
    dedup.check(doc("a", "Peace talks."))
    assert dedup.check(doc("b", "War drums."))[1] is None


@pytest.mark.parametrize(("num_perm", "threshold"), [(64, 0.85), (128, 0.9), (64, 0.5), (16, 0.3)])
def test_lsh_bands_midpoint_below_threshold(num_perm: int, threshold: float) -> None:
    bands, rows = lsh_bands(num_perm, threshold)
    assert bands * rows <= num_perm and (1 / bands) ** (1 / rows) <= threshold

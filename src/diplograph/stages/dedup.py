"""Duplicate detection: exact (same normalised text) and near (MinHash of word shingles + LSH).

Streaming and deterministic: the first copy seen (or already stored, via ``known``) is the
original; later copies are reported as :class:`Duplicate` records linked to it. MinHash uses a
fixed-seed multiply-add-shift hash family in numpy, so signatures are stable across runs and
machines and can be stored next to the documents.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from ..config import DedupConfig
from ..types import Document, Duplicate
from .clean import content_hash

SEED = 20231221  # fixed: signatures stored by earlier runs must stay comparable
_WORD = re.compile(r"\w+", re.UNICODE)
_EMPTY = np.uint64(0xFFFFFFFF)


def shingles(text: str, size: int = 5) -> set[int]:
    """32-bit hashes of the lower-cased word ``size``-shingles of ``text`` (one shingle if shorter)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    grams = (" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little") for g in grams}


def _hash_params(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)  # odd multipliers
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def minhash(text: str, *, num_perm: int = 64, shingle_size: int = 5) -> tuple[int, ...]:
    """MinHash signature (``num_perm`` 32-bit values) of the text's word shingles."""
    return _signature(shingles(text, shingle_size), *_hash_params(num_perm))


def _signature(hashes: set[int], a: np.ndarray, b: np.ndarray) -> tuple[int, ...]:
    if not hashes:
        return tuple(int(_EMPTY) for _ in range(len(a)))
    x = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    with np.errstate(over="ignore"):
        values = (a[:, None] * x[None, :] + b[:, None]) >> np.uint64(32)  # wraps mod 2**64 by design
    return tuple(int(v) for v in values.min(axis=1))


def similarity(sig1: Sequence[int], sig2: Sequence[int]) -> float:
    """Estimated Jaccard similarity: the share of equal signature positions."""
    if not sig1 or len(sig1) != len(sig2):
        return 0.0
    return float(np.mean(np.asarray(sig1, dtype=np.uint64) == np.asarray(sig2, dtype=np.uint64)))


def lsh_bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows) with bands*rows <= num_perm whose S-curve midpoint lies just below ``threshold``.

    Candidates are then verified against the threshold, so erring low costs only a few comparisons.
    """
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if (1 / bands) ** (1 / rows) <= threshold * 0.95:
            best = (bands, rows)
    return best


class Deduplicator:
    """Streaming exact and near-duplicate detector; the first copy is the original."""

    def __init__(self, config: DedupConfig, known: Iterable[tuple[str, str, Sequence[int]]] = ()) -> None:
        self.config = config
        self._a, self._b = _hash_params(config.num_perm)
        self._bands, self._rows = lsh_bands(config.num_perm, config.near_threshold)
        self._by_hash: dict[str, str] = {}
        self._ids: set[str] = set()
        self._sigs: dict[str, tuple[int, ...]] = {}
        self._order: dict[str, int] = {}  # doc_id -> arrival rank: the earliest match wins
        self._buckets: dict[tuple[int, tuple[int, ...]], list[str]] = {}
        for doc_id, digest, sig in known:
            self._add(doc_id, digest, tuple(int(v) for v in sig))

    def check(self, doc: Document) -> tuple[Document, Duplicate | None]:
        """Return ``doc`` with its MinHash filled in, and a Duplicate if it repeats an earlier document.

        A document whose ``doc_id`` was seen before is the same document (idempotent re-runs),
        never a duplicate of itself.
        """
        digest = doc.content_hash or content_hash(doc.text)
        sig = doc.minhash if len(doc.minhash) == self.config.num_perm else self._minhash(doc.text)
        doc = replace(doc, minhash=sig, content_hash=digest)
        if doc.doc_id in self._ids:
            return doc, None
        original = self._by_hash.get(digest)
        if original is not None:
            return doc, Duplicate(doc.doc_id, original, "exact", 1.0, source=doc.source)
        near = self._nearest(sig)
        if near is not None:
            return doc, Duplicate(doc.doc_id, near[0], "near", round(near[1], 4), source=doc.source)
        self._add(doc.doc_id, digest, sig)
        return doc, None

    def _minhash(self, text: str) -> tuple[int, ...]:
        return _signature(shingles(text, self.config.shingle_size), self._a, self._b)

    def _keys(self, sig: tuple[int, ...]) -> Iterable[tuple[int, tuple[int, ...]]]:
        r = self._rows
        return ((band, sig[band * r : (band + 1) * r]) for band in range(self._bands))

    def _nearest(self, sig: tuple[int, ...]) -> tuple[str, float] | None:
        """The earliest-added candidate at or above the threshold, with its estimated similarity."""
        candidates: dict[str, None] = {}
        for key in self._keys(sig):
            for doc_id in self._buckets.get(key, ()):
                candidates.setdefault(doc_id)
        for doc_id in sorted(candidates, key=self._order.__getitem__):
            score = similarity(sig, self._sigs[doc_id])
            if score >= self.config.near_threshold:
                return doc_id, score
        return None

    def _add(self, doc_id: str, digest: str, sig: tuple[int, ...]) -> None:
        self._ids.add(doc_id)
        if digest:
            self._by_hash.setdefault(digest, doc_id)
        if len(sig) != self.config.num_perm or doc_id in self._sigs:
            return
        self._sigs[doc_id] = sig
        self._order[doc_id] = len(self._order)
        for key in self._keys(sig):
            self._buckets.setdefault(key, []).append(doc_id)

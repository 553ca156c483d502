"""The local process pool: one warm Pipeline per worker process, coding whole batches of documents.

``run --workers N`` and ``diplograph bench`` both code through :class:`CodingEngine`; the parent
process only reads inputs and writes to the store. Two engines spread the work:

* ``pool`` (default): one Pipeline per worker process (forked from the warm parent where fork is
  available, so the model is not loaded again and its pages are shared);
* ``nprocess``: one Pipeline whose pass-2 ``nlp.pipe`` uses spaCy's ``n_process``.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing as mp
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..config import Config
from ..pipeline import CodedDoc, Pipeline
from ..types import Document

Engine = Literal["pool", "nprocess"]
ENGINES: tuple[Engine, ...] = ("pool", "nprocess")
WARM_UP_TEXT = "France and Germany signed a trade agreement in Paris on Monday."
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: keeps the pool busy, bounds memory
# A worker is replaced (forked again from the warm parent) after this many batches: spaCy's string
# store and vocabulary keep every new word they see, so a worker coding an endless stream of new
# text would grow without bound; 200 batches of 64 documents = 12,800 documents per worker.
BATCHES_PER_WORKER = 200


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """A batch of coded documents with the seconds spent in each stage and its sentence counts."""

    coded: tuple[CodedDoc, ...]
    parse_s: float
    code_s: float
    sentences: int
    parsed: int = 0  # sentences the prefilter sent to the full spaCy pipeline


def warm_up(pipeline: Pipeline) -> None:
    """Build every lazy part of a Pipeline (model, lexicons, enrichers) before timing."""
    pipeline.code_text(WARM_UP_TEXT, pubdate="2024-01-01")


def code_timed(pipeline: Pipeline, docs: Sequence[Document]) -> ChunkResult:
    """Code documents, timing the nlp stage (``parse``) apart from actors + events (``code``)."""
    parse_s = code_s = 0.0
    sentences = parsed = 0
    coded = []
    stream = pipeline.parse(docs)
    while True:
        t0 = time.perf_counter()
        pdoc = next(stream, None)
        t1 = time.perf_counter()
        parse_s += t1 - t0
        if pdoc is None:
            break
        sentences += len(pdoc.sentences)
        parsed += sum(s.parsed for s in pdoc.sentences)
        coded.append(pipeline.code_parsed(pdoc))
        code_s += time.perf_counter() - t1
    return ChunkResult(tuple(coded), parse_s, code_s, sentences, parsed)


_WORKER: dict[str, Pipeline] = {}  # per worker process: its one Pipeline (set by _init_worker)


def _init_worker(config: Config, pipeline: Pipeline | None, ready: Any) -> None:
    """Set up a worker: the parent's warm Pipeline when forked (no reload, pages shared), else a new
    one; then tell the parent it is ready (replacement workers do too; nobody waits for them)."""
    if pipeline is None:
        pipeline = Pipeline(config)
        warm_up(pipeline)
    _WORKER["pipeline"] = pipeline
    ready.release()


def _code_in_worker(docs: list[Document]) -> ChunkResult:
    return code_timed(_WORKER["pipeline"], docs)


class CodingEngine:
    """Codes batches of documents with ``workers`` processes; ``code_batches`` yields results in order.

    Use as a context manager: entering starts (and warms up) the workers, so model loading is
    not counted in the throughput.
    """

    def __init__(self, config: Config, *, workers: int = 1, engine: Engine = "pool",
                 pipeline: Pipeline | None = None, batches_per_worker: int | None = BATCHES_PER_WORKER) -> None:
        self.workers = max(1, workers)
        self.batches_per_worker = batches_per_worker  # None: workers live as long as the engine
        self.engine = engine if self.workers > 1 else "pool"
        n_process = self.workers if self.engine == "nprocess" else 1
        self.config = dataclasses.replace(config, nlp=dataclasses.replace(config.nlp, n_process=n_process))
        self._pool: Any = None
        self._pipeline = pipeline if pipeline is not None and n_process == pipeline.config.nlp.n_process else None
        self.load_s = 0.0

    def __enter__(self) -> CodingEngine:
        t0 = time.perf_counter()
        if self._pipeline is None:
            self._pipeline = Pipeline(self.config)
        warm_up(self._pipeline)
        if self.engine == "pool" and self.workers > 1:
            fork = "fork" in mp.get_all_start_methods()
            ctx = mp.get_context("fork" if fork else "spawn")
            ready = ctx.Semaphore(0)
            inherited = self._pipeline if fork else None  # forked workers inherit it without pickling
            if fork:  # the warm model and lexicons go to a generation the collector never scans, so
                gc.freeze()  # workers' collections do not touch (and so copy) the pages they share
            self._pool = ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.config, inherited, ready),
                                  maxtasksperchild=self.batches_per_worker)
            for _ in range(self.workers):  # every worker is ready
                ready.acquire()
        self.load_s = time.perf_counter() - t0
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
            gc.unfreeze()

    def code_batches(self, batches: Iterable[list[Document]]) -> Iterator[ChunkResult]:
        """Results of each batch, in input order; at most a few batches per worker are in flight."""
        if self._pool is None:
            assert self._pipeline is not None, "use CodingEngine as a context manager"
            for batch in batches:
                yield code_timed(self._pipeline, batch)
            return
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(self._pool.apply_async(_code_in_worker, (batch,)))
            if len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

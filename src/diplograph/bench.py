"""Throughput benchmark: the full pipeline against a bare spaCy NER-only pass over the same texts.

``run_benchmark`` codes N documents (a corpus cycled to N, each copy with its own doc_id) into a
fresh DuckDB with the same write path as the local engine, timing each stage, counting sentences
and words, and sampling the memory of the whole process tree. In the same run it measures the
speed of a spaCy pass that only runs NER (the floor we compare against: absolute speeds vary on a
shared machine, the ratio much less). ``memory_profile`` streams many documents through the same
engine and records memory at checkpoints, to show it stays flat.

Two engines spread the work over ``workers`` processes:

* ``pool`` (default): one Pipeline per worker process, each coding whole batches of documents;
  the parent only writes to the store. Both nlp passes, actors and events run in parallel.
* ``nprocess``: one Pipeline whose pass-2 ``nlp.pipe`` uses spaCy's ``n_process``; pass 1, actors,
  events and the store stay in the parent.
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing as mp
import os
import platform
import resource
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .backends.pool import CodingEngine, Engine
from .config import Config
from .pipeline import Pipeline
from .types import Document

RSS_SAMPLE_SECONDS = 0.2


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------
def load_corpus(path: str | Path | None = None, config: Config | None = None) -> list[Document]:
    """Cleaned documents of a corpus (any input ``diplograph run`` reads); the bundled sample by default."""
    from .stages.ingest import ingest

    if path is None:
        from .sample import sample_path

        path = sample_path()
    return [d for d in ingest([str(path)], config or Config()) if isinstance(d, Document)]


def cycle_documents(base: Sequence[Document], n: int) -> Iterator[Document]:
    """``n`` documents cycling through ``base``; copies after the first round get ``#k`` doc_ids."""
    if not base:
        return
    for i, doc in enumerate(itertools.islice(itertools.cycle(base), n)):
        rnd = i // len(base)
        yield doc if rnd == 0 else dataclasses.replace(doc, doc_id=f"{doc.doc_id}#{rnd}")


def count_words(text: str) -> int:
    """Words as whitespace-separated tokens (the unit of every words/s figure here)."""
    return len(text.split())


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


# ---------------------------------------------------------------------------------------------
# Memory: resident set size of this process and all its descendants, sampled by a thread
# ---------------------------------------------------------------------------------------------
def _status_kb(pid: int, path: str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/{path}", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        kids = parents.get(todo.pop(), [])
        found.extend(kids)
        todo.extend(kids)
    return found


def tree_memory_mb(pid: int | None = None) -> tuple[float, float]:
    """(RSS, PSS) in MB summed over a process and its descendants.

    Summed RSS counts pages shared between processes (the forked model) once per process, an
    upper bound; PSS splits shared pages between their sharers, so its sum is the real footprint.
    """
    root = pid or os.getpid()
    if not Path("/proc").is_dir():  # not Linux: this process's peak only
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak
    pids = [root, *_descendants(root)]
    rss = sum(_status_kb(p, "status", "VmRSS:") for p in pids) / 1024
    pss = sum(_status_kb(p, "smaps_rollup", "Pss:") for p in pids) / 1024
    return rss, pss or rss


def tree_rss_mb(pid: int | None = None) -> float:
    """Summed RSS (MB) of a process and its descendants (see :func:`tree_memory_mb`)."""
    return tree_memory_mb(pid)[0]


class RssSampler:
    """Context manager sampling :func:`tree_memory_mb` in a thread; peaks and current values after."""

    def __init__(self, interval: float = RSS_SAMPLE_SECONDS) -> None:
        self.interval = interval
        self.peak_mb = self.current_mb = 0.0  # summed RSS
        self.peak_pss_mb = self.current_pss_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return

    def sample(self) -> float:
        self.current_mb, self.current_pss_mb = tree_memory_mb()
        self.peak_mb = max(self.peak_mb, self.current_mb)
        self.peak_pss_mb = max(self.peak_pss_mb, self.current_pss_mb)
        return self.current_mb

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def cpu_seconds() -> float:
    """CPU seconds (user + system) used so far by this process and its reaped children.

    Less sensitive than wall time to other jobs on a shared machine: words per CPU-second is
    the per-core speed, comparable between two passes measured minutes apart.
    """
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _reap_children(timeout: float = 10.0) -> None:
    """Wait for finished worker processes (spaCy's n_process ends its own with terminate)."""
    deadline = time.perf_counter() + timeout
    while mp.active_children() and time.perf_counter() < deadline:
        time.sleep(0.05)


def rusage_peaks_mb() -> dict[str, float]:
    """Peak RSS of this process and of its largest finished child (getrusage), in MB."""
    return {
        "self": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "largest_child": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


# ---------------------------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Totals:
    docs: int = 0
    words: int = 0
    sentences: int = 0
    parsed: int = 0
    events: int = 0
    mentions: int = 0
    parse_s: float = 0.0
    code_s: float = 0.0
    store_s: float = 0.0
    checkpoints: list[dict[str, float]] = field(default_factory=list)


def _code_into_store(engine: CodingEngine, docs: Iterable[Document], store: Any, batch_size: int,
                     on_batch: Callable[[_Totals], None] | None = None) -> _Totals:
    from .backends.local import write_coded

    totals = _Totals()
    for result in engine.code_batches(batched(docs, batch_size)):
        t0 = time.perf_counter()
        write_coded(store, result.coded)
        totals.store_s += time.perf_counter() - t0
        totals.docs += len(result.coded)
        totals.words += sum(count_words(c.doc.text) for c in result.coded)
        totals.sentences += result.sentences
        totals.parsed += result.parsed
        totals.events += sum(len(c.events) for c in result.coded)
        totals.mentions += sum(len(c.mentions) for c in result.coded)
        totals.parse_s += result.parse_s
        totals.code_s += result.code_s
        if on_batch:
            on_batch(totals)
    return totals


def ner_only_speed(texts: Sequence[str], *, model: str, workers: int = 1, batch_size: int = 64) -> dict[str, float]:
    """Words/s and docs/s of spaCy with only its NER component (tokenizer + ner, its own tok2vec)."""
    import spacy

    nlp = spacy.load(model)
    keep = {"ner"} | {name for name in nlp.pipe_names if name == "tok2vec" and _ner_listens(nlp)}
    nlp = spacy.load(model, exclude=[name for name in nlp.pipe_names if name not in keep])
    words = sum(count_words(t) for t in texts)
    _reap_children()
    c0, t0 = cpu_seconds(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=max(1, workers)):
        pass
    seconds = time.perf_counter() - t0
    _reap_children()
    cpu = cpu_seconds() - c0
    return {"seconds": round(seconds, 3), "words_per_s": round(words / seconds, 1),
            "cpu_s": round(cpu, 3), "words_per_cpu_s": round(words / cpu, 1) if cpu else 0.0,
            "articles_per_s": round(len(texts) / seconds, 2), "components": sorted(nlp.pipe_names)}


def _ner_listens(nlp: Any) -> bool:
    """True when the model's ner listens to the shared tok2vec (then NER-only needs it too)."""
    arch = nlp.get_pipe_config("ner").get("model", {}).get("tok2vec", {}).get("@architectures", "")
    return "Listener" in arch


def machine() -> dict[str, Any]:
    """Where the figures were measured."""
    mem_gb = None
    try:
        mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {"cpus": os.cpu_count(), "memory_gb": mem_gb, "python": platform.python_version(),
            "platform": platform.platform(terse=True)}


def run_benchmark(*, n_articles: int = 2000, workers: int = 2, input: str | Path | None = None,
                  batch_size: int = 64, db_path: str | Path | None = None, engine: Engine = "pool",
                  config: Config | None = None, ner_floor: bool = True,
                  pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Code ``n_articles`` documents into a fresh DuckDB and measure speed, stages and memory.

    Args:
        n_articles: documents to code (the corpus is cycled to this many).
        workers: worker processes.
        input: corpus file or folder (any format ``run`` reads); default the bundled sample.
        batch_size: documents per batch (pipeline batches and store writes).
        db_path: DuckDB file to create (must not exist); default a temporary file.
        engine: ``pool`` (a Pipeline per worker) or ``nprocess`` (spaCy's n_process in pass 2).
        config: pipeline configuration; defaults otherwise.
        ner_floor: also time the spaCy NER-only pass over the same texts.
        pipeline: an already loaded Pipeline to reuse (its nlp config must match ``engine``).

    Returns:
        One flat dict: ``articles_per_s``, ``sentences_per_s``, ``words_per_s``, ``ner_only_words_per_s``,
        ``ratio_to_ner_only``, ``peak_rss_mb``, ``stages_s``, counts, ``workers``, ``engine``, ``machine``.
    """
    from .store import Store

    config = config or Config()
    config = dataclasses.replace(config, nlp=dataclasses.replace(config.nlp, batch_size=batch_size))
    docs = list(cycle_documents(load_corpus(input, config), n_articles))
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        db = Path(db_path) if db_path else Path(tmp) / "bench.duckdb"
        with RssSampler() as rss, CodingEngine(config, workers=workers, engine=engine, pipeline=pipeline) as coder, \
                Store(db) as store:
            cpu0, t0 = cpu_seconds(), time.perf_counter()  # after loading: workers are ready
            totals = _code_into_store(coder, docs, store, batch_size)
            wall = time.perf_counter() - t0
            stored = store.stats().get("events")
        _reap_children()  # pool workers count once reaped
        cpu = cpu_seconds() - cpu0
        floor = ner_only_speed([d.text for d in docs], model=config.nlp.model, workers=workers,
                               batch_size=batch_size) if ner_floor else None
    return _result(totals, wall, cpu, coder.load_s, rss, floor, workers=workers, engine=coder.engine,
                   batch_size=batch_size, stored_events=stored)


def _result(t: _Totals, wall: float, cpu: float, load_s: float, rss: RssSampler, floor: dict[str, Any] | None, *,
            workers: int, engine: str, batch_size: int, stored_events: Any) -> dict[str, Any]:
    words_per_s = t.words / wall if wall else 0.0
    out: dict[str, Any] = {
        "n_articles": t.docs, "workers": workers, "engine": engine, "batch_size": batch_size,
        "sentences": t.sentences, "parsed_sentences": t.parsed,
        "parsed_fraction": round(t.parsed / t.sentences, 3) if t.sentences else None, "words": t.words, "events": t.events, "mentions": t.mentions,
        "stored_events": stored_events,
        "seconds": round(wall, 3), "load_s": round(load_s, 3),
        "articles_per_s": round(t.docs / wall, 2) if wall else 0.0,
        "sentences_per_s": round(t.sentences / wall, 1) if wall else 0.0,
        "words_per_s": round(words_per_s, 1),
        # parse and code are summed over workers (CPU-seconds of each stage); store runs in the parent
        "stages_s": {"parse": round(t.parse_s, 3), "actors_events": round(t.code_s, 3), "store": round(t.store_s, 3)},
        "peak_rss_mb": round(rss.peak_mb, 1), "peak_pss_mb": round(rss.peak_pss_mb, 1),
        "rusage_peak_mb": rusage_peaks_mb(),
        "ner_only_words_per_s": floor["words_per_s"] if floor else None,
        "ner_only_articles_per_s": floor["articles_per_s"] if floor else None,
        "ner_only_seconds": floor["seconds"] if floor else None,
        "ratio_to_ner_only": round(words_per_s / floor["words_per_s"], 3) if floor else None,
        "cpu_s": round(cpu, 3), "words_per_cpu_s": round(t.words / cpu, 1) if cpu > 0 else None,
        "ner_only_words_per_cpu_s": floor["words_per_cpu_s"] if floor else None,
        "cpu_ratio_to_ner_only": round(t.words / cpu / floor["words_per_cpu_s"], 3)
        if floor and cpu > 0 and floor["words_per_cpu_s"] else None,
        "machine": machine(),
    }
    return out


def memory_profile(*, checkpoints: Sequence[int] = (1000, 2000, 5000, 10000), workers: int = 2,
                   input: str | Path | None = None, batch_size: int = 64, engine: Engine = "pool",
                   max_seconds: float | None = None, config: Config | None = None) -> dict[str, Any]:
    """Stream documents through the engine into a fresh store; memory of the process tree at checkpoints.

    Documents are generated lazily (the corpus cycled), coded in batches and written, so memory
    should not grow with the number of documents. Stops at the last checkpoint or after
    ``max_seconds``.
    """
    from .store import Store

    config = config or Config()
    base = load_corpus(input, config)
    marks = sorted(checkpoints)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="diplograph-mem-") as tmp, RssSampler() as rss, \
            CodingEngine(config, workers=workers, engine=engine) as coder, Store(Path(tmp) / "mem.duckdb") as store:
        t0 = time.perf_counter()
        docs = _until(cycle_documents(base, marks[-1]), t0, max_seconds)

        def on_batch(totals: _Totals) -> None:
            while marks and totals.docs >= marks[0]:
                marks.pop(0)
                rows.append({"docs": totals.docs, "rss_mb": round(rss.sample(), 1), "pss_mb": round(rss.current_pss_mb, 1),
                             "parent_rss_mb": round(_status_kb(os.getpid(), "status", "VmRSS:") / 1024, 1),
                             "peak_rss_mb": round(rss.peak_mb, 1), "peak_pss_mb": round(rss.peak_pss_mb, 1),
                             "seconds": round(time.perf_counter() - t0, 1),
                             "db_mb": round(_file_mb(store.path) + _file_mb(store.path + ".wal"), 1)})

        totals = _code_into_store(coder, docs, store, batch_size, on_batch)
    return {"workers": workers, "engine": coder.engine, "documents": totals.docs, "checkpoints": rows,
            "peak_rss_mb": round(rss.peak_mb, 1), "peak_pss_mb": round(rss.peak_pss_mb, 1), "machine": machine()}


def _file_mb(path: str) -> float:
    try:
        return Path(path).stat().st_size / 2**20
    except OSError:
        return 0.0


def run_ray_benchmark(*, n_articles: int = 300, workers: int = 2, input: str | Path | None = None,
                      batch_size: int = 64, config: Config | None = None) -> dict[str, Any]:
    """Code ``n_articles`` documents with the Ray engine on a local Ray instance of ``workers`` CPUs.

    ``seconds`` runs from submitting the dataset to the last stored batch, so it includes each
    actor loading its Pipeline; ``first_batch_s`` is when the first coded batch came back.
    """
    from .backends.ray import code_partitions, ray_session, store_coded, write_document_partitions
    from .store import Store

    config = config or Config()
    docs = list(cycle_documents(load_corpus(input, config), n_articles))
    with tempfile.TemporaryDirectory(prefix="diplograph-raybench-") as tmp, RssSampler() as rss:
        write_document_partitions(docs, Path(tmp) / "documents", batch_size=batch_size)
        with ray_session(num_cpus=workers + 1), Store(Path(tmp) / "bench.duckdb") as store:
            t0 = time.perf_counter()
            first = None
            for n, coded in enumerate(code_partitions(Path(tmp) / "documents", config, workers=workers,
                                                      batch_size=batch_size)):
                first = first or time.perf_counter() - t0
                store_coded(store, coded, Path(tmp), run_id="bench", part=n)
            wall = time.perf_counter() - t0
            events = store.stats()["events"]
    words = sum(count_words(d.text) for d in docs)
    return {"engine": "ray", "n_articles": len(docs), "workers": workers, "seconds": round(wall, 3),
            "first_batch_s": round(first or 0.0, 3), "articles_per_s": round(len(docs) / wall, 2),
            "words_per_s": round(words / wall, 1), "events": events, "peak_rss_mb": round(rss.peak_mb, 1),
            "peak_pss_mb": round(rss.peak_pss_mb, 1), "machine": machine()}


def _until(docs: Iterator[Document], t0: float, max_seconds: float | None) -> Iterator[Document]:
    for doc in docs:
        if max_seconds is not None and time.perf_counter() - t0 > max_seconds:
            return
        yield doc


def format_table(result: dict[str, Any]) -> str:
    """A benchmark result as a two-column text table."""
    rows = [
        ("articles", result["n_articles"]), ("workers", f"{result['workers']} ({result['engine']})"),
        ("sentences", result["sentences"]), ("sentences parsed (prefilter kept)", result["parsed_sentences"]),
        ("words", result["words"]), ("events", result["events"]),
        ("wall seconds", result["seconds"]), ("model load seconds", result["load_s"]),
        ("articles/s", result["articles_per_s"]), ("sentences/s", result["sentences_per_s"]),
        ("words/s", result["words_per_s"]),
        *((f"stage {k} (s)", v) for k, v in result["stages_s"].items()),
        ("peak RSS, process tree (MB)", result["peak_rss_mb"]),
        ("peak PSS, process tree (MB)", result["peak_pss_mb"]),
        ("NER-only words/s", result["ner_only_words_per_s"]),
        ("NER-only articles/s", result["ner_only_articles_per_s"]),
        ("ratio to NER-only", result["ratio_to_ner_only"]),
        ("words per CPU-second", result["words_per_cpu_s"]),
        ("NER-only words per CPU-second", result["ner_only_words_per_cpu_s"]),
        ("ratio to NER-only, per CPU-second", result["cpu_ratio_to_ner_only"]),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {'-' if v is None else v}" for k, v in rows)

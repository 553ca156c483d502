"""Pipeline: builds the stages once from one Config and streams documents through them.

ingest -> clean -> dedup -> nlp -> actors -> events -> resolve -> store.
The CLI, the Python API, the Ray backend and the tests all call these same functions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .config import Config
from .types import Document, Event, Mention, ParsedDoc

if TYPE_CHECKING:
    from spacy.language import Language

    from .stages.actors import ActorLexicon
    from .stages.events import Enrichers
    from .stages.triggers import TriggerLexicon


@dataclass(frozen=True, slots=True)
class CodedDoc:
    """A document with its resolved mentions and coded events."""

    doc: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


def make_document(text: str, *, pubdate: str | None = None, doc_id: str | None = None) -> Document:
    """A Document from bare text (no cleaning): the id is the text's hash unless given."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
    return Document(doc_id=doc_id or f"sha1:{digest[:16]}", text=text, pubdate=pubdate, content_hash=digest)


class Pipeline:
    """Holds the heavy shared objects (spaCy model, lexicons) and runs the coding stages.

    Everything heavy is built lazily, once, on first use; the object holds no other state, so
    one Pipeline can code any number of documents.

    Examples:
        >>> events = Pipeline().code_text("India and Japan signed a defence pact.", pubdate="2024-03-01")
        >>> [(e.event, e.actor.code, e.recipient.code) for e in events]
        [('SUPPORT', 'IND', 'JPN')]
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()

    # -- heavy objects, built once -------------------------------------------------------
    @cached_property
    def actor_lexicon(self) -> ActorLexicon:
        from .stages.actors import ActorLexicon

        return ActorLexicon.load(extra=self.config.actors.lexicons)

    @cached_property
    def trigger_lexicon(self) -> TriggerLexicon:
        from .stages.triggers import TriggerLexicon

        return TriggerLexicon.load(extra=self.config.events.verb_lexicons)

    @cached_property
    def nlp(self) -> Language:
        from .stages.nlp import load_nlp

        return load_nlp(self.config.nlp, self.actor_lexicon.ruler_patterns())

    @cached_property
    def enrichers(self) -> Enrichers:
        from .stages.dates import find_dates, resolve_date
        from .stages.derive import Reference
        from .stages.domains import DomainLexicon
        from .stages.events import Enrichers
        from .stages.geo import Gazetteer

        return Enrichers(
            resolve_date=resolve_date,
            find_dates=find_dates,
            gazetteer=Gazetteer.load(),
            domains=DomainLexicon.load(extra=self.config.events.domain_lexicons),
            reference=Reference.load(),
            names=self.actor_lexicon.names,
        )

    # -- stages ----------------------------------------------------------------------------
    def parse(self, docs: Iterable[Document]) -> Iterator[ParsedDoc]:
        from .stages.nlp import parse_documents

        return parse_documents(self.nlp, docs, self.config.nlp, prefilter=self.prefilter, attributes=self.attributes)

    @cached_property
    def attributes(self) -> Any:
        """POS and lemmas as a lookup table (None when ``[nlp] attribute_table = false``)."""
        if not self.config.nlp.attribute_table:
            return None
        from .stages.nlp import TokenAttributes

        return TokenAttributes(self.nlp)

    @cached_property
    def prefilter(self) -> Any:
        """The sentence triage (None when ``[nlp] prefilter = false``), built once, not per batch."""
        if not self.config.nlp.prefilter:
            return None
        from .stages.nlp import SentencePrefilter

        return SentencePrefilter.from_lexicon(self.trigger_lexicon, self.nlp)

    def code_parsed(self, pdoc: ParsedDoc) -> CodedDoc:
        """actors -> events for one parsed document."""
        from .stages.actors import resolve_mentions
        from .stages.events import code_events

        gazetteer = self.enrichers.gazetteer
        mentions = resolve_mentions(pdoc, self.actor_lexicon, self.config.actors,
                                    is_place=gazetteer.lookup if gazetteer is not None else None)
        events = code_events(pdoc, mentions, self.trigger_lexicon, self.enrichers, self.config.events)
        return CodedDoc(pdoc.doc, tuple(mentions), tuple(events))

    def code_documents(self, docs: Iterable[Document]) -> Iterator[CodedDoc]:
        """Code documents (already cleaned) in a stream; order is kept."""
        for pdoc in self.parse(docs):
            yield self.code_parsed(pdoc)

    def code_text(self, text: str, pubdate: str | None = None, doc_id: str | None = None) -> list[Event]:
        """Code one text; returns its events."""
        doc = make_document(text, pubdate=pubdate, doc_id=doc_id)
        return list(next(self.code_documents([doc])).events)


def with_sources(events: Iterable[Event]) -> list[Event]:
    """Fill ``sources`` with the event's own document when no merging happened."""
    return [e if e.sources else replace(e, sources=(e.doc_id,)) for e in events]

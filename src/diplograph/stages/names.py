"""Names the actor gazetteer lacks, read off the parse instead of a statistical NER.

The tagger already marks proper nouns (NNP/NNPS), so an unknown name is a run of them: "Kassym -
Jomart Tokayev", "Reuters", "Almaty". :func:`name_runs` finds the runs a sentence's gazetteer
pieces leave, :func:`guess_label` gives each the label the actor stage expects from a NER (PERSON,
ORG, or GPE for the object of a place preposition), and :func:`name_at` gives the run around one
token (the event stage's place names). Running spaCy's NER on every parsed sentence cost as much
as tagging and parsing together; this costs nothing and codes the same events on our gold files
(``[nlp] ner = true`` brings the model back). The word lists are data: ``lexicons/names.yaml``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from ..errors import LexiconError
from ..types import Token

PROPER_TAGS = frozenset({"NNP", "NNPS"})
HYPHENS = frozenset({"-", "\u2010", "\u2011"})


@dataclass(frozen=True, slots=True)
class NameLexicon:
    """The word lists of ``lexicons/names.yaml`` (format documented there), lower-cased."""

    place_prepositions: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    travel_words: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: str | Path | None = None) -> NameLexicon:
        """The built-in lists, or those of ``path``."""
        if path is None:
            text = resources.files("diplograph").joinpath("lexicons/names.yaml").read_text(encoding="utf-8")
            where = "lexicons/names.yaml"
        else:
            text, where = Path(path).read_text(encoding="utf-8"), str(path)
        data = yaml.safe_load(text) or {}
        fields = set(cls.__dataclass_fields__)
        if not isinstance(data, dict) or set(data) - fields:
            raise LexiconError(f"{where}: expected a mapping with the keys {sorted(fields)}")
        return cls(**{key: frozenset(str(w).lower() for w in data.get(key) or ()) for key in fields})

    def is_name_word(self, tok: Token) -> bool:
        """A proper noun that can be part of a name (not a weekday or month; starts with a capital)."""
        return tok.tag in PROPER_TAGS and tok.text[:1].isupper() and tok.text.lower() not in self.not_names


def name_runs(tokens: Sequence[Token], taken: Collection[int], names: NameLexicon) -> Iterable[tuple[int, int]]:
    """(start, end) of each run of proper nouns outside ``taken`` (tokens already given to pieces).

    Hyphens and name particles ("bin", "von der") join two proper nouns into one run.
    """
    i, n = 0, len(tokens)
    while i < n:
        if i in taken or not names.is_name_word(tokens[i]):
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < n and j not in taken:
            if names.is_name_word(tokens[j]):
                end = j
            elif not (_joins(tokens[j], names) and j + 1 < n and j + 1 not in taken):
                break
            j += 1
        yield start, end + 1
        i = end + 1


def _joins(tok: Token, names: NameLexicon) -> bool:
    return (tok.text in HYPHENS and not tok.ws) or tok.text.lower() in names.name_particles


def name_at(tokens: Sequence[Token], i: int, names: NameLexicon) -> tuple[int, int] | None:
    """The run of proper nouns that token ``i`` belongs to, or None if it is not a name word."""
    if not names.is_name_word(tokens[i]):
        return None
    for start, end in name_runs(tokens, (), names):
        if start <= i < end:
            return start, end
    return None


def guess_label(tokens: Sequence[Token], start: int, end: int, names: NameLexicon, *,
                after_title: bool = False) -> str:
    """The NER label a run would get: GPE, ORG, PERSON or MISC (see ``lexicons/names.yaml``).

    ``after_title``: the run directly follows an office or title ("President ...").
    """
    words = [t for t in tokens[start:end] if t.text not in HYPHENS]
    last = tokens[end - 1]
    head = tokens[last.head] if 0 <= last.head < len(tokens) else last
    if last.dep == "pobj" and head.text.lower() in names.place_prepositions:
        return "GPE"
    if last.dep == "pobj" and head.text.lower() == "to" and 0 <= head.head < len(tokens) \
            and tokens[head.head].lemma.lower() in names.travel_words:
        return "GPE"  # "a visit to Gujarat", "flew to Almaty"
    if last.dep == "pobj" and head.text.lower() == "of" and 0 <= head.head < len(tokens) \
            and tokens[head.head].lemma.lower() in names.place_nouns:
        return "GPE"  # "the town of Zalambessa", "the province of Idlib"
    if last.dep in ("compound", "amod", "nmod") and head.tag in ("NN", "NNS") and not start <= last.head < end:
        return "MISC"  # a modifier of a common noun: "Tomahawk missiles", "the Mumbai-Ahmedabad line"
    before = tokens[start - 1] if start > 0 else None
    if any(t.text.lower() in names.organisation_words for t in words):
        # "the Fund", "the Council": a definite description of an organisation named before
        return "MISC" if len(words) == 1 and before is not None and before.text.lower() == "the" else "ORG"
    capitalised = [t for t in words if t.text[:1].isupper()]
    role_noun = before is not None and before.tag in ("NN", "NNS") and before.text.islower()
    if len(capitalised) >= 2 or after_title or role_noun:
        return "PERSON"
    # one word: an acronym is an organisation; otherwise most likely a surname ("Brunson was told"),
    # which "he"/"she" may then refer to (an organisation taken for a person only stays uncoded)
    return "ORG" if words and words[0].text.isupper() else "PERSON"

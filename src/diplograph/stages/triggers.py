"""The trigger lexicon: data file entries (``lexicons/verbs.yaml``) loaded into a lookup index.

See the header of ``verbs.yaml`` for the format. User files in the same format extend or override
the built-in entries (same lemma + pos + objects + event = same entry).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import LexiconError
from ..types import EVENT_TYPES, Sentence
from .names import HYPHENS

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"
COMPLEMENTS = (None, "intend", "drop", "negate", "consider")
STATUS_CLASSES = ("intended", "considered", "negated", "hypothetical")
ENTRY_KEYS = frozenset({
    "lemma", "event", "pos", "mode", "objects", "prep", "recipient", "symmetric", "complement",
    "implicit_recipient", "needs_recipient", "needs_verb", "not_if_object", "only_if_subject",
    "recipient_from_object", "mode_if", "reverse", "needs_complement", "or_named",
})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger entry: a lemma (with optional object/preposition) and how to code it."""

    lemma: str
    event: str
    pos: str = "VERB"
    mode: str | None = None
    objects: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ("dobj",)
    symmetric: bool = False
    complement: str | None = None
    implicit_recipient: str | None = None
    needs_recipient: bool = True
    needs_verb: tuple[str, ...] = ()
    or_named: str | None = None  # nouns: "doer" / "target": a named party stands in for needs_verb
    not_if_object: tuple[str, ...] = ()
    only_if_subject: tuple[str, ...] = ()
    recipient_from_object: bool = False
    mode_if: tuple[tuple[str, tuple[str, ...]], ...] = ()
    reverse: bool = False
    needs_complement: bool = False  # only with a to-clause: "told Denmark to withdraw", not "told reporters"
    source: str = "builtin"

    @property
    def key(self) -> tuple[str, str, tuple[str, ...], str]:
        return (self.lemma, self.pos, self.objects, self.event)


@dataclass(frozen=True, slots=True)
class Modality:
    """Words that give an embedded action its status (section 4 of EVENTS.md)."""

    verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # status -> lemmas
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    aux: dict[str, frozenset[str]] = field(default_factory=dict)
    attributive: dict[str, frozenset[str]] = field(default_factory=dict)  # "the planned visit"
    neg: frozenset[str] = frozenset()
    marks: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Evaluation:
    """"X called Y unacceptable", "described the talks as useful": the describing words decide the event."""

    verbs: frozenset[str] = frozenset()
    readings: tuple[tuple[Trigger, frozenset[str]], ...] = ()  # (how to code it, describing words)
    feelings: frozenset[str] = frozenset()  # "X is concerned that/about Y ...": X disapproves of Y

    def reading(self, words: set[str]) -> Trigger | None:
        """The first reading one of whose words describes the object."""
        return next((t for t, cues in self.readings if cues & words), None)


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """Trigger entries indexed by (pos, lemma), plus the modality words."""

    index: dict[tuple[str, str], tuple[Trigger, ...]]
    modality: Modality
    reporting_verbs: frozenset[str] = frozenset()  # "X said Y attacked Z": X accuses Y
    alleged_acts: frozenset[str] = frozenset()
    attributions: frozenset[str] = frozenset()  # "X said Y was behind / responsible for it": X accuses Y
    evidence_nouns: frozenset[str] = frozenset()  # "found evidence that Y attacked ...": a reported act
    evaluation: Evaluation = field(default_factory=lambda: Evaluation())
    offtopic: frozenset[str] = frozenset()  # words of sport reports: such a sentence codes no event
    nouns: frozenset[str] = frozenset()  # noun lemmas and light-verb objects the entries match ("ceasefire")

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> TriggerLexicon:
        """Load ``verbs.yaml`` then each user file; later entries with the same key win."""
        entries: dict[tuple[str, str, tuple[str, ...], str], Trigger] = {}
        modality_data: dict[str, Any] = {}
        reporting: set[str] = set()
        acts: set[str] = set()
        attributions: set[str] = set()
        evidence_nouns: set[str] = set()
        eval_verbs: set[str] = set()
        feelings: set[str] = set()
        readings: dict[tuple[str, str | None], set[str]] = {}
        offtopic: set[str] = set()
        for path in (LEXICON_DIR / "verbs.yaml", *map(Path, extra)):
            data = _read_yaml(path)
            for number, raw in enumerate(data.get("triggers") or [], start=1):
                for trigger in _parse_entry(raw, path, number):
                    entries[trigger.key] = trigger
            allegation = data.get("allegation") or {}
            reporting.update(str(v).lower() for v in allegation.get("reporting_verbs") or ())
            acts.update(str(v).upper() for v in allegation.get("acts") or ())
            attributions.update(_as_tuple(allegation.get("attributions")))
            evidence_nouns.update(_as_tuple(allegation.get("evidence_nouns")))
            offtopic.update(_as_tuple(data.get("offtopic")))
            evaluation = data.get("evaluation") or {}
            eval_verbs.update(_as_tuple(evaluation.get("verbs")))
            feelings.update(_as_tuple(evaluation.get("feelings")))
            for number, raw in enumerate(evaluation.get("readings") or [], start=1):
                event, mode, words = _parse_reading(raw, path, number)
                readings.setdefault((event, mode), set()).update(words)
            for status, words in (data.get("modality") or {}).items():
                merged = modality_data.setdefault(status, {})
                for kind, values in (words or {}).items():
                    merged.setdefault(kind, set()).update(str(v).lower() for v in values)
        index: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in entries.values():
            index.setdefault((trigger.pos, trigger.lemma), []).append(trigger)
        nouns = {lemma for (pos, lemma) in index if pos == "NOUN"} | {o for t in entries.values() for o in t.objects}
        return cls(index={k: tuple(v) for k, v in index.items()}, modality=_modality(modality_data),
                   nouns=frozenset(nouns),
                   reporting_verbs=frozenset(reporting), alleged_acts=frozenset(acts),
                   attributions=frozenset(attributions), evidence_nouns=frozenset(evidence_nouns),
                   offtopic=frozenset(offtopic), evaluation=Evaluation(frozenset(eval_verbs), tuple(
                       (Trigger(lemma="(evaluation)", event=e, mode=m), frozenset(w)) for (e, m), w in readings.items()),
                       frozenset(feelings)))

    def lookup(self, pos: str, lemma: str) -> tuple[Trigger, ...]:
        return self.index.get((pos, lemma), ())

    def lemmas(self) -> frozenset[str]:
        """Every trigger lemma (for the cheap sentence prefilter)."""
        return frozenset(lemma for _, lemma in self.index)


def join_hyphenated(sent: Sentence, nouns: frozenset[str]) -> Sentence:
    """A compound the tokenizer split at its hyphen ("cease - fire", "build - up") gets, on its last
    token, the lemma of the whole word when the lexicon knows it ("ceasefire", "build-up"), so the
    entries for the solid spelling match the hyphenated one. Other tokens are unchanged."""
    tokens = sent.tokens
    if not any(t.text in HYPHENS for t in tokens[1:-1]):
        return sent
    new = list(tokens)
    for i in range(1, len(tokens) - 1):
        left, hyphen, right = tokens[i - 1], tokens[i], tokens[i + 1]
        if hyphen.text not in HYPHENS or left.ws or hyphen.ws:
            continue
        first = left.text.lower()
        for last in dict.fromkeys((right.lemma.lower(), right.text.lower())):
            word = next((w for w in (first + last, f"{first}-{last}") if w in nouns), None)
            if word is not None:
                pos = right.pos if right.pos in ("NOUN", "PROPN", "VERB") else "NOUN"
                new[i + 1] = replace(right, lemma=word, pos=pos)
                break
    return replace(sent, tokens=tuple(new))


class _WordLoader(yaml.SafeLoader):
    """YAML 1.1 reads bare on/off/yes/no as booleans; in a word list they are words ("call on", "no")."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_WordLoader) or {}  # noqa: S506 - SafeLoader
    except (OSError, yaml.YAMLError) as err:
        raise LexiconError(f"trigger lexicon {path}: cannot read: {err}") from err
    if not isinstance(data, dict):
        raise LexiconError(f"trigger lexicon {path}: expected a mapping with 'triggers:' and 'modality:'")
    return data


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).lower() for v in value)
    return (str(value).lower(),)


def _parse_entry(raw: Any, path: Path, number: int) -> list[Trigger]:
    where = f"trigger lexicon {path}, entry {number}"
    if not isinstance(raw, dict) or "lemma" not in raw or "event" not in raw:
        raise LexiconError(f"{where}: needs 'lemma' and 'event' (e.g. {{lemma: meet, event: CONSULT}})")
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; known: {sorted(ENTRY_KEYS)}")
    event = str(raw["event"]).upper()
    if event not in EVENT_TYPES:
        raise LexiconError(f"{where}: unknown event {event!r}; use one of {', '.join(EVENT_TYPES)}")
    if raw.get("or_named") not in (None, "doer", "target"):
        raise LexiconError(f"{where}: or_named must be 'doer' or 'target', not {raw.get('or_named')!r}")
    complement = raw.get("complement")
    if complement not in COMPLEMENTS:
        raise LexiconError(f"{where}: complement must be one of {COMPLEMENTS[1:]}, not {complement!r}")
    mode_if = tuple((str(k), _as_tuple(v)) for k, v in (raw.get("mode_if") or {}).items())
    common = dict(
        event=event, pos=str(raw.get("pos", "VERB")).upper(), mode=raw.get("mode"),
        objects=_as_tuple(raw.get("objects")), prep=_as_tuple(raw.get("prep")),
        recipient=_as_tuple(raw.get("recipient", ["dobj"])), symmetric=bool(raw.get("symmetric", False)),
        complement=complement, implicit_recipient=raw.get("implicit_recipient"),
        needs_recipient=bool(raw.get("needs_recipient", True)), needs_verb=_as_tuple(raw.get("needs_verb")),
        or_named=raw.get("or_named"),
        not_if_object=_as_tuple(raw.get("not_if_object")), only_if_subject=_as_tuple(raw.get("only_if_subject")),
        recipient_from_object=bool(raw.get("recipient_from_object", False)), mode_if=mode_if,
        reverse=bool(raw.get("reverse", False)), needs_complement=bool(raw.get("needs_complement", False)),
        source=str(path),
    )
    return [Trigger(lemma=lemma, **common) for lemma in _as_tuple(raw["lemma"])]  # type: ignore[arg-type]


def _parse_reading(raw: Any, path: Path, number: int) -> tuple[str, str | None, tuple[str, ...]]:
    where = f"trigger lexicon {path}, evaluation reading {number}"
    if not isinstance(raw, dict) or "event" not in raw or "words" not in raw:
        raise LexiconError(f"{where}: needs 'event' and 'words' (e.g. {{event: ACCUSE, mode: disapprove, words: [unacceptable]}})")
    event = str(raw["event"]).upper()
    if event not in EVENT_TYPES:
        raise LexiconError(f"{where}: unknown event {event!r}; use one of {', '.join(EVENT_TYPES)}")
    return event, raw.get("mode"), _as_tuple(raw["words"])


def _modality(data: dict[str, dict[str, set[str]]]) -> Modality:
    def by_kind(kind: str) -> dict[str, frozenset[str]]:
        return {status: frozenset(words.get(kind, ())) for status, words in data.items() if status in STATUS_CLASSES}

    return Modality(
        verbs=by_kind("verbs"), adjectives=by_kind("adjectives"), nouns=by_kind("nouns"), aux=by_kind("aux"),
        attributive=by_kind("attributive"),
        neg=frozenset(data.get("negated", {}).get("neg", ())),
        marks=frozenset(data.get("hypothetical", {}).get("marks", ())),
    )

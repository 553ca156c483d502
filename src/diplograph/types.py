"""Plain records passed between pipeline stages.

Every record is a frozen dataclass: picklable (for process pools and Ray), cheap to build in
tests, and free of spaCy objects. Field names and values follow ``shared/spec/EVENTS.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["asserted", "intended", "considered", "negated", "hypothetical"]
STATUSES: tuple[Status, ...] = ("asserted", "intended", "considered", "negated", "hypothetical")

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

QuarantineReason = Literal[
    "empty", "binary", "bad_encoding", "oversized", "malformed_json", "malformed_csv",
    "missing_text", "unreadable", "unsupported", "html_no_text",
]

MentionKind = Literal["state", "capital", "person", "igo", "body", "role", "group", "pronoun", "unknown"]


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record before cleaning: where it came from and what it carries."""

    source: str  # file path, "-" for stdin
    line: int | None = None  # 1-based line/row in the source for JSONL/CSV, else None
    text: str | None = None  # plain text body (txt, jsonl/csv text field)
    html: str | None = None  # raw HTML (html files, or jsonl records whose text is HTML)
    doc_id: str | None = None  # id given by the input
    title: str | None = None
    pubdate: str | None = None  # as given by the input (any format); cleaning normalises it
    url: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: the unit that gets coded. Offsets in evidence point into ``text``."""

    doc_id: str
    text: str
    pubdate: str | None = None  # YYYY-MM-DD
    title: str | None = None
    url: str | None = None
    source: str | None = None  # input path (and line) it came from
    content_hash: str = ""  # sha1 of the whitespace-normalised text
    removed: tuple[str, ...] = ()  # lines/fragments removed by cleaning (for `clean --json`)
    minhash: tuple[int, ...] = ()  # MinHash signature of the text's shingles (near-duplicate detection)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A document that repeats an earlier one, exactly or nearly."""

    doc_id: str
    original_id: str
    kind: Literal["exact", "near"]
    similarity: float
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Quarantined:
    """An input that could not become a document, and why. Nothing is dropped silently."""

    source: str
    reason: QuarantineReason
    detail: str = ""
    line: int | None = None
    doc_id: str | None = None

    def message(self) -> str:
        """One line for stderr, naming the input and the reason."""
        where = self.source + (f":{self.line}" if self.line is not None else "")
        return f"quarantined {where}: {self.reason}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor or recipient as EVENTS.md section 2 defines it."""

    code: str
    sector: str | None = None
    text: str = ""
    wikidata: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "sector": self.sector, "text": self.text}
        if self.wikidata:
            out["wikidata"] = self.wikidata
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """A resolved (or unresolvable) mention of an actor in a document."""

    doc_id: str
    sent: int  # sentence index in the document
    start: int  # char offset into Document.text
    end: int
    text: str
    code: str | None  # ISO3, IGO:XXX, or None when unresolved
    sector: str | None
    kind: MentionKind
    rule: str  # lexicon entry / rule that resolved it, e.g. "states:KOR", "role:counterpart"
    by_context: bool = False  # resolved from context (role, pronoun, surname, ambiguity)
    tok_start: int = 0  # token span within the sentence
    tok_end: int = 0
    office: str | None = None  # for people and roles: "president", "foreign_minister", ...


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event (EVENTS.md section 1)."""

    id: str
    doc_id: str
    event: str
    status: Status
    actor: Entity
    evidence: Evidence
    recipient: Entity | None = None
    mode: str | None = None
    date: str | None = None
    date_text: str | None = None
    location: Location | None = None
    domains: tuple[str, ...] = ()
    group: str | None = None
    plover_event: str | None = None
    quad_class: int | None = None
    cameo: str | None = None
    goldstein: float | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    sent: int = 0  # sentence index of the evidence (not part of the JSON contract)
    anaphoric: bool = False  # a party is named by reference ("the two leaders", "he"): may restate an event

    def to_dict(self) -> dict[str, Any]:
        """The event as a JSON-ready dict in the format of EVENTS.md."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "event": self.event,
            "status": self.status,
            "actor": self.actor.to_dict(),
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "mode": self.mode,
            "date": self.date,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "domains": list(self.domains),
            "evidence": self.evidence.to_dict(),
            "group": self.group,
            "plover_event": self.plover_event,
            "quad_class": self.quad_class,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "sources": list(self.sources) or [self.doc_id],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """Inverse of :meth:`to_dict` (also reads gold events)."""
        rec = d.get("recipient")
        loc = d.get("location")
        ev = d.get("evidence") or {"text": "", "start": 0, "end": 0}
        return cls(
            id=str(d.get("id", "")),
            doc_id=str(d.get("doc_id", "")),
            event=d["event"],
            status=d.get("status") or "asserted",
            actor=Entity(**{k: d["actor"].get(k) for k in ("code", "sector", "text") if k in d["actor"]}),
            recipient=Entity(**{k: rec.get(k) for k in ("code", "sector", "text") if k in rec}) if rec else None,
            mode=d.get("mode"),
            date=d.get("date"),
            date_text=d.get("date_text"),
            location=Location(**{k: loc.get(k) for k in ("name", "country", "lat", "lon", "geonames_id") if k in loc})
            if loc
            else None,
            domains=tuple(d.get("domains") or ()),
            evidence=Evidence(ev.get("text", ""), int(ev.get("start", 0)), int(ev.get("end", 0))),
            group=d.get("group"),
            plover_event=d.get("plover_event"),
            quad_class=d.get("quad_class"),
            cameo=d.get("cameo"),
            goldstein=d.get("goldstein"),
            sources=tuple(d.get("sources") or ()),
        )


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a sentence, copied out of spaCy. ``head`` and ``i`` index the sentence's tokens."""

    i: int
    text: str
    idx: int  # char offset into Document.text
    lemma: str = ""
    pos: str = ""
    tag: str = ""
    dep: str = ""
    head: int = 0  # the root points to itself
    ws: bool = True  # followed by whitespace

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(frozen=True, slots=True)
class EntSpan:
    """A named-entity span of a sentence (model NER or the actor gazetteer)."""

    start: int  # token index in the sentence
    end: int  # exclusive
    label: str  # spaCy label: PERSON, GPE, ORG, NORP, DATE, ...
    ent_id: str = ""  # gazetteer entry id (empty for model-only entities)
    text: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its tokens. ``parsed`` is False when the prefilter skipped the parser."""

    index: int
    start: int  # char offset into Document.text
    end: int
    text: str
    tokens: tuple[Token, ...]
    ents: tuple[EntSpan, ...] = ()
    parsed: bool = True


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """A document after the nlp stage: plain data, no spaCy objects."""

    doc: Document
    sentences: tuple[Sentence, ...]

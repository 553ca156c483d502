"""The actor stage: resolve every mention of a state, capital, person, body or organization to a code.

Stages, per sentence and in document order:
1. match the gazetteer (our YAML/CSV lexicons) on the sentence's tokens, longest match first;
2. add the model's PERSON/ORG entities the gazetteer does not cover (surnames seen earlier resolve);
3. compose adjacent pieces into one mention ("India's External Affairs Minister", "Indian troops",
   "President Barack Obama", "his South Korean counterpart");
4. resolve what is left by context (roles, "the country", "the two leaders", ambiguous names) and
   people by the document's publication date against their terms of office.

The lexicon is plain data (``lexicons/actors/*.yaml|csv``, schema in the README next to them); users
add or override entries with their own files (``ActorLexicon.load(extra=[...])``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from ..config import ActorConfig
from ..errors import LexiconError
from ..types import Mention, MentionKind, ParsedDoc, Sentence, Token
from .names import NameLexicon, guess_label, name_runs

BUILTIN_DIR = Path(__file__).resolve().parents[1] / "lexicons" / "actors"
BUILTIN_FILES = (
    "states.yaml", "armed_groups.yaml", "igos.yaml", "bodies.yaml", "groups.yaml", "agents.yaml",
    "context.yaml", "people_petrarch.csv", "people.csv",
)
SECTORS = frozenset("GOV MIL LEG JUD COP SPY PTY OPP REB BUS MED EDU CVL REL HLH IGO".split())
Section = Literal["states", "people", "igos", "bodies", "groups", "agents", "offices", "together",
                  "pointers", "nonactors"]
SECTION_KEYS: Mapping[str, frozenset[str]] = {
    "states": frozenset({"id", "code", "names", "abbreviations", "adjectives", "capitals", "seats", "prefixes"}),
    "people": frozenset({"id", "name", "aliases", "terms"}),
    "igos": frozenset({"id", "names", "summit", "key"}),
    "bodies": frozenset({"id", "code", "sector", "names"}),
    "groups": frozenset({"id", "code", "sector", "names"}),
    "agents": frozenset({"id", "sector", "names", "no_context"}),
    "offices": frozenset({"id", "office", "sector", "names", "context_only", "no_context"}),
    "together": frozenset({"id", "names"}),
    "pointers": frozenset({"id", "sector", "names"}),
    "nonactors": frozenset({"label", "names"}),
}
CODE_RE = re.compile(r"^(?:[A-Z]{3}|IGO:[A-Z0-9_]+)(?:\|[A-Z]{3})*$")  # "A|B|C": a named coalition of states
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# tie-break between equally long matches: earlier wins
SECTION_PRIORITY: tuple[str, ...] = ("nonactors", "people", "igos", "bodies", "groups", "states", "together",
                                     "pointers", "offices", "agents")
CASE_FREE = frozenset({"bodies", "agents", "together", "pointers"})  # multiword names match in any case
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
MODIFIERS = frozenset({"former", "then", "-", "acting", "new", "top", "senior", "outgoing", "incoming", "current",
                       "incumbent", "interim", "caretaker", "ex", "chief", "newly", "elected", "deputy", "the"})
FORMER = frozenset({"former", "ex", "ex-", "erstwhile", "late"})
HONORIFICS = frozenset({"Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs", "Dr.", "Dr", "Miss", "Sir"})
MODEL_LABELS = frozenset({"PERSON", "ORG"})


# ---------------------------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office: code and sector the person acts for, from/to dates (YYYY-MM[-DD])."""

    code: str
    sector: str | None
    office: str | None
    start: str | None = None
    end: str | None = None

    def covers(self, day: str) -> bool:
        return (self.start is None or _pad(self.start) <= day) and (self.end is None or day < _pad(self.end))


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon record: a state, person, IGO, body, group, agent noun, office, phrase or non-actor."""

    section: str
    id: str
    code: str | None = None
    sector: str | None = None
    office: str | None = None
    label: str | None = None
    names: tuple[tuple[str, str], ...] = ()  # (surface, form): name/abbreviation/adjective/capital/seat/prefix/alias
    terms: tuple[Term, ...] = ()
    summit: bool = False
    context_only: bool = False
    no_context: bool = False  # a generic role ("a spokesman"): unresolved unless its own phrase names the state
    source: str = ""  # file:line it was read from

    @property
    def key(self) -> tuple[str, str]:
        return (self.section, self.id)


@dataclass(frozen=True, slots=True)
class Cue:
    code: str | None
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """An ambiguous name: default code, context cues, and whether a first name before it makes a person."""

    alias: str
    default: str | None
    cues: tuple[Cue, ...] = ()
    person_if_name_before: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class Alias:
    surface: str
    key: tuple[str, str]
    form: str
    case_free: bool


@dataclass(frozen=True)
class ActorLexicon:
    """All actor lexicon entries, indexed for matching. Build with :meth:`load`."""

    entries: Mapping[tuple[str, str], Entry]
    ambiguous: Mapping[str, Ambiguity]
    index: Mapping[str, tuple[Alias, ...]] = field(repr=False)
    files: tuple[str, ...] = ()
    names: NameLexicon = field(default_factory=NameLexicon, repr=False)  # unknown names off the parse

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> ActorLexicon:
        """Load the built-in lexicons, then user files; a later entry with the same section and id wins.

        Args:
            extra: user lexicon files (YAML with the sections of the built-ins, or a people CSV).

        Returns:
            The lexicon. Nothing is cached globally: call once and pass it around.

        Raises:
            LexiconError: a file is missing or malformed; the message names file and line.
        """
        paths = [BUILTIN_DIR / name for name in BUILTIN_FILES] + [Path(p) for p in extra]
        entries: dict[tuple[str, str], Entry] = {}
        ambiguous: dict[str, Ambiguity] = {}
        for path in paths:
            new_entries, new_ambiguous = read_lexicon_file(path)
            entries.update({e.key: e for e in new_entries})
            ambiguous.update({a.alias: a for a in new_ambiguous})
        return cls(entries=entries, ambiguous=ambiguous, index=_build_index(entries.values()),
                   files=tuple(str(p) for p in paths), names=NameLexicon.load())

    def get(self, key: tuple[str, str]) -> Entry:
        return self.entries[key]

    def count(self, section: str) -> int:
        """Number of entries in a section (``states``, ``people``, ``igos``, ...)."""
        return sum(1 for s, _ in self.entries if s == section)

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """spaCy EntityRuler patterns: case-sensitive phrase patterns, one per name, plus date fixes.

        Labels: GPE for states, capitals and seats; NORP for adjectives/demonyms; PERSON for people;
        ORG for IGOs, bodies and groups; LOC/GPE/NONACTOR for non-actors (so the model does not take
        "Unlock" for a PERSON). Agent nouns and offices are not entities and get no pattern.
        """
        patterns: list[dict[str, Any]] = []
        seen: set[str] = set()
        ordered = sorted(self.entries.values(), key=lambda e: SECTION_PRIORITY.index(e.section))
        for entry in ordered:  # one pattern per surface: the entry that wins in resolve_mentions
            for surface, form in entry.names:
                label = _ruler_label(entry, form)
                for variant in _surface_variants(surface, entry.section) if label else ():
                    if variant not in seen:
                        seen.add(variant)
                        patterns.append({"label": label, "pattern": variant, "id": f"{entry.section}:{entry.id}"})
        return patterns + DATE_PATTERNS


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
          "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]
DATE_PATTERNS: list[dict[str, Any]] = [  # "21 Dec 2023" is one DATE (the small model splits it)
    {"label": "DATE", "id": "date", "pattern": [{"IS_DIGIT": True, "LENGTH": {"<=": 2}},
                                                 {"LOWER": {"IN": MONTHS}}, {"IS_PUNCT": True, "OP": "?"},
                                                 {"IS_DIGIT": True, "LENGTH": 4}]},
    {"label": "DATE", "id": "date", "pattern": [{"LOWER": {"IN": MONTHS}}, {"IS_DIGIT": True, "LENGTH": {"<=": 2}},
                                                 {"IS_PUNCT": True, "OP": "?"}, {"IS_DIGIT": True, "LENGTH": 4}]},
]


def _ruler_label(entry: Entry, form: str) -> str | None:
    if entry.section == "states":
        return None if form == "prefix" else ("NORP" if form == "adjective" else "GPE")
    if entry.section == "people":
        return "PERSON"
    if entry.section in ("igos", "bodies", "groups"):
        return "ORG"
    if entry.section == "nonactors":
        return entry.label or "NONACTOR"
    return None


def _surface_variants(surface: str, section: str) -> list[str]:
    out = [surface]
    if surface[:1].islower():
        out.append(surface[:1].upper() + surface[1:])
    if section in CASE_FREE and " " in surface:
        out += [surface.lower(), surface.title()]
    return out


def _pad(day: str) -> str:
    return (day + "-01-01")[:10] if len(day) == 4 else (day + "-01")[:10]


# ---------------------------------------------------------------------------------------------- loading


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping under ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_lexicon_file(path: str | Path) -> tuple[list[Entry], list[Ambiguity]]:
    """Read one lexicon file (YAML sections or a people CSV).

    Raises:
        LexiconError: naming ``file:line`` and what to fix.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LexiconError(f"lexicon {path}: cannot read ({err.strerror}). Check the path.") from err
    if path.suffix.lower() == ".csv":
        return _read_people_csv(text, str(path)), []
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise LexiconError(f"lexicon {path}: unknown file type; use .yaml/.yml (sections) or .csv (people).")
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise LexiconError(f"lexicon {path}:{line}: not valid YAML ({getattr(err, 'problem', err)}).") from err
    return _read_yaml_sections(data, str(path))


def _read_yaml_sections(data: Any, where: str) -> tuple[list[Entry], list[Ambiguity]]:
    if data is None:
        return [], []
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon {where}:1: expected a mapping of sections (states:, people:, igos:, ...).")
    entries: list[Entry] = []
    ambiguous: list[Ambiguity] = []
    known = sorted([*SECTION_KEYS, "ambiguous"])
    for name, records in data.items():
        if name == "__line__":
            continue
        section = name
        if section not in SECTION_KEYS and section != "ambiguous":
            raise LexiconError(f"lexicon {where}:{data['__line__']}: unknown section '{name}'. Known: {', '.join(known)}.")
        if not isinstance(records, list):
            raise LexiconError(f"lexicon {where}: section '{name}' must be a list of entries.")
        for record in records:
            if not isinstance(record, dict):
                raise LexiconError(f"lexicon {where}: section '{name}' has an entry that is not a mapping: {record!r}.")
            if section == "ambiguous":
                ambiguous.append(_ambiguity(record, where))
            else:
                entries.append(_entry(section, record, where, len(entries)))
    return entries, ambiguous


def _entry(section: str, rec: dict[str, Any], where: str, n: int) -> Entry:
    line = rec.get("__line__", 0)
    loc = f"{where}:{line}"
    bad = set(rec) - SECTION_KEYS[section] - {"__line__"}
    if bad:
        raise LexiconError(f"lexicon {loc}: unknown key(s) {sorted(bad)} in a {section} entry; "
                           f"allowed: {sorted(SECTION_KEYS[section])}.")
    if section == "people":
        return _person_from_yaml(rec, loc)
    names = _names(rec, loc)
    ident = str(rec.get("key") or rec.get("id") or (f"{section}_{n}" if section == "nonactors" else ""))
    if not ident:
        raise LexiconError(f"lexicon {loc}: {section} entry has no 'id'. Add one (e.g. id: {_slug(names[0][0])}).")
    code = rec.get("code")
    if section == "states" and code is None:
        code = ident
    if section == "igos":
        code = f"IGO:{rec['id']}"
    _check_code(code, loc, required=section == "states")
    sector = "IGO" if section == "igos" else rec.get("sector")
    if sector is None and section == "states":
        sector = "GOV"
    _check_sector(sector, loc)
    return Entry(section=section, id=ident, code=code, sector=sector, office=rec.get("office"),
                 label=rec.get("label"), names=names, summit=bool(rec.get("summit")),
                 context_only=bool(rec.get("context_only")), no_context=bool(rec.get("no_context")), source=loc)


def _names(rec: dict[str, Any], loc: str) -> tuple[tuple[str, str], ...]:
    forms = {"names": "name", "abbreviations": "abbreviation", "adjectives": "adjective", "capitals": "capital",
             "seats": "seat", "prefixes": "prefix"}
    out: list[tuple[str, str]] = []
    for key, form in forms.items():
        values = rec.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in values):
            raise LexiconError(f"lexicon {loc}: '{key}' must be a list of non-empty strings.")
        out += [(str(v).strip(), form) for v in values]
    if not out:
        raise LexiconError(f"lexicon {loc}: entry has no names. Add e.g. names: [South Korea, ROK].")
    return tuple(out)


def _check_code(code: Any, loc: str, *, required: bool) -> None:
    if code is None and not required:
        return
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise LexiconError(f"lexicon {loc}: code {code!r} is not an ISO3 code (KOR) or IGO:XXX (IGO:UN).")


def _check_sector(sector: Any, loc: str) -> None:
    if sector is not None and sector not in SECTORS:
        raise LexiconError(f"lexicon {loc}: unknown sector {sector!r}; use one of {' '.join(sorted(SECTORS))}.")


def _check_date(value: Any, loc: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value)
    if not DATE_RE.match(text):
        raise LexiconError(f"lexicon {loc}: date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")
    return text


def _term(rec: Mapping[str, Any], loc: str) -> Term:
    code = rec.get("code")
    _check_code(code, loc, required=True)
    _check_sector(rec.get("sector") or None, loc)
    return Term(code=str(code), sector=rec.get("sector") or None, office=rec.get("office") or None,
                start=_check_date(rec.get("from"), loc), end=_check_date(rec.get("to"), loc))


def _person_from_yaml(rec: dict[str, Any], loc: str) -> Entry:
    name = rec.get("name")
    if not isinstance(name, str) or not name.strip():
        raise LexiconError(f"lexicon {loc}: person entry has no 'name'.")
    terms = rec.get("terms") or []
    if not isinstance(terms, list) or not terms:
        raise LexiconError(f"lexicon {loc}: person '{name}' has no terms. Add terms: [{{code: KOR, sector: GOV, "
                           f"office: president, from: 2022-05-10}}].")
    aliases = rec.get("aliases") or []
    if not isinstance(aliases, list):
        raise LexiconError(f"lexicon {loc}: 'aliases' must be a list of strings.")
    return Entry(section="people", id=str(rec.get("id") or _slug(name)),
                 names=((name.strip(), "name"), *((str(a).strip(), "alias") for a in aliases)),
                 terms=tuple(_term(t, f"{loc.rsplit(':', 1)[0]}:{t.get('__line__', 0)}") for t in terms),
                 source=loc)


PEOPLE_COLUMNS = ("id", "name", "aliases", "code", "sector", "office", "from", "to")


def _read_people_csv(text: str, where: str) -> list[Entry]:
    """People CSV: one row per term; rows with the same id form one person. '#' lines are comments."""
    rows = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not rows:
        return []
    header = next(csv.reader([rows[0][1]]))
    if tuple(h.strip() for h in header) != PEOPLE_COLUMNS:
        raise LexiconError(f"lexicon {where}:{rows[0][0]}: people CSV header must be {','.join(PEOPLE_COLUMNS)}.")
    people: dict[str, Entry] = {}
    for number, line in rows[1:]:
        values = next(csv.reader(io.StringIO(line)))
        loc = f"{where}:{number}"
        if len(values) != len(PEOPLE_COLUMNS):
            raise LexiconError(f"lexicon {loc}: expected {len(PEOPLE_COLUMNS)} columns, found {len(values)}.")
        rec = dict(zip(PEOPLE_COLUMNS, (v.strip() for v in values)))
        if not rec["name"]:
            raise LexiconError(f"lexicon {loc}: row has no name.")
        pid = rec["id"] or _slug(rec["name"])
        term = _term(rec, loc)
        names = ((rec["name"], "name"), *((a.strip(), "alias") for a in rec["aliases"].split("|") if a.strip()))
        old = people.get(pid)
        if old is None:
            people[pid] = Entry(section="people", id=pid, names=names, terms=(term,), source=loc)
        else:
            merged = old.names + tuple(n for n in names if n not in old.names and n[1] == "alias")
            people[pid] = replace(old, names=merged, terms=old.terms + (term,))
    return list(people.values())


def _ambiguity(rec: dict[str, Any], where: str) -> Ambiguity:
    loc = f"{where}:{rec.get('__line__', 0)}"
    alias = rec.get("alias")
    if not isinstance(alias, str) or not alias:
        raise LexiconError(f"lexicon {loc}: ambiguous entry needs 'alias' (the name, e.g. Georgia).")
    default = rec.get("default")
    _check_code(default, loc, required=False)
    cues = []
    for cue in rec.get("cues") or []:
        _check_code(cue.get("code"), loc, required=False)
        cues.append(Cue(code=cue.get("code"), words=tuple(str(w) for w in cue.get("words") or ())))
    return Ambiguity(alias=alias, default=default, cues=tuple(cues),
                     person_if_name_before=bool(rec.get("person_if_name_before")), source=loc)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def validate_lexicon_file(path: str | Path) -> list[str]:
    """Check one user lexicon file; returns error messages (empty when the file is fine)."""
    try:
        read_lexicon_file(path)
    except LexiconError as err:
        return [str(err)]
    return []


# ---------------------------------------------------------------------------------------------- index

_FIRST = re.compile(r"\w+|\S", re.UNICODE)


def _first_key(text: str) -> str:
    m = _FIRST.match(text)
    return m.group(0).lower() if m else ""


def _build_index(entries: Iterable[Entry]) -> dict[str, tuple[Alias, ...]]:
    index: dict[str, list[Alias]] = {}
    for entry in entries:
        for surface, form in entry.names:
            case_free = entry.section in CASE_FREE and (" " in surface or entry.section != "bodies")
            index.setdefault(_first_key(surface), []).append(Alias(surface, entry.key, form, case_free))
    return {k: tuple(sorted(v, key=lambda a: -len(a.surface))) for k, v in index.items()}


# ---------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class _Piece:
    """A matched span of a sentence: a lexicon entry, or a model entity the lexicon lacks."""

    start: int  # token index in the sentence
    end: int  # exclusive
    entry: Entry | None
    form: str  # name/abbreviation/adjective/capital/seat/prefix/alias, "ner" or "surname"
    surface: str
    label: str = ""

    @property
    def section(self) -> str:
        return self.entry.section if self.entry else self.form


def _same(found: str, alias: Alias) -> bool:
    surface = alias.surface
    if found == surface:
        return True
    if surface[:1].islower() and found == surface[:1].upper() + surface[1:]:
        return True
    return alias.case_free and found.lower() == surface.lower()


def _match_at(i: int, sent: Sentence, text: str, lexicon: ActorLexicon, ends: Mapping[int, int],
              pubdate: str | None) -> _Piece | None:
    """The longest lexicon match starting at token i (ties: section priority, then date for people)."""
    tok = sent.tokens[i]
    best: list[tuple[Alias, int]] = []
    for alias in lexicon.index.get(_first_key(tok.text), ()):
        stop = tok.idx + len(alias.surface)
        if best and len(alias.surface) < len(best[0][0].surface):
            break
        j = ends.get(stop)
        if j is None or j < i or not _same(text[tok.idx:stop], alias):
            continue
        if alias.form == "prefix" and text[stop:stop + 1] not in ("-", "–"):
            continue
        best.append((alias, j))
    if not best:
        return None
    alias, j = min(best, key=lambda b: _rank(lexicon.get(b[0].key), pubdate))
    return _Piece(i, j + 1, lexicon.get(alias.key), alias.form, text[tok.idx:sent.tokens[j].end])


def _rank(entry: Entry, pubdate: str | None) -> tuple[int, int, str]:
    active = 0 if (entry.section != "people" or not pubdate or any(t.covers(pubdate) for t in entry.terms)) else 1
    latest = max((_pad(t.start or "0000") for t in entry.terms), default="")
    return (SECTION_PRIORITY.index(entry.section), active, "".join(chr(0x10FFFF - ord(c)) for c in latest))


def _lexicon_pieces(sent: Sentence, text: str, lexicon: ActorLexicon, pubdate: str | None) -> list[_Piece]:
    """Gazetteer matches of a sentence, longest first anywhere, non-overlapping (needs no context)."""
    ends = {t.end: k for k, t in enumerate(sent.tokens)}
    candidates = [p for i in range(len(sent.tokens)) if (p := _match_at(i, sent, text, lexicon, ends, pubdate))]
    pieces: list[_Piece] = []
    taken: set[int] = set()
    for piece in sorted(candidates, key=lambda p: (-len(p.surface), p.start)):
        if not taken.intersection(range(piece.start, piece.end)):
            pieces.append(piece)
            taken.update(range(piece.start, piece.end))
    return pieces


def _match_sentence(sent: Sentence, text: str, lexicon: ActorLexicon, ctx: _Context, pubdate: str | None,
                    is_place: Callable[[str], object] | None = None,
                    found: Sequence[_Piece] | None = None) -> list[_Piece]:
    """Gazetteer matches (``found``: :func:`_lexicon_pieces` already computed), then surnames seen
    earlier, then model PERSON/ORG entities, then other proper-noun runs (:mod:`.names`), sorted,
    non-overlapping."""
    pieces = list(found) if found is not None else _lexicon_pieces(sent, text, lexicon, pubdate)
    taken = {i for p in pieces for i in range(p.start, p.end)}
    for i, tok in enumerate(sent.tokens):
        if i not in taken and tok.text in ctx.surnames and tok.text[:1].isupper():
            pieces.append(_Piece(i, i + 1, None, "surname", tok.text))
            taken.add(i)
    for ent in sent.ents:
        if ent.label in MODEL_LABELS and not taken.intersection(range(ent.start, ent.end)):
            pieces.append(_Piece(ent.start, ent.end, None, "ner", _span_text(sent, text, ent.start, ent.end), ent.label))
            taken.update(range(ent.start, ent.end))
    offices = {p.end for p in pieces if p.entry is not None and p.entry.section == "offices"}
    for start, end in name_runs(sent.tokens, taken, lexicon.names):  # names the gazetteer and model lack
        label = guess_label(sent.tokens, start, end, lexicon.names, after_title=start in offices)
        surface = _span_text(sent, text, start, end)
        if label != "GPE" and end - start == 1 and is_place is not None and is_place(surface):
            continue  # "a visit to Gujarat": a place, not an unknown organisation
        if label in MODEL_LABELS:
            pieces.append(_Piece(start, end, None, "ner", surface, label))
    return sorted(pieces, key=lambda p: p.start)


def _span_text(sent: Sentence, text: str, start: int, end: int) -> str:
    return text[sent.tokens[start].idx:sent.tokens[end - 1].end]


# ---------------------------------------------------------------------------------------------- composing


@dataclass(slots=True)
class _Unit:
    """Adjacent pieces that make one mention: [state]['s][former][office][person] or state + agent."""

    start: int
    end: int
    state: _Piece | None = None
    office: _Piece | None = None
    person: _Piece | None = None
    agent: _Piece | None = None
    other: _Piece | None = None
    former: bool = False
    owner: tuple[_Piece, ...] = ()  # "of X" / "for X" right after a role: whose role it is


def _kind_of(piece: _Piece) -> str:
    if piece.entry is None:
        return "person" if piece.form == "surname" or piece.label == "PERSON" else "other"
    section = piece.entry.section
    if section == "states":
        return "state"
    if section == "people":
        return "person"
    if section == "offices":
        return "office"
    if section == "agents" or (section == "bodies" and piece.entry.code is None):
        return "agent"
    return "other"


def _glue(tokens: Sequence[Token], start: int, end: int) -> tuple[bool, bool]:
    """(joinable, former): tokens between two pieces are only possessives and title modifiers."""
    between = [t.text.lower() for t in tokens[start:end]]
    ok = all(t in POSSESSIVE or t in MODIFIERS for t in between)
    return ok, any(t in FORMER for t in between)


def _compose(pieces: Sequence[_Piece], tokens: Sequence[Token]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    while i < len(pieces):
        unit, used = _compose_at(pieces, i, tokens)
        before = tokens[unit.start - 1].text.lower() if unit.start > 0 else ""
        if before in FORMER or before.rstrip("-") in FORMER:
            unit.former, unit.start = True, unit.start - 1
        units.append(unit)
        i += used
    return units


def _compose_at(pieces: Sequence[_Piece], i: int, tokens: Sequence[Token]) -> tuple[_Unit, int]:
    first = pieces[i]
    kind = _kind_of(first)
    nxt = pieces[i + 1] if i + 1 < len(pieces) else None
    unit = _Unit(first.start, first.end)
    if kind == "state" and first.form != "prefix" and nxt is not None:
        ok, former = _glue(tokens, first.end, nxt.start)
        if ok and _kind_of(nxt) in ("office", "agent"):
            unit.state, unit.former = first, former
            _extend(unit, pieces, i + 1)
            return _with_owner(unit, pieces, i + _used(unit, pieces, i), tokens), _used(unit, pieces, i)
        if ok and _named_body(nxt):  # "the Libyan House of Representatives": the adjective beats the body's own code
            unit.state, unit.other, unit.end = first, nxt, nxt.end
            return unit, 2
    if kind == "office":
        _extend(unit, pieces, i)
        return _with_owner(unit, pieces, i + _used(unit, pieces, i), tokens), _used(unit, pieces, i)
    if kind == "agent":
        unit.agent = first
        return _agent_of_state(unit, pieces, i, tokens)
    if _named_body(first) and nxt is not None and nxt.start == first.end and nxt.entry is not None \
            and nxt.entry.section == "agents":  # "Taliban gunmen", "Islamic State militants": the group's code
        unit.other, unit.end = first, nxt.end
        return unit, 2
    setattr(unit, {"state": "state", "person": "person"}.get(kind, "other"), first)
    return unit, 1


def _named_body(piece: _Piece) -> bool:
    """A named body or group (not a generic agent noun): "House of Representatives", "Taliban"."""
    return piece.entry is not None and piece.entry.section in ("bodies", "groups") and _kind_of(piece) == "other"


NAME_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "de", "da", "del", "van", "von", "der", "abu", "abd"})
OWNER_LINKS = (["of"], ["of", "the"], ["for"], ["for", "the"])


def _with_owner(unit: _Unit, pieces: Sequence[_Piece], j: int, tokens: Sequence[Token]) -> _Unit:
    """ "a spokesman for the PMF", "Crown Prince Mohammad bin Salman of Saudi Arabia": the phrase names
    whose role it is. An unknown name between the title and "of" joins the mention."""
    if unit.office is None or unit.state is not None or j >= len(pieces):
        return unit
    k = unit.end
    while unit.person is None and k < min(len(tokens), unit.end + 5) and (
            tokens[k].text.lower() in NAME_PARTICLES or (tokens[k].text.istitle() and tokens[k].pos == "PROPN")):
        k += 1
    nxt = pieces[j]
    if nxt.entry is None or [t.text.lower() for t in tokens[k:nxt.start]] not in OWNER_LINKS:
        return unit
    after = pieces[j + 1] if j + 1 < len(pieces) and pieces[j + 1].start == nxt.end else None
    unit.owner = (nxt, after) if after is not None and _kind_of(nxt) == "office" else (nxt,)
    unit.end = k
    return unit


def _extend(unit: _Unit, pieces: Sequence[_Piece], j: int) -> _Unit:
    """Add the office/agent at pieces[j], then a person name right after an office."""
    piece = pieces[j]
    unit.end = piece.end
    if _kind_of(piece) == "agent":
        unit.agent = piece
        return unit
    unit.office = piece
    nxt = pieces[j + 1] if j + 1 < len(pieces) else None
    if nxt is not None and _kind_of(nxt) == "person" and nxt.start == piece.end:
        unit.person, unit.end = nxt, nxt.end
    return unit


def _used(unit: _Unit, pieces: Sequence[_Piece], i: int) -> int:
    return sum(1 for p in pieces[i:] if p.start >= unit.start and p.end <= unit.end)


def _agent_of_state(unit: _Unit, pieces: Sequence[_Piece], i: int, tokens: Sequence[Token]) -> tuple[_Unit, int]:
    """ "the Ministry of Defence of Japan", "the army of Pakistan": agent + of [the] + state."""
    nxt = pieces[i + 1] if i + 1 < len(pieces) else None
    between = [t.text.lower() for t in tokens[unit.end:nxt.start]] if nxt else []
    if nxt is not None and _kind_of(nxt) == "state" and between in (["of"], ["of", "the"]):
        unit.state, unit.end = nxt, nxt.end
        return unit, 2
    return unit, 1


# ---------------------------------------------------------------------------------------------- context


@dataclass(slots=True)
class _Context:
    """What the document has said so far (local to one resolve_mentions call)."""

    counts: Counter[str] = field(default_factory=Counter)
    first: dict[str, int] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)  # distinct state codes acting (not "in X"), most recent last
    by_office: dict[str, str] = field(default_factory=dict)  # office -> code of the last person holding it
    surnames: dict[str, tuple[str, str | None, str | None, str]] = field(default_factory=dict)
    last_person: str | None = None
    places: Counter[str] = field(default_factory=Counter)  # states named as locations ("in Syria")
    local_places: list[str] = field(default_factory=list)  # ... in the current sentence
    by_body: dict[str, str] = field(default_factory=dict)  # body id -> code once a phrase placed it ("Iraqi Parliament")
    ahead: list[str] = field(default_factory=list)  # states of the sentence, then of the document: a fallback

    def see(self, code: str | None, *, place: bool = False) -> None:
        if code is None or not re.fullmatch(r"[A-Z]{3}", code):
            return
        self.counts[code] += 1
        self.first.setdefault(code, len(self.first))
        if place:  # "talks on Gaza", "met in Canberra": a location, not a side
            self.places[code] += 1
            return
        if code in self.recent:
            self.recent.remove(code)
        self.recent.append(code)

    def main_state(self) -> str | None:
        """The most mentioned state so far; before any, the first state named later ("Protesters ... in Minsk")."""
        if not self.counts:
            return self.ahead[0] if self.ahead else None
        return min(self.counts, key=lambda c: (-self.counts[c], self.first[c]))

    def domestic(self) -> str | None:
        """Whose police, protesters or citizens: a state named as a place in this sentence, else the main state."""
        return self.local_places[0] if self.local_places else self.main_state()

    def theatre(self) -> str | None:
        """Where armed non-state actors operate: a state named as a place in this sentence, else the
        document's most named place, else its main state."""
        if self.local_places:
            return self.local_places[0]
        if self.places:
            return min(self.places, key=lambda c: (-self.places[c], self.first[c]))
        return self.main_state()

    def other_state(self) -> str | None:
        """The most recent state that is not the last person's own (a "counterpart")."""
        return next((c for c in reversed(self.recent) if c != self.last_person), None)

    def pair(self) -> str | None:
        """The two most recent distinct states as "A|B", in order of first mention."""
        if len(self.recent) < 2:
            return None
        two = sorted(self.recent[-2:], key=lambda c: self.first[c])
        return "|".join(two)


@dataclass(frozen=True, slots=True)
class _Resolved:
    code: str | None
    sector: str | None
    kind: MentionKind
    rule: str
    by_context: bool = False
    office: str | None = None


def _person_term(entry: Entry, pubdate: str | None, former: bool) -> tuple[Term, str | None, bool]:
    """The term that applies at pubdate: (term, office, holds_office_now)."""
    terms = sorted(entry.terms, key=lambda t: _pad(t.start or "0000"))
    if not pubdate:
        return terms[-1], _former(terms[-1].office) if former else terms[-1].office, not former
    day = pubdate[:10]
    active = [t for t in terms if t.covers(day)]
    past = [t for t in terms if t.end and _pad(t.end) <= day]
    if former and past or past and not active:
        return past[-1], _former(past[-1].office), False
    if active:
        return active[-1], active[-1].office, True
    return terms[0], None, False


def _former(office: str | None) -> str | None:
    return f"former_{office}" if office else "former"


def _resolve_person(piece: _Piece, unit: _Unit, ctx: _Context, pubdate: str | None,
                    state: _Resolved | None) -> _Resolved:
    if piece.entry is not None:
        term, office, now = _person_term(piece.entry, pubdate, unit.former)
        sector = term.sector if (now or office) else None
        if sector is None and unit.office is not None and unit.office.entry is not None and not unit.former:
            sector, office = unit.office.entry.sector, unit.office.entry.office  # the title says they hold it
        return _Resolved(term.code, sector, "person", f"people:{piece.entry.id}", office=office)
    known = ctx.surnames.get(piece.surface.split()[-1]) or ctx.surnames.get(piece.surface)
    if known is not None:
        code, sector, office, pid = known
        return _Resolved(code, sector, "person", "context:surname", True, office)
    if state is not None:
        office = unit.office.entry.office if unit.office and unit.office.entry else None
        return _Resolved(state.code, _office_sector(unit), "person", f"role:{office}+state", office=office)
    if unit.office is not None and unit.office.entry is not None:
        return _resolve_role(unit, ctx, None, kind="person")
    return _Resolved(None, None, "person", "ner:PERSON")


def _office_sector(unit: _Unit) -> str | None:
    return unit.office.entry.sector if unit.office and unit.office.entry else "GOV"


def _resolve_role(unit: _Unit, ctx: _Context, state: _Resolved | None, *, kind: MentionKind = "role") -> _Resolved:
    """An office without a name: its state if given, else the document context."""
    assert unit.office is not None and unit.office.entry is not None
    entry = unit.office.entry
    office = _former(entry.office) if unit.former else entry.office
    if state is not None:
        return _Resolved(state.code, entry.sector, kind, f"role:{entry.id}", office=office)
    if entry.no_context:  # "a spokesman" alone: whose, the text does not say
        return _Resolved(None, entry.sector, kind, f"generic:{entry.id}", True, office)
    if entry.context_only:
        return _Resolved(ctx.other_state(), entry.sector, kind, f"role:{entry.id}", True, office)
    code = ctx.by_office.get(entry.office or "") or ctx.main_state()
    return _Resolved(code, entry.sector, kind, f"context:{entry.id}", True, office)


def _resolve_agent(unit: _Unit, ctx: _Context, tokens: Sequence[Token], state: _Resolved | None) -> _Resolved | None:
    assert unit.agent is not None and unit.agent.entry is not None
    entry = unit.agent.entry
    rule = f"{entry.section}:{entry.id}"
    if state is not None:
        if entry.section == "bodies" and state.code:
            ctx.by_body[entry.id] = state.code
        return _Resolved(state.code, entry.sector, "body", f"{rule}+states:{state.code}")
    if entry.section == "bodies":
        code = ctx.by_body.get(entry.id) or ctx.main_state()
        return _Resolved(code, entry.sector, "body", f"context:{entry.id}", True)
    before = tokens[unit.start - 1].text.lower() if unit.start > 0 else ""
    if entry.no_context and before in DETERMINERS | {"a", "an"}:  # "an official": whose, the text does not say
        return _Resolved(None, entry.sector, "body", f"generic:{entry.id}", True)
    if before in DETERMINERS or unit.agent.surface.lower() in STANDALONE_AGENTS:
        code = ctx.theatre() if entry.sector == "REB" else ctx.domestic() if entry.sector in ("COP", "CVL") \
            else ctx.main_state()
        return _Resolved(code, entry.sector, "body", f"context:{entry.id}", True)
    return None


DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our"})
STANDALONE_AGENTS = frozenset({"protesters", "protestors", "demonstrators", "activists", "rebels", "militants",
                               "insurgents", "troops", "soldiers", "police", "students", "citizens", "separatists"})
WORD_RE_CACHE: dict[str, re.Pattern[str]] = {}


def _has_word(text: str, word: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text) is not None


def _resolve_state(piece: _Piece, sent: Sentence, doc_text: str, lexicon: ActorLexicon) -> _Resolved:
    assert piece.entry is not None
    entry = piece.entry
    kind: MentionKind = "capital" if piece.form in ("capital", "seat") else "state"
    plural = piece.form == "adjective" and piece.surface.endswith("s") and any(
        s == piece.surface[:-1] for s, f in entry.names if f == "adjective")
    sector = "CVL" if plural else "GOV"
    amb = lexicon.ambiguous.get(piece.surface)
    if amb is None:
        return _Resolved(entry.code, sector, kind, f"states:{entry.code}")
    if amb.person_if_name_before and _looks_like_person(piece, sent, lexicon):
        return _Resolved(None, None, "person", f"ambiguity:{amb.alias}:person", True)
    for scope in (sent.text, doc_text):
        for cue in amb.cues:
            if any(_has_word(scope, w) for w in cue.words):
                return _ambiguous_result(cue.code, kind, sector, f"ambiguity:{amb.alias}:{cue.code}")
    return _ambiguous_result(amb.default, kind, sector, f"ambiguity:{amb.alias}:default")


def _ambiguous_result(code: str | None, kind: MentionKind, sector: str, rule: str) -> _Resolved:
    if code is not None and code.startswith("IGO:"):
        return _Resolved(code, "IGO", "igo", rule, True)
    return _Resolved(code, sector if code else None, kind if code else "unknown", rule, True)


def _looks_like_person(piece: _Piece, sent: Sentence, lexicon: ActorLexicon) -> bool:
    """A first name or honorific just before, or a capitalized surname just after: "Michael Jordan", "Chad Smith"."""
    toks = sent.tokens
    prev = toks[piece.start - 1] if piece.start > 0 else None
    nxt = toks[piece.end] if piece.end < len(toks) else None
    if prev is not None and (prev.text in HONORIFICS or (prev.text.istitle() and prev.text.isalpha()
                                                          and prev.text not in FUNCTION_WORDS and prev.pos in ("PROPN", ""))):
        return True
    return nxt is not None and nxt.text.istitle() and nxt.text.isalpha() and nxt.pos in ("PROPN", "") \
        and nxt.text.lower() not in lexicon.index


FUNCTION_WORDS = frozenset({"The", "In", "On", "At", "And", "But", "From", "To", "With", "For", "By", "As", "While",
                            "When", "After", "Before", "Both", "If", "Since", "Meanwhile", "Neighboring", "Neighbouring",
                            "Northern", "Southern", "Eastern", "Western", "Central", "North", "South", "East", "West"})


# ---------------------------------------------------------------------------------------------- the stage


def resolve_mentions(doc: ParsedDoc, lexicon: ActorLexicon, config: ActorConfig, *,
                     is_place: Callable[[str], object] | None = None) -> list[Mention]:
    """Every actor mention of a document, resolved to a code where the lexicon or context allows.

    Args:
        doc: the parsed document (tokens, tags and entities; the dependency parse only for
            proper-noun runs the gazetteer does not know, see :mod:`.names`).
        lexicon: built once by the caller with :meth:`ActorLexicon.load`.
        config: actor options (``capitals_stand_for_states``).
        is_place: tells whether an unknown one-word name is a place (the geo gazetteer's lookup):
            a city is not an actor.

    Returns:
        Non-overlapping mentions sorted by (sentence, first token); ``code`` is None when unresolvable.

    Examples:
        >>> # mentions = resolve_mentions(parsed, ActorLexicon.load(), ActorConfig())
    """
    ctx = _Context()
    text = doc.doc.text
    mentions: list[Mention] = []
    found = {sent.index: _lexicon_pieces(sent, text, lexicon, doc.doc.pubdate) for sent in doc.sentences}
    later = _states_by_sentence(doc, lexicon, found)
    for sent in doc.sentences:
        pieces = _match_sentence(sent, text, lexicon, ctx, doc.doc.pubdate, is_place, found[sent.index])
        ctx.ahead = later.get(sent.index, []) + [c for codes in later.values() for c in codes]
        ctx.local_places = [p.entry.code for p in pieces if p.entry is not None and _kind_of(p) == "state"
                            and _is_place(sent.tokens, p.start) and p.entry.code]
        pairs: list[tuple[_Unit, _Resolved]] = []
        for unit in _compose(pieces, sent.tokens):
            resolved = _resolve_unit(unit, sent, text, lexicon, ctx, doc.doc.pubdate)
            if resolved is None or (resolved.kind == "capital" and not config.capitals_stand_for_states):
                continue
            pairs.append((unit, resolved))
            _remember(ctx, unit, resolved, place=_is_place(sent.tokens, unit.start))
        for k, resolved in _named_by_phrase(pairs, sent.tokens):
            pairs[k] = (pairs[k][0], resolved)
            _remember(ctx, pairs[k][0], resolved)
        mentions += [_mention(doc, sent, unit, resolved) for unit, resolved in pairs]
    return mentions


def _states_by_sentence(doc: ParsedDoc, lexicon: ActorLexicon,
                        found: Mapping[int, Sequence[_Piece]]) -> dict[int, list[str]]:
    """State codes each sentence names (unambiguous names only), for context that is empty so far.
    ``found``: the gazetteer pieces of each sentence (:func:`_lexicon_pieces`)."""
    out: dict[int, list[str]] = {}
    for sent in doc.sentences:
        pieces = found[sent.index]
        codes = [p.entry.code for p in pieces if p.entry is not None and _kind_of(p) == "state" and p.entry.code
                 and p.surface not in lexicon.ambiguous and p.form != "prefix"]
        if codes:
            out[sent.index] = codes
    return out


def _is_place(tokens: Sequence[Token], start: int) -> bool:
    return start > 0 and tokens[start - 1].text.lower() in LOCATIVE


APPOSITION_GLUE = frozenset({"a", "an", "the", "his", "her", "its", "their"})
LIST_GLUE = frozenset({",", "and"})


def _named_by_phrase(pairs: Sequence[tuple[_Unit, _Resolved]],
                     tokens: Sequence[Token]) -> list[tuple[int, _Resolved]]:
    """Unknown names that their own phrase places: "Ahmed al-Assadi, a spokesman for the PMF", "his Greek
    counterpart, Nikos Dendias", and "his Greek, Cypriot and French counterparts, A, B and C" (in order)."""
    fixed: dict[int, _Resolved] = {}
    for k in range(len(pairs) - 1):
        (u1, r1), (u2, r2) = pairs[k], pairs[k + 1]
        between = [t.text.lower() for t in tokens[u1.end:u2.start]]
        if not between or between[0] != "," or not set(between[1:]) <= APPOSITION_GLUE:
            continue
        for name, role, at in (((u1, r1), (u2, r2), k), ((u2, r2), (u1, r1), k + 1)):
            if _unknown_name(*name) and role[1].kind == "role" and role[1].code and not role[1].by_context:
                fixed[at] = _adopt(name[1], role[1], "apposition")
    for k, (unit, r) in enumerate(pairs):
        if r.kind == "role" and unit.state is not None and r.code and not r.by_context:
            fixed.update(_respectively(pairs, k, tokens))
    for k in range(len(pairs) - 1):  # "Finland's president and prime minister": both are Finland's
        (u1, r1), (u2, r2) = pairs[k], pairs[k + 1]
        between = [t.text.lower() for t in tokens[u1.end:u2.start]]
        if between == ["and"] and r1.kind == r2.kind == "role" and r1.code and not r1.by_context \
                and r2.by_context and k not in fixed and (k + 1) not in fixed:
            fixed[k + 1] = replace(r2, code=r1.code, rule=f"coordination:{r2.rule}", by_context=False)
    return sorted(fixed.items())


def _unknown_name(unit: _Unit, r: _Resolved) -> bool:
    """A model PERSON (or a multiword ORG that looks like a name) the lexicon could not place."""
    if r.code is not None or r.rule not in ("ner:PERSON", "ner:ORG"):
        return False
    surface = (unit.person or unit.other).surface if (unit.person or unit.other) else ""
    return r.rule == "ner:PERSON" or (len(surface.split()) >= 2 and all(w[:1].isupper() for w in surface.split()))


def _adopt(name: _Resolved, role: _Resolved, how: str) -> _Resolved:
    return replace(name, code=role.code, sector=role.sector, kind="person", rule=f"{how}:{role.rule}",
                   office=role.office, by_context=False)


def _respectively(pairs: Sequence[tuple[_Unit, _Resolved]], k: int, tokens: Sequence[Token]) -> dict[int, _Resolved]:
    """ "his Greek, Cypriot and French counterparts, A, B and C": the i-th name takes the i-th adjective."""
    states = [k]
    while states[0] > 0 and pairs[states[0] - 1][1].kind == "state" and set(
            t.text.lower() for t in tokens[pairs[states[0] - 1][0].end:pairs[states[0]][0].start]) <= LIST_GLUE:
        states.insert(0, states[0] - 1)
    names: list[int] = []
    j = k + 1
    while j < len(pairs) and (pairs[j][1].kind == "person" or _unknown_name(*pairs[j])):
        glue = [t.text for t in tokens[pairs[j - 1][0].end:pairs[j][0].start]]
        if not glue or (not names and glue != [","]) or not set(glue) <= LIST_GLUE:
            break
        names.append(j)
        j += 1
    if len(states) < 2 or len(names) != len(states):
        return {}
    return {n: _adopt(pairs[n][1], replace(pairs[k][1], code=pairs[s][1].code), "respectively")
            for s, n in zip(states, names) if _unknown_name(*pairs[n])}


def _resolve_unit(unit: _Unit, sent: Sentence, text: str, lexicon: ActorLexicon, ctx: _Context,
                  pubdate: str | None) -> _Resolved | None:
    state = _resolve_state(unit.state, sent, text, lexicon) if unit.state is not None else None
    if state is None and unit.owner:
        state = _owner_state(unit.owner, sent, text, lexicon, pubdate)
    if unit.person is None and unit.owner and unit.end > (unit.office.end if unit.office else unit.end):
        return _resolve_role(unit, ctx, state, kind="person")  # "Crown Prince Mohammad bin Salman of ..."
    if unit.person is not None:
        return _resolve_person(unit.person, unit, ctx, pubdate, state)
    if unit.office is not None:
        return _resolve_role(unit, ctx, state)
    if unit.agent is not None:
        return _resolve_agent(unit, ctx, sent.tokens, state)
    piece = unit.other
    if state is not None and piece is not None and piece.entry is not None:  # "the Libyan House of Representatives"
        return _Resolved(state.code, piece.entry.sector, "body", f"{piece.entry.section}:{piece.entry.id}+states:{state.code}")
    if state is not None:
        return state
    if piece is None or piece.entry is None:
        return _Resolved(None, None, "unknown", f"ner:{piece.label}") if piece is not None else None
    return _resolve_named(piece.entry, ctx)


def _owner_state(owner: Sequence[_Piece], sent: Sentence, text: str, lexicon: ActorLexicon,
                 pubdate: str | None) -> _Resolved | None:
    """The code of the X in "a spokesman for X" / "the king of X" (a state, person, body, group or IGO)."""
    for piece in owner:
        entry = piece.entry
        if entry is None or entry.section == "offices":
            continue
        if entry.section == "states":
            return _resolve_state(piece, sent, text, lexicon)
        code = _person_term(entry, pubdate, False)[0].code if entry.section == "people" else entry.code
        return _Resolved(code, "GOV", "state", f"owner:{code}") if code else None
    return None


def _resolve_named(entry: Entry, ctx: _Context) -> _Resolved | None:
    section = entry.section
    if section == "igos":
        return _Resolved(entry.code, "IGO", "igo", f"igos:{entry.id}", office="summit" if entry.summit else None)
    if section in ("bodies", "groups") and entry.code is None and entry.sector == "REB":
        return _Resolved(ctx.theatre(), entry.sector, "body", f"{section}:{entry.id}+theatre", True)
    if section in ("bodies", "groups"):
        return _Resolved(entry.code, entry.sector, "body", f"{section}:{entry.id}")
    if section == "together":
        return _Resolved(ctx.pair(), "GOV", "group", f"group:{entry.id}", True)
    if section == "pointers":
        code = ctx.recent[-1] if ctx.recent else None
        return _Resolved(code, entry.sector, "role", f"context:{entry.id}", True)
    return None  # nonactors


def _mention(doc: ParsedDoc, sent: Sentence, unit: _Unit, r: _Resolved) -> Mention:
    start, end = sent.tokens[unit.start].idx, sent.tokens[unit.end - 1].end
    return Mention(doc_id=doc.doc.doc_id, sent=sent.index, start=start, end=end, text=doc.doc.text[start:end],
                   code=r.code, sector=r.sector, kind=r.kind, rule=r.rule, by_context=r.by_context,
                   tok_start=unit.start, tok_end=unit.end, office=r.office)


FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "KOR", "PRK", "VNM", "KHM", "MNG"})  # "Kang Kyung-wha" -> "Kang"
LOCATIVE = frozenset({"in", "at", "on", "near", "inside", "into", "across", "around", "toward", "towards", "over"})


def _remember(ctx: _Context, unit: _Unit, r: _Resolved, *, place: bool = False) -> None:
    if r.by_context and not r.rule.startswith(("context:surname", "ambiguity:")):
        return  # what context gave must not feed the context
    if r.kind == "role" and r.code and r.office and "|" not in r.code:
        ctx.by_office[r.office] = r.code  # "the Iraqi Prime Minister" ... later "the Prime Minister"
    if r.kind == "person" and r.code:
        ctx.last_person = r.code
        if r.office:
            ctx.by_office[r.office] = r.code
        piece = unit.person
        if piece is not None and piece.entry is not None:
            for surface, _ in piece.entry.names:
                words = surface.split()
                family = {words[-1], words[0]} if r.code in FAMILY_NAME_FIRST and len(words) > 1 else {words[-1]}
                for word in family:
                    ctx.surnames.setdefault(word, (r.code, r.sector, r.office, piece.entry.id))
    ctx.see(r.code, place=place)


def rule_source(lexicon: ActorLexicon, rule: str) -> str | None:
    """The ``file:line`` of the lexicon entry a Mention.rule names (None for model-only rules)."""
    head = rule.split("+")[0]
    prefix, _, rest = head.partition(":")
    if prefix == "ambiguity":
        amb = lexicon.ambiguous.get(rest.split(":")[0])
        return amb.source if amb else None
    sections = {"role": ("offices",), "context": ("offices", "bodies", "agents", "pointers"), "group": ("together",)}
    for section in sections.get(prefix, (prefix,)):
        entry = lexicon.entries.get((section, rest))
        if entry is not None:
            return entry.source
    return None

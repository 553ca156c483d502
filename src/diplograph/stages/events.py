"""The events stage: sentences with resolved actors -> PLOVER events (EVENTS.md sections 1-4).

A cascade per sentence:
1. find triggers: verbs and nouns of the trigger lexicon (light verbs need their object);
2. find participants over the dependency parse (``syntax.py``): subject (inherited through
   xcomp/conj/advcl/acl, relative pronouns, reported-clause pronouns), objects and prepositional
   slots, coordination, passives (agent = actor), possessives and adjectives of nouns;
3. status from the words that govern the trigger (``modality.py``: consider -> considered,
   refrain from -> negated, will / agree to / plan to -> intended, if -> hypothetical);
4. a reported conflict act also gives the reporter's ACCUSE of the doer (allegations);
5. recipients the slots miss: the action's own clause, then the actor's state for domestic acts;
6. pairs (one event per pair, a shared ``group`` when more than two take part), date, location,
   domains, evidence;
7. one event reported twice in a document is merged into one (``same_event``).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from ..config import EventConfig
from ..types import Entity, Event, Evidence, Location, Mention, ParsedDoc, Status, Token
from .coref import coref_mentions, pair_groups
from .modality import noun_status, status_of
from .names import NameLexicon, name_at
from .quotes import speaker_mentions
from .syntax import SPEECH_NOUNS, SentenceView, governing_verb, is_to_clause, lower, subject_head
from .triggers import Trigger, TriggerLexicon, join_hyphenated

PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "prep", "pobj", "npadvmod", "det"})
PHRASE_PREPS = frozenset({"of", "from", "for"})
MULTILATERAL_WORDS = frozenset({"sidelines", "summit", "assembly", "forum", "conference", "plenary"})
WORD_RE = re.compile(r"[a-z][a-z-]*")
LOCATION_PREPS = frozenset({"in", "at"})
DRILL_WORDS = frozenset({"drill", "drills", "exercise", "exercises", "wargames", "games", "manoeuvres", "maneuvers"})
FUTURE_WORDS = frozenset({"will", "shall", "upcoming", "next", "coming", "planned", "scheduled"})
LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})


class DateFinder(Protocol):
    def __call__(self, text: str, pubdate: str | None, *, future: bool = False) -> Any: ...


@dataclass(frozen=True, slots=True)
class Enrichers:
    """Optional helpers that fill date, location, domains and derived fields."""

    resolve_date: DateFinder | None = None  # best date of a clause (stages.dates.resolve_date)
    find_dates: DateFinder | None = None  # every date of a sentence (stages.dates.find_dates)
    gazetteer: Any = None  # stages.geo.Gazetteer
    domains: Any = None  # stages.domains.DomainLexicon
    reference: Any = None  # stages.derive.Reference
    names: Any = None  # stages.names.NameLexicon: place names the entities miss (no statistical NER)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger occurrence with its participants, before dates and enrichment."""

    trigger: Trigger
    head: int  # trigger token
    obj: int | None  # the object token that completes a light-verb trigger
    actors: tuple[Mention, ...]
    recipients: tuple[Mention, ...]
    status: Status


# ----------------------------------------------------------------- participants


def phrase_mentions(view: SentenceView, head: int) -> list[Mention]:
    """Mentions a noun phrase stands for: its own mention, else the nearest inside it; conjuncts too."""
    heads = [head]
    stack = [head]
    while stack:  # coordinated heads: "India and South Korea", "Britain, China, France"
        for c in view.kids(stack.pop(), "conj", "appos"):
            heads.append(c)
            stack.append(c)
    found: list[Mention] = []
    for h in heads:
        near = [m for m in _nearest_mentions(view, h) if not _sponsor(view, m)]
        if view.tok(h).dep == "appos" and found:
            near = [m for m in near if m.code]  # "his Greek counterpart, Nikos Dendias": one person, named twice
        for m in near + [m for m in _coordinated_adjectives(view, h, near) if not _sponsor(view, m)]:
            if m not in found:
                found.append(m)
    return found


SPONSOR_WORDS = frozenset({"backed", "allied", "sponsored", "funded", "supported", "brokered", "made", "aligned",
                           "armed", "trained", "mediated", "based", "hosted"})  # not "led": a US-led coalition is the US acting
MEDIATION_LEMMAS = frozenset({"mediate", "sponsor", "broker", "host", "facilitate", "convene"})


def _sponsor(view: SentenceView, m: Mention) -> bool:
    """"the Iran-backed rebels", "EU-mediated talks": the named party stands behind the noun, not for it."""
    if m.sent != view.sent.index or m.tok_end + 1 >= len(view.sent.tokens):
        return False
    return view.tok(m.tok_end).text == "-" and lower(view.tok(m.tok_end + 1)) in SPONSOR_WORDS


def _coordinated_adjectives(view: SentenceView, head: int, near: list[Mention]) -> list[Mention]:
    """"his Greek, Cypriot and French counterparts": each adjective names one more party."""
    if not near or near[0].kind not in ("role", "body", "person"):
        return []
    extra: list[Mention] = []
    for a in view.kids(head, "amod", "compound", "nmod"):  # "U.S. and Russian officials": "U.S." as nmod
        for i in [a, *view.subtree(a)]:
            extra.extend(m for m in view.on_token.get(i, []) if m.kind == "state" and m not in near and m not in extra)
    return extra


PRONOUNS = {"it": "one", "its": "one", "they": "many", "them": "many", "their": "many", "he": "person",
            "him": "person", "his": "person", "she": "person", "her": "person"}
QUANTITY_NOUNS = frozenset({"thousand", "hundred", "dozen", "number", "million", "score", "battalion", "column", "unit"})
SAY_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj"})


RELATIONAL_NOUNS = frozenset({  # "its neighbour", "their rivals": another party than the possessor
    "neighbour", "neighbor", "neighbours", "neighbors", "ally", "allies", "rival", "rivals", "partner", "partners",
    "enemy", "enemies", "foe", "foes", "adversary", "adversaries", "opponent", "opponents", "critic", "critics"})
BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borders", "frontiers"})


def _nearest_mentions(view: SentenceView, head: int) -> list[Mention]:
    tok = view.tok(head)
    if tok.lemma.lower() in BORDER_NOUNS:  # "its border with China": the neighbour, not the owner
        across = [m for p in view.kids(head, "prep") if lower(view.tok(p)) == "with"
                  for o in view.kids(p, "pobj") for m in phrase_mentions(view, o)]
        if across:
            return across
    if tok.pos == "PRON" and lower(tok) in PRONOUNS and head not in view.on_token:
        return _pronoun_antecedent(view, head)
    frontier = [head]
    seen = set()
    while frontier:
        hits = [m for i in frontier for m in view.on_token.get(i, [])]
        if hits and frontier == [head] and all(m.code is None for m in hits):
            # "former Canadian diplomat Michael Kovrig": an unknown name takes its title's party
            titled = [m for c in view.kids(head, "compound", "amod", "nmod") for i in view.subtree(c)
                      for m in view.on_token.get(i, []) if m.code and m.kind in ("body", "role", "state")
                      and m not in hits]
            if titled:
                return sorted(dict.fromkeys(titled), key=lambda m: (m.start, m.end))
        if not hits and tok.lemma.lower() not in RELATIONAL_NOUNS:  # "its border villages": the owner
            hits = [m for i in frontier if i != head and view.tok(i).dep == "poss"
                    and lower(view.tok(i)) in PRONOUNS for m in _pronoun_antecedent(view, i)]
        if hits:
            if head not in frontier:  # "the leaders of Japan, India and Brazil": the conjuncts inside too
                hits += [m for i in frontier if view.on_token.get(i) for c in _conjuncts(view, i)
                         for m in view.on_token.get(c, [])]
            # text order; mentions on one token ("the two": one per party) keep their own order (a set
            # would order them by hash, which differs between runs)
            return sorted(dict.fromkeys(hits), key=lambda m: (m.start, m.end))
        nxt = []
        for i in frontier:
            seen.add(i)
            for c in view.children[i]:
                child = view.tok(c)
                if c in seen or child.dep not in PHRASE_DEPS:
                    continue
                if child.dep == "prep" and lower(child) not in PHRASE_PREPS:
                    continue
                nxt.append(c)
        frontier = nxt
    return []


def _conjuncts(view: SentenceView, i: int) -> list[int]:
    """Every conjunct after token i in its coordination ("France, Germany and Italy": Germany, Italy)."""
    out: list[int] = []
    stack = view.kids(i, "conj")
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(view.kids(c, "conj"))
    return sorted(out)


def _pronoun_antecedent(view: SentenceView, pron: int) -> list[Mention]:
    """A subject pronoun of a reported clause is the reporter: "Moscow and Ankara announced they would..."."""
    kind = PRONOUNS[lower(view.tok(pron))]
    verb = governing_verb(view, view.tok(pron).head)
    clause = view.tok(verb)
    if clause.dep in SAY_DEPS and clause.head != verb:
        subj, _ = subject_head(view, clause.head)
        if subj is not None and subj != pron:
            found = phrase_mentions(view, subj)
            if found and _fits(found, kind):
                return found
    if kind == "many":
        return []
    before = [m for m in view.mentions if m.tok_end <= pron and m.code and m.kind != "pronoun"]
    if view.tok(pron).dep in ("dobj", "pobj", "dative"):  # "X designated it ...": "it" is not X
        subj, _ = subject_head(view, verb)
        own = {m.code for m in phrase_mentions(view, subj)} if subj is not None and subj != pron else set()
        before = [m for m in before if m.code not in own]
    wanted = [m for m in before if _fits([m], kind)]
    if not wanted and view.tok(pron).dep in ("nsubj", "nsubjpass", "poss"):
        # across sentences only subjects and possessors: "called it another ..." names no state
        wanted = [m for m in view.prior if _fits([m], kind)]
    return [replace(wanted[-1], by_context=True)] if wanted else []


def _fits(mentions: list[Mention], kind: str) -> bool:
    if kind == "person":
        return len(mentions) == 1 and mentions[0].kind in ("person", "role")
    if kind == "many":
        return len(mentions) > 1 or any(m.code and "|" in m.code for m in mentions) or \
            any(m.kind in ("body", "group") for m in mentions)
    return len(mentions) == 1 and mentions[0].kind in ("state", "capital", "igo", "body")


def _relative_object(view: SentenceView, head: int) -> int | None:
    """The noun a relative clause with its own subject describes: its object ("a ban that Beijing imposed",
    "the duties Beijing imposed")."""
    tok = view.tok(head)
    objects = view.kids(head, "dobj")
    if tok.dep != "relcl" or tok.head == head or objects and lower(view.tok(objects[0])) not in ("that", "which"):
        return None
    subjects = view.kids(head, "nsubj")
    if not subjects or lower(view.tok(subjects[0])) in ("who", "which", "that"):
        return None
    return tok.head


def _raised_objects(view: SentenceView, head: int) -> list[int]:
    """The object of "allow X to enter", "urge X to return" when the parser made X the subject of the
    to-clause (a ccomp)."""
    return [s for c in view.kids(head, "ccomp") if is_to_clause(view, c) for s in view.kids(c, "nsubj")]


def slot_tokens(view: SentenceView, head: int, slot: str, passive: bool) -> list[int]:
    """Tokens filling one argument slot of the trigger (see ``recipient`` in verbs.yaml)."""
    if slot == "dobj":
        if passive:
            subj, _ = subject_head(view, head)  # the relative pronoun's noun, when there is one
            return [subj] if subj is not None else []
        if view.tok(head).tag == "VBG" and view.tok(head).dep in ("acl", "prep"):  # "a summit involving X"
            return view.kids(head, "dobj", "pobj")
        return view.kids(head, "dobj") or _raised_objects(view, head)
    if slot == "dative":
        return view.kids(head, "dative", "iobj")
    if slot.startswith("pobj:"):
        prep = slot[5:]
        out = []
        for p in view.kids(head, "prep", "agent", "dative"):
            if lower(view.tok(p)) == prep:
                out.extend(view.kids(p, "pobj", "pcomp"))
            elif lower(view.tok(p)) in ("out", "away", "back"):  # "pulled troops out of Mali"
                out.extend(c for q in view.kids(p, "prep") if lower(view.tok(q)) == prep for c in view.kids(q, "pobj"))
        relative = _relative_object(view, head)
        objects = view.kids(head, "dobj") + view.kids(head, "nsubjpass") + ([relative] if relative is not None else [])
        for d in objects:  # "a visit to X", "an agreement between X and Y was approved"
            for p in view.kids(d, "prep"):
                if lower(view.tok(p)) == prep:
                    out.extend(view.kids(p, "pobj"))
        return out
    if slot.startswith("mark:"):  # "called for the UN to send monitors": the subject of the "for" clause
        return [n for c in view.kids(head, "advcl", "acl", "ccomp")
                if any(lower(view.tok(m)) == slot[5:] for m in view.kids(c, "mark")) for n in view.kids(c, "nsubj")]
    if slot in ("poss", "compound", "amod"):
        return view.kids(head, slot)
    return []


# ----------------------------------------------------------------- triggers


def find_candidates(view: SentenceView, lexicon: TriggerLexicon) -> list[Candidate]:
    """Every trigger occurrence of the sentence with its participants and status."""
    dropped = _dropped_complements(view, lexicon)
    consumed: set[int] = set()
    out: list[Candidate] = []
    for tok in view.sent.tokens:
        if tok.i in dropped or tok.i in consumed:
            continue
        if tok.pos in ("NOUN", "PROPN") and (tok.i in view.on_token or tok.dep == "compound"):
            continue  # the noun names an entity or occasion ("the G20 Summit") or modifies one ("battle tanks")
        evaluation = _evaluation(view, tok, lexicon) or _feeling(view, tok, lexicon)
        if evaluation is not None:
            out.append(evaluation)
            continue
        cands = [(c, obj) for trigger, obj in _matching_triggers(view, tok, lexicon)
                 if (c := _candidate(view, tok.i, trigger, obj, lexicon)) is not None]
        complete = sorted(((c, obj) for c, obj in cands if _complete(c)),  # a reading whose subject condition
                          key=lambda co: (not co[0].recipients, not co[0].trigger.only_if_subject))  # holds is the more specific
        if complete or cands:  # the first reading whose participants are all there, else the first
            best, obj = (complete or cands)[0]
            out.append(best)
            if obj is not None and best.status != "considered" and not _acted_by_other(view, obj, best.actors):
                consumed.add(obj)  # "weighing Japan's offer", "ratified the bid Sweden filed": the noun's own act
            if tok.pos == "VERB" and best.actors and best.status != "considered" \
                    and (best.recipients or best.trigger.symmetric and len(best.actors) > 1):
                consumed.update(d for d in view.kids(tok.i, "dobj") if any(  # "could agree a trade deal": one event
                    t.event == best.trigger.event for t in lexicon.lookup("NOUN", view.tok(d).lemma.lower()))
                    and not _acted_by_other(view, d, best.actors))
            if best.trigger.event == "REJECT" and best.recipients:  # "rejected talks": a REJECT, not a negated
                consumed.update(d for d in view.kids(tok.i, "dobj")  # CONSULT; a rejected offer was still made
                                if view.tok(d).lemma.lower() not in RECEIVED_NOUNS)
    return out


DESCRIBING_DEPS = ("oprd", "acomp", "ccomp", "xcomp")


def _evaluation(view: SentenceView, tok: Token, lexicon: TriggerLexicon) -> Candidate | None:
    """"X called Y unacceptable" (ACCUSE), "... a political maneuver", "described it as historic"
    (SUPPORT), "called the charges baseless" (REJECT): the words describing the object decide."""
    evaluation = lexicon.evaluation
    if tok.pos != "VERB" or tok.lemma.lower() not in evaluation.verbs:
        return None
    describing = [c for c in view.kids(tok.i, *DESCRIBING_DEPS)]
    describing += [p for a in view.kids(tok.i, "prep") if lower(view.tok(a)) == "as"
                   for p in view.kids(a, "pobj", "amod", "acomp")]
    describing += [a for o in view.kids(tok.i, "dobj") for a in view.kids(o, "acl", "amod")  # "called the
                   if a > o and view.tok(a).pos == "ADJ"]  # decision null and void", parsed as the noun's modifier
    if not describing:
        return None
    words = {w for d in describing for t in view.subtree(d)[:8] for w in (view.tok(t).lemma.lower(), lower(view.tok(t)))}
    trigger = evaluation.reading(words)
    if trigger is None:
        return None
    actors, _ = _verb_participants(view, tok.i, trigger)
    obj = _object_noun(view, tok.i)
    recipients = phrase_mentions(view, obj) if obj is not None else []
    if not recipients or all(m.code in {a.code for a in actors} for m in recipients):
        recipients = _object_owner(view, tok.i)
    recipients = [m for m in recipients if m.code not in {a.code for a in actors}]
    return Candidate(trigger, tok.i, None, tuple(actors), tuple(recipients), status_of(view, tok.i, lexicon))


FEELING_TRIGGER = Trigger(lemma="(feeling)", event="ACCUSE", mode="disapprove")
FEELING_PREPS = frozenset({"about", "over", "at", "by", "with", "regarding", "of"})


def _feeling(view: SentenceView, tok: Token, lexicon: TriggerLexicon) -> Candidate | None:
    """"France said it was concerned that the deal would not curb Iran's enrichment", "the United States
    is disappointed by the parliament's decision": the one who feels disapproves of the party the
    that-clause or the about/over/by phrase names (``feelings`` in verbs.yaml). Both must be resolved."""
    if lower(tok) not in lexicon.evaluation.feelings or tok.dep not in ("acomp", "ROOT", "ccomp", "conj", "xcomp"):
        return None
    holder = view.kids(tok.i, "nsubj", "nsubjpass")
    if not holder and tok.dep == "acomp":
        holder = view.kids(tok.head, "nsubj")
    actors = [m for h in holder[:1] for m in _doer_mentions(view, h) if m.code]
    if not actors:
        return None
    own = {m.code for m in _expand_groups(actors)}
    targets = [m for m in _felt_about(view, tok.i) if m.code not in own]
    if not targets:
        return None
    return Candidate(FEELING_TRIGGER, tok.i, None, tuple(actors), tuple(targets), status_of(view, tok.i, lexicon))


def _felt_about(view: SentenceView, head: int) -> list[Mention]:
    """The parties a feeling is about: the doer of a that-clause (else whom it acts on), or the owner of
    the thing after about/over/at/by ("over Iran's missile tests")."""
    for clause in view.kids(head, "ccomp"):
        subj = view.kids(clause, "nsubj")
        doers = [m for s in subj for m in phrase_mentions(view, s) if m.code]
        if doers:
            return doers
        return [m for t in _patient_tokens(view, clause) for m in phrase_mentions(view, t) if m.code]
    things = [o for p in view.kids(head, "prep", "agent") if lower(view.tok(p)) in FEELING_PREPS
              for o in view.kids(p, "pobj")]
    return [m for t in things for m in (_agents_of(view, t) if _undergone(view, t) else phrase_mentions(view, t))
            if m.code]


def _complete(cand: Candidate) -> bool:
    if not cand.actors:
        return cand.trigger.symmetric and len(cand.recipients) >= 2
    return bool(cand.recipients) or not cand.trigger.needs_recipient or bool(cand.trigger.implicit_recipient)


def _dropped_complements(view: SentenceView, lexicon: TriggerLexicon) -> set[int]:
    """Complements of request/threat verbs: the content of the demand, not an event of its own."""
    dropped: set[int] = set()
    for tok in view.sent.tokens:
        if tok.pos != "VERB":
            continue
        entries = lexicon.lookup("VERB", tok.lemma.lower())
        drops = [t for t in entries if t.complement == "drop"]
        force = any(t.event == "AGREE" and not t.objects for t in entries) and _promises_force(view, tok.i, lexicon)
        if drops or force:
            complements = _complements(view, tok.i)
            if not force and all(t.needs_complement for t in drops):  # "told X to leave", not "X will go, he told"
                complements = [c for c in complements if is_to_clause(view, c)]
            for c in complements:
                dropped.update(_subtree_without_clauses(view, c) - _settings(view, c, lexicon))
    return dropped


SETTING_PREPS = frozenset({"during"})


def _settings(view: SentenceView, head: int, lexicon: TriggerLexicon) -> set[int]:
    """Meetings the parser hung inside a demanded action that are the setting of the demand itself:
    "urged Modi not to increase purchases ... during a video call" (not "his visit": the addressee's own)."""
    out: set[int] = set()
    for t in view.subtree(head):
        tok = view.tok(t)
        if tok.dep == "pobj" and lower(view.tok(tok.head)) in SETTING_PREPS and not view.kids(t, "poss") \
                and any(e.event == "CONSULT" for e in lexicon.lookup("NOUN", tok.lemma.lower())):
            out.update(view.subtree(t))
    return out


def _complements(view: SentenceView, head: int) -> list[int]:
    """Clauses that say what is demanded, threatened or promised: "to"-clauses the parser may attach
    as purpose clauses too ("threatened on Friday to close the border")."""
    return view.kids(head, "xcomp", "ccomp") + [c for c in view.kids(head, "advcl") if is_to_clause(view, c)] + \
        [c for p in view.kids(head, "prep") if lower(view.tok(p)) in ("against", "from", "into")
         for c in view.kids(p, "pcomp") if view.tok(c).pos == "VERB"]  # "warned Washington against arming Taiwan"


def _subtree_without_clauses(view: SentenceView, head: int) -> set[int]:
    """The subtree of ``head`` minus relative clauses inside it (they report facts of their own)."""
    out, stack = set(), [head]
    while stack:
        j = stack.pop()
        out.add(j)
        stack.extend(c for c in view.children[j] if view.tok(c).dep != "relcl")
    return out


def _matching_triggers(view: SentenceView, tok: Token, lexicon: TriggerLexicon) -> list[tuple[Trigger, int | None]]:
    pos = "VERB" if tok.pos == "VERB" else "NOUN" if tok.pos in ("NOUN", "PROPN") else None
    if pos is None:
        return []
    lemma = tok.lemma.lower()
    matches: list[tuple[Trigger, int | None]] = []
    objects = view.kids(tok.i, "dobj") if pos == "VERB" else []
    relative = _relative_object(view, tok.i) if pos == "VERB" else None
    if relative is not None:
        objects = [relative]  # "a ban that Beijing imposed": the ban is the object
    if pos == "VERB" and not objects:  # "an agreement was approved by ...", "aid was flown into Libya by Egypt":
        # the passive subject; "allow citizens of X to enter": the to-clause's subject; and prepositional objects
        objects = (view.kids(tok.i, "nsubjpass") or _raised_objects(view, tok.i)) \
            + [p for prep in view.kids(tok.i, "prep") for p in view.kids(prep, "pobj")]
    objects += [c for o in objects for c in view.kids(o, "conj")]  # "hold the council and consultations"
    objects += [c for o in objects for c in view.kids(o, "appos")]  # "launched Freedom Edge, a joint exercise"
    objects += [p for o in objects if view.tok(o).pos == "PROPN"  # "attend the Group of 20 summit"
                for prep in view.kids(o, "prep") if lower(view.tok(prep)) == "of" for p in view.kids(prep, "pobj")]
    objects += [p for o in objects if view.tok(o).lemma.lower() in QUANTITY_NOUNS | MEASURE_NOUNS  # "thousands of
                # troops", "four hours of talks"
                for prep in view.kids(o, "prep") if lower(view.tok(prep)) == "of" for p in view.kids(prep, "pobj")]
    for trigger in lexicon.lookup(pos, lemma):
        if trigger.objects:
            obj = next((o for o in objects if view.tok(o).lemma.lower() in trigger.objects
                        or lower(view.tok(o)) in trigger.objects), None)
            if pos == "NOUN":  # "an export ban", "a ban on exports", "a build-up of troops"
                on = [o for p in view.kids(tok.i, "prep") if lower(view.tok(p)) in ("on", "of") for o in view.kids(p, "pobj")]
                obj = next((c for c in view.kids(tok.i, "compound", "amod") + on
                            if view.tok(c).lemma.lower() in trigger.objects), None)
            if obj is None:
                continue
            matches.append((trigger, obj))
        else:
            if trigger.prep and not any(lower(view.tok(p)) in trigger.prep for p in _particles(view, tok.i)):
                continue
            blockers = objects if pos == "VERB" else view.kids(tok.i, "compound", "amod")  # "air strikes"
            if trigger.not_if_object and any(view.tok(o).lemma.lower() in trigger.not_if_object for o in blockers):
                continue
            if trigger.needs_verb and not _has_verb(view, tok.i, trigger.needs_verb) \
                    and not (trigger.or_named and _named_party(view, tok.i, trigger)) \
                    and not (trigger.event == "AGREE" and _missing_outcome(view, tok.i)):
                continue
            if trigger.needs_complement and not any(is_to_clause(view, c) for c in _complements(view, tok.i)):
                continue
            matches.append((trigger, None))
    matches.sort(key=lambda m: m[1] is None)  # light-verb (object) readings first
    return matches


def _particles(view: SentenceView, i: int) -> list[int]:
    """Prepositions and particles of a verb, and the "for" of a clause it governs ("called for the UN to act")."""
    return view.kids(i, "prep", "prt") + [m for c in view.kids(i, "advcl") for m in view.kids(c, "mark")
                                          if lower(view.tok(m)) == "for"]


def _addressees(view: SentenceView, head: int, actors: Sequence[Mention]) -> list[Mention]:
    """Whom a request is addressed to when no slot names them: the subject of a for- or that-clause ("a
    call for the UN to begin airdrops", "demanded that Brazil renegotiate"), the party owning what is asked for ("called for G7 action", "Russia's
    withdrawal"), or the party it is asked from or with ("reparations from Germany", "talks with Putin")."""
    own = {m.code for m in _expand_groups(actors)}
    clauses = [c for c in view.kids(head, "advcl", "acl", "ccomp")  # "demanded that Brazil renegotiate"
               if any(lower(view.tok(m)) in ("for", "that") for m in view.kids(c, "mark"))]
    found = [m for c in clauses for s in view.kids(c, "nsubj") for m in phrase_mentions(view, s)]
    things = [o for p in view.kids(head, "prep") if lower(view.tok(p)) == "for" for o in view.kids(p, "pobj")]
    things += view.kids(head, "dobj")
    for thing in things:
        found += [m for c in view.kids(thing, "compound", "poss") for m in phrase_mentions(view, c)]
        found += [m for t in _open_subtree(view, thing) if view.tok(t).dep == "prep" and lower(view.tok(t)) in ("from", "with")
                  for o in view.kids(t, "pobj") for m in phrase_mentions(view, o)]
    return list(dict.fromkeys(m for m in found if m.code and m.code not in own))


def _possessors(view: SentenceView, i: int) -> list[int]:
    """The possessor of a noun, also where the parser hung it on a compound ("Sweden's NATO membership bid")."""
    return view.kids(i, "poss") or [p for c in view.kids(i, "compound") for p in view.kids(c, "poss")]


def _acted_by_other(view: SentenceView, noun: int, actors: Sequence[Mention]) -> bool:
    """The object noun names its own doer, another party than the verb's ("approved Sweden's bid")."""
    own = {m.code for m in _expand_groups(actors)}
    doers = _named_doers(view, noun, agentive_of=False) + [m for v in view.kids(noun, "relcl") if view.tok(v).lemma.lower() in DOING_VERBS
                                        for s in view.kids(v, "nsubj") for m in phrase_mentions(view, s)]
    return any(m.code and m.code not in own and m.kind != "pronoun" for m in doers)


def _has_verb(view: SentenceView, i: int, lemmas: tuple[str, ...]) -> bool:
    """The noun is governed by one of the verbs ("reached a deal") or modified by one ("a deal reached")."""
    if _lemma_of_governor(view, i) in lemmas:
        return True
    return any(view.tok(c).lemma.lower() in lemmas for c in view.kids(i, "acl", "relcl"))


DOER_PREPS = ("from", "by")


def _named_doers(view: SentenceView, i: int, agentive_of: bool = True) -> list[Mention]:
    """Who a nominal act names as its doer: a possessor ("Japan's proposal"), a "from"/"by" phrase
    ("a demand from Niger's junta"), or an "of" phrase that is itself a name ("at the urging of the
    prime minister"; not "an offer of loans")."""
    found = [m for c in _possessors(view, i) for m in phrase_mentions(view, c)]
    for p in view.kids(i, "prep"):
        word = lower(view.tok(p))
        for c in view.kids(p, "pobj"):
            if word in DOER_PREPS:
                found += phrase_mentions(view, c)
            elif word == "of" and agentive_of and c in view.on_token:
                found += [m for m in view.on_token[c] if not m.rule.startswith("context:")]
    return list(dict.fromkeys(found))


def _missing_outcome(view: SentenceView, i: int) -> bool:
    """An agreement reported as not reached: "ended without agreement", "broke up with no deal"."""
    tok = view.tok(i)
    if tok.dep != "pobj" or tok.head == i:
        return False
    prep = lower(view.tok(tok.head))
    return prep == "without" or prep == "with" and any(lower(view.tok(d)) == "no" for d in view.kids(i, "det"))


def _outcome_parties(view: SentenceView, head: int, lexicon: TriggerLexicon, missing: bool) -> list[Mention]:
    """Who agreed (or failed to): the parties of the meeting that is the clause's subject ("talks
    between A and B yielded a deal", "... broke down without agreement"); for an agreement not
    reached, else the parties that are the subject ("A and B ended their talks without agreement")."""
    verb = governing_verb(view, head)
    subj, passive = subject_head(view, verb) if verb != head else (None, False)
    if subj is None or passive:
        return []
    if view.tok(subj).lemma.lower() in MEASURE_NOUNS:  # "three days of talks"
        subj = next((c for p in view.kids(subj, "prep") if lower(view.tok(p)) == "of" for c in view.kids(p, "pobj")), subj)
    for trigger in lexicon.lookup("NOUN", view.tok(subj).lemma.lower()):
        if trigger.event == "CONSULT" and trigger.symmetric and not trigger.objects:
            actors, recipients = _noun_participants(view, subj, trigger)
            return [m for m in actors + recipients if not _sponsor(view, m)]
    return phrase_mentions(view, subj) if missing else []


def _named_party(view: SentenceView, i: int, trigger: Trigger) -> bool:
    """Whether the nominal act names the party that stands in for its missing verb (``or_named``)."""
    if trigger.or_named == "doer":
        return bool(_named_doers(view, i))
    targets = [m for slot in trigger.recipient for t in slot_tokens(view, i, slot, False)
               for m in phrase_mentions(view, t) if m.code]
    if any(m.kind in ("person", "role", "body") and m.sector in (None, "GOV") for m in targets):
        return True  # "protests against President Ruto", "a march against the government"
    anti = any(_anti_ruler(view, c) for c in view.kids(i, "amod", "compound"))  # "anti-government protests in Serbia"
    return (bool(targets) or anti) and bool(_located_states(view, i))


RULER_WORDS = frozenset({"government", "regime", "junta", "president", "establishment"})


def _anti_ruler(view: SentenceView, c: int) -> bool:
    """"anti-government" (one token, or "anti" "-" "government")."""
    text = lower(view.tok(c))
    if c >= 2 and text in RULER_WORDS and lower(view.tok(c - 1)) == "-":
        return lower(view.tok(c - 2)) == "anti"
    return text.startswith("anti-") and text[5:] in RULER_WORDS
PLACE_PREPS = frozenset({"in", "across", "throughout"})


def _located_states(view: SentenceView, i: int) -> list[Mention]:
    """States or capitals the phrase at ``i`` places itself in ("protests in Serbia", "across France"),
    directly or inside its target ("protests outside the French embassy in Niamey")."""
    own = [c for p in view.kids(i, "prep") if lower(view.tok(p)) in PLACE_PREPS for c in view.kids(p, "pobj")]
    inner = [t for t in _open_subtree(view, i) if view.tok(t).dep == "pobj" and t not in own
             and lower(view.tok(view.tok(t).head)) in PLACE_PREPS]
    return [m for c in own + inner for m in phrase_mentions(view, c)
            if m.code and m.kind in ("state", "capital") and not m.code.startswith("IGO:")]


def _lemma_of_governor(view: SentenceView, i: int) -> str:
    tok = view.tok(i)
    if tok.head == i:
        return ""
    if tok.dep == "appos":  # "launched Freedom Edge, their first joint exercise"
        return _lemma_of_governor(view, tok.head)
    head = view.tok(tok.head)
    if head.dep == "prep" and head.head != head.i:
        return view.tok(head.head).lemma.lower()
    return head.lemma.lower()


def _candidate(view: SentenceView, head: int, trigger: Trigger, obj: int | None,
               lexicon: TriggerLexicon) -> Candidate | None:
    if trigger.pos == "NOUN":
        actors, recipients = _noun_participants(view, head, trigger)
        if not actors and obj is not None and trigger.event == "MOBILIZE":  # "a build-up of Russian troops"
            actors = [m for m in phrase_mentions(view, obj) if m.code]
        if trigger.event == "MOBILIZE":  # troops massed near "its border": not aimed at their own state
            own = {m.code for m in _expand_groups(actors)}
            recipients = [m for m in recipients if m not in actors and m.code not in own]
    else:
        actors, recipients = _verb_participants(view, head, trigger)
        if obj is not None and (trigger.symmetric or not recipients):
            own = {a.code for a in _expand_groups(actors)}  # "pulled its troops": not a recipient
            recipients += [m for m in _modifier_mentions(view, obj) if m not in recipients and m not in actors
                           and m.code not in own]
    if trigger.event == "REJECT" and not recipients:  # "rejected any further talks with South Korea"
        recipients = [m for d in view.kids(head, "dobj") for m in _inner_mentions(view, d) if m not in actors]
    if trigger.event == "CONSULT" and trigger.pos == "VERB" and any(
            view.tok(d).lemma.lower() in (SPEECH_NOUNS | REACTION_NOUNS) - MEETING_NOUNS for d in view.kids(head, "dobj")):
        return None  # "welcomed Norway's decision", "received the proposal": a reaction, not a meeting
    if view.tok(head).lemma.lower() in JOINING_VERBS and any(
            view.kids(p, "pcomp") for p in view.kids(head, "prep") if lower(view.tok(p)) == "in"):
        return None  # "joined Britain in condemning Iran": the joined act is the event, not a membership
    if trigger.reverse:  # "accepted help from Spain": Spain gives, the subject receives
        actors, recipients = recipients, actors
    if trigger.complement == "negate" and view.kids(head, "xcomp"):
        return None  # "refused to join": the complement carries the negation
    if trigger.only_if_subject:
        subj, _ = subject_head(view, head)
        if subj is None or view.tok(subj).lemma.lower() not in trigger.only_if_subject:
            return None
    if trigger.event == "AGREE" and _promises_force(view, head, lexicon):
        trigger = replace(trigger, event="THREATEN", symmetric=False, complement="drop", mode=None)
        recipients = [m for m in _complement_mentions(view, head) if m.code not in {a.code for a in actors}]
        return Candidate(trigger, head, obj, tuple(actors), tuple(recipients), status_of(view, head, lexicon))
    if trigger.event == "AGREE" and trigger.pos == "NOUN" and len(actors) + len(recipients) < 2:
        missing = _missing_outcome(view, head)
        recipients = _outcome_parties(view, head, lexicon, missing) or recipients
        if missing:
            return Candidate(trigger, head, obj, tuple(actors), tuple(recipients), "negated")
    status = status_of(view, head, lexicon)
    if trigger.pos == "VERB" and status == "asserted" and obj is not None and lower(view.tok(obj)) in RECEIVED_NOUNS \
            and view.tok(head).lemma.lower() in lexicon.modality.verbs.get("considered", ()):
        status = "considered"  # "is weighing an offer from Japan": accepting it is under consideration
    if trigger.event == "AID" and status == "asserted" and view.tok(head).lemma.lower() in PROMISE_WORDS:
        status = "intended"  # "pledged $2 billion in aid", "offered Manila a loan": aid promised, not yet given
    if trigger.pos == "NOUN" and (view.tok(head).lemma.lower() in RECEIVED_NOUNS or _anothers_claim(view, head, trigger, actors)):
        status = noun_status(view, head, lexicon) or "asserted"  # the offer was made, whatever its fate
        if trigger.event == "AGREE" and view.tok(head).lemma.lower() in PROMISE_WORDS and status == "asserted":
            aid = _promised_aid(view, head, lexicon)  # "the fund's offer of cheap loans to Italy"
            if aid is not None:
                trigger, status = aid, "intended"
    if obj is not None and status == "asserted" and view.tok(obj).pos in ("NOUN", "PROPN"):
        status = noun_status(view, obj, lexicon) or status  # "unveiled a proposed aid package"
    if status == "negated" and trigger.pos == "VERB" and view.tok(head).lemma.lower() in NOT_ACCEPTING \
            and trigger.event in ("AGREE", "SUPPORT") and _negated_here(view, head):
        trigger, status = replace(trigger, event="REJECT", mode=None, symmetric=False), "asserted"
    return Candidate(trigger, head, obj, tuple(actors), tuple(recipients), status)


NOT_ACCEPTING = frozenset({"accept", "recognise", "recognize"})  # "will not accept/recognise X": a rejection


def _negated_here(view: SentenceView, head: int) -> bool:
    """The verb itself carries "not"/"never" (not a governing "refused to", which is coded as its own act)."""
    return any(lower(view.tok(c)) in ("not", "never", "n't") for c in view.kids(head, "neg"))


def _anothers_claim(view: SentenceView, head: int, trigger: Trigger, actors: Sequence[Mention]) -> bool:
    """A verbal act owned by another party than the one weighing it ("Ireland is weighing whether to join
    South Africa's case against Israel"): it was made, whatever the other party does about it."""
    if trigger.event not in JUDGING_EVENTS | {"REQUEST"} or not actors or not view.kids(head, "poss"):
        return False
    subj, _ = subject_head(view, governing_verb(view, view.tok(head).head))
    others = {m.code for m in phrase_mentions(view, subj)} if subj is not None else set()
    return bool(others) and not others & {m.code for m in _expand_groups(actors)}


PROMISE_WORDS = frozenset({"offer", "pledge", "promise", "commit"})


def _promised_aid(view: SentenceView, head: int, lexicon: TriggerLexicon) -> Trigger | None:
    """The aid entry of what an offer or pledge is "of" ("an offer of loans"), if it is aid."""
    for p in view.kids(head, "prep"):
        if lower(view.tok(p)) == "of":
            for c in view.kids(p, "pobj"):
                aid = next((t for t in lexicon.lookup("NOUN", view.tok(c).lemma.lower()) if t.event == "AID"), None)
                if aid is not None:
                    return aid
    return None


MEETING_NOUNS = frozenset({"call", "calls", "visit", "visits", "delegation", "envoy"})  # "received a call from"
REACTION_NOUNS = frozenset({
    "verdict", "ruling", "sentence", "judgment", "judgement", "charge", "charges", "accusation", "accusations",
    "claim", "claims", "allegation", "allegations", "idea", "suggestion", "announcement", "action", "attack",
    "visit", "comments", "remarks", "comment", "threat", "threats", "demand", "demands", "offer", "bid",
    "admission", "withdrawal", "exit", "deployment", "sanctions", "ban", "restrictions", "arrest", "detention",
    "annexation", "election", "vote", "referendum", "test", "launch", "operation", "strike", "strikes", "shift",
})
CONFLICT_EVENTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})


def _promises_force(view: SentenceView, head: int, lexicon: TriggerLexicon) -> bool:
    """"vowed to retaliate", "pledged to punish": a promise of force is a threat, not an agreement."""
    for comp in view.kids(head, "xcomp"):
        tok = view.tok(comp)
        if tok.pos != "VERB":
            continue
        readings = [t for t, _ in _matching_triggers(view, tok, lexicon)]  # "pledged to increase aid": no
        if readings and readings[0].event in CONFLICT_EVENTS:
            return True
    return False


def _verb_participants(view: SentenceView, head: int, trigger: Trigger) -> tuple[list[Mention], list[Mention]]:
    tok = view.tok(head)
    if tok.dep == "acl" and tok.tag == "VBN" and not view.kids(head, "nsubj"):
        # "sailors captured by Russia": the noun is the patient ("an attack X blamed on Y" has its own subject)
        agents = [p for a in view.kids(head, "agent") for p in view.kids(a, "pobj")]
        return [m for a in agents for m in phrase_mentions(view, a)], phrase_mentions(view, tok.head)
    subj, passive = subject_head(view, head)
    actors: list[Mention] = []
    if passive:
        agents = [p for a in view.kids(head, "agent") for p in view.kids(a, "pobj")]
        actors = [m for a in agents for m in phrase_mentions(view, a)]
    elif subj is not None:
        actors = _doer_mentions(view, subj)
        actors = _listed_before(view, actors) + actors
        actors += [m for m in _companions(view, head, subj) if m not in actors]
        if not any(m.code for m in actors) and trigger.event in ("PROTEST", "ASSAULT") and _is_crowd(view, subj):
            actors = _crowd_state(view, head, subj)  # "people marched through Santiago": Chileans
    recipients: list[Mention] = []
    for slot in trigger.recipient:  # the first slot that names a known party ("send Leopard 2 tanks to Ukraine")
        found = [m for t in slot_tokens(view, head, slot, passive) for m in _target_mentions(view, t, trigger)]
        if found and not recipients:
            recipients = list(dict.fromkeys(found))
        if any(m.code for m in found):
            recipients = list(dict.fromkeys(found))
            break
    recipients += [m for m in _listed_after(view, recipients) if m not in actors]
    if not recipients and trigger.event in JUDGING_EVENTS:
        recipients = [m for m in _judged_parties(view, head) if m.code not in {a.code for a in actors}]
    if not recipients and trigger.recipient[:1] == ("dobj",):
        recipients = [m for m in _object_owner(view, head) if m.code not in {a.code for a in actors}]
    if passive and not recipients and subj is not None and trigger.recipient_from_object:
        recipients = phrase_mentions(view, subj)
    if passive and not actors and trigger.event in AGENTLESS_DOMESTIC:
        # "71 people were arrested", "The PKK is banned in Turkey": the state where it happens acts
        actors = [replace(m, sector="GOV", kind="state", rule="context:domestic", by_context=True)
                  for m in recipients[:1] if m.code and not m.code.startswith("IGO:") and "|" not in m.code]
    if not recipients and trigger.event == "REQUEST":
        recipients = _addressees(view, head, actors)
    if not recipients and (trigger.complement == "drop" or trigger.complement == "intend" and len(actors) == 1):
        # "warned that Ankara could cut ties with Israel"; "offered to host talks between Armenia and ..."
        recipients = [m for m in _complement_mentions(view, head) if m not in actors]
    gapped = [replace(m, rule=f"gapped:{m.rule}") for m in _gapped_doers(view, head)] if actors and not passive else []
    if gapped and not recipients:  # "pledged $2bn and X $1bn to help Ukraine": the purpose names the recipient
        purposes = [t for t in view.subtree(head) if t != head and view.tok(t).pos == "VERB" and
                    view.tok(t).dep in ("advcl", "relcl", "xcomp") and is_to_clause(view, t)]
        codes = {m.code for m in actors + gapped}
        recipients = [m for m in _inner_mentions(view, purposes[0]) if m.code not in codes] if purposes else []
    gapped_spans = {(m.tok_start, m.tok_end) for m in gapped}
    return (actors + [m for m in gapped if m not in actors],
            [m for m in recipients if (m.tok_start, m.tok_end) not in gapped_spans or m.sent != view.sent.index])


AMOUNT_START = re.compile(r"^(?:[$€£¥]|US\$|\d)")


def _gapped_doers(view: SentenceView, head: int) -> list[Mention]:
    """Second doers of a gapped clause: "Japan pledged $2bn and South Korea $1bn", "sent 20 tanks to Ukraine
    and Poland 30": a party after "and" followed straight by an amount does the same verb (the parser hangs it
    on the object or the recipient)."""
    inside = set(view.subtree(head))
    found: list[Mention] = []
    for m in view.mentions:
        if m.tok_start <= head or m.tok_start - 1 not in inside or not m.code or m.by_context \
                or m.kind not in ("state", "capital", "igo", "body", "person", "role") or m.tok_end >= len(view.sent.tokens):
            continue
        before = m.tok_start - 1 - (lower(view.tok(m.tok_start - 1)) == "the")
        if before > head and lower(view.tok(before)) == "and" and _amount(view, m.tok_end):
            found.append(m)
    return found


TIME_NOUNS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "time"})


def _amount(view: SentenceView, i: int) -> bool:
    """Token i opens an amount ("$1bn", "30", "2 million euros"), not a time ("10 days ago", "2015")."""
    text = view.tok(i).text
    if not AMOUNT_START.match(text):
        return False
    if not text[0].isdigit():
        return True
    after = view.tok(i + 1).lemma.lower() if i + 1 < len(view.sent.tokens) else ""
    return after not in TIME_NOUNS and not re.fullmatch(r"(?:19|20)\d\d", text)


LIST_GLUE = frozenset({",", "and", ";"})
COMPANION_WORDS = frozenset({"along", "together"})


def _companions(view: SentenceView, head: int, subj: int) -> list[Mention]:
    """Parties acting with the subject: "France, along with Germany and Italy, condemned ...", "alongside
    Kenya"; "Canada joined Britain and Australia in condemning ...": the joined act too."""
    found: list[Mention] = []
    objects = view.kids(head, "dobj")  # "targets X along with Y": after an object, Y is targeted too
    for p in [p for p in view.kids(head, "prep") if p < head or not objects] + view.kids(subj, "prep"):
        word = lower(view.tok(p))
        withs = [w for w in view.kids(p, "prep") if lower(view.tok(w)) == "with"] if word in COMPANION_WORDS else \
            [p] if word == "alongside" or word == "with" and any(
                lower(view.tok(a)) in COMPANION_WORDS for a in view.kids(p, "advmod")) else []
        found += [m for w in withs for o in view.kids(w, "pobj") for m in phrase_mentions(view, o) if m.code]
    tok = view.tok(head)
    prep = view.tok(tok.head)
    if tok.dep == "pcomp" and lower(prep) == "in" and view.tok(prep.head).lemma.lower() in JOINING_VERBS:
        found += [m for o in view.kids(prep.head, "dobj") for m in phrase_mentions(view, o) if m.code]
    return found


JOINING_VERBS = frozenset({"join"})
JUDGING_EVENTS = frozenset({"ACCUSE", "REJECT"})


def _judged_parties(view: SentenceView, head: int) -> list[Mention]:
    """Whom a judgement is aimed at when no slot names them: the parties of the thing judged
    ("denounced the memoranda between Turkey and Libya") or the doers of an alleged act
    ("alleged that Yanukovych gave the order")."""
    for obj in view.kids(head, "dobj"):
        parties = [m for p in _open_subtree(view, obj) if lower(view.tok(p)) == "between"
                   for o in view.kids(p, "pobj") for m in phrase_mentions(view, o)]
        if parties:
            return parties
    if view.tok(head).lemma.lower() in ("allege", "claim", "charge", "accuse", "suspect"):
        for comp in view.kids(head, "ccomp"):
            subj, passive = subject_head(view, comp)
            if subj is not None and not passive and subj in view.kids(comp, "nsubj"):
                return [m for m in phrase_mentions(view, subj) if m.code]
    return []


def _listed_after(view: SentenceView, found: list[Mention]) -> list[Mention]:
    """Parties the parser cut off a list: "spoke to A, B, C and D" where it hung B-D elsewhere.
    Only named parties separated by nothing but commas and "and" continue the list."""
    own = [m for m in found if m.sent == view.sent.index and not m.by_context and m.kind != "pronoun"]
    if not own:
        return []
    last = max(own, key=lambda m: m.tok_end)
    extra: list[Mention] = []
    for m in sorted(view.mentions, key=lambda m: m.tok_start):
        if m.tok_start < last.tok_end or m in found:
            continue
        glue = {lower(view.tok(i)) for i in range(last.tok_end, m.tok_start)}
        if m.code and m.code == last.code and glue <= LIST_GLUE | {"of", "the"}:
            last = m  # "the emir of Qatar, Tamim bin Hamad, and ...": the same party named again
            continue
        if not glue or not glue <= LIST_GLUE | TITLE_MODIFIERS or not m.code \
                or m.kind not in ("person", "state", "capital", "igo", "role") \
                or _new_subject(view, last, m):  # "..., and Britain said": a new clause
            break
        extra.append(m)
        last = m
    return extra


def _new_subject(view: SentenceView, last: Mention, m: Mention) -> bool:
    """``m`` opens a clause of its own: a subject that is not a co-subject of ``last``'s verb."""
    tok, prev = view.tok(m.tok_end - 1), view.tok(last.tok_end - 1)
    return tok.dep in ("nsubj", "nsubjpass") and not (prev.dep == tok.dep and prev.head == tok.head)


TITLE_MODIFIERS = frozenset({"acting", "interim", "caretaker", "outgoing", "incoming"})


CROWD_NOUNS = frozenset({
    "protester", "protestor", "demonstrator", "rioter", "people", "crowd", "crowds", "mob", "student", "worker",
    "farmer", "trucker", "activist", "union", "supporter", "resident", "citizen", "villager", "youth", "fan"})


def _is_crowd(view: SentenceView, subj: int) -> bool:
    """A subject that is a crowd of unnamed people ("More than a million people", "Rioters")."""
    tok = view.tok(subj)
    if tok.lemma.lower() in QUANTITY_NOUNS:  # "tens of thousands of people"
        return any(_is_crowd(view, p) for prep in view.kids(subj, "prep") if lower(view.tok(prep)) == "of"
                   for p in view.kids(prep, "pobj"))
    return tok.lemma.lower() in CROWD_NOUNS or lower(tok) in CROWD_NOUNS


def _crowd_state(view: SentenceView, head: int, subj: int) -> list[Mention]:
    """The state a crowd belongs to: where it gathers ("marched through Santiago", "across France"),
    else whose government it turns against ("against President Pinera's government")."""
    tokens = [t for t in _open_subtree(view, head) if t not in view.subtree(subj)] + view.subtree(subj)
    places, others = [], []
    for t in tokens:
        for m in view.on_token.get(t, []):
            if not m.code or m.code.startswith("IGO:") or "|" in m.code or m.kind == "pronoun":
                continue
            prep = view.tok(view.tok(t).head)
            located = prep.pos == "ADP" and lower(prep) in ("in", "across", "through", "throughout", "around")
            (places if located and m.kind in ("state", "capital") else others).append(m)
    found = places or [m for m in others if m.kind in ("person", "role", "state", "capital", "body")]
    return [replace(found[0], sector="CVL", kind="body", rule="context:crowd", by_context=True)] if found else []


def _listed_before(view: SentenceView, found: list[Mention]) -> list[Mention]:
    """Named parties the parser cut off the front of a subject: "US President Donald Trump and
    Turkish President Erdogan spoke", parsed with only Erdogan as the subject."""
    own = [m for m in found if m.sent == view.sent.index and not m.by_context and m.kind != "pronoun"]
    if not own:
        return []
    first = min(own, key=lambda m: m.tok_start)
    extra: list[Mention] = []
    for m in sorted(view.mentions, key=lambda m: -m.tok_end):
        if m.tok_end > first.tok_start or m in found:
            continue
        glue = {lower(view.tok(i)) for i in range(m.tok_end, first.tok_start)}
        head_dep = view.tok(m.tok_end - 1).dep
        if not glue or not glue <= LIST_GLUE or "and" not in glue and first is own[0] or not m.code \
                or m.kind not in ("person", "state", "capital", "igo", "role") or head_dep in ("pobj", "dobj", "poss"):
            break
        extra.insert(0, m)
        first = m
    return extra


def _doer_mentions(view: SentenceView, subj: int) -> list[Mention]:
    """Who a subject names as a doer. "A Brazilian meatpacker", "the Slovenian race leader": a
    nationality on a noun that names no kind of actor is not the state acting, so the subject
    stays unresolved (and the event is skipped) rather than coded as Brazil."""
    found = phrase_mentions(view, subj)
    tok = view.tok(subj)
    if not found or tok.pos != "NOUN" or subj in view.on_token or view.kids(subj, "conj"):
        return found
    if all(m.kind == "state" and view.tok(m.tok_start).dep == "amod" and m.tok_end <= subj for m in found):
        return [replace(m, code=None, rule=f"demonym-on-unknown:{m.rule}") for m in found]
    return found


def _object_noun(view: SentenceView, head: int) -> int | None:
    """The thing acted on: the direct object, the noun a relative clause describes ("a verdict Biden
    called unacceptable"), or for "it"/"this" the object of the governing verb ("praised the decision,
    calling it historic")."""
    tok = view.tok(head)
    objs = view.kids(head, "dobj")
    if not objs and tok.dep == "relcl" and view.kids(head, "nsubj"):
        return tok.head
    if not objs:
        return None
    obj = objs[0]
    if lower(view.tok(obj)) in ("it", "this", "that") and tok.dep in ("advcl", "conj") and tok.head != head:
        outer = view.kids(tok.head, "dobj")
        return outer[0] if outer else None
    return obj


def _object_owner(view: SentenceView, head: int) -> list[Mention]:
    """Whose act a reaction is about: "praised Colombia's decision" -> Colombia; "sentenced her ...,
    a verdict Biden called unacceptable" -> the court that sentenced."""
    obj = _object_noun(view, head)
    if obj is None or view.tok(obj).lemma.lower() not in SPEECH_NOUNS | REACTION_NOUNS:
        return []
    own = phrase_mentions(view, obj)
    if own:
        return own
    agents = [m for p in view.kids(obj, "prep") if lower(view.tok(p)) == "by"  # "condemned the attack by X"
              for o in view.kids(p, "pobj") for m in phrase_mentions(view, o) if m.code]
    if agents:
        return agents
    tok = view.tok(obj)
    if obj == view.tok(head).head or tok.dep in ("appos", "npadvmod", "dep"):
        verbs = [a for a in view.ancestors(obj) if view.tok(a).pos in ("VERB", "AUX")]
        verb = verbs[-1] if verbs else governing_verb(view, tok.head)  # the main clause reported the act
        subj, passive = subject_head(view, verb)
        if subj is not None and not passive and verb != head:
            return [m for m in phrase_mentions(view, subj) if m.code]
    return []


def _target_mentions(view: SentenceView, t: int, trigger: Trigger) -> list[Mention]:
    """Who a slot names; for force, a target that names nobody stands for the place it is in
    ("strikes on militant positions in northern Iraq")."""
    if trigger.event in JUDGING_EVENTS and _undergone(view, t):
        return _agents_of(view, t)  # "raised concerns about his detention": not his, whoever detains him
    found = phrase_mentions(view, t)
    if any(m.code for m in found) or trigger.event not in CONFLICT_EVENTS or view.tok(t).pos not in ("NOUN", "PROPN"):
        return found
    if trigger.event == "SANCTION" and view.tok(t).lemma.lower() in TRADE_FLOWS:
        return _inner_mentions(view, t) or found  # "curbs on exports of chemicals to South Korea"
    places = [p for prep in view.kids(t, "prep") if lower(view.tok(prep)) in ("in", "near", "across", "inside")
              for p in view.kids(prep, "pobj")]
    return [m for p in places for m in phrase_mentions(view, p) if m.code and m.kind in ("state", "capital")] or found


PRIVATE_SECTORS = frozenset({"MED", "CVL", "OPP", "REL", "EDU", "BUS", "HLH"})
UNDERGONE_NOUNS = frozenset({"detention", "arrest", "imprisonment", "jailing", "killing", "murder", "execution",
                             "expulsion", "deportation", "sentencing", "conviction", "abduction", "kidnapping",
                             "treatment", "torture", "persecution", "prosecution", "extradition"})


def _undergone(view: SentenceView, t: int) -> bool:
    """A noun of something done to its possessor: "his detention", "the activist's arrest" (but "Iran's
    detention of a diplomat" names the doer: it has its own object)."""
    owners = view.kids(t, "poss")
    if view.tok(t).lemma.lower() not in UNDERGONE_NOUNS or not owners or any(lower(view.tok(p)) == "of" for p in view.kids(t, "prep")):
        return False
    named = [m for o in owners for i in view.subtree(o) for m in view.on_token.get(i, [])]
    return all(m.kind in ("person", "pronoun") or m.sector in PRIVATE_SECTORS for m in named)  # "Tehran's
    # execution of ..." names the doer


def _agents_of(view: SentenceView, t: int) -> list[Mention]:
    return [m for p in view.kids(t, "prep") if lower(view.tok(p)) == "by" for o in view.kids(p, "pobj")
            for m in phrase_mentions(view, o)]


TRADE_FLOWS = frozenset({"export", "exports", "import", "imports", "shipment", "shipments", "sale", "sales", "trade",
                         "purchase", "purchases", "transfer", "transfers", "flight", "flights"})


def _complement_mentions(view: SentenceView, head: int) -> list[Mention]:
    """Parties named in the objects of the demanded/threatened action ("to close the U.S. border
    with Mexico", "would respond by expelling Moldovan diplomats") or undergoing it ("that North
    Korea would be met with fire"): the party a request or threat is aimed at; the actor's own
    state only when no other party is named."""
    actor_codes = {m.code for s in [subject_head(view, head)[0]] if s is not None for m in phrase_mentions(view, s)}
    found: list[Mention] = []
    for comp in _complements(view, head):
        for t in _patient_tokens(view, comp):
            found.extend(m for m in _inner_mentions(view, t) if m not in found)
    others = [m for m in found if m.code not in actor_codes]
    return others or found


def _patient_tokens(view: SentenceView, verb: int) -> list[int]:
    """Who or what an action is done to: its objects, prepositional objects (not places), a passive
    subject, and the objects of a verb after a preposition ("respond by expelling X")."""
    out: list[int] = []
    for c in view.children[verb]:
        dep = view.tok(c).dep
        if dep in ("dobj", "dative", "nsubjpass"):
            out.append(c)
        elif dep == "prep" and lower(view.tok(c)) not in LOCATION_PREPS:  # "to buy a processor in Thailand"
            out.extend(view.kids(c, "pobj"))
            out.extend(o for p in view.kids(c, "pcomp") for o in view.kids(p, "dobj", "dative"))
    return out


def _open_subtree(view: SentenceView, head: int) -> list[int]:
    """The subtree of ``head`` (in text order) without the clauses nested in it: those report other things."""
    closed: set[int] = set()
    for t in view.subtree(head):
        if view.tok(t).dep == "conj" and view.tok(t).pos not in ("VERB", "AUX"):
            continue  # "talks between Armenia and Azerbaijan": a list, not a clause
        if t != head and view.tok(t).dep in CLOSED_CLAUSES and t not in closed:
            closed.update(view.subtree(t))
    return [t for t in view.subtree(head) if t not in closed]


def _inner_mentions(view: SentenceView, head: int) -> list[Mention]:
    """Every resolved party named inside a noun phrase, outside its nested clauses."""
    found: list[Mention] = []
    for t in _open_subtree(view, head):
        found.extend(m for m in view.on_token.get(t, []) if m.code and m not in found)
    return found


def _modifier_mentions(view: SentenceView, head: int) -> list[Mention]:
    """Mentions inside a noun's modifiers: "the India-South Korea Joint Commission meeting"; not a
    sponsor ("EU-mediated talks": the mediator is no party)."""
    found: list[Mention] = []
    for c in view.kids(head, "compound", "amod", "nmod", "poss"):
        for i in view.subtree(c):
            found.extend(m for m in view.on_token.get(i, []) if m not in found and not _sponsor(view, m))
    return found


def _mediated(view: SentenceView, head: int) -> bool:
    """A meeting someone else brokers: "EU-mediated talks", "talks hosted by Qatar"."""
    for c in view.kids(head, "compound", "amod", "acl"):
        if view.tok(c).lemma.lower() in MEDIATION_LEMMAS and view.tok(c).tag == "VBN":
            return True
    return False


def _noun_participants(view: SentenceView, head: int, trigger: Trigger) -> tuple[list[Mention], list[Mention]]:
    """Nominal events: "Moscow's invasion of Ukraine", "Israeli strikes on Gaza", "talks between X and Y"."""
    actors: list[Mention] = []
    for c in _possessors(view, head):
        actors.extend(phrase_mentions(view, c))
    for p in view.kids(head, "prep"):
        if lower(view.tok(p)) in ("by", "from") and f"pobj:{lower(view.tok(p))}" not in trigger.recipient:
            for c in view.kids(p, "pobj"):
                actors.extend(phrase_mentions(view, c))
    if trigger.or_named == "doer":  # "at the urging of the prime minister"
        actors += [m for m in _named_doers(view, head) if m not in actors]
    participles = view.kids(head, "acl")  # "a deal reached with South Korea", "an agreement announced by ..."
    for verb in participles:
        if view.tok(verb).lemma.lower() in MEDIATION_LEMMAS:
            continue  # "talks mediated by Qatar": the mediator is no party
        for a in view.kids(verb, "agent"):
            actors.extend(m for c in view.kids(a, "pobj") for m in phrase_mentions(view, c) if m not in actors)
    if not actors:  # "the applications that Finland and Sweden submitted", "the proposal Japan put forward"
        actors = [m for v in view.kids(head, "relcl") if view.tok(v).lemma.lower() in DOING_VERBS
                  for s in view.kids(v, "nsubj") if lower(view.tok(s)) not in ("that", "which", "who")
                  for m in phrase_mentions(view, s)]
    recipients: list[Mention] = []
    for slot in trigger.recipient:
        if slot in ("poss", "compound", "amod"):
            continue
        for t in [t for h in (head, *participles) for t in slot_tokens(view, h, slot, False)]:
            recipients.extend(m for m in _target_mentions(view, t, trigger) if m not in recipients and m not in actors)
    if not recipients and trigger.event in ("AGREE", "REQUEST") and view.tok(head).lemma.lower() in RECEIVED_NOUNS:
        recipients = _receiver(view, head, actors, domestic=trigger.event == "REQUEST")  # "Morocco declined France's offer"
    if not recipients and trigger.event == "REQUEST":
        recipients = _addressees(view, head, actors)
    if not recipients and trigger.event == "ACCUSE":  # "Canada's allegation that Indian agents were involved"
        codes = {m.code for m in _expand_groups(actors)}
        recipients = [m for c in view.kids(head, "acl", "ccomp") for s in view.kids(c, "nsubj", "nsubjpass")
                      if any(lower(view.tok(k)) == "that" for k in view.kids(c, "mark"))
                      for m in phrase_mentions(view, s) if m.code and m.code not in codes]
    modifiers = [m for m in _modifier_mentions(view, head) if m not in actors and m not in recipients]
    if trigger.symmetric:
        recipients.extend(modifiers)
    elif not actors:
        actors = modifiers
    elif not recipients and "compound" in trigger.recipient:  # "Sweden's NATO membership bid"
        recipients = modifiers
    if not actors and _performed_by_subject(view, head, trigger.event):
        verb = governing_verb(view, head)
        subj, passive = subject_head(view, verb) if verb != head else (None, False)
        if subj is not None and not passive:
            own = set(view.subtree(head))
            actors = [m for m in phrase_mentions(view, subj) if m.tok_start not in own]
            actors += [m for m in _listed_after(view, actors) if m.tok_start not in own and m not in actors]
        elif passive and trigger.event in JOINT_EVENTS and view.tok(verb).lemma.lower() in SETTLING_VERBS:
            # "a truce was reached by the government and the rebels at talks in Geneva": they held the talks
            actors = [m for a in view.kids(verb, "agent") for c in view.kids(a, "pobj") for m in phrase_mentions(view, c)]
    if not actors and trigger.event == "PROTEST" and trigger.or_named == "target" and _named_party(view, head, trigger):
        actors = _protesters(view, head, recipients)
    if actors and not recipients and trigger.event == "CONSULT" and _in_setting(view, head):
        recipients = _addressee(view, head, actors)  # "Biden urged Modi ... during a video call"
    return actors, recipients


def _in_setting(view: SentenceView, head: int) -> bool:
    tok = view.tok(head)
    return tok.dep == "pobj" and tok.head != head and lower(view.tok(tok.head)) in SETTING_PREPS


def _addressee(view: SentenceView, head: int, actors: list[Mention]) -> list[Mention]:
    """The party the verbs around a meeting address: the named object of the nearest governing verb
    that has one ("urged Indian Prime Minister Modi ... during a call" -> India)."""
    own = {m.code for m in _expand_groups(actors)}
    for verb in [a for a in view.ancestors(head) if view.tok(a).pos == "VERB"][:3]:
        for obj in view.kids(verb, "dobj", "dative"):
            named = [m for m in view.on_token.get(obj, []) if m.code and m.code not in own
                     and m.kind in ("person", "role", "state", "capital", "igo")]
            if named:
                return named
    return []


def _protesters(view: SentenceView, head: int, targets: list[Mention]) -> list[Mention]:
    """The unnamed crowd of a protest: people of the place it is in ("protests in Serbia"), else of
    the government it turns against ("a march against President Lukashenko")."""
    found = _located_states(view, head) or [m for m in targets if m.code and m.kind in ("person", "role", "body")
                                             and m.sector in (None, "GOV") and not m.code.startswith("IGO:")]
    return [replace(found[0], sector="CVL", kind="body", rule="context:crowd", by_context=True)] if found else []


RECEIVED_NOUNS = frozenset({"offer", "proposal", "demand", "demands", "request", "requests", "invitation", "plea",
                            "appeal", "ultimatum", "overture", "pledge", "urging", "behest", "insistence",
                            # and accusations: made, whatever their fate
                            "accusation", "accusations", "allegation", "allegations", "criticism", "condemnation"})
RECEIVING_PREPS = frozenset({"to", "at", "with", "on", "upon"})  # "bowed to", "at the urging of", "complied with"
RESPONSE_NOUNS = frozenset({"response", "reply", "answer"})


def _receiver(view: SentenceView, head: int, actors: list[Mention], domestic: bool = False) -> list[Mention]:
    """Who an offer or demand was made to: the subject of the verb that takes it as its object
    ("South Korea is considering a proposal from Japan", "Hamas rejected Israel's truce proposal")
    or that answers it ("bowing to a demand from Niger", "resigned at the urging of", "in response
    to a request from")."""
    if not actors:
        return []
    verb = _receiving_verb(view, head)
    if verb is None:
        return []
    subj, passive = subject_head(view, verb)
    if subj is None or passive:
        return []
    codes = {a.code for a in _expand_groups(actors)}
    named = phrase_mentions(view, subj)
    found = [m for m in named if m.code and (m.code not in codes or domestic and m.kind in ("person", "role", "body")
                                             and all(m.text != a.text for a in actors))]
    return found if len(found) == len(named) else []  # a domestic demand: "complied with the prime minister's request"


def _receiving_verb(view: SentenceView, head: int) -> int | None:
    """The verb whose subject receives the offer or demand at ``head``."""
    tok = view.tok(head)
    if tok.dep == "dobj":
        return tok.head
    if tok.dep != "pobj" or tok.head == head:
        return None
    prep = view.tok(tok.head)
    if lower(prep) not in RECEIVING_PREPS or prep.head == prep.i:
        return None
    gov = view.tok(prep.head)
    if gov.pos == "VERB":
        return gov.i
    if gov.lemma.lower() in RESPONSE_NOUNS and gov.dep == "pobj" and gov.head != gov.i:
        outer = view.tok(gov.head)  # "in response to a request from ..."
        return outer.head if outer.head != outer.i and view.tok(outer.head).pos == "VERB" else None
    return None


def _performed_by_subject(view: SentenceView, head: int, event: str) -> bool:
    """Whether the subject of the verb governing a nominal trigger is its doer: "launched strikes on",
    "held talks", "in an attack on" -- but not "condemned the attack", "in response to the attack"."""
    tok = view.tok(head)
    for _ in range(4):  # "four days of talks", "a new round of talks": the measure stands for the talks
        up = view.tok(tok.head) if tok.head != tok.i else tok
        if tok.dep in ("conj", "appos") and up is not tok:
            tok = up
        elif tok.dep == "pobj" and lower(up) == "of" and view.tok(up.head).lemma.lower() in MEASURE_NOUNS:
            tok = view.tok(up.head)
        else:
            break
    if tok.dep in ("dobj", "attr", "nsubjpass", "oprd"):
        gov = view.tok(tok.head)
    elif tok.dep == "pobj" and view.tok(tok.head).dep == "prep":
        prep = view.tok(tok.head)
        gov = view.tok(prep.head)
        if lower(prep) in ("at", "during"):  # "pledged to work toward peace at a summit"
            return True
        if lower(prep) in ("to", "against", "for", "about", "over", "of", "despite") or gov.pos not in ("VERB", "AUX"):
            return False
    else:
        return False  # a topic in a list or apposition: "discussed issues including the fight against ..."
    if gov.lemma.lower() in DEMAND_VERBS:
        return event in JOINT_EVENTS
    return gov.lemma.lower() not in REACTION_VERBS


DOING_VERBS = frozenset({"make", "submit", "file", "lodge", "put", "issue", "present", "send", "table", "deliver",
                         "extend", "launch", "stage", "hold", "mount", "carry", "impose"})  # "the X that Y made"
MEASURE_NOUNS = frozenset({"day", "hour", "week", "month", "year", "round", "series", "wave", "spate", "string",
                           "night", "decade", "minute", "session"})
REACTION_VERBS = frozenset({  # verbs about someone else's act: their subject did not do it
    "condemn", "denounce", "criticize", "criticise", "blame", "deny", "reject", "protest", "investigate", "report",
    "respond", "react", "deplore", "decry", "slam", "mourn", "welcome", "praise", "hail", "discuss", "raise",
    "accuse", "claim", "confirm", "document", "witness", "fear", "warn", "recall", "remember", "mark", "commemorate",
    "stop", "end", "resolve", "prevent", "avert", "foil", "thwart", "survive", "repel", "halt", "probe", "question", "dispute",
    "oppose", "support", "back", "endorse", "resist", "protest", "recognise", "recognize", "acknowledge", "admit",
    "investigate", "prosecute", "punish", "avenge", "commemorate", "dismiss", "quash", "overturn",
    "fund", "finance", "bankroll",  # paying for another's act
    "end", "resolve", "settle",  # "to work toward ending the war": not waging it
})
DEMAND_VERBS = frozenset({"demand", "urge", "seek", "request", "ask", "want"})  # "sought talks with": joins them
JOINT_EVENTS = frozenset({"CONSULT", "COOPERATE", "AGREE"})
SETTLING_VERBS = frozenset({"reach", "agree", "sign", "conclude", "seal", "strike", "clinch", "finalize", "finalise"})


# ----------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class DocContext:
    """What the coder knows about the document beyond the sentence."""

    doc_id: str
    pubdate: str | None
    text: str
    mentions: tuple[Mention, ...]


def code_sentence(view: SentenceView, ctx: DocContext, lexicon: TriggerLexicon, enrichers: Enrichers,
                  previous_doers: Sequence[Mention] = ()) -> list[Event]:
    """All events of one sentence; ``previous_doers`` did what the sentence before reported (``lead_doers``)."""
    events: list[Event] = []
    if _offtopic(view, lexicon):
        return events
    candidates = find_candidates(view, lexicon)
    candidates += [a for c in candidates if (a := _allegation(view, c, lexicon)) is not None]
    candidates += _attributions(view, lexicon)
    for cand in candidates:
        recipients = list(cand.recipients)
        if not recipients and cand.trigger.event == "THREATEN" and view.kids(cand.head, "xcomp"):
            recipients = _attackers(candidates, cand)  # "warplanes struck ..., and the rebels vowed to retaliate"
        if not recipients and cand.trigger.event == "ACCUSE" and _condemns_an_attack(view, cand):
            recipients = _attackers(candidates, cand)  # "Russia shelled Kyiv, and Poland condemned the strikes"
        if not recipients and cand.trigger.event == "CONSULT":
            recipients = _venue_parties(view, cand)  # "will not attend a summit to be held in Islamabad"
        if not recipients and cand.trigger.implicit_recipient:
            recipients = _implicit_recipient(view, ctx, cand)
        if not recipients and not cand.trigger.needs_recipient and not cand.trigger.symmetric \
                and cand.trigger.mode != "resign":
            recipients = _fallback_recipient(view, cand)
        if not recipients and cand.trigger.event in JUDGING_EVENTS and _anaphoric_object(view, cand.head):
            recipients = [m for m in previous_doers if m.code not in {a.code for a in _expand_groups(cand.actors)}]
        if not recipients and (cand.trigger.event in UNNAMED_TARGET_DOMESTIC or cand.trigger.mode == "release") \
                and _unnamed_object(view, cand):
            recipients = _domestic(view, cand)  # "Ortega's government arrested four opposition hopefuls"
        actor_codes = {a.code for a in _expand_groups(cand.actors)}
        if cand.trigger.event == "MOBILIZE" and cand.obj is not None:  # the troops moved are not the target
            recipients = [r for r in recipients if not (r.sent == view.sent.index and r.tok_start <= cand.obj < r.tok_end
                                                        and r.code in actor_codes)]
        joint = any(_between(view, m, cand) for m in recipients) or _multilateral(view, cand)
        facing = bool(recipients) and cand.trigger.event not in BINDING_EVENTS and \
            all(_counterpart(view, m, cand) for m in recipients)
        for actor, recipient, group in _pairs(cand, recipients, joint, facing):
            events.append(_make_event(view, ctx, cand, actor, recipient, group, enrichers))
    return events


ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
ANAPHORIC_ACTS = frozenset({"operation", "offensive", "withdrawal", "proclamation", "expulsion", "closure",
                            "crackdown", "raid", "incursion", "invasion", "annexation", "warrant", "ruling", "suspension"})


def _anaphoric_object(view: SentenceView, head: int) -> bool:
    """A judgement of an act named only by a definite noun ("France criticized the move", "the operation
    was condemned by the EU", "spoke out against the attack"): the act the previous sentence reported."""
    tok = view.tok(head)
    if tok.pos != "VERB":
        return False
    subj, passive = subject_head(view, head)
    things = [subj] if passive and subj is not None else view.kids(head, "dobj")
    things += [o for p in view.kids(head, "prep") if lower(view.tok(p)) == "against" for o in view.kids(p, "pobj")]
    for thing in things[:1]:
        noun = view.tok(thing)
        if noun.lemma.lower() not in SPEECH_NOUNS | REACTION_NOUNS | ANAPHORIC_ACTS or _inner_mentions(view, thing):
            return False
        return any(lower(view.tok(d)) in ANAPHORIC_DETERMINERS for d in view.kids(thing, "det"))
    return False


def lead_doers(view: SentenceView, events: Sequence[Event]) -> list[Mention]:
    """Who did what a sentence reports: the resolved subject of its main clause, when the sentence
    coded an event with that actor ("Mali expelled the French ambassador." -> Mali)."""
    roots = [t.i for t in view.sent.tokens if t.head == t.i and t.pos in ("VERB", "AUX")]
    if not roots or not events:
        return []
    subj, passive = subject_head(view, roots[0])
    if passive:
        found = [m for a in view.kids(roots[0], "agent") for p in view.kids(a, "pobj") for m in phrase_mentions(view, p)]
    else:
        found = _doer_mentions(view, subj) if subj is not None else []
    actors = {e.actor.code for e in events}
    return [m for m in _expand_groups(found) if m.code and m.code in actors]


RECIPIENT_OPTIONAL = frozenset({"RETREAT", "MOBILIZE"})  # the only types the gold codes without a recipient
UNNAMED_TARGET_DOMESTIC = frozenset({"COERCE", "ASSAULT"})  # police arrest/beat unnamed people at home
AGENTLESS_DOMESTIC = frozenset({"COERCE"})
DOMESTIC_BY_DEFAULT = frozenset({"PROTEST", "CONCEDE", "COERCE", "MOBILIZE"})
CLOSED_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "conj", "acl"})


def _venue_parties(view: SentenceView, cand: Candidate) -> list[Mention]:
    """Who a multilateral meeting is with: the organisation named in it and the state hosting it
    ("the G20 summit", "a regional summit to be held in Islamabad", "a conference in Geneva")."""
    noun = cand.obj if cand.obj is not None else cand.head
    if view.tok(noun).lemma.lower() not in MULTILATERAL_WORDS | {"meeting", "conference", "session"}:
        return []
    actor_codes = {m.code for m in _expand_groups(cand.actors)}
    found: list[Mention] = []
    for t in view.subtree(noun):
        for m in view.on_token.get(t, []):
            if not m.code or m.code in actor_codes or m in found:
                continue
            governor = view.tok(view.tok(t).head)
            hosted = governor.pos == "ADP" and lower(governor) in LOCATION_PREPS and m.kind in ("state", "capital")
            if m.code.startswith("IGO:") or hosted:
                found.append(m)
    igos = [m for m in found if m.code and m.code.startswith("IGO:")]
    return igos[:1] or found[:1]  # the organisation's summit; else the host's


ATTACK_NOUNS = frozenset({"attack", "attacks", "strike", "strikes", "shelling", "bombing", "bombings", "raid", "raids",
                          "assault", "offensive", "invasion", "incursion", "airstrike", "airstrikes", "killing"})


def _condemns_an_attack(view: SentenceView, cand: Candidate) -> bool:
    """The judgement's object is an attack named by no one ("condemned the strikes")."""
    return any(view.tok(o).lemma.lower() in ATTACK_NOUNS or lower(view.tok(o)) in ATTACK_NOUNS
               for o in view.kids(cand.head, "dobj"))


def _attackers(candidates: Sequence[Candidate], threat: Candidate) -> list[Mention]:
    """Whom a threat with no named target is aimed at: the doers of the attack the sentence reports
    ("U.S. warplanes struck Houthi targets, and the rebels vowed to retaliate")."""
    own = {m.code for m in _expand_groups(threat.actors)}
    found: list[Mention] = []
    for c in candidates:
        if c is threat or c.trigger.event not in ("ASSAULT", "COERCE") or c.status != "asserted":
            continue
        found += [m for m in _expand_groups(c.actors) if m.code and m.code not in own and m not in found]
    return found


def _offtopic(view: SentenceView, lexicon: TriggerLexicon) -> bool:
    """A sport report ("won by seven wickets"): words and two-word phrases of ``offtopic`` in verbs.yaml."""
    if not lexicon.offtopic:
        return False
    words = [lower(t) for t in view.sent.tokens]
    return any(w in lexicon.offtopic for w in words) or \
        any(f"{a} {b}" in lexicon.offtopic for a, b in zip(words, words[1:]))


def _fallback_recipient(view: SentenceView, cand: Candidate) -> list[Mention]:
    """Recipient of an action whose lexicon slots found none: the first other party named inside the
    action's own clause ("fired missiles into waters around Taiwan"), else, for actions that are
    mostly domestic (protests, concessions, coercion, deployments), the actor's own state."""
    actor_codes = {m.code for m in _expand_groups(cand.actors)}
    for i in _open_subtree(view, cand.head):
        if i == cand.head:
            continue
        for m in view.on_token.get(i, []):
            if m.code and m.code not in actor_codes and m not in cand.actors and m.kind != "pronoun" \
                    and not m.rule.startswith("context:"):  # "the armed forces" got its state by guess
                return [m]
    return _domestic(view, cand) if cand.trigger.event in DOMESTIC_BY_DEFAULT else []


def _domestic(view: SentenceView, cand: Candidate) -> list[Mention]:
    """The actor's own state as recipient, when the sentence names no other state."""
    actors = _expand_groups(cand.actors)
    codes = {m.code for m in actors}
    foreign = [m for m in view.mentions if m.code and m.code not in codes and not m.code.startswith("IGO:")]
    if len(codes) != 1 or foreign or not actors[0].code or actors[0].code.startswith("IGO:"):
        return []
    return [replace(actors[0], sector="GOV", kind="state", rule="context:domestic", by_context=True)]


def _unnamed_object(view: SentenceView, cand: Candidate) -> bool:
    """The action has an object that names nobody ("arrested four opposition hopefuls", "him")."""
    objects = view.kids(cand.head, "dobj") + [p for prep in view.kids(cand.head, "prep")
                                              if lower(view.tok(prep)) in ("on", "against") for p in view.kids(prep, "pobj")]
    return any(not _inner_mentions(view, o) for o in objects)


ALLEGE_TRIGGER = Trigger(lemma="(reported act)", event="ACCUSE", mode="allege", recipient=())


def _allegation(view: SentenceView, cand: Candidate, lexicon: TriggerLexicon) -> Candidate | None:
    """"Ukraine said Russian forces had attacked its units": the reporter accuses the doer.

    Only for asserted material-conflict acts inside a clause reported by another, named party."""
    if cand.trigger.event not in lexicon.alleged_acts or cand.status != "asserted" or not cand.actors:
        return None
    i = cand.head
    for _ in range(3):
        tok = view.tok(i)
        if tok.head == i:
            return None
        gov = view.tok(tok.head)
        reported = "ccomp"
        if tok.dep in ("acl", "ccomp") and gov.lemma.lower() in lexicon.evidence_nouns and gov.head != gov.i:
            tok, gov, reported = gov, view.tok(gov.head), "dobj"  # "found evidence that Y tortured": who found it
        if tok.dep == reported and gov.lemma.lower() in lexicon.reporting_verbs:
            reporters = _reporters(view, tok.head, lexicon)
            doers = {m.code for m in _expand_groups(cand.actors)}
            reporters = [m for m in reporters if m.code not in doers]
            if not reporters:
                return None
            return Candidate(ALLEGE_TRIGGER, tok.head, None, tuple(reporters), cand.actors, "asserted")
        if tok.dep not in ("conj", "xcomp", "aux"):
            return None
        i = tok.head
    return None


def _reporters(view: SentenceView, verb: int, lexicon: TriggerLexicon) -> list[Mention]:
    """Who reports: the subject of the reporting verb; for a pronoun naming nobody, the subject of the
    report it is itself part of ("U.N. investigators said they had found evidence ...")."""
    for _ in range(2):
        subj, _passive = subject_head(view, verb)
        found = [m for m in phrase_mentions(view, subj) if m.code] if subj is not None else []
        tok = view.tok(verb)
        if found or subj is None or view.tok(subj).pos != "PRON" or tok.dep != "ccomp" \
                or view.tok(tok.head).lemma.lower() not in lexicon.reporting_verbs:
            return found
        verb = tok.head
    return []


def _attributions(view: SentenceView, lexicon: TriggerLexicon) -> list[Candidate]:
    """"Washington said Tehran was behind the attacks", "Y was responsible for it, X said": the reporter
    accuses the one it names (``allegation.attributions`` in verbs.yaml)."""
    found: list[Candidate] = []
    for tok in view.sent.tokens:
        if tok.lemma.lower() != "be" or not any(lower(view.tok(c)) in lexicon.attributions
                                                 for c in view.kids(tok.i, "prep", "acomp")):
            continue
        reporting = [tok.head] if tok.dep == "ccomp" and tok.head != tok.i else \
            [c for c in view.kids(tok.i, "parataxis", "ccomp") if view.tok(c).dep == "parataxis" or c > tok.i]
        reporting = [r for r in reporting if view.tok(r).lemma.lower() in lexicon.reporting_verbs]
        named = [m for s in view.kids(tok.i, "nsubj") for m in phrase_mentions(view, s) if m.code]
        for verb in reporting[:1]:
            subj, passive = subject_head(view, verb)
            reporters = [m for m in _doer_mentions(view, subj) if m.code] if subj is not None and not passive else []
            codes = {m.code for m in _expand_groups(reporters)}
            accused = [m for m in named if m.code not in codes]
            if reporters and accused:
                found.append(Candidate(ALLEGE_TRIGGER, verb, None, tuple(reporters), tuple(accused),
                                       status_of(view, verb, lexicon)))
    return found


def _between(view: SentenceView, m: Mention, cand: Candidate) -> bool:
    """The mention is one of the parties "between" whom the trigger's own act happens (they act together);
    not "offered to host talks between A and B": those talks are another act."""
    a = _phrase_end(view, m)
    return a is not None and view.tok(a).pos == "ADP" and lower(view.tok(a)) == "between" \
        and view.tok(a).head in (cand.head, cand.obj)


PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "CCONJ", "PUNCT", "DET"})


def _phrase_end(view: SentenceView, m: Mention, stops: Collection[int | None] = ()) -> int | None:
    """Walking up from a mention of this sentence through its noun phrase: the first token that is a
    preposition, one of ``stops``, or no longer part of the phrase (None: the walk reached the root)."""
    if m.sent != view.sent.index or m.by_context:
        return None
    return next((a for a in view.ancestors(m.tok_end - 1)
                 if view.tok(a).pos == "ADP" or a in stops or view.tok(a).pos not in PHRASE_POS), None)


BINDING_EVENTS = frozenset({"AGREE", "SUPPORT"})  # "A and B signed a pact with C": one pact binds all three
JOINT_WORDS = frozenset({"trilateral", "three-way", "four-way", "quadrilateral", "multilateral", "triangular",
                         "trilaterally", "four-nation", "three-nation", "quartet"})


def _multilateral(view: SentenceView, cand: Candidate) -> bool:
    """The clause calls the act one of all its parties together ("a trilateral dialogue with India")."""
    return any(lower(view.tok(i)) in JOINT_WORDS for i in _open_subtree(view, cand.head))


def _counterpart(view: SentenceView, m: Mention, cand: Candidate) -> bool:
    """The recipient is the other side of a symmetric act: its direct object or "with" object
    ("A and B met C", "considering cooperation with Japan")."""
    a = _phrase_end(view, m, (cand.head, cand.obj))
    if a is None:
        return False
    if view.tok(a).pos == "ADP":
        return lower(view.tok(a)) == "with" and view.tok(a).head in (cand.head, cand.obj)
    if a in (cand.head, cand.obj):
        return view.tok(m.tok_end - 1).dep == "dobj" or any(
            view.tok(i).dep == "dobj" and i in view.kids(a) for i in range(m.tok_start, m.tok_end))
    return False


def _pairs(cand: Candidate, recipients: list[Mention], joint: bool = False,
           facing: bool = False) -> list[tuple[Mention, Mention | None, str | None]]:
    actors = [m for m in cand.actors]
    if _unresolved_only(actors) or _unresolved_only(recipients):
        return []  # a participant exists but cannot be resolved: the event is skipped
    actors = [m for m in actors if m.code]  # in a list, the named-but-unknown members drop out
    recipients = [m for m in recipients if m.code]
    if not actors and not (cand.trigger.symmetric and len(recipients) >= 2):
        return []
    if cand.trigger.symmetric:
        parties = _distinct_codes(_expand_groups(actors) + _expand_groups(recipients))
        if len(parties) == 1 and not (parties[0].code or "").startswith("IGO:"):
            if actors and recipients and cand.trigger.event in SELF_OK:
                return [(actors[0], recipients[0], None)]  # "a ceasefire agreed with the government": rebels and state
            challenger = _government_and_challenger(actors + recipients)
            if challenger is not None:  # "the government and the opposition signed an agreement"
                return [challenger]
        if len(parties) < 2:
            return []
        alone = len({m.rule for m in parties}) == 1 and (cand.trigger.event == "CONSULT" or len(parties) == 2)
        # a coalition alone meets among itself ("the Normandy Four met"), a pair acts with each other ("the two
        # Koreas agreed"); a larger one that signs or agrees alone has an unnamed counterpart ("the six powers
        # who signed the deal")
        pairs = [(a, b) for a, b in itertools.combinations(parties, 2) if alone or not _same_coalition(a, b)]
        sides = _distinct_codes(_expand_groups(actors))
        fighting = bool(recipients) and cand.trigger.event in CONFLICT_EVENTS  # "A and B fought C": allies
        if any(m.rule.startswith("gapped:") for m in actors) or len(sides) > 1 and (facing and not joint or fighting):
            # "A pledged $2bn and B $1bn to C": each to C; "A, B and C considered cooperation with D": each with D
            sides_codes = {m.code for m in sides}
            pairs = [(a, b) for a, b in pairs if (a.code in sides_codes) != (b.code in sides_codes)]
        elif len(sides) == 1 and len(parties) > 2 and not joint:  # "Madrid coordinated with Ireland, Norway and Slovenia"
            pairs = [(a, b) for a, b in pairs if sides[0].code in (a.code, b.code)]
        group = _group_id(cand, parties) if len(pairs) > 1 else None
        return [(a, b, group) for a, b in pairs]
    actors = _distinct_codes(_expand_groups(actors))
    recipients = _distinct_codes(_expand_groups(recipients))
    if not recipients:
        if cand.trigger.needs_recipient or cand.trigger.event not in RECIPIENT_OPTIONAL:
            return []
        return [(a, None, None) for a in actors]
    if cand.trigger.event == "MOBILIZE" and cand.trigger.mode == "weapons" and \
            all(r.code in {a.code for a in actors} for r in recipients):
        return [(a, None, None) for a in actors]  # a missile test at home has no target
    out = [(a, r) for a in actors for r in recipients
           if a.code != r.code or (cand.trigger.event in SELF_OK and not (a.code or "").startswith("IGO:"))]
    group = _group_id(cand, actors + recipients) if len(out) > 1 else None
    return [(a, r, group) for a, r in out]


CHALLENGER_SECTORS = frozenset({"REB", "OPP"})


def _government_and_challenger(mentions: Sequence[Mention]) -> tuple[Mention, Mention, None] | None:
    """A state's government and its armed or political opponents acting together: the state with itself."""
    government = next((m for m in mentions if m.sector == "GOV" and m.kind != "pronoun"), None)
    challenger = next((m for m in mentions if m.sector in CHALLENGER_SECTORS and m.kind != "pronoun"), None)
    if government is None or challenger is None:
        return None
    return (government, challenger, None) if mentions.index(government) < mentions.index(challenger) \
        else (challenger, government, None)


def _unresolved_only(mentions: Sequence[Mention]) -> bool:
    return bool(mentions) and all(m.code is None for m in mentions)


SELF_OK = frozenset({"COERCE", "ASSAULT", "PROTEST", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "CONCEDE", "RETREAT", "AID", "SANCTION",
                     "MOBILIZE"})


def _expand_groups(mentions: Sequence[Mention]) -> list[Mention]:
    """A group mention "the two sides" (code "A|B") or a coalition ("the P5") stands for each member.

    Members of a named coalition keep its code in ``rule`` ("coalition:USA|GBR|...") so that they
    are not paired with one another: the coalition acts as one side.
    """
    out: list[Mention] = []
    for m in mentions:
        if m.code and "|" in m.code:
            rule = m.rule if m.kind == "group" else f"coalition:{m.code}"
            out.extend(replace(m, code=c, rule=rule) for c in m.code.split("|") if c)
        else:
            out.append(m)
    return out


def _same_coalition(a: Mention, b: Mention) -> bool:
    return a.rule.startswith("coalition:") and a.rule == b.rule


def _distinct_codes(mentions: Sequence[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for m in mentions:
        if m.code and m.code not in seen:
            seen[m.code] = m
    return list(seen.values())


def _group_id(cand: Candidate, parties: Sequence[Mention]) -> str:
    codes = "-".join(sorted(m.code or "" for m in parties))
    return f"{cand.trigger.event.lower()}-{cand.head}-{codes}"


def _implicit_recipient(view: SentenceView, ctx: DocContext, cand: Candidate) -> list[Mention]:
    """A missing recipient from context: the last IGO before the trigger, or the document's partner."""
    actor_codes = {m.code for m in _expand_groups(cand.actors)}
    before = [m for m in ctx.mentions if (m.sent, m.tok_start) < (view.sent.index, cand.head)
              and m.sent >= view.sent.index - 1 and m.code]
    if cand.trigger.implicit_recipient == "igo":
        igos = [m for m in before if m.code and m.code.startswith("IGO:")]
        return igos[-1:]
    if cand.trigger.implicit_recipient == "partner":
        others = [m for m in view.mentions if m.code and m.code not in actor_codes and "|" not in m.code
                  and m.kind in ("state", "capital") and not m.code.startswith("IGO:") and m.tok_end <= cand.head]
        return others[:1]
    return []


def _make_event(view: SentenceView, ctx: DocContext, cand: Candidate, actor: Mention, recipient: Mention | None,
                group: str | None, enrichers: Enrichers) -> Event:
    sent = view.sent
    clause = _clause_span(view, cand.head)
    clause_text = ctx.text[clause[0]:clause[1]]
    own_text = _own_clause_text(view, cand.head)
    date, date_text = _date(view, cand, own_text, ctx, enrichers)
    words = set(WORD_RE.findall(clause_text.lower()))
    mode = next((name for name, cues in cand.trigger.mode_if if words.intersection(cues)), cand.trigger.mode)
    event_type = cand.trigger.event
    if event_type == "ASSAULT" and DRILL_WORDS & words:  # "fired missiles at a mock-up during war games"
        event_type, mode = "MOBILIZE", "weapons"
    if event_type == "ASSAULT" and actor.rule == "context:crowd":  # "rioters hurled bricks at police"
        event_type, mode = "PROTEST", "riot"
    if event_type == "RETREAT" and mode == "withdraw" and recipient is not None and recipient.code \
            and recipient.code.startswith("IGO:"):
        event_type = "SANCTION"  # leaving an organisation ("withdrawal from ECOWAS") is a sanction, not a retreat
    if cand.trigger.event == "CONSULT" and mode is None and cand.trigger.pos == "NOUN" and _mediated(view, cand.head):
        mode = "third-party"
    if cand.trigger.event == "CONSULT" and mode is None and MULTILATERAL_WORDS & words:
        mode = "multilateral"
    domains = tuple(enrichers.domains.domains(clause_text)) if enrichers.domains else ()
    event = Event(
        id="", doc_id=ctx.doc_id, event=event_type, status=cand.status,
        actor=_entity(actor), recipient=_entity(recipient) if recipient else None, mode=mode,
        date=date, date_text=date_text, location=_location(view, cand, enrichers, recipient), domains=domains,
        evidence=Evidence(sent.text, sent.start, sent.end), group=group, sent=sent.index,
        anaphoric=any(m.kind in ("group", "pronoun") for m in (actor, recipient) if m is not None)
        or _relative_object(view, cand.head) is not None  # "the sanctions Germany imposed": a reference
        or _describes_measure(view, cand.head),
    )
    return replace(event, id=_event_id(event))


REFERENCE_NOUNS = frozenset({"measure", "measures", "move", "policy", "rule", "rules", "decision", "step", "order",
                             "law", "decree", "regulation", "regulations"})


def _describes_measure(view: SentenceView, head: int) -> bool:
    """"the new measure that bans flights to Cuba": a relative clause restating a measure reported elsewhere."""
    tok = view.tok(head)
    return tok.dep == "relcl" and tok.head != head and view.tok(tok.head).lemma.lower() in REFERENCE_NOUNS


def _entity(m: Mention) -> Entity:
    sector = m.sector if m.sector else ("IGO" if m.code and m.code.startswith("IGO:") else "GOV")
    return Entity(code=m.code or "", sector=sector, text=m.text)


def _clause_span(view: SentenceView, head: int) -> tuple[int, int]:
    toks = view.subtree(head)
    first, last = view.tok(toks[0]), view.tok(toks[-1])
    return first.idx, last.end


def _governing_offsets(view: SentenceView, head: int) -> list[tuple[int, int]]:
    """Character spans (in the sentence) of the tokens of the clauses that govern ``head``: "said on
    Monday it would ..." dates what was said; "since the elevation in 2015" does not date a sibling."""
    clauses = [a for a in view.ancestors(head) if view.tok(a).pos in ("VERB", "AUX")]
    clauses += [c for a in [head, *clauses] for c in view.kids(a, "ccomp", "parataxis", "advcl")  # ", X said on Monday"
                if view.tok(c).lemma.lower() in REPORTING_LEMMAS]
    spans = []
    for a in clauses:
        for t in _open_subtree(view, a):
            tok = view.tok(t)
            spans.append((tok.idx - view.sent.start, tok.idx - view.sent.start + len(tok.text) + 1))
    return spans


REPORTING_LEMMAS = frozenset({"say", "tell", "announce", "report", "add", "state", "confirm", "claim", "write"})


def _own_clause_text(view: SentenceView, head: int) -> str:
    """The trigger's clause without the clauses nested in it ("resume imports, easing a ban that
    Beijing imposed last year": "last year" dates the ban, not the resumption)."""
    nominal = view.tok(head).pos in ("NOUN", "PROPN")  # "a deal reached on Monday": the participle dates it
    content = {t for c in view.kids(head, "acl") if nominal and is_to_clause(view, c) for t in view.subtree(c)}
    toks = [view.tok(t) for t in (view.subtree(head) if nominal else _open_subtree(view, head)) if t not in content]
    return "".join(t.text + (" " if t.ws else "") for t in toks).strip()


def _date(view: SentenceView, cand: Candidate, clause_text: str, ctx: DocContext,
          enrichers: Enrichers) -> tuple[str | None, str | None]:
    """Date of the action (section 6): a phrase in its own clause; else the sentence's date phrase
    nearest the trigger (the day it was reported, "said on Monday it would ..."); else the pubdate
    day for asserted news and the pubdate month for what was planned, weighed or refused."""
    status = cand.status
    if enrichers.resolve_date is not None:
        ahead = status == "intended" or bool(FUTURE_WORDS & set(WORD_RE.findall(clause_text.lower())))
        found = enrichers.resolve_date(clause_text, ctx.pubdate, future=ahead)
        if found is not None:
            return found.value, found.text
    if enrichers.find_dates is not None:
        at = view.tok(cand.head).idx - view.sent.start
        governing = _governing_offsets(view, cand.head)  # dates of the clauses above the act, not beside it
        mentions = [m for m in enrichers.find_dates(view.sent.text, ctx.pubdate)
                    if any(a <= m.start < b for a, b in governing)]
        if mentions:
            nearest = min(mentions, key=lambda m: min(abs(m.start - at), abs(m.end - at)))
            return nearest.value, nearest.text
    if not ctx.pubdate:
        return None, None
    return (ctx.pubdate, None) if status == "asserted" else (ctx.pubdate[:7], None)


def _location(view: SentenceView, cand: Candidate, enrichers: Enrichers, recipient: Mention | None = None) -> Location | None:
    """Where the action took place: the capital a visit goes to, else a place after "in"/"at" in the
    action's own phrase, else one attached to the clauses that govern it ("arrived in X to attend")."""
    if enrichers.gazetteer is None:
        return None
    if cand.trigger.mode == "visit" and recipient is not None and recipient.kind == "capital":
        loc = enrichers.gazetteer.lookup(recipient.text)
        if loc is not None:
            return loc
    for place in _place_tokens(view, cand):
        name = _ent_text(view, place, enrichers.names)
        if name:
            loc = enrichers.gazetteer.lookup(name)
            if loc is not None:
                return loc
    return None


def _place_tokens(view: SentenceView, cand: Candidate) -> Iterable[int]:
    """Objects of "in"/"at" in the trigger's subtree (nearest first), then on governing clauses."""
    head = cand.head
    own = [t for t in view.subtree(head) if view.tok(t).dep == "pobj"
           and lower(view.tok(view.tok(t).head)) in LOCATION_PREPS]
    yield from sorted(own, key=lambda t: abs(t - head))
    i = head
    for _ in range(3):
        tok = view.tok(i)
        if tok.head == i or tok.dep not in ("xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "dobj"):
            return
        i = tok.head
        for p in view.kids(i, "prep"):
            if lower(view.tok(p)) in LOCATION_PREPS:
                yield from view.kids(p, "pobj")


def _ent_text(view: SentenceView, i: int, names: NameLexicon | None = None) -> str | None:
    """The place name at token ``i``: a GPE/LOC/FAC entity, else (with ``names``) an unmarked
    proper-noun run, such as a city the actor gazetteer does not hold."""
    tokens = view.sent.tokens
    for e in view.sent.ents:
        if e.start <= i < e.end:
            return " ".join(t.text for t in tokens[e.start:e.end]) if e.label in LOCATION_LABELS else None
    run = name_at(tokens, i, names) if names is not None else None
    return "".join(t.text + (" " if t.ws else "") for t in tokens[run[0]:run[1]]).strip() if run else None


def _event_id(event: Event) -> str:
    key = "|".join([event.doc_id, event.event, event.status, event.actor.code,
                    event.recipient.code if event.recipient else "", str(event.evidence.start)])
    return f"{event.doc_id}:{hashlib.sha1(key.encode()).hexdigest()[:12]}"


# ----------------------------------------------------------------- document level


def merge_events(events: Sequence[Event]) -> list[Event]:
    """One event reported twice in a document is one event; later reports add domains and detail."""
    kept: list[Event] = []
    for ev in events:
        for k, first in enumerate(kept):
            if same_event(first, ev):
                kept[k] = replace(first, domains=tuple(dict.fromkeys(first.domains + ev.domains)),
                                  mode=first.mode or ev.mode, location=first.location or ev.location,
                                  date=_merged_date(first, ev), date_text=first.date_text or ev.date_text)
                break
        else:
            kept.append(ev)
    return kept


def same_event(a: Event, b: Event) -> bool:
    """Two reports of one event: same type, status and pair (same direction unless done jointly);
    no conflicting date, place or mode.

    A visit and a meeting held during it are two events (the gold codes both); other modes
    ("multilateral", "phone") only add detail to a report that lacked them.
    """
    if (a.event, a.status) != (b.event, b.status) or _pair(a) != _pair(b):
        return False
    if a.event not in JOINT_EVENTS and a.actor.code != b.actor.code:
        return False  # "A seized B's tanker after B detained A's": two acts, one each way
    if (a.mode == "visit") != (b.mode == "visit") or (a.mode and b.mode and a.mode != b.mode):
        return False
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        if not (a.anaphoric or b.anaphoric) or (a.date_text and b.date_text):
            return False  # different dates; only a restatement by reference may lack its own date
    return not (a.location and b.location and a.location.country != b.location.country)


JOINT_EVENTS = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # done together: either side may be reported first


def _pair(e: Event) -> frozenset[str | None]:
    return frozenset({e.actor.code, e.recipient.code if e.recipient else None})


def _merged_date(a: Event, b: Event) -> str | None:
    """The date a text phrase gave wins over one defaulted from the pubdate; else the finer one."""
    if bool(a.date_text) != bool(b.date_text):
        return a.date if a.date_text else b.date
    return _finer(a.date, b.date)


def _finer(a: str | None, b: str | None) -> str | None:
    if a and b:
        return a if len(a) >= len(b) else b
    return a or b


PLACE_RULES = ("ner:GPE", "ner:LOC", "ner:FAC")
PRIOR_SENTENCES = 2  # how far back a pronoun looks for its antecedent


def _place_to_country(m: Mention, enrichers: Enrichers) -> Mention:
    """An unresolved place name ("al-Bab", "Kaesong") stands for the country it is in, when the
    gazetteer knows it: attacks on a town are coded toward that town's country."""
    if m.code is not None or m.rule not in PLACE_RULES or enrichers.gazetteer is None:
        return m
    loc = enrichers.gazetteer.lookup(m.text)
    if loc is None or not loc.country:
        return m
    return replace(m, code=loc.country, sector=None, kind="capital", rule=f"geo:{loc.geonames_id}", by_context=True)


def code_events(pdoc: ParsedDoc, mentions: Sequence[Mention], lexicon: TriggerLexicon,
                enrichers: Enrichers, config: EventConfig) -> list[Event]:
    """Code every event of a parsed document from its resolved mentions.

    Args:
        pdoc: the parsed document (nlp stage).
        mentions: resolved actor mentions (actors stage), sorted by sentence and token.
        lexicon: trigger lexicon and modality words.
        enrichers: date, place, domain and derived-field helpers (any may be None).
        config: event options.

    Returns:
        Events in document order, merged within the document, with derived fields filled.
    """
    mentions = [_place_to_country(m, enrichers) for m in mentions]
    mentions = sorted([*mentions, *speaker_mentions(pdoc, mentions)], key=lambda m: (m.sent, m.tok_start))
    # pronouns and nominal anaphors ("He met ...", "the bloc") stand for their antecedents: stages/coref.py
    mentions = pair_groups(pdoc, mentions)  # "both sides": the pair named together just before
    mentions = sorted([*mentions, *coref_mentions(pdoc, mentions)], key=lambda m: (m.sent, m.tok_start))
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sent, []).append(m)
    ctx = DocContext(pdoc.doc.doc_id, pdoc.doc.pubdate, pdoc.doc.text, tuple(mentions))
    events: list[Event] = []
    previous_doers: list[Mention] = []
    previous_index = -2
    for sent in pdoc.sentences:
        if not sent.parsed:
            continue
        prior = [m for i in range(max(0, sent.index - PRIOR_SENTENCES), sent.index) for m in by_sent.get(i, [])
                 if m.code and m.kind != "pronoun"]
        if sent.index not in by_sent and not prior:
            continue
        view = SentenceView(join_hyphenated(sent, lexicon.nouns), by_sent.get(sent.index, []), prior)
        coded = code_sentence(view, ctx, lexicon, enrichers, previous_doers if previous_index == sent.index - 1 else ())
        previous_doers, previous_index = lead_doers(view, coded), sent.index
        events.extend(coded)
    if config.merge_within_document:
        events = merge_events(events)
    if enrichers.reference is not None:
        events = [enrichers.reference.derive(e) for e in events]
    return events

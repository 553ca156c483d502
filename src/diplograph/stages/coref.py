"""Coreference: pronouns and nominal anaphors -> the actors they stand for, within and across sentences.

A rule-based, salience-ordered resolver (centering-style, much simplified). Each sentence
contributes *referents*: resolved mentions (a coordination is one plural referent), noun phrases
that name no actor ("the deal", "the talks": a pronoun that refers to them must not be given to a
state) and names of unknown kind. A pronoun (he/she/it/they and their object and possessive forms)
looks, in this order, at

1. the subjects of the clauses that govern it ("Moscow said it would ...", "Xi arrived after he ...");
2. the referents before it in its own sentence;
3. the previous sentences of its paragraph (``window``): a subject pronoun at their subjects first.

It takes the first candidate that agrees (he/she -> one person, of the right sex when a title or
noun says it; it -> one state, organization or thing; they -> several parties or a plural noun)
and abstains when the text does not decide: equally ranked candidates with different codes, an
expletive "it", an object "it" with no antecedent in its own sentence, an antecedent that names no
actor. An abstention is a link to an unresolved mention (code None): the event coder skips the
event instead of guessing. Definite nominal anaphors take the nearest referent of their class:
"the bloc"/"the alliance" an organization, "the group" an armed group, "the two" a pair of parties,
"the three countries" three parties (named together, else named in one sentence).

Pronouns whose antecedent is in their own sentence are left to the event coder's clause rules
(``coref_mentions(own_sentence=False)``): on the dev sets they did as well or better.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ..types import Mention, ParsedDoc
from .syntax import SentenceView, governing_verb, lower, subject_head

Number = Literal["person", "thing", "many", "any"]  # "any": a name of unknown kind ("Sacoolas said ...")

PRONOUNS: dict[str, tuple[Number, str | None]] = {
    "he": ("person", "m"), "him": ("person", "m"), "his": ("person", "m"),
    "she": ("person", "f"), "her": ("person", "f"),
    "it": ("thing", None), "its": ("thing", None),
    "they": ("many", None), "them": ("many", None), "their": ("many", None),
}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj", "attr"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "pcomp", "acl", "prep", "pobj", "dobj"})
PERSON_NOUNS = frozenset({
    "official", "man", "woman", "suspect", "journalist", "reporter", "driver", "lawyer", "pilot", "victim",
    "father", "mother", "wife", "husband", "son", "daughter", "analyst", "professor", "expert", "activist",
    "source", "doctor", "witness", "gunman", "attacker", "citizen", "student", "resident", "candidate", "aide",
    "diplomat", "envoy", "ambassador", "negotiator", "spokesman", "spokeswoman", "spokesperson",
})
FEMALE_WORDS = frozenset({"ms.", "ms", "mrs.", "mrs", "queen", "spokeswoman", "chairwoman", "congresswoman",
                          "princess", "empress", "madam", "dame", "lady", "woman", "wife", "mother", "daughter"})
MALE_WORDS = frozenset({"mr.", "mr", "king", "spokesman", "chairman", "congressman", "prince", "emperor", "sir",
                        "sheikh", "man", "husband", "father", "son", "emir", "sultan"})
STATE_NOUNS = frozenset({"country", "nation", "government", "administration", "state", "regime"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
NOMINAL_ANAPHORS = {"bloc": "igo", "alliance": "igo", "grouping": "igo", "group": "group", "militia": "group",
                    "movement": "group", "organization": "organization", "organisation": "organization"}
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
PARTY_NOUNS = frozenset({  # "the three countries": as many parties as counted, just named
    "countries", "nations", "states", "governments", "sides", "powers", "allies", "partners", "neighbours",
    "neighbors", "leaders", "ministers", "democracies", "capitals", "delegations", "signatories"})
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "into", "across", "around"})
ARTICLES = frozenset({"the", "a", "an"})
LOCAL_REASONS = frozenset({"clause", "sentence", "ambiguous-clause", "chain-unresolved"})
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain", "take", "happen"})


@dataclass(frozen=True, slots=True)
class Referent:
    """Something a pronoun can point at: the parties it stands for (none: a noun phrase naming no actor)."""

    sent: int
    head: int  # head token in its sentence
    parties: tuple[Mention, ...]
    number: Number
    subject: bool
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A pronoun token and what it stands for; ``antecedent`` is None when the resolver abstains."""

    sent: int
    tok: int
    antecedent: Referent | None
    reason: str


def resolve_anaphors(pdoc: ParsedDoc, mentions: Sequence[Mention], *, window: int = 2,
                     paragraphs: bool = True) -> list[Link]:
    """Links from the third-person pronouns and nominal anaphors of the parsed sentences to their antecedents.

    Args:
        pdoc: the parsed document.
        mentions: resolved actor mentions (actors stage), any order.
        window: how many previous sentences an anaphor may look back.
        paragraphs: stop the look-back at a paragraph break (a line break between sentences).

    Returns:
        One Link per pronoun that is not itself a mention (an abstention too), and one per nominal
        anaphor that found its antecedent, in document order.
    """
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sent, []).append(m)
    history: list[list[Referent]] = []
    links: list[Link] = []
    paragraph_start = 0
    for k, sent in enumerate(pdoc.sentences):
        if k and paragraphs and "\n" in pdoc.doc.text[pdoc.sentences[k - 1].end:sent.start + 1]:
            paragraph_start = k
        view = SentenceView(sent, sorted(by_sent.get(sent.index, []), key=lambda m: m.tok_start))
        own = sentence_referents(view) if sent.parsed else flat_referents(view)
        earlier = [r for back in history[max(paragraph_start, k - window):k][::-1] for r in back]
        for i, tok in enumerate(sent.tokens):
            if not sent.parsed or i in view.on_token:
                continue
            if tok.pos == "PRON" and lower(tok) in PRONOUNS:
                link = _resolve(view, i, own, earlier)
            elif (wanted := _nominal_anaphor(view, i)) is not None:
                link = _resolve_nominal(view, i, wanted, own, earlier)
                if link.antecedent is None:
                    continue  # an unresolved "the bloc" stays as the event coder sees it
            else:
                continue
            links.append(link)
            own = _remember(view, own, link)
        history.append(own)
    return links


def pair_groups(pdoc: ParsedDoc, mentions: Sequence[Mention], *, window: int = 2) -> list[Mention]:
    """Mentions with "both sides" / "the two countries" (actor-lexicon ``together`` entries, resolved there to
    the two most recent states) re-pointed at the pair just named together, when there is one: "Russia and
    Ukraine held talks, Turkey's ministry said. Both sides agreed ..." is Russia and Ukraine, not Ukraine and
    Turkey. Without such a pair the mention keeps its code."""
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sent, []).append(m)
    history: list[list[Referent]] = []
    out: list[Mention] = []
    paragraph_start = 0
    for k, sent in enumerate(pdoc.sentences):
        if k and "\n" in pdoc.doc.text[pdoc.sentences[k - 1].end:sent.start + 1]:
            paragraph_start = k
        own_mentions = sorted(by_sent.get(sent.index, []), key=lambda m: m.tok_start)
        view = SentenceView(sent, [m for m in own_mentions if m.kind != "pronoun"])
        own = sentence_referents(view) if sent.parsed else flat_referents(view)
        earlier = [r for back in history[max(paragraph_start, k - window):k][::-1] for r in back]
        for m in own_mentions:
            if m.kind == "group" and m.rule.startswith("group:") and sent.parsed:
                link = _resolve_nominal(view, m.tok_start, "count:2", own, earlier)
                if link.antecedent is not None:
                    parties = sorted((p for p in link.antecedent.parties if p.code), key=lambda p: (p.sent, p.tok_start))
                    codes = list(dict.fromkeys(p.code for p in parties if p.code))
                    m = replace(m, code="|".join(codes), rule=f"{m.rule}+coref:{link.reason}")
            out.append(m)
        history.append(own)
    return out


def _remember(view: SentenceView, own: list[Referent], link: Link) -> list[Referent]:
    """The sentence's referents once an anaphor is resolved: it becomes one itself (chains), and
    "his country" becomes his state."""
    ante = link.antecedent
    if ante is None:
        return own
    tok = view.tok(link.tok)
    own = [r for r in own if r.head != link.tok]
    own.append(replace(ante, sent=view.sent.index, head=link.tok, subject=tok.dep in SUBJECT_DEPS))
    if tok.dep == "poss" and view.tok(tok.head).lemma.lower() in STATE_NOUNS and ante.parties:
        own = [replace(r, parties=ante.parties[:1], number="thing") if r.head == tok.head and not r.parties
               else r for r in own]
    return own


def coref_mentions(pdoc: ParsedDoc, mentions: Sequence[Mention], *, window: int = 2, paragraphs: bool = True,
                   own_sentence: bool = False) -> list[Mention]:
    """Mentions for pronouns, anchored on the pronoun: one per party of its antecedent, or one
    unresolved mention (code None) where the resolver abstains, so that the event is skipped.

    Without ``own_sentence``, a pronoun whose antecedent is in its own sentence is left to the event
    coder's clause rules; only the ones that stand for no actor ("the maker said it ...") are blocked.
    """
    out: list[Mention] = []
    for link in resolve_anaphors(pdoc, mentions, window=window, paragraphs=paragraphs):
        ante = link.antecedent
        if not own_sentence and link.reason in LOCAL_REASONS and (ante is None or ante.parties):
            continue
        tok = pdoc.sentences[link.sent].tokens[link.tok]
        base = dict(doc_id=pdoc.doc.doc_id, sent=link.sent, start=tok.idx, end=tok.end, text=tok.text,
                    kind="pronoun", by_context=True, tok_start=tok.i, tok_end=tok.i + 1)
        parties = ante.parties if ante is not None else ()
        if not parties:
            out.append(Mention(code=None, sector=None, rule=f"coref:{link.reason}", **base))  # type: ignore[arg-type]
        out.extend(Mention(code=p.code, sector=p.sector, rule=f"coref:{link.reason}:{p.rule}", office=p.office,
                           **base) for p in parties)  # type: ignore[arg-type]
    return out


# ----------------------------------------------------------------- referents


def sentence_referents(view: SentenceView) -> list[Referent]:
    """Referents of a parsed sentence in text order: mentions (a coordination is one plural
    referent) and subject or object noun phrases that name no actor."""
    groups: dict[int, list[Mention]] = {}
    for m in view.mentions:
        if m.kind == "pronoun":
            continue
        groups.setdefault(_coordination_top(view, _head(view, m)), []).append(m)
    out: list[Referent] = []
    covered = set(view.on_token)
    for top, members in groups.items():
        heads = {_head(view, m) for m in members}
        if view.tok(top).dep == "pobj" and lower(view.tok(view.tok(top).head)) in PLACE_PREPS:
            continue  # "talks in Syria and Yemen": places, not parties
        plural = any(view.tok(h).dep == "conj" for h in heads) and len({m.code for m in members}) > 1
        out.append(_referent(view, top, members, plural))
    for tok in view.sent.tokens:
        if tok.i in covered or tok.pos not in ("NOUN", "PROPN") or tok.dep not in SUBJECT_DEPS | OBJECT_DEPS:
            continue
        if any(view.tok(c).dep == "conj" for c in view.kids(tok.i)) or tok.dep == "pobj":
            continue  # coordinations of nouns and prepositional objects are too loose to block anything
        number: Number = "many" if tok.tag in PLURAL_TAGS else "person" if tok.lemma.lower() in PERSON_NOUNS else \
            "any" if tok.pos == "PROPN" and not _place_name(view, tok.i) else "thing"
        members = _of_mentions(view, tok.i)  # "thousands of Turks", "members of the bloc": whose they are
        out.append(Referent(view.sent.index, tok.i, tuple(members[:1] if number != "many" else members), number,
                            tok.dep in SUBJECT_DEPS))
    return sorted(out, key=lambda r: r.head)


def _of_mentions(view: SentenceView, head: int) -> list[Mention]:
    """Mentions in the "of" phrase of a noun ("tens of thousands of Turks": Turks)."""
    found: list[Mention] = []
    stack = [p for p in view.kids(head, "prep") if lower(view.tok(p)) == "of"]
    while stack:
        for c in view.kids(stack.pop(), "pobj"):
            hits = [m for m in view.on_token.get(c, []) if m.kind != "pronoun"]
            found.extend(hits or [])
            if not hits:
                stack.extend(p for p in view.kids(c, "prep") if lower(view.tok(p)) == "of")
    return found


def flat_referents(view: SentenceView) -> list[Referent]:
    """Referents of a sentence the parser skipped: mentions joined by "and" or commas are one plural
    referent; one that opens the sentence ("China has ...", "The EU and Japan ...") is its subject."""
    groups: list[list[Mention]] = []
    for m in (m for m in view.mentions if m.kind != "pronoun"):
        glue = {lower(t) for t in view.sent.tokens[groups[-1][-1].tok_end:m.tok_start]} if groups else {"x"}
        if glue <= {"and", ","}:
            groups[-1].append(m)
        else:
            groups.append([m])
    out = []
    for members in groups:
        ref = _referent(view, members[0].tok_start, members, len({m.code for m in members}) > 1)
        opening = {lower(t) for t in view.sent.tokens[:members[0].tok_start]} <= ARTICLES
        out.append(replace(ref, subject=opening))
    toks = view.sent.tokens
    if len(toks) > 2 and lower(toks[0]) in ARTICLES and 1 not in view.on_token and toks[1].text.isalpha():
        word = lower(toks[1])  # "The deal was signed ...", "A report circulated ...": a subject that is no actor
        number: Number = "person" if word in PERSON_NOUNS else "many" if word.endswith("s") and not \
            word.endswith("ss") else "thing"
        out.insert(0, Referent(view.sent.index, 1, (), number, True))
    return out


def _referent(view: SentenceView, top: int, members: list[Mention], plural: bool) -> Referent:
    tok = view.tok(top)
    first = members[0]
    if plural or any(m.kind == "group" or (m.code and "|" in m.code) for m in members):
        number: Number = "many"
    elif first.kind in ("person", "role"):
        number = "many" if view.tok(_head(view, first)).tag in PLURAL_TAGS else "person"
    elif first.kind == "body" and view.tok(_head(view, first)).lemma.lower() in PERSON_NOUNS:
        number = "person"  # "the official", "a diplomat": an agent noun for one person
    elif first.kind == "body" and view.tok(_head(view, first)).tag in PLURAL_TAGS:
        number = "many"  # "Chinese officials", "the rebels"
    else:
        number = "thing"
    parties = tuple({(m.code, m.tok_start): m for m in members}.values())
    if number != "many":
        parties = parties[:1]
    return Referent(view.sent.index, top, parties, number, tok.dep in SUBJECT_DEPS, _gender(view, members))


def _place_name(view: SentenceView, i: int) -> bool:
    return any(e.start <= i < e.end and e.label in ("GPE", "LOC", "FAC", "NORP", "DATE", "EVENT", "PRODUCT")
               for e in view.sent.ents)


def _head(view: SentenceView, m: Mention) -> int:
    """The token of a mention's span whose head lies outside it (the last token if the parse is flat)."""
    span = range(m.tok_start, max(m.tok_end, m.tok_start + 1))
    for i in span:
        if view.tok(i).head not in span or view.tok(i).head == i:
            return i
    return span[-1]


def _coordination_top(view: SentenceView, i: int) -> int:
    """The first conjunct of a coordination or apposition ("India and Japan", "X, the minister")."""
    seen = {i}
    while view.tok(i).dep in ("conj", "appos") and view.tok(i).head not in seen:
        i = view.tok(i).head
        seen.add(i)
    return i


def _gender(view: SentenceView, members: list[Mention]) -> str | None:
    words: set[str] = set()
    for m in members:
        lo = max(0, m.tok_start - 1)
        words.update(lower(view.tok(i)) for i in range(lo, max(m.tok_end, m.tok_start + 1)))
    female, male = bool(words & FEMALE_WORDS), bool(words & MALE_WORDS)
    return "f" if female and not male else "m" if male and not female else None


# ----------------------------------------------------------------- resolution


def _resolve(view: SentenceView, pron: int, own: list[Referent], earlier: list[Referent]) -> Link:
    tok = view.tok(pron)
    number, gender = PRONOUNS[lower(tok)]
    sent = view.sent.index
    if number == "thing" and _expletive(view, pron):
        return Link(sent, pron, None, "expletive")

    def agrees(r: Referent) -> bool:
        if r.number == "any":
            return True
        if r.number != number:
            return False
        return gender is None or r.gender is None or r.gender == gender

    excluded = _co_arguments(view, pron)
    subject_like = tok.dep in SUBJECT_DEPS or tok.dep == "poss"
    for subj in _governing_subjects(view, pron) if subject_like else []:  # 1. subjects of the clauses around it
        ref = next((r for r in own if r.head == subj), None) or next(
            (r for r in own if _in_phrase(view, subj, r.head)), None)
        if ref is None and lower(view.tok(subj)) in PRONOUNS and PRONOUNS[lower(view.tok(subj))][0] == number:
            return Link(sent, pron, None, "chain-unresolved")  # "It accuses X of ... its ...": as "It" is
        if ref is None or not agrees(ref):
            continue
        if tok.dep == "poss" and _rival_object(view, subj, pron, own, agrees):
            return Link(sent, pron, None, "ambiguous-clause")  # "X removed Y from ... over its ...": X or Y
        return Link(sent, pron, ref, "clause")
    before = [r for r in own if r.head < pron and r.head not in excluded and not _in_phrase(view, r.head, pron)]
    order = (lambda r: (not r.subject, -r.head)) if tok.dep in SUBJECT_DEPS else (lambda r: -r.head)
    tiers: list[tuple[str, list[Referent]]] = [("sentence", sorted(before, key=order))]
    if number == "thing" and not subject_like:
        tiers = tiers[:1]  # an object "it" is mostly a thing: only its own sentence may name it
    backs = sorted({r.sent for r in earlier}, reverse=True)  # nearest sentence first
    subjects = [(f"prev-subject-{sent - b}", [r for r in earlier if r.sent == b and r.subject]) for b in backs]
    others = [(f"prev-other-{sent - b}", [r for r in earlier if r.sent == b and not r.subject]) for b in backs]
    if tok.dep in SUBJECT_DEPS:  # a subject continues the topic: earlier subjects before nearer objects
        tiers += subjects + others
    else:
        tiers += [t for pair in zip(subjects, others) for t in pair]
    for name, refs in tiers:
        fitting = [r for r in refs if agrees(r)]
        if fitting:
            strict = name != "sentence" and (not name.startswith("prev-subject") or tok.dep not in SUBJECT_DEPS)
            return _choose(sent, pron, fitting, name, strict=strict)
    return Link(sent, pron, None, "no-antecedent")


def _nominal_anaphor(view: SentenceView, i: int) -> str | None:
    """What a definite noun phrase that names no one may stand for: "the bloc" (an organization),
    "the group" (an armed group), "the organization" (either), "the two" / "the three countries" (as many
    parties as counted, just named)."""
    tok = view.tok(i)
    word = tok.text.lower()
    if tok.pos not in ("NOUN", "NUM") or tok.text != word:
        return None  # "the Group of Seven" is a name
    dets = [lower(view.tok(c)) for c in view.kids(i, "det", "predet")]
    named = any(view.on_token.get(c) for c in view.kids(i) if view.tok(c).dep in ("amod", "poss", "nmod"))
    if dets not in (["the"], ["all"]) or named or view.kids(i, "appos", "compound", "prep"):
        return None  # "the advocacy group, ACLJ", "the BRICS group", "the group of seven": it names itself
    if word in NOMINAL_ANAPHORS:
        return NOMINAL_ANAPHORS[word]
    if word in COUNT_WORDS and tok.dep in SUBJECT_DEPS | OBJECT_DEPS:  # "The two spoke ...", "the three agreed"
        return f"count:{COUNT_WORDS[word]}"
    counts = [COUNT_WORDS[lower(view.tok(c))] for c in view.kids(i, "nummod") if lower(view.tok(c)) in COUNT_WORDS]
    if word in PARTY_NOUNS and len(counts) == 1:
        return f"count:{counts[0]}"  # "the three countries", "the four governments"
    return None


def _resolve_nominal(view: SentenceView, i: int, wanted: str, own: list[Referent],
                     earlier: list[Referent]) -> Link:
    """The nearest referent of the class the noun asks for (own sentence first); abstain on a tie."""
    def fits(r: Referent) -> bool:
        codes = {p.code for p in r.parties if p.code}
        if not r.parties or not codes:
            return False
        if wanted.startswith("count:"):
            return len(codes) == int(wanted[6:])
        if len(codes) != 1:
            return False
        igo = all(p.kind == "igo" for p in r.parties)
        armed = any(p.kind == "body" and (p.sector == "REB" or p.rule.startswith("groups:")) for p in r.parties)
        return igo if wanted == "igo" else armed if wanted == "group" else igo or armed

    sent = view.sent.index
    tiers = [("nominal-sentence", sorted((r for r in own if r.head < i), key=lambda r: -r.head))]
    for b in sorted({r.sent for r in earlier}, reverse=True):  # nearest sentence first, its subjects first
        tiers.append((f"nominal-prev-subject-{sent - b}", [r for r in earlier if r.sent == b and r.subject]))
        tiers.append((f"nominal-prev-other-{sent - b}", [r for r in earlier if r.sent == b and not r.subject]))
    if wanted.startswith("count:"):  # "Egypt hosted Greece and Cyprus. The three ...": the sentence's parties
        tiers = _with_sentence_unions(tiers)
    for name, refs in tiers:
        fitting = [r for r in refs if fits(r)]
        if fitting:
            return _choose(sent, i, fitting, name, strict=True)
    return Link(sent, i, None, "nominal-none")


def _with_sentence_unions(tiers: list[tuple[str, list[Referent]]]) -> list[tuple[str, list[Referent]]]:
    """After the tiers of each sentence, one referent joining every party that sentence names."""
    out: list[tuple[str, list[Referent]]] = []
    for k, (name, refs) in enumerate(tiers):
        out.append((name, refs))
        sent_refs = refs if name == "nominal-sentence" else []
        if name.startswith("nominal-prev-other-"):
            sent_refs = tiers[k - 1][1] + refs
        elif name != "nominal-sentence":
            continue
        parties = tuple({p.code: p for r in sent_refs for p in r.parties
                         if p.code and p.kind not in ("pronoun", "group") and "|" not in p.code}.values())
        if parties:
            union = Referent(sent_refs[0].sent, min(r.head for r in sent_refs), parties, "many", False)
            out.append((f"{name}-union", [union]))
    return out


def _rival_object(view: SentenceView, subj: int, pron: int, own: list[Referent],
                  agrees: Callable[[Referent], bool]) -> bool:
    """An object of the subject's own verb, between it and the possessive, that fits as well."""
    verb = view.tok(subj).head
    return any(subj < r.head < pron and view.tok(r.head).dep in OBJECT_DEPS and r.parties and agrees(r)
               and governing_verb(view, view.tok(r.head).head) == verb for r in own)


def _choose(sent: int, pron: int, fitting: list[Referent], reason: str, *, strict: bool = False) -> Link:
    """The first fitting referent; abstain when an equally ranked one names other parties
    (for a subject antecedent of a subject pronoun, order decides: the first subject is the topic)."""
    best = fitting[0]
    codes = {p.code for p in best.parties}
    rivals = [r for r in fitting[1:] if {p.code for p in r.parties} != codes]
    if strict and rivals:
        return Link(sent, pron, None, f"ambiguous-{reason}")
    return Link(sent, pron, best, reason)


def _governing_subjects(view: SentenceView, pron: int) -> list[int]:
    """Subjects of the clauses that contain the pronoun, innermost first, without the pronoun's own phrase."""
    out: list[int] = []
    verb = governing_verb(view, view.tok(pron).head if view.tok(pron).head != pron else pron)
    for _ in range(5):
        subj, passive = subject_head(view, verb)
        if subj is not None and subj != pron and not _in_phrase(view, subj, pron) and subj not in out:
            out.append(subj)
        tok = view.tok(verb)
        if tok.head == verb or tok.dep not in CLAUSE_DEPS:
            break
        verb = governing_verb(view, tok.head)
    return out


def _in_phrase(view: SentenceView, head: int, i: int) -> bool:
    """Whether token i lies in the noun phrase headed by ``head`` (clauses inside it excluded)."""
    stack = [head]
    while stack:
        j = stack.pop()
        if j == i:
            return True
        stack.extend(c for c in view.children[j] if view.tok(c).dep not in ("relcl", "acl", "advcl", "ccomp"))
    return False


def _co_arguments(view: SentenceView, pron: int) -> set[int]:
    """An object pronoun is not its own clause's subject: "Ankara expelled him" ≠ Ankara."""
    tok = view.tok(pron)
    if tok.dep in SUBJECT_DEPS or tok.dep == "poss":
        return set()
    verb = governing_verb(view, tok.head)
    subj, _ = subject_head(view, verb)
    return {subj} if subj is not None else set()


def _expletive(view: SentenceView, pron: int) -> bool:
    """ "It is time to ...", "it is clear that ...", "it was reported that ...": an "it" that stands for nothing."""
    head = view.tok(pron).head
    if view.tok(head).lemma.lower() in EXPLETIVE_HEADS:
        if view.kids(head, "ccomp", "xcomp", "csubj"):
            return True
        for c in view.kids(head, "attr", "acomp"):  # "it is time to ...", "it is important to ..."
            if any(lower(view.tok(a)) == "to" for k in view.kids(c, "xcomp", "acl", "relcl", "ccomp")
                   for a in view.kids(k, "aux")):
                return True
    return view.tok(pron).dep == "nsubjpass" and bool(view.kids(head, "ccomp"))

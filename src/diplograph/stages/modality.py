"""Status of an action (EVENTS.md section 4) from the words that govern it in the parse.

"is considering joining" -> considered; "refrained from joining" -> negated; "agreed to hold",
"will", "plans to" -> intended; "if ..." -> hypothetical; "X said it had signed" keeps asserted.
The words are data (``modality`` in lexicons/verbs.yaml); this module only walks the tree.
"""

from __future__ import annotations

from ..types import Status
from .syntax import SentenceView, is_to_clause, lower
from .triggers import TriggerLexicon

CLIMB_DEPS = frozenset({"xcomp", "pcomp", "acl", "prep", "pobj", "dobj", "attr", "advcl", "oprd", "ccomp", "conj"})
BACKGROUND_PREPS = frozenset({"since", "after", "following", "despite", "amid", "over", "before", "during"})
BACKGROUND_MARKS = frozenset({"after", "since", "because", "although", "though", "whereas"})
ADJUNCT_PREPS = frozenset({"in", "at", "during"})
AGAINST_VERBS = frozenset({"decide", "vote", "rule", "advise", "choose", "opt"})


def status_of(view: SentenceView, head: int, lexicon: TriggerLexicon) -> Status:
    """Status of the action at ``head`` from the words that govern it (section 4)."""
    if _weighed(view, head):
        return "considered"  # "is weighing whether its president should attend", "will decide whether to join"
    own = _own_status(view, head, lexicon)
    if own is not None:
        return own
    i = head
    for _ in range(6):
        tok = view.tok(i)
        if tok.head == i or tok.dep not in CLIMB_DEPS or _stops_climb(view, i):
            break
        gov = tok.head
        if tok.dep == "conj":  # "cancelled X and ordered Y": a coordinated act shares only the auxiliaries
            shared = _own_status(view, gov, lexicon)
            if shared in ("intended", "hypothetical"):
                return shared
            if view.tok(gov).dep in ("xcomp", "pcomp") and not view.kids(i, "nsubj", "nsubjpass"):
                return status_of(view, gov, lexicon)  # "agreed to restore ties and reopen embassies"
            return "asserted"
        if tok.dep == "advcl" and view.kids(gov, "dobj"):  # "will cancel the debt to support ...": a purpose,
            found = _own_status(view, gov, lexicon)       # not the content of "cancel"
            return found if found in ("intended", "hypothetical") else "asserted"
        found = _governor_status(view, gov, i, lexicon)
        if found == "intended" and _considered_above(view, gov, lexicon):
            return "considered"  # "is weighing a plan to withdraw troops"
        if found is not None:
            return found
        i = gov
    return "asserted"


def _weighed(view: SentenceView, head: int) -> bool:
    """The action is the open question of a "whether" clause (its own, or a to-clause inside one)."""
    i = head
    for _ in range(3):
        if any(lower(view.tok(m)) == "whether" for m in view.kids(i, "mark")):
            return True
        tok = view.tok(i)
        if tok.head == i or tok.dep not in ("xcomp", "conj"):
            return False
        i = tok.head
    return False


def _considered_above(view: SentenceView, i: int, lexicon: TriggerLexicon) -> bool:
    """A plan or intention that is itself only under consideration."""
    for _ in range(4):
        tok = view.tok(i)
        if tok.head == i or tok.dep not in ("xcomp", "dobj", "pcomp", "pobj", "prep", "ccomp"):
            return False
        i = tok.head
        if view.tok(i).pos == "VERB" and view.tok(i).lemma.lower() in lexicon.modality.verbs.get("considered", ()):
            return not _negated(view, i, lexicon)
    return False


def _stops_climb(view: SentenceView, i: int) -> bool:
    """Clauses that keep their own status: reported speech, participles, background phrases."""
    tok = view.tok(i)
    if tok.dep == "ccomp" and not is_to_clause(view, i):
        return True  # "X said it had signed"
    if tok.dep in ("acl", "advcl") and tok.tag in ("VBG", "VBN") and not is_to_clause(view, i) \
            and not view.kids(i, "mark"):
        return True  # "nationals charged by British prosecutors"; "declined X, accepting help from Spain"
    if tok.dep == "acl" and not is_to_clause(view, i):
        return True
    if tok.dep == "advcl" and any(lower(view.tok(m)) in BACKGROUND_MARKS for m in view.kids(i, "mark")):
        return True  # "is considering joining, after Finland came out in favour": a fact of its own
    if tok.dep == "advcl" and view.kids(i, "nsubj", "nsubjpass") and view.kids(i, "mark") and not any(
            lower(view.tok(m)) in ("if", "unless", "whether", "until", "once", "so") for m in view.kids(i, "mark")):
        return True  # "refused ..., as Putin and Hollande joined commemorations": a clause with its own subject
    if tok.dep == "pobj" and lower(view.tok(tok.head)) in ADJUNCT_PREPS and tok.pos == "NOUN":
        return True  # "discussed coordinating cuts in a telephone call": the call itself took place
    if tok.dep == "pobj" and tok.pos in ("NOUN", "PROPN"):
        prep = view.tok(tok.head)
        return lower(prep) in BACKGROUND_PREPS or lower(prep) == "to" and lower(view.tok(prep.head)) == "response"
    return False


def _governor_status(view: SentenceView, gov: int, child: int, lexicon: TriggerLexicon) -> Status | None:
    mod = lexicon.modality
    g = view.tok(gov)
    lemma = g.lemma.lower()
    if g.pos == "ADP" and lower(g) == "against" and view.tok(g.head).lemma.lower() in AGAINST_VERBS:
        return "negated"  # "decided against joining"
    if g.pos in ("ADP", "SCONJ") and lower(g) == "without":
        return "negated"  # "ended without reaching a deal", "broke down without agreement"
    if g.pos == "VERB" and lemma == "call" and any(lower(view.tok(c)) == "off" for c in view.kids(gov, "prt")):
        return "negated"  # "called off a planned trip"
    for status in ("considered", "negated", "intended"):
        if g.pos == "VERB" and lemma in mod.verbs.get(status, ()):
            return "negated" if _negated(view, gov, lexicon) else status  # type: ignore[return-value]
        if g.pos == "ADJ" and lemma in mod.adjectives.get(status, ()):
            return status  # type: ignore[return-value]
        if g.pos == "NOUN" and lemma in mod.nouns.get(status, ()):
            return status  # type: ignore[return-value]
    for obj in view.kids(gov, "dobj", "attr"):  # "articulated its inclination to broaden"
        noun = view.tok(obj).lemma.lower()
        for status in ("considered", "negated", "intended"):
            if obj != child and noun in mod.nouns.get(status, ()):
                return status  # type: ignore[return-value]
    gov_status = _own_status(view, gov, lexicon)
    if gov_status is not None and g.pos in ("VERB", "AUX", "ADJ"):
        return gov_status
    return None


def _negated(view: SentenceView, i: int, lexicon: TriggerLexicon) -> bool:
    return any(lower(view.tok(c)) in lexicon.modality.neg for c in view.kids(i, "neg"))


def _own_status(view: SentenceView, i: int, lexicon: TriggerLexicon) -> Status | None:
    mod = lexicon.modality
    if _negated(view, i, lexicon):
        return "negated"
    tok = view.tok(i)
    if tok.pos in ("NOUN", "PROPN"):
        return noun_status(view, i, lexicon)
    if is_to_clause(view, i) and tok.dep == "xcomp" \
            and view.tok(tok.head).lemma == "be":
        return "intended"  # "he was to talk on Sunday with ..."
    if _conditional(view, i, lexicon):
        return "hypothetical"
    auxes = [lower(view.tok(c)) for c in view.kids(i, "aux", "auxpass")]
    if any(a in mod.aux.get("hypothetical", ()) for a in auxes):
        return "hypothetical"
    if any(a in mod.aux.get("intended", ()) for a in auxes):
        return "intended"
    if "going" in auxes or is_to_clause(view, i) and _be_going(view, i):
        return "intended"
    return None


def noun_status(view: SentenceView, i: int, lexicon: TriggerLexicon) -> Status | None:
    """A nominal act's own status: "the upcoming visit", "a proposed package", "ahead of a visit",
    "talks scheduled for next week"; "a deal reached on Monday" is a fact whatever governs it."""
    mod = lexicon.modality
    for c in view.kids(i, "amod", "compound", "acl"):
        word = view.tok(c).lemma.lower()
        for status in ("considered", "intended"):
            if word in mod.attributive.get(status, ()) or lower(view.tok(c)) in mod.attributive.get(status, ()):
                return status  # type: ignore[return-value]
        if view.tok(c).dep == "acl" and view.tok(c).tag == "VBN" and not view.kids(c, "aux", "auxpass"):
            if not any(word in words for words in mod.verbs.values()):
                return "asserted"  # "an agreement announced by the two governments"
    for c in view.kids(i, "relcl"):  # "the applications that Finland submitted", "a pledge they made"
        if view.tok(c).tag == "VBD" and view.kids(c, "nsubj") and not view.kids(c, "aux", "auxpass", "neg"):
            return "asserted"
    tok = view.tok(i)
    if tok.dep == "pobj" and lower(view.tok(tok.head)) == "of" and tok.head != i:
        prep = view.tok(tok.head)
        if prep.head != prep.i and lower(view.tok(prep.head)) == "ahead":
            return "intended"  # "ahead of a visit to Tokyo"
    return None


def _be_going(view: SentenceView, i: int) -> bool:
    head = view.tok(i).head
    return head != i and view.tok(head).lemma == "go" and view.tok(head).tag == "VBG"


def _conditional(view: SentenceView, i: int, lexicon: TriggerLexicon) -> bool:
    """An action inside an if/unless clause, at the trigger or a governing advcl."""
    marks = lexicon.modality.marks
    if any(lower(view.tok(m)) in marks and lower(view.tok(m)) != "whether"
           for c in view.kids(i, "advcl") for m in view.kids(c, "mark")):
        return True  # "would lift sanctions if Tehran returns"
    j = i
    for _ in range(4):
        if any(lower(view.tok(c)) in marks and lower(view.tok(c)) != "whether" for c in view.kids(j, "mark")):
            return True
        tok = view.tok(j)
        if tok.head == j or tok.dep not in ("conj", "xcomp", "advcl"):
            return False
        if tok.dep == "advcl":
            return any(lower(view.tok(c)) in lexicon.modality.marks for c in view.kids(j, "mark"))
        j = tok.head
    return False

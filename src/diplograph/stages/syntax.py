"""A parsed sentence as a small dependency-graph API shared by the event and modality stages."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..types import Mention, Sentence, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SPEECH_NOUNS = frozenset({  # texts and acts that "do" what their author does: "a decree banning ..."
    "decree", "letter", "statement", "call", "calls", "report", "order", "law", "resolution", "bill", "measure",
    "plan", "proposal", "message", "note", "document", "communique", "declaration", "agreement", "deal", "treaty",
    "accord", "move", "decision", "step", "policy", "rule", "directive", "motion", "speech", "remark", "post",
    "tweet", "appeal", "request", "petition", "campaign", "effort", "initiative", "programme", "program"})


@dataclass(slots=True)
class SentenceView:
    """Index over one parsed sentence: children lists and which mentions sit on which tokens."""

    sent: Sentence
    mentions: list[Mention]
    prior: list[Mention] = field(default_factory=list)  # resolved mentions of the preceding sentences
    children: list[list[int]] = field(default_factory=list)
    on_token: dict[int, list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.children = [[] for _ in self.sent.tokens]
        for tok in self.sent.tokens:
            if tok.head != tok.i:
                self.children[tok.head].append(tok.i)
        for m in self.mentions:
            for i in range(m.tok_start, max(m.tok_end, m.tok_start + 1)):
                self.on_token.setdefault(i, []).append(m)

    def tok(self, i: int) -> Token:
        return self.sent.tokens[i]

    def kids(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if not deps or self.sent.tokens[c].dep in deps]

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def ancestors(self, i: int) -> Iterable[int]:
        seen = {i}
        while self.sent.tokens[i].head != i and self.sent.tokens[i].head not in seen:
            i = self.sent.tokens[i].head
            seen.add(i)
            yield i


def subject_head(view: SentenceView, i: int, depth: int = 0) -> tuple[int | None, bool]:
    """The subject token of verb ``i`` (inherited from a governing clause) and whether it is passive."""
    if depth > 6:
        return None, False
    subjects = view.kids(i, *SUBJECT_DEPS)
    if subjects:
        subj = subjects[0]
        if lower(view.tok(subj)) in RELATIVE_PRONOUNS and view.tok(i).dep == "relcl":
            # "Morrison, who is on a visit to Tokyo": who = Morrison; "Lam, who is supported by ...": passive
            return view.tok(i).head, view.tok(subj).dep == "nsubjpass"
        return subj, view.tok(subj).dep == "nsubjpass"
    tok = view.tok(i)
    if tok.head == i:
        return None, False
    head = tok.head
    if tok.dep == "pcomp" and lower(view.tok(head)) in ("of", "for") and view.tok(head).dep == "prep":
        verb = view.tok(head).head  # "accused Washington of funding", "thanked Japan for sending"
        objects = view.kids(verb, "dobj") if view.tok(verb).pos == "VERB" else []
        if objects:
            return objects[0], False
    if tok.dep in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "dep"):
        return subject_head(view, head, depth + 1)[0], False
    if tok.dep == "relcl":
        return head, False
    if tok.dep == "acl" and view.tok(head).pos in ("NOUN", "PROPN"):
        if tok.tag == "VBG" and view.tok(head).lemma.lower() not in SPEECH_NOUNS:
            return head, False  # "its neighbour joining NATO": the noun does it (a decree/letter: its author)
        if is_to_clause(view, i) and view.kids(head, "poss"):  # "Colombia's decision to grant ..."
            return view.kids(head, "poss")[0], False
    if tok.dep in ("acl", "pobj", "dobj", "attr", "prep", "nsubj", "appos"):
        return subject_head(view, governing_verb(view, head), depth + 1)[0], False
    return None, False


def is_to_clause(view: SentenceView, i: int) -> bool:
    """The verb has its own infinitive marker: "decided *to* join", "a bid *to* host"."""
    return any(lower(view.tok(c)) == "to" for c in view.kids(i, "aux"))


def governing_verb(view: SentenceView, i: int) -> int:
    for a in itertools.chain([i], view.ancestors(i)):
        if view.tok(a).pos in ("VERB", "AUX"):
            return a
    return i


def lower(tok: Token) -> str:
    """The token's text in lower case."""
    return tok.text.lower()

"""Where resolved actor mentions disagree with what gold events imply.

For every gold event's actor and recipient, the gold ``text`` is looked up inside the event's evidence
span (else the sentence holding it); the resolved mentions overlapping it decide the outcome:

- ``ok``: an overlapping mention carries the gold code (or a coalition code containing it);
- ``wrong``: overlapping mentions carry codes, none the gold one;
- ``unresolved``: overlapping mentions, all with code None;
- ``missed``: no mention overlaps the gold text;
- ``pronoun``: the gold text is a pronoun (the event coder resolves those, not the actor stage);
- ``elsewhere``: the gold text is not in the evidence sentence (cross-sentence reference); judged at its
  nearest occurrence before the evidence and tallied apart (``elsewhere:wrong:...``).

Causes: for wrong/unresolved the resolving rule (``context:minister``, ``ner:PERSON``...); for missed the
shape of the gold text. Counts are per event side; ``unique`` counts each (doc, span, code) once.

Usage: python scripts/actor_errors.py [GOLD.jsonl ...] [--examples N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / ".." / "shared" / "gold"
DEFAULT_FILES = (GOLD / "dev_ir.jsonl", GOLD / "dev_sentences.jsonl")
PRONOUNS = frozenset("he she it they we i you him her them us his its their our who which that this these those "
                     "itself themselves himself herself".split())
OUTCOMES = ("ok", "wrong", "unresolved", "missed", "pronoun", "elsewhere")


def build_mentions(pipe: Any, item: dict[str, Any]) -> tuple[Any, list[Any]]:
    """Parse one gold item and resolve its mentions (the way the brief prescribes)."""
    from diplograph.pipeline import make_document
    from diplograph.stages.actors import resolve_mentions

    doc = make_document(item["text"], pubdate=item.get("pubdate"), doc_id=item["doc_id"])
    pdoc = next(pipe.parse([doc]))
    return pdoc, resolve_mentions(pdoc, pipe.actor_lexicon, pipe.config.actors)


def find_span(text: str, gold_text: str, evidence: dict[str, Any], sentences: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The char span of gold_text inside the evidence, else inside the sentence(s) the evidence touches."""
    start, end = int(evidence.get("start", 0)), int(evidence.get("end", 0))
    windows = [(start, end)]
    touched = [(s, e) for s, e in sentences if s < end and start < e]
    if touched:
        windows.append((min(s for s, _ in touched), max(e for _, e in touched)))
    for lo, hi in windows:
        for m in re.finditer(re.escape(gold_text), text[lo:hi]):
            return lo + m.start(), lo + m.end()
    return None


def shape(gold_text: str) -> str:
    """A coarse description of a gold text no mention covers."""
    words = gold_text.split()
    low = gold_text.lower()
    if re.search(r"\b(and|with)\b", low) and len(words) > 2:
        return "missed:coordination"
    if words and words[0].lower() in ("the", "a", "an", "both", "two") and not any(w[:1].isupper() for w in words[1:]):
        return "missed:common-noun-phrase"
    if all(w[:1].isupper() or not w.isalpha() for w in words):
        return "missed:proper-name"
    return "missed:other"


def judge(code: str, text: str, span: tuple[int, int], mentions: list[Any]) -> tuple[str, str, Any]:
    over = [m for m in mentions if m.start < span[1] and span[0] < m.end]
    if not over:
        return "missed", shape(text), None
    good = [m for m in over if m.code and code in m.code.split("|")]
    if good:
        return "ok", good[0].rule.split("+")[0], good[0]
    coded = [m for m in over if m.code]
    if coded:
        m = coded[0]
        return "wrong", f"wrong:{_rule(m.rule)}", m
    return "unresolved", f"unresolved:{_rule(over[0].rule)}", over[0]


def _rule(rule: str) -> str:
    head = rule.split("+")[0]
    prefix, _, rest = head.partition(":")
    if prefix in ("states", "people", "igos"):
        return prefix  # one cause per section, not per entry
    return head


def analyse(files: list[Path]) -> dict[str, Any]:
    from diplograph.pipeline import Pipeline

    pipe = Pipeline()
    tally: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    unique: set[tuple[str, int, int, str, str]] = set()
    examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            pdoc, mentions = build_mentions(pipe, item)
            sentences = [(s.tokens[0].idx, s.tokens[-1].end) for s in pdoc.sentences if s.tokens]
            for event in item["events"]:
                for side in ("actor", "recipient"):
                    ent = event.get(side)
                    if not ent or not ent.get("text") or not ent.get("code"):
                        continue
                    outcome, cause, m = _one(item["text"], ent, event["evidence"], sentences, mentions)
                    tally[outcome] += 1
                    causes[cause] += 1
                    if outcome not in ("ok",):
                        key = (item["doc_id"], event["evidence"]["start"], 0, ent["text"], ent["code"])
                        if key not in unique:
                            unique.add(key)
                            examples[cause].append({"doc": item["doc_id"], "gold": ent["code"], "text": ent["text"],
                                                    "got": m.code if m else None, "mention": m.text if m else None,
                                                    "rule": m.rule if m else None,
                                                    "evidence": event["evidence"]["text"][:160]})
    return {"tally": tally, "causes": causes, "examples": examples}


def _one(text: str, ent: dict[str, Any], evidence: dict[str, Any], sentences: list[tuple[int, int]],
         mentions: list[Any]) -> tuple[str, str, Any]:
    gold_text = ent["text"]
    if gold_text.lower() in PRONOUNS:
        return "pronoun", "pronoun", None
    span = find_span(text, gold_text, evidence, sentences)
    if span is not None:
        return judge(ent["code"], gold_text, span, mentions)
    far = nearest(text, gold_text, int(evidence.get("start", 0)))
    if far is None:
        return "elsewhere", "elsewhere:not-in-text", None
    outcome, cause, m = judge(ent["code"], gold_text, far, mentions)
    return "elsewhere", f"elsewhere:{cause if outcome != 'ok' else 'ok'}", m


def nearest(text: str, gold_text: str, before: int) -> tuple[int, int] | None:
    """The last occurrence of gold_text before the evidence, else the first one after it."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(gold_text), text)]
    prior = [s for s in spans if s[0] < before]
    return prior[-1] if prior else (spans[0] if spans else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    ap.add_argument("--examples", type=int, default=3, help="examples shown per cause (0: none)")
    ap.add_argument("--json", type=Path, help="write tallies and all examples here")
    args = ap.parse_args()
    res = analyse(args.files)
    total = sum(res["tally"].values())
    print(f"event sides: {total}")
    for outcome in OUTCOMES:
        print(f"  {outcome:<11}{res['tally'][outcome]:>5}  {res['tally'][outcome] / max(total, 1):6.1%}")
    print("causes (not ok):")
    for cause, n in res["causes"].most_common():
        if cause.startswith(("missed", "wrong", "unresolved", "elsewhere:wrong", "elsewhere:unresolved")):
            print(f"  {n:>4}  {cause}")
            for ex in res["examples"][cause][:args.examples]:
                print(f"          {ex['gold']:<8} {ex['text']!r} got {ex['got']} ({ex['mention']!r}, {ex['rule']})"
                      f" [{ex['doc']}]")
    if args.json:
        args.json.write_text(json.dumps({"tally": res["tally"], "causes": res["causes"], "examples": res["examples"]},
                                        indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

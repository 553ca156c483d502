"""tests/data/event_sentences.jsonl is a well-formed, varied gold file (EVENTS.md sections 1-4, 8)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from diplograph.eval import evaluate, load_gold
from diplograph.types import EVENT_TYPES, STATUSES

DATA = Path(__file__).resolve().parent / "data" / "event_sentences.jsonl"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"

# Modes of each PLOVER type (shared/reference/plover_codebook.json, CC BY-SA 4.0).
MODES: dict[str, set[str]] = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"},
}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY", "OPP", "REB", "BUS", "MED", "EDU", "CVL", "REL",
           "HLH", "CRM", "UAF", "IGO"}
DOMAINS = {"trade", "investment", "finance", "energy", "nuclear", "climate", "technology", "semiconductors",
           "space", "cyber", "defence", "security", "maritime", "connectivity", "supply_chains", "health", "food",
           "mobility", "people", "development", "human_rights", "regional_order"}
CODE = re.compile(r"[A-Z]{3}|IGO:[A-Z0-9]+")
DATE = re.compile(r"\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
WEEKDAY = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def all_events(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for d in docs for e in d["events"]]


def test_every_line_is_a_gold_document(docs: list[dict[str, Any]]) -> None:
    ids = [d["doc_id"] for d in docs]
    assert len(ids) == len(set(ids))
    for d in docs:
        assert set(d) == {"doc_id", "text", "pubdate", "source", "events"}, d["doc_id"]
        assert d["source"] == "diplograph-tests"
        dt.date.fromisoformat(d["pubdate"])
        assert d["text"].strip() == d["text"] and len(d["text"]) > 40


def test_size_and_negatives(docs: list[dict[str, Any]]) -> None:
    assert len(docs) >= 200
    assert sum(1 for d in docs if not d["events"]) >= 30


def test_every_type_and_status_present(docs: list[dict[str, Any]]) -> None:
    events = all_events(docs)
    types, statuses = Counter(e["event"] for e in events), Counter(e["status"] for e in events)
    assert set(types) == set(EVENT_TYPES)
    assert set(statuses) == set(STATUSES)
    assert min(types.values()) >= 5 and min(statuses.values()) >= 5
    assert all(e["event"] in EVENT_TYPES and e["status"] in STATUSES for e in events)


def test_evidence_offsets_are_exact(docs: list[dict[str, Any]]) -> None:
    for d in docs:
        for e in d["events"]:
            ev = e["evidence"]
            assert 0 <= ev["start"] < ev["end"] <= len(d["text"]), e["id"]
            assert d["text"][ev["start"]:ev["end"]] == ev["text"], e["id"]


def test_event_fields_are_valid(docs: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for d in docs:
        for e in d["events"]:
            assert e["id"] not in seen and e["doc_id"] == d["doc_id"]
            seen.add(e["id"])
            for side in ("actor", "recipient"):
                entity = e[side]
                if entity is None:
                    assert side == "recipient"
                    continue
                assert CODE.fullmatch(entity["code"]), (e["id"], entity)
                assert entity["sector"] in SECTORS, (e["id"], entity)
                assert (entity["sector"] == "IGO") == entity["code"].startswith("IGO:"), e["id"]
            assert e["mode"] is None or e["mode"] in MODES.get(e["event"], set()), (e["id"], e["mode"])
            assert e["date"] is None or DATE.fullmatch(e["date"]), e["id"]
            assert set(e.get("domains", [])) <= DOMAINS, e["id"]
            if "location" in e:
                assert re.fullmatch(r"[A-Z]{3}", e["location"]["country"]), e["id"]


def test_state_codes_are_known_countries(docs: list[dict[str, Any]]) -> None:
    table = SHARED / "reference" / "country_codes.csv"
    if not table.exists():
        pytest.skip(f"{table} not found (../shared is absent)")
    with table.open(encoding="utf-8") as handle:
        known = {row["iso3"] for row in csv.DictReader(handle)} | {"KOS"}  # PLOVER's code for Kosovo
    codes = {e[side]["code"] for e in all_events(docs) for side in ("actor", "recipient") if e[side]}
    codes |= {e["location"]["country"] for e in all_events(docs) if "location" in e}
    assert {c for c in codes if not c.startswith("IGO:")} <= known


def test_weekday_dates_resolve_against_the_pubdate(docs: list[dict[str, Any]]) -> None:
    checked = 0
    for d in docs:
        pub = dt.date.fromisoformat(d["pubdate"])
        for e in d["events"]:
            said = WEEKDAY.search(e.get("date_text") or "")
            if not said or e["status"] != "asserted":
                continue
            day = dt.date.fromisoformat(e["date"])
            assert DAYS[day.weekday()] == said.group(1), e["id"]
            assert 0 <= (pub - day).days < 7, e["id"]
            checked += 1
    assert checked >= 100


def test_multi_party_groups_share_their_group(docs: list[dict[str, Any]]) -> None:
    groups = Counter((e["doc_id"], e["group"]) for e in all_events(docs) if e.get("group"))
    assert len(groups) >= 10
    assert all(n >= 2 for n in groups.values())


def test_file_scores_perfectly_against_itself() -> None:
    gold = load_gold(DATA)
    report = evaluate(gold, gold)
    assert report.gold_events >= 250
    assert all(level.f1 == 1.0 for level in report.levels.values())


def test_file_is_in_sync_with_its_sources(tmp_path: Path) -> None:
    build = Path(__file__).resolve().parents[1] / "scripts" / "event_sentences" / "build.py"
    out = tmp_path / "rebuilt.jsonl"
    subprocess.run([sys.executable, str(build), str(out)], check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")

"""Cross-document merging: one real-world event reported by several documents is one stored event."""

from __future__ import annotations

import csv
import dataclasses
import json

import duckdb
import pytest
from click.testing import CliRunner

from diplograph.cli import main
from diplograph.config import DedupConfig
from diplograph.export import GDELT_COLUMNS, export_events
from diplograph.stages.resolve import event_key, key_digest, merge_reports
from diplograph.store import _RESOLVE_KEY_SQL, Store
from diplograph.types import Document, Entity, Event, Evidence, Location


def met(id: str, doc: str, *, actor: str = "IND", recipient: str | None = "KOR", event: str = "CONSULT",
        date: str | None = "2024-03-05", **kw) -> Event:
    """A report of 'X met Y on <date>' from document ``doc``."""
    return Event(id=id, doc_id=doc, event=event, status=kw.pop("status", "asserted"),
                 actor=Entity(actor, kw.pop("actor_sector", "GOV"), actor),
                 evidence=kw.pop("evidence", Evidence(f"{actor} met {recipient}.", 0, 12)),
                 recipient=Entity(recipient, "GOV", recipient) if recipient else None, date=date, **kw)


def docs(*ids: str) -> list[Document]:
    return [Document(i, f"Text of {i}.", pubdate="2024-03-06", content_hash=i) for i in ids]


def stored(store: Store) -> list[tuple[str, str, list[str]]]:
    return [(r["id"], r["doc_id"], r["sources"]) for r in store.events(order="id").to_pylist()]


# -- the rule (pure) -----------------------------------------------------------------------------
def test_two_documents_reporting_one_meeting_give_one_event():
    new, links = merge_reports([met("a", "d1"), met("b", "d2")], {})
    assert [(e.id, e.doc_id, e.sources) for e in new] == [("a", "d1", ("d1", "d2"))]
    assert [(link.canonical_id, link.doc_id, link.report.id) for link in links] == [("a", "d2", "b")]


def test_meetings_ignore_direction_but_accusations_do_not():
    assert event_key(met("a", "d1")) == event_key(met("b", "d2", actor="KOR", recipient="IND"))
    accuse = met("a", "d1", event="ACCUSE")
    assert event_key(accuse) != event_key(dataclasses.replace(accuse, actor=Entity("KOR"), recipient=Entity("IND")))


@pytest.mark.parametrize("other", [
    met("b", "d2", date="2024-03-06"),
    met("b", "d2", status="intended"),
    met("b", "d2", event="AGREE"),
    met("b", "d2", recipient="JPN"),
    met("b", "d2", recipient=None),
    met("b", "d2", date="2024-03"),
])
def test_different_day_status_type_or_pair_stay_apart(other):
    new, links = merge_reports([met("a", "d1"), other], {})
    assert [e.id for e in new] == ["a", "b"] and links == []


def test_coarse_dates_merge_only_when_everything_else_matches():
    base = met("a", "d1", date="2024-03", mode="visit", domains=("trade", "energy"), location=Location("Seoul", "KOR"))
    same = dataclasses.replace(base, id="b", doc_id="d2", domains=("energy", "trade", "trade"),
                               evidence=Evidence("Other words.", 5, 17))
    assert event_key(base) == event_key(same)  # wording and domain order are no part of the identity
    for change in ({"domains": ("trade",)}, {"mode": None}, {"location": None},
                   {"actor": Entity("IND", "MIL", "IND")}, {"date": "2024-Q1"},
                   {"actor": Entity("KOR", "GOV", "KOR"), "recipient": Entity("IND", "GOV", "IND")}):
        assert event_key(base) != event_key(dataclasses.replace(same, **change)), change
    undated = dataclasses.replace(base, date=None)
    assert event_key(undated) == event_key(dataclasses.replace(same, date=None))
    assert event_key(undated) != event_key(base)


def test_domestic_or_recipientless_day_events_need_everything_to_match():
    for actor, recipient in (("USA", "USA"), ("USA", None)):
        one = met("a", "d1", event="ACCUSE", actor=actor, recipient=recipient, actor_sector="PTY")
        assert event_key(one) == event_key(dataclasses.replace(one, id="b", doc_id="d2"))
        assert event_key(one) != event_key(dataclasses.replace(one, id="b", doc_id="d2", actor=Entity(actor, "SPY")))


def test_events_of_one_document_are_never_merged_with_each_other():
    new, links = merge_reports([met("a", "d1"), met("a2", "d1")], {})
    assert [e.id for e in new] == ["a", "a2"] and links == []


def test_each_document_counts_once_in_arrival_order():
    events = [met("a", "d1"), met("b", "d2"), met("c", "d3"), met("b2", "d2"), met("a3", "d1")]
    new, links = merge_reports(events, {})
    # a3 is a second such event in d1: the coder kept it apart from a, so it stays apart here too
    assert [(e.id, e.sources) for e in new] == [("a", ("d1", "d2", "d3")), ("a3", ("d1",))]
    assert [(link.canonical_id, link.doc_id) for link in links] == [("a", "d2"), ("a", "d3")]


# -- the store -----------------------------------------------------------------------------------
def test_store_merges_reports_across_writes_and_sessions(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store(path) as s:
        s.write_documents(docs("d1", "d2", "d3"))
        assert s.write_events([met("a", "d1")], merge=True) == 1
    with Store(path) as s:
        assert s.write_events([met("b", "d2", actor="KOR", recipient="IND")], merge=True) == 0
        assert stored(s) == [("a", "d1", ["d1", "d2"])]
        assert s.document("d2")["n_events"] == 1
        assert s.events(source="d2").num_rows == 1
        assert s.stats()["merged_reports"] == 1


def test_rewriting_documents_is_idempotent():
    with Store(":memory:") as s:
        batch = [met("a", "d1"), met("b", "d2")]
        assert s.write_events(batch, merge=True) == 1
        for again in (batch, batch[::-1], [batch[1]], [met("b", "d2")]):
            assert s.write_events(again, merge=True) == 0
        assert stored(s) == [("a", "d1", ["d1", "d2"])]
        assert s.write_events([met("c", "d3")], merge=True) == 0
        assert stored(s) == [("a", "d1", ["d1", "d2", "d3"])]


def test_non_matching_reports_are_stored_as_events_of_their_own():
    with Store(":memory:") as s:
        s.write_events([met("a", "d1"), met("x", "d1", event="ACCUSE")], merge=True)
        s.write_events([met("b", "d2", date="2024-03-06"), met("c", "d2", status="intended"),
                        met("y", "d2", event="ACCUSE", actor="KOR", recipient="IND")], merge=True)
        assert [(i, src) for i, _, src in stored(s)] == [
            ("a", ["d1"]), ("b", ["d2"]), ("c", ["d2"]), ("x", ["d1"]), ("y", ["d2"])]


def test_a_merged_report_is_found_by_its_own_id():
    with Store(":memory:") as s:
        s.write_documents(docs("d1", "d2"))
        report = met("b", "d2", evidence=Evidence("India's minister met Korea's.", 40, 69))
        s.write_events([met("a", "d1"), report], merge=True)
        got = s.event("b")
        assert (got["id"], got["doc_id"], got["sources"], got["document"]["doc_id"]) == ("a", "d1", ["d1", "d2"], "d1")
        assert got["merged_report"] == {"id": "b", "doc_id": "d2", "evidence": report.evidence.to_dict()}
        assert "merged_report" not in s.event("a")


def test_without_merge_every_event_is_its_own_row():
    with Store(":memory:") as s:
        assert s.write_events([met("a", "d1"), met("b", "d2")]) == 2


def test_gdelt_export_counts_both_sources(tmp_path):
    out = tmp_path / "events.tsv"
    with Store(":memory:") as s:
        s.write_documents(docs("d1", "d2", "d3"))
        s.write_events([met("a", "d1"), met("b", "d2"), met("c", "d3", event="AGREE")], merge=True)
        assert export_events(s, out, fmt="gdelt") == 2
    with out.open(encoding="utf-8", newline="") as fh:
        rows = [dict(zip(GDELT_COLUMNS, r)) for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    counts = sorted((r["EventRootCode"], r["NumSources"], r["NumArticles"], r["NumMentions"]) for r in rows)
    assert [c[1:] for c in counts] == [("1", "1", "1"), ("2", "2", "2")]


_KEY_CASES = [
    met("k1", "d1"), met("k2", "d1", actor="KOR", recipient="IND"), met("k3", "d1", event="ACCUSE", recipient=None),
    met("k4", "d1", date="2023-02-30"), met("k5", "d1", date=None, mode="phone"),
    met("k6", "d1", date="2024-Q1", domains=("zeta", "alpha", "zeta"), location=Location("Bogotá", "COL")),
    met("k7", "d1", event="COOPERATE", actor="USA", recipient="IGO:UN", date="2024-12-31"),
    met("k8", "d1", date="2024", actor_sector=None, status="negated"), met("k9", "d1", actor=""),
    met("k10", "d1", event="ACCUSE", actor="USA", recipient="USA"),
]


def test_sql_key_equals_the_python_key():
    with Store(":memory:") as s:
        s.write_events(_KEY_CASES)
        rows = s._query(f"SELECT id, resolve_key AS stored, {_RESOLVE_KEY_SQL} AS in_sql FROM events ORDER BY id")
    by_id = {r["id"]: r for r in rows.to_pylist()}
    for ev in _KEY_CASES:
        assert by_id[ev.id]["stored"] == key_digest(event_key(ev)) == by_id[ev.id]["in_sql"], ev.id
    assert by_id["k9"]["stored"] is None and by_id["k1"]["stored"] == by_id["k2"]["stored"]


def test_a_schema_1_database_is_migrated_and_its_events_take_part(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.write_events([met("a", "d1")])
    con = duckdb.connect(str(path))  # make it look like a database written before merging existed
    con.execute("ALTER TABLE events DROP COLUMN resolve_key")
    con.execute("DROP TABLE merged_reports")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with Store(path) as s:
        assert s.stats()["schema_version"] == 2
        assert s.write_events([met("b", "d2")], merge=True) == 0
        assert stored(s) == [("a", "d1", ["d1", "d2"])]


# -- end to end ----------------------------------------------------------------------------------
SENTENCE = "Indian Prime Minister Narendra Modi met South Korean President Yoon Suk Yeol in Seoul on Tuesday."


def test_run_merges_one_meeting_reported_by_two_articles(tmp_path):
    (tmp_path / "a.txt").write_text(
        f"{SENTENCE} The weather in the capital was cold, and forecasters expected more snow to fall "
        "across the northern provinces before the weekend, closing several mountain roads.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Farmers marched through the countryside for a third week, angry about rising fuel prices and "
        f"new rules on fertiliser imports. {SENTENCE}\n", encoding="utf-8")
    assert DedupConfig().near_threshold >= 0.5  # the two texts share well under half their shingles
    db = tmp_path / "t.duckdb"
    result = CliRunner().invoke(main, ["run", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", str(db),
                                       "--json", "--pubdate", "2024-03-07"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 2 and summary["duplicates"] == 0
    with Store(db, read_only=True) as s:
        meetings = [r for r in s.events(event="CONSULT").to_pylist() if {r["actor_code"], r["recipient_code"]} == {"IND", "KOR"}]
    assert len(meetings) == 1
    assert meetings[0]["date"] == "2024-03-05" and len(meetings[0]["sources"]) == 2
    assert meetings[0]["doc_id"] == meetings[0]["sources"][0]

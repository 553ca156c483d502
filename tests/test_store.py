"""The DuckDB store: idempotent writes, every filter, hostile values, pagination, aggregations."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplograph
from diplograph.errors import StoreError
from diplograph.store import SCHEMA_VERSION, Store, period_bounds
from diplograph.types import Document, Duplicate, Entity, Event, Evidence, Location, Mention, Quarantined


def _ev(id: str, doc: str, actor: str, event: str, recipient: str | None, date: str | None, **kw) -> Event:
    return Event(
        id=id, doc_id=doc, event=event, status=kw.pop("status", "asserted"),
        actor=Entity(actor, kw.pop("actor_sector", "GOV"), kw.pop("actor_text", actor.title())),
        recipient=Entity(recipient, None, recipient.title()) if recipient else None,
        evidence=Evidence(kw.pop("text", f"{actor} {event} {recipient}."), 10, 40), date=date, **kw,
    )


def sample_docs() -> list[Document]:
    return [
        Document("d1", "Seoul and New Delhi met.", pubdate="2024-01-16", title="Talks", url="https://example.org/d1",
                 source="feeds/voa.jsonl:1", content_hash="h1", minhash=(1, 2**64 - 1), removed=("Share this",)),
        Document("d2", "Washington accused Beijing.", pubdate="2023-06-21", source="feeds/wiki.jsonl:3", content_hash="h2"),
        Document("d3", "Other news.", pubdate="2024-02-11", source="other/x.txt", content_hash="h3"),
    ]


def sample_events() -> list[Event]:
    """Seven hand-made events: two dyads, an IGO, an undated and a recipient-less event."""
    return [
        _ev("e1", "d1", "KOR", "CONSULT", "IND", "2024-01-15", quad_class=1, goldstein=1.0, domains=("trade",),
            cameo="036", plover_event="CONSULT", mode="visit",
            location=Location("Seoul", "KOR", 37.5665, 126.978, 1835848)),
        _ev("e2", "d1", "IND", "AGREE", "KOR", "2024-Q1", status="intended", quad_class=1, goldstein=3.0,
            domains=("trade", "semiconductors"), sources=("d1", "d2"), group="g1", cameo="030", plover_event="AGREE"),
        _ev("e3", "d2", "USA", "ACCUSE", "CHN", "2023-06", quad_class=3, goldstein=-2.0, domains=("security",),
            cameo="112", plover_event="ACCUSE", text="Washington said 'Beijing; lied' -- \"twice\"."),
        _ev("e4", "d2", "CHN", "SANCTION", "USA", "2023-06-20", quad_class=4, goldstein=-4.0, cameo="163",
            plover_event="SANCTION", location=Location("China", "CHN")),
        _ev("e5", "d3", "KOR", "SUPPORT", "IGO:UN", "2023", status="considered", quad_class=1, sent=3),
        _ev("e6", "d3", "USA", "MOBILIZE", None, None, quad_class=4, goldstein=-2.0, sent=4),
        _ev("e7", "d3", "KOR", "COOPERATE", "IND", "2024-02-10", quad_class=2, goldstein=6.0, domains=("energy",),
            sent=5, cameo="061", plover_event="COOPERATE"),
    ]


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        s.write_documents(sample_docs())
        s.write_events(sample_events())
        yield s


def ids(table) -> list[str]:
    return table.column("id").to_pylist()


# -- writes --------------------------------------------------------------------------------------
def test_rewriting_the_same_records_adds_nothing(tmp_path):
    path = tmp_path / "db.duckdb"
    mentions = [Mention("d1", 0, 0, 5, "Seoul", "KOR", None, "capital", "states:KOR"),
                Mention("d1", 0, 10, 19, "New Delhi", "IND", None, "capital", "states:IND")]
    quarantined = [Quarantined("bad.bin", "binary"), Quarantined("x.jsonl", "malformed_json", line=3)]
    dups = [Duplicate("d9", "d1", "exact", 1.0)]
    first = []
    with Store(path) as s:
        first = [s.write_documents(sample_docs()), s.write_events(sample_events()), s.write_mentions(mentions),
                 s.write_quarantine(quarantined), s.write_duplicates(dups)]
    with Store(path) as s:  # a second run on the same input, in a new session
        again = [s.write_documents(sample_docs()), s.write_events(sample_events()), s.write_mentions(mentions),
                 s.write_quarantine(quarantined), s.write_duplicates(dups)]
        counts = {k: s.stats()[k] for k in ("documents", "events", "mentions", "quarantined", "duplicates")}
    assert first == [3, 7, 2, 2, 1]
    assert again == [0, 0, 0, 0, 0]
    assert counts == {"documents": 3, "events": 7, "mentions": 2, "quarantined": 2, "duplicates": 1}


def test_duplicate_ids_within_one_batch_are_stored_once():
    with Store(":memory:") as s:
        ev = sample_events()[0]
        assert s.write_events([ev, ev, ev]) == 1
        assert s.write_events([ev, sample_events()[1]]) == 1
        assert s.stats()["events"] == 2


def test_event_reads_back_as_the_events_md_json(store):
    for ev in sample_events():
        got = store.event(ev.id)
        doc = got.pop("document")
        assert got == ev.to_dict()
        assert doc["doc_id"] == ev.doc_id
    assert store.event("e1")["document"]["url"] == "https://example.org/d1"
    assert store.event("nope") is None


def test_document_and_known_documents_round_trip(store):
    doc = store.document("d1")
    assert (doc["title"], doc["removed"], doc["n_events"]) == ("Talks", ["Share this"], 2)
    known = {d: (h, m) for d, h, m in store.known_documents()}
    assert known["d1"] == ("h1", [1, 2**64 - 1])
    assert known["d2"] == ("h2", [])
    assert store.document("' OR 1=1 --") is None


def test_derived_date_columns_place_coarse_dates_on_their_first_day(store):
    rows = {r["id"]: r for r in store.events().to_pylist()}
    assert rows["e2"]["date_start"] == dt.date(2024, 1, 1) and rows["e2"]["sqldate"] == 20240101
    assert rows["e5"]["date_start"] == dt.date(2023, 1, 1) and rows["e5"]["month"] == 1
    assert rows["e6"]["date_start"] is None and rows["e6"]["year"] is None


def test_runs_record_version_config_and_counts(store):
    run = store.start_run(config={"dedup": {"near_threshold": 0.9}}, inputs=["a.jsonl"])
    store.finish_run(run, {"documents": 3, "events": 7})
    stats = store.stats()
    assert stats["runs"] == 1
    assert stats["last_run"]["run_id"] == run
    assert stats["last_run"]["version"] == diplograph.__version__
    assert stats["last_run"]["counts"] == {"documents": 3, "events": 7}
    assert stats["last_run"]["finished_at"] is not None


# -- filters -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["e5", "e3", "e4", "e2", "e1", "e7", "e6"]),
    ({"actor": "KOR"}, ["e5", "e1", "e7"]),
    ({"actor": ["USA", "CHN"]}, ["e3", "e4", "e6"]),
    ({"recipient": "IND"}, ["e1", "e7"]),
    ({"recipient": "IGO:UN"}, ["e5"]),
    ({"dyad": ("IND", "KOR")}, ["e1", "e2", "e7"]),
    ({"dyad": ["USA", "CHN"]}, ["e3", "e4"]),
    ({"event": "CONSULT"}, ["e1"]),
    ({"event": ["ACCUSE", "SANCTION"]}, ["e3", "e4"]),
    ({"quad_class": 4}, ["e4", "e6"]),
    ({"quad_class": [1, 2]}, ["e5", "e1", "e2", "e7"]),
    ({"status": "intended"}, ["e2"]),
    ({"status": ["considered", "intended"]}, ["e5", "e2"]),
    ({"domain": "trade"}, ["e1", "e2"]),
    ({"domain": ["energy", "security"]}, ["e3", "e7"]),
    ({"source": "d2"}, ["e3", "e4", "e2"]),
    ({"source": "feeds/"}, ["e3", "e4", "e1", "e2"]),
    ({"source": "other/x.txt"}, ["e5", "e7", "e6"]),
    ({"doc_id": "d3"}, ["e5", "e7", "e6"]),
    ({"since": "2024"}, ["e1", "e2", "e7"]),
    ({"since": "2024-01-15"}, ["e1", "e7"]),
    ({"until": "2023"}, ["e5", "e3", "e4"]),
    ({"until": "2023-06-19"}, ["e5", "e3"]),
    ({"since": "2023-Q2", "until": "2023-Q2"}, ["e3", "e4"]),
    ({"since": "2024-02", "until": "2024-02"}, ["e7"]),
    ({"actor": "KOR", "since": "2024", "domain": "energy"}, ["e7"]),
])
def test_every_filter_selects_the_right_events(store, filters, expected):
    got = ids(store.events(**filters))
    assert sorted(got) == sorted(expected)
    if not filters:
        assert got == expected  # by date (first day), then id; undated last


def test_source_filter_matches_sources_list_and_input_path(store):
    assert sorted(ids(store.events(source="d2"))) == ["e2", "e3", "e4"]  # e2 is also reported by d2


HOSTILE = ["'", "\"", "';", "' OR 1=1 --", "KOR' OR '1'='1", "1; DROP TABLE events; --", "%", "_", "*",
           "\\", "IND) OR (1=1", "$1", "?", "NULL", "", "\x00", "ünïcødé", "2024-01-01' OR 1=1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_filter_values_give_empty_results_not_errors(store, value):
    for name in ("actor", "recipient", "event", "status", "domain", "source", "doc_id", "since", "until"):
        assert store.events(**{name: value}).num_rows == 0, name
        assert store.events(**{name: [value, value]}).num_rows == 0, name
    assert store.events(dyad=(value, "KOR")).num_rows == 0
    assert store.events(quad_class=value).num_rows == 0
    assert store.events(after_id=value, limit=3).num_rows == 0
    assert store.country_month_panel(actor=value).num_rows == 0
    assert store.top_partners(value).num_rows == 0
    assert store.stats()["events"] == 7  # nothing was dropped or altered


def test_unknown_filter_name_is_a_clear_error(store):
    with pytest.raises(StoreError, match="unknown event filter"):
        store.events(actr="KOR")
    with pytest.raises(StoreError, match="order"):
        store.events(order="date; DROP TABLE events")


@pytest.mark.parametrize("order", ["date", "id"])
@pytest.mark.parametrize("page", [1, 2, 3, 10])
def test_cursor_pagination_covers_every_row_exactly_once(store, order, page):
    full = ids(store.events(order=order))
    seen: list[str] = []
    after = None
    while True:
        chunk = ids(store.events(order=order, limit=page, after_id=after))
        if not chunk:
            break
        seen += chunk
        after = chunk[-1]
    assert seen == full
    assert len(set(seen)) == 7


def test_pagination_keeps_filters(store):
    first = ids(store.events(actor="KOR", limit=2))
    rest = ids(store.events(actor="KOR", limit=2, after_id=first[-1]))
    assert first + rest == ids(store.events(actor="KOR"))


def test_iter_events_streams_the_same_rows_in_batches(store):
    batches = list(store.iter_events(batch_size=2, quad_class=[1, 2, 3, 4]))
    assert max(b.num_rows for b in batches) <= 2
    assert [i for b in batches for i in b.column("id").to_pylist()] == ids(store.events())


def test_events_table_converts_to_pandas(store):
    df = store.events(actor="KOR").to_pandas()
    assert list(df["actor_code"].unique()) == ["KOR"]
    assert df.loc[df["id"] == "e1", "domains"].iloc[0].tolist() == ["trade"]


# -- aggregations --------------------------------------------------------------------------------
def test_dyad_timeline_counts_both_directions_per_month(store):
    rows = store.dyad_timeline("KOR", "IND", freq="month").to_pylist()
    assert [(r["period"], r["n_events"], r["mean_goldstein"], r["n_quad1"], r["n_quad2"]) for r in rows] == [
        (dt.date(2024, 1, 1), 2, 2.0, 2, 0),
        (dt.date(2024, 2, 1), 1, 6.0, 0, 1),
    ]
    weeks = store.dyad_timeline("IND", "KOR", freq="week", since="2024-01-10").to_pylist()
    assert [(r["period"], r["n_events"]) for r in weeks] == [(dt.date(2024, 1, 15), 1), (dt.date(2024, 2, 5), 1)]
    with pytest.raises(StoreError):
        store.dyad_timeline("IND", "KOR", freq="year")


def test_country_month_panel_sums_to_dated_dyadic_events(store):
    panel = store.country_month_panel().to_pylist()
    assert sum(r["n_events"] for r in panel) == 6  # e6 has neither a date nor a recipient
    assert {"month": "2023-06", "actor_code": "USA", "recipient_code": "CHN", "quad_class": 3, "n_events": 1} in panel
    assert sum(r["n_events"] for r in store.country_month_panel(actor="KOR").to_pylist()) == 3


def test_top_partners_of_a_country(store):
    rows = store.top_partners("KOR").to_pylist()
    assert [(r["partner"], r["n_events"], r["n_as_actor"], r["n_as_recipient"]) for r in rows] == [
        ("IND", 3, 2, 1), ("IGO:UN", 1, 1, 0)]
    assert store.top_partners("KOR", n=1).num_rows == 1


def test_top_dyads_are_directed_counts_including_no_recipient(store):
    rows = store.top_dyads(n=50).to_pylist()
    counts = {(r["actor_code"], r["recipient_code"]): r["n_events"] for r in rows}
    total = store.events().num_rows
    assert sum(counts.values()) == total
    expected = {}
    for e in store.events().select(["actor_code", "recipient_code"]).to_pylist():
        key = (e["actor_code"], e["recipient_code"])
        expected[key] = expected.get(key, 0) + 1
    assert counts == expected
    assert [r["n_events"] for r in rows] == sorted((r["n_events"] for r in rows), reverse=True)
    assert store.top_dyads(n=1).num_rows == 1


def test_domain_matrix_uses_sorted_dyads(store):
    rows = {(r["dyad"], r["domain"]): r["n_events"] for r in store.domain_matrix().to_pylist()}
    assert rows == {("IND-KOR", "trade"): 2, ("IND-KOR", "semiconductors"): 1, ("IND-KOR", "energy"): 1,
                    ("CHN-USA", "security"): 1}


def test_network_weights_cooperation_and_conflict(store):
    net = store.network()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert (edges[("IND", "KOR")]["cooperation"], edges[("IND", "KOR")]["conflict"]) == (3, 0)
    assert (edges[("CHN", "USA")]["cooperation"], edges[("CHN", "USA")]["conflict"]) == (0, 2)
    assert edges[("CHN", "USA")]["mean_goldstein"] == -3.0
    nodes = {n["id"]: n["n_events"] for n in net["nodes"]}
    assert nodes == {"KOR": 4, "IND": 3, "USA": 3, "CHN": 2, "IGO:UN": 1}


def test_actors_and_stats(store):
    actors = {r["code"]: r for r in store.actors().to_pylist()}
    assert actors["KOR"]["n_events"] == 4 and actors["KOR"]["n_as_recipient"] == 1
    assert actors["USA"]["last_date"] == dt.date(2023, 6, 20)
    stats = store.stats()
    assert stats["events"] == 7 and stats["documents"] == 3 and stats["schema_version"] == SCHEMA_VERSION
    assert stats["events_by_status"]["asserted"] == 5
    assert stats["events_by_quad_class"]["1"] == 3
    json.dumps(stats, default=str)


# -- opening -------------------------------------------------------------------------------------
def test_open_errors_are_clear(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store(bad)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "db.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            s.write_events(sample_events())


def test_newer_schema_and_foreign_databases_are_refused(tmp_path):
    path = tmp_path / "db.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a diplograph"):
        Store(other)


def test_diplograph_open_returns_a_store(tmp_path):
    with diplograph.open(tmp_path / "x.duckdb") as db:
        assert isinstance(db, diplograph.Store)
        assert db.write_events(sample_events()) == 7
    with diplograph.open(tmp_path / "x.duckdb", read_only=True) as db:
        assert db.events(dyad=("KOR", "IND")).num_rows == 3


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-12-31", dt.date(2023, 12, 31), dt.date(2023, 12, 31)),
])
def test_period_bounds(value, first, last):
    assert period_bounds(value) == (first, last)


@pytest.mark.parametrize("value", ["2024-13", "2024-Q5", "2023-02-30", "24", "2024/01/01", ""])
def test_period_bounds_rejects_non_dates(value):
    assert period_bounds(value) is None


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_code = st.sampled_from(["KOR", "IND", "USA", "IGO:UN", "O'BRIEN", "a;b"])
_events = st.builds(
    Event, id=st.uuids().map(str), doc_id=_text, event=st.sampled_from(["AGREE", "CONSULT", "ASSAULT"]),
    status=st.sampled_from(["asserted", "negated"]), actor=st.builds(Entity, _code, st.none() | st.just("GOV"), _text),
    evidence=st.builds(Evidence, _text, st.integers(0, 10**6), st.integers(0, 10**6)),
    recipient=st.none() | st.builds(Entity, _code, st.none(), _text),
    date=st.none() | st.sampled_from(["2024", "2024-Q2", "2024-05", "2024-05-31"]),
    domains=st.lists(_text, max_size=3).map(tuple), goldstein=st.none() | st.floats(-10, 10),
    quad_class=st.none() | st.integers(1, 4), sources=st.lists(_text, max_size=2).map(tuple),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_events, min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_any_event_round_trips_through_the_store(events):
    with Store(":memory:") as s:
        assert s.write_events(events) == len(events)
        for ev in events:
            got = s.event(ev.id)
            got.pop("document")
            assert got == ev.to_dict()

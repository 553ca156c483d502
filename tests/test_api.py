"""REST API: filters, pagination, CSV/JSON, evidence, aggregates, tokens, hostile input."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

import pytest
from api_demo import HOSTILE_SENTENCE, build_demo_store, demo_records
from fastapi.testclient import TestClient

from diplograph.api import create_app
from diplograph.pipeline import CodedDoc, Pipeline
from diplograph.store import Store
from diplograph.types import Document, Entity, Event, Evidence

N_DEMO = len(demo_records()[1])
WRITE_TOKEN = "s3cret-write-token"


@pytest.fixture()
def store() -> Iterator[Store]:
    s = build_demo_store()
    yield s
    s.close()


@pytest.fixture()
def client(store: Store) -> TestClient:
    return TestClient(create_app(store=store), raise_server_exceptions=False)


def ids(client: TestClient, **params: object) -> list[str]:
    resp = client.get("/events", params=params)
    assert resp.status_code == 200, resp.text
    return [e["id"] for e in resp.json()["events"]]


def fake_coder(docs: Iterable[Document]) -> Iterator[CodedDoc]:
    """Codes the first sentence of every document as IND CONSULT KOR (no spaCy needed)."""
    for doc in docs:
        sentence = doc.text.split(". ")[0]
        event = Event(id=f"{doc.doc_id}:e0", doc_id=doc.doc_id, event="CONSULT", status="asserted",
                      actor=Entity("IND", "GOV", "India"), recipient=Entity("KOR", "GOV", "South Korea"),
                      evidence=Evidence(sentence, 0, len(sentence)), date=doc.pubdate, quad_class=1, goldstein=1.0)
        yield CodedDoc(doc=doc, mentions=(), events=(event,))


# ---------------------------------------------------------------- listing and filters


def test_events_without_limit_returns_every_row(client: TestClient) -> None:
    body = client.get("/events").json()
    assert body["ok"] is True and body["count"] == N_DEMO == len(body["events"])
    assert body["next_cursor"] is None
    dated = [e["date_start"] for e in body["events"] if e["date_start"]]
    assert dated == sorted(dated)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "PRK"}, {"ev014", "ev015"}),
        ({"recipient": "USA"}, {"ev012", "ev013"}),
        ({"actor": "USA,CHN", "event": "ACCUSE"}, {"ev010"}),
        ({"event": ["SANCTION", "assault"]}, {"ev011", "ev015"}),
        ({"quad_class": 4}, {"ev011", "ev015"}),
        ({"status": "intended"}, {"ev005"}),
        ({"domain": "semiconductors"}, {"ev001", "ev011"}),
        ({"since": "2024-02", "until": "2024-02-27"}, {"ev009", "ev099"}),
        ({"source": "demo-second-source"}, {"ev006"}),
        ({"doc_id": "demo-hostile"}, {"ev099"}),
        ({"dyad": "JPN,KOR"}, {"ev099"}),
    ],
)
def test_filters(client: TestClient, params: dict, expected: set[str]) -> None:
    assert set(ids(client, **params)) == expected


def test_dyad_matches_both_directions(client: TestClient) -> None:
    forward = ids(client, dyad="IND,KOR")
    assert forward == ids(client, dyad="kor,ind")
    events = client.get("/events", params={"dyad": "IND,KOR"}).json()["events"]
    assert {(e["actor_code"], e["recipient_code"]) for e in events} == {("IND", "KOR"), ("KOR", "IND")}
    assert len(events) == 10


def test_cursor_pagination_walks_every_row_once(client: TestClient) -> None:
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        body = client.get("/events", params=params).json()
        seen += [e["id"] for e in body["events"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == -(-N_DEMO // 4)
    assert seen == ids(client) and len(set(seen)) == N_DEMO


def test_csv_streams_all_rows_with_joined_lists(client: TestClient) -> None:
    resp = client.get("/events", params={"format": "csv", "dyad": "IND,KOR"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert len(rows) == 10
    agree = next(r for r in rows if r["id"] == "ev006")
    assert agree["domains"] == "trade;investment"
    assert agree["sources"] == "demo-06;demo-second-source"


def test_csv_page_carries_next_cursor_header(client: TestClient) -> None:
    resp = client.get("/events", params={"format": "csv", "limit": 5})
    assert len(list(csv.DictReader(io.StringIO(resp.text)))) == 5
    rest = client.get("/events", params={"cursor": resp.headers["x-next-cursor"]}).json()
    assert rest["count"] == N_DEMO - 5


def test_no_row_cap_on_large_results() -> None:
    """More rows than one streaming batch (5,000) all come back, as JSON and as CSV."""
    store = Store(":memory:")
    doc = Document(doc_id="big", text="India met Korea.")
    store.write_documents([doc])
    n = 6_100
    store.write_events([Event(id=f"e{i:05d}", doc_id="big", event="CONSULT", status="asserted", actor=Entity("IND"),
                              recipient=Entity("KOR"), evidence=Evidence("India met Korea.", 0, 16), date="2023-01-01")
                        for i in range(n)])
    client = TestClient(create_app(store=store))
    body = client.get("/events").json()
    assert body["count"] == n == len({e["id"] for e in body["events"]})
    assert len(client.get("/events", params={"format": "csv"}).text.strip().splitlines()) == n + 1


# ---------------------------------------------------------------- one event, aggregates


def test_event_detail_has_evidence_offsets_document_and_sources(client: TestClient) -> None:
    event = client.get("/events/ev006").json()["event"]
    text = event["document"]["text"]
    ev = event["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"] == "India and South Korea agreed to upgrade their economic partnership agreement."
    assert event["document"]["doc_id"] == "demo-06" and event["document"]["title"].startswith("Demo story 6")
    assert event["sources"] == ["demo-06", "demo-second-source"]
    second = client.get("/documents/demo-second-source").json()["document"]
    assert ev["text"] in second["text"]


def test_missing_event_is_a_json_404(client: TestClient) -> None:
    resp = client.get("/events/does-not-exist")
    assert resp.status_code == 404
    assert resp.json() == {"ok": False, "error": "no event with id 'does-not-exist'",
                           "errors": ["no event with id 'does-not-exist'"], "status": 404}


def test_dyad_timeline_counts_both_directions(client: TestClient) -> None:
    body = client.get("/dyads/KOR/IND/timeline").json()
    assert sum(r["n_events"] for r in body["timeline"]) == 10
    assert sum(r["n_quad3"] for r in body["timeline"]) == 2  # REQUEST and ACCUSE
    march = next(r for r in body["timeline"] if r["period"] == "2023-03-01")
    assert march["mean_goldstein"] == 6.0
    filtered = client.get("/dyads/IND/KOR/timeline", params={"status": "intended"}).json()["timeline"]
    assert [r["n_events"] for r in filtered] == [1]
    assert client.get("/dyads/IND/KOR/timeline", params={"freq": "decade"}).status_code == 422


def test_actors_network_matrix_stats(client: TestClient) -> None:
    actors = {a["code"]: a for a in client.get("/actors").json()["actors"]}
    assert actors["PRK"]["n_as_actor"] == 2 and actors["KOR"]["n_events"] == 13
    net = client.get("/network", params={"quad_class": [3, 4]}).json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("CHN", "USA")]["conflict"] == 3 and ("IGO:UN", "IND") not in edges
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in net["nodes"])
    cells = client.get("/matrix", params={"domain": "trade"}).json()["cells"]
    assert {(c["dyad"], c["n_events"]) for c in cells if c["domain"] == "trade"} == {
        ("IND-KOR", 4), ("CHN-USA", 2), ("JPN-KOR", 1)}
    stats = client.get("/stats").json()["stats"]
    assert stats["events"] == N_DEMO and stats["documents"] == len(demo_records()[0])


# ---------------------------------------------------------------- hostile input

HOSTILE = [
    "'", "\"", "';", "' OR '1'='1", "KOR' OR 1=1 --", "x'; DROP TABLE events; --", "1; DELETE FROM events",
    "' UNION SELECT doc_id, text FROM documents --", "%' --", "\\", "IND\x00KOR", "🙂", "a" * 5000,
    "$1", "?", "NULL", "IND;KOR", ")) OR ((1=1",
]
PARAMS = ["actor", "recipient", "dyad", "event", "quad_class", "status", "since", "until", "domain", "source",
          "doc_id", "cursor", "limit", "format"]


@pytest.mark.parametrize("param", PARAMS)
def test_hostile_filter_values_give_422_or_empty(client: TestClient, param: str) -> None:
    for value in HOSTILE:
        resp = client.get("/events", params={param: value})
        assert resp.status_code in (200, 422), (param, value, resp.status_code, resp.text[:200])
        body = resp.json()
        if resp.status_code == 200:
            assert body["events"] == [], (param, value)
        else:
            assert body["ok"] is False and body["status"] == 422 and body["error"]
    assert len(ids(client)) == N_DEMO  # nothing was dropped or deleted


@pytest.mark.parametrize("path", ["/events/{v}", "/documents/{v}", "/dyads/{v}/KOR/timeline"])
def test_hostile_path_values(client: TestClient, path: str) -> None:
    for value in [v for v in HOSTILE if v.isprintable()]:
        resp = client.get(path.replace("{v}", value.replace("/", "%2F").replace("?", "%3F").replace("%", "%25")))
        assert resp.status_code in (200, 404, 422), (path, value, resp.status_code)
        body = resp.json()
        assert body["ok"] is False if resp.status_code != 200 else body["timeline"] == []


def test_hostile_values_on_aggregates(client: TestClient) -> None:
    for path in ("/network", "/matrix", "/dyads/IND/KOR/timeline"):
        for value in HOSTILE:
            resp = client.get(path, params={"domain": value, "source": value})
            assert resp.status_code in (200, 422), (path, value, resp.status_code)
            body = resp.json()
            assert body["ok"] is (resp.status_code == 200)
            assert not body.get("edges") and not body.get("cells") and not body.get("timeline")


# ---------------------------------------------------------------- writes and tokens


def test_writes_disabled_without_a_configured_token(store: Store) -> None:
    client = TestClient(create_app(store=store, coder=fake_coder))
    for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer anything"}):
        resp = client.post("/documents", json={"text": "India met Korea. Then more."}, headers=headers)
        assert resp.status_code == 403 and "--token" in resp.json()["error"]
    assert len(ids(client)) == N_DEMO


def test_write_needs_the_right_token(store: Store) -> None:
    client = TestClient(create_app(store=store, coder=fake_coder, token=WRITE_TOKEN))
    doc = {"text": "India's minister met South Korea's minister. They talked.", "pubdate": "2024-05-01", "title": "T"}
    assert client.post("/documents", json=doc).status_code == 401
    assert client.post("/documents", json=doc, headers={"Authorization": "Bearer wrong"}).status_code == 401
    resp = client.post("/documents", json=doc, headers={"Authorization": f"Bearer {WRITE_TOKEN}"})
    assert resp.status_code == 201, resp.text
    coded = resp.json()["documents"][0]
    assert coded["doc_id"].startswith("api:") and coded["n_events"] == 1
    stored = client.get(f"/events/{coded['events'][0]['id']}").json()["event"]
    assert stored["document"]["text"] == doc["text"] and stored["evidence"]["text"] == "India's minister met South Korea's minister"
    again = client.post("/documents", json={"documents": [doc]}, headers={"X-Diplograph-Token": WRITE_TOKEN})
    assert again.status_code == 201
    assert len(ids(client)) == N_DEMO + 1  # re-posting the same text is idempotent


def test_post_validation_errors_use_the_error_shape(store: Store) -> None:
    client = TestClient(create_app(store=store, coder=fake_coder, token=WRITE_TOKEN))
    auth = {"Authorization": f"Bearer {WRITE_TOKEN}"}
    for body in ({}, {"text": ""}, {"text": "x", "pubdate": "yesterday"}, {"documents": []}):
        resp = client.post("/documents", json=body, headers=auth)
        assert resp.status_code == 422 and resp.json()["ok"] is False and resp.json()["errors"]


def test_read_token_protects_reads_but_not_the_page(store: Store) -> None:
    client = TestClient(create_app(store=store, read_token="reader"))
    assert client.get("/events").status_code == 401
    assert client.get("/stats", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/events", headers={"Authorization": "Bearer reader"}).json()["count"] == N_DEMO
    assert client.get("/").status_code == 200


# ---------------------------------------------------------------- dashboard assets and CLI


def test_dashboard_assets_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in page.text.replace('http-equiv', '')  # no CDN or remote asset
    plotly = client.get("/static/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000 and b"plotly" in plotly.content[:2000].lower()
    assert client.get("/static/app.js").status_code == 200
    assert "innerHTML" not in client.get("/static/app.js").text
    assert client.get("/openapi.json").json()["paths"]["/events"]["get"]


def test_docs_page_works_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "cdn." not in page.text and "/openapi.json" in client.get("/static/docs.js").text


def test_serve_command_reads_token_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    import diplograph.cli.serve_cmds  # noqa: F401  (registers the command)
    from diplograph.cli import main

    seen = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.update(app=app, **kw))
    result = CliRunner(env={"DIPLOGRAPH_TOKEN": "from-env"}).invoke(
        main, ["serve", "--db", str(tmp_path / "x.duckdb"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["app"].state.diplograph.token == "from-env"
    seen["app"].state.diplograph.store.close()


# ---------------------------------------------------------------- the real coder (skipped until it exists)


@pytest.mark.slow
def test_post_documents_with_the_real_pipeline(store: Store, pipeline: Pipeline) -> None:
    try:
        pipeline.code_text("India and South Korea signed a trade agreement on Monday.", pubdate="2024-01-10")
    except NotImplementedError:
        pytest.skip("Pipeline.code_text is not implemented yet")
    except ModuleNotFoundError as err:
        if not (err.name or "").startswith("diplograph."):
            raise
        pytest.skip(f"the pipeline is not complete yet ({err.name} missing)")
    client = TestClient(create_app(store=store, token=WRITE_TOKEN, coder=pipeline.code_documents))
    text = "South Korean President Yoon Suk Yeol met Indian Prime Minister Narendra Modi in New Delhi on Monday."
    resp = client.post("/documents", json={"text": text, "pubdate": "2024-01-10", "doc_id": "real-1"},
                       headers={"Authorization": f"Bearer {WRITE_TOKEN}"})
    assert resp.status_code == 201, resp.text
    events = client.get("/events", params={"doc_id": "real-1"}).json()["events"]
    assert any(e["event"] == "CONSULT" and {e["actor_code"], e["recipient_code"]} == {"IND", "KOR"} for e in events)


def test_hostile_article_is_stored_verbatim(client: TestClient) -> None:
    """The API returns the text as it is (escaping is the page's job; see test_dashboard)."""
    event = client.get("/events/ev099").json()["event"]
    assert event["evidence"]["text"] == HOSTILE_SENTENCE and "<script>" in event["document"]["title"]

"""Exports: GDELT 2.0 TSV, PLOVER JSONL, EVENTS JSONL, Parquet, CSV, panel CSV, GEXF/GraphML, streaming."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import shared_file
from test_store import sample_docs, sample_events

from diplograph.export import FORMATS, GDELT_COLUMNS, ExportError, export_events
from diplograph.export.gdelt import global_event_id, load_countries
from diplograph.store import Store
from diplograph.types import Entity, Event, Evidence


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        s.write_documents(sample_docs())
        s.write_events(sample_events())
        yield s


def read_gdelt(path: Path, columns: list[str]) -> dict[str, dict[str, str]]:
    """Parse a GDELT event file the way GDELT users do: tab-separated, no header, names from the codebook."""
    df = pd.read_csv(path, sep="\t", header=None, names=columns, dtype=str, keep_default_na=False,
                     quoting=csv.QUOTE_NONE)
    assert df.shape[1] == 61
    return {row["GLOBALEVENTID"]: row for row in df.to_dict("records")}


def gdelt_reference_columns() -> list[str]:
    text = shared_file("reference/gdelt_v2_columns.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("# Event table"))
    out = []
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if line:
            out.append(line)
    return out


def test_gdelt_column_list_matches_the_published_codebook():
    assert list(GDELT_COLUMNS) == gdelt_reference_columns()


def test_gdelt_values_land_in_the_right_columns(store, tmp_path):
    path = tmp_path / "events.export.CSV"
    assert export_events(store, path, fmt="gdelt") == 7
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7 and all(line.count("\t") == 60 for line in lines)
    rows = read_gdelt(path, gdelt_reference_columns())
    e1 = rows[str(global_event_id("e1"))]
    assert (e1["SQLDATE"], e1["MonthYear"], e1["Year"]) == ("20240115", "202401", "2024")
    assert (e1["Actor1Code"], e1["Actor1CountryCode"], e1["Actor1Type1Code"]) == ("KORGOV", "KOR", "GOV")
    assert (e1["Actor2Code"], e1["Actor2CountryCode"], e1["Actor2Name"]) == ("IND", "IND", "IND")
    assert (e1["EventCode"], e1["EventBaseCode"], e1["EventRootCode"]) == ("036", "036", "03")
    assert (e1["QuadClass"], e1["GoldsteinScale"], e1["AvgTone"], e1["IsRootEvent"]) == ("1", "1.0", "", "1")
    assert (e1["ActionGeo_Type"], e1["ActionGeo_CountryCode"], e1["ActionGeo_FeatureID"]) == ("4", "KS", "1835848")
    assert (e1["ActionGeo_Lat"], e1["ActionGeo_Long"]) == ("37.5665", "126.978")
    assert e1["ActionGeo_FullName"].startswith("Seoul, ")
    assert e1["SOURCEURL"] == "https://example.org/d1"
    assert re.fullmatch(r"\d{14}", e1["DATEADDED"])
    assert e1["Actor1Geo_Type"] == "" and e1["Actor2Geo_FullName"] == ""
    e2 = rows[str(global_event_id("e2"))]  # 2024-Q1: placed on its first day; reported by two documents
    assert (e2["SQLDATE"], e2["NumSources"], e2["NumArticles"], e2["NumMentions"]) == ("20240101", "2", "2", "2")
    e4 = rows[str(global_event_id("e4"))]  # a country-level location: type 1 with the FIPS code
    assert (e4["ActionGeo_Type"], e4["ActionGeo_CountryCode"], e4["ActionGeo_ADM1Code"]) == ("1", "CH", "CH")
    e5 = rows[str(global_event_id("e5"))]  # an IGO recipient, a later sentence
    assert (e5["Actor2Code"], e5["Actor2CountryCode"], e5["Actor2KnownGroupCode"], e5["Actor2Type1Code"]) == (
        "IGOUN", "", "UN", "IGO")
    assert e5["IsRootEvent"] == "0" and e5["SOURCEURL"] == "d3"
    e6 = rows[str(global_event_id("e6"))]  # undated, no recipient, no location
    assert (e6["SQLDATE"], e6["Actor2Code"], e6["ActionGeo_Type"]) == ("", "", "0")


def test_gdelt_fields_never_contain_tabs_or_newlines(tmp_path):
    with Store(":memory:") as s:
        s.write_events([Event("x", "d", "ACCUSE", "asserted", Entity("USA", None, "the\tU.S.\nnavy"),
                              Evidence("a\tb", 0, 3), recipient=Entity("CHN", None, "Beijing\r\n"))])
        out = io.StringIO()
        export_events(s, out, fmt="gdelt")
    fields = out.getvalue().rstrip("\n").split("\t")
    assert len(fields) == 61 and out.getvalue().count("\n") == 1
    assert fields[GDELT_COLUMNS.index("Actor1Name")] == "THE U.S. NAVY"


def test_global_event_id_is_stable_and_fits_63_bits():
    ids = {global_event_id(f"e{i}") for i in range(10_000)}
    assert len(ids) == 10_000 and all(0 <= i < 2**63 for i in ids)
    assert global_event_id("e1") == global_event_id("e1")


def test_shipped_country_codes_give_fips():
    countries = load_countries()
    assert countries["KOR"][0] == "KS" and countries["DEU"][0] == "GM" and countries["KOS"][0] == "KV"
    assert len(countries) > 200


def plover_field_names() -> set[str]:
    text = shared_file("reference/plover_json_fields.md").read_text(encoding="utf-8")
    return set(re.findall(r"`([a-z_]+)`", text))


def test_plover_jsonl_uses_plover_field_names(store, tmp_path):
    path = tmp_path / "events.plover.jsonl"
    assert export_events(store, path, fmt="plover-jsonl") == 7
    records = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    allowed = plover_field_names()
    for rec in records.values():
        assert {"id", "date", "actor", "event"} <= set(rec)
        assert set(rec) - {"diplograph"} <= allowed, set(rec) - allowed
        for ent in rec["actor"] + rec["recipient"]:
            assert set(ent) - {"diplograph_code"} <= allowed
        if rec["event_loc"]:
            assert set(rec["event_loc"]) <= allowed
        assert set(rec["text_info"]) <= allowed and set(rec["cite_info"]) <= allowed
    e2, e5 = records["e2"], records["e5"]
    assert (e2["date"], e2["event"], e2["quad_code"], e2["has_event"]) == ("2024-01-01", ["AGREE"], 1, True)
    assert e2["diplograph"]["date"] == "2024-Q1" and e2["link"] == "g1"
    assert e5["has_event"] is False  # considered: PLOVER codes no event
    assert e5["recipient"] == [{"code": "UNO", "sector": None, "entity_text": "Igo:Un", "diplograph_code": "IGO:UN"}]
    assert records["e1"]["event_loc"]["geonameid"] == 1835848 and records["e1"]["mode"] == ["visit"]


def test_events_jsonl_round_trips_to_the_same_events(store, tmp_path):
    path = tmp_path / "events.jsonl"
    export_events(store, path, fmt="jsonl")
    got = {d["id"]: d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    assert got == {e.id: e.to_dict() for e in sample_events()}
    assert all(Event.from_dict(d).to_dict() == d for d in got.values())


def test_parquet_round_trip_keeps_types_and_lists(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export_events(store, path, fmt="parquet", actor=["KOR", "IND"]) == 4
    table = pq.read_table(path)
    rows = {r["id"]: r for r in table.to_pylist()}
    assert set(rows) == {"e1", "e2", "e5", "e7"}
    assert rows["e2"]["domains"] == ["trade", "semiconductors"] and rows["e2"]["sources"] == ["d1", "d2"]
    assert rows["e1"]["location_lat"] == 37.5665 and rows["e1"]["doc_url"] == "https://example.org/d1"


def test_csv_round_trip(store, tmp_path):
    path = tmp_path / "events.csv"
    assert export_events(store, path, fmt="csv") == 7
    df = pd.read_csv(path, dtype={"cameo": str})
    assert len(df) == 7
    row = df.set_index("id").loc["e2"]
    assert json.loads(row["domains"]) == ["trade", "semiconductors"]
    assert (row["actor_code"], row["recipient_code"], row["date"], row["cameo"]) == ("IND", "KOR", "2024-Q1", "030")
    assert df.set_index("id").loc["e3", "evidence_text"] == "Washington said 'Beijing; lied' -- \"twice\"."


def test_panel_csv_sums_to_the_dyadic_dated_events(store, tmp_path):
    path = tmp_path / "panel.csv"
    n = export_events(store, path, fmt="panel-csv")
    df = pd.read_csv(path)
    assert len(df) == n
    assert df["n_events"].sum() == 6
    assert df.groupby("quad_class")["n_events"].sum().to_dict() == {1: 3, 2: 1, 3: 1, 4: 1}
    export_events(store, path, fmt="panel-csv", since="2024")
    assert pd.read_csv(path)["n_events"].sum() == 3


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_network_files_read_back_with_weights(store, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    assert export_events(store, path, fmt=fmt) == 3
    graph = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    assert set(graph.nodes) == {"KOR", "IND", "USA", "CHN", "IGO:UN"}
    edge = graph.edges["IND", "KOR"]
    assert (int(edge["cooperation"]), int(edge["conflict"]), float(edge["weight"])) == (3, 0, 3.0)
    assert int(graph.edges["CHN", "USA"]["conflict"]) == 2


def test_exports_to_streams_and_bad_formats(store):
    buf = io.BytesIO()
    assert export_events(store, buf, fmt="jsonl", event="CONSULT") == 1
    assert json.loads(buf.getvalue())["id"] == "e1"
    buf = io.BytesIO()
    assert export_events(store, buf, fmt="csv", event="CONSULT") == 1
    assert buf.getvalue().startswith(b'"id"')
    with pytest.raises(ExportError, match="unknown export format"):
        export_events(store, io.StringIO(), fmt="xlsx")  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="binary"):
        export_events(store, io.StringIO(), fmt="parquet")
    assert set(FORMATS) == {"gdelt", "plover-jsonl", "jsonl", "parquet", "csv", "panel-csv", "gexf", "graphml"}


def test_hostile_filters_export_nothing(store, tmp_path):
    for fmt in ("gdelt", "csv", "panel-csv", "gexf"):
        assert export_events(store, tmp_path / f"x.{fmt}", fmt=fmt, actor="' OR 1=1 --") == 0


_CHILD = textwrap.dedent("""
    import resource, sys
    from diplograph.store import Store
    from diplograph.export import export_events
    with Store(sys.argv[1], read_only=True) as store:
        list(store.iter_events(limit=1000))  # imports and the first query are not the export's cost
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        n = export_events(store, sys.argv[2], fmt="gdelt", batch_size=5000, limit=int(sys.argv[3]))
        grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    print(n, grew // 1024)  # ru_maxrss is in KiB on Linux
""")


def _synthetic(start: int, stop: int):
    codes = ("KOR", "IND", "USA", "CHN", "JPN", "IGO:UN")
    for i in range(start, stop):
        yield Event(
            id=f"ev{i:07d}", doc_id=f"d{i // 10}", event="CONSULT", status="asserted",
            actor=Entity(codes[i % 6], "GOV", "Officials"), recipient=Entity(codes[(i + 1) % 6]),
            evidence=Evidence(f"Officials of the two states met for the {i}th time on a sunny day.", 0, 60),
            date=f"20{10 + i % 15}-{i % 12 + 1:02d}-{i % 28 + 1:02d}", quad_class=i % 4 + 1, goldstein=1.5,
            domains=("trade",), cameo="036",
        )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss units differ off Linux")
def test_streaming_export_memory_does_not_grow_with_the_number_of_events(tmp_path):
    db = tmp_path / "big.duckdb"
    with Store(db) as s:
        for start in range(0, 200_000, 25_000):
            assert s.write_events(list(_synthetic(start, start + 25_000))) == 25_000

    def grow(limit: int) -> int:
        out = subprocess.run([sys.executable, "-c", _CHILD, str(db), str(tmp_path / "out.tsv"), str(limit)],
                             capture_output=True, text=True, check=True).stdout.split()
        assert int(out[0]) == limit
        return int(out[1])

    small, large = grow(20_000), grow(200_000)
    # materialising 200k events as Python rows costs ~500 MB more than 20k; streaming ~nothing
    assert large - small < 120, (small, large)
    assert large < 300, (small, large)
    with (tmp_path / "out.tsv").open(encoding="utf-8") as fh:
        assert sum(1 for _ in fh) == 200_000

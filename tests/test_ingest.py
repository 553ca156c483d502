"""Ingestion: every input format, bad inputs quarantined with file/line/reason, nothing lost; the sample."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from diplograph.config import Config, IngestConfig, load_config
from diplograph.sample import sample_path
from diplograph.stages.ingest import ingest, read_inputs
from diplograph.types import Document, Duplicate, Quarantined, RawRecord

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CFG = IngestConfig()
ARTICLE = "Japan and Australia signed a defence pact in Tokyo on Friday.\nThe two leaders also discussed trade."


def records(*paths, config: IngestConfig = CFG, stdin=None) -> list[RawRecord | Quarantined]:
    return list(read_inputs([str(p) for p in paths], config, stdin=stdin))


def only(items: list, cls: type) -> list:
    return [i for i in items if isinstance(i, cls)]


# --- formats ---------------------------------------------------------------------------------


def test_txt_file_is_one_record(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [rec] = records(path)
    assert isinstance(rec, RawRecord)
    assert rec.text == ARTICLE and rec.source == str(path) and rec.line is None


def test_html_file_gives_html(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    [rec] = records(path)
    assert rec.html.startswith("<html>") and rec.text is None


def test_jsonl_fields_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [{"id": "x1", "text": "First.", "title": "T1", "date": "2020-01-02", "url": "http://a", "lang": "en"},
            {"id": 7, "text": "Second."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    a, b = records(path)
    assert (a.doc_id, a.text, a.title, a.pubdate, a.url, a.line) == ("x1", "First.", "T1", "2020-01-02", "http://a", 1)
    assert ("lang", "en") in a.extra
    assert (b.doc_id, b.line) == ("7", 2)


def test_configurable_field_names(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"uid": "u1", "body": "Text here.", "headline": "H", "published": "2021-05-06"}), encoding="utf-8")
    config = IngestConfig(id_field="uid", text_field="body", title_field="headline", date_field="published")
    [rec] = records(path, config=config)
    assert (rec.doc_id, rec.text, rec.title, rec.pubdate) == ("u1", "Text here.", "H", "2021-05-06")


def test_html_field_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "h", "raw": "<html><body><p>Hi</p></body></html>"}), encoding="utf-8")
    [rec] = records(path, config=IngestConfig(html_field="raw"))
    assert rec.html and rec.text is None


def test_json_object_and_array(tmp_path: Path) -> None:
    one, many = tmp_path / "one.json", tmp_path / "many.json"
    one.write_text(json.dumps({"id": "o", "text": "Solo."}), encoding="utf-8")
    many.write_text(json.dumps([{"id": "a", "text": "A."}, {"id": "b", "text": "B."}]), encoding="utf-8")
    out = records(one, many)
    assert [r.doc_id for r in out] == ["o", "a", "b"]
    assert [r.line for r in out] == [None, 1, 2]


def test_csv_rows_with_multiline_field(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('id,title,text\nr1,T,"Line one.\nLine two."\nr2,U,Other.\n', encoding="utf-8")
    a, b = records(path)
    assert (a.doc_id, a.text, a.line) == ("r1", "Line one.\nLine two.", 2)
    assert (b.doc_id, b.line) == ("r2", 4)


@pytest.mark.parametrize("name", ["a.txt.gz", "a.jsonl.gz", "a.csv.gz"])
def test_gzip_of_each_format(tmp_path: Path, name: str) -> None:
    payload = {"a.txt.gz": ARTICLE, "a.jsonl.gz": json.dumps({"id": "g", "text": ARTICLE}),
               "a.csv.gz": f"id,text\ng,\"{ARTICLE}\""}[name]
    path = tmp_path / name
    path.write_bytes(gzip.compress(payload.encode("utf-8")))
    [rec] = records(path)
    assert isinstance(rec, RawRecord) and rec.text == ARTICLE


def test_corrupt_gzip_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(b"this is not gzip at all")
    [q] = records(path)
    assert isinstance(q, Quarantined) and q.reason == "unreadable" and q.source == str(path)


def test_directory_recursive_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ay.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "See."}), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("?", encoding="utf-8")
    out = records(tmp_path)
    assert [r.text for r in only(out, RawRecord)] == ["Ay.", "Zed.", "See."]
    [q] = only(out, Quarantined)
    assert q.reason == "unsupported" and q.source.endswith("notes.xyz")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (ARTICLE.encode(), "text"),
        (b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n', "jsonl"),
        (b"<!DOCTYPE html><html><body><p>Web.</p></body></html>", "html"),
    ],
)
def test_stdin_is_sniffed(payload: bytes, field: str) -> None:
    out = records("-", stdin=io.BytesIO(payload))
    assert all(isinstance(r, RawRecord) and r.source == "-" for r in out)
    if field == "jsonl":
        assert [r.doc_id for r in out] == ["s1", "s2"]
    elif field == "html":
        assert out[0].html is not None
    else:
        assert out[0].text == ARTICLE


def test_stdin_text_stream() -> None:
    [rec] = records("-", stdin=io.StringIO("Plain text from a pipe."))
    assert rec.text == "Plain text from a pipe."


def test_encodings_utf8_bom_utf16_cp1252(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeffBOM text.".encode("utf-8"))
    (tmp_path / "b.txt").write_bytes("Wide text.".encode("utf-16"))
    (tmp_path / "c.txt").write_bytes("Caf\xe9 talks \x93quoted\x94 in Paris.".encode("latin-1"))
    a, b, c = records(tmp_path)
    assert a.text == "BOM text." and b.text == "Wide text."
    assert c.text == "Café talks “quoted” in Paris."


# --- bad inputs: each quarantined with file, line and reason -----------------------------------


def test_empty_binary_undecodable(tmp_path: Path) -> None:
    (tmp_path / "1_empty.txt").write_bytes(b"  \n")
    (tmp_path / "2_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "3_nul.txt").write_bytes(b"abc\x00def")
    (tmp_path / "4_garbage.txt").write_bytes(bytes(range(128, 256)) * 8)
    out = records(tmp_path)
    assert [(Path(q.source).name, q.reason) for q in out] == [
        ("1_empty.txt", "empty"), ("2_image.txt", "binary"), ("3_nul.txt", "binary"), ("4_garbage.txt", "bad_encoding")]
    assert all(isinstance(q, Quarantined) and q.message().startswith("quarantined ") for q in out)


def test_forced_encoding_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Café".encode("utf-8"))
    [q] = records(path, config=IngestConfig(encoding="ascii"))
    assert q.reason == "bad_encoding"


def test_oversized_file_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1_100_000)  # 5.5 MB > the 5 MB default
    [q] = records(path)
    assert isinstance(q, Quarantined) and q.reason == "oversized" and "bytes" in q.detail
    ok = records(path, config=IngestConfig(max_bytes=10_000_000))
    assert isinstance(ok[0], RawRecord)


def test_oversized_jsonl_line_skipped_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 2000})
    path.write_text("\n".join([json.dumps({"id": "a", "text": "A."}), big, json.dumps({"id": "c", "text": "C."})]), encoding="utf-8")
    out = records(path, config=IngestConfig(max_bytes=1000))
    assert [(type(r).__name__, r.line) for r in out] == [("RawRecord", 1), ("Quarantined", 2), ("RawRecord", 3)]
    assert out[1].reason == "oversized"


def test_malformed_json_line_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "A."}\n{"id": "b", "text": \n[1, 2]\n{"id": "d"}\n{"id": "e", "text": "E."}\n', encoding="utf-8")
    out = records(path)
    assert [r.doc_id for r in only(out, RawRecord)] == ["a", "e"]
    assert [(q.line, q.reason) for q in only(out, Quarantined)] == [(2, "malformed_json"), (3, "malformed_json"), (4, "missing_text")]
    assert all(q.source == str(path) for q in only(out, Quarantined))


def test_malformed_json_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"id": "a", "text": ', encoding="utf-8")
    [q] = records(path)
    assert q.reason == "malformed_json"


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,Hello.\n2,World.\n", encoding="utf-8")
    out = records(path)
    assert [(q.reason, q.line, q.doc_id) for q in out] == [("missing_text", 2, "1"), ("missing_text", 3, "2")]


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Hidden text.", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not make the file unreadable")
        [q] = records(path)
        assert isinstance(q, Quarantined) and q.reason == "unreadable" and q.source == str(path)
    finally:
        path.chmod(0o644)


def test_missing_path(tmp_path: Path) -> None:
    [q] = records(tmp_path / "nope.txt")
    assert q.reason == "unreadable"


# --- the whole chain: nothing is lost -----------------------------------------------------------


def test_every_record_is_accounted_for(tmp_path: Path) -> None:
    """N input records -> documents + duplicates + quarantined == N."""
    rows = [json.dumps({"id": f"r{i}", "text": f"Article number {i} says France and Mali held talks on day {i}."}) for i in range(5)]
    rows += ["{broken", json.dumps({"id": "r0", "text": "Article number 0 says France and Mali held talks on day 0."}),
             json.dumps({"id": "copy", "text": "Article number 1 says France and Mali held talks on day 1."}),
             json.dumps({"id": "junk", "text": "[ad_1]\nSource link"}), json.dumps({"id": "notext"})]
    (tmp_path / "a.jsonl").write_text("\n".join(rows), encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE + "\n\nSource link", encoding="utf-8")  # same text after cleaning
    (tmp_path / "d.txt").write_bytes(b"")
    (tmp_path / "e.bin").write_bytes(b"\x00\x01")
    (tmp_path / "f.csv").write_text("id,text\nq1,Quebec text.\nq2,\n", encoding="utf-8")
    n_inputs = len(rows) + 3 + 1 + 2  # jsonl rows, three .txt, one .bin, two csv rows
    out = list(ingest([tmp_path], Config()))
    docs, dups, quar = only(out, Document), only(out, Duplicate), only(out, Quarantined)
    assert len(docs) + len(dups) + len(quar) == n_inputs == len(out)
    assert [d.doc_id for d in docs][:5] == ["r0", "r1", "r2", "r3", "r4"] and docs[-1].doc_id == "q1"
    b_doc = docs[5]
    assert b_doc.source.endswith("b.txt") and b_doc.doc_id.startswith("sha1:")
    # r0 again is the same document (linked to itself), "copy" repeats r1, c.txt cleans to b.txt's text
    assert sorted((d.doc_id, d.original_id, d.kind) for d in dups) == sorted(
        [("r0", "r0", "exact"), ("copy", "r1", "exact"), (b_doc.doc_id, b_doc.doc_id, "exact")])
    assert sorted((Path(q.source).name, q.line, q.reason) for q in quar) == [
        ("a.jsonl", 6, "malformed_json"), ("a.jsonl", 9, "empty"), ("a.jsonl", 10, "missing_text"),
        ("d.txt", None, "empty"), ("e.bin", None, "unsupported"), ("f.csv", 3, "missing_text")]


def test_ingest_links_to_known_documents(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [first] = list(ingest([path], Config()))
    known = [(first.doc_id, first.content_hash, first.minhash)]
    [again] = list(ingest([path], Config(), known=known))
    assert isinstance(again, Document) and again.doc_id == first.doc_id  # idempotent re-run
    other = tmp_path / "b.jsonl"
    other.write_text(json.dumps({"id": "later", "text": ARTICLE}), encoding="utf-8")
    [dup] = list(ingest([other], Config(), known=known))
    assert isinstance(dup, Duplicate) and dup.original_id == first.doc_id


def test_ingest_pubdate_override(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = list(ingest([path], load_config(clean={"pubdate": "2024-02-03"})))
    assert doc.pubdate == "2024-02-03"


# --- the bundled sample -----------------------------------------------------------------------


def test_sample_is_bundled_and_clean() -> None:
    rows = [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines()]
    assert 40 <= len(rows) <= 80
    assert {r["source"] for r in rows} == {"VOA", "Wikinews"}
    for r in rows:
        assert set(r) == {"id", "title", "text", "date", "url", "source", "licence"}
        assert r["text"].strip() and r["url"].startswith("https://")
        assert ("CC BY 2.5" in r["licence"]) == (r["source"] == "Wikinews")
    assert len({r["id"] for r in rows}) == len(rows)
    out = list(ingest([sample_path()], Config()))
    assert len(only(out, Document)) == len(rows)


def test_sample_excludes_dev_data_and_wire_copy() -> None:
    dev, voa = SHARED / "gold" / "dev_ir.jsonl", SHARED / "corpus" / "voa" / "articles.jsonl"
    if not dev.exists() or not voa.exists():
        pytest.skip(f"{SHARED} not found: the shared data folder is needed to check the sample's exclusions")
    ids = {json.loads(line)["id"] for line in sample_path().read_text(encoding="utf-8").splitlines()}
    dev_ids = {json.loads(line)["doc_id"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()}
    wire = {json.loads(line)["id"] for line in voa.read_text(encoding="utf-8").splitlines() if json.loads(line)["wire_credit"]}
    assert not ids & dev_ids and not ids & wire


def test_stdin_jsonl_is_streamed_beyond_max_bytes() -> None:
    lines = "".join(json.dumps({"id": f"n{i}", "text": f"Record {i} about talks."}) + "\n" for i in range(200))
    out = records("-", stdin=io.BytesIO(lines.encode()), config=IngestConfig(max_bytes=1000))
    assert len(lines) > 1000 and [r.doc_id for r in out] == [f"n{i}" for i in range(200)]


def test_a_record_that_breaks_cleaning_is_quarantined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import diplograph.stages.clean as clean_mod

    real = clean_mod.clean_record

    def flaky(raw, config, **kw):
        if "boom" in (raw.text or ""):
            raise ValueError("boom")
        return real(raw, config, **kw)

    monkeypatch.setattr(clean_mod, "clean_record", flaky)
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "boom"}) + "\n" + json.dumps({"id": "2", "text": "Fine."}), encoding="utf-8")
    out = list(ingest([path], Config()))
    assert [type(o).__name__ for o in out] == ["Quarantined", "Document"] and out[0].line == 1

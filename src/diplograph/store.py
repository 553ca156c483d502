"""The DuckDB store: documents, duplicates, quarantine, mentions, events and runs in one file.

Writes are batched through Arrow and idempotent: every table has a key (``documents.doc_id``,
``events.id``, ``mentions (doc_id, start, end)``, ...) and rows whose key is already stored are
skipped, so re-running the pipeline on the same input adds nothing. Reads return Arrow tables
(``.to_pandas()``, ``polars.from_arrow``) or stream record batches in constant memory.

Every user value reaches SQL as a bound parameter; no value is ever formatted into SQL text.
Unknown filter values give empty results, never errors.

Cross-document merging (``write_events(..., merge=True)``, what the pipeline does): a report
whose identity (:func:`diplograph.stages.resolve.event_key`) matches an event stored from
another document is not stored again: its document is appended to that event's ``sources``
and the report is kept in ``merged_reports`` (its id, the canonical id, its document and
evidence), so :meth:`Store.event` still finds it by its own id. The key is stored as
``events.resolve_key`` (a digest; not returned by reads).

Dates: an event's ``date`` keeps its granularity (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Qn``,
``YYYY``). For filtering, ordering and aggregation the store also keeps ``date_start`` (the
first day of that period; coarse dates are placed on their first day), ``year``, ``month`` and
``sqldate`` (GDELT's ``SQLDATE``, ``YYYYMMDD`` of ``date_start``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa

from .errors import StoreError
from .stages.resolve import MUTUAL_TYPES, EventKey, Link, event_key, key_digest, merge_reports
from .types import Document, Duplicate, Event, Mention, Quarantined

SCHEMA_VERSION = 2  # 2: events.resolve_key and the merged_reports table (cross-document merging)

Freq = Literal["day", "week", "month"]
Order = Literal["date", "id"]
FILTERS = (
    "actor", "recipient", "dyad", "event", "quad_class", "status", "since", "until",
    "domain", "source", "doc_id",
)


# ---------------------------------------------------------------------------------------------
# Column definitions: one list drives the DDL and the Arrow batch of each table.
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Col:
    name: str
    sql: str  # DuckDB type
    arrow: pa.DataType
    get: Callable[[Any], Any]
    expr: str | None = None  # derived in SQL from the other columns at insert time (not in the batch)


def _s(v: Any) -> str | None:
    return None if v is None else str(v)


def _period_start(value: str | None) -> dt.date | None:
    """First day of a ``YYYY``/``YYYY-MM``/``YYYY-Qn``/``YYYY-MM-DD`` period, None if unparseable."""
    bounds = period_bounds(value)
    return bounds[0] if bounds else None


_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{2})(?:-(\d{2}))?))?$")


@functools.lru_cache(maxsize=4096)  # pure; events share few distinct dates
def period_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a date period, or None if ``value`` is not one.

    Examples:
        >>> period_bounds("2024-Q1")
        (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
        >>> period_bounds("2023-02")[1]
        datetime.date(2023, 2, 28)
        >>> period_bounds("yesterday") is None
        True
    """
    m = _PERIOD.match(value.strip()) if isinstance(value, str) else None
    if not m:
        return None
    year, quarter, month, day = m.groups()
    try:
        if day:
            first = dt.date(int(year), int(month), int(day))
            return first, first
        if month:
            first, months = dt.date(int(year), int(month), 1), 1
        elif quarter:
            first, months = dt.date(int(year), 3 * int(quarter) - 2, 1), 3
        else:
            first, months = dt.date(int(year), 1, 1), 12
    except ValueError:
        return None
    nxt_month = first.month - 1 + months
    nxt = dt.date(first.year + nxt_month // 12, nxt_month % 12 + 1, 1) if first.year < 9999 else dt.date(9999, 12, 31)
    return first, nxt - dt.timedelta(days=1) if first.year < 9999 else nxt


def _ent(e: Event, role: str, attr: str) -> Any:
    ent = getattr(e, role)
    return None if ent is None else getattr(ent, attr)


def _loc(e: Event, attr: str) -> Any:
    return None if e.location is None else getattr(e.location, attr)


_STR, _INT, _FLT, _STRS = pa.string(), pa.int32(), pa.float64(), pa.list_(pa.string())

EVENT_COLUMNS: tuple[_Col, ...] = (
    _Col("id", "VARCHAR PRIMARY KEY", _STR, lambda e: e.id),
    _Col("doc_id", "VARCHAR NOT NULL", _STR, lambda e: e.doc_id),
    _Col("event", "VARCHAR NOT NULL", _STR, lambda e: e.event),
    _Col("status", "VARCHAR", _STR, lambda e: e.status),
    *(
        _Col(f"{role}_{attr}", "VARCHAR", _STR, lambda e, r=role, a=attr: _s(_ent(e, r, a)))
        for role in ("actor", "recipient")
        for attr in ("code", "sector", "text", "wikidata")
    ),
    _Col("mode", "VARCHAR", _STR, lambda e: e.mode),
    _Col("date", "VARCHAR", _STR, lambda e: e.date),
    _Col("date_text", "VARCHAR", _STR, lambda e: e.date_text),
    _Col("date_start", "DATE", pa.date32(), lambda e: _period_start(e.date)),
    _Col("year", "INTEGER", _INT, lambda e: None, "year(date_start)::INTEGER"),
    _Col("month", "INTEGER", _INT, lambda e: None, "month(date_start)::INTEGER"),
    _Col("sqldate", "INTEGER", _INT, lambda e: None, "strftime(date_start, '%Y%m%d')::INTEGER"),
    _Col("location_name", "VARCHAR", _STR, lambda e: _loc(e, "name")),
    _Col("location_country", "VARCHAR", _STR, lambda e: _loc(e, "country")),
    _Col("location_lat", "DOUBLE", _FLT, lambda e: _loc(e, "lat")),
    _Col("location_lon", "DOUBLE", _FLT, lambda e: _loc(e, "lon")),
    _Col("location_geonames_id", "BIGINT", pa.int64(), lambda e: _loc(e, "geonames_id")),
    _Col("domains", "VARCHAR[]", _STRS, lambda e: list(e.domains)),
    _Col("evidence_text", "VARCHAR", _STR, lambda e: e.evidence.text),
    _Col("evidence_start", "INTEGER", _INT, lambda e: e.evidence.start),
    _Col("evidence_end", "INTEGER", _INT, lambda e: e.evidence.end),
    _Col("group", "VARCHAR", _STR, lambda e: e.group),
    _Col("plover_event", "VARCHAR", _STR, lambda e: e.plover_event),
    _Col("quad_class", "INTEGER", _INT, lambda e: e.quad_class),
    _Col("cameo", "VARCHAR", _STR, lambda e: e.cameo),
    _Col("goldstein", "DOUBLE", _FLT, lambda e: e.goldstein),
    _Col("sources", "VARCHAR[]", _STRS, lambda e: list(e.sources) or [e.doc_id]),
    _Col("sent", "INTEGER", _INT, lambda e: e.sent),
    _Col("resolve_key", "VARCHAR", _STR, lambda e: key_digest(event_key(e))),
)

# a report merged into an event of another document: its own id leads to the canonical event
MERGED_COLUMNS: tuple[_Col, ...] = (
    _Col("id", "VARCHAR PRIMARY KEY", _STR, lambda m: m.report.id),
    _Col("canonical_id", "VARCHAR NOT NULL", _STR, lambda m: m.canonical_id),
    _Col("doc_id", "VARCHAR NOT NULL", _STR, lambda m: m.doc_id),
    _Col("evidence_text", "VARCHAR", _STR, lambda m: m.report.evidence.text),
    _Col("evidence_start", "INTEGER", _INT, lambda m: m.report.evidence.start),
    _Col("evidence_end", "INTEGER", _INT, lambda m: m.report.evidence.end),
)

DOCUMENT_COLUMNS: tuple[_Col, ...] = (
    _Col("doc_id", "VARCHAR PRIMARY KEY", _STR, lambda d: d.doc_id),
    _Col("text", "VARCHAR", _STR, lambda d: d.text),
    _Col("pubdate", "VARCHAR", _STR, lambda d: d.pubdate),
    _Col("title", "VARCHAR", _STR, lambda d: d.title),
    _Col("url", "VARCHAR", _STR, lambda d: d.url),
    _Col("source", "VARCHAR", _STR, lambda d: d.source),
    _Col("content_hash", "VARCHAR", _STR, lambda d: d.content_hash),
    _Col("removed", "VARCHAR[]", _STRS, lambda d: list(d.removed)),
    _Col("minhash", "UBIGINT[]", pa.list_(pa.uint64()), lambda d: list(d.minhash)),
)

DUPLICATE_COLUMNS: tuple[_Col, ...] = (
    _Col("doc_id", "VARCHAR PRIMARY KEY", _STR, lambda d: d.doc_id),
    _Col("original_id", "VARCHAR", _STR, lambda d: d.original_id),
    _Col("kind", "VARCHAR", _STR, lambda d: d.kind),
    _Col("similarity", "DOUBLE", _FLT, lambda d: d.similarity),
    _Col("source", "VARCHAR", _STR, lambda d: d.source),
)

# quarantine: the key is (source, line, reason); line is NULL for whole files, so the key is
# enforced by the insert (IS NOT DISTINCT FROM) rather than by a PRIMARY KEY constraint.
QUARANTINE_COLUMNS: tuple[_Col, ...] = (
    _Col("source", "VARCHAR NOT NULL", _STR, lambda q: q.source),
    _Col("line", "INTEGER", _INT, lambda q: q.line),
    _Col("reason", "VARCHAR NOT NULL", _STR, lambda q: q.reason),
    _Col("detail", "VARCHAR", _STR, lambda q: q.detail),
    _Col("doc_id", "VARCHAR", _STR, lambda q: q.doc_id),
)

MENTION_COLUMNS: tuple[_Col, ...] = (
    _Col("doc_id", "VARCHAR NOT NULL", _STR, lambda m: m.doc_id),
    _Col("sent", "INTEGER", _INT, lambda m: m.sent),
    _Col("start", "INTEGER NOT NULL", _INT, lambda m: m.start),
    _Col("end", "INTEGER NOT NULL", _INT, lambda m: m.end),
    _Col("text", "VARCHAR", _STR, lambda m: m.text),
    _Col("code", "VARCHAR", _STR, lambda m: m.code),
    _Col("sector", "VARCHAR", _STR, lambda m: m.sector),
    _Col("kind", "VARCHAR", _STR, lambda m: m.kind),
    _Col("rule", "VARCHAR", _STR, lambda m: m.rule),
    _Col("by_context", "BOOLEAN", pa.bool_(), lambda m: m.by_context),
    _Col("tok_start", "INTEGER", _INT, lambda m: m.tok_start),
    _Col("tok_end", "INTEGER", _INT, lambda m: m.tok_end),
    _Col("office", "VARCHAR", _STR, lambda m: m.office),
)

_TABLES: dict[str, tuple[tuple[_Col, ...], str]] = {
    # table: (columns, extra DDL)
    "documents": (DOCUMENT_COLUMNS, ""),
    "duplicates": (DUPLICATE_COLUMNS, ""),
    "quarantine": (QUARANTINE_COLUMNS, ""),
    "mentions": (MENTION_COLUMNS, ', PRIMARY KEY (doc_id, "start", "end")'),
    "events": (EVENT_COLUMNS, ""),
    "merged_reports": (MERGED_COLUMNS, ""),
}
_KEYS = {
    "documents": ("doc_id",), "duplicates": ("doc_id",), "quarantine": ("source", "line", "reason"),
    "mentions": ("doc_id", "start", "end"), "events": ("id",), "merged_reports": ("id",),
}

# events.resolve_key in SQL, for rows stored before schema 2; must equal
# key_digest(event_key(event)) (tests/test_resolve.py checks both on the same events).
_KEY_FIELD = "coalesce({}, chr(0))"
_DAY_SQL = ("(regexp_full_match(coalesce(date, ''), '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND date >= '0001' "
            "AND try_strptime(date, '%Y-%m-%d') IS NOT NULL)")
_MUTUAL_SQL = "(event IN ({}))".format(", ".join(f"'{t}'" for t in sorted(MUTUAL_TYPES)))
_RESOLVE_KEY_SQL = (
    "CASE WHEN coalesce(event, '') = '' OR coalesce(actor_code, '') = '' THEN NULL "
    f"WHEN {_DAY_SQL} AND recipient_code IS NOT NULL AND recipient_code <> actor_code "
    f"THEN sha256(concat_ws(chr(31), 'day', event, {_KEY_FIELD.format('status')}, "
    f"CASE WHEN {_MUTUAL_SQL} THEN least(actor_code, recipient_code) ELSE actor_code END, "
    f"CASE WHEN {_MUTUAL_SQL} THEN greatest(actor_code, recipient_code) ELSE recipient_code END, date)) "
    "ELSE sha256(concat_ws(chr(31), 'coarse', event, "
    + ", ".join(_KEY_FIELD.format(c) for c in (
        "status", "actor_code", "actor_sector", "recipient_code", "recipient_sector", "mode", "date",
        "location_name", "location_country"))
    + ", coalesce(array_to_string(list_sort(list_distinct(domains)), chr(30)), ''))) END"
)

_RUNS_DDL = """CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, version VARCHAR, config JSON, inputs VARCHAR[],
    started_at TIMESTAMP, finished_at TIMESTAMP, counts JSON)"""


def _q(name: str) -> str:
    """Quote an identifier taken from the column definitions above (never from user input)."""
    return '"' + name + '"'


def _ddl(table: str) -> str:
    cols, extra = _TABLES[table]
    body = ", ".join(f"{_q(c.name)} {c.sql}" for c in cols)
    return f"CREATE TABLE IF NOT EXISTS {table} ({body}, added_at TIMESTAMP{extra})"


def _to_arrow(cols: Sequence[_Col], records: Sequence[Any]) -> pa.Table:
    data = {c.name: pa.array([c.get(r) for r in records], type=c.arrow) for c in cols if c.expr is None}
    return pa.table(data)


def _as_strs(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, bytes)):
        return [value.decode() if isinstance(value, bytes) else value]
    return [str(v) for v in value]


def _as_ints(value: Any) -> list[int]:
    out = []
    for v in [value] if isinstance(value, (str, int)) else list(value):
        try:
            out.append(int(v))
        except (TypeError, ValueError):
            continue
    return out


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# ---------------------------------------------------------------------------------------------
# Filters -> parameterised WHERE clause
# ---------------------------------------------------------------------------------------------
def _list_cond(column: str, values: list[str], params: list[Any]) -> str:
    params.append(values)
    return f"list_contains(?::VARCHAR[], {column})"


def _date_conds(since: Any, until: Any, params: list[Any]) -> list[str]:
    conds = []
    for value, bound, op in ((since, 0, ">="), (until, 1, "<=")):
        if value is None:
            continue
        bounds = period_bounds(str(value))
        if bounds is None:
            conds.append("FALSE")  # unparseable date: empty result, not an error
            continue
        params.append(bounds[bound])
        conds.append(f"e.date_start {op} ?")
    return conds


def _source_cond(values: list[str], params: list[Any]) -> str:
    # a source is a doc_id in the event's `sources`, or the input path (prefix) of its document
    params.extend([values, values])
    return (
        "(list_has_any(e.sources, ?::VARCHAR[]) OR EXISTS (SELECT 1 FROM documents d2, "
        "(SELECT unnest(?::VARCHAR[]) AS prefix) p WHERE d2.doc_id = e.doc_id "
        "AND p.prefix <> '' AND starts_with(d2.source, p.prefix)))"
    )


def build_where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """Translate event filters into a WHERE clause over ``events e`` and its bound parameters.

    Raises:
        StoreError: for a filter name that does not exist (a programming error, not a value).
    """
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise StoreError(f"unknown event filter(s) {sorted(unknown)}; known: {', '.join(FILTERS)}")
    params: list[Any] = []
    conds: list[str] = []
    for name, column in (("actor", "e.actor_code"), ("recipient", "e.recipient_code"), ("event", "e.event"),
                         ("status", "e.status"), ("doc_id", "e.doc_id")):
        if filters.get(name) is not None:
            conds.append(_list_cond(column, _as_strs(filters[name]), params))
    if filters.get("quad_class") is not None:
        params.append(_as_ints(filters["quad_class"]))
        conds.append("list_contains(?::INTEGER[], e.quad_class)")
    if filters.get("dyad") is not None:
        pair = _as_strs(filters["dyad"])
        if len(pair) != 2:
            raise StoreError(f"dyad must be two actor codes, got {pair!r}")
        params.extend([pair[0], pair[1], pair[1], pair[0]])
        conds.append("((e.actor_code = ? AND e.recipient_code = ?) OR (e.actor_code = ? AND e.recipient_code = ?))")
    if filters.get("domain") is not None:
        params.append(_as_strs(filters["domain"]))
        conds.append("list_has_any(e.domains, ?::VARCHAR[])")
    if filters.get("source") is not None:
        conds.append(_source_cond(_as_strs(filters["source"]), params))
    conds.extend(_date_conds(filters.get("since"), filters.get("until"), params))
    return (" AND ".join(conds) if conds else "TRUE"), params


# ---------------------------------------------------------------------------------------------
# Rows -> EVENTS.md JSON
# ---------------------------------------------------------------------------------------------
def _entity_dict(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    if row.get(f"{role}_code") is None:
        return None
    out = {"code": row[f"{role}_code"], "sector": row.get(f"{role}_sector"), "text": row.get(f"{role}_text") or ""}
    if row.get(f"{role}_wikidata"):
        out["wikidata"] = row[f"{role}_wikidata"]
    return out


def row_to_event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """An ``events`` row (as from ``Store.events().to_pylist()``) as the EVENTS.md JSON object."""
    location = None
    if row.get("location_name") is not None:
        location = {k: row.get(f"location_{k}") for k in ("name", "country", "lat", "lon", "geonames_id")}
    return {
        "id": row["id"],
        "doc_id": row["doc_id"],
        "event": row["event"],
        "status": row["status"],
        "actor": _entity_dict(row, "actor"),
        "recipient": _entity_dict(row, "recipient"),
        "mode": row.get("mode"),
        "date": row.get("date"),
        "date_text": row.get("date_text"),
        "location": location,
        "domains": list(row.get("domains") or []),
        "evidence": {"text": row.get("evidence_text") or "", "start": row.get("evidence_start"),
                     "end": row.get("evidence_end")},
        "group": row.get("group"),
        "plover_event": row.get("plover_event"),
        "quad_class": row.get("quad_class"),
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "sources": list(row.get("sources") or [row["doc_id"]]),
    }


def _open_error(path: str, err: Exception) -> StoreError:
    msg = str(err)
    if "lock" in msg.lower():
        return StoreError(f"database {path} is locked by another process; close it, or open it read-only "
                          f"from a process that does not hold a write lock ({msg.splitlines()[0]})")
    if "not a valid DuckDB database" in msg or "Wrong" in msg or "database file" in msg.lower():
        return StoreError(f"{path} is not a DuckDB database file (or was written by an incompatible DuckDB "
                          f"version); pass another --db path ({msg.splitlines()[0]})")
    if "does not exist" in msg:
        return StoreError(f"database {path} does not exist; create it with `diplograph code --db {path} ...`")
    return StoreError(f"cannot open database {path}: {msg.splitlines()[0] if msg else err!r}")


def _insert(cur: duckdb.DuckDBPyConnection, table: str, records: Sequence[Any]) -> int:
    """Insert records whose key is not stored yet (one per key); returns how many were added."""
    if not records:
        return 0
    cols, _ = _TABLES[table]
    names = ", ".join(_q(c.name) for c in cols)
    values = ", ".join(c.expr or _q(c.name) for c in cols)
    key = " AND ".join(f"t.{_q(k)} IS NOT DISTINCT FROM b.{_q(k)}" for k in _KEYS[table])
    keys = ", ".join(_q(k) for k in _KEYS[table])
    # one row per key within the batch, and none whose key is already stored
    sql = (f"INSERT INTO {table} ({names}, added_at) SELECT {values}, ? FROM "
           f"(SELECT DISTINCT ON ({keys}) * FROM __batch) b "
           f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {key})")
    cur.register("__batch", _to_arrow(cols, records))
    try:
        row = cur.execute(sql, [_utcnow()]).fetchone()
    finally:
        cur.unregister("__batch")
    return int(row[0]) if row else 0


def _stored_canonicals(cur: duckdb.DuckDBPyConnection, events: Sequence[Event]) -> dict[EventKey, Event]:
    """The stored canonical event (first added, then lowest id) of each key among ``events``.

    One join of the batch's key digests with ``events.resolve_key``. The returned Event is the
    incoming event of that key with the stored id, doc_id and sources: it has the same key by
    construction, and merging reads nothing else from it.
    """
    by_digest: dict[str, tuple[EventKey, Event]] = {}
    for ev in events:
        key = event_key(ev)
        if key is not None:
            by_digest.setdefault(key_digest(key) or "", (key, ev))
    if not by_digest:
        return {}
    cur.register("__keys", pa.table({"k": pa.array(list(by_digest), type=_STR)}))
    try:
        rows = _table(cur.sql(
            "SELECT DISTINCT ON (e.resolve_key) e.resolve_key AS k, e.id, e.doc_id, e.sources "
            "FROM events e SEMI JOIN __keys ON e.resolve_key = __keys.k "
            "ORDER BY e.resolve_key, e.added_at, e.id")).to_pylist()
    finally:
        cur.unregister("__keys")
    out: dict[EventKey, Event] = {}
    for row in rows:
        key, ev = by_digest[row["k"]]
        out[key] = replace(ev, id=row["id"], doc_id=row["doc_id"], sources=tuple(row["sources"] or (row["doc_id"],)))
    return out


def _append_sources(cur: duckdb.DuckDBPyConnection, links: Sequence[Link]) -> None:
    """Append each link's document to its canonical event's ``sources``, in order, at most once."""
    if not links:
        return
    cur.register("__links", pa.table({
        "canonical_id": pa.array([link.canonical_id for link in links], type=_STR),
        "doc_id": pa.array([link.doc_id for link in links], type=_STR),
        "pos": pa.array(range(len(links)), type=pa.int64()),
    }))
    try:
        cur.execute(
            "UPDATE events SET sources = list_concat(events.sources, u.docs) FROM ("
            "SELECT l.canonical_id, list(l.doc_id ORDER BY l.pos) AS docs FROM "
            "(SELECT canonical_id, doc_id, min(pos) AS pos FROM __links GROUP BY ALL) l "
            "JOIN events e ON e.id = l.canonical_id WHERE NOT list_contains(e.sources, l.doc_id) "
            "GROUP BY l.canonical_id) u WHERE events.id = u.canonical_id")
    finally:
        cur.unregister("__links")


def _reader(rel: Any, batch_size: int) -> pa.RecordBatchReader:
    fn = getattr(rel, "to_arrow_reader", None) or rel.fetch_record_batch  # duckdb 2.x / 1.x
    return fn(batch_size)


def _table(rel: Any) -> pa.Table:
    fn = getattr(rel, "to_arrow_table", None) or rel.arrow
    return fn()


_EVENT_SELECT = (
    "SELECT e.* EXCLUDE (resolve_key), d.title AS doc_title, d.url AS doc_url, d.pubdate AS doc_pubdate "
    "FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id"
)


# DuckDB caches table data and indexes up to 80% of RAM by default, so a long run's process grows
# with the database; a fixed budget keeps it flat (larger work spills to DuckDB's temporary files).
MEMORY_LIMIT = "512MB"

class Store:
    """A diplograph database: one DuckDB file (or ``":memory:"``).

    Args:
        path (str | Path): the DuckDB file; created (with the schema) if absent, unless read-only.
            Defaults to ``diplograph.duckdb`` in the working directory.
        read_only (bool): open without write access (several readers may share a file).

    Raises:
        StoreError: if the file is not a DuckDB database, is locked by a writer, does not exist
            (read-only), or holds a newer schema than this version of diplograph knows.

    Examples:
        >>> with Store(":memory:") as store:
        ...     store.stats()["events"]
        0
    """

    def __init__(self, path: str | Path = "diplograph.duckdb", *, read_only: bool = False,
                 memory_limit: str = MEMORY_LIMIT) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        if read_only and not memory and not Path(self.path).exists():
            raise StoreError(f"database {self.path} does not exist; create it with `diplograph code --db {self.path} ...`")
        try:
            self._con = duckdb.connect(self.path, read_only=read_only and not memory,
                                       config={"memory_limit": memory_limit})
        except (duckdb.Error, OSError) as err:
            raise _open_error(self.path, err) from err
        self.read_only = read_only
        try:
            self._init_schema()
        except BaseException:
            self._con.close()
            raise

    # -- lifecycle ----------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}, read_only={self.read_only})"

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection to the same database: each call is thread-safe on its own."""
        return self._con.cursor()

    def _init_schema(self) -> None:
        try:
            tables = {r[0] for r in self._con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        except duckdb.Error as err:
            raise _open_error(self.path, err) from err
        if "meta" in tables:
            row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = int(row[0]) if row else 0
            if found > SCHEMA_VERSION:
                raise StoreError(f"{self.path} has schema version {found}, newer than this diplograph "
                                 f"(schema {SCHEMA_VERSION}); upgrade diplograph")
            if found == SCHEMA_VERSION:
                return
        elif tables and not tables & set(_TABLES):
            raise StoreError(f"{self.path} is a DuckDB database but not a diplograph one "
                             f"(tables: {', '.join(sorted(tables)[:5])}); pass another --db path")
        if self.read_only:
            raise StoreError(f"{self.path} has no diplograph schema (version {SCHEMA_VERSION}); "
                             "open it once without read_only to create or migrate it")
        self._migrate()

    def _migrate(self) -> None:
        """Create the schema, or bring an older one up to date (each version's ALTERs, in order).

        Version 2 adds ``events.resolve_key`` (filled in SQL for the rows already stored, so old
        events take part in merging) and the ``merged_reports`` table.
        """
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            for table in _TABLES:
                con.execute(_ddl(table))
            con.execute(_RUNS_DDL)
            columns = {r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'").fetchall()}
            if "resolve_key" not in columns:  # schema 1 -> 2
                con.execute("ALTER TABLE events ADD COLUMN resolve_key VARCHAR")
                con.execute(f"UPDATE events SET resolve_key = {_RESOLVE_KEY_SQL}")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    # -- writes -------------------------------------------------------------------------------
    def _check_writable(self, table: str) -> None:
        if self.read_only:
            raise StoreError(f"database {self.path} is open read-only; cannot write {table}")

    def _write(self, table: str, records: Sequence[Any]) -> int:
        if not records:
            return 0
        self._check_writable(table)
        cur = self._cursor()
        try:
            return _insert(cur, table, records)
        except duckdb.Error as err:
            raise StoreError(f"cannot write {len(records)} rows to {table} in {self.path}: {err}") from err
        finally:
            cur.close()

    def write_documents(self, docs: Sequence[Document]) -> int:
        """Store cleaned documents; returns how many were new (known doc_ids are skipped)."""
        return self._write("documents", docs)

    def write_duplicates(self, dups: Sequence[Duplicate]) -> int:
        """Store duplicate records; returns how many were new."""
        return self._write("duplicates", dups)

    def write_quarantine(self, items: Sequence[Quarantined]) -> int:
        """Store quarantined inputs (key: source, line, reason); returns how many were new."""
        return self._write("quarantine", items)

    def write_mentions(self, mentions: Sequence[Mention]) -> int:
        """Store actor mentions (key: doc_id, start, end); returns how many were new."""
        return self._write("mentions", mentions)

    def write_events(self, events: Sequence[Event], *, merge: bool = False) -> int:
        """Store events, flattened into columns (key: id); returns how many were new.

        Args:
            events (Sequence[Event]): coded events, in the order their documents arrived.
            merge (bool): merge reports of one event across documents (the pipeline does):
                an event whose identity (:func:`~diplograph.stages.resolve.event_key`) matches
                an event stored from, or earlier in ``events`` from, another document adds its
                document to that event's ``sources`` instead of a row. Re-writing adds nothing.
                Defaults to False (every event is its own row, as given).

        Returns:
            How many event rows were added (merged reports are not rows).
        """
        if not merge:
            return self._write("events", events)
        if not events:
            return 0
        self._check_writable("events")
        cur = self._cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            new, links = merge_reports(events, _stored_canonicals(cur, events))
            added = _insert(cur, "events", new)
            _append_sources(cur, links)
            _insert(cur, "merged_reports", links)
            cur.execute("COMMIT")
        except duckdb.Error as err:
            cur.execute("ROLLBACK")
            raise StoreError(f"cannot merge {len(events)} events into {self.path}: {err}") from err
        finally:
            cur.close()
        return added

    def known_documents(self) -> Iterator[tuple[str, str, list[int]]]:
        """Stream ``(doc_id, content_hash, minhash)`` of every stored document (for dedup)."""
        cur = self._cursor()
        try:
            rel = cur.sql("SELECT doc_id, content_hash, minhash FROM documents ORDER BY doc_id")
            for batch in _reader(rel, 10_000):
                for row in batch.to_pylist():
                    yield row["doc_id"], row["content_hash"] or "", list(row["minhash"] or [])
        finally:
            cur.close()

    def start_run(self, *, config: dict[str, Any], inputs: Sequence[str]) -> str:
        """Record the start of a pipeline run; returns its id."""
        from . import __version__

        run_id = uuid.uuid4().hex
        cur = self._cursor()
        try:
            cur.execute("INSERT INTO runs (run_id, version, config, inputs, started_at) VALUES (?, ?, ?, ?, ?)",
                        [run_id, __version__, json.dumps(config, default=str), list(inputs), _utcnow()])
        finally:
            cur.close()
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, int]) -> None:
        """Record the end of a run and its counts (documents, events, quarantined, ...)."""
        cur = self._cursor()
        try:
            cur.execute("UPDATE runs SET finished_at = ?, counts = ? WHERE run_id = ?",
                        [_utcnow(), json.dumps(counts), run_id])
        finally:
            cur.close()

    # -- reads --------------------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        cur = self._cursor()
        try:
            return _table(cur.sql(sql, params=list(params)))
        except duckdb.Error as err:
            raise StoreError(f"query failed on {self.path}: {err}") from err
        finally:
            cur.close()

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self._cursor()
        try:
            row = cur.execute(sql, list(params)).fetchone()
        finally:
            cur.close()
        return row[0] if row else None

    def _events_sql(self, filters: dict[str, Any], *, limit: int | None, after_id: str | None,
                    order: str) -> tuple[str, list[Any]]:
        where, params = build_where(filters)
        if order not in ("date", "id"):
            raise StoreError(f"order must be 'date' or 'id', got {order!r}")
        # the sort key as text: (first day, id) for "date" (undated last), id alone for "id"
        key = "coalesce(e.date_start, DATE '9999-12-31')::VARCHAR" if order == "date" else "''"
        if after_id is not None:
            cursor = self._scalar(f"SELECT [{key}, e.id] FROM events e WHERE e.id = ?", [str(after_id)])
            if cursor is None:
                where += " AND FALSE"  # unknown cursor: empty page
            else:
                where += f" AND ({key} > ? OR ({key} = ? AND e.id > ?))"
                params.extend([cursor[0], cursor[0], cursor[1]])
        order_by = "e.date_start NULLS LAST, e.id" if order == "date" else "e.id"
        sql = f"{_EVENT_SELECT} WHERE {where} ORDER BY {order_by}"
        if limit is not None:
            if int(limit) < 0:
                raise StoreError(f"limit must be >= 0, got {limit}")
            sql += " LIMIT ?"
            params.append(int(limit))
        return sql, params

    def events(self, *, limit: int | None = None, after_id: str | None = None, order: Order = "date",
               **filters: Any) -> pa.Table:
        """Events matching every given filter, as an Arrow table (one row per event).

        Args:
            actor, recipient, event, status, domain, source, doc_id (str | list[str]): match any of
                the values. ``source`` matches a doc_id in the event's ``sources`` or the start of
                its document's input path.
            dyad (tuple[str, str]): events between the two codes, in either direction.
            quad_class (int | list[int]): 1-4.
            since, until (str): ``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-MM-DD``, compared with
                the first day of the event's date; ``until`` includes its whole period
                (``until="2023"`` keeps events up to 2023-12-31). Undated events are left out.
            limit (int): at most this many rows.
            after_id (str): cursor: only rows after this event id in the chosen order.
            order ("date" | "id"): by (date, id), undated last; or by id.

        Returns:
            pyarrow.Table with the ``events`` columns plus ``doc_title``, ``doc_url``, ``doc_pubdate``.

        Examples:
            >>> Store(":memory:").events(actor="KOR", since="2024-Q1").num_rows
            0
        """
        sql, params = self._events_sql(filters, limit=limit, after_id=after_id, order=order)
        return self._query(sql, params)

    def iter_events(self, *, batch_size: int = 10_000, order: Order = "date", **filters: Any) -> Iterator[pa.RecordBatch]:
        """Stream matching events as Arrow record batches (constant memory); same filters as :meth:`events`."""
        sql, params = self._events_sql(filters, limit=filters.pop("limit", None),
                                       after_id=filters.pop("after_id", None), order=order)
        cur = self._cursor()
        try:
            for batch in _reader(cur.sql(sql, params=params), batch_size):
                if batch.num_rows:
                    yield batch
        finally:
            cur.close()

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event as EVENTS.md JSON, plus ``"document"``: its doc_id, title, url, pubdate and text.

        The id of a report merged into an event of another document gives that event, plus
        ``"merged_report"``: the report's own ``id``, ``doc_id`` and ``evidence``.
        """
        rows = self._query(f"{_EVENT_SELECT} WHERE e.id = ?", [str(event_id)]).to_pylist()
        if not rows:
            return self._merged_report(str(event_id))
        out = row_to_event_dict(rows[0])
        doc = self.document(rows[0]["doc_id"])
        out["document"] = {k: (doc or {}).get(k) for k in ("doc_id", "title", "url", "pubdate", "text")}
        out["document"]["doc_id"] = rows[0]["doc_id"]
        return out

    def _merged_report(self, report_id: str) -> dict[str, Any] | None:
        rows = self._query("SELECT * FROM merged_reports WHERE id = ?", [report_id]).to_pylist()
        if not rows:
            return None
        row = rows[0]
        out = self.event(row["canonical_id"]) if row["canonical_id"] != report_id else None
        if out is not None:
            out["merged_report"] = {"id": row["id"], "doc_id": row["doc_id"], "evidence": {
                "text": row["evidence_text"] or "", "start": row["evidence_start"], "end": row["evidence_end"]}}
        return out

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One stored document as a dict (doc_id, text, pubdate, title, url, source, content_hash, removed)."""
        rows = self._query("SELECT * EXCLUDE (minhash) FROM documents WHERE doc_id = ?", [str(doc_id)]).to_pylist()
        if not rows:
            return None
        doc = rows[0]
        doc["added_at"] = doc["added_at"].isoformat() if doc.get("added_at") else None
        # events this document reports: its own and those it was merged into
        doc["n_events"] = self._scalar("SELECT count(*) FROM events WHERE doc_id = $1 OR list_contains(sources, $1)",
                                       [str(doc_id)])
        return doc

    def _filtered(self, filters: dict[str, Any]) -> tuple[str, list[Any]]:
        where, params = build_where(filters)
        return f"WITH f AS (SELECT e.* FROM events e WHERE {where}) ", params

    def actors(self, **filters: Any) -> pa.Table:
        """Every actor/recipient code: n_events (as either), n_as_actor, n_as_recipient, first/last date."""
        cte, params = self._filtered(filters)
        sql = cte + (
            ", roles AS (SELECT id, actor_code AS code, date_start, 1 AS a, 0 AS r FROM f "
            "UNION ALL SELECT id, recipient_code, date_start, 0, 1 FROM f WHERE recipient_code IS NOT NULL) "
            "SELECT code, count(DISTINCT id) AS n_events, sum(a)::BIGINT AS n_as_actor, sum(r)::BIGINT AS n_as_recipient, "
            "min(date_start) AS first_date, max(date_start) AS last_date FROM roles "
            "GROUP BY code ORDER BY n_events DESC, code"
        )
        return self._query(sql, params)

    def stats(self) -> dict[str, Any]:
        """Counts of everything stored, events by type/status/quad class, runs, schema version, path."""
        out: dict[str, Any] = {"db": self.path, "schema_version": SCHEMA_VERSION}
        for table in ("documents", "duplicates", "quarantine", "mentions", "events", "merged_reports", "runs"):
            out["quarantined" if table == "quarantine" else table] = self._scalar(f"SELECT count(*) FROM {table}")
        for name, column in (("events_by_type", "event"), ("events_by_status", "status"),
                             ("events_by_quad_class", "quad_class")):
            rows = self._query(f"SELECT {column} AS k, count(*) AS n FROM events GROUP BY k ORDER BY n DESC, k").to_pylist()
            out[name] = {str(r["k"]): r["n"] for r in rows}
        out["date_range"] = list(self._query("SELECT min(date_start)::VARCHAR AS a, max(date_start)::VARCHAR AS b FROM events").to_pylist()[0].values())
        last = self._query("SELECT run_id, version, started_at::VARCHAR AS started_at, finished_at::VARCHAR AS finished_at, "
                           "counts FROM runs ORDER BY started_at DESC LIMIT 1").to_pylist()
        if last:
            last[0]["counts"] = json.loads(last[0]["counts"]) if last[0]["counts"] else None
        out["last_run"] = last[0] if last else None
        return out

    # -- aggregations -------------------------------------------------------------------------
    def dyad_timeline(self, a: str, b: str, *, freq: Freq = "month", **filters: Any) -> pa.Table:
        """Events between ``a`` and ``b`` (either direction) per day/week/month.

        Returns columns ``period`` (first day; weeks start on Monday), ``n_events``,
        ``mean_goldstein``, ``n_quad1``..``n_quad4``. Coarse dates count on their first day.
        """
        if freq not in ("day", "week", "month"):
            raise StoreError(f"freq must be day, week or month, got {freq!r}")
        cte, params = self._filtered({**filters, "dyad": (a, b)})
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS n_quad{q}" for q in range(1, 5))
        sql = cte + (
            f"SELECT date_trunc('{freq}', date_start)::DATE AS period, count(*) AS n_events, "
            f"avg(goldstein) AS mean_goldstein, {quads} FROM f WHERE date_start IS NOT NULL "
            "GROUP BY period ORDER BY period"
        )
        return self._query(sql, params)

    def top_dyads(self, *, n: int = 10, **filters: Any) -> pa.Table:
        """The ``n`` most frequent directed (actor_code, recipient_code) pairs with n_events; the
        recipient is null for events without one."""
        cte, params = self._filtered(filters)
        sql = cte + (
            " SELECT actor_code, recipient_code, count(*) AS n_events FROM f GROUP BY ALL "
            "ORDER BY n_events DESC, actor_code, recipient_code NULLS FIRST LIMIT ?"
        )
        return self._query(sql, [*params, int(n)])

    def country_month_panel(self, **filters: Any) -> pa.Table:
        """Directed dyad x quad class x month counts: ``month`` (YYYY-MM), actor_code, recipient_code,
        quad_class, n_events. Events without a recipient or a date are left out."""
        cte, params = self._filtered(filters)
        sql = cte + (
            "SELECT strftime(date_start, '%Y-%m') AS month, actor_code, recipient_code, quad_class, "
            "count(*) AS n_events FROM f WHERE recipient_code IS NOT NULL AND date_start IS NOT NULL "
            "GROUP BY ALL ORDER BY month, actor_code, recipient_code, quad_class"
        )
        return self._query(sql, params)

    def top_partners(self, code: str, *, n: int = 10, **filters: Any) -> pa.Table:
        """The ``n`` codes with most events with ``code`` (either direction), with counts and mean Goldstein."""
        cte, params = self._filtered(filters)
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS n_quad{q}" for q in range(1, 5))
        sql = cte + (
            "SELECT CASE WHEN actor_code = $code THEN recipient_code ELSE actor_code END AS partner, "
            "count(*) AS n_events, count(*) FILTER (WHERE actor_code = $code) AS n_as_actor, "
            "count(*) FILTER (WHERE recipient_code = $code) AS n_as_recipient, "
            f"avg(goldstein) AS mean_goldstein, {quads} FROM f "
            "WHERE (actor_code = $code OR recipient_code = $code) AND recipient_code IS NOT NULL "
            "AND actor_code <> recipient_code GROUP BY partner ORDER BY n_events DESC, partner LIMIT $n"
        )
        return self._query(*_named(sql, params, code=str(code), n=max(int(n), 0)))

    def domain_matrix(self, **filters: Any) -> pa.Table:
        """Events per unordered dyad (``"A-B"``, codes sorted) and domain: dyad, domain, n_events."""
        cte, params = self._filtered(filters)
        sql = cte + (
            "SELECT dyad, domain, count(*) AS n_events FROM (SELECT "
            "least(actor_code, recipient_code) || '-' || greatest(actor_code, recipient_code) AS dyad, "
            "unnest(domains) AS domain FROM f WHERE recipient_code IS NOT NULL) "
            "GROUP BY dyad, domain ORDER BY n_events DESC, dyad, domain"
        )
        return self._query(sql, params)

    def network(self, **filters: Any) -> dict[str, list[dict[str, Any]]]:
        """The undirected actor network: nodes with n_events, edges with cooperation (quad 1-2),
        conflict (quad 3-4), n_events and mean Goldstein."""
        cte, params = self._filtered(filters)
        nodes = self._query(cte + (
            "SELECT code AS id, count(DISTINCT eid) AS n_events FROM (SELECT id AS eid, actor_code AS code FROM f "
            "UNION ALL SELECT id, recipient_code FROM f WHERE recipient_code IS NOT NULL) GROUP BY code ORDER BY code"
        ), params).to_pylist()
        edges = self._query(cte + (
            "SELECT least(actor_code, recipient_code) AS source, greatest(actor_code, recipient_code) AS target, "
            "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, count(*) AS n_events, "
            "avg(goldstein) AS mean_goldstein FROM f WHERE recipient_code IS NOT NULL "
            "GROUP BY ALL ORDER BY source, target"
        ), params).to_pylist()
        return {"nodes": nodes, "edges": edges}


def _named(sql: str, params: list[Any], **named: Any) -> tuple[str, list[Any]]:
    """Turn ``$name`` placeholders into positional ``?`` after the filter parameters' ``?``.

    The filter CTE comes first in the SQL, so its ``?`` are numbered first; ``$name`` markers in
    the rest are replaced in textual order. Names come from code, values stay bound parameters.
    """
    out = list(params)
    for match in re.finditer(r"\$(\w+)", sql):
        out.append(named[match.group(1)])
    return re.sub(r"\$(\w+)", "?", sql), out

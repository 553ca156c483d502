"""The REST API and the dashboard: a thin FastAPI skin over :class:`diplograph.store.Store`.

``create_app(db)`` returns the app; ``diplograph serve`` runs it with uvicorn. Every query goes
through the store's parameterised SQL; filter values are validated here first (codes, event
types, statuses, dates), so a hostile value gets a 422 or an empty result, never a 500.
Errors have one JSON shape everywhere: ``{"ok": false, "error": ..., "errors": [...], "status": ...}``.

Read endpoints are open unless a ``read_token`` is configured; write endpoints (``POST
/documents``) need the ``token`` given to :func:`create_app` and are disabled (403) without one.
Clients send ``Authorization: Bearer <token>`` (or ``X-Diplograph-Token: <token>``).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import itertools
import json
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from . import __version__
from .config import Config
from .errors import DiplographError, StoreError
from .types import EVENT_TYPES, STATUSES, Document

WEB_DIR = Path(__file__).resolve().parent / "web"
STREAM_PAGE = 5_000  # rows per Arrow batch while streaming an unlimited result
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9:_.\-]{0,39}$"  # ISO3, IGO:XXX, sector-suffixed codes
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Freq = Literal["day", "week", "month"]
Coder = Callable[[Sequence[Document]], Iterable[Any]]  # Documents -> CodedDoc(doc, mentions, events)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class ApiError(DiplographError):
    """An HTTP error with a status, raised by the API layer itself."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------- request models and filters


class DocumentIn(BaseModel):
    """One article to code and store."""

    text: str = Field(min_length=1, max_length=5_000_000, description="cleaned article text")
    doc_id: str | None = Field(None, max_length=200, description="default: 'api:' + hash of the text")
    title: str | None = Field(None, max_length=2_000)
    pubdate: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    url: str | None = Field(None, max_length=4_000)
    source: str | None = Field(None, max_length=500)


class DocumentsIn(BaseModel):
    """Several articles in one request."""

    documents: list[DocumentIn] = Field(min_length=1, max_length=1_000)


def _split(values: list[str] | None) -> list[str]:
    """Repeated and comma-separated query values, flattened and stripped."""
    return [v.strip() for raw in values or () for v in raw.split(",") if v.strip()]


def _one_or_many(values: list[str]) -> str | list[str] | None:
    return None if not values else values[0] if len(values) == 1 else values


def _choices(values: list[str] | None, allowed: Sequence[str], name: str) -> str | list[str] | None:
    """Upper/lower-case-insensitive choice list; an unknown value is a 422."""
    lookup = {a.lower(): a for a in allowed}
    out = []
    for value in _split(values):
        if value.lower() not in lookup:
            raise ApiError(422, f"unknown {name} {value!r}; expected one of {', '.join(allowed)}")
        out.append(lookup[value.lower()])
    return _one_or_many(out)


def _code(value: str, name: str) -> str:
    """One actor code, upper-cased; anything else is a 422."""
    if not re.fullmatch(CODE_PATTERN, value):
        raise ApiError(422, f"{name} {value!r} is not an actor code (ISO3 like KOR, or IGO:UN)")
    return value.upper()


def _codes(values: list[str] | None, name: str) -> str | list[str] | None:
    return _one_or_many([_code(v, name) for v in _split(values)])


def common_filters(
    event: Annotated[list[str] | None, Query(description="PLOVER event type(s); repeat or comma-separate")] = None,
    status: Annotated[list[str] | None, Query(description="status(es): asserted, intended, ...")] = None,
    quad_class: Annotated[list[int] | None, Query(description="1-4, repeatable")] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]], inclusive")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]], inclusive")] = None,
    domain: Annotated[list[str] | None, Query(max_length=200, description="domain(s), e.g. trade")] = None,
    source: Annotated[str | None, Query(max_length=1_000, description="a doc_id among the event's sources")] = None,
) -> dict[str, Any]:
    """Filters shared by /events, /network, /matrix and the dyad timeline."""
    if any(q not in (1, 2, 3, 4) for q in quad_class or ()):
        raise ApiError(422, f"quad_class must be 1, 2, 3 or 4 (got {quad_class})")
    filters = {
        "event": _choices(event, EVENT_TYPES, "event type"),
        "status": _choices(status, STATUSES, "status"),
        "quad_class": _one_or_many(sorted(set(quad_class or ()))),
        "since": since,
        "until": until,
        "domain": _one_or_many(_split(domain)),
        "source": source,
    }
    return {k: v for k, v in filters.items() if v is not None}


def event_filters(
    common: Annotated[dict[str, Any], Depends(common_filters)],
    actor: Annotated[list[str] | None, Query(description="actor code(s)")] = None,
    recipient: Annotated[list[str] | None, Query(description="recipient code(s)")] = None,
    dyad: Annotated[str | None, Query(description="two codes 'IND,KOR': events between them, either direction")] = None,
    doc_id: Annotated[str | None, Query(max_length=1_000)] = None,
) -> dict[str, Any]:
    """All /events filters: the common ones plus actor, recipient, dyad and document."""
    filters = dict(common)
    for name, value in (("actor", _codes(actor, "actor")), ("recipient", _codes(recipient, "recipient"))):
        if value is not None:
            filters[name] = value
    if dyad is not None:
        pair = _split([dyad])
        if len(pair) != 2:
            raise ApiError(422, f"dyad must be two actor codes separated by a comma, e.g. IND,KOR (got {dyad!r})")
        filters["dyad"] = (_code(pair[0], "dyad member"), _code(pair[1], "dyad member"))
    if doc_id is not None:
        filters["doc_id"] = doc_id
    return filters


# ---------------------------------------------------------------- serialisation


def _plain(value: Any) -> Any:
    """JSON-safe copy: dates as ISO strings, NaN as null, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(_plain(data), ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def error_response(status: int, message: str, errors: list[str] | None = None) -> Response:
    """The one error shape of the API."""
    return json_response({"ok": False, "error": message, "errors": errors or [message], "status": status}, status)


def rows(table: pa.Table | pa.RecordBatch) -> list[dict[str, Any]]:
    return [_plain(r) for r in table.to_pylist()]


def csv_bytes(batch: pa.Table | pa.RecordBatch, *, header: bool) -> bytes:
    """CSV of a table or batch; list columns (domains, sources) become ';'-joined strings."""
    table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
    for i, fld in enumerate(table.schema):
        if pa.types.is_list(fld.type) or pa.types.is_large_list(fld.type):
            joined = pc.binary_join(pc.cast(table.column(i), pa.list_(pa.string())), ";")
            table = table.set_column(i, fld.name, joined)
        elif pa.types.is_struct(fld.type) or pa.types.is_map(fld.type):
            table = table.set_column(i, fld.name, pa.array([json.dumps(_plain(v)) for v in table.column(i).to_pylist()]))
    out = io.BytesIO()
    pacsv.write_csv(table, out, write_options=pacsv.WriteOptions(include_header=header))
    return out.getvalue()


# ---------------------------------------------------------------- app state


@dataclass
class AppState:
    """What the routes share: the store (thread-safe: a DuckDB cursor per call), tokens, the coder.

    ``lock`` serialises coding and writing (``POST /documents``); reads run concurrently.
    """

    store: Any
    token: str | None
    read_token: str | None
    config: Config
    coder: Coder | None = None
    read_only: bool = False
    lock: threading.RLock = field(default_factory=threading.RLock)

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.store, method)(*args, **kwargs)

    def get_coder(self) -> Coder:
        """The injected coder, or the lead's Pipeline built once on first use."""
        with self.lock:
            if self.coder is None:
                from .pipeline import Pipeline

                self.coder = Pipeline(self.config).code_documents
            return self.coder


def _given_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-diplograph-token")


def _token_ok(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def require_read(request: Request) -> None:
    state: AppState = request.app.state.diplograph
    if state.read_token and not _token_ok(_given_token(request), state.read_token):
        raise ApiError(401, "this server requires a read token: send 'Authorization: Bearer <token>'")


def require_write(request: Request) -> None:
    state: AppState = request.app.state.diplograph
    if state.read_only:
        raise ApiError(403, "write endpoints are disabled: the server opened the database read-only")
    if not state.token:
        raise ApiError(403, "write endpoints are disabled: start the server with --token or set DIPLOGRAPH_TOKEN")
    if not _token_ok(_given_token(request), state.token):
        raise ApiError(401, "a valid write token is required: send 'Authorization: Bearer <token>'")


def _state(request: Request) -> AppState:
    return request.app.state.diplograph


Read = Depends(require_read)
State = Annotated[AppState, Depends(_state)]


# ---------------------------------------------------------------- events


def _started(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Run the query now (so its errors become a proper error response), then stream the rest."""
    first = next(batches, None)
    return iter(()) if first is None else itertools.chain([first], batches)


def _stream_json(pages: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    yield b'{"ok":true,"events":['
    count = 0
    for table in pages:
        for row in table.to_pylist():
            yield (b"," if count else b"") + json.dumps(_plain(row), ensure_ascii=False).encode()
            count += 1
    yield f'],"count":{count},"next_cursor":null}}'.encode()


def _stream_csv(pages: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    first = True
    for table in pages:
        yield csv_bytes(table, header=first)
        first = False


def _page(state: AppState, filters: dict[str, Any], limit: int, cursor: str | None) -> tuple[pa.Table, str | None]:
    table = state.call("events", **filters, limit=limit + 1, after_id=cursor)
    if table.num_rows <= limit:
        return table, None
    return table.slice(0, limit), table.column("id")[limit - 1].as_py()


def add_event_routes(app: FastAPI) -> None:
    @app.get("/events", dependencies=[Read], tags=["events"])
    def list_events(
        state: State,
        filters: Annotated[dict[str, Any], Depends(event_filters)],
        limit: Annotated[int | None, Query(ge=1, description="page size; omit to get every matching row")] = None,
        cursor: Annotated[str | None, Query(max_length=1_000, description="next_cursor of the previous page")] = None,
        format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
    ) -> Response:
        """Events matching the filters, oldest first. Without ``limit`` every row is streamed (no cap);
        with it, one page and ``next_cursor`` (JSON body, or the ``X-Next-Cursor`` header for CSV)."""
        if limit is None:
            pages = _started(state.store.iter_events(batch_size=STREAM_PAGE, after_id=cursor, **filters))
            if format == "csv":
                return StreamingResponse(_stream_csv(pages), media_type="text/csv; charset=utf-8",
                                         headers={"Content-Disposition": 'attachment; filename="events.csv"'})
            return StreamingResponse(_stream_json(pages), media_type="application/json")
        table, next_cursor = _page(state, filters, limit, cursor)
        if format == "csv":
            headers = {"X-Next-Cursor": next_cursor} if next_cursor else {}
            return Response(csv_bytes(table, header=True), media_type="text/csv; charset=utf-8", headers=headers)
        return json_response({"ok": True, "count": table.num_rows, "next_cursor": next_cursor, "events": rows(table)})

    @app.get("/events/{event_id}", dependencies=[Read], tags=["events"])
    def get_event(event_id: str, state: State) -> Response:
        """One event as in EVENTS.md, with its evidence offsets, its source document and all its sources."""
        event = state.call("event", event_id)
        if event is None:
            raise ApiError(404, f"no event with id {event_id!r}")
        return json_response({"ok": True, "event": event})

    @app.get("/dyads/{a}/{b}/timeline", dependencies=[Read], tags=["events"])
    def dyad_timeline(
        a: str,
        b: str,
        state: State,
        filters: Annotated[dict[str, Any], Depends(common_filters)],
        freq: Annotated[Freq, Query(description="period length")] = "month",
    ) -> Response:
        """Events between ``a`` and ``b`` (either direction) per period: count, mean Goldstein, quad counts."""
        a, b = _code(a, "dyad member"), _code(b, "dyad member")
        table = state.call("dyad_timeline", a, b, freq=freq, **filters)
        return json_response({"ok": True, "a": a, "b": b, "freq": freq, "timeline": rows(table)})


# ---------------------------------------------------------------- aggregates


def layout_network(net: dict[str, Any]) -> dict[str, Any]:
    """Add deterministic x/y positions (spring layout weighted by event counts) to the nodes."""
    import networkx as nx

    nodes = [n if isinstance(n, dict) else {"id": n} for n in net.get("nodes", [])]
    graph = nx.Graph()
    graph.add_nodes_from(str(n.get("id", n.get("code"))) for n in nodes)
    for e in net.get("edges", []):
        a, b = str(e["source"]), str(e["target"])
        weight = graph.get_edge_data(a, b, {}).get("weight", 0) + math.log1p(e.get("n_events") or 1)
        graph.add_edge(a, b, weight=weight)
    pos = nx.spring_layout(graph, seed=7, weight="weight") if graph.number_of_nodes() else {}
    for n in nodes:
        x, y = pos.get(str(n.get("id", n.get("code"))), (0.0, 0.0))
        n["x"], n["y"] = round(float(x), 4), round(float(y), 4)
    return {**net, "nodes": nodes}


def add_aggregate_routes(app: FastAPI) -> None:
    @app.get("/actors", dependencies=[Read], tags=["aggregates"])
    def actors(state: State) -> Response:
        """Every actor code in the store with its event counts."""
        return json_response({"ok": True, "actors": rows(state.call("actors"))})

    @app.get("/network", dependencies=[Read], tags=["aggregates"])
    def network(state: State, filters: Annotated[dict[str, Any], Depends(common_filters)]) -> Response:
        """States as nodes (with layout positions), dyads as edges with cooperation/conflict counts."""
        return json_response({"ok": True, **layout_network(state.call("network", **filters))})

    @app.get("/matrix", dependencies=[Read], tags=["aggregates"])
    def matrix(state: State, filters: Annotated[dict[str, Any], Depends(common_filters)]) -> Response:
        """Event counts per (dyad, domain)."""
        return json_response({"ok": True, "cells": rows(state.call("domain_matrix", **filters))})

    @app.get("/stats", tags=["aggregates"], dependencies=[Read])
    def stats(state: State) -> Response:
        """Totals: documents, events, actors, date range, counts by type/status/quad class."""
        return json_response({"ok": True, "stats": state.call("stats")})


# ---------------------------------------------------------------- documents


def to_document(doc: DocumentIn) -> Document:
    """A Document from a request body; its id defaults to a hash of the text (idempotent re-posts)."""
    text = doc.text.replace("\r\n", "\n").strip()
    digest = hashlib.sha1(" ".join(text.split()).encode()).hexdigest()
    return Document(doc_id=doc.doc_id or f"api:{digest[:16]}", text=text, pubdate=doc.pubdate, title=doc.title,
                    url=doc.url, source=doc.source or "api", content_hash=digest)


def code_and_store(state: AppState, docs: list[Document]) -> list[dict[str, Any]]:
    """Code the documents with the pipeline and write documents, mentions and events."""
    with state.lock:  # one coding request at a time: the spaCy pipeline is shared
        try:
            coded = list(state.get_coder()(docs))
        except NotImplementedError as err:
            raise ApiError(501, "the event coder is not available in this build") from err
        state.store.write_documents([c.doc for c in coded])
        state.store.write_mentions([m for c in coded for m in c.mentions])
        state.store.write_events([e for c in coded for e in c.events], merge=True)
    return [{"doc_id": c.doc.doc_id, "n_events": len(c.events), "events": [e.to_dict() for e in c.events]}
            for c in coded]


def add_document_routes(app: FastAPI) -> None:
    @app.get("/documents/{doc_id}", dependencies=[Read], tags=["documents"])
    def get_document(doc_id: str, state: State) -> Response:
        """A stored (cleaned) document: id, title, url, pubdate, text."""
        doc = state.call("document", doc_id)
        if doc is None:
            raise ApiError(404, f"no document with id {doc_id!r}")
        return json_response({"ok": True, "document": doc})

    @app.post("/documents", dependencies=[Depends(require_write)], tags=["documents"], status_code=201)
    def post_documents(body: DocumentIn | DocumentsIn, state: State) -> Response:
        """Code one article (or ``{"documents": [...]}``) and store it with its events. Needs the write token."""
        items = body.documents if isinstance(body, DocumentsIn) else [body]
        coded = code_and_store(state, [to_document(d) for d in items])
        return json_response({"ok": True, "documents": coded, "n_events": sum(c["n_events"] for c in coded)}, 201)


# ---------------------------------------------------------------- dashboard


def plotly_js_path() -> Path | None:
    """plotly.min.js as shipped inside the installed ``plotly`` Python package (no CDN)."""
    try:
        import plotly
    except ImportError:  # pragma: no cover
        return None
    path = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


def add_dashboard_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(WEB_DIR / "index.html", headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        """The API reference, rendered from /openapi.json by a local script (Swagger UI would need a CDN)."""
        return FileResponse(WEB_DIR / "docs.html", headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache"})

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        path = plotly_js_path()
        if path is None:
            raise ApiError(404, "plotly.min.js not found in the installed plotly package")
        return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")


# ---------------------------------------------------------------- errors and factory


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    def api_error(request: Request, err: ApiError) -> Response:
        return error_response(err.status, str(err))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, err: HTTPException) -> Response:
        return error_response(err.status_code, str(err.detail))

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, err: RequestValidationError) -> Response:
        errors = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in err.errors()]
        return error_response(422, "invalid request: " + "; ".join(errors), errors)

    @app.exception_handler(DiplographError)
    def diplograph_error(request: Request, err: DiplographError) -> Response:
        return error_response(500 if isinstance(err, StoreError) else 400, str(err))

    @app.exception_handler(Exception)
    def internal_error(request: Request, err: Exception) -> Response:
        return error_response(500, f"internal error ({type(err).__name__}); see the server log")


def create_app(
    store_path: str | Path = "diplograph.duckdb",
    *,
    store: Any = None,
    coder: Coder | None = None,
    token: str | None = None,
    read_token: str | None = None,
    config: Config | None = None,
    read_only: bool = False,
) -> FastAPI:
    """The API + dashboard app over one DuckDB store.

    Args:
        store_path: DuckDB file (":memory:" allowed). Ignored when ``store`` is given.
        store: an open :class:`~diplograph.store.Store` to serve instead of opening ``store_path``.
        coder: ``docs -> CodedDoc``s used by ``POST /documents``; default: ``Pipeline(config)``, built on first use.
        token: write token; ``None``/empty disables write endpoints (there is no default token).
        read_token: if set, read endpoints need it too.
        config: pipeline configuration for the default coder.
        read_only: open the database read-only (write endpoints disabled).
    """
    if store is None:
        from .store import Store

        store = Store(store_path, read_only=read_only)
    app = FastAPI(title="diplograph", version=__version__, docs_url=None, redoc_url=None,
                  description="Evidence-linked political event data (PLOVER) from international news.")
    app.state.diplograph = AppState(store=store, token=token or None, read_token=read_token or None,
                                    config=config or Config(), coder=coder, read_only=read_only)
    add_error_handlers(app)
    add_event_routes(app)
    add_aggregate_routes(app)
    add_document_routes(app)
    add_dashboard_routes(app)
    return app

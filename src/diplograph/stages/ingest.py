"""Ingestion: files, directories and stdin -> RawRecords, or Quarantined entries for bad input.

Formats by extension (``.gz`` stripped first): ``.txt`` (one article), ``.html``/``.htm``,
``.json`` (an object or an array of objects), ``.jsonl``/``.ndjson`` (one object a line), ``.csv``.
Directories are walked recursively in sorted order (hidden entries skipped); ``-`` is stdin,
sniffed as JSON lines, HTML or plain text. Nothing raises for a bad file: every problem becomes a
:class:`Quarantined` with source, line and reason, so every input record is accounted for.

``ingest`` chains read -> clean -> dedup as one stream.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import logging
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from ..config import Config, IngestConfig
from ..types import Document, Duplicate, Quarantined, RawRecord

TEXT_EXTS = {".txt", ".text", ".md"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
JSON_EXTS = {".json"}
JSONL_EXTS = {".jsonl", ".ndjson"}
CSV_EXTS = {".csv"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | JSON_EXTS | JSONL_EXTS | CSV_EXTS
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b", b"BZh", b"\xfd7zXZ")
MIN_TEXT_RATIO = 0.85  # share of bytes that must be ASCII text before a non-UTF-8 file is read as cp1252
CHUNK = 1 << 16

log = logging.getLogger(__name__)

csv.field_size_limit(2**31 - 1)  # oversized fields are caught by max_bytes instead


def read_inputs(
    paths: Sequence[str | Path],
    config: IngestConfig,
    *,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[RawRecord | Quarantined]:
    """Yield one RawRecord per article found in ``paths``, or a Quarantined per bad input/record."""
    for path in paths:
        if str(path) == "-":
            yield from _read_stdin(stdin, config)
            continue
        path = Path(path)
        if path.is_dir():
            for child in _walk(path):
                yield from _read_file(child, config, explicit=False)
        else:
            yield from _read_file(path, config, explicit=True)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, recursively, sorted, skipping hidden files and folders."""
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError:
        yield root  # reported as unreadable by _read_file
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        else:
            yield entry


def _kind(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped) from the file name; format None when the extension is unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    ext = (suffixes[-2] if len(suffixes) > 1 else "") if gz else (suffixes[-1] if suffixes else "")
    for name, exts in (("txt", TEXT_EXTS), ("html", HTML_EXTS), ("json", JSON_EXTS), ("jsonl", JSONL_EXTS), ("csv", CSV_EXTS)):
        if ext in exts:
            return name, gz
    return None, gz


def _read_file(path: Path, config: IngestConfig, *, explicit: bool) -> Iterator[RawRecord | Quarantined]:
    source = str(path)
    kind, gz = _kind(path)
    if kind is None and not explicit:
        yield Quarantined(source, "unsupported", f"unknown file type {path.suffix or '(no extension)'!r}")
        return
    try:
        size = path.stat().st_size
        handle: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as err:
        yield Quarantined(source, "unreadable", err.strerror or str(err))
        return
    with handle:
        if gz:
            handle = gzip.GzipFile(fileobj=handle)  # type: ignore[assignment]
        elif kind not in ("jsonl", "csv") and size > config.max_bytes:
            yield Quarantined(source, "oversized", f"{size:,} bytes > {config.max_bytes:,}")
            return
        try:
            yield from _read_stream(handle, source, kind, config)
        except (OSError, EOFError, zlib.error) as err:
            yield Quarantined(source, "unreadable", f"read error: {err}")


def _read_stream(handle: IO[bytes], source: str, kind: str | None, config: IngestConfig) -> Iterator[RawRecord | Quarantined]:
    """Dispatch an open binary stream to the reader of its format (sniffed when ``kind`` is None)."""
    if kind in ("jsonl", "csv"):
        reader = _read_jsonl if kind == "jsonl" else _read_csv
        yield from reader(handle, source, config)
        return
    data = handle.read(config.max_bytes + 1)
    if len(data) > config.max_bytes:
        yield Quarantined(source, "oversized", f"more than {config.max_bytes:,} bytes")
        return
    text = decode(data, source, encoding=config.encoding)
    if isinstance(text, Quarantined):
        yield text
        return
    kind = kind or sniff(text)
    if kind == "jsonl":
        yield from _read_jsonl(io.BytesIO(text.encode("utf-8")), source, config)
    elif kind == "json":
        yield from _read_json(text, source, config)
    elif kind == "html":
        yield RawRecord(source=source, html=text)
    else:
        yield RawRecord(source=source, text=text)


def _read_stdin(stdin: TextIO | BinaryIO | None, config: IngestConfig) -> Iterator[RawRecord | Quarantined]:
    """stdin, sniffed; JSON lines are streamed (any length), other content is one document."""
    if stdin is None:
        import sys

        stdin = sys.stdin
    raw = getattr(stdin, "buffer", stdin)
    try:
        head = raw.read(CHUNK)
        if isinstance(head, str):  # a text stream without a binary buffer (e.g. io.StringIO)
            head, raw = head.encode("utf-8"), io.BytesIO(raw.read().encode("utf-8"))
    except (OSError, ValueError) as err:
        yield Quarantined("-", "unreadable", str(err))
        return
    stream = io.BufferedReader(_Prepend(head, raw))  # type: ignore[arg-type]
    probe = decode(head[: head.rfind(b"\n") + 1] or head, "-", encoding=config.encoding)
    kind = "jsonl" if isinstance(probe, str) and sniff(probe) == "jsonl" else None
    yield from _read_stream(stream, "-", kind, config)


def sniff(text: str) -> str:
    """Format of an unnamed text: ``jsonl`` if it starts with '{', ``html`` if it looks like HTML, else ``txt``."""
    head = text.lstrip()[:1000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("[") and head[1:].lstrip().startswith("{"):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head or "<p>" in head or "<div" in head):
        return "html"
    return "txt"


def decode(data: bytes, source: str, *, encoding: str | None = None, line: int | None = None) -> str | Quarantined:
    """Bytes -> text: forced encoding, else UTF-8 (BOM ok), UTF-16 with a BOM, or cp1252 for text-like bytes."""
    if not data.strip():
        return Quarantined(source, "empty", "no content", line=line)
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as err:
            return Quarantined(source, "bad_encoding", f"not {encoding}: {err}", line=line)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            return Quarantined(source, "bad_encoding", f"bad UTF-16: {err}", line=line)
    if data.startswith(BINARY_MAGIC) or b"\x00" in data[:CHUNK]:
        return Quarantined(source, "binary", "binary content (NUL bytes or a binary file signature)", line=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        utf8_error = err
    sample = data[:CHUNK]
    texty = sum(1 for b in sample if 32 <= b < 127 or b in (9, 10, 13)) / len(sample)
    if texty < MIN_TEXT_RATIO:
        return Quarantined(source, "bad_encoding", f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not text-like", line=line)
    return data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1")


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _read_jsonl(handle: IO[bytes], source: str, config: IngestConfig) -> Iterator[RawRecord | Quarantined]:
    """One record per non-blank line; long lines are skipped without loading them whole."""
    number = 0
    while True:
        chunk = handle.readline(config.max_bytes + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > config.max_bytes and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # skip the rest of the long line
                chunk = handle.readline(CHUNK)
            yield Quarantined(source, "oversized", f"line longer than {config.max_bytes:,} bytes", line=number)
            continue
        if not chunk.strip():
            continue
        text = decode(chunk, source, encoding=config.encoding, line=number)
        if isinstance(text, Quarantined):
            yield text
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            yield Quarantined(source, "malformed_json", f"{err.msg} at column {err.colno}", line=number)
            continue
        yield _from_mapping(obj, source, number, config)


def _read_json(text: str, source: str, config: IngestConfig) -> Iterator[RawRecord | Quarantined]:
    """A JSON object or array of objects; a .json file that is really JSON lines is read as such."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":
            yield from _read_jsonl(io.BytesIO(text.encode("utf-8")), source, config)
        else:
            yield Quarantined(source, "malformed_json", f"{err.msg} at line {err.lineno} column {err.colno}")
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(items, start=1):
        yield _from_mapping(item, source, i if isinstance(obj, list) else None, config)


def _read_csv(handle: IO[bytes], source: str, config: IngestConfig) -> Iterator[RawRecord | Quarantined]:
    """One record per CSV row (header row gives the field names); ``line`` is the row's first line."""
    head = handle.read(CHUNK)
    probe = decode(head if len(head) < CHUNK else head[: head.rfind(b"\n") + 1] or head, source, encoding=config.encoding)
    if isinstance(probe, Quarantined):
        yield probe
        return
    encoding = config.encoding or ("utf-8-sig" if _is_utf8(head) else "cp1252")
    stream = io.TextIOWrapper(_Prepend(head, handle), encoding=encoding, errors="replace", newline="")
    reader = csv.DictReader(stream)
    start = 2
    try:
        for row in reader:
            yield _from_mapping(row, source, start, config, max_chars=config.max_bytes)
            start = reader.line_num + 1
    except csv.Error as err:
        yield Quarantined(source, "malformed_csv", str(err), line=reader.line_num or None)


def _is_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start > len(head) - 4  # cut inside a multi-byte character at the chunk end
    return True


class _Prepend(io.RawIOBase):
    """A binary stream that replays already-read bytes before the rest of ``handle``."""

    def __init__(self, head: bytes, handle: IO[bytes]) -> None:
        self._head, self._handle = head, handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._handle.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _from_mapping(
    obj: Any, source: str, line: int | None, config: IngestConfig, *, max_chars: int | None = None
) -> RawRecord | Quarantined:
    """A JSON object / CSV row -> RawRecord using the configured field names."""
    if not isinstance(obj, dict):
        return Quarantined(source, "malformed_json", f"expected an object, got {type(obj).__name__}", line=line)
    text, html = obj.get(config.text_field), obj.get(config.html_field) if config.html_field else None
    if not isinstance(text, str) or not text.strip():
        text = None
    if not isinstance(html, str) or not html.strip():
        html = None
    ident = _scalar(obj.get(config.id_field))
    if text is None and html is None:
        fields = ", ".join(repr(f) for f in (config.text_field, config.html_field) if f)
        return Quarantined(source, "missing_text", f"no text in field {fields}", line=line, doc_id=ident)
    size = len(text or html or "")
    if size > (max_chars or config.max_bytes):
        return Quarantined(source, "oversized", f"{size:,} characters > {config.max_bytes:,}", line=line, doc_id=ident)
    used = {config.id_field, config.text_field, config.title_field, config.date_field, config.url_field, config.html_field}
    extra = tuple((str(k), v) for k, v in ((k, _scalar(v)) for k, v in obj.items() if k not in used) if v is not None)
    return RawRecord(
        source=source,
        line=line,
        text=text,
        html=html,
        doc_id=ident,
        title=_scalar(obj.get(config.title_field)),
        pubdate=_scalar(obj.get(config.date_field)),
        url=_scalar(obj.get(config.url_field)),
        extra=extra,
    )


def _scalar(value: Any) -> str | None:
    """A JSON/CSV value as a non-empty string, or None (lists and objects are not ids or titles)."""
    if value is None or isinstance(value, (dict, list)) or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def ingest(
    paths: Sequence[str | Path],
    config: Config,
    *,
    stdin: TextIO | BinaryIO | None = None,
    known: Iterable[tuple[str, str, Sequence[int]]] = (),
) -> Iterator[Document | Duplicate | Quarantined]:
    """read -> clean -> dedup as one stream: every input record comes out as exactly one item.

    A record whose doc_id was already yielded in this run (the same given id, or identical text
    without an id) comes out as an exact Duplicate of itself, so it is not coded twice; documents
    whose id is in ``known`` (already stored) come out as Documents again (idempotent re-runs).
    """
    from .clean import JunkRules, clean_record
    from .dedup import Deduplicator

    rules = JunkRules.load(config.clean.junk_rules)
    dedup = Deduplicator(config.dedup, known)
    seen: dict[str, str] = {}  # doc_id yielded in this run -> the id it is (or duplicates)
    for item in read_inputs(paths, config.ingest, stdin=stdin):
        if isinstance(item, Quarantined):
            yield item
            continue
        try:
            cleaned = clean_record(item, config.clean, rules=rules, max_chars=config.ingest.max_bytes)
        except Exception as err:  # noqa: BLE001 - one bad record must never stop the run
            log.warning("cleaning failed for %s:%s: %r", item.source, item.line, err)
            cleaned = Quarantined(item.source, "unsupported", f"cleaning failed: {err!r}", line=item.line, doc_id=item.doc_id)
        if isinstance(cleaned, Quarantined):
            yield cleaned
            continue
        if cleaned.doc_id in seen:
            yield Duplicate(cleaned.doc_id, seen[cleaned.doc_id], "exact", 1.0, source=cleaned.source)
            continue
        doc, dup = dedup.check(cleaned)
        seen[doc.doc_id] = dup.original_id if dup is not None else doc.doc_id
        yield dup if dup is not None else doc

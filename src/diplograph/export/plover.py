"""PLOVER JSONL: one PLOVER event record per line (field names of the PLOVER data format).

Mapping from diplograph events:

- ``event``: ``[plover_event]`` (PLOVER's view of the event: a promised cooperation is AGREE, a
  refusal REJECT). ``has_event`` is false when PLOVER codes no event (``considered`` or
  ``hypothetical`` status, intended verbal conflict); ``event`` then holds diplograph's own type.
- ``date``: ``YYYY-MM-DD``; coarse dates are placed on the first day of their period (the coded
  date, with its granularity, is kept in ``diplograph.date``).
- ``actor``/``recipient``: lists of one entity ``{code, sector, entity_text, identifier_id}``.
  States keep their ISO3 code; organizations take PLOVER's non-state codes (``IGO:UN`` -> ``UNO``,
  ``IGO:EU`` -> ``EUR``, other ``IGO:X`` -> ``IGO``), with diplograph's code in ``diplograph_code``.
  ``identifier_id`` is the Wikidata id when known.
- ``quad_code``: the quad class of ``plover_event``; ``event_scale``: the Goldstein score of the
  nearest CAMEO code (not a PLOVER-native scale).
- ``event_loc``: ``{extracted_place, geonameid, lat, lon, country_code, resolution}``
  (resolution 1 country, 4 city, from whether coordinates are known).
- ``text_info``: sentence number and character offsets of the evidence; ``event_text``: the evidence
  sentence. The article text itself (``text``) is not exported.
- ``context``: empty (diplograph's ``domains`` are another vocabulary; they are in
  ``diplograph.domains``). ``link``: the event's ``group``.
- ``diplograph``: provider fields: native event type, status, date, date_text, domains, cameo, sources.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

import pyarrow as pa

_PLOVER_NONSTATE = {"UN": "UNO", "EU": "EUR"}


def plover_entity(row: dict[str, Any], role: str) -> list[dict[str, Any]]:
    """The PLOVER entity list (zero or one entity) for ``actor`` or ``recipient``."""
    code = row.get(f"{role}_code")
    if not code:
        return []
    plover_code = _PLOVER_NONSTATE.get(code[4:], "IGO") if code.startswith("IGO:") else code
    ent: dict[str, Any] = {"code": plover_code, "sector": row.get(f"{role}_sector"),
                           "entity_text": row.get(f"{role}_text") or ""}
    if row.get(f"{role}_wikidata"):
        ent["identifier_id"] = row[f"{role}_wikidata"]
    if plover_code != code:
        ent["diplograph_code"] = code
    return [ent]


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    if row.get("location_name") is None:
        return None
    has_coords = row.get("location_lat") is not None and row.get("location_lon") is not None
    return {
        "extracted_place": row["location_name"], "geonameid": row.get("location_geonames_id"),
        "lat": row.get("location_lat"), "lon": row.get("location_lon"),
        "country_code": row.get("location_country"), "resolution": 4 if has_coords else 1,
    }


def plover_record(row: dict[str, Any], *, version: str) -> dict[str, Any]:
    """One event row (``Store.events`` columns) as a PLOVER JSON record."""
    start = row.get("date_start")
    added = row.get("added_at")
    return {
        "id": row["id"],
        "has_event": row.get("plover_event") is not None,
        "date": start.isoformat() if start else None,
        "actor": plover_entity(row, "actor"),
        "recipient": plover_entity(row, "recipient"),
        "event": [row.get("plover_event") or row["event"]],
        "event_loc": _location(row),
        "event_text": [row.get("evidence_text") or ""],
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "mode": [row["mode"]] if row.get("mode") else [],
        "context": [],
        "link": row.get("group"),
        "text_info": {"sequence": row.get("sent"), "start": row.get("evidence_start"), "end": row.get("evidence_end")},
        "cite_info": {"corpus": "diplograph", "citation": row["doc_id"], "url": row.get("doc_url"),
                      "title": row.get("doc_title"), "coder": "diplograph", "version": version},
        "coder": "diplograph",
        "coded_date": added.date().isoformat() if added else None,
        "diplograph": {k: row.get(k) for k in ("event", "status", "date", "date_text", "domains", "cameo", "sources")},
    }


def write_plover(batches: Iterable[pa.RecordBatch], out: IO[str]) -> int:
    """Write event batches as PLOVER JSONL; returns rows written."""
    from .. import __version__

    n = 0
    for batch in batches:
        rows = batch.to_pylist()
        out.write("".join(json.dumps(plover_record(r, version=__version__), ensure_ascii=False) + "\n" for r in rows))
        n += len(rows)
    return n

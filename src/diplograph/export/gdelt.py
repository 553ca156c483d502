"""GDELT 2.0 event table (``*.export.CSV``): 61 tab-separated columns, no header row.

Column order and meaning follow the GDELT 2.0 event codebook. How diplograph fills them:

- ``GLOBALEVENTID``: a stable 63-bit integer from the SHA-1 of the event id (same id, same number).
- ``SQLDATE``/``MonthYear``/``Year``/``FractionDate``: from the event date; coarse dates
  (``YYYY-MM``, ``YYYY-Qn``, ``YYYY``) are placed on the first day of their period. FractionDate
  uses GDELT's formula ``YEAR + (MONTH * 30 + DAY) / 365``. Undated events leave them empty.
- Actors: states give ``Actor1Code`` = ISO3 + sector (``KORGOV``, or ``KOR`` with no sector),
  ``CountryCode`` = ISO3, ``Type1Code`` = sector. Organizations (``IGO:UN``) give ``Actor1Code``
  = ``IGO`` + acronym (``IGOUN``; diplograph's acronyms, not CAMEO's ``UNO``), an empty
  ``CountryCode``, ``KnownGroupCode`` = the acronym, ``Type1Code`` = ``IGO``. ``Name`` is the
  actor text in capitals, as GDELT writes names. Ethnic/religion/Type2/Type3 codes stay empty.
- ``IsRootEvent``: 1 when the event's sentence is one of the first ``LEAD_SENTENCES`` sentences of
  its document (the lead, GDELT's proxy of importance), else 0.
- ``EventCode`` = the CAMEO code, ``EventBaseCode`` its first 3 digits, ``EventRootCode`` its first 2.
- ``NumMentions``/``NumSources``/``NumArticles``: the number of documents reporting the event
  (``sources``); diplograph does not count mentions within a document separately.
- ``AvgTone``: empty. diplograph does not compute tone.
- ``Actor1Geo_*``/``Actor2Geo_*``: empty (diplograph locates the action, not the actors).
- ``ActionGeo_*``: from the event location. Type 1 country (no coordinates, or the name is the
  country's), 3 US city, 4 world city, 0 no location; ``CountryCode`` is FIPS 10-4 (from
  ``reference/country_codes.csv``); ``ADM1Code`` is the FIPS code for country-level places and
  empty otherwise; ``ADM2Code`` empty; ``FeatureID`` the GeoNames id.
- ``DATEADDED``: when the event was written to the store (UTC, ``YYYYMMDDHHMMSS``), i.e. the run time.
- ``SOURCEURL``: the document URL, or its doc_id when it has none.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from importlib import resources
from typing import IO, Any

import pyarrow as pa

# GDELT 2.0 event table, in order (GDELT 2.0 Event Database codebook).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
LEAD_SENTENCES = 2  # sentences 0 and 1 (title or lead sentence, and the next) count as the lead
_EMPTY_GEO = ["", "", "", "", "", "", "", ""]
_CLEAN = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def load_countries() -> dict[str, tuple[str, str]]:
    """``{iso3: (fips10_4, name)}`` from the shipped ``reference/country_codes.csv``."""
    text = resources.files("diplograph").joinpath("reference/country_codes.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["iso3"]: (r["fips10_4"], r["name"]) for r in rows if r["iso3"]}


def global_event_id(event_id: str) -> int:
    """A stable positive 63-bit integer for an event id (GDELT's GLOBALEVENTID is an integer).

    Examples:
        >>> global_event_id("e1") == global_event_id("e1") and 0 <= global_event_id("e1") < 2**63
        True
    """
    return int.from_bytes(hashlib.sha1(event_id.encode("utf-8")).digest()[:8], "big") >> 1


def _txt(value: Any) -> str:
    return "" if value is None else str(value).translate(_CLEAN)


def _num(value: Any) -> str:
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else repr(float(value))


def actor_fields(code: str | None, sector: str | None, text: str | None) -> list[str]:
    """The 10 GDELT actor columns (Code .. Type3Code) for one entity."""
    if not code:
        return [""] * 10
    name = _txt(text).upper()
    if code.startswith("IGO:"):
        acronym = _txt(code[4:]).replace(" ", "")
        return ["IGO" + acronym, name, "", acronym, "", "", "", "IGO", "", ""]
    return [_txt(code) + _txt(sector), name, _txt(code), "", "", "", "", _txt(sector), "", ""]


def _date_fields(row: dict[str, Any]) -> list[str]:
    start = row.get("date_start")
    if start is None:
        return ["", "", "", ""]
    fraction = start.year + (start.month * 30 + start.day) / 365
    return [start.strftime("%Y%m%d"), start.strftime("%Y%m"), str(start.year), f"{fraction:.4f}"]


def action_geo(row: dict[str, Any], countries: dict[str, tuple[str, str]]) -> list[str]:
    """The 8 ActionGeo columns (Type, FullName, CountryCode, ADM1, ADM2, Lat, Long, FeatureID)."""
    name = row.get("location_name")
    if name is None:
        return ["0", *_EMPTY_GEO[1:]]
    iso3 = row.get("location_country") or ""
    fips, country_name = countries.get(iso3, ("", ""))
    lat, lon = row.get("location_lat"), row.get("location_lon")
    is_country = lat is None or lon is None or name.casefold() == country_name.casefold()
    geo_type = "1" if is_country else ("3" if iso3 == "USA" else "4")
    full = name if is_country or not country_name else f"{name}, {country_name}"
    fid = row.get("location_geonames_id")
    return [geo_type, _txt(full), fips, fips if is_country else "", "", _num(lat), _num(lon),
            "" if fid is None else str(fid)]


def gdelt_row(row: dict[str, Any], countries: dict[str, tuple[str, str]]) -> list[str]:
    """One event row (``Store.events`` columns) as the 61 GDELT 2.0 fields."""
    cameo = row.get("cameo") or ""
    n_sources = str(len(row.get("sources") or []) or 1)
    added = row.get("added_at")
    sent = row.get("sent")
    out = [
        str(global_event_id(row["id"])), *_date_fields(row),
        *actor_fields(row.get("actor_code"), row.get("actor_sector"), row.get("actor_text")),
        *actor_fields(row.get("recipient_code"), row.get("recipient_sector"), row.get("recipient_text")),
        "1" if sent is not None and sent < LEAD_SENTENCES else "0",
        cameo, cameo[:3], cameo[:2], _num(row.get("quad_class")), _num(row.get("goldstein")),
        n_sources, n_sources, n_sources, "",
        *_EMPTY_GEO, *_EMPTY_GEO, *action_geo(row, countries),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        _txt(row.get("doc_url") or row.get("doc_id")),
    ]
    return out


def write_gdelt(batches: Iterable[pa.RecordBatch], out: IO[str]) -> int:
    """Write event batches as GDELT 2.0 event rows (TSV, no header); returns rows written."""
    countries = load_countries()
    n = 0
    for batch in batches:
        lines = ["\t".join(gdelt_row(row, countries)) for row in batch.to_pylist()]
        out.write("\n".join(lines) + "\n")
        n += len(lines)
    return n

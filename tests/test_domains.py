"""Keyword domains (EVENTS.md field `domains`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.errors import LexiconError
from diplograph.stages.domains import DOMAIN_VOCABULARY, DomainLexicon

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


@pytest.fixture(scope="module")
def lex() -> DomainLexicon:
    return DomainLexicon.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cooperation on semiconductors and chipmaking", {"semiconductors"}),
        ("a new chip plant", {"semiconductors"}),
        ("green hydrogen and LNG pipelines", {"energy"}),
        ("critical and emerging technologies and AI", {"technology"}),
        ("S&T cooperation", {"technology"}),
        ("supply chain resilience and critical minerals", {"supply_chains"}),
        ("human resource mobility and visas for students", {"mobility", "people"}),
        ("stability in the Indo-Pacific", {"regional_order", "security"}),
        ("joint military exercises and arms sales", {"defence"}),
        ("counter-terrorism and intelligence sharing", {"security"}),
        ("freedom of navigation in the South China Sea", {"maritime", "regional_order"}),
        ("trade connectivity and maritime transport", {"trade", "connectivity", "maritime"}),
        ("uranium enrichment at the reactor", {"nuclear"}),
        ("the International Solar Alliance", {"energy", "climate"}),
        ("tariffs on steel exports", {"trade"}),
        ("a $3 billion IMF bailout", {"finance"}),
        ("vaccines against the pandemic", {"health"}),
        ("wheat and fertiliser shipments", {"food"}),
        ("tankers in the Strait of Hormuz", {"energy", "maritime"}),
        ("the satellite launch", {"space"}),
        ("a ransomware cyberattack", {"cyber"}),
        ("human rights and free elections", {"human_rights"}),
    ],
)
def test_keywords_give_domains(lex: DomainLexicon, text: str, expected: set[str]) -> None:
    assert set(lex.domains(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police fired tear gas at the crowd",  # tear gas is not energy
        "it was a nice day",  # "it"/"IT" only as the acronym
        "who said what to whom",  # "WHO" only as the acronym
        "one of the great powers",  # "power" alone is not energy
        "The leaders met in Seoul",
    ],
)
def test_no_false_domains(lex: DomainLexicon, text: str) -> None:
    assert "energy" not in lex.domains(text)
    assert "technology" not in lex.domains(text)
    assert "health" not in lex.domains(text)


def test_plain_meeting_has_no_domain(lex: DomainLexicon) -> None:
    assert lex.domains("The two ministers met on Wednesday.") == ()


def test_output_is_in_vocabulary_order_and_deduplicated(lex: DomainLexicon) -> None:
    out = lex.domains("semiconductors, trade, defence, trade deals and more semiconductors")
    assert out == ("trade", "semiconductors", "defence")
    assert list(out) == sorted(out, key=DOMAIN_VOCABULARY.index)


def test_every_vocabulary_domain_has_keywords(lex: DomainLexicon) -> None:
    assert set(lex.patterns) == set(DOMAIN_VOCABULARY)


def test_vocabulary_matches_shared_spec() -> None:
    spec = SHARED / "spec" / "domains.txt"
    if not spec.exists():
        pytest.skip(f"shared spec not found at {spec}")
    names = [line.split("|")[0].strip() for line in spec.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert tuple(names) == DOMAIN_VOCABULARY


def test_user_file_adds_keywords(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("space:\n  - Gaganyaan\nhealth:\n  - =TB\n", encoding="utf-8")
    lex = DomainLexicon.load(extra=[extra])
    assert lex.domains("the Gaganyaan programme") == ("space",)
    assert lex.domains("TB drugs") == ("health",)
    assert "health" not in lex.domains("tb")


def test_unknown_domain_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("spaceflight:\n  - rocket\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown domain 'spaceflight'"):
        DomainLexicon.load(extra=[bad])
    worse = tmp_path / "worse.yaml"
    worse.write_text("space: rocket\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="list of non-empty strings"):
        DomainLexicon.load(extra=[worse])


def test_seed_sentence_with_listed_fields(lex: DomainLexicon) -> None:
    text = (
        "These include critical and emerging technologies, semiconductors, green hydrogen, "
        "human resource mobility, nuclear collaboration, and supply chain resilience."
    )
    assert set(lex.domains(text)) == {"technology", "semiconductors", "energy", "mobility", "nuclear", "supply_chains"}

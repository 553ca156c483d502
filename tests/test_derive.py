"""Derived fields: PLOVER view, quad class, CAMEO code and Goldstein score."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from diplograph.stages.derive import Reference
from diplograph.types import Entity, Event, Evidence


@pytest.fixture(scope="module")
def ref() -> Reference:
    return Reference.load()


def _event(kind: str, status: str, mode: str | None = None) -> Event:
    return Event(
        id="e1", doc_id="d1", event=kind, status=status,  # type: ignore[arg-type]
        actor=Entity("IND", "GOV"), recipient=Entity("KOR", "GOV"), mode=mode,
        evidence=Evidence("India and South Korea met.", 0, 26),
    )


@pytest.mark.parametrize(
    ("event", "status", "expected"),
    [
        ("CONSULT", "asserted", "CONSULT"),
        ("COOPERATE", "intended", "AGREE"),
        ("CONSULT", "intended", "AGREE"),
        ("RETREAT", "intended", "AGREE"),
        ("SUPPORT", "considered", None),
        ("SUPPORT", "hypothetical", None),
        ("SUPPORT", "negated", "REJECT"),
        ("ASSAULT", "negated", "REJECT"),
        ("ASSAULT", "intended", "THREATEN"),
        ("SANCTION", "intended", "THREATEN"),
        ("MOBILIZE", "intended", "THREATEN"),
        ("COERCE", "intended", "THREATEN"),
        ("ACCUSE", "intended", None),
        ("REQUEST", "intended", None),
        ("PROTEST", "intended", None),
        ("NOT_A_TYPE", "asserted", None),
    ],
)
def test_plover_event_follows_events_md_section_5(ref: Reference, event: str, status: str, expected: str | None) -> None:
    assert ref.plover_event(event, status) == expected


def test_quad_class_of_plover_view_else_of_event(ref: Reference) -> None:
    assert ref.quad_class("AGREE", "COOPERATE") == 1
    assert ref.quad_class("THREATEN", "ASSAULT") == 3
    assert ref.quad_class(None, "SUPPORT") == 1
    assert ref.quad_class(None, "AID") == 2
    assert ref.quad_class("SANCTION", "SANCTION") == 4
    assert ref.quad_class(None, "UNKNOWN") is None


def test_asserted_visit_is_cameo_make_a_visit(ref: Reference) -> None:
    assert ref.cameo("CONSULT", "visit", "asserted") == "042"
    assert ref.goldstein("042") == pytest.approx(1.9)
    assert ref.cameo("CONSULT", "phone", "asserted") == "041"
    assert ref.cameo("CONSULT", None, "asserted") == "040"


def test_intended_cooperation_takes_express_intent_codes(ref: Reference) -> None:
    assert ref.cameo("COOPERATE", None, "intended") == "031"
    assert ref.cameo("CONSULT", "visit", "intended") == "036"
    assert ref.cameo("AID", None, "intended") == "033"
    assert all(ref.cameo(t, None, "intended").startswith("03") for t in ("AGREE", "SUPPORT", "CONCEDE"))


def test_negated_and_threatened_take_reject_and_threaten_codes(ref: Reference) -> None:
    assert ref.cameo("CONSULT", None, "negated") == "125"
    assert ref.cameo("SUPPORT", None, "negated").startswith("12")
    assert ref.cameo("ASSAULT", None, "intended") == "138"
    assert ref.cameo("SANCTION", None, "intended").startswith("13")


def test_no_plover_event_means_no_cameo(ref: Reference) -> None:
    assert ref.cameo("SUPPORT", None, "considered") is None
    assert ref.cameo("ACCUSE", None, "intended") is None
    assert ref.goldstein(None) is None
    assert ref.goldstein("999") is None


def test_invalid_mode_is_ignored(ref: Reference) -> None:
    assert ref.cameo("CONSULT", "firearms", "asserted") == "040"


def test_modes_come_from_the_2024_codebook(ref: Reference) -> None:
    assert ref.modes("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert "aerial" in ref.modes("ASSAULT")
    assert ref.modes("AGREE") == ()
    assert ref.modes("NOPE") == ()


@pytest.mark.parametrize("status", ["asserted", "intended", "negated"])
def test_every_codebook_event_and_mode_has_a_cameo_code_with_goldstein(ref: Reference, status: str) -> None:
    for event in ref.type_modes:
        for mode in (None, *ref.modes(event)):
            if ref.plover_event(event, status) is None:
                continue
            code = ref.cameo(event, mode, status)
            assert code is not None and ref.goldstein(code) is not None, (event, mode, status, code)
            assert code in ref.cameo_names


def test_choice_table_only_names_existing_codes(ref: Reference) -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "reference" / "cameo_choices.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        assert row["cameo"] in ref.goldsteins, row
        assert row["event"] in ref.type_modes, row
        assert row["mode"] == "" or row["mode"] in ref.modes(row["event"]), row


def test_derive_fills_all_four_fields(ref: Reference) -> None:
    out = ref.derive(_event("CONSULT", "asserted", "visit"))
    assert (out.plover_event, out.quad_class, out.cameo, out.goldstein) == ("CONSULT", 1, "042", pytest.approx(1.9))
    intended = ref.derive(_event("COOPERATE", "intended"))
    assert (intended.plover_event, intended.quad_class, intended.cameo) == ("AGREE", 1, "031")
    considered = ref.derive(_event("SUPPORT", "considered"))
    assert (considered.plover_event, considered.quad_class, considered.cameo, considered.goldstein) == (None, 1, None, None)
    assert considered.event == "SUPPORT" and considered.actor.code == "IND"


def test_seed_gold_events_derive_consistently(ref: Reference) -> None:
    seeds = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold" / "seeds.jsonl"
    if not seeds.exists():
        pytest.skip(f"shared gold files not found at {seeds}")
    import json

    events = [Event.from_dict(e) for line in seeds.read_text(encoding="utf-8").splitlines() for e in json.loads(line)["events"]]
    derived = [ref.derive(e) for e in events]
    assert len(derived) == 25
    for ev in derived:
        if ev.status == "asserted":
            assert ev.plover_event == ev.event and ev.cameo is not None
        if ev.status == "considered":
            assert ev.plover_event is None and ev.cameo is None
    assert any(ev.status == "negated" and ev.plover_event == "REJECT" for ev in derived)

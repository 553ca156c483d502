"""Multi-party events: lists, passives, gapping, named groups of states and "the three countries"
(EVENTS.md section 2: one event per pair, a shared ``group``). Sentences written for these tests."""

from __future__ import annotations


def coded(pipeline, text: str, pubdate: str = "2024-05-10") -> set[tuple]:
    return {(e.event, e.status, e.actor.code, e.recipient.code if e.recipient else None)
            for e in pipeline.code_text(text, pubdate=pubdate)}


def test_passive_light_verb_with_a_list_of_agents_gives_each_agent(pipeline):
    got = coded(pipeline, "Tents and medicine were flown into Nepal by India, Bhutan and Japan on Sunday.")
    assert {("AID", "asserted", c, "NPL") for c in ("IND", "BTN", "JPN")} <= got
    assert not any(e[2] in ("IND", "BTN", "JPN") and e[3] in ("IND", "BTN", "JPN") for e in got)


def test_passive_sanctions_with_their_target(pipeline):
    got = coded(pipeline, "Fresh sanctions were imposed on Belarus by Canada and Australia last week.")
    assert {("SANCTION", "asserted", "CAN", "BLR"), ("SANCTION", "asserted", "AUS", "BLR")} <= got


def test_passive_light_verb_without_an_agent_codes_nothing(pipeline):
    assert not coded(pipeline, "Sanctions were imposed on Belarus last week.")


def test_the_three_countries_stands_for_the_three_just_listed(pipeline):
    got = coded(pipeline, "Kenya, Uganda and Rwanda met in Kampala. The three countries agreed to build a railway.")
    agree = {frozenset(e[2:]) for e in got if e[0] == "AGREE"}
    assert agree == {frozenset({"KEN", "UGA"}), frozenset({"KEN", "RWA"}), frozenset({"UGA", "RWA"})}


def test_the_three_countries_joins_the_parties_of_one_sentence(pipeline):
    got = coded(pipeline, "Jordan hosted the foreign ministers of Iraq and Lebanon on Monday. "
                          "The three countries condemned Israel.")
    assert {("ACCUSE", "asserted", c, "ISR") for c in ("JOR", "IRQ", "LBN")} <= got


def test_a_count_that_does_not_match_the_parties_named_resolves_nothing(pipeline):
    got = coded(pipeline, "Kenya and Uganda met in Kampala. The three countries condemned Israel.")
    assert not any(e[0] == "ACCUSE" for e in got)

"""Behaviour of the event coder on sentences written for these tests (not from the dev or seed sets)."""

from __future__ import annotations

import pytest

from diplograph.stages.triggers import TriggerLexicon
from diplograph.errors import LexiconError


def coded(pipeline, text: str, pubdate: str = "2024-03-15") -> set[tuple]:
    return {(e.event, e.status, e.actor.code, e.recipient.code if e.recipient else None)
            for e in pipeline.code_text(text, pubdate=pubdate)}


def test_meeting_is_consult_between_the_two_states(pipeline):
    got = coded(pipeline, "Brazilian President Luiz Inacio Lula da Silva met Argentine President Javier Milei in Brasilia.")
    assert ("CONSULT", "asserted", "BRA", "ARG") in got


def test_visit_is_consult_with_mode_visit_and_visitor_as_actor(pipeline):
    events = pipeline.code_text("Japan's foreign minister visited Vietnam on Tuesday.", pubdate="2024-03-15")
    visits = [e for e in events if e.event == "CONSULT"]
    assert visits and visits[0].actor.code == "JPN" and visits[0].recipient.code == "VNM"
    assert visits[0].mode == "visit"
    assert visits[0].date == "2024-03-12"


def test_considering_joining_is_considered_support(pipeline):
    got = coded(pipeline, "Vietnam is considering joining the BRICS group of emerging economies.")
    assert ("SUPPORT", "considered", "VNM", "IGO:BRICS") in got


def test_refrained_from_joining_is_negated(pipeline):
    got = coded(pipeline, "Turkey has so far refrained from joining NATO's new air defence initiative, unlike Poland.")
    assert any(e[0] == "SUPPORT" and e[1] == "negated" and e[2] == "TUR" for e in got)


def test_urged_to_join_is_request_only(pipeline):
    got = coded(pipeline, "France urged Germany to join the European Sky Shield project.")
    assert ("REQUEST", "asserted", "FRA", "DEU") in got
    assert not any(e[0] == "SUPPORT" and e[2] == "DEU" for e in got)


def test_agreed_to_hold_gives_agree_and_intended_consult(pipeline):
    got = coded(pipeline, "Egypt and Qatar agreed on Monday to hold talks next month.")
    assert ("AGREE", "asserted", "EGY", "QAT") in got
    assert ("CONSULT", "intended", "EGY", "QAT") in got


def test_will_makes_intended(pipeline):
    got = coded(pipeline, "Kenya will send 1,000 police officers to Haiti, its foreign ministry said.")
    assert any(e[1] == "intended" and e[2] == "KEN" for e in got)


def test_if_clause_is_hypothetical(pipeline):
    got = coded(pipeline, "China would impose sanctions on Lithuania if it opened a Taiwan office, Beijing said.")
    assert any(e[0] == "SANCTION" and e[1] in ("hypothetical", "intended") and e[2] == "CHN" for e in got)


def test_passive_agent_is_actor(pipeline):
    got = coded(pipeline, "Ukraine was attacked by Russia overnight.", pubdate="2024-03-15")
    assert ("ASSAULT", "asserted", "RUS", "UKR") in got


def test_trilateral_gives_one_event_per_pair_with_group(pipeline):
    events = pipeline.code_text("Japan and the Philippines signed a defence pact with Australia on Friday.", pubdate="2024-03-15")
    pairs = {frozenset({e.actor.code, e.recipient.code}) for e in events if e.event == "SUPPORT"}
    assert pairs >= {frozenset({"JPN", "PHL"}), frozenset({"JPN", "AUS"}), frozenset({"PHL", "AUS"})}
    groups = {e.group for e in events if e.event == "SUPPORT"}
    assert len(groups) == 1 and None not in groups


def test_no_event_for_opinion_without_actor_pair(pipeline):
    assert pipeline.code_text("Analysts say the global economy is slowing down.", pubdate="2024-03-15") == []
    assert pipeline.code_text("The stock market rose sharply on Friday.", pubdate="2024-03-15") == []


def test_negation_not_gives_negated(pipeline):
    got = coded(pipeline, "Mexico did not sign the agreement with the United States.")
    assert any(e[0] in ("SUPPORT", "AGREE") and e[1] == "negated" and e[2] == "MEX" for e in got)


def test_event_reported_twice_is_one_event(pipeline):
    text = ("Germany imposed sanctions on Iran on Monday. "
            "The sanctions Germany imposed on Iran target its drone makers.")
    events = [e for e in pipeline.code_text(text, pubdate="2024-03-15") if e.event == "SANCTION"]
    assert len(events) == 1


def test_evidence_offsets_point_into_the_text(pipeline):
    text = "Some background first.\nIndia and Japan signed a maritime security agreement in Tokyo."
    events = pipeline.code_text(text, pubdate="2024-03-15")
    assert events
    for e in events:
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text


def test_derived_fields_are_filled(pipeline):
    events = pipeline.code_text("Russia attacked Ukraine's power grid on Sunday.", pubdate="2024-03-15")
    assault = [e for e in events if e.event == "ASSAULT"]
    assert assault and assault[0].quad_class == 4 and assault[0].cameo and assault[0].goldstein is not None


def test_user_trigger_file_extends_lexicon(tmp_path):
    extra = tmp_path / "verbs.yaml"
    extra.write_text("triggers:\n  - {lemma: hobnob, event: CONSULT, recipient: ['pobj:with'], symmetric: true}\n")
    lex = TriggerLexicon.load(extra=[extra])
    assert lex.lookup("VERB", "hobnob")[0].event == "CONSULT"


def test_bad_trigger_file_names_file_and_entry(tmp_path):
    bad = tmp_path / "verbs.yaml"
    bad.write_text("triggers:\n  - {lemma: meet, event: GREET}\n")
    with pytest.raises(LexiconError, match="entry 1.*GREET"):
        TriggerLexicon.load(extra=[bad])


def test_relative_clause_inside_a_request_keeps_its_own_event(pipeline):
    got = coded(pipeline, "Brazil has urged Argentina to join the International Solar Alliance, "
                          "which Chile has so far refrained from joining.")
    assert ("REQUEST", "asserted", "BRA", "ARG") in got
    assert ("SUPPORT", "negated", "CHL", "IGO:ISA") in got
    assert not any(e[0] == "SUPPORT" and e[2] == "ARG" for e in got)


def test_domestic_protest_is_coded_toward_own_government(pipeline):
    got = coded(pipeline, "Thousands of Serbian students marched in Belgrade on Saturday.")
    assert any(e[0] == "PROTEST" and e[2] == "SRB" and e[3] == "SRB" for e in got)


def test_follow_up_sentence_enriches_the_meeting_with_domains(pipeline):
    text = ("Chinese President Xi Jinping met Brazilian President Lula on the sidelines of the G20 summit on Monday. "
            "The two leaders discussed trade, investment and climate change.")
    events = [e for e in pipeline.code_text(text, pubdate="2024-11-20") if e.event == "CONSULT"]
    assert len(events) == 1
    assert events[0].mode == "multilateral"
    assert {"trade", "investment", "climate"} <= set(events[0].domains)


def test_named_coalition_gives_one_event_per_member_but_no_pairs_inside_it(pipeline):
    events = [e for e in pipeline.code_text("Iran held talks with the six world powers in Vienna on Monday.",
                                            pubdate="2015-07-14") if e.event == "CONSULT"]
    pairs = {frozenset({e.actor.code, e.recipient.code}) for e in events}
    assert pairs == {frozenset({"IRN", c}) for c in ("USA", "GBR", "FRA", "RUS", "CHN", "DEU")}


def test_every_lexicon_mode_is_a_plover_mode_of_its_type():
    from diplograph.stages.derive import Reference

    reference = Reference.load()
    lexicon = TriggerLexicon.load()
    for entries in lexicon.index.values():
        for trigger in entries:
            for mode in [trigger.mode, *(name for name, _ in trigger.mode_if)]:
                assert mode is None or mode in reference.modes(trigger.event), (trigger.lemma, trigger.event, mode)


def test_mode_comes_from_the_clause(pipeline):
    events = pipeline.code_text("Israeli warplanes struck Hezbollah positions in southern Lebanon on Monday.",
                                pubdate="2024-09-24")
    assert any(e.event == "ASSAULT" and e.mode == "aerial" for e in events)


def test_reported_attack_is_coded_with_the_reporters_accusation(pipeline):
    got = coded(pipeline, "Armenia said on Tuesday that Azerbaijani forces had shelled its border villages.",
                pubdate="2024-03-12")
    assert ("ACCUSE", "asserted", "ARM", "AZE") in got
    assert any(e[0] == "ASSAULT" and e[2] == "AZE" for e in got)


def test_agentless_passive_arrest_is_coded_as_the_states_own_coercion(pipeline):
    got = coded(pipeline, "Dozens of Belarusian opposition activists were arrested in Minsk on Sunday.", pubdate="2024-03-11")
    assert any(e[0] == "COERCE" and e[2] == "BLR" and e[3] == "BLR" for e in got)


def test_passive_relative_clause_keeps_the_direction(pipeline):
    got = coded(pipeline, "Protesters marched against Prime Minister Robert Fico, who is backed by Russia, on Friday.",
                pubdate="2024-03-11")
    assert ("SUPPORT", "asserted", "RUS", "SVK") in got


def test_rejecting_talks_is_a_reject_not_a_negated_meeting(pipeline):
    got = coded(pipeline, "Serbia on Monday rejected any further talks with Kosovo.", pubdate="2024-03-11")
    assert ("REJECT", "asserted", "SRB", "KOS") in got
    assert not any(e[0] == "CONSULT" for e in got)


def test_arrest_of_unnamed_people_is_domestic_coercion(pipeline):
    got = coded(pipeline, "Venezuelan police arrested dozens of opposition activists in Caracas on Sunday.",
                pubdate="2024-03-11")
    assert any(e[0] == "COERCE" and e[2] == "VEN" and e[3] == "VEN" for e in got)


def test_participle_and_coordinated_acts_keep_their_own_status(pipeline):
    got = coded(pipeline, "Chile has so far declined Argentina's offer of firefighters, accepting help only from Peru.",
                pubdate="2024-03-11")
    assert ("AID", "asserted", "PER", "CHL") in got


def test_a_vow_of_force_is_a_threat_and_names_its_target(pipeline):
    got = coded(pipeline, "Iran vowed on Sunday to retaliate against Israel.", pubdate="2024-04-14")
    assert ("THREATEN", "asserted", "IRN", "ISR") in got
    assert not any(e[0] == "AGREE" for e in got)
    got = coded(pipeline, "President Donald Trump threatened on Friday to close the U.S. border with Mexico.",
                pubdate="2019-03-29")
    assert ("THREATEN", "asserted", "USA", "MEX") in got

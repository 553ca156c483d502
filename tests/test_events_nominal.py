"""Events a text reports through a noun in an adjunct or background phrase (sentences written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.errors import LexiconError
from diplograph.stages.triggers import TriggerLexicon


def coded(pipeline, text: str, pubdate: str = "2024-05-10") -> set[tuple]:
    return {(e.event, e.status, e.actor.code, e.recipient.code if e.recipient else None)
            for e in pipeline.code_text(text, pubdate=pubdate)}


# ----------------------------------------------------------------- demands and offers with a named doer


def test_giving_in_to_a_demand_from_a_junta_is_the_juntas_request(pipeline):
    got = coded(pipeline, "Paris agreed to pull its soldiers out of Mali, giving in to a demand from the Malian junta.")
    assert ("REQUEST", "asserted", "MLI", "FRA") in got
    assert ("RETREAT", "intended", "FRA", "MLI") in got


def test_a_request_answered_in_response_is_made_to_the_responder(pipeline):
    got = coded(pipeline, "Tokyo sent two coast guard vessels to Manila in response to a request from the Philippines.")
    assert ("REQUEST", "asserted", "PHL", "JPN") in got


def test_a_possessive_demand_is_the_possessors_request(pipeline):
    got = coded(pipeline, "Ecuador bowed to Colombia's demand for the return of the fugitive.")
    assert ("REQUEST", "asserted", "COL", "ECU") in got


def test_a_court_appeal_is_not_a_request(pipeline):
    got = coded(pipeline, "A court in Minsk rejected an appeal by the Lithuanian journalist against his conviction.")
    assert not any(e[0] == "REQUEST" for e in got)


def test_a_demand_with_no_named_doer_still_needs_its_verb(pipeline):
    got = coded(pipeline, "The demand for early elections divided Peru's parliament.")
    assert not any(e[0] == "REQUEST" for e in got)


def test_weighing_an_offer_is_a_considered_agreement_beside_the_offer(pipeline):
    got = coded(pipeline, "Hanoi is weighing a proposal from Canberra to expand their maritime cooperation.")
    assert ("AGREE", "considered", "VNM", "AUS") in got
    assert ("AGREE", "asserted", "AUS", "VNM") in got


def test_weighing_an_unsourced_proposal_codes_nothing(pipeline):
    assert not any(e[0] == "AGREE" for e in coded(pipeline, "Baku said on Friday it was studying the proposal."))


def test_considering_a_deployment_keeps_its_complement(pipeline):
    got = coded(pipeline, "Lithuania is considering moving 2,000 more troops to its border with Belarus.")
    assert ("MOBILIZE", "considered", "LTU", "BLR") in got


# ----------------------------------------------------------------- agreements not reached


def test_talks_that_broke_down_without_agreement_give_a_negated_agree(pipeline):
    got = coded(pipeline, "Talks between Ghana and Togo broke down on Tuesday without agreement on the border.")
    assert ("CONSULT", "asserted", "GHA", "TGO") in got
    assert ("AGREE", "negated", "GHA", "TGO") in got
    assert not any(e[0] == "AGREE" and e[1] != "negated" for e in got)


def test_a_summit_ending_with_no_deal_gives_a_negated_agree(pipeline):
    got = coded(pipeline, "A summit between the Egyptian and Sudanese leaders ended on Friday with no deal on the dam.")
    assert ("AGREE", "negated", "EGY", "SDN") in got


def test_parties_that_ended_talks_without_reaching_a_deal_did_not_agree(pipeline):
    got = coded(pipeline, "Chile and Bolivia ended their talks without reaching an agreement on water rights.")
    assert ("AGREE", "negated", "CHL", "BOL") in got
    assert ("AGREE", "asserted", "CHL", "BOL") not in got


def test_talks_that_failed_to_yield_an_accord_did_not_agree(pipeline):
    got = coded(pipeline, "Talks between Chile and Peru in Lima failed to yield an accord.")
    assert ("AGREE", "negated", "CHL", "PER") in got


def test_talks_that_yielded_an_agreement_agreed(pipeline):
    got = coded(pipeline, "Three days of talks between Norway and Iceland yielded an agreement on fishing quotas.")
    assert ("AGREE", "asserted", "NOR", "ISL") in got


# ----------------------------------------------------------------- mediated meetings


def test_the_mediator_of_talks_is_no_party_and_makes_them_third_party(pipeline):
    events = pipeline.code_text("EU-mediated talks between Armenia and Azerbaijan resumed in Brussels on Monday.",
                                pubdate="2024-05-10")
    pairs = {(e.event, frozenset({e.actor.code, e.recipient.code if e.recipient else None}), e.mode) for e in events}
    assert ("CONSULT", frozenset({"ARM", "AZE"}), "third-party") in pairs
    assert not any("IGO:EU" in p for _, p, _ in pairs)


def test_talks_hosted_by_a_third_state_leave_the_host_out(pipeline):
    got = coded(pipeline, "Talks hosted by Qatar between Ethiopia and Eritrea ended on Sunday.")
    assert ("CONSULT", "asserted", "ETH", "ERI") in got
    assert not any("QAT" in e for e in got)


# ----------------------------------------------------------------- trade sanctions


def test_curbs_on_exports_to_a_state_sanction_that_state(pipeline):
    got = coded(pipeline, "Seoul protested Tokyo's tighter curbs on exports of chemicals to South Korea.")
    assert ("SANCTION", "asserted", "JPN", "KOR") in got
    assert ("ACCUSE", "asserted", "KOR", "JPN") in got


def test_a_ban_on_exports_is_an_export_ban(pipeline):
    got = coded(pipeline, "India announced a ban on exports of rice to Nepal.")
    assert ("SANCTION", "asserted", "IND", "NPL") in got


def test_a_relative_clause_restating_a_measure_is_one_event(pipeline):
    events = pipeline.code_text("On Friday, Canada announced new restrictions on flights to Iran. Tehran rejected the "
                                "new measure that bans flights to Iranian cities.", pubdate="2024-05-12")
    assert len([e for e in events if e.event == "SANCTION" and e.actor.code == "CAN"]) == 1


# ----------------------------------------------------------------- protests named by their target


def test_planned_protests_against_a_president_are_intended_protests_of_his_people(pipeline):
    got = coded(pipeline, "Police sealed off central Lima ahead of Friday's planned protests against President Dina "
                          "Boluarte.")
    assert ("PROTEST", "intended", "PER", "PER") in got


def test_anti_government_protests_in_a_country_are_its_peoples(pipeline):
    got = coded(pipeline, "The anti-government protests in Serbia entered their third week.")
    assert ("PROTEST", "asserted", "SRB", "SRB") in got


def test_protests_outside_an_embassy_are_by_the_host_countrys_people(pipeline):
    got = coded(pipeline, "Officials condemned the violent protests outside the French embassy in Niamey.")
    assert ("PROTEST", "asserted", "NER", "FRA") in got
    assert ("PROTEST", "asserted", "FRA", "FRA") not in got


def test_protests_against_a_foreign_state_with_no_place_code_nothing(pipeline):
    got = coded(pipeline, "The protests against Israel's offensive grew.")
    assert not any(e[0] == "PROTEST" for e in got)


def test_funding_protests_is_not_protesting(pipeline):
    got = coded(pipeline, "Moscow accused Washington of funding the anti-government protests in Georgia.")
    assert not any(e[0] == "PROTEST" and e[2] == "USA" for e in got)


# ----------------------------------------------------------------- lexicon


def test_or_named_is_validated(tmp_path: Path):
    user = tmp_path / "verbs.yaml"
    user.write_text("triggers:\n  - {pos: NOUN, lemma: [plea], event: REQUEST, or_named: someone}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="or_named must be"):
        TriggerLexicon.load([user])


def test_demand_nouns_stand_in_for_their_verb_when_the_doer_is_named():
    lexicon = TriggerLexicon.load()
    assert any(t.or_named == "doer" for t in lexicon.lookup("NOUN", "demand"))
    assert not any(t.or_named for t in lexicon.lookup("NOUN", "appeal"))  # "an appeal by X against his conviction"
    assert any(t.or_named == "target" for t in lexicon.lookup("NOUN", "protest"))


# ----------------------------------------------------------------- applications, build-ups, acts a relative clause reports


def test_applications_a_relative_clause_says_were_submitted_are_support_for_the_bloc(pipeline):
    got = coded(pipeline, "Austria has not blocked the EU membership applications that Moldova and Georgia submitted "
                          "in March.")
    assert ("SUPPORT", "asserted", "MDA", "IGO:EU") in got
    assert ("SUPPORT", "asserted", "GEO", "IGO:EU") in got


def test_approving_another_states_bid_keeps_the_bid(pipeline):
    got = coded(pipeline, "Hungary finally approved Sweden's NATO membership bid on Tuesday.")
    assert ("SUPPORT", "asserted", "SWE", "IGO:NATO") in got
    assert ("SUPPORT", "asserted", "HUN", "SWE") in got


def test_ordering_a_siege_of_a_place_is_one_event(pipeline):
    got = coded(pipeline, "The general ordered a complete siege of Mariupol on Monday, Russia's defence ministry said.")
    assert len([e for e in got if e[0] == "COERCE"]) <= 1


def test_a_build_up_of_troops_near_a_border_mobilizes_toward_the_neighbour(pipeline):
    got = coded(pipeline, "Vilnius warned of a build-up of Russian troops near the border with Lithuania.")
    assert ("MOBILIZE", "asserted", "RUS", "LTU") in got


def test_a_build_up_with_no_named_target_codes_nothing(pipeline):
    got = coded(pipeline, "Analysts discussed the Russian troop build-up on Tuesday.")
    assert not any(e[0] == "MOBILIZE" for e in got)


# ----------------------------------------------------------------- the meeting a demand was made in


def test_a_call_the_parser_hung_inside_the_demanded_act_is_the_demands_setting(pipeline):
    got = coded(pipeline, "Biden urged Indian Prime Minister Narendra Modi not to buy more Russian oil during a video "
                          "call on Monday.")
    assert ("CONSULT", "asserted", "USA", "IND") in got
    assert ("REQUEST", "asserted", "USA", "IND") in got


def test_a_state_visit_during_which_a_leader_urged_another_is_coded(pipeline):
    got = coded(pipeline, "The Turkish president urged Iraqi Prime Minister Mohammed Shia al-Sudani to crack down on "
                          "PKK fighters during a state visit to Baghdad.")
    assert ("CONSULT", "asserted", "TUR", "IRQ") in got


def test_a_phone_call_is_with_the_party_the_caller_addressed(pipeline):
    got = coded(pipeline, "The Japanese premier assured Philippine President Ferdinand Marcos of support during a phone "
                          "call on Friday.")
    assert ("CONSULT", "asserted", "JPN", "PHL") in got


def test_the_addressees_own_visit_stays_the_content_of_the_demand(pipeline):
    got = coded(pipeline, "Macron urged Scholz to raise human rights during his visit to China next week.")
    assert not any(e[0] == "CONSULT" for e in got)


def test_complying_with_a_ministers_request_is_a_domestic_request_dated_apart_from_its_content(pipeline):
    events = pipeline.code_text("On Tuesday, the Dutch king agreed to comply with the request of Prime Minister Mark Rutte "
                                "to dissolve parliament in November.", pubdate="2024-05-10")
    requests = [e for e in events if e.event == "REQUEST"]
    assert [(e.actor.code, e.recipient.code if e.recipient else None) for e in requests] == [("NLD", "NLD")]
    assert requests[0].date != "2023-11"  # "in November" dates the dissolution, not the request


def test_dotted_names_joined_by_a_hyphen_are_two_tokens(pipeline):
    got = coded(pipeline, "The U.S.-China talks in Geneva ended on Sunday.")
    assert ("CONSULT", "asserted", "USA", "CHN") in got


# ----------------------------------------------------------------- promised aid, a state and its challengers


def test_aid_offered_or_pledged_is_intended(pipeline):
    got = coded(pipeline, "Germany pledged 2 billion euros in aid to Jordan on Monday.")
    assert ("AID", "intended", "DEU", "JOR") in got
    assert ("AID", "asserted", "DEU", "JOR") in coded(pipeline, "Germany gave 2 billion euros in aid to Jordan on Monday.")


def test_an_offer_of_loans_is_intended_aid(pipeline):
    got = coded(pipeline, "The IMF renewed its offer of cheap loans to Italy.")
    assert ("AID", "intended", "IGO:IMF", "ITA") in got
    assert not any(e[0] == "AGREE" for e in got)


def test_a_government_and_its_opposition_signing_a_deal_pair_the_state_with_itself(pipeline):
    got = coded(pipeline, "The Venezuelan government and the opposition signed an agreement in Barbados.")
    assert ("SUPPORT", "asserted", "VEN", "VEN") in got


def test_two_officials_of_one_government_are_no_pair(pipeline):
    assert not coded(pipeline, "Putin and Lavrov agreed on a plan.")


# ----------------------------------------------------------------- passive light verbs


def test_a_passive_light_verb_takes_its_subject_as_object(pipeline):
    got = coded(pipeline, "A free trade agreement between the European Union and Chile was approved by the European "
                          "Parliament on Wednesday.")
    assert ("SUPPORT", "asserted", "IGO:EU", "CHL") in got


def test_talks_held_between_two_states_in_the_passive(pipeline):
    assert ("CONSULT", "asserted", "GHA", "TGO") in coded(pipeline, "Talks were held between Ghana and Togo in Accra.")


def test_a_passive_sanction_without_a_doer_codes_nothing(pipeline):
    assert not coded(pipeline, "New sanctions were imposed on Russia on Friday.")


def test_hours_of_talks_held_by_two_nations_officials(pipeline):
    got = coded(pipeline, "Senior U.S. and Cuban officials held more than six hours of talks in Mexico City on Friday.")
    assert ("CONSULT", "asserted", "USA", "CUB") in got or ("CONSULT", "asserted", "CUB", "USA") in got


def test_the_parties_that_reached_a_passive_deal_held_the_talks_it_came_from(pipeline):
    got = coded(pipeline, "A deal was reached by Ghana and Togo at talks in Accra on Monday.")
    assert ("CONSULT", "asserted", "GHA", "TGO") in got
    assert ("AGREE", "asserted", "GHA", "TGO") in got


def test_working_to_end_a_war_is_not_waging_it(pipeline):
    got = coded(pipeline, "Colombian and Venezuelan officials agreed to appoint teams to work toward ending the war.")
    assert not any(e[0] == "ASSAULT" for e in got)


# ----------------------------------------------------------------- the prefilter knows these paths


def test_prefilter_keeps_sentences_whose_noun_stands_without_its_verb():
    from diplograph.stages.nlp import SentencePrefilter

    prefilter = SentencePrefilter.from_lexicon(TriggerLexicon.load())
    assert prefilter.wants("They heeded a plea from Kenya".split())  # a named doer instead of the verb
    assert prefilter.wants("It ended without agreement".split())  # an agreement not reached
    assert prefilter.wants("a build - up of troops near Latvia".split())  # "build-up" split by the tokenizer
    assert not prefilter.wants("The weather was mild in Riga".split())


def test_a_rally_with_no_target_takes_no_crowd_from_its_place(pipeline):
    assert not coded(pipeline, "At the rally in Brussels, people held up signs.")

"""Reactions, shared status and who-does-what inside noun phrases (sentences written for these tests)."""

from __future__ import annotations

from diplograph.stages.triggers import TriggerLexicon


def coded(pipeline, text: str, pubdate: str = "2024-05-10") -> set[tuple]:
    return {(e.event, e.status, e.actor.code, e.recipient.code if e.recipient else None)
            for e in pipeline.code_text(text, pubdate=pubdate)}


def test_calling_an_act_unacceptable_disapproves_of_whoever_did_it(pipeline):
    got = coded(pipeline, "Algeria expelled twelve French diplomats on Monday, a move Paris called unacceptable.")
    assert ("ACCUSE", "asserted", "FRA", "DZA") in got
    assert not any(e[0] == "CONSULT" for e in got)  # "called" here is not a phone call


def test_dismissing_a_charge_as_baseless_rejects_its_author(pipeline):
    got = coded(pipeline, "Chile accused Peru of spying on its navy, a charge the Peruvian government dismissed as baseless.")
    assert ("ACCUSE", "asserted", "CHL", "PER") in got
    assert ("REJECT", "asserted", "PER", "CHL") in got


def test_describing_a_decision_as_historic_supports_the_decider(pipeline):
    events = pipeline.code_text("The Kenyan president praised Ghana's decision to scrap visas for Africans, calling it a "
                                "historic step.", pubdate="2024-05-10")
    got = {(e.event, e.actor.code, e.recipient.code if e.recipient else None) for e in events}
    assert ("SUPPORT", "KEN", "GHA") in got
    assert ("CONSULT", "KEN", "GHA") not in got


def test_evaluation_words_are_lexicon_data():
    lexicon = TriggerLexicon.load()
    assert "call" in lexicon.evaluation.verbs
    assert lexicon.evaluation.reading({"unacceptable"}).event == "ACCUSE"
    assert lexicon.evaluation.reading({"ridiculous"}).event == "REJECT"
    assert lexicon.evaluation.reading({"weather"}) is None


def test_coordinated_complements_share_the_intended_status(pipeline):
    got = coded(pipeline, "Qatar and Egypt agreed on Sunday to restore diplomatic relations and reopen their embassies.")
    assert ("AGREE", "asserted", "QAT", "EGY") in got
    supports = {e for e in got if e[0] == "SUPPORT"}
    assert supports == {("SUPPORT", "intended", "QAT", "EGY")}


def test_possessor_of_a_decision_does_what_was_decided(pipeline):
    got = coded(pipeline, "The Swiss president welcomed Norway's decision to grant asylum to Afghan women.")
    assert ("SUPPORT", "asserted", "CHE", "NOR") in got
    assert not any(e[2] == "CHE" and e[0] == "AID" for e in got)  # the welcomer does not grant asylum


def test_a_single_actor_with_several_partners_is_paired_with_each_not_them_with_each_other(pipeline):
    got = coded(pipeline, "Portugal held talks with Angola, Mozambique and Cape Verde in Lisbon on Friday.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "CONSULT"}
    assert {frozenset({"PRT", "AGO"}), frozenset({"PRT", "MOZ"}), frozenset({"PRT", "CPV"})} <= pairs
    assert frozenset({"AGO", "MOZ"}) not in pairs


def test_talks_between_several_parties_pair_all_of_them(pipeline):
    got = coded(pipeline, "Norway offered to host talks between Colombia, Venezuela and Ecuador.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "CONSULT"}
    assert frozenset({"COL", "VEN"}) in pairs and frozenset({"VEN", "ECU"}) in pairs


def test_background_clause_keeps_its_own_status(pipeline):
    got = coded(pipeline, "Austria is considering joining the alliance, after Ireland's president and prime minister "
                          "came out in favour of joining NATO.")
    assert ("SUPPORT", "asserted", "IRL", "IGO:NATO") in got
    assert not any(e[2] == "AUT" and e[1] == "asserted" and e[0] == "SUPPORT" for e in got)


def test_call_in_which_something_was_discussed_took_place(pipeline):
    events = pipeline.code_text("The leaders of Japan and India discussed coordinating their energy purchases in a "
                                "telephone call on Monday.", pubdate="2024-05-10")
    calls = [e for e in events if e.event == "CONSULT"]
    assert calls and all(e.status == "asserted" for e in calls)


def test_condemning_an_attack_does_not_make_the_condemner_the_attacker(pipeline):
    got = coded(pipeline, "Estonia and Latvia condemned the missile attack on Ukrainian cities on Monday.")
    assert not any(e[0] == "ASSAULT" and e[2] in ("EST", "LVA") for e in got)


def test_launching_strikes_makes_the_subject_the_attacker(pipeline):
    got = coded(pipeline, "Turkey launched air strikes on Kurdish militant positions in northern Iraq on Sunday.")
    assert any(e[0] == "ASSAULT" and e[2] == "TUR" and e[3] == "IRQ" for e in got)


def statuses(pipeline, text: str, event: str) -> set[str]:
    return {e.status for e in pipeline.code_text(text, pubdate="2024-05-10") if e.event == event}


def test_a_planned_or_upcoming_visit_is_intended(pipeline):
    assert statuses(pipeline, "Chile and Peru signed a fisheries accord ahead of a visit to Lima by the Chilean "
                              "president next week.", "CONSULT") == {"intended"}
    assert statuses(pipeline, "The minister discussed the upcoming visit to Hanoi by the Thai prime minister.",
                    "CONSULT") <= {"intended"}


def test_a_proposed_package_is_only_considered(pipeline):
    assert statuses(pipeline, "Norway unveiled a proposed aid package for Sudan on Monday.", "AID") == {"considered"}


def test_a_deal_reached_is_a_fact_even_under_a_promise(pipeline):
    got = statuses(pipeline, "Italy pledged to fund new schools in Libya under a deal reached with Tripoli on Monday.",
                   "AGREE")
    assert "asserted" in got


def test_weighing_a_plan_is_considered_not_intended(pipeline):
    got = statuses(pipeline, "Canada is weighing a plan to withdraw its troops from Latvia.", "RETREAT")
    assert got == {"considered"}


def test_weighing_whether_to_attend_is_considered_not_hypothetical(pipeline):
    got = statuses(pipeline, "Brazil is weighing whether its president should attend the G20 summit in Johannesburg.",
                   "CONSULT")
    assert got == {"considered"}


def test_sport_reports_code_no_event(pipeline):
    assert coded(pipeline, "Australia beat England by six wickets in Sydney, and the two sides will meet again "
                           "in the final next week.") == set()
    assert coded(pipeline, "The Italian race leader launched an attack on the last climb, leaving his French "
                           "rival behind.") == set()


def test_a_nationality_on_a_company_is_not_the_state(pipeline):
    assert coded(pipeline, "A Japanese carmaker agreed on Monday to buy a battery plant in Poland.") == set()
    assert ("ASSAULT", "asserted", "RUS", "MLI") in coded(
        pipeline, "Russian mercenaries attacked a Malian village on Sunday.")


def test_bare_yaml_words_like_on_and_no_stay_words():
    lexicon = TriggerLexicon.load()
    assert "on" in {p for t in lexicon.lookup("VERB", "call") for p in t.prep}  # "called on X to ..."
    assert "no" in lexicon.modality.neg


def test_calling_on_a_state_is_a_request(pipeline):
    got = coded(pipeline, "Kenya is calling on Somalia to reopen the border crossing at Mandera.")
    assert ("REQUEST", "asserted", "KEN", "SOM") in got
    assert not any(e[0] == "CONSULT" for e in got)


def test_denouncing_a_deal_between_two_states_targets_both(pipeline):
    got = coded(pipeline, "Cyprus denounced the maritime accord between Egypt and Libya on Friday.")
    assert {("ACCUSE", "asserted", "CYP", "EGY"), ("ACCUSE", "asserted", "CYP", "LBY")} <= got


def test_a_list_the_parser_breaks_still_gives_every_partner(pipeline):
    got = coded(pipeline, "Lula spoke on Friday to Chile's President Gabriel Boric, Colombian President Gustavo "
                          "Petro, Peruvian President Dina Boluarte and Bolivian President Luis Arce.", "2023-06-01")
    partners = {e[3] for e in got if e[0] == "CONSULT" and e[2] == "BRA"}
    assert partners >= {"CHL", "COL", "PER", "BOL"}


def test_accused_of_funding_makes_the_accused_the_funder(pipeline):
    events = pipeline.code_text("Serbia accused Croatia of funding opposition groups in Bosnia.", pubdate="2024-05-10")
    assert not any(e.event == "AID" and e.actor.code == "SRB" for e in events)


def test_leaving_an_organisation_is_a_sanction_not_a_retreat(pipeline):
    got = coded(pipeline, "Burundi announced on Monday its withdrawal from the African Union.")
    assert any(e[0] == "SANCTION" and e[2] == "BDI" and e[3] == "IGO:AU" for e in got)
    assert not any(e[0] == "RETREAT" for e in got)


def test_troops_sent_to_a_border_with_a_neighbour_target_the_neighbour(pipeline):
    got = coded(pipeline, "Armenia moved troops to its border with Azerbaijan on Sunday.")
    assert any(e[0] == "MOBILIZE" and e[2] == "ARM" and e[3] == "AZE" for e in got)


def test_a_weapons_test_at_home_has_no_target_but_riot_police_deployed_at_home_do(pipeline):
    got = coded(pipeline, "Pakistan conducted a ballistic missile test on Thursday.")
    assert ("MOBILIZE", "asserted", "PAK", None) in got
    got = coded(pipeline, "Georgian authorities deployed riot police in central Tbilisi on Sunday.")
    assert ("MOBILIZE", "asserted", "GEO", "GEO") in got


def test_an_offer_is_made_to_whoever_weighs_or_declines_it(pipeline):
    got = coded(pipeline, "Nepal has declined India's offer of helicopters after the floods.")
    assert ("REJECT", "asserted", "NPL", "IND") in got
    assert ("AGREE", "asserted", "IND", "NPL") in got  # the offer was made, though refused


def test_its_neighbour_is_not_the_possessor(pipeline):
    events = pipeline.code_text("Portugal agreed to drop its objections to its neighbour joining the alliance.",
                                pubdate="2024-05-10")
    assert not any(e.event == "SUPPORT" and e.actor.code == "PRT" for e in events)


def test_a_purpose_clause_does_not_inherit_a_cancellation(pipeline):
    assert "negated" not in statuses(pipeline, "Norway will cancel Malawi's debt to support the country's "
                                               "recovery, the prime minister said.", "SUPPORT")


def test_missiles_fired_during_drills_are_a_show_of_force_not_an_attack(pipeline):
    got = coded(pipeline, "North Korea fired artillery at a mock-up of a South Korean warship during military "
                          "drills on Tuesday.")
    assert not any(e[0] == "ASSAULT" for e in got)


def test_an_unknown_name_takes_the_party_of_its_title(pipeline):
    got = coded(pipeline, "Iranian police detained French academic Lucie Marchand in Tehran on Friday.")
    assert ("COERCE", "asserted", "IRN", "FRA") in got


def test_a_relative_clause_acts_on_the_noun_it_describes(pipeline):
    got = coded(pipeline, "Seoul will ease a ban that Tokyo imposed last year on Korean steel.")
    assert any(e[0] == "SANCTION" and e[2] == "JPN" and e[3] == "KOR" for e in got)


def test_a_named_exercise_in_apposition_is_a_joint_exercise_of_the_subjects(pipeline):
    got = coded(pipeline, "India, France and the UAE launched Desert Knight, their first trilateral air exercise, "
                          "on Monday.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "COOPERATE"}
    assert frozenset({"IND", "FRA"}) in pairs and frozenset({"FRA", "ARE"}) in pairs


def test_not_attending_the_group_of_20_summit_is_a_negated_multilateral_meeting(pipeline):
    events = pipeline.code_text("Mexico's president did not attend the Group of 20 summit in Rio de Janeiro.",
                                pubdate="2024-11-20")
    assert any(e.event == "CONSULT" and e.status == "negated" and e.actor.code == "MEX"
               and e.recipient is not None and e.recipient.code == "IGO:G20" for e in events)


def test_a_clause_with_its_own_subject_keeps_its_own_status(pipeline):
    got = coded(pipeline, "Serbia refused on Friday to recognise Kosovo, as Albania and Croatia held talks in Tirana.")
    assert ("CONSULT", "asserted", "ALB", "HRV") in got


def test_committing_atrocities_against_people_in_a_country_targets_that_country(pipeline):
    got = coded(pipeline, "German colonial troops committed atrocities against the Nama people in Namibia.")
    assert any(e[0] == "ASSAULT" and e[3] == "NAM" for e in got)


def test_granting_candidate_status_supports_each_state(pipeline):
    got = coded(pipeline, "NATO leaders granted Georgia and Ukraine the status of partners on Thursday.")
    assert {("SUPPORT", "asserted", "IGO:NATO", "GEO"), ("SUPPORT", "asserted", "IGO:NATO", "UKR")} <= got


def test_an_act_takes_no_date_from_a_clause_beside_it(pipeline):
    events = pipeline.code_text("Colombia's president, while co-chairing the Colombia-Peru joint commission meeting in "
                                "Lima, praised the ties built since the border accord in 1998.", pubdate="2024-05-10")
    meetings = [e for e in events if e.event == "CONSULT"]
    assert meetings and all(e.date != "1998" for e in meetings)


def test_a_nominal_act_is_dated_by_its_participle(pipeline):
    events = pipeline.code_text("Chile pledged aid to Peru under a deal reached with Lima on Monday.",
                                pubdate="2024-05-10")  # a Friday
    deals = [e for e in events if e.event == "AGREE" and e.status == "asserted"]
    assert deals and deals[0].date == "2024-05-06"


def test_agreeing_a_deal_is_one_agreement(pipeline):
    events = pipeline.code_text("Canada and Mexico could still agree a trade deal before the end of the year.",
                                pubdate="2024-05-10")
    assert [e.status for e in events if e.event == "AGREE"] == ["hypothetical"]


def test_speaking_by_phone_is_a_phone_call_and_a_cut_off_subject_list_stays_whole(pipeline):
    got = coded(pipeline, "On Monday, Brazilian President Luiz Inacio Lula da Silva and Argentine President Javier "
                          "Milei spoke on the phone.", "2024-05-10")
    assert ("CONSULT", "asserted", "BRA", "ARG") in got or ("CONSULT", "asserted", "ARG", "BRA") in got
    assert coded(pipeline, "Kenya and Uganda spoke on Sunday about trade.") == set()


def test_an_unnamed_crowd_protests_as_the_people_of_where_it_gathers(pipeline):
    got = coded(pipeline, "Tens of thousands of people marched through Caracas on Saturday against President "
                          "Nicolas Maduro's government.")
    assert ("PROTEST", "asserted", "VEN", "VEN") in got
    got = coded(pipeline, "Rioters clashed with police and torched cars across Senegal overnight.")
    assert any(e[0] == "PROTEST" and e[2] == "SEN" for e in got)
    assert not any(e[0] == "ASSAULT" for e in got)  # a riot, not an armed attack


def test_a_vow_to_retaliate_targets_the_attackers_and_a_backer_is_not_the_backed(pipeline):
    got = coded(pipeline, "French and Chadian jets struck rebel positions across Mali overnight, and the "
                          "Algeria-backed rebels vowed to retaliate.")
    threats = {(e[2], e[3]) for e in got if e[0] == "THREATEN"}
    assert ("MLI", "FRA") in threats or ("MLI", "TCD") in threats
    assert not any(e[2] == "DZA" for e in got)


def test_a_symmetric_act_between_rebels_and_their_own_government_is_kept(pipeline):
    got = coded(pipeline, "The Pakistani Taliban on Monday called off a ceasefire agreed with the government in June.",
                "2022-11-28")
    assert ("RETREAT", "negated", "PAK", "PAK") in got


def test_reciprocal_fighting_pairs_the_sides(pipeline):
    """"A and B clashed", "A fought B", "A clashed with B": one ASSAULT per pair of sides."""
    def pairs(text):
        return {(e.event, frozenset({e.actor.code, e.recipient.code if e.recipient else None}))
                for e in pipeline.code_text(text, pubdate="2024-01-05")}
    assert ("ASSAULT", frozenset({"THA", "KHM"})) in pairs("Thai and Cambodian troops clashed along the border on Thursday.")
    assert ("ASSAULT", frozenset({"ETH", "ERI"})) in pairs("Ethiopian troops fought Eritrean forces near the town of Zalambessa.")
    assert ("ASSAULT", frozenset({"IND", "CHN"})) in pairs("Indian soldiers clashed with Chinese troops in the Himalayas.")
    assert not any(e == "ASSAULT" for e, _ in pairs("Estonian and Latvian leaders met in Riga on Monday."))


def test_sides_fighting_a_common_enemy_are_not_paired(pipeline):
    found = {(e.event, frozenset({e.actor.code, e.recipient.code if e.recipient else None}))
             for e in pipeline.code_text("Kenyan and Ugandan troops fought Somali militants near the border.",
                                         pubdate="2024-01-05")}
    assert ("ASSAULT", frozenset({"KEN", "UGA"})) not in found
    assert ("ASSAULT", frozenset({"KEN", "SOM"})) in found and ("ASSAULT", frozenset({"UGA", "SOM"})) in found


def test_acts_each_way_are_two_events(pipeline):
    """A report and its tit-for-tat are two directed events, not one report merged."""
    found = [(e.event, e.actor.code, e.recipient.code if e.recipient else None)
             for e in pipeline.code_text("Iran seized a British tanker on Friday, two weeks after Britain seized "
                                         "an Iranian tanker off Gibraltar.", pubdate="2024-01-05")]
    assert ("COERCE", "IRN", "GBR") in found and ("COERCE", "GBR", "IRN") in found


def test_a_joint_act_reported_from_both_sides_stays_one_event(pipeline):
    found = [e for e in pipeline.code_text("Chile met Peru in Lima on Monday. On Monday, Peru met Chile to "
                                           "discuss the border.", pubdate="2024-01-05") if e.event == "CONSULT"]
    assert len(found) == 1

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


def test_a_named_group_of_states_acts_as_each_member(pipeline):
    got = coded(pipeline, "The Baltic states summoned the Belarusian ambassadors on Thursday.")
    assert {e[2] for e in got if e[3] == "BLR"} == {"EST", "LVA", "LTU"}


def test_a_group_named_as_one_side_is_not_paired_inside(pipeline):
    got = coded(pipeline, "Negotiators from Venezuela and the Five Eyes met in Oslo.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "CONSULT"}
    assert pairs == {frozenset({"VEN", c}) for c in ("USA", "GBR", "CAN", "AUS", "NZL")}


def test_a_group_meeting_alone_meets_among_its_members(pipeline):
    got = coded(pipeline, "The Normandy Four will meet in Minsk next month.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "CONSULT"}
    assert len(pairs) == 6 and frozenset({"FRA", "DEU"}) in pairs and frozenset({"RUS", "UKR"}) in pairs


def test_a_large_group_that_signs_alone_is_not_paired_inside(pipeline):
    got = coded(pipeline, "The Nordic countries signed the treaty in Oslo.")
    assert not any({e[2], e[3]} <= {"DNK", "FIN", "ISL", "NOR", "SWE"} for e in got)


def test_the_p5_plus_germany_is_the_p5_plus_1(pipeline):
    got = coded(pipeline, "Talks between Iraq and the five permanent members of the UN Security Council plus Germany "
                          "began in Geneva on Monday.")
    assert {frozenset(e[2:]) for e in got if e[0] == "CONSULT"} == \
        {frozenset({"IRQ", c}) for c in ("USA", "GBR", "FRA", "RUS", "CHN", "DEU")}


def test_group_membership_is_lexicon_data():
    from diplograph.stages.actors import ActorLexicon

    lexicon = ActorLexicon.load()
    codes = {e.id: e.code for (section, _), e in lexicon.entries.items() if section == "groups"}
    assert codes["baltic_states"] == "EST|LVA|LTU"
    assert codes["normandy_four"] == "RUS|UKR|FRA|DEU"


def test_coordinated_state_modifiers_of_one_noun_name_each_party(pipeline):
    got = coded(pipeline, "Al-Shabaab fighters fired rockets at U.S. and Dutch warships on Sunday.")
    assert {("ASSAULT", "asserted", "SOM", "USA"), ("ASSAULT", "asserted", "SOM", "NLD")} <= got


def test_coordinated_state_modifiers_of_a_subject_meet_each_other(pipeline):
    got = coded(pipeline, "Senior U.S. and Cambodian officials held talks in Bangkok on Tuesday.")
    assert any(e[0] == "CONSULT" and {e[2], e[3]} == {"USA", "KHM"} for e in got)


def test_working_toward_ending_a_war_is_not_waging_it(pipeline):
    got = coded(pipeline, "Chilean and Peruvian envoys met in Lima and agreed to work toward ending the war.")
    assert not any(e[0] == "ASSAULT" for e in got)
    assert any(e[0] == "AGREE" and {e[2], e[3]} == {"CHL", "PER"} for e in got)


def test_an_offer_to_host_talks_between_two_goes_to_both_who_do_not_agree_with_each_other(pipeline):
    got = coded(pipeline, "Qatar offered on Monday to host peace talks between Sudan and South Sudan in Doha.")
    agree = {frozenset(e[2:]) for e in got if e[0] == "AGREE"}
    assert agree == {frozenset({"QAT", "SDN"}), frozenset({"QAT", "SSD"})}
    assert any(e[0] == "CONSULT" and {e[2], e[3]} == {"SDN", "SSD"} for e in got)


def test_gapped_second_donor_gives_to_the_same_recipient(pipeline):
    got = coded(pipeline, "The African Development Bank lent $900 million to Ghana and the World Bank $400 million.")
    assert {("AID", "asserted", "IGO:AFDB", "GHA"), ("AID", "asserted", "IGO:WB", "GHA")} <= got
    assert not any({e[2], e[3]} <= {"IGO:AFDB", "IGO:WB"} for e in got)


def test_gapped_donors_of_a_pledge_are_not_paired_with_each_other(pipeline):
    got = coded(pipeline, "Norway pledged $300 million and Sweden $200 million to help Mozambique.")
    assert {e[2] for e in got if e[3] == "MOZ"} == {"NOR", "SWE"}
    assert not any({e[2], e[3]} == {"NOR", "SWE"} for e in got)


def test_a_year_after_a_listed_party_is_no_gapped_clause(pipeline):
    got = coded(pipeline, "Vietnam signed accords with Laos and Cambodia 10 years ago.")
    assert {e[3] for e in got if e[2] == "VNM"} >= {"LAO", "KHM"}
    assert not any(e[2] == "KHM" for e in got)


def test_a_list_goes_on_past_a_party_named_twice_and_an_acting_title(pipeline):
    got = coded(pipeline, "Lula spoke by phone with the king of Jordan, Abdullah II, and interim Bangladeshi leader "
                          "Muhammad Yunus on Sunday.", pubdate="2025-02-10")
    assert {e[3] for e in got if e[0] == "CONSULT" and e[2] == "BRA"} == {"JOR", "BGD"}


def test_a_list_stops_at_the_subject_of_a_new_clause(pipeline):
    got = coded(pipeline, "The junta arrested the Malian prime minister, and France said it was alarmed.")
    assert not any(e[3] == "FRA" for e in got)


def test_every_state_of_a_list_after_of_is_a_party(pipeline):
    got = coded(pipeline, "The presidents of Ghana, Togo and Benin met in Accra on Friday.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "CONSULT"}
    assert pairs == {frozenset({"GHA", "TGO"}), frozenset({"GHA", "BEN"}), frozenset({"TGO", "BEN"})}


def test_parties_along_with_the_subject_act_too(pipeline):
    got = coded(pipeline, "Chile, along with Peru and Ecuador, condemned Venezuela on Monday.")
    assert {("ACCUSE", "asserted", c, "VEN") for c in ("CHL", "PER", "ECU")} <= got


def test_along_with_after_an_object_adds_to_the_object_side_not_the_doers(pipeline):
    got = coded(pipeline, "The Turkish offensive targets the PKK along with Islamic State.")
    assert not any(e[2] in ("SYR", "IRQ") for e in got)


def test_joining_others_in_an_act_makes_them_doers_and_is_no_membership(pipeline):
    got = coded(pipeline, "Austria joined Belgium and Ireland in condemning Israel.")
    assert {("ACCUSE", "asserted", c, "ISR") for c in ("AUT", "BEL", "IRL")} <= got
    assert not any(e[0] == "SUPPORT" for e in got)


def test_condemning_an_attack_by_a_named_group_accuses_the_group(pipeline):
    got = coded(pipeline, "Niger and Chad condemned the attack by Boko Haram.")
    assert {("ACCUSE", "asserted", "NER", "NGA"), ("ACCUSE", "asserted", "TCD", "NGA")} <= got


def test_both_sides_is_the_pair_named_together_not_the_last_two_states(pipeline):
    got = coded(pipeline, "Serbia and Kosovo held talks in Brussels, Albania's foreign ministry said. "
                          "Both sides agreed to reopen the border crossing.")
    agree = {frozenset(e[2:]) for e in got if e[0] == "AGREE"}
    assert agree == {frozenset({"SRB", "KOS"})}


def test_both_sides_without_a_pair_named_together_keeps_the_last_two_states(pipeline):
    got = coded(pipeline, "Peru's president met Bolivia's president on Monday. Both sides agreed to reopen the border.")
    assert any(e[0] == "AGREE" and {e[2], e[3]} == {"PER", "BOL"} for e in got)


def test_letting_citizens_of_a_list_of_states_in_without_visas_concedes_to_each(pipeline):
    got = coded(pipeline, "Brazil will allow citizens of Japan, Canada and Australia to enter without visas from June.")
    assert {("CONCEDE", "intended", "BRA", c) for c in ("JPN", "CAN", "AUS")} <= got


def test_scrapping_visas_for_citizens_of_listed_states(pipeline):
    got = coded(pipeline, "Rwanda scrapped visas for citizens of Benin, Gambia and Haiti last year.")
    assert {("CONCEDE", "asserted", "RWA", c) for c in ("BEN", "GMB", "HTI")} <= got


def test_a_meeting_of_or_involving_listed_parties_pairs_them(pipeline):
    got = coded(pipeline, "A meeting of the foreign ministers of Chad, Niger and Mali took place in Niamey.")
    got2 = coded(pipeline, "A summit involving Chad, Niger and Mali opened in Niamey on Monday.")
    for events in (got, got2):
        pairs = {frozenset(e[2:]) for e in events if e[0] == "CONSULT"}
        assert pairs == {frozenset({"TCD", "NER"}), frozenset({"TCD", "MLI"}), frozenset({"NER", "MLI"})}


def test_several_doers_facing_one_partner_are_each_paired_with_it_not_with_each_other(pipeline):
    got = coded(pipeline, "Peru, Ecuador and Colombia are considering cooperation with Brazil on river patrols.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "COOPERATE"}
    assert pairs == {frozenset({c, "BRA"}) for c in ("PER", "ECU", "COL")}


def test_a_trilateral_act_pairs_every_party(pipeline):
    got = coded(pipeline, "Egypt and Greece launched a trilateral dialogue with Cyprus on Monday.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "CONSULT"}
    assert pairs == {frozenset({"EGY", "GRC"}), frozenset({"EGY", "CYP"}), frozenset({"GRC", "CYP"})}


def test_its_neighbour_is_not_the_possessor(pipeline):
    got = coded(pipeline, "Bulgaria agreed to drop its objections to its western neighbour joining the European Union.")
    assert not any(e[0] == "SUPPORT" and e[2] == "BGR" for e in got)


def test_farmers_from_listed_states_protesting_against_a_bloc_is_a_protest_by_each(pipeline):
    got = coded(pipeline, "Farmers from Spain and Italy protested against the EU trade rules in Brussels.")
    assert {("PROTEST", "asserted", "ESP", "IGO:EU"), ("PROTEST", "asserted", "ITA", "IGO:EU")} <= got
    assert not any(e[0] == "ACCUSE" for e in got)


def test_a_call_by_listed_states_for_someone_to_act_is_a_request_by_each(pipeline):
    got = coded(pipeline, "Norway, Chile and Ghana issued an urgent call for the United Nations to send observers.")
    assert {("REQUEST", "asserted", c, "IGO:UN") for c in ("NOR", "CHL", "GHA")} <= got
    assert ("REQUEST", "asserted", "KEN", "SOM") in coded(pipeline, "Kenya called for Somalia to free the hostages.")


def test_calling_for_an_intervention_in_a_place_requests_nothing_of_that_place(pipeline):
    got = coded(pipeline, "Senators called for greater military intervention in Libya.")
    assert not any(e[0] == "REQUEST" and e[3] == "LBY" for e in got)


def test_membership_applications_submitted_by_listed_states(pipeline):
    got = coded(pipeline, "The EU membership applications that Georgia and Moldova submitted last year were approved.")
    assert {("SUPPORT", "asserted", "GEO", "IGO:EU"), ("SUPPORT", "asserted", "MDA", "IGO:EU")} <= got


def test_launching_a_trilateral_initiative_pairs_the_three(pipeline):
    got = coded(pipeline, "Kenya, Ethiopia and Djibouti launched a trilateral trade initiative on Monday.")
    assert {frozenset(e[2:]) for e in got if e[0] == "SUPPORT"} == \
        {frozenset({"KEN", "ETH"}), frozenset({"KEN", "DJI"}), frozenset({"ETH", "DJI"})}


def test_an_agreement_signed_by_two_with_a_third_binds_all_three(pipeline):
    got = coded(pipeline, "Kenya and Uganda signed an agreement with Rwanda on Friday.")
    pairs = {frozenset(e[2:]) for e in got if e[0] == "SUPPORT"}
    assert pairs == {frozenset({"KEN", "UGA"}), frozenset({"KEN", "RWA"}), frozenset({"UGA", "RWA"})}


def test_a_list_of_subjects_of_a_new_clause_is_not_the_object_list(pipeline):
    got = coded(pipeline, "Russia shelled Ukraine, and Poland and Lithuania condemned the strikes.")
    assert not any(e[0] == "ASSAULT" and e[3] in ("POL", "LTU") for e in got)
    assert {("ACCUSE", "asserted", "POL", "RUS"), ("ACCUSE", "asserted", "LTU", "RUS")} <= got  # the strikes' doer


def test_condemning_an_attack_with_no_doer_in_the_sentence_accuses_nobody(pipeline):
    assert not any(e[0] == "ACCUSE" for e in coded(pipeline, "Egypt condemned the attack on Monday."))

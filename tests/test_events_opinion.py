"""Verbal conflict and opinion: accusations, rejections, threats, requests (sentences written for these tests)."""

from __future__ import annotations


def coded(pipeline, text: str, pubdate: str = "2024-05-10") -> set[tuple]:
    return {(e.event, e.status, e.actor.code, e.recipient.code if e.recipient else None)
            for e in pipeline.code_text(text, pubdate=pubdate)}


def test_a_domestic_rejection_pairs_the_state_with_itself(pipeline):
    got = coded(pipeline, "The Peruvian congress rejected President Dina Boluarte's pension reform on Thursday.")
    assert ("REJECT", "asserted", "PER", "PER") in got


def test_a_domestic_arrest_warrant_is_a_threat_within_the_state(pipeline):
    got = coded(pipeline, "A Nicaraguan court issued an arrest warrant for opposition leader Felix Maradiaga on Monday.")
    assert ("THREATEN", "asserted", "NIC", "NIC") in got


def test_a_threat_names_its_target_before_the_actors_own_state(pipeline):
    got = coded(pipeline, "Ghana threatened on Monday to close the Ghanaian border with Togo unless Lome acted.")
    assert ("THREATEN", "asserted", "GHA", "TGO") in got
    assert ("THREATEN", "asserted", "GHA", "GHA") not in got


def test_a_warning_to_retaliate_by_an_action_aims_at_its_object(pipeline):
    got = coded(pipeline, "Belarus warned it would respond by expelling Polish diplomats.")
    assert ("THREATEN", "asserted", "BLR", "POL") in got


def test_a_warning_aims_at_whoever_would_undergo_the_action(pipeline):
    got = coded(pipeline, "The Iranian defence minister warned that Azerbaijan would be punished severely.")
    assert ("THREATEN", "asserted", "IRN", "AZE") in got


def test_a_relative_clause_without_pronoun_keeps_its_own_subject(pipeline):
    got = coded(pipeline, "A bomb hit a market in Kabul, in an attack the Afghan interior ministry blamed on "
                          "Pakistani militants.")
    assert ("ACCUSE", "asserted", "AFG", "PAK") in got


def test_concern_about_another_party_is_disapproval(pipeline):
    got = coded(pipeline, "Canada said it was worried that Venezuela could annex part of Guyana.")
    assert ("ACCUSE", "asserted", "CAN", "VEN") in got
    got = coded(pipeline, "Norway is deeply troubled by Egypt's decision to jail the blogger.")
    assert ("ACCUSE", "asserted", "NOR", "EGY") in got


def test_concern_without_another_named_party_is_no_event(pipeline):
    assert not any(e[0] == "ACCUSE" for e in coded(pipeline, "Austria is concerned about rising food prices."))
    assert not any(e[0] == "ACCUSE" for e in coded(pipeline, "Portugal is worried about the Portuguese economy."))


def test_feeling_words_are_lexicon_data_and_pass_the_prefilter():
    from diplograph.stages.nlp import SentencePrefilter
    from diplograph.stages.triggers import TriggerLexicon

    lexicon = TriggerLexicon.load()
    assert "concerned" in lexicon.evaluation.feelings
    assert SentencePrefilter.from_lexicon(lexicon).wants("Chile was alarmed by the result .".split())


def test_criticising_the_move_aims_at_who_made_it_in_the_previous_sentence(pipeline):
    got = coded(pipeline, "Mali expelled the French ambassador on Monday. France criticized the move.")
    assert ("ACCUSE", "asserted", "FRA", "MLI") in got
    got = coded(pipeline, "Azerbaijan launched an offensive against Armenia on Tuesday. The operation was condemned by France.")
    assert ("ACCUSE", "asserted", "FRA", "AZE") in got


def test_an_anaphoric_criticism_needs_an_act_just_before(pipeline):
    got = coded(pipeline, "Relations have been tense for years. Spain criticized the move on Friday.")
    assert not any(e[0] == "ACCUSE" for e in got)


def test_calling_a_decision_null_and_void_rejects_it(pipeline):
    got = coded(pipeline, "The African Union suspended Gabon on Thursday. Libreville called the decision \"null and void\".")
    assert ("REJECT", "asserted", "GAB", "IGO:AU") in got


def test_saying_another_party_was_behind_an_act_accuses_it(pipeline):
    got = coded(pipeline, "Kyiv said on Monday that Moscow was behind the explosion at the dam.")
    assert ("ACCUSE", "asserted", "UKR", "RUS") in got
    got = coded(pipeline, "Albania said Iran was responsible for the cyberattack on its government websites.")
    assert ("ACCUSE", "asserted", "ALB", "IRN") in got


def test_owning_responsibility_is_no_accusation(pipeline):
    got = coded(pipeline, "Japan said it was responsible for the delay.")
    assert not any(e[0] == "ACCUSE" for e in got)


def test_evidence_of_an_attack_is_reported_by_whoever_found_it(pipeline):
    got = coded(pipeline, "The UN mission said it had found evidence that Ethiopian soldiers killed civilians in Tigray.")
    assert ("ACCUSE", "asserted", "IGO:UN", "ETH") in got


def test_attribution_words_are_lexicon_data_and_pass_the_prefilter():
    from diplograph.stages.nlp import SentencePrefilter
    from diplograph.stages.triggers import TriggerLexicon

    lexicon = TriggerLexicon.load()
    assert {"behind", "responsible"} <= lexicon.attributions and "evidence" in lexicon.evidence_nouns
    assert SentencePrefilter.from_lexicon(lexicon).wants("Oslo said Moscow was behind it .".split())


def test_a_rejected_allegation_was_still_made_against_the_party_it_names(pipeline):
    got = coded(pipeline, "Moscow dismissed Kyiv's accusation that Russian troops had shelled the power plant.")
    assert ("ACCUSE", "asserted", "UKR", "RUS") in got
    assert ("REJECT", "asserted", "RUS", "UKR") in got


def test_a_call_for_a_party_to_act_is_addressed_to_that_party(pipeline):
    got = coded(pipeline, "Senegal called for the African Union to send observers to the vote.")
    assert ("REQUEST", "asserted", "SEN", "IGO:AU") in got
    assert not any(e[0] == "AID" for e in got)  # the sending is what is asked for, not done


def test_what_is_asked_from_or_with_a_party_names_the_addressee(pipeline):
    got = coded(pipeline, "Namibia will demand compensation from Germany for the colonial massacres.")
    assert ("REQUEST", "intended", "NAM", "DEU") in got
    got = coded(pipeline, "The Armenian prime minister repeated his call for direct talks with Azerbaijan's president.")
    assert ("REQUEST", "asserted", "ARM", "AZE") in got


def test_a_call_for_the_release_of_nationals_is_not_addressed_to_their_state(pipeline):
    got = coded(pipeline, "Kenya called for the release of Ugandan prisoners.")
    assert ("REQUEST", "asserted", "KEN", "UGA") not in got


def test_opposing_or_attacking_what_another_party_said_is_criticism(pipeline):
    got = coded(pipeline, "The Colombian president opposed Venezuela's decision on Monday.")
    assert ("ACCUSE", "asserted", "COL", "VEN") in got
    assert not any(e[0] == "REJECT" for e in got)
    got = coded(pipeline, "Seoul attacked the remarks by the Japanese prime minister.")
    assert ("ACCUSE", "asserted", "KOR", "JPN") in got
    assert not any(e[0] == "ASSAULT" for e in got)


def test_opposing_a_proposal_stays_a_rejection(pipeline):
    got = coded(pipeline, "Poland opposed the EU's migration plan.")
    assert ("REJECT", "asserted", "POL", "IGO:EU") in got


def test_a_complaint_over_a_measure_aims_at_its_author(pipeline):
    got = coded(pipeline, "Australia filed a complaint over China's barley tariffs.")
    assert ("ACCUSE", "asserted", "AUS", "CHN") in got


def test_demanding_that_a_party_act_is_a_request_to_it(pipeline):
    got = coded(pipeline, "Ghana urged on Friday that Togo reopen the border crossing.")
    assert ("REQUEST", "asserted", "GHA", "TGO") in got


def test_a_demand_met_or_refused_is_coded_from_its_author_to_whoever_got_it(pipeline):
    got = coded(pipeline, "Chad complied on Monday with a demand from Sudan.")
    assert ("REQUEST", "asserted", "SDN", "TCD") in got
    got = coded(pipeline, "Uruguay rejected a request from Argentina to extradite the banker.")
    assert ("REQUEST", "asserted", "ARG", "URY") in got
    assert ("REJECT", "asserted", "URY", "ARG") in got


def test_a_court_rejecting_an_appeal_is_no_request(pipeline):
    got = coded(pipeline, "A Cairo court rejected an appeal by the jailed Egyptian activist against his sentence.")
    assert not any(e[0] == "REQUEST" for e in got)


def test_a_case_against_a_party_is_an_accusation_made_whatever_others_weigh(pipeline):
    got = coded(pipeline, "Chile is studying whether to back Bolivia's case against Peru.")
    assert ("ACCUSE", "asserted", "BOL", "PER") in got
    assert ("SUPPORT", "considered", "CHL", "BOL") in got


def test_dismissing_charges_is_not_pressing_them(pipeline):
    got = coded(pipeline, "A Dhaka judge dismissed the charges against the Bangladeshi opposition leader.")
    assert not any(e[0] == "ACCUSE" for e in got)


def test_telling_a_party_to_act_is_a_request_telling_the_press_is_not(pipeline):
    got = coded(pipeline, "Beijing told Washington to stop arming Taiwan.")
    assert ("REQUEST", "asserted", "CHN", "USA") in got
    assert not any(e[0] == "AID" for e in got)  # the arming is what is asked to stop
    got = coded(pipeline, "The UK told its citizens to leave Lebanon.")
    assert not any(e[0] == "REQUEST" for e in got)
    got = coded(pipeline, "Egypt will host talks with Sudan next week, the Egyptian foreign minister told reporters.")
    assert ("CONSULT", "intended", "EGY", "SDN") in got  # a reported act, not the content of a request


def test_criticising_words_are_lexicon_data():
    from diplograph.stages.triggers import TriggerLexicon

    lexicon = TriggerLexicon.load()
    assert lexicon.evaluation.reading({"disproportionate"}).event == "ACCUSE"
    assert any(t.needs_complement for t in lexicon.lookup("VERB", "tell"))


def test_concern_about_a_persons_detention_aims_at_the_detainer_not_the_detainee(pipeline):
    got = coded(pipeline, "Australia is worried about the journalist's detention by Chinese authorities.")
    assert ("ACCUSE", "asserted", "AUS", "CHN") in got
    got = coded(pipeline, "The Dutch prime minister raised concerns about his arrest.")
    assert not any(e[0] == "ACCUSE" and e[3] == "NLD" for e in got)
    got = coded(pipeline, "Canada condemned Beijing's detention of two Canadian citizens.")
    assert ("ACCUSE", "asserted", "CAN", "CHN") in got


def test_not_recognising_or_accepting_a_party_is_a_rejection(pipeline):
    got = coded(pipeline, "Serbia does not recognise Kosovo.")
    assert ("REJECT", "asserted", "SRB", "KOS") in got
    assert not any(e[0] == "SUPPORT" for e in got)
    got = coded(pipeline, "Morocco accepted the proposal from Spain.")
    assert ("AGREE", "asserted", "MAR", "ESP") in got


def test_warning_against_a_partys_act_is_disapproval_warning_a_party_is_a_threat(pipeline):
    got = coded(pipeline, "Russia warned against NATO's expansion into Ukraine.")
    assert ("ACCUSE", "asserted", "RUS", "IGO:NATO") in got
    got = coded(pipeline, "China warned the United States against arming Taiwan.")
    assert ("THREATEN", "asserted", "CHN", "USA") in got
    assert not any(e[0] == "AID" for e in got)  # the arming is the content of the warning, and not China's

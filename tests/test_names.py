"""Names off the parse (stages/names.py) instead of the statistical NER, on sentences written for these tests.

By default the nlp stage runs no statistical NER: the gazetteer marks known actors and the tagger's
proper-noun runs stand for the other names. Each test checks a label, a mention or an event detail
that depends on getting the run right.
"""

from __future__ import annotations

import dataclasses

import pytest

from diplograph.config import Config, NlpConfig
from diplograph.pipeline import Pipeline, make_document
from diplograph.stages.names import NameLexicon, guess_label, name_at, name_runs

PUBDATE = "2024-05-10"


def parsed_sentence(pipeline, text: str):
    pdoc = next(pipeline.parse([make_document(text, pubdate=PUBDATE)]))
    return pdoc.sentences[0]


def runs(pipeline, text: str) -> dict[str, str]:
    """Each proper-noun run of the first sentence outside gazetteer entities -> its guessed label."""
    sent = parsed_sentence(pipeline, text)
    taken = {i for e in sent.ents for i in range(e.start, e.end)}
    names = pipeline.actor_lexicon.names
    out = {}
    for start, end in name_runs(sent.tokens, taken, names):
        text_ = " ".join(t.text for t in sent.tokens[start:end])
        out[text_] = guess_label(sent.tokens, start, end, names)
    return out


def mentions(pipeline, text: str) -> list[tuple[str, str | None, str]]:
    coded = next(pipeline.code_documents([make_document(text, pubdate=PUBDATE)]))
    return [(m.text, m.code, m.kind) for m in coded.mentions]


def test_the_lexicon_loads_and_lists_are_lower_case():
    names = NameLexicon.load()
    assert "ministry" in names.organisation_words and "monday" in names.not_names
    assert "in" in names.place_prepositions and "visit" in names.travel_words and "town" in names.place_nouns
    assert all(w == w.lower() for w in names.organisation_words)


def test_a_bad_names_file_is_refused(tmp_path):
    from diplograph.errors import LexiconError

    bad = tmp_path / "names.yaml"
    bad.write_text("colours: [red]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="names.yaml"):
        NameLexicon.load(bad)


def test_no_statistical_ner_by_default(pipeline):
    assert pipeline.config.nlp.ner is False
    sent = parsed_sentence(pipeline, "Kenya and Uganda signed a border pact in Mombasa on Friday.")
    assert sent.parsed
    # only gazetteer entities (the ruler): Mombasa is no actor and so has no entity of its own
    assert {e.text for e in sent.ents} >= {"Kenya", "Uganda"}
    assert all(e.ent_id for e in sent.ents if e.label != "DATE")


def test_labels_of_runs(pipeline):
    found = runs(pipeline, "On Monday, Tomasz Wielgosz-Brandt told Mwangaza that Ghana and Togo held talks in "
                           "Kumasi after a visit to Koforidua by officials of the Volta Basin Authority.")
    assert found.get("Tomasz Wielgosz - Brandt") == "PERSON"
    assert found.get("Mwangaza") == "PERSON"  # a single word: taken for a surname, stays uncoded
    assert found.get("Kumasi") == "GPE"  # object of "in"
    assert found.get("Koforidua") == "GPE"  # "a visit to X"
    assert found.get("Volta Basin Authority") == "ORG"
    assert runs(pipeline, "Kenya attacked rebels in the town of Zalambessa.").get("Zalambessa") == "GPE"


def test_modifiers_of_common_nouns_are_not_names(pipeline):
    found = runs(pipeline, "Ruritania fired Vostok cruise missiles at a base.")
    assert found.get("Vostok") == "MISC"


def test_weekdays_and_months_are_not_names(pipeline):
    sent = parsed_sentence(pipeline, "Chile and Peru met on Monday in January.")
    names = pipeline.actor_lexicon.names
    for i, tok in enumerate(sent.tokens):
        if tok.text in ("Monday", "January"):
            assert name_at(sent.tokens, i, names) is None


def test_an_unknown_minister_acts_for_the_state_of_the_title(pipeline):
    text = "Ghanaian Foreign Minister Kwabena Osei-Mensah met Togo's prime minister in Kumasi on Tuesday."
    found = mentions(pipeline, text)
    assert any("Kwabena" in t and code == "GHA" for t, code, _ in found)
    events = pipeline.code_text(text, pubdate=PUBDATE)
    assert any(e.event == "CONSULT" and {e.actor.code, e.recipient.code if e.recipient else None} == {"GHA", "TGO"}
               for e in events)


def test_a_city_the_actor_lexicon_lacks_is_the_location(pipeline):
    events = pipeline.code_text("Spain and Morocco held talks in Tangier on Monday.", pubdate=PUBDATE)
    located = [e for e in events if e.event == "CONSULT"]
    assert located and located[0].location is not None
    assert located[0].location.country == "MAR"


def test_a_destination_is_no_actor(pipeline):
    text = "The Japanese prime minister ended a two-day visit to Gujarat on Sunday."
    assert not any(t == "Gujarat" for t, _, _ in mentions(pipeline, text))


def test_a_weapon_name_does_not_block_the_target(pipeline):
    events = pipeline.code_text("Iran fired Fateh missiles at an Israeli air base on Saturday.", pubdate=PUBDATE)
    assert any(e.actor.code == "IRN" and e.recipient is not None and e.recipient.code == "ISR" for e in events)


def test_statistical_ner_can_be_switched_on():
    config = dataclasses.replace(Config(), nlp=dataclasses.replace(NlpConfig(), ner=True))
    pipeline = Pipeline(config)
    text = "Chile and Peru agreed to hold talks in Arica next week."
    sent = next(pipeline.parse([make_document(text, pubdate=PUBDATE)])).sentences[0]
    assert any(not e.ent_id for e in sent.ents)  # the model's own entities (e.g. Arica, next week)
    events = pipeline.code_text(text, pubdate=PUBDATE)
    assert any(e.event == "CONSULT" and {e.actor.code, e.recipient.code} == {"CHL", "PER"} for e in events)

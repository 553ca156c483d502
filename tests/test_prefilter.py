"""The sentence triage reads its conditions from the trigger lexicon and keeps every sentence that can give an event."""

from __future__ import annotations

from diplograph.stages.nlp import LemmaForms, SentencePrefilter
from diplograph.stages.triggers import Modality, Trigger, TriggerLexicon


def _lexicon(*triggers: Trigger) -> TriggerLexicon:
    index: dict[tuple[str, str], list[Trigger]] = {}
    for t in triggers:
        index.setdefault((t.pos, t.lemma), []).append(t)
    return TriggerLexicon(index={k: tuple(v) for k, v in index.items()}, modality=Modality())


def test_light_verb_needs_one_of_its_objects():
    pf = SentencePrefilter.from_lexicon(_lexicon(Trigger("hold", "CONSULT", objects=("talk", "meeting"))))
    assert pf.wants("China and Japan held talks on Monday .".split())
    assert pf.wants("They will hold a meeting".split())
    assert not pf.wants("The ceasefire is holding , officials said .".split())


def test_entry_without_conditions_fires_on_its_word_alone():
    pf = SentencePrefilter.from_lexicon(_lexicon(Trigger("hold", "CONSULT", objects=("talk",)),
                                                 Trigger("hold", "COERCE")))
    assert pf.wants("Police are holding the activist .".split())


def test_preposition_needs_verb_and_subject_conditions():
    pf = SentencePrefilter.from_lexicon(_lexicon(
        Trigger("travel", "CONSULT", prep=("to",)),
        Trigger("deal", "AGREE", pos="NOUN", needs_verb=("reach", "sign")),
        Trigger("fire", "ASSAULT", only_if_subject=("army",)),
    ))
    assert pf.wants("Modi travelled to Tokyo".split()) and not pf.wants("Modi travelled widely".split())
    assert pf.wants("They reached a deal".split()) and not pf.wants("It is a big deal".split())
    assert pf.wants("The armies fired shells".split()) and not pf.wants("The company fired staff".split())


def test_lemma_forms_cover_the_model_lemmatizer(pipeline):
    """Every lemma spaCy gives on real text is among the forms the triage considers for that word."""
    from diplograph.bench import load_corpus

    forms = LemmaForms.from_nlp(pipeline.nlp)
    assert "go" in forms("going") and "talk" in forms("talks") and "ally" in forms("allied")
    text = " ".join(d.text for d in load_corpus()[:8])
    for doc in pipeline.nlp.pipe([text[:60_000]]):
        missed = {(t.lower_, t.lemma_) for t in doc if t.pos_ in ("VERB", "NOUN", "PROPN", "ADJ")
                  and t.lemma_.lower() not in forms(t.lower_)}
        assert not missed, sorted(missed)[:20]


def test_without_lexicon_conditions_it_is_the_word_test():
    pf = SentencePrefilter.build({"meet"})
    assert pf.wants(["They", "met"]) and not pf.wants(["They", "slept"])

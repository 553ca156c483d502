"""Hyphenated spellings of trigger nouns ("cease-fire", "build-up") code as their solid spellings do.

spaCy's tokenizer splits "cease-fire" into three tokens; ``triggers.join_hyphenated`` gives the last
one the whole word's lemma when the trigger lexicon knows it, and the prefilter keeps such sentences.
Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from diplograph.pipeline import make_document
from diplograph.stages.triggers import join_hyphenated

PUBDATE = "2024-01-05"
PAIRS = [
    "Israel and Lebanon declared a {} on Monday.",
    "Israel and Lebanon reached a {} agreement in Paris on Wednesday.",
    "India and Pakistan agreed to observe the {} along the frontier.",
    "Pakistan accused India of violating the {} in Kashmir.",
]


def coded(pipeline, text: str) -> list[tuple]:
    return sorted((e.event, e.mode, e.actor.code, e.recipient.code if e.recipient else None, e.status)
                  for e in pipeline.code_text(text, pubdate=PUBDATE))


@pytest.mark.parametrize("template", PAIRS)
def test_hyphenated_and_solid_spellings_code_alike(pipeline, template):
    solid = coded(pipeline, template.format("ceasefire"))
    assert solid, "the solid spelling should give an event"
    assert coded(pipeline, template.format("cease-fire")) == solid


def test_the_joined_lemma_sits_on_the_last_token_only_when_the_lexicon_knows_the_word(pipeline):
    text = "The two sides signed a cease-fire and a long-term plan."
    sent = next(pipeline.parse([make_document(text, pubdate=PUBDATE)])).sentences[0]
    joined = join_hyphenated(sent, pipeline.trigger_lexicon.nouns)
    lemmas = {t.text: t.lemma for t in joined.tokens}
    assert lemmas["fire"] == "ceasefire"
    assert lemmas["term"] == next(t.lemma for t in sent.tokens if t.text == "term")  # "long-term": unknown word
    assert [t.text for t in joined.tokens] == [t.text for t in sent.tokens]


def test_the_prefilter_keeps_a_sentence_whose_only_trigger_is_hyphenated(pipeline):
    assert pipeline.prefilter.wants("The cease - fire held".split())
    assert not pipeline.prefilter.wants("The cease - less held".split())

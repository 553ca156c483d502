"""Behaviour of the actor stage: text in, resolved mentions out."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from diplograph.config import ActorConfig, NlpConfig
from diplograph.errors import LexiconError
from diplograph.stages.actors import ActorLexicon, resolve_mentions
from diplograph.stages.nlp import parse_documents
from diplograph.types import Document, ParsedDoc, Sentence, Token

from conftest import read_jsonl, shared_file


@pytest.fixture(scope="module")
def lexicon(pipeline):
    return pipeline.actor_lexicon


@pytest.fixture(scope="module")
def parse(pipeline):
    def _parse(text: str, pubdate: str | None = "2023-12-21") -> ParsedDoc:
        return next(parse_documents(pipeline.nlp, [Document(doc_id="t", text=text, pubdate=pubdate)], NlpConfig()))
    return _parse


@pytest.fixture(scope="module")
def resolve(parse, lexicon):
    def _resolve(text: str, pubdate: str | None = "2023-12-21", lex: ActorLexicon | None = None, **config):
        return resolve_mentions(parse(text, pubdate), lex or lexicon, ActorConfig(**config))
    return _resolve


def found(mentions, surface):
    """The mention whose text contains `surface` (exactly one)."""
    hits = [m for m in mentions if surface in m.text]
    assert len(hits) == 1, (surface, [(m.text, m.code) for m in mentions])
    return hits[0]


@pytest.mark.parametrize("text,surface,code", [
    ("South Korea joined the talks.", "South Korea", "KOR"),
    ("The Republic of Korea joined the talks.", "Republic of Korea", "KOR"),
    ("The ROK joined the talks.", "ROK", "KOR"),
    ("Korea joined the talks.", "Korea", "KOR"),
    ("North Korea fired a missile.", "North Korea", "PRK"),
    ("The DPRK fired a missile.", "DPRK", "PRK"),
    ("The US signed the deal.", "US", "USA"),
    ("The U.S. signed the deal.", "U.S.", "USA"),
    ("The United States signed the deal.", "United States", "USA"),
    ("America signed the deal.", "America", "USA"),
    ("Taiwan protested.", "Taiwan", "TWN"),
    ("The Republic of China protested.", "Republic of China", "TWN"),
    ("China protested.", "China", "CHN"),
    ("Niger and Nigeria met.", "Nigeria", "NGA"),
])
def test_state_names_abbreviations_and_short_names(resolve, text, surface, code):
    assert found(resolve(text), surface).code == code


def test_indo_korean_gives_two_mentions(resolve):
    mentions = resolve("Indo-Korean relations have improved.")
    assert [(m.text, m.code) for m in mentions] == [("Indo", "IND"), ("Korean", "KOR")]
    assert mentions[0].end <= mentions[1].start


def test_capital_stands_for_state(resolve):
    mentions = resolve("Seoul and New Delhi agreed to talk. The Kremlin said nothing.")
    assert {(m.text, m.code, m.kind) for m in mentions} >= {("Seoul", "KOR", "capital"), ("New Delhi", "IND", "capital")}
    assert found(mentions, "Kremlin").code == "RUS"


def test_capitals_can_be_switched_off(resolve):
    mentions = resolve("Seoul and New Delhi agreed to talk.", capitals_stand_for_states=False)
    assert not [m for m in mentions if m.kind == "capital"]


def test_adjective_and_agent_are_one_mention(resolve):
    mentions = resolve("Indian troops, the Chinese foreign ministry and Afghan protesters were there.")
    assert [(m.text, m.code, m.sector) for m in mentions] == [
        ("Indian troops", "IND", "MIL"), ("Chinese foreign ministry", "CHN", "GOV"), ("Afghan protesters", "AFG", "CVL")]


def test_embassy_and_capital_are_separate_mentions(resolve):
    mentions = resolve("Queries to the South Korean embassy in New Delhi went unanswered.")
    assert [(m.text, m.code, m.sector, m.kind) for m in mentions] == [
        ("South Korean embassy", "KOR", "GOV", "body"), ("New Delhi", "IND", "GOV", "capital")]


def test_government_body_with_country_from_context(resolve):
    mentions = resolve("Japan raised defence spending. The National Security Council approved the plan.")
    nsc = found(mentions, "National Security Council")
    assert (nsc.code, nsc.sector, nsc.by_context) == ("JPN", "GOV", True)
    assert found(resolve("The Ministry of External Affairs issued a note."), "Ministry").code == "IND"


def test_person_resolves_by_date(resolve):
    yoon = found(resolve("Yoon Suk Yeol spoke.", "2023-05-01"), "Yoon")
    assert (yoon.code, yoon.sector, yoon.office) == ("KOR", "GOV", "president")
    blinken = found(resolve("Blinken spoke.", "2026-01-05"), "Blinken")
    assert (blinken.code, blinken.office) == ("USA", "former_foreign_minister")
    trump_first = found(resolve("Donald Trump spoke.", "2018-01-05"), "Trump")
    trump_between = found(resolve("Donald Trump spoke.", "2022-01-05"), "Trump")
    assert (trump_first.office, trump_between.office) == ("president", "former_president")
    lula_future = found(resolve("Lula da Silva spoke.", "2016-01-05"), "Lula")
    assert lula_future.code == "BRA"


def test_former_president_keeps_state_and_marks_office(resolve):
    moon = found(resolve("Under former president Moon Jae-in, Seoul changed course."), "Moon Jae-in")
    assert (moon.code, moon.sector, moon.office, moon.kind) == ("KOR", "GOV", "former_president", "person")
    assert moon.text.startswith("former")


def test_yoon_not_org(resolve, parse):
    parsed = parse("Modi met Yoon Seok-Yeol in Seoul. Yoon said ties were strong.")
    labels = {e.text: e.label for s in parsed.sentences for e in s.ents}
    assert labels.get("Yoon Seok-Yeol") == "PERSON" and labels.get("Yoon") == "PERSON"
    mentions = resolve("Modi met Yoon Seok-Yeol in Seoul. Yoon said ties were strong.")
    assert [m.code for m in mentions if "Yoon" in m.text] == ["KOR", "KOR"]


def test_ipoi_isa_spans(resolve):
    mentions = resolve("Seoul may join the IPOI and the ISA, the Indo-Pacific Oceans Initiative and International Solar Alliance.")
    codes = [(m.text, m.code) for m in mentions if m.kind == "igo"]
    assert codes == [("IPOI", "IGO:IPOI"), ("ISA", "IGO:ISA"), ("Indo-Pacific Oceans Initiative", "IGO:IPOI"),
                     ("International Solar Alliance", "IGO:ISA")]


def test_unlock_is_not_a_person(resolve, parse):
    text = "Unlock new markets, the minister said."
    assert not [e for s in parse(text).sentences for e in s.ents if e.label == "PERSON"]
    assert not [m for m in resolve(text) if m.text == "Unlock"]


def test_date_is_one_entity(parse):
    ents = [(e.text, e.label) for s in parse("The meeting on 21 Dec 2023 went well.").sentences for e in s.ents]
    assert ("21 Dec 2023", "DATE") in ents


def test_title_and_person_are_one_mention(resolve):
    mentions = resolve("U.S. Secretary of State John Kerry met President Barack Obama.", "2015-06-01")
    assert [(m.text, m.code, m.sector) for m in mentions] == [
        ("U.S. Secretary of State John Kerry", "USA", "GOV"), ("President Barack Obama", "USA", "GOV")]
    eam = found(resolve("EAM Jaishankar arrived in Seoul."), "Jaishankar")
    assert (eam.text, eam.code, eam.office) == ("EAM Jaishankar", "IND", "foreign_minister")


def test_country_office_without_name(resolve):
    role = found(resolve("India's External Affairs Minister visited Seoul."), "Minister")
    assert (role.text, role.code, role.sector, role.kind) == ("India's External Affairs Minister", "IND", "GOV", "role")


def test_surname_after_full_mention(resolve):
    mentions = resolve("Kang Kyung-wha met Wang Yi. Kang said the talks were useful.", "2019-03-01")
    kang = [m for m in mentions if m.text == "Kang"]
    assert kang and (kang[0].code, kang[0].rule, kang[0].by_context) == ("KOR", "context:surname", True)


def test_roles_resolved_in_context(resolve):
    text = ("India wants closer ties with South Korea, EAM Jaishankar said. India hosted the meeting. "
            "The Prime Minister visited in 2015. The Foreign Minister praised the progress.")
    mentions = resolve(text)
    assert found(mentions, "Prime Minister").code == "IND"
    foreign = found(mentions, "Foreign Minister")
    assert (foreign.code, foreign.by_context, foreign.office) == ("IND", True, "foreign_minister")


def test_counterpart_takes_its_adjective(resolve):
    role = found(resolve("Modi met his South Korean counterpart in Delhi."), "counterpart")
    assert (role.code, role.rule, role.kind) == ("KOR", "role:counterpart", "role")


def test_two_leaders_is_a_group_of_the_last_two_states(resolve):
    mentions = resolve("Kishida hosted Yoon in Tokyo. The two leaders agreed to resume talks. Both nations gain.", "2023-03-16")
    groups = [m for m in mentions if m.kind == "group"]
    assert [m.code for m in groups] == ["JPN|KOR", "JPN|KOR"] and all(m.by_context for m in groups)


def test_the_country_points_to_last_state(resolve):
    mentions = resolve("Seoul has been keen on India. Under Moon Jae-in, the country looked south.", "2023-12-21")
    assert found(mentions, "the country").code == "KOR"


def test_igo_codes_and_summit_occasion(resolve):
    mentions = resolve("The U.N., NATO, the EU, ASEAN and the IMF met on the sidelines of the G20 Summit.")
    assert [m.code for m in mentions] == ["IGO:UN", "IGO:NATO", "IGO:EU", "IGO:ASEAN", "IGO:IMF", "IGO:G20"]
    assert all(m.sector == "IGO" for m in mentions)
    assert [m.office for m in mentions][-1] == "summit" and mentions[0].office is None


@pytest.mark.parametrize("text,surface,code", [
    ("Georgia's governor signed the bill in Atlanta.", "Georgia", "USA"),
    ("Georgia angered Moscow with the law.", "Georgia", "GEO"),
    ("Michael Jordan bought a team.", "Jordan", None),
    ("Jordan hosted the talks.", "Jordan", "JOR"),
    ("Chad Smith won the race.", "Chad", None),
    ("Turkey hosted the talks.", "Turkey", "TUR"),
    ("We roasted a turkey and Turkey was delicious at Thanksgiving dinner.", "Turkey", None),
    ("Washington imposed sanctions.", "Washington", "USA"),
    ("Congo held elections, Brazzaville said.", "Congo", "COG"),
    ("Congo clashed with M23 near Goma.", "Congo", "COD"),
    ("Brussels proposed the rules, the EU said.", "Brussels", "IGO:EU"),
    ("Brussels and Amsterdam signed a rail deal.", "Brussels", "BEL"),
])
def test_ambiguous_names_by_context(resolve, text, surface, code):
    hits = [m for m in resolve(text) if surface in m.text]
    assert [m.code for m in hits] == [code] or (code is None and all(m.code is None for m in hits))


def test_places_that_are_not_actors(resolve):
    mentions = resolve("Chinese ships sailed the Indian Ocean and the South China Sea in the Indo-Pacific.")
    assert [(m.text, m.code) for m in mentions] == [("Chinese ships", "CHN")] or \
        [(m.text, m.code) for m in mentions] == [("Chinese", "CHN")]


@pytest.mark.parametrize("text,surface,code,sector", [
    ("The Houthis attacked a ship.", "Houthis", "YEM", "REB"),
    ("The Taliban banned the practice.", "Taliban", "AFG", "REB"),
    ("Al-Shabab attacked a base.", "Al-Shabab", "SOM", "REB"),
    ("Samsung opened a plant.", "Samsung", "KOR", "BUS"),
    ("Xinhua reported the talks.", "Xinhua", "CHN", "MED"),
    ("The BJP won the election.", "BJP", "IND", "PTY"),
    ("Kenyan students protested.", "Kenyan students", "KEN", "CVL"),
])
def test_nonstate_actors(resolve, text, surface, code, sector):
    m = found(resolve(text), surface)
    assert (m.code, m.sector) == (code, sector)


def test_mentions_are_sorted_and_do_not_overlap(resolve):
    text = ("The South Korean embassy in New Delhi and India's defence ministry spoke. "
            "Prime Minister Narendra Modi met the two leaders.")
    mentions = resolve(text)
    keys = [(m.sent, m.tok_start) for m in mentions]
    assert keys == sorted(keys)
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_resolver_needs_only_tokens(lexicon):
    """No parse, no entities: the gazetteer still resolves (the nlp stage may skip parsing)."""
    text = "Indian troops met officials of the Republic of Korea in Seoul"
    tokens, pos = [], 0
    for i, word in enumerate(text.split()):
        pos = text.index(word, pos)
        tokens.append(Token(i=i, text=word, idx=pos))
        pos += len(word)
    doc = ParsedDoc(Document(doc_id="x", text=text), (Sentence(0, 0, len(text), text, tuple(tokens), parsed=False),))
    assert [(m.text, m.code) for m in resolve_mentions(doc, lexicon, ActorConfig())] == [
        ("Indian troops", "IND"), ("officials of the Republic of Korea", "KOR"), ("Seoul", "KOR")]


def test_user_lexicon_overrides_builtin(tmp_path, parse):
    user = tmp_path / "mine.yaml"
    user.write_text("states:\n- id: KOR\n  code: KOR\n  names: [Hanguk]\n"
                    "people:\n- id: yoon_suk_yeol\n  name: Yoon Suk Yeol\n  terms:\n"
                    "  - {code: KOR, sector: JUD, office: prosecutor_general, from: 2019-07-25}\n"
                    "igos:\n- {id: MYGROUP, names: [Friends of the Ocean]}\n", encoding="utf-8")
    lex = ActorLexicon.load(extra=[user])
    mentions = resolve_mentions(parse("Hanguk and the Friends of the Ocean met Yoon Suk Yeol.", "2020-01-01"), lex, ActorConfig())
    assert [(m.text, m.code, m.sector) for m in mentions] == [
        ("Hanguk", "KOR", "GOV"), ("Friends of the Ocean", "IGO:MYGROUP", "IGO"), ("Yoon Suk Yeol", "KOR", "JUD")]
    builtin = ActorLexicon.load()
    assert not [m for m in resolve_mentions(parse("Hanguk met."), builtin, ActorConfig()) if m.code]
    assert "Korea" not in {s for s, _ in lex.get(("states", "KOR")).names}  # the entry was replaced, not merged


def test_user_people_csv(tmp_path, parse):
    user = tmp_path / "people.csv"
    user.write_text("# my people\nid,name,aliases,code,sector,office,from,to\n"
                    "ana_placeholder,Ana Placeholder,Placeholder,CHL,GOV,foreign_minister,2024-01,\n", encoding="utf-8")
    lex = ActorLexicon.load(extra=[str(user)])
    mentions = resolve_mentions(parse("Placeholder spoke.", "2024-05-01"), lex, ActorConfig())
    assert [(m.code, m.office) for m in mentions] == [("CHL", "foreign_minister")]


@pytest.mark.parametrize("content,suffix,line,fragment", [
    ("states:\n- id: KOR\n  code: KOR\n  names: [Korea]\n- id: XX\n  code: Korea\n  names: [X]\n", ".yaml", 5, "ISO3"),
    ("states:\n- id: KOR\n  names: []\n", ".yaml", 2, "no names"),
    ("nations:\n- id: KOR\n", ".yaml", 1, "unknown section"),
    ("igos:\n- {id: X, names: [X], colour: red}\n", ".yaml", 2, "unknown key"),
    ("states: [\n", ".yaml", 2, "not valid YAML"),
    ("id,name,aliases,code,sector,office,from,to\nx,X Y,,KOR,GOV,president,2020-13-01x,\n", ".csv", 2, "date"),
    ("id,name,aliases,code,sector,office,from,to\nx,X Y,,KOR,ARMY,president,2020-01-01,\n", ".csv", 2, "sector"),
])
def test_bad_lexicon_reports_file_and_line(tmp_path, content, suffix, line, fragment):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        ActorLexicon.load(extra=[path])
    assert f"{path}:{line}" in str(err.value) and fragment in str(err.value)


def test_ruler_patterns_are_phrase_patterns_with_ids(lexicon):
    patterns = lexicon.ruler_patterns()
    by_text = {p["pattern"]: p for p in patterns if isinstance(p["pattern"], str)}
    assert by_text["South Korea"]["label"] == "GPE" and by_text["South Korea"]["id"] == "states:KOR"
    assert by_text["Korean"]["label"] == "NORP"
    assert by_text["Yoon"]["label"] == "PERSON" and by_text["IPOI"]["label"] == "ORG"
    assert {p["label"] for p in patterns} <= {"GPE", "NORP", "PERSON", "ORG", "LOC", "NONACTOR", "DATE"}


def test_lexicon_sizes(lexicon):
    assert lexicon.count("states") >= 190 and lexicon.count("igos") >= 60 and lexicon.count("people") >= 300


def test_seed_actor_codes_are_findable(pipeline, lexicon):
    for doc in read_jsonl(shared_file("gold/seeds.jsonl")):
        parsed = next(parse_documents(pipeline.nlp, [Document(doc_id=doc["doc_id"], text=doc["text"],
                                                              pubdate=doc["pubdate"])], NlpConfig()))
        codes = {c for m in resolve_mentions(parsed, lexicon, ActorConfig()) if m.code for c in m.code.split("|")}
        wanted = {e[k]["code"] for e in doc["events"] for k in ("actor", "recipient") if e.get(k)}
        assert wanted <= codes, (doc["doc_id"], wanted - codes)


def test_cli_lexicon_check_and_explain(tmp_path):
    from diplograph.cli import main

    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("bodies:\n- {id: X_AGENCY, code: KOR, sector: GOV, names: [Example Agency]}\n", encoding="utf-8")
    bad.write_text("bodies:\n- {id: X_AGENCY, code: KOR, sector: ARMY, names: [Example Agency]}\n", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(main, ["lexicon", "check", str(good)])
    assert ok.exit_code == 0 and "ok" in ok.output
    failed = runner.invoke(main, ["lexicon", "check", str(bad)])
    assert failed.exit_code == 1 and f"{bad}:2" in failed.output
    out = runner.invoke(main, ["lexicon", "explain", "Yoon met Modi.", "--pubdate", "2023-09-10", "--json"])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [(r["code"], r["rule"]) for r in rows] == [("KOR", "people:yoon_suk_yeol"), ("IND", "people:narendra_modi")]
    assert rows[0]["source"].endswith(".csv:" + rows[0]["source"].rsplit(":", 1)[1])


# --- phrase evidence beats document context (follow-up to issue 4); sentences written for these tests ---

@pytest.mark.parametrize("text,surface,code", [
    # a state adjective or possessive before a named body beats the body's own default country
    ("Nigeria and the United States met. The Nigerian House of Representatives passed the bill.",
     "Nigerian House of Representatives", "NGA"),
    ("Australia's House of Representatives voted on the treaty.", "House of Representatives", "AUS"),
    # "of X" / "for X" after a role says whose role it is, even for a name the lexicon lacks
    ("Japan and Norway held talks. King Harald Olsen of Norway opened the session.", "King", "NOR"),
    ("Japan protested. Ali Hassan, a spokesman for the Houthis, rejected the claim.", "spokesman", "YEM"),
    # an apposition hands the role's state to an unknown name, in either order
    ("Japan hosted the meeting. Ali Hassan, a spokesman for the Houthis, rejected the claim.", "Ali Hassan", "YEM"),
    ("China welcomed Maria Lindqvist, the Swedish foreign minister, on Monday.", "Maria Lindqvist", "SWE"),
    ("The Indian minister met his Portuguese counterpart, Rui Tavares Mendes, in Delhi.", "Rui Tavares Mendes", "PRT"),
    # a named group followed by an agent noun is one mention with the group's code
    ("Taliban gunmen attacked a checkpoint in Pakistan on Sunday.", "Taliban gunmen", "AFG"),
    # armed groups without a state, and bare militants, take the state where they operate
    ("Japan condemned the raid. Militants ambushed a convoy in Mali on Sunday.", "Militants", "MLI"),
    ("Jordan sent aid. Islamic State militants attacked a village in Nigeria.", "Islamic State militants", "NGA"),
    # police and protesters belong to the state the sentence places them in; before any state, a later one
    ("Canada sent observers. Protesters clashed with police in Nairobi on Tuesday.", "Protesters", "KEN"),
    ("Police arrested dozens of students on Friday, Peruvian officials said.", "Police", "PER"),
    # a body or role placed once keeps its state when named bare later
    ("The Kenyan Parliament approved the deal. The United States welcomed it, U.S. officials said, and the "
     "United States will fund it. Parliament will vote again in May.", "Parliament will", "KEN"),
    ("The Dutch prime minister met U.S. officials in Washington. The United States praised the visit. "
     "The prime minister said more talks would follow.", "prime minister said", "NLD"),
    # "the allies" after two states is the pair
    ("Canada and Mexico signed a pact, and the allies will meet again in June.", "the allies", "CAN|MEX"),
])
def test_phrase_evidence_beats_document_context(resolve, text, surface, code):
    hits = [m for m in resolve(text) if surface in m.text or m.text in surface and m.text.startswith(surface.split()[0])]
    assert hits and hits[0].code == code, [(m.text, m.code, m.rule) for m in resolve(text)]


def test_respectively_lists_pair_names_with_adjectives_in_order(resolve):
    text = ("The Indian minister and his Brazilian, Chilean and Peruvian counterparts, Ana Ferreira, "
            "Pablo Rojas and Luis Quispe, respectively, met in Delhi.")
    got = {m.text: m.code for m in resolve(text)}
    assert (got.get("Ana Ferreira"), got.get("Pablo Rojas"), got.get("Luis Quispe")) == ("BRA", "CHL", "PER"), got


@pytest.mark.parametrize("text,surface", [
    ("Japan and India agreed to resume talks, a spokesman said on Monday.", "spokesman"),
    ("Japan and India agreed to resume talks, an official said on Monday.", "official"),
])
def test_generic_roles_stay_unresolved_without_evidence(resolve, text, surface):
    m = found(resolve(text), surface)
    assert m.code is None and m.rule.startswith("generic:")


@pytest.mark.parametrize("pubdate,code,office", [
    ("2021-05-01", "GRC", "foreign_minister"),
    ("2024-01-10", "GRC", "defence_minister"),
])
def test_more_office_holders_are_dated(resolve, pubdate, code, office):
    m = found(resolve("Nikos Dendias met the envoy.", pubdate), "Dendias")
    assert (m.code, m.office) == (code, office)


@pytest.mark.parametrize("name,code", [("Nasser Bourita", "MAR"), ("Péter Szijjártó", "HUN"), ("Kais Saied", "TUN"),
                                       ("Nikos Christodoulides", "CYP"), ("Ulf Kristersson", "SWE")])
def test_people_cover_more_states(resolve, name, code):
    assert found(resolve(f"{name} met the envoy on Monday.", "2023-06-01"), name.split()[-1]).code == code

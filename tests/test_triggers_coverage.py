"""Trigger lexicon coverage: each PLOVER type is coded from its common news triggers (issue #5).

One invented sentence per trigger pattern, with the event it must give (type, actor, recipient,
status, mode); and sentences from sports, business and weather that must give none.
"""

from __future__ import annotations

import pytest

PUBDATE = "2024-03-15"

# (text, event, actor, recipient, status, mode); mode None means "not checked"
CASES = [
    # AGREE
    ("Egypt and Sudan reached an agreement on Nile water sharing with Ethiopia on Monday.",
     "AGREE", "EGY", "SDN", "asserted", None),
    ("Tokyo reaffirmed its commitment to the defence of the Philippines.", "AGREE", "JPN", "PHL", "asserted", None),
    ("Senegal accepted Mauritania's proposal for a joint fishing zone.", "AGREE", "SEN", "MRT", "asserted", None),
    # CONSULT
    ("The Chilean president attended the ASEAN summit in Jakarta.",
     "CONSULT", "CHL", "IGO:ASEAN", "asserted", "multilateral"),
    ("Spain sent an envoy to Morocco to ease the dispute.", "CONSULT", "ESP", "MAR", "asserted", "visit"),
    ("The Kenyan foreign minister received a phone call from his Somali counterpart.",
     "CONSULT", "KEN", "SOM", "asserted", "phone"),
    ("Indonesia exchanged views with Australia on maritime security.", "CONSULT", "IDN", "AUS", "asserted", None),
    # SUPPORT
    ("Brazil voted for Argentina's bid to host the 2030 games.", "SUPPORT", "BRA", "ARG", "asserted", None),
    ("Poland stood with Lithuania during the border dispute.", "SUPPORT", "POL", "LTU", "asserted", None),
    ("Parliament in Ankara approved Sweden's membership application.", "SUPPORT", "TUR", "SWE", "asserted", None),
    # CONCEDE
    ("Ghana apologised to Nigeria for the deportation of traders.", "CONCEDE", "GHA", "NGA", "asserted", None),
    ("Japan offered its apologies to South Korea for the wartime abuses.",
     "CONCEDE", "JPN", "KOR", "asserted", None),
    ("A Tehran court acquitted a French academic on Monday.", "CONCEDE", "IRN", "FRA", "asserted", None),
    ("Hong Kong suspended the extradition bill after mass protests.", "CONCEDE", "HKG", "HKG", "asserted", None),
    ("China will resume imports of Australian wine next month.", "CONCEDE", "CHN", "AUS", "intended", None),
    ("The United States lifted sanctions on Venezuela's oil sector.", "CONCEDE", "USA", "VEN", "asserted", None),
    # COOPERATE
    ("India bought Russian oil at a discount.", "COOPERATE", "IND", "RUS", "asserted", None),
    ("France sells Rafale jets to Egypt.", "COOPERATE", "FRA", "EGY", "asserted", None),
    ("Germany will invest in Vietnam's semiconductor industry.", "COOPERATE", "DEU", "VNM", "intended", None),
    ("Japan hosts American troops on Okinawa.", "COOPERATE", "JPN", "USA", "asserted", None),
    # AID
    ("The World Bank approved a $500 million loan for Ghana.", "AID", "IGO:WB", "GHA", "asserted", None),
    ("France will cancel Sudan's debt.", "AID", "FRA", "SDN", "intended", None),
    ("Turkey hosts millions of refugees from Syria.", "AID", "TUR", "SYR", "asserted", None),
    ("Britain provided Ukraine with long-range missiles.", "AID", "GBR", "UKR", "asserted", None),
    # RETREAT
    ("The last French troops left Mali on Monday.", "RETREAT", "FRA", "MLI", "asserted", "withdraw"),
    ("Iran freed a British aid worker on Tuesday.", "RETREAT", "IRN", "GBR", "asserted", "release"),
    ("Ethiopia allowed U.N. inspectors into the region.", "RETREAT", "ETH", "IGO:UN", "asserted", "access"),
    ("Armenian forces withdrew from the village on Sunday.", "RETREAT", "ARM", None, "asserted", "withdraw"),
    ("Russia handed control of the town to Syrian government forces.", "RETREAT", "RUS", "SYR", "asserted", "withdraw"),
    # REQUEST
    ("Ukraine sought weapons from Germany.", "REQUEST", "UKR", "DEU", "asserted", None),
    ("The African Union gave Guinea's junta six months to restore civilian rule.",
     "REQUEST", "IGO:AU", "GIN", "asserted", None),
    ("Algeria asked France for the return of colonial-era archives.", "REQUEST", "DZA", "FRA", "asserted", None),
    # ACCUSE
    ("Canada voiced concern over China's treatment of Uyghurs.", "ACCUSE", "CAN", "CHN", "asserted", "disapprove"),
    ("Pakistan lodged a protest with Afghanistan over the border shelling.",
     "ACCUSE", "PAK", "AFG", "asserted", "disapprove"),
    ("Malaysia summoned the Chinese ambassador on Wednesday.", "ACCUSE", "MYS", "CHN", "asserted", "disapprove"),
    # REJECT
    ("Morocco rebuffed Algeria's offer of mediation.", "REJECT", "MAR", "DZA", "asserted", None),
    ("Hungary voted against the EU's proposal.", "REJECT", "HUN", "IGO:EU", "asserted", None),
    # THREATEN
    ("Iran vowed revenge against Israel for the killing.", "THREATEN", "IRN", "ISR", "asserted", "violence"),
    ("North Korea issued an ultimatum to South Korea.", "THREATEN", "PRK", "KOR", "asserted", None),
    # PROTEST
    ("Thousands of protesters marched against the government in Tbilisi on Sunday.",
     "PROTEST", "GEO", "GEO", "asserted", "demo"),
    ("Protesters stormed the French embassy in Niamey.", "PROTEST", "NER", "FRA", "asserted", "riot"),
    # COERCE
    ("Belarus imposed a curfew in Minsk after the protests.", "COERCE", "BLR", "BLR", "asserted", "curfew"),
    ("Iran seized a Greek oil tanker in the Gulf.", "COERCE", "IRN", "GRC", "asserted", "seize"),
    ("Police in Hong Kong arrested six activists.", "COERCE", "HKG", "HKG", "asserted", "arrest"),
    ("Turkey sealed its border with Syria on Friday.", "COERCE", "TUR", "SYR", "asserted", "restrict"),
    # SANCTION
    ("Niger recalled its ambassador to France.", "SANCTION", "NER", "FRA", "asserted", "withdraw"),
    ("The EU froze Russian central bank assets.", "SANCTION", "IGO:EU", "RUS", "asserted", "discontinue"),
    ("A Moscow court convicted an American journalist of espionage.", "SANCTION", "RUS", "USA", "asserted", "convict"),
    ("China imposed export controls on Japan.", "SANCTION", "CHN", "JPN", "asserted", None),
    # MOBILIZE
    ("Turkey deployed troops to the Syrian border.", "MOBILIZE", "TUR", "SYR", "asserted", "troops"),
    ("China sent warships to waters near Taiwan.", "MOBILIZE", "CHN", "TWN", "asserted", "weapons"),
    # ASSAULT
    ("Israeli warplanes bombarded Gaza overnight.", "ASSAULT", "ISR", "PSE", "asserted", "aerial"),
    ("Russian forces tortured Ukrainian prisoners.", "ASSAULT", "RUS", "UKR", "asserted", "torture"),
    ("Thai troops clashed with Cambodian soldiers along the border.", "ASSAULT", "THA", "KHM", "asserted", None),
]

NEGATIVES = [
    "Manchester United beat Liverpool 2-1 on Sunday.",
    "Apple released a new iPhone in China on Friday.",
    "The central bank raised interest rates to curb inflation.",
    "The storm cut power to thousands of homes in Florida.",
    "The striker fired a shot at the goal in the final minute.",
    "The retailer withdrew its profit forecast after weak sales.",
]


def _coded(pipeline, text: str) -> list[tuple]:
    return [(e.event, e.actor.code, e.recipient.code if e.recipient else None, e.status, e.mode)
            for e in pipeline.code_text(text, pubdate=PUBDATE)]


@pytest.mark.parametrize(("text", "event", "actor", "recipient", "status", "mode"), CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_trigger_codes_its_event(pipeline, text, event, actor, recipient, status, mode):
    got = _coded(pipeline, text)
    pair = {actor, recipient}
    found = [g for g in got if g[0] == event and {g[1], g[2]} == pair and g[3] == status]
    assert found, f"expected {event} {actor}->{recipient} {status}, got {got}"
    if mode is not None:
        assert any(g[4] == mode for g in found), f"expected mode {mode}, got {found}"


def test_every_event_type_is_covered():
    from diplograph.types import EVENT_TYPES

    assert {c[1] for c in CASES} == set(EVENT_TYPES)


@pytest.mark.parametrize("text", NEGATIVES)
def test_non_political_uses_give_no_event(pipeline, text):
    assert _coded(pipeline, text) == []

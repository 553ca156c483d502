"""Items: threats and warnings, with their modes. Original text."""
# E and I are provided by build.py.

ITEMS = [
    I("2023-09-13",
      "Azerbaijan threatened on Tuesday to expel French diplomats if Paris kept supplying armoured vehicles to "
      "Armenia.",
      E("THREATEN", "asserted", "AZE GOV Azerbaijan", "FRA GOV French diplomats", "expel", "@Tue",
        "Azerbaijan threatened on Tuesday to expel French diplomats", dt="on Tuesday"),
      E("AID", "asserted", "FRA GOV Paris", "ARM GOV Armenia", None, "2023",
        "Paris kept supplying armoured vehicles to Armenia", dom="defence",
        note="'kept supplying' presupposes ongoing supply: asserted; period -> year")),
    I("2021-03-24",
      "China warned the Philippines on Tuesday to stay away from Whitsun Reef, where more than 200 Chinese "
      "vessels have been moored for weeks.",
      E("THREATEN", "asserted", "CHN GOV China", "PHL GOV the Philippines", "territory", "@Tue",
        "China warned the Philippines on Tuesday to stay away from Whitsun Reef", dt="on Tuesday",
        dom="maritime regional_order"),
      E("MOBILIZE", "asserted", "CHN MIL more than 200 Chinese vessels", "PHL GOV Whitsun Reef", "militia",
        "2021-03", "more than 200 Chinese vessels have been moored for weeks", dom="maritime",
        note="maritime militia massing near a disputed reef")),
    I("2019-07-02",
      "Iran said it would raise uranium enrichment beyond the limit set by the nuclear deal within days unless "
      "European signatories shielded it from U.S. sanctions.",
      E("THREATEN", "asserted", "IRN GOV Iran", "IGO:EU IGO European signatories", None, "2019-07",
        "Iran said it would raise uranium enrichment beyond the limit set by the nuclear deal within days unless "
        "European signatories shielded it from U.S. sanctions", dom="nuclear",
        note="a conditional ultimatum is a THREATEN; no mode fits"),
      E("SANCTION", "asserted", "USA GOV U.S. sanctions", "IRN GOV it", "discontinue", "2019",
        "U.S. sanctions", dom="nuclear finance", note="sanctions in force: background, year")),
    I("2024-01-17",
      "Ghana's parliament speaker warned on Tuesday that lawmakers who skipped the budget vote could be arrested.",
      E("THREATEN", "asserted", "GHA LEG Ghana's parliament speaker", "GHA LEG lawmakers who skipped the budget "
        "vote", "arrest", "@Tue", "Ghana's parliament speaker warned on Tuesday that lawmakers who skipped the "
        "budget vote could be arrested", dt="on Tuesday")),
    I("2022-12-07",
      "Ethiopia's government threatened to cut ties with any country that hosted Tigrayan leaders, a foreign "
      "ministry spokesman said on Tuesday.",
      # no event: the recipient ("any country") exists but cannot be resolved, so the threat is skipped
      ),
    I("2018-04-11",
      "The United States and Britain are weighing strikes on Syrian military sites, and Russia warned it would "
      "shoot down any missiles fired at Syria.",
      E("ASSAULT", "considered", "USA MIL The United States", "SYR MIL Syrian military sites", "aerial", None,
        "The United States and Britain are weighing strikes on Syrian military sites", grp="syria-strikes"),
      E("ASSAULT", "considered", "GBR MIL Britain", "SYR MIL Syrian military sites", "aerial", None,
        "The United States and Britain are weighing strikes on Syrian military sites", grp="syria-strikes"),
      E("THREATEN", "asserted", "RUS GOV Russia", "USA MIL The United States", "violence", "2018-04",
        "Russia warned it would shoot down any missiles fired at Syria", grp="russia-warning"),
      E("THREATEN", "asserted", "RUS GOV Russia", "GBR MIL Britain", "violence", "2018-04",
        "Russia warned it would shoot down any missiles fired at Syria", grp="russia-warning")),
]

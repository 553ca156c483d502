"""Items that must give no event: opinion, background, markets, sports, weather, domestic non-political news,
denials, condolences and country names in non-actor roles. Original text."""
# E and I are provided by build.py.

ITEMS = [
    I("2023-06-14", "Shares in Tokyo rose for a fourth day on Tuesday, led by chipmakers, as investors bet that "
      "Japan's central bank would keep interest rates low."),
    I("2022-11-21", "Brazil beat Serbia 2-0 in their opening World Cup match in Qatar on Thursday, with Richarlison "
      "scoring twice."),
    I("2021-08-03", "Kenya's Faith Kipyegon won the women's 1,500 metres in Tokyo, beating Ethiopia's Gudaf Tsegay "
      "and Britain's Laura Muir."),
    I("2024-02-20", "Heavy rain flooded parts of Jakarta on Monday, forcing hundreds of families from their homes "
      "and closing several toll roads."),
    I("2019-09-25", "The price of Brent crude fell 2 percent on Tuesday as traders weighed rising Saudi output "
      "against weaker demand in China."),
    I("2020-03-04", "Analysts say relations between India and China have rarely been worse, with both sides "
      "deeply suspicious of the other's ambitions in the Himalayas."),
    I("2018-05-16", "The border between Ethiopia and Eritrea was the scene of one of Africa's deadliest wars from "
      "1998 to 2000."),
    I("2023-10-04", "A new bridge over the Danube, the longest in Romania, opened to traffic on Tuesday, cutting "
      "travel time between the two towns to ten minutes."),
    I("2022-01-19", "Mexico's peso strengthened against the dollar on Tuesday after inflation data came in below "
      "expectations."),
    I("2021-06-23", "Iceland's volcano near Reykjavik continued to erupt for a third month, drawing thousands of "
      "tourists to the lava fields."),
    I("2024-09-04", "Nigeria's national statistics office said inflation slowed to 32 percent in August, the "
      "second monthly decline."),
    I("2019-12-18", "The Philippines' most popular boxer announced his retirement on Tuesday after a career "
      "spanning two decades."),
    I("2020-07-15", "Argentina's health ministry reported 3,000 new coronavirus cases on Tuesday, a daily record "
      "for the country."),
    I("2023-04-26", "Vietnam is one of the fastest-growing economies in Asia, and its exports of electronics have "
      "tripled in a decade."),
    I("2022-08-17", "Germany's foreign ministry denied on Tuesday that it had any role in the arrest of a "
      "Turkish journalist in Hamburg.",
      ),
    I("2021-02-10", "Norway's king sent his condolences to the people of India after a glacier burst in the "
      "Himalayas killed dozens of workers."),
    I("2018-07-11", "Croatia reached its first World Cup final on Wednesday, beating England 2-1 after extra time "
      "in Moscow."),
    I("2024-03-06", "Chile's copper output rose 5 percent in January from a year earlier, the national statistics "
      "agency said on Tuesday."),
    I("2020-10-28", "Experts at a conference in Geneva said the rivalry between Washington and Beijing would "
      "shape the coming decade."),
    I("2019-04-17", "Fire tore through the roof of Notre-Dame cathedral in Paris on Monday, and investigators "
      "said they believed it was an accident."),
    I("2023-11-29", "Morocco's tourism minister said the country expects a record 14 million visitors this year, "
      "helped by flights from Europe."),
    I("2022-05-25", "South Korea's new president praised his own government's response to the pandemic in his "
      "first speech to parliament on Tuesday."),
    I("2021-09-29", "A magnitude 6.1 earthquake struck off the coast of Papua New Guinea on Tuesday, the U.S. "
      "Geological Survey said, with no immediate reports of damage."),
    I("2024-07-10", "Spain beat France 2-1 in Munich on Tuesday to reach the final of the European "
      "Championship."),
    I("2018-11-07", "The Indonesian rupiah hit its strongest level in three months on Tuesday as foreign "
      "investors returned to local bonds."),
    I("2020-02-05", "Senegal's oldest university celebrated its 100th anniversary on Tuesday with a ceremony in "
      "Dakar attended by former students."),
    I("2023-07-19", "Temperatures in Greece topped 44 degrees Celsius on Tuesday as wildfires burned near Athens "
      "for a third day."),
    I("2022-09-28", "Pakistan's cricket team arrived in Lahore on Tuesday for a home series against England, the "
      "first in 17 years."),
    I("2019-08-14", "Many Argentines fear that the peso's collapse will push the country back into recession, a "
      "survey published on Tuesday showed."),
    I("2021-12-15", "Australia's largest bank said on Tuesday it would close 50 branches in rural areas next "
      "year as customers moved online."),
    I("2024-04-24", "Turkey's central bank kept its main interest rate at 50 percent on Tuesday, as expected by "
      "most economists."),
    I("2023-02-01", "The Kremlin said on Tuesday it was not behind the explosion at a chemical plant in Germany, "
      "calling such suggestions absurd."),
    I("2020-11-18", "Nepal's highest court on Tuesday upheld a ban on plastic bags in the national parks of "
      "the Terai lowlands."),
    I("2018-03-28", "Pundits in Washington said the balance of power in East Asia had shifted, but the White "
      "House has not commented."),
    I("2022-06-29", "Egypt's population passed 104 million this month, the national statistics agency "
      "said on Tuesday, adding a million people in less than a year."),
    I("2025-01-08", "Canada's wildfire season burned a record 18 million hectares, the natural resources "
      "ministry said on Tuesday."),
    I("2019-01-30", "The Japanese yen has long been seen as a safe haven for investors during periods of global "
      "turmoil."),
    I("2024-10-16", "India's first privately built rocket lifted off from Sriharikota on Tuesday carrying a "
      "weather satellite for a domestic start-up."),
]

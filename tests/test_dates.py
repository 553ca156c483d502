"""Date expressions resolved against the publication date (EVENTS.md section 6)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.stages.dates import DateMention, find_dates, resolve_date

VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?$")


def _value(text: str, pubdate: str | None, *, future: bool = False, anchor: str | None = None) -> str | None:
    found = resolve_date(text, pubdate, future=future, anchor=anchor)
    return found.value if found else None


CASES = [
    # weekdays: latest on or before the pubdate; the pubdate itself when it is that day
    ("EAM Jaishankar said on Wednesday", "2023-12-20", False, "2023-12-20"),
    ("The talks ended on Tuesday", "2023-12-20", False, "2023-12-19"),
    ("Obama said Sunday that the deal stands", "2015-01-20", False, "2015-01-18"),
    ("Ministers met Monday", "2015-01-20", False, "2015-01-19"),
    ("On Thursday, the envoy arrived", "2024-02-29", False, "2024-02-29"),
    ("He left on Friday", "2024-03-01", False, "2024-03-01"),
    ("Protesters gathered on Saturday", "2021-01-03", False, "2021-01-02"),
    ("Sunday's attack killed three", "2016-09-27", False, "2016-09-25"),
    ("He will travel on Wednesday", "2015-01-20", True, "2015-01-21"),
    ("The summit will open on Tuesday", "2015-01-20", True, "2015-01-20"),
    ("They will meet on Monday", "2023-12-30", True, "2024-01-01"),
    ("The vote was held last Friday", "2019-10-15", False, "2019-10-11"),
    ("The vote was held last Tuesday", "2019-10-15", False, "2019-10-08"),
    ("effective next Wednesday", "2019-07-28", False, "2019-07-31"),
    ("This Wednesday the council met", "2019-03-31", False, "2019-03-27"),
    # day words
    ("The minister said today", "2020-02-29", False, "2020-02-29"),
    ("The army withdrew yesterday", "2020-03-01", False, "2020-02-29"),
    ("He arrives tomorrow", "2023-12-31", True, "2024-01-01"),
    ("Talks continue tonight", "2019-05-05", False, "2019-05-05"),
    ("Warplanes struck targets overnight", "2024-01-12", False, "2024-01-12"),
    ("Rockets hit the base last night", "2019-01-30", False, "2019-01-29"),
    ("the day before yesterday", "2019-01-01", False, "2018-12-30"),
    # weeks, months, years
    ("The envoy visited last week", "2015-01-20", False, "2015-01"),
    ("The envoy visited last week", "2023-03-02", False, "2023-02"),
    ("They will resume talks next week", "2020-08-13", True, "2020-08"),
    ("a trip planned for next week", "2018-08-25", True, "2018-08"),
    ("He will visit next week", "2023-01-28", True, "2023-02"),
    ("Seoul signed it last month", "2016-06-02", False, "2016-05"),
    ("Seoul signed it last month", "2016-01-10", False, "2015-12"),
    ("Jakarta will attend next month", "2025-12-12", True, "2026-01"),
    ("Interpol listed him earlier this month", "2015-01-20", False, "2015-01"),
    ("a visit later this month", "2016-03-20", True, "2016-03"),
    ("this month's summit", "2017-09-13", False, "2017-09"),
    ("the previous year", "2023-12-20", False, "2022"),
    ("Last year the two sides met", "2016-03-20", False, "2015"),
    ("this year", "2019-06-01", False, "2019"),
    ("earlier this year", "2025-06-12", False, "2025"),
    ("next year", "2019-06-01", True, "2020"),
    ("by the end of the year", "2023-09-25", True, "2023"),
    # months without a year
    ("Earlier in December, the US and South Korea agreed", "2023-12-21", False, "2023-12"),
    ("the G20 Summit in September", "2023-12-21", False, "2023-09"),
    ("in September", "2015-01-20", False, "2014-09"),
    ("since August", "2016-03-20", False, "2015-08"),
    ("in November", "2016-09-27", True, "2016-11"),
    ("a visit in March", "2023-05-10", True, "2024-03"),
    ("last February", "2015-01-20", False, "2014-02"),
    ("this past January", "2016-03-20", False, "2016-01"),
    ("Last April", "2020-01-05", False, "2019-04"),
    ("last March", "2020-03-15", False, "2019-03"),
    ("in mid-June", "2019-05-22", True, "2019-06"),
    ("in May last year", "2023-02-01", False, "2022-05"),
    ("for the month of April", "2020-03-31", True, "2020-04"),
    # months and days with years
    ("in June 2023", "2023-12-21", False, "2023-06"),
    ("the United States decided to join the IPOI in June 2023", "2023-12-21", False, "2023-06"),
    ("on 21 Dec 2023", "2024-01-05", False, "2023-12-21"),
    ("December 21, 2023", None, False, "2023-12-21"),
    ("Oct. 11, 2015", "2023-12-21", False, "2015-10-11"),
    ("October 2 2018", "2019-09-29", False, "2018-10-02"),
    ("Jan. 28, 2017", "2017-01-28", False, "2017-01-28"),
    ("2023-12-21", None, False, "2023-12-21"),
    ("21/12/2023", None, False, "2023-12-21"),
    ("12/21/2023", None, False, "2023-12-21"),
    # month and day without a year
    ("on June 3", "2023-12-21", False, "2023-06-03"),
    ("Dec. 21", "2023-12-25", False, "2023-12-21"),
    ("December 31", "2020-01-05", False, "2019-12-31"),
    ("October 7", "2017-05-17", False, "2016-10-07"),
    ("the July 15 coup attempt", "2017-05-17", False, "2016-07-15"),
    ("from Dec. 1", "2023-11-25", True, "2023-12-01"),
    ("On October 6 it announced the withdrawal", "2019-10-15", True, "2019-10-06"),
    ("February 29", "2021-03-01", False, "2020-02-29"),
    # quarters, halves, years
    ("in the first quarter of 2024", "2023-12-21", True, "2024-Q1"),
    ("Q1 2024", None, False, "2024-Q1"),
    ("2024 Q3", None, False, "2024-Q3"),
    ("in the first quarter of next year", "2023-05-10", True, "2024-Q1"),
    ("in the second quarter of next year", "2023-11-23", True, "2024-Q2"),
    ("the third quarter", "2022-05-01", False, "2022-Q3"),
    ("in the first half of 2024", "2023-12-21", True, "2024"),
    ("in 2015", "2023-12-21", False, "2015"),
    ("since 2015", "2023-12-21", False, "2015"),
    ("in 1951", "2016-10-31", False, "1951"),
    ("the 2019 East Asia summit in Bangkok", "2023-12-21", False, "2019"),
    ("in the autumn", "2018-04-27", True, "2018"),
    # offsets
    ("two days ago", "2023-03-01", False, "2023-02-27"),
    ("a week ago", "2023-03-03", False, "2023-02"),
    ("three weeks ago", "2023-12-21", False, "2023-11"),
    ("five years ago", "2023-12-21", False, "2018"),
    ("seven days earlier", "2019-10-15", False, "2019-10-08"),
    ("a day after police banned it", "2019-08-30", False, "2019-08-29"),
    ("six days after the unrest began", "2019-10-25", False, "2019-10-19"),
    ("the following day", "2020-01-11", False, None),
    # not dates
    ("in recent years", "2023-12-21", False, None),
    ("the G20 leaders", "2023-12-21", False, None),
    ("COVID-19 vaccines", "2023-12-21", False, None),
    ("Resolution 2231 of the Security Council", "2023-12-21", False, None),
    ("a $2015 fee", "2023-12-21", False, None),
    ("1,000 troops", "2023-12-21", False, None),
    ("some 2000 troops", "2023-12-21", False, None),
    ("in the 1990s", "2023-12-21", False, None),
    ("World War II", "2023-12-21", False, None),
    ("Theresa May said", "2023-12-21", False, None),
    ("they march on", "2023-12-21", False, None),
    ("the fall of Kabul", "2023-12-21", False, None),
    ("on Wednesday", None, False, None),
    ("in December", None, False, None),
]


@pytest.mark.parametrize(("text", "pubdate", "future", "expected"), CASES)
def test_resolve_date(text: str, pubdate: str | None, future: bool, expected: str | None) -> None:
    assert _value(text, pubdate, future=future) == expected


def test_anchor_resolves_following_day() -> None:
    assert _value("the following day", "2020-01-11", anchor="2020-01-08") == "2020-01-09"
    assert _value("the next morning", "2019-09-12", anchor="2019-09-09") == "2019-09-10"
    assert _value("the same day", "2019-10-27", anchor="2019-10-25") == "2019-10-25"
    assert _value("two days later", "2019-10-27", anchor="2019-10-20") == "2019-10-22"


def test_find_dates_gives_offsets_and_all_mentions() -> None:
    text = "Earlier in December, the US and South Korea agreed to launch a dialogue in the first quarter of 2024."
    found = find_dates(text, "2023-12-21")
    assert [(m.value, m.text) for m in found] == [("2023-12", "Earlier in December"), ("2024-Q1", "the first quarter of 2024")]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_longer_expression_wins_over_its_parts() -> None:
    found = find_dates("The deal was signed on December 21, 2023 in Seoul.", "2024-01-01")
    assert [m.text for m in found] == ["December 21, 2023"]


def test_resolve_date_prefers_the_most_specific_then_the_first() -> None:
    text = "In 2015, the leaders met on June 3 and again in July."
    assert _value(text, "2015-12-01") == "2015-06-03"
    assert _value("in July and in August", "2015-12-01") == "2015-07"
    assert resolve_date("no date here", "2015-12-01") is None


def test_bad_pubdate_is_treated_as_missing() -> None:
    assert _value("on Wednesday", "not-a-date") is None
    assert _value("in June 2023", "garbage") == "2023-06"


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"abcJMSTWQ0123456789 ,.-/$'", "May ", "June ", "Monday ", "last ", "2015 ", "in ", "ago ", "days "]),
        max_size=25,
    ).map("".join),
    day=st.dates(),
    future=st.booleans(),
)
def test_find_dates_never_raises_and_values_are_well_formed(text: str, day: object, future: bool) -> None:
    for m in find_dates(text, str(day), future=future):
        assert isinstance(m, DateMention)
        assert text[m.start : m.end] == m.text
        assert VALUE.match(m.value), m.value

"""Date expressions resolved against the publication date (extract/dates.py)."""
from __future__ import annotations

from datetime import date

import pytest

from eventwire.extract.dates import extract_dates

MONDAY = date(2024, 3, 11)  # a Monday
SUNDAY = date(2024, 3, 10)  # a Sunday
NEW_YEAR = date(2024, 1, 2)  # a Tuesday, just after a year boundary
MONTH_START = date(2024, 5, 1)  # a Wednesday, first of the month


def _resolve(nlp, text: str, published: date | None) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(d.text, d.value, d.granularity) for d in extract_dates(nlp(text), published=published)]


@pytest.mark.parametrize(("text", "published", "expected"), [
    # bare weekdays: the most recent such day on or before publication
    ("The envoys met on Sunday.", MONDAY, ("on Sunday", "2024-03-10", "day")),
    ("The envoys met on Monday.", MONDAY, ("on Monday", "2024-03-11", "day")),
    ("The envoys met on Tuesday.", MONDAY, ("on Tuesday", "2024-03-05", "day")),
    ("The envoys met on Sunday.", SUNDAY, ("on Sunday", "2024-03-10", "day")),
    ("The envoys met on Saturday.", SUNDAY, ("on Saturday", "2024-03-09", "day")),
    ("Rebels shelled the town Thursday.", NEW_YEAR, ("Thursday", "2023-12-28", "day")),
    # announced future: the coming day
    ("The envoys will meet on Thursday.", MONDAY, ("on Thursday", "2024-03-14", "day")),
    ("The envoys will meet on Monday.", MONDAY, ("on Monday", "2024-03-11", "day")),
    ("The envoys will meet on Sunday.", MONDAY, ("on Sunday", "2024-03-17", "day")),
    ("The summit is next Tuesday.", MONDAY, ("next Tuesday", "2024-03-12", "day")),
    ("The summit was last Monday.", MONDAY, ("last Monday", "2024-03-04", "day")),
    # day words
    ("Troops withdrew yesterday.", NEW_YEAR, ("yesterday", "2024-01-01", "day")),
    ("Troops withdrew yesterday.", MONTH_START, ("yesterday", "2024-04-30", "day")),
    ("Talks resume today.", MONDAY, ("today", "2024-03-11", "day")),
    # weeks start on Monday
    ("The ministers spoke last week.", MONDAY, ("last week", "2024-03-04", "week")),
    ("The ministers spoke last week.", SUNDAY, ("last week", "2024-02-26", "week")),
    ("The ministers spoke last week.", NEW_YEAR, ("last week", "2023-12-25", "week")),
    ("Parliament voted earlier this week.", NEW_YEAR, ("earlier this week", "2024-01-01", "week")),
    # weekends: the week of the weekend meant
    ("Protesters marched over the weekend.", MONDAY, ("over the weekend", "2024-03-04", "week")),
    ("Protesters marched over the weekend.", SUNDAY, ("over the weekend", "2024-03-04", "week")),
    ("Protesters marched last weekend.", SUNDAY, ("last weekend", "2024-02-26", "week")),
    ("Protesters will march next weekend.", MONDAY, ("next weekend", "2024-03-11", "week")),
    ("Protesters will march next weekend.", SUNDAY, ("next weekend", "2024-03-11", "week")),
    ("Protesters will march this weekend.", SUNDAY, ("this weekend", "2024-03-04", "week")),
    # months
    ("Prices rose earlier this month.", MONDAY, ("earlier this month", "2024-03-01", "month")),
    ("Prices rose last month.", NEW_YEAR, ("last month", "2023-12-01", "month")),
    ("The accord was signed in December.", NEW_YEAR, ("in December", "2023-12-01", "month")),
    ("The accord was signed in January.", NEW_YEAR, ("in January", "2024-01-01", "month")),
    ("The accord was signed in March.", MONTH_START, ("in March", "2024-03-01", "month")),
    ("Elections will be held in March.", MONTH_START, ("in March", "2025-03-01", "month")),
    ("The strike began in early April.", MONTH_START, ("in early April", "2024-04-01", "month")),
    ("The strike began in May last year.", MONTH_START, ("in May last year", "2023-05-01", "month")),
    # years
    ("The border was closed last year.", NEW_YEAR, ("last year", "2023-01-01", "year")),
    ("The border was closed two years ago.", MONDAY, ("two years ago", "2022-01-01", "year")),
    ("The border was closed in 2019.", MONDAY, ("in 2019", "2019-01-01", "year")),
    ("The border was closed three days ago.", NEW_YEAR, ("three days ago", "2023-12-30", "day")),
    # explicit dates
    ("The treaty was signed on April 16, 2023.", MONDAY, ("on April 16, 2023", "2023-04-16", "day")),
    ("The treaty was signed on 16 April 2021.", MONDAY, ("on 16 April 2021", "2021-04-16", "day")),
    ("The treaty was signed on 2023-04-16.", MONDAY, ("on 2023-04-16", "2023-04-16", "day")),
    ("The treaty was signed on Friday, March 8.", MONDAY, ("on Friday, March 8", "2024-03-08", "day")),
    ("The treaty was signed on 20 December.", NEW_YEAR, ("on 20 December", "2023-12-20", "day")),
    ("The treaty was signed in April 2022.", MONDAY, ("in April 2022", "2022-04-01", "month")),
])
def test_date_expressions_resolve_against_publication(nlp, text, published, expected):  # type: ignore[no-untyped-def]
    assert expected in _resolve(nlp, text, published)


@pytest.mark.parametrize("text", [
    "The minister began a three-day visit to the capital.",
    "Support for the plan is growing by the day.",
    "The two sides have quarrelled for years.",
    "Protesters gather in the square every Sunday.",
    "Officials said they may march on the capital.",
    "The ceasefire held for three days.",
    "The region was at peace in the 1990s.",
])
def test_durations_and_habits_are_not_dates(nlp, text):  # type: ignore[no-untyped-def]
    assert _resolve(nlp, text, MONDAY) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The envoys met on Sunday and on April 16, 2023.", [("on April 16, 2023", "2023-04-16", "day")]),
    ("The accord was signed in 2019 and again last year.", [("in 2019", "2019-01-01", "year")]),
])
def test_without_publication_date_only_absolute_dates_resolve(nlp, text, expected):  # type: ignore[no-untyped-def]
    assert _resolve(nlp, text, None) == expected


def test_offsets_and_sentence_index_point_into_the_text(nlp):  # type: ignore[no-untyped-def]
    text = "Fighting resumed. The envoys met on Sunday in the capital."
    (ref,) = extract_dates(nlp(text), published=MONDAY)
    assert text[ref.start:ref.end] == ref.text == "on Sunday"
    assert ref.sentence_index == 1


PHRASES = ["on 2023-04-16", "Sunday, April 16, 2023", "the 16th of April 2023", "Sept. 3", "Sep 3, 2024",
           "in early May", "mid-March last year", "since 2014", "on Sunday", "last Friday", "YESTERDAY",
           "over the weekend", "earlier this month", "two years ago", "a week ago", "in late Dec."]


def test_every_rule_match_contains_the_rule_anchor(shared) -> None:  # type: ignore[no-untyped-def]
    """A rule is skipped when its anchor is absent, so each match must contain the anchor."""
    import json

    from eventwire.extract.dates import _ANCHORS, _RULES, _may_match

    texts = PHRASES + [json.loads(line)["text"] for line in (shared / "corpora" / "voa_stories.jsonl").open()]
    matched = 0
    for (pattern, _resolver), anchor in zip(_RULES, _ANCHORS, strict=True):
        for text in texts:
            for m in pattern.finditer(text):
                matched += 1
                assert _may_match(anchor, m.group(), m.group().casefold()), (pattern.pattern[:40], m.group())
    assert matched > 200


def test_a_bare_year_resolves_as_dateparser_resolves_it() -> None:
    from eventwire.extract.dates import _BARE_YEAR, _dateparser, _dateparser_fallback

    years = [str(y) for y in range(1800, 2100, 7)]
    assert all(_BARE_YEAR.fullmatch(y) for y in years)
    parser = _dateparser().DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past"})
    for year in years:
        data = parser.get_date_data(year)
        assert data.period == "year" and data.date_obj.year == int(year)
        assert _dateparser_fallback(year, date(2023, 4, 17)) == (date(int(year), 1, 1), "year")

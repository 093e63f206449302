"""Dyad series over the hand-built store (see conftest.py for the events and their values)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eventwire.analyze.dyads import ActorSpec, DyadQuery, dyad_periods, dyad_report, dyad_series, period_range
from eventwire.errors import UsageError


def series(built_store: Any, a: str = "CHN", b: str = "RUS", **options: Any) -> dict[date, Any]:
    query = DyadQuery(ActorSpec.parse(a), ActorSpec.parse(b), **options)
    return {p.period: p for p in dyad_periods(built_store, query)}


@pytest.mark.parametrize(("text", "expected"), [
    ("CHN", ActorSpec(country="CHN")),
    ("CHNMIL", ActorSpec(country="CHN", sectors=("MIL",))),
    ("USAGOVMIL", ActorSpec(country="USA", sectors=("GOV", "MIL"))),
    ("Vladimir Putin", ActorSpec(name="Vladimir Putin")),
    ("NATO", ActorSpec(name="NATO")),
])
def test_actor_argument_is_a_code_or_a_name(text: str, expected: ActorSpec) -> None:
    assert ActorSpec.parse(text) == expected


def test_april_counts_cooperation_and_conflict_in_both_directions(built_store: Any) -> None:
    april = series(built_store)[date(2023, 4, 1)]
    assert april.events == 4  # the intent event of April 18 is left out
    assert april.by_quad == {0: 0, 1: 2, 2: 1, 3: 1, 4: 0}
    assert april.by_plover == {"CONSULT": 2, "COOPERATE": 1, "ACCUSE": 1}
    assert april.goldstein_sum == pytest.approx(7.3)
    assert april.goldstein_mean == pytest.approx(7.3 / 4)
    assert april.cooperation == pytest.approx(1.9 + 6.4 + 1.0)
    assert april.conflict == pytest.approx(2.0)
    assert april.net_cooperation == pytest.approx(7.3)
    assert april.net_cooperation_events == 2
    assert (april.stories, april.sources) == (2, 2)


def test_event_without_a_date_counts_in_its_publication_month(built_store: Any) -> None:
    june = series(built_store)[date(2023, 6, 1)]
    assert (june.events, june.by_quad[4], june.conflict, june.net_cooperation) == (1, 1, 10.0, -10.0)


def test_months_without_events_are_filled_with_zeros(built_store: Any) -> None:
    periods = series(built_store)
    assert list(periods) == [date(2023, 4, 1), date(2023, 5, 1), date(2023, 6, 1)]
    assert periods[date(2023, 5, 1)].events == 0 and periods[date(2023, 5, 1)].goldstein_mean is None


def test_all_modalities_adds_the_intent_event(built_store: Any) -> None:
    april = series(built_store, include_modalities=None)[date(2023, 4, 1)]
    assert (april.events, april.by_quad[1], april.goldstein_sum) == (5, 3, pytest.approx(11.3))


def test_directed_series_keeps_one_direction(built_store: Any) -> None:
    chn_to_rus = series(built_store, directed=True)
    assert chn_to_rus[date(2023, 4, 1)].events == 1
    rus_to_chn = series(built_store, "RUS", "CHN", directed=True)
    assert rus_to_chn[date(2023, 4, 1)].events == 3
    assert date(2023, 6, 1) not in rus_to_chn


@pytest.mark.parametrize(("a", "b", "events"), [
    ("CHNMIL", "RUSMIL", 1),
    ("CHNGOV", "RUS", 2),  # the visit, and Putin -> Xi (both GOV)
    ("Vladimir Putin", "xi jinping", 1),
    ("CHN", "USA", 1),
    ("RUS", "USA", 0),
])
def test_sector_and_name_dyads(built_store: Any, a: str, b: str, events: int) -> None:
    assert sum(p.events for p in series(built_store, a, b).values()) == events


@pytest.mark.parametrize(("by", "expected"), [
    ("year", [date(2023, 1, 1)]),
    ("week", [date(2023, 4, 10), date(2023, 4, 17)]),  # Sunday 16 April falls in the week of Monday 10 April
])
def test_periods_follow_the_chosen_unit(built_store: Any, by: str, expected: list[date]) -> None:
    periods = series(built_store, by=by)
    assert list(periods)[: len(expected)] == expected


def test_since_and_until_limit_the_events_and_the_filled_range(built_store: Any) -> None:
    periods = series(built_store, since="2023-04-17", until="2023-07-31")
    assert list(periods) == [date(2023, 4, 1), date(2023, 5, 1), date(2023, 6, 1), date(2023, 7, 1)]
    assert periods[date(2023, 4, 1)].events == 3


def test_dyad_series_returns_a_dataframe_with_documented_columns(built_store: Any) -> None:
    pytest.importorskip("pandas")
    frame = dyad_series(built_store, "CHN", "RUS")
    assert list(frame.index.strftime("%Y-%m")) == ["2023-04", "2023-05", "2023-06"]
    for column in ("events", "verbal_coop", "material_conflict", "plover_CONSULT", "goldstein_mean",
                   "goldstein_sum", "net_cooperation", "net_cooperation_events", "stories", "sources"):
        assert column in frame.columns
    assert frame.loc["2023-04-01", "net_cooperation"] == pytest.approx(7.3)
    assert int(frame["events"].sum()) == 5


def test_report_prints_a_row_per_period(built_store: Any) -> None:
    text = dyad_report(built_store, DyadQuery(ActorSpec.parse("CHN"), ActorSpec.parse("RUS")))
    assert "CHN <-> RUS by month" in text
    assert "2023-04" in text and "+7.3" in text


def test_unknown_period_is_a_usage_error(built_store: Any) -> None:
    with pytest.raises(UsageError, match="day, week, month, year"):
        series(built_store, by="fortnight")


def test_period_range_crosses_the_year_end() -> None:
    assert period_range(date(2023, 11, 1), date(2024, 2, 1), "month") == [
        date(2023, 11, 1), date(2023, 12, 1), date(2024, 1, 1), date(2024, 2, 1)]

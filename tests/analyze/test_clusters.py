"""Event clusters: reports of one real-world event meet; other dates, kinds or pairs stay apart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eventwire.analyze.clusters import ClusterOptions, EventMention, block_key, cluster_events

DAY = date(2024, 3, 4)


def mention(key: str, *, days: int = 0, source: str | None = "RUS", target: str | None = "UKR",
            root: str = "19", plover: str = "ASSAULT", trigger: str = "shelled",
            sentence: str = "Russian artillery shelled the port city overnight, officials said.",
            place: str | None = None) -> EventMention:
    return EventMention(key=key, day=DAY + timedelta(days=days), source=source, target=target, cameo_root=root,
                        plover=plover, trigger=trigger, sentence=sentence, place=place)


def clusters_of(mentions: list[EventMention], options: ClusterOptions = ClusterOptions()) -> list[set[str]]:
    by_id: dict[str, set[str]] = {}
    for key, cluster in cluster_events(mentions, options).items():
        by_id.setdefault(cluster, set()).add(key)
    return sorted(by_id.values(), key=min)


SAME_EVENT = [
    mention("a:0"),
    mention("b:3", days=1, trigger="shelling", sentence="Ukraine condemned the overnight shelling of the port."),
    mention("c:1", days=2, trigger="bombarded", sentence="Officials said Russian guns bombarded the port city.",
            place="Odesa"),
    mention("d:0", days=1, source="UKR", target="RUS", trigger="attack",
            sentence="Kyiv accused Moscow of an attack on the port city overnight."),
]


def test_reports_of_one_event_within_the_window_form_one_cluster() -> None:
    assert clusters_of(SAME_EVENT) == [{"a:0", "b:3", "c:1", "d:0"}]


@pytest.mark.parametrize("other, reason", [
    (mention("z:0", days=5), "five days later"),
    (mention("z:0", root="04", plover="CONSULT", trigger="met"), "another CAMEO root"),
    (mention("z:0", target="POL"), "another dyad"),
    (mention("z:0", source=None, target=None), "no country at all"),
    (mention("z:0", trigger="arrested", sentence="Police arrested two men at a market in the capital."),
     "no shared trigger, place or words"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_a_different_event_stays_apart(other: EventMention, reason: str) -> None:
    assert clusters_of([mention("a:0"), other]) == [{"a:0"}, {"z:0"}], reason


def test_directed_dyads_keep_the_two_directions_apart() -> None:
    pair = [mention("a:0"), mention("b:0", source="UKR", target="RUS")]
    assert clusters_of(pair) == [{"a:0", "b:0"}]
    assert clusters_of(pair, ClusterOptions(directed=True)) == [{"a:0"}, {"b:0"}]


def test_matching_on_plover_joins_different_cameo_roots_of_one_type() -> None:
    pair = [mention("a:0", root="18", plover="ASSAULT"), mention("b:0", root="19", plover="ASSAULT")]
    assert len(clusters_of(pair)) == 2
    assert clusters_of(pair, ClusterOptions(match="plover")) == [{"a:0", "b:0"}]


def test_a_daily_recurring_event_does_not_chain_into_one_long_cluster() -> None:
    daily = [mention(f"k{n}:0", days=n) for n in range(7)]
    found = clusters_of(daily)
    assert len(found) == 3  # anchored on the first report: days 0-2, 3-5, 6
    assert found[0] == {"k0:0", "k1:0", "k2:0"}


def test_cluster_ids_are_the_smallest_key_and_ignore_input_order() -> None:
    forward = cluster_events(SAME_EVENT)
    backward = cluster_events(list(reversed(SAME_EVENT)))
    assert forward == backward
    assert set(forward.values()) == {"a:0"}


def test_an_undated_mention_stands_alone() -> None:
    undated = EventMention("u:0", None, "RUS", "UKR", "19", "ASSAULT", "shelled", "Russian artillery shelled it.")
    assert clusters_of([mention("a:0"), undated]) == [{"a:0"}, {"u:0"}]


def test_block_keys_ignore_direction_unless_asked() -> None:
    forward, backward = mention("a:0"), mention("b:0", source="UKR", target="RUS")
    assert block_key(forward) == block_key(backward) == ("RUS", "UKR", "19")
    assert block_key(forward, ClusterOptions(directed=True)) != block_key(backward, ClusterOptions(directed=True))


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="match"):
        ClusterOptions(match="goldstein")

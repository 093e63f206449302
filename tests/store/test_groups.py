"""Story groups and event clusters in the store: counts a user reads, incremental = rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.analyze.clusters import ClusterOptions
from eventwire.analyze.duplicates import DedupeOptions
from eventwire.records import Actor, Article, DocumentResult, Event, Span
from eventwire.store import EventStore
from eventwire.store.groups import (
    list_clusters,
    list_story_groups,
    stored_options,
    table_rows,
    update_event_clusters,
    update_story_groups,
)

STORY = (
    "Coast guard vessels from the two neighbouring states collided near the disputed reef on Sunday, "
    "each government said, blaming the other side for sailing into its waters. Officials in the capital said "
    "one of their patrol boats was rammed while escorting a supply mission to a small garrison on the reef, and "
    "that two sailors suffered minor injuries. The other government said its ship had been trying to block an "
    "illegal resupply run and that the patrol boat had turned sharply across its bow. Both foreign ministries "
    "summoned the other's ambassador on Monday to lodge formal protests, and regional diplomats urged restraint "
    "ahead of a summit meeting planned for next month. Analysts said the collision was the most serious incident "
    "at the reef in three years and could complicate talks on a code of conduct for the sea lanes."
)
COPY = "Copyright 2024 Example Wire. All rights reserved.\n" + STORY.replace("on Sunday", "Sunday")
OTHER = (
    "Farmers in the northern valleys began the apple harvest a week early this year after a warm spring, and "
    "growers' associations said they expected a record crop if the dry weather held through the month. Packing "
    "houses have hired extra seasonal workers, while exporters said demand from overseas buyers remained strong."
)
SHELLING = "Artillery of the Republic of Aria shelled border posts of Borland on Sunday, officials said."
PROTEST = "Borland summoned the ambassador of Aria on Monday to protest against the shelling of its border posts."


def article(key: str, text: str, publisher: str | None, published: str = "2024-06-02") -> Article:
    return Article(id=key, text=text, published=published, publisher=publisher, origin="t", content_hash=key * 32)


def event(art: Article, index: int, sentence: str, trigger: str, cameo: str, day: str, *, source: str = "ARI",
          target: str = "BOR") -> Event:
    return Event(id=f"{art.id}:0:{index}", sentence_index=0, sentence=sentence, trigger=Span(trigger, 0, len(trigger)),
                 source=Actor(source, 0, 4, source), target=Actor(target, 0, 4, target), cameo=cameo,
                 cameo_label="", goldstein=-5.0, quad_class=4, plover="ASSAULT", date=day)


def store_with(tmp_path: Path, articles: list[tuple[Article, tuple[Event, ...]]]) -> EventStore:
    store = EventStore(tmp_path / "groups.duckdb")
    store.write_batch([(a, DocumentResult(doc_id=a.id, published=a.published, events=events,
                                          content_hash=a.content_hash)) for a, events in articles])
    return store


@pytest.fixture
def reports(tmp_path: Path) -> EventStore:
    """Three outlets carry one wire story (two copies of it), a fourth writes its own; one unrelated article."""
    a, b = article("a", STORY, "Wire One"), article("b", COPY, "Daily Two")
    c, d = article("c", STORY + " More.", None), article("d", PROTEST, "Gazette Four", "2024-06-03")
    e = article("e", OTHER, "Daily Two")
    shelled = [(x, (event(x, 0, SHELLING, "shelled", "194", "2024-06-02"),)) for x in (a, b, c)]
    own = (event(d, 0, PROTEST, "shelling", "193", "2024-06-03", source="BOR", target="ARI"),
           event(d, 1, PROTEST, "summoned", "111", "2024-06-03", source="BOR", target="ARI"))
    return store_with(tmp_path, [*shelled, (d, own), (e, ())])


def test_syndicated_copies_form_one_story(reports: EventStore) -> None:
    done = update_story_groups(reports)
    assert (done.articles, done.groups, done.shared) == (5, 3, 1)
    _, rows = list_story_groups(reports)
    assert [(group, n, publishers) for group, n, publishers, _, _ in rows] == [("a" * 32, 3, 2)]


def test_a_cluster_counts_mentions_articles_stories_and_sources(reports: EventStore) -> None:
    update_story_groups(reports)
    update_event_clusters(reports)
    names, rows = list_clusters(reports, min_articles=2)
    assert len(rows) == 1
    got = dict(zip(names, rows[0], strict=True))
    # three copies of one story plus an outlet's own report; the copy without a publisher counts as its story
    assert (got["cameo_root"], got["mentions"], got["articles"], got["stories"], got["sources"]) == ("19", 4, 4, 2, 4)


def test_adding_articles_later_gives_the_same_tables_as_a_rebuild(reports: EventStore, tmp_path: Path) -> None:
    update_story_groups(reports)
    update_event_clusters(reports)
    late = article("f", STORY.replace("minor injuries", "light injuries"), "Late Five", "2024-06-04")
    reports.write_batch([(late, DocumentResult(doc_id="f", published=late.published, content_hash=late.content_hash,
                                               events=(event(late, 0, SHELLING, "shelled", "194", "2024-06-03"),)))])
    assert update_story_groups(reports).signed == 1
    assert update_event_clusters(reports).reclustered == 5  # only the shelling block is redone
    incremental = table_rows(reports)
    update_story_groups(reports, full=True)
    update_event_clusters(reports, full=True)
    assert table_rows(reports) == incremental
    assert dict(incremental["story_groups"])["f" * 32] == "a" * 32


def test_changing_the_options_regroups_everything(reports: EventStore) -> None:
    update_story_groups(reports)
    assert update_story_groups(reports, DedupeOptions(threshold=0.99)).signed == 5
    update_event_clusters(reports)
    assert update_event_clusters(reports, ClusterOptions(window_days=0)).reclustered == 5


def test_an_update_without_options_keeps_the_ones_last_built_with(reports: EventStore) -> None:
    update_story_groups(reports, DedupeOptions(threshold=0.99))
    assert update_story_groups(reports).signed == 0
    assert stored_options(reports, "dedupe", DedupeOptions) == DedupeOptions(threshold=0.99)

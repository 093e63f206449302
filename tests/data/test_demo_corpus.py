"""The bundled demo corpus: well-formed lines that exercise every analysis."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eventwire.data import data_path

FIELDS = {"id", "title", "published", "publisher", "text"}


@pytest.fixture(scope="module")
def articles() -> list[dict[str, str]]:
    with open(data_path("demo/articles.jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_corpus_has_ten_to_twelve_articles_with_unique_ids(articles: list[dict[str, str]]) -> None:
    assert 10 <= len(articles) <= 12
    assert len({a["id"] for a in articles}) == len(articles)


def test_every_article_has_the_documented_fields(articles: list[dict[str, str]]) -> None:
    for article in articles:
        assert set(article) == FIELDS, article["id"]
        assert article["publisher"] == "eventwire demo"
        assert article["title"].strip()


def test_articles_are_short_news_with_paragraphs_and_quotes(articles: list[dict[str, str]]) -> None:
    for article in articles:
        words = len(article["text"].split())
        assert 150 <= words <= 350, (article["id"], words)
        assert article["text"].count("\n\n") >= 2, article["id"]
        assert article["text"].count('"') >= 2 and article["text"].count('"') % 2 == 0, article["id"]


def test_dates_span_january_2023_to_june_2024(articles: list[dict[str, str]]) -> None:
    dates = sorted(date.fromisoformat(a["published"]) for a in articles)
    assert dates[0].strftime("%Y-%m") == "2023-01"
    assert dates[-1].strftime("%Y-%m") == "2024-06"


def test_april_2023_has_three_china_russia_stories(articles: list[dict[str, str]]) -> None:
    april = [a for a in articles if a["published"].startswith("2023-04")]
    both = [a for a in april if ("China" in a["text"] or "Chinese" in a["text"])
            and ("Russia" in a["text"] or "Moscow" in a["text"])]
    assert len(both) >= 3


@pytest.mark.parametrize("cue", ["shelled", "sanctions", "ceasefire", "detained", "appealed", "joint",
                                 "accused", "aid"])
def test_corpus_covers_the_event_kinds_the_demo_promises(articles: list[dict[str, str]], cue: str) -> None:
    assert any(cue in a["text"] for a in articles)

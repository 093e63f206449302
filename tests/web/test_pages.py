"""The dashboard pages render from the small store, link to each other and escape what they show."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize(("url", "seen"), [
    ("/", ["6</b> events", "CHN", "relation"]),
    ("/relations", ["Actor A", "Actor B"]),
    ("/relations?a=CHN&b=RUS", ["<svg", "2023-01", "2023-02", "Make a visit"]),
    ("/relations?a=CHN&b=RUS&period=2023-02-01", ["2023-02-01 to 2023-02-28", "Russia accused China of hesitation."]),
    ("/relations?a=CHN&b=RUS&period=2023-02-01&all_modalities=true", ["China pledged grain to Russia."]),
    ("/relations?a=CHN&b=XYZ", ["No events between CHN and XYZ"]),
    ("/events?actor=UKR", ["1 events", "Russia shelled Kyiv overnight.", "Fight with artillery"]),
    ("/events?cameo=&quad_class=&attributed=&since=", ["6 events"]),  # an empty form field means "any"
    ("/actors", ["CHN", "UKR", "Mentions"]),
    ("/actors/RUS", ["Top partners", "CHN", "UKR", "Russia shelled Kyiv"]),
    ("/map", ["<circle", "Kyiv", "Moscow"]),
    ("/api-docs", ["/api/events", "/openapi.json"]),
])
def test_pages_show_what_the_store_holds(client, url: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    for text in seen:
        assert text in response.text, text


def test_a_chart_bar_links_to_its_period(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/relations?a=CHN&b=RUS").text
    links = re.findall(r'class="bar[^"]*" data-period="([\d-]+)"\s+href="([^"]+)"', page)
    assert [period for period, _ in links] == ["2023-01-01", "2023-02-01"]
    target = links[0][1].replace("&amp;", "&")
    assert "China&#39;s defence chief visited Moscow" in client.get(target).text


def test_the_article_view_highlights_the_chosen_event(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/articles/visit-jan?event=visit-jan:1:1").text
    chosen = re.search(r'<span class="[^"]*selected-sentence[^"]*"[^>]*id="selected"[^>]*>([^<]*)</span>', page)
    assert chosen and chosen.group(1).startswith("Russia")
    assert re.search(r'class="[^"]*selected-trigger[^"]*"[^>]*>welcomed<', page)
    assert 'class="mention' in page and "place" in page and "lexicon:welcomed/test" in page


def test_the_article_view_shows_quotes_with_their_speakers(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/articles/shell-feb").text
    assert "speaker: Volodymyr Zelensky" in page and 'id="quote-0"' in page


@pytest.mark.parametrize(("url", "status"), [
    ("/articles/nothing", 404), ("/articles/visit-jan?event=nope", 404), ("/actors/XYZ", 404),
    ("/events?cameo=abc", 422), ("/no-such-page", 404),
])
def test_page_errors_are_pages_with_a_message(client, url: str, status: int) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert f"Error {status}" in response.text


def test_user_input_is_escaped_in_pages(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/events", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_pages_forbid_outside_scripts_and_load_nothing_remote(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/relations?a=CHN&b=RUS")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert not re.search(r'(src|href)="(https?:)?//', response.text)
    assert client.get("/static/app.js").status_code == 200 and client.get("/static/style.css").status_code == 200

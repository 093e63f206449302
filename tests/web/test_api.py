"""The REST API over a small hand-built store: filters, provenance, series, downloads, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest


def ids(client, query: str) -> set[str]:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    return {e["event_id"] for e in response.json()["items"]}


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"visit-jan:0:0", "visit-jan:1:1", "aid-feb:0:0", "aid-feb:1:1", "shell-feb:0:0", "shell-feb:2:1"}),
    ("actor=UKR", {"shell-feb:0:0"}),
    ("source=RUS", {"visit-jan:1:1", "shell-feb:0:0", "shell-feb:2:1"}),
    ("target=chn", {"visit-jan:1:1", "shell-feb:2:1"}),
    ("dyad=CHN,RUS", {"visit-jan:0:0", "visit-jan:1:1", "aid-feb:0:0", "aid-feb:1:1", "shell-feb:2:1"}),
    ("dyad=RUS,UKR", {"shell-feb:0:0"}),
    ("cameo=03", {"aid-feb:0:0", "aid-feb:1:1"}),
    ("cameo=0331", {"aid-feb:1:1"}),
    ("cameo_root=19", {"shell-feb:0:0"}),
    ("plover=assault", {"shell-feb:0:0"}),
    ("quad_class=3&quad_class=4", {"shell-feb:0:0", "shell-feb:2:1"}),
    ("modality=intent&modality=hypothetical", {"aid-feb:0:0", "aid-feb:1:1"}),
    ("attributed=true", {"visit-jan:1:1"}),
    ("since=2023-02-15&until=2023-02-28", {"shell-feb:0:0", "shell-feb:2:1"}),
    ("place=kyiv", {"shell-feb:0:0"}),
    ("place=RUS", {"visit-jan:0:0"}),
    ("q=ARMS", {"aid-feb:1:1"}),
    ("doc_id=visit-jan&min_confidence=0.5", {"visit-jan:0:0", "visit-jan:1:1"}),
])
def test_event_filters_select_the_right_events(client, query: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert ids(client, query) == expected


def test_unattributed_filter_is_the_complement(client) -> None:  # type: ignore[no-untyped-def]
    assert len(ids(client, "attributed=false")) == 5


@pytest.mark.parametrize(("query", "first"), [
    ("sort=goldstein&order=asc", "shell-feb:0:0"),
    ("sort=goldstein&order=desc", "aid-feb:1:1"),
    ("sort=date&order=asc", "visit-jan:0:0"),
])
def test_events_sort_by_whitelisted_columns(client, query: str, first: str) -> None:  # type: ignore[no-untyped-def]
    assert client.get(f"/api/events?{query}").json()["items"][0]["event_id"] == first


def test_pagination_pages_through_every_event_once(client) -> None:  # type: ignore[no-untyped-def]
    seen = []
    for offset in range(0, 6, 4):
        page = client.get(f"/api/events?limit=4&offset={offset}&sort=date&order=asc").json()
        assert page["total"] == 6
        seen += [e["event_id"] for e in page["items"]]
    assert len(seen) == len(set(seen)) == 6


@pytest.mark.parametrize(("query", "status", "words"), [
    ("cameo=abc", 422, "cameo"),
    ("quad_class=7", 422, "quad_class"),
    ("modality=certain", 422, "modality"),
    ("since=yesterday", 422, "since"),
    ("since=2023-03-01&until=2023-01-01", 400, "after"),
    ("sort=sentence; DROP TABLE events", 422, "sort"),
    ("limit=0", 422, "limit"),
    ("limit=100000", 422, "limit"),
    ("offset=-1", 422, "offset"),
    ("dyad=CHN", 422, "dyad"),
    ("min_confidence=2", 422, "min_confidence"),
])
def test_bad_parameters_get_a_clear_json_error(client, query: str, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/events?{query}")
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and words in body["error"]


def test_user_text_never_becomes_sql(client) -> None:  # type: ignore[no-untyped-def]
    for hostile in ("' OR 1=1 --", "RUS'; DROP TABLE events; --", "%", "_"):
        response = client.get("/api/events", params={"actor": hostile, "q": hostile, "place": hostile})
        assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == 6


def test_one_event_carries_its_provenance(client) -> None:  # type: ignore[no-untyped-def]
    event = client.get("/api/events/visit-jan:1:1").json()
    assert event["article"]["doc_id"] == "visit-jan" and event["article"]["title"] == "Test article visit-jan"
    assert event["sentence"] == "Russia welcomed the talks, state media reported."
    assert (event["sentence_start"], event["trigger_text"]) == (48, "welcomed")
    assert event["sentence_start"] <= event["trigger_start"] < event["trigger_end"] <= event["sentence_end"]
    assert event["attributed_text"] == "state media" and event["rule"] == "lexicon:welcomed/test"


@pytest.mark.parametrize("url", ["/api/events/no-such-event", "/api/articles/no-such-article", "/api/actors/XYZ"])
def test_unknown_ids_are_404_with_a_message(client, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 404 and "no " in response.json()["error"]


def test_an_article_comes_with_all_its_annotations(client) -> None:  # type: ignore[no-untyped-def]
    article = client.get("/api/articles/shell-feb").json()
    text = article["text"]
    assert [m["text"] for m in article["mentions"]] == ["China", "Russia", "Ukraine"]
    assert article["quotes"][0]["speaker_name"] == "Volodymyr Zelensky"
    assert text[article["quotes"][0]["start"]:article["quotes"][0]["end"]] == '"Ukraine will answer,"'
    assert [p["name"] for p in article["places"]] == ["Kyiv"]
    assert [e["cameo"] for e in article["events"]] == ["194", "112"]
    same = client.get(f"/api/articles/{article['content_hash']}").json()
    assert same["doc_id"] == "shell-feb"


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"2023-01": (2, 2, 0), "2023-02": (1, 0, 1)}),  # asserted events only, as the command line counts
    ("&all_modalities=true", {"2023-01": (2, 2, 0), "2023-02": (3, 2, 1)}),
    ("&modality=intent&modality=hypothetical", {"2023-02": (2, 2, 0)}),
    ("&since=2023-02-01", {"2023-02": (1, 0, 1)}),
])
def test_dyad_series_counts_cooperation_and_conflict_per_month(client, query: str,  # type: ignore[no-untyped-def]
                                                               expected: dict[str, tuple[int, int, int]]) -> None:
    body = client.get(f"/api/dyads/series?a=CHN&b=RUS&interval=month{query}").json()
    rows = {p["label"]: (p["events"], p["cooperative"], p["conflictual"]) for p in body["periods"]}
    assert rows == expected


def test_dyad_series_carries_the_analysis_figures(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/dyads/series?a=chn&b=RUS&interval=month&all_modalities=true").json()
    feb = body["periods"][1]
    assert (feb["start"], feb["end"]) == ("2023-02-01", "2023-02-28")
    assert feb["net_cooperation"] == pytest.approx(3.4 + 5.2 - 2.0) and feb["stories"] == 2
    assert feb["plover"] == {"AID": 2, "ACCUSE": 1}
    assert {t["cameo"] for t in body["top_types"]} == {"042", "051", "033", "0331", "112"}


def test_a_directed_dyad_series_keeps_one_direction(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/dyads/series?a=RUS&b=CHN&directed=true&interval=year").json()
    assert [(p["label"], p["events"]) for p in body["periods"]] == [("2023", 2)]  # both asserted


def test_dyad_series_needs_both_actors(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/dyads/series?a=CHN").status_code == 422
    assert client.get("/api/dyads/series?a=CHN&b=RUS&interval=decade").status_code == 422
    assert client.get("/api/dyads/series?a=CHN&b=RUS&since=2023-03-01&until=2023-01-01").status_code == 400


def test_actors_come_from_mentions(client) -> None:  # type: ignore[no-untyped-def]
    items = client.get("/api/actors").json()["items"]
    assert {x["country"]: x["articles"] for x in items} == {"CHN": 3, "RUS": 3, "UKR": 1}
    assert [x["country"] for x in client.get("/api/actors?q=ukr").json()["items"]] == ["UKR"]


def test_actor_page_data_names_top_partners(client) -> None:  # type: ignore[no-untyped-def]
    actor = client.get("/api/actors/RUS").json()
    assert actor["country"] == "RUS" and actor["events"] == 6
    assert [(p["partner"], p["events"]) for p in actor["partners"]] == [("CHN", 5), ("UKR", 1)]
    assert "GOV" in actor["mention_sectors"]


def test_network_has_directed_country_edges(client) -> None:  # type: ignore[no-untyped-def]
    net = client.get("/api/network?all_modalities=true").json()
    edges = {(e["source"], e["target"]): e["events"] for e in net["edges"]}
    assert edges == {("CHN", "RUS"): 3, ("RUS", "CHN"): 2, ("RUS", "UKR"): 1}
    assert {n["id"] for n in net["nodes"]} == {"CHN", "RUS", "UKR"}
    assert client.get("/api/network?min_events=3&all_modalities=true").json()["edges"][0]["events"] == 3
    asserted = {(e["source"], e["target"]): e["events"] for e in client.get("/api/network").json()["edges"]}
    assert asserted == {("CHN", "RUS"): 1, ("RUS", "CHN"): 2, ("RUS", "UKR"): 1}


def test_summary_counts_the_store(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/summary").json()
    assert body["counts"]["articles"] == 3 and body["counts"]["events"] == 6
    assert body["first_day"] == "2023-01-10" and body["last_day"] == "2023-02-20"


def test_map_points_group_events_by_place(client) -> None:  # type: ignore[no-untyped-def]
    items = client.get("/api/map").json()["items"]
    assert {(p["name"], p["events"]) for p in items} == {("Moscow", 1), ("Kyiv", 1)}


def test_csv_download_holds_the_filtered_list(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/events/download?format=csv&dyad=RUS,UKR")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["event_id"], r["cameo"], r["source_sector"]) for r in rows] == [("shell-feb:0:0", "194", "GOV")]


@pytest.mark.parametrize(("fmt", "parse"), [
    ("json", json.loads),
    ("jsonl", lambda text: [json.loads(line) for line in text.splitlines()]),
])
def test_json_downloads_hold_the_filtered_list(client, fmt: str, parse) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/events/download?format={fmt}&modality=intent")
    assert [e["event_id"] for e in parse(response.text)] == ["aid-feb:0:0"]


def test_an_empty_download_is_still_a_valid_file(client) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(client.get("/api/events/download?format=json&actor=XYZ").text) == []
    assert client.get("/api/events/download?format=csv&actor=XYZ").text.startswith("event_id,")


def test_openapi_document_lists_every_endpoint(client) -> None:  # type: ignore[no-untyped-def]
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/events", "/api/events/download", "/api/events/{event_id}", "/api/articles/{key}",
            "/api/dyads/series", "/api/actors", "/api/actors/{actor}", "/api/network", "/api/summary",
            "/api/map"} <= paths


def test_the_write_endpoint_is_absent_by_default(client) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/articles", json={"text": "x"}).status_code in (404, 405)
    assert "/api/articles" not in client.get("/openapi.json").json()["paths"]


@pytest.mark.parametrize("query", ["a=%20&b=RUS", "a=CHN&b=%0D"])
def test_a_blank_actor_is_a_422_not_a_crash(client, query: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/dyads/series?{query}")
    assert response.status_code == 422 and "actor" in response.json()["error"]


def test_an_actor_has_a_readable_country_name(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/actors/UKR").json()["country_name"] == "Ukraine"

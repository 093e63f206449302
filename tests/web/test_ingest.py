"""POST /api/articles: only with --allow-ingest, only with the token, only within the size limits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture()
def writable(store_path: Path, tmp_path: Path, fake_coder: type):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from eventwire.web import ServeOptions, create_app

    copy = tmp_path / "rw.duckdb"
    shutil.copy(store_path, copy)
    app = create_app(ServeOptions(db=copy, allow_ingest=True, token=TOKEN, max_body_bytes=4000, max_chars=1000),
                     coder_factory=fake_coder)
    with TestClient(app) as test_client:
        yield test_client


AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"id": "api-1", "text": "Officials met in Geneva to talk about trade.", "published": "2023-03-01"}


def test_an_authorised_article_is_coded_and_stored(writable) -> None:  # type: ignore[no-untyped-def]
    response = writable.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] and body["events"] == 1
    assert writable.get("/api/events/api-1:0:0").json()["cameo"] == "010"
    again = writable.post("/api/articles", json=ARTICLE, headers=AUTH).json()
    assert again["already_stored"] and not again["stored"]


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer wrong-token"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": "Bearer ünïcödé".encode("latin-1")},  # type: ignore[dict-item]
])
def test_a_missing_or_wrong_token_is_refused(writable, headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    response = writable.post("/api/articles", json=ARTICLE, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/events?doc_id=api-1").json()["total"] == 0


@pytest.mark.parametrize(("body", "status"), [
    ({"text": "word " * 1000}, 413),  # over the byte limit of the body
    ({"text": "word " * 300}, 413),  # under the byte limit, over the character limit of the text
    ({"title": "no text"}, 422),
    ({"text": ""}, 422),
    ({"text": "Officials met.", "published": "March 1st"}, 422),
])
def test_oversized_or_malformed_articles_are_refused(writable, body: dict[str, str], status: int) -> None:  # type: ignore[no-untyped-def]
    response = writable.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == status
    assert response.json()["status"] == status


def test_a_body_that_is_not_json_is_a_422(writable) -> None:  # type: ignore[no-untyped-def]
    response = writable.post("/api/articles", content=b"\xff\xfe not json", headers=AUTH)
    assert response.status_code == 422


def test_a_chunked_body_is_limited_while_it_streams(writable) -> None:  # type: ignore[no-untyped-def]
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(10):
            yield b"x" * 1000

    response = writable.post("/api/articles", content=chunks(), headers=AUTH)
    assert response.status_code == 413


def test_ingest_without_a_token_cannot_be_configured(store_path: Path) -> None:
    from eventwire.web import ServeOptions, create_app

    with pytest.raises(ValueError, match="EVENTWIRE_TOKEN"):
        create_app(ServeOptions(db=store_path, allow_ingest=True, token=None))

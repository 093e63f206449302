"""Property-based fuzz of the API from its own OpenAPI document: no input may cause a 5xx.

Bounded (25 examples per operation) so the whole fuzz stays well under a minute on CI.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

TOKEN = "fuzz-token-0123456789abcdef"


@pytest.fixture(scope="module")
def api_schema(store_path: Path, tmp_path_factory: pytest.TempPathFactory, fake_coder: type):  # type: ignore[no-untyped-def]
    from eventwire.web import ServeOptions, create_app

    # A writable copy with ingest on, so that the POST endpoint is fuzzed too (with the right token,
    # to get past the 401 and into the body checks); the fake coder keeps it fast.
    copy = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    shutil.copy(store_path, copy)
    app = create_app(ServeOptions(db=copy, allow_ingest=True, token=TOKEN, max_body_bytes=20_000, max_chars=5_000),
                     coder_factory=fake_coder)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


#: Every operation of the API; a test below fails when the document gains one that is not listed.
OPERATIONS = [
    ("GET", "/api/events"), ("GET", "/api/events/download"), ("GET", "/api/events/{event_id}"),
    ("GET", "/api/articles/{key}"), ("GET", "/api/dyads/series"), ("GET", "/api/actors"),
    ("GET", "/api/actors/{actor}"), ("GET", "/api/network"), ("GET", "/api/summary"), ("GET", "/api/map"),
    ("POST", "/api/articles"),
]


def test_the_fuzz_covers_every_operation(api_schema) -> None:  # type: ignore[no-untyped-def]
    found = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


# schemathesis' own pytest loader does not run under pytest 9, so each operation's strategy is
# driven by Hypothesis directly.
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_request_makes_the_server_fail(api_schema, method: str, path: str) -> None:  # type: ignore[no-untyped-def]
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case) -> None:  # type: ignore[no-untyped-def]
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} {case.query}: {response.status_code} {response.text[:300]}")

    check()

"""The export tests reuse the hand-built store of tests/analyze/conftest.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from eventwire.store import EventStore

_BUILDER = Path(__file__).parents[1] / "analyze" / "conftest.py"
_spec = importlib.util.spec_from_file_location("eventwire_test_store", _BUILDER)
assert _spec is not None and _spec.loader is not None
built = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(built)


@pytest.fixture(scope="module")
def built_path(tmp_path_factory: Any) -> Path:
    return built.build_store(tmp_path_factory.mktemp("store") / "events.duckdb")


@pytest.fixture()
def built_store(built_path: Path) -> Any:
    with EventStore(built_path, read_only=True) as opened:
        yield opened

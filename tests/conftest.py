"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

#: The shared folder beside the checkout (gold sets, corpora); tests that need it skip without it.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def coder(nlp):  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Coder

    return Coder(nlp=nlp)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared folder is not beside the checkout ({SHARED})")
    return SHARED


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    """Close leftover DuckDB connections while the interpreter is whole, not during its shutdown."""
    import gc

    gc.collect()

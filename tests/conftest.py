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
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


_EXIT_STATUS = pytest.StashKey[int]()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):  # type: ignore[no-untyped-def]
    """End the test process once pytest is done, with pytest's exit status, skipping the
    interpreter's finalisation.

    Native threads that the web tests leave behind (the server's worker threads with their
    DuckDB cursors) can be torn down mid-call while Python finalises, which aborts the process
    ("FATAL: exception not rethrown", seen once in about twenty runs) after every test passed.
    Everything pytest reports is written by now. ``EVENTWIRE_TEST_FINALISE=1`` keeps the normal
    shutdown, to look for such leftovers.
    """
    import os
    import sys

    status = config.stash.get(_EXIT_STATUS, None)
    if status is None or os.environ.get("EVENTWIRE_TEST_FINALISE") == "1":
        return
    writer = getattr(config.pluginmanager.get_plugin("terminalreporter"), "_tw", None)
    if writer is not None:
        writer.flush()  # what the terminal writer still holds
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)

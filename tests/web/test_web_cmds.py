"""`eventwire serve`: safe defaults and refusals before anything is served."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from eventwire.cli.main import build_parser
from eventwire.errors import UsageError


def parser() -> argparse.ArgumentParser:
    """The real ``eventwire`` parser, in which these commands are registered."""
    return build_parser()


def test_serve_binds_to_loopback_read_only_by_default() -> None:
    args = parser().parse_args(["serve", "--db", "x.duckdb"])
    assert (args.host, args.port, args.allow_ingest) == ("127.0.0.1", 8000, False)


@pytest.mark.parametrize(("token", "message"), [(None, "EVENTWIRE_TOKEN"), ("short", "at least 16")])
def test_ingest_is_refused_without_a_long_token(store_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                token: str | None, message: str) -> None:
    if token is None:
        monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    else:
        monkeypatch.setenv("EVENTWIRE_TOKEN", token)
    args = parser().parse_args(["serve", "--db", str(store_path), "--allow-ingest"])
    with pytest.raises(UsageError, match=message):
        args.func(args)


def test_a_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    args = parser().parse_args(["serve", "--db", str(tmp_path / "none.duckdb")])
    with pytest.raises(UsageError, match="eventwire ingest"):
        args.func(args)


def test_workers_serve_the_app_factory_from_several_processes(store_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from eventwire.web.app import DB_VARIABLE, THREADS_VARIABLE

    calls: list[tuple[tuple, dict]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: calls.append((a, k)))
    monkeypatch.delenv(DB_VARIABLE, raising=False)
    monkeypatch.delenv(THREADS_VARIABLE, raising=False)
    args = parser().parse_args(["serve", "--db", str(store_path), "--workers", "2", "--port", "8123"])
    assert args.func(args) == 0
    (positional, options), = calls
    assert positional == ("eventwire.web.app:app_from_environment",)
    assert options["factory"] is True and options["workers"] == 2 and options["port"] == 8123
    assert options["host"] == "127.0.0.1"
    assert Path(os.environ[DB_VARIABLE]) == store_path.resolve() and int(os.environ[THREADS_VARIABLE]) >= 1


def test_one_worker_is_the_default_and_serves_in_process(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[tuple[tuple, dict]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: calls.append((a, k)))
    args = parser().parse_args(["serve", "--db", str(store_path)])
    assert args.workers == 1 and args.func(args) == 0
    (positional, options), = calls
    assert not isinstance(positional[0], str) and "workers" not in options


def test_workers_are_refused_with_ingest_and_below_one(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_TOKEN", "x" * 32)
    args = parser().parse_args(["serve", "--db", str(store_path), "--allow-ingest", "--workers", "2"])
    with pytest.raises(UsageError, match="one process"):
        args.func(args)
    with pytest.raises(SystemExit):
        parser().parse_args(["serve", "--db", str(store_path), "--workers", "0"])

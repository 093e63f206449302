"""`eventwire serve`: safe defaults and refusals before anything is served."""

from __future__ import annotations

import argparse
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

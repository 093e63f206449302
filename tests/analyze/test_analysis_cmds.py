"""The dyad, actors-network, top and export commands (cli/analysis_cmds.py) over the hand-built store."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventwire.cli.analysis_cmds import register

COMMANDS = ("dyad", "actors-network", "top", "export")


def parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """A parser built the way cli/main.py builds its own, with only these commands."""
    root = argparse.ArgumentParser(prog="eventwire")
    sub = root.add_subparsers(dest="command", required=True)
    made: dict[str, argparse.ArgumentParser] = {}

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str,
                example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=f"{help}\n\nexample:\n  {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        made[name] = p
        return p

    register(sub, command)
    return root, made


def run(argv: list[str]) -> int:
    args = parser()[0].parse_args(argv)
    return int(args.func(args))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_ends_with_an_example(name: str) -> None:
    description = parser()[1][name].description or ""
    assert description.splitlines()[-1].strip().startswith(f"eventwire {name} ")


def test_dyad_prints_the_series_and_draws_the_chart(built_path: Path, tmp_path: Path, capsys: Any) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "chart.png"
    assert run(["dyad", "CHN", "RUS", "--db", str(built_path), "--plot", str(chart)]) == 0
    out = capsys.readouterr().out
    assert "2023-04" in out and "+7.3" in out
    assert chart.exists()


def test_dyad_all_modalities_counts_the_intent_event(built_path: Path, capsys: Any) -> None:
    run(["dyad", "CHN", "RUS", "--db", str(built_path), "--by", "year", "--all-modalities"])
    assert "6 events" in capsys.readouterr().out


def test_actors_network_writes_the_file(built_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "net.gexf"
    assert run(["actors-network", "--db", str(built_path), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("<edge ") == 4


def test_top_prints_the_three_lists(built_path: Path, capsys: Any) -> None:
    assert run(["top", "--db", str(built_path), "--since", "2023-04-01", "--until", "2023-04-30"]) == 0
    out = capsys.readouterr().out
    assert "most active actors" in out and "CHN" in out and "most frequent event types" in out


def test_export_writes_the_chosen_format(built_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert run(["export", "--db", str(built_path), "--format", "gdelt", "--out", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8


def test_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    from eventwire.errors import UsageError

    with pytest.raises(UsageError, match="eventwire ingest"):
        run(["top", "--db", str(tmp_path / "none.duckdb")])


def test_commands_are_wired_into_the_eventwire_command() -> None:
    from eventwire.cli.main import build_parser

    choices = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    if not set(COMMANDS) <= set(choices):
        pytest.xfail("cli/main.py does not call analysis_cmds.register yet (the lead adds that line)")

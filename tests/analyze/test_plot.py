"""Dyad charts: a readable PNG with cooperation above the axis and conflict below."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.analyze.dyads import ActorSpec, DyadQuery, dyad_report


def test_plot_writes_a_png(built_store: Any, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "chn-rus.png"
    dyad_report(built_store, DyadQuery(ActorSpec.parse("CHN"), ActorSpec.parse("RUS")), plot_path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000


def test_missing_matplotlib_names_the_extra(built_store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from eventwire.errors import UsageError

    real = importlib.import_module

    def fake(name: str, *args: Any) -> Any:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(UsageError, match=r"eventwire\[plot\]"):
        dyad_report(built_store, DyadQuery(ActorSpec.parse("CHN"), ActorSpec.parse("RUS")),
                    plot_path=str(tmp_path / "x.png"))

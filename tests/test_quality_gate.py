"""Quality gate: the shared referee's figures must not fall below the recorded floors.

The floors live in ``tests/quality_floors.json`` (set a hair below the measured figures of 2026-11-27);
they are raised when the coder improves and
never lowered. Each set is scored by ``../shared/tools/score.py`` running this checkout's
``eventwire code`` (the test skips when the shared folder is not beside the checkout).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))

#: How each figure is read off the referee's last line.
PATTERNS = {
    "recall": r"required recall \d+/\d+ = ([\d.]+)",
    "precision": r"precision ([\d.]+)",
    "quotes": r"quotes (\d+)/\d+",
    "actors": r"actors (\d+)/\d+",
    "accuracy": r"accuracy ([\d.]+)",
    "macro_f1": r"macro-F1 ([\d.]+)",
    "f1": r"\bF1 ([\d.]+)",
    "within_161km": r"within 161 km ([\d.]+)",
}


def referee(shared: Path, name: str) -> str:
    env = dict(os.environ, EVENTWIRE=f"{sys.executable} -m eventwire code")
    proc = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), name], capture_output=True, text=True, env=env, timeout=900
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_the_floors(shared: Path, name: str) -> None:
    headline = referee(shared, name)
    print(headline)
    for figure, floor in FLOORS[name].items():
        match = re.search(PATTERNS[figure], headline)
        assert match, f"no {figure} in {headline!r}"
        assert float(match.group(1)) >= floor, f"{name} {figure} fell below its floor {floor}: {headline}"

"""Same input, same output: results must not depend on Python's string-hash seed.

Worker processes each get their own hash seed, so any iteration over a set of strings
that reaches the output would make the store depend on the number of workers.
"""

from __future__ import annotations

import os
import subprocess
import sys

from eventwire.data import data_path


def code_with_seed(seed: int) -> str:
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    proc = subprocess.run(
        [sys.executable, "-m", "eventwire", "code", str(data_path("demo/articles.jsonl")), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    return proc.stdout


def test_results_do_not_depend_on_the_hash_seed() -> None:
    first, second = code_with_seed(1), code_with_seed(2)
    assert first.splitlines() == second.splitlines()

"""Knowledge files shipped with the package (code books, lexicon, gazetteers).

Everything here is plain text (TSV/JSONL) so that users can read, correct and extend
it; ``read_tsv`` is the one loader every stage uses.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def data_path(relative: str) -> Path:
    """The path of a shipped data file, e.g. ``data_path("cameo.tsv")``."""
    return Path(str(resources.files("eventwire.data").joinpath(relative)))


def read_tsv(relative: str | Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV file with a header line; ``#`` lines are comments.

    ``relative`` is a path under ``eventwire/data`` or an absolute path (user files).
    """
    path = Path(relative) if Path(relative).is_absolute() else data_path(str(relative))
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            yield {key: (value or "").strip() for key, value in row.items() if key is not None}

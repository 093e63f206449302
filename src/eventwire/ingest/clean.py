"""Boilerplate and normalisation.

Boilerplate lines (comment notices, newsletter prompts) are not removed from the text:
offsets must point into the original article. Instead their character spans are masked
with spaces before parsing, so that no stage can code anything from them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from eventwire.data import read_tsv


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["pattern"], re.IGNORECASE) for row in read_tsv("boilerplate.tsv"))


def boilerplate_spans(text: str, *, tail_lines: int = 6) -> list[tuple[int, int]]:
    """Character spans of boilerplate lines.

    Only short lines are considered (a boilerplate notice is one line of a few words), and
    anywhere in the text, since syndicated copy also puts them at the top.
    """
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and len(stripped) <= 200 and any(p.search(stripped) for p in _boilerplate_patterns()):
            start = offset + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        offset += len(line)
    return spans


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces of the same length (offsets unchanged)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def normalise(text: str) -> str:
    """The text that content hashes are computed on: NFC, whitespace folded, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """A stable key for an article: sha256 of its normalised text (hex, 32 chars)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:32]

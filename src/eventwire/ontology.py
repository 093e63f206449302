"""The CAMEO and PLOVER code books, loaded once from the shipped data files.

``Codebook.load()`` reads ``cameo.tsv`` (code, label, Goldstein value, QuadClass),
``cameo_plover.tsv`` (CAMEO -> PLOVER type, mode, contexts), ``plover.tsv`` (types and
modes) and ``plover_contexts.tsv``, and answers per CAMEO code with a ``CodeInfo``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from eventwire.data import read_tsv

logger = logging.getLogger(__name__)

#: QuadClass of each CAMEO root (SCHEMA.md): 0 neutral statement, 1 verbal cooperation,
#: 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_CLASS_OF_ROOT: dict[str, int] = {
    **{f"{r:02d}": 0 for r in range(1, 3)},
    **{f"{r:02d}": 1 for r in range(3, 6)},
    **{f"{r:02d}": 2 for r in range(6, 9)},
    **{f"{r:02d}": 3 for r in range(9, 14)},
    **{f"{r:02d}": 4 for r in range(14, 21)},
}


class UnknownCodeError(KeyError):
    """A CAMEO code that is not in ``cameo.tsv``."""


@dataclass(frozen=True)
class CodeInfo:
    """Everything the code books say about one CAMEO code."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str  # "" for CAMEO 01 statements, which PLOVER dropped
    plover_mode: str | None
    plover_context: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.code[:2]


class Codebook:
    """CAMEO codes with their PLOVER correspondence. Use ``Codebook.load()`` (cached)."""

    def __init__(self, codes: dict[str, CodeInfo], plover_modes: dict[str, frozenset[str]],
                 contexts: frozenset[str]) -> None:
        self.codes = codes
        self.plover_modes = plover_modes
        self.contexts = contexts

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Codebook:
        plover_modes: dict[str, set[str]] = {}
        for row in read_tsv("plover.tsv"):
            modes = plover_modes.setdefault(row["type"], set())
            if row["mode"]:
                modes.add(row["mode"])
        contexts = frozenset(row["context"] for row in read_tsv("plover_contexts.tsv"))
        mapping = {row["cameo"]: row for row in read_tsv("cameo_plover.tsv")}
        codes: dict[str, CodeInfo] = {}
        for row in read_tsv("cameo.tsv"):
            code = row["code"]
            plover = mapping.get(code, {})
            codes[code] = CodeInfo(
                code=code, name=row["name"], goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]), plover=plover.get("plover", ""),
                plover_mode=plover.get("mode") or None,
                plover_context=tuple(c.strip() for c in plover.get("context", "").split(";")
                                     if c.strip()),
            )
        return cls(codes, {k: frozenset(v) for k, v in plover_modes.items()}, contexts)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> CodeInfo:
        try:
            return self.codes[code]
        except KeyError:
            raise UnknownCodeError(f"unknown CAMEO code {code!r}: not in data/cameo.tsv") from None

    def get(self, code: str) -> CodeInfo | None:
        return self.codes.get(code)

    @property
    def plover_types(self) -> frozenset[str]:
        return frozenset(self.plover_modes)
